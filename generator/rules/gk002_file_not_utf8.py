"""文件不是 UTF-8 编码。

记录文件必须用 UTF-8 保存（编辑器“另存为”时选择 UTF-8）；GBK 等编码的文件会使中文变成乱码，
检查器指出第一个无法解码的字节所在的行和列。
"""

from ..findings import NO_CITATION
from .base import LoadProblem, Rule
from .common import text_position
from .examples import policy, policy_examples

RULE = Rule(
    code="GK002", name="file-not-utf8", title="文件不是 UTF-8 编码", severity="error",
    citation=NO_CITATION, explanation=__doc__,
    **policy_examples(policy(title="\udcb7\udcc0  # ← 以 GBK 保存的文字", mark=None)),
)


def undecodable(raw: bytes, exc: UnicodeDecodeError) -> LoadProblem:
    """The first bytes of ``raw`` that are not UTF-8, where they are and what they are."""
    good = raw[: exc.start].decode("utf-8", errors="replace")
    line, column = text_position(good, len(good))
    shown = " ".join(f"0x{b:02X}" for b in raw[exc.start : min(exc.end, exc.start + 4)])
    return LoadProblem(RULE.name, f"文件不是 UTF-8 编码：此处有无法解码的字节 {shown}，"
                                  "请用 UTF-8 编码重新保存文件。", line, column)
