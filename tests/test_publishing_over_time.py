"""Publishing over time, played in real git repositories (a fresh ``git init`` per scenario):
pull-request checks judge a change by its whole effect (``check --base``), published records are
withdrawn rather than deleted, publication dates are honest (no backdating; scheduled records wait
for their day), and duties that fall due are reported without stopping the site."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from generator.build import build_site
from generator.rules.examples import interpretation, normative, policy
from generator.samplefiles import pdf_bytes

from .conftest import REPO, TODAY, lay_site
from .test_properties import text_layers

DAY = TODAY.isoformat()
GIT_ENV = {**os.environ, "GIT_AUTHOR_NAME": "县政府办公室", "GIT_AUTHOR_EMAIL": "office@example.org",
           "GIT_COMMITTER_NAME": "县政府办公室", "GIT_COMMITTER_EMAIL": "office@example.org"}


def git(root: Path, *args: str) -> str:
    proc = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, timeout=60, env=GIT_ENV)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def repo(tmp_path: Path, files: dict[str, str | bytes]) -> Path:
    """A clean repository whose first commit is the base site with ``files``."""
    text = {k: v for k, v in files.items() if isinstance(v, str)}
    root = lay_site(tmp_path / "repo", text)
    for rel, data in files.items():
        if isinstance(data, bytes):
            (root / rel).parent.mkdir(parents=True, exist_ok=True)
            (root / rel).write_bytes(data)
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "发布")
    return root


def gongkai(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator", *args], capture_output=True, text=True, timeout=300,
                          env={**os.environ, "PYTHONPATH": str(REPO)})


def pr_check(root: Path, *extra: str, today: str = DAY) -> tuple[int, list[dict]]:
    """What a pull request's CI runs: the findings the change introduced."""
    proc = gongkai("check", "--root", str(root), "--today", today, "--format", "json", "--base", "main", *extra)
    assert proc.returncode in (0, 1), proc.stderr
    return proc.returncode, json.loads(proc.stdout)["findings"]


def every_output_text(out: Path) -> dict[str, list[str]]:
    return {p.relative_to(out).as_posix(): text_layers(p.read_bytes()) for p in sorted(out.rglob("*")) if p.is_file()}


# ---------------------------------------------------------------- the PR check sees a change's whole effect


def test_a_deletion_that_dangles_references_fails_the_pr_check(tmp_path):
    root = repo(tmp_path, {"content/policies/gongshui.yml": normative(),
                           "content/interpretations/jd-gongshui.yml": interpretation()})
    git(root, "switch", "-qc", "remove-policy")
    git(root, "rm", "-q", "content/policies/gongshui.yml")
    code, findings = pr_check(root)
    assert code == 1
    got = {(f["path"], f["rule"]) for f in findings}
    # the interpretation was not touched, but the change broke it
    assert ("content/interpretations/jd-gongshui.yml", "GK015") in got
    # and a published document must not vanish: the deletion itself is a finding
    assert ("content/policies/gongshui.yml", "GK212") in got
    assert any("withdrawn" in f["message"] for f in findings if f["rule"] == "GK212")


def test_a_record_never_published_may_be_deleted(tmp_path):
    root = repo(tmp_path, {"content/policies/fangxun.yml": policy(),
                           "content/policies/draft.yml": policy(
                               title="示例县关于做好2027年防汛工作的通知", disclosure="依申请公开",
                               disclosure_basis="过程性信息", published=None, doc_no="康政发〔2026〕20号",
                               index_no="11622922013960001W/2026-00020",
                               waivers="\n  - rule: GK101\n    reason: 草稿，尚在征求意见")})
    git(root, "rm", "-q", "content/policies/draft.yml")
    assert pr_check(root) == (0, [])


