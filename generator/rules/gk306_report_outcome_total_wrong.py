"""年度报告第三部分“（七）总计”不等于各项办理结果之和。

（七）总计 = （一）予以公开 + （二）部分公开 + （三）不予公开 8 项 + （四）无法提供 3 项 + （五）不予处理 5 项
+ （六）其他处理 3 项，共 21 格，每列都要满足。每件申请只计入一种办理结果（区分处理的只计“部分公开”），
“不予公开”等分组没有自己的小计行，其数等于所属各项之和。
"""

from ..annual import REPORT_INPUTS, figures_for
from ..findings import Citation
from ..reportformat import APPLICATION_COLUMNS, OUTCOME_ROWS
from .base import Hit, Rule
from .examples import applications_table, report

RULE = Rule(
    code="GK306", name="report-outcome-total-wrong", title="年度报告办理结果总计错误", severity="error",
    citation=Citation("国办公开办函〔2021〕30号", None, "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
    explanation=__doc__,
    applies_to=("reports",),
    reads={"reports": REPORT_INPUTS},
    fail_example={"content/reports/gov-2025.yml": report(applications=applications_table(
        mark="total", received="[3, 1, 0, 0, 0, 0, 4]", total="[3, 1, 0, 0, 0, 0, 4]"))},
    pass_example={"content/reports/gov-2025.yml": report(applications=applications_table(
        received="[3, 1, 0, 0, 0, 0, 4]", total="[3, 1, 0, 0, 0, 0, 4]",
        unable_not_held="[1, 0, 0, 0, 0, 0, 1]"))},
)


def check(rec, site):
    figures = figures_for(site, rec)
    if figures.applications_from_ledger:
        return
    t = figures.applications
    for c, column in enumerate(APPLICATION_COLUMNS):
        values = [t[row.key][c] for row in OUTCOME_ROWS]
        total = t["total"][c]
        if total is None or None in values or sum(values) == total:
            continue
        yield Hit(("applications", "total", c),
                  f"第三部分“{column}”列：（七）总计为 {total}，（一）至（六）各项之和为 {sum(values)}")
