"""记录中有格式未定义的字段。

字段名多半是拼错了（如 pubished），写在其中的内容不会被发布也不会被校验。
字段表见 docs 和 `gongkai schema`。
"""

from ..findings import NO_CITATION
from .common import nearest
from .base import Rule
from .examples import policy, policy_examples

RULE = Rule(
    code="GK010", name="unknown-key", title="未知字段", severity="error",
    citation=NO_CITATION, explanation=__doc__,
    **policy_examples(policy(pubished="2026-06-03", mark="pubished")),
)


ERROR_TYPES = ("extra_forbidden",)
"""The models' validation errors this rule reports (``generator.site`` hands them to :func:`problem`)."""


def problem(err: dict, where: str, lead: str):
    loc = tuple(err["loc"])
    hint = nearest(str(loc[-1]), err.get("fields") or {})
    return loc, f"未知字段“{loc[-1]}”（{where}）：检查拼写，或删去{hint}", True
