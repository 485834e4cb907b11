"""使用了 YAML 锚点（&）或别名（*）。

锚点和别名让一处内容在别处被隐式复制，审核者看不到最终发布的内容，还可被用来制造“别名炸弹”
耗尽内存。记录中每个值都要直接写出。
"""

from ..findings import NO_CITATION
from .base import Rule
from .examples import policy

RULE = Rule(
    code="GK004", name="anchor-or-alias", title="使用了锚点或别名", severity="error",
    citation=NO_CITATION, explanation=__doc__,
    fail_example={"content/policies/fangxun.yml": policy(topic="&t 农业、林业、水利/水利", mark="topic")},
    pass_example={"content/policies/fangxun.yml": policy()},
)
