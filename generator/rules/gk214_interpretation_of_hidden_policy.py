"""政策解读所解读的文件不公开或已撤回。

解读随文件公开，也随文件的状态走，不能无声无息地消失或留下：
- 所解读的文件不是主动公开（依申请公开、不予公开）而解读是主动公开：错误。网站不会显示这篇解读
  （解读会透露文件的内容），请把解读也改为不予公开并写明依据，或撤回它；
- 所解读的文件已撤回（withdrawn）而解读没有撤回：警告。网站照常显示这篇解读，并在页面上注明
  “所解读的文件已撤回”及撤回原因；请确认解读是否也应撤回。
"""

from .common import INTERPRETATION_DUTY, INTERPRETATION_DUTY_ALSO
from .. import vocab
from .base import Hit, Rule
from .examples import interpretation, normative

RULE = Rule(
    code="GK214", name="interpretation-of-hidden-policy", title="解读的文件不公开或已撤回", severity="error",
    citation=INTERPRETATION_DUTY, also=INTERPRETATION_DUTY_ALSO,
    reads={"interpretations": ("disclosure", "interprets", "withdrawn")},
    explanation=__doc__,
    applies_to=("interpretations",),
    fail_example={"content/policies/gongshui.yml": normative(disclosure=vocab.WITHHELD, disclosure_basis=vocab.DISCLOSURE_BASES[0],
                                                              published=None),
                  "content/interpretations/jd-gongshui.yml": interpretation(mark="interprets")},
    pass_example={"content/policies/gongshui.yml": normative(disclosure=vocab.WITHHELD, disclosure_basis=vocab.DISCLOSURE_BASES[0],
                                                              published=None),
                  "content/interpretations/jd-gongshui.yml": interpretation(
                      disclosure=vocab.WITHHELD, disclosure_basis=vocab.DISCLOSURE_BASES[0], published=None)},
)


def check(rec, site):
    m = rec.model
    if m.disclosure != vocab.PUBLIC or m.withdrawn is not None:
        return
    policy = site.records["policies"].get(m.interprets)
    if policy is None:
        return  # GK015 reports a missing policy
    p = policy.model
    if p.disclosure != vocab.PUBLIC:
        yield Hit(("interprets",), f"所解读的文件“{p.title}”为{p.disclosure}，本解读却是主动公开：网站不会显示本解读。"
                                   f"请把本解读也改为不予公开并写明依据 disclosure_basis，或撤回（withdrawn）")
    elif p.withdrawn is not None:
        yield Hit(("interprets",), f"所解读的文件“{p.title}”已于 {p.withdrawn.date} 撤回：网站照常显示本解读并注明文件已撤回。"
                                   f"请确认本解读是否也应撤回（加上 withdrawn: {{date, reason}}）", severity="warning")
