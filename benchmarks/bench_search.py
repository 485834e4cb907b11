"""Search on synthetic sites of N records: Pagefind index time, size and peak memory, and the cold
first query in Chromium.

    python benchmarks/bench_search.py                  # N = 1000, 10000
    python benchmarks/bench_search.py --sizes 2000 --cold-runs 5
    python benchmarks/bench_search.py --query 教育 --query 康政发〔2024〕3号

For each N the site is generated (not timed) and built once with ``python -m generator build``.
Then:

1. Pagefind alone: the extended binary the build uses runs again on the built output, with the
   build's arguments but ``--output-path`` into a scratch directory; wall time (best of
   --index-runs) and the binary's peak RSS (``os.wait4`` on it: it has no children of its own).
   Index size: total bytes and file count of the ``pagefind/`` directory the build wrote.
2. Cold first query: the built site is served on 127.0.0.1 with ``generator.serve.make_server``
   (under its base_url path), and Debian's Chromium is driven through Playwright. Every measurement
   uses a new browser context (empty HTTP cache) and opens ``search/?q=QUERY``. Times are
   ``performance.now()`` in the page, i.e. from navigation start: until ``#gk-search-status`` holds a
   text that does not start with 正在 (the search finished), and until the first result link appears
   in ``#gk-search-matches``. The median of --cold-runs runs is reported. The server's files are in
   the OS page cache after the first run; only the browser is cold.

Queries: 财政, 优化营商环境, a 发文字号 of the synthetic site (taken from its search/exact.json), 医保
(on no page of the site product.md measured, but the synthetic site has a 医疗保障局 and its
医保基金 documents, so here it finds pages), and 社保, which is on no synthetic page while 社 and 保
are everywhere: the page must confirm every Pagefind candidate before it can say nothing was found.
This prints figures and asserts nothing: it is not a test.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import statistics
import sys
import tempfile
import threading
import time
import unicodedata
from pathlib import Path
from urllib.parse import quote

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.bench_build import build_command, failure, run_child  # noqa: E402
from benchmarks.synth import TODAY, generate_site  # noqa: E402

CHROMIUM = os.environ.get("GONGKAI_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
DEFAULT_QUERIES = ["财政", "优化营商环境", "{doc_no}", "医保", "社保"]

# Installed before any page script runs: records, from navigation start, when the search status
# becomes final and when the first result link appears; keeps every resource timing entry.
OBSERVER = """
(() => {
  try { performance.setResourceTimingBufferSize(1000000); } catch (e) {}
  const t = window.__gkBench = {status: null, link: null, text: null};
  const look = () => {
    if (t.link === null && document.querySelector('#gk-search-matches a')) t.link = performance.now();
    const s = document.getElementById('gk-search-status');
    const text = s ? s.textContent.trim() : '';
    if (t.status === null && text && !text.startsWith('正在')) { t.status = performance.now(); t.text = text; }
  };
  new MutationObserver(look).observe(document, {subtree: true, childList: true, characterData: true});
})();
"""

SUMMARY = """
() => {
  const t = window.__gkBench;
  const all = performance.getEntriesByType('resource');
  const pf = all.filter(e => e.name.includes('/pagefind/'));
  const gk = all.filter(e => { const p = new URL(e.name).pathname; return p.includes('/search/') && !p.endsWith('/search/'); });
  const first = document.querySelector('#gk-search-matches a');
  return {status: t.status, link: t.link, text: t.text,
          matches: document.querySelectorAll('#gk-search-matches li').length,
          related: document.querySelectorAll('#gk-search-related li').length,
          exact: !!document.querySelector('#gk-search-matches .gk-result--exact'),
          first_url: first ? first.href : null,
          pf_requests: pf.length, pf_fragments: pf.filter(e => e.name.includes('/fragment/')).length,
          pf_bytes: pf.reduce((sum, e) => sum + (e.transferSize || e.encodedBodySize || 0), 0),
          gk_requests: gk.length, gk_bytes: gk.reduce((sum, e) => sum + (e.encodedBodySize || e.transferSize || 0), 0),
          all_requests: all.length, all_bytes: all.reduce((sum, e) => sum + (e.encodedBodySize || e.transferSize || 0), 0)};
}
"""


def dir_size(path: Path) -> tuple[int, int]:
    files = [p for p in path.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files), len(files)


def index_breakdown(bundle: Path) -> str:
    parts = []
    for sub in ("fragment", "index", "filter"):
        size, count = dir_size(bundle / sub) if (bundle / sub).is_dir() else (0, 0)
        parts.append(f"{sub}/ {count} files {size / 1048576:.1f} MB")
    rest = [p for p in bundle.iterdir() if p.is_file()]
    parts.append(f"top level {len(rest)} files {sum(p.stat().st_size for p in rest) / 1048576:.1f} MB")
    return "; ".join(parts)


def pick_doc_no(out: Path) -> tuple[str | None, str | None]:
    """A 发文字号 with brackets from the site's exact-lookup table, and the URL it must lead to."""
    table = {}
    for shard in sorted((out / "search" / "exact").glob("*.json.gz")):
        table.update(json.loads(gzip.decompress(shard.read_bytes())))
    labels = sorted((e["label"], e["url"]) for e in table.values() if "〔" in e["label"])
    preferred = [x for x in labels if x[0].startswith("康政发")] or labels
    if not preferred:
        return None, None
    return preferred[len(preferred) // 2]


# ---------------------------------------------------------------- the browser


def cold_query(browser, url: str, timeout: float) -> dict:
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    context.add_init_script(OBSERVER)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    start = time.perf_counter()
    try:
        page.goto(url, wait_until="commit", timeout=timeout * 1000)
        page.wait_for_function("() => window.__gkBench && window.__gkBench.status !== null", timeout=timeout * 1000,
                               polling=50)
        result = page.evaluate(SUMMARY)
        result["wall_ms"] = (time.perf_counter() - start) * 1000
        result["timed_out"] = False
    except Exception as exc:  # playwright's TimeoutError, or the page crashed
        result = {"timed_out": True, "error": f"{type(exc).__name__}: {str(exc).splitlines()[0][:160]}",
                  "wall_ms": (time.perf_counter() - start) * 1000}
        try:
            result.update(page.evaluate(SUMMARY))
        except Exception:
            pass
    result["errors"] = errors
    context.close()
    return result


def measure_queries(out: Path, root: Path, queries: list[str], expect: dict, args) -> list[dict]:
    from playwright.sync_api import sync_playwright

    from generator.serve import load_base_url, make_server

    server = make_server(out, "127.0.0.1", 0, load_base_url(root))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_port}{server.prefix}"
    results = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=args.chromium, args=CHROMIUM_ARGS)
            try:
                warm = browser.new_context()  # starts the browser's processes; its cache is thrown away
                warm.new_page().goto(base, wait_until="load")
                warm.close()
                for query in queries:
                    runs = [cold_query(browser, f"{base}search/?q={quote(query)}", args.query_timeout)
                            for _ in range(args.cold_runs)]
                    results.append(summarize(query, runs, expect.get(query), base))
                    print(f"  {query}: {results[-1]['status_text']} ms（{results[-1]['text']}）", file=sys.stderr,
                          flush=True)
            finally:
                browser.close()
    finally:
        server.shutdown()
    return results


