"""Run every rule over a loaded site and collect the findings of one run.

load → validate (generator.site) → rules (generator.rules) → waivers → severity → sorted findings.
"""

from __future__ import annotations

import dataclasses
import functools
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from . import personal_data
from .findings import ERROR, OFF, WARNING, Finding
from .rules import MODULES, lookup
from .rules import gk015_unknown_reference as unknown_ref
from .rules import gk016_calendar_year_missing as year_missing
from .rules import gk210_unused_waiver as unused_waiver
from .rules.base import Hit
from .rules.common import strings
from .site import LoadedRecord, Site, load_site, position, problem_finding
from .models import ISO_DATE
from .parallel import in_shares, workers
from .workdays import CalendarYearMissing

@dataclass
class Report:
    site: Site
    findings: list[Finding]

    @property
    def errors(self) -> int:
        """Every error, overdue duties included: ``gongkai check`` fails on them."""
        return sum(f.severity == ERROR for f in self.findings)

    @property
    def blocking(self) -> int:
        """Errors that stop a build: defects of records, never an overdue duty."""
        return sum(f.blocking for f in self.findings)

    @property
    def overdue(self) -> list[Finding]:
        return [f for f in self.findings if f.overdue]

    @property
    def warnings(self) -> int:
        return sum(f.severity == WARNING for f in self.findings)

    @property
    def records(self) -> int:
        return self.site.record_files

@dataclass
class _Raised:
    rule: object
    hit: Hit
    target: object  # LoadedRecord or SourceFile
    origin: object = None
    """The rule whose run raised this (GK016 is raised on behalf of the rule that needed the year)."""

    def lenient(self) -> bool:
        """Whether an error here is reported as a warning: an imported record under a deadline or 文号
        rule, or a field its source did not show."""
        rec = self.target
        if not isinstance(rec, LoadedRecord) or rec.model.imported is None:
            return False
        return self.hit.omitted or (self.origin or self.rule).lenient_on_imported


IMPORTED_NOTE = "（导入的历史记录：按警告报告）"

def check_site(root: Path, today: date, baseline: dict | None = None, cache: Path | None = None) -> Report:
    """Check the site at ``root``; raises ``site.ConfigError`` when the config cannot be used.
    ``cache``: a build cache (``site.ParseMemory``).

    ``baseline`` (``history.Baseline``: each record at an earlier revision, by type and id) turns on
    the rules that judge a change: silent edits, deletions, backdated publication."""
    site = load_site(root, today, cache)
    site.baseline = baseline
    if cache is None:
        return Report(site, evaluate(site))
    personal_data.remember(cache / personal_data.CleanMemory.FILE)
    try:
        findings = evaluate(site)
        personal_data.keep(cache / personal_data.CleanMemory.FILE)
    finally:
        personal_data.forget()
    return Report(site, findings)

def evaluate(site: Site) -> list[Finding]:
    findings = [problem_finding(p) for p in site.problems]
    raised = list(_run_rules(site))
    raised = _apply_waivers(site, raised)
    overrides = dict(site.config.rules.severity)
    work_rules = site.config.government.work_rules_name
    for code in list(overrides):
        unknown = unknown_ref.unknown_rule_code(code)
        if unknown:
            raised.append(_Raised(unknown_ref.RULE, Hit(("rules", "severity", code), unknown, at_key=True), site.config_source))
        elif (rule := lookup(code)).guard:
            if overrides[code] != ERROR:
                raised.append(_Raised(rule, Hit(("rules", "severity", code), _GUARD_SEVERITY.format(code=code, title=rule.title,
                                      severity=overrides[code]), at_key=True, guard=True), site.config_source))
            del overrides[code]
    for r in raised:
        if _is_guard(r):
            severity = ERROR
        else:
            severity = overrides.get(r.rule.code) or r.hit.severity or r.rule.severity
        if severity == OFF:
            continue
        message = r.hit.message
        if severity == ERROR and r.lenient():
            severity, message = WARNING, message + IMPORTED_NOTE
        source = r.target.source if isinstance(r.target, LoadedRecord) else r.target
        line, column = position(source, r.hit.path, r.hit.at_key)
        if r.hit.offset is not None:
            line, column = _inside_value(site, source, r.hit.path, r.hit.offset, (line, column))
        findings.append(Finding(source.relpath, line, column, r.rule.code, severity, message,
                                (r.hit.citation or r.rule.citation).localized(work_rules), r.hit.overdue))
    findings = [f for f in findings if overrides.get(f.rule) != OFF]
    # two rules that need the same missing year of holidays report it once
    return _cap(sorted(dict.fromkeys(findings), key=Finding.sort_key))


