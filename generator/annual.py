"""The annual report's figures: what the records give, what the office typed, and how they combine.

Computed from the records (a typed cell that differs is GK309's finding):
- section 二's 行政规范性文件 row (own documents only, counted at 31 December) and the 规章 row
  (0 for a 县/区/旗 government and its departments: they cannot make 规章);
- section 三's whole table, when the application ledger holds the organ's applications of the year;
- the narrative's variables: interpretations, meetings, proposals handled and published.
Typed by the office: the rest of the tables and the narrative. The report page, its JSON twin,
``gongkai report`` and the report rules all read one :class:`AnnualFigures`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

from . import models, reportformat as fmt, vocab

EXPIRED_RULE = ("有效期届满自然失效的行政规范性文件不计入“本年废止件数”，只从“现行有效件数”中减去；"
                "同一年内制发又废止的文件在“本年制发件数”和“本年废止件数”中各计一次；"
                "已印发、尚未施行的文件计入“现行有效件数”。")
"""How section 二 treats lapsed documents (annual-report.md T2-1): stated once, in every report's preamble."""
SCOPE_RULE = "本报告只统计本机关，不汇总下级机关和所属部门的数据。"
REVIEW_RULE = "上年尚未审结的行政复议、行政诉讼案件，本年审结后按审结结果计入本年相应栏目。"
"""How section 四 counts cases pending last year (annual-report.md T4-2)."""


REPORT_INPUTS = ("publisher", "year", "active", "applications", "reviews_and_suits", "processing_fees")
"""The report record's fields :func:`compute` reads: every report rule that judges the figures reads them."""
NARRATIVE = ("overview", "problems", "other")


# ---------------------------------------------------------------- organs and deadlines


def government_organ(config: models.SiteConfig) -> str | None:
    """The organization id of the people's government itself (same credit code, or same name)."""
    gov = config.government
    for org in config.organizations:
        if org.credit_code == gov.credit_code or org.name == gov.name:
            return org.id
    return None


def office_organ(config: models.SiteConfig) -> str | None:
    """The government's general office (县政府办公室), whose documents count as the government's (T2-3)."""
    name = config.government.name + "办公室"
    return next((org.id for org in config.organizations if org.name == name), None)


def is_government(config: models.SiteConfig, organ: str) -> bool:
    return organ == government_organ(config)


def government_level(config: models.SiteConfig) -> str:
    """县/区/市/州/旗/省 (site_config.yml ``government.level``, default 县)."""
    return getattr(config.government, "level", None) or vocab.DEFAULT_LEVEL


def makes_rules(config: models.SiteConfig) -> bool:
    """Whether this government (and its departments) may make 规章 at all (立法法)."""
    return government_level(config) not in vocab.LEVELS_WITHOUT_RULES


def own_organs(config: models.SiteConfig, organ: str) -> set[str]:
    """Whose documents and disclosures count as this organ's own."""
    if is_government(config, organ):
        return {organ} | ({office_organ(config)} - {None})
    return {organ}


def report_deadline(config: models.SiteConfig, organ: str, year: int) -> date:
    """The last day to publish ``organ``'s report on ``year`` (条例 第四十九条): the people's
    government by 31 March, its departments by 31 January of the next year (configurable)."""
    d = config.rules.deadlines
    month_day = d.report_government_due if is_government(config, organ) else d.report_department_due
    month, day = (int(part) for part in month_day.split("-"))
    return date(year + 1, month, day)


# ---------------------------------------------------------------- typed cells

BLANKS = ("", "/", "／", "—", "－", "-", "无", "空")
"""What real reports write in a cell instead of 0 (GK301)."""


def count(raw: str | None) -> int | None:
    """A count cell's value, or None when it is blank or not a non-negative integer (GK301/GK302)."""
    if raw is None or not re.fullmatch(r"[0-9]{1,9}", raw.strip()):
        return None
    return int(raw)


def amount(raw: str | None) -> Decimal | None:
    if raw is None or not re.fullmatch(r"[0-9]{1,12}(\.[0-9]{1,6})?", raw.strip()):
        return None
    try:
        return Decimal(raw.strip())
    except InvalidOperation:
        return None


def counts(raw: list | None, width: int) -> list[int | None] | None:
    if raw is None:
        return None
    values = [count(v) for v in raw[:width]]
    return values + [None] * (width - len(values))


