"""文件不是 UTF-8 编码。

记录文件必须用 UTF-8 保存（编辑器“另存为”时选择 UTF-8）；GBK 等编码的文件会使中文变成乱码，
检查器指出第一个无法解码的字节所在的行和列。
"""

from ..findings import NO_CITATION
from .base import Rule
from .examples import policy

RULE = Rule(
    code="GK002", name="file-not-utf8", title="文件不是 UTF-8 编码", severity="error",
    citation=NO_CITATION, explanation=__doc__,
    fail_example={"content/policies/fangxun.yml": policy(title="\udcb7\udcc0  # ← 以 GBK 保存的文字", mark=None)},
    pass_example={"content/policies/fangxun.yml": policy()},
)
