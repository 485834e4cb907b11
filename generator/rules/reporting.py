"""What the annual-report rules (GK301–GK313) share: their declaration — a rule on ``reports`` whose
examples are a report file — and reading the report's tables: section 三 as typed (not computed
from the ledger), its columns, and whether a total is the sum of its parts. Rules import these from
here, never from each other."""

from __future__ import annotations

from ..annual import REPORT_INPUTS, figures_for
from ..findings import Citation
from ..reportformat import APPLICATION_COLUMNS, APPLICATION_ROWS, FORMAT_NOTICE
from .base import Rule

REPORT_FILE = "content/reports/gov-2025.yml"
"""The report every example shows (the people's government's report on 2025)."""


def format_notice(quote: str, section: str | None = None) -> Citation:
    """A passage of the notice that sets the report's format (:data:`~generator.reportformat.FORMAT_NOTICE`)."""
    return Citation(FORMAT_NOTICE, section, quote)


COMPLETE_REPORT = format_notice("年度报告的内容应当按照格式要求……不能遗漏，也不宜泛化")
"""Every part of the format filled in: GK301 (blank cells and sections) and GK311 (text against table) cite it."""
ONE_OUTCOME_EACH = format_notice("（二）部分公开（区分处理的，只计这一情形，不计其他情形）")
"""Each application counts under one outcome: GK306 (the report's totals) and GK316 (the ledger) cite it."""


def report_rule(explanation: str, *, fail: str, passing: str, beside: dict[str, str] | None = None,
                reads: tuple[str, ...] = REPORT_INPUTS, **declared) -> Rule:
    """A rule checked on each annual report. ``fail`` / ``passing``: the report file of its failing and
    passing examples; ``beside``: other files both examples hold (last year's report, records)."""
    beside = beside or {}
    return Rule(explanation=explanation, applies_to=("reports",), reads={"reports": reads},
                fail_example={**beside, REPORT_FILE: fail}, pass_example={**beside, REPORT_FILE: passing},
                **declared)


def _typed_applications(site, rec) -> dict[str, list] | None:
    """Section 三 as the report types it (row key → cells, None for a cell not a number); None when
    the table is computed from the application ledger (then it adds up by construction)."""
    figures = figures_for(site, rec)
    return None if figures.applications_from_ledger else figures.applications


def typed_rows(site, rec):
    """``(row, cells)`` of each row of section 三 the report types (none when it comes from the ledger)."""
    table = _typed_applications(site, rec)
    for row in () if table is None else APPLICATION_ROWS:
        yield row, table[row.key]


def typed_columns(site, rec, keys):
    """``(column index, column name, cells)``: the cells of rows ``keys`` in each column of section 三
    the report types (none when it comes from the ledger) whose cells are all numbers (a blank cell
    is GK301's, not a wrong sum)."""
    table = _typed_applications(site, rec)
    for c, column in enumerate(() if table is None else APPLICATION_COLUMNS):
        cells = [table[key][c] for key in keys]
        if None not in cells:
            yield c, column, cells


def misadded(parts, total) -> int | None:
    """The sum of ``parts`` when it is not ``total``; None when it is, or when a cell is missing."""
    if total is None or None in parts or sum(parts) == total:
        return None
    return sum(parts)
