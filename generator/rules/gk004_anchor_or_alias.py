"""使用了 YAML 锚点（&）或别名（*）。

锚点和别名让一处内容在别处被隐式复制，审核者看不到最终发布的内容，还可被用来制造“别名炸弹”
耗尽内存。记录中每个值都要直接写出。
"""

from ..findings import NO_CITATION
from .base import LoadProblem, Rule
from .examples import policy, policy_examples

RULE = Rule(
    code="GK004", name="anchor-or-alias", title="使用了锚点或别名", severity="error",
    citation=NO_CITATION, explanation=__doc__,
    **policy_examples(policy(topic="&t 农业、林业、水利/水利", mark="topic")),
)


def anchor(name: str, mark) -> LoadProblem:
    return LoadProblem.at(RULE, f"不允许使用 YAML 锚点“&{name}”，请把内容直接写出来。", mark)


def alias(name: str, mark) -> LoadProblem:
    """An alias is reported and never expanded, so alias bombs cost nothing."""
    return LoadProblem.at(RULE, f"不允许使用 YAML 别名“*{name}”，请把内容直接写出来。", mark)
