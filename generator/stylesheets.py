"""Trim a stylesheet to the rules a built site can use: a rule stays when every class its selector
needs occurs in the site's pages or scripts; custom properties nobody reads go too.

Conservative by construction: what :not(), :is(), :where() and :has() name, attribute selectors, ids
and element names are never grounds to drop a rule, and at-rules other than @media/@supports/@layer
are kept whole.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path

CLASS_ATTR = re.compile(r'class="([^"]*)"')
SCRIPT_CLASS = re.compile(r"md-[a-z0-9_-]+|gk-[a-z0-9_-]+|focus-visible|no-js|\bjs\b")
"""Class names scripts may add at run time (the theme's are all md-…; gongkai's gk-…)."""
FUNCTIONAL = re.compile(r":(?:not|is|where|has|matches|-webkit-any|-moz-any)\(")
SELECTOR_CLASS = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")
VAR_USE = re.compile(r"var\((--[\w-]+)")
FILTERED_AT = ("@media", "@supports", "@layer")
SOURCE_MAP = re.compile(r"/\*# sourceMappingURL=[^*]*\*/\s*$")


def classes_in(page_html: str) -> set[str]:
    """Every class name ``page_html`` gives an element."""
    used: set[str] = set()
    for value in CLASS_ATTR.findall(page_html):
        used.update(value.split())
    return used


def used_classes(pages: Iterable[Path], scripts: Iterable[Path], known: set[str] | None = None) -> set[str]:
    """Class names of ``pages`` and the classes ``scripts`` may add, with ``known`` (classes already
    gathered from other pages as they were written)."""
    used: set[str] = set(known or ())
    for page in pages:
        used |= classes_in(page.read_text(encoding="utf-8"))
    for script in scripts:
        used.update(SCRIPT_CLASS.findall(script.read_text(encoding="utf-8")))
    return used


def trim(css: str, used: set[str], reads: str = "") -> str:
    """``css`` without the rules no element can match and the custom properties neither it nor
    ``reads`` (another stylesheet loaded with it) uses."""
    css = _rules(SOURCE_MAP.sub("", css), lambda head, body: (_matchable(head, used), body))
    while True:
        wanted = set(VAR_USE.findall(css)) | set(VAR_USE.findall(reads))
        smaller = _rules(css, lambda head, body: (head, _without_properties(body, wanted)))
        if smaller == css:
            return css
        css = smaller


def _rules(css: str, keep) -> str:
    """Rebuild ``css`` applying ``keep(selectors, body) -> (selectors, body)`` to every style rule;
    a rule whose selectors or body come back empty is dropped."""
    out = []
    for prelude, body in _blocks(css):
        head = prelude.strip()
        if body is None:
            out.append(head)
        elif head.startswith(FILTERED_AT):
            inner = _rules(body, keep)
            if inner:
                out.append(f"{head}{{{inner}}}")
        elif head.startswith("@"):
            out.append(f"{head}{{{body}}}")
        else:
            head, body = keep(head, body)
            if head and body:
                out.append(f"{head}{{{body}}}")
    return "".join(out)


def _matchable(selectors: str, used: set[str]) -> str:
    """The comma-separated selectors that need only classes that occur."""
    return ",".join(s for s in _split(selectors, ",") if set(SELECTOR_CLASS.findall(_unconditional_part(s))) <= used)


def _unconditional_part(selector: str) -> str:
    """The selector without functional pseudo-class arguments and attribute selectors."""
    out, i = [], 0
    while (m := FUNCTIONAL.search(selector, i)) is not None:
        out.append(selector[i:m.start()])
        depth, i = 1, m.end()
        while i < len(selector) and depth:
            depth += {"(": 1, ")": -1}.get(selector[i], 0)
            i += 1
    out.append(selector[i:])
    return re.sub(r"\[[^\]]*\]", "", "".join(out))


def _without_properties(body: str, wanted: set[str]) -> str:
    return ";".join(d for d in _split(body, ";")
                    if d.strip() and not (d.strip().startswith("--") and d.split(":", 1)[0].strip() not in wanted))


def _split(text: str, sep: str) -> list[str]:
    """Split at ``sep`` outside brackets, parentheses and quotes."""
    parts, depth, quote, start = [], 0, None, 0
    for i, ch in enumerate(text):
        if quote:
            if ch == quote:
                quote = None
        elif ch in "\"'":
            quote = ch
        elif ch in "([":
            depth += 1
        elif ch in ")]":
            depth -= 1
        elif ch == sep and depth == 0:
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    return parts


def _blocks(css: str) -> Iterator[tuple[str, str | None]]:
    """Top-level (prelude, body) pairs; a statement at-rule (@charset …;) has no body."""
    i, n = 0, len(css)
    while i < n:
        start = i
        while i < n and css[i] not in "{;":
            i += 1
        if i >= n:
            return
        if css[i] == ";":
            yield css[start:i + 1], None
            i += 1
            continue
        depth, j, quote = 1, i + 1, None
        while j < n and depth:
            ch = css[j]
            if quote:
                if ch == "\\":
                    j += 1
                elif ch == quote:
                    quote = None
            elif ch in "\"'":
                quote = ch
            elif ch == "{":
                depth += 1
            elif ch == "}":
                depth -= 1
            j += 1
        yield css[start:i], css[i + 1:j - 1]
        i = j