@dataclass(frozen=True)
class TypedCell:
    """One cell the office wrote (or left out): its key path in the report file and its text."""

    path: tuple
    label: str
    raw: str | None
    decimal: bool = False
    present: bool = True
    """False: the key or the list item is missing altogether (reported at its parent)."""


def typed_cells(report: models.Report, ledger_table: bool, records_rows: bool = True):
    """Every cell of sections 二, 三 and 四 and the 信息处理费 figures the office must type.

    Rows the records compute (行政规范性文件, 规章 at county level, section 三 with a ledger) may be
    left out; when they are written they are still cells (checked against the records by GK309).
    """
    active = report.active
    for key in ("regulations", "normative"):
        label = fmt.ACTIVE_LABELS[key]
        row = getattr(active, key)
        if row is not None:
            yield from _row_cells(("active", key), label, row, fmt.DOCUMENT_COLUMNS)
    for key in ("licensing", "penalties", "coercion", "fees"):
        yield TypedCell(("active", key), fmt.ACTIVE_LABELS[key], getattr(active, key), decimal=key == "fees",
                        present=getattr(active, key) is not None)
    table = report.applications
    if table is None:
        if not ledger_table:
            yield TypedCell(("applications",), "第三部分表格", None, present=False)
    else:
        for row in fmt.APPLICATION_ROWS:
            values = getattr(table, row.key)
            label = row.full_label
            if values is None:
                if not ledger_table:
                    yield TypedCell(("applications", row.key), label, None, present=False)
                continue
            yield from _row_cells(("applications", row.key), label, values, fmt.APPLICATION_COLUMNS)
    for key, group in fmt.REVIEW_GROUPS:
        values = getattr(report.reviews_and_suits, key)
        if values is None:
            yield TypedCell(("reviews_and_suits", key), group, None, present=False)
            continue
        yield from _row_cells(("reviews_and_suits", key), group, values, fmt.REVIEW_COLUMNS)
    for key, label, unit in fmt.FEE_FIELDS:
        raw = getattr(report.processing_fees, key)
        yield TypedCell(("processing_fees", key), f"信息处理费{label}", raw, decimal=unit == "元", present=raw is not None)


def _row_cells(path: tuple, label: str, values: list, columns: tuple[str, ...]):
    for i, column in enumerate(columns):
        if i < len(values):
            yield TypedCell(path + (i,), f"{label}·{column}", values[i])
        else:
            yield TypedCell(path, f"{label}·{column}", None, present=False)
    for i in range(len(columns), len(values)):
        yield TypedCell(path + (i,), f"{label}（多出的第{i + 1}格）", values[i])


# ---------------------------------------------------------------- computed from the records


@dataclass(frozen=True)
class DocumentCounts:
    """本年制发件数 / 本年废止件数 / 现行有效件数 of one kind of document, plus what lapsed this year."""

    issued: int = 0
    repealed: int = 0
    in_force: int = 0
    expired: int = 0

    def row(self) -> list[int]:
        return [self.issued, self.repealed, self.in_force]


def repeal_dates(site) -> dict[str, date]:
    """Policy id → the day it was repealed: the repealing document's 施行日期 (else 发布/印发日期),
    or ``repealed_on`` for documents repealed outside the system."""
    found: dict[str, date] = {}
    for rec in site.sorted("policies"):
        m = rec.model
        when = m.effective or m.published or m.issued_on
        for ref in m.repeals:
            target = site.resolve_policy(ref)
            if target is not None and target is not rec:
                found[target.id] = min(found.get(target.id, when), when)
        if m.status == vocab.REPEALED_STATUS and m.repealed_on is not None:
            found[rec.id] = min(found.get(rec.id, m.repealed_on), m.repealed_on)
    return found


def document_counts(site, organs: set[str], kind: str, year: int, repealed: dict[str, date]) -> DocumentCounts:
    start, end = date(year, 1, 1), date(year, 12, 31)
    issued = gone = in_force = expired = 0
    for rec in site.sorted("policies"):
        m = rec.model
        if m.kind != kind or m.issuer[0] not in organs or m.issued_on > end:
            continue
        repealed_on = repealed.get(rec.id)
        if m.issued_on >= start:
            issued += 1
        if repealed_on is not None and start <= repealed_on <= end:
            gone += 1
        lapsed = m.expires is not None and m.expires < end and (repealed_on is None or repealed_on > m.expires)
        if lapsed and m.expires >= start:
            expired += 1
        if (repealed_on is None or repealed_on > end) and not lapsed:
            in_force += 1
    return DocumentCounts(issued, gone, in_force, expired)


