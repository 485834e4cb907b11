"""Where this copy of gongkai came from: the pip requirement that installs exactly it again, and where
its documentation (docs/rules.md) can be read.

Read from the installed distribution's ``direct_url.json`` (PEP 610), which pip writes for installs
from a git repository, an archive URL or a local folder. gongkai is not on the package index, so a
bare ``gongkai`` requirement would install whatever someone else registered under that name: nothing
here ever falls back to one.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from urllib.parse import quote, urlsplit

from . import __version__

DIST = "gongkai"
SOURCE_DOCS = Path(__file__).resolve().parent.parent / "docs"


@dataclass(frozen=True)
class Provenance:
    version: str
    requirement: str | None
    """A pip requirement for exactly this version (a git commit, an archive with its hash), or None
    when this copy cannot be installed again from where it came (a local folder, an unknown origin)."""
    docs: str | None
    """Absolute URL of the folder holding rules.md (and the other office documents), or None."""


def _direct_url() -> dict | None:
    try:
        text = metadata.distribution(DIST).read_text("direct_url.json")
    except metadata.PackageNotFoundError:
        return None
    try:
        return json.loads(text) if text else None
    except ValueError:
        return None


def _web_url(vcs_url: str) -> str | None:
    """https://host/group/gongkai(.git) → https://host/group/gongkai; other schemes (ssh, file): None."""
    parts = urlsplit(vcs_url)
    if parts.scheme != "https" or parts.username or parts.password:
        return None
    path = parts.path[:-4] if parts.path.endswith(".git") else parts.path
    return f"https://{parts.hostname}{f':{parts.port}' if parts.port else ''}{path.rstrip('/')}"


@lru_cache(maxsize=1)
def provenance() -> Provenance:
    info = _direct_url() or {}
    url = info.get("url", "")
    requirement = docs = None
    if "vcs_info" in info and info["vcs_info"].get("commit_id"):
        commit = info["vcs_info"]["commit_id"]
        requirement = f"{DIST} @ git+{url}@{commit}"
        web = _web_url(url)
        if web:
            docs = f"{web}/blob/{commit}/docs/"
    elif "archive_info" in info and urlsplit(url).scheme == "https":
        digest = info["archive_info"].get("hashes", {}).get("sha256") or \
            (info["archive_info"].get("hash", "").partition("sha256=")[2] or None)
        requirement = f"{DIST} @ {url}" + (f"#sha256={digest}" if digest else "")
    if docs is None and (SOURCE_DOCS / "rules.md").is_file():
        docs = SOURCE_DOCS.as_uri() + "/"  # a source checkout: the documents are beside the code
    return Provenance(__version__, requirement, docs)


def rule_help_url(code: str) -> str | None:
    """The section of docs/rules.md that explains rule ``code``."""
    docs = provenance().docs
    return f"{docs}rules.md#{quote(code.lower())}" if docs else None
