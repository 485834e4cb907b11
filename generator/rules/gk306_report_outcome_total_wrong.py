"""年度报告第三部分“（七）总计”不等于各项办理结果之和。

（七）总计 = （一）予以公开 + （二）部分公开 + （三）不予公开 8 项 + （四）无法提供 3 项 + （五）不予处理 5 项
+ （六）其他处理 3 项，共 21 格，每列都要满足。每件申请只计入一种办理结果（区分处理的只计“部分公开”），
“不予公开”等分组没有自己的小计行，其数等于所属各项之和。
"""

from ..reportformat import OUTCOME_ROWS
from .base import Hit
from .reporting import ONE_OUTCOME_EACH, misadded, report_rule, typed_columns
from .examples import applications_table, report

RULE = report_rule(
    __doc__,
    code="GK306", name="report-outcome-total-wrong", title="年度报告办理结果总计错误", severity="error",
    citation=ONE_OUTCOME_EACH,
    fail=report(applications=applications_table(
        mark="total", received="[3, 1, 0, 0, 0, 0, 4]", total="[3, 1, 0, 0, 0, 0, 4]")),
    passing=report(applications=applications_table(
        received="[3, 1, 0, 0, 0, 0, 4]", total="[3, 1, 0, 0, 0, 0, 4]",
        unable_not_held="[1, 0, 0, 0, 0, 0, 1]")),
)


def check(rec, site):
    for c, column, (total, *outcomes) in typed_columns(site, rec, ("total", *(row.key for row in OUTCOME_ROWS))):
        added = misadded(outcomes, total)
        if added is not None:
            yield Hit(("applications", "total", c),
                      f"第三部分“{column}”列：（七）总计为 {total}，（一）至（六）各项之和为 {added}")
