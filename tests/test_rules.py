"""Every registered rule fires on its failing example, at the marked line, and on nothing else;
its passing example raises nothing at all."""

from __future__ import annotations

import pytest

from generator.check import check_site
from generator.rules import MODULES, REGISTRY
from generator.rules.examples import MARK
from generator.history import read_baseline

from .conftest import BASE_SITE, TODAY, lay_site

RULES = [m.RULE for m in MODULES]
BASE = "BASE:"


def marked_lines(files: dict[str, str]) -> set[tuple[str, int]]:
    """(path, line) of every marker; text for site_config.yml is appended to the base config. A
    marker in a ``BASE:`` file counts only when the file is gone now (a deletion is reported there)."""
    config_offset = (BASE_SITE / "site_config.yml").read_text(encoding="utf-8").count("\n")
    current = {path for path in files if not path.startswith(BASE)}
    return {(path.removeprefix(BASE), n + (config_offset if path == "site_config.yml" else 0))
            for path, text in files.items()
            for n, line in enumerate(text.encode("utf-8", "surrogateescape").decode("utf-8", "replace").splitlines(), 1)
            if MARK in line and (not path.startswith(BASE) or path.removeprefix(BASE) not in current)}


def findings_for(tmp_path, files):
    """Check the base site with ``files`` laid over it; ``BASE:path`` entries are what ``path`` held
    at the earlier revision ``check --base`` compares with."""
    current = {k: v for k, v in files.items() if not k.startswith(BASE)}
    before = {k[len(BASE):]: v for k, v in files.items() if k.startswith(BASE)}
    baseline = read_baseline(lay_site(tmp_path / "base", before)) if before else None
    return check_site(lay_site(tmp_path / "site", current), TODAY, baseline).findings


def test_every_rule_has_both_examples():
    for rule in RULES:
        assert rule.fail_example and rule.pass_example, rule.code
        assert any(MARK in text for text in rule.fail_example.values()), f"{rule.code}: failing example has no {MARK} marker"
        assert rule.explanation and rule.explanation.strip(), rule.code
        assert rule.citation is not None


def test_codes_and_names_are_unique_and_stable_in_shape():
    assert len(REGISTRY) == len(RULES)
    assert len({r.name for r in RULES}) == len(RULES)
    for rule in RULES:
        assert rule.code[:2] == "GK" and rule.code[2:].isdigit() and len(rule.code) == 5
        assert rule.severity in ("error", "warning")


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_failing_example_fires_exactly_this_rule_at_the_marked_line(rule, tmp_path):
    findings = findings_for(tmp_path, rule.fail_example)
    assert findings, f"{rule.code} did not fire"
    assert {f.rule for f in findings} == {rule.code}, [(f.rule, f.message) for f in findings]
    marks = marked_lines(rule.fail_example)
    assert {(f.path, f.line) for f in findings} & marks, (marks, [(f.path, f.line, f.message) for f in findings])
    for f in findings:
        assert f.severity == rule.severity or rule.code in ("GK101", "GK103", "GK111")
        # GK1xx rules cite the site's own work rules (the base site is 示例县)
        cited = rule.citation.localized("示例县人民政府工作规则")
        assert (f.citation.source, f.citation.article) == (cited.source, cited.article) or rule.also


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_passing_example_raises_nothing(rule, tmp_path):
    findings = findings_for(tmp_path, rule.pass_example)
    assert findings == [], [(f.path, f.line, f.rule, f.message) for f in findings]
