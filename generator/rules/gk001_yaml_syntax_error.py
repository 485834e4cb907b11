"""文件不是合法的 YAML，无法读取。

记录文件必须能按 YAML 读取：缩进对齐、引号成对、一个文件只写一个文档、不含控制字符。
检查器指出出错的行和列；修正后才能校验其余规则。
"""

from ..findings import NO_CITATION
from .base import Rule
from .examples import policy

RULE = Rule(
    code="GK001", name="yaml-syntax-error", title="YAML 语法错误", severity="error",
    citation=NO_CITATION, explanation=__doc__,
    fail_example={"content/policies/fangxun.yml": policy(title="示例县关于做好防汛工作的通知: 补充", mark="title")},
    pass_example={"content/policies/fangxun.yml": policy()},
)
