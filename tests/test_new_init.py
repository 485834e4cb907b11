"""gongkai new (commented templates with the next id and 索引号), the JSON Schema written for editors,
and gongkai init (a content repository whose CI files run the checker as they say)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
import yaml

from generator import models, record_template, vocab
from generator.check import check_site
from generator.cli import main
from generator.rules import REGISTRY
from generator.rules.gk204_index_no_format import pattern_regex
from generator.schema import SCHEMA_TYPES, write_schemas

from .conftest import lay_site

TODAY = date(2026, 6, 10)
DAY = TODAY.isoformat()
INIT_DAY = "2026-11-26"
MODELINE = re.compile(r"^# yaml-language-server: \$schema=(\S+)$")
BASE_ORGS = {"gov": "11622922013960001W", "fgj": "116229220139600020"}


def gongkai(capsys, *args: str) -> tuple[int, str, str]:
    code = main([*args])
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture
def site(tmp_path) -> Path:
    return lay_site(tmp_path / "site", {})


def new(capsys, root: Path, type_: str, *options: str) -> tuple[Path, str]:
    code, out, err = gongkai(capsys, "new", type_, "--root", str(root), "--today", DAY, *options)
    assert code == 0, err
    m = re.search(r"：(\S+\.yml)$", out.splitlines()[0])
    path = Path(m[1])
    assert path.is_file()
    return path, path.read_text(encoding="utf-8")


# ---------------------------------------------------------------- filling a template as a clerk would

KEY_LINE = re.compile(r"^(?P<indent>\s*)(?P<dash>- )?(?P<key>[a-z_]+):(?P<rest>.*)$")


def _indent_of(line: str) -> int:
    m = KEY_LINE.match(line)
    if m:
        return len(m["indent"]) + (2 if m["dash"] else 0)
    return len(line) - len(line.lstrip(" "))


def blanks(text: str) -> list[str]:
    """Paths (``meeting.date``, ``items.title``) of the keys left empty for the writer to fill."""
    return [path for path, _ in _walk(text)]


def _walk(text: str):
    lines = text.split("\n")
    stack: list[tuple[int, str]] = []
    for i, line in enumerate(lines):
        m = KEY_LINE.match(line)
        if not m:
            continue
        indent = _indent_of(line)
        while stack and stack[-1][0] >= indent:
            stack.pop()
        path = ".".join([k for _, k in stack] + [m["key"]])
        stack.append((indent, m["key"]))
        if m["rest"].strip():
            continue
        following = [ln for ln in lines[i + 1:] if ln.strip() and not ln.lstrip().startswith("#")]
        if following and _indent_of(following[0]) > indent:
            continue  # a mapping or list opens here
        yield path, i


def fill(text: str, values: dict[str, str]) -> str:
    lines = text.split("\n")
    for path, i in _walk(text):
        assert path in values, f"模板中 {path} 留空，测试没有给出填写值"
        lines[i] = f"{lines[i]} {values[path]}"
    return "\n".join(lines)


POLICY_FILL = {
    "title": "示例县农村供水工程运行管理办法",
    "doc_no": "康政发〔2026〕9号",
    "topic": "农业、林业、水利/水利",
    "legality_review.date": "2026-06-05",
    "legality_review.result": "合法",
    "body": "|\n  第一条 为规范农村供水工程运行管理，保障群众饮水安全，制定本办法。\n\n  第二条 本办法自发布之日起施行。",
}
INTERPRETATION_FILL = {
    "form": "文字解读",
    "interpreter": "县水务局主要负责同志",
    "body": "|\n  一、制定背景\n\n  为保障农村群众饮水安全，县水务局起草了本办法。",
}
DECISION_FILL = {
    "meeting.date": "2026-06-08",
    "topic": "综合政务/政务公开",
    "items.title": "审议《示例县农村供水工程运行管理办法》",
    "items.outcome": "通过",
    "items.summary": "会议审议通过《示例县农村供水工程运行管理办法》，由县人民政府印发施行。",
}
PROPOSAL_FILL = {
    "title": "关于加强农村供水管网维护的建议",
    "session": "县十七届人大五次会议",
    "number": "12",
    "proposers": "[马文清]",
    "assigned": "2026-03-10",
    "replied": "2026-05-20",
    "result": "A",
    "satisfaction": "满意",
    "reply_disclosure": "全文公开",
    "topic": "农业、林业、水利/水利",
    "reply": "|\n  马文清代表：\n\n  您提出的关于加强农村供水管网维护的建议收悉，现答复如下。",
}


# ---------------------------------------------------------------- gongkai new


def _model_keys(model, prefix="") -> set[str]:
    keys = set()
    for name in model.model_fields:
        if name in record_template.NOT_FOR_NEW_RECORDS:
            continue
        keys.add(prefix + name)
        shape = record_template.field_shape(model, name)
        if shape.kind in ("model", "models"):
            keys |= _model_keys(shape.model, f"{prefix}{name}.")
    return keys


@pytest.mark.parametrize("word, type_", [("policy", "policies"), ("interpretation", "interpretations"),
                                         ("decision", "decisions"), ("proposal", "proposals")])
def test_new_writes_a_commented_template_of_every_field(capsys, site, word, type_):
    path, text = new(capsys, site, word)
    assert path == site / "content" / type_ / "2026-001.yml"
    lines = text.splitlines()

    # the modeline names the schema in the site root's schema/, relative to the record file
    m = MODELINE.match(lines[0])
    assert m and m[1] == f"../../schema/{type_}.schema.json"
    schema = (path.parent / m[1]).resolve()
    assert schema == (site / "schema" / f"{type_}.schema.json").resolve() and schema.is_file()
    assert json.loads(schema.read_text(encoding="utf-8"))["title"] == models.RECORD_TYPE_ZH[type_]

    # every field of the type (nested ones too) appears, active or commented out, under a Chinese comment
    model = models.RECORD_TYPES[type_]
    written = set()
    for line in lines:
        content = re.sub(r"^[\s#]*", "", line)
        if re.match(r"^(- )?{?[a-z_]+:", content):  # YAML, active or commented out (not a description)
            written |= set(re.findall(r"([a-z_]+):(?:\s|$)", content))
    for key in _model_keys(model):
        leaf = key.rsplit(".", 1)[-1]
        assert leaf in written, f"{key} 不在模板中"
        title = _field_title(model, key)
        # its own comment, or (a key of a one-line {…} value) a part of its parent's comment
        assert f"# {title}（{leaf}，" in text or f"{leaf} {title}" in text, f"{key} 没有中文说明“{title}”"
    # optional fields are commented out, unless pre-filled or usually needed (then left blank to fill)
    usually_needed = {"doc_no", "replied", "result", "satisfaction", "reply_disclosure", "reply"}
    for name, info in model.model_fields.items():
        if not models.required_for_new(model, name) and name not in usually_needed:
            assert not re.search(rf"^{name}:", text, re.M) or name in _prefilled(text), name

    # allowed values come from generator.vocab; rule citations from the registry
    assert " / ".join(vocab.DISCLOSURES) in text
    rule = REGISTRY["GK204"].RULE
    assert f"规则 GK204：{rule.title}{rule.citation.short()}" in text
    assert "（中华人民共和国政府信息公开条例 第十二条）" in text

    # the 索引号 is the publisher's, this year's, the first serial
    data = yaml.safe_load(text)
    publisher = data.get("publisher") or data["issuer"]
    assert data["index_no"] == f"{BASE_ORGS[publisher]}/2026-00001"
    assert pattern_regex("{credit_code}/{year}-{serial:05d}", BASE_ORGS[publisher], "622922").match(data["index_no"])
    assert str(data["published"]) == DAY
    assert data["disclosure"] == "主动公开"


def _field_title(model, dotted: str) -> str:
    head, _, rest = dotted.partition(".")
    if rest:
        return _field_title(record_template.field_shape(model, head).model, rest)
    return model.model_fields[head].title


def _prefilled(text: str) -> set[str]:
    return {k for k, v in (yaml.safe_load(text) or {}).items() if v is not None}


def test_template_shows_the_citations_of_the_rules_a_field_feeds(capsys, site):
    _, text = new(capsys, site, "policy", "--kind", "规章")
    for code in ("GK202", "GK203", "GK108", "GK110", "GK201", "GK111"):
        rule = REGISTRY[code].RULE
        assert f"规则 {code}：{rule.title}{rule.citation.short()}" in text
    assert "GB/T 9704-2012 7.2.5" in text and "第五十二条" in text
    # a 规章: legality review is uncommented, the signer pre-filled with the 县长
    data = yaml.safe_load(text)
    assert data["kind"] == "规章" and data["signer"] == "xianzhang"
    assert data["legality_review"] == {"date": None, "result": None}


def test_ids_and_index_numbers_increment(capsys, site):
    p1, t1 = new(capsys, site, "policy")
    p2, t2 = new(capsys, site, "policy")
    assert (p1.stem, p2.stem) == ("2026-001", "2026-002")
    assert yaml.safe_load(t2)["index_no"] == "11622922013960001W/2026-00002"
    # another publisher counts its own serials; every type shares one series per publisher
    _, t3 = new(capsys, site, "proposal", "--lead", "fgj")
    assert yaml.safe_load(t3)["index_no"] == "116229220139600020/2026-00001"
    p4, t4 = new(capsys, site, "decision", "--publisher", "gov")
    assert p4.stem == "2026-001"
    assert yaml.safe_load(t4)["index_no"] == "11622922013960001W/2026-00003"
    # existing records of any shape count; other years do not
    (site / "content" / "interpretations").mkdir(exist_ok=True)
    (site / "content" / "interpretations" / "jd-old.yml").write_text(
        "title: x\nindex_no: 11622922013960001W/2026-00041\n", encoding="utf-8")
    (site / "content" / "interpretations" / "jd-older.yml").write_text(
        "title: y\nindex_no: 11622922013960001W/2025-00090\n", encoding="utf-8")
    (site / "content" / "policies" / "broken.yml").write_text(
        "title: [unclosed\nindex_no: 11622922013960001W/2026-00050\n", encoding="utf-8")
    p5, t5 = new(capsys, site, "policy")
    assert p5.stem == "2026-003"
    assert yaml.safe_load(t5)["index_no"] == "11622922013960001W/2026-00051"
    # the year comes from --date
    p6, t6 = new(capsys, site, "policy", "--date", "2025-12-30")
    assert p6.stem == "2025-001"
    assert yaml.safe_load(t6)["index_no"] == "11622922013960001W/2025-00091"
    assert str(yaml.safe_load(t6)["written"]) == "2025-12-30"


def test_ids_derived_from_options(capsys, site):
    p1, t1 = new(capsys, site, "decision", "--meeting-type", "常务会议")
    p2, t2 = new(capsys, site, "decision", "--meeting-type", "常务会议")
    p3, _ = new(capsys, site, "decision", "--meeting-type", "专题会议")
    assert (p1.stem, p2.stem, p3.stem) == ("2026-cwhy-01", "2026-cwhy-02", "2026-zthy-01")
    d2 = yaml.safe_load(t2)
    assert d2["meeting"]["number"] == 2 and d2["meeting"]["chair"] == "xianzhang"
    assert d2["title"] == "示例县人民政府2026年第2次常务会议决定事项"
    policy, _ = new(capsys, site, "policy", "--title", "示例县防汛工作通知", "--issuer", "fgj")
    p4, t4 = new(capsys, site, "interpretation", "--interprets", policy.stem)
    p5, _ = new(capsys, site, "interpretation", "--interprets", policy.stem)
    assert (p4.stem, p5.stem) == (f"jd-{policy.stem}", f"jd-{policy.stem}-2")
    d4 = yaml.safe_load(t4)
    assert d4["title"] == "《示例县防汛工作通知》政策解读" and d4["publisher"] == "fgj"
    p6, _ = new(capsys, site, "policy", "--id", "kzf-2026-8")
    assert p6.name == "kzf-2026-8.yml"


def test_refuses_to_overwrite(capsys, site):
    path, _ = new(capsys, site, "policy")
    path.write_text("title: 已经写好的文件\n", encoding="utf-8")
    before = path.read_bytes()
    code, out, err = gongkai(capsys, "new", "policy", "--root", str(site), "--today", DAY, "--id", path.stem)
    assert code == 2
    assert "已存在" in err and "Traceback" not in err
    assert path.read_bytes() == before
    # a .yaml twin counts as the same id
    (site / "content" / "policies" / "twin.yaml").write_text("title: x\n", encoding="utf-8")
    code, _, err = gongkai(capsys, "new", "policy", "--root", str(site), "--today", DAY, "--id", "twin")
    assert code == 2 and not (site / "content" / "policies" / "twin.yml").exists()


@pytest.mark.parametrize("args, words", [
    (("policy", "--publisher", "nosuch"), "nosuch"),
    (("policy", "--issuer", "gov", "nosuch"), "nosuch"),
    (("proposal", "--lead", "nosuch"), "nosuch"),
    (("decision", "--publisher", "nosuch"), "organizations"),
    (("notice",), "没有“notice”这种记录类型"),
    (("policy", "--id", "Bad_Id"), "不合规"),
    (("policy", "--id", "page"), "保留"),
    (("policy", "--kind", "通知"), "规章 / 行政规范性文件 / 其他文件"),
    (("decision", "--meeting-type", "党组会议"), "常务会议"),
    (("interpretation", "--interprets", "nosuch"), "不存在"),
    (("decision", "--kind", "规章"), "--kind 只用于 policy"),
])
def test_refuses_bad_requests_with_exit_2(capsys, site, args, words):
    code, out, err = gongkai(capsys, "new", *args, "--root", str(site), "--today", DAY)
    assert code == 2
    assert words in err and "Traceback" not in err
    assert not (site / "content").exists() or not any((site / "content").rglob("*.yml"))
    assert not (site / "schema").exists()


def test_console_script_exit_codes(site):
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    ok = subprocess.run(["gongkai", "new", "proposal", "--root", str(site), "--today", DAY],
                        capture_output=True, text=True, env=env, timeout=120)
    assert ok.returncode == 0 and "已新建建议提案办理" in ok.stdout
    bad = subprocess.run(["gongkai", "new", "policy", "--root", str(site), "--publisher", "xx"],
                         capture_output=True, text=True, env=env, timeout=120)
    assert bad.returncode == 2 and "xx" in bad.stderr


def test_filled_templates_check_clean(capsys, site):
    policy, text = new(capsys, site, "policy", "--kind", "行政规范性文件")
    # unfilled, the template does not pass: the checker names what is missing
    report = check_site(site, TODAY)
    assert report.errors and {f.rule for f in report.findings} <= {"GK011", "GK012", "GK013", "GK015"}
    assert set(blanks(text)) == set(POLICY_FILL)
    policy.write_text(fill(text, POLICY_FILL), encoding="utf-8")

    interpretation, text = new(capsys, site, "interpretation", "--interprets", policy.stem)
    assert yaml.safe_load(text)["title"] == "《示例县农村供水工程运行管理办法》政策解读"
    interpretation.write_text(fill(text, INTERPRETATION_FILL), encoding="utf-8")

    decision, text = new(capsys, site, "decision", "--meeting-type", "常务会议")
    decision.write_text(fill(text, DECISION_FILL), encoding="utf-8")

    proposal, text = new(capsys, site, "proposal", "--proposal-kind", "人大代表建议", "--lead", "fgj")
    proposal.write_text(fill(text, PROPOSAL_FILL), encoding="utf-8")

    report = check_site(site, TODAY)
    assert [f"{f.path}:{f.line} {f.rule} {f.message}" for f in report.findings] == []
    assert report.records == 4
    # the same through the CLI
    code, out, _ = gongkai(capsys, "check", "--root", str(site), "--today", DAY)
    assert code == 0 and "0 个错误，0 个警告" in out


def test_new_writes_and_refreshes_the_schema(capsys, site):
    code, out, _ = gongkai(capsys, "new", "policy", "--root", str(site), "--today", DAY)
    assert "schema" in out
    schema_dir = site / "schema"
    names = sorted(p.name for p in schema_dir.iterdir())
    assert names == sorted(f"{n}.schema.json" for n in SCHEMA_TYPES)
    # up to date: left alone
    stamp = {p.name: p.stat().st_mtime_ns for p in schema_dir.iterdir()}
    code, out, _ = gongkai(capsys, "new", "policy", "--root", str(site), "--today", DAY)
    assert "JSON Schema" not in out
    assert stamp == {p.name: p.stat().st_mtime_ns for p in schema_dir.iterdir()}
    # out of date or missing: rewritten
    (schema_dir / "decisions.schema.json").write_text("{}", encoding="utf-8")
    (schema_dir / "proposals.schema.json").unlink()
    code, out, _ = gongkai(capsys, "new", "policy", "--root", str(site), "--today", DAY)
    assert "JSON Schema" in out
    assert json.loads((schema_dir / "decisions.schema.json").read_text(encoding="utf-8"))["title"] == "会议决定"
    assert (schema_dir / "proposals.schema.json").is_file()


# ---------------------------------------------------------------- the JSON Schema for editors

def _resolve(node: dict, defs: dict) -> dict:
    while "$ref" in node:
        node = defs[node["$ref"].rsplit("/", 1)[-1]]
    return node


def _enums(node: dict, defs: dict) -> set[str]:
    node = _resolve(node, defs)
    found = set(node.get("enum", ())) | ({node["const"]} if "const" in node else set())  # a one-value Literal
    for key in ("anyOf", "oneOf", "allOf"):
        for sub in node.get(key, ()):
            found |= _enums(sub, defs)
    return found


def _prop(schema: dict, dotted: str) -> dict:
    defs = schema.get("$defs", {})
    node = schema
    for key in dotted.split("."):
        node = _resolve(node, defs)
        if "properties" not in node:  # a list of objects, or an optional object
            for sub in list(node.get("anyOf", [])) + ([node["items"]] if "items" in node else []):
                sub = _resolve(sub, defs)
                if "items" in sub:
                    sub = _resolve(sub["items"], defs)
                if "properties" in sub:
                    node = sub
                    break
        node = node["properties"][key]
    return node


CJK = re.compile(r"[\u4e00-\u9fff]")


def test_schemas_carry_every_vocabulary_as_enum_and_chinese_titles(tmp_path):
    written = write_schemas(tmp_path / "schema")
    schemas = {p.name.removesuffix(".schema.json"): json.loads(p.read_text(encoding="utf-8")) for p in written}
    expected = {
        "policies": {"disclosure": vocab.DISCLOSURES, "disclosure_basis": vocab.DISCLOSURE_BASES,
                     "kind": vocab.POLICY_KINDS, "legality_review.result": vocab.REVIEW_RESULTS},
        "interpretations": {"disclosure": vocab.DISCLOSURES, "disclosure_basis": vocab.DISCLOSURE_BASES,
                            "form": vocab.INTERPRETATION_FORMS},
        "decisions": {"meeting.type": vocab.MEETING_TYPES, "items.outcome": vocab.OUTCOMES,
                      "items.disclosure": vocab.DISCLOSURES, "items.disclosure_basis": vocab.DISCLOSURE_BASES,
                      "disclosure": vocab.DISCLOSURES},
        "proposals": {"kind": vocab.PROPOSAL_KINDS, "satisfaction": vocab.SATISFACTIONS,
                      "reply_disclosure": vocab.REPLY_DISCLOSURES, "disclosure_basis": vocab.DISCLOSURE_BASES},
        "site_config": {"leaders.role": vocab.LEADER_ROLES},
    }
    for name, fields in expected.items():
        schema = schemas[name]
        for dotted, values in fields.items():
            assert _enums(_prop(schema, dotted), schema.get("$defs", {})) >= set(values), f"{name}: {dotted}"

    # every Literal / vocabulary field of every model, found from the models themselves
    for name, model in SCHEMA_TYPES.items():
        for dotted, values in _vocabulary_fields(model):
            schema = schemas[name]
            assert _enums(_prop(schema, dotted), schema.get("$defs", {})) >= set(values), f"{name}: {dotted}"

    # Chinese titles on the schemas and on every property
    for name, schema in schemas.items():
        assert CJK.search(schema["title"]), name
        for owner in [schema, *schema.get("$defs", {}).values()]:
            for key, prop in owner.get("properties", {}).items():
                assert CJK.search(prop.get("title", "")), f"{name}: {key} 没有中文标题"


def _vocabulary_fields(model, prefix=""):
    for name in model.model_fields:
        shape = record_template.field_shape(model, name)
        if shape.kind == "enum":
            yield prefix + name, shape.enum
        elif shape.kind in ("model", "models"):
            yield from _vocabulary_fields(shape.model, f"{prefix}{name}.")


# ---------------------------------------------------------------- gongkai init


@pytest.fixture(scope="module")
def repo(tmp_path_factory) -> Path:
    """A repository made by gongkai init (checked here: the tests below only read it or copy it)."""
    root = tmp_path_factory.mktemp("init") / "zwgk"
    code = main(["init", str(root), "--today", INIT_DAY])
    assert code == 0
    return root


def test_init_creates_the_repository(repo, capsys):
    for rel in ("site_config.yml", "README.md", ".gitignore", ".github/workflows/gongkai.yml", ".gitlab-ci.yml",
                ".pre-commit-config.yaml", "schema/policies.schema.json", "schema/site_config.schema.json"):
        assert (repo / rel).is_file(), rel
    for type_ in models.RECORD_TYPES:
        if type_ == "reports":  # the first annual report is written a year later
            continue
        files = list((repo / "content" / type_).glob("*.yml"))
        assert len(files) == 1, type_
        first = files[0].read_text(encoding="utf-8").splitlines()[0]
        assert MODELINE.match(first)[1] == f"../../schema/{type_}.schema.json"
    assert MODELINE.match((repo / "site_config.yml").read_text(encoding="utf-8").splitlines()[0])[1] == \
        "schema/site_config.schema.json"
    if shutil.which("git"):
        assert (repo / ".git").is_dir()
    assert "site/" in (repo / ".gitignore").read_text(encoding="utf-8").splitlines()
    readme = (repo / "README.md").read_text(encoding="utf-8")
    assert "gongkai new" in readme and "gongkai check" in readme


def test_init_protects_config_and_ci_with_codeowners(repo):
    """Issue #9: a change to site_config.yml or the CI files needs a named reviewer."""
    for rel in (".github/CODEOWNERS", ".gitlab/CODEOWNERS"):
        rules = [line.split() for line in (repo / rel).read_text(encoding="utf-8").splitlines()
                 if line.strip() and not line.startswith("#")]
        owned = {rule[0] for rule in rules if len(rule) >= 2 and rule[1].startswith("@")}
        assert {"/site_config.yml", "/.github/", "/.gitlab-ci.yml"} <= owned, rel


