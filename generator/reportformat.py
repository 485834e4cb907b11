"""The national format of the 政府信息公开工作年度报告 (国办公开办函〔2021〕30号): headings, tables, labels.

Everything a reader sees of the format is written here once, exactly as the format writes it; the
report page, its JSON twin, ``gongkai report`` and the checks take the labels from this module.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import vocab

FORMAT_NOTICE = "国办公开办函〔2021〕30号"
FORMAT_TITLE = "中华人民共和国政府信息公开工作年度报告格式"

SECTIONS = (
    ("一", "总体情况"),
    ("二", "主动公开政府信息情况"),
    ("三", "收到和处理政府信息公开申请情况"),
    ("四", "政府信息公开行政复议、行政诉讼情况"),
    ("五", "存在的主要问题及改进情况"),
    ("六", "其他需要报告的事项"),
)
HEADINGS = tuple(f"{number}、{title}" for number, title in SECTIONS)
"""The six headings, in this order and with this numbering (G3)."""

NARRATIVE_SECTIONS = {"overview": "一", "problems": "五", "other": "六"}
"""The report record's narrative fields and the section each one is."""

# ---------------------------------------------------------------- section 二


@dataclass(frozen=True)
class ActiveBlock:
    caption: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, str], ...]
    """(field of the report record, row label)."""


ACTIVE_BLOCKS = (
    ActiveBlock("第二十条第（一）项", ("信息内容", "本年制发件数", "本年废止件数", "现行有效件数"),
                (("regulations", vocab.RULE_KIND), ("normative", vocab.NORMATIVE_DOCUMENT))),
    ActiveBlock("第二十条第（五）项", ("信息内容", "本年处理决定数量"), (("licensing", "行政许可"),)),
    ActiveBlock("第二十条第（六）项", ("信息内容", "本年处理决定数量"), (("penalties", "行政处罚"), ("coercion", "行政强制"))),
    ActiveBlock("第二十条第（八）项", ("信息内容", "本年收费金额（单位：万元）"), (("fees", "行政事业性收费"),)),
)
DOCUMENT_COLUMNS = ("本年制发件数", "本年废止件数", "现行有效件数")
ACTIVE_LABELS = {key: label for block in ACTIVE_BLOCKS for key, label in block.rows}

# ---------------------------------------------------------------- section 三

APPLICATION_COLUMNS = (*vocab.APPLICANT_TYPES, "总计")
"""The 7 data columns: 自然人, the five kinds of 法人或其他组织, 总计 (no 法人 subtotal column)."""
TOTAL_COLUMN = len(APPLICATION_COLUMNS) - 1
ORGANIZATION_COLUMNS = vocab.APPLICANT_TYPES[1:]
TABLE3_CORNER = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
TABLE3_HEADER = "申请人情况"
TABLE3_ORGANIZATIONS = "法人或其他组织"
RESULTS_LABEL = "三、本年度办理结果"


@dataclass(frozen=True)
class ApplicationRow:
    key: str
    """The report record's key for this row."""
    label: str
    """The row's own label (a reason's number and text, or a whole line)."""
    group: str | None = None
    """（三）…（六）: the group label that shares a row with its first reason."""
    outcome: str | None = None
    """The ledger's short name for this outcome (vocab.APPLICATION_OUTCOMES)."""
    parent: str | None = None
    """The group every reason row belongs to (also on the rows that do not show it)."""

    @property
    def full_label(self) -> str:
        """The label with its group, for text that has no merged cells (``（三）不予公开 1.属于国家秘密``)."""
        return f"{self.parent} {self.label}" if self.parent else self.label


_GROUPS = (
    ("（三）不予公开", "withheld", (
        ("state_secret", "1.属于国家秘密"), ("law_forbids", "2.其他法律行政法规禁止公开"),
        ("three_safety", "3.危及“三安全一稳定”"), ("third_party", "4.保护第三方合法权益"),
        ("internal_affairs", "5.属于三类内部事务信息"), ("process_info", "6.属于四类过程性信息"),
        ("enforcement_file", "7.属于行政执法案卷"), ("inquiry", "8.属于行政查询事项"))),
    ("（四）无法提供", "unable", (
        ("not_held", "1.本机关不掌握相关政府信息"), ("needs_creation", "2.没有现成信息需要另行制作"),
        ("still_unclear", "3.补正后申请内容仍不明确"))),
    ("（五）不予处理", "refused", (
        ("petition", "1.信访举报投诉类申请"), ("repeated", "2.重复申请"), ("publication", "3.要求提供公开出版物"),
        ("mass_repeat", "4.无正当理由大量反复申请"), ("confirmation", "5.要求行政机关确认或重新出具已获取信息"))),
    ("（六）其他处理", "other", (
        ("no_correction", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
        ("unpaid_fee", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
        ("other", "3.其他"))),
)


def _rows() -> tuple[ApplicationRow, ...]:
    outcomes = iter(vocab.APPLICATION_OUTCOMES)
    rows = [ApplicationRow("received", "一、本年新收政府信息公开申请数量"),
            ApplicationRow("carried_over", "二、上年结转政府信息公开申请数量"),
            ApplicationRow("disclosed", "（一）予以公开", outcome=next(outcomes)),
            ApplicationRow("partly_disclosed", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", outcome=next(outcomes))]
    for group, prefix, reasons in _GROUPS:
        for i, (key, label) in enumerate(reasons):
            rows.append(ApplicationRow(f"{prefix}_{key}", label, group if i == 0 else None, next(outcomes), group))
    rows += [ApplicationRow("total", "（七）总计"), ApplicationRow("carried_forward", "四、结转下年度继续办理")]
    return tuple(rows)


APPLICATION_ROWS = _rows()
"""Section 三's 25 data rows, top to bottom."""
ROW_BY_KEY = {row.key: row for row in APPLICATION_ROWS}
OUTCOME_ROWS = tuple(row for row in APPLICATION_ROWS if row.outcome)
"""The 21 outcome rows whose sum is （七）总计 (T3-3)."""
ROW_OF_OUTCOME = {row.outcome: row for row in OUTCOME_ROWS}
GROUP_SUBTOTALS = {group.strip("（）一二三四五六七"): tuple(ROW_BY_KEY[f"{prefix}_{k}"] for k, _ in reasons)
                   for group, prefix, reasons in _GROUPS}
"""不予公开 / 无法提供 / 不予处理 / 其他处理 → their reason rows: derived subtotals only (T3-5)."""
GROUP_SPANS = {group: len(reasons) for group, _, reasons in _GROUPS}

assert len(APPLICATION_ROWS) == 25 and len(OUTCOME_ROWS) == 21

# ---------------------------------------------------------------- section 四

REVIEW_COLUMNS = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")
PENDING_COLUMN = REVIEW_COLUMNS.index("尚未审结")
REVIEW_GROUPS = (("review", "行政复议"), ("suit_direct", "未经复议直接起诉"), ("suit_after_review", "复议后起诉"))
LITIGATION_LABEL = "行政诉讼"

# ---------------------------------------------------------------- 信息处理费 (section 六)

FEE_FIELDS = (("notices", "发出收费通知的件数", "件"), ("billed", "收费通知的总金额", "元"),
              ("collected", "实际收取的总金额", "元"))
