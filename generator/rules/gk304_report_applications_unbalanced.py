"""年度报告第三部分不平衡：某列“一 + 二”不等于“三（七）总计 + 四”。

格式在表头写明：本列数据的勾稽关系为第一项加第二项之和，等于第三项加第四项之和。每一列
（自然人、五类法人或其他组织、总计）都要满足：本年新收 + 上年结转 = 本年度办理结果总计 + 结转下年度
继续办理。由此也推出：结转下年度的件数不能超过本年新收与上年结转之和。用申请台账计算的表格自动满足。
"""

from ..reportformat import TABLE3_CORNER
from .base import Hit
from .reporting import format_notice, report_rule, typed_columns
from .examples import applications_table, report

RULE = report_rule(
    __doc__,
    code="GK304", name="report-applications-unbalanced", title="年度报告申请表不平衡", severity="error",
    citation=format_notice(TABLE3_CORNER.strip("（）")),
    fail=report(applications=applications_table(
        mark="carried_forward", carried_forward="[1, 0, 0, 0, 0, 0, 1]")),
    passing=report(applications=applications_table(
        received="[3, 1, 0, 0, 0, 0, 4]", carried_forward="[1, 0, 0, 0, 0, 0, 1]")),
)


def check(rec, site):
    for c, column, (a, b, done, left) in typed_columns(site, rec, ("received", "carried_over", "total", "carried_forward")):
        if a + b == done + left:
            continue
        extra = f"；结转下年度（{left}）超过了本年新收与上年结转之和（{a + b}）" if left > a + b else ""
        yield Hit(("applications", "carried_forward", c),
                  f"第三部分“{column}”列：一（{a}）+ 二（{b}）= {a + b}，不等于 三（七）总计（{done}）+ 四（{left}）= {done + left}{extra}")
