"""The benchmarks' synthetic sites must pass the checker: a site the checker refuses measures nothing
(benchmarks/bench_build.py stops at its first error), and nothing else would notice."""

from __future__ import annotations

from pathlib import Path

from benchmarks.synth import TODAY, generate_site
from generator.check import check_site


def test_synthetic_site_passes_the_checker(tmp_path):
    site = generate_site(tmp_path / "site", 1000, seed=0)
    report = check_site(site, TODAY)
    errors = [f for f in report.findings if f.severity == "error"]
    assert report.errors == 0, [f"{f.path}:{f.line} {f.rule} {f.message}" for f in errors[:5]]


def test_every_benchmark_script_compiles():
    """The benchmark scripts are run by hand, not by the suite: at least they must parse."""
    scripts = sorted((Path(__file__).resolve().parent.parent / "benchmarks").glob("*.py"))
    assert scripts
    for script in scripts:
        compile(script.read_text(encoding="utf-8"), str(script), "exec")
