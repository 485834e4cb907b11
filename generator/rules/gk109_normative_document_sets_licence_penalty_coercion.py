"""规章或规范性文件的正文像是在设定其无权设定的行政许可、行政处罚或行政强制。

哪一类文件可以设定什么，由法律规定：

- 行政规范性文件不得设定行政许可、行政处罚、行政强制（本级政府工作规则 第二十二条；《行政处罚法》
  第十六条、《行政许可法》第十七条、《行政强制法》第十条）：命中下列任一类词语都给出警告。
- 规章（地方政府规章）可以在法律、法规规定的范围内作出具体规定；尚未制定法律、法规的，可以设定
  警告、通报批评或者一定数额罚款（《行政处罚法》第十四条）——这些不报。规章设定其他处罚（吊销、
  没收、责令停产停业、拘留）、设定行政强制措施（《行政强制法》第十条），或者在省级以外设定行政
  许可（《行政许可法》第十五条只允许省级政府规章设定临时性许可；第十六条允许规章对上位法已设定的
  许可作出具体规定）时给出警告。

检查器用关键词（如“处以……罚款”“予以查封”“须经……批准方可”“吊销……许可证”）找出可疑的句子，
说明命中了哪些词、依据哪一条；这是启发式检查，引用上位法规定的表述经人工确认后可用 waivers 豁免。
"""

import re

from ..findings import WORK_RULES, Citation
from .. import vocab
from .base import Hit, Rule
from .examples import normative_with_interpretation

LICENCE, FINE, OTHER_PENALTY, COERCION = "行政许可", "警告、通报批评或罚款", "其他行政处罚", "行政强制"

WORDS = {
    LICENCE: (r"须经[^。；\n]{0,30}(?:批准|许可|审批)(?:后)?方可", r"未经[^。；\n]{0,30}(?:批准|许可)[^。；\n]{0,5}不得"),
    FINE: (r"处以?[^。；\n]{0,30}罚款", r"并处[^。；\n]{0,20}罚款", r"给予[^。；\n]{0,6}(?:警告|通报批评)"),
    OTHER_PENALTY: (r"并处(?:没收|吊销|暂扣)", r"吊销[^。；\n]{0,15}(?:许可证|执照|资质)", r"没收(?:违法所得|非法财物)",
                    r"责令停产停业", r"(?:予以|处以?)?行政拘留"),
    COERCION: (r"予以(?:查封|扣押|冻结|强制拆除)", r"(?:查封|扣押)[^。；\n]{0,10}(?:场所|设施|财物|物品)"),
}
"""The words that set each kind of measure (regular expressions without nested repetition: linear)."""
PATTERNS = tuple((kind, re.compile(word)) for kind, words in WORDS.items() for word in words)

PENALTY_LAW = "中华人民共和国行政处罚法"
LICENCE_LAW = "中华人民共和国行政许可法"
COERCION_LAW = "中华人民共和国行政强制法"

NORMATIVE_LIMITS = {
    LICENCE: Citation(LICENCE_LAW, "第十七条", "除本法第十四条、第十五条规定的外，其他规范性文件一律不得设定行政许可。"),
    FINE: Citation(PENALTY_LAW, "第十六条", "除法律、法规、规章外，其他规范性文件不得设定行政处罚。"),
    OTHER_PENALTY: Citation(PENALTY_LAW, "第十六条", "除法律、法规、规章外，其他规范性文件不得设定行政处罚。"),
    COERCION: Citation(COERCION_LAW, "第十条", "法律、法规以外的其他规范性文件不得设定行政强制措施。"),
}
RULE_LIMITS = {
    LICENCE: Citation(LICENCE_LAW, "第十五条",
                      "尚未制定法律、行政法规和地方性法规的，因行政管理的需要，确需立即实施行政许可的，"
                      "省、自治区、直辖市人民政府规章可以设定临时性的行政许可。"),
    OTHER_PENALTY: Citation(PENALTY_LAW, "第十四条",
                            "尚未制定法律、法规的，地方政府规章对违反行政管理秩序的行为，可以设定警告、通报批评或者一定数额罚款的行政处罚。"),
    COERCION: Citation(COERCION_LAW, "第十条", "法律、法规以外的其他规范性文件不得设定行政强制措施。"),
}
"""What a 规章 may not set, and the article that says so. Fines, warnings and 通报批评 are absent:
行政处罚法 第十四条 lets a local government rule set them."""

RULE = Rule(
    code="GK109", name="normative-document-sets-licence-penalty-coercion", title="规范性文件疑似设定许可、处罚或强制",
    severity="warning",
    citation=Citation(WORK_RULES, "第二十二条", "规范性文件不得设定行政许可、行政处罚、行政强制等事项，不得减损公民、法人和其他组织合法权益或者增加其义务。"),
    also=(Citation("国办发〔2018〕37号", None, "不得违法设定行政许可、行政处罚、行政强制等事项。"),
          NORMATIVE_LIMITS[LICENCE], NORMATIVE_LIMITS[FINE], RULE_LIMITS[LICENCE],
          Citation(LICENCE_LAW, "第十六条", "规章可以在上位法设定的行政许可事项范围内，对实施该行政许可作出具体规定。"),
          RULE_LIMITS[OTHER_PENALTY], RULE_LIMITS[COERCION]),
    explanation=__doc__,
    applies_to=("policies",),
    fail_example=normative_with_interpretation(body=(
        "|\n  第一条 擅自改动供水管网的，由县水务局处以五千元罚款。  # ←\n\n  第二条 本办法自发布之日起施行。")),
    pass_example=normative_with_interpretation(),
    reads={"policies": ("kind", "body")},
)


def matches(text: str) -> list[tuple[int, str, str]]:
    """``(offset, words, category)`` of every suspicious phrase, in text order."""
    return sorted((m.start(), m.group(0), category) for category, p in PATTERNS for m in p.finditer(text))


def check(rec, site):
    m = rec.model
    if m.kind not in vocab.NORMATIVE_KINDS:
        return
    found = matches(m.body)
    if m.kind == vocab.RULE_KIND:
        province = site.config.government.level == vocab.PROVINCE
        found = [f for f in found if f[2] in RULE_LIMITS and not (province and f[2] == LICENCE)]
    if not found:
        return
    categories = list(dict.fromkeys(c for _, _, c in found))
    shown = "、".join(f"“{w}”" for w in dict.fromkeys(w for _, w, _ in found))
    if m.kind == vocab.RULE_KIND:
        laws = "；".join(f"{c}：《{RULE_LIMITS[c].source[7:]}》{RULE_LIMITS[c].article}" for c in categories)
        note = "（规章可以设定警告、通报批评或一定数额罚款，可以对上位法已设定的许可作出具体规定）" 
        yield Hit(("body",), f"规章正文疑似设定其无权设定的{'、'.join(categories)}，命中：{shown}（{laws}）{note}",
                  offset=found[0][0], citation=RULE_LIMITS[categories[0]])
    else:
        laws = "；".join(dict.fromkeys(f"《{NORMATIVE_LIMITS[c].source[7:]}》{NORMATIVE_LIMITS[c].article}" for c in categories))
        kinds = "、".join(dict.fromkeys("行政处罚" if c in (FINE, OTHER_PENALTY) else c for c in categories))
        yield Hit(("body",), f"行政规范性文件正文疑似设定{kinds}，命中：{shown}（{laws}）", offset=found[0][0])
