"""Search: what each record tells Pagefind (filters, metadata, sort key), the exact-lookup table
for 发文字号 and 索引号, and the Pagefind run itself.

Pagefind's extended binary segments Chinese with jieba at index time; the browser segments queries
with ICU. The version is pinned (pyproject.toml) to the one whose segmentation passes the golden
queries in tests/test_search.py — see docs/search.md.
"""

from __future__ import annotations

import json
import subprocess
import unicodedata
from pathlib import Path

from .display import zh_date
from .models import RECORD_TYPE_ZH as COLUMN_TITLES
from .public import PublicRecord, PublicSite

FILTERS = ("类型", "机关", "年份", "主题分类", "有效性", "办理结果")
_BRACKETS = str.maketrans("", "", " \t\r\n\u3000〔〕[]()（）【】﹝﹞〖〗{}「」")


class SearchIndexError(Exception):
    """Pagefind failed: the build is abandoned and the output left untouched."""


def lookup_key(text: str) -> str:
    """How a 发文字号 or 索引号 is compared with a query: width-folded, brackets and spaces removed,
    so 康政发[2024]17号, 康政发（2024）17号, 康政发【2024】17号 and 康政发〔2024〕17号 are one key.
    The search script (templates/theme/assets/javascripts/gongkai.js, ``norm``) folds queries the same way."""
    return unicodedata.normalize("NFKC", text).translate(_BRACKETS).lower()


def search_fields(view: PublicSite, rec: PublicRecord) -> dict:
    """Filters, metadata and the sort key Pagefind stores for one record page."""
    m = rec.model
    orgs = view.organizations
    units = {"policies": lambda: m.issuer, "proposals": lambda: [m.lead]}.get(rec.type, lambda: [m.publisher])()
    filters = [("类型", COLUMN_TITLES[rec.type]), ("年份", f"{rec.published.year}年"),
               ("主题分类", m.topic.partition("/")[0])]
    filters += [("机关", orgs[u].name) for u in units if u in orgs]
    meta = [("类型", COLUMN_TITLES[rec.type]), ("日期", zh_date(rec.published))]
    if rec.type == "policies":
        filters.append(("有效性", view.validity(rec).status))
        if m.doc_no:
            meta.append(("发文字号", m.doc_no))
    if rec.type == "proposals" and m.result:
        filters.append(("办理结果", f"{m.result}类"))
        meta.append(("编号", f"{m.session}第{m.number}号"))
    return {"filters": filters, "meta": meta, "sort": rec.published.isoformat()}


def facet_values(view: PublicSite) -> list[tuple[str, list[str]]]:
    """Every value each filter takes on the site, for the search page's filter controls."""
    seen: dict[str, set[str]] = {name: set() for name in FILTERS}
    for rec in view.all_records():
        for name, value in search_fields(view, rec)["filters"]:
            seen[name].add(value)
    return [(name, sorted(values, reverse=(name == "年份"))) for name, values in seen.items() if values]


def exact_table(view: PublicSite) -> dict[str, dict]:
    table = {}
    for rec in view.all_records():
        for label in (rec.model.index_no, getattr(rec.model, "doc_no", None)):
            if label:
                table.setdefault(lookup_key(label), {"url": rec.url, "title": rec.title, "label": label,
                                                     "type": COLUMN_TITLES[rec.type],
                                                     "date": zh_date(rec.published)})
    return table


def write_exact_table(view: PublicSite, site_dir: Path) -> None:
    target = site_dir / "search" / "exact.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(exact_table(view), ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def pagefind_executable() -> Path:
    import pagefind_bin_extended  # the extended build: the only one that segments Chinese

    return pagefind_bin_extended.get_executable()


def index_site(site_dir: Path) -> None:
    """Run Pagefind over the built HTML; the bundle goes to ``pagefind/`` in the site."""
    try:
        proc = subprocess.run([str(pagefind_executable()), "--site", str(site_dir), "--output-subdir", "pagefind",
                               "--silent"], capture_output=True, text=True, timeout=3600)
    except (OSError, subprocess.TimeoutExpired, ImportError, FileNotFoundError) as exc:
        raise SearchIndexError(f"无法运行 Pagefind：{exc}") from exc
    if proc.returncode != 0:
        raise SearchIndexError(f"Pagefind 建立索引失败：{(proc.stderr or proc.stdout).strip()[-2000:]}")
