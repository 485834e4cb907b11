"""Read one saved detail page of an old disclosure site: header fields, title, body, attachments.

Extraction is driven by labels, not layout: the header's label/value pairs are found wherever they
stand — table cells (TRS-style ``xxgk`` tables), ``<dt>/<dd>``, a labelled ``<span>``, or plain
"标签：值" text — by walking the page's text in document order. The body is the block that holds the
most paragraph text; it is sanitised with nh3 and written as Markdown, with site chrome (navigation,
share and print links, scripts) dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

import lxml.html
import nh3
from lxml import etree

from ..attachment_text import decode_text
from .fields import LABEL_FIELD, OTHER_LABELS, clean, label_of, squash

MAX_PAGE_BYTES = 5 * 1024 * 1024

CHROME = re.compile(r"nav|menu|footer|header|breadcrumb|crumb|share|print|position|location|sidebar|"
                    r"toolbar|search|login|copyright|banner|related|xgwz|dqwz", re.I)
"""Class or id words of site chrome around a page's content."""
CHROME_TEXT = re.compile(r"^(【?(打印本页|关闭窗口|打印|关闭|返回顶部|收藏|分享到?|字号|大|中|小)】?\s*)+$")
DROP_TAGS = ("script", "style", "noscript", "nav", "header", "footer", "form", "iframe", "button",
             "select", "input", "textarea", "object", "embed", "svg", "template")
CONTENT_HINT = re.compile(r"TRS_Editor|zoom|UCAP-CONTENT|article[-_]?content|content|zw|detail|text|view", re.I)
ATTACHMENT_EXT = {"pdf", "ofd", "doc", "docx", "xls", "xlsx", "wps", "et", "zip", "rar", "jpg", "png"}

# the Markdown that the importer writes may keep these; everything else is dropped by nh3
BODY_TAGS = {"p", "br", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "table", "thead", "tbody",
             "tr", "th", "td", "strong", "b", "em", "i", "a", "blockquote", "div", "span", "section"}
INLINE_LABEL = re.compile(
    "(" + "|".join(r"\s*".join(map(re.escape, label))
                   for label in sorted((*LABEL_FIELD, *OTHER_LABELS), key=len, reverse=True)) + r")\s*[:：]")


@dataclass
class Page:
    """What one saved page shows."""

    path: Path
    source: str
    """Where the page came from: its own URL when the saved file names it, else the file name."""
    fields: dict[str, str] = field(default_factory=dict)
    """Header values as shown, keyed by field (``index_no``, ``publisher``, ``doc_no`` …)."""
    title: str | None = None
    body: str = ""
    """The body as Markdown."""
    attachments: list[tuple[str, str]] = field(default_factory=list)
    """(link text, href) of every link to a document file."""
    text: str = ""
    """The page's plain text (for inferring the type)."""


class PageUnreadable(Exception):
    """The file is not an HTML page this importer can read."""


def read_page(path: Path, name: str) -> Page:
    """Read the saved page at ``path``; ``name`` is how the report and ``imported.from`` call it when
    the page does not carry its own URL."""
    data = path.read_bytes()
    if len(data) > MAX_PAGE_BYTES:
        raise PageUnreadable(f"文件超过 {MAX_PAGE_BYTES // 1024 // 1024} MB")
    text = _decode(data)
    if "<" not in text:
        raise PageUnreadable("不是 HTML 页面")
    try:
        root = lxml.html.document_fromstring(text)
    except (etree.ParserError, ValueError) as exc:
        raise PageUnreadable(f"无法解析 HTML：{exc}") from None
    page = Page(path=path, source=_own_url(text, root) or name)
    meta = {(m.get("name") or "").lower(): clean(m.get("content") or "") for m in root.iter("meta")}
    for bad in list(root.iter(*DROP_TAGS, etree.Comment)):
        _drop(bad)
    for el in list(root.iter()):
        if el.getparent() is not None and _is_chrome(el):
            _drop(el)
    body_el = _body_element(root)
    page.fields = _header_fields(root, body_el)
    page.title = page.fields.pop("title", None) or meta.get("articletitle") or _heading(root, body_el) \
        or _title_tag(root)
    for key, name_ in (("published", "pubdate"), ("publisher", "contentsource")):
        if key not in page.fields and meta.get(name_):
            page.fields[key] = meta[name_]
    page.attachments = _attachments(root)
    if body_el is not None:
        _strip_header_lines(body_el, page.fields)
        page.body = to_markdown(body_el)
    page.text = clean(root.text_content())
    return page


