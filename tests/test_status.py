"""`gongkai status`: the office's to-do list — deadlines as the checker computes them, both output
formats, CJK alignment, and no crash when the holiday table lacks a year."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import unicodedata
from datetime import date
from pathlib import Path

import pytest

from generator.check import check_site
from generator.commands import status
from generator.rules.examples import interpretation, normative, proposal
from generator.site import load_site
from generator.workdays import CalendarYearMissing, WorkCalendar

from .conftest import REPO

TODAY = date(2026, 11, 26)
OVERDUE, DUE_SOON, UNPUBLISHED, NO_INTERPRETATION, ANNUAL_REPORT, EXPIRING, SCHEDULED = status.CATEGORIES


def run_cli(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    env.pop("GONGKAI_DEBUG", None)
    return subprocess.run([sys.executable, "-m", "generator", "status", *args], capture_output=True, text=True,
                          env=env, timeout=120)


def collect(root: Path, today: date = TODAY, soon: int = 10) -> status.Report:
    return status.collect(load_site(root, today), soon)


def by_id(report: status.Report) -> dict[str, list[status.Item]]:
    found: dict[str, list[status.Item]] = {}
    for item in report.items:
        found.setdefault(item.id, []).append(item)
    return found


def copy_sample(dest: Path) -> Path:
    """The sample site (site_config.yml and content/) in a scratch directory that a test may edit."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "site_config.yml", dest / "site_config.yml")
    shutil.copytree(REPO / "content", dest / "content")
    return dest


def set_key(path: Path, key: str, value: str) -> None:
    text = path.read_text(encoding="utf-8")
    new, n = re.subn(rf"^{key}: .*$", f"{key}: {value}", text, count=1, flags=re.M)
    assert n == 1, (path, key)
    path.write_text(new, encoding="utf-8")


def width(text: str) -> int:
    """Display columns, counted independently of the module under test."""
    return sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1
               for c in text)


def tables(text: str) -> list[list[str]]:
    """Each table of the text output: its header, its rule of dashes and its rows."""
    lines = text.splitlines()
    found = []
    for i, line in enumerate(lines):
        if line and set(line) == {"-"}:
            block = [lines[i - 1], line]
            for row in lines[i + 1:]:
                if not row:
                    break
                block.append(row)
            found.append(block)
    return found


# ---------------------------------------------------------------- the sample site


@pytest.fixture(scope="module")
def sample_site():
    return load_site(REPO, TODAY)


def test_overdue_proposal_on_sample_has_the_checkers_deadline(sample_site):
    report = status.collect(sample_site)
    [item] = by_id(report)["rd17-5-044"]
    cal = sample_site.calendar
    deadline = cal.deadline_after_months(date(2026, 3, 3), sample_site.config.rules.deadlines.proposal_reply_months)
    assert deadline == date(2026, 6, 3)
    assert item.category == OVERDUE
    assert item.path == "content/proposals/rd17-5-044.yml"
    assert item.unit == sample_site.organizations["zjj"].name
    assert item.dates == {"assigned": date(2026, 3, 3), "deadline": deadline, "days_overdue": (TODAY - deadline).days}
    assert "逾期" in item.action and item.note is None


def test_overdue_list_agrees_with_checker_warnings():
    findings = check_site(REPO, TODAY).findings
    warned = {f.path for f in findings if f.rule == "GK103" and f.severity == "warning"}
    listed = {i.path for i in collect(REPO).items if i.category == OVERDUE}
    assert listed == warned == {"content/proposals/rd17-5-044.yml"}


@pytest.mark.parametrize("soon", [0, 5, 7, 8, 10, 20])
def test_not_yet_due_listed_only_within_soon_working_days(sample_site, soon):
    report = status.collect(sample_site, soon)
    items = by_id(report)
    cal = sample_site.calendar
    months = sample_site.config.rules.deadlines.proposal_reply_months

    # zx11-5-040: the deadline is in 2026, which the table covers.
    deadline = cal.deadline_after_months(date(2026, 9, 8), months)
    left = cal.workdays_between(TODAY, deadline)
    if left <= soon:
        [item] = items["zx11-5-040"]
        assert item.category == DUE_SOON
        assert item.dates["deadline"] == deadline and item.dates["workdays_left"] == left
    else:
        assert "zx11-5-040" not in items

    # rd17-5-058: assigned 2026-10-20, the deadline falls in 2027, which the table lacks; the working
    # days left in 2026 alone already exceed every N here, so it is not close to its deadline.
    with pytest.raises(CalendarYearMissing):
        cal.deadline_after_months(date(2026, 10, 20), months)
    assert cal.workdays_between(TODAY, date(2026, 12, 31)) > soon
    assert "rd17-5-058" not in items


