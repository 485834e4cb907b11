"""文件超过大小上限。

一条记录的 YAML 文件不应超过 1 MB（generator.yamlload.MAX_FILE_BYTES）；篇幅很长的正文或
表格应作为附件上传。超限的文件不会被读取。
"""

from ..findings import NO_CITATION
from .base import Rule
from .examples import policy

RULE = Rule(
    code="GK005", name="file-too-large", title="文件过大", severity="error",
    citation=NO_CITATION, explanation=__doc__,
    fail_example={"content/policies/fangxun.yml": "# ← 本文件超过 1 MB\n" + policy(body="|\n" + "  正文。\n" * 200_000)},
    pass_example={"content/policies/fangxun.yml": policy()},
)
