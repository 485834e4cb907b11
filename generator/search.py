"""Search: what each record tells Pagefind (filters, metadata, sort key), the exact-lookup table
for 发文字号 and 索引号, and the Pagefind run itself.

Pagefind's extended binary segments Chinese with jieba at index time; the browser segments queries
with ICU. The version is pinned (pyproject.toml) to the one whose segmentation passes the golden
queries in tests/test_search.py — see docs/search.md.
"""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import json
import marshal
import math
import operator
import os
import re
import shutil
import subprocess
import sys
import unicodedata
import zlib
from array import array
from bisect import insort
from collections import defaultdict, deque
from collections.abc import Iterator
from functools import partial
from itertools import accumulate, repeat
from pathlib import Path

import lxml.html
from lxml import etree

from .display import zh_date
from .paths import files_under, link_or_copy, tree_digest
from .models import RECORD_TYPE_ZH as COLUMN_TITLES
from .public import PublicRecord, PublicSite

FILTERS = ("类型", "机关", "年份", "主题分类", "有效性", "办理结果")
FOLD_REMOVED = "\x00 \t\r\n\u3000〔〕[]()（）【】﹝﹞〖〗{}「」"
"""Characters a query and a page's text lose before they are compared (after NFKC and lower-casing).
The build writes them into search/meta.json; the search script folds with what it reads there."""
_REMOVED = re.compile(f"[{re.escape(FOLD_REMOVED)}]")
_COMPATIBLE = re.compile("[\u3000\u2160-\u217f\u2460-\u24ff\uff01-\uff5e]")
"""What makes most page text not NFKC-normal: the ideographic space, full-width punctuation, letters
and digits, Roman and circled numbers."""


class SearchIndexError(Exception):
    """Pagefind failed: the build is abandoned and the output left untouched."""


def lookup_key(text: str) -> str:
    """How a 发文字号 or 索引号 is compared with a query: width-folded, brackets and spaces removed,
    so 康政发[2024]17号, 康政发（2024）17号, 康政发【2024】17号 and 康政发〔2024〕17号 are one key.
    The search script (templates/theme/assets/javascripts/gongkai.js, ``norm``) folds queries the same way.

    The same as ``normalize("NFKC", text)``, then removing FOLD_REMOVED, then ``lower()`` — only
    faster on page text (tests/test_recall_cache.py compares them): replacing a character by its NFKD
    decomposition leaves a text's NFKD form, hence its NFKC form, unchanged, so the full-width
    characters are replaced (``str.replace``, in C) and the text is normalized only if something
    else still needs it."""
    if not unicodedata.is_normalized("NFKC", text):
        for ch in set(_COMPATIBLE.findall(text)):
            text = text.replace(ch, unicodedata.normalize("NFKD", ch))
        if not unicodedata.is_normalized("NFKC", text):
            text = unicodedata.normalize("NFKC", text)
    return _REMOVED.sub("", text).lower()


def search_fields(view: PublicSite, rec: PublicRecord) -> dict:
    """Filters, metadata and the sort key Pagefind stores for one record page."""
    m = rec.model
    orgs = view.organizations
    units = {"policies": lambda: m.issuer, "proposals": lambda: [m.lead]}.get(rec.type, lambda: [m.publisher])()
    filters = [("类型", COLUMN_TITLES[rec.type]), ("年份", f"{rec.published.year}年")]
    if m.topic:
        filters.append(("主题分类", m.topic.partition("/")[0]))
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
    return _facets(name_value for rec in view.all_records() for name_value in search_fields(view, rec)["filters"])


def exact_table(view: PublicSite) -> dict[str, dict]:
    table = {}
    for rec in view.all_records():
        for label in (rec.model.index_no, getattr(rec.model, "doc_no", None)):
            if label:
                table.setdefault(lookup_key(label), {"url": rec.url, "title": rec.title, "label": label,
                                                     "type": COLUMN_TITLES[rec.type],
                                                     "date": zh_date(rec.published)})
    return table


def pagefind_executable() -> Path:
    import pagefind_bin_extended  # the extended build: the only one that segments Chinese

    return pagefind_bin_extended.get_executable()