def test_deadline_in_a_missing_year_is_listed_with_a_note_when_it_may_be_close(sample_site):
    at_least = sample_site.calendar.workdays_between(TODAY, date(2026, 12, 31))
    [item] = by_id(status.collect(sample_site, at_least))["rd17-5-058"]
    assert item.category == DUE_SOON
    assert item.dates["deadline"] is None
    assert item.dates["deadline_not_before"] == date(2027, 1, 20)
    assert item.dates["workdays_left"] is None and item.dates["workdays_left_at_least"] == at_least
    assert "2027" in item.note and item.missing_year == 2027


def test_deadline_exact_once_the_site_adds_the_year(tmp_path):
    root = copy_sample(tmp_path / "site")
    config = root / "site_config.yml"
    # A made-up 2027 entry (New Year's Day only): enough for the table to cover the year.
    config.write_text(config.read_text(encoding="utf-8").replace("holidays: [2016-01-01,", "holidays: [2027-01-01, 2016-01-01,"),
                      encoding="utf-8")
    today = date(2027, 1, 8)
    site = load_site(root, today)
    deadline = site.calendar.deadline_after_months(date(2026, 10, 20), 3)
    left = site.calendar.workdays_between(today, deadline)
    assert (deadline, left) == (date(2027, 1, 20), 8)
    [item] = by_id(status.collect(site, 10))["rd17-5-058"]
    assert item.category == DUE_SOON and item.note is None
    assert item.dates == {"assigned": date(2026, 10, 20), "deadline": deadline, "workdays_left": left}
    assert "rd17-5-058" not in by_id(status.collect(site, left - 1))


def test_nothing_else_on_the_sample(sample_site):
    assert status.collect(sample_site).summary() == {OVERDUE: 1, DUE_SOON: 1, UNPUBLISHED: 0, NO_INTERPRETATION: 0,
                                                    ANNUAL_REPORT: 0, EXPIRING: 0, SCHEDULED: 0}


# ---------------------------------------------------------------- annual reports


def test_annual_reports_owed_are_listed_with_the_checkers_deadlines(tmp_path):
    """After the year ends, each organ that publishes annual reports owes the next one: a department
    by 31 January, the people's government by 31 March (条例 第四十九条, GK314)."""
    report = collect(REPO, date(2027, 2, 5))
    items = {i.id: i for i in report.items if i.category == ANNUAL_REPORT}
    assert set(items) == {"fgj-2026", "swj-2026", "xzf-2026"}
    assert items["fgj-2026"].dates == {"deadline": date(2027, 1, 31), "days_overdue": 5}
    assert items["xzf-2026"].dates == {"deadline": date(2027, 3, 31), "days_left": 54}
    assert items["fgj-2026"].path == "content/reports/fgj-2026.yml"
    assert "已逾期" in items["fgj-2026"].action and "2027年3月31日前" in items["xzf-2026"].action
    assert [i.id for i in report.items if i.category == ANNUAL_REPORT] == ["fgj-2026", "swj-2026", "xzf-2026"]
    warned = {f.message for f in check_site(REPO, date(2027, 2, 5)).findings if f.rule == "GK314"}
    assert any("发展和改革局2026年度报告" in m for m in warned) and not any("人民政府2026" in m for m in warned)
    # nothing listed when the rule is switched off
    root = copy_sample(tmp_path / "site")
    config = root / "site_config.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("rules:\n", "rules:\n  severity: {GK314: off}\n", 1),
                      encoding="utf-8")
    assert not [i for i in collect(root, date(2027, 2, 5)).items if i.category == ANNUAL_REPORT]


# ---------------------------------------------------------------- policies


def test_policy_expiring_within_six_months_is_listed(tmp_path):
    root = copy_sample(tmp_path / "site")
    policies = root / "content" / "policies"
    limit = WorkCalendar.add_months(TODAY, 6)
    assert limit == date(2027, 5, 26)
    set_key(policies / "kzbf-2026-3.yml", "expires", limit.isoformat())        # in force, on the last day
    set_key(policies / "kzf-2024-7.yml", "expires", "2027-01-31")              # 已修改 but still in force
    set_key(policies / "ksf-2023-4.yml", "expires", "2027-05-27")              # one day beyond six months
    set_key(policies / "kzf-2023-5.yml", "expires", "2027-02-01")              # repealed by kzf-2025-3
    items = [i for i in collect(root).items if i.category == EXPIRING]
    assert [i.id for i in items] == ["kzf-2024-7", "kzbf-2026-3"]  # soonest first
    first = items[0]
    assert first.dates["expires"] == date(2027, 1, 31)
    assert first.dates["days_left"] == (date(2027, 1, 31) - TODAY).days
    assert first.path == "content/policies/kzf-2024-7.yml"
    assert "有效期届满前评估" in first.action
    # kmf-2023-6 expired on 2025-12-31: already 失效, not a coming expiry.
    assert "kmf-2023-6" not in {i.id for i in items}


