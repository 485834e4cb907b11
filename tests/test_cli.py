"""The command-line contract: output shapes, exit codes, positions, and no traceback on bad input."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from generator.rules.examples import interpretation, normative, policy, proposal

from .conftest import REPO

TODAY = "2026-11-26"


def run(*args: str, cwd=None) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    env.pop("GONGKAI_DEBUG", None)
    return subprocess.run([sys.executable, "-m", "generator", *args], capture_output=True, text=True,
                          cwd=cwd, env=env, timeout=120)


def check_json(root) -> tuple[int, dict]:
    proc = run("check", "--root", str(root), "--today", TODAY, "--format", "json")
    assert "Traceback" not in proc.stderr
    return proc.returncode, json.loads(proc.stdout)


def test_clean_site_exits_0_with_json_summary(make_site):
    root = make_site({"content/policies/fangxun.yml": policy()})
    code, doc = check_json(root)
    assert code == 0
    assert doc == {"findings": [], "summary": {"records": 1, "errors": 0, "warnings": 0}}


def test_error_exits_1_and_json_finding_has_every_field(make_site):
    root = make_site({"content/policies/fangxun.yml": policy(published="2026-07-20")})
    code, doc = check_json(root)
    assert code == 1
    [f] = doc["findings"]
    assert set(f) == {"path", "line", "column", "rule", "severity", "source", "article", "message"}
    assert f["path"] == "content/policies/fangxun.yml"
    assert (f["line"], f["column"]) == (3, 12)  # the value of `published:`
    assert f["rule"] == "GK201" and f["severity"] == "error"
    assert f["source"] == "中华人民共和国政府信息公开条例" and f["article"] == "第二十六条"
    assert doc["summary"] == {"records": 1, "errors": 1, "warnings": 0}


def test_warnings_alone_exit_0(make_site):
    body = "|\n  第一条 违反本办法的，由县水务局处以五千元罚款。"
    root = make_site({"content/policies/gongshui.yml": normative(body=body),
                      "content/interpretations/jd-gongshui.yml": interpretation()})
    code, doc = check_json(root)
    assert code == 0
    assert [f["rule"] for f in doc["findings"]] == ["GK109"]
    assert doc["summary"]["warnings"] == 1


def test_text_output_is_one_chinese_line_per_finding_with_citation(make_site):
    root = make_site({"content/policies/fangxun.yml": policy(doc_no="康政发[2026]8号")})
    proc = run("check", "--root", str(root), "--today", TODAY)
    assert proc.returncode == 1
    first, summary = proc.stdout.strip().splitlines()
    assert first.startswith("content/policies/fangxun.yml:7:9 错误 GK202 发文字号“康政发[2026]8号”不规范")
    assert first.endswith("（GB/T 9704-2012 7.2.5）")
    assert summary == "检查 1 条记录：1 个错误，0 个警告。未通过"


def test_findings_sorted_by_path_then_line(make_site):
    root = make_site({
        "content/policies/b.yml": policy(doc_no="康政发〔2026〕9号", index_no="11622922013960001W/2026-00002",
                                         published="2026-07-20", pubished="x"),
        "content/policies/a.yml": policy(title=None),
    })
    _, doc = check_json(root)
    keys = [(f["path"], f["line"], f["column"]) for f in doc["findings"]]
    assert keys == sorted(keys)
    assert [(f["path"], f["rule"]) for f in doc["findings"]] == [
        ("content/policies/a.yml", "GK011"), ("content/policies/b.yml", "GK010")]


def test_github_annotations(make_site):
    root = make_site({"content/policies/fangxun.yml": policy(published="2026-07-20")})
    proc = run("check", "--root", str(root), "--today", TODAY, "--format", "github")
    assert proc.returncode == 1
    line = proc.stdout.splitlines()[0]
    assert line.startswith("::error file=content/policies/fangxun.yml,line=3,col=12,title=GK201 ")


def test_sarif_is_valid_shape(make_site):
    root = make_site({"content/policies/fangxun.yml": policy(published="2026-07-20")})
    proc = run("check", "--root", str(root), "--today", TODAY, "--format", "sarif")
    doc = json.loads(proc.stdout)
    run_ = doc["runs"][0]
    assert doc["version"] == "2.1.0"
    assert run_["tool"]["driver"]["rules"][0]["id"] == "GK201"
    region = run_["results"][0]["locations"][0]["physicalLocation"]["region"]
    assert region == {"startLine": 3, "startColumn": 12}


@pytest.mark.parametrize("args, needle", [
    (("check", "--today", "2026-13-01"), "日期"),
    (("check", "--format", "xml"), "参数错误"),
    (("frobnicate",), "参数错误"),
    (("explain", "GK999"), "没有规则"),
])
def test_bad_arguments_exit_2_in_chinese(args, needle, make_site):
    proc = run(*args, cwd=make_site())
    assert proc.returncode == 2
    assert needle in proc.stderr and "Traceback" not in proc.stderr


def test_missing_config_exits_2(tmp_path):
    proc = run("check", "--root", str(tmp_path))
    assert proc.returncode == 2
    assert "site_config.yml" in proc.stderr and "Traceback" not in proc.stderr


def test_broken_config_exits_2_naming_line(make_site):
    root = make_site()
    (root / "site_config.yml").write_text("site:\n  title: [未闭合\n", encoding="utf-8")
    proc = run("check", "--root", str(root))
    assert proc.returncode == 2
    assert "site_config.yml:" in proc.stderr and "GK001" in proc.stderr and "Traceback" not in proc.stderr


def test_config_with_unknown_key_exits_2(make_site):
    root = make_site({"site_config.yml": "colour: red\n"})
    proc = run("check", "--root", str(root))
    assert proc.returncode == 2
    assert "GK010" in proc.stderr and "colour" in proc.stderr


@pytest.mark.parametrize("content", [
    b"\x00\x01\x02\xff\xfe garbage \x9c",
    b"- just\n- a list\n",
    b"",
    b"title: [" * 5000,
    b"a: &x [1]\nb: *x\n",
    "\ufefftitle: 带 BOM 的文件\n".encode("utf-8"),
    b"title: \xb7\xc0\xd1\xb4\n",
])
def test_hostile_record_files_are_findings_not_tracebacks(content, make_site):
    root = make_site({"content/policies/fangxun.yml": policy()})
    (root / "content/policies/evil.yml").write_bytes(content)
    code, doc = check_json(root)
    assert code == 1
    evil = [f for f in doc["findings"] if f["path"] == "content/policies/evil.yml"]
    assert evil and all(f["line"] >= 1 and f["column"] >= 1 for f in evil)


def test_year_without_holiday_data_is_a_finding(make_site):
    root = make_site({"content/policies/fangxun.yml": policy(
        written="2027-01-04", published="2027-01-08", index_no="11622922013960001W/2027-00001")})
    proc = run("check", "--root", str(root), "--today", "2027-02-01", "--format", "json")
    doc = json.loads(proc.stdout)
    assert proc.returncode == 1
    [f] = doc["findings"]
    assert f["rule"] == "GK016" and "2027" in f["message"] and "rules.calendar" in f["message"]


def test_calendar_additions_cover_a_new_year(make_site):
    extra = ("rules:\n  calendar:\n    holidays: [2027-01-01]\n    workdays: []\n")
    root = make_site({"content/policies/fangxun.yml": policy(
        written="2027-01-04", published="2027-01-08", index_no="11622922013960001W/2027-00001")})
    cfg = root / "site_config.yml"
    text = cfg.read_text(encoding="utf-8")
    cfg.write_text(text.replace("organizations:", extra + "organizations:"), encoding="utf-8")
    proc = run("check", "--root", str(root), "--today", "2027-02-01", "--format", "json")
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_severity_override_and_off(make_site):
    root = make_site({"content/policies/fangxun.yml": policy(published="2026-07-20")})
    cfg = root / "site_config.yml"
    text = cfg.read_text(encoding="utf-8")
    cfg.write_text(text.replace("organizations:", "rules:\n  severity: {GK201: warning}\norganizations:"), encoding="utf-8")
    code, doc = check_json(root)
    assert code == 0 and doc["findings"][0]["severity"] == "warning"
    cfg.write_text(text.replace("organizations:", "rules:\n  severity: {GK201: off}\norganizations:"), encoding="utf-8")
    code, doc = check_json(root)
    assert code == 0 and doc["findings"] == []


def test_unknown_rule_in_waiver_is_a_finding(make_site):
    root = make_site({"content/policies/fangxun.yml": policy(waivers="\n  - rule: GK999\n    reason: 试验")})
    code, doc = check_json(root)
    assert code == 1
    [f] = doc["findings"]
    assert f["rule"] == "GK015" and f["line"] == 16


def test_explain_prints_citation_and_examples():
    proc = run("explain", "GK105")
    assert proc.returncode == 0
    out = proc.stdout
    assert "第四十七条" in out and "原则上须在会议结束后7个工作日内印发" in out
    assert "不符合的例子" in out and "符合的例子" in out
    assert run("explain", "meeting-document-issued-late").stdout == out


def test_explain_lists_every_rule():
    from generator.rules import REGISTRY
    out = run("explain").stdout
    assert all(code in out for code in REGISTRY)


def test_schema_has_chinese_titles_and_enums():
    doc = json.loads(run("schema", "policies").stdout)
    props = doc["properties"]
    assert props["doc_no"]["title"] == "发文字号"
    assert "行政规范性文件" in json.dumps(props["kind"], ensure_ascii=False)
    assert doc["additionalProperties"] is False
    everything = json.loads(run("schema").stdout)
    assert set(everything) == {"site_config", "policies", "interpretations", "decisions", "proposals", "reports",
                               "applications"}


def test_proposal_line_points_at_value(make_site):
    root = make_site({"content/proposals/rd-5-12.yml": proposal(replied="2026-07-20", published="2026-07-24")})
    _, doc = check_json(root)
    [f] = doc["findings"]
    assert (f["rule"], f["line"], f["column"]) == ("GK103", 13, 10)


def test_a_file_with_thousands_of_problems_reports_a_bounded_number(make_site):
    root = make_site({"content/policies/dup.yml": ""})
    (root / "content/policies/dup.yml").write_text("".join(f"a: {i}\n" for i in range(5000)), encoding="utf-8")
    code, doc = check_json(root)
    assert code == 1
    assert 0 < len(doc["findings"]) <= 40
    assert any("另有" in f["message"] for f in doc["findings"])


def test_december_documents_are_judged_without_next_years_holidays(make_site):
    root = make_site({"content/policies/fangxun.yml": policy(
        written="2026-12-10", published="2026-12-11", index_no="11622922013960001W/2026-00001")})
    proc = run("check", "--root", str(root), "--today", "2026-12-31", "--format", "json")
    assert proc.returncode == 0, proc.stdout


def _git(root, *args):
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, timeout=60,
                   env={**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
                        "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"})


def _repo_with(make_site, files):
    root = make_site(files)
    _git(root, "init", "-q")
    _git(root, "add", "-A")
    _git(root, "commit", "-qm", "base")
    return root


def test_base_flags_a_silent_change_to_a_published_record(make_site):
    root = _repo_with(make_site, {"content/policies/fangxun.yml": policy()})
    (root / "content/policies/fangxun.yml").write_text(policy(title="示例县关于做好2026年防汛抗旱工作的通知"),
                                                       encoding="utf-8")
    proc = run("check", "--root", str(root), "--today", TODAY, "--format", "json", "--base", "HEAD")
    doc = json.loads(proc.stdout)
    assert proc.returncode == 1
    [f] = doc["findings"]
    assert (f["rule"], f["line"], f["article"]) == ("GK211", 1, "第二十六条")
    # without --base the change history is not judged
    assert run("check", "--root", str(root), "--today", TODAY).returncode == 0
    # a change note makes the edit visible: it passes
    (root / "content/policies/fangxun.yml").write_text(policy(
        title="示例县关于做好2026年防汛抗旱工作的通知",
        changes="\n  - date: 2026-06-05\n    note: 标题增加“抗旱”"), encoding="utf-8")
    assert run("check", "--root", str(root), "--today", TODAY, "--base", "HEAD").returncode == 0


def test_base_blocks_on_what_the_change_introduced_and_resolves_references_site_wide(make_site):
    root = _repo_with(make_site, {
        "content/policies/old.yml": policy(doc_no="康政发[2026]8号"),   # an old error, untouched
        "content/policies/gongshui.yml": normative(),
        "content/interpretations/jd-gongshui.yml": interpretation(),
    })
    # a new interpretation of an unchanged policy: its reference resolves against the whole site
    new = root / "content/interpretations/jd-gongshui-2.yml"
    new.write_text(interpretation(index_no="11622922013960001W/2026-00009", published="2026-11-25"), encoding="utf-8")
    for flags in (["--changed-only"], []):  # --changed-only is kept for old CI configurations: the same
        proc = run("check", "--root", str(root), "--today", TODAY, "--format", "json", "--base", "HEAD", *flags)
        assert proc.returncode == 0, proc.stdout
        assert json.loads(proc.stdout)["findings"] == []
        assert "另有 1 个错误" in proc.stderr
    # the full check still reports the old error
    assert run("check", "--root", str(root), "--today", TODAY).returncode == 1
    # an error in a changed file blocks
    new.write_text(interpretation(index_no="11622922013960001W/2026-00009", published="2026-11-25",
                                  interprets="nonexistent"), encoding="utf-8")
    proc = run("check", "--root", str(root), "--today", TODAY, "--format", "json", "--base", "HEAD", "--changed-only")
    assert proc.returncode == 1
    assert {f["path"] for f in json.loads(proc.stdout)["findings"]} == {"content/interpretations/jd-gongshui-2.yml"}


def test_base_errors_are_usage_errors(make_site, tmp_path):
    root = make_site({"content/policies/fangxun.yml": policy()})
    proc = run("check", "--root", str(root), "--base", "HEAD")
    assert proc.returncode == 2 and "--base" in proc.stderr and "Traceback" not in proc.stderr
    root2 = _repo_with(make_site, {})
    proc = run("check", "--root", str(root2), "--base", "no-such-rev")
    assert proc.returncode == 2 and "no-such-rev" in proc.stderr
    assert run("check", "--root", str(root2), "--changed-only").returncode == 2


def test_findings_per_file_and_rule_are_capped(make_site):
    many = "\n" + "".join(f"  - nobody{i}\n" for i in range(500))
    root = make_site({"content/policies/fangxun.yml": policy(issuer=many)})
    code, doc = check_json(root)
    assert code == 1
    unknown = [f for f in doc["findings"] if f["rule"] == "GK015"]
    assert len(unknown) == 21 and any("另有 480 处" in f["message"] for f in unknown)


# ---------------------------------------------------------------- issue 10 item 9: small CLI faults


@pytest.mark.parametrize("args", [("explain",), ("explain", "GK105"), ("schema",)])
def test_closed_pipe_is_quiet(args):
    """`gongkai explain | head`: the reader goes away before gongkai writes; no 内部错误, no traceback."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    env.pop("GONGKAI_DEBUG", None)
    reader, writer = os.pipe()
    os.close(reader)  # like `head` that has already exited
    try:
        proc = subprocess.run([sys.executable, "-m", "generator", *args], stdout=writer, stderr=subprocess.PIPE,
                              text=True, env=env, timeout=120)
    finally:
        os.close(writer)
    assert proc.stderr == ""
    assert proc.returncode == 141  # 128 + SIGPIPE, as a shell reports it