def test_an_untouched_old_problem_does_not_fail_the_pr_check(tmp_path):
    root = repo(tmp_path, {"content/policies/old.yml": policy(doc_no="康政发[2026]8号")})
    (root / "content/policies/new.yml").write_text(policy(
        title="示例县关于做好2026年冬季供暖工作的通知", doc_no="康政发〔2026〕21号", written="2026-11-20",
        published=DAY, index_no="11622922013960001W/2026-00021"), encoding="utf-8")
    assert pr_check(root) == (0, [])
    # the old problem is still there for the full check of main
    full = gongkai("check", "--root", str(root), "--today", DAY)
    assert full.returncode == 1 and "GK202" in full.stdout
    # an edit that introduces a problem of the same rule elsewhere does block
    (root / "content/policies/new.yml").write_text(policy(
        title="示例县关于做好2026年冬季供暖工作的通知", doc_no="康政发[2026]21号", written="2026-11-20",
        published=DAY, index_no="11622922013960001W/2026-00021"), encoding="utf-8")
    code, findings = pr_check(root)
    assert code == 1 and {(f["path"], f["rule"]) for f in findings} == {("content/policies/new.yml", "GK202")}


def test_a_replaced_attachment_is_seen_by_the_pr_check(tmp_path):
    """Issue #9 item 5: --changed-only reports the record whose attachment changed, and GK211 hashes
    the published attachment's bytes."""
    attached = policy(attachments="\n  - title: 名单\n    file: mingdan.pdf")
    root = repo(tmp_path, {"content/policies/fangxun.yml": attached,
                           "content/attachments/mingdan.pdf": pdf_bytes(["Flood duty roster"])})
    (root / "content/attachments/mingdan.pdf").write_bytes(pdf_bytes(["Flood duty roster ID 622922198503151232"]))
    code, findings = pr_check(root, "--changed-only")
    assert code == 1
    got = {(f["path"], f["rule"]) for f in findings}
    assert ("content/policies/fangxun.yml", "GK207") in got  # the personal data in the new bytes
    assert ("content/policies/fangxun.yml", "GK211") in got  # a published attachment silently replaced
    assert any("mingdan.pdf" in f["message"] for f in findings if f["rule"] == "GK211")


def test_renaming_to_yaml_does_not_hide_an_edit(tmp_path):
    root = repo(tmp_path, {"content/policies/fangxun.yml": policy()})
    git(root, "mv", "content/policies/fangxun.yml", "content/policies/fangxun.yaml")
    (root / "content/policies/fangxun.yaml").write_text(policy(title="示例县关于做好2026年防汛抗旱工作的通知"),
                                                         encoding="utf-8")
    code, findings = pr_check(root)
    assert code == 1
    assert [(f["path"], f["rule"]) for f in findings] == [("content/policies/fangxun.yaml", "GK211")]


# ---------------------------------------------------------------- honest dates


def test_a_backdated_new_record_fails(tmp_path):
    root = repo(tmp_path, {"content/policies/fangxun.yml": policy()})
    new = root / "content/policies/gongnuan.yml"
    fields = dict(title="示例县关于做好2026年冬季供暖工作的通知", doc_no="康政发〔2026〕21号", written="2026-11-02",
                  index_no="11622922013960001W/2026-00021")
    new.write_text(policy(published="2026-11-04", **fields), encoding="utf-8")  # 22 days ago
    code, findings = pr_check(root, "--changed-only")
    assert code == 1
    [f] = findings
    assert (f["path"], f["rule"], f["line"]) == ("content/policies/gongnuan.yml", "GK213", 3)
    assert "late" in f["message"]
    # within the tolerance (rules.limits.backdate_days, default 3) it passes
    new.write_text(policy(published="2026-11-23", **fields), encoding="utf-8")
    assert pr_check(root) == (0, [])
    # the tolerance is configurable
    (root / "site_config.yml").write_text((root / "site_config.yml").read_text(encoding="utf-8")
                                          + "rules:\n  limits:\n    backdate_days: 1\n", encoding="utf-8")
    code, findings = pr_check(root)
    assert code == 1 and [f["rule"] for f in findings] == ["GK213"]


