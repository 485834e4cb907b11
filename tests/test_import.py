"""``gongkai import``: saved pages of an old site (three layouts) and a proposal ledger (XLSX, GBK CSV),
dry run first, then written into a fresh ``gongkai init`` site that checks and builds; a second run
adds nothing."""

from __future__ import annotations

import json
import shutil
from datetime import date, datetime
from pathlib import Path

import pytest

from generator.cli import main
from generator.importer import fields
from generator.importer.html_page import read_page

FIXTURES = Path(__file__).parent / "fixtures" / "import"
TODAY = date(2026, 11, 26)
HOUSING = "  - id: zjj\n    name: 示例县住房和城乡建设局\n    credit_code: \"11629901MB0000088Y\"\n"


def run(capsys, *argv) -> tuple[int, str]:
    code = main([*argv])
    out = capsys.readouterr()
    return code, out.out + out.err


@pytest.fixture
def fresh_site(tmp_path, capsys) -> Path:
    root = tmp_path / "site"
    assert main(["init", str(root), "--today", str(TODAY)]) == 0
    capsys.readouterr()
    return root


# ---------------------------------------------------------------- reading values


@pytest.mark.parametrize("shown, expected", [
    ("2025-03-05", date(2025, 3, 5)), ("2025年3月5日", date(2025, 3, 5)), ("2025/3/5", date(2025, 3, 5)),
    ("2025.3.5", date(2025, 3, 5)), ("２０２５年３月５日", date(2025, 3, 5)), ("二〇二五年三月五日", date(2025, 3, 5)),
    ("二〇一九年十二月三十一日", date(2019, 12, 31)), (45721, date(2025, 3, 5)), ("45721", date(2025, 3, 5)),
    (datetime(2025, 3, 5, 10, 30), date(2025, 3, 5)), ("2016年05月12日 09:30", date(2016, 5, 12)),
    ("2025年2月30日", None), ("暂无", None), (12, None), ("", None),
])
def test_dates_in_every_form_clerks_type(shown, expected):
    assert fields.parse_date(shown) == expected


@pytest.mark.parametrize("shown, names, count", [
    ("马国庆、李红", ["马国庆", "李红"], None), ("杨文华等3名代表", ["杨文华"], 3),
    ("王小川委员", ["王小川"], None), ("张三, 李四；王五", ["张三", "李四", "王五"], None),
])
def test_proposers_and_groups(shown, names, count):
    assert fields.split_names(shown) == (names, count)


def test_spaced_and_variant_labels():
    assert fields.label_of("索 引 号：") == "index_no"
    assert fields.label_of("发文机关") == "publisher"
    assert fields.label_of("【文号】") == "doc_no"
    assert fields.label_of("组配分类:") == "topic"
    assert fields.label_of("浏览次数") is None


# ---------------------------------------------------------------- three layouts


def test_trs_table_layout_in_gbk():
    page = read_page(FIXTURES / "trs" / "policy-2016-40.html", "trs/policy-2016-40.html")
    assert page.source == "http://www.example.gov.cn/zwgk/art/2016/5/12/art_1001_40.html"
    assert page.title == "示例县人民政府关于印发示例县城乡环境卫生整治实施方案的通知"
    assert page.fields["index_no"] == "11629901MB0000010X/2016-00040"
    assert page.fields["doc_no"] == "示政发﹝2016﹞40号"  # kept as issued, ﹝﹞ and all
    assert page.fields["written"] == "2016年05月10日"
    assert page.fields["publisher"] == "示例县人民政府"
    assert page.fields["validity"] == "有效"
    assert "认真贯彻执行" in page.body and "### 示例县城乡环境卫生整治实施方案" in page.body
    for chrome in ("打印本页", "关闭窗口", "当前位置", "网站标识码", "_hmt", "首页"):
        assert chrome not in page.body
    assert [name for name, _ in page.attachments] == ["附件1：任务分解表", "附件2：考核细则"]


