"""附件文件缺失、路径越界、类型不允许或超过大小上限。

政府信息要能检索、查阅、下载：附件的 file 写相对于 content/attachments/ 的路径，文件必须存在，
不能用 ../ 或绝对路径指向该目录以外；类型限于 pdf、ofd、doc、docx、xls、xlsx、wps、et、jpg、
png、zip；大小不超过 rules.limits.attachment_mb（默认 50 MB）。
"""

from pathlib import Path, PurePosixPath

from ..findings import Citation
from .. import vocab
from .base import Hit, Rule
from .examples import policy

ATTACH = "\n  - title: 防汛责任人名单\n    file: 2026/fangxun-zerenren.pdf"

RULE = Rule(
    code="GK209", name="attachment-problem", title="附件有误", severity="error",
    citation=Citation("中华人民共和国政府信息公开条例", "第二十四条",
                      "各级人民政府应当加强依托政府门户网站公开政府信息的工作……并提供信息检索、查阅、下载等功能。"),
    explanation=__doc__,
    applies_to=("policies", "interpretations", "decisions", "proposals"),
    fail_example={"content/policies/fangxun.yml": policy(attachments=ATTACH.replace(".pdf", ".exe") + "  # ←"),
                  "content/attachments/2026/fangxun-zerenren.exe": "MZ"},
    pass_example={"content/policies/fangxun.yml": policy(attachments=ATTACH),
                  "content/attachments/2026/fangxun-zerenren.pdf": "%PDF-1.4\n%%EOF\n"},
)


def attachment_problem(root: Path, file: str, max_bytes: int) -> str | None:
    """Why ``file`` (relative to content/attachments/) cannot be published, or None."""
    base = (root / "content" / "attachments").resolve()
    rel = PurePosixPath(file.replace("\\", "/"))
    if rel.is_absolute() or ".." in rel.parts or not file.strip():
        return f"路径“{file}”必须是 content/attachments/ 下的相对路径"
    path = base.joinpath(*rel.parts)
    try:
        resolved = path.resolve()
        resolved.relative_to(base)
    except (ValueError, OSError):
        return f"路径“{file}”指向 content/attachments/ 以外"
    suffix = rel.suffix.lower().lstrip(".")
    if suffix not in vocab.ATTACHMENT_TYPES:
        return f"类型“{suffix or '无扩展名'}”不允许，应为：{'、'.join(vocab.ATTACHMENT_TYPES)}"
    if not resolved.is_file():
        return f"文件 content/attachments/{file} 不存在"
    size = resolved.stat().st_size
    if size > max_bytes:
        return f"文件大小 {size / 1048576:.1f} MB 超过上限 {max_bytes / 1048576:.0f} MB"
    return None


def check(rec, site):
    limit = site.config.rules.limits.attachment_mb * 1024 * 1024
    for i, att in enumerate(rec.model.attachments):
        problem = attachment_problem(site.root, att.file, limit)
        if problem:
            yield Hit(("attachments", i, "file"), f"附件“{att.title}”：{problem}")
