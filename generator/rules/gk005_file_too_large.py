"""文件超过大小上限。

一条记录的 YAML 文件不应超过 1 MB（generator.yamlload.MAX_FILE_BYTES）；篇幅很长的正文或
表格应作为附件上传。超限的文件不会被读取。
"""

from ..findings import NO_CITATION
from .base import LoadProblem, Rule
from .examples import policy, policy_examples

RULE = Rule(
    code="GK005", name="file-too-large", title="文件过大", severity="error",
    citation=NO_CITATION, explanation=__doc__,
    **policy_examples("# ← 本文件超过 1 MB\n" + policy(body="|\n" + "  正文。\n" * 200_000)),
)


MAX_FILE_BYTES = 1 * 1024 * 1024
"""Largest record file accepted, in bytes (1 MiB); the loader checks the size before reading."""


def too_large(size: int, limit: int = MAX_FILE_BYTES) -> LoadProblem | None:
    if size <= limit:
        return None
    return LoadProblem(RULE.name, f"文件过大：{size:,} 字节，超过上限 {limit:,} 字节（{_human(limit)}），"
                                  "请拆分文件或把大段内容放到附件中。", 1, 1)


def _human(size: int) -> str:
    if size >= 1024 * 1024 and size % (1024 * 1024) == 0:
        return f"{size // (1024 * 1024)} MB"
    if size >= 1024 and size % 1024 == 0:
        return f"{size // 1024} KB"
    return f"{size} 字节"