def test_dl_layout():
    page = read_page(FIXTURES / "dl" / "reply-2022-15.html", "dl/reply-2022-15.html")
    assert page.source.startswith("https://www.example.gov.cn/")
    assert page.fields["doc_no"] == "示水函[2022]31号"
    assert page.fields["written"] == "2022/7/8" and page.fields["published"] == "2022.7.15"
    assert page.body.startswith("杨文华等3名代表：")


def test_plain_article_with_header_paragraph():
    page = read_page(FIXTURES / "article" / "policy-2019-08.html", "article/policy-2019-08.html")
    assert page.fields["doc_no"] == "示财发〔2019〕8号"
    assert page.fields["written"] == "二〇一九年三月十五日"
    assert page.fields["publisher"] == "县财政局"
    assert "发文字号" not in page.body and page.body.startswith("各乡（镇）人民政府：")
    meeting = read_page(FIXTURES / "article" / "meeting-2023-05.html", "article/meeting-2023-05.html")
    assert meeting.fields["publisher"] == "示例县人民政府办公室"  # 浏览次数 ends the value
    assert "浏览次数" not in meeting.body


def test_hostile_markup_is_dropped(tmp_path):
    page = tmp_path / "x.html"
    page.write_text("<html><body><h1>关于印发某某办法的通知</h1><div class='content'>"
                    "<p>正文第一段足够长的文字，正文第一段足够长的文字。<script>alert(1)</script></p>"
                    "<p onclick='x()'>第二段<a href='javascript:alert(1)'>链接</a>"
                    "<img src=x onerror=alert(1)></p></div></body></html>", encoding="utf-8")
    body = read_page(page, "x.html").body
    assert "alert" not in body and "onclick" not in body and "javascript" not in body


# ---------------------------------------------------------------- the whole path


def test_dry_run_reports_and_writes_nothing(fresh_site, capsys):
    before = sorted(p.relative_to(fresh_site) for p in fresh_site.rglob("*"))
    code, out = run(capsys, "import", "html", str(FIXTURES), "--root", str(fresh_site), "--today", str(TODAY))
    assert sorted(p.relative_to(fresh_site) for p in fresh_site.rglob("*")) == before
    assert code == 1  # the housing bureau is not in the config yet
    assert "导入预览（未写入任何文件" in out
    assert "类型推断为政策解读（标题含“解读”）" in out and "类型推断为会议决定" in out
    assert "类型推断为建议提案办理" in out and "类型推断为政策文件（有发文字号）" in out
    assert "- {id: 待定, name: 示例县住房和城乡建设局, credit_code: 统一社会信用代码}" in out
    assert "附件只有链接，未随页面保存：附件2：考核细则" in out
    code, out = run(capsys, "import", "html", str(FIXTURES), "--root", str(fresh_site), "--today", str(TODAY),
                    "--format", "json")
    doc = json.loads(out)
    assert doc["summary"] == {"records": 5, "wrote": False, "write": 4, "again": 0, "attention": 1}
    by_source = {r["source"]: r for r in doc["records"]}
    policy = by_source["http://www.example.gov.cn/zwgk/art/2016/5/12/art_1001_40.html"]
    assert policy["type"] == "policies" and policy["file"].startswith("content/policies/")
    assert policy["values"]["doc_no"] == "示政发﹝2016﹞40号"
    assert policy["values"]["written"] == "2016-05-10" and policy["values"]["published"] == "2016-05-12"
    assert policy["values"]["topic"] == "城乡建设、环境保护/环境监测、保护与治理"
    assert "kind" in policy["missing"]
    meeting = by_source["article/meeting-2023-05.html"]["values"]
    assert meeting["meeting"] == {"type": "常务会议", "number": 5, "date": "2023-05-06", "chair": "zhao-wenbo"}
    assert [i["outcome"] for i in meeting["items"]][1:] == ["听取汇报", "原则通过"]


