"""The personal-data scanner (GK207, and the build's last look at every output file).

Text is first *normalised* the way a reader would see it, keeping each character's offset in the
original so findings point at the right line:

- HTML character references decoded (``&#49;3912345678``, ``&nbsp;``);
- Unicode NFKC (full-width ``１３９``, NBSP and the ideographic space become ASCII);
- format characters dropped (zero-width space and joiner, soft hyphen, BOM, direction marks);
- tags (``<b>``) and Markdown punctuation (``*``, ``_``, `` ` ``, ``\\``, ``|``, ``~``) become
  separators.

Digits are then read as *groups* (runs of digits) joined by *separators*: whitespace and line
breaks, dots, dashes of any kind, ``+``, ``/``, brackets and the markup characters above, at most
:data:`MAX_SEPARATOR` of them between two groups. A number is a run of whole groups in one of the
layouts people write it in:

- 居民身份证号 (18, valid check character and birth date): one group, 6-8-4, 6-4-4-4, or one digit
  per box or cell;
- 手机号 (11, ``1[3-9]…``): one group, 3-4-4, 3-8, 7-4, one digit per box or cell; a single group
  with the prefix ``86`` or ``0086`` (``+8613912345678``); a prefix in its own group is simply a
  group before the number;
- 银行卡号 (16–19, Luhn): one group, groups of four (the last 1–4 long), one digit per box —
  written on one line only (a tab or line break between groups of four is a table of figures).

Masked numbers (``138****5678``) have too few digits left to match any layout. Every step is
linear in the length of the text.
"""

from __future__ import annotations

import functools
import hashlib
import html
import marshal
import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from .identifiers import id_card_valid, luhn_valid

MAX_SEPARATOR = 3
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_TAG = re.compile(r"</?[A-Za-z][^<>\n]{0,500}>")
INLINE_SEPARATORS = frozenset(" .-+/()[]*_`\\~'\"\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u30fc\u00b7\u30fb")
"""Characters that may stand between two groups of one number written on one line."""
CELL_SEPARATORS = frozenset("\t\n\r\x0b\x0c|")
"""Table cells, boxes and lines: allowed between groups of IDs and mobiles, not of card numbers."""
_SEPARATOR_CLASS = "[" + re.escape("".join(sorted(INLINE_SEPARATORS | CELL_SEPARATORS))) + "]"
_CHAIN = re.compile("(?:[0-9](?:[Xx](?![A-Za-z0-9]))?" + _SEPARATOR_CLASS + "{0,%d}+){11,}" % MAX_SEPARATOR)
"""A chain of at least eleven digits, each at most MAX_SEPARATOR separators from the next (an ID's
check character may follow a digit). Every layout is a run of groups joined by separators, so every
number lies within one such chain, and a text without one holds no number (linear: the separators
are matched possessively). The groups of a chain are read, nothing else: a page's dates and figures
stay short chains."""
_DIGIT_GROUP = re.compile(r"(?<![0-9])[0-9]+(?:[Xx](?![A-Za-z0-9]))?")


@dataclass(frozen=True)
class Found:
    offset: int
    """Offset in the *original* text."""
    kind: str
    digits: str

    @property
    def masked(self) -> str:
        return mask(self.digits)

    @property
    def label(self) -> str:
        return f"{self.kind} {self.masked}"


def allowed_forms(numbers) -> frozenset[str]:
    """The numbers ``rules.allowed_numbers`` lets through (hotlines), as written and as digits."""
    return frozenset({"".join(c for c in n if c.isdigit()) or n for n in numbers} | set(numbers))


def mask(number: str) -> str:
    return number[:3] + "*" * max(len(number) - 7, 1) + number[-4:]


