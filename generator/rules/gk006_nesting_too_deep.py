"""嵌套层级过深。

记录的字段最多嵌套 32 层（generator.yamlload.MAX_DEPTH）；正常记录不超过 5 层。过深的嵌套
只会来自错误的缩进或恶意文件，检查器拒绝读取，以免耗尽资源。
"""

from ..findings import NO_CITATION
from .base import Rule
from .examples import policy

RULE = Rule(
    code="GK006", name="nesting-too-deep", title="嵌套过深", severity="error",
    citation=NO_CITATION, explanation=__doc__,
    fail_example={"content/policies/fangxun.yml": policy(body="[" * 40 + "正文" + "]" * 40, mark="body")},
    pass_example={"content/policies/fangxun.yml": policy()},
)
