"""年度报告第四部分的“总计”不等于四种结果之和。

行政复议、未经复议直接起诉、复议后起诉三组各自满足：总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结。
上年尚未审结的案件，本年审结后按审结结果计入本年相应栏目（本系统的统一口径，见报告说明）。
"""

from ..annual import figures_for
from ..reportformat import REVIEW_COLUMNS, REVIEW_GROUPS
from .base import Hit
from .reporting import format_notice, misadded, report_rule
from .examples import report, reviews_table

RULE = report_rule(
    __doc__,
    code="GK307", name="report-review-total-wrong", title="年度报告复议诉讼总计错误", severity="error",
    citation=format_notice("行政复议：结果维持、结果纠正、其他结果、尚未审结、总计"),
    fail=report(reviews_and_suits=reviews_table(
        mark="suit_direct", suit_direct="[1, 1, 0, 0, 1]")),
    passing=report(reviews_and_suits=reviews_table(
        suit_direct="[1, 1, 0, 1, 3]")),
)


def check(rec, site):
    figures = figures_for(site, rec)
    for key, group in REVIEW_GROUPS:
        *parts, total = figures.reviews[key]
        added = misadded(parts, total)
        if added is not None:
            shown = " + ".join(f"{name}（{v}）" for name, v in zip(REVIEW_COLUMNS, parts))
            yield Hit(("reviews_and_suits", key, len(REVIEW_COLUMNS) - 1),
                      f"第四部分“{group}”：总计为 {total}，{shown} = {added}")