def normalise(text: str) -> tuple[str, list[int]]:
    """The text as read, and for each of its characters the offset of its source character."""
    out: list[str] = []
    where: list[int] = []
    pos = 0
    spans = [(m.start(), m.end(), "entity") for m in _ENTITY.finditer(text)] if "&" in text else []
    if "<" in text:
        spans += [(m.start(), m.end(), "tag") for m in _TAG.finditer(text)]
        spans.sort()
    spans.append((len(text), len(text), "end"))
    for start, end, kind in spans:
        if start < pos:
            continue  # an entity inside a tag: the tag wins
        _plain(text, pos, start, out, where)
        if kind == "entity":
            _plain(html.unescape(text[start:end]), 0, None, out, where, at=start)
        elif kind == "tag":
            out.append(" ")
            where.append(start)
        pos = end
    return "".join(out), where


@functools.cache
def _format_characters() -> re.Pattern:
    """Every format character (category Cf: zero-width space and joiner, soft hyphen, BOM, direction
    marks, tags). Unicode places them in planes 0, 1 and 14 only."""
    found = [chr(c) for r in (range(0x80, 0x20000), range(0xE0000, 0xE1000)) for c in r
             if unicodedata.category(chr(c)) == "Cf"]
    return re.compile("[" + "".join(found) + "]")


@functools.cache
def _digit_characters() -> re.Pattern:
    """Every character ``str.isdigit`` accepts (ASCII, full-width, superscript, circled …): a text
    without one holds no number, whatever normalising makes of it."""
    found = [chr(c) for r in (range(0x30, 0x3A), range(0x80, 0x20000)) for c in r if chr(c).isdigit()]
    return re.compile("[" + "".join(re.escape(c) for c in found) + "]")


_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f]+")


def _unchanged(run: str) -> bool:
    """Whether reading ``run`` character by character leaves it as it is."""
    return unicodedata.is_normalized("NFKC", run) and not _format_characters().search(run)


class _Reading(dict):
    """Character → how it reads (``str.translate`` table, filled as characters are met): NFKC of the
    character alone, nothing for a format character."""

    def __missing__(self, code: int) -> str | None:
        ch = chr(code)
        value = None if unicodedata.category(ch) == "Cf" else unicodedata.normalize("NFKC", ch)
        self[code] = value
        return value


_READING = _Reading()


def normalised_text(text: str) -> str:
    """``normalise(text)[0]`` without the offsets, in a few passes over the text: what the build's
    scan of every output file needs (offsets are computed only for a number found)."""
    if "<" in text:
        text = _TAG.sub(" ", text)  # tags first: an entity inside a tag goes with it
    if "&" in text:
        text = _ENTITY.sub(lambda m: html.unescape(m[0]), text)
    return text if text.isascii() else text.translate(_READING)


def _plain(text: str, start: int, end: int | None, out: list[str], where: list[int], at: int | None = None) -> None:
    """Append ``text[start:end]`` as read. Runs the per-character steps would leave unchanged (ASCII,
    or already NFKC without format characters: most Chinese text) are copied whole."""
    end = len(text) if end is None else end
    if at is None:
        pos = start
        for m in _NON_ASCII_RUN.finditer(text, start, end):
            if _unchanged(m[0]):
                continue  # stays in the bulk copy
            out.append(text[pos:m.start()])
            where.extend(range(pos, m.start()))
            _plain_chars(text, m.start(), m.end(), out, where, None)
            pos = m.end()
        out.append(text[pos:end])
        where.extend(range(pos, end))
        return
    _plain_chars(text, start, end, out, where, at)


def _plain_chars(text: str, start: int, end: int, out: list[str], where: list[int], at: int | None) -> None:
    for i in range(start, end):
        ch = text[i]
        origin = i if at is None else at
        if ch.isascii():
            out.append(ch)
            where.append(origin)
            continue
        if unicodedata.category(ch) == "Cf":
            continue
        for c in unicodedata.normalize("NFKC", ch):
            out.append(c)
            where.append(origin)


_LENGTHS = frozenset((11, 13, 15, 16, 17, 18, 19))
"""Digit counts that can be a number: mobile (11, with 86 or 0086: 13, 15), ID (18), card (16–19)."""
_LAYOUTS_ID = {(18,), (6, 8, 4), (6, 4, 4, 4)}
_LAYOUTS_MOBILE = {(11,), (3, 4, 4), (3, 8), (7, 4)}


