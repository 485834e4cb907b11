"""政府信息公开工作年度报告没有按期公布。

县级以上人民政府部门应在每年1月31日前公布本机关上一年度的年度报告，本级人民政府的年度报告由
政府信息公开工作主管部门在每年3月31日前公布（期限可在 rules.deadlines.report_department_due、
report_government_due 中改为上级规定的更早日期）。这是到期才发生的义务：期限已过、报告还没有
公布时提醒（警告，不阻止生成网站）；报告的发布日期晚于期限时同样提醒。一个机关从它在本站的第一份
年度报告起，此后每年都应有报告；本级人民政府从本站出现任何一份年度报告的年度起。
"""

from datetime import date

from ..annual import government_organ, report_deadline
from ..deadlines import Due
from ..findings import Citation
from .base import Hit, Rule
from .examples import report

RULE = Rule(
    code="GK314", name="annual-report-overdue", title="年度报告未按期公布", severity="warning",
    citation=Citation("中华人民共和国政府信息公开条例", "第四十九条",
                      "县级以上人民政府部门应当在每年1月31日前向本级政府信息公开工作主管部门提交本行政机关上一年度政府信息公开工作年度报告并向社会公布。"
                      "县级以上地方人民政府的政府信息公开工作主管部门应当在每年3月31日前向社会公布本级政府上一年度政府信息公开工作年度报告。"),
    explanation=__doc__,
    reads={"reports": ("publisher", "year", "published")},
    fail_example={"content/reports/fgj-2025.yml": report(
        title="示例县发展和改革局2025年政府信息公开工作年度报告", publisher="fgj",
        index_no="116229220139600020/2026-00010", published="2026-02-10", mark="published")},
    pass_example={"content/reports/fgj-2025.yml": report(
        title="示例县发展和改革局2025年政府信息公开工作年度报告", publisher="fgj",
        index_no="116229220139600020/2026-00010", published="2026-01-30"),
        "content/reports/gov-2025.yml": report(published="2026-03-31")},
)


def obligations(site) -> dict[str, int]:
    """Organ id → the first year it owes a report: its first report on the site; for the people's
    government, the first year any report on the site covers."""
    first: dict[str, int] = {}
    for rec in site.sorted("reports"):
        organ, year = rec.model.publisher, rec.model.year
        first[organ] = min(first.get(organ, year), year)
    gov = government_organ(site.config)
    if first and gov is not None:
        first[gov] = min(first.get(gov, 9999), min(first.values()))
    return first


def check_site(site):
    reports = site.records["reports"]
    for organ, since in sorted(obligations(site).items()):
        name = site.organizations[organ].name if organ in site.organizations else organ
        latest = None
        for year in range(since, site.today.year):
            rec = reports.get(f"{organ}-{year}")
            latest = rec or latest
            due = report_due(site, organ, year)
            if not due.late:
                continue
            if due.done is not None:
                yield Hit(("published",), f"{name}{year}年度报告 {due.done} 才公布，晚于期限 {due.deadline}", record=rec)
            elif rec is not None:
                yield Hit(("disclosure",), f"{name}{year}年度报告还没有公布，期限 {due.deadline} 已过", record=rec)
            else:
                target, path = (latest, ("year",)) if latest is not None else (site.config_source, ("government",))
                yield Hit(path, f"缺少{name}{year}年度报告（content/reports/{organ}-{year}.yml）：应于 {due.deadline} 前公布，已逾期",
                          record=target)


def report_due(ctx, organ: str, year: int) -> Due:
    """When ``organ``'s report on ``year`` must be public (条例 第四十九条) and where it stands."""
    deadline = report_deadline(ctx.config, organ, year)
    rec = ctx.records["reports"].get(f"{organ}-{year}")
    done = rec.model.published if rec is not None else None
    return Due(RULE.code, date(year, 12, 31), done, ctx.today, deadline, (done or ctx.today) > deadline)


def due_dates(site, today: date | None = None) -> list[tuple[str, int, date]]:
    """(organ, year, deadline) of every report owed and not yet published: for ``gongkai status``."""
    today = today or site.today
    owed = []
    for organ, since in sorted(obligations(site).items()):
        for year in range(since, today.year):
            rec = site.records["reports"].get(f"{organ}-{year}")
            if rec is None or rec.model.published is None:
                owed.append((organ, year, report_deadline(site.config, organ, year)))
    return owed
