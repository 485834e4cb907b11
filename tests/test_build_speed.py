"""The fast build is the same build: pages rendered in several processes, the content-security
policy and the search text taken as pages are written, Pagefind run alongside the other outputs —
every output byte for byte what the serial build writes (issue #17)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

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


def test_parallel_cached_build_is_byte_identical_to_serial(sample_site, tmp_path):
    """A cached build in two processes: the cached pages are linked by a forked process while MkDocs
    writes the others, and the two trees are merged; the site is still the serial build's."""
    cache = tmp_path / "cache"
    for step in ("cold", "warm"):
        proc = subprocess.run([sys.executable, "-m", "generator", "build", "--root", str(REPO), "--out",
                               str(tmp_path / step), "--today", TODAY.isoformat(), "--cache", str(cache)],
                              env={**os.environ, "GONGKAI_WORKERS": "2"}, capture_output=True, text=True, timeout=600)
        assert proc.returncode == 0, proc.stderr[-2000:]
    serial, warm = files_of(sample_site), files_of(tmp_path / "warm")
    assert serial.keys() == warm.keys()
    assert [name for name in serial if serial[name] != warm[name]] == []


def test_every_page_carries_its_policy_once(sample_site):
    pages = list(sample_site.rglob("*.html"))
    assert pages
    for page in pages:
        assert page.read_text(encoding="utf-8").count('http-equiv="Content-Security-Policy"') == 1, page


@pytest.mark.parametrize("part_pages", ["", "1"])
def test_cached_builds_equal_clean_builds(make_site, tmp_path, monkeypatch, part_pages):
    """The build cache is an optimisation only: after records are edited, deleted and renamed, and
    after the configuration changes, a build with the cache writes exactly what a clean build writes;
    it renders only the pages whose source changed, takes every record body's rendering from the
    cache and re-indexes only the Pagefind parts whose pages changed (with the site in parts of one
    page, and in one part)."""
    from generator import build, markup, theme
    from generator.build import build_site
    from generator.paths import files_under
    from generator.rules.examples import interpretation, normative, policy, proposal
    from generator.search import PagefindParts

    monkeypatch.setenv("GONGKAI_PART_PAGES", part_pages)
    calls = {"pagefind": 0, "markdown": 0}
    run, render, trim, copytree = PagefindParts._run, markup._render_bounded, build.trim_theme, shutil.copytree
    bundles: list[str] = []  # Pagefind runs and bundles placed, in order

    def counted_run(self, *args):
        calls["pagefind"] += 1
        bundles.append("indexed")
        return run(self, *args)

    def placing(src, *args, **kwargs):
        if "bundles" in Path(src).parts:
            bundles.append("placed")
        return copytree(src, *args, **kwargs)

    def counted_render(*args):
        calls["markdown"] += 1
        return render(*args)

    def listed_trim(site_dir, built):
        """The stylesheet is trimmed with the HTML files the build knows it wrote: all of them."""
        assert built.html == set(files_under(site_dir, (".html",)))
        return trim(site_dir, built)

    monkeypatch.setattr(PagefindParts, "_run", counted_run)
    monkeypatch.setattr(shutil, "copytree", placing)
    monkeypatch.setattr(markup, "_render_bounded", counted_render)
    monkeypatch.setattr(build, "trim_theme", listed_trim)

    root = make_site({
        "content/policies/fangxun.yml": policy(),
        "content/policies/gongshui.yml": normative(),
        "content/interpretations/jd-gongshui.yml": interpretation(),
        "content/proposals/rd-1.yml": proposal(),
    })
    cache = tmp_path / "cache"

    def same_as_clean(step: str) -> int:
        """Pagefind runs of the cached build."""
        calls["pagefind"] = 0
        build_site(root, tmp_path / f"cached-{step}", TODAY, cache=cache)
        runs = calls["pagefind"]
        build_site(root, tmp_path / f"clean-{step}", TODAY)
        cached, clean = files_of(tmp_path / f"cached-{step}"), files_of(tmp_path / f"clean-{step}")
        assert cached.keys() == clean.keys(), step
        assert [name for name in clean if cached[name] != clean[name]] == [], step
        return runs

    build_site(root, tmp_path / "cold", TODAY, cache=cache)
    cold = dict(theme.LAST_BUILD)
    assert cold["reused"] == 0
    markup._RENDERED.clear()  # as in a new process: the renderings come from the cache
    calls.update(pagefind=0, markdown=0)
    build_site(root, tmp_path / "warm", TODAY, cache=cache)
    assert theme.LAST_BUILD["reused"] > 0 and theme.LAST_BUILD["rendered"] < cold["rendered"]
    assert files_of(tmp_path / "warm") == files_of(tmp_path / "cold")
    assert calls == {"pagefind": 0, "markdown": 0}
    assert (cache / "recall" / "state.marshal").is_file()  # the recall index kept its pairs and files too

    path = root / "content/policies/gongshui.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("。", "；", 1), encoding="utf-8")
    bundles.clear()
    assert same_as_clean("one edit") == 1  # the edited page's part only
    assert bundles[:2] == ["indexed", "placed"]  # indexed first (one at a time here): the kept bundles wait

    path = root / "content/policies/fangxun.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("防汛工作", "防汛抗旱工作"), encoding="utf-8")
    (root / "content/proposals/rd-1.yml").unlink()
    path.rename(root / "content/policies/fangxun-2026.yml")
    same_as_clean("records")
    assert 0 < theme.LAST_BUILD["reused"]

    config = root / "site_config.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("示例县人民政府信息公开", "示例县政务公开"),
                      encoding="utf-8")
    same_as_clean("config")
    assert theme.LAST_BUILD["reused"] == 0  # a site-wide change renders every page again
