"""年度报告的表格有空格：没有发生的事项应填 0，不能留空、写“/”或“—”；正文的部分没有写。

国办公开办函〔2021〕30号 要求保持格式的全部行列，不得删去为零的行；统计表中的空格、“/”、“—”
无法与 0 区分，也无法核对勾稽关系（实际报告中常见只填“总计”而其他格留空）。由记录计算的行
（行政规范性文件、县级的规章、有申请台账时的第三部分）可以不填。第一、五、六部分的文字也不能空着
（gongkai new report 写入的“（请填写）”同样算未填写）。
"""

from ..annual import BLANKS, NARRATIVE, REPORT_INPUTS, figures_for, typed_cells
from ..reportformat import NARRATIVE_SECTIONS, SECTIONS
from .base import Hit
from .reporting import COMPLETE_REPORT, report_rule
from .examples import active_block, applications_table, report

PLACEHOLDER = "（请填写）"
"""What ``gongkai new report`` writes into the narrative sections."""

RULE = report_rule(
    __doc__,
    code="GK301", name="report-cell-blank", title="年度报告表格有空格", severity="error",
    citation=COMPLETE_REPORT,
    reads=REPORT_INPUTS + NARRATIVE,
    fail=report(
        applications=applications_table(mark="refused_petition", refused_petition="[0, 0, /, 0, 0, 0, 0]")),
    passing=report(active=active_block(coercion="0")),
)


def check(rec, site):
    titles = dict(SECTIONS)
    for key, number in NARRATIVE_SECTIONS.items():
        text = (getattr(rec.model, key) or "").strip()
        if not text or text == PLACEHOLDER:
            yield Hit((key,), f"“{number}、{titles[number]}”未填写：年度报告的六个部分都要写，不能遗漏", at_key=True)
    figures = figures_for(site, rec)
    for cell in typed_cells(rec.model, figures.applications_from_ledger):
        if not cell.present:
            yield Hit(cell.path, f"“{cell.label}”未填写：没有发生的填 0，不要留空", at_key=True)
        elif cell.raw is None or cell.raw.strip() in BLANKS:
            shown = "空" if not (cell.raw or "").strip() else f"“{cell.raw.strip()}”"
            yield Hit(cell.path, f"“{cell.label}”为{shown}：没有发生的填 0")
