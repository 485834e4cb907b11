"""缺少必填字段。

每类记录都有必填字段（如政策文件的 title、index_no、kind、issuer、written、body；主动公开的
记录还须写 published）。缺少时无法生成规范的信息公开页面。
"""

from ..findings import NO_CITATION
from .base import Requirement, Rule
from .examples import policy

RULE = Rule(
    code="GK011", name="missing-required-key", title="缺少必填字段", severity="error",
    citation=NO_CITATION, explanation=__doc__,
    fail_example={"content/policies/fangxun.yml": "# ← 缺少 written\n" + policy(written=None)},
    pass_example={"content/policies/fangxun.yml": policy()},
    requires=(Requirement("published", "主动公开时必填", ("policies", "interpretations", "decisions")),),
)
