"""The marks of a real government site and what every page carries, on the built sample site:
footer slots (党政机关网站标识, linked ICP and 公安备案 with a local badge, 网站地图/联系我们/找错),
the Chinese 404 page, the human-readable site map, meta descriptions, the skip link and menu button."""

from __future__ import annotations

import html
import re

import pytest
import yaml

from generator.models import Footer
from generator.pages import pages_shown
from generator.render import environment
from generator.theme import footer_context

from .conftest import REPO

PAGES = ["index.html", "policies/kzf-2025-3/index.html", "policies/index.html", "search/index.html", "404.html",
         "sitemap/index.html", "contact/index.html", "report-error/index.html", "proposals/stats/index.html"]


def read(site, rel: str) -> str:
    return (site / rel).read_text(encoding="utf-8")


def test_footer_has_the_government_marks_linked(sample_site):
    for rel in PAGES:
        page = read(sample_site, rel)
        footer = page[page.index('<footer'):]
        assert 'href="https://beian.miit.gov.cn/"' in footer, rel
        assert 'href="https://beian.mps.gov.cn/#/query/webSearch?code=62292202000123"' in footer, rel
        assert re.search(r'<img src="[^"]*assets/images/police-badge\.svg"', footer), rel
        assert 'href="https://bszs.conac.cn/sitename?method=show&amp;id=KLX2026000001"' in footer, rel
        assert re.search(r'<img src="[^"]*assets/images/conac\.svg"[^>]*alt="党政机关网站标识', footer), rel
        for label, target in (("网站地图", "sitemap/"), ("联系我们", "contact/"), ("找错", "report-error/")):
            if not rel.startswith(target):
                assert re.search(rf'<a href="[^"]*{target}">{label}</a>', footer), (rel, label)
    for image in ("conac.svg", "police-badge.svg", "cursor-large.svg", "pointer-large.svg"):
        assert (sample_site / "assets" / "images" / image).stat().st_size > 100


def test_footer_slots_are_checked_and_escaped():
    with pytest.raises(ValueError):
        Footer(host="x", conac_id='1" onclick="x')
    with pytest.raises(ValueError):
        Footer(host="x", error_report_url="javascript:alert(1)")
    data = footer_context(Footer(host="x", police="京公网安备11010502030143号"))
    assert data["police_url"].endswith("code=11010502030143") and data["conac_url"] is None


def test_hostile_footer_values_reach_the_page_escaped(make_site, tmp_path):
    from generator.build import build_site

    root = make_site({})
    config = root / "site_config.yml"
    text = config.read_text(encoding="utf-8")
    assert "footer: {host: 示例县人民政府办公室," in text
    text = text.replace("footer: {host: 示例县人民政府办公室,", 'footer: {host: "<script>alert(1)</script>", '
                        'error_report_url: "https://zc.example.cn/?a=1&b=<x>",')
    config.write_text(text, encoding="utf-8")
    from .conftest import TODAY
    out = tmp_path / "out"
    build_site(root, out, TODAY)
    page = read(out, "report-error/index.html")
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert 'href="https://zc.example.cn/?a=1&amp;b=&lt;x&gt;"' in page


def test_the_404_page_is_chinese_and_leads_back(sample_site):
    page = read(sample_site, "404.html")
    assert "404 - Not found" not in page and "<h1>页面不存在</h1>" in page
    assert "<title>页面不存在 - " in page
    # absolute links: the page is shown at any depth
    assert 'href="/zwgk/">返回首页</a>' in page and 'href="/zwgk/search/">搜索本站信息</a>' in page
    assert 'action="/zwgk/search/"' in page


def test_site_map_lists_every_column_and_list_page(sample_site):
    page = read(sample_site, "sitemap/index.html")
    for target in ("policies/", "interpretations/", "decisions/", "proposals/", "proposals/stats/", "guide/",
                   "contact/", "report-error/", "policies/validity/yifeizhi/", "search/"):
        assert f'href="../{target}"' in page, target
    assert "/page/2/" not in page


def test_every_page_has_a_meta_description(sample_site):
    missing = []
    for path in sample_site.rglob("*.html"):
        m = re.search(r'<meta name="description" content="([^"]+)">', path.read_text(encoding="utf-8"))
        if not m or len(html.unescape(m.group(1))) < 10:
            missing.append(str(path.relative_to(sample_site)))
    assert missing == []
    policy = read(sample_site, "policies/kzf-2025-3/index.html")
    assert '<meta name="description" content="为深入贯彻《优化营商环境条例》' in policy


