"""文件名不能作为记录 id。

记录 id 就是文件名（不含 .yml），也是网址的一部分（/policies/<id>/）：只能用小写字母、数字
和连字符，以字母或数字开头，最长 80 个字符。
"""

from pathlib import Path

from .. import models
from ..findings import NO_CITATION
from .base import Rule
from .examples import policy

RULE = Rule(
    code="GK014", name="invalid-record-id", title="记录 id 不合规", severity="error",
    citation=NO_CITATION, explanation=__doc__,
    fail_example={"content/policies/防汛通知.yml": "# ←\n" + policy()},
    pass_example={"content/policies/fangxun.yml": policy()},
)


def record_id(path: Path) -> tuple[str | None, str | None]:
    """``(the record's id or None, why the file name cannot be one or None)`` for a record file."""
    rid = path.stem
    if not models.RECORD_ID.match(rid):
        return None, f"文件名“{path.name}”不能作记录 id：只能用小写字母、数字和连字符，以字母或数字开头，最长 80 个字符"
    if rid in models.RESERVED_IDS:
        return None, f"记录 id“{rid}”是栏目页面保留的名称（{'、'.join(sorted(models.RESERVED_IDS))}），请改用其他文件名"
    if path.suffix != ".yml" and path.with_suffix(".yml").exists():
        return None, f"记录 id“{rid}”重复：同时存在 .yml 和 .yaml 文件"
    return rid, None
