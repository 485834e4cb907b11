"""Where gongkai's own files are: the templates folder is `templates/` at the top of the source tree
and `generator/templates/` inside an installed wheel (pyproject.toml maps one to the other)."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def templates_dir() -> Path:
    packaged = _PACKAGE / "templates"
    return packaged if packaged.is_dir() else _PACKAGE.parent / "templates"
