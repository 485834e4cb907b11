"""Real county practice: records shaped like what governments actually publish (fictional content in
tests/fixtures/real_practice, a 州-level government) check with no false error, and each case of the
format's extension passes or fails for its stated reason."""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path

import pytest

from generator.check import check_site
from generator.pages import plan, proposal_facts, proposal_stats
from generator.public import public_view
from generator.render import render_pages
from generator.rules.examples import decision, interpretation, normative, policy, proposal
from generator.site import ConfigError

TODAY = date(2026, 11, 26)
REAL = Path(__file__).parent / "fixtures" / "real_practice"


def _findings(root):
    report = check_site(root, TODAY)
    return report, [(f.path.rsplit("/", 1)[-1], f.rule, f.severity, f.message) for f in report.findings]


def _copy(tmp_path) -> Path:
    root = tmp_path / "real"
    shutil.copytree(REAL, root)
    return root


# ---------------------------------------------------------------- the real-shaped site


EXPECTED_WARNINGS = {
    # old documents named by title or 文号 only: shown as text, a warning
    ("qzbf-2026-5.yml", "GK111"), ("qzbf-2026-7.yml", "GK111"), ("qzz-2016-40.yml", "GK111"),
    # imported: the number kept as officially issued, missing procedure, a year of holidays no one has
    ("qzz-2016-40.yml", "GK202"), ("qzz-2016-40.yml", "GK108"), ("qzz-2016-40.yml", "GK016"),
    ("rd-18-1-31.yml", "GK202"),
}


@pytest.fixture(scope="module")
def real_report():
    return check_site(REAL, TODAY)


def test_real_shaped_site_checks_without_a_false_error(real_report):
    found = {(f.path.rsplit("/", 1)[-1], f.rule) for f in real_report.findings}
    assert real_report.errors == 0, [(f.path, f.rule, f.message) for f in real_report.findings if f.severity == "error"]
    assert found == EXPECTED_WARNINGS
    assert real_report.records == 18


def test_findings_cite_the_sites_own_work_rules(real_report):
    cited = {f.citation.source for f in real_report.findings if f.rule == "GK111"}
    assert cited == {"青岚州人民政府工作规则"}
    assert not any("康乐" in (f.citation.source or "") + f.message for f in real_report.findings)


def test_work_rules_title_can_be_configured(tmp_path):
    root = _copy(tmp_path)
    cfg = root / "site_config.yml"
    cfg.write_text(cfg.read_text(encoding="utf-8").replace("  level: 州\n", "  level: 州\n  work_rules_title: 青岚州人民政府工作规则（2026年修订）\n"),
                   encoding="utf-8")
    report = check_site(root, TODAY)
    assert {f.citation.source for f in report.findings if f.rule == "GK111"} == {"青岚州人民政府工作规则（2026年修订）"}


@pytest.fixture(scope="module")
def real_pages(real_report, tmp_path_factory):
    """The real-shaped site's pages rendered to Markdown (the templates, without a full MkDocs build)."""
    view = public_view(real_report.site)
    pages = plan(view)
    docs = tmp_path_factory.mktemp("real-docs")
    render_pages(view, pages, docs, _AnyAttachment())
    return view, {p.url: (docs / p.source_path).read_text(encoding="utf-8") for p in pages}


class _AnyAttachment(dict):
    def __missing__(self, key):
        return {"kind": "PDF", "size": "1 KB"}


def test_pages_follow_the_government_level(real_pages):
    _, pages = real_pages
    org = pages["organization/"]
    assert "州政府实行州长负责制" in org and "县长" not in org and "《青岚州人民政府工作规则》第十条" in org
    meeting = pages["decisions/cwhy-18-52/"]
    assert "韩启明（州长）" in meeting and "十八届第52次" in meeting
    for outcome in ("审议通过", "传达学习", "研究部署", "讨论", "听取汇报", "不予通过", "暂缓"):
        assert outcome in meeting
    assert "州长办公会议" in pages["decisions/zzbg-18-7/"]
    assert any(url.startswith("decisions/type/zzbg/") for url in pages)


