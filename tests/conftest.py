"""Shared fixtures: a small valid site that rule examples and CLI tests are laid over."""

from __future__ import annotations

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
