"""Records brought from a previous site (`imported: {from, on}`): what the source did not show may be
omitted, deadline rules and the 文号 format report warnings, and new records get none of this."""

from __future__ import annotations

from datetime import date

from generator.check import check_site
from generator.pages import proposal_facts
from generator.public import public_view
from generator.rules.examples import policy, proposal

TODAY = date(2026, 11, 26)
IMPORTED = "\n  from: https://old.example.gov.cn/zwgk/art/2016/12/18/art_1.html\n  on: 2026-09-01"


def findings(root):
    report = check_site(root, TODAY)
    return report, [(f.path.rsplit("/", 1)[-1], f.rule, f.severity, f.message) for f in report.findings]


def test_imported_policy_keeps_its_old_number_and_missing_fields_as_warnings(make_site):
    # published late, a non-GB/T 文号 as officially issued, no 索引号, no 主题分类
    old = policy(doc_no="康政知﹝2016﹞40号", written="2016-12-18", published="2017-03-01", index_no=None,
                 topic=None, imported=IMPORTED)
    root = make_site({"content/policies/kzz-2016-40.yml": old})
    report, found = findings(root)
    assert report.errors == 0, found
    rules = {(rule, sev) for _, rule, sev, _ in found}
    assert ("GK202", "warning") in rules  # the number is kept exactly as issued, with a warning
    assert all("导入的历史记录" in msg for _, rule, _, msg in found if rule in ("GK202", "GK201"))
    # the same record without `imported` is new: every one of these is an error again
    root2 = make_site({"content/policies/kzz-2016-40.yml": old.replace("imported:" + IMPORTED + "\n", "")})
    report2, found2 = findings(root2)
    errors = {rule for _, rule, sev, _ in found2 if sev == "error"}
    assert {"GK011", "GK202"} <= errors, found2


def test_imported_proposal_without_assigned_shows_no_timing(make_site):
    text = proposal(assigned=None, result=None, satisfaction=None, imported=IMPORTED, published="2026-07-10")
    root = make_site({"content/proposals/rd-5-12.yml": text})
    report, found = findings(root)
    assert report.errors == 0, found
    view = public_view(report.site)
    rec = view.get("proposals", "rd-5-12")
    facts = proposal_facts(view, rec)
    assert facts.on_time is None and facts.deadline is None
    assert all(day is not None for _, day in facts.steps)  # no empty 交办 step that reads as pending
    # new records must have 交办日期
    root2 = make_site({"content/proposals/rd-5-12.yml": proposal(assigned=None)})
    _, found2 = findings(root2)
    assert any(rule == "GK011" and "assigned" in msg for _, rule, _, msg in found2), found2


def test_timing_rules_on_imported_records_are_warnings(make_site):
    late = proposal(replied="2026-07-20", published="2026-07-24", imported=IMPORTED)
    root = make_site({"content/proposals/rd-5-12.yml": late})
    report, found = findings(root)
    assert report.errors == 0 and any(r == "GK103" and s == "warning" for _, r, s, _ in found), found


def test_imported_cannot_dodge_the_rules_for_a_new_record(make_site):
    # published after the import date: this is not history, it is a new record
    fresh = proposal(replied="2026-07-20", published="2026-07-24",
                     imported="\n  from: https://old.example.gov.cn/x.html\n  on: 2026-07-01")
    report, found = findings(make_site({"content/proposals/rd-5-12.yml": fresh}))
    assert any(r == "GK206" and s == "error" and "imported" in m for _, r, s, m in found), found


def test_an_old_catalogues_index_no_is_kept_with_a_warning(make_site):
    old = policy(index_no="622922-01/2016-0040", written="2016-12-18", published="2026-06-03", imported=IMPORTED)
    report, found = findings(make_site({"content/policies/fangxun.yml": old}))
    assert ("GK204", "warning") in {(r, s) for _, r, s, _ in found} and report.errors == 0, found
    report, found = findings(make_site({"content/policies/fangxun.yml": policy(index_no="622922-01/2016-0040")}))
    assert ("GK204", "error") in {(r, s) for _, r, s, _ in found}, found
