"""规章或行政规范性文件没有通过合法性审查。

规章和行政规范性文件必须经法制机构（司法局）合法性审查：legality_review 写明审查日期和结论
“合法”，且审查日期不晚于成文日期。未经审查或审查不合法的，不得提交审议、不得发布。
"""

from ..findings import WORK_RULES, Citation
from .. import vocab
from .base import Hit, Requirement, Rule
from .examples import normative_with_interpretation

RULE = Rule(
    code="GK108", name="normative-document-without-legality-review", title="规范性文件未经合法性审查", severity="error",
    citation=Citation(WORK_RULES, "第二十二条", "严格合法性审查，规范性文件不得设定行政许可、行政处罚、行政强制等事项。"),
    also=(Citation(WORK_RULES, "第二十条", "提请县政府审议的规章草案、规范性文件由承担此项职能的机构组织起草，由法制机构审查。"),
          Citation("国办发〔2018〕115号", None, "未经合法性审核或者经审核不合法的，不得提交集体审议。")),
    explanation=__doc__,
    applies_to=("policies",),
    fail_example=normative_with_interpretation(legality_review="\n  date: 2026-05-27\n  result: 不合法  # ←"),
    pass_example=normative_with_interpretation(),
    reads={"policies": ("kind", "written", "legality_review", "legality_review.date", "legality_review.result")},
    requires=(Requirement("legality_review", "规章、行政规范性文件必填", ("policies",)),),
)


def check(rec, site):
    m = rec.model
    if m.kind not in vocab.NORMATIVE_KINDS:
        return
    review = m.legality_review
    if review is None:
        yield Hit(("kind",), f"{m.kind}没有合法性审查记录 legality_review", omitted=True)
    elif review.result != "合法":
        yield Hit(("legality_review", "result"), f"合法性审查结论为“{review.result}”，不得发布")
    elif review.date > m.written:
        yield Hit(("legality_review", "date"), f"合法性审查日期 {review.date} 晚于成文日期 {m.written}")