def applications_of(site, organ: str) -> list[tuple[object, int, models.Application]]:
    """(ledger source, index, application) of every ledger line of ``organ``."""
    return [(source, i, app) for source, ledger in site.ledgers
            for i, app in enumerate(ledger.applications) if app.organ == organ]


def ledger_table(applications: list[models.Application], year: int) -> dict[str, list[int]] | None:
    """Section 三 counted from ledger lines, or None when none of them concerns ``year``.

    An application counts in 一 (received this year) or 二 (carried over from before), then under the
    one outcome it was closed with this year, or in 四 (still open on 31 December): T3-1 and T3-4
    hold by construction."""
    start, end = date(year, 1, 1), date(year, 12, 31)
    rows = {row.key: [0] * len(fmt.APPLICATION_COLUMNS) for row in fmt.APPLICATION_ROWS}
    seen = False
    for app in applications:
        if app.received > end or (app.replied is not None and app.replied < start):
            continue
        seen = True
        col = vocab.APPLICANT_TYPES.index(app.applicant)
        rows["received" if app.received >= start else "carried_over"][col] += 1
        if app.replied is not None and app.replied <= end and app.outcome is not None:
            rows[fmt.ROW_OF_OUTCOME[app.outcome].key][col] += 1
            rows["total"][col] += 1
        else:
            rows["carried_forward"][col] += 1
    if not seen:
        return None
    for values in rows.values():
        values[fmt.TOTAL_COLUMN] = sum(values[:fmt.TOTAL_COLUMN])
    return rows


# ---------------------------------------------------------------- the whole report


@dataclass
class AnnualFigures:
    """Every cell of one report as published, where each came from, and the narrative's variables."""

    organ: str
    year: int
    government: bool
    deadline: date
    regulations: list[int]
    normative: list[int]
    normative_expired: int
    active: dict[str, int | Decimal | None]
    applications: dict[str, list[int | None]]
    applications_from_ledger: bool
    reviews: dict[str, list[int | None]]
    fees: dict[str, int | Decimal | None]
    variables: dict[str, object] = field(default_factory=dict)
    records_rows: dict[str, list[int]] = field(default_factory=dict)
    """Rows the records give (``active.normative``, ``active.regulations``, ``applications.<row>``)."""

    def subtotal(self, group: str, column: int = fmt.TOTAL_COLUMN) -> int | None:
        values = [self.applications[row.key][column] for row in fmt.GROUP_SUBTOTALS[group]]
        return None if None in values else sum(values)


def compute(site, rec) -> AnnualFigures:
    """The figures of the report ``rec`` (a loaded report record) from ``site``'s records."""
    m: models.Report = rec.model
    config = site.config
    organ, year = m.publisher, m.year
    organs = own_organs(config, organ)
    repealed = repeal_dates(site)
    normative = document_counts(site, organs, vocab.NORMATIVE_DOCUMENT, year, repealed)
    regulations = (document_counts(site, organs, vocab.RULE_KIND, year, repealed).row() if makes_rules(config)
                   else [0, 0, 0])
    from_ledger = ledger_table([a for _, _, a in applications_of(site, organ)], year)
    width = len(fmt.APPLICATION_COLUMNS)
    if from_ledger is not None:
        applications = {k: list(v) for k, v in from_ledger.items()}
    else:
        table = m.applications
        applications = {row.key: counts(getattr(table, row.key) if table else None, width) or [None] * width
                        for row in fmt.APPLICATION_ROWS}
    reviews = {key: counts(getattr(m.reviews_and_suits, key), len(fmt.REVIEW_COLUMNS)) or [None] * len(fmt.REVIEW_COLUMNS)
               for key, _ in fmt.REVIEW_GROUPS}
    active = {key: count(getattr(m.active, key)) for key in ("licensing", "penalties", "coercion")}
    active["fees"] = amount(m.active.fees)
    fees = {key: (amount if unit == "元" else count)(getattr(m.processing_fees, key)) for key, _, unit in fmt.FEE_FIELDS}
    records_rows = {"active.normative": normative.row(), "active.regulations": regulations}
    if from_ledger is not None:
        records_rows.update({f"applications.{k}": v for k, v in from_ledger.items()})
    figures = AnnualFigures(organ, year, is_government(config, organ), report_deadline(config, organ, year),
                            regulations, normative.row(), normative.expired, active, applications,
                            from_ledger is not None, reviews, fees, records_rows=records_rows)
    figures.variables = _variables(site, figures, organs)
    return figures