def test_init_repository_checks_and_builds_clean(repo, tmp_path):
    report = check_site(repo, date.fromisoformat(INIT_DAY))
    assert [f"{f.path}:{f.line} {f.rule} {f.message}" for f in report.findings] == []
    assert report.records == 4
    root = tmp_path / "zwgk"
    shutil.copytree(repo, root)
    proc = subprocess.run([sys.executable, "-m", "generator", "build", "--root", str(root), "--out",
                           str(root / "site"), "--today", INIT_DAY], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "4 条公开记录" in proc.stdout
    assert (root / "site" / "index.html").is_file()
    assert list((root / "site" / "policies").glob("*/index.html"))


def test_init_repository_takes_new_records(repo, tmp_path, capsys):
    root = tmp_path / "zwgk"
    shutil.copytree(repo, root)
    _, text = new(capsys, root, "decision", "--meeting-type", "常务会议")
    data = yaml.safe_load(text)
    assert data["meeting"]["number"] == 2 and data["meeting"]["chair"] == "zhao-wenbo"


def test_init_refuses_a_non_empty_directory(tmp_path, capsys):
    target = tmp_path / "taken"
    target.mkdir()
    (target / "notes.txt").write_text("别动", encoding="utf-8")
    code, out, err = gongkai(capsys, "init", str(target), "--today", INIT_DAY)
    assert code == 2 and "不是空目录" in err
    assert [p.name for p in target.iterdir()] == ["notes.txt"]
    assert (target / "notes.txt").read_text(encoding="utf-8") == "别动"
    # an empty directory is fine; so is one that does not exist yet
    (tmp_path / "empty").mkdir()
    assert gongkai(capsys, "init", str(tmp_path / "empty"), "--today", INIT_DAY, "--no-git")[0] == 0
    assert (tmp_path / "empty" / "site_config.yml").is_file()
    assert not (tmp_path / "empty" / ".git").exists()
    assert not [p for p in tmp_path.iterdir() if ".init-" in p.name]


def test_starter_credit_codes_are_valid(repo):
    from generator.identifiers import credit_code_problem

    config = yaml.safe_load((repo / "site_config.yml").read_text(encoding="utf-8"))
    codes = [config["government"]["credit_code"], *(o["credit_code"] for o in config["organizations"])]
    assert all(credit_code_problem(c) is None for c in codes)
    roles = {p["role"] for p in config["leaders"]}
    assert "县长" in roles and all(p["ab_partner"] for p in config["leaders"])


# ---------------------------------------------------------------- the CI files run the checker as they say


def _path_env() -> dict[str, str]:
    """The workflow runs ``gongkai``: the console script sits beside this Python."""
    env = {k: v for k, v in os.environ.items() if k != "GONGKAI_DEBUG"}
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    return env


def _pr_check_step(repo: Path) -> str:
    workflow = yaml.safe_load((repo / ".github" / "workflows" / "gongkai.yml").read_text(encoding="utf-8"))
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true
    assert "pull_request" in triggers and triggers["push"]["branches"] == ["main"]
    found = [(name, job, step["run"]) for name, job in workflow["jobs"].items()
             for step in job.get("steps", []) if "gongkai check" in step.get("run", "") and "--duties" not in step["run"]]
    assert len(found) == 1, found
    name, job, run = found[0]
    assert "if" not in job  # the job runs on every trigger, pull requests included
    installs = [s["run"] for s in job["steps"] if "pip install" in s.get("run", "")]
    assert [i.splitlines()[-1] for i in installs] == ['pip install "$GONGKAI_PACKAGE"']
    return run


def test_workflow_builds_and_publishes_main(repo):
    workflow = yaml.safe_load((repo / ".github" / "workflows" / "gongkai.yml").read_text(encoding="utf-8"))
    build = workflow["jobs"]["build"]
    # the build checks for itself and refuses on defects; it does not wait for the check job, which
    # fails on overdue duties (those must never stop the site)
    assert "refs/heads/main" in build["if"] and "needs" not in build
    # a daily run publishes scheduled records on their day and fails visibly on overdue duties,
    # in a job the deploy does not wait for
    triggers = workflow.get("on", workflow.get(True))
    assert triggers["schedule"] and triggers["schedule"][0]["cron"]
    duties = workflow["jobs"]["duties"]
    assert any(s.get("run") == "gongkai check --duties --format github" for s in duties["steps"])
    assert any("GITHUB_STEP_SUMMARY" in s.get("run", "") for s in duties["steps"])
    assert "duties" not in str(build.get("needs")) and "duties" not in str(workflow["jobs"]["deploy"].get("needs"))
    runs = [s.get("run", "") for s in build["steps"]]
    assert "gongkai build --out site" in runs
    uses = [s.get("uses", "").split("@")[0] for job in workflow["jobs"].values() for s in job["steps"]]
    assert "actions/upload-pages-artifact" in uses and "actions/deploy-pages" in uses
    assert workflow["env"]["TZ"] == "Asia/Shanghai"


def test_workflow_pr_check_annotates_the_broken_line(repo, tmp_path):
    run = _pr_check_step(repo)
    assert "--format github" in run
    root = tmp_path / "zwgk"
    shutil.copytree(repo, root)

    clean = subprocess.run(["bash", "-c", run], cwd=root, capture_output=True, text=True, env=_path_env(), timeout=120)
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert "::error" not in clean.stdout

    [policy] = (root / "content" / "policies").glob("*.yml")
    text = policy.read_text(encoding="utf-8")
    broken = re.sub(r"^doc_no: (\S+)〔(\d{4})〕", r"doc_no: \1[\2]", text, flags=re.M)
    assert broken != text
    policy.write_text(broken, encoding="utf-8")
    line = next(i for i, ln in enumerate(broken.splitlines(), 1) if ln.startswith("doc_no:"))

    failed = subprocess.run(["bash", "-c", run], cwd=root, capture_output=True, text=True, env=_path_env(), timeout=120)
    assert failed.returncode == 1, failed.stdout + failed.stderr
    rel = policy.relative_to(root).as_posix()
    annotations = [ln for ln in failed.stdout.splitlines() if ln.startswith("::error ")]
    assert any(ln.startswith(f"::error file={rel},line={line},") and "GK202" in ln for ln in annotations), failed.stdout


def test_gitlab_ci_checks_and_publishes_pages(repo):
    ci = yaml.safe_load((repo / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    assert ci["default"]["before_script"][-1] == 'pip install "$GONGKAI_PACKAGE"'
    [script] = ci["check"]["script"]
    assert 'gongkai check --base "origin/$CI_MERGE_REQUEST_TARGET_BRANCH_NAME"' in script  # GK211 and friends on MRs
    assert "merge_request_event" in script and ci["variables"]["GIT_DEPTH"] == "0"
    # the daily duties job fails visibly without stopping the deploy
    assert ci["duties"]["script"][-1] == "gongkai check --duties" and ci["duties"]["allow_failure"] is True
    assert ci["pages"]["needs"] == []
    assert ci["pages"]["script"] == ["gongkai build --out public"]
    assert ci["pages"]["artifacts"]["paths"] == ["public"]
    assert "CI_DEFAULT_BRANCH" in ci["pages"]["rules"][0]["if"]
    assert any("merge_request_event" in r["if"] for r in ci["workflow"]["rules"])


def test_pre_commit_hook_runs_the_checker_on_content(repo, tmp_path):
    config = yaml.safe_load((repo / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    [hook] = config["repos"][0]["hooks"]
    assert config["repos"][0]["repo"] == "local"
    assert "gongkai check --base HEAD" in hook["entry"] and hook["language"] == "system"
    assert hook["pass_filenames"] is False
    files = re.compile(hook["files"])
    assert files.search("content/policies/2026-001.yml") and files.search("site_config.yml")
    assert not files.search("README.md") and not files.search("schema/policies.schema.json")
    root = tmp_path / "zwgk"
    shutil.copytree(repo, root)
    proc = subprocess.run(["bash", "-c", hook["entry"]], cwd=root, capture_output=True, text=True,
                          env=_path_env(), timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_option_values_are_written_as_yaml_that_reads_back(capsys, site):
    title = '关于: “示例” #1 的通知'
    _, text = new(capsys, site, "policy", "--title", title, "--doc-no", "康政发〔2026〕3号",
                  "--issuer", "gov", "fgj", "--kind", "其他文件")
    data = yaml.safe_load(text)
    assert data["title"] == title and data["doc_no"] == "康政发〔2026〕3号"
    assert data["issuer"] == ["gov", "fgj"] and data["kind"] == "其他文件"
    assert "legality_review" not in data  # not needed for 其他文件: left commented out


def test_new_outside_a_site_exits_2(capsys, tmp_path):
    code, _, err = gongkai(capsys, "new", "policy", "--root", str(tmp_path))
    assert code == 2 and "site_config.yml" in err
    assert not list(tmp_path.iterdir())


def test_workflow_pr_check_compares_with_the_target_branch(repo, tmp_path):
    """On a pull request the step checks only what changed against origin/<base>, and a silent edit of
    a published record fails with GK211 on its line."""
    run = _pr_check_step(repo)
    root = tmp_path / "zwgk"
    shutil.copytree(repo, root)
    git = {**_path_env(), "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "base"], ["update-ref", "refs/remotes/origin/main", "HEAD"]):
        subprocess.run(["git", *args], cwd=root, check=True, capture_output=True, env=git, timeout=60)
    pr = {**_path_env(), "GITHUB_BASE_REF": "main"}
    same = subprocess.run(["bash", "-c", run], cwd=root, capture_output=True, text=True, env=pr, timeout=120)
    assert same.returncode == 0, same.stdout + same.stderr

    [policy] = (root / "content" / "policies").glob("*.yml")
    text = policy.read_text(encoding="utf-8")
    edited = re.sub(r"^title: (.+)$", r"title: \1（修订）", text, count=1, flags=re.M)
    policy.write_text(edited, encoding="utf-8")
    line = next(i for i, ln in enumerate(edited.splitlines(), 1) if ln.startswith("title:"))
    failed = subprocess.run(["bash", "-c", run], cwd=root, capture_output=True, text=True, env=pr, timeout=120)
    assert failed.returncode == 1, failed.stdout + failed.stderr
    rel = policy.relative_to(root).as_posix()
    assert any(ln.startswith(f"::error file={rel},line={line},") and "GK211" in ln for ln in failed.stdout.splitlines()), failed.stdout
