"""The annual report (政府信息公开工作年度报告, 国办公开办函〔2021〕30号): the published page read back into
numbers, the application ledger, deadlines per organ type, the command, and printing on A4.

Each constraint's breaking case is the failing example of its rule (GK301–GK316), run at its marked
line by tests/test_rules.py; the cases here add what a single example cannot show."""

from __future__ import annotations

import json
import re
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator import annual, reportformat as fmt, vocab
from generator.check import check_site
from generator.cli import main
from generator.rules import examples
from generator.site import load_site

from .conftest import REPO, TODAY


# ---------------------------------------------------------------- reading tables back from HTML


class _Tables(HTMLParser):
    """Every <table> as rows of (tag, text, attrs) cells, and the page's <h2> headings."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[dict] = []
        self.headings: list[str] = []
        self._cell = None
        self._h2 = None
        self._depth = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table":
            self.tables.append({"class": attrs.get("class", ""), "rows": []})
        elif tag == "tr" and self.tables:
            self.tables[-1]["rows"].append([])
        elif tag in ("td", "th") and self.tables:
            self._cell = {"tag": tag, "text": "", "attrs": attrs}
        elif tag == "h2":
            self._h2 = ""

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self._cell["text"] = self._cell["text"].strip()
            self.tables[-1]["rows"][-1].append(self._cell)
            self._cell = None
        elif tag == "h2" and self._h2 is not None:
            self.headings.append(self._h2.strip())
            self._h2 = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell["text"] += data
        if self._h2 is not None:
            self._h2 += data


def grid(table: dict) -> list[list[dict]]:
    """The table with rowspan/colspan expanded: every cell occupies each slot it spans."""
    out: list[list[dict | None]] = []
    for r, row in enumerate(table["rows"]):
        while len(out) <= r:
            out.append([])
        c = 0
        for cell in row:
            while c < len(out[r]) and out[r][c] is not None:
                c += 1
            rs, cs = int(cell["attrs"].get("rowspan", 1)), int(cell["attrs"].get("colspan", 1))
            for dr in range(rs):
                while len(out) <= r + dr:
                    out.append([])
                line = out[r + dr]
                while len(line) < c + cs:
                    line.append(None)
                for dc in range(cs):
                    line[c + dc] = cell
            c += cs
    return out


def read_page(path: Path) -> _Tables:
    parser = _Tables()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def section3(tables: _Tables) -> dict[str, list[int]]:
    table = next(t for t in tables.tables if "gk-report-table--applications" in t["class"])
    g = grid(table)
    assert len(g) == 3 + 25 and all(len(row) == 3 + 7 for row in g)
    corner = g[0][0]
    assert corner["text"] == fmt.TABLE3_CORNER and corner["attrs"]["rowspan"] == "3" and corner["attrs"]["colspan"] == "3"
    assert [c["text"] for c in g[0][3:]] == [fmt.TABLE3_HEADER] * 7
    assert [c["text"] for c in g[1][3:]] == ["自然人"] + ["法人或其他组织"] * 5 + ["总计"]
    assert [c["text"] for c in g[2][3:]] == list(fmt.APPLICATION_COLUMNS)
    assert all(c["tag"] == "th" and c["attrs"].get("scope") for row in g[:3] for c in row)
    rows = {}
    for row, spec in zip(g[3:], fmt.APPLICATION_ROWS):
        labels = list(dict.fromkeys(id(c) for c in row[:3]))
        texts = [c["text"] for c in {id(c): c for c in row[:3]}.values()]
        assert texts[-1] == spec.label, (texts, spec.label)
        if spec.group:
            assert spec.group in texts
        assert all(c["tag"] == "th" for c in row[:3]) and len(labels) >= 1
        assert all(c["tag"] == "td" for c in row[3:])
        rows[spec.key] = [int(c["text"]) for c in row[3:]]
    results = g[5][0]
    assert results["text"] == fmt.RESULTS_LABEL and results["attrs"]["rowspan"] == "22"
    return rows


def section2(tables: _Tables) -> dict[str, list]:
    table = next(t for t in tables.tables if "gk-report-table--active" in t["class"])
    g = grid(table)
    captions = [row[0]["text"] for row in g if row[0]["attrs"].get("colspan") == "4"]
    assert captions == [b.caption for b in fmt.ACTIVE_BLOCKS]
    values = {}
    for row in g:
        if row[0]["tag"] == "th" and row[0]["attrs"].get("scope") == "row":
            values[row[0]["text"]] = list(dict.fromkeys(id(c) for c in row[1:])) and \
                [c["text"] for c in {id(c): c for c in row[1:]}.values()]
    headers = [[c["text"] for c in {id(c): c for c in row}.values()] for row in g if row[0]["text"] == "信息内容"]
    assert headers == [list(b.header) for b in fmt.ACTIVE_BLOCKS]
    return values


def section4(tables: _Tables) -> list[int]:
    table = next(t for t in tables.tables if "gk-report-table--reviews" in t["class"])
    g = grid(table)
    assert len(g) == 4 and all(len(row) == 15 for row in g)
    assert [c["text"] for c in g[0]] == ["行政复议"] * 5 + ["行政诉讼"] * 10
    assert [c["text"] for c in g[1][5:]] == ["未经复议直接起诉"] * 5 + ["复议后起诉"] * 5
    assert [c["text"] for c in g[2][:5]] == list(fmt.REVIEW_COLUMNS)
    assert [c["text"] for c in g[2][5:]] == list(fmt.REVIEW_COLUMNS) * 2
    return [int(c["text"]) for c in g[3]]


def satisfies_every_constraint(t3: dict[str, list[int]], t4: list[int]) -> None:
    total = fmt.TOTAL_COLUMN
    for c in range(7):
        assert t3["received"][c] + t3["carried_over"][c] == t3["total"][c] + t3["carried_forward"][c]  # T3-1
        assert t3["total"][c] == sum(t3[row.key][c] for row in fmt.OUTCOME_ROWS)  # T3-3
        assert t3["carried_forward"][c] <= t3["received"][c] + t3["carried_over"][c]  # T3-6
    for key, values in t3.items():
        assert all(v >= 0 for v in values)  # G1
        assert values[total] == sum(values[:total]), key  # T3-2
    for g in range(3):
        group = t4[g * 5:(g + 1) * 5]
        assert group[4] == sum(group[:4])  # T4-1


# ---------------------------------------------------------------- the sample site, built


def test_sample_report_pages_read_back_into_the_records_counts(sample_site):
    site = load_site(REPO, TODAY)
    page = read_page(sample_site / "reports" / "xzf-2025" / "index.html")
    assert page.headings == list(fmt.HEADINGS)  # G3: exact headings, in order
    t3, t4, t2 = section3(page), section4(page), section2(page)
    satisfies_every_constraint(t3, t4)

    # section 三 equals the ledger, counted here independently of generator.annual
    apps = [a for _, ledger in site.ledgers for a in ledger.applications if a.organ == "xzf"]
    start, end = date(2025, 1, 1), date(2025, 12, 31)
    alive = [a for a in apps if a.received <= end and (a.replied is None or a.replied >= start)]
    assert t3["received"][6] == sum(a.received >= start for a in alive) == 21
    assert t3["carried_over"][6] == sum(a.received < start for a in alive) == 2
    assert t3["carried_forward"][6] == sum(a.replied is None or a.replied > end for a in alive) == 1
    for row in fmt.OUTCOME_ROWS:
        for c, applicant in enumerate(vocab.APPLICANT_TYPES):
            assert t3[row.key][c] == sum(a.outcome == row.outcome and a.applicant == applicant and a.replied <= end
                                         for a in alive if a.replied is not None), (row.key, applicant)

    # section 二: own 行政规范性文件 (县人民政府 and 县政府办公室), counted from the policy records
    own = [r.model for r in site.sorted("policies") if r.model.kind == "行政规范性文件" and r.model.issuer[0] in ("xzf", "xzfb")]
    issued = sum(m.issued_on.year == 2025 for m in own)
    assert t2["行政规范性文件"] == [str(issued), "1", "3"] and issued == 1
    assert t2["规章"] == ["0", "0", "0"]  # a county government makes no 规章
    assert t2["行政许可"] == ["1286"]
    assert t4 == [1, 0, 0, 0, 1] + [0] * 10

    html = (sample_site / "reports" / "xzf-2025" / "index.html").read_text(encoding="utf-8")
    assert html.count(annual.EXPIRED_RULE) == 1  # the expired-documents rule, stated once, in the preamble
    assert "统计期限自2025年1月1日起至2025年12月31日止" in html
    # the narrative's variables are filled in with the table's figures
    assert "本年新收政府信息公开申请21件，上年结转2件，办结22件，结转下年度继续办理1件" in html
    assert "{{" not in html


def test_sample_department_reports_keep_their_typed_tables(sample_site):
    for organ in ("swj", "fgj"):
        page = read_page(sample_site / "reports" / f"{organ}-2025" / "index.html")
        t3 = section3(page)
        satisfies_every_constraint(t3, section4(page))
        typed = load_site(REPO, TODAY).records["reports"][f"{organ}-2025"].model.applications
        assert t3 == {row.key: [int(v) for v in getattr(typed, row.key)] for row in fmt.APPLICATION_ROWS}
    t2 = section2(read_page(sample_site / "reports" / "swj-2025" / "index.html"))
    assert t2["行政规范性文件"] == ["1", "0", "2"]  # ksf-2025-7 issued; ksf-2023-4 and it in force
    assert t2["行政事业性收费"] == ["12.6"]


def test_json_twin_has_every_cell(sample_site):
    doc = json.loads((sample_site / "api" / "reports" / "xzf-2025.json").read_text(encoding="utf-8"))
    report = doc["report"]
    assert report["headings"] == list(fmt.HEADINGS)
    page = section3(read_page(sample_site / "reports" / "xzf-2025" / "index.html"))
    assert {row["key"]: row["cells"] for row in report["applications"]["rows"]} == page
    assert [r["label"] for r in report["applications"]["rows"]] == [r.label for r in fmt.APPLICATION_ROWS]
    assert report["applications"]["computed_from_ledger"] is True
    assert [g["group"] for g in report["reviews_and_suits"]] == ["行政复议", "未经复议直接起诉", "复议后起诉"]
    assert report["active"][0]["rows"][1] == {"label": "行政规范性文件",
                                              "cells": {"本年制发件数": 1, "本年废止件数": 1, "现行有效件数": 3}}
    assert report["deadline"] == "2026-03-31"
    assert "waivers" not in doc and doc["type"] == "reports"


def test_reports_column_feed_and_search_entries(sample_site):
    column = (sample_site / "reports" / "index.html").read_text(encoding="utf-8")
    assert "2025年度" in column
    # the government first, then the departments
    assert column.index("reports/xzf-2025/") < column.index("reports/fgj-2025/") < column.index("reports/swj-2025/")
    feed = (sample_site / "feeds" / "reports.xml").read_text(encoding="utf-8")
    assert feed.count("<entry>") == 3 and "康乐县水务局2025年政府信息公开工作年度报告" in feed
    page = (sample_site / "reports" / "swj-2025" / "index.html").read_text(encoding="utf-8")
    assert 'data-pagefind-filter="类型:政府信息公开年报"' in page
    index = json.loads((sample_site / "api" / "index.json").read_text(encoding="utf-8"))
    assert {r["id"] for r in index["records"] if r["type"] == "reports"} == {"xzf-2025", "swj-2025", "fgj-2025"}


def test_ledger_is_never_published_line_by_line(sample_site):
    for path in sample_site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".json", ".xml", ".csv", ".txt"):
            text = path.read_text(encoding="utf-8", errors="replace")
            assert "YSQ-" not in text, path  # no case number reaches any output
    assert not (sample_site / "api" / "applications").exists()


def test_sample_checks_clean_of_report_findings():
    findings = check_site(REPO, TODAY).findings
    assert not [f for f in findings if f.rule.startswith("GK3") or "reports" in f.path or "applications" in f.path]


# ---------------------------------------------------------------- the application ledger


LEDGER_LINES = [
    # received, applicant, replied, outcome (and extras)
    ("A-1", "2024-12-23", "自然人", "2025-01-10", "予以公开", ""),        # carried over into 2025
    ("A-2", "2025-02-10", "自然人", "2025-02-24", "予以公开", ""),
    ("A-3", "2025-03-03", "商业企业", "2025-03-20", "部分公开", ""),
    ("A-4", "2025-04-07", "科研机构", "2025-04-21", "本机关不掌握", ""),
    ("A-5", "2025-05-06", "自然人", "2025-05-30", "第三方合法权益", "\n    correction_requested: 2025-05-07\n    corrected: 2025-05-12"),
    ("A-6", "2025-06-03", "法律服务机构", "2025-07-25", "重复申请", "\n    extended: 2025-06-27"),
    ("A-7", "2025-09-26", "其他", "2025-10-31", "逾期未缴费", ""),       # late: see below
    ("A-8", "2025-12-15", "社会公益组织", "2026-01-08", "予以公开", ""),  # carried forward
]


def _ledger_yaml() -> str:
    lines = []
    for case, received, applicant, replied, outcome, extra in LEDGER_LINES:
        lines.append(f"\n  - case: {case}\n    organ: gov\n    received: {received}\n    applicant: {applicant}{extra}"
                     f"\n    replied: {replied}\n    outcome: {outcome}")
    return examples.ledger(*lines)


def test_a_ledger_reproduces_its_section_three_and_flags_a_late_reply(make_site):
    report = examples.report(applications=None, processing_fees="\n  notices: 1\n  billed: 200\n  collected: 0",
                             overview="|\n  本年新收申请{{ 本年新收申请 }}件。")
    root = make_site({"content/applications/2025.yml": _ledger_yaml(), "content/reports/gov-2025.yml": report})
    site = load_site(root, TODAY)
    f = annual.compute(site, site.records["reports"]["gov-2025"])
    assert f.applications_from_ledger
    t = f.applications
    expected = {key: [0] * 7 for key in fmt.ROW_BY_KEY}
    for key, col in [("received", 0), ("received", 1), ("received", 2), ("received", 0), ("received", 4),
                     ("received", 5), ("received", 3), ("carried_over", 0),
                     ("disclosed", 0), ("disclosed", 0), ("partly_disclosed", 1), ("unable_not_held", 2),
                     ("withheld_third_party", 0), ("refused_repeated", 4), ("other_unpaid_fee", 5),
                     ("carried_forward", 3)]:
        expected[key][col] += 1
    expected["total"] = [sum(expected[r.key][c] for r in fmt.OUTCOME_ROWS) for c in range(7)]
    for values in expected.values():
        values[6] = sum(values[:6])
    assert t == expected
    satisfies_every_constraint(t, [1, 0, 0, 0, 1] + [0] * 10)

    findings = check_site(root, TODAY).findings
    late = [x for x in findings if x.rule == "GK315"]
    assert len(late) == 1, [(x.rule, x.line, x.message) for x in findings]
    text = (root / "content/applications/2025.yml").read_text(encoding="utf-8").splitlines()
    assert text[late[0].line - 1].strip() == "replied: 2025-10-31"
    assert "2025-10-30" in late[0].message  # 20 working days across 国庆 with the 调休 days 9/28 and 10/11
    assert not [x for x in findings if x.severity == "error"], [(x.rule, x.message) for x in findings]


def test_reply_deadline_counts_the_holiday_calendar():
    from generator.rules.gk315_application_answered_late import reply_deadline
    from generator.models import Application
    from generator.workdays import WorkCalendar

    cal = WorkCalendar()
    app = Application(case="x", organ="gov", received="2025-09-26", applicant="自然人")
    assert reply_deadline(cal, app) == date(2025, 10, 30)  # weekdays alone would say 10/24
    corrected = app.model_copy(update={"correction_requested": date(2025, 9, 29), "corrected": date(2025, 10, 9)})
    assert reply_deadline(cal, corrected) == cal.add_workdays(date(2025, 10, 9), 20)
    extended = app.model_copy(update={"extended": date(2025, 10, 20)})
    assert reply_deadline(cal, extended) == cal.add_workdays(date(2025, 9, 26), 40)


def test_a_typed_section_three_that_differs_from_the_ledger_is_a_finding(make_site):
    root = make_site({"content/applications/2025.yml": examples.ledger(),
                      "content/reports/gov-2025.yml": examples.report(
                          applications=examples.applications_table(received="[2, 0, 0, 0, 0, 0, 2]"))})
    found = [f for f in check_site(root, TODAY).findings if f.rule == "GK309"]
    assert found and all("申请台账" in f.message for f in found)
    lines = (root / "content/reports/gov-2025.yml").read_text(encoding="utf-8").splitlines()
    received = lines.index("  received: [2, 0, 0, 0, 0, 0, 2]") + 1
    assert {(f.line, f.column) for f in found if f.line == received} == {(received, 14), (received, 32)}
    assert "“一、本年新收政府信息公开申请数量·自然人”填写为 2，按申请台账计算为 1" in {f.message for f in found}


# ---------------------------------------------------------------- deadlines per organ type


@pytest.mark.parametrize("organ, due", [("gov", date(2026, 3, 31)), ("fgj", date(2026, 1, 31))])
def test_deadline_per_organ_type(make_site, organ, due):
    site = load_site(make_site(), TODAY)
    assert annual.report_deadline(site.config, organ, 2025) == due
    assert annual.is_government(site.config, "gov") and not annual.is_government(site.config, "fgj")


def _department(published: str) -> dict[str, str]:
    return {"content/reports/fgj-2025.yml": examples.report(
        title="示例县发展和改革局2025年政府信息公开工作年度报告", publisher="fgj",
        index_no="116229220139600020/2026-00010", published=published)}


@pytest.mark.parametrize("published, late", [("2026-01-31", False), ("2026-02-01", True)])
def test_department_report_published_by_31_january(make_site, published, late):
    root = make_site({**_department(published), "content/reports/gov-2025.yml": examples.report(published="2026-03-31")})
    found = [f for f in check_site(root, TODAY).findings if f.rule == "GK314"]
    assert bool(found) == late
    assert all(f.severity == "warning" and f.path == "content/reports/fgj-2025.yml" for f in found)


@pytest.mark.parametrize("published, late", [("2026-03-31", False), ("2026-04-01", True)])
def test_government_report_published_by_31_march(make_site, published, late):
    root = make_site({"content/reports/gov-2025.yml": examples.report(published=published)})
    assert bool([f for f in check_site(root, TODAY).findings if f.rule == "GK314"]) == late


def test_a_missing_report_is_an_obligation_that_falls_due(make_site):
    files = {"content/reports/gov-2024.yml": examples.report_last_year(), **_department("2026-01-20")}
    root = make_site(files)
    before = check_site(root, date(2026, 3, 31)).findings
    assert not [f for f in before if f.rule == "GK314"]
    after = check_site(root, date(2026, 4, 1)).findings
    missing = [f for f in after if f.rule == "GK314"]
    assert len(missing) == 1 and "缺少示例县人民政府2025年度报告" in missing[0].message
    assert missing[0].severity == "warning" and missing[0].path == "content/reports/gov-2024.yml"
    assert not [f for f in after if f.severity == "error"]  # an overdue duty alerts, it does not block


def test_a_county_level_from_site_config_is_read_defensively(make_site):
    site = load_site(make_site(), TODAY)
    assert annual.government_level(site.config) == "县" and not annual.makes_rules(site.config)


# ---------------------------------------------------------------- text and tables


def test_narrative_variables_and_claims(make_site):
    text = "本年度共收到政府信息公开申请5件，上年结转0件；发生行政复议1件。{{ 不存在 }}"
    claims = {name: value for _, name, value in annual.narrative_claims(text)}
    assert claims == {"本年新收申请": "5", "上年结转申请": "0", "行政复议": "1"}
    root = make_site({"content/reports/gov-2025.yml": examples.report(overview="|\n  " + text)})
    found = [f for f in check_site(root, TODAY).findings if f.rule == "GK311"]
    assert all(f.message.startswith("第一部分") and f.line == 9 for f in found), [(f.line, f.message) for f in found]
    assert len(found) == 2  # 5 ≠ 3 received, and the unknown variable; 0 and 1 agree with the tables
    assert annual.fill("新收{{ 本年新收申请 }}件", {"本年新收申请": 3}) == "新收3件"


# ---------------------------------------------------------------- the command


def test_report_command_prints_the_computed_report(capsys):
    code = main(["report", "2025", "--root", str(REPO), "--today", TODAY.isoformat()])
    out = capsys.readouterr().out
    assert code == 0, out
    assert "康乐县人民政府2025年政府信息公开工作年度报告" in out
    assert "（三）不予公开 4.保护第三方合法权益：1 0 0 0 0 0 1" in out
    assert "行政规范性文件：1 1 3（由政策文件记录计算）" in out
    code = main(["report", "2025", "--root", str(REPO), "--today", TODAY.isoformat(), "--format", "json", "--organ", "swj"])
    doc = json.loads(capsys.readouterr().out)
    assert code == 0 and [r["id"] for r in doc["reports"]] == ["swj-2025"]
    assert main(["report", "2019", "--root", str(REPO), "--today", TODAY.isoformat()]) == 1
    assert "没有2019年度的年度报告" in capsys.readouterr().out


# ---------------------------------------------------------------- printing


A4_PRINTABLE_PX = round((210 - 28) / 25.4 * 96)
"""A4 width less the print stylesheet's 14 mm side margins, in CSS pixels."""


