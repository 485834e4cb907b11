"""索引号不符合配置的格式，或其中的年份与记录年份不符。

索引号是政府信息公开目录的索引（条例第十二条），格式由 rules.index_no_pattern 规定，默认
{credit_code}/{year}-{serial:05d}：发布机构的统一社会信用代码、年份、五位流水号，例如
11622922013960001W/2024-00012。年份取发布日期的年份；未主动公开的记录取信息形成日期的年份。
"""

import functools
import re
import string

from ..findings import Citation
from .base import Hit, Rule
from .examples import policy

RULE = Rule(
    code="GK204", name="index-no-format", title="索引号不规范", severity="error",
    citation=Citation("中华人民共和国政府信息公开条例", "第十二条", "政府信息公开目录包括政府信息的索引、名称、内容概述、生成日期等内容。"),
    explanation=__doc__,
    applies_to=("policies", "interpretations", "decisions", "proposals"),
    fail_example={"content/policies/fangxun.yml": policy(index_no="11622922013960001W/2025-00001", mark="index_no")},
    pass_example={"content/policies/fangxun.yml": policy()},
    reads={"*": ("publisher", "index_no", "published"), "policies": ("written",), "decisions": ("meeting.date",),
           "proposals": ("assigned",)},
)


@functools.lru_cache(maxsize=1024)
def pattern_regex(pattern: str, credit_code: str, region_code: str) -> re.Pattern:
    """Turn ``{credit_code}/{year}-{serial:05d}`` into a regex with named ``year`` and ``serial`` groups
    (``gongkai new`` reads the serial to number the next record)."""
    parts = []
    for literal, name, spec, _ in string.Formatter().parse(pattern):
        parts.append(re.escape(literal))
        if name is None:
            continue
        if name == "credit_code":
            parts.append(re.escape(credit_code))
        elif name == "region_code":
            parts.append(re.escape(region_code))
        elif name == "year":
            parts.append(r"(?P<year>\d{4})")
        elif name == "serial":
            width = re.fullmatch(r"0?(\d+)d", spec or "")
            parts.append(rf"(?P<serial>\d{{{width[1]}}})" if width else r"(?P<serial>\d+)")
        else:
            parts.append(r".+?")
    return re.compile("^" + "".join(parts) + "$")


def record_year(rec) -> int | None:
    m = rec.model
    if m.published is not None:
        return m.published.year
    formed = {"policies": lambda: m.written, "decisions": lambda: m.meeting.date,
              "proposals": lambda: m.assigned}.get(rec.type)
    return formed().year if formed else None


def check(rec, site):
    org = site.organizations.get(rec.model.publisher_id)
    if org is None:
        return
    pattern = site.config.rules.index_no_pattern
    m = pattern_regex(pattern, org.credit_code, site.config.government.region_code).match(rec.model.index_no)
    if not m:
        yield Hit(("index_no",), f"索引号“{rec.model.index_no}”不符合格式 {pattern}（发布机构{org.name}，统一社会信用代码 {org.credit_code}）")
        return
    year = record_year(rec)
    if "year" in m.groupdict() and year is not None and int(m["year"]) != year:
        yield Hit(("index_no",), f"索引号中的年份 {m['year']} 与记录年份 {year} 不符")
