"""年度报告第三部分某行的“总计”不等于六类申请人之和。

第三部分每一行的总计 = 自然人 + 商业企业 + 科研机构 + 社会公益组织 + 法律服务机构 + 其他。格式没有
“法人或其他组织”小计列，不要另加。
"""

from ..reportformat import TOTAL_COLUMN
from .base import Hit
from .reporting import format_notice, misadded, report_rule, typed_rows
from .examples import applications_table, report

RULE = report_rule(
    __doc__,
    code="GK305", name="report-row-total-wrong", title="年度报告申请表行合计错误", severity="error",
    citation=format_notice("申请人情况：自然人；法人或其他组织（商业企业、科研机构、社会公益组织、法律服务机构、其他）；总计"),
    fail=report(applications=applications_table(
        mark="carried_over", carried_over="[1, 1, 0, 0, 0, 0, 1]", carried_forward="[1, 1, 0, 0, 0, 0, 1]")),
    passing=report(applications=applications_table(
        carried_over="[1, 1, 0, 0, 0, 0, 2]", carried_forward="[1, 1, 0, 0, 0, 0, 2]")),
)


def check(rec, site):
    for row, values in typed_rows(site, rec):
        added = misadded(values[:TOTAL_COLUMN], values[TOTAL_COLUMN])
        if added is not None:
            yield Hit(("applications", row.key, TOTAL_COLUMN),
                      f"“{row.full_label}”的总计为 {values[TOTAL_COLUMN]}，六类申请人之和为 {added}")
