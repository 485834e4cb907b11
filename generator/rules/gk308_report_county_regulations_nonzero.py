"""县（区、旗）级的年度报告在“规章”一行填了非零的数。

立法法规定，只有省、自治区、直辖市和设区的市、自治州的人民政府可以制定规章。县级人民政府及其部门
不能制定规章，年度报告第二部分“规章”一行只能是 0、0、0（gongkai 按 site_config.yml 的
government.level 判断，默认为县）。县级制发的“办法”“规定”属于行政规范性文件，应计入下一行。
"""

from .. import vocab
from ..annual import count, government_level, makes_rules
from ..findings import Citation
from .base import Hit
from .reporting import report_rule
from .examples import active_block, report

RULE = report_rule(
    __doc__,
    code="GK308", name="report-county-regulations-nonzero", title="县级年度报告填了规章件数", severity="error",
    citation=Citation("中华人民共和国立法法", "第九十三条",
                      "省、自治区、直辖市和设区的市、自治州的人民政府，可以根据法律、行政法规和本省、自治区、直辖市的地方性法规，制定规章"),
    reads=("active.regulations",),
    fail=report(active=active_block(mark="regulations", regulations="[0, 0, 6]")),
    passing=report(active=active_block(regulations="[0, 0, 0]")),
)


def check(rec, site):
    row = rec.model.active.regulations
    if row is None or makes_rules(site.config):
        return
    level = government_level(site.config)
    for i, raw in enumerate(row):
        value = count(raw)
        if value:
            yield Hit(("active", "regulations", i),
                      f"“规章”一行填了 {value}：{level}级人民政府及其部门不能制定规章，此行只能是 0"
                      + ("（县级的办法、规定是行政规范性文件）" if level in vocab.LEVELS_WITHOUT_RULES else ""))
