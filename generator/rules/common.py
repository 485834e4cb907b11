"""Helpers more than one rule (and the checker's engine) use: walking a record's strings and
finding an attachment's file (through the attachment guard). Rules import these from here, never from each other."""

from __future__ import annotations

from pathlib import Path

from .. import attachments

IDENTIFIER_KEYS = frozenset({"index_no", "doc_no", "rule"})
"""Keys whose values are identifiers the site assigns, not prose: no personal data or markup is looked
for there. (An attachment's ``file`` is scanned: it is published as the download's name.)"""


def strings(data, path: tuple = (), skip=frozenset()):
    """``(key path, text)`` of every string in ``data`` (a record's YAML data), in file order; keys
    in ``skip`` are passed over with everything below them."""
    if isinstance(data, str):
        yield path, data
    elif isinstance(data, dict):
        for key, value in data.items():
            if key not in skip:
                yield from strings(value, path + (key,), skip)
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from strings(value, path + (i,), skip)


def prose(data):
    """The strings a reader sees: everything but identifiers (:data:`IDENTIFIER_KEYS`)."""
    return strings(data, skip=IDENTIFIER_KEYS)


def describe_path(path: tuple) -> str:
    """A key path as a reader writes it: ``items[0].documents``."""
    return "".join(f"[{p}]" if isinstance(p, int) else (f".{p}" if i else str(p)) for i, p in enumerate(path))


def readable_file(root: Path, file: str, max_bytes: int) -> Path | None:
    """The attachment to read for its text when the attachment guard (:mod:`generator.attachments`)
    lets it be read — inside content/attachments/, no symlink on the way, within the size limit —
    whatever its type (a mislabelled file is still scanned, by its real type); else None (GK209
    says why)."""
    try:
        return attachments.readable(root, file, max_bytes)
    except (attachments.Refused, OSError):
        return None