# ---------------------------------------------------------------- Pagefind in parts
#
# Pagefind indexes on one core, and a whole site is one bundle: at 10,000 records it is the longest
# step of a build, and every edit re-indexed everything. So the search-indexed pages are split into
# parts by a hash of their URL (stable as the site grows), each part is indexed by its own Pagefind
# run (one per core at a time) into its own bundle, and the browser merges the bundles
# (``mergeIndex``; search/meta.json lists them). Pagefind reads each page's *search copy* — the
# page's language, title and the element it indexes, nothing else — written as MkDocs writes the
# page. A build with a cache keeps each part's bundle under the digest of its input: an edit
# re-indexes the one part its page falls in.
#
# How big a part is weighs two costs: after an edit its part is indexed again (about 5 ms a page,
# the last step of a warm build), and related results — the only search that reads Pagefind — merge
# every bundle (about 40 KB each). Parts of PART_SCALE·√N pages, at least PART_PAGES, make both grow
# as √N: 20 parts of 500 pages at 10,000 records, 64 of about 1,600 at 100,000.

PART_PAGES = 500
"""Search-indexed pages per Pagefind part at least (a site below it is one bundle)."""
PART_SCALE = 5
BUNDLE = "pagefind/"
PART_BUNDLES = "pagefind-parts/"
_BODY = re.compile(r"<div data-pagefind-body>")
_DIV = re.compile(r"<(/?)div\b[^>]*>")
_LANG = re.compile(r"<html\b[^>]*?\blang=\"([^\"]*)\"")
_TITLE = re.compile(r"<title>(.*?)</title>", re.S)