_GUARD_SEVERITY = "{code}（{title}）是安全防线，不能设为 {severity}：该设置无效，请从 rules.severity 中删除"
_GUARD_WAIVER = "{code}（{title}）是安全防线，不能豁免：问题仍然报告，请改正记录或附件并删除这项豁免"


def _is_guard(r: _Raised) -> bool:
    return r.hit.guard if r.hit.guard is not None else r.rule.guard


MAX_PER_FILE_AND_RULE = 20
"""A hostile or broken file can raise one problem per line; show the first few of each rule in each
file and say how many more there are, so output and memory stay bounded."""


def _cap(findings: list[Finding]) -> list[Finding]:
    counts: dict[tuple[str, str], int] = {}
    kept = []
    for f in findings:
        n = counts[(f.path, f.rule)] = counts.get((f.path, f.rule), 0) + 1
        if n <= MAX_PER_FILE_AND_RULE:
            kept.append(f)
    for (path, rule), n in counts.items():
        if n > MAX_PER_FILE_AND_RULE:
            last = next(f for f in reversed(kept) if f.path == path and f.rule == rule)
            kept.append(dataclasses.replace(last, message=f"本文件另有 {n - MAX_PER_FILE_AND_RULE} 处 {rule} 问题未列出"))
    return sorted(kept, key=Finding.sort_key)

def _run_rules(site: Site):
    ahead = _record_checks_in_shares(site)
    for number, module in enumerate(MODULES):
        rule = module.RULE
        check = getattr(module, "check", None)
        if check is not None:
            for type_ in rule.applies_to:
                for rec in site.sorted(type_):
                    key = (number, type_, rec.id)
                    if ahead is None or key in ahead.left:
                        yield from _guard(rule, rec, lambda: check(rec, site))
                    elif key in ahead.hits:
                        yield from _guard(rule, rec, functools.partial(_replay, site, *ahead.hits[key]))
        check_all = getattr(module, "check_site", None)
        if check_all is not None:
            yield from _guard(rule, site.config_source, lambda: check_all(site))


@dataclasses.dataclass
class _Ahead:
    """What forked processes computed of the record rules: ``(module number, type, id)`` →
    ``(hits, missing calendar year)`` for the checks that found something, the hits' records
    written as ``(type, id)``; ``left``: the checks to run here (a hit names something else). A
    check in neither found nothing."""

    hits: dict = dataclasses.field(default_factory=dict)
    left: set = dataclasses.field(default_factory=set)
    clean: set = dataclasses.field(default_factory=set)
    """The texts the personal-data scan found clean (``personal_data.remembered``)."""


def _record_checks_in_shares(site: Site) -> _Ahead | None:
    """The record rules' hits on a large site, computed by one forked process per core, each over a
    share of the records. None for a small site: forking would cost more than it saves."""
    count = sum(len(recs) for recs in site.records.values())
    of = workers(count)
    if of <= 1:
        return None
    ahead = _Ahead()
    for part in in_shares(_record_share, of, site):
        ahead.hits.update(part.hits)
        ahead.left |= part.left
        personal_data.adopt(part.clean)
    return ahead


def _record_share(share: int, of: int, site: Site) -> _Ahead:
    done = _Ahead()
    for number, module in enumerate(MODULES):
        check = getattr(module, "check", None)
        if check is None:
            continue
        for type_ in module.RULE.applies_to:
            for rec in site.sorted(type_)[share::of]:
                hits, missing = [], None
                try:
                    for hit in check(rec, site):
                        hits.append(hit)
                except CalendarYearMissing as exc:
                    missing = exc.year
                named = [_named(hit) for hit in hits]
                if any(hit is None for hit in named):
                    done.left.add((number, type_, rec.id))
                elif named or missing is not None:
                    done.hits[(number, type_, rec.id)] = (named, missing)
    done.clean = personal_data.remembered()
    return done


def _named(hit: Hit) -> Hit | None:
    """``hit`` ready to travel: its record as ``(type, id)``; None when it names something else."""
    if hit.record is None:
        return hit
    if isinstance(hit.record, LoadedRecord):
        return dataclasses.replace(hit, record=(hit.record.type, hit.record.id))
    return None


def _replay(site: Site, hits: list[Hit], missing: int | None):
    """The hits a share computed, as the rule would yield them here."""
    for hit in hits:
        yield hit if hit.record is None else dataclasses.replace(hit, record=site.records[hit.record[0]][hit.record[1]])
    if missing is not None:
        raise CalendarYearMissing(missing)

