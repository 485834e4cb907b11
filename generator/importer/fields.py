"""What old disclosure sites and ledgers call each field, and how their values are read.

One table of label variants serves both importers: a detail page's header (索引号、发布机构…) and a
ledger's column headers (届次、编号、提出人…). Values are read as the source shows them; nothing is
guessed: a value that cannot be read is reported, never replaced by a plausible one.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, timedelta

LABELS: dict[str, tuple[str, ...]] = {
    "index_no": ("索引号", "信息索引号", "索取号"),
    "publisher": ("发布机构", "发文机关", "发文单位", "发布单位", "公开主体", "信息来源", "来源"),
    "doc_no": ("发文字号", "文号", "发文号", "文件编号"),
    "written": ("成文日期", "发文日期", "印发日期"),
    "published": ("发布日期", "公开日期", "发布时间", "公开时间"),
    "topic": ("主题分类", "主题词", "组配分类", "信息分类"),
    "validity": ("有效性", "效力状态", "时效性"),
    "title": ("标题", "名称", "文件名称", "信息名称", "案由", "题目", "建议标题", "提案标题"),
    "effective": ("施行日期", "生效日期", "实施日期"),
    "expires": ("失效日期", "有效期至"),
    "session": ("届次", "会次"),
    "number": ("编号", "建议号", "提案号", "建议编号", "提案编号"),
    "proposers": ("提出人", "领衔人", "领衔代表", "提案人", "代表", "委员"),
    "kind": ("类别", "建议提案类别"),
    "lead": ("主办单位", "承办单位"),
    "co": ("协办单位", "会办单位"),
    "assigned": ("交办日期", "交办时间"),
    "replied": ("答复日期", "办复日期", "答复时间"),
    "result": ("办理结果", "答复类别", "办理类别", "结果类别"),
    "satisfaction": ("满意度", "代表意见", "委员意见", "反馈意见", "满意程度"),
    "reply_doc_no": ("答复文号", "复文文号"),
    "reply_signer": ("签发人",),
    "reply_disclosure": ("答复公开方式", "复文公开方式"),
    "reply": ("答复内容", "答复摘要", "办理情况"),
    "interpreter": ("解读人", "解读机关", "解读单位"),
}
"""Field → the labels sources use for it. A label belongs to one field only."""

LABEL_FIELD = {label: name for name, labels in LABELS.items() for label in labels}

OTHER_LABELS = ("浏览次数", "阅读次数", "访问次数", "点击数", "点击率", "字号", "字体", "责任编辑", "编辑", "作者",
                "审核", "分享到", "分享")
"""Labels of page furniture that end the value before them and are not imported."""

DATE_FIELDS = ("written", "published", "effective", "expires", "assigned", "replied")

_SPACES = re.compile(r"[\s\u00a0\u3000\u200b\ufeff]+")


def squash(text: str) -> str:
    """Text with every kind of space removed (labels are often spaced out: 索 引 号)."""
    return _SPACES.sub("", text)


def clean(text: str) -> str:
    """One line: runs of spaces folded, ends trimmed."""
    return _SPACES.sub(" ", text).strip()


def label_of(text: str) -> str | None:
    """The field a header cell names (``索 引 号：`` → index_no), or None."""
    key = squash(text).rstrip(":：").strip("【】[]")
    return LABEL_FIELD.get(key)


_CN_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "○": 0, "O": 0}
_DATE = re.compile(r"(\d{4})\s*[年\-/.．]\s*(\d{1,2})\s*[月\-/.．]\s*(\d{1,2})\s*日?")
_CN_DATE = re.compile(r"([〇零○O一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日")
EXCEL_EPOCH = date(1899, 12, 30)


def _cn_number(text: str) -> int:
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[ones] if ones else 0)
    return _CN_DIGITS[text]


def parse_date(value: object) -> date | None:
    """The first date in a value as clerks and CMSs write it: 2025-03-05, 2025年3月5日, 2025/3/5,
    2025.3.5, 二〇二五年三月五日, an Excel serial number, or a date/datetime cell. None when there is none."""
    if isinstance(value, date):
        return value if type(value) is date else value.date()  # datetime → its day
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return _excel_serial(value)
    if not isinstance(value, str):
        return None
    text = unicodedata.normalize("NFKC", value)
    if re.fullmatch(r"\s*\d{5}(\.\d+)?\s*", text):
        return _excel_serial(float(text))
    m = _DATE.search(text)
    try:
        if m:
            return date(int(m[1]), int(m[2]), int(m[3]))
        m = _CN_DATE.search(text)
        if m:
            year = int("".join(str(_CN_DIGITS[c]) for c in m[1]))
            return date(year, _cn_number(m[2]), _cn_number(m[3]))
    except (ValueError, KeyError):
        return None
    return None


def _excel_serial(number: float) -> date | None:
    """Excel's day count (1900 system; serials from 1955 to 2119 only, so that a stray number is
    not taken for a date)."""
    if not 20000 <= number <= 80000:
        return None
    return EXCEL_EPOCH + timedelta(days=int(number))


_NAME_SPLIT = re.compile(r"[、，,；;/\s]+")
_GROUP = re.compile(r"^(?P<first>.+?)等\s*(?P<count>\d+)\s*[名位人]?(?:代表|委员|人)?$")


def split_names(text: str) -> tuple[list[str], int | None]:
    """Proposers as written: ``马国庆、李红`` → two names; ``杨文强等3名代表`` → the first name and a
    group of 3. Titles after a name (代表、委员) are dropped."""
    text = clean(text)
    group = _GROUP.match(squash(text))
    if group:
        return [group["first"]], int(group["count"])
    names = [re.sub(r"(代表|委员)$", "", n) for n in _NAME_SPLIT.split(text) if n]
    return [n for n in names if n], None


def split_list(text: str) -> list[str]:
    return [p for p in re.split(r"[、，,；;\s]+", clean(text)) if p]
