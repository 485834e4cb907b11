"""Same input → same output bytes: a second build of the sample site, in another process with another
string-hash seed, is compared file by file with the session's build (product brief: reproducible
builds). Whoever changes the build (parallel workers, new outputs) keeps this passing."""

from __future__ import annotations

import gzip
import os
import subprocess
import sys
from pathlib import Path

from .conftest import REPO, TODAY


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_two_builds_are_byte_identical(sample_site, tmp_path):
    out = tmp_path / "again"
    # another hash seed than this process's: set and dict orders that follow string hashing differ
    seed = "1" if os.environ.get("PYTHONHASHSEED") != "1" else "2"
    env = {**os.environ, "PYTHONHASHSEED": seed}
    proc = subprocess.run([sys.executable, "-m", "generator", "build", "--root", str(REPO), "--out", str(out),
                           "--today", TODAY.isoformat()], capture_output=True, text=True, timeout=600, env=env)
    assert proc.returncode == 0, proc.stderr
    first, second = _files(sample_site), _files(out)
    assert sorted(first) == sorted(second)
    differ = [name for name in first if first[name] != second[name]]
    assert not differ, f"{len(differ)} files differ between two builds, e.g. {differ[:5]}"


def test_gzip_outputs_carry_no_timestamp(sample_site):
    gz = sorted(sample_site.rglob("*.gz"))
    assert gz
    for path in gz:
        head = path.read_bytes()[:10]
        assert head[4:8] == b"\0\0\0\0", f"{path.relative_to(sample_site)} has a gzip mtime"
        gzip.decompress(path.read_bytes())  # and is whole
