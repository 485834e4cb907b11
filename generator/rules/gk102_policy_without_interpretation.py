"""规章或行政规范性文件没有同步发布政策解读。

按照“谁起草、谁解读”和文件与解读“同步组织、同步审签、同步部署”的要求，主动公开的规章和
行政规范性文件，应在发布后 rules.deadlines.interpretation_workdays 个工作日内（默认 {default:interpretation_workdays} 个，
0 表示同日）发布政策解读。期限未到时不报。解读早于文件发布的，由 GK206（日期不可能）报告。
"""

from .. import vocab
from ..deadlines import Due, workday_due
from ..findings import Citation
from .base import Hit, Rule
from .examples import normative, normative_with_interpretation

RULE = Rule(
    code="GK102", name="policy-without-interpretation", title="政策文件缺少解读", severity="error",
    citation=Citation("康乐县人民政府工作规则", "第三十三条",
                      "县政府及各部门要加强政策解读，准确传递政策意图，重视市场和社会反映，及时回应公众关切，解疑释惑，稳定预期。"),
    also=(Citation("国办发〔2016〕80号", None, "同步组织、同步审签、同步部署"),),
    explanation=__doc__,
    applies_to=("policies",),
    fail_example={"content/policies/gongshui.yml": normative(mark="published")},
    pass_example=normative_with_interpretation(),
    reads={"policies": ("published", "disclosure", "kind")},
)


def interpretation_due(rec, ctx) -> Due | None:
    """The interpretation deadline of a policy: ``interpretation_workdays`` working days after it is
    published, met by its first public interpretation. None when the policy needs none (not a
    规章 or 行政规范性文件, not 主动公开, or not published)."""
    m = rec.model
    if m.kind not in vocab.NORMATIVE_KINDS or m.disclosure != vocab.PUBLIC or m.published is None:
        return None
    dates = [i.model.published for i in ctx.interpretations_of.get(rec.id, ())
             if i.model.disclosure == vocab.PUBLIC and i.model.published]
    return workday_due(RULE.code, ctx.calendar, m.published, ctx.config.rules.deadlines.interpretation_workdays,
                       min(dates, default=None), ctx.today)


def check(rec, site):
    m = rec.model
    due = interpretation_due(rec, site)
    if due is None or not due.verdict():
        return
    days = site.config.rules.deadlines.interpretation_workdays
    if due.done is not None:
        yield Hit(("published",), f"{m.kind}的解读迟至 {due.done} 才发布，应在文件发布后 {days} 个工作日内（{due.deadline} 前）发布")
    else:
        yield Hit(("published",), f"{m.kind}发布于 {m.published}，应在 {days} 个工作日内（{due.deadline} 前）发布政策解读，至今没有")
