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


# ---------------------------------------------------------------- vocabularies


def _enums(schema, found):
    if isinstance(schema, dict):
        if "enum" in schema:
            found.append(tuple(schema["enum"]))
        for value in schema.values():
            _enums(value, found)
    elif isinstance(schema, list):
        for value in schema:
            _enums(value, found)
    return found


def test_schema_enums_are_the_vocabularies():
    from generator import vocab
    from generator.schema import all_schemas

    known = {v.labels for v in vocab.VOCABULARIES} | {
        vocab.DISCLOSURE_BASES, vocab.REVIEW_RESULTS, vocab.LEADER_ROLES, (vocab.REPEALED_STATUS,),
        ("error", "warning", "off")}
    for name, schema in all_schemas().items():
        for enum in _enums(schema, []):
            assert enum in known, (name, enum)


def test_procedures_model_follows_the_vocabulary():
    from generator import models, vocab

    fields = models.Procedures.model_fields
    assert {k: f.title for k, f in fields.items()} == vocab.PROCEDURES


def test_no_vocabulary_word_is_written_outside_the_vocabulary():
    """Templates and code compare with ``vocab`` constants, never with a quoted word of their own."""
    from generator import vocab

    words = {w for v in vocab.VOCABULARIES for w in v.labels}
    words.discard("通过")  # also the checker's verdict "passed" (report.py), another word
    words.discard("其他")  # also the last 主题分类 (taxonomy.py), another word than the applicant type or outcome
    files = [p for p in PACKAGE.rglob("*.py") if p.name not in ("vocab.py", "examples.py")]
    files += sorted((REPO / "templates").rglob("*.j2"))
    for path in files:
        text = path.read_text(encoding="utf-8")
        for word in words:  # a field's title may share a word with a value (legality_review: 合法性审查)
            assert not re.search(rf"""(?<!title=)["']{word}["']""", text), (path, word)


def test_css_classes_come_from_the_vocabulary():
    """Badge and banner modifiers are the validity tones; no class name is written in Chinese."""
    from generator import vocab

    css = (REPO / "templates/theme/assets/stylesheets/gongkai.css").read_text(encoding="utf-8")
    selectors = re.findall(r"\.(gk-[^\s,{:.]+)", css)
    assert all(s.isascii() for s in selectors), [s for s in selectors if not s.isascii()]
    tones = {t.tone for t in vocab.VALIDITY.terms}
    assert {s.removeprefix("gk-validity--") for s in selectors if s.startswith("gk-validity--")} == tones
    caution = {s.removeprefix("gk-banner--") for s in selectors if s.startswith("gk-banner--")}
    assert caution <= tones


def test_one_romanisation_per_meeting_type(sample):
    """Decision ids (as ``gongkai new`` writes them) and the list URLs use the same slug."""
    from generator import vocab

    view = public_view(load_site(sample, date(2026, 11, 26)))
    urls = {p.url for p in pages.plan(view)}
    for rec in view.sorted("decisions"):
        slug = vocab.MEETING_TYPE.slug(rec.model.meeting.type)
        assert rec.id.split("-")[1] == slug, rec.id
        assert f"decisions/type/{slug}/" in urls
    assert {f"policies/validity/{s}/" for s in vocab.VALIDITY.slugs().values()} & urls


# ---------------------------------------------------------------- safe markup


PROBE_TAGS = ("script", "iframe", "img", "style", "object", "embed", "svg", "math", "form", "input",
              "span", "div", "font", "link", "meta", "base", "video", "audio", "details", "h1")


@pytest.mark.parametrize("tag", sorted({*PROBE_TAGS, *__import__("generator.safe_markup").safe_markup.ALLOWED_TAGS}))
def test_checker_and_renderer_agree_on_each_tag(tag):
    """A raw tag the checker (GK208) passes survives rendering; a tag outside the renderer's
    allow-list is reported by the checker and dropped by the renderer."""
    from generator.markup import render_markdown
    from generator.rules.gk208_unsafe_markup import unsafe_parts
    from generator.safe_markup import ALLOWED_TAGS, AUTHOR_TAGS

    body = f"前文<{tag}>中文</{tag}>后文" if tag not in ("br", "hr") else f"前文<{tag}>后文"
    passes = not unsafe_parts(body)
    html = render_markdown(body)
    assert passes == (tag in AUTHOR_TAGS), tag
    if passes:
        assert f"<{tag}>" in html, html
    if tag not in ALLOWED_TAGS:
        assert not passes and f"<{tag}" not in html, html


