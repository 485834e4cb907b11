"""``gongkai status``: what the office must act on, as of ``--today``.

A report for the office, not a gate (exit 0 whatever it lists; 2 when it cannot run). Seven kinds
of item, in this order:

- 建议提案逾期未答复: unanswered and past the deadline — ``extended_to``, or ``assigned`` plus
  ``proposal_reply_months`` moved to the next working day (GK103);
- 建议提案即将到期: unanswered, the deadline at most ``--soon`` working days away;
- 办理结果待公开: answered, the reply not withheld, no 发布日期 yet — the
  ``proposal_publish_workdays`` window still open or already passed (GK104);
- 政策文件缺少解读: a published 主动公开 规章/行政规范性文件 with no public interpretation, the
  ``interpretation_workdays`` window open or passed (GK102);
- 年度报告待公布: an organ's 政府信息公开工作年度报告 on a past year not yet published, its
  deadline (31 January for a department, 31 March for the people's government, or the earlier
  dates of ``rules.deadlines``) still ahead or already passed (GK314: from an organ's first report
  on the site; the people's government from the first year any report covers);
- 文件即将到期: a public policy in force (有效 or 已修改) whose ``expires`` falls within six calendar
  months after today: 有效期届满前评估;
- 预定发布: a 主动公开 record whose 发布日期 is still ahead: checked now, on the site from that day
  (the site must be rebuilt on or after it; the CI templates rebuild daily).

Deadlines come from the functions the rules export (GK102 ``interpretation_due``, GK103
``reply_due``, GK104 ``publication_due``, GK314 ``due_dates``), so they are the checker's own; a record that waives the
corresponding rule, or a rule switched ``off`` in ``rules.severity``, lists nothing
(``check.silenced``, as in the checker). When the holiday table lacks a year a deadline needs, the item
is still listed, with what can be known without guessing and a note naming the year. Record
files with format problems are skipped silently: ``gongkai check`` reports them.
"""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from dataclasses import dataclass
from datetime import date

from ..check import silenced
from ..deadlines import Due
from ..display import zh_date
from ..site import CONTENT_DIR
from ..vocab import PUBLIC
from ..rules.gk102_policy_without_interpretation import RULE as GK102, interpretation_due
from ..rules.gk103_proposal_answered_late import RULE as GK103, reply_due
from ..rules.gk104_proposal_result_not_published import publication_due
from ..rules.gk314_annual_report_overdue import RULE as GK314, due_dates
from ..workdays import CalendarYearMissing, WorkCalendar

OVERDUE = "建议提案逾期未答复"
DUE_SOON = "建议提案即将到期"
UNPUBLISHED = "办理结果待公开"
NO_INTERPRETATION = "政策文件缺少解读"
ANNUAL_REPORT = "年度报告待公布"
EXPIRING = "文件即将到期"
SCHEDULED = "预定发布"
CATEGORIES = (OVERDUE, DUE_SOON, UNPUBLISHED, NO_INTERPRETATION, ANNUAL_REPORT, EXPIRING, SCHEDULED)

FORMATS = ("text", "json")
DEFAULT_SOON = 10
EXPIRY_MONTHS = 6
TITLE_WIDTH = 36
NOTHING = "暂无需要处理的事项"


# ---------------------------------------------------------------- command


HELP = "列出需要处理的事项（逾期、即将到期、待公开、缺解读、年度报告、有效期届满）"
DESCRIPTION = (
    "列出截至今天需要处理的事项：建议提案逾期或即将到期、办理结果待公开、"
    "规范性文件缺少解读、上一年度的年度报告待公布、文件有效期即将届满。这是一份报告，不是校验："
    "退出码 0；无法运行（参数或 site_config.yml 有误）时为 2。"
)


def add_arguments(p, site_args) -> None:
    site_args(p)
    p.add_argument("--format", choices=FORMATS, default="text", help="输出格式（默认 text）")
    p.add_argument("--soon", type=_workday_count, default=DEFAULT_SOON, metavar="N",
                   help=f"距期限不超过 N 个工作日即列为“即将到期”（默认 {DEFAULT_SOON}）")


