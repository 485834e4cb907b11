"""The fast build is the same build: pages rendered in several processes, the content-security
policy and the search text taken as pages are written, Pagefind run alongside the other outputs —
every output byte for byte what the serial build writes (issue #17)."""

from __future__ import annotations

from pathlib import Path

from .conftest import REPO, TODAY


def files_of(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_parallel_build_is_byte_identical_to_serial(sample_site, tmp_path, monkeypatch):
    from generator import theme
    from generator.build import build_site

    assert theme.workers(len(list(sample_site.rglob("*.html")))) == 1  # the session's sample build was serial
    monkeypatch.setenv("GONGKAI_WORKERS", "2")
    assert theme.workers(10) == 2
    out = tmp_path / "site"
    build_site(REPO, out, TODAY)
    serial, parallel = files_of(sample_site), files_of(out)
    assert serial.keys() == parallel.keys()
    assert [name for name in serial if serial[name] != parallel[name]] == []


def test_every_page_carries_its_policy_once(sample_site):
    pages = list(sample_site.rglob("*.html"))
    assert pages
    for page in pages:
        assert page.read_text(encoding="utf-8").count('http-equiv="Content-Security-Policy"') == 1, page
