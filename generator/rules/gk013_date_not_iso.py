"""日期不是 YYYY-MM-DD 格式，或日期不存在。

日期一律写作 2024-03-05；2024-3-5、2024/03/05、2024年3月5日 都不被猜测，以免把 3 月 5 日读成
5 月 3 日。页面上会按中文习惯显示为 2024年3月5日。
"""

from ..findings import NO_CITATION
from .base import Rule
from .common import validation_message
from .examples import policy, policy_examples

RULE = Rule(
    code="GK013", name="date-not-iso", title="日期格式错误", severity="error",
    citation=NO_CITATION, explanation=__doc__,
    **policy_examples(policy(written="2026年5月29日", mark="written")),
)


ERROR_TYPES = ("iso_date",)
"""The models' validation errors this rule reports: the date model's own message says what is wrong."""
problem = validation_message
