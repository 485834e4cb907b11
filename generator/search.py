"""Search: what each record tells Pagefind (filters, metadata, sort key), the exact-lookup table
for 发文字号 and 索引号, and the Pagefind run itself.

Pagefind's extended binary segments Chinese with jieba at index time; the browser segments queries
with ICU. The version is pinned (pyproject.toml) to the one whose segmentation passes the golden
queries in tests/test_search.py — see docs/search.md.
"""

from __future__ import annotations

import gzip
import json
import subprocess
import unicodedata
from collections import defaultdict
from html.parser import HTMLParser
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


# ---------------------------------------------------------------- the recall index
#
# Pagefind ranks well but does not find every page: its query segmentation (ICU) differs from its
# index segmentation (jieba), and at 10,000 pages it returned nothing for 康政发 or 社保, which 2,006
# pages contain (benchmarks/bench_search.py). The promise to the public is that every page
# containing the words typed is found, so a second, exact layer answers that: for every two
# characters of a page's folded text (``lookup_key``), the pages that contain them. A query's pages
# are among the pages holding all of its character pairs; the script confirms each against the
# page's text. Files: search/meta.json, search/pages.json.gz (what a result shows, and its filter
# values), search/grams/<shard>.json.gz (pair → page numbers, delta-coded), search/text/<n>.txt.

RECALL_DIR = "search"
VOID_TAGS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
             "track", "wbr"}


class _IndexedText(HTMLParser):
    """Title (the h1) and text of the part of a page Pagefind indexes (inside data-pagefind-body)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.skip = 0
        self.in_h1 = False
        self.title: list[str] = []
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in VOID_TAGS:
            return
        if self.depth:
            self.depth += 1
        elif any(name == "data-pagefind-body" for name, _ in attrs):
            self.depth = 1
        if self.depth and tag in ("script", "style"):
            self.skip += 1
        if self.depth and tag == "h1":
            self.in_h1 = True

    def handle_endtag(self, tag):
        if tag in VOID_TAGS or not self.depth:
            return
        self.depth -= 1
        if tag in ("script", "style") and self.skip:
            self.skip -= 1
        if tag == "h1":
            self.in_h1 = False

    def handle_data(self, data):
        if self.depth and not self.skip:
            self.parts.append(data)
            if self.in_h1:
                self.title.append(data)


def indexed_text(html: str) -> tuple[str, str]:
    """``(title, text)`` of what a page offers to search, whitespace collapsed."""
    parser = _IndexedText()
    parser.feed(html)
    return " ".join("".join(parser.title).split()), " ".join("".join(parser.parts).split())


def shard_of(pair: str, shards: int) -> int:
    """Which shard file holds a character pair; gongkai.js computes the same."""
    return (ord(pair[0]) * 31 + ord(pair[1])) % shards


def write_recall_index(view: PublicSite, site_dir: Path) -> None:
    records = [r for t in ("policies", "interpretations", "decisions", "proposals") for r in view.sorted(t)]
    records.sort(key=lambda r: (r.published, r.type, r.id), reverse=True)  # page number order = newest first
    facets = {name: values for name, values in facet_values(view)}
    facet_index = {name: {v: i for i, v in enumerate(values)} for name, values in facets.items()}
    out = site_dir / RECALL_DIR
    (out / "text").mkdir(parents=True, exist_ok=True)
    (out / "grams").mkdir(parents=True, exist_ok=True)
    shards = 16
    while shards * 4 < len(records):
        shards *= 2
    postings: list[dict[str, list[int]]] = [defaultdict(list) for _ in range(shards)]
    table = []
    for number, rec in enumerate(records):
        title, text = indexed_text((site_dir / rec.url / "index.html").read_text(encoding="utf-8"))
        (out / "text" / f"{number}.txt").write_text(text, encoding="utf-8")
        key = lookup_key(text)
        for pair in {key[i:i + 2] for i in range(len(key) - 1)}:
            postings[shard_of(pair, shards)][pair].append(number)
        fields = search_fields(view, rec)
        chosen: dict[str, list[int]] = defaultdict(list)
        for name, value in fields["filters"]:
            chosen[name].append(facet_index[name][value])
        meta = dict(fields["meta"])
        table.append([rec.url, title, meta.get("类型", ""), rec.published.isoformat(), zh_date(rec.published),
                      meta.get("发文字号") or meta.get("编号") or "", dict(chosen)])
    for k, shard in enumerate(postings):
        coded = {pair: [ids[0], *(b - a for a, b in zip(ids, ids[1:]))] for pair, ids in shard.items()}
        _write_gz(out / "grams" / f"{k}.json.gz", coded)
    _write_gz(out / "pages.json.gz", {"filters": facets, "pages": table})
    (out / "meta.json").write_text(json.dumps({"shards": shards, "pages": len(records)}), encoding="utf-8")


def _write_gz(path: Path, data) -> None:
    """Same data, same bytes: keys sorted (a dict filled from a set follows string hashing, which
    differs from run to run) and no timestamp in the gzip header."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    path.write_bytes(gzip.compress(text.encode("utf-8"), mtime=0))
