"""The renderer never trusts the checker: hostile record text is fed straight to the renderer (the
disclosure rules are not run) and no output may carry script, event handlers or dangerous links."""

from __future__ import annotations

import html
import re

from generator.build import publish
from generator.public import public_view
from generator.rules.examples import interpretation, normative, policy
from generator.site import load_site

from .conftest import TODAY

HOSTILE_BODY = """|
  <script>alert('body-script')</script>
  <img src=x onerror="alert('img-onerror')">
  <svg onload="alert('svg-onload')"></svg>
  <iframe src="https://evil.example/"></iframe>
  <a href="javascript:alert('raw-js')">raw</a>
  [md-js](javascript:alert('md-js')) [md-js-case](JaVaScRiPt:alert('md-js-case'))
  [md-data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)
  [md-entity](&#106;avascript:alert('md-entity'))
  <a href="vbscript:msgbox('vb')">vb</a>
  <div style="background:url(javascript:alert('css'))">styled</div>
  [外部](https://www.gov.cn/zhengce/) [本站](https://www.example.gov.cn/zwgk/guide/)
  <form action="https://evil.example/"><input name=x></form>
  <object data="x.swf"></object><embed src="x.swf">
"""
HOSTILE_TITLE = "<script>alert('title')</script>防汛\"'&<b onmouseover=alert('title-b')>"

EVENT_ATTR = re.compile(r"<[^>]*\son[a-z]+\s*=", re.I)
BAD_URL = re.compile(r"""(?:href|src|action|data)\s*=\s*["']?\s*(?:javascript|vbscript|data):""", re.I)
SCRIPT = re.compile(r"<script\b[^>]*>(.*?)</script>", re.S | re.I)


def test_hostile_bodies_are_neutralised_without_the_checker(make_site, tmp_path):
    root = make_site({
        "content/policies/fangxun.yml": policy(title=HOSTILE_TITLE.replace('"', '\\"').join('""'), body=HOSTILE_BODY),
        "content/policies/gongshui.yml": normative(body=HOSTILE_BODY),
        "content/interpretations/jd-gongshui.yml": interpretation(body=HOSTILE_BODY),
    })
    site = load_site(root, TODAY)  # shapes only: no disclosure rule runs
    assert not [p for p in site.problems], [p.message for p in site.problems]
    out = tmp_path / "out"
    publish(public_view(site), root, out)

    pages = list(out.rglob("*.html"))
    assert pages
    for page in pages:
        text = page.read_text(encoding="utf-8")
        decoded = html.unescape(text)
        for script in SCRIPT.findall(text):
            assert "alert(" not in script, page
        assert not EVENT_ATTR.search(text), (page, EVENT_ATTR.search(text).group(0))
        assert not BAD_URL.search(text) and not BAD_URL.search(decoded.replace("&", "")), page
        assert "<iframe" not in text and "<object" not in text and "<embed" not in text and "<form action=\"https://evil" not in text
        assert 'http-equiv="Content-Security-Policy"' in text, page
    body = (out / "policies/fangxun/index.html").read_text(encoding="utf-8")
    # the hostile title is shown as text, escaped
    assert "&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;" in body or "&lt;script&gt;alert('title')&lt;/script&gt;" in body
    # external links are marked; links to the site itself are not
    assert re.search(r'<a href="https://www.gov.cn/zhengce/"[^>]*class="gk-external"[^>]*>外部<span class="gk-visually-hidden">（外部链接）</span></a>', body)
    assert re.search(r'<a href="https://www.example.gov.cn/zwgk/guide/"[^>]*>本站</a>', body)
    for feed in out.rglob("*.xml"):
        assert "<script" not in feed.read_text(encoding="utf-8")
