"""年度报告的部分标题编号错误或多出部分。

年度报告由六部分组成，标题和编号固定：一、总体情况；二、主动公开政府信息情况；三、收到和处理政府
信息公开申请情况；四、政府信息公开行政复议、行政诉讼情况；五、存在的主要问题及改进情况；六、其他
需要报告的事项。页面上的六个标题由 gongkai 按格式生成；正文中再写这些标题时编号必须一致，
也不能另设“七、……”等格式之外的部分（实际报告中出现过“七、其他需要报告的事项”）。
"""

import re

from ..annual import NARRATIVE
from ..findings import Citation
from ..reportformat import NARRATIVE_SECTIONS, SECTIONS
from .base import Hit
from .reporting import report_rule
from .examples import report

HEADING = re.compile(r"^[ \t#]*([一二三四五六七八九十]+)、[ \t]*([^\n]{1,40}?)[ \t]*$", re.MULTILINE)
NUMBER_OF = {title: number for number, title in SECTIONS}
NUMBERS = tuple(number for number, _ in SECTIONS)

RULE = report_rule(
    __doc__,
    code="GK303", name="report-heading-misnumbered", title="年度报告标题编号错误", severity="error",
    citation=Citation("中华人民共和国政府信息公开条例", "第五十条",
                      "政府信息公开工作年度报告应当包括下列内容：（一）行政机关主动公开政府信息的情况；……（五）其他需要报告的事项"),
    reads=NARRATIVE,
    fail=report(
        other="|\n  本年度未收取信息处理费。\n\n  七、其他需要报告的事项  # ←\n\n  无。"),
    passing=report(
        overview="|\n  一、主动公开\n\n  全年主动公开政府信息，及时发布政策解读。"),
)


def check(rec, site):
    for key in NARRATIVE_SECTIONS:
        text = getattr(rec.model, key) or ""
        for m in HEADING.finditer(text):
            number, title = m[1], m[2].rstrip("# ←").strip()
            right = NUMBER_OF.get(title)
            if right is not None and right != number:
                yield Hit((key,), f"标题“{number}、{title}”编号错误：应为“{right}、{title}”", offset=m.start(1))
            elif right is None and number not in NUMBERS and "。" not in title:
                yield Hit((key,), f"“{number}、{title}”：年度报告只有一至六部分，不能另设第{number}部分", offset=m.start(1))
