"""索引号不符合配置的格式，或其中的年份与记录年份不符。

索引号是政府信息公开目录的索引（条例第十二条），格式由 rules.index_no_pattern 规定，默认
{credit_code}/{year}-{serial:05d}：发布机构的统一社会信用代码、年份、五位流水号，例如
11622922013960001W/2024-00012。年份（和月份）取发布日期的；未主动公开的记录取信息形成日期的。
可用的占位符：{credit_code} 统一社会信用代码，{org_code} 其中的9位组织机构代码（{org_code:-} 写作
XXXXXXXX-X），{region_code} 行政区划代码，{year} 年，{month} 两位月份，{serial:0Nd} N位流水号。
例如 {region_code}0000/{year}-{serial:06d} 对应 6107280000/2024-001005。从原网站导入的历史记录
（imported）保留原目录的索引号，与现在的格式不符时给出警告。
"""

import functools
import re

from .. import index_pattern

from .common import CATALOGUE
from .base import EVERY_TYPE, Hit, Rule
from .examples import policy, policy_examples

RULE = Rule(
    code="GK204", name="index-no-format", title="索引号不规范", severity="error",
    citation=CATALOGUE,
    explanation=__doc__,
    lenient_on_imported=True,
    applies_to=EVERY_TYPE,
    **policy_examples(policy(index_no="11622922013960001W/2025-00001", mark="index_no")),
    reads={"*": ("publisher", "index_no", "published"), "policies": ("written",), "decisions": ("meeting.date",),
           "proposals": ("assigned",)},
)


@functools.lru_cache(maxsize=1024)
def pattern_regex(pattern: str, credit_code: str, region_code: str) -> re.Pattern:
    """The regex of ``pattern`` for one publisher, with named ``year``, ``month`` and ``serial`` groups
    (``gongkai new`` reads the serial to number the next record). The config loader has validated
    the pattern (generator.index_pattern)."""
    return index_pattern.regex(pattern, credit_code, region_code)


def record_date(rec):
    """The date whose year (and month) the 索引号 carries: 发布日期, or when unpublished the date the
    record was formed."""
    m = rec.model
    if m.published is not None:
        return m.published
    formed = {"policies": lambda: m.written, "decisions": lambda: m.meeting.date,
              "proposals": lambda: m.assigned}.get(rec.type)
    return formed() if formed else None


def record_year(rec) -> int | None:
    day = record_date(rec)
    return day.year if day else None


def check(rec, site):
    org = site.organizations.get(rec.model.publisher_id)
    if org is None or rec.model.index_no is None:
        return
    pattern = site.config.rules.index_no_pattern
    index_no = rec.model.index_no
    m = index_pattern.match(pattern_regex(pattern, org.credit_code, site.config.government.region_code), index_no)
    if not m:
        shown = index_no if len(index_no) <= 60 else index_no[:60] + "…"
        yield Hit(("index_no",), f"索引号“{shown}”不符合格式 {pattern}（发布机构{org.name}，统一社会信用代码 {org.credit_code}）")
        return
    day = record_date(rec)
    if day is None:
        return
    groups = m.groupdict()
    if groups.get("year") and int(m["year"]) != day.year:
        yield Hit(("index_no",), f"索引号中的年份 {m['year']} 与记录年份 {day.year} 不符")
    elif groups.get("month") and int(m["month"]) != day.month:
        yield Hit(("index_no",), f"索引号中的月份 {m['month']} 与记录日期 {day} 的月份不符")