def test_pages_show_what_real_records_carry_and_nothing_invented(real_pages):
    view, pages = real_pages
    group = pages["proposals/rd-18-5-15/"]
    assert "岳明川等3名代表" in group and "青发改函〔2026〕31号" in group and "任志刚" in group
    assert "办理结果</dt>" not in group and "满意度</dt>" not in group  # not shown, not guessed
    assert "按时办结" in group  # assigned is known: the timing is real
    old = pages["proposals/rd-18-1-31/"]
    assert "交办" not in old and "按时" not in old and "超期" not in old  # no 交办日期 → no timing
    assert "青教体函[2022]31号" in old  # kept exactly as issued
    facts = proposal_facts(view, view.get("proposals", "rd-18-1-31"))
    assert facts.on_time is None and facts.deadline is None
    # a meeting report without a 索引号 or a chair shows neither
    assert "索引号" not in pages["decisions/cwhy-18-52/"] and "主持人" not in pages["decisions/cwhy-18-12/"]


def test_outside_documents_are_shown_as_text(real_pages):
    _, pages = real_pages
    report = pages["interpretations/jd-gzbg-2026/"]
    assert "《2026年青岚州人民政府工作报告》（青岚州人民政府）" in report
    assert 'href="https://www.example.gov.cn/qlz/zwgk/gzbg/2026/"' in report and "本站未收录" in report
    assert "云岭政发〔2026〕18号" in pages["interpretations/jd-ylsz-2026-18/"]
    assert "2007年印发的《青岚州突发环境事件应急预案》" in pages["policies/qzbf-2026-5/"]
    amended = pages["policies/qzbf-2026-7/"]
    assert "《青岚州城区停车管理办法》（青政办发〔2019〕21号，青岚州人民政府办公室）" in amended
    # an imported document with a non-GB/T number is found by that number
    assert 'href="../../policies/qzz-2016-40/"' in pages["policies/qzf-2026-9/"]
    assert "已废止" in pages["policies/qzz-2016-40/"]
    assert "视频解读" in pages["interpretations/"]


def test_statistics_count_unclassified_and_no_feedback(real_pages):
    view, _ = real_pages
    stats = proposal_stats(view)
    classes = {k: n for k, _, n in stats["by_class"]}
    satisfaction = dict(stats["by_satisfaction"])
    assert classes["未分类"] == 3 and classes["B"] == 1
    assert satisfaction["未反馈"] == 2 and satisfaction["满意"] == 1 and satisfaction["基本满意"] == 1
    assert dict(stats["by_kind"])["议事原案"] == 1
    assert stats["unknown_timing"] == 1


# ---------------------------------------------------------------- government level


def test_prefecture_leaders_pass_and_county_roles_in_a_prefecture_are_a_config_error(tmp_path):
    root = _copy(tmp_path)
    cfg = root / "site_config.yml"
    cfg.write_text(cfg.read_text(encoding="utf-8").replace("role: 常务副州长", "role: 常务副县长"), encoding="utf-8")
    with pytest.raises(ConfigError) as exc:
        check_site(root, TODAY)
    message = " ".join(f.message for f in exc.value.findings)
    assert "常务副县长" in message and "government.level: 州" in message and "常务副州长" in message


def test_a_city_government_signs_rules_by_its_mayor(make_site):
    config = ("  - {id: shizhang, name: 程远山, role: 市长}\n  - {id: fushi, name: 季平, role: 副市长}\n")
    files = {"site_config.yml": "", "content/policies/gongshui.yml": normative(kind="规章", doc_no="示例县人民政府令第1号", signer="fushi"),
             "content/interpretations/jd-gongshui.yml": interpretation()}
    root = make_site(files)
    text = (root / "site_config.yml").read_text(encoding="utf-8")
    text = re.sub(r"leaders:\n(  - .*\n)+", "leaders:\n" + config, text).replace("  name: 示例县人民政府\n", "  name: 示例市人民政府\n  level: 市\n")
    (root / "site_config.yml").write_text(text, encoding="utf-8")
    report, found = _findings(root)
    assert [(r, m) for _, r, _, m in found if r == "GK110"] == [("GK110", "规章签署人“季平”（副市长）不是市长")]


def test_meeting_types_follow_the_level(tmp_path):
    root = _copy(tmp_path)
    path = root / "content/decisions/zzbg-18-7.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("type: 州长办公会议", "type: 县长办公会议"), encoding="utf-8")
    _, found = _findings(root)
    assert any(r == "GK012" and "州长办公会议" in m for f, r, _, m in found if f == "zzbg-18-7.yml"), found


