"""文件名不能作为记录 id。

记录 id 就是文件名（不含 .yml），也是网址的一部分（/policies/<id>/）：只能用小写字母、数字
和连字符，以字母或数字开头，最长 80 个字符。
"""

from ..findings import NO_CITATION
from .base import Rule
from .examples import policy

RULE = Rule(
    code="GK014", name="invalid-record-id", title="记录 id 不合规", severity="error",
    citation=NO_CITATION, explanation=__doc__,
    fail_example={"content/policies/防汛通知.yml": "# ←\n" + policy()},
    pass_example={"content/policies/fangxun.yml": policy()},
)
