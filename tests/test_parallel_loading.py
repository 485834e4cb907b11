"""Large sites are read by worker processes; the findings must be exactly those of a serial read."""

from __future__ import annotations

import shutil

from generator import site as site_module
from generator import check as check_module
from generator.check import check_site
from generator.rules.examples import policy, proposal

from .conftest import REPO, TODAY


def sample_with_problems(tmp_path):
    """The sample site with a few files that break rules."""
    root = tmp_path / "site"
    shutil.copytree(REPO / "content", root / "content")
    shutil.copy(REPO / "site_config.yml", root)
    (root / "content/policies/broken.yml").write_text(policy(doc_no="康政发[2026]8号", published="2026-07-20"),
                                                      encoding="utf-8")
    (root / "content/proposals/late.yml").write_text(proposal(
        reply="|\n  马文清代表：\n\n  联系电话 13912345678。"), encoding="utf-8")
    return root


def test_parallel_read_gives_the_same_findings_and_positions(tmp_path, monkeypatch):
    root = sample_with_problems(tmp_path)
    (root / "content/policies/garbage.yml").write_bytes(b"title: [\x00")
    monkeypatch.setattr(site_module, "PARALLEL_FROM", 10**9)
    serial = check_site(root, TODAY).findings
    monkeypatch.setattr(site_module, "PARALLEL_FROM", 1)
    parallel = check_site(root, TODAY).findings
    assert parallel == serial
    assert {f.rule for f in serial} >= {"GK001", "GK201", "GK202", "GK207"}


def test_record_rules_run_in_shares_give_the_same_findings(tmp_path, monkeypatch):
    """On a large site the record rules run in one forked process per core (check._record_share);
    hits that name another record, a missing calendar year and guard findings come out the same."""
    root = sample_with_problems(tmp_path)
    (root / "content/policies/future.yml").write_text(policy(doc_no="康政发〔2031〕8号", written="2031-07-01",
                                                             issued="2031-07-02", published="2031-07-20"),
                                                      encoding="utf-8")
    monkeypatch.setenv("GONGKAI_WORKERS", "1")
    serial = check_site(root, TODAY).findings
    monkeypatch.setenv("GONGKAI_WORKERS", "2")
    shares = []
    real = check_module.in_shares
    monkeypatch.setattr(check_module, "in_shares", lambda fn, of, *a: shares.append((fn.__name__, of)) or real(fn, of, *a))
    parallel = check_site(root, TODAY).findings
    assert shares == [("_record_share", 2)]
    assert parallel == serial
    assert {f.rule for f in serial} >= {"GK016", "GK202", "GK207"}