def summarize(query: str, runs: list[dict], expect_url: str | None, base: str) -> dict:
    done = [r for r in runs if not r["timed_out"] and r.get("status") is not None]
    links = [r["link"] for r in done if r.get("link") is not None]
    last = runs[-1]
    row = {"query": query, "runs": len(runs), "done": len(done),
           "status_ms": statistics.median(r["status"] for r in done) if done else None,
           "status_range": (min(r["status"] for r in done), max(r["status"] for r in done)) if done else None,
           "link_ms": statistics.median(links) if links else None,
           "wall_ms": statistics.median(r["wall_ms"] for r in runs),
           "text": last.get("text") or last.get("error", ""), "matches": last.get("matches"),
           "related": last.get("related"), "exact": last.get("exact"),
           "pf_requests": statistics.median(r.get("pf_requests", 0) for r in runs),
           "pf_fragments": statistics.median(r.get("pf_fragments", 0) for r in runs),
           "pf_kb": statistics.median(r.get("pf_bytes", 0) for r in runs) / 1024,
           "gk_requests": statistics.median(r.get("gk_requests", 0) for r in runs),
           "gk_kb": statistics.median(r.get("gk_bytes", 0) for r in runs) / 1024,
           "all_requests": statistics.median(r.get("all_requests", 0) for r in runs),
           "all_kb": statistics.median(r.get("all_bytes", 0) for r in runs) / 1024,
           "errors": sorted({e for r in runs for e in r["errors"]} | {r["error"] for r in runs if r.get("error")})}
    if expect_url is not None:
        row["first_is_expected"] = bool(last.get("first_url")) and last["first_url"] == base + expect_url
    row["status_text"] = "timeout" if row["status_ms"] is None else f"{row['status_ms']:.0f}"
    return row


# ---------------------------------------------------------------- one N


