"""附件文件缺失、路径越界、类型不允许或与实际格式不符、超过大小上限，或无法读取。

政府信息要能检索、查阅、下载：附件的 file 写相对于 content/attachments/ 的路径，文件必须存在，
不能用 ../ 或绝对路径指向该目录以外，路径中（包括 content/attachments 本身）不能有符号链接；
类型限于 pdf、ofd、doc、docx、xls、xlsx、wps、et、jpg、png、zip，且文件开头的字节必须与扩展名
相符（例如改名为 .et 的网页不能发布：浏览器会执行其中的脚本）；大小不超过
rules.limits.attachment_mb（默认 50 MB）；不能同时是不公开记录的附件。主动公开记录的 PDF、
DOCX、XLSX 附件还必须能正常打开：文件损坏、加密，或解压后过大（疑为压缩炸弹）的，公众无法查阅，
检查器也无法检查其中的个人信息（GK207）。

本规则是安全防线，不能豁免，也不能在 rules.severity 中降级或关闭。
"""

from pathlib import Path

from .. import attachments
from ..attachment_text import DEFAULT_SECONDS, AttachmentUnreadable, AttachmentUnscannable, extract
from ..findings import Citation
from .. import vocab
from .base import EVERY_TYPE, Hit, Rule
from .common import readable_file
from ..samplefiles import pdf_bytes
from .examples import policy


ATTACH = "\n  - title: 防汛责任人名单\n    file: 2026/fangxun-zerenren.pdf"

RULE = Rule(
    code="GK209", name="attachment-problem", title="附件有误", severity="error",
    citation=Citation("中华人民共和国政府信息公开条例", "第二十四条",
                      "各级人民政府应当加强依托政府门户网站公开政府信息的工作……并提供信息检索、查阅、下载等功能。"),
    explanation=__doc__, guard=True,
    applies_to=EVERY_TYPE,
    fail_example={"content/policies/fangxun.yml": policy(attachments=ATTACH.replace(".pdf", ".exe") + "  # ←"),
                  "content/attachments/2026/fangxun-zerenren.exe": "MZ"},
    pass_example={"content/policies/fangxun.yml": policy(attachments=ATTACH),
                  "content/attachments/2026/fangxun-zerenren.pdf": pdf_bytes(["Fangxun zerenren mingdan"]).decode("ascii")},
    reads={"*": ("attachments", "disclosure", "published", "withdrawn"), "proposals": ("reply_disclosure",)},
)


def attachment_problem(root: Path, file: str, max_bytes: int) -> str | None:
    """Why ``file`` (relative to content/attachments/) cannot be published, or None."""
    try:
        attachments.guard(root, file, max_bytes)
    except attachments.Refused as exc:
        return exc.reason
    return None


def unreadable(root: Path, file: str, max_bytes: int, seconds: float = DEFAULT_SECONDS) -> str | None:
    """Why the attachment cannot be read (PDF/DOCX/XLSX/TXT/CSV), or None."""
    path = readable_file(root, file, max_bytes)
    if path is None:
        return None
    try:
        extract(path, max_bytes, seconds)
    except AttachmentUnreadable as exc:
        return exc.reason
    except AttachmentUnscannable:
        return None  # an image or an old binary format opens for the public; GK207 asks a person to check it
    return None


def check(rec, site):
    limit = site.config.rules.limits.attachment_mb * 1024 * 1024
    published = rec.model.disclosure == vocab.PUBLIC  # only what is published must open for the public
    withheld = _withheld(site) if published else None
    for i, att in enumerate(rec.model.attachments):
        problem = attachment_problem(site.root, att.file, limit)
        if not problem and withheld is not None:
            owner = withheld.owner(att.file)
            if owner and owner != f"{rec.type}/{rec.id}":
                problem = f"该文件也是不公开记录 {owner} 的附件，不能随公开记录发布"
        if problem:
            yield Hit(("attachments", i, "file"), f"附件“{att.title}”：{problem}")
        elif published and (reason := unreadable(site.root, att.file, limit, site.config.rules.limits.attachment_seconds)):
            yield Hit(("attachments", i, "file"), f"附件“{att.title}”无法读取：{reason}；请换成能正常打开的文件")



def _withheld(site) -> attachments.Withheld:
    """The unpublished records' attachments, worked out once per site."""
    cached = getattr(site, "_withheld_attachments", None)
    if cached is None:
        from ..public import withheld_attachments
        cached = attachments.Withheld(site.root, withheld_attachments(site))
        site._withheld_attachments = cached
    return cached
