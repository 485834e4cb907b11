"""Lighthouse scores of the sample site, per page type, mobile and desktop, offline on loopback.

    npm ci --prefix benchmarks/lighthouse          # once: Lighthouse 12.8 (pinned in package-lock.json)
    python benchmarks/bench_lighthouse.py          # builds the sample site, prints the table
    python benchmarks/bench_lighthouse.py --site /tmp/out --runs 3 --page policy --form mobile

The sample site is built once (or --site reuses a built one) and served with
``generator.serve.make_server`` on 127.0.0.1 under its base_url path, exactly as ``gongkai serve``
does: no compression, no cache headers ("without server tuning"). Lighthouse drives Debian's
Chromium (CHROME_PATH, default /usr/bin/chromium) headless with its default settings: mobile is
simulated throttling on a Moto G Power profile, desktop its desktop preset. For each page type and
form factor it prints the four category scores (the median of --runs runs by performance score) and
LCP, TBT, CLS and the bytes transferred. Nothing leaves the machine. This prints figures and asserts
nothing: it is not a test.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
from datetime import date
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

REPO = Path(__file__).resolve().parent.parent
LIGHTHOUSE = Path(__file__).resolve().parent / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
TODAY = date(2026, 11, 26)
PAGES = {
    "home": "",
    "policy": "policies/kzf-2025-3/",
    "policy-list": "policies/",
    "proposal": "proposals/rd17-4-047/",
    "search": "search/?q=%E8%B4%A2%E6%94%BF",
    "sitemap": "sitemap/",
}
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


def run_lighthouse(url: str, form: str, chrome: str, timeout: float) -> dict:
    with tempfile.TemporaryDirectory(prefix="gongkai-lh-") as tmp:
        report = Path(tmp) / "report.json"
        command = [str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={report}",
                   "--only-categories=" + ",".join(CATEGORIES), "--locale=zh",
                   "--chrome-flags=--headless=new --no-sandbox --disable-gpu --no-first-run "
                   "--disable-background-networking --disable-component-update --disable-sync"]
        if form == "desktop":
            command.append("--preset=desktop")
        env = {**os.environ, "CHROME_PATH": chrome}
        subprocess.run(command, check=True, timeout=timeout, env=env, stdout=subprocess.DEVNULL,
                       stderr=subprocess.PIPE)
        data = json.loads(report.read_text(encoding="utf-8"))
    audits = data["audits"]
    failing = sorted(a["id"] for a in audits.values()
                     if a.get("score") is not None and a["score"] < 1 and a.get("scoreDisplayMode") == "binary")
    return {
        "scores": {c: round(100 * (data["categories"][c]["score"] or 0)) for c in CATEGORIES},
        "lcp": audits["largest-contentful-paint"]["numericValue"],
        "fcp": audits["first-contentful-paint"]["numericValue"],
        "tbt": audits["total-blocking-time"]["numericValue"],
        "cls": audits["cumulative-layout-shift"]["numericValue"],
        "kb": audits["total-byte-weight"]["numericValue"] / 1024,
        "failing": failing,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="a site built by gongkai build (default: build the sample)")
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--page", action="append", choices=sorted(PAGES), help="page types (default: all)")
    parser.add_argument("--form", action="append", choices=["mobile", "desktop"], help="default: both")
    parser.add_argument("--timeout", type=float, default=180.0, help="seconds per Lighthouse run")
    args = parser.parse_args(argv)
    chrome = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
    if not LIGHTHOUSE.exists():
        print(f"找不到 Lighthouse：{LIGHTHOUSE}（先运行 npm ci --prefix benchmarks/lighthouse）", file=sys.stderr)
        return 2

    from generator.build import build_site
    from generator.serve import load_base_url, make_server

    with tempfile.TemporaryDirectory(prefix="gongkai-lh-site-") as tmp:
        site = args.site
        if site is None:
            site = Path(tmp) / "site"
            build_site(REPO, site, TODAY)
        server = make_server(site, "127.0.0.1", 0, load_base_url(REPO))
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        base = f"http://127.0.0.1:{server.server_port}{server.prefix}"
        version = json.loads((LIGHTHOUSE.parent.parent / "lighthouse" / "package.json").read_text())["version"]
        print(f"Lighthouse {version}, Chromium {chrome}, {args.runs} run(s) each, load {os.getloadavg()[0]:.1f}")
        print(f"{'page':<12} {'form':<8} {'perf':>4} {'a11y':>4} {'bp':>4} {'seo':>4} {'FCP ms':>7} {'LCP ms':>7}"
              f" {'TBT ms':>7} {'CLS':>6} {'KB':>6}  failing binary audits")
        try:
            for name in args.page or list(PAGES):
                for form in args.form or ["mobile", "desktop"]:
                    runs = [run_lighthouse(base + PAGES[name], form, chrome, args.timeout) for _ in range(args.runs)]
                    runs.sort(key=lambda r: r["scores"]["performance"])
                    r = runs[len(runs) // 2]
                    s = r["scores"]
                    cls = statistics.median(x["cls"] for x in runs)
                    print(f"{name:<12} {form:<8} {s['performance']:>4} {s['accessibility']:>4} {s['best-practices']:>4}"
                          f" {s['seo']:>4} {r['fcp']:>7.0f} {r['lcp']:>7.0f} {r['tbt']:>7.0f} {cls:>6.3f} {r['kb']:>6.0f}"
                          f"  {' '.join(r['failing']) or '-'}", flush=True)
        finally:
            server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
