"""年度报告的信息处理费与第三部分不一致。

第三部分“（六）2.申请人逾期未按收费通知要求缴纳费用”大于 0 时，第六部分报告的发出收费通知件数
不能少于它；报告实际收取了信息处理费，而第三部分本年没有任何申请时，收费无从说起；实际收取的
金额也不能超过收费通知的总金额。依申请公开原则上不收费，只有申请数量、频次明显超过合理范围时
才可按《政府信息公开信息处理费管理办法》收取。
"""

from ..annual import figures_for
from ..findings import Citation
from ..reportformat import TOTAL_COLUMN
from .base import Hit
from .reporting import report_rule
from .examples import applications_table, report

RULE = report_rule(
    __doc__,
    code="GK310", name="report-fees-inconsistent", title="年度报告信息处理费前后不一", severity="warning",
    citation=Citation("中华人民共和国政府信息公开条例", "第四十二条",
                      "行政机关依申请提供政府信息，不收取费用。但是，申请人申请公开政府信息的数量、频次明显超过合理范围的，行政机关可以收取信息处理费"),
    fail=report(
        applications=applications_table(received="[3, 1, 0, 0, 0, 0, 4]", total="[3, 1, 0, 0, 0, 0, 4]",
                                        other_unpaid_fee="[1, 0, 0, 0, 0, 0, 1]"),
        processing_fees="\n  notices: 0  # ←\n  billed: 0\n  collected: 0"),
    passing=report(
        applications=applications_table(received="[3, 1, 0, 0, 0, 0, 4]", total="[3, 1, 0, 0, 0, 0, 4]",
                                        other_unpaid_fee="[1, 0, 0, 0, 0, 0, 1]"),
        processing_fees="\n  notices: 1\n  billed: 380\n  collected: 0"),
)


def check(rec, site):
    f = figures_for(site, rec)
    unpaid = f.applications["other_unpaid_fee"][TOTAL_COLUMN]
    notices, billed, collected = f.fees["notices"], f.fees["billed"], f.fees["collected"]
    if unpaid and notices is not None and notices < unpaid:
        yield Hit(("processing_fees", "notices"),
                  f"第三部分有 {unpaid} 件因逾期未缴费不再处理，但发出收费通知只有 {notices} 件")
    handled = [f.applications[k][TOTAL_COLUMN] for k in ("received", "carried_over")]
    if collected and None not in handled and sum(handled) == 0:
        yield Hit(("processing_fees", "collected"), f"实际收取信息处理费 {collected} 元，但第三部分本年没有任何申请")
    if collected is not None and billed is not None and collected > billed:
        yield Hit(("processing_fees", "collected"), f"实际收取 {collected} 元，超过收费通知的总金额 {billed} 元")
