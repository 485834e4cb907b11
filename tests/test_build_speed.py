"""The fast build is the same build: pages rendered in several processes, the content-security
policy and the search text taken as pages are written, Pagefind run alongside the other outputs —
every output byte for byte what the serial build writes (issue #17)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from .conftest import REPO, TODAY


def files_of(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_parallel_build_is_byte_identical_to_serial(sample_site, tmp_path):
    from generator.parallel import workers

    assert workers(len(list(sample_site.rglob("*.html")))) == 1  # the session's sample build was serial
    out = tmp_path / "site"
    # a child process: forking this one (with the test server's and the browser's threads) is not safe
    proc = subprocess.run([sys.executable, "-m", "generator", "build", "--root", str(REPO), "--out", str(out),
                           "--today", TODAY.isoformat()], env={**os.environ, "GONGKAI_WORKERS": "2"},
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-2000:]
    serial, parallel = files_of(sample_site), files_of(out)
    assert serial.keys() == parallel.keys()
    assert [name for name in serial if serial[name] != parallel[name]] == []


def test_every_page_carries_its_policy_once(sample_site):
    pages = list(sample_site.rglob("*.html"))
    assert pages
    for page in pages:
        assert page.read_text(encoding="utf-8").count('http-equiv="Content-Security-Policy"') == 1, page