def test_author_tags_are_named_in_gk208_and_carry_no_attributes():
    from generator.rules import gk208_unsafe_markup as gk208
    from generator.safe_markup import ALLOWED_ATTRIBUTES, AUTHOR_TAGS, LINK_SCHEMES, SCRIPT_SCHEMES

    assert all(f"<{t}>" in gk208.RULE.explanation for t in AUTHOR_TAGS)
    assert not AUTHOR_TAGS & set(ALLOWED_ATTRIBUTES)
    assert not set(SCRIPT_SCHEMES) & LINK_SCHEMES
    assert all(f"{s}:" in gk208.RULE.explanation for s in SCRIPT_SCHEMES)


# ---------------------------------------------------------------- layering


def test_loader_problems_carry_their_rule_names():
    from generator.rules import CODE_BY_NAME
    from generator.site import LOAD_PROBLEM_RULES
    from generator.yamlload import PROBLEM_CODES

    assert PROBLEM_CODES == set(LOAD_PROBLEM_RULES)
    assert all(CODE_BY_NAME[name] == rule.code for name, rule in LOAD_PROBLEM_RULES.items())
    assert sorted(rule.code for rule in LOAD_PROBLEM_RULES.values()) == [f"GK00{n}" for n in range(1, 8)]


def test_the_loader_names_and_words_no_problem_itself():
    """The loader notices facts and asks the rule modules GK001–GK007; it writes no problem name (no
    ``anchor-alias`` beside ``anchor-or-alias``), builds no problem and words no message."""
    from generator.rules import MODULES

    loader = _source("yamlload.py")
    code = "\n".join(line for line in loader.splitlines() if not line.lstrip().startswith("#"))
    assert not re.search(r"LoadProblem\(", code)
    assert not re.search(r"[\u4e00-\u9fff]", code)  # no Chinese: every message is a rule module's
    names = re.findall(r"[\"']([a-z]+(?:-[a-z]+)+)[\"']", loader)
    assert names == [], names
    assert not {m.RULE.name for m in MODULES} & set(re.findall(r"[a-z]+(?:-[a-z]+)+", code))


LOADER_CHECKS = {
    "gk001_yaml_syntax_error": "syntax_error",
    "gk002_file_not_utf8": "undecodable",
    "gk003_duplicate_key": "duplicate",
    "gk004_anchor_or_alias": "anchor",
    "gk005_file_too_large": "too_large",
    "gk006_nesting_too_deep": "too_deep",
    "gk007_yaml_tag_used": "tag_used",
}


@pytest.mark.parametrize("name, function", sorted(LOADER_CHECKS.items()))
def test_each_loader_rule_module_holds_its_check(name, function, monkeypatch):
    """The rule's failing example, read by the loader, raises the rule's problem; and what the
    loader reports is what the rule module's function says (replace it and the finding changes)."""
    import importlib

    from generator import yamlload
    from generator.rules.base import LoadProblem

    module = importlib.import_module(f"generator.rules.{name}")
    (text,) = module.RULE.fail_example.values()
    raw = text.encode("utf-8", "surrogateescape")
    assert module.RULE.name in {p.code for p in yamlload.load_yaml_bytes(raw).problems}
    (passing,) = module.RULE.pass_example.values()
    assert yamlload.load_yaml_bytes(passing.encode()).problems == []
    said = LoadProblem(module.RULE.name, "规则模块的说法", 1, 1)
    monkeypatch.setattr(module, function, lambda *args, **kwargs: said)
    assert said in yamlload.load_yaml_bytes(raw).problems


def test_loader_limits_are_the_rules_limits():
    from generator import yamlload
    from generator.rules import gk005_file_too_large, gk006_nesting_too_deep

    assert yamlload.MAX_FILE_BYTES is gk005_file_too_large.MAX_FILE_BYTES
    assert yamlload.MAX_DEPTH is gk006_nesting_too_deep.MAX_DEPTH
    assert f"{gk006_nesting_too_deep.MAX_DEPTH} 层" in gk006_nesting_too_deep.RULE.explanation
    assert f"{gk005_file_too_large.MAX_FILE_BYTES // 2**20} MB" in gk005_file_too_large.RULE.explanation


