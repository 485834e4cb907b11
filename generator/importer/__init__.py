"""Bring a county's history in: saved pages of its old disclosure site, and its proposal ledger.

``html_page`` reads one saved detail page, ``ledger`` reads an XLSX or CSV 台账, ``fields`` holds the
label variants both use, and ``plan`` turns what they show into records (``imported: {from, on}``),
reports what was found, missing and rejected, and writes the files. ``gongkai import`` is the command.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from .. import models
from . import plan as _plan
from .html_page import PageUnreadable, read_page
from .ledger import LedgerError, load_mapping, read_ledger

HTML_SUFFIXES = (".html", ".htm", ".shtml", ".xhtml")


def pages_in(paths: list[Path]) -> list[tuple[Path, str]]:
    """Every saved page under ``paths`` (files or folders), sorted, each with the name the report uses
    (its path relative to the folder given). Symbolic links are not followed."""
    found = []
    for given in paths:
        given = Path(given)
        if given.is_file() and not given.is_symlink():
            found.append((given, given.name))
        elif given.is_dir() and not given.is_symlink():
            for path in sorted(given.rglob("*")):
                if path.suffix.lower() in HTML_SUFFIXES and path.is_file() and not path.is_symlink() \
                        and not any(p.is_symlink() for p in path.relative_to(given).parents if p != Path(".")):
                    found.append((path, path.relative_to(given).as_posix()))
    return found


def import_pages(root: Path, paths: list[Path], type_: str | None, today: date) -> _plan.ImportPlan:
    ctx = _plan.Context(root, today)
    result = _plan.ImportPlan()
    taken: dict[str, set[str]] = {}
    pages = []
    for path, name in pages_in(paths):
        try:
            pages.append(read_page(path, name))
        except (PageUnreadable, OSError) as exc:
            result.problems.append((name, str(exc)))
    planned = [_plan.plan_page(ctx, result, page, type_) for page in pages]
    order = list(models.RECORD_TYPES)  # policies first: interpretations and meetings refer to them
    for rec in sorted(planned, key=lambda r: order.index(r.type)):
        _plan.link_policy(ctx, rec)
        _plan.finish(ctx, rec, taken)
        result.records.append(rec)
    result.context = ctx
    return result


def import_ledger(root: Path, path: Path, mapping_file: Path | None, today: date) -> _plan.ImportPlan:
    mapping = load_mapping(mapping_file) if mapping_file else None
    ledger = read_ledger(path, mapping)
    ctx = _plan.Context(root, today)
    result = _plan.ImportPlan()
    result.unmapped = ledger.unmapped
    taken: dict[str, set[str]] = {}
    for row_no, cells in ledger.rows:
        rec = _plan.plan_row(ctx, result, Path(path).name, row_no, cells)
        _plan.finish(ctx, rec, taken)
        result.records.append(rec)
    result.context = ctx
    return result


__all__ = ["import_pages", "import_ledger", "pages_in", "LedgerError", "PageUnreadable"]
