"""Golden queries: in Chromium, search returns every public page whose title or body contains the
query (recall 1.0), pages containing it exactly come first, a 发文字号 or 索引号 puts its document
first whichever brackets are typed, a query found nowhere says so, and withheld words find nothing."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote

import pytest
import yaml

from .conftest import REPO

WITHHELD_PHRASE = "农产品精深加工项目投资协议"  # only in the withheld item of content/decisions/2025-cwhy-02.yml


class _IndexedText(HTMLParser):
    """Title and text of the part of a page that Pagefind indexes (inside data-pagefind-body)."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.skip = 0
        self.parts: list[str] = []
        self.title = ""
        self._in_h1 = False

    def handle_starttag(self, tag, attrs):
        if self.depth:
            self.depth += 1
        elif "data-pagefind-body" in dict(attrs):
            self.depth = 1
        if tag in ("script", "style"):
            self.skip += 1
        self._in_h1 = self._in_h1 or (tag == "h1" and self.depth > 0)

    def handle_endtag(self, tag):
        if self.depth:
            self.depth -= 1
        if tag in ("script", "style") and self.skip:
            self.skip -= 1
        if tag == "h1":
            self._in_h1 = False

    def handle_data(self, data):
        if self.depth and not self.skip:
            self.parts.append(data)
            if self._in_h1:
                self.title += data


VOID = {"br", "hr", "img", "input", "meta", "link", "source", "wbr", "area", "base", "col", "embed", "param", "track"}


def indexed(site: Path) -> dict[str, _IndexedText]:
    """URL path → the parsed indexed part, for every page Pagefind indexes."""
    pages = {}
    for html in site.rglob("index.html"):
        text = html.read_text(encoding="utf-8")
        if "data-pagefind-body" not in text:
            continue
        parser = _IndexedText()
        parser.handle_startendtag = lambda tag, attrs: None  # void tags neither open nor close a level
        _orig = parser.handle_starttag
        parser.handle_starttag = lambda tag, attrs, _o=_orig: None if tag in VOID else _o(tag, attrs)
        parser.feed(text)
        pages["/" + html.parent.relative_to(site).as_posix() + "/"] = parser
    return pages


def indexed_pages(site: Path) -> dict[str, str]:
    """URL path → whitespace-free indexed text, for every page Pagefind indexes."""
    return {url: re.sub(r"\s+", "", "".join(parser.parts)) for url, parser in indexed(site).items()}


def expected(site: Path, query: str) -> set[str]:
    needle = re.sub(r"\s+", "", query)
    return {url for url, text in indexed_pages(site).items() if needle in text}


def run_query(page, base: str, query: str, **filters: str) -> dict:
    page.goto(f"{base}search/?q={quote(query)}" + "".join(f"&{quote(k)}={quote(v)}" for k, v in filters.items()))
    status = page.locator("#gk-search-status")
    page.wait_for_function(
        "() => { const t = document.getElementById('gk-search-status').textContent;"
        " return t && !t.startsWith('正在'); }", timeout=20000)
    more = page.locator("#gk-search-more")
    while more.is_visible():
        count = page.locator("#gk-search-matches li").count()
        more.click()
        page.wait_for_function(f"() => document.querySelectorAll('#gk-search-matches li').length > {count}"
                               " || document.getElementById('gk-search-more').hidden", timeout=20000)
    hrefs = page.eval_on_selector_all("#gk-search-matches a.gk-result__title", "els => els.map(e => e.getAttribute('href'))")
    prefix = re.sub(r"^https?://[^/]+", "", base).rstrip("/")
    paths = [re.sub(r"^https?://[^/]+", "", h).removeprefix(prefix) for h in hrefs]
    related = page.locator("#gk-search-related li").count()
    return {"status": status.inner_text(), "paths": paths, "related": related}


def sample_record(type_: str, id_: str) -> dict:
    return yaml.safe_load((REPO / "content" / type_ / f"{id_}.yml").read_text(encoding="utf-8"))


def golden_queries() -> list[str]:
    config = yaml.safe_load((REPO / "site_config.yml").read_text(encoding="utf-8"))
    finance = next(o["name"] for o in config["organizations"] if o["id"] == "czj")
    return [
        "财政", "防汛", "供水", "义务教育", "乡村振兴",           # two- and four-character words
        "优化", "优化营商环境",                                  # words ICU and jieba split differently
        sample_record("policies", "kzf-2025-3")["title"],         # a page's exact title
        finance,                                                 # the name of a unit
        sample_record("policies", "kzf-2025-3")["doc_no"],        # a 发文字号
        "𠮷家沟村", "确定𠮷",                                       # outside the BMP (U+20BB7): two UTF-16 units
        "汛", "𠮷",                                                 # one character
    ]