def test_keyboard_structure_of_every_page(sample_site):
    for rel in PAGES:
        page = read(sample_site, rel)
        body = page[page.index("<body"):]
        first_link = re.search(r"<(a|button|input(?! class=\"md-toggle\"))\b[^>]*>", body)
        assert 'class="gk-skip"' in first_link.group(0) and 'href="#gk-content"' in first_link.group(0), rel
        assert 'id="gk-content"' in page
        assert '<button type="button" class="md-header__button md-icon gk-menu-button"' in page
        assert 'aria-label="目录"' not in page  # no empty table-of-contents landmark
        assert page.count('role="search"') == len(set(re.findall(r'role="search"[^>]*aria-label="([^"]+)"', page)))
        assert '>退出适老化<' not in page


@pytest.mark.parametrize(("number", "count", "shown"), [
    (1, 1, [1]),
    (1, 3, [1, 2, 3]),
    (1, 7, [1, 2, 3, None, 7]),
    (4, 7, [1, 2, 3, 4, 5, 6, 7]),  # a single left-out number is shown, not a gap
    (5, 9, [1, 2, 3, 4, 5, 6, 7, 8, 9]),
    (6, 12, [1, None, 4, 5, 6, 7, 8, None, 12]),
    (746, 746, [1, None, 744, 745, 746]),
    (300, 746, [1, None, 298, 299, 300, 301, 302, None, 746]),
])
def test_pagination_links_the_first_last_and_nearby_pages(number, count, shown):
    assert pages_shown(number, count) == shown


def test_pagination_of_a_long_column_stays_short_and_reaches_both_ends():
    urls = ["policies/"] + [f"policies/page/{n}/" for n in range(2, 501)]
    macro = environment().get_template("_macros.j2").module.pagination
    out = str(macro({"number": 250, "count": 500, "urls": urls, "shown": pages_shown(250, 500)}, "../../../"))
    links = re.findall(r'<a href="([^"]+)"(?: rel="(\w+)")?>([^<]+)</a>', out)
    assert links == [("../../../policies/page/249/", "prev", "上一页"), ("../../../policies/", "", "1"),
                     ("../../../policies/page/248/", "", "248"), ("../../../policies/page/249/", "", "249"),
                     ("../../../policies/page/251/", "", "251"), ("../../../policies/page/252/", "", "252"),
                     ("../../../policies/page/500/", "", "500"), ("../../../policies/page/251/", "next", "下一页")]
    assert '<span aria-current="page">250</span>' in out
    assert out.count('<li class="gk-pagination__gap" aria-hidden="true">…</li>') == 2
    assert "第 250 页，共 500 页" in out


def test_markdown_would_leave_every_page_source_as_it_is(tmp_path):
    """The theme takes each page's source as its HTML without running Markdown (theme._page_hook):
    right only while the page templates write nothing Markdown would change. Checked on every page
    of the sample site with the Markdown extensions MkDocs is configured with."""
    import markdown
    from mkdocs.config import load_config

    from generator.build import _copy_attachments, check_site, nav, plan, public_view, render_pages
    from generator.theme import mkdocs_config

    from .conftest import TODAY
    view = public_view(check_site(REPO, TODAY).site)
    docs = tmp_path / "docs"
    docs.mkdir()
    render_pages(view, plan(view), docs, _copy_attachments(REPO, view, docs), processes=1)
    config_file = tmp_path / "mkdocs.yml"
    config_file.write_text(yaml.safe_dump(mkdocs_config(view, nav(view), docs, tmp_path / "site"), allow_unicode=True),
                           encoding="utf-8")
    config = load_config(str(config_file))
    changed, sources = [], sorted(docs.rglob("*.md"))
    for path in sources:
        body = re.sub(r"\A---\n.*?\n---\n", "", path.read_text(encoding="utf-8"), flags=re.S)
        converted = markdown.Markdown(extensions=config["markdown_extensions"],
                                      extension_configs=config["mdx_configs"]).convert(body)
        if converted != body.strip("\n"):
            changed.append(str(path.relative_to(docs)))
    assert len(sources) > 100 and changed == []