def test_report_prints_on_a4(sample_site, browser):
    page = browser.new_page(viewport={"width": A4_PRINTABLE_PX, "height": 1100})
    try:
        page.goto((sample_site / "reports" / "xzf-2025" / "index.html").as_uri(), timeout=20_000)
        page.emulate_media(media="print")
        overflow = page.evaluate("""() => [...document.querySelectorAll('.gk-report-table')].map(t =>
            [t.className, t.getBoundingClientRect().right, document.documentElement.clientWidth, t.scrollWidth, t.clientWidth])""")
        assert len(overflow) == 3
        for name, right, width, scroll, client in overflow:
            assert right <= width + 1 and scroll <= client + 1, (name, right, width, scroll, client)
        hidden = page.evaluate("() => [...document.querySelectorAll('.md-sidebar, .md-header')].map(e => getComputedStyle(e).display)")
        assert hidden and set(hidden) == {"none"}  # only the report is printed
        pdf = page.pdf(format="A4", print_background=False)
    finally:
        page.close()
    assert pdf.startswith(b"%PDF")
    boxes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf)
    assert boxes and all(abs(float(w) - 595.92) < 2 and abs(float(h) - 842.88) < 2 for w, h in boxes), boxes[:3]
    pages = len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf))
    assert 2 <= pages <= 6, pages


