"""What a change did, relative to a git revision (``check --base REV``).

The revision's tree (``site_config.yml`` and ``content/``, attachments included) is written into a
temporary folder and checked exactly like the working tree, with the same ``--today``. A change is
judged by its whole effect: the findings present after it and absent before it, wherever they
appear (a deletion that leaves a dangling reference in an unchanged file counts; an old problem in
an untouched file does not). The same tree gives the baseline that the history rules compare
with: what each record (by type and id, not file name) held at the revision, with a digest of each
attachment's bytes.
"""

from __future__ import annotations

import hashlib
import io
import subprocess
import tarfile
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .findings import Finding
from .models import RECORD_TYPES

WATCHED = ("content", "site_config.yml")
GIT_TIMEOUT = 120


class HistoryError(Exception):
    """git is missing, the folder is not in a repository, or the revision does not exist."""


@dataclass(frozen=True)
class BaseRecord:
    """One record as it stood at the base revision."""

    type: str
    id: str
    relpath: str
    data: object
    attachments: dict[str, str | None] = field(default_factory=dict)
    """Attachment file (as the record names it) → SHA-256 of its bytes then (``None``: not readable)."""


Baseline = dict[tuple[str, str], BaseRecord]


def was_public(data: object, today: date) -> bool:
    """Whether a record's raw data at the base revision had it on the site by ``today``:
    主动公开 with a 发布日期 not after today (a scheduled record was not yet public)."""
    from . import vocab
    from .models import ISO_DATE

    if not isinstance(data, dict) or data.get("disclosure") != vocab.PUBLIC:
        return False
    published = data.get("published")
    return isinstance(published, str) and bool(ISO_DATE.match(published.strip())) and published.strip() <= today.isoformat()


def _git(root: Path, *args: str) -> bytes:
    try:
        proc = subprocess.run(["git", "-C", str(root), *args], capture_output=True, timeout=GIT_TIMEOUT)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise HistoryError(f"无法运行 git：{exc}") from exc
    if proc.returncode != 0:
        raise HistoryError(proc.stderr.decode("utf-8", "replace").strip() or f"git {' '.join(args)} 失败")
    return proc.stdout


def _verify(root: Path, rev: str) -> None:
    try:
        _git(root, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}")
    except HistoryError:
        raise HistoryError(f"找不到 git 版本“{rev}”（--base 应为提交、分支或标签，例如 origin/main）") from None


def export_tree(root: Path, rev: str, dest: Path) -> Path:
    """Write ``site_config.yml`` and ``content/`` as they were at ``rev`` into ``dest``; return ``dest``.

    Only regular files and folders are written (a symlink in the history is left out: the checker
    of the working tree reports it), and nothing outside ``dest``."""
    _verify(root, rev)
    raw = _git(root, "archive", "--format=tar", f"{rev}:./")
    dest.mkdir(parents=True, exist_ok=True)
    with tarfile.open(fileobj=io.BytesIO(raw)) as tar:
        for member in tar:
            name = member.name.lstrip("./") if member.name.startswith("./") else member.name
            parts = Path(name).parts
            if not parts or parts[0] not in WATCHED or ".." in parts or Path(name).is_absolute():
                continue
            if name == "site_config.yml" and not member.isfile():
                continue
            target = dest.joinpath(*parts)
            if member.isdir():
                target.mkdir(parents=True, exist_ok=True)
            elif member.isfile():
                target.parent.mkdir(parents=True, exist_ok=True)
                source = tar.extractfile(member)
                target.write_bytes(source.read() if source else b"")
    return dest


def attachment_digest(root: Path, file: object) -> str | None:
    """SHA-256 of ``content/attachments/<file>``, or ``None`` when it is not a regular file inside
    that folder (no symlink followed)."""
    if not isinstance(file, str) or not file:
        return None
    folder = Path(root) / "content" / "attachments"
    path = folder / file
    try:
        if folder.is_symlink() or not path.resolve().is_relative_to(folder.resolve()):
            return None
        for parent in [path, *path.parents]:
            if parent == folder:
                break
            if parent.is_symlink():
                return None
        if not path.is_file():
            return None
        digest = hashlib.sha256()
        with path.open("rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                digest.update(chunk)
        return digest.hexdigest()
    except (OSError, ValueError):
        return None


def attachment_files(data: object) -> list[str]:
    """The ``file`` of each attachment a record's raw data lists."""
    items = data.get("attachments") if isinstance(data, dict) else None
    if not isinstance(items, list):
        return []
    return [a["file"] for a in items if isinstance(a, dict) and isinstance(a.get("file"), str)]


def read_baseline(tree: Path) -> Baseline:
    """Every record file under ``tree/content``, keyed by (type, id); ``.yml`` and ``.yaml`` alike."""
    from .site import YAML_SUFFIXES  # site (and the loader) use the rules, and rules use history
    from .yamlload import load_yaml_file

    found: Baseline = {}
    for type_ in RECORD_TYPES:
        folder = Path(tree) / "content" / type_
        if not folder.is_dir():
            continue
        for path in sorted(folder.iterdir()):
            if path.suffix not in YAML_SUFFIXES or not path.is_file() or path.is_symlink():
                continue
            data = load_yaml_file(path).data
            key = (type_, path.stem)
            if key in found and path.suffix != ".yml":
                continue  # x.yml and x.yaml both: the loader reports it; compare with the .yml
            found[key] = BaseRecord(type_, path.stem, path.relative_to(tree).as_posix(), data,
                                    {f: attachment_digest(tree, f) for f in attachment_files(data)})
    return found


@dataclass
class ChangeReport:
    """``check --base``: the check of the working tree, and which of its findings the change introduced."""

    after: object  # check.Report
    introduced: list[Finding]
    preexisting: list[Finding]
    base_usable: bool = True
    """False when the revision had no usable site_config.yml: then every finding counts as new."""


def _key(f: Finding) -> tuple:
    """Findings are the same problem before and after when file, rule, severity and message agree
    (lines move when a file is edited above the problem)."""
    return (f.path, f.rule, f.severity, f.message)


def introduced_findings(before: list[Finding], after: list[Finding]) -> tuple[list[Finding], list[Finding]]:
    """Split ``after`` into (new, already present before), counting repeated findings one by one."""
    left = Counter(_key(f) for f in before)
    new, old = [], []
    for f in after:
        k = _key(f)
        if left[k] > 0:
            left[k] -= 1
            old.append(f)
        else:
            new.append(f)
    return new, old


def check_change(root: Path, rev: str, today: date) -> ChangeReport:
    """Check the working tree at ``root`` against revision ``rev`` (see the module docstring)."""
    from .check import check_site
    from .site import ConfigError

    root = Path(root)
    _verify(root, rev)
    with tempfile.TemporaryDirectory(prefix="gongkai-base-") as tmp:
        tree = export_tree(root, rev, Path(tmp) / "base")
        baseline = read_baseline(tree)
        try:
            before = check_site(tree, today).findings
            usable = True
        except ConfigError:
            before, usable = [], False
    after = check_site(root, today, baseline)
    new, old = introduced_findings(before, after.findings)
    return ChangeReport(after, new, old, usable)


def repository_prefix(root: Path) -> str:
    """Where the site root sits inside its git repository (``"site/"``), or ``""`` at the top or
    outside any repository: CI annotations and SARIF name files from the repository root."""
    try:
        return _git(root, "rev-parse", "--show-prefix").decode("utf-8").strip()
    except HistoryError:
        return ""
