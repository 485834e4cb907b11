"""计算工作日所需年份没有节假日数据。

工作日 = 周一至周五，减去法定节假日，加上调休上班的周末，每年由国务院办公厅通知确定。
内置表覆盖 2019—2026 年；缺少的年份不做猜测，请按当年通知在 site_config.yml 的
rules.calendar 中补充 holidays 和 workdays。只报告期限计算实际用到的年份：2011 年的文件只需要
2011 年（期限所在的年份）的数据，不需要此后每一年的。从原网站导入的历史记录（imported）上为警告。
"""

from ..findings import NO_CITATION
from .base import Rule
from .examples import policy, policy_examples

RULE = Rule(
    code="GK016", name="calendar-year-missing", title="缺少节假日数据", severity="error",
    citation=NO_CITATION, explanation=__doc__,
    **policy_examples(policy(written="2018-12-28", published="2019-01-04",
                             index_no="11622922013960001W/2019-00001", mark="written")),
)
