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
    lines = []
    for key, value in _changed(dict(fields), changes).items():
        first, nl, rest = value.partition("\n")
        sep = " " if first else ""
        comment = f"  {MARK}" if key == mark else ""
        lines.append(f"{key}:{sep}{first}{comment}{nl}{rest}")
    return "\n".join(lines) + "\n"


def _changed(rows: dict[str, str], changes: dict[str, str | None]) -> dict[str, str]:
    """``rows`` with ``changes`` applied: a new key is appended, None drops a key."""
    return {key: value for key, value in {**rows, **changes}.items() if value is not None}


def policy(**kw) -> str:
    return yaml_of(POLICY, **kw)


POLICY_FILE = "content/policies/fangxun.yml"


def one_file(path: str, failing: str, passing: str) -> dict[str, dict[str, str]]:
    """A rule's examples when one file shows it: ``Rule(..., **one_file(path, failing, passing))``."""
    return {"fail_example": {path: failing}, "pass_example": {path: passing}}


def policy_examples(failing: str) -> dict[str, dict[str, str]]:
    """A rule's examples when one policy file shows it: ``failing`` against the clean sample policy
    (``Rule(..., **policy_examples(policy(doc_no="康政发[2026]8号", mark="doc_no")))``)."""
    return one_file(POLICY_FILE, failing, policy())


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


# ---------------------------------------------------------------- the annual report and the application ledger

REPORT_ROWS = {
    "received": "[2, 1, 0, 0, 0, 0, 3]",
    "disclosed": "[1, 1, 0, 0, 0, 0, 2]",
    "withheld_third_party": "[1, 0, 0, 0, 0, 0, 1]",
    "total": "[2, 1, 0, 0, 0, 0, 3]",
}
REPORT_ROW_KEYS = (
    "received", "carried_over", "disclosed", "partly_disclosed",
    "withheld_state_secret", "withheld_law_forbids", "withheld_three_safety", "withheld_third_party",
    "withheld_internal_affairs", "withheld_process_info", "withheld_enforcement_file", "withheld_inquiry",
    "unable_not_held", "unable_needs_creation", "unable_still_unclear",
    "refused_petition", "refused_repeated", "refused_publication", "refused_mass_repeat", "refused_confirmation",
    "other_no_correction", "other_unpaid_fee", "other_other", "total", "carried_forward",
)


def _block(rows: dict[str, str], mark: str | None, changes: dict[str, str | None]) -> str:
    """A nested block (two-space indent) of ``rows`` with ``changes``; ``mark`` puts ``# ←`` on one key."""
    return "".join(f"\n  {key}: {value}" + (f"  {MARK}" if key == mark else "")
                   for key, value in _changed(rows, changes).items())


def applications_table(mark: str | None = None, **rows: str | None) -> str:
    """Section 三 as a report writes it: every row, zeros unless given (None drops a row)."""
    return _block({key: REPORT_ROWS.get(key, "[0, 0, 0, 0, 0, 0, 0]") for key in REPORT_ROW_KEYS}, mark, rows)


def reviews_table(mark: str | None = None, **rows: str) -> str:
    return _block({"review": "[1, 0, 0, 0, 1]", "suit_direct": "[0, 0, 0, 0, 0]", "suit_after_review": "[0, 0, 0, 0, 0]"},
                  mark, rows)


def active_block(mark: str | None = None, **cells: str | None) -> str:
    return _block({"licensing": "12", "penalties": "3", "coercion": "0", "fees": "1.25"}, mark, cells)


REPORT: Fields = [
    ("title", "示例县人民政府2025年政府信息公开工作年度报告"),
    ("publisher", "gov"),
    ("published", "2026-01-20"),
    ("index_no", "11622922013960001W/2026-00010"),
    ("topic", "综合政务/政务公开"),
    ("disclosure", "主动公开"),
    ("year", "2025"),
    ("overview", "|\n  2025年，示例县人民政府新收政府信息公开申请{{ 本年新收申请 }}件，办结{{ 本年办结申请 }}件。"),
    ("active", active_block()),
    ("applications", applications_table()),
    ("reviews_and_suits", reviews_table()),
    ("processing_fees", "\n  notices: 0\n  billed: 0\n  collected: 0"),
    ("problems", "|\n  一是政策解读形式较单一；二是依申请公开答复文书需进一步规范。"),
    ("other", "|\n  本年度未收取信息处理费。"),
]


def report(**kw) -> str:
    return yaml_of(REPORT, **kw)


def report_last_year(**kw) -> str:
    """The same organ's report on 2024: the base for the cross-year rules."""
    defaults = {"title": "示例县人民政府2024年政府信息公开工作年度报告", "published": "2025-01-22",
                "index_no": "11622922013960001W/2025-00010", "year": "2024",
                "overview": "|\n  2024年，示例县人民政府围绕县委、县政府中心工作推进政务公开，做好政策解读和回应关切。",
                "problems": "|\n  一是信息发布审核流程不够细；二是基层政务公开标准目录更新较慢。",
                "other": "|\n  2024年度未收取信息处理费。"}
    return yaml_of(REPORT, **{**defaults, **kw})


APPLICATION = (
    "\n  - case: 2025-001\n    organ: gov\n    received: 2025-03-03\n    applicant: 自然人"
    "\n    replied: 2025-03-20\n    outcome: 予以公开"
)


def ledger(*lines: str) -> str:
    return "applications:" + "".join(lines or (APPLICATION,)) + "\n"
