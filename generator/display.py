"""How values are shown to the public."""

from __future__ import annotations

from datetime import date

from . import vocab


def zh_date(d: date | None) -> str:
    """GB/T 9704 style, no zero padding: 2024年3月5日."""
    return f"{d.year}年{d.month}月{d.day}日" if d else ""


def proposers_text(kind: str, proposers: list[str], count: int | None) -> str:
    """提出人 as real reply pages write it: every name, or the first names and the group's size
    ("杨某等3名代表") when ``proposer_count`` says more people proposed than are named."""
    names = "、".join(proposers)
    if count is None or count <= len(proposers):
        return names
    noun = vocab.PROPOSER_NOUN.get(kind)
    return f"{names}等{count}名{noun}" if noun else f"{names}等{count}人"


def government_short(level: str) -> str:
    """县政府 / 市政府 / 州政府 …: how pages refer to the government of this level."""
    return f"{level}政府"


def document_text(doc) -> str:
    """An external document (not on the site) as text: 《标题》（发文字号，发文机关）."""
    title = doc.title.strip()
    if not title.startswith("《") and "《" not in title:
        title = f"《{title}》"
    extra = "，".join(x for x in (doc.doc_no, doc.issuer) if x)
    return f"{title}（{extra}）" if extra else title
