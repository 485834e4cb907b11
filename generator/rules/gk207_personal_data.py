"""公开内容中含有个人信息：身份证号、手机号、银行卡号，或代表委员的联系方式。

公开前须删除或遮盖个人信息：有效的 18 位居民身份证号（校验码和出生日期都成立）、11 位手机号
（含 +86、0086 前缀）、通过 Luhn 校验的银行卡号；建议提案的答复中不得出现代表委员的电子邮箱或
与其姓名相连的电话。遮盖后的形式（138****5678）、单位办公电话、12345 等热线不受影响；确需公开的
号码写入 rules.allowed_numbers。

按读者看到的样子检查：全角数字、不间断空格和全角空格、零宽字符、HTML 字符实体（&#49;）、
Markdown 和 HTML 标记都先还原；数字之间的空格、点、横线、换行、表格分隔符都视为分隔（622922
19850315 1232、139.1234.5678、139**1234**5678、每格一个数字）。附件的文件名也在检查之内。

附件按文件开头的字节判断真实类型后读取：PDF（逐页，含批注、表单域、文档属性、嵌入文件）、
DOCX（正文、表格、页眉页脚、脚注尾注、批注、域代码、文档属性、嵌入文件）、XLSX（逐个工作表含
隐藏表，页眉页脚、批注、定义的名称、图形中的文字、文档属性、嵌入文件）、OFD、ZIP（逐个文件）、
TXT 和 CSV。问题报在该附件的 file 行，写明附件和位置。图片、旧版 doc/xls/wps/et 等无法自动读取
文字的文件报警告：须人工核查，确认后可在 waivers 中豁免本规则并写明核查情况（只豁免这一警告）。
无法读取的附件另报 GK209。

本规则是安全防线：发现个人信息的问题不能豁免，也不能在 rules.severity 中降级或关闭。
"""

import re

from .. import vocab
from ..attachment_text import UNSCANNABLE, AttachmentUnreadable, AttachmentUnscannable, extract
from ..findings import WARNING, Citation
from ..personal_data import allowed_forms, scan
from .base import EVERY_TYPE, Hit, Rule
from .examples import one_file, proposal
from .common import PROSE_FIELDS, prose, readable_file

EMAIL = re.compile(r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]{1,64}+@[A-Za-z0-9-]{1,63}+(?:\.[A-Za-z0-9-]{1,63}+)*+")
"""Linear: a match starts only where a run of address characters starts, and possessive quantifiers
never give characters back; the top-level domain is checked in :func:`_emails`."""
PHONE = re.compile(r"(?<!\d)(?:0\d{2,3}[ -]?)?\d{7,8}(?!\d)")
NEAR = 30
SHOWN = 5
"""At most this many numbers are named in one attachment finding; the rest are counted."""

RULE = Rule(
    code="GK207", name="personal-data", title="含有个人信息", severity="error",
    citation=Citation("中华人民共和国政府信息公开条例", "第十五条",
                      "涉及商业秘密、个人隐私等公开会对第三方合法权益造成损害的政府信息，行政机关不得公开。"),
    also=(Citation("GB 11643-1999", None, "公民身份号码"),
          Citation("国办发〔2014〕46号", None, "公开时要删除代表委员的个人联系方式等信息")),
    explanation=__doc__, guard=True,
    applies_to=EVERY_TYPE,
    **one_file("content/proposals/rd-5-12.yml",
               proposal(reply="|\n  马文清代表（电话 13912345678）：  # ←\n\n  您提出的建议收悉，现答复如下。"),
               proposal(reply="|\n  马文清代表：\n\n  您提出的建议收悉，现答复如下。"
                              "联系人：县发改局办公室，电话 0930-5521234，或拨打 12345。")),
    reads={**PROSE_FIELDS, "*": PROSE_FIELDS["*"] + ("attachments", "disclosure"),
           "proposals": PROSE_FIELDS["proposals"] + ("proposers",)},
)


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def personal_numbers(text: str, allowed: set[str]) -> list[tuple[int, str, str]]:
    """``(offset, what, masked number)`` for every unmasked personal number in ``text``, read as a
    person reads it (:mod:`generator.personal_data`)."""
    return [(f.offset, f.kind, f.masked) for f in scan(text, allowed)]