def test_write_check_build_and_rerun(fresh_site, capsys, tmp_path):
    config = fresh_site / "site_config.yml"
    text = config.read_text(encoding="utf-8")
    anchor = "\n# 县政府组成人员"
    config.write_text(text.replace(anchor, HOUSING + anchor, 1), encoding="utf-8")
    code, out = run(capsys, "import", "html", str(FIXTURES), "--root", str(fresh_site), "--today", str(TODAY), "--write")
    assert code == 0, out
    assert "已写入 5 条" in out
    policy = next((fresh_site / "content" / "policies").glob("2016-*.yml")).read_text(encoding="utf-8")
    assert "imported:" in policy and "art_1001_40.html" in policy
    assert (fresh_site / "content" / "attachments").rglob("附件1：任务分解表.pdf")
    interpretation = next((fresh_site / "content" / "interpretations").glob("2016-*.yml")).read_text(encoding="utf-8")
    assert "interprets: 2016-001" in interpretation  # linked to the policy imported in the same run

    code, out = run(capsys, "check", "--root", str(fresh_site), "--today", str(TODAY))
    assert code == 0, out
    assert " 0 个错误" in out or "0 个错误" in out

    code, out = run(capsys, "import", "html", str(FIXTURES), "--root", str(fresh_site), "--today", str(TODAY), "--write")
    assert code == 0 and "已写入 0 条，已导入过 5 条" in out
    count = len(list((fresh_site / "content").rglob("*.yml")))
    assert count == 4 + 5

    out_dir = tmp_path / "out"
    code, out = run(capsys, "build", "--root", str(fresh_site), "--out", str(out_dir), "--today", str(TODAY))
    assert code == 0, out
    html = "".join(p.read_text(encoding="utf-8") for p in out_dir.rglob("index.html"))
    assert "示例县城乡环境卫生整治实施方案" in html and "示政发﹝2016﹞40号" in html


# ---------------------------------------------------------------- ledgers


LEDGER_ROWS = [
    ["届次", "编号", "提出人", "标题", "主办单位", "协办单位", "交办日期", "答复日期", "办理结果", "满意度", "备注"],
    ["县十七届人大三次会议", "第12号", "马国庆、李红", "关于改善城区公交线路的建议", "示例县发展和改革局",
     "示例县财政局", "2024年3月5日", "2024/5/20", "B类", "满意", "无"],
    ["县十七届人大三次会议", 13, "杨文华等3名代表", "关于加快乡村道路硬化的建议", "示例县财政局", "",
     "2024.3.5", None, "", "", ""],
    ["县政协十届三次会议", "7", "王小川", "关于加强农村供水管护的提案", "示例县水务局", "示例县住房和城乡建设局",
     None, "2024-06-03", "所提问题已经解决或基本解决", "基本满意", ""],
]


def test_ledger_xlsx_dry_run_and_write(fresh_site, capsys, tmp_path):
    # LEDGER_ROWS under a title row; G4 holds 45356 (a date typed as Excel's serial number), G5 a date cell
    ledger = FIXTURES / "ledger" / "建议提案台账.xlsx"
    code, out = run(capsys, "import", "ledger", str(ledger), "--type", "proposals", "--root", str(fresh_site),
                    "--today", str(TODAY), "--format", "json")
    doc = json.loads(out)
    rows = {r["source"]: r for r in doc["records"]}
    first = rows["建议提案台账.xlsx#县十七届人大三次会议第12号"]["values"]
    assert first["assigned"] == "2024-03-05" and first["replied"] == "2024-05-20"
    assert first["proposers"] == ["马国庆", "李红"] and first["result"] == "B" and first["satisfaction"] == "满意"
    assert first["kind"] == "人大代表建议" and first["lead"] == "fgj" and first["co"] == ["czj"]
    group = rows["建议提案台账.xlsx#县十七届人大三次会议第13号"]
    assert group["values"]["assigned"] == "2024-03-05"  # Excel serial
    assert group["values"]["proposers"] == ["杨文华"]
    cppcc = rows["建议提案台账.xlsx#县政协十届三次会议第7号"]
    assert cppcc["values"]["kind"] == "政协委员提案" and cppcc["values"]["result"] == "A"
    assert cppcc["values"]["assigned"] == "2024-03-05"  # a real date cell
    assert {"field": "co", "value": "示例县住房和城乡建设局", "reason": "机构未在 site_config.yml 中登记"} in cppcc["rejected"]
    assert doc["unmapped_columns"] == ["备注"]
    code, out = run(capsys, "import", "ledger", str(ledger), "--root", str(fresh_site), "--today", str(TODAY), "--write")
    assert "已写入 3 条" in out
    code, out = run(capsys, "check", "--root", str(fresh_site), "--today", str(TODAY))
    assert code == 0, out
    code, out = run(capsys, "import", "ledger", str(ledger), "--root", str(fresh_site), "--today", str(TODAY), "--write")
    assert "已写入 0 条，已导入过 3 条" in out