# ---------------------------------------------------------------- meetings


def test_per_term_numbering_needs_the_term_and_is_unique_per_term(tmp_path):
    root = _copy(tmp_path)
    path = root / "content/decisions/cwhy-18-55.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("number: 55", "number: 52"), encoding="utf-8")
    _, found = _findings(root)
    assert any(r == "GK203" and "十八届第52次常务会议" in m for _, r, _, m in found), found
    path.write_text(path.read_text(encoding="utf-8").replace("  term: 十八届\n", ""), encoding="utf-8")
    _, found = _findings(root)
    assert any(f == "cwhy-18-55.yml" and r == "GK011" and "meeting.term" in m for f, r, _, m in found), found


def test_per_year_numbering_is_unique_per_year(make_site):
    second = decision(title="示例县人民政府2026年第5次常务会议决定事项（重复）", index_no="11622922013960001W/2026-00009")
    _, found = _findings(make_site({"content/decisions/a.yml": decision(), "content/decisions/b.yml": second}))
    assert any(r == "GK203" and "2026年第5次常务会议" in m for _, r, _, m in found), found


def test_meeting_records_need_an_index_no_unless_the_catalogue_says_otherwise(make_site):
    _, found = _findings(make_site({"content/decisions/a.yml": decision(index_no=None)}))
    assert any(r == "GK011" and "index_no" in m for _, r, _, m in found), found


def test_only_adopting_outcomes_start_the_issue_deadline(make_site):
    late_doc = normative(written="2026-06-09", issued="2026-06-10", published="2026-06-12")
    files = {"content/policies/gongshui.yml": late_doc, "content/interpretations/jd-gongshui.yml": interpretation(published="2026-06-12")}
    for outcome, fires in (("审议通过", True), ("原则同意", True), ("研究部署", False), ("传达学习", False)):
        meeting = decision(items=f"\n  - title: 审议《示例县农村供水工程运行管理办法》\n    outcome: {outcome}\n    documents: [gongshui]")
        root = make_site({**files, "content/decisions/cwhy-2026-5.yml": meeting})
        _, found = _findings(root)
        assert any(r == "GK105" for _, r, _, _ in found) == fires, (outcome, found)
        shutil.rmtree(root)


# ---------------------------------------------------------------- proposals


def test_result_and_satisfaction_may_wait_but_the_kind_must_be_configured(make_site):
    report, found = _findings(make_site({"content/proposals/rd-5-12.yml": proposal(result=None, satisfaction=None)}))
    assert report.errors == 0, found
    _, found = _findings(make_site({"content/proposals/rd-5-12.yml": proposal(kind="议事原案")}))
    assert any(r == "GK012" and "rules.proposal_kinds" in m for _, r, _, m in found), found


def test_reply_numbers_are_checked_like_any_doc_no(make_site):
    _, found = _findings(make_site({"content/proposals/rd-5-12.yml": proposal(reply_doc_no="康发改函〔2026〕031号")}))
    assert any(r == "GK202" and s == "error" and "复文字号" in m and "虚位" in m for _, r, s, m in found), found


def test_a_group_cannot_be_smaller_than_its_named_members(make_site):
    _, found = _findings(make_site({"content/proposals/rd-5-12.yml": proposal(proposers="[马文清, 杨青]", proposer_count="1")}))
    assert any(r == "GK012" and "proposer_count" in m for _, r, _, m in found), found


# ---------------------------------------------------------------- interpretations and repeals


def test_an_outside_documents_number_and_link_are_checked(make_site):
    bad = interpretation(interprets="\n  title: 省政府工作报告\n  doc_no: 省政发[2026]3号")
    _, found = _findings(make_site({"content/interpretations/jd.yml": bad}))
    assert any(r == "GK202" and s == "error" for _, r, s, _ in found), found
    assert not any(r == "GK015" for _, r, _, _ in found)
    script = interpretation(interprets="\n  title: 省政府工作报告\n  url: javascript:alert(1)")
    _, found = _findings(make_site({"content/interpretations/jd.yml": script}))
    assert any(r == "GK012" and "url" in m for _, r, _, m in found), found


