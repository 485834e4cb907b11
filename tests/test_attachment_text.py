"""Attachments are read too: the text of PDF, DOCX, XLSX, TXT and CSV attachments goes through the
personal-data scan (GK207), and an attachment that cannot be read is a GK209 finding, never a crash.

Every file is built here, in tmp_path, from bytes: no binary fixtures."""

from __future__ import annotations

import io
import struct
import subprocess
import sys
import zipfile
from datetime import date
from pathlib import Path

import pytest

from generator import attachment_text
from generator.attachment_text import AttachmentUnreadable, AttachmentUnscannable, cell_number, extract
from generator.check import check_site
from generator.identifiers import ID_CHECK, ID_WEIGHTS, id_card_valid, luhn_valid
from generator.rules.examples import policy, proposal
from generator.samplefiles import REL, W, docx_bytes, pdf_bytes, xlsx_bytes, zip_bytes

from .conftest import REPO

TODAY = date(2026, 11, 26)


# ---------------------------------------------------------------- numbers


def id_number(first17: str) -> str:
    total = sum(int(c) * w for c, w in zip(first17, ID_WEIGHTS))
    return first17 + ID_CHECK[total % 11]


def luhn_complete(prefix: str) -> str:
    return next(prefix + d for d in "0123456789" if luhn_valid(prefix + d))


ID = id_number("62292219850315301")
CARD = luhn_complete("622202123456789012")      # 19 digits
CARD16 = luhn_complete("622848001234567")       # 16 digits
MOBILE = "13912345678"
assert id_card_valid(ID) and luhn_valid(CARD) and luhn_valid(CARD16)


# ---------------------------------------------------------------- file builders




def para(*runs: str) -> str:
    return "<w:p>" + "".join(f"<w:r><w:t xml:space=\"preserve\">{r}</w:t></w:r>" for r in runs) + "</w:p>"


def lay(make_site, files: dict[str, str], blobs: dict[str, bytes]) -> Path:
    root = make_site(files)
    for rel, data in blobs.items():
        path = root / "content" / "attachments" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return root


def attaching(*files: tuple[str, str]) -> str:
    return "".join(f"\n  - title: {title}\n    file: {file}" for title, file in files)


def findings(root: Path):
    return check_site(root, TODAY).findings


def line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if needle in line)


@pytest.fixture(autouse=True)
def fresh_cache():
    attachment_text.clear_cache()
    yield
    attachment_text.clear_cache()


# ---------------------------------------------------------------- extract()


def test_pdf_pages_are_labelled_and_read(tmp_path):
    path = tmp_path / "a.pdf"
    path.write_bytes(pdf_bytes(["Page one", f"Contact {MOBILE}", "Page three"]))
    sections = extract(path)
    assert [label for label, _ in sections] == ["第1页", "第2页", "第3页"]
    assert MOBILE in sections[1][1] and MOBILE not in sections[0][1]


def test_docx_runs_tables_headers_and_deleted_text(tmp_path):
    body = (para("联系电话：", MOBILE[:3], MOBILE[3:7], MOBILE[7:])          # split across runs
            + f"<w:tbl><w:tr><w:tc>{para('身份证号')}</w:tc><w:tc>{para(ID)}</w:tc></w:tr></w:tbl>"
            + f'<w:p><w:del><w:r><w:delText>{CARD16}</w:delText></w:r></w:del></w:p>'
            + '<w:p><w:r><w:instrText>HYPERLINK "x"</w:instrText></w:r></w:p>')
    path = tmp_path / "a.docx"
    path.write_bytes(docx_bytes(body, header=para(f"卡号 {CARD}")))
    sections = dict(extract(path))
    assert set(sections) == {"正文", "页眉", "域代码"} and sections["域代码"] == 'HYPERLINK "x"'
    assert f"联系电话：{MOBILE}" in sections["正文"]
    assert f"\n身份证号\t{ID}\n" in sections["正文"]  # a table row on one line
    assert CARD16 in sections["正文"] and "HYPERLINK" not in sections["正文"]
    assert CARD in sections["页眉"]