# ---------------------------------------------------------------- gongkai new report


def test_new_report_writes_a_full_template_that_checks_once_the_text_is_written(make_site, capsys):
    root = make_site()
    assert main(["new", "report", "--root", str(root), "--today", "2026-01-12"]) == 0
    path = root / "content" / "reports" / "gov-2025.yml"
    text = path.read_text(encoding="utf-8")
    assert "year: 2025" in text and "title: 示例县人民政府2025年政府信息公开工作年度报告" in text
    for row in fmt.APPLICATION_ROWS:
        assert f"  {row.key}:" in text and row.full_label in text
    found = check_site(root, date(2026, 1, 12)).findings
    assert {(f.rule, f.severity) for f in found} == {("GK301", "error")}  # only the three empty sections
    assert len(found) == 3
    filled = text.replace("（请填写）", "本年度各项工作按计划推进。")
    path.write_text(filled, encoding="utf-8")
    assert check_site(root, date(2026, 1, 12)).findings == []
    assert main(["new", "report", "--root", str(root), "--today", "2026-01-12"]) == 2  # exists: refused
    assert "已存在" in capsys.readouterr().err
    assert main(["new", "report", "--root", str(root), "--today", "2026-01-12", "--publisher", "fgj"]) == 0
    assert (root / "content" / "reports" / "fgj-2025.yml").is_file()