def test_enum_messages_name_the_field_in_chinese_and_list_values_one_way(make_site):
    root = make_site({"content/policies/fangxun.yml": policy(kind=""),
                      "content/policies/gongshui.yml": policy(kind="通知")})
    code, doc = check_json(root)
    messages = {f["path"].rsplit("/", 1)[1]: f["message"] for f in doc["findings"] if f["rule"] in ("GK011", "GK012")}
    # a new record must have its kind; only an imported one may lack it (its source did not show it)
    assert messages["fangxun.yml"].startswith("缺少必填字段“kind”（文件类型）")
    assert messages["gongshui.yml"] == "kind（文件类型）的值“通知”不在可选值中，可选：规章、行政规范性文件、其他文件"
    assert not any("None" in f["message"] for f in doc["findings"])


def test_type_messages_name_the_field_in_chinese(make_site):
    root = make_site({"site_config.yml": "\n"})
    cfg = root / "site_config.yml"
    cfg.write_text(cfg.read_text(encoding="utf-8").replace("sample_data: true", "sample_data: 是")
                   .replace("sample_data: false", "sample_data: 是"), encoding="utf-8")
    proc = run("check", "--root", str(root), "--today", TODAY)
    assert proc.returncode == 2
    assert "site.sample_data（示例数据）应为true 或 false，实际是“是”" in proc.stderr, proc.stderr
