"""嵌套层级过深。

记录的字段最多嵌套 32 层（generator.yamlload.MAX_DEPTH）；正常记录不超过 5 层。过深的嵌套
只会来自错误的缩进或恶意文件，检查器拒绝读取，以免耗尽资源。
"""

from ..findings import NO_CITATION
from .base import LoadProblem, Rule
from .examples import policy, policy_examples

RULE = Rule(
    code="GK006", name="nesting-too-deep", title="嵌套过深", severity="error",
    citation=NO_CITATION, explanation=__doc__,
    **policy_examples(policy(body="[" * 40 + "正文" + "]" * 40, mark="body")),
)


MAX_DEPTH = 32
"""Deepest nesting of mappings/lists accepted (the root collection is level 1)."""


def too_deep(mark, max_depth: int = MAX_DEPTH) -> LoadProblem:
    """A collection opened at ``mark`` inside ``max_depth`` others (the loader compares the depth
    itself, once per collection, and asks here only when the limit is reached)."""
    return LoadProblem.at(RULE, f"YAML 嵌套层级过深（超过 {max_depth} 层），无法处理，请简化结构。", mark)


def parser_limit(line: int, column: int) -> LoadProblem:
    """libyaml ≥ 0.2.5 with PyYAML 6.0.4 stops at its own depth limit (1,000) first."""
    return LoadProblem(RULE.name, "YAML 嵌套层级过深（超过 YAML 解析器的上限），无法处理。", line, column)


def recursion() -> LoadProblem:
    return LoadProblem(RULE.name, "YAML 嵌套层级过深，无法处理。", 1, 1)
