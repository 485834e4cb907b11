"""Trimming the theme's stylesheet: rules no element can match go, everything else stays."""

from __future__ import annotations

import re

from generator.stylesheets import trim

CSS = ('@charset "UTF-8";:root{--used:1px;--unused:url("data:image/svg+xml;charset=utf-8,<svg>{}</svg>");--chain:var(--used)}'
       '.a,.zz{color:red}.zz .a{color:blue}.a:not(.zz){margin:0}.a:is(.zz,.b){padding:0}p{width:var(--chain)}'
       '[data-x=".zz"]{top:0}@media screen{.zz{left:0}}@media print{.a{right:0}}'
       '@keyframes spin{0%{opacity:0}to{opacity:1}}.a:after{content:"}{"}\n/*# sourceMappingURL=x.css.map*/')


def test_rules_needing_an_absent_class_go_and_the_rest_stays():
    out = trim(CSS, {"a", "b"})
    assert ".a{color:red}" in out                # the absent selector of a list is dropped
    assert ".zz .a" not in out and "@media screen" not in out
    assert ".a:not(.zz){margin:0}" in out and ".a:is(.zz,.b){padding:0}" in out
    assert '[data-x=".zz"]{top:0}' in out and "@media print{.a{right:0}}" in out
    assert "@keyframes spin{0%{opacity:0}to{opacity:1}}" in out and '.a:after{content:"}{"}' in out
    assert out.startswith('@charset "UTF-8";') and "sourceMappingURL" not in out


def test_custom_properties_nobody_reads_go():
    out = trim(CSS, {"a"})
    assert "--unused" not in out and "--chain:var(--used)" in out and "--used:1px" in out
    assert "--unused" in trim(CSS, {"a"}, reads="x{y:var(--unused)}")


def test_the_sample_site_loads_a_trimmed_theme_and_no_unused_theme_files(sample_site):
    sheets = list((sample_site / "assets" / "stylesheets").glob("main.*.min.css"))
    assert len(sheets) == 1 and sheets[0].stat().st_size < 70_000   # the theme ships 140 KB
    assert not (sample_site / "assets" / "javascripts" / "lunr").exists()
    assert not list((sample_site / "assets" / "stylesheets").glob("palette.*"))
    css = sheets[0].read_text(encoding="utf-8")
    for needed in (".md-header", ".md-nav__link", ".md-typeset table", ".md-sidebar--primary", ".md-footer-meta"):
        assert needed in css
    assert not re.search(r"\.md-typeset \.admonition[,{]", css) and ".md-typeset .tabbed-set" not in css
    page = (sample_site / "policies" / "kzf-2025-3" / "index.html").read_text(encoding="utf-8")
    # the trimmed theme, gongkai.css and the annual report's own (print) stylesheet
    assert "palette." not in page and len(re.findall(r'rel="stylesheet"', page)) == 3
