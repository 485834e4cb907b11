"""字段的类型或取值不对。

例如 disclosure 只能是 主动公开 / 依申请公开 / 不予公开，meeting.number 必须是整数，
major 只能是 true 或 false，列表字段要写成列表。检查器列出可选值。
"""

from ..findings import NO_CITATION
from .base import Rule
from .examples import policy

RULE = Rule(
    code="GK012", name="wrong-type-or-value", title="类型或取值错误", severity="error",
    citation=NO_CITATION, explanation=__doc__,
    fail_example={"content/policies/fangxun.yml": policy(disclosure="公开", mark="disclosure")},
    pass_example={"content/policies/fangxun.yml": policy()},
)