def _decode(data: bytes) -> str:
    head = data[:4096].decode("ascii", "replace")
    m = re.search(r"charset\s*=\s*[\"']?([A-Za-z0-9_-]+)", head)
    if m and not data.startswith(b"\xef\xbb\xbf"):
        charset = m[1].lower()
        if charset in ("gb2312", "gbk", "gb18030"):
            return data.decode("gb18030", "replace")
        try:
            return data.decode(charset)
        except (LookupError, UnicodeDecodeError):
            pass
    return decode_text(data)


def _own_url(text: str, root) -> str | None:
    """The page's address: a browser's ``<!-- saved from url=(0042)http://… -->`` mark, the canonical
    link, or ``og:url``."""
    m = re.search(r"<!--\s*saved from url=\(\d+\)(\S+?)\s*-->", text[:2048])
    candidates = [m[1] if m else None]
    candidates += [link.get("href") for link in root.iter("link") if (link.get("rel") or "").lower() == "canonical"]
    candidates += [meta.get("content") for meta in root.iter("meta") if meta.get("property") == "og:url"]
    for url in candidates:
        if url and urlsplit(url).scheme in ("http", "https"):
            return url.strip()
    return None


def _drop(el) -> None:
    parent = el.getparent()
    if parent is None:
        return
    tail = el.tail
    if tail and tail.strip():
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(el)


def _is_chrome(el) -> bool:
    if not isinstance(el.tag, str) or el.tag in ("html", "body"):
        return False
    words = f"{el.get('class') or ''} {el.get('id') or ''}"
    if CHROME.search(words) and not CONTENT_HINT.search(words):
        return _pairs_in(el) < 2  # never the disclosure header itself (class="xxgk-header" …)
    return el.tag in ("a", "span", "div", "p") and len(el) == 0 and bool(CHROME_TEXT.match(clean(el.text_content() or ""))) \
        and bool(clean(el.text_content() or ""))


def _paragraph_text(el) -> int:
    """How much body text ``el`` holds in its own paragraphs (direct children)."""
    total = len(clean(el.text or ""))
    for child in el:
        if isinstance(child.tag, str) and child.tag in ("p", "br", "span", "font", "strong", "h2", "h3", "h4"):
            total += len(clean(child.text_content()))
        total += len(clean(child.tail or ""))
    return total


def _body_element(root):
    """The element holding the document's text: a known content container, else the block whose own
    paragraphs hold the most text."""
    best, best_score = None, 0
    for el in root.iter("div", "td", "article", "section"):
        score = _paragraph_text(el)
        words = f"{el.get('class') or ''} {el.get('id') or ''}"
        if CONTENT_HINT.search(words):
            score = score * 2 + 1
        if _pairs_in(el) >= 2:  # the header table or list, not the body
            score //= 4
        if score > best_score:
            best, best_score = el, score
    return best


def _pairs_in(el) -> int:
    return sum(1 for node in el.iter("td", "th", "dt", "span", "label", "strong", "b")
               if label_of(node.text_content() or "") and len(clean(node.text_content())) <= 8)


def _texts(root, skip):
    """Text pieces in document order, outside ``skip``; each element's own text and its tail separately."""
    def walk(el):
        if el is skip:
            if el.tail and el.tail.strip():
                yield clean(el.tail)
            return
        if isinstance(el.tag, str) and el.text and el.text.strip():
            yield clean(el.text)
        for child in el:
            yield from walk(child)
        if el.tail and el.tail.strip():
            yield clean(el.tail)
    yield from walk(root)


def _header_fields(root, body_el) -> dict[str, str]:
    """Label/value pairs outside the body, first occurrence of each field winning."""
    found: dict[str, str] = {}
    pending: str | None = None
    for piece in _texts(root.find("body") if root.find("body") is not None else root, body_el):
        whole = label_of(piece)
        if whole:
            pending = whole
            continue
        parts = list(INLINE_LABEL.finditer(piece))
        if not parts:
            if pending and pending not in found:
                found[pending] = piece
            pending = None
            continue
        if pending and parts[0].start() > 0 and pending not in found:
            found[pending] = piece[:parts[0].start()].strip()
        pending = None
        for i, m in enumerate(parts):
            name = LABEL_FIELD.get(squash(m[1]))
            end = parts[i + 1].start() if i + 1 < len(parts) else len(piece)
            value = piece[m.end():end].strip(" 　|｜")
            if name is None:
                continue
            if value:
                found.setdefault(name, value)
            else:
                pending = name
    return {k: v for k, v in found.items() if v}


def _strip_header_lines(body_el, fields: dict[str, str]) -> None:
    """Header lines that stand at the top of the body (a plain article's "发布日期：… 来源：…"
    paragraph): read their pairs too, then drop them from the body."""
    for child in list(body_el)[:4]:
        text = clean(child.text_content())
        if text and len(text) < 200 and INLINE_LABEL.match(text):
            for i, m in enumerate(parts := list(INLINE_LABEL.finditer(text))):
                end = parts[i + 1].start() if i + 1 < len(parts) else len(text)
                value = text[m.end():end].strip(" 　|｜")
                name = LABEL_FIELD.get(squash(m[1]))
                if value and name:
                    fields.setdefault(name, value)
            _drop(child)


