"""年度报告与上一年度的报告衔接不上。

跨年度核对（警告）：
- 本年第三部分“二、上年结转”的每一列应等于上年报告“四、结转下年度继续办理”的同一列；
- 本年现行有效的行政规范性文件件数应等于 上年现行有效 + 本年制发 − 本年废止 − 本年因有效期届满失效的件数；
- 上年第四部分“尚未审结”的案件本年应当审结，并按审结结果计入本年（本系统的统一口径），
  所以本年同组的总计不应少于上年尚未审结的件数。
上年报告不在本站时不核对。
"""

from ..annual import figures_for, last_year
from ..reportformat import APPLICATION_COLUMNS, PENDING_COLUMN, REVIEW_GROUPS
from .base import Hit
from .reporting import format_notice, report_rule
from .examples import applications_table, report, report_last_year

RULE = report_rule(
    __doc__,
    code="GK312", name="report-differs-from-last-year", title="年度报告与上年报告衔接不上", severity="warning",
    citation=format_notice("二、上年结转政府信息公开申请数量；四、结转下年度继续办理"),
    beside={"content/reports/gov-2024.yml": report_last_year(applications=applications_table(
        received="[3, 1, 0, 0, 0, 0, 4]", carried_forward="[1, 0, 0, 0, 0, 0, 1]"))},
    fail=report(applications=applications_table(mark="carried_over")),
    passing=report(applications=applications_table(
        carried_over="[1, 0, 0, 0, 0, 0, 1]", disclosed="[2, 1, 0, 0, 0, 0, 3]", total="[3, 1, 0, 0, 0, 0, 4]")),
)


def check(rec, site):
    previous = last_year(site, rec)
    if previous is None:
        return
    now, before = figures_for(site, rec), figures_for(site, previous)
    year = rec.model.year
    where = ("applications", "carried_over") if not now.applications_from_ledger else ("year",)
    for c, column in enumerate(APPLICATION_COLUMNS):
        this, last = now.applications["carried_over"][c], before.applications["carried_forward"][c]
        if this is not None and last is not None and this != last:
            yield Hit(where + ((c,) if len(where) > 1 else ()),
                      f"“二、上年结转·{column}”为 {this}，{year - 1}年报告“四、结转下年度继续办理”为 {last}")
    typed = previous.model.active.normative
    last_in_force = before.normative[2]
    if typed is not None and len(typed) == 3 and typed[2] is not None and typed[2].strip().isdigit():
        last_in_force = int(typed[2])
    issued, repealed, in_force = now.normative
    expected = last_in_force + issued - repealed - now.normative_expired
    if in_force != expected:
        yield Hit(("active", "normative") if rec.model.active.normative else ("year",),
                  f"行政规范性文件现行有效 {in_force} 件，按上年 {last_in_force} + 制发 {issued} − 废止 {repealed}"
                  f" − 失效 {now.normative_expired} 应为 {expected} 件")
    for key, group in REVIEW_GROUPS:
        pending, total = before.reviews[key][PENDING_COLUMN], now.reviews[key][-1]
        if pending and total is not None and total < pending:
            yield Hit(("reviews_and_suits", key, len(now.reviews[key]) - 1),
                      f"{year - 1}年“{group}”尚未审结 {pending} 件，本年审结后应计入本年，但本年总计只有 {total} 件")
