"""Issue #9, crashes and hangs: every input and config that crashed or hung check or build now gives
a finding or a clean error within its bound — never 内部错误, never a traceback."""

from __future__ import annotations

import subprocess
import sys
import time
import zlib
from pathlib import Path

import pytest

from generator import sandbox
from generator.attachment_text import AttachmentUnreadable, extract
from generator.build import BuildRefused, build_site, publish
from generator.check import check_site
from generator.markup import MarkupTooComplex, complexity_problem, render_bounded
from generator.public import public_view
from generator.render import RenderRefused
from generator.rules.examples import policy, proposal
from generator.rules.gk207_personal_data import contacts_near_names, personal_numbers
from generator.rules.gk109_normative_document_sets_licence_penalty_coercion import PATTERNS
from generator.rules.gk111_broken_repeal_chain import doc_no_like
from generator.rules.gk208_unsafe_markup import unsafe_parts
from generator.site import ConfigError, load_site

from .conftest import REPO, TODAY

N = 10 ** 6
REDOS_INPUTS = {
    "lt-spaces": "<" + " " * N, "link-spaces": "](" + " " * N, "href-spaces": "href=" + " " * N,
    "reference-spaces": "[1]:" + " " * N, "lt-slash": "< " * (N // 2), "at-letters": "@" + "a" * N,
    "at-dots": "a@" + "." * N, "digits": "1" * N, "digits-spaced": "1 " * (N // 2), "brackets": "[" * N,
    "dashes": "- " * (N // 2), "backticks": "`" * N, "fences": "```\n" * (N // 4), "tildes": "~~~a\n" * (N // 5),
    "tags": "<a " * (N // 3), "on-attrs": "onx=" * (N // 4), "digit-dots": "1." * (N // 2),
    "order-marks": "令第" * (N // 2), "penalty-words": "处以" * (N // 2), "entities": "&#49;" * (N // 5),
}
SECONDS = 60
"""Per function and input on a loaded 2-core machine; each takes seconds (the quadratic ones took hours)."""


def cli(*args: str, timeout: int = 300) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator", *args], capture_output=True, text=True,
                          timeout=timeout, cwd=REPO)


def assert_clean(run: subprocess.CompletedProcess) -> None:
    out = run.stdout + run.stderr
    assert "Traceback" not in out and "内部错误" not in out, out[-2000:]
    assert run.returncode in (0, 1, 2), out[-2000:]


@pytest.mark.parametrize("name", sorted(REDOS_INPUTS))
def test_scanners_are_linear_on_a_million_characters(name):
    text = REDOS_INPUTS[name]
    for scan in (unsafe_parts, lambda t: personal_numbers(t, set()), lambda t: contacts_near_names(t, ["马文清"], set()),
                 complexity_problem, doc_no_like, lambda t: [p.search(t) for _, p in PATTERNS]):
        start = time.monotonic()
        scan(text)
        assert time.monotonic() - start < SECONDS, (name, scan)


@pytest.mark.parametrize("body", ["- " * 500, "[" * 100_000, "> " * 400, "1. " * 300,
                                  "".join("  " * i + "- x\n" for i in range(40))])
def test_deep_nesting_and_brackets_are_findings_and_refused_by_the_build(make_site, tmp_path, body):
    import json

    root = make_site({"content/policies/fangxun.yml": policy(body=json.dumps(body))})
    findings = [f for f in check_site(root, TODAY).findings if f.rule == "GK208"]
    assert any("结构过于复杂" in f.message for f in findings), findings
    with pytest.raises(BuildRefused):
        build_site(root, tmp_path / "out", TODAY)
    with pytest.raises(RenderRefused):  # without the checker: the build's own bound
        publish(public_view(load_site(root, TODAY)), root, tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_rendering_is_bounded_in_time_by_the_sandbox(monkeypatch):
    """A body within the caps that still renders slowly is stopped at the time limit."""
    monkeypatch.setattr("generator.markup.RENDER_SECONDS", 2)
    slow = "[a](" * 450 + "\n" + "  - x\n" * 5000 + "![" * 40
    start = time.monotonic()
    try:
        render_bounded(slow)
    except MarkupTooComplex as exc:
        assert "秒上限" in exc.reason
    assert time.monotonic() - start < 2 + 30
    assert render_bounded("**防汛**") == "<p><strong>防汛</strong></p>"  # the sandbox restarts


def test_sandbox_kills_a_runaway_call_and_recovers():
    box = sandbox.Sandbox()
    try:
        with pytest.raises(sandbox.Timeout):
            box.run(1, time.sleep, 60)
        with pytest.raises(sandbox.Failed):
            box.run(30, bytearray, 8 * 1024 ** 3)  # over the memory limit
        assert box.run(30, sum, [1, 2, 3]) == 6
    finally:
        box.close()


def pathological_pdf(pages: int = 200, operators: int = 200_000) -> bytes:
    """200 pages sharing one content stream of 200,000 empty TJ operators: about 40 KB."""
    stream = zlib.compress(b"BT /F1 12 Tf " + b"[]TJ " * operators + b"ET", 9)
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % (5 + i) for i in range(pages)) + b"] /Count %d >>" % pages,
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
               b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream"]
    objects += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
                b" /Resources << /Font << /F1 3 0 R >> >> >>"] * pages
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1) + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    return out + b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)


def test_pathological_pdf_stops_at_the_time_limit(tmp_path):
    data = pathological_pdf()
    assert len(data) < 64 * 1024
    path = tmp_path / "x.pdf"
    path.write_bytes(data)
    start = time.monotonic()
    with pytest.raises(AttachmentUnreadable) as info:
        extract(path, seconds=3)
    assert "秒上限" in info.value.reason
    assert time.monotonic() - start < 3 + 60


def test_pathological_pdf_is_a_finding_in_check(make_site):
    root = make_site({"content/policies/fangxun.yml": policy(attachments="\n  - title: 名单\n    file: x.pdf"),
                      "site_config.yml": "rules:\n  limits: {attachment_seconds: 2}\n"})
    (root / "content/attachments").mkdir(parents=True, exist_ok=True)
    (root / "content/attachments/x.pdf").write_bytes(pathological_pdf())
    findings = [f for f in check_site(root, TODAY).findings if f.rule == "GK209"]
    assert any("秒上限" in f.message for f in findings), findings


@pytest.mark.parametrize("setting,words", [
    ("rules:\n  deadlines: {proposal_reply_months: 999999999}\n", "超出允许范围"),
    ("rules:\n  deadlines: {publish_workdays: 100000}\n", "超出允许范围"),
    ("rules:\n  limits: {attachment_mb: 0}\n", "超出允许范围"),
    ("rules:\n  calendar: {holidays: [2027-01-01], workdays: [2027-01-01]}\n", "同时列在"),
])
def test_config_values_are_validated_at_load(make_site, setting, words):
    root = make_site({"site_config.yml": setting})
    with pytest.raises(ConfigError) as info:
        load_site(root, TODAY)
    assert any(words in f.message for f in info.value.findings), info.value.findings
    assert_clean(cli("check", "--root", str(root), "--today", "2026-11-26"))


@pytest.mark.parametrize("field,value", [("assigned", "9999-11-01"), ("assigned", "0001-01-01"),
                                          ("replied", "9999-12-31"), ("published", "9999-11-01")])
def test_extreme_dates_are_findings(make_site, field, value):
    root = make_site({"content/proposals/rd-5-12.yml": proposal(**{field: value})})
    findings = check_site(root, TODAY).findings
    assert any(f.rule == "GK013" and "年份" in f.message for f in findings), findings
    assert_clean(cli("check", "--root", str(root), "--today", "2026-11-26"))


def test_cli_build_of_hostile_bodies_exits_cleanly(make_site, tmp_path):
    import json

    root = make_site({"content/policies/fangxun.yml": policy(body=json.dumps("- " * 500)),
                      "content/policies/other.yml": policy(body=json.dumps("[" * 100_000),
                                                           index_no="11622922013960001W/2026-00007", doc_no="康政发〔2026〕17号")})
    run = cli("build", "--root", str(root), "--out", str(tmp_path / "out"), "--today", "2026-11-26")
    assert_clean(run)
    assert run.returncode == 1 and "GK208" in run.stdout