def test_a_title_only_repeal_is_a_warning_but_an_unknown_id_stays_an_error(make_site):
    _, found = _findings(make_site({"content/policies/fangxun.yml": policy(repeals="\n  - {title: 2007年印发的《示例县防汛预案》}")}))
    assert [(r, s) for _, r, s, _ in found] == [("GK111", "warning")], found
    _, found = _findings(make_site({"content/policies/fangxun.yml": policy(repeals="[no-such-id]")}))
    assert [(r, s) for _, r, s, _ in found] == [("GK111", "error")], found


# ---------------------------------------------------------------- GK109 and GK016: as the law says


def _rule_doc(body: str, **kw) -> dict[str, str]:
    text = "|\n  " + body + "\n\n  第二条 本办法自发布之日起施行。"
    return {"content/policies/gongshui.yml": normative(body=text, **kw),
            "content/interpretations/jd-gongshui.yml": interpretation()}


RULE_FIELDS = dict(kind="规章", doc_no="示例县人民政府令第1号", signer="xianzhang")


@pytest.mark.parametrize("body, kind, fires, article", [
    ("第一条 违反本办法的，给予警告，可以处以五千元罚款。", "规章", False, None),
    ("第一条 违反本办法的，由县水务局处以五千元罚款。", "行政规范性文件", True, ("中华人民共和国行政处罚法", "第十六条")),
    ("第一条 违反本办法的，给予警告。", "行政规范性文件", True, ("中华人民共和国行政处罚法", "第十六条")),
    ("第一条 情节严重的，吊销其取水许可证。", "规章", True, ("中华人民共和国行政处罚法", "第十四条")),
    ("第一条 对违法取水设施，予以查封。", "规章", True, ("中华人民共和国行政强制法", "第十条")),
    ("第一条 新建取水工程须经县水务局批准后方可施工。", "规章", True, ("中华人民共和国行政许可法", "第十五条")),
])
def test_gk109_distinguishes_rules_from_normative_documents(make_site, body, kind, fires, article):
    extra = RULE_FIELDS if kind == "规章" else {}
    report, found = _findings(make_site(_rule_doc(body, **extra)))
    hits = [f for f in report.findings if f.rule == "GK109"]
    assert bool(hits) == fires, found
    if article and kind == "规章":
        assert (hits[0].citation.source, hits[0].citation.article) == article
    elif article:
        assert f"《{article[0][7:]}》{article[1]}" in hits[0].message


def test_gk109_lets_a_provincial_rule_set_a_temporary_licence(make_site):
    root = make_site(_rule_doc("第一条 新建取水工程须经省水利厅批准后方可施工。", **RULE_FIELDS))
    cfg = root / "site_config.yml"
    text = cfg.read_text(encoding="utf-8").replace("  name: 示例县人民政府\n", "  name: 示例省人民政府\n  level: 省\n")
    cfg.write_text(text.replace("role: 县长", "role: 省长").replace("role: 常务副县长", "role: 常务副省长"), encoding="utf-8")
    report, found = _findings(root)
    assert not any(r == "GK109" for _, r, _, _ in found), found


def test_gk016_asks_only_for_the_years_a_deadline_reaches(make_site):
    """A 2011 document without an interpretation, judged in 2026: its deadline lies in 2011, so 2011's
    table is all it needs (it used to ask for 2012, then 2013, … one year at a time)."""
    old = normative(written="2011-03-01", published="2011-03-04", index_no="11622922013960001W/2011-00002",
                    doc_no="康政发〔2011〕9号", legality_review="\n  date: 2011-02-25\n  result: 合法")
    calendar = "rules:\n  calendar:\n    holidays: [2011-01-03, 2011-02-02, 2011-02-03, 2011-02-04, 2011-02-07, 2011-02-08, 2011-04-04, 2011-04-05]\n    workdays: [2011-01-30, 2011-02-12, 2011-04-02]\n"
    root = make_site({"content/policies/gongshui.yml": old})
    cfg = root / "site_config.yml"
    cfg.write_text(calendar + cfg.read_text(encoding="utf-8"), encoding="utf-8")
    report, found = _findings(root)
    assert not any(r == "GK016" for _, r, _, _ in found), found
    assert any(r == "GK102" for _, r, _, _ in found)  # still late: judged with 2011's table alone