def test_normative_document_whose_interpretation_is_removed_is_listed(tmp_path):
    root = copy_sample(tmp_path / "site")
    (root / "content" / "interpretations" / "jd-kfgf-2026-12.yml").unlink()
    site = load_site(root, TODAY)
    [item] = by_id(status.collect(site))["kfgf-2026-12"]
    published = site.records["policies"]["kfgf-2026-12"].model.published
    deadline = site.calendar.add_workdays(published, site.config.rules.deadlines.interpretation_workdays)
    assert item.category == NO_INTERPRETATION
    assert item.dates == {"published": published, "deadline": deadline, "window_passed": True,
                          "days_overdue": (TODAY - deadline).days}
    assert item.unit == site.organizations["fgj"].name
    gk102 = {f.path for f in check_site(root, TODAY).findings if f.rule == "GK102"}
    assert gk102 == {item.path}


def test_interpretation_window_still_open(make_site):
    root = make_site({"content/policies/gongshui.yml": normative(published="2026-11-25")})
    site = load_site(root, TODAY)
    [item] = status.collect(site).items
    deadline = site.calendar.add_workdays(date(2026, 11, 25), 3)
    assert item.category == NO_INTERPRETATION
    assert item.dates == {"published": date(2026, 11, 25), "deadline": deadline, "window_passed": False,
                          "workdays_left": site.calendar.workdays_between(TODAY, deadline)}
    assert not [f for f in check_site(root, TODAY).findings if f.rule == "GK102"]  # not late yet


def test_interpretation_present_or_waived_lists_nothing(make_site):
    waived = normative(waivers="\n  - rule: GK102\n    reason: 县政府常务会议决定以新闻发布会解读，另行发布")
    root = make_site({"content/policies/gongshui.yml": normative(),
                      "content/interpretations/jd-gongshui.yml": interpretation(),
                      "content/policies/gongshui-2.yml": waived.replace("gongshui", "x").replace("9号", "10号")})
    assert collect(root).items == []


# ---------------------------------------------------------------- proposal results


def test_reply_not_yet_published(make_site):
    root = make_site({
        "content/proposals/open.yml": proposal(replied="2026-11-20", published=None),
        "content/proposals/late.yml": proposal(number="13", replied="2026-09-01", published=None),
        "content/proposals/withheld.yml": proposal(number="14", published=None, reply_disclosure="不予公开",
                                                   disclosure_basis="个人隐私", reply=None),
        "content/proposals/done.yml": proposal(number="15"),
    })
    site = load_site(root, TODAY)
    items = by_id(status.collect(site))
    assert set(items) == {"open", "late"}
    cal = site.calendar
    [late], [open_] = items["late"], items["open"]
    late_deadline = cal.add_workdays(date(2026, 9, 1), 20)
    assert late.category == open_.category == UNPUBLISHED
    assert late.dates == {"replied": date(2026, 9, 1), "deadline": late_deadline, "window_passed": True,
                          "days_overdue": (TODAY - late_deadline).days}
    open_deadline = cal.add_workdays(date(2026, 11, 20), 20)
    assert open_.dates["window_passed"] is False and open_.dates["deadline"] == open_deadline
    assert open_.dates["workdays_left"] == cal.workdays_between(TODAY, open_deadline)
    assert [i.id for i in status.collect(site).items] == ["late", "open"]  # most urgent first
    gk104 = {f.path for f in check_site(root, TODAY).findings if f.rule == "GK104"}
    assert gk104 == {late.path}


# ---------------------------------------------------------------- robustness


def test_record_files_with_format_problems_are_skipped_silently(make_site):
    overdue = proposal(replied=None, result=None, satisfaction=None, reply_disclosure=None, reply=None,
                       published=None, assigned="2026-03-02")
    root = make_site({
        "content/proposals/good.yml": overdue,
        "content/proposals/typo.yml": overdue.replace("number: 12", "number: 13") + "leed: fgj\n",
        "content/proposals/nolead.yml": overdue.replace("number: 12", "number: 14").replace("lead: fgj", "lead: nobody"),
        "content/proposals/broken.yml": "title: [unclosed\n",
    })
    proc = run_cli("--root", str(root), "--today", TODAY.isoformat(), "--format", "json")
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    doc = json.loads(proc.stdout)
    assert [(i["id"], i["category"]) for i in doc["items"]] == [("good", OVERDUE)]