def test_a_scheduled_record_appears_only_on_its_date(tmp_path):
    scheduled = policy(title="示例县关于做好2027年元旦春节期间安全工作的通知", doc_no="康政发〔2026〕22号",
                       written="2026-11-25", published="2026-12-01", index_no="11622922013960001W/2026-00022",
                       body="|\n  各乡（镇）人民政府：\n\n  预定发布的正文：节日安全检查安排。")
    root = repo(tmp_path, {"content/policies/fangxun.yml": policy(), "content/policies/jieri.yml": scheduled})
    assert pr_check(root) == (0, [])
    status = gongkai("status", "--root", str(root), "--today", DAY, "--format", "json")
    assert status.returncode == 0
    items = json.loads(status.stdout)["items"]
    assert [(i["category"], i["id"], i["dates"]["published"]) for i in items if i["id"] == "jieri"] == [
        ("预定发布", "jieri", "2026-12-01")]
    before = tmp_path / "before"
    build_site(root, before, TODAY)
    assert not (before / "policies/jieri").exists()
    leaks = [rel for rel, layers in every_output_text(before).items()
             if any("节日安全检查安排" in t or "jieri" in t for t in layers)]
    assert not leaks, leaks
    on_the_day = tmp_path / "on-the-day"
    build_site(root, on_the_day, TODAY.replace(day=1, month=12))
    assert "节日安全检查安排" in (on_the_day / "policies/jieri/index.html").read_text(encoding="utf-8")
    assert "jieri" in (on_the_day / "feeds/all.xml").read_text(encoding="utf-8")


# ---------------------------------------------------------------- withdraw, never delete


def test_a_withdrawn_record_keeps_its_page_and_no_body_byte_remains(tmp_path):
    secret_body = "撤回前的正文：第三条 临时管制区域为城关镇滨河路东段"
    attachment = pdf_bytes(["WITHDRAWN-ATTACHMENT-TEXT control zone map"])
    root = repo(tmp_path, {
        "content/policies/gongshui.yml": normative(body=f"|\n  {secret_body}",
                                                   attachments="\n  - title: 管制区域图\n    file: guanzhi.pdf"),
        "content/interpretations/jd-gongshui.yml": interpretation(),
        "content/attachments/guanzhi.pdf": attachment,
    })
    git(root, "switch", "-qc", "withdraw")
    path = root / "content/policies/gongshui.yml"
    path.write_text(path.read_text(encoding="utf-8")
                    + "withdrawn:\n  date: 2026-11-25\n  reason: 文件所依据的上位规定已调整，另行制定\n", encoding="utf-8")
    code, findings = pr_check(root)
    assert code == 0, findings
    # the interpretation of a withdrawn document does not vanish silently: a warning, and a notice on its page
    assert [(f["path"], f["rule"], f["severity"]) for f in findings] == [
        ("content/interpretations/jd-gongshui.yml", "GK214", "warning")]
    out = tmp_path / "out"
    build_site(root, out, TODAY)
    page = (out / "policies/gongshui/index.html").read_text(encoding="utf-8")
    assert "示例县农村供水工程运行管理办法" in page and "11622922013960001W/2026-00002" in page
    assert "已撤回" in page and "文件所依据的上位规定已调整，另行制定" in page
    assert json.loads((out / "api/policies/gongshui.json").read_text(encoding="utf-8"))["validity"] == "已撤回"
    interp = (out / "interpretations/jd-gongshui/index.html").read_text(encoding="utf-8")
    assert "所解读的文件已于" in interp and 'href="../../policies/gongshui/"' in interp
    needles = ["临时管制区域为城关镇滨河路东段", "withdrawn-attachment-text", "guanzhi"]
    leaks = [(rel, n) for rel, layers in every_output_text(out).items() for n in needles
             if any(n.lower() in t for t in layers) or n in rel]
    assert not leaks, leaks
    assert not (out / "attachments").exists() or not any((out / "attachments").rglob("*.pdf"))