def bench_size(n: int, args, workdir: Path) -> dict:
    from generator.search import pagefind_executable

    site, out, scratch = workdir / f"site-{n}", workdir / f"out-{n}", workdir / f"pagefind-{n}"
    if args.reuse and (args.reuse / f"site-{n}" / ".synth-site").is_file() \
            and (args.reuse / f"out-{n}" / ".gongkai-site").is_file():
        site, out = args.reuse / f"site-{n}", args.reuse / f"out-{n}"
        row = {"n": n, "generated": 0.0, "reused": True,
               "build": {"seconds": float("nan"), "code": 0, "stdout": "", "stderr": ""}}
        print(f"N={n}: 沿用 {out}", file=sys.stderr, flush=True)
    else:
        start = time.perf_counter()
        generate_site(site, n, args.seed)
        row = {"n": n, "generated": time.perf_counter() - start, "reused": False}
        row["build"] = run_child(build_command(site, out), workdir, name=f"build-{n}")
        print(f"N={n}: gongkai build {row['build']['seconds']:.1f} s", file=sys.stderr, flush=True)
        if row["build"]["code"] != 0:
            return row

    exe = str(pagefind_executable())
    indexes = []
    for i in range(args.index_runs):
        shutil.rmtree(scratch, ignore_errors=True)
        indexes.append(run_child([exe, "--site", str(out), "--output-path", str(scratch), "--silent"], workdir,
                                 name=f"pagefind-{n}-{i}"))
        if indexes[-1]["code"] != 0:
            break
    row["index"] = min(indexes, key=lambda r: (r["code"] != 0, r["seconds"]))
    row["index_peak_mb"] = max(r["rss_mb"] for r in indexes)
    row["bundle_bytes"], row["bundle_files"] = dir_size(out / "pagefind")
    row["scratch_bytes"], row["scratch_files"] = dir_size(scratch) if scratch.is_dir() else (0, 0)
    row["breakdown"] = index_breakdown(out / "pagefind")
    row["html_pages"] = sum(1 for _ in out.rglob("*.html"))
    shutil.rmtree(scratch, ignore_errors=True)
    print(f"N={n}: Pagefind {row['index']['seconds']:.1f} s, {row['index_peak_mb']:.0f} MB", file=sys.stderr,
          flush=True)

    doc_no, doc_url = pick_doc_no(out)
    row["doc_no"] = doc_no
    templates = [q for q in args.queries if doc_no or "{doc_no}" not in q]
    queries = [q.replace("{doc_no}", doc_no or "") for q in templates]
    row["queries"] = measure_queries(out, site, queries, {doc_no: doc_url} if doc_no else {}, args)
    for template, q in zip(templates, row["queries"]):
        q["template"] = template
    return row


# ---------------------------------------------------------------- the tables


def pad(text: str, width: int) -> str:
    """Right-align for a terminal: CJK characters take two columns."""
    cols = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)
    return " " * max(0, width - cols) + text


def short(query: str) -> str:
    return query if len(query) <= 7 else query[:6] + "…"


