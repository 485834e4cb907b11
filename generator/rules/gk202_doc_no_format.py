"""发文字号格式不规范，或机关代字不属于发文机关。

发文字号由机关代字、年份、发文顺序号组成：年份用六角括号“〔〕”括入并写全四位，顺序号不加
“第”字、不编虚位（不写 012），例如 康政发〔2024〕12号；命令（令）写作 康乐县人民政府令第3号。
机关代字必须是主办发文机关在 site_config.yml 中登记的 doc_prefixes 之一。
规章和行政规范性文件必须有发文字号。
"""

import re

from ..findings import Citation
from .. import vocab
from .base import Hit, Requirement, Rule
from .examples import policy

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
    applies_to=("policies",),
    fail_example={"content/policies/fangxun.yml": policy(doc_no="康政发[2026]8号", mark="doc_no")},
    pass_example={"content/policies/fangxun.yml": policy()},
    reads={"policies": ("doc_no", "kind", "issuer")},
    requires=(Requirement("doc_no", "规章、行政规范性文件必填", ("policies",)),),
)


def parse(doc_no: str):
    """The ``(prefix, year or None, serial)`` of a well-formed 发文字号, or None."""
    m = STANDARD.match(doc_no) or ORDER.match(doc_no)
    if not m:
        return None
    return m["prefix"], m.groupdict().get("year"), int(m["serial"])


def check(rec, site):
    m = rec.model
    if m.doc_no is None:
        if m.kind in vocab.NORMATIVE_KINDS:
            yield Hit(("kind",), f"{m.kind}必须有发文字号 doc_no")
        return
    parsed = parse(m.doc_no)
    if parsed is None:
        hints = [h for pattern, h in HINTS if pattern.search(m.doc_no)]
        hint = "；".join(hints) if hints else "应写作“机关代字〔年份〕序号号”，例如 康政发〔2024〕12号"
        yield Hit(("doc_no",), f"发文字号“{m.doc_no}”不规范：{hint}")
        return
    lead = site.organizations.get(m.issuer[0])
    if lead is not None and parsed[0] not in lead.doc_prefixes:
        known = "、".join(lead.doc_prefixes) or "（未登记）"
        yield Hit(("doc_no",), f"机关代字“{parsed[0]}”不属于发文机关{lead.name}（已登记：{known}）")
