"""使用了 YAML 标签（!! 或 !）。

标签会改变值的类型，甚至让某些 YAML 库构造程序对象。记录中的值一律按写出的文字读取，
不需要也不允许标签。
"""

from ..findings import NO_CITATION
from .base import LoadProblem, Rule
from .examples import policy, policy_examples

RULE = Rule(
    code="GK007", name="yaml-tag-used", title="使用了 YAML 标签", severity="error",
    citation=NO_CITATION, explanation=__doc__,
    **policy_examples(policy(published="!!timestamp 2026-06-03", mark="published")),
)


_YAML_TAG_PREFIX = "tag:yaml.org,2002:"


def tag_used(tag: str, mark) -> LoadProblem:
    """A tag is reported and never constructed (``!!python/object`` …); the value is kept as written."""
    shown = "!!" + tag[len(_YAML_TAG_PREFIX):] if tag.startswith(_YAML_TAG_PREFIX) else tag
    return LoadProblem.at(RULE, f"不允许使用 YAML 标签“{shown}”，请去掉标签直接写值。", mark)