def _guard(rule, default_target, run):
    """Collect a rule's hits; a year without holiday data becomes a finding, never a traceback."""
    try:
        for hit in run():
            yield _Raised(rule, hit, hit.record or default_target)
    except CalendarYearMissing as exc:
        data = default_target.source.data if isinstance(default_target, LoadedRecord) else None
        yield _Raised(year_missing.RULE, Hit(_date_path(data, exc.year), str(exc)), default_target, origin=rule)


def _date_path(data, year: int) -> tuple:
    """The date in a record that needed the missing year: one in that year, else the latest one in
    the year before (a deadline counted past New Year), else the file as a whole."""
    dates = [(text.strip(), path) for path, text in strings(data) if ISO_DATE.match(text.strip())]
    for wanted in (year, year - 1):
        chosen = sorted((text, path) for text, path in dates if text.startswith(f"{wanted}-"))
        if chosen:
            return chosen[-1][1] if wanted != year else chosen[0][1]
    return ()


def _inside_value(site: Site, source, path: tuple, offset: int, fallback: tuple[int, int]) -> tuple[int, int]:
    """Line and column of character ``offset`` of the string at ``path``.

    Exact for single-line values and literal blocks (``|``), whose lines are the file's lines;
    a folded or multi-line flow value is reported at its first line.
    """
    value = _value_at(source.data, path)
    span = source.doc.value_marks.get(tuple(path))
    if not isinstance(value, str) or span is None:
        return fallback
    try:
        lines = (site.root / source.relpath).read_text(encoding="utf-8-sig").splitlines()
        written = lines[span.line - 1][span.column - 1:]
    except (OSError, UnicodeDecodeError, IndexError):
        return fallback
    before = value[:offset]
    if written.startswith("|"):
        row = span.line + before.count("\n")  # content starts on the line after the indicator
        body = lines[row] if row < len(lines) else ""
        indent = len(body) - len(body.lstrip(" "))
        return row + 1, indent + 1 + len(before) - (before.rfind("\n") + 1)
    if "\n" not in before and not written.startswith(">"):
        quoted = 1 if written[:1] in "'\"" else 0
        return span.line, span.column + quoted + offset
    return fallback


def _value_at(data, path: tuple):
    for key in path:
        try:
            data = data[key]
        except (KeyError, IndexError, TypeError):
            return None
    return data

def waived(rec: LoadedRecord, code: str) -> bool:
    """Whether ``rec`` waives the rule ``code`` (its ``waivers`` name it)."""
    return any(w.rule == code for w in rec.model.waivers)


def silenced(site: Site, rec: LoadedRecord | None, code: str) -> bool:
    """Whether nothing of rule ``code`` is reported for ``rec`` (None: a duty no record holds yet):
    waived there, or switched ``off`` in ``rules.severity``. ``gongkai status`` lists what the
    checker would report, through this. A security guard (GK207, GK209) is never silenced."""
    rule = lookup(code)
    if rule is not None and rule.guard:
        return False
    return site.config.rules.severity.get(code) == OFF or (rec is not None and waived(rec, code))


def _apply_waivers(site: Site, raised: list[_Raised]) -> list[_Raised]:
    """Drop hits a record waives; a waiver that names no rule, silences nothing, or tries to
    silence a security guard is itself raised. Guard hits are never dropped."""
    used: set[tuple[int, str]] = set()
    refused: set[tuple[int, str]] = set()
    kept = []
    for r in raised:
        rec = r.target
        if isinstance(rec, LoadedRecord) and waived(rec, r.rule.code):
            if _is_guard(r):
                refused.add((id(rec), r.rule.code))
                kept.append(r)
            else:
                used.add((id(rec), r.rule.code))
        else:
            kept.append(r)
    overrides = site.config.rules.severity
    for rec in site.all_records():
        for i, waiver in enumerate(rec.model.waivers):
            unknown = unknown_ref.unknown_rule_code(waiver.rule, waiver=True)
            rule = lookup(waiver.rule)
            if unknown:
                kept.append(_Raised(unknown_ref.RULE, Hit(("waivers", i, "rule"), unknown), rec))
            elif (id(rec), rule.code) in refused:
                kept.append(_Raised(rule, Hit(("waivers", i, "rule"), _GUARD_WAIVER.format(code=rule.code, title=rule.title),
                                              guard=True), rec))
            elif (id(rec), rule.code) not in used and (rule.guard or overrides.get(rule.code) != OFF):
                kept.append(_Raised(unused_waiver.RULE, Hit(("waivers", i, "rule"),
                                    f"豁免 {rule.code}（{rule.title}）没有豁免任何问题：本记录没有该问题，请删除这项豁免"), rec))
    return kept
