"""`gongkai serve` serves the built site on localhost under its base_url path and rebuilds it when a
record changes."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
import urllib.request

from .conftest import REPO


def read_until(proc, pattern: str, timeout: float = 120) -> re.Match:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            time.sleep(0.05)
            continue
        m = re.search(pattern, line)
        if m:
            return m
    raise AssertionError(f"no line matching {pattern!r} within {timeout} s")


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read().decode("utf-8")


def test_serve_rebuilds_when_a_record_changes(tmp_path):
    root = tmp_path / "site"
    shutil.copytree(REPO / "content", root / "content")
    shutil.copy(REPO / "site_config.yml", root)
    proc = subprocess.Popen([sys.executable, "-m", "generator", "serve", "--root", str(root), "--today", "2026-11-26",
                             "--port", "0"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            env={**os.environ, "PYTHONPATH": str(REPO), "PYTHONUNBUFFERED": "1"})
    try:
        base = read_until(proc, r"预览地址：(http://127\.0\.0\.1:\d+/zwgk/)").group(1)
        page = fetch(base + "policies/kzf-2025-3/")
        assert "<h1>康乐县进一步优化营商环境若干措施</h1>" in page
        assert fetch(base.replace("/zwgk/", "/")).count("<html") == 1  # / redirects to the site
        record = root / "content/policies/kzf-2025-3.yml"
        text = record.read_text(encoding="utf-8")
        record.write_text(text.replace("title: 康乐县进一步优化营商环境若干措施", "title: 康乐县进一步优化营商环境若干措施（修订）", 1),
                          encoding="utf-8")
        read_until(proc, r"检测到修改")
        read_until(proc, r"已生成")
        assert "<h1>康乐县进一步优化营商环境若干措施（修订）</h1>" in fetch(base + "policies/kzf-2025-3/")
        # a change that breaks a rule keeps the last good site and says why
        record.write_text(text.replace("doc_no: 康政发〔2025〕3号", "doc_no: 康政发[2025]3号", 1), encoding="utf-8")
        read_until(proc, r"GK202")
        read_until(proc, r"上一次成功生成")
        assert "（修订）" in fetch(base + "policies/kzf-2025-3/")
    finally:
        proc.terminate()
        proc.wait(timeout=30)
