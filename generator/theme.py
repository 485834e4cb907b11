"""The seam to the theme: mkdocs-material builds the HTML pages from the rendered Markdown.

Only this module knows about MkDocs, so the theme can be swapped (MkDocs is unmaintained since
1.6.1; mkdocs-material announces end of life for 2027) without touching records or rules.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import html
import logging
import re
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from .paths import templates_dir
from .public import PublicSite

THEME_DIR = templates_dir() / "theme"


class ThemeBuildError(Exception):
    """MkDocs failed or warned (strict): the build is abandoned and the output left untouched."""


def mkdocs_config(view: PublicSite, nav: list, docs: Path, site_dir: Path) -> dict:
    site = view.config.site
    return {
        # mkdocs-material prints site_name unescaped in places (its Jinja does not autoescape)
        "site_name": html.escape(site.title),
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
            "palette": {"scheme": "default", "primary": "red", "accent": "red"},
        },
        "plugins": [],  # MkDocs' own search does not segment Chinese; search comes from Pagefind
        "extra_css": ["assets/stylesheets/gongkai.css"],
        "extra_javascript": ["assets/javascripts/gongkai.js"],
        # `alternate` makes the theme include partials/alternate.html in its header: gongkai's search
        # box and 适老化 switch live there (see templates/theme/partials/alternate.html)
        "extra": {"generator": False, "alternate": True, "gongkai": {
            "sample_data": site.sample_data, "footer": site.footer.model_dump()}},
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


INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)
CSP = ("default-src 'self'; script-src 'self' 'wasm-unsafe-eval' {hashes}; style-src 'self'; "
       "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
       "form-action 'self'")
"""What a page may load: only its own site. The inline scripts the theme is known to emit are allowed
by their hashes (no 'unsafe-inline'); Pagefind needs 'wasm-unsafe-eval' to run its WebAssembly.
Sent as a header (docs/deploy.md) it also carries ``frame-ancestors``, which a meta element cannot."""
HEADER_ONLY = "; frame-ancestors 'self'"

MAX_DEPTH = 16
"""Deepest page the allow-list covers (``a/b/c/`` is depth 3); the site's deepest is 4."""
_BASE_URL_EXPR = re.compile(r"\{\{\s*(?:config\.extra\.scope\s*\|\s*d\(base_url\)|base_url)\s*\}\}")


def _theme_template_dirs() -> list[Path]:
    import material

    return [Path(material.__file__).parent / "templates", THEME_DIR]


def site_path(base_url: str) -> str:
    """The path the site is served under (``/zwgk/``): MkDocs uses it as ``base_url`` of the 404 page."""
    path = urlsplit(base_url).path or "/"
    return path if path.endswith("/") else path + "/"


@functools.cache
def known_inline_scripts(base_url: str = "/") -> frozenset[str]:
    """Every inline script the theme and gongkai may emit, read from the templates themselves
    (mkdocs-material's and gongkai's overrides): a ``<script>`` without attributes whose only
    template expression is the page's ``base_url`` is expanded for every relative depth up to
    :data:`MAX_DEPTH` and for the site's own path (the 404 page's); one with any other
    expression or statement is never allowed."""
    bases = [".", site_path(base_url)] + ["/".join([".."] * depth) for depth in range(1, MAX_DEPTH + 1)]
    found: set[str] = set()
    for folder in _theme_template_dirs():
        for template in sorted(folder.rglob("*.html")):
            for body in INLINE_SCRIPT.findall(template.read_text(encoding="utf-8")):
                rest = _BASE_URL_EXPR.sub("", body)
                if "{{" in rest or "{%" in rest or "{#" in rest:
                    continue
                if _BASE_URL_EXPR.search(body):
                    found.update(_BASE_URL_EXPR.sub(base, body) for base in bases)
                else:
                    found.add(body)
    return frozenset(found)


def script_hash(body: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode() + "'"


@functools.cache
def content_security_policy(base_url: str = "/", header: bool = False) -> str:
    """The one policy of every page: hashes of the known inline scripts only, never of whatever a
    page happens to contain — an injected ``<script>`` is blocked by the browser even if escaping
    failed. The same text can be sent as a ``Content-Security-Policy`` header (docs/deploy.md)."""
    hashes = " ".join(sorted(script_hash(body) for body in known_inline_scripts(base_url)))
    return CSP.format(hashes=hashes) + (HEADER_ONLY if header else "")


def add_csp(page_html: str, base_url: str) -> str:
    """``page_html`` with the policy as the first element of its head."""
    meta = f'<meta http-equiv="Content-Security-Policy" content="{content_security_policy(base_url)}">'
    return page_html.replace("<head>", "<head>\n    " + meta, 1)


THEME_NONCONFORMING = (
    # the theme's drawer and search toggles: `autocomplete` is not allowed on a checkbox (Nu checker)
    ('type="checkbox" id="__drawer" autocomplete="off">', 'type="checkbox" id="__drawer">'),
    ('type="checkbox" id="__search" autocomplete="off">', 'type="checkbox" id="__search">'),
)
"""Markup the theme writes that HTML conformance checkers reject, and what it becomes."""


def apply_csp(site_dir: Path, base_url: str) -> None:
    """Put the Content-Security-Policy into every page of the built site (and mend the theme's
    nonconforming markup on the same pass)."""
    for page in sorted(site_dir.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        for bad, good in THEME_NONCONFORMING:
            text = text.replace(bad, good)
        page.write_text(add_csp(text, base_url), encoding="utf-8")


HEADERS_FILE = "_headers"
"""Written at the top of the built site: the response headers every file needs, in the format
Netlify and Cloudflare Pages read; docs/deploy.md shows the same for nginx and Apache."""


def security_headers(base_url: str) -> dict[str, str]:
    """Headers for every response (docs/deploy.md explains each)."""
    return {
        "Content-Security-Policy": content_security_policy(base_url, header=True),
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "strict-origin-when-cross-origin",
        "X-Frame-Options": "SAMEORIGIN",
    }


def write_headers_file(site_dir: Path, base_url: str) -> None:
    lines = ["/*"] + [f"  {name}: {value}" for name, value in security_headers(base_url).items()]
    lines += ["/attachments/*", "  Content-Disposition: attachment"]
    (site_dir / HEADERS_FILE).write_text("\n".join(lines) + "\n", encoding="utf-8")
