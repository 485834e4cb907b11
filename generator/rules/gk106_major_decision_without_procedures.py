"""重大行政决策缺少法定程序，或未经合法性审查就提交会议讨论。

标为 major 的议题必须在 procedures 中记录公众参与、专家论证、风险评估、合法性审查四项程序
（会议本身即集体讨论决定）；合法性审查的日期不得晚于会议日期——未经合法性审查的不得提交讨论。
"""

from ..findings import WORK_RULES, Citation
from .. import vocab
from .base import Hit, Requirement, Rule
from .examples import MAJOR_ITEM, decision, normative_with_interpretation

RULE = Rule(
    code="GK106", name="major-decision-without-procedures", title="重大行政决策缺少法定程序", severity="error",
    citation=Citation(WORK_RULES, "第二十四条",
                      "把公众参与、专家论证、风险评估、合法性审查和集体讨论决定作为重大行政决策的法定程序……"
                      "未经合法性审查或经审查不合法的，不得提交讨论。"),
    also=(Citation("重大行政决策程序暂行条例", "第三条"),),
    explanation=__doc__,
    applies_to=("decisions",),
    fail_example={**normative_with_interpretation(),
                  "content/decisions/cwhy-2026-5.yml": decision(items=MAJOR_ITEM.replace(
                      "\n      expert_review: {date: 2026-05-06, note: 专家论证会}", "").replace(
                      "major: true", "major: true  # ←"))},
    pass_example={**normative_with_interpretation(), "content/decisions/cwhy-2026-5.yml": decision(items=MAJOR_ITEM)},
    reads={"decisions": ("meeting.date", "items.major", "items.procedures")},
    requires=(Requirement("items.procedures", "重大行政决策时必填", ("decisions",)),),
)


def check(rec, site):
    m = rec.model
    for i, item in enumerate(m.items):
        if not item.major:
            continue
        steps = item.procedures
        missing = [zh for key, zh in vocab.PROCEDURES.items() if steps is None or getattr(steps, key) is None]
        if missing:
            yield Hit(("items", i, "major"), f"重大行政决策“{item.title}”缺少法定程序：{'、'.join(missing)}", at_key=True,
                      omitted=True)
        review = steps.legality_review if steps else None
        if review and review.date > m.meeting.date:
            yield Hit(("items", i, "procedures", "legality_review", "date"),
                      f"合法性审查日期 {review.date} 晚于会议日期 {m.meeting.date}：未经合法性审查的不得提交讨论")
