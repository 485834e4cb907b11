"""Shared fixtures: a small valid site that rule examples and CLI tests are laid over."""

from __future__ import annotations

import contextlib

import shutil
from datetime import date
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
BASE_SITE = Path(__file__).parent / "fixtures" / "base"
TODAY = date(2026, 11, 26)


def lay_site(dest: Path, files: dict[str, str]) -> Path:
    """Copy the base site to ``dest`` and lay ``files`` over it (site_config.yml text is appended)."""
    shutil.copytree(BASE_SITE, dest, dirs_exist_ok=True)
    for rel, text in files.items():
        path = dest / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        data = text.encode("utf-8", "surrogateescape")
        if rel == "site_config.yml":
            path.write_bytes(path.read_bytes() + data)
        else:
            path.write_bytes(data)
    return dest


@pytest.fixture
def make_site(tmp_path):
    def make(files: dict[str, str] | None = None) -> Path:
        return lay_site(tmp_path / "site", files or {})
    return make


# ---------------------------------------------------------------- the built sample site, served, in Chromium

import os  # noqa: E402
import threading  # noqa: E402

CHROMIUM = os.environ.get("GONGKAI_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-sync",
                 "--disable-background-networking", "--disable-component-update"]


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory) -> Path:
    """The sample 康乐县 site, built once per test session with the real mkdocs-material and Pagefind."""
    from generator.build import build_site

    out = tmp_path_factory.mktemp("sample") / "site"
    build_site(REPO, out, TODAY)
    return out


@contextlib.contextmanager
def served(site: Path):
    """``site`` served on loopback under the sample's base_url path (/zwgk/), as `gongkai serve` does."""
    from generator.serve import load_base_url, make_server

    server = make_server(site, "127.0.0.1", 0, load_base_url(REPO))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}{server.prefix}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def site_url(sample_site):
    """The sample site served on loopback under its base_url path (/zwgk/), as `gongkai serve` does."""
    with served(sample_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium through Playwright. Missing: a failure in CI, a skip on a developer's machine."""
    if not Path(CHROMIUM).exists():
        message = f"Chromium not found at {CHROMIUM} (apt-get install chromium)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    tab.on("console", lambda msg: errors.append(msg.text) if "Content Security Policy" in msg.text else None)
    tab.js_errors = errors
    yield tab
    context.close()
    assert not [e for e in errors if "Content Security Policy" in e], errors
