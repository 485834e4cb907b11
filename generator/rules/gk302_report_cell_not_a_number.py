"""年度报告表格中的数不是不小于 0 的整数（金额不是不小于 0 的数）。

件数只能是 0 或正整数；行政事业性收费（万元）和信息处理费金额（元）可以有小数，但不能为负。
负数、小数件数、带单位或文字的格子都无法核对勾稽关系。空格由 GK301 报告。
"""

from ..annual import BLANKS, amount, count, figures_for, typed_cells
from .base import Hit
from .reporting import format_notice, report_rule
from .examples import active_block, report

RULE = report_rule(
    __doc__,
    code="GK302", name="report-cell-not-a-number", title="年度报告表格的数不合要求", severity="error",
    citation=format_notice("本年收费金额（单位：万元）"),
    fail=report(active=active_block(mark="penalties", penalties="-3")),
    passing=report(active=active_block(fees="0.5")),
)


def check(rec, site):
    figures = figures_for(site, rec)
    for cell in typed_cells(rec.model, figures.applications_from_ledger):
        if not cell.present or cell.raw is None or cell.raw.strip() in BLANKS:
            continue
        if cell.decimal and amount(cell.raw) is None:
            yield Hit(cell.path, f"“{cell.label}”为“{cell.raw}”：应为不小于 0 的数（可有小数，不写单位）")
        elif not cell.decimal and count(cell.raw) is None:
            yield Hit(cell.path, f"“{cell.label}”为“{cell.raw}”：应为不小于 0 的整数")
