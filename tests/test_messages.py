"""Messages a clerk can act on (issue #12 item 9): what a Chinese input method does to YAML is
reported on the line where it happened, naming the character; a file that does not parse does not
also break the records pointing to it; a mistyped id or key suggests the nearest valid one; GK202
prints the corrected 文号 to copy."""

from __future__ import annotations

from generator.check import check_site
from generator.rules.examples import interpretation, normative, policy
from generator.rules.gk202_doc_no_format import corrected
from generator.yamlload import load_yaml_text

from .conftest import TODAY


def only_problem(text: str):
    doc = load_yaml_text(text)
    assert doc.data is None
    [problem] = doc.problems
    return problem


def test_full_width_colon_is_reported_on_its_line_naming_the_character():
    p = only_problem("title: 测试\npublisher： gov\ntopic: 综合政务/政务公开\nbody: |\n  正文\n")
    assert (p.line, p.column) == (2, 10)
    assert "第 2 行用了全角冒号“：”，请改为半角“:”" in p.message


def test_full_width_space_indentation_is_reported_on_its_line():
    p = only_problem("title: 测试\nlegality_review:\n　　date: 2026-01-01\n  result: 合法\n")
    assert p.line == 3 and "全角空格“　”" in p.message


def test_full_width_spaces_inside_a_body_are_text():
    doc = load_yaml_text("title: 测试\nbody: |\n  　　各乡（镇）人民政府：\n  　　note：现将有关事项通知如下。\n")
    assert doc.problems == [] and doc.data["body"].startswith("\u3000\u3000各乡")


def test_a_line_missing_its_indent_is_reported_there_not_on_the_next():
    p = only_problem("title: 测试\nlegality_review:\ndate: 2026-01-01\n  result: 合法\n")
    assert p.line == 3 and "第 3 行缺少缩进" in p.message and "legality_review" in p.message
    p = only_problem("items:\n  - title: 审议\n  outcome: 通过\n")
    assert p.line == 3 and "第 3 行缺少缩进" in p.message and "title" in p.message


def test_a_file_that_fails_to_parse_does_not_cascade(make_site):
    root = make_site({"content/policies/gongshui.yml": normative().replace("kind: ", "kind： "),
                      "content/interpretations/jd-gongshui.yml": interpretation()})
    findings = check_site(root, TODAY).findings
    assert [(f.path, f.rule) for f in findings] == [("content/policies/gongshui.yml", "GK001")]
    assert "全角冒号" in findings[0].message


def test_unknown_ids_and_keys_suggest_the_nearest(make_site):
    root = make_site({"content/policies/fangxun.yml": policy(publisher="fgjj", topic="农业、林业、水利/水力"),
                      "content/policies/gongshui.yml": normative(),
                      "content/interpretations/jd-gongshui.yml": interpretation(interprets="gongshiu"),
                      "content/interpretations/jd-2.yml": interpretation(titel="x", index_no="11622922013960001W/2026-00009")})
    said = "\n".join(f"{f.path} {f.rule} {f.message}" for f in check_site(root, TODAY).findings)
    assert "fangxun.yml GK015 机构“fgjj”不存在（publisher），是否指 fgj（示例县发展和改革局）？" in said
    assert "fangxun.yml GK015 主题分类“农业、林业、水利/水力”不在分类表中" in said and "是否指 农业、林业、水利/水利？" in said
    assert "jd-gongshui.yml GK015 政策文件“gongshiu”不存在（interprets），是否指 gongshui（示例县农村供水工程运行管理办法）？" in said
    assert "jd-2.yml GK010 未知字段“titel”（titel）：检查拼写，或删去，是否指 title（标题）？" in said


def test_gk202_prints_the_corrected_doc_no(make_site):
    root = make_site({"content/policies/fangxun.yml": policy(doc_no="康政发[2026]8号")})
    [f] = check_site(root, TODAY).findings
    assert f.rule == "GK202" and f.message.endswith("应写作：康政发〔2026〕8号")
    assert corrected("康政发（26）第08号", 2026) == "康政发〔2026〕8号"
    assert corrected("康政发〔２０２６〕３号") == "康政发〔2026〕3号"
    assert corrected("康政发〔2026〕3号") is None