def contacts_near_names(text: str, names: list[str], allowed: set[str]) -> list[tuple[int, str]]:
    """``(offset, contact)``: e-mail addresses anywhere, and phone numbers written within a few
    characters after a proposer's name."""
    found = [(at, address) for at, address in _emails(text) if address not in allowed]
    for name in names:
        at = text.find(name)
        while name and at >= 0:
            end = at + len(name)
            found += [(end + p.start(), p[0]) for p in PHONE.finditer(text[end:end + NEAR]) if _digits(p[0]) not in allowed]
            at = text.find(name, end)
    return found


def _emails(text: str) -> list[tuple[int, str]]:
    found = []
    for m in EMAIL.finditer(text):
        domain = m[0].rsplit("@", 1)[1]
        tld = domain.rsplit(".", 1)[-1]
        if "." in domain and len(tld) >= 2 and tld.isascii() and tld.isalpha():
            found.append((m.start(), m[0]))
    return found


def check(rec, site):
    allowed = allowed_forms(site.config.rules.allowed_numbers)
    names = list(rec.model.proposers) if rec.type == "proposals" else []
    for path, text in prose(rec.source.data):
        found = [(at, f"{what} {shown}") for at, what, shown in personal_numbers(text, allowed)]
        if rec.type == "proposals" and (not path or path[0] != "proposers"):
            found += [(at, f"代表委员联系方式 {c}") for at, c in contacts_near_names(text, names, allowed)]
        if found:
            found.sort()
            shown = "、".join(dict.fromkeys(label for _, label in found))
            yield Hit(path, f"公开内容含有个人信息：{shown}；请删除或遮盖（如 138****5678）", offset=found[0][0])
    yield from check_attachments(rec, site, allowed, names)


def check_attachments(rec, site, allowed: set[str], names: list[str]):
    """One hit per page or sheet of an attachment that holds personal data, at its ``file:``; a
    warning for an attachment (or a part of one) whose text cannot be read by a program.

    A file that is missing, outside content/attachments/, too large or unreadable is GK209's."""
    limit = site.config.rules.limits.attachment_mb * 1024 * 1024
    for i, att in enumerate(rec.model.attachments):
        path = readable_file(site.root, att.file, limit)
        if path is None:
            continue
        try:
            sections = extract(path, limit, site.config.rules.limits.attachment_seconds)
        except AttachmentUnscannable as exc:
            sections = [("", UNSCANNABLE + exc.kind)]
        except AttachmentUnreadable:
            continue
        unchecked = []
        for where, text in sections:
            if text.startswith(UNSCANNABLE):
                unchecked.append(f"{where or '整个文件'}（{text[len(UNSCANNABLE):]}）")
                continue
            found = [(at, f"{what} {shown}") for at, what, shown in personal_numbers(text, allowed)]
            if rec.type == "proposals":
                found += [(at, f"代表委员联系方式 {c}") for at, c in contacts_near_names(text, names, allowed)]
            if not found:
                continue
            found.sort()
            labels = list(dict.fromkeys(label for _, label in found))
            shown = "、".join(labels[:SHOWN]) + (f" 等 {len(labels)} 处" if len(labels) > SHOWN else "")
            yield Hit(("attachments", i, "file"),
                      f"{attachment_name(att)}{where}含有个人信息：{shown}；请删除或遮盖后重新上传")
        if unchecked and rec.model.disclosure == vocab.PUBLIC:
            yield Hit(("attachments", i, "file"),
                      f"{attachment_name(att)}无法自动检查其中的个人信息：{'、'.join(unchecked[:SHOWN])}；"
                      f"请人工核查，确认不含个人信息后在本记录的 waivers 中豁免 GK207 并写明核查人和日期",
                      severity=WARNING, guard=False)


def attachment_name(att) -> str:
    """附件“标题”, and the file name when the title is not it."""
    name = att.file.replace("\\", "/").rsplit("/", 1)[-1]
    return f"附件“{att.title}”" if att.title.strip() == name else f"附件“{att.title}”（{name}）"