def print_tables(rows: list[dict], args) -> None:
    columns = [("发文字号" if "{doc_no}" in t else t, t) for t in args.queries]
    header = (f"{'N':>6} {'html':>6} {'build s':>8} {'index s':>8} {'index MB':>9} {'files':>6} {'peak MB':>8}  "
              + " ".join(pad(short(label), 14) for label, _ in columns))
    print(header)
    print("-" * (len(header) + 8))
    for row in rows:
        if row["build"]["code"] != 0:
            print(f"{row['n']:>6} build failed  {failure(row['build'])}")
            continue
        index = row["index"]
        index_s = f"{index['seconds']:.1f}" if index["code"] == 0 else f"exit {index['code']}"
        cells = []
        by_template = {q["template"]: q for q in row["queries"]}
        for label, template in columns:
            q = by_template.get(template)
            if q is None:
                cells.append(f"{'-':>14}")
            else:
                link = f"{q['link_ms']:.0f}" if q["link_ms"] is not None else "-"
                cells.append(f"{q['status_text'] + '/' + link:>14}")
        build_s = "reused" if row["reused"] else f"{row['build']['seconds']:.1f}"
        print(f"{row['n']:>6} {row['html_pages']:>6} {build_s:>8} {index_s:>8} "
              f"{row['bundle_bytes'] / 1048576:>9.1f} {row['bundle_files']:>6} {row['index_peak_mb']:>8.0f}  "
              + " ".join(cells))

    print(f"\nPer query (median of {args.cold_runs} cold runs; status ms range; what the last run showed; Pagefind "
          f"requests, fragments and KB the browser loaded; search/ data: the exact index files the script fetched, encoded "
          f"bytes; everything: every resource after the HTML, compressed bytes as served):")
    for row in rows:
        if row["build"]["code"] != 0:
            continue
        print(f"\nN = {row['n']:,}  index: {row['breakdown']}; timed run wrote {row['scratch_files']} files, "
              f"{row['scratch_bytes'] / 1048576:.1f} MB")
        for q in row["queries"]:
            span = f"{q['status_range'][0]:.0f}–{q['status_range'][1]:.0f}" if q["status_range"] else "-"
            link = f"{q['link_ms']:.0f}" if q["link_ms"] is not None else "-"
            extra = ""
            if "first_is_expected" in q:
                extra = f"; exact hit {'first' if q['first_is_expected'] else 'NOT first'}"
            if q["errors"]:
                extra += f"; errors: {' | '.join(q['errors'])[:300]}"
            print(f"  {q['query']}: status {q['status_text']} ms ({span}), first link {link} ms, "
                  f"{q['done']}/{q['runs']} finished; “{q['text']}” {q['matches']} shown, {q['related']} related; "
                  f"search/ data {q['gk_requests']:.0f} requests {q['gk_kb']:.1f} KB; Pagefind {q['pf_requests']:.0f} requests, "
                  f"{q['pf_fragments']:.0f} fragments, {q['pf_kb']:.0f} KB; everything {q['all_requests']:.0f} requests "
                  f"{q['all_kb']:.0f} KB{extra}")

    print(f"""
build s: wall time of `python -m generator build` (not the subject here, see bench_build.py; "reused": taken from
--reuse). index s: the Pagefind extended binary run again on the built site (--output-path to a scratch
directory), best of {args.index_runs}; peak MB: its max RSS (os.wait4). index MB / files: the pagefind/ directory
the build wrote.
Query columns: cold first query in Chromium, median ms from navigation start until the status says the search
finished / until the first result link appeared (- : none). A new browser context per run: nothing cached.
product.md measured: cold first search 160–340 ms at 1,000 pages, up to 2.2 s at 10,000; Pagefind 4.4 s / 31 s
at 1,000 / 10,000 pages, 3.3 GB RSS at 10,000.""")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="站内搜索的性能基准：Pagefind 建索引的耗时、索引大小、内存峰值，"
                                                 "以及 Chromium 中冷启动的首次查询耗时。")
    parser.add_argument("--sizes", default="1000,10000", help="记录条数，逗号分隔（默认 1000,10000）")
    parser.add_argument("--seed", type=int, default=0, help="合成站点的随机种子（默认 0）")
    parser.add_argument("--index-runs", type=int, default=1, help="单独运行 Pagefind 的次数，取最快一次（默认 1）")
    parser.add_argument("--cold-runs", type=int, default=3, help="每个查询冷启动测几次，取中位数（默认 3）")
    parser.add_argument("--query", dest="queries", action="append", default=None,
                        help="查询词，可重复；{doc_no} 代表站点里的一个发文字号（默认：财政、优化营商环境、{doc_no}、医保、社保）")
    parser.add_argument("--query-timeout", type=float, default=180.0, help="单次查询最多等待的秒数（默认 180）")
    parser.add_argument("--chromium", default=CHROMIUM, help=f"Chromium 可执行文件（默认 {CHROMIUM}，或环境变量 GONGKAI_CHROMIUM）")
    parser.add_argument("--keep", type=Path, default=None, help="把站点和生成结果留在此目录（默认用临时目录并删除）")
    parser.add_argument("--reuse", type=Path, default=None,
                        help="沿用 bench_build.py --keep 目录里已生成的 site-N 和 out-N，不再生成站点（没有的 N 照常生成）")
    args = parser.parse_args(argv)
    args.queries = args.queries or DEFAULT_QUERIES
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    if not Path(args.chromium).exists():
        print(f"找不到 Chromium：{args.chromium}（apt-get install chromium，或用 --chromium 指定）", file=sys.stderr)
        return 2

    workdir = args.keep or Path(tempfile.mkdtemp(prefix="gongkai-bench-search-"))
    workdir.mkdir(parents=True, exist_ok=True)
    try:
        load = " ".join(f"{x:.2f}" for x in os.getloadavg())
        print(f"gongkai search benchmark, --today {TODAY}, seed {args.seed}, python {sys.version.split()[0]}, "
              f"{os.cpu_count()} CPUs, load average {load}, chromium {args.chromium}\n", flush=True)
        rows = [bench_size(n, args, workdir) for n in sizes]
        print_tables(rows, args)
    finally:
        if args.keep is None:
            shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
