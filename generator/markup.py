"""Markdown to HTML for record bodies, sanitized by the allow-list of ``generator.safe_markup``
(shared with GK208) whatever the checker said."""

from __future__ import annotations

import html
import re

from urllib.parse import urlsplit

import markdown
import nh3

from .safe_markup import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, LINK_SCHEMES

_HEADING = re.compile(r"<(/?)h([1-5])\b")
_LINK = re.compile(r'<a href="(https?://[^"]*)"([^>]*)>(.*?)</a>', re.S)
EXTERNAL_NOTE = '<span class="gk-visually-hidden">（外部链接）</span>'


def render_markdown(text: str | None, own_host: str | None = None) -> str:
    """Body Markdown → safe HTML; a body that uses h1 has its headings moved one level down (the page
    title is the only h1), others keep theirs so the outline does not skip a level."""
    if not text:
        return ""
    html = markdown.markdown(text, extensions=["tables", "sane_lists"], output_format="html")
    if "<h1" in html:
        html = _HEADING.sub(lambda m: f"<{m[1]}h{int(m[2]) + 1}", html)
    html = nh3.clean(html, tags=set(ALLOWED_TAGS), attributes=ALLOWED_ATTRIBUTES, url_schemes=set(LINK_SCHEMES),
                     link_rel="noopener noreferrer")
    return _LINK.sub(lambda m: _mark_external(m, own_host), html)


def _mark_external(m: re.Match, own_host: str | None) -> str:
    """Links that leave the site say so, to the eye and to screen readers."""
    href, rest, label = m.groups()
    if own_host and urlsplit(href).hostname == own_host:
        return m.group(0)
    return f'<a href="{href}"{rest} class="gk-external">{label}{EXTERNAL_NOTE}</a>'


def plain_text(text: str | None) -> str:
    """Body Markdown → its text, without any markup (for descriptions)."""
    markup = render_markdown(text).replace(EXTERNAL_NOTE, "")
    return " ".join(html.unescape(nh3.clean(markup, tags=set())).split())
