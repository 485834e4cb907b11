"""公开内容中含有个人信息：身份证号、手机号、银行卡号，或代表委员的联系方式。

公开前须删除或遮盖个人信息：有效的 18 位居民身份证号（校验码和出生日期都成立）、11 位手机号、
通过 Luhn 校验的银行卡号；建议提案的答复中不得出现代表委员的电子邮箱或与其姓名相连的电话。
遮盖后的形式（138****5678）、单位办公电话、12345 等热线不受影响；确需公开的号码写入
rules.allowed_numbers。

附件也在检查之内：PDF（逐页）、DOCX（正文、表格、页眉页脚、脚注尾注、批注）、XLSX（逐个工作表，
含以数字形式保存的号码）、TXT 和 CSV 的文字同样检查，问题报在该附件的 file 行，写明附件和页码或
工作表。扫描件（图片）、doc、xls、wps、et、ofd、zip 等不读取文字，须人工核查；无法读取的附件
另报 GK209。
"""

import re

from ..attachment_text import AttachmentUnreadable, extract
from ..findings import Citation
from ..identifiers import id_card_valid, luhn_valid
from .base import Hit, Rule
from .examples import proposal
from .gk209_attachment_problem import readable_file

ID_CARD = re.compile(r"(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])")
MOBILE = re.compile(r"(?<![\d*])(1[3-9]\d)[ -]?(\d{4})[ -]?(\d{4})(?![\d*])")
CARD = re.compile(r"(?<![\d*])([3-6]\d{3}(?:[ -]?\d{4}){2,3}(?:[ -]?\d{1,3})?)(?![\d*])")
EMAIL = re.compile(r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]{1,64}+@[A-Za-z0-9-]{1,63}+(?:\.[A-Za-z0-9-]{1,63}+)*+")
"""Linear: a match starts only where a run of address characters starts, and possessive quantifiers
never give characters back; the top-level domain is checked in :func:`_emails`."""
PHONE = re.compile(r"(?<!\d)(?:0\d{2,3}[ -]?)?\d{7,8}(?!\d)")
SUSPECT = re.compile(r"\d{3}[ -]?\d{4}|@")
"""Every number the scan looks for has seven digits in a row (give or take one separator), and every
address an @: text without either is skipped, which is nearly all text."""
IDENTIFIER_KEYS = {"index_no", "doc_no", "file", "rule"}
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
    applies_to=("policies", "interpretations", "decisions", "proposals"),
    fail_example={"content/proposals/rd-5-12.yml": proposal(
        reply="|\n  马文清代表（电话 13912345678）：  # ←\n\n  您提出的建议收悉，现答复如下。")},
    pass_example={"content/proposals/rd-5-12.yml": proposal(
        reply="|\n  马文清代表：\n\n  您提出的建议收悉，现答复如下。联系人：县发改局办公室，电话 0930-5521234，或拨打 12345。")},
)


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def mask(number: str) -> str:
    return number[:3] + "*" * max(len(number) - 7, 1) + number[-4:]


def personal_numbers(text: str, allowed: set[str]) -> list[tuple[int, str, str]]:
    """``(offset, what, masked match)`` for every unmasked personal number in ``text``."""
    found = []
    ids = set()
    for m in ID_CARD.finditer(text):
        if id_card_valid(m[0]) and m[0] not in allowed:
            found.append((m.start(), "居民身份证号", mask(m[0])))
            ids.add(m[0])
    for m in MOBILE.finditer(text):
        digits = _digits(m[0])
        if digits not in allowed:
            found.append((m.start(), "手机号", mask(digits)))
    for m in CARD.finditer(text):
        digits = _digits(m[1])
        if 16 <= len(digits) <= 19 and luhn_valid(digits) and digits not in ids and digits not in allowed:
            found.append((m.start(), "银行卡号", mask(digits)))
    return found


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


def strings(data, path=()):
    if isinstance(data, str):
        yield path, data
    elif isinstance(data, dict):
        for key, value in data.items():
            if key not in IDENTIFIER_KEYS:
                yield from strings(value, path + (key,))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from strings(value, path + (i,))


def check(rec, site):
    allowed = {_digits(n) or n for n in site.config.rules.allowed_numbers} | set(site.config.rules.allowed_numbers)
    names = list(rec.model.proposers) if rec.type == "proposals" else []
    for path, text in strings(rec.source.data):
        if not SUSPECT.search(text):
            continue
        found = [(at, f"{what} {shown}") for at, what, shown in personal_numbers(text, allowed)]
        if rec.type == "proposals" and (not path or path[0] != "proposers"):
            found += [(at, f"代表委员联系方式 {c}") for at, c in contacts_near_names(text, names, allowed)]
        if found:
            found.sort()
            shown = "、".join(dict.fromkeys(label for _, label in found))
            yield Hit(path, f"公开内容含有个人信息：{shown}；请删除或遮盖（如 138****5678）", offset=found[0][0])
    yield from check_attachments(rec, site, allowed, names)


def check_attachments(rec, site, allowed: set[str], names: list[str]):
    """One hit per page or sheet of an attachment that holds personal data, at its ``file:``.

    A file that is missing, outside content/attachments/, too large or unreadable is GK209's."""
    limit = site.config.rules.limits.attachment_mb * 1024 * 1024
    for i, att in enumerate(rec.model.attachments):
        path = readable_file(site.root, att.file, limit)
        if path is None:
            continue
        try:
            sections = extract(path, limit, site.config.rules.limits.attachment_seconds)
        except AttachmentUnreadable:
            continue
        for where, text in sections:
            if not SUSPECT.search(text):
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


def attachment_name(att) -> str:
    """附件“标题”, and the file name when the title is not it."""
    name = att.file.replace("\\", "/").rsplit("/", 1)[-1]
    return f"附件“{att.title}”" if att.title.strip() == name else f"附件“{att.title}”（{name}）"
