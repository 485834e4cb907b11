"""涉及重大公共利益的决策没有社会稳定风险评估。

议题标为 public_interest（涉及重大公共利益和公众权益、容易引发社会稳定问题）时，必须在
stability_assessment 中记录委托或联合第三方开展的社会稳定风险评估：日期、评估机构、说明。
"""

from ..findings import WORK_RULES, Citation
from .base import Hit, Requirement, Rule
from .examples import decision, normative_with_interpretation

ITEM = "\n  - title: 审议城区老旧小区改造实施方案\n    outcome: 通过\n    public_interest: true"

RULE = Rule(
    code="GK107", name="public-interest-without-stability-assessment", title="缺少社会稳定风险评估", severity="error",
    citation=Citation(WORK_RULES, "第二十六条",
                      "涉及重大公共利益和公众权益、容易引发社会稳定问题的，要委托第三方或联合第三方进行社会稳定风险评估。"),
    explanation=__doc__,
    applies_to=("decisions",),
    fail_example={**normative_with_interpretation(), "content/decisions/cwhy-2026-5.yml": decision(items=ITEM + "  # ←")},
    pass_example={**normative_with_interpretation(), "content/decisions/cwhy-2026-5.yml": decision(items=ITEM + (
        "\n    stability_assessment: {date: 2026-05-15, by: 示例社会风险评估中心, note: 风险等级低}"))},
    reads={"decisions": ("items.public_interest", "items.stability_assessment")},
    requires=(Requirement("items.stability_assessment", "涉及重大公共利益时必填", ("decisions",)),),
)


def check(rec, site):
    for i, item in enumerate(rec.model.items):
        if item.public_interest and item.stability_assessment is None:
            yield Hit(("items", i, "public_interest"), f"议题“{item.title}”涉及重大公共利益，但没有社会稳定风险评估 stability_assessment",
                      omitted=True)
