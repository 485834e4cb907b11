"""索引号 patterns (``rules.index_no_pattern``): the placeholders, their validation and their regex.

There is no national 索引号 format; each province's platform has its own (``6107280000/2024-001005``,
``11532323015172622Y-/2018-1220012``, ``000014349/2025-422422``, ``01526265-2-/2019-0628001`` …), so
the pattern is configured. Only the placeholders below exist; anything else in braces is a config
error, never a wildcard that would let any 索引号 pass. ``{year}``, ``{month}`` and ``{serial}`` may
appear once each; the regex built from a pattern holds literals, fixed strings and digit runs with at
most one unbounded run, so matching is linear in the length of the 索引号.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass

PLACEHOLDERS = {
    "credit_code": "发布机构的统一社会信用代码（18位）",
    "org_code": "统一社会信用代码第9至17位的组织机构代码（{org_code:-} 写作 XXXXXXXX-X）",
    "region_code": "本级政府的行政区划代码（government.region_code）",
    "year": "四位年份",
    "month": "两位月份",
    "serial": "流水号（{serial:05d} 为5位，{serial} 不限位数）",
}
ONCE = ("year", "month", "serial")
MAX_PATTERN = 200
MAX_INDEX_NO = 200
"""Longer 索引号 are reported without matching (no real format comes near it)."""


class PatternError(ValueError):
    """The configured pattern cannot be used; the message (Chinese) says why."""


@dataclass(frozen=True)
class Part:
    literal: str
    name: str | None = None
    spec: str = ""


def parse(pattern: str) -> tuple[Part, ...]:
    """The parts of ``pattern``, or :class:`PatternError` with a message a clerk can act on."""
    known = "、".join("{" + n + "}" for n in PLACEHOLDERS)
    if len(pattern) > MAX_PATTERN:
        raise PatternError(f"索引号格式过长（{len(pattern)} 个字符，上限 {MAX_PATTERN}）")
    try:
        raw = list(string.Formatter().parse(pattern))
    except ValueError:
        raise PatternError(f"索引号格式“{pattern}”中有未配对的花括号：占位符写作 {{year}} 这样的形式，"
                           f"字面的花括号写作 {{{{ 和 }}}}") from None
    parts, seen = [], set()
    for literal, name, spec, conversion in raw:
        if name is None:
            parts.append(Part(literal))
            continue
        if conversion or name not in PLACEHOLDERS:
            raise PatternError(f"索引号格式中的占位符“{{{name}{'!' + conversion if conversion else ''}}}”不存在，"
                               f"可用的占位符：{known}")
        if name in ONCE and name in seen:
            raise PatternError(f"索引号格式中 {{{name}}} 出现了不止一次：年份、月份、流水号各只能出现一次")
        seen.add(name)
        _check_spec(name, spec or "")
        parts.append(Part(literal, name, spec or ""))
    return tuple(parts)


def _check_spec(name: str, spec: str) -> None:
    ok = (spec == "" or (name == "org_code" and spec == "-")
          or (name == "serial" and re.fullmatch(r"(0?([1-9]|1[0-9]|20))?d", spec)))
    if not ok:
        allowed = {"serial": "，流水号可写 {serial:05d}（1 至 20 位）",
                   "org_code": "，组织机构代码可写 {org_code:-}"}.get(name, "")
        raise PatternError(f"索引号格式中“{{{name}:{spec}}}”的格式说明不可用{allowed}")


def serial_width(spec: str) -> int | None:
    m = re.fullmatch(r"0?(\d+)d", spec)
    return int(m[1]) if m else None


def org_code(credit_code: str) -> str:
    """The 9-character 组织机构代码 inside a 统一社会信用代码 (GB 32100-2015: characters 9–17)."""
    return credit_code[8:17]


def regex(pattern: str, credit_code: str, region_code: str) -> re.Pattern:
    """A regex with named groups ``year``, ``month``, ``serial`` for one publisher."""
    out = []
    for part in parse(pattern):
        out.append(re.escape(part.literal))
        if part.name == "credit_code":
            out.append(re.escape(credit_code))
        elif part.name == "org_code":
            code = org_code(credit_code)
            out.append(re.escape(f"{code[:8]}-{code[8:]}" if part.spec == "-" else code))
        elif part.name == "region_code":
            out.append(re.escape(region_code))
        elif part.name == "year":
            out.append(r"(?P<year>\d{4})")
        elif part.name == "month":
            out.append(r"(?P<month>0[1-9]|1[0-2])")
        elif part.name == "serial":
            width = serial_width(part.spec)
            out.append(rf"(?P<serial>\d{{{width}}})" if width else r"(?P<serial>\d+)")
    return re.compile("^" + "".join(out) + r"\Z")


def match(pattern: re.Pattern, index_no: str) -> re.Match | None:
    """Whole-string match, refusing absurd lengths before the regex sees them."""
    if len(index_no) > MAX_INDEX_NO:
        return None
    return pattern.match(index_no)


def format_index_no(pattern: str, credit_code: str, region_code: str, year: int, month: int, serial: int) -> str:
    """The 索引号 ``pattern`` gives for these values (``gongkai new``)."""
    out = []
    for part in parse(pattern):
        out.append(part.literal)
        if part.name == "credit_code":
            out.append(credit_code)
        elif part.name == "org_code":
            code = org_code(credit_code)
            out.append(f"{code[:8]}-{code[8:]}" if part.spec == "-" else code)
        elif part.name == "region_code":
            out.append(region_code)
        elif part.name == "year":
            out.append(f"{year:04d}")
        elif part.name == "month":
            out.append(f"{month:02d}")
        elif part.name == "serial":
            out.append(f"{serial:{part.spec}}" if part.spec else str(serial))
    return "".join(out)
