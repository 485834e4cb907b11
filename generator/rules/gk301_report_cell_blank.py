"""年度报告的表格有空格：没有发生的事项应填 0，不能留空、写“/”或“—”；正文的部分没有写。

国办公开办函〔2021〕30号 要求保持格式的全部行列，不得删去为零的行；统计表中的空格、“/”、“—”
无法与 0 区分，也无法核对勾稽关系（实际报告中常见只填“总计”而其他格留空）。由记录计算的行
（行政规范性文件、县级的规章、有申请台账时的第三部分）可以不填。第一、五、六部分的文字也不能空着
（gongkai new report 写入的“（请填写）”同样算未填写）。
"""

from ..annual import BLANKS, NARRATIVE, REPORT_INPUTS, figures_for, typed_cells
from ..findings import Citation
from ..reportformat import NARRATIVE_SECTIONS, SECTIONS
from .base import Hit, Rule
from .examples import active_block, applications_table, report

PLACEHOLDER = "（请填写）"
"""What ``gongkai new report`` writes into the narrative sections."""

RULE = Rule(
    code="GK301", name="report-cell-blank", title="年度报告表格有空格", severity="error",
    citation=Citation("国办公开办函〔2021〕30号", None, "年度报告的内容应当按照格式要求……不能遗漏，也不宜泛化"),
    explanation=__doc__,
    applies_to=("reports",),
    reads={"reports": REPORT_INPUTS + NARRATIVE},
    fail_example={"content/reports/gov-2025.yml": report(
        applications=applications_table(mark="refused_petition", refused_petition="[0, 0, /, 0, 0, 0, 0]"))},
    pass_example={"content/reports/gov-2025.yml": report(active=active_block(coercion="0"))},
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