@pytest.mark.parametrize("query", golden_queries())
def test_search_finds_every_page_containing_the_query(query, page, site_url, sample_site):
    want = expected(sample_site, query)
    assert want, f"golden query {query!r} is on no page: pick another"
    got = run_query(page, site_url, query)
    assert set(got["paths"]) == want, {"missing": want - set(got["paths"]), "extra": set(got["paths"]) - want}
    assert len(got["paths"]) == len(set(got["paths"])), "a page is listed twice"
    first_ten = got["paths"][:10]
    assert all(p in want for p in first_ten)
    assert "找到" in got["status"] and not page.js_errors


def test_the_first_page_shows_ten_results_and_reads_only_their_texts(page, site_url, sample_site):
    """Ten results a page (a batch confirmed at once may add a few): a two-character query's candidates
    all contain it, so the first query reads the files of the pages it shows and no others (each
    holds what its result shows and its text), and 显示更多 offers the rest."""
    assert len(expected(sample_site, "财政")) > 10, "the sample no longer has the shape this needs"
    fetched = []
    page.on("request", lambda request: fetched.append(request.url))
    page.goto(site_url + "search/?q=财政")
    page.wait_for_function("() => /^已找到/.test(document.getElementById('gk-search-status').textContent)",
                           timeout=20000)
    page.wait_for_load_state("networkidle", timeout=20000)
    shown = page.locator("#gk-search-matches li").count()
    assert 10 <= shown < 20
    assert len([url for url in fetched if "/search/text/" in url]) == shown
    # a result is shown from the one file that confirms it: nothing but the pairs, the 文号 table and texts
    read = {m[1] for url in fetched if (m := re.match(re.escape(site_url) + r"search/(\w+)/", url))}
    assert read == {"grams", "exact", "text"}, read
    assert page.locator("#gk-search-more").is_visible()
    assert not page.js_errors


def test_query_on_no_page_says_so(page, site_url, sample_site):
    assert not expected(sample_site, "医保")
    fetched = []
    page.on("request", lambda request: fetched.append(request.url))
    got = run_query(page, site_url, "医保")
    assert got["paths"] == [] and got["related"] == 0
    assert "没有找到包含“医保”的信息" in got["status"]
    # Pagefind's index (every bundle of a large site) is loaded only when related results are asked for
    assert not [url for url in fetched if "/pagefind" in url]
    button = page.locator("#gk-related-more")
    assert button.is_visible()
    button.focus()
    page.keyboard.press("Enter")
    page.wait_for_function("() => !document.getElementById('gk-search-status').textContent.startsWith('正在')",
                           timeout=20000)
    assert [url for url in fetched if "/pagefind" in url]
    if page.locator("#gk-search-related li").count():
        assert page.locator("#gk-related-heading").is_visible()
        assert page.evaluate("document.activeElement.id") == "gk-related-heading"
        assert "以下是相关结果" in page.locator("#gk-search-status").inner_text()
    else:
        assert "也没有相关结果" in page.locator("#gk-search-status").inner_text()
    assert not page.js_errors


def test_one_character_is_looked_up_in_the_recall_index(page, site_url, sample_site):
    """A query of one character reads its grams shard, not Pagefind's bundles (every bundle of a
    large site, hundreds of kilobytes at 10,000 records), and finds every page containing it."""
    fetched = []
    page.on("request", lambda request: fetched.append(request.url))
    got = run_query(page, site_url, "汛")
    assert set(got["paths"]) == expected(sample_site, "汛")
    assert [url for url in fetched if "/search/grams/" in url]
    assert not [url for url in fetched if "/pagefind" in url]
    assert not page.js_errors


def test_browsing_by_filters_alone_lists_every_page_having_them(page, site_url, sample_site):
    fetched = []
    page.on("request", lambda request: fetched.append(request.url))
    got = run_query(page, site_url, "", 类型="政策文件", sort="asc")
    want = {url for url in indexed_pages(sample_site) if url.startswith("/policies/")}
    assert want and set(got["paths"]) == want and len(got["paths"]) == len(want)
    assert got["status"] == f"共 {len(want)} 条。"
    metas = page.locator("#gk-search-matches .gk-result__meta").all_inner_texts()
    dates = [tuple(map(int, re.search(r"(\d{4})年(\d{1,2})月(\d{1,2})日", m).groups())) for m in metas]
    assert dates == sorted(dates)
    assert [url for url in fetched if "/search/facets/" in url]
    assert not [url for url in fetched if "/pagefind" in url]
    assert not page.js_errors