def parts_for(pages: int) -> int:
    """How many Pagefind parts for ``pages`` search-indexed pages: PART_SCALE·√pages pages each
    (at least PART_PAGES), or GONGKAI_PART_PAGES each if set (tests split small sites)."""
    wanted = os.environ.get("GONGKAI_PART_PAGES", "")
    size = int(wanted) if wanted.isdigit() and int(wanted) > 0 else max(PART_PAGES, math.ceil(PART_SCALE * math.sqrt(pages)))
    return max(1, -(-pages // size))


def part_of(url: str, parts: int) -> int:
    return zlib.crc32(url.encode("utf-8")) % parts


def bundle_path(rank: int) -> str:
    """Where the ``rank``-th non-empty part's bundle is served: the first is Pagefind's usual place."""
    return BUNDLE if rank == 0 else f"{PART_BUNDLES}{rank}/"


def search_copy(page_html: str) -> str:
    """What Pagefind needs of a page: its language, its title and the element it indexes (the theme's
    ``<div data-pagefind-body>``, to its matching ``</div>``)."""
    start = _BODY.search(page_html)
    if start is None:
        raise ValueError("page without a data-pagefind-body element")
    depth = 0
    for tag in _DIV.finditer(page_html, start.start()):
        depth += -1 if tag[1] else 1
        if depth == 0:
            end = tag.end()
            break
    else:
        raise ValueError("data-pagefind-body element not closed")
    lang = _LANG.search(page_html)
    title = _TITLE.search(page_html)
    return (f'<!doctype html>\n<html lang="{lang[1] if lang else "zh"}"><head><meta charset="utf-8">'
            f"<title>{title[1] if title else ''}</title></head>\n<body>{page_html[start.start():end]}</body></html>\n")


def _digest(folder: Path) -> str:
    """A part's search copies and the Pagefind version: the name its bundle is kept under."""
    from importlib.metadata import version

    return hashlib.sha256(f"pagefind_bin_extended={version('pagefind_bin_extended')}\0{tree_digest(folder)}".encode()).hexdigest()


class PagefindParts:
    """The Pagefind bundles of a site: its search-indexed pages (output path → URL) split into parts,
    each part's search copies under ``inputs/<part>/`` (the build writes them; a cached build keeps
    them between builds and this removes the ones no longer wanted)."""

    def __init__(self, inputs: Path, search_pages: dict[str, str], cache: Path | None = None) -> None:
        self.inputs, self.cache = inputs, cache
        self.running: list[subprocess.Popen] = []
        self.stopped = False
        parts = parts_for(len(search_pages))
        self.wanted = {f"{part_of(url, parts)}/{dest}" for dest, url in search_pages.items()}
        """The search copies the parts need, as ``<part>/<output path>`` under ``inputs``."""
        self.parts = sorted({int(rel.partition("/")[0]) for rel in self.wanted})
        self.present: set[str] = set()
        for rel in files_under(inputs, (".html",)) if inputs.is_dir() else []:
            if rel in self.wanted:
                self.present.add(rel)
            else:
                (inputs / rel).unlink()

    @property
    def bundles(self) -> list[str]:
        return [bundle_path(rank) for rank in range(len(self.parts))]

    def complete(self, site_dir: Path) -> None:
        """Write the search copy of every page that has none (a page taken from a cache that lost
        its copy) from the page in ``site_dir``."""
        for rel in sorted(self.wanted - self.present):
            dest = rel.partition("/")[2]
            path = self.inputs / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(search_copy((site_dir / dest).read_text(encoding="utf-8")), encoding="utf-8")
            self.present.add(rel)

    def index(self, site_dir: Path, processes: int, timeout: float = 3600,
              targets: dict[int, Path] | None = None) -> None:
        """Index every part (``processes`` Pagefind runs at a time; a cached part is copied) into its
        bundle in ``site_dir``. A site without search-indexed pages gets one bundle of all its pages.
        ``targets``: :meth:`targets`, if already known."""
        from concurrent.futures import ThreadPoolExecutor

        if not self.parts:
            self._run(["--site", str(site_dir), "--output-subdir", "pagefind"], timeout)
            return
        targets = targets or self.targets()
        kept = {part for part, bundle in targets.items() if self.cache is not None and bundle.is_dir()}
        # the parts Pagefind must index start first: after one edit, the part that changed is the
        # last step of the build, and placing the kept bundles before it would only delay it
        order = sorted(range(len(self.parts)), key=lambda rank: self.parts[rank] in kept)

        def place(rank: int, part: int) -> Path:
            """A part's bundle, put in place as soon as it is ready (a cached one while others are indexed);
            linked where the file system allows: bundles are never rewritten."""
            bundle = targets[part]
            if part not in kept:
                self._bundle(part, bundle, timeout)
            shutil.copytree(bundle, site_dir / bundle_path(rank), copy_function=link_or_copy)
            return bundle

        with ThreadPoolExecutor(max(1, processes)) as pool:
            placing = {rank: pool.submit(place, rank, self.parts[rank]) for rank in order}
            bundles = [placing[rank].result() for rank in range(len(self.parts))]
        if self.cache is not None:
            keep = {b.name for b in bundles}
            for old in sorted((self.cache / "bundles").iterdir()):
                if old.name not in keep:
                    shutil.rmtree(old, ignore_errors=True)

    def targets(self) -> dict[int, Path]:
        """Where each part's bundle is made: in the cache, under the digest of its search copies."""
        if self.cache is None:
            return {part: self.inputs.parent / "bundles" / str(part) for part in self.parts}
        return {part: self.cache / "bundles" / _digest(self.inputs / str(part)) for part in self.parts}

    def _bundle(self, part: int, out: Path, timeout: float) -> None:
        tmp = out.with_name(f".{out.name}.{os.getpid()}")
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.parent.mkdir(parents=True, exist_ok=True)
        self._run(["--site", str(self.inputs / str(part)), "--output-path", str(tmp)], timeout)
        shutil.rmtree(out, ignore_errors=True)
        os.replace(tmp, out)

    def _run(self, args: list[str], timeout: float) -> None:
        if self.stopped:
            raise SearchIndexError("Pagefind 已停止")
        try:
            proc = subprocess.Popen([str(pagefind_executable()), *args, "--silent"], stdout=subprocess.PIPE,
                                    stderr=subprocess.STDOUT)
        except (OSError, ImportError) as exc:
            raise SearchIndexError(f"无法运行 Pagefind：{exc}") from exc
        self.running.append(proc)
        try:
            output, _ = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired as exc:
            raise SearchIndexError(f"无法运行 Pagefind：{exc}") from exc
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
        if proc.returncode != 0:
            raise SearchIndexError(f"Pagefind 建立索引失败：{output.decode('utf-8', 'replace').strip()[-2000:]}")

    def stop(self) -> None:
        self.stopped = True
        for proc in self.running:
            if proc.poll() is None:
                proc.kill()

    @contextlib.contextmanager
    def indexing(self, site_dir: Path, processes: int):
        """The parts are indexed while the body of the ``with`` runs (it must not write under the
        bundles' paths); leaving the block waits for them. If the body fails, Pagefind is stopped."""
        from concurrent.futures import ThreadPoolExecutor

        # the digests read every search copy: here, not in the thread, where each file read would wait
        # for the interpreter lock while this thread runs the rest of the build (seconds at 10,000 pages)
        targets = self.targets()
        with ThreadPoolExecutor(1) as pool:
            done = pool.submit(self.index, site_dir, processes, targets=targets)
            try:
                yield self
            except BaseException:
                self.stop()
                raise
            done.result()


# ---------------------------------------------------------------- the recall index
#
# Pagefind ranks well but does not find every page: its query segmentation (ICU) differs from its
# index segmentation (jieba), and at 10,000 pages it returned nothing for 康政发 or 社保, which 2,006
# pages contain (benchmarks/bench_search.py). The promise to the public is that every page
# containing the words typed is found, so a second, exact layer answers that: for every character
# and every two adjacent characters (code points) of a page's folded text (``lookup_key``), the
# pages that contain them. A query's pages are among the pages holding all of its character pairs
# (a query of one character: its character); the script confirms each against the page's text.
# Pagefind's bundles are read only for related results, on request, when no page contains a query.
#
# Everything is sharded so that a query fetches kilobytes whatever the size of the site:
#   search/meta.json              format version, folding, shard functions and counts, filter values
#   search/grams/<k>.json.gz      {"b": pair or character → page numbers of the text, "t": … of the
#                                 title}, delta-coded
#   search/exact/<k>.json.gz      folded 发文字号/索引号 → what its result shows
#   search/facets/<i>-<j>.json.gz pages having value j of filter i, delta-coded
#   search/text/<n>.txt.gz        page n: a JSON line of what its result shows (url, title, type,
#                                 date, 文号), then its text, to confirm a match and show the excerpt

RECALL_DIR = "search"
SEARCH_FORMAT = 4
"""Bumped whenever the folding, a shard function or a file layout changes; gongkai.js refuses a
meta.json of another version rather than search with different rules."""
GZIP_LEVEL = 6
"""zlib's default: level 9 took three times as long at 10,000 records for files about 2% smaller."""
GRAM_FUNCTION = "gram-cp31"   # shard_of
KEY_FUNCTION = "key-cp31"     # exact_shard_of


def indexed_text(html: str) -> tuple[str, str]:
    """``(title, text)`` of what a page offers to search — the text of its ``data-pagefind-body``
    element without scripts, styles and comments, and of the h1 headings in it — whitespace
    collapsed. lxml's parser, in C: the build reads it from every record page's search copy."""
    root = lxml.html.document_fromstring(html)
    body = next(iter(root.xpath("//*[@data-pagefind-body]")), None)
    if body is None:
        return "", ""
    etree.strip_elements(body, "script", "style", etree.Comment, with_tail=False)
    title = "".join("".join(h.itertext()) for h in body.iter("h1"))
    return " ".join(title.split()), " ".join("".join(body.itertext()).split())


def pairs_of(key: str) -> set[str]:
    """Every two adjacent characters of a folded text — code points, so 𠮷 is one character."""
    return set(map(operator.add, key, key[1:]))


def query_grams(key: str) -> set[str]:
    """What a folded query looks up in the grams shards: its character pairs, or its one character."""
    return pairs_of(key) if len(key) > 1 else set(key)


def pair_codes(key: str) -> set[int]:
    """:func:`pairs_of` as numbers, each pair's first code point plus its second times 2**32 — the
    same pairs, made in C: the text as UTF-32 read eight bytes at a time, from its first character
    and from its second. A text of one character: its code point (:func:`gram_codes`)."""
    n = len(key)
    if n < 2:
        return {ord(key)} if n else set()
    raw = key.encode("utf-32-le", "surrogatepass")
    even, odd = array("Q"), array("Q")
    even.frombytes(raw[:n // 2 * 8])
    odd.frombytes(raw[4:4 + (n - 1) // 2 * 8])
    if sys.byteorder == "big":
        even.byteswap()
        odd.byteswap()
    codes = set(even)
    codes.update(odd)
    return codes


def gram_codes(pairs) -> set[int]:
    """A page's grams as numbers: its pair codes (:func:`pair_codes`, a set or an array) and every
    character in them as its code point — each pair's two halves read as 4-byte numbers, in C, so
    the characters need not be kept beside the pairs. 0 is no character: NUL is folded away."""
    codes = pairs if isinstance(pairs, array) else array("Q", pairs)
    grams = set(memoryview(codes).cast("B").cast("I"))
    grams.discard(0)
    grams.update(codes)
    return grams


def pair_text(code: int) -> str:
    """The gram a number of :func:`gram_codes` stands for: two characters, or one."""
    second = code >> 32
    return chr(code & 0xFFFFFFFF) + (chr(second) if second else "")


def shard_of(gram: str, shards: int) -> int:
    """Which grams shard holds a character pair or a character; gongkai.js ``shardOf`` computes the same."""
    return (ord(gram[0]) * 31 + (ord(gram[1]) if len(gram) > 1 else 0)) % shards


def exact_shard_of(key: str, shards: int) -> int:
    """Which exact shard holds a folded 文号; gongkai.js ``exactShardOf`` computes the same."""
    h = 0
    for ch in key:
        h = (h * 31 + ord(ch)) & 0xFFFFFFFF
    return h % shards


def shard_count(items: int, per_shard: int, least: int = 16) -> int:
    shards = least
    while shards * per_shard < items:
        shards *= 2
    return shards


def search_parameters(pages: int, exact_keys: int, filters: dict) -> dict:
    """Everything the script must compute exactly as the build did, for a site of ``pages`` indexed
    pages and ``exact_keys`` folded 文号/索引号 (how many shards each table has), and every value of
    every filter. search/meta.json holds them and the Pagefind bundles; the search page carries them
    itself (:func:`page_parameters`), so its first query fetches the index at once."""
    return {"version": SEARCH_FORMAT,
            "fold": {"normalize": "NFKC", "remove": FOLD_REMOVED, "lower": True},
            "pairs": {"function": GRAM_FUNCTION, "shards": shard_count(pages, 4)},
            "exact": {"function": KEY_FUNCTION, "shards": shard_count(exact_keys, 64)},
            "pages": pages, "filters": filters}


def page_parameters(view: PublicSite, facets: list[tuple[str, list[str]]]) -> dict:
    """:func:`search_parameters` of the site, from the records (``facets``: :func:`facet_values`),
    as :func:`write_recall_index` finds them while it writes the index."""
    return search_parameters(len(view.all_records()), len(exact_table(view)), dict(facets))


def indexed_records(view: PublicSite) -> list[PublicRecord]:
    """The pages the recall index numbers, newest first (page number order)."""
    records = [r for t in view.records for r in view.sorted(t)]
    records.sort(key=lambda r: (r.published, r.type, r.id), reverse=True)
    return records


def write_recall_index(view: PublicSite, site_dir: Path, texts: dict[str, tuple[str, str]] | None = None,
                       bundles: list[str] | None = None, cache: Path | None = None) -> None:
    """Write search/ for ``view``. ``texts`` maps a record URL to its indexed ``(title, text)``, gathered
    as the pages were written; a page missing from it is read back from ``site_dir``. ``cache``: a
    directory kept between builds (``build --cache``) where the character pairs of every page and the
    compressed files are kept (:class:`RecallCache`); the files written are the same without it."""
    texts = texts or {}
    records = indexed_records(view)
    fields = [search_fields(view, rec) for rec in records]
    facets = dict(_facets(name_value for f in fields for name_value in f["filters"]))
    facet_index = {name: {v: i for i, v in enumerate(values)} for name, values in facets.items()}
    out = site_dir / RECALL_DIR
    for sub in ("text", "grams", "exact", "facets"):
        (out / sub).mkdir(parents=True, exist_ok=True)
    kept = RecallCache(cache / RECALL_CACHE) if cache is not None else None
    files = kept if kept is not None else _Files()
    exact = exact_table(view)
    parameters = search_parameters(len(records), len(exact), facets)
    shards = parameters["pairs"]["shards"]
    pages: list[tuple[str, str]] = []
    digests: list[bytes] = []
    by_value: dict[tuple[int, int], list[int]] = defaultdict(list)
    names = list(facets)
    for number, (rec, field) in enumerate(zip(records, fields)):
        if rec.url in texts:
            title, text = texts[rec.url]
        else:
            title, text = indexed_text((site_dir / rec.url / "index.html").read_text(encoding="utf-8"))
        content = text.encode("utf-8")
        # The page's result line goes with its text: a result is shown from the one file that confirms it.
        files.write(f"{out}/text/{number}.txt.gz", page_entry(rec, title, field) + b"\n" + content)
        digest = hashlib.sha256(f"{len(title)}\0{title}\0".encode("utf-8") + content).digest()
        pages.append((title, text))
        digests.append(digest)
        for name, value in field["filters"]:
            by_value[(names.index(name), facet_index[name][value])].append(number)

    def codes_of(number: int) -> tuple:
        """A page's character pairs: made when they are needed, one page at a time (all of them at
        once would take several times the memory of the postings)."""
        title, text = pages[number]
        return kept.codes(digests[number], title, text) if kept is not None else page_codes(title, text)

    targets = [f"{out}/grams/{k}.json.gz" for k in range(shards)]
    patched = kept.patched_grams(digests, codes_of, shards) if kept is not None else None
    grams = [kept.place(target, g) for target, g in zip(targets, patched)] if patched is not None else [None]
    if None in grams:
        made = _grams(map(codes_of, range(len(records))), shards)
        grams = [files.write(target, data) for target, data in zip(targets, made)]
    for (i, j), numbers in sorted(by_value.items()):
        files.write(out / "facets" / f"{i}-{j}.json.gz", _json(_delta(sorted(set(numbers)))))
    exact_shards = parameters["exact"]["shards"]
    by_key: list[dict[str, dict]] = [{} for _ in range(exact_shards)]
    for key in sorted(exact):
        by_key[exact_shard_of(key, exact_shards)][key] = exact[key]
    for k, part in enumerate(by_key):
        files.write(out / "exact" / f"{k}.json.gz", _json(part))
    (out / "meta.json").write_text(json.dumps({**parameters, "pagefind": bundles or [BUNDLE]},
                                              ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    if kept is not None:
        kept.keep(digests, codes_of, shards, grams)


def page_entry(rec: PublicRecord, title: str, field: dict) -> bytes:
    """The first line of a page's text file: what its result shows, ``[url, title, type, date, 文号]``
    (gongkai.js ``pageItem`` reads it)."""
    meta = dict(field["meta"])  # search_fields: the same type, date and 文号 Pagefind stores
    return _json([rec.url, title, meta["类型"], meta["日期"], meta.get("发文字号") or meta.get("编号") or ""])


def page_codes(title: str, text: str) -> tuple[set[int], set[int]]:
    """A page's ``(text pairs, title pairs)``, folded and split as :func:`pair_codes`."""
    return pair_codes(lookup_key(text)), pair_codes(lookup_key(title))


def _grams(codes, shards: int) -> Iterator[bytes]:
    """The grams shards' JSON, one shard at a time: for every character pair and every character
    (:func:`gram_codes`), the page numbers of
    the pages whose text (``b``) and title (``t``) hold it, ascending and delta-coded. ``codes``:
    each page's ``(text pairs, title pairs)`` as :func:`pair_codes`. The postings are 4-byte arrays,
    and each shard's are dropped once its JSON is made: at 50,000 records, lists of Python ints and
    every shard's JSON at once took about 1 GB."""
    body: defaultdict[int, array] = defaultdict(partial(array, "I"))
    heads: defaultdict[int, array] = defaultdict(partial(array, "I"))
    for number, (text_pairs, title_pairs) in enumerate(codes):  # the appends run in C
        deque(map(array.append, map(body.__getitem__, gram_codes(text_pairs)), repeat(number)), 0)
        deque(map(array.append, map(heads.__getitem__, gram_codes(title_pairs)), repeat(number)), 0)
    in_shard: list[list[tuple[str, str, int]]] = [[] for _ in range(shards)]
    for part, postings in (("b", body), ("t", heads)):
        for code in postings:
            pair = pair_text(code)
            in_shard[shard_of(pair, shards)].append((part, pair, code))
    for listed in in_shard:
        shard: dict[str, dict[str, list[int]]] = {"b": {}, "t": {}}
        for part, pair, code in listed:
            shard[part][pair] = _delta((body if part == "b" else heads).pop(code))
        listed.clear()
        yield _json(shard)


def _facets(filters) -> list[tuple[str, list[str]]]:
    seen: dict[str, set[str]] = {name: set() for name in FILTERS}
    for name, value in filters:
        seen[name].add(value)
    return [(name, sorted(values, reverse=(name == "年份"))) for name, values in seen.items() if values]


class _Files:
    """search/'s files, each compressed as it is written."""

    def write(self, target: str | Path, data: bytes) -> None:
        _create(target, _gzip(data))


RECALL_CACHE = "recall"
"""In a build cache: the recall index's kept pairs (``state.marshal``) and compressed files (``gz/``)."""
PATCH_LIMIT = 64
"""Pages whose text may have changed for the grams shards to be patched rather than made again."""


class RecallCache:
    """What a build with a cache keeps of the recall index between builds, under a version that
    covers this module's source and everything the bytes depend on (zlib, the Unicode tables, the
    Python that wrote the state):

    - every compressed file the build wrote, named by the digest of its uncompressed content, so
      an unchanged file is linked (or copied) rather than compressed again;
    - the character pairs of every page, by the digest of its title and text, so an unchanged page
      is not folded and split again;
    - which page had which number and which grams shard is which file: when the pages are numbered
      as last time and only a few changed, only the shards holding a pair that came or went are
      made again, from the kept shard.

    Only what this build used is kept. A missing or unreadable state means computing everything;
    the output is the same either way (tests/test_recall_cache.py, tests/test_build_speed.py). The
    kept compressed files are trusted as this build's own output, like the theme's kept pages."""

    STATE = "state.marshal"
    STATE_CHUNKS = 16

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.blobs = folder / "gz"
        self.blobs.mkdir(parents=True, exist_ok=True)
        self.version = hashlib.sha256("\0".join([
            Path(__file__).read_text(encoding="utf-8"), zlib.ZLIB_RUNTIME_VERSION, unicodedata.unidata_version,
            sys.version, sys.byteorder]).encode("utf-8")).hexdigest()
        self.salt = self.version.encode("ascii")
        self.used: set[str] = set()
        self.fresh: dict[bytes, tuple[bytes, bytes]] = {}
        self.state = self._load()

    def _load(self) -> dict:
        """The kept state: a head (version, page order, grams files) then the pages' pairs in
        STATE_CHUNKS dicts, each marshalled on its own so that writing never holds all of it twice."""
        try:
            with open(self.folder / self.STATE, "rb") as fh:
                stored = marshal.load(fh)
                if isinstance(stored, dict) and stored.get("version") == self.version:
                    pairs: dict = {}
                    for _ in range(self.STATE_CHUNKS):
                        pairs.update(marshal.load(fh))
                    stored["pairs"] = pairs
        except (OSError, EOFError, ValueError, TypeError, MemoryError):  # garbage can claim huge sizes
            stored = None
        if isinstance(stored, dict) and stored.get("version") == self.version and isinstance(stored.get("pairs"), dict) \
                and isinstance(stored.get("order"), list) and isinstance(stored.get("grams"), list):
            return stored
        return {"pairs": {}, "order": [], "grams": [], "shards": 0}

    def pairs(self, digest: bytes) -> tuple[array, array] | None:
        """The kept ``(text pairs, title pairs)`` of a page by its digest."""
        entry = self.state["pairs"].get(digest)
        try:
            text_pairs, title_pairs = array("Q"), array("Q")
            text_pairs.frombytes(entry[0])
            title_pairs.frombytes(entry[1])
        except (TypeError, ValueError, IndexError):
            return None
        return text_pairs, title_pairs

    def codes(self, digest: bytes, title: str, text: str) -> tuple:
        """:func:`page_codes`, kept under the page's digest."""
        found = self.pairs(digest)
        if found is None:
            found = page_codes(title, text)
            self.fresh[digest] = tuple(array("Q", c).tobytes() for c in found)
        return found

    def write(self, target: str | Path, data: bytes) -> str:
        """Write ``data`` compressed at ``target``, linked to the kept file if there is one; its name."""
        digest = hashlib.sha256(self.salt)
        digest.update(data)
        name = digest.hexdigest()
        if self.place(target, name):
            return name
        _create(target, _gzip(data))
        blob = os.path.join(self.blobs, name)
        try:  # complete before it has its name
            os.link(target, blob)
        except FileExistsError:
            pass
        except OSError:
            tmp = os.path.join(self.blobs, f".{name}.{os.getpid()}")
            shutil.copyfile(target, tmp)
            os.replace(tmp, blob)
        self.used.add(name)
        return name

    def place(self, target: str | Path, data: bytes | str) -> str | None:
        """Put the kept file named ``data`` (or ``data`` compressed) at ``target``; its name, None if
        no such file is kept. A link where the file system allows: kept files are replaced, never
        rewritten in place."""
        if not isinstance(data, str):
            return self.write(target, data)
        blob = os.path.join(self.blobs, data)
        try:
            try:
                os.link(blob, target)
            except FileExistsError:
                os.unlink(target)
                os.link(blob, target)
        except FileNotFoundError:
            return None
        except OSError:  # another file system, or too many links
            try:
                shutil.copyfile(blob, target)
            except FileNotFoundError:
                return None
        self.used.add(data)
        return data

    def read(self, name: str) -> bytes:
        return gzip.decompress((self.blobs / name).read_bytes())

    def patched_grams(self, digests: list[bytes], codes_of, shards: int) -> list[bytes | str] | None:
        """Each grams shard's content, or the name of its kept file when no pair in it came or went —
        if the pages are numbered as last time and at most PATCH_LIMIT changed. None: make them all."""
        order, kept = self.state["order"], self.state["grams"]
        if self.state.get("shards") != shards or len(order) != len(digests) or len(kept) != shards:
            return None
        changed = [n for n, (old, new) in enumerate(zip(order, digests)) if old != new]
        if len(changed) > PATCH_LIMIT:
            return None
        edits: dict[int, list[tuple[str, str, int, bool]]] = defaultdict(list)
        for n in changed:
            before = self.pairs(order[n])
            if before is None:
                return None
            for part, old, new in zip("bt", map(gram_codes, before), map(gram_codes, codes_of(n))):
                for code, added in [*((c, False) for c in old - new), *((c, True) for c in new - old)]:
                    pair = pair_text(code)
                    edits[shard_of(pair, shards)].append((part, pair, n, added))
        grams: list[bytes | str] = list(kept)
        try:
            for k, changes in sorted(edits.items()):
                data = json.loads(self.read(kept[k]))
                for part, pair, n, added in changes:
                    numbers = list(accumulate(data[part].get(pair, [])))
                    if (n in numbers) == added:
                        return None  # the kept shard does not match the kept pairs
                    if added:
                        insort(numbers, n)
                    else:
                        numbers.remove(n)
                    if numbers:
                        data[part][pair] = _delta(numbers)
                    else:
                        del data[part][pair]
                grams[k] = _json(data)
        except (OSError, EOFError, ValueError, TypeError, KeyError, AttributeError, zlib.error):
            return None
        return grams

    def keep(self, digests: list[bytes], codes_of, shards: int, names: list[str]) -> None:
        """Remember this build's pages and grams shards (``names``); forget every other page and file."""
        for number, digest in enumerate(digests):
            if digest not in self.fresh and digest not in self.state["pairs"]:
                codes_of(number)
        kept = self.state["pairs"]
        path = self.folder / self.STATE
        tmp = path.with_name(f".{path.name}.{os.getpid()}")
        with open(tmp, "wb") as fh:
            marshal.dump({"version": self.version, "order": digests, "grams": names, "shards": shards}, fh)
            for k in range(self.STATE_CHUNKS):
                marshal.dump({d: self.fresh.get(d) or kept[d] for d in digests[k::self.STATE_CHUNKS]}, fh)
        os.replace(tmp, path)
        for blob in self.blobs.iterdir():
            if blob.name not in self.used:
                blob.unlink(missing_ok=True)


def _delta(ids: list[int]) -> list[int]:
    return [ids[0], *map(operator.sub, ids[1:], ids)] if ids else []


def _json(data) -> bytes:
    """Same data, same bytes: keys sorted (a dict filled from a set follows string hashing, which
    differs from run to run)."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode("utf-8")


def _create(target: str | Path, data: bytes) -> None:
    """Write a new file at ``target``: an existing one is removed first, never written into (it may
    be linked to a file a build cache keeps)."""
    try:
        fh = open(target, "xb")
    except FileExistsError:
        os.unlink(target)
        fh = open(target, "xb")
    with fh:
        fh.write(data)


def _gzip(data: bytes) -> bytes:
    """No timestamp in the gzip header: same content, same bytes."""
    return gzip.compress(data, GZIP_LEVEL, mtime=0)
