"""The benchmarks' synthetic sites must pass the checker: a site the checker refuses measures nothing
(benchmarks/bench_build.py stops at its first error), and nothing else would notice."""

from __future__ import annotations

from benchmarks.synth import TODAY, generate_site
from generator.check import check_site


def test_synthetic_site_passes_the_checker(tmp_path):
    site = generate_site(tmp_path / "site", 1000, seed=0)
    report = check_site(site, TODAY)
    errors = [f for f in report.findings if f.severity == "error"]
    assert report.errors == 0, [f"{f.path}:{f.line} {f.rule} {f.message}" for f in errors[:5]]