def test_search_page_shows_results_before_the_theme_script(page, site_url):
    """The search page's parameters and gongkai.js (async) are in <head>, so its query starts while
    the page is parsed, and the results are shown once they and the result list are there: a theme
    script that has not arrived holds nothing up (the page is still loading when they are shown)."""
    held = []
    page.route("**/assets/javascripts/bundle.*.min.js", lambda route: held.append(route))
    page.goto(site_url + "search/?q=防汛", wait_until="commit")
    page.wait_for_function("() => /^(找到|已找到)/.test("
                           "(document.getElementById('gk-search-status') || {}).textContent || '')", timeout=20000)
    assert held and page.evaluate("document.readyState") == "loading"
    assert page.locator("#gk-search-matches li").count()
    for route in held:
        route.continue_()
    page.wait_for_load_state("load", timeout=20000)
    assert not page.js_errors


def test_search_page_sends_its_query_before_the_stylesheets_arrive(page, site_url):
    """gongkai.js comes before the stylesheets in <head>: the browser neither holds it back while
    they load nor runs it after them, so the search page's first index requests go out while the
    page still waits for its CSS (after it, ~60 ms later in a cold browser at 10,000 records)."""
    held = []
    page.route("**/assets/stylesheets/*.css", lambda route: held.append(route))
    try:
        with page.expect_request(lambda request: "/search/grams/" in request.url, timeout=20000):
            page.goto(site_url + "search/?q=防汛", wait_until="commit")
        assert held, "the stylesheets were not requested"
    finally:
        for route in held:
            route.continue_()
    page.wait_for_load_state("load", timeout=20000)
    assert not page.js_errors


def test_an_address_the_form_reads_differently_is_searched_as_the_form_reads(page, site_url):
    """The query started from the address is kept only if the form, once parsed, reads the same;
    an unknown sort or filter value is dropped by the form, and the form's search is the one shown."""
    page.goto(site_url + "search/?q=防汛&sort=sideways&类型=不存在的类型")
    page.wait_for_function("() => /^(找到|已找到)/.test(document.getElementById('gk-search-status').textContent)",
                           timeout=20000)
    assert page.evaluate("location.search") == "?q=%E9%98%B2%E6%B1%9B"
    assert page.locator("#gk-search-matches li").count()
    assert not page.js_errors


def test_search_page_carries_the_index_parameters(page, site_url, sample_site):
    """The search page holds search/meta.json's parameters itself, so its first query fetches the
    index at once, without waiting for meta.json; it fetches no search data until a query is made.
    Pages without them (the header box) read meta.json, which also lists the Pagefind bundles."""
    import json

    meta = json.loads((sample_site / "search" / "meta.json").read_text(encoding="utf-8"))
    carried = page_parameters(sample_site / "search" / "index.html")
    assert {**carried, "pagefind": meta["pagefind"]} == meta
    assert list(carried["filters"]) == list(meta["filters"]), "the script numbers the filters in their order"
    fetched = []
    page.on("request", lambda request: fetched.append(request.url))
    page.goto(site_url + "search/")
    page.wait_for_load_state("networkidle", timeout=20000)
    assert not [url for url in fetched if url.startswith(site_url + "search/") and url != site_url + "search/"]
    page.fill("#gk-search-page-q", "防汛")
    page.press("#gk-search-page-q", "Enter")
    page.wait_for_function("() => /^(找到|已找到)/.test(document.getElementById('gk-search-status').textContent)",
                           timeout=20000)
    assert site_url + "search/meta.json" not in fetched
    assert [url for url in fetched if "/search/grams/" in url] and [url for url in fetched if "/search/text/" in url]
    assert not page.js_errors


def test_a_short_title_group_reads_the_next_pages_in_the_same_round_trip(page, site_url, sample_site):
    """防汛 is in a few pages' titles and more pages' text: the first round of texts (the titles'
    pages) cannot fill a page of results, so the other pages' texts are requested with it, not one
    round trip later. Every text request starts before any of them is answered."""
    titled = {url for url, parser in indexed(sample_site).items() if "防汛" in parser.title}
    containing = expected(sample_site, "防汛")
    assert titled and containing - titled and len(containing) <= 10, "the sample no longer has the shape this needs"
    page.add_init_script("""
      window.gkFetches = [];
      const realFetch = window.fetch;
      let answered = 0;
      window.fetch = function (url, ...rest) {
        window.gkFetches.push({ url: String(url), answeredBefore: answered });
        return realFetch.call(this, url, ...rest).then(r => { answered += 1; return r; });
      };
    """)
    page.goto(site_url + "search/?q=防汛")
    page.wait_for_function("() => /^(找到|已找到)/.test(document.getElementById('gk-search-status').textContent)",
                           timeout=20000)
    texts = [f for f in page.evaluate("window.gkFetches") if "/search/text/" in f["url"]]
    assert len(texts) >= len(containing)
    assert len({f["answeredBefore"] for f in texts}) == 1, texts
    assert page.locator("#gk-search-matches li").count() == len(containing)
    assert not page.js_errors