def test_ledger_gbk_csv_with_mapping(fresh_site, capsys, tmp_path):
    text = (FIXTURES / "ledger" / "建议提案台账-gbk.csv").read_bytes().decode("gbk")
    assert text.splitlines()[1:] == [",".join(str(c) if c is not None else "" for c in row) for row in LEDGER_ROWS]
    ledger = tmp_path / "ledger.csv"
    ledger.write_bytes(text.replace("标题", "建议内容摘要", 1).encode("gbk"))  # a header of the office's own
    code, out = run(capsys, "import", "ledger", str(ledger), "--root", str(fresh_site), "--today", str(TODAY))
    assert "建议内容摘要" in out  # reported as a column not imported
    mapping = tmp_path / "mapping.yml"
    mapping.write_text("建议内容摘要: title\n", encoding="utf-8")
    code, out = run(capsys, "import", "ledger", str(ledger), "--mapping", str(mapping), "--root", str(fresh_site),
                    "--today", str(TODAY), "--format", "json")
    doc = json.loads(out)
    assert [r["values"]["title"] for r in doc["records"]][0] == "关于改善城区公交线路的建议"
    assert doc["records"][0]["values"]["assigned"] == "2024-03-05"


def test_bad_inputs_are_clear_errors(fresh_site, capsys, tmp_path):
    bad = tmp_path / "x.xls"
    bad.write_bytes(b"\xd0\xcf\x11\xe0")
    code, out = run(capsys, "import", "ledger", str(bad), "--root", str(fresh_site))
    assert code == 2 and "另存为 .xlsx" in out
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really")
    code, out = run(capsys, "import", "ledger", str(broken), "--root", str(fresh_site))
    assert code == 2 and "不是可读取的 .xlsx 文件" in out and "Traceback" not in out
    code, out = run(capsys, "import", "html", str(tmp_path / "missing"), "--root", str(fresh_site))
    assert code == 2 and "找不到" in out
    mapping = tmp_path / "m.yml"
    mapping.write_text("备注: 不存在的字段\n", encoding="utf-8")
    good = tmp_path / "ok.csv"
    good.write_text("标题,提出人\n关于某事的建议,张三\n", encoding="utf-8")
    code, out = run(capsys, "import", "ledger", str(good), "--mapping", str(mapping), "--root", str(fresh_site))
    assert code == 2 and "字段不认识" in out


def test_symlinked_attachment_is_not_copied(fresh_site, capsys, tmp_path):
    pages = tmp_path / "pages"
    shutil.copytree(FIXTURES / "trs", pages)
    target = pages / "files" / "附件1：任务分解表.pdf"
    target.unlink()
    target.symlink_to("/etc/passwd")
    code, out = run(capsys, "import", "html", str(pages / "policy-2016-40.html"), "--root", str(fresh_site),
                    "--today", str(TODAY), "--format", "json")
    record = json.loads(out)["records"][0]
    assert record["attachments"] == [] and len(record["attachment_links"]) == 2
