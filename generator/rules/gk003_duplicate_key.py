"""同一层级写了两次同一个字段。

YAML 对重复字段只保留其中一个值，另一个被静默丢弃，发布的内容就可能不是编辑者以为的内容。
检查器指出第二次出现的位置，并说明第一次出现在哪一行。
"""

from ..findings import NO_CITATION
from .base import LoadProblem, Rule
from .examples import policy, policy_examples

RULE = Rule(
    code="GK003", name="duplicate-key", title="字段重复", severity="error",
    citation=NO_CITATION, explanation=__doc__,
    **policy_examples(policy() + "published: 2026-06-04  # ←\n"),
)


def duplicate(key: str, first, mark) -> LoadProblem:
    """``key`` written again at ``mark`` after its first occurrence at ``first`` (parser marks)."""
    return LoadProblem.at(RULE, f"键“{key}”重复，第 {first.line + 1} 行已经写过这个键；只保留第一次的值。", mark)