def test_waived_overdue_proposal_is_not_listed(make_site):
    waived = proposal(replied=None, result=None, satisfaction=None, reply_disclosure=None, reply=None,
                      published=None, waivers="\n  - rule: GK103\n    reason: 经县人大常委会同意，待年度预算安排后答复")
    assert collect(make_site({"content/proposals/w.yml": waived})).items == []


def test_nothing_to_do(make_site):
    root = make_site()
    proc = run_cli("--root", str(root), "--today", TODAY.isoformat())
    assert proc.returncode == 0
    assert "暂无需要处理的事项" in proc.stdout
    doc = json.loads(run_cli("--root", str(root), "--today", TODAY.isoformat(), "--format", "json").stdout)
    assert doc == {"today": "2026-11-26", "soon_workdays": 10, "items": [],
                   "summary": {c: 0 for c in status.CATEGORIES}}


@pytest.mark.parametrize("args", [["--soon", "-1"], ["--soon", "ten"], ["--format", "xml"], ["--today", "2026/11/26"]])
def test_bad_arguments_exit_2(args):
    proc = run_cli("--root", str(REPO), *args)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr and proc.stderr.strip()


def test_unusable_root_exits_2(tmp_path):
    proc = run_cli("--root", str(tmp_path), "--today", TODAY.isoformat())
    assert proc.returncode == 2
    assert "site_config.yml" in proc.stderr and "Traceback" not in proc.stderr


# ---------------------------------------------------------------- output


def test_json_shape_from_the_cli():
    proc = run_cli("--root", str(REPO), "--today", TODAY.isoformat(), "--format", "json")
    assert proc.returncode == 0 and "Traceback" not in proc.stderr
    doc = json.loads(proc.stdout)
    assert doc["today"] == "2026-11-26"
    assert set(doc["summary"]) == set(status.CATEGORIES)
    assert sum(doc["summary"].values()) == len(doc["items"])
    for item in doc["items"]:
        assert set(item) == {"category", "path", "id", "title", "unit", "dates", "action", "note"}
        assert item["category"] in status.CATEGORIES
        assert (REPO / item["path"]).is_file() and Path(item["path"]).stem == item["id"]
        assert item["title"] and item["unit"] and item["action"]
        for key, value in item["dates"].items():
            assert value is None or isinstance(value, (int, bool)) or date.fromisoformat(value), key
    [overdue] = [i for i in doc["items"] if i["id"] == "rd17-5-044"]
    assert overdue["dates"] == {"assigned": "2026-03-03", "deadline": "2026-06-03", "days_overdue": 176}


def test_text_tables_align_cjk(tmp_path):
    root = copy_sample(tmp_path / "site")
    (root / "content" / "interpretations" / "jd-kfgf-2026-12.yml").unlink()
    set_key(root / "content" / "policies" / "kzbf-2026-3.yml", "expires", "2027-03-31")
    proc = run_cli("--root", str(root), "--today", TODAY.isoformat(), "--soon", "30")
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    for heading in (OVERDUE, DUE_SOON, NO_INTERPRETATION, EXPIRING):
        assert re.search(rf"^[一二三四五]、{heading}（\d+项）$", out, re.M), heading
    blocks = tables(out)
    assert len(blocks) == 4
    for block in blocks:
        assert len(block) >= 3
        assert len({width(line) for line in block}) == 1, block
        header, rows = block[0], block[2:]
        # every cell starts at the display offset where its column's header starts
        cols = {width(header[:m.start()]) for m in re.finditer(r"(?<=  )\S", header)}
        for row in rows:
            cells_at = {width(row[:m.start()]) for m in re.finditer(r"(?<=  )\S", row)}
            assert len(cells_at) >= 5 and cells_at <= cols, (header, row)
    assert "content/proposals/rd17-5-044.yml" in out
    assert re.search(r"^合计\d+项：", out, re.M)


def test_today_in_2027_does_not_crash_and_notes_the_missing_year():
    proc = run_cli("--root", str(REPO), "--today", "2027-03-01")
    assert proc.returncode == 0 and "Traceback" not in proc.stderr, proc.stderr
    assert "缺少2027年" in proc.stdout
    assert "rules.calendar" in proc.stdout  # how to add the year
    for block in tables(proc.stdout):
        assert len({width(line) for line in block}) == 1
    doc = json.loads(run_cli("--root", str(REPO), "--today", "2027-03-01", "--format", "json").stdout)
    [late] = [i for i in doc["items"] if i["id"] == "rd17-5-058"]
    assert late["category"] == OVERDUE
    assert late["dates"]["deadline"] is None and late["dates"]["deadline_not_before"] == "2027-01-20"
    assert "2027" in late["note"]
    known = {i["id"]: i for i in doc["items"]}
    assert known["rd17-5-044"]["dates"]["deadline"] == "2026-06-03" and known["rd17-5-044"]["note"] is None
