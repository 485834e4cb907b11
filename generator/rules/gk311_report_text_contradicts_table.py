"""年度报告正文中的数字与表格不一致，或引用了不存在的变量。

正文（一、五、六部分）可以用 {{ 变量 }} 引用表格和记录中的数字，例如“新收政府信息公开申请
{{ 本年新收申请 }}件”，生成页面时换成表中的数，文字和表格就不会矛盾（可用变量见 docs/annual-report.md）。
直接写数字时，gongkai 识别“新收/收到……申请 N 件”“上年结转 N 件”“结转下年度 N 件”“办结 N 件”
“行政复议 N 件”“行政诉讼 N 件”“规范性文件……制发/废止/现行有效 N 件”“不予公开 N 件”
“收取信息处理费 N 元”“人大代表建议 N 件”“政协委员提案 N 件”等说法，与表中相应的数比较（不予公开等分组的数是所属各项之和）。
"""

from ..annual import NARRATIVE, REPORT_INPUTS, differs, figures_for, narrative_claims, unknown_variables
from ..reportformat import NARRATIVE_SECTIONS
from .base import Hit
from .reporting import COMPLETE_REPORT, report_rule
from .examples import report

RULE = report_rule(
    __doc__,
    code="GK311", name="report-text-contradicts-table", title="年度报告正文与表格不符", severity="warning",
    citation=COMPLETE_REPORT,
    reads=REPORT_INPUTS + NARRATIVE,
    fail=report(
        overview="|\n  2025年，示例县人民政府共收到政府信息公开申请5件，全部按期答复。  # ←"),
    passing=report(
        overview="|\n  2025年，示例县人民政府共收到政府信息公开申请3件，办结{{ 本年办结申请 }}件。"),
)


def check(rec, site):
    f = figures_for(site, rec)
    for key, number in NARRATIVE_SECTIONS.items():
        text = getattr(rec.model, key)
        for offset, name in unknown_variables(text, f.variables):
            yield Hit((key,), f"第{number}部分引用的变量“{name}”不存在（可用变量见 docs/annual-report.md）", offset=offset)
        for offset, name, written in narrative_claims(text):
            value = f.variables.get(name)
            if differs(written, value):
                yield Hit((key,), f"第{number}部分写“{name}”为 {written}，表格中为 {value}；可改用 {{{{ {name} }}}}",
                          offset=offset)
