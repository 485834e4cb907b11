"""Issue #9, script injection: config fields reach the theme escaped, base_url is validated, and the
content-security policy comes from an allow-list computed from the templates — so an injected
script is blocked by Chromium even when escaping is switched off."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import threading
import types
from pathlib import Path

import pytest

from generator import theme
from generator.build import publish
from generator.public import public_view
from generator.site import ConfigError, load_site

from .conftest import REPO, TODAY

INJECTED = "<script>window.__gkInjected=1</script>"
SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)
EXPRESSION = re.compile(r"\{\{(.*?)\}\}", re.S)


def hostile_config(make_site) -> Path:
    root = make_site()
    config = root / "site_config.yml"
    text = config.read_text(encoding="utf-8")
    text = text.replace("title: 示例县人民政府信息公开", f"title: {json.dumps('示例县' + INJECTED)}")
    footer = {key: f"{key}{INJECTED}" for key in ("host", "icp", "police", "address", "phone", "site_code")}
    text = re.sub(r"(?m)^  footer: .*$", "  footer: " + json.dumps(footer, ensure_ascii=False), text)
    config.write_text(text, encoding="utf-8")
    return root


@pytest.mark.parametrize("base_url", [
    'https://x/"><script>alert(1)</script><x y="/',
    "javascript:alert(1)//",
    "https://x/ onmouseover=alert(1)",
    "//evil.example/",
    "https://x/'><svg onload=alert(1)>",
])
def test_base_url_is_validated_at_load(make_site, base_url):
    root = make_site()
    config = root / "site_config.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "base_url: https://www.example.gov.cn/zwgk/", f"base_url: {json.dumps(base_url)}"), encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_site(root, TODAY)
    assert any("网站地址" in f.message and f.path == "site_config.yml" for f in info.value.findings)
    run = subprocess.run([sys.executable, "-m", "generator", "check", "--root", str(root), "--today", "2026-11-26"],
                         capture_output=True, text=True, timeout=120, cwd=REPO)
    assert run.returncode == 2 and "Traceback" not in run.stderr + run.stdout and "内部错误" not in run.stderr


def test_theme_templates_escape_every_config_value():
    """MkDocs' Jinja does not autoescape: every value gongkai's theme templates print from the
    config passes through ``| e`` (or ``| url`` for paths)."""
    for template in sorted(theme.THEME_DIR.rglob("*.html")):
        for expr in EXPRESSION.findall(template.read_text(encoding="utf-8")):
            if "config" in expr or re.search(r"\bf\.", expr):
                assert re.search(r"\|\s*(e|escape|url)\s*$", expr.strip()), (template.name, expr)


def test_config_fields_reach_the_pages_escaped(make_site, tmp_path):
    root = hostile_config(make_site)
    out = tmp_path / "out"
    publish(public_view(load_site(root, TODAY)), root, out)
    for page in out.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert INJECTED not in text, page
        assert "__gkInjected" not in "".join(SCRIPT.findall(text)), page
    for other in list(out.rglob("*.xml")) + list(out.rglob("*.json")):
        assert "<script>" not in other.read_text(encoding="utf-8").replace("\\u003c", "<") or other.suffix == ".json"


def test_every_inline_script_of_the_sample_site_is_on_the_allow_list(sample_site):
    base_url = "https://www.example.gov.cn/zwgk/"
    known = theme.known_inline_scripts(base_url)
    seen = 0
    for page in sample_site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        for body in SCRIPT.findall(text):
            assert body in known, (page, body[:80])
            seen += 1
        assert theme.content_security_policy(base_url) in text, page
    assert seen


def test_policy_does_not_depend_on_page_content():
    page = "<html><head></head><body>" + INJECTED + "</body></html>"
    with_policy = theme.add_csp(page, "https://www.example.gov.cn/zwgk/")
    assert theme.script_hash("window.__gkInjected=1") not in with_policy
    assert with_policy.count("Content-Security-Policy") == 1


def test_chromium_blocks_injected_script_when_escaping_is_disabled(make_site, tmp_path, monkeypatch, browser):
    """Escaping off (site_name not escaped, footer template without ``| e``): the injected script is
    in the HTML, and Chromium refuses to run it; the theme's own inline scripts still run."""
    root = hostile_config(make_site)
    unescaped = tmp_path / "theme"
    shutil.copytree(theme.THEME_DIR, unescaped)
    footer = unescaped / "partials" / "copyright.html"
    footer.write_text(footer.read_text(encoding="utf-8").replace(" | e }}", " }}"), encoding="utf-8")
    monkeypatch.setattr(theme, "THEME_DIR", unescaped)
    monkeypatch.setattr(theme, "html", types.SimpleNamespace(escape=lambda text: text))
    out = tmp_path / "out"
    publish(public_view(load_site(root, TODAY)), root, out)
    home = (out / "index.html").read_text(encoding="utf-8")
    assert home.count(INJECTED) >= 3, "escaping was not disabled: the test would prove nothing"

    from generator.serve import make_server

    server = make_server(out, "127.0.0.1", 0, "https://www.example.gov.cn/zwgk/")
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    context = browser.new_context()
    try:
        tab = context.new_page()
        violations: list[str] = []
        tab.on("console", lambda msg: violations.append(msg.text) if "Content Security Policy" in msg.text else None)
        tab.goto(f"http://127.0.0.1:{server.server_port}{server.prefix}", timeout=30_000)
        tab.wait_for_load_state("load", timeout=30_000)
        assert tab.evaluate("typeof window.__gkInjected") == "undefined"
        assert tab.evaluate("typeof __md_scope") == "object", "the theme's own inline script must still run"
        assert violations, "Chromium should report the blocked inline script"
    finally:
        context.close()
        server.shutdown()
        server.server_close()


def test_site_carries_its_server_headers(sample_site):
    """docs/deploy.md: the built site lists the headers a server must send (nosniff, the CSP with
    frame-ancestors, attachments as downloads)."""
    text = (sample_site / theme.HEADERS_FILE).read_text(encoding="utf-8")
    policy = theme.content_security_policy("https://www.example.gov.cn/zwgk/", header=True)
    assert f"  Content-Security-Policy: {policy}\n" in text and "frame-ancestors 'self'" in policy
    assert "  X-Content-Type-Options: nosniff\n" in text
    assert "/attachments/*\n  Content-Disposition: attachment\n" in text
    deploy = (REPO / "docs" / "deploy.md").read_text(encoding="utf-8")
    for header in ("X-Content-Type-Options", "Content-Security-Policy", "Content-Disposition", "application/wasm"):
        assert header in deploy


@pytest.mark.parametrize("body", ["[1]: javascript:alert(1)", "   [x]:  <javascript:alert(1)>", "[a][1]\n\n[1]: JaVaScRiPt:alert(1)"])
def test_reference_style_javascript_links_are_gk208(make_site, body):
    from generator.check import check_site
    from generator.rules.examples import policy

    root = make_site({"content/policies/fangxun.yml": policy(body=json.dumps(body))})
    assert any(f.rule == "GK208" and "javascript" in f.message for f in check_site(root, TODAY).findings)
