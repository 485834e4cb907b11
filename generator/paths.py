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


def files_under(folder: Path, suffixes: tuple[str, ...] = ("",)) -> list[str]:
    """Paths (relative, with ``/``, sorted) of the regular files under ``folder`` whose names end
    with one of ``suffixes``; symbolic links are neither followed nor listed. ``os.scandir`` reads
    the file types from the directory itself: a site of 60,000 files is listed in a tenth of the
    time ``Path.rglob`` and ``relative_to`` take."""
    found: list[str] = []
    pending = [(str(folder), "")]
    while pending:
        top, prefix = pending.pop()
        with os.scandir(top) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    pending.append((entry.path, prefix + entry.name + "/"))
                elif entry.is_file(follow_symlinks=False) and entry.name.endswith(suffixes):
                    found.append(prefix + entry.name)
    return sorted(found)


def move_files(source: Path, target: Path, files: list[str] | None = None) -> None:
    """Move ``files`` (paths relative to ``source``, with ``/``; default: every file under it) to the
    same paths under ``target``, where none of them is, and remove ``source`` with whatever else it
    held. A directory of ``source`` that ``target`` lacks and that holds nothing but moved files
    moves whole: one rename instead of a new directory, a move per file and a removal (on ext4
    without a journal, every inode freed makes the files created in the next minutes slower:
    docs/performance.md, “本机磁盘”)."""
    files = files_under(source) if files is None else files
    in_folder: dict[str, list[str]] = {}
    for rel in files:
        in_folder.setdefault(rel.rpartition("/")[0], []).append(rel)
    for folder, moved in sorted(in_folder.items()):
        whole = os.path.join(source, folder)
        if folder and not os.path.lexists(os.path.join(target, folder)) and _holds_only(whole, moved):
            os.makedirs(os.path.join(target, folder.rpartition("/")[0]), exist_ok=True)
            os.rename(whole, os.path.join(target, folder))
            continue
        os.makedirs(os.path.join(target, folder), exist_ok=True)
        for rel in moved:
            os.replace(os.path.join(source, rel), os.path.join(target, rel))
    shutil.rmtree(source)


def _holds_only(folder: str, files: list[str]) -> bool:
    """Whether ``folder`` holds the regular files ``files`` and nothing else (a folder in it: no)."""
    names = {rel.rpartition("/")[2] for rel in files}
    with os.scandir(folder) as entries:
        return all(entry.name in names and entry.is_file(follow_symlinks=False) for entry in entries)


def tree_digest(folder: Path) -> str:
    """SHA-256 of every file under ``folder``: its path and its bytes, in path order."""
    digest = hashlib.sha256()
    for rel in files_under(folder):
        digest.update(rel.encode("utf-8") + b"\0" + (folder / rel).read_bytes() + b"\0")
    return digest.hexdigest()