def test_xlsx_shared_inline_and_number_cells(tmp_path):
    sheet1 = ('<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>'
              f'<row r="2"><c r="A2" t="inlineStr"><is><t>张三</t></is></c><c r="B2"><v>{CARD}</v></c></row>')
    sheet2 = ('<row r="1"><c r="A1"><v>1.3912345678E10</v></c><c r="B1" t="b"><v>1</v></c>'
              '<c r="C1"><f>A1*2</f><v>27824691356</v></c></row>')
    path = tmp_path / "a.xlsx"
    path.write_bytes(xlsx_bytes({"Sheet1": sheet1, "隐藏表": sheet2}, ["姓名", ID, "未用的 " + CARD16],
                                hidden=("隐藏表",)))
    sections = extract(path)
    assert [label for label, _ in sections] == ["工作表“Sheet1”", "工作表“隐藏表”（隐藏）", "共享字符串表（未被单元格引用）"]
    assert sections[0][1] == f"姓名\t{ID}\n张三\t{CARD}"
    assert sections[1][1] == f"{MOBILE}\t27824691356"
    assert CARD16 in sections[2][1]


def test_cell_numbers_are_spelled_out_only_when_exact():
    assert cell_number("1.3912345678E10") == MOBILE
    assert cell_number("6.2220212345678899E+18") == "6.2220212345678899E+18"  # rounded by Excel: not invented
    assert cell_number("42") == "42" and cell_number("3.5") == "3.5" and cell_number("1E400") == "1E400"


@pytest.mark.parametrize("data", [
    f"姓名,手机\n张三,{MOBILE}\n".encode("gb18030"),
    f"姓名,手机\n张三,{MOBILE}\n".encode("utf-8"),
    f"姓名,手机\n张三,{MOBILE}\n".encode("utf-8-sig"),
    f"姓名,手机\n张三,{MOBILE}\n".encode("utf-16"),
], ids=["gb18030", "utf-8", "utf-8-bom", "utf-16-bom"])
def test_text_encodings(tmp_path, data):
    path = tmp_path / "a.csv"
    path.write_bytes(data)
    assert extract(path) == [("正文", f"姓名,手机\n张三,{MOBILE}\n")]


@pytest.mark.parametrize("name", ["a.doc", "a.xls", "a.wps", "a.et", "a.ofd", "a.jpg", "a.png", "a.zip"])
def test_binary_files_of_unknown_type_are_unscannable_not_silent(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(b"\x00garbage " + MOBILE.encode())
    with pytest.raises(AttachmentUnscannable):
        extract(path)


def bomb_docx(size: int) -> bytes:
    """A DOCX whose document.xml inflates to ``size`` bytes (whitespace inside a text run)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("_rels/.rels", f'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                              f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="word/document.xml"/></Relationships>')
        with z.open("word/document.xml", "w", force_zip64=True) as fh:
            fh.write(f"<w:document {W}><w:body><w:p><w:r><w:t>".encode())
            block = b" " * (1 << 20)
            for _ in range(size >> 20):
                fh.write(block)
            fh.write(b"</w:t></w:r></w:p></w:body></w:document>")
    return buf.getvalue()


def lie_about_size(data: bytes, name: str, size: int) -> bytes:
    """Rewrite the central directory's uncompressed size of ``name`` (a 32-bit field)."""
    out = bytearray(data)
    at = out.find(b"PK\x01\x02")
    while at >= 0:
        name_len = struct.unpack_from("<H", out, at + 28)[0]
        if out[at + 46:at + 46 + name_len] == name.encode():
            struct.pack_into("<I", out, at + 24, size)
        at = out.find(b"PK\x01\x02", at + 4)
    return bytes(out)


@pytest.mark.parametrize("make, reason", [
    (lambda: b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF", "PDF 文件损坏"),
    (lambda: pdf_bytes(["x"])[:200], "PDF 文件损坏"),
], ids=["no-xref", "truncated"])
def test_broken_pdfs_are_unreadable(tmp_path, make, reason):
    path = tmp_path / "a.pdf"
    path.write_bytes(make())
    with pytest.raises(AttachmentUnreadable) as exc:
        extract(path)
    assert reason in exc.value.reason


def test_encrypted_pdf_is_unreadable(tmp_path):
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_bytes([MOBILE]))))
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="RC4-128")
    path = tmp_path / "a.pdf"
    with path.open("wb") as fh:
        writer.write(fh)
    with pytest.raises(AttachmentUnreadable, match="需要密码"):
        extract(path)


