"""Building blocks of the rules' examples (``gongkai explain`` prints them; the tests run them).

Each example is a set of files laid over a small valid site (``tests/fixtures/base``); the line
that a failing example must be reported at carries the marker comment ``# ←``.
"""

from __future__ import annotations

MARK = "# ←"

Fields = list[tuple[str, str]]

POLICY: Fields = [
    ("title", "示例县关于做好2026年防汛工作的通知"),
    ("publisher", "gov"),
    ("published", "2026-06-03"),
    ("index_no", "11622922013960001W/2026-00001"),
    ("topic", "农业、林业、水利/水利"),
    ("disclosure", "主动公开"),
    ("doc_no", "康政发〔2026〕8号"),
    ("kind", "其他文件"),
    ("issuer", "gov"),
    ("written", "2026-05-29"),
    ("body", "|\n  各乡（镇）人民政府，县直各部门：\n\n  现将做好2026年防汛工作有关事项通知如下。"),
]

NORMATIVE: Fields = [
    ("title", "示例县农村供水工程运行管理办法"),
    ("publisher", "gov"),
    ("published", "2026-06-03"),
    ("index_no", "11622922013960001W/2026-00002"),
    ("topic", "农业、林业、水利/水利"),
    ("disclosure", "主动公开"),
    ("doc_no", "康政发〔2026〕9号"),
    ("kind", "行政规范性文件"),
    ("issuer", "gov"),
    ("written", "2026-05-29"),
    ("legality_review", "\n  date: 2026-05-27\n  result: 合法"),
    ("body", "|\n  第一条 为规范农村供水工程运行管理，保障群众饮水安全，制定本办法。\n\n  第二条 本办法自发布之日起施行。"),
]

INTERPRETATION: Fields = [
    ("title", "《示例县农村供水工程运行管理办法》政策解读"),
    ("publisher", "gov"),
    ("published", "2026-06-04"),
    ("index_no", "11622922013960001W/2026-00003"),
    ("topic", "农业、林业、水利/水利"),
    ("disclosure", "主动公开"),
    ("interprets", "gongshui"),
    ("form", "文字解读"),
    ("interpreter", "县水务局主要负责同志"),
    ("body", "|\n  一、制定背景\n\n  为保障农村群众饮水安全，县水务局起草了本办法。"),
]

DECISION: Fields = [
    ("title", "示例县人民政府2026年第5次常务会议决定事项"),
    ("publisher", "gov"),
    ("published", "2026-06-10"),
    ("index_no", "11622922013960001W/2026-00004"),
    ("topic", "综合政务/政务公开"),
    ("disclosure", "主动公开"),
    ("meeting", "\n  type: 常务会议\n  number: 5\n  date: 2026-05-28\n  chair: xianzhang"),
    ("items", "\n  - title: 审议《示例县农村供水工程运行管理办法》\n    outcome: 通过\n    documents: [gongshui]"),
]

PROPOSAL: Fields = [
    ("title", "关于加强农村供水管网维护的建议"),
    ("publisher", "fgj"),
    ("published", "2026-07-10"),
    ("index_no", "116229220139600020/2026-00001"),
    ("topic", "农业、林业、水利/水利"),
    ("disclosure", "主动公开"),
    ("kind", "人大代表建议"),
    ("session", "县十七届人大五次会议"),
    ("number", "12"),
    ("proposers", "[马文清]"),
    ("lead", "fgj"),
    ("assigned", "2026-04-10"),
    ("replied", "2026-06-30"),
    ("result", "A"),
    ("satisfaction", "满意"),
    ("reply_disclosure", "全文公开"),
    ("reply", "|\n  马文清代表：\n\n  您提出的关于加强农村供水管网维护的建议收悉，现答复如下。"),
]

MAJOR_ITEM = (
    "\n  - title: 审议《示例县城区供热规划（2026—2035年）》"
    "\n    outcome: 通过"
    "\n    major: true"
    "\n    procedures:"
    "\n      public_participation: {date: 2026-04-01, note: 网上征求意见30日}"
    "\n      expert_review: {date: 2026-05-06, note: 专家论证会}"
    "\n      risk_assessment: {date: 2026-05-12, note: 风险评估报告}"
    "\n      legality_review: {date: 2026-05-20, note: 县司法局审查合法}"
)


def yaml_of(fields: Fields, *, mark: str | None = None, **changes: str | None) -> str:
    """Render ``fields`` as YAML, with ``changes`` applied (None drops a key; a new key is appended).

    ``mark`` names the key whose line gets the ``# ←`` marker.
    """
    merged = dict(fields)
    for key, value in changes.items():
        if value is None:
            merged.pop(key, None)
        else:
            merged[key] = value
    lines = []
    for key, value in merged.items():
        first, nl, rest = value.partition("\n")
        sep = " " if first else ""
        comment = f"  {MARK}" if key == mark else ""
        lines.append(f"{key}:{sep}{first}{comment}{nl}{rest}")
    return "\n".join(lines) + "\n"


def policy(**kw) -> str:
    return yaml_of(POLICY, **kw)


def normative(**kw) -> str:
    return yaml_of(NORMATIVE, **kw)


def interpretation(**kw) -> str:
    return yaml_of(INTERPRETATION, **kw)


def decision(**kw) -> str:
    return yaml_of(DECISION, **kw)


def proposal(**kw) -> str:
    return yaml_of(PROPOSAL, **kw)


def normative_with_interpretation(**kw) -> dict[str, str]:
    """A normative document and its interpretation, both valid unless ``kw`` changes the document."""
    return {"content/policies/gongshui.yml": normative(**kw),
            "content/interpretations/jd-gongshui.yml": interpretation()}
