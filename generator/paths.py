"""Where gongkai's own files are: the templates folder is `templates/` at the top of the source tree
and `generator/templates/` inside an installed wheel (pyproject.toml maps one to the other)."""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def templates_dir() -> Path:
    packaged = _PACKAGE / "templates"
    return packaged if packaged.is_dir() else _PACKAGE.parent / "templates"


def link_or_copy(source, target) -> None:
    """Put ``source`` at ``target`` as a hard link where the file system allows (a build cache beside
    the output), else as a copy. Only for files that are replaced, never rewritten in place, so the
    output cannot change under a link."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


def tree_digest(folder: Path) -> str:
    """SHA-256 of every file under ``folder``: its path and its bytes, in path order."""
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(path.relative_to(folder).as_posix().encode("utf-8") + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()