def test_pdf_with_only_an_owner_password_is_read(tmp_path):
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_bytes([MOBILE]))))
    writer.encrypt(user_password="", owner_password="owner", algorithm="RC4-128")
    path = tmp_path / "a.pdf"
    with path.open("wb") as fh:
        writer.write(fh)
    assert MOBILE in extract(path)[0][1]


def test_zip_bomb_stops_at_the_budget(tmp_path):
    path = tmp_path / "bomb.docx"
    path.write_bytes(bomb_docx(8 << 20))
    assert path.stat().st_size < 100_000
    with pytest.raises(AttachmentUnreadable, match="压缩炸弹"):
        extract(path, max_bytes=4 << 20)


def test_declared_huge_size_is_refused_before_reading(tmp_path):
    path = tmp_path / "a.docx"
    path.write_bytes(lie_about_size(docx_bytes(para("x")), "word/document.xml", 0xFFFF0000))
    with pytest.raises(AttachmentUnreadable, match="压缩炸弹"):
        extract(path)


def test_declared_small_size_does_not_let_more_through(tmp_path):
    path = tmp_path / "a.docx"
    path.write_bytes(lie_about_size(docx_bytes(para(MOBILE * 100)), "word/document.xml", 10))
    with pytest.raises(AttachmentUnreadable):
        extract(path)


def test_doctype_and_entities_are_refused(tmp_path):
    laughs = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
              '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
              f'<w:document {W}><w:body><w:p><w:r><w:t>&lol2;</w:t></w:r></w:p></w:body></w:document>')
    path = tmp_path / "a.docx"
    path.write_bytes(docx_bytes("", extra={"word/document.xml": laughs}))
    with pytest.raises(AttachmentUnreadable, match="DOCTYPE"):
        extract(path)


