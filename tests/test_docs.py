"""The rule reference and the CLI reference in docs/ are generated from the code; a test fails when
the committed copies drift (run `python -m generator.docs` to regenerate)."""

from generator import docs


def test_committed_references_match_the_code():
    for name, make in docs.GENERATED.items():
        committed = (docs.DOCS / name).read_text(encoding="utf-8")
        assert committed == make(), f"docs/{name} is stale: run python -m generator.docs"


def test_rule_reference_lists_every_rule_with_its_citation():
    from generator.rules import MODULES

    text = docs.rules_reference()
    for module in MODULES:
        rule = module.RULE
        assert f"## {rule.code}" in text and rule.title in text
        if rule.citation.article:
            assert rule.citation.article in text
