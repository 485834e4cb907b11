"""年度报告正文与上一年度的报告实质相同。

“存在的主要问题及改进情况”等文字应针对本年度，不能照抄上年（国办公开办函〔2021〕30号 要求不能
内容雷同；曾有机关连续三年发布同一份报告）。gongkai 比较本年与上年同一部分的正文，相似度达到
80% 时警告，并给出相似度。50 个字以内的短文字不比较。
"""

from difflib import SequenceMatcher

from ..annual import NARRATIVE, REPORT_INPUTS, last_year
from ..reportformat import NARRATIVE_SECTIONS, SECTIONS
from .base import Hit
from .reporting import format_notice, report_rule
from .examples import report, report_last_year

LIMIT = 0.8
MIN_LENGTH = 50
MAX_COMPARED = 20_000
"""Characters compared per section: SequenceMatcher is quadratic at worst."""

COPIED = "|\n  一是政务公开工作机制还不够健全，部门之间协调配合有待加强；二是政策解读的形式较为单一，图解、音视频等解读较少；三是基层政务公开标准化规范化建设推进不够平衡。"

RULE = report_rule(
    __doc__,
    code="GK313", name="report-narrative-copied", title="年度报告照抄上年", severity="warning",
    citation=format_notice("年度报告……内容雷同、敷衍了事，造成不良影响的，依照《中华人民共和国政府信息公开条例》第四十七条……追究责任",
                           "（四）明确责任"),
    reads=REPORT_INPUTS + NARRATIVE,
    beside={"content/reports/gov-2024.yml": report_last_year(problems=COPIED)},
    fail=report(problems=COPIED.replace("|", "|  # ←", 1)),
    passing=report(problems=("|\n  上年指出的解读形式单一问题已通过增加图解整改。本年主要问题：一是部分部门信息更新不及时；"
                             "二是依申请公开答复文书格式不够统一。下一步将建立月度更新台账并统一文书范本。")),
)


def similarity(a: str, b: str) -> float:
    return SequenceMatcher(None, a[:MAX_COMPARED], b[:MAX_COMPARED], autojunk=False).ratio()


def check(rec, site):
    previous = last_year(site, rec)
    if previous is None:
        return
    titles = dict(SECTIONS)
    for key, number in NARRATIVE_SECTIONS.items():
        now, before = (getattr(rec.model, key) or "").strip(), (getattr(previous.model, key) or "").strip()
        if len(now) < MIN_LENGTH or len(before) < MIN_LENGTH:
            continue
        ratio = similarity(now, before)
        if ratio >= LIMIT:
            yield Hit((key,), f"“{number}、{titles[number]}”与{previous.model.year}年报告的同一部分相似度为 {ratio:.0%}：应针对本年度撰写",
                      at_key=True)
