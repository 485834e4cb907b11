"""One concept, one place: each test here fails when two places that must agree are written apart again."""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path

import pytest

from generator import pages
from generator.check import evaluate
from generator.commands import status
from generator.deadlines import LATE, MET, OPEN, OVERDUE, UNKNOWN
from generator.public import public_view
from generator.rules.gk102_policy_without_interpretation import interpretation_due
from generator.rules.gk103_proposal_answered_late import reply_due
from generator.rules.gk104_proposal_result_not_published import publication_due
from generator.rules.gk105_meeting_document_issued_late import decided_documents
from generator.site import load_site

from .conftest import REPO

PACKAGE = REPO / "generator"
DAYS = (date(2024, 6, 3), date(2025, 3, 14), date(2026, 6, 10), date(2026, 11, 26))


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("sample")
    shutil.copy(REPO / "site_config.yml", root / "site_config.yml")
    shutil.copytree(REPO / "content", root / "content")
    return root


def _source(relpath: str) -> str:
    return (PACKAGE / relpath).read_text(encoding="utf-8")


# ---------------------------------------------------------------- deadlines (GK102–GK105)


@pytest.mark.parametrize("today", DAYS, ids=str)
def test_status_pages_and_checker_share_each_deadline(sample, today):
    """The checker reports a deadline rule exactly where its Due is late; ``gongkai status`` lists the
    Due's own deadline; the proposal pages show it."""
    site = load_site(sample, today)
    findings = evaluate(site)
    fired = {(f.rule, f.path) for f in findings}
    report = status.collect(site, soon=10_000)
    listed = {(i.rule, i.path): i for i in report.items if i.rule}
    view = public_view(site)
    for rec in site.sorted("proposals"):
        path = rec.source.relpath
        due = reply_due(rec.model, site)
        assert due.state in (MET, LATE, OPEN, OVERDUE, UNKNOWN)
        if due.late is not None:
            assert (("GK103", path) in fired) == (due.late and not rec.model.waivers), (path, due)
        if rec.model.replied is None and due.deadline is not None:
            assert listed[("GK103", path)].dates["deadline"] == due.deadline
        public = view.get("proposals", rec.id)
        if public is not None:
            facts = pages.proposal_facts(view, public)
            assert (facts.deadline, facts.on_time) == (due.deadline, due.on_time)
        pub = publication_due(rec.model, site)
        if pub is not None and pub.done is None:
            assert listed[("GK104", path)].dates["deadline"] == pub.deadline
            assert (("GK104", path) in fired) == bool(pub.late)
    for rec in site.sorted("policies"):
        path = rec.source.relpath
        due = interpretation_due(rec, site)
        if due is None:
            assert ("GK102", path) not in fired and ("GK102", path) not in listed
            continue
        assert (("GK102", path) in fired) == bool(due.late), (path, due)
        if due.done is None and rec.model.published <= today:
            assert listed[("GK102", path)].dates["deadline"] == due.deadline
    for rec in site.sorted("decisions"):
        for doc, due in decided_documents(rec, site):
            if due.late:
                assert ("GK105", doc.source.relpath) in fired


def test_reply_deadline_in_a_year_without_holidays(make_site):
    """Only the plain calendar floor is known; status, pages and checker all say so the same way."""
    from generator.rules.examples import proposal

    root = make_site({"content/proposals/rd-5-12.yml": proposal(assigned="2026-10-20", replied=None,
                                                                 published=None, satisfaction=None,
                                                                 result=None, reply_disclosure=None, reply=None)})
    site = load_site(root, date(2026, 12, 1))
    rec = site.records["proposals"]["rd-5-12"]
    due = reply_due(rec.model, site)
    assert due.deadline is None and due.missing.year == 2027 and due.floor == date(2027, 1, 20)
    assert due.state == OPEN  # today is before the floor: no holiday table needed
    item = next(i for i in status.collect(site, soon=10_000).items if i.id == "rd-5-12")
    assert item.dates["deadline_not_before"] == due.floor and item.missing_year == 2027


def test_no_deadline_arithmetic_outside_the_rules():
    """Working-day and month deadlines are computed only by the rules that own them
    (and the calendar itself); the dashboard and the pages call those rules."""
    arithmetic = re.compile(r"\b(add_workdays|deadline_after_months|is_within_workdays)\(")
    for path in ("commands/status.py", "pages.py", "outputs.py", "render.py", "public.py"):
        assert not arithmetic.search(_source(path)), path
    assert not re.search(r"As in GK1\d\d|Same test as GK", _source("commands/status.py"))


def test_waivers_and_severity_are_read_in_one_place():
    """Only the checker's engine reads ``waivers`` and the ``off`` setting; status asks it."""
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE).as_posix()
        if rel in ("check.py", "models.py") or rel.startswith("rules/"):
            continue
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"w\.rule ==|\.waivers\b|severity\.get\(", text), rel


# ---------------------------------------------------------------- one problem, one finding


def test_interpretation_before_its_policy_is_one_finding(sample):
    path = sample / "content/interpretations/jd-kzbf-2024-6.yml"
    original = path.read_text(encoding="utf-8")
    try:
        path.write_text(original.replace("published: 2024-05-21", "published: 2024-05-16"), encoding="utf-8")
        found = [f for f in evaluate(load_site(sample, date(2026, 11, 26)))
                 if f.path.endswith("jd-kzbf-2024-6.yml")]
    finally:
        path.write_text(original, encoding="utf-8")
    assert [f.rule for f in found] == ["GK206"], [f.show() for f in found]