def page_parameters(path: Path) -> dict:
    import json

    found = re.findall(r'<script type="application/json" id="gk-search-parameters">(.*?)</script>',
                       path.read_text(encoding="utf-8"), re.S)
    assert len(found) == 1
    return json.loads(found[0])


def test_withheld_words_find_nothing(page, site_url, sample_site):
    raw = (REPO / "content/decisions/2025-cwhy-02.yml").read_text(encoding="utf-8")
    assert WITHHELD_PHRASE in raw and "不予公开" in raw
    assert not expected(sample_site, WITHHELD_PHRASE)
    got = run_query(page, site_url, WITHHELD_PHRASE)
    assert got["paths"] == [] and "没有找到" in got["status"]


@pytest.mark.parametrize("typed", [
    "康政发〔2025〕3号", "康政发[2025]3号", "康政发(2025)3号", "康政发【2025】3号", "康政发（2025）3号",
    "康政发［２０２５］３号", "康政发 2025 3号", "康政发20253号",
])
def test_doc_no_lookup_puts_the_document_first(typed, page, site_url):
    got = run_query(page, site_url, typed)
    assert got["paths"][:1] == ["/policies/kzf-2025-3/"], got


def test_index_no_lookup_puts_the_document_first(page, site_url):
    index_no = sample_record("proposals", "rd17-4-047")["index_no"]
    got = run_query(page, site_url, index_no.replace("/", " / "))
    assert got["paths"][:1] == ["/proposals/rd17-4-047/"], got


def test_filters_and_date_sort(page, site_url):
    page.goto(f"{site_url}search/?q={quote('财政')}&类型={quote('政策文件')}&sort=desc")
    page.wait_for_function("() => { const t = document.getElementById('gk-search-status').textContent;"
                           " return t && !t.startsWith('正在'); }", timeout=20000)
    paths = page.eval_on_selector_all("#gk-search-matches a.gk-result__title", "els => els.map(e => e.getAttribute('href'))")
    assert paths and all("/policies/" in p for p in paths)
    metas = page.locator("#gk-search-matches .gk-result__meta").all_inner_texts()
    dates = [tuple(map(int, re.search(r"(\d{4})年(\d{1,2})月(\d{1,2})日", m).groups())) for m in metas]
    assert dates == sorted(dates, reverse=True)
    assert all("政策文件" in m for m in metas)
    assert page.locator("select[data-gk-filter='类型']").input_value() == "政策文件"


FOLD_INPUTS = [
    "康政发〔2025〕3号", "康政发［２０２５］３号", "康政发 (2025)\t3号", "11622922MB01397282 / 2026-00025",
    "𠮷家沟村", "确定𠮷", "𠮷𠮷", "Ⅻ号ｱｲｳ", "İSTANBUL straße ΟΔΟΣ", "a\u00a0b\u3000c\u2028d", "é", "🙂財政",
    "﹝2024﹞〖甲〗「乙」{丙}【丁】", "", "汛", "𠮷", "（县）", "a\x00b",
]


def test_folding_and_shards_agree_between_python_and_the_script(page, site_url, sample_site):
    """search/meta.json carries the folding and shard parameters; the script computes with them
    exactly what generator/search.py computes (issue #11 item 6)."""
    import json

    from generator import search

    meta = json.loads((sample_site / "search" / "meta.json").read_text(encoding="utf-8"))
    assert meta["version"] == search.SEARCH_FORMAT
    assert meta["fold"] == {"normalize": "NFKC", "remove": search.FOLD_REMOVED, "lower": True}
    assert meta["pairs"]["function"] == search.GRAM_FUNCTION and meta["exact"]["function"] == search.KEY_FUNCTION
    page.goto(f"{site_url}search/")
    page.wait_for_function("() => window.gongkaiSearch", timeout=20000)
    got = page.evaluate("""async ([inputs, shards, exactShards]) => {
        const s = window.gongkaiSearch, out = [];
        for (const text of inputs) {
            const key = await s.fold(text);
            const pairs = s.gramsOf(key);
            out.push({key, pairs: pairs.map(p => [p, s.shardOf(p, shards)]).sort(),
                      exact: s.exactShardOf(key, exactShards)});
        }
        return out;
    }""", [FOLD_INPUTS, meta["pairs"]["shards"], meta["exact"]["shards"]])
    want = []
    for text in FOLD_INPUTS:
        key = search.lookup_key(text)
        want.append({"key": key, "pairs": sorted([p, search.shard_of(p, meta["pairs"]["shards"])]
                                                 for p in search.query_grams(key)),
                     "exact": search.exact_shard_of(key, meta["exact"]["shards"])})
    assert got == want
    assert search.pairs_of(search.lookup_key("𠮷家")) == {"𠮷家"}