# ---------------------------------------------------------------- duties that fall due do not block


def test_an_overdue_interpretation_leaves_mains_build_green_with_the_duty_reported(tmp_path):
    # a normative document published 2026-11-16 and no interpretation: due 2026-11-19, overdue on 11-26
    root = repo(tmp_path, {"content/policies/gongshui.yml": normative(published="2026-11-16", written="2026-11-13",
                                                                      index_no="11622922013960001W/2026-00002")})
    git(root, "commit", "-q", "--allow-empty", "-m", "一周以后")
    out = tmp_path / "site-out"
    build = gongkai("build", "--root", str(root), "--today", DAY, "--out", str(out))
    assert build.returncode == 0, build.stdout + build.stderr
    assert (out / "policies/gongshui/index.html").is_file()
    assert "GK102" in build.stdout and "职责已逾期" in build.stdout and "late" in build.stdout
    # the full check of main reports it and fails (visibly), while the build above went on
    check = gongkai("check", "--root", str(root), "--today", DAY, "--format", "json")
    assert check.returncode == 1
    doc = json.loads(check.stdout)
    assert [(f["rule"], f.get("overdue")) for f in doc["findings"]] == [("GK102", True)]
    assert doc["summary"]["errors"] == 1 and doc["summary"]["overdue"] == 1
    # the daily job fails visibly on it, with an annotation on the document
    duties = gongkai("check", "--root", str(root), "--today", DAY, "--duties", "--format", "github")
    assert duties.returncode == 1
    assert duties.stdout.startswith("::error file=content/policies/gongshui.yml,line=3,")
    status = gongkai("status", "--root", str(root), "--today", DAY)
    assert "政策文件缺少解读" in status.stdout and "gongshui" in status.stdout
    # the same duty is not the pull request's fault: a change elsewhere passes
    (root / "content/policies/fangxun.yml").write_text(policy(written="2026-11-20", published=DAY), encoding="utf-8")
    assert pr_check(root) == (0, [])
    # and the interpretation that fixes it can be published (late, honestly)
    (root / "content/interpretations").mkdir()
    (root / "content/interpretations/jd-gongshui.yml").write_text(interpretation(
        published=DAY, late="\n  reason: 起草单位人员调整，解读稿审签延误"), encoding="utf-8")
    assert pr_check(root) == (0, [])
    assert gongkai("check", "--root", str(root), "--today", DAY, "--duties").returncode == 0


def test_a_late_record_with_a_reason_passes_and_its_page_says_so(tmp_path):
    # written 2026-10-09; 20 working days end 2026-11-06; published honestly today
    late = policy(title="示例县关于做好2026年冬季供暖工作的通知", doc_no="康政发〔2026〕21号", written="2026-10-09",
                  published=DAY, index_no="11622922013960001W/2026-00021")
    root = repo(tmp_path, {"content/policies/fangxun.yml": policy()})
    path = root / "content/policies/gongnuan.yml"
    path.write_text(late, encoding="utf-8")
    code, findings = pr_check(root)
    assert code == 1 and [f["rule"] for f in findings] == ["GK201"]
    assert "late: {reason: 超期原因}" in findings[0]["message"]  # every lateness message says how to record it
    path.write_text(late + "late:\n  reason: 文件印发后未及时移交政务公开办公室\n", encoding="utf-8")
    assert pr_check(root) == (0, [])
    out = tmp_path / "out"
    build_site(root, out, TODAY)
    page = (out / "policies/gongnuan/index.html").read_text(encoding="utf-8")
    assert "超期公开，原因：文件印发后未及时移交政务公开办公室" in page
    twin = json.loads((out / "api/policies/gongnuan.json").read_text(encoding="utf-8"))
    assert twin["late"] == {"reason": "文件印发后未及时移交政务公开办公室"}
