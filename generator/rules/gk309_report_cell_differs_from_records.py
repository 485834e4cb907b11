"""年度报告中填写的数与记录计算的数不一致。

能由记录计算的格子以记录为准：第二部分“行政规范性文件”一行（本机关名义制发的文件，县政府的报告计
县人民政府和县政府办公室的文件；本年制发按印发日期，本年废止按废止文件的施行日期，现行有效截至
12月31日）、市级以上的“规章”一行，以及有申请台账时的第三部分全表。填写了这些格子时必须与记录一致，
否则报告与网站公开的文件相互矛盾。不填则直接采用记录计算的数。
"""

from ..annual import count, figures_for, makes_rules
from ..reportformat import ACTIVE_LABELS, APPLICATION_COLUMNS, DOCUMENT_COLUMNS, ROW_BY_KEY
from .base import Hit
from .reporting import format_notice, report_rule
from .examples import active_block, interpretation, normative, report

DOCUMENTS_2025 = {
    "content/policies/gongshui.yml": normative(
        written="2025-05-29", published="2025-06-03", index_no="11622922013960001W/2025-00002",
        doc_no="康政发〔2025〕9号", legality_review="\n  date: 2025-05-27\n  result: 合法"),
    "content/interpretations/jd-gongshui.yml": interpretation(
        published="2025-06-04", index_no="11622922013960001W/2025-00003"),
}

RULE = report_rule(
    __doc__,
    code="GK309", name="report-cell-differs-from-records", title="年度报告的数与记录不符", severity="error",
    citation=format_notice("行政规范性文件：本年制发件数、本年废止件数、现行有效件数"),
    beside=DOCUMENTS_2025,
    fail=report(active=active_block(mark="normative", normative="[2, 0, 2]")),
    passing=report(active=active_block(normative="[1, 0, 1]")),
)


def check(rec, site):
    figures = figures_for(site, rec)
    m = rec.model
    rows = [(("active", "normative"), m.active.normative, ACTIVE_LABELS["normative"], DOCUMENT_COLUMNS)]
    if makes_rules(site.config):
        rows.append((("active", "regulations"), m.active.regulations, ACTIVE_LABELS["regulations"], DOCUMENT_COLUMNS))
    if figures.applications_from_ledger and m.applications is not None:
        rows += [(("applications", key), getattr(m.applications, key), ROW_BY_KEY[key].full_label, APPLICATION_COLUMNS)
                 for key in ROW_BY_KEY]
    for path, typed, label, columns in rows:
        computed = figures.records_rows.get(".".join(path))
        if typed is None or computed is None:
            continue
        source = "申请台账" if path[0] == "applications" else "政策文件记录"
        for i, (raw, value) in enumerate(zip(typed, computed)):
            written = count(raw)
            if written is not None and written != value:
                yield Hit(path + (i,), f"“{label}·{columns[i]}”填写为 {written}，按{source}计算为 {value}")
