"""附件文件缺失、路径越界、类型不允许、超过大小上限，或无法读取。

政府信息要能检索、查阅、下载：附件的 file 写相对于 content/attachments/ 的路径，文件必须存在，
不能用 ../ 或绝对路径指向该目录以外；类型限于 pdf、ofd、doc、docx、xls、xlsx、wps、et、jpg、
png、zip；大小不超过 rules.limits.attachment_mb（默认 50 MB）。主动公开记录的 PDF、DOCX、XLSX
附件还必须能正常打开：文件损坏、加密、实际格式与扩展名不符，或解压后过大（疑为压缩炸弹）的，
公众无法查阅，检查器也无法检查其中的个人信息（GK207）。
"""

from pathlib import Path, PurePosixPath

from ..attachment_text import AttachmentUnreadable, extract
from ..findings import Citation
from .. import vocab
from .base import Hit, Rule
from .common import locate_attachment, readable_file
from ..samplefiles import pdf_bytes
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
                  "content/attachments/2026/fangxun-zerenren.pdf": pdf_bytes(["Fangxun zerenren mingdan"]).decode("ascii")},
    reads={"*": ("attachments", "disclosure")},
)


def attachment_problem(root: Path, file: str, max_bytes: int) -> str | None:
    """Why ``file`` (relative to content/attachments/) cannot be published, or None."""
    _, resolved, problem = locate_attachment(root, file)
    if problem:
        return problem
    rel = PurePosixPath(file.replace("\\", "/"))
    suffix = rel.suffix.lower().lstrip(".")
    if suffix not in vocab.ATTACHMENT_TYPES:
        return f"类型“{suffix or '无扩展名'}”不允许，应为：{'、'.join(vocab.ATTACHMENT_TYPES)}"
    if not resolved.is_file():
        return f"文件 content/attachments/{file} 不存在"
    size = resolved.stat().st_size
    if size > max_bytes:
        return f"文件大小 {size / 1048576:.1f} MB 超过上限 {max_bytes / 1048576:.0f} MB"
    return None


def unreadable(root: Path, file: str, max_bytes: int) -> str | None:
    """Why the attachment cannot be read (PDF/DOCX/XLSX/TXT/CSV), or None."""
    path = readable_file(root, file, max_bytes)
    if path is None:
        return None
    try:
        extract(path, max_bytes)
    except AttachmentUnreadable as exc:
        return exc.reason
    return None


def check(rec, site):
    limit = site.config.rules.limits.attachment_mb * 1024 * 1024
    published = rec.model.disclosure == vocab.PUBLIC  # only what is published must open for the public
    for i, att in enumerate(rec.model.attachments):
        problem = attachment_problem(site.root, att.file, limit)
        if problem:
            yield Hit(("attachments", i, "file"), f"附件“{att.title}”：{problem}")
        elif published and (reason := unreadable(site.root, att.file, limit)):
            yield Hit(("attachments", i, "file"), f"附件“{att.title}”无法读取：{reason}；请换成能正常打开的文件")