@pytest.mark.parametrize("name, data, reason", [
    ("a.docx", b"PK\x03\x04" + b"\x00" * 64, "压缩包损坏"),
    ("a.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504, "旧版"),
    ("a.xlsx", zip_bytes({"xl/workbook.xml": "<workbook><sheets>"}), "不是有效的 XML"),
    ("a.txt", b"\xff\x80\x81\xfe\xff" * 3, "编码"),
], ids=["not-a-zip", "ole-renamed", "bad-xml", "bad-encoding"])
def test_other_unreadable_files(tmp_path, name, data, reason):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(AttachmentUnreadable) as exc:
        extract(path)
    assert reason in exc.value.reason


def test_too_many_entries(tmp_path, monkeypatch):
    monkeypatch.setattr(attachment_text, "MAX_ZIP_ENTRIES", 5)
    path = tmp_path / "a.docx"
    path.write_bytes(docx_bytes(para("x"), extra={f"junk/{i}.xml": "<a/>" for i in range(10)}))
    with pytest.raises(AttachmentUnreadable, match="上限"):
        extract(path)


def test_same_file_is_read_once_until_it_changes(tmp_path, monkeypatch):
    calls = []
    real = attachment_text._READERS["txt"]
    monkeypatch.setitem(attachment_text._READERS, "txt", lambda p, m: calls.append(p) or real(p, m))
    path = tmp_path / "a.txt"
    path.write_text("one", encoding="utf-8")
    assert extract(path) == extract(path) == [("正文", "one")]
    assert len(calls) == 1
    path.write_text("two!", encoding="utf-8")  # new size (and mtime): read again
    assert extract(path) == [("正文", "two!")]
    assert len(calls) == 2


# ---------------------------------------------------------------- the rules


def test_pdf_page_2_finding_names_attachment_and_page(make_site):
    text = policy(attachments=attaching(("答复全文", "2026/dafu.pdf")))
    root = lay(make_site, {"content/policies/fangxun.yml": text},
               {"2026/dafu.pdf": pdf_bytes(["Nothing here", f"Tel {MOBILE}"])})
    [f] = findings(root)
    assert f.rule == "GK207" and f.severity == "error"
    assert f.path == "content/policies/fangxun.yml" and f.line == line_of(text, "file: 2026/dafu.pdf")
    assert f.message.startswith("附件“答复全文”（dafu.pdf）第2页含有个人信息：手机号 139****5678")


def test_docx_xlsx_csv_txt_findings(make_site):
    docx = docx_bytes(para("联系人：张三，", MOBILE[:5], MOBILE[5:]) + para(f"身份证 {ID}"), header=para(f"卡号 {CARD16}"))
    xlsx = xlsx_bytes({"名单": f'<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1"><v>{CARD}</v></c></row>'}, [ID])
    text = policy(attachments=attaching(("mingdan.docx", "2026/mingdan.docx"), ("名单表", "2026/mingdan.xlsx"),
                                        ("数据", "2026/shuju.csv"), ("说明", "2026/shuoming.txt")))
    root = lay(make_site, {"content/policies/fangxun.yml": text}, {
        "2026/mingdan.docx": docx, "2026/mingdan.xlsx": xlsx,
        "2026/shuju.csv": f"姓名,银行卡\n李四,{CARD}\n".encode("gb18030"),
        "2026/shuoming.txt": f"联系 {MOBILE}".encode("utf-8-sig")})
    found = findings(root)
    gk207 = [(f.line, f.message.split("；")[0]) for f in found if f.rule == "GK207"]
    assert gk207 == [
        (line_of(text, "file: 2026/mingdan.docx"), f"附件“mingdan.docx”正文含有个人信息：手机号 139****5678、居民身份证号 {ID[:3]}***********{ID[-4:]}"),
        (line_of(text, "file: 2026/mingdan.docx"), f"附件“mingdan.docx”页眉含有个人信息：银行卡号 {CARD16[:3]}*********{CARD16[-4:]}"),
        (line_of(text, "file: 2026/mingdan.xlsx"), f"附件“名单表”（mingdan.xlsx）工作表“名单”含有个人信息：居民身份证号 {ID[:3]}***********{ID[-4:]}、"
                                         f"银行卡号 {CARD[:3]}************{CARD[-4:]}"),
        (line_of(text, "file: 2026/shuju.csv"), f"附件“数据”（shuju.csv）正文含有个人信息：银行卡号 {CARD[:3]}************{CARD[-4:]}"),
        (line_of(text, "file: 2026/shuoming.txt"), "附件“说明”（shuoming.txt）正文含有个人信息：手机号 139****5678"),
    ]
    # txt and csv are not among the allowed attachment types: that is GK209's, separately
    assert sorted((f.line, f.rule) for f in found if f.rule != "GK207") == [
        (line_of(text, "file: 2026/shuju.csv"), "GK209"), (line_of(text, "file: 2026/shuoming.txt"), "GK209")]


def test_deputy_email_in_proposal_reply_attachment(make_site):
    text = proposal(attachments=attaching(("答复函", "2026/dafu.docx")))
    root = lay(make_site, {"content/proposals/rd-5-12.yml": text},
               {"2026/dafu.docx": docx_bytes(para("马文清代表（0930-5521234，mawq@example.com）："))})
    [f] = findings(root)
    assert f.rule == "GK207" and f.line == line_of(text, "file: 2026/dafu.docx")
    assert "代表委员联系方式 0930-5521234" in f.message and "代表委员联系方式 mawq@example.com" in f.message


def test_same_text_in_a_policy_attachment_is_not_a_deputy_contact(make_site):
    text = policy(attachments=attaching(("附件", "2026/a.docx")))
    root = lay(make_site, {"content/policies/fangxun.yml": text},
               {"2026/a.docx": docx_bytes(para("联系电话 0930-5521234，或拨打 12345"))})
    assert findings(root) == []


def test_allowed_numbers_pass_in_attachments(make_site):
    text = policy(attachments=attaching(("附件", "2026/a.pdf")))
    root = lay(make_site, {"content/policies/fangxun.yml": text,
                           "site_config.yml": f'rules:\n  allowed_numbers: ["{MOBILE}"]\n'},
               {"2026/a.pdf": pdf_bytes([f"Hotline {MOBILE}"])})
    assert findings(root) == []


@pytest.mark.parametrize("name, data, reason", [
    ("a.pdf", b"%PDF-1.4\ngarbage\n%%EOF\n", "PDF 文件损坏"),
    ("a.docx", None, "压缩炸弹"),
    ("a.xlsx", b"PK\x03\x04" + b"\x00" * 64, "压缩包损坏"),
], ids=["corrupt-pdf", "zip-bomb-docx", "corrupt-xlsx"])
def test_unreadable_attachment_is_a_gk209_finding(make_site, name, data, reason):
    if data is None:
        data = lie_about_size(docx_bytes(para("x")), "word/document.xml", 0xFFFF0000)
    text = policy(attachments=attaching(("名单", f"2026/{name}")))
    root = lay(make_site, {"content/policies/fangxun.yml": text}, {f"2026/{name}": data})
    [f] = findings(root)
    assert (f.rule, f.line) == ("GK209", line_of(text, f"file: 2026/{name}"))
    assert f.message.startswith("附件“名单”无法读取：") and reason in f.message


def test_real_zip_bomb_through_the_checker(make_site):
    """9 MB of whitespace in a ~10 kB DOCX, with the site's limit at 8 MB: refused from the size the
    zip declares, before inflating anything (a size that lies is caught by the streaming count or
    by zipfile's own length and CRC checks: see the tests above)."""
    text = policy(attachments=attaching(("名单", "2026/bomb.docx")))
    root = lay(make_site, {"content/policies/fangxun.yml": text,
                           "site_config.yml": "rules:\n  limits:\n    attachment_mb: 8\n"},
               {"2026/bomb.docx": bomb_docx(9 << 20)})
    [f] = findings(root)
    assert f.rule == "GK209" and "压缩炸弹" in f.message


def test_cli_reports_unreadable_attachment_without_traceback(make_site):
    text = policy(attachments=attaching(("名单", "2026/a.pdf")))
    root = lay(make_site, {"content/policies/fangxun.yml": text}, {"2026/a.pdf": b"%PDF-1.7\n\x00\x01 broken"})
    proc = subprocess.run([sys.executable, "-m", "generator", "check", "--root", str(root), "--today", "2026-11-26"],
                          capture_output=True, text=True, cwd=root, timeout=120,
                          env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"})
    assert proc.returncode == 1
    assert "GK209" in proc.stdout and "无法读取" in proc.stdout
    assert proc.stderr == ""  # no traceback, and pypdf's repair warnings stay quiet


def test_clean_attachments_raise_nothing(make_site):
    text = policy(attachments=attaching(("通知", "2026/a.pdf"), ("名单", "2026/b.docx"), ("表", "2026/c.xlsx")))
    root = lay(make_site, {"content/policies/fangxun.yml": text}, {
        "2026/a.pdf": pdf_bytes(["Notice 2026", "Office 0930-5521234, hotline 12345, 139****5678"]),
        "2026/b.docx": docx_bytes(para("联系人：县水务局办公室，电话 0930-5521234")),
        "2026/c.xlsx": xlsx_bytes({"Sheet1": '<row r="1"><c r="A1"><v>2026</v></c><c r="B1" t="s"><v>0</v></c></row>'}, ["合计"])})
    assert findings(root) == []


def test_missing_file_is_only_gk209(make_site):
    text = policy(attachments=attaching(("名单", "2026/none.pdf")))
    [f] = findings(make_site({"content/policies/fangxun.yml": text}))
    assert f.rule == "GK209" and "不存在" in f.message


def test_unreadable_attachment_of_a_withheld_record_is_not_reported(make_site):
    """Nothing of a withheld record is published, so GK209 does not ask its files to open; its
    readable attachments are still scanned for personal data, like its text."""
    text = policy(disclosure="不予公开", disclosure_basis="国家秘密", published=None,
                  attachments=attaching(("名单", "2026/a.pdf"), ("表", "2026/b.txt")))
    root = lay(make_site, {"content/policies/fangxun.yml": text},
               {"2026/a.pdf": b"%PDF-1.4 not really\n", "2026/b.txt": f"{MOBILE}".encode()})
    assert sorted(f.rule for f in findings(root)) == ["GK207", "GK209"]  # b.txt: a number, and its type


def test_same_file_attached_twice_is_read_once(make_site, monkeypatch):
    calls = []
    real = attachment_text._READERS["pdf"]
    monkeypatch.setitem(attachment_text._READERS, "pdf", lambda p, m: calls.append(p) or real(p, m))
    root = lay(make_site, {
        "content/policies/a.yml": policy(attachments=attaching(("附件", "2026/a.pdf"))),
        "content/policies/b.yml": policy(doc_no="康政发〔2026〕9号", index_no="11622922013960001W/2026-00002",
                                         attachments=attaching(("附件", "2026/a.pdf")))},
        {"2026/a.pdf": pdf_bytes(["Notice"])})
    assert findings(root) == []
    assert len(calls) == 1  # two records, two rules: one read