def _variables(site, f: AnnualFigures, organs: set[str]) -> dict[str, object]:
    start, end = date(f.year, 1, 1), date(f.year, 12, 31)

    def published_in_year(rec) -> bool:
        m = rec.model
        return m.disclosure == vocab.PUBLIC and m.published is not None and start <= m.published <= end

    def own(rec) -> bool:
        return rec.model.publisher_id in organs

    proposals = [r for r in site.sorted("proposals") if f.government or r.model.lead == f.organ]
    replied = [r for r in proposals if r.model.replied is not None and start <= r.model.replied <= end]
    total = {row.key: f.applications[row.key][fmt.TOTAL_COLUMN] for row in fmt.APPLICATION_ROWS}
    review, direct, after = (f.reviews[k][-1] for k, _ in fmt.REVIEW_GROUPS)
    variables: dict[str, object] = {
        "报告年度": f.year,
        "本年新收申请": total["received"], "上年结转申请": total["carried_over"],
        "本年办结申请": total["total"], "结转下年度申请": total["carried_forward"],
        fmt.ROW_BY_KEY["disclosed"].outcome: total["disclosed"],
        fmt.ROW_BY_KEY["partly_disclosed"].outcome: total["partly_disclosed"],
        **{group: f.subtotal(group) for group in fmt.GROUP_SUBTOTALS},
        "行政复议": review, "行政诉讼": None if None in (direct, after) else direct + after,
        "规范性文件制发": f.normative[0], "规范性文件废止": f.normative[1], "规范性文件现行有效": f.normative[2],
        "规范性文件失效": f.normative_expired,
        "规章制发": f.regulations[0], "规章现行有效": f.regulations[2],
        "政策解读": sum(1 for r in site.sorted("interpretations") if own(r) and published_in_year(r)),
        "会议决定": sum(1 for r in site.sorted("decisions") if own(r) and published_in_year(r)),
        "建议办理": sum(1 for r in replied if r.model.kind == vocab.PROPOSAL_KINDS[0]),
        "提案办理": sum(1 for r in replied if r.model.kind == vocab.PROPOSAL_KINDS[1]),
        "建议提案公开": sum(1 for r in proposals if published_in_year(r)),
        "行政许可": f.active["licensing"], "行政处罚": f.active["penalties"], "行政强制": f.active["coercion"],
        "行政事业性收费": f.active["fees"],
        "收费通知件数": f.fees["notices"], "收费通知金额": f.fees["billed"], "实收信息处理费": f.fees["collected"],
    }
    return variables


# ---------------------------------------------------------------- the narrative

VARIABLE = re.compile(r"\{\{\s*([^{}\s]*)\s*\}\}")


def shown(value: object) -> str:
    if value is None:
        return "—"
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return str(value)


def fill(text: str | None, variables: dict[str, object]) -> str:
    """The narrative with each ``{{ 变量 }}`` replaced by its figure; unknown names stay as written
    (GK311 reports them)."""
    if not text:
        return ""
    return VARIABLE.sub(lambda m: shown(variables[m[1]]) if m[1] in variables else m[0], text)


def unknown_variables(text: str | None, variables: dict[str, object]) -> list[tuple[int, str]]:
    return [(m.start(), m[1]) for m in VARIABLE.finditer(text or "") if m[1] not in variables]


