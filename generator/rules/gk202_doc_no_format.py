"""发文字号格式不规范，或机关代字不属于发文机关。

发文字号由机关代字、年份、发文顺序号组成：年份用六角括号“〔〕”括入并写全四位，顺序号不加
“第”字、不编虚位（不写 012），例如 康政发〔2024〕12号；命令（令）写作 康乐县人民政府令第3号。
政策文件的机关代字必须是主办发文机关在 site_config.yml 中登记的 doc_prefixes 之一。
规章和行政规范性文件必须有发文字号。建议提案答复函的复文字号 reply_doc_no、外部文件（解读的
文件、废止或修改的旧文件）写了 doc_no 的，同样检查格式。导入的历史记录的发文字号按原样保留
（例如 康政知﹝2016﹞40号），不符合格式时给出警告。
"""

import re
import unicodedata

from ..findings import Citation
from .. import vocab
from .base import Hit, Requirement, Rule
from .examples import policy, policy_examples

STANDARD = re.compile(r"^(?P<prefix>[\u4e00-\u9fff]+)〔(?P<year>\d{4})〕(?P<serial>[1-9]\d*)号$")
ORDER = re.compile(r"^(?P<prefix>[\u4e00-\u9fff]+令)第(?P<serial>[1-9]\d*)号$")
HINTS = (
    (re.compile(r"[\[【（(﹝［]"), "年份应用六角括号“〔〕”，不用 [ ]、【】、（）"),
    (re.compile(r"〔\d{2}〕"), "年份应写全四位"),
    (re.compile(r"〕第"), "顺序号前不加“第”"),
    (re.compile(r"〕0"), "顺序号不编虚位（不写 0 开头）"),
    (re.compile(r"[^号]$"), "应以“号”结尾"),
)

RULE = Rule(
    code="GK202", name="doc-no-format", title="发文字号不规范", severity="error",
    citation=Citation("GB/T 9704-2012", "7.2.5",
                      "发文字号由发文机关代字、年份、发文顺序号组成。年份、发文顺序号用阿拉伯数字标注；年份应标全称，用六角括号“〔〕”括入；"
                      "发文顺序号不加“第”字，不编虚位（即1不编为01），在阿拉伯数字后加“号”字。"),
    explanation=__doc__,
    lenient_on_imported=True,
    applies_to=("policies", "interpretations", "proposals"),
    **policy_examples(policy(doc_no="康政发[2026]8号", mark="doc_no")),
    reads={"policies": ("doc_no", "kind", "issuer", "repeals", "amends"), "interpretations": ("interprets",),
           "proposals": ("reply_doc_no",)},
    requires=(Requirement("doc_no", "规章、行政规范性文件必填", ("policies",)),),
)


LOOSE = re.compile(r"^\s*(?P<prefix>[\u4e00-\u9fff]+?)\s*[\[【（(﹝［〔〖]\s*(?P<year>\d{2}|\d{4})\s*[\]】）)﹞］〕〗]"
                   r"\s*第?\s*0*(?P<serial>[1-9]\d{0,5})\s*号?\s*$")
"""A 发文字号 typed with the usual slips (other brackets, a two-digit year, 第, leading zeros, full-width
digits, spaces, no 号) — enough to print the corrected form for the clerk to copy."""


def corrected(doc_no: str, year_hint: int | None = None) -> str | None:
    """The standard form of a slipped 发文字号 (``康政发[24]第012号`` → ``康政发〔2024〕12号``), or None."""
    m = LOOSE.match(unicodedata.normalize("NFKC", doc_no))
    if not m:
        return None
    year = m["year"]
    if len(year) == 2:
        year = str(year_hint) if year_hint and str(year_hint).endswith(year) else f"20{year}"
    fixed = f"{m['prefix']}〔{year}〕{int(m['serial'])}号"
    return fixed if fixed != doc_no and STANDARD.match(fixed) else None


def parse(doc_no: str):
    """The ``(prefix, year or None, serial)`` of a well-formed 发文字号, or None."""
    m = STANDARD.match(doc_no) or ORDER.match(doc_no)
    if not m:
        return None
    return m["prefix"], m.groupdict().get("year"), int(m["serial"])


def _problem(doc_no: str) -> str | None:
    if parse(doc_no) is not None:
        return None
    hints = [h for pattern, h in HINTS if pattern.search(doc_no)]
    hint = "；".join(hints) if hints else "应写作“机关代字〔年份〕序号号”，例如 康政发〔2024〕12号"
    return f"“{doc_no}”不规范：{hint}"


def _other_numbers(rec):
    """Numbers other than a policy's own: a reply letter's, and those of external documents."""
    m = rec.model
    if rec.type == "proposals" and m.reply_doc_no is not None:
        yield ("reply_doc_no",), "复文字号", m.reply_doc_no
    if rec.type == "interpretations" and m.interprets_id is None and m.interprets.doc_no:
        yield ("interprets", "doc_no"), "所解读文件的发文字号", m.interprets.doc_no
    if rec.type == "policies":
        for key in ("repeals", "amends"):
            for i, ref in enumerate(getattr(m, key)):
                if not isinstance(ref, str) and ref.doc_no:
                    raw = rec.source.data.get(key)
                    yield ((key, i, "doc_no") if isinstance(raw, list) else (key, "doc_no")), "外部文件的发文字号", ref.doc_no


def check(rec, site):
    m = rec.model
    for path, what, number in _other_numbers(rec):
        problem = _problem(number)
        if problem:
            yield Hit(path, f"{what}{problem}")
    if rec.type != "policies":
        return
    if m.doc_no is None:
        if m.kind in vocab.NORMATIVE_KINDS:
            yield Hit(("kind",), f"{m.kind}必须有发文字号 doc_no")
        return
    parsed = parse(m.doc_no)
    if parsed is None:
        fixed = corrected(m.doc_no, m.written.year if getattr(m, "written", None) else None)
        copy = f"。应写作：{fixed}" if fixed else ""
        yield Hit(("doc_no",), f"发文字号{_problem(m.doc_no)}{copy}")
        return
    lead = site.organizations.get(m.issuer[0])
    if lead is not None and parsed[0] not in lead.doc_prefixes:
        known = "、".join(lead.doc_prefixes) or "（未登记）"
        yield Hit(("doc_no",), f"机关代字“{parsed[0]}”不属于发文机关{lead.name}（已登记：{known}）")