def test_rule_codes_in_settings_are_checked_by_gk015_only():
    """An unknown code in ``rules.severity`` or a waiver is GK015's finding, worded by GK015's module;
    the engine holds no copy of the test or the message."""
    from generator.rules import gk015_unknown_reference as gk015

    engine = _source("check.py")
    assert "不存在" not in engine and "in REGISTRY" not in engine
    assert gk015.unknown_rule_code("GK105") is None and gk015.unknown_rule_code("GK105", waiver=True) is None
    assert gk015.unknown_rule_code("GK999") == "规则代码“GK999”不存在"
    assert gk015.unknown_rule_code("gk105", waiver=True) == "豁免的规则代码“gk105”不存在，是否指 GK105"


def test_rules_share_helpers_through_common_only():
    """A rule module imports no other rule module; shared helpers live in rules/common.py (and, for
    the annual-report rules, rules/reporting.py), which import no rule module either."""
    helpers = [PACKAGE / "rules" / "common.py", PACKAGE / "rules" / "reporting.py"]
    for path in sorted((PACKAGE / "rules").glob("gk*.py")) + helpers:
        assert not re.search(r"^from \.gk\d|^from \.\.rules\.gk\d|import gk\d", path.read_text(encoding="utf-8"), re.M), path.name
    assert "def _strings" not in _source("check.py")


