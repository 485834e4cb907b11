"""Pagefind in parts (issue #17): a large site's search-indexed pages are split by URL into parts,
each indexed into its own bundle, and the browser merges the bundles. The sample site is split here
(GONGKAI_PART_PAGES) so that every part path runs: the parallel build equals the serial one byte for
byte, every bundle is listed in search/meta.json, and a search through Pagefind finds pages of every
bundle, as related results search it."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import REPO, TODAY, served
from .test_build_speed import files_of

PART_PAGES = "7"


def build(out: Path, workers: str) -> Path:
    env = {**os.environ, "GONGKAI_WORKERS": workers, "GONGKAI_PART_PAGES": PART_PAGES}
    proc = subprocess.run([sys.executable, "-m", "generator", "build", "--root", str(REPO), "--out", str(out),
                           "--today", TODAY.isoformat()], env=env, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return out


@pytest.fixture(scope="module")
def parted_site(tmp_path_factory) -> Path:
    return build(tmp_path_factory.mktemp("parted") / "site", "2")


def test_every_part_has_a_bundle_listed_in_meta(parted_site, sample_site):
    meta = json.loads((parted_site / "search" / "meta.json").read_text(encoding="utf-8"))
    bundles = meta["pagefind"]
    record_pages = sum(1 for p in sample_site.rglob("index.html") if "data-pagefind-body" in p.read_text(encoding="utf-8"))
    assert len(bundles) > 3 and len(bundles) <= -(-record_pages // int(PART_PAGES))
    assert bundles[0] == "pagefind/"
    for bundle in bundles:
        assert (parted_site / bundle / "pagefind-entry.json").is_file(), bundle
    unsplit = json.loads((sample_site / "search" / "meta.json").read_text(encoding="utf-8"))
    assert unsplit["pagefind"] == ["pagefind/"] and not (sample_site / "pagefind-parts").exists()
    pages = sum(json.loads((parted_site / b / "pagefind-entry.json").read_text())["languages"]["zh"]["page_count"]
                for b in bundles)
    assert pages == record_pages


def test_parted_parallel_build_is_byte_identical_to_serial(parted_site, tmp_path):
    serial = files_of(build(tmp_path / "serial", "1"))
    parallel = files_of(parted_site)
    assert serial.keys() == parallel.keys()
    assert [name for name in serial if serial[name] != parallel[name]] == []


@pytest.fixture(scope="module")
def parted_url(parted_site):
    with served(parted_site) as url:
        yield url


def test_pagefind_search_reaches_every_bundle(page, parted_url, parted_site):
    """Related results search Pagefind with every bundle merged, as the script loads them: a filter
    without a query must find the policies of every bundle."""
    policies = {f"/policies/{p.parent.name}/" for p in (parted_site / "policies").glob("*/index.html")}
    page.goto(parted_url + "search/")
    page.wait_for_function("() => window.gongkaiSearch", timeout=20000)
    urls = page.evaluate("""async () => {
        const pf = await window.gongkaiSearch.pagefind();
        const found = await pf.search(null, {filters: {"类型": "政策文件"}});
        return (await Promise.all(found.results.map(r => r.data()))).map(p => p.url);
    }""")
    prefix = re.sub(r"^https?://[^/]+", "", parted_url).rstrip("/")
    shown = {re.sub(r"^https?://[^/]+", "", url).removeprefix(prefix) for url in urls}
    assert shown == policies, {"missing": policies - shown, "extra": shown - policies}
    assert not page.js_errors


def test_parts_grow_as_the_square_root_of_the_site():
    """A part re-indexed after an edit and the bundles related results merge both grow as √N."""
    from generator.search import parts_for

    sizes = {n: parts_for(n) for n in (1, 500, 501, 1000, 10_000, 50_000, 100_000)}
    assert sizes == {1: 1, 500: 1, 501: 2, 1000: 2, 10_000: 20, 50_000: 45, 100_000: 64}


def test_search_copy_holds_exactly_what_pagefind_indexes(sample_site):
    """Pagefind reads each page's search copy instead of the page: the indexed text must be the same."""
    from generator.search import indexed_text, search_copy

    pages = [p for p in sample_site.rglob("index.html") if "data-pagefind-body" in p.read_text(encoding="utf-8")]
    assert len(pages) > 50
    for path in pages:
        html = path.read_text(encoding="utf-8")
        copy = search_copy(html)
        assert indexed_text(copy) == indexed_text(html), path
        assert '<html lang="zh">' in copy and copy.count("data-pagefind-sort") == html.count("data-pagefind-sort")


def test_indexed_text_is_the_text_of_the_indexed_element():
    from generator.search import indexed_text

    page = ('<html lang="zh"><head><title>标题 - 站点</title><script>var x = "导航";</script></head><body>'
            '<nav>导航文字</nav><div data-pagefind-body><h1>康乐县 &amp; <b>通知</b></h1><!-- 注释 -->'
            '<p>正文&nbsp;第一段<br>第二行</p><script>alert("脚本")</script><style>.a{}</style>'
            '<h1>第二个</h1><div class="gk-search-fields" hidden><span data-pagefind-meta="类型:政策文件"></span></div>'
            '</div><footer>页脚</footer></body></html>')
    assert indexed_text(page) == ("康乐县 & 通知第二个", "康乐县 & 通知正文 第一段第二行第二个")
    assert indexed_text("<html><body><p>没有索引元素</p></body></html>") == ("", "")