_GAP = r"[^。；;，,\d\n{}]{0,14}?"
_LIST_GAP = r"[^。；;，,、和及\d\n{}]{0,8}?"
"""No 、 or 和 around: “建议、提案共22件” states neither count alone."""
CLAIMS: tuple[tuple[str, re.Pattern, str | None], ...] = (
    ("本年新收申请", re.compile(rf"(?:新收|收到|受理){_GAP}(\d+)\s*件"), "申请"),
    ("上年结转申请", re.compile(rf"上年结转{_GAP}(\d+)\s*件"), None),
    ("结转下年度申请", re.compile(rf"结转下(?:一)?年度?{_GAP}(\d+)\s*件"), None),
    ("本年办结申请", re.compile(rf"(?:办结|答复){_GAP}(\d+)\s*件"), "申请"),
    ("行政复议", re.compile(rf"行政复议{_GAP}(\d+)\s*[件起]"), None),
    ("行政诉讼", re.compile(rf"行政诉讼{_GAP}(\d+)\s*[件起]"), None),
    ("规范性文件现行有效", re.compile(rf"现行有效{_GAP}(\d+)\s*件"), "规范性文件"),
    ("规范性文件制发", re.compile(rf"(?:制发|印发|出台){_GAP}(\d+)\s*件"), "规范性文件"),
    ("规范性文件废止", re.compile(rf"废止{_GAP}(\d+)\s*件"), "规范性文件"),
    (vocab.WITHHELD, re.compile(rf"{vocab.WITHHELD}{_GAP}(\d+)\s*件"), None),
    ("建议办理", re.compile(rf"(?<![、和及])人大代表建议{_LIST_GAP}(\d+)\s*件"), None),
    ("提案办理", re.compile(rf"(?<![、和及])政协(?:委员)?提案{_LIST_GAP}(\d+)\s*件"), None),
    ("实收信息处理费", re.compile(rf"(?:收取|实收){_GAP}信息处理费{_GAP}(\d+(?:\.\d+)?)\s*元"), None),
)
"""Figures the narrative states in words (T3-5 and text against tables): the variable each phrase
names, the pattern that finds the figure, and a word the sentence must contain for it to count."""


def narrative_claims(text: str | None) -> list[tuple[int, str, str]]:
    """``(offset, variable, figure as written)`` for every figure the text states about the tables.
    Figures written as ``{{ 变量 }}`` cannot disagree and are not claims."""
    found = []
    for sentence in re.finditer(r"[^。；;\n]+", text or ""):
        part = sentence[0]
        for name, pattern, needs in CLAIMS:
            if needs and needs not in part:
                continue
            for m in pattern.finditer(part):
                found.append((sentence.start() + m.start(1), name, m[1]))
    return sorted(found)


def differs(written: str, value: object) -> bool:
    if value is None:
        return False
    try:
        return Decimal(written) != Decimal(str(value))
    except InvalidOperation:
        return True


def figures_for(site, rec) -> AnnualFigures:
    """:func:`compute`, once per report and site (every report rule asks)."""
    cache = site.__dict__.setdefault("_annual_figures", {})
    if rec.id not in cache:
        cache[rec.id] = compute(site, rec)
    return cache[rec.id]


def last_year(site, rec):
    """The same organ's report on the year before, if the site has it."""
    return site.records["reports"].get(f"{rec.model.publisher}-{rec.model.year - 1}")


def _plain(value: object) -> object:
    return shown(value) if isinstance(value, Decimal) else value


def as_json(f: AnnualFigures, narrative: dict[str, str]) -> dict:
    """Every cell of the report with its label, as the JSON twin publishes it."""
    active = []
    for block in fmt.ACTIVE_BLOCKS:
        rows = []
        for key, label in block.rows:
            if key in ("regulations", "normative"):
                values = f.regulations if key == "regulations" else f.normative
                rows.append({"label": label, "cells": dict(zip(fmt.DOCUMENT_COLUMNS, values))})
            else:
                rows.append({"label": label, "cells": {block.header[1]: _plain(f.active[key])}})
        active.append({"caption": block.caption, "rows": rows})
    return {
        "year": f.year, "organ": f.organ, "deadline": f.deadline.isoformat(),
        "format": fmt.FORMAT_NOTICE, "headings": list(fmt.HEADINGS),
        "rules": {"expired_documents": EXPIRED_RULE, "scope": SCOPE_RULE, "reviews": REVIEW_RULE},
        "narrative": {fmt.HEADINGS["一二三四五六".index(number)]: narrative.get(key, "")
                      for key, number in fmt.NARRATIVE_SECTIONS.items()},
        "active": active,
        "applications": {
            "columns": list(fmt.APPLICATION_COLUMNS), "computed_from_ledger": f.applications_from_ledger,
            "rows": [{"key": row.key, "group": row.group, "label": row.label, "cells": f.applications[row.key]}
                     for row in fmt.APPLICATION_ROWS]},
        "reviews_and_suits": [{"group": group, "cells": dict(zip(fmt.REVIEW_COLUMNS, f.reviews[key]))}
                              for key, group in fmt.REVIEW_GROUPS],
        "processing_fees": {label: _plain(f.fees[key]) for key, label, _ in fmt.FEE_FIELDS},
        "variables": {k: _plain(v) for k, v in f.variables.items()},
    }