def _workday_count(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"“{text}”不是整数") from None
    if n < 0:
        raise argparse.ArgumentTypeError(f"工作日数不能为负数：{n}")
    return n


def run(args) -> int:
    from ..cli import UsageError
    from ..site import load_site

    today = args.today or date.today()
    site = load_site(args.root, today)  # ConfigError: handled by cli.main (exit 2)
    try:
        site.calendar
    except ValueError as exc:  # e.g. one date listed as both holiday and working day
        raise UsageError(f"site_config.yml 无法使用：{exc}") from None
    report = collect(site, args.soon)
    if args.format == "json":
        sys.stdout.write(json.dumps(report.as_json(), ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(render_text(report))
    return 0


# ---------------------------------------------------------------- items


@dataclass
class Item:
    category: str
    path: str
    id: str
    title: str
    unit: str
    dates: dict
    """ISO dates (``date``), counts (``int``), ``bool``; ``None`` where the calendar cannot say."""
    action: str
    note: str | None = None
    missing_year: int | None = None
    """The year the holiday table lacks, when ``note`` says so."""
    sort_key: tuple = ()
    rule: str | None = None
    """The checker rule whose deadline this is: its waivers and ``off`` setting apply here too."""

    def as_json(self) -> dict:
        return {"category": self.category, "path": self.path, "id": self.id, "title": self.title,
                "unit": self.unit, "dates": {k: _json_value(v) for k, v in self.dates.items()},
                "action": self.action, "note": self.note}


@dataclass
class Report:
    today: date
    soon: int
    items: list[Item]

    @property
    def missing_years(self) -> dict[int, str]:
        """Year → how to add it to the calendar, for every year a listed item's note names."""
        years = sorted({i.missing_year for i in self.items if i.missing_year is not None})
        return {y: str(CalendarYearMissing(y)) for y in years}

    def by_category(self) -> dict[str, list[Item]]:
        groups: dict[str, list[Item]] = {c: [] for c in CATEGORIES}
        for item in self.items:
            groups[item.category].append(item)
        return groups

    def summary(self) -> dict[str, int]:
        return {c: len(items) for c, items in self.by_category().items()}

    def as_json(self) -> dict:
        return {"today": self.today.isoformat(), "soon_workdays": self.soon,
                "items": [i.as_json() for i in self.items], "summary": self.summary()}


def _json_value(v):
    return v.isoformat() if isinstance(v, date) else v


def collect(site, soon: int = DEFAULT_SOON) -> Report:
    """Every item needing action on ``site.today``, grouped in category order, most urgent first."""
    today = site.today
    report = Report(today, soon, [])
    flawed = {p.source.relpath for p in site.problems}
    ctx = _Context(site, today, soon, site.calendar)
    found = [item
             for type_, build in (("proposals", _proposal_items), ("policies", _policy_items))
             # an imported record is history: no duty of it can be acted on any more
             for rec in site.sorted(type_) if rec.source.relpath not in flawed and rec.model.imported is None
             for item in _guarded(ctx, rec, build) if item.rule is None or not silenced(site, rec, item.rule)]
    found += [_scheduled(ctx, rec) for rec in site.all_records()
              if rec.source.relpath not in flawed and _is_scheduled(rec.model, today)]
    found += _annual_reports(ctx)
    order = {c: i for i, c in enumerate(CATEGORIES)}
    report.items = sorted(found, key=lambda i: (order[i.category], i.sort_key, i.path))
    return report


@dataclass
class _Context:
    site: object
    today: date
    soon: int
    cal: WorkCalendar
    _view: object = None

    def unit(self, org_id: str | None) -> str:
        org = self.site.organizations.get(org_id) if org_id else None
        return org.name if org else (org_id or "")

    @property
    def view(self):
        if self._view is None:
            from ..public import public_view
            self._view = public_view(self.site)
        return self._view


def _is_scheduled(m, today: date) -> bool:
    return m.disclosure == PUBLIC and m.published is not None and m.published > today and m.withdrawn is None


def _scheduled(ctx: _Context, rec) -> Item:
    from ..models import RECORD_TYPE_ZH

    m = rec.model
    return Item(SCHEDULED, rec.source.relpath, rec.id, m.title, ctx.unit(m.publisher_id),
                dates={"published": m.published, "days_left": (m.published - ctx.today).days},
                action=f"{RECORD_TYPE_ZH[rec.type]}，{zh_date(m.published)}起在网站公开（当天或之后重新生成站点）",
                sort_key=(m.published,))


def _annual_reports(ctx: _Context) -> list[Item]:
    """The annual reports GK314 counts as owed and not yet published (a report record that waives
    GK314, or the rule switched off, lists nothing)."""
    site = ctx.site
    items = []
    for organ, year, deadline in due_dates(site, ctx.today):
        rec = site.records["reports"].get(f"{organ}-{year}")
        if silenced(site, rec, GK314.code):
            continue
        name = ctx.unit(organ)
        days = (ctx.today - deadline).days
        dates = {"deadline": deadline, **({"days_overdue": days} if days > 0 else {"days_left": -days})}
        action = (f"已逾期，尽快公布{year}年度报告" if days > 0 else f"{zh_date(deadline)}前公布{year}年度报告") \
            + (f"（可用 gongkai new report --publisher {organ} 起草）" if rec is None else "")
        path = rec.source.relpath if rec is not None else f"{CONTENT_DIR}/reports/{organ}-{year}.yml"
        items.append(Item(ANNUAL_REPORT, path, f"{organ}-{year}", f"{name}{year}年政府信息公开工作年度报告", name,
                          dates=dates, action=action, sort_key=(deadline, organ), rule=GK314.code))
    return items


def _guarded(ctx: _Context, rec, build):
    """A year the calendar lacks in a place not foreseen below still lists the record, with a note."""
    try:
        return list(build(ctx, rec))
    except CalendarYearMissing as exc:
        policy = rec.type == "policies"
        return [Item(category=NO_INTERPRETATION if policy else OVERDUE, rule=GK102.code if policy else GK103.code,
                     path=rec.source.relpath, id=rec.id, title=rec.model.title,
                     unit=ctx.unit(rec.model.publisher_id), dates={},
                     action="补充节假日数据后重新运行 gongkai status", note=f"{_missing(exc)}，无法计算期限",
                     missing_year=exc.year, sort_key=(date.min,))]


def _missing(exc: CalendarYearMissing) -> str:
    return f"缺少{exc.year}年节假日和调休安排"


# ---------------------------------------------------------------- calendar helpers


@dataclass
class _Window:
    """A deadline ``n`` working days after a start, judged on ``today``."""

    deadline: date | None
    passed: bool | None
    days_overdue: int | None = None
    workdays_left: int | None = None
    workdays_left_at_least: int | None = None
    missing: CalendarYearMissing | None = None


def _workdays_left(cal: WorkCalendar, today: date, end: date) -> tuple[int, CalendarYearMissing | None]:
    """Working days in (today, end]; when a year is missing, those countable before it (a lower bound)."""
    try:
        return cal.workdays_between(today, end), None
    except CalendarYearMissing as exc:
        last_known = date(exc.year - 1, 12, 31)
        if today <= last_known < end:
            try:
                return cal.workdays_between(today, last_known), exc
            except CalendarYearMissing:
                pass
        return 0, exc


def _window(cal: WorkCalendar, due: Due) -> _Window:
    """Where a working-day deadline stands today: the checker's verdict, plus what is left of it."""
    if due.deadline is None:
        if due.late is None:
            return _Window(None, None, missing=due.missing)
        # The deadline lies in a year without data, the years up to today are known: still open.
        left, _ = _workdays_left(cal, due.today, date(due.missing.year, 12, 31))
        return _Window(None, False, workdays_left_at_least=left, missing=due.missing)
    if due.late:
        return _Window(due.deadline, True, days_overdue=(due.today - due.deadline).days)
    left, missing = _workdays_left(cal, due.today, due.deadline)
    if missing is not None:
        return _Window(due.deadline, False, workdays_left_at_least=left, missing=missing)
    return _Window(due.deadline, False, workdays_left=left)


def _window_dates(w: _Window) -> dict:
    dates = {"deadline": w.deadline, "window_passed": w.passed}
    if w.passed:
        dates["days_overdue"] = w.days_overdue
    else:
        dates["workdays_left"] = w.workdays_left
        if w.workdays_left_at_least is not None:
            dates["workdays_left_at_least"] = w.workdays_left_at_least
    return dates


# ---------------------------------------------------------------- proposals


def _proposal_items(ctx: _Context, rec):
    m = rec.model
    if m.replied is not None:
        yield from _unpublished_result(ctx, rec)
        return
    cal, today = ctx.cal, ctx.today
    dates: dict = {"assigned": m.assigned}
    if m.extended_to is not None:
        dates["extended_to"] = m.extended_to
    due = reply_due(m, ctx.site)
    if due is None:
        return  # an imported record without 交办日期: no deadline is guessed
    deadline, plain, missing = due.deadline, due.floor, due.missing  # plain: the deadline is no earlier
    base = dict(path=rec.source.relpath, id=rec.id, title=m.title, unit=ctx.unit(m.lead), rule=due.rule)
    extend = "" if m.extended_to is not None else "；确需延期的，报批后填写 extended_to"
    reply = "尽快答复代表委员；答复后填写 replied（和已知的 result、satisfaction）"

    if deadline is not None:
        if today > deadline:
            days = (today - deadline).days
            yield Item(OVERDUE, **base, dates={**dates, "deadline": deadline, "days_overdue": days},
                       action=f"已逾期{days}天，{reply}", sort_key=(deadline,))
            return
        left, gap = _workdays_left(cal, today, deadline)
        if left > ctx.soon:
            return  # exact, or (a year missing) already a lower bound above --soon
        action = f"在{zh_date(deadline)}前答复{extend}"
        if gap is None:
            yield Item(DUE_SOON, **base, dates={**dates, "deadline": deadline, "workdays_left": left},
                       action=action, sort_key=(deadline,))
        else:
            yield Item(DUE_SOON, **base,
                       dates={**dates, "deadline": deadline, "workdays_left": None, "workdays_left_at_least": left},
                       action=action, note=f"{_missing(gap)}，剩余工作日只能算出至少{left}个",
                       missing_year=gap.year, sort_key=(deadline,))
        return

    # The holiday table lacks the deadline's year: it is `plain`, or the first working day after it.
    if today > plain:
        days = (today - plain).days
        yield Item(OVERDUE, **base,
                   dates={**dates, "deadline": None, "deadline_not_before": plain, "days_overdue": None,
                          "days_past_calendar_deadline": days},
                   action=f"按日历期限已过{days}天，{reply}",
                   note=f"{_missing(missing)}，无法确定期限是否因节假日顺延，可能已逾期",
                   missing_year=missing.year, sort_key=(plain,))
        return
    left, _ = _workdays_left(cal, today, plain)
    if left > ctx.soon:
        return  # even the working days countable now exceed --soon
    yield Item(DUE_SOON, **base,
               dates={**dates, "deadline": None, "deadline_not_before": plain, "workdays_left": None,
                      "workdays_left_at_least": left},
               action=f"抓紧答复（期限不早于{zh_date(plain)}）{extend}",
               note=f"{_missing(missing)}，无法计算准确期限和剩余工作日", missing_year=missing.year,
               sort_key=(plain,))


def _unpublished_result(ctx: _Context, rec):
    m = rec.model
    due = publication_due(m, ctx.site)
    if due is None or due.done is not None:
        return
    days = ctx.site.config.rules.deadlines.proposal_publish_workdays
    what = f"公开办理结果（复文{m.reply_disclosure}）" if m.reply_disclosure else "公开办理结果"
    yield _window_item(ctx, rec, due, UNPUBLISHED, ctx.unit(m.publisher_id), {"replied": m.replied}, "公开期限", (
        f"公开期限已过{{}}天，立即{what}，填写发布日期 published",
        f"在{{}}前{what}，填写发布日期 published",
        f"在答复后{days}个工作日内{what}，填写发布日期 published"))


def _window_item(ctx: _Context, rec, due: Due, category: str, unit: str, dates: dict, period: str,
                 actions: tuple[str, str, str]) -> Item:
    """The item for a working-day deadline not met yet. ``actions``: what to do when it has passed
    ({} the days overdue), while it runs ({} the deadline), and when the deadline is unknown."""
    w = _window(ctx.cal, due)
    passed, running, unknown = actions
    if w.passed:
        action = passed.format(w.days_overdue)
    elif w.deadline is not None:
        action = running.format(zh_date(w.deadline))
    else:
        action = unknown
    return Item(category, rec.source.relpath, rec.id, rec.model.title, unit, dates={**dates, **_window_dates(w)},
                action=action, **_window_note(w, period), sort_key=(w.deadline or date.max,), rule=due.rule)


def _window_note(w: _Window, what: str) -> dict:
    if w.missing is None:
        return {}
    tail = f"无法判断{what}是否已过" if w.passed is None else f"无法计算准确的{what}"
    return {"note": f"{_missing(w.missing)}，{tail}", "missing_year": w.missing.year}


# ---------------------------------------------------------------- policies


def _policy_items(ctx: _Context, rec):
    yield from _missing_interpretation(ctx, rec)
    yield from _expiring(ctx, rec)


def _missing_interpretation(ctx: _Context, rec):
    m = rec.model
    due = interpretation_due(rec, ctx.site)
    # an interpretation published at all counts here (a late one is the checker's business)
    if due is None or due.done is not None or m.published > ctx.today:
        return
    days = ctx.site.config.rules.deadlines.interpretation_workdays
    yield _window_item(ctx, rec, due, NO_INTERPRETATION, ctx.unit(m.issuer[0]), {"published": m.published}, "解读期限", (
        "解读期限已过{}天，起草单位尽快发布政策解读（谁起草、谁解读）",
        "在{}前发布政策解读（与文件同步部署）",
        f"在文件发布后{days}个工作日内发布政策解读"))


def _expiring(ctx: _Context, rec):
    from ..vocab import VALIDITY_AMENDED, VALIDITY_IN_FORCE

    m = rec.model
    today = ctx.today
    if m.expires is None or not today <= m.expires <= WorkCalendar.add_months(today, EXPIRY_MONTHS):
        return
    public = ctx.view.get("policies", rec.id)
    if public is None or ctx.view.validity(public).status not in (VALIDITY_IN_FORCE, VALIDITY_AMENDED):
        return
    yield Item(EXPIRING, rec.source.relpath, rec.id, m.title, ctx.unit(m.issuer[0]),
               dates={"effective": m.effective or m.published, "expires": m.expires,
                      "days_left": (m.expires - today).days},
               action=f"有效期届满前评估：{zh_date(m.expires)}前评估实施情况，决定延续（重新发布）、修改或废止",
               sort_key=(m.expires,))


# ---------------------------------------------------------------- text


def display_width(text: str) -> int:
    """Columns ``text`` takes in a terminal: wide and fullwidth characters count two."""
    width = 0
    for ch in text:
        if unicodedata.combining(ch):
            continue
        width += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return width


def _pad(text: str, width: int) -> str:
    return text + " " * (width - display_width(text))


def _clip(text: str, width: int) -> str:
    text = " ".join(text.split())
    if display_width(text) <= width:
        return text
    out, used = "", 0
    for ch in text:
        w = display_width(ch)
        if used + w > width - 3:
            break
        out, used = out + ch, used + w
    return out + "..."


def _day(v) -> str:
    return zh_date(v) if isinstance(v, date) else "未知"


def _deadline(d: dict) -> str:
    if d.get("deadline") is not None:
        return zh_date(d["deadline"])
    if d.get("deadline_not_before") is not None:
        return f"不早于{zh_date(d['deadline_not_before'])}"
    return "未知"


def _left(d: dict) -> str:
    if d.get("window_passed") or d.get("days_overdue") is not None:
        return f"已过期{d['days_overdue']}天" if d.get("days_overdue") is not None else "可能已过期"
    if d.get("workdays_left") is not None:
        return f"剩{d['workdays_left']}个工作日"
    if d.get("workdays_left_at_least") is not None:
        return f"至少剩{d['workdays_left_at_least']}个工作日"
    return "未知"


def _overdue(d: dict) -> str:
    if d.get("days_overdue") is not None:
        return f"{d['days_overdue']}天"
    if d.get("days_past_calendar_deadline") is not None:
        return f"按日历{d['days_past_calendar_deadline']}天"
    return "未知"


COLUMNS = {
    OVERDUE: [("交办日期", lambda d: _day(d.get("assigned"))), ("办理期限", _deadline), ("逾期", _overdue)],
    DUE_SOON: [("交办日期", lambda d: _day(d.get("assigned"))), ("办理期限", _deadline), ("剩余", _left)],
    UNPUBLISHED: [("答复日期", lambda d: _day(d.get("replied"))), ("公开期限", _deadline), ("状态", _left)],
    NO_INTERPRETATION: [("发布日期", lambda d: _day(d.get("published"))), ("解读期限", _deadline), ("状态", _left)],
    ANNUAL_REPORT: [("公布期限", _deadline), ("状态", lambda d: f"已过期{d['days_overdue']}天" if "days_overdue" in d
                                                   else f"剩{d['days_left']}天")],
    EXPIRING: [("施行日期", lambda d: _day(d.get("effective"))), ("有效期至", lambda d: _day(d.get("expires"))),
               ("剩余", lambda d: f"{d['days_left']}天")],
    SCHEDULED: [("发布日期", lambda d: _day(d.get("published"))), ("剩余", lambda d: f"{d['days_left']}天")],
}
ZH_NUMBERS = "一二三四五六七八九十"


def table(headers: list[str], rows: list[list[str]]) -> list[str]:
    """A fixed-width table: every line (header, rule, rows) has the same display width."""
    widths = [max(display_width(r[i]) for r in [headers, *rows]) for i in range(len(headers))]
    def line(cells) -> str:
        return "  ".join(_pad(c, w) for c, w in zip(cells, widths))

    total = sum(widths) + 2 * (len(widths) - 1)
    return [line(headers), "-" * total, *(line(r) for r in rows)]


def render_text(report: Report) -> str:
    out = [f"待办事项（截至{zh_date(report.today)}）", ""]
    groups = report.by_category()
    shown = [(c, items) for c, items in groups.items() if items]
    if not shown:
        return "\n".join(out + [NOTHING]) + "\n"
    for n, (category, items) in enumerate(shown):
        out.append(f"{ZH_NUMBERS[n]}、{category}（{len(items)}项）")
        extra = COLUMNS[category]
        with_note = any(i.note for i in items)
        headers = ["文件", "标题", "责任单位", *(h for h, _ in extra), "建议处理"] + (["备注"] if with_note else [])
        rows = []
        for i in items:
            row = [i.path, _clip(i.title, TITLE_WIDTH), _clip(i.unit, 30), *(f(i.dates) for _, f in extra),
                   _clip(i.action, 200)]
            if with_note:
                row.append(_clip(i.note or "", 200))
            rows.append(row)
        out += table(headers, rows) + [""]
    counts = "，".join(f"{c}{len(items)}项" for c, items in shown)
    out.append(f"合计{len(report.items)}项：{counts}。")
    for year in sorted(report.missing_years):
        out.append(f"说明：{report.missing_years[year]}")
    return "\n".join(out) + "\n"
