"""规范性文件的正文像是在设定行政许可、行政处罚或行政强制。

行政规范性文件不得设定行政许可、行政处罚、行政强制，不得增加许可条件。检查器用关键词
（如“处以……罚款”“予以查封”“须经……批准方可”“吊销……许可证”）找出可疑的句子并给出警告，
说明命中了哪些词；这是启发式检查，引用上位法规定的表述经人工确认后可用 waivers 豁免。
"""

import re

from ..findings import Citation
from .. import vocab
from .base import Hit, Rule
from .examples import normative_with_interpretation

PATTERNS = (
    re.compile(r"处以?[^。；\n]{0,30}罚款"),
    re.compile(r"并处[^。；\n]{0,20}罚"),
    re.compile(r"予以(?:查封|扣押|冻结|强制拆除|拘留)"),
    re.compile(r"(?:查封|扣押)[^。；\n]{0,10}(?:场所|设施|财物|物品)"),
    re.compile(r"须经[^。；\n]{0,30}(?:批准|许可|审批)(?:后)?方可"),
    re.compile(r"未经[^。；\n]{0,30}(?:批准|许可)[^。；\n]{0,5}不得"),
    re.compile(r"吊销[^。；\n]{0,15}(?:许可证|执照|资质)"),
    re.compile(r"没收(?:违法所得|非法财物)"),
    re.compile(r"责令停产停业"),
    re.compile(r"行政拘留"),
)

RULE = Rule(
    code="GK109", name="normative-document-sets-licence-penalty-coercion", title="规范性文件疑似设定许可、处罚或强制",
    severity="warning",
    citation=Citation("康乐县人民政府工作规则", "第二十二条", "规范性文件不得设定行政许可、行政处罚、行政强制等事项，不得减损公民、法人和其他组织合法权益或者增加其义务。"),
    also=(Citation("国办发〔2018〕37号", None, "不得违法设定行政许可、行政处罚、行政强制等事项。"),),
    explanation=__doc__,
    applies_to=("policies",),
    fail_example=normative_with_interpretation(body=(
        "|\n  第一条 擅自改动供水管网的，由县水务局处以五千元罚款。  # ←\n\n  第二条 本办法自发布之日起施行。")),
    pass_example=normative_with_interpretation(),
    reads={"policies": ("kind", "body")},
)


def matches(text: str) -> list[tuple[int, str]]:
    """``(offset, words)`` of every suspicious phrase, in text order."""
    return sorted((m.start(), m.group(0)) for p in PATTERNS for m in p.finditer(text))


def check(rec, site):
    m = rec.model
    if m.kind not in vocab.NORMATIVE_KINDS:
        return
    found = matches(m.body)
    if found:
        shown = "、".join(f"“{w}”" for w in dict.fromkeys(w for _, w in found))
        yield Hit(("body",), f"正文疑似设定行政许可、行政处罚或行政强制，命中：{shown}", offset=found[0][0])
