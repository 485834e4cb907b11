"""日期前后矛盾，或晚于今天。

发布日期不能早于成文日期，印发日期不能早于成文日期，会议决定事项不能在会议之前发布，解读不能早于
所解读的文件发布，答复不能早于交办，办理结果不能在答复之前公开；已经发生的日期（发布、成文、印发、审查、会议、交办、
答复、更新、废止、导入日期）都不能晚于今天（--today）——虚假的发布日期是政府网站检查的单项否决项。
施行日期 effective、有效期 expires、延期至 extended_to 可以在将来。导入的历史记录（imported）的发布日期
不能晚于导入日期：新记录不能借 imported 放宽检查。
撤回日期不能晚于今天。发布日期 published 可以在将来：这是预定发布，到那天之前记录照常检查，但不出现在网站的
任何页面、搜索、订阅和数据中，到那天重新生成后才公开（倒签的发布日期见 GK213）。
"""

from .. import vocab

from .common import TRUE_DATES
from .base import EVERY_TYPE, Hit, Rule
from .examples import policy, policy_examples

PAST_ONLY = {
    "policies": ("written", "issued", "repealed_on", ("legality_review", "date")),
    "interpretations": (),
    "decisions": (("meeting", "date"),),
    "proposals": ("assigned", "replied"),
    "reports": (),
}
"""Dates of what has already happened. 发布日期 ``published`` may lie ahead: the record is scheduled
and appears on the site on that day (``public.is_public``)."""

RULE = Rule(
    code="GK206", name="impossible-date", title="日期不可能", severity="error",
    citation=TRUE_DATES,
    explanation=__doc__,
    applies_to=EVERY_TYPE,
    **policy_examples(policy(published="2026-05-28", mark="published")),
    reads={"*": ("published", "changes", "imported", "withdrawn", "withdrawn.date"),
           "policies": ("written", "issued", "legality_review", "legality_review.date", "repealed_on"),
           "interpretations": ("interprets",),
           "decisions": ("meeting.date", "items.procedures", "items.stability_assessment"),
           "proposals": ("assigned", "replied")},
)


def _get(model, path):
    for key in path:
        model = getattr(model, key, None) if not isinstance(key, int) else model[key]
        if model is None:
            return None
    return model


def _dated_paths(rec):
    m = rec.model
    for key in PAST_ONLY[rec.type]:
        yield (key,) if isinstance(key, str) else key
    for i, _ in enumerate(m.changes):
        yield ("changes", i, "date")
    yield ("imported", "on")
    yield ("withdrawn", "date")
    if rec.type == "decisions":
        for i, item in enumerate(m.items):
            if item.procedures:
                for step in vocab.PROCEDURES:
                    yield ("items", i, "procedures", step, "date")
            yield ("items", i, "stability_assessment", "date")


def check(rec, site):
    m = rec.model
    for path in _dated_paths(rec):
        value = _get(m, path)
        if value is not None and value > site.today:
            yield Hit(path, f"日期 {value} 晚于今天（{site.today}）：不能预先填写尚未发生的日期")
    before = []
    if rec.type == "policies":
        before = [("published", "written", "发布日期", "成文日期"), ("issued", "written", "印发日期", "成文日期"),
                  ("published", "issued", "发布日期", "印发日期")]
    elif rec.type == "decisions" and m.published and m.published < m.meeting.date:
        yield Hit(("published",), f"发布日期 {m.published} 早于会议日期 {m.meeting.date}")
    elif rec.type == "proposals":
        before = [("replied", "assigned", "答复日期", "交办日期"), ("published", "replied", "发布日期", "答复日期")]
    elif rec.type == "interpretations":
        # the one owner of this problem: GK102 judges only the interpretation deadline
        policy = site.records["policies"].get(m.interprets_id) if m.interprets_id else None
        if policy and m.published and policy.model.published and m.published < policy.model.published:
            yield Hit(("published",), f"解读发布日期 {m.published} 早于所解读文件的发布日期 {policy.model.published}")
    if m.imported is not None and m.published is not None and m.published > m.imported.on:
        yield Hit(("published",), f"发布日期 {m.published} 晚于导入日期 {m.imported.on}：imported 只用于在原网站发布过、"
                  f"导入本站的历史记录，新记录不能写 imported")
    for later, earlier, later_zh, earlier_zh in before:
        a, b = getattr(m, later), getattr(m, earlier)
        if a is not None and b is not None and a < b:
            yield Hit((later,), f"{later_zh} {a} 早于{earlier_zh} {b}")