def _card_layout(layout: tuple[int, ...]) -> bool:
    return len(layout) == 1 or (all(n == 4 for n in layout[:-1]) and 1 <= layout[-1] <= 4)


def _mobile(digits: str) -> bool:
    return len(digits) == 11 and digits[0] == "1" and digits[1] in "3456789"


class CleanMemory:
    """Digests of the texts :func:`scan` found clean, kept in a build cache between checks: a text
    met again (the same characters, the same allowed numbers, the same scanner: this module's and
    the checksums' source and the Unicode tables are in every digest) is not scanned again. A text
    with a finding is never remembered, so it is found again every time. Active between
    :func:`remember` and :func:`keep`."""

    FILE = "clean-texts.marshal"
    """In a build cache: the texts the check met (``build.SCANNED``: those of the built site's files)."""

    def __init__(self, kept: set[bytes]) -> None:
        self.kept = kept
        self.used: set[bytes] = set()

    @staticmethod
    @functools.cache
    def salt(allowed: frozenset[str]) -> bytes:
        from . import identifiers

        return hashlib.sha256("\0".join([
            Path(__file__).read_text(encoding="utf-8"), Path(identifiers.__file__).read_text(encoding="utf-8"),
            unicodedata.unidata_version, *sorted(allowed)]).encode("utf-8")).digest()


_MEMORY: CleanMemory | None = None


def remember(path: Path) -> None:
    """Start remembering clean texts, with those kept in the file ``path`` (:func:`keep`)."""
    global _MEMORY
    try:
        stored = marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError, MemoryError):  # garbage can claim huge sizes
        stored = None
    kept = stored if isinstance(stored, set) and all(isinstance(d, bytes) for d in stored) else set()
    _MEMORY = CleanMemory(kept)


def remembered() -> set[bytes]:
    """The digests of the clean texts this process met (a forked share hands them back: :func:`adopt`)."""
    return set(_MEMORY.used) if _MEMORY is not None else set()


def adopt(digests: set[bytes]) -> None:
    if _MEMORY is not None:
        _MEMORY.used |= digests


def keep(path: Path) -> None:
    """Write the clean texts met since :func:`remember` into the file ``path`` (only those: the file
    never outgrows the site)."""
    if _MEMORY is None:
        return
    tmp = path.with_name(f".{path.name}.{os.getpid()}")
    tmp.write_bytes(marshal.dumps(_MEMORY.used))
    os.replace(tmp, path)


def forget() -> None:
    """Stop remembering: later scans scan every text."""
    global _MEMORY
    _MEMORY = None


def scan(text: str, allowed: frozenset[str] | set[str] = frozenset()) -> list[Found]:
    """Every unmasked personal number in ``text``, in text order."""
    memory = _MEMORY
    if memory is None:
        return _scan(text, allowed)
    digest = hashlib.sha256(CleanMemory.salt(frozenset(allowed)))
    digest.update(text.encode("utf-8", errors="surrogatepass"))
    key = digest.digest()
    if key in memory.kept:
        memory.used.add(key)
        return []
    found = _scan(text, allowed)
    if not found:
        memory.used.add(key)
    return found


def _scan(text: str, allowed: frozenset[str] | set[str]) -> list[Found]:
    if not _digit_characters().search(text):
        return []
    norm = normalised_text(text)
    where = _Offsets(text)
    found: dict[tuple[int, str], Found] = {}
    for chain in _CHAIN.finditer(norm):
        groups = [(m.start(), m.end(), m[0]) for m in _DIGIT_GROUP.finditer(norm, chain.start(), chain.end())]
        _numbers_in(groups, norm, where, allowed, found)
    return sorted(found.values(), key=lambda f: (f.offset, f.kind))


