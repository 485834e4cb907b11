"""Markdown to HTML for record bodies, sanitized by the allow-list of ``generator.safe_markup``
(shared with GK208) whatever the checker said."""

from __future__ import annotations

import hashlib
import html
import marshal
import os
import re
from pathlib import Path
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


# ---------------------------------------------------------------- bounded work

MAX_NESTING = 16
"""Deepest nesting of quotes and lists a body may have (Python-Markdown recurses per level)."""
MAX_BRACKETS = 500
"""Most ``[`` a body may hold (Python-Markdown's link parsing is quadratic in unmatched brackets)."""
RENDER_SECONDS = 20
"""Time one body may take to render, in the sandbox, before the build gives up on it."""
_CONTAINER = re.compile(r"[ \t]*(?:>|[-*+](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$))")


class MarkupTooComplex(Exception):
    """A body cannot be rendered within the bounds; ``reason`` says why, in Chinese."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def nesting_depth(line: str) -> int:
    """Quote and list levels opened on ``line``, counting two columns of indentation as one level."""
    expanded = line.expandtabs(4)
    depth = (len(expanded) - len(expanded.lstrip(" "))) // 2
    pos = 0
    while m := _CONTAINER.match(line, pos):
        depth += 1
        pos = m.end()
    return depth


def complexity_problem(text: str) -> tuple[int, str] | None:
    """``(offset, why)`` when ``text`` is shaped beyond what the renderer is known to handle in
    bounded time (checked in linear time), else None. GK208 reports it; the build refuses it."""
    brackets = text.count("[")
    if brackets > MAX_BRACKETS:
        return text.index("["), f"方括号“[”多达 {brackets} 个，超过 {MAX_BRACKETS} 个上限"
    offset = 0
    for line in text.split("\n"):
        depth = nesting_depth(line)
        if depth > MAX_NESTING:
            return offset, f"引用或列表嵌套 {depth} 层，超过 {MAX_NESTING} 层上限"
        offset += len(line) + 1
    return None


_RENDERED: dict[tuple[str, str | None], str] = {}
"""What :func:`render_bounded` returned for each text and host: a body is rendered once per build
although its description (``plain_text``) and its page both need it, and a build with a cache
takes the bodies it rendered last time from there (:func:`remember`, :func:`keep`). Only
successful renderings are kept, so a refusal is raised again every time."""
_USED: set[tuple[str, str | None]] = set()
_RENDERED_MAX = 200_000


def render_bounded(text: str | None, own_host: str | None = None) -> str:
    """:func:`render_markdown` within the structure caps and, in the sandbox, within
    :data:`RENDER_SECONDS` and the sandbox's memory; raises :class:`MarkupTooComplex`."""
    if not text:
        return ""
    key = (text, own_host)
    done = _RENDERED.get(key)
    if done is None:
        done = _render_bounded(text, own_host)
        if len(_RENDERED) >= _RENDERED_MAX:
            _RENDERED.clear()
            _USED.clear()
        _RENDERED[key] = done
    _USED.add(key)
    return done


def _renderer_version() -> str:
    """Everything a rendering depends on besides its text and host: the code and the libraries."""
    from importlib.metadata import version

    here = Path(__file__).parent
    parts = [f"markdown={version('markdown')}", f"nh3={version('nh3')}"]
    parts += [here.joinpath(m).read_text(encoding="utf-8") for m in ("markup.py", "safe_markup.py", "sandbox.py")]
    return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()


def remember(path: Path) -> None:
    """Take the renderings a previous build kept in ``path`` (if made by this renderer)."""
    try:
        with open(path, "rb") as fh:
            stored = marshal.load(fh)
    except (OSError, EOFError, ValueError, TypeError):
        return
    if isinstance(stored, dict) and stored.get("version") == _renderer_version() \
            and isinstance(stored.get("entries"), dict):
        _RENDERED.update(stored["entries"])


def mark() -> int:
    """A point to hand renderings back from: taken before forking shares (:func:`since`)."""
    return len(_RENDERED)


def since(point: int) -> tuple[list[int], dict[tuple[str, str | None], str]]:
    """In a forked share: which renderings it inherited it used (by position: the parent's table
    has the same order up to ``point``) and the ones it made, for :func:`adopt` in the parent."""
    keys = list(_RENDERED)
    if len(keys) < point:  # the table was emptied (too large): hand back everything used
        return [], {key: _RENDERED[key] for key in keys if key in _USED}
    return [i for i in range(point) if keys[i] in _USED], {key: _RENDERED[key] for key in keys[point:]}


def adopt(handed: tuple[list[int], dict[tuple[str, str | None], str]]) -> None:
    """What a share rendered and used (:func:`since`) counts as used by this build."""
    positions, made = handed
    if positions:
        keys = list(_RENDERED)
        _USED.update(keys[i] for i in positions)
    _RENDERED.update(made)
    _USED.update(made)


def keep(path: Path) -> None:
    """Write the renderings this build used to ``path`` for the next build (written whole, then
    moved into place)."""
    data = {"version": _renderer_version(), "entries": {key: _RENDERED[key] for key in _USED if key in _RENDERED}}
    tmp = path.with_name(f".{path.name}.{os.getpid()}")
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(tmp, "wb") as fh:
        marshal.dump(data, fh)
    os.replace(tmp, path)
    _USED.clear()


def prerender(texts: list[str], own_host: str | None) -> None:
    """Render ``texts`` ahead, on every core for a large site (each forked share renders its share
    and hands the renderings back); a text that cannot be rendered is left for its page to refuse."""
    from .parallel import in_shares, workers

    todo = sorted({t for t in texts if t and (t, own_host) not in _RENDERED})
    of = workers(len(todo))
    if of <= 1:
        return  # rendered when first needed
    point = mark()
    for handed in in_shares(_prerender_share, of, todo, own_host, point):
        adopt(handed)


def _prerender_share(share: int, of: int, texts: list[str], own_host: str | None, point: int):
    for text in texts[share::of]:
        try:
            render_bounded(text, own_host)
        except MarkupTooComplex:
            pass
    return since(point)


def _render_bounded(text: str, own_host: str | None) -> str:
    problem = complexity_problem(text)
    if problem:
        raise MarkupTooComplex(problem[1])
    from . import sandbox

    try:
        return sandbox.run(RENDER_SECONDS, render_markdown, text, own_host)
    except sandbox.Timeout:
        raise MarkupTooComplex(f"排版超过 {RENDER_SECONDS} 秒上限") from None
    except sandbox.Failed as exc:
        raise MarkupTooComplex(f"排版失败（{exc.reason}）") from None


def plain_text(text: str | None, own_host: str | None = None) -> str:
    """Body Markdown → its text, without any markup (for descriptions). The text does not depend on
    ``own_host``; passing the page's host shares the rendering with the page."""
    try:
        markup = render_bounded(text, own_host).replace(EXTERNAL_NOTE, "")
    except MarkupTooComplex:
        return ""  # the page itself is refused (RenderRefused)
    return " ".join(html.unescape(nh3.clean(markup, tags=set())).split())
