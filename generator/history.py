"""What changed since a git revision: the files, and what they said then (``check --base REV``)."""

from __future__ import annotations

import subprocess
from pathlib import Path

from .yamlload import load_yaml_bytes

WATCHED = ("content", "site_config.yml")


class HistoryError(Exception):
    """git is missing, the folder is not in a repository, or the revision does not exist."""


def _git(root: Path, *args: str) -> bytes:
    try:
        proc = subprocess.run(["git", "-C", str(root), *args], capture_output=True, timeout=120)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise HistoryError(f"无法运行 git：{exc}") from exc
    if proc.returncode != 0:
        raise HistoryError(proc.stderr.decode("utf-8", "replace").strip() or f"git {' '.join(args)} 失败")
    return proc.stdout


def changed_files(root: Path, rev: str) -> set[str]:
    """Paths (relative to the site root) of files under content/ or site_config.yml that differ from
    ``rev`` in the working tree, including new files git does not ignore."""
    try:
        _git(root, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}")
    except HistoryError:
        raise HistoryError(f"找不到 git 版本“{rev}”（--base 应为提交、分支或标签，例如 origin/main）") from None
    diff = _git(root, "diff", "--name-only", "--relative", "-z", rev, "--", *WATCHED)
    new = _git(root, "ls-files", "--others", "--exclude-standard", "-z", "--", *WATCHED)
    return {p.decode("utf-8") for p in (diff + new).split(b"\0") if p}


def baseline(root: Path, rev: str, paths: set[str]) -> dict[str, object]:
    """The data each of ``paths`` held at ``rev`` (files that did not exist then are left out)."""
    found = {}
    for rel in sorted(paths):
        try:
            raw = _git(root, "show", f"{rev}:./{rel}")
        except HistoryError:
            continue
        found[rel] = load_yaml_bytes(raw).data
    return found


def repository_prefix(root: Path) -> str:
    """Where the site root sits inside its git repository (``"site/"``), or ``""`` at the top or
    outside any repository: CI annotations and SARIF name files from the repository root."""
    try:
        return _git(root, "rev-parse", "--show-prefix").decode("utf-8").strip()
    except HistoryError:
        return ""