def _numbers_in(groups: list[tuple[int, int, str]], norm: str, where, allowed, found: dict) -> None:
    """Add to ``found`` the numbers among ``groups``, the digit groups of one chain of ``norm``."""
    # joins[i]: how group i is joined to group i+1: None (not joined), "inline" or "cell"
    joins: list[str | None] = []
    for (_, end, _), (start, _, _) in zip(groups, groups[1:]):
        between = norm[end:start]
        if len(between) > MAX_SEPARATOR or not between:
            joins.append(None)
        elif all(c in INLINE_SEPARATORS for c in between):
            joins.append("inline")
        elif all(c in INLINE_SEPARATORS or c in CELL_SEPARATORS for c in between):
            joins.append("cell")
        else:
            joins.append(None)
    n = len(groups)
    for i in range(n):
        size = len(groups[i][2])
        if size == 1:
            # one digit per box: only a whole run of single digits is a number
            if i and joins[i - 1] and len(groups[i - 1][2]) == 1:
                continue
            j = i
            while j + 1 < n and joins[j] and len(groups[j + 1][2]) == 1 and j - i < 20:
                j += 1
            if j - i + 1 in (11, 16, 17, 18, 19) and not (j + 1 < n and joins[j] and len(groups[j + 1][2]) == 1):
                digits = "".join(g[2] for g in groups[i:j + 1])
                cell = any(joins[k] == "cell" for k in range(i, j))
                _judge(digits, (1,) * (j - i + 1), cell, i, where, groups, allowed, found)
            continue
        if size in _LENGTHS:
            _judge(groups[i][2], (size,), False, i, where, groups, allowed, found)
        if size not in (3, 4, 6, 7):
            continue  # no layout of several groups starts with a group of this length
        digits, layout, cell = groups[i][2], (size,), False
        for j in range(i + 1, min(n, i + 6)):
            if joins[j - 1] is None:
                break
            cell = cell or joins[j - 1] == "cell"
            digits += groups[j][2]
            layout += (len(groups[j][2]),)
            if len(digits) > 19:
                break
            if len(digits) in _LENGTHS:
                _judge(digits, layout, cell, i, where, groups, allowed, found)


class _Offsets:
    """``normalise(text)[1]``, computed when a number is found (most texts hold none)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.where: list[int] | None = None

    def __getitem__(self, i: int) -> int:
        if self.where is None:
            self.where = normalise(self.text)[1]
        return self.where[i]


def _judge(digits, layout, cell, i, where, groups, allowed, found) -> None:
    ones = len(layout) > 1 and all(n == 1 for n in layout)
    plain = digits.upper()
    candidates = []
    if len(plain) == 18 and (layout in _LAYOUTS_ID or ones) and id_card_valid(plain):
        candidates.append(("居民身份证号", plain))
    if not plain.isdigit():
        pass
    elif (layout in _LAYOUTS_MOBILE or ones) and _mobile(plain):
        candidates.append(("手机号", plain))
    elif len(layout) == 1 and len(plain) in (13, 15) and plain.startswith(("86", "0086")) and _mobile(plain[-11:]):
        candidates.append(("手机号", plain[-11:]))
    elif 16 <= len(plain) <= 19 and plain[0] in "3456" and not cell and (_card_layout(layout) or ones) \
            and luhn_valid(plain) and not id_card_valid(plain):
        candidates.append(("银行卡号", plain))
    for kind, number in candidates:
        if number not in allowed:
            offset = where[groups[i][0]]
            found.setdefault((offset, number), Found(offset, kind, number))


def scan_text_of_html(page: str, allowed: frozenset[str] | set[str] = frozenset()) -> list[Found]:
    """:func:`scan` over the text of an HTML page (scripts and styles dropped, tags as separators)."""
    text = _POLICY.sub(" ", re.sub(r"(?is)<(script|style)\b[^>]*>.*?</\1\s*>", " ", page))
    return scan(text, allowed)


_POLICY = re.compile(r'<meta http-equiv="Content-Security-Policy" content="[^"<>]*">')
"""The page's content-security policy (``theme.add_csp``): script hashes, no text of the page; too
long for a tag the scanner reads as a separator, so its base64 would otherwise be read as text."""