def _heading(root, body_el) -> str | None:
    for tag in ("h1", "h2"):
        for el in root.iter(tag):
            text = clean(el.text_content())
            if 4 <= len(text) <= 200:
                if body_el is not None and el in body_el.iter():
                    el.getparent().remove(el)
                return text
    for el in root.iter("div", "p", "td"):
        words = f"{el.get('class') or ''} {el.get('id') or ''}"
        text = clean(el.text_content())
        if re.search(r"title|bt|biaoti", words, re.I) and 4 <= len(text) <= 200:
            return text
    return None


def _title_tag(root) -> str | None:
    el = root.find(".//title")
    if el is None or not el.text:
        return None
    return re.split(r"\s*[-_|｜—]\s*", clean(el.text))[0] or None


def _attachments(root) -> list[tuple[str, str]]:
    found = []
    for a in root.iter("a"):
        href = (a.get("href") or "").strip()
        ext = PurePosixPath(unquote(urlsplit(href).path)).suffix.lower().lstrip(".")
        if ext in ATTACHMENT_EXT:
            found.append((clean(a.text_content()) or PurePosixPath(unquote(urlsplit(href).path)).name, href))
    return found


# ---------------------------------------------------------------- Markdown


def to_markdown(el) -> str:
    """The sanitised body as Markdown: paragraphs, headings, lists, tables, links, bold."""
    html = lxml.html.tostring(el, encoding="unicode")
    safe = nh3.clean(html, tags=BODY_TAGS, attributes={"a": {"href"}, "td": {"colspan", "rowspan"},
                                                       "th": {"colspan", "rowspan"}},
                     url_schemes={"http", "https", "mailto"}, link_rel=None)
    tree = lxml.html.fragment_fromstring(safe, create_parent="div")
    blocks: list[str] = []
    _blocks(tree, blocks)
    text = "\n\n".join(b for b in blocks if b.strip())
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def _inline(el) -> str:
    out = [el.text or ""]
    for child in el:
        inner = _inline(child)
        if child.tag in ("strong", "b") and inner.strip():
            out.append(f"**{inner.strip()}**")
        elif child.tag in ("em", "i") and inner.strip():
            out.append(f"*{inner.strip()}*")
        elif child.tag == "a" and child.get("href") and inner.strip():
            out.append(f"[{inner.strip()}]({child.get('href')})")
        elif child.tag == "br":
            out.append("\n")
        else:
            out.append(inner)
        out.append(child.tail or "")
    return "".join(out)


def _line(text: str) -> str:
    lines = [clean(part) for part in text.split("\n")]
    return "  \n".join(line for line in lines if line)


def _blocks(el, out: list[str]) -> None:
    buffer = [el.text or ""]

    def flush():
        text = _line("".join(buffer))
        if text:
            out.append(text)
        buffer.clear()

    for child in el:
        tag = child.tag
        if tag in ("p", "blockquote"):
            flush()
            text = _line(_inline(child))
            if text:
                out.append(("> " if tag == "blockquote" else "") + text)
        elif tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            flush()
            text = _line(_inline(child)).replace("  \n", " ")
            if text:
                out.append("#" * max(2, int(tag[1])) + " " + text)
        elif tag in ("ul", "ol"):
            flush()
            items = [(f"{i}. " if tag == "ol" else "- ") + _line(_inline(li)).replace("  \n", " ")
                     for i, li in enumerate((c for c in child if c.tag == "li"), 1)]
            if items:
                out.append("\n".join(items))
        elif tag == "table":
            flush()
            out.append(_table(child))
        elif tag in ("div", "section") and any(c.tag in ("p", "div", "table", "ul", "ol", "h2", "h3") for c in child):
            flush()
            _blocks(child, out)
        else:
            buffer.append(_inline(child) if tag != "br" else "\n")
        buffer.append(child.tail or "")
    flush()


def _table(table) -> str:
    rows = []
    for tr in table.iter("tr"):
        cells = [_line(_inline(c)).replace("  \n", " ").replace("|", "\\|") for c in tr if c.tag in ("td", "th")]
        if cells:
            rows.append(cells)
    if not rows:
        return ""
    width = max(len(r) for r in rows)
    rows = [r + [""] * (width - len(r)) for r in rows]
    lines = ["| " + " | ".join(rows[0]) + " |", "|" + "---|" * width]
    lines += ["| " + " | ".join(r) + " |" for r in rows[1:]]
    return "\n".join(lines)
