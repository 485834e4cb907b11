"""Issue #9, attachments: each attack of an attacker's pull request reproduced, each now refused by
the attachment guard (generator/attachments.py) in the checker AND in the build, whatever waivers
or severity settings say."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.build import AttachmentRefused, BuildRefused, build_site, publish
from generator.check import check_site
from generator.public import public_view
from generator.rules.examples import decision, policy
from generator.samplefiles import pdf_bytes
from generator.site import load_site

from .conftest import TODAY

PDF = pdf_bytes(["Fangxun mingdan"]).decode("ascii")
WAIVE_209 = "\n  - rule: GK209\n    reason: 审核通过"


def attach(file: str, title: str = "附件") -> str:
    return f"\n  - title: {title}\n    file: {file}"


def findings(root: Path, rule: str | None = None):
    found = check_site(root, TODAY).findings
    return [f for f in found if rule is None or f.rule == rule]


def assert_refused_everywhere(root: Path, tmp_path: Path) -> None:
    """The checker reports an unwaivable GK209 error, `gongkai build` refuses, and a build that
    skips the checker altogether refuses too; nothing is written."""
    errors = [f for f in findings(root, "GK209") if f.severity == "error"]
    assert errors, findings(root)
    out = tmp_path / "out"
    with pytest.raises(BuildRefused):
        build_site(root, out, TODAY)
    with pytest.raises(AttachmentRefused):
        publish(public_view(load_site(root, TODAY)), root, out)
    assert not out.exists()


def assert_withheld_file_never_published(root: Path, tmp_path: Path, secret: bytes) -> None:
    """The checker reports it, `gongkai build` refuses, and a build that skips the checker leaves
    the file out: its bytes are in no output file."""
    assert [f for f in findings(root, "GK209") if f.severity == "error"]
    with pytest.raises(BuildRefused):
        build_site(root, tmp_path / "refused", TODAY)
    out = tmp_path / "out"
    publish(public_view(load_site(root, TODAY)), root, out)
    assert not [p for p in out.rglob("*") if p.is_file() and secret in p.read_bytes()]


def test_parent_path_with_a_waiver_publishes_nothing(make_site, tmp_path):
    withheld_item = "\n  - title: 审议某企业补助\n    outcome: 通过\n    disclosure: 不予公开\n    disclosure_basis: 商业秘密"
    root = make_site({
        "content/decisions/cwhy-02.yml": decision(items=withheld_item),
        "content/policies/fangxun.yml": policy(attachments=attach("../decisions/cwhy-02.yml"), waivers=WAIVE_209),
    })
    found = findings(root, "GK209")
    assert any("不能豁免" in f.message for f in found), found
    assert_refused_everywhere(root, tmp_path)


def test_attachment_cannot_replace_the_site_script(make_site, tmp_path):
    root = make_site({"content/policies/fangxun.yml": policy(
        attachments=attach("../../assets/javascripts/gongkai.js"), waivers=WAIVE_209)})
    assert_refused_everywhere(root, tmp_path)


@pytest.mark.parametrize("target", ["/proc/self/environ", "../../.git/config"])
def test_committed_symlink_to_a_host_file_is_refused(make_site, tmp_path, target):
    root = make_site({"content/policies/fangxun.yml": policy(attachments=attach("env.pdf"), waivers=WAIVE_209)})
    (root / ".git").mkdir()
    (root / ".git" / "config").write_text("[http]\n\textraheader = AUTHORIZATION: basic c2VjcmV0\n")
    (root / "content" / "attachments").mkdir(parents=True, exist_ok=True)
    os.symlink(target, root / "content" / "attachments" / "env.pdf")
    assert any("符号链接" in f.message for f in findings(root, "GK209"))
    assert_refused_everywhere(root, tmp_path)


def test_symlinked_attachments_folder_contains_nothing(make_site, tmp_path):
    """content/attachments -> a folder outside the site: even a valid PDF there is refused."""
    outside = tmp_path / "host"
    outside.mkdir()
    (outside / "secret.pdf").write_text(PDF)
    root = make_site({"content/policies/fangxun.yml": policy(attachments=attach("secret.pdf"))})
    os.symlink(outside, root / "content" / "attachments")
    assert any("符号链接" in f.message for f in findings(root, "GK209"))
    assert_refused_everywhere(root, tmp_path)


def test_symlinked_subfolder_is_refused(make_site, tmp_path):
    root = make_site({"content/policies/fangxun.yml": policy(attachments=attach("sub/secret.pdf"))})
    outside = tmp_path / "host"
    outside.mkdir()
    (outside / "secret.pdf").write_text(PDF)
    (root / "content" / "attachments").mkdir(parents=True, exist_ok=True)
    os.symlink(outside, root / "content" / "attachments" / "sub")
    assert_refused_everywhere(root, tmp_path)


@pytest.mark.parametrize("file", ["a/../../x.pdf", "../../../../../tmp/x.pdf", "/etc/passwd.pdf", "C:/x.pdf", ""])
def test_paths_that_leave_the_folder_are_refused(make_site, tmp_path, file):
    root = make_site({"content/policies/fangxun.yml": policy(attachments=attach(f'"{file}"'))})
    assert_refused_everywhere(root, tmp_path)


WITHHELD_POLICY = policy(title="内部文件", disclosure="不予公开", disclosure_basis="商业秘密",
                         index_no="11622922013960001W/2026-00009", doc_no="康政发〔2026〕19号",
                         attachments=attach("neibu/butie.pdf"))


def test_public_record_cannot_publish_a_withheld_records_attachment(make_site, tmp_path):
    secret = pdf_bytes(["Qiye butie mingxi"]).decode("ascii")
    root = make_site({
        "content/policies/neibu.yml": WITHHELD_POLICY,
        "content/policies/fangxun.yml": policy(attachments=attach("neibu/butie.pdf")),
        "content/attachments/neibu/butie.pdf": secret,
    })
    found = findings(root, "GK209")
    assert any("不公开记录 policies/neibu" in f.message for f in found), found
    assert_withheld_file_never_published(root, tmp_path, secret.encode())
    # and the public view never lists it
    view = public_view(load_site(root, TODAY))
    assert view.records["policies"]["fangxun"].model.attachments == []


def test_hard_link_to_a_withheld_attachment_is_refused(make_site, tmp_path):
    root = make_site({
        "content/policies/neibu.yml": WITHHELD_POLICY,
        "content/policies/fangxun.yml": policy(attachments=attach("gongkai/butie.pdf")),
        "content/attachments/neibu/butie.pdf": PDF,
    })
    (root / "content/attachments/gongkai").mkdir()
    os.link(root / "content/attachments/neibu/butie.pdf", root / "content/attachments/gongkai/butie.pdf")
    assert_withheld_file_never_published(root, tmp_path, PDF.encode())


@pytest.mark.parametrize("name,data", [
    ("x.html", "<script>alert(1)</script>"),
    ("x.md", "# hi <script>alert(1)</script>"),
    ("x.svg", '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
    ("x.et", "<html><script>alert(1)</script></html>"),
    ("x.ofd", "\n\n<!DOCTYPE html><script>alert(1)</script>"),
    ("x.wps", "<svg onload=alert(1)>"),
    ("x.pdf", "<html><body>%PDF-1.4</body></html>"),
    ("x.doc", "PK\x03\x04 not really an OLE file"),
    ("x.png", "GIF89a"),
])
def test_browser_renderable_or_mislabelled_types_are_refused_even_when_waived(make_site, tmp_path, name, data):
    root = make_site({"content/policies/fangxun.yml": policy(attachments=attach(name), waivers=WAIVE_209),
                      f"content/attachments/{name}": data})
    found = findings(root, "GK209")
    assert any("不能豁免" in f.message for f in found), found
    assert_refused_everywhere(root, tmp_path)


@pytest.mark.parametrize("setting", ["off", "warning"])
def test_guard_severity_cannot_be_lowered(make_site, tmp_path, setting):
    root = make_site({"content/policies/fangxun.yml": policy(attachments=attach("x.html")),
                      "content/attachments/x.html": "<script>alert(1)</script>",
                      "site_config.yml": f"rules:\n  severity: {{GK209: {setting}, GK207: {setting}}}\n"})
    found = findings(root)
    config = [f for f in found if f.path == "site_config.yml"]
    assert {f.rule for f in config} == {"GK207", "GK209"} and all(f.severity == "error" for f in config), config
    assert any(f.rule == "GK209" and f.path.startswith("content/") and f.severity == "error" for f in found)
    assert_refused_everywhere(root, tmp_path)


def test_a_valid_attachment_is_still_published(make_site, tmp_path):
    root = make_site({"content/policies/fangxun.yml": policy(attachments=attach("2026/mingdan.pdf")),
                      "content/attachments/2026/mingdan.pdf": PDF})
    assert not findings(root, "GK209")
    out = tmp_path / "out"
    publish(public_view(load_site(root, TODAY)), root, out)
    assert (out / "attachments/2026/mingdan.pdf").read_text() == PDF