def test_every_command_lives_in_commands():
    """cli.py parses arguments and keeps the exit contract; each subcommand is a module of its own."""
    from generator.cli import build_parser

    parser = build_parser()
    sub = next(a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction")
    modules = {p.stem for p in (PACKAGE / "commands").glob("*.py") if p.stem != "__init__"}
    assert set(sub.choices) == modules
    cli = _source("cli.py")
    assert "add_parser(\"" not in cli and "def cmd_" not in cli


def test_commands_are_registered_in_one_place():
    """A command module declares its help texts and arguments; only cli.py makes its parser."""
    from generator.cli import _command_modules

    for name, module in _command_modules().items():
        assert module.HELP and module.DESCRIPTION and callable(module.add_arguments) and callable(module.run), name
        assert "subparsers.add_parser(" not in _source(f"commands/{name}.py"), name


# ---------------------------------------------------------------- required fields and what rules read


class _Recorder:
    """Stands in for a record's model and notes every field path a rule reads."""

    def __init__(self, model, prefix: str, seen: set[str]) -> None:
        self._model, self._prefix, self._seen = model, prefix, seen

    def __getattr__(self, name: str):
        from pydantic import BaseModel

        value = getattr(self._model, name)
        path = self._prefix + name
        if name in type(self._model).model_fields:
            self._seen.add(path)
        if isinstance(value, BaseModel):
            return _Recorder(value, path + ".", self._seen)
        if isinstance(value, list) and value and isinstance(value[0], BaseModel):
            return [_Recorder(v, path + ".", self._seen) for v in value]
        return value


def _covered(path: str, declared) -> bool:
    """Declared itself, a container on the way to a declared field, or inside a declared container."""
    return any(d == path or d.startswith(path + ".") or path.startswith(d + ".") for d in declared)


def test_rules_read_only_the_fields_they_declare(sample):
    """Every field a rule's ``check`` reads on the record is in its ``reads`` declaration, from which
    the scaffold's comments and docs/format.md are written."""
    from generator.rules import MODULES
    from generator.workdays import CalendarYearMissing

    undeclared = set()
    for today in (date(2026, 11, 26), date(2025, 3, 14)):
        site = load_site(sample, today)
        for module in MODULES:
            check = getattr(module, "check", None)
            if check is None:
                continue
            rule = module.RULE
            for type_ in rule.applies_to:
                for rec in site.sorted(type_):
                    seen: set[str] = set()
                    real = rec.model
                    rec.model = _Recorder(real, "", seen)
                    try:
                        list(check(rec, site))
                    except CalendarYearMissing:
                        pass
                    finally:
                        rec.model = real
                    declared = (*rule.reads.get("*", ()), *rule.reads.get(type_, ()))
                    undeclared |= {(rule.code, type_, p) for p in seen if not _covered(p, declared)}
    assert not undeclared, "\n".join(map(str, sorted(undeclared)))


def test_declared_fields_exist_in_the_models():
    from generator import models
    from generator.rules import MODULES

    def exists(model, path: str) -> bool:
        head, _, rest = path.partition(".")
        info = model.model_fields.get(head)
        if info is None:
            return False
        if not rest:
            return True
        from generator.record_template import field_shape

        return exists(field_shape(model, head).model, rest)

    for module in MODULES:
        rule = module.RULE
        for type_, paths in rule.reads.items():
            types = models.RECORD_TYPES if type_ == "*" else [type_]
            for path in paths:
                assert any(exists(models.RECORD_TYPES[t], path) for t in types), (rule.code, type_, path)
        for req in rule.requires:
            types = req.types or tuple(models.RECORD_TYPES)
            for t in types:
                assert exists(models.RECORD_TYPES[t], req.path), (rule.code, t, req.path)
                assert not models.RECORD_TYPES[t].model_fields[req.path.split(".")[0]].is_required() or "." in req.path


def test_scaffold_comments_come_from_the_rule_declarations():
    from generator.record_template import condition, rules_for
    from generator.rules import REGISTRY

    assert rules_for("policies", "title") == ("GK207", "GK208")
    for code, module in REGISTRY.items():
        for req in module.RULE.requires:
            for type_ in req.types or ("policies", "interpretations", "decisions", "proposals"):
                assert condition(type_, req.path) == req.when, (code, req)
    assert "FIELD_RULES" not in _source("record_template.py") and "CONDITIONS" not in _source("record_template.py")


def test_deadline_defaults_are_stated_once(tmp_path):
    """gongkai init's site_config.yml, the rules' explanations and the office guide take the defaults
    from ``models.Deadlines``."""
    import yaml

    from generator import models
    from generator.commands.init import init_site
    from generator.rules import REGISTRY

    made = init_site(tmp_path / "repo", date(2026, 6, 10), git=False)
    config = yaml.safe_load((made.root / "site_config.yml").read_text(encoding="utf-8"))
    assert config["rules"]["deadlines"] == models.Deadlines().model_dump()
    template = (PACKAGE / "scaffold/site_config.yml.j2").read_text(encoding="utf-8")
    assert not re.search(r"_(workdays|months): \d", template)
    for code in ("GK102", "GK103", "GK104", "GK105"):
        assert "{default:" in REGISTRY[code].__doc__ and "{default:" not in REGISTRY[code].RULE.explanation
    guide = (REPO / "docs/publishing.md").read_text(encoding="utf-8")
    assert not re.search(r"\d+ ?个(工作日|月)", guide)


@pytest.mark.parametrize("value", ["a: b", "- x", "#1", "yes", "no", "0755", "2026-06-10", "", " lead", "[x]",
                                   "康政发〔2026〕12号", "x #y", "12:30", "'q'", '"q"', "null", "~", "a\tb"])
def test_record_template_values_read_back_as_written(value):
    """The scaffold writes values with PyYAML and the loader reads them back unchanged."""
    from generator.record_template import yaml_value
    from generator.yamlload import load_yaml_text

    for written in (value, [value, "b"], {"date": "2026-06-10", "note": value}):
        loaded = load_yaml_text(f"k: {yaml_value(written)}\n")
        assert not loaded.problems and loaded.data == {"k": written}, (written, yaml_value(written))


# ---------------------------------------------------------------- the format reference


def test_format_reference_names_every_field_and_lives_in_the_repository():
    """docs/format.md is generated (its drift test is tests/test_docs.py); every field of every model
    is in it, so a field added to a model is documented by regenerating; README points to it."""
    from generator import models
    from generator.record_template import field_shape

    text = (REPO / "docs/format.md").read_text(encoding="utf-8")

    def paths(model, prefix=""):
        for name, info in model.model_fields.items():
            key = info.alias or name  # the key as written in YAML (imported.from)
            yield prefix + key
            shape = field_shape(model, name)
            if shape.kind in ("model", "models") and shape.model is not None and not (
                    shape.model.__name__ in ("Attachment", "Change", "Waiver", "Step", "StabilityAssessment")):
                yield from paths(shape.model, prefix + key + ".")

    for model in (models.SiteConfig, *models.RECORD_TYPES.values()):
        for path in paths(model):
            assert f"`{path}`" in text, path
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "docs/format.md" in readme and "shared/design" not in readme


def test_format_rule_logic_lives_in_the_rule_modules():
    from generator.rules import gk011_missing_required_key, gk014_invalid_record_id, gk015_unknown_reference

    from generator.rules import gk010_unknown_key, gk012_wrong_type_or_value, gk013_date_not_iso

    site = _source("site.py")
    for gone in ("def _check_references", "def _conditional_requirements", "def _describe", "RESERVED_IDS",
                 "extra_forbidden", "iso_date", "_EXPECTED"):
        assert gone not in site, gone
    for module in (gk010_unknown_key, gk011_missing_required_key, gk012_wrong_type_or_value, gk013_date_not_iso):
        assert callable(module.problem)
    assert callable(gk011_missing_required_key.conditional)
    assert callable(gk014_invalid_record_id.record_id)
    assert callable(gk015_unknown_reference.references)


def test_field_shapes_are_read_from_the_json_schema():
    """The scaffold and docs/format.md learn what a field holds from the schema editors use, not from
    a second reading of the type annotations."""
    src = _source("record_template.py")
    assert "typing" not in src and "get_origin" not in src


# ---------------------------------------------------------------- one helper for what rules share


def _rule_sources():
    return {path.stem: path.read_text(encoding="utf-8") for path in sorted((PACKAGE / "rules").glob("gk*.py"))}


def test_each_validation_error_has_one_owner():
    """The format rules that word the models' validation errors claim disjoint error types; GK012
    takes every other, and the loader dispatches on the claims (no rule re-tests the type)."""
    from generator.site import VALIDATION_RULES

    claimed = [kind for module in VALIDATION_RULES for kind in module.ERROR_TYPES]
    assert len(claimed) == len(set(claimed)) and claimed
    assert [m.RULE.code for m in VALIDATION_RULES if not m.ERROR_TYPES] == ["GK012"]
    for name, text in _rule_sources().items():
        assert 'err["type"] ==' not in text, name


def test_rules_name_the_record_types_through_the_models():
    from generator import models
    from generator.rules import MODULES
    from generator.rules.base import EVERY_TYPE

    assert EVERY_TYPE == tuple(models.RECORD_TYPES)
    everything = repr(tuple(models.RECORD_TYPES))
    for name, text in _rule_sources().items():
        assert everything not in text, name
    assert all(set(m.RULE.applies_to) <= set(models.RECORD_TYPES) for m in MODULES)


def test_shared_citations_are_one_object():
    """A passage two rules cite is written once: both rules carry the same object."""
    from generator.rules import REGISTRY
    from generator.rules.common import TIMELY_PUBLICATION
    from generator.rules.reporting import COMPLETE_REPORT, ONE_OUTCOME_EACH

    for citation, codes in ((TIMELY_PUBLICATION, ("GK201", "GK211")), (COMPLETE_REPORT, ("GK301", "GK311")),
                            (ONE_OUTCOME_EACH, ("GK306", "GK316"))):
        assert all(REGISTRY[code].RULE.citation is citation for code in codes), codes
    seen: dict = {}
    for code, module in REGISTRY.items():
        for c in module.RULE.citations():
            if c.quote:
                other = seen.setdefault((c.source, c.article, c.quote), c)
                assert other is c, (code, c)


def test_report_rules_share_their_declaration_and_table_walks():
    """The annual-report rules are declared through reporting.report_rule (on reports, the example
    report file, the format notice's name) and walk section 三 through its helpers."""
    from generator.reportformat import FORMAT_NOTICE
    from generator.rules import REGISTRY
    from generator.rules.reporting import REPORT_FILE

    for name, text in _rule_sources().items():
        assert FORMAT_NOTICE not in text.split('"""', 2)[-1], name  # the notice's name: reportformat only
        code = "GK" + name[2:5]
        if "GK301" <= code <= "GK313":
            rule = REGISTRY[code].RULE
            assert "RULE = report_rule(" in text and rule.applies_to == ("reports",), code
            assert REPORT_FILE in rule.fail_example and REPORT_FILE in rule.pass_example, code
            assert not re.search(r"if \w+\.applications_from_ledger:\s+return", text), code
            assert "enumerate(APPLICATION_COLUMNS)" not in text or code == "GK312", code  # two reports, one column each


def test_prose_rules_read_the_same_prose():
    """GK207 (personal data) and GK208 (unsafe markup) scan the same prose; GK207 reads more."""
    from generator.rules import gk207_personal_data as gk207, gk208_unsafe_markup as gk208
    from generator.rules.common import PROSE_FIELDS

    assert gk208.RULE.reads == PROSE_FIELDS
    for type_, fields in PROSE_FIELDS.items():
        assert set(fields) <= set(gk207.RULE.reads[type_]), type_


def test_example_tables_are_changed_by_one_helper():
    from generator.rules.examples import active_block, applications_table, policy, reviews_table

    assert "coercion" not in active_block(coercion=None) and "licensing: 12" in active_block()
    assert "received:" not in applications_table(received=None)
    assert "suit_direct: [9" in reviews_table(suit_direct="[9, 0, 0, 0, 9]")
    assert "doc_no" not in policy(doc_no=None) and policy(extra="1").endswith("extra: 1\n")
