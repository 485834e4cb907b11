"""The seam to the theme: mkdocs-material builds the HTML pages from the rendered Markdown.

Only this module knows about MkDocs, so the theme can be swapped (MkDocs is unmaintained since
1.6.1; mkdocs-material announces end of life for 2027) without touching records or rules.
"""

from __future__ import annotations

import base64
import hashlib
import logging
import re
import shutil
from pathlib import Path

import yaml

from . import stylesheets
from .paths import templates_dir
from .models import Footer
from .public import PublicSite

THEME_DIR = templates_dir() / "theme"


class ThemeBuildError(Exception):
    """MkDocs failed or warned (strict): the build is abandoned and the output left untouched."""


ICP_FILING_SITE = "https://beian.miit.gov.cn/"
"""工业和信息化部 ICP/IP地址/域名信息备案管理系统: where an ICP number is looked up."""
POLICE_FILING_SITE = "https://beian.mps.gov.cn/#/query/webSearch?code={code}"
"""全国互联网安全管理服务平台: the record of a 公安备案 number (its digits)."""
CONAC_SITE = "https://bszs.conac.cn/sitename?method=show&id={id}"
"""党政机关网站标识 registration: the badge links to the site's entry."""


def footer_context(footer: Footer) -> dict:
    """The footer's values and the links the government marks need (templates only lay them out)."""
    data = footer.model_dump()
    data["icp_url"] = ICP_FILING_SITE
    data["police_url"] = POLICE_FILING_SITE.format(code="".join(re.findall(r"\d", footer.police or "")))
    data["conac_url"] = CONAC_SITE.format(id=footer.conac_id) if footer.conac_id else None
    return data


def mkdocs_config(view: PublicSite, nav: list, docs: Path, site_dir: Path) -> dict:
    site = view.config.site
    return {
        "site_name": site.title,
        "site_description": f"{view.config.government.name}政府信息公开网站",
        "site_url": site.base_url,
        "docs_dir": str(docs),
        "site_dir": str(site_dir),
        "use_directory_urls": True,
        "strict": True,
        "nav": nav,
        "theme": {
            "name": "material",
            "language": "zh",
            "font": False,  # no Google Fonts: nothing is fetched from a third-party host
            "custom_dir": str(THEME_DIR),
            "features": ["navigation.instant", "navigation.top"],
            # no palette: gongkai.css sets the colours, so the theme's palette stylesheet is not loaded
        },
        "plugins": [],  # MkDocs' own search does not segment Chinese; search comes from Pagefind
        "extra_css": ["assets/stylesheets/gongkai.css"],
        "extra_javascript": ["assets/javascripts/gongkai.js"],
        # `alternate` makes the theme include partials/alternate.html in its header: gongkai's search
        # box and 适老化 switch live there (see templates/theme/partials/alternate.html)
        "extra": {"generator": False, "alternate": True, "gongkai": {
            "sample_data": site.sample_data, "footer": footer_context(site.footer)}},
        "validation": {"nav": {"omitted_files": "ignore"}, "links": {"not_found": "warn"}},
    }


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def build_html(view: PublicSite, nav: list, docs: Path, site_dir: Path) -> None:
    """Run MkDocs on ``docs`` into ``site_dir``; any warning is an error (strict)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    config_file = docs.parent / "mkdocs.yml"
    config_file.write_text(yaml.safe_dump(mkdocs_config(view, nav, docs, site_dir), allow_unicode=True),
                           encoding="utf-8")
    handler = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        build(load_config(str(config_file)))
    except (MkDocsException, SystemExit, OSError) as exc:
        raise ThemeBuildError("；".join(handler.messages) or str(exc)) from exc
    finally:
        logger.removeHandler(handler)


UNUSED_THEME_ASSETS = ("assets/javascripts/lunr", "assets/javascripts/workers", "assets/stylesheets/palette.*",
                       "assets/stylesheets/*.css.map")
"""Files of the theme the site never loads: MkDocs search (gongkai searches with Pagefind), the palette
switch (gongkai.css sets the colours) and the stylesheet source maps."""


def trim_theme(site_dir: Path) -> None:
    """Trim the theme's stylesheet to the rules the built pages and scripts can use and remove the
    theme files the site never loads: 140 KB of render-blocking CSS become about 50 KB."""
    assets = site_dir / "assets"
    for pattern in UNUSED_THEME_ASSETS:
        for path in site_dir.glob(pattern):
            shutil.rmtree(path) if path.is_dir() else path.unlink()
    scripts = sorted((assets / "javascripts").glob("*.js"))
    used = stylesheets.used_classes(site_dir.rglob("*.html"), scripts)
    ours = (assets / "stylesheets" / "gongkai.css").read_text(encoding="utf-8")
    for sheet in sorted((assets / "stylesheets").glob("main.*.min.css")):
        sheet.write_text(stylesheets.trim(sheet.read_text(encoding="utf-8"), used, ours), encoding="utf-8")


INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)
CSP = ("default-src 'self'; script-src 'self' 'wasm-unsafe-eval' {hashes}; style-src 'self'; "
       "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
       "form-action 'self'")
"""What a page may load: only its own site. The theme's few inline scripts are allowed by their
hashes (no 'unsafe-inline'); Pagefind needs 'wasm-unsafe-eval' to run its WebAssembly."""


THEME_NONCONFORMING = (
    # the theme's drawer and search toggles: `autocomplete` is not allowed on a checkbox (Nu checker)
    ('type="checkbox" id="__drawer" autocomplete="off">', 'type="checkbox" id="__drawer">'),
    ('type="checkbox" id="__search" autocomplete="off">', 'type="checkbox" id="__search">'),
)
"""Markup the theme writes that HTML conformance checkers reject, and what it becomes."""


def apply_csp(site_dir: Path) -> None:
    """Put a Content-Security-Policy into every page, naming the hashes of that page's inline scripts
    (and mend the theme's nonconforming markup on the same pass)."""
    for page in sorted(site_dir.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        for bad, good in THEME_NONCONFORMING:
            html = html.replace(bad, good)
        hashes = sorted({"'sha256-" + base64.b64encode(hashlib.sha256(m.group(1).encode("utf-8")).digest()).decode()
                         + "'" for m in INLINE_SCRIPT.finditer(html)})
        meta = f'<meta http-equiv="Content-Security-Policy" content="{CSP.format(hashes=" ".join(hashes))}">'
        html = html.replace("<head>", "<head>\n    " + meta, 1)
        page.write_text(html, encoding="utf-8")
