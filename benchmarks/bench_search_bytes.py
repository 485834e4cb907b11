"""What one search costs the visitor: bytes and requests of search data for the first query, on
sites of 1,000, 10,000 and 100,000 records.

    python benchmarks/bench_search_bytes.py                    # N = 1000, 10000, 100000
    python benchmarks/bench_search_bytes.py --sizes 10000 --keep /tmp/sb

A full build of 100,000 records takes far too long for a benchmark, so this builds a search-only
site: the synthetic records are checked and their pages rendered to Markdown exactly as the build
does; the text the search index takes from each record page is its rendered source (headings and
table markup included, so slightly more text than the HTML gives); ``search.write_recall_index``
writes the real index from it. The shell around it — the search page, the script and the theme —
is the built sample site of this repository, whose ``search/`` is replaced by the synthetic index.
Pagefind's bundle is the sample's: it is only loaded for related results when nothing matches,
and its bytes are reported separately.

Each query runs ``--repeat`` times (5) per size, each time in a new Chromium context (empty cache),
after one page load that starts the browser; its time is the median: from the start of the
navigation to search/?q=… until the results are shown; the same from a page of the site (the context
first loads the home page, so the theme's files are cached and the search data is not); and (typed)
from submitting the query on the loaded search page until they are painted. ``built_site_row`` lets
``bench_build.py`` measure the same queries on a site built by ``gongkai build``. Bytes are the encoded body
sizes of the requests under ``search/`` (gzip files as stored, text files as served). Queries: a
common word (财政), a 发文字号 of the synthetic site, a rare phrase (one record's full title), a
word on no page (社保) and one character (县, on nearly every page). It also checks the shown
results against a scan of every page's text.
This prints figures and asserts nothing: it is not a test.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import resource
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import quote

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.synth import TODAY, generate_site  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("GONGKAI_CHROMIUM", "/usr/bin/chromium")
SEARCH_MS = 300.0  # issue 17: a first search shows its results within this many milliseconds


def page_matches() -> int:
    """How many results the search page shows first, as gongkai.js sets it."""
    script = (REPO / "templates" / "theme" / "assets" / "javascripts" / "gongkai.js").read_text(encoding="utf-8")
    return int(re.search(r"var PAGE_MATCHES = (\d+);", script)[1])


def search_kb_target(n: int) -> float:
    """Issue 17: search data one first query may fetch, 300 KB up to 10,000 records, 1 MB at 100,000."""
    return 300.0 if n <= 10_000 else 1024.0

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)
CARRIED = re.compile(r'(<script type="application/json" id="gk-search-parameters">).*?(</script>)', re.S)

MEASURE = """
() => {
  const all = performance.getEntriesByType('resource');
  const size = e => e.encodedBodySize || e.transferSize || 0;
  const gk = all.filter(e => { const p = new URL(e.name).pathname; return p.includes('/search/') && !p.endsWith('/search/'); });
  const pf = all.filter(e => e.name.includes('/pagefind/'));
  return {gk_requests: gk.length, gk_bytes: gk.reduce((s, e) => s + size(e), 0),
          pf_requests: pf.length, pf_bytes: pf.reduce((s, e) => s + size(e), 0),
          files: gk.map(e => new URL(e.name).pathname.replace(/^.*\\/search\\//, '') + ' ' + size(e)),
          status: document.getElementById('gk-search-status').textContent,
          shown: Array.from(document.querySelectorAll('#gk-search-matches a.gk-result__title')).map(a => a.getAttribute('href'))};
}
"""

# Reports, once per page, the first animation frame at which the search status holds the outcome
# (performance.now(): milliseconds since the navigation began). Installed before the page's own
# scripts and read through a console message, so nothing of the measurement (such as Playwright's
# own script for wait_for_function, ~40 ms to compile) runs on the page while it is timed.
SHOWN = """
(() => {
  const done = () => {
    const status = document.getElementById('gk-search-status');
    return status && /^(找到|已找到|没有找到|前 |搜索暂时不可用)/.test(status.textContent.trim());
  };
  const failed = () => document.getElementById('gk-search-status').textContent.startsWith('搜索暂时不可用');
  const frame = () => done() ? console.log('gk-shown ' + (failed() ? 'failed' : performance.now()))
                             : requestAnimationFrame(frame);
  requestAnimationFrame(frame);
})();
"""

# A phone on a slow mobile connection, as DevTools' "Slow 4G" preset: 150 ms round trip, 1.6 Mbit/s
# down, 750 kbit/s up.
SLOW_4G = {"offline": False, "latency": 150, "downloadThroughput": 1.6e6 / 8, "uploadThroughput": 750e3 / 8}

# Milliseconds from submitting the query on the loaded search page until its results are painted
# (the status holds the outcome, then one animation frame); null after ``wait`` ms.
TYPED = """
([query, wait]) => new Promise(resolve => {
  setTimeout(() => resolve(null), wait);
  const status = document.getElementById('gk-search-status');
  const start = performance.now();
  const seen = new MutationObserver(() => {
    if (!/^(找到|已找到|没有找到|前 )/.test(status.textContent.trim())) return;
    seen.disconnect();
    requestAnimationFrame(() => resolve(performance.now() - start));
  });
  seen.observe(status, {childList: true, characterData: true, subtree: true});
  document.getElementById('gk-search-page-q').value = query;
  document.getElementById('gk-search-page-form').requestSubmit();
})
"""


def cached_index_times(view, texts: dict, scratch: Path) -> dict:
    """``write_recall_index`` with a build cache: cold (empty cache), then warm after one page's text
    changed by one character (as after editing one record), each into a new directory."""
    from generator.search import write_recall_index

    shutil.rmtree(scratch, ignore_errors=True)
    times = {}
    url = sorted(texts)[len(texts) // 2]
    title, text = texts[url]
    edited = {**texts, url: (title, text[:-1] + ("；" if text[-1:] != "；" else "。"))}
    for step, pages in (("index_cached_cold_s", texts), ("index_warm_s", edited)):
        start = time.perf_counter()
        write_recall_index(view, scratch / step, pages, cache=scratch / "cache")
        times[step] = time.perf_counter() - start
    shutil.rmtree(scratch)
    return times


def search_only_site(n: int, work: Path, shell: Path, seed: int) -> dict:
    """Generate N records, write the real recall index from their rendered pages into a copy of the shell."""
    from generator.build import _copy_attachments
    from generator.check import check_site
    from generator.pages import plan
    from generator.public import public_view
    from generator.render import render_pages
    from generator.search import indexed_text, write_recall_index

    site, docs, out = work / f"site-{n}", work / f"docs-{n}", work / f"out-{n}"
    for d in (docs, out):
        shutil.rmtree(d, ignore_errors=True)
    start = time.perf_counter()
    if not (site / ".synth-site").is_file():
        generate_site(site, n, seed)
    row = {"n": n, "generate_s": time.perf_counter() - start}
    start = time.perf_counter()
    report = check_site(site, TODAY)
    view = public_view(report.site)
    pages = [p for p in plan(view) if p.record is not None]
    docs.mkdir(parents=True)
    render_pages(view, pages, docs, _copy_attachments(site, view, docs))
    texts = {}
    for page in pages:
        source = FRONT_MATTER.sub("", (docs / page.source_path).read_text(encoding="utf-8"))
        texts[page.record.url] = indexed_text(f"<div data-pagefind-body><h1>{page.record.title}</h1>{source}</div>")
    row["render_s"] = time.perf_counter() - start
    shutil.copytree(shell, out)
    for part in (out / "search").iterdir():  # the index; search/index.html is the search page
        if part.name != "index.html":
            shutil.rmtree(part) if part.is_dir() else part.unlink()
    start = time.perf_counter()
    write_recall_index(view, out, texts)
    row["index_s"] = time.perf_counter() - start
    carry_parameters(out)
    row.update(cached_index_times(view, texts, work / f"recall-{n}"))
    shutil.rmtree(docs)
    files = [p for p in (out / "search").rglob("*") if p.is_file() and p.name != "index.html"]
    row["index_files"], row["index_mb"] = len(files), sum(p.stat().st_size for p in files) / 1048576
    row["meta_kb"] = (out / "search" / "meta.json").stat().st_size / 1024
    row["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    row["queries"] = queries_for(out, [r.title for r in view.all_records()])
    row["texts"] = {url: re.sub(r"\s+", "", text) for url, (title, text) in texts.items()}
    row["out"] = out
    return row


def queries_for(out: Path, titles: list[str]) -> dict:
    """The five queries on the site in ``out``: a common word, a 发文字号 from its exact index, a
    rare phrase (one record's full title), a word on no page and one character."""
    exact = {}
    for shard in (out / "search" / "exact").glob("*.json.gz"):
        exact.update(json.loads(gzip.decompress(shard.read_bytes())))
    labels = sorted(e["label"] for e in exact.values() if "〔" in e["label"])
    titles = sorted(titles)
    return {"common": "财政", "文号": labels[len(labels) // 2], "rare": titles[len(titles) // 3],
            "no match": "社保", "one character": "县"}


def built_site_row(out: Path) -> dict:
    """What :func:`measure` needs of a site built by ``gongkai build`` into ``out``: its queries and
    the searchable text of every page, read from the built HTML as the index reads it."""
    from generator.search import indexed_text

    texts, titles = {}, []
    for html in sorted(out.rglob("index.html")):
        text = html.read_text(encoding="utf-8")
        if "data-pagefind-body" not in text:
            continue
        title, body = indexed_text(text)
        url = html.parent.relative_to(out).as_posix() + "/"
        texts[url] = re.sub(r"\s+", "", body)
        titles.append(title)
    return {"out": out, "texts": texts, "queries": queries_for(out, titles)}


def carry_parameters(out: Path) -> None:
    """The search page carries the index's parameters (as a build writes it): the shell's page gets
    those of the synthetic index."""
    from jinja2.utils import htmlsafe_json_dumps

    parameters = json.loads((out / "search" / "meta.json").read_text(encoding="utf-8"))
    del parameters["pagefind"]
    page = out / "search" / "index.html"
    text, count = CARRIED.subn(lambda m: m[1] + str(htmlsafe_json_dumps(parameters, ensure_ascii=False)) + m[2],
                               page.read_text(encoding="utf-8"))
    carried = CARRIED.search(text)
    assert count == 1 and carried and '"pairs"' in carried[0], "the shell's search page carries no search parameters"
    page.write_text(text, encoding="utf-8")


def measure(row: dict, base_url: str, chromium: str, timeout: float, repeat: int = 5) -> None:
    from playwright.sync_api import sync_playwright

    from generator.serve import make_server

    page_size = page_matches()
    server = make_server(row["out"], "127.0.0.1", 0, base_url)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}{server.prefix}"
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
            try:
                warm = browser.new_context()  # the browser's own start is not the search's
                warm.new_page().goto(f"{base}search/", timeout=timeout * 1000)
                warm.close()
                def opened(query: str, network: dict | None = None, from_site: bool = False) -> tuple[float, dict]:
                    """Open the search page on the query in a new context (an empty cache): the
                    milliseconds until its results are shown, and what it fetched. ``from_site``:
                    the home page is loaded first, as by a visitor who searches from a page of the
                    site (the theme's files are then cached, the search data is not)."""
                    context = browser.new_context(locale="zh-CN")
                    try:
                        page = context.new_page()
                        if from_site:
                            page.goto(base, timeout=timeout * 1000)
                            page.wait_for_load_state("networkidle", timeout=timeout * 1000)
                        page.add_init_script(SHOWN)
                        if network:
                            cdp = context.new_cdp_session(page)
                            cdp.send("Network.enable")
                            cdp.send("Network.emulateNetworkConditions", network)
                        start = time.perf_counter()
                        with page.expect_console_message(lambda m: m.text.startswith("gk-shown "),
                                                         timeout=timeout * 1000) as shown:
                            page.goto(f"{base}search/?q={quote(query)}", wait_until="commit", timeout=timeout * 1000)
                        page.wait_for_load_state("networkidle", timeout=timeout * 1000)
                        got = page.evaluate(MEASURE)
                        got["wall_ms"] = (time.perf_counter() - start) * 1000
                        if shown.value.text.split()[1] == "failed":
                            raise RuntimeError(f"{query}: 搜索页报告“搜索暂时不可用”")
                        return float(shown.value.text.split()[1]), got
                    finally:
                        context.close()

                for kind, query in row["queries"].items():
                    times = []
                    for _ in range(repeat):  # each in a new context: an empty cache every time
                        ms, got = opened(query)
                        times.append(ms)
                    got["ms"] = statistics.median(times)
                    got["ms_range"] = (min(times), max(times))
                    site = [opened(query, from_site=True)[0] for _ in range(repeat)]
                    got["site_ms"] = statistics.median(site)
                    got["site_range"] = (min(site), max(site))
                    mobile = [opened(query, SLOW_4G)[0] for _ in range(repeat)]
                    got["mobile_ms"] = statistics.median(mobile)
                    got["mobile_range"] = (min(mobile), max(mobile))
                    typed = []
                    for _ in range(repeat):  # the query typed on the search page once it has loaded
                        context = browser.new_context(locale="zh-CN")
                        page = context.new_page()
                        page.goto(f"{base}search/", timeout=timeout * 1000)
                        page.wait_for_load_state("networkidle", timeout=timeout * 1000)
                        typed.append(page.evaluate(TYPED, [query, timeout * 1000]))
                        context.close()
                    if None in typed:
                        raise TimeoutError(f"{query}: no results after {timeout} s")
                    got["typed_ms"] = statistics.median(typed)
                    got["typed_range"] = (min(typed), max(typed))
                    needle = re.sub(r"\s+", "", query)
                    containing = {url for url, text in row["texts"].items() if needle in text}
                    shown = {re.sub(r"^https?://[^/]+", "", h).removeprefix(server.prefix.rstrip("/") + "/")
                             for h in got["shown"]}
                    got["query"], got["containing"] = query, len(containing)
                    # the first page of results shows a page of them (all, if fewer contain it), and
                    # a batch confirmed at once may add a few more
                    got["shown_ok"] = shown <= containing and len(shown) >= min(page_size, len(containing))
                    row.setdefault("results", {})[kind] = got
            finally:
                browser.close()
    finally:
        server.shutdown()


def shell_site(work: Path) -> tuple[Path, str]:
    from generator.build import build_site
    from generator.serve import load_base_url

    shell = work / "shell"  # built every time: a kept one may hold another version's script
    build_site(REPO, shell, TODAY)
    return shell, load_base_url(REPO)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000,100000", help="记录条数，逗号分隔（默认 1000,10000,100000）")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--chromium", default=CHROMIUM)
    parser.add_argument("--timeout", type=float, default=120.0, help="单个查询最多等待的秒数")
    parser.add_argument("--keep", type=Path, default=None, help="把站点留在此目录，下次沿用已生成的合成记录")
    parser.add_argument("--files", action="store_true", help="列出每个查询读取的文件")
    parser.add_argument("--repeat", type=int, default=5, help="每个查询计时的次数（取中位数，默认 5）")
    args = parser.parse_args(argv)
    work = args.keep or Path(tempfile.mkdtemp(prefix="gongkai-bench-bytes-"))
    work.mkdir(parents=True, exist_ok=True)
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"gongkai search bytes, seed {args.seed}, {os.cpu_count()} CPUs, load average {load}\n", flush=True)
    try:
        shell, base_url = shell_site(work)
        rows = []
        for n in (int(s) for s in args.sizes.split(",") if s.strip()):
            row = search_only_site(n, work, shell, args.seed)
            print(f"N={n}: index {row['index_s']:.1f} s, {row['index_files']} files, {row['index_mb']:.1f} MB; "
                  f"with a build cache {row['index_cached_cold_s']:.1f} s cold, {row['index_warm_s']:.1f} s after "
                  "one page changed", file=sys.stderr, flush=True)
            measure(row, base_url, args.chromium, args.timeout, args.repeat)
            row.pop("texts")
            rows.append(row)
            print(f"N={n}: " + "; ".join(f"{k} {r['gk_bytes'] / 1024:.1f} KB ({r['gk_requests']})"
                                        for k, r in row["results"].items()), file=sys.stderr, flush=True)
        print(f"{'N':>7} {'index s':>8} {'files':>7} {'MB':>7} {'meta KB':>8}  query: search/ KB (requests), "
              "Pagefind KB, pages containing it")
        for row in rows:
            cells = []
            for kind, r in row["results"].items():
                cells.append(f"{kind} {r['gk_bytes'] / 1024:.1f} KB ({r['gk_requests']})"
                             + (f" +Pagefind {r['pf_bytes'] / 1024:.0f} KB ({r['pf_requests']})" if r["pf_requests"] else "")
                             + f" [{r['containing']} pages{'' if r['shown_ok'] else ', RESULTS DIFFER'}]")
            print(f"{row['n']:>7} {row['index_s']:>8.1f} {row['index_files']:>7} {row['index_mb']:>7.1f} "
                  f"{row['meta_kb']:>8.1f}  " + "; ".join(cells))
        for row in rows:
            print(f"\nN = {row['n']:,}: " + "; ".join(
                f"{k} = {r['query']} ({r['ms']:.0f} ms, {r['ms_range'][0]:.0f}–{r['ms_range'][1]:.0f}; from a page"
                f" {r['site_ms']:.0f} ms, {r['site_range'][0]:.0f}–{r['site_range'][1]:.0f}; typed"
                f" {r['typed_ms']:.0f} ms, {r['typed_range'][0]:.0f}–{r['typed_range'][1]:.0f}; slow 4G"
                f" {r['mobile_ms']:.0f} ms, {r['mobile_range'][0]:.0f}–{r['mobile_range'][1]:.0f}; “{r['status'].strip()}”)"
                for k, r in row["results"].items()))
            if args.files:
                for kind, r in row["results"].items():
                    print(f"  {kind}: " + ", ".join(r["files"]))
        print(f"\nms: from the start of the navigation to the search page (cold cache, a new browser context each time)"
              f" until its results are shown (performance.now() in the page): the median of {args.repeat} runs and their"
              f" range, after one page load that starts the browser; target <= {SEARCH_MS:g} ms. from a page: the same, in a new"
              " context that first loaded the home page (a visitor who searches from the site: the theme's CSS and"
              " scripts are cached, no search data is). typed: the same query typed on"
              " the search page once it has loaded (a new context each time, so no search data is cached), from"
              " submitting it until its results are painted. slow 4G: as ms, on an emulated slow mobile connection"
              " (150 ms round trip, 1.6 Mbit/s down; the preview server sends the theme's files uncompressed, so this"
              " is pessimistic).")
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
