"""年度报告第三部分某行的“总计”不等于六类申请人之和。

第三部分每一行的总计 = 自然人 + 商业企业 + 科研机构 + 社会公益组织 + 法律服务机构 + 其他。格式没有
“法人或其他组织”小计列，不要另加。
"""

from ..annual import REPORT_INPUTS, figures_for
from ..findings import Citation
from ..reportformat import APPLICATION_ROWS, TOTAL_COLUMN
from .base import Hit, Rule
from .examples import applications_table, report

RULE = Rule(
    code="GK305", name="report-row-total-wrong", title="年度报告申请表行合计错误", severity="error",
    citation=Citation("国办公开办函〔2021〕30号", None, "申请人情况：自然人；法人或其他组织（商业企业、科研机构、社会公益组织、法律服务机构、其他）；总计"),
    explanation=__doc__,
    applies_to=("reports",),
    reads={"reports": REPORT_INPUTS},
    fail_example={"content/reports/gov-2025.yml": report(applications=applications_table(
        mark="carried_over", carried_over="[1, 1, 0, 0, 0, 0, 1]", carried_forward="[1, 1, 0, 0, 0, 0, 1]"))},
    pass_example={"content/reports/gov-2025.yml": report(applications=applications_table(
        carried_over="[1, 1, 0, 0, 0, 0, 2]", carried_forward="[1, 1, 0, 0, 0, 0, 2]"))},
)


def check(rec, site):
    figures = figures_for(site, rec)
    if figures.applications_from_ledger:
        return
    for row in APPLICATION_ROWS:
        values = figures.applications[row.key]
        if None in values:
            continue
        parts = values[:TOTAL_COLUMN]
        if sum(parts) != values[TOTAL_COLUMN]:
            yield Hit(("applications", row.key, TOTAL_COLUMN),
                      f"“{row.full_label}”的总计为 {values[TOTAL_COLUMN]}，六类申请人之和为 {sum(parts)}")
