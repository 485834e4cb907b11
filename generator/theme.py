"""The seam to the theme: mkdocs-material builds the HTML pages from the rendered Markdown.

Only this module knows about MkDocs, so the theme can be swapped (MkDocs is unmaintained since
1.6.1; mkdocs-material announces end of life for 2027) without touching records or rules.
"""

from __future__ import annotations

import base64
import hashlib
import logging
import os
import re
import shutil
from pathlib import Path

import yaml

from .parallel import in_shares, workers
from .paths import templates_dir
from .public import PublicSite

THEME_DIR = templates_dir() / "theme"


class ThemeBuildError(Exception):
    """MkDocs failed or warned (strict): the build is abandoned and the output left untouched."""


def mkdocs_config(view: PublicSite, nav: list, docs: Path, site_dir: Path) -> dict:
    site = view.config.site
    return {
        "site_name": site.title,
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


def _nav_sources(nav: list) -> set[str]:
    found: set[str] = set()

    def walk(item) -> None:
        if isinstance(item, str):
            found.add(item)
        elif isinstance(item, dict):
            for value in item.values():
                walk(value)
        elif isinstance(item, list):
            for value in item:
                walk(value)

    walk(nav)
    return found


def _page_hook(share: int, of: int, nav_sources: set[str]):
    """A MkDocs plugin that applies the content-security policy to each page as it is written and
    keeps the text search indexes, so nothing re-reads the HTML afterwards. With ``of`` > 1 it also
    keeps only this process's share of the pages (nav pages in every share, static files in share 0)."""
    from mkdocs.plugins import BasePlugin
    from mkdocs.structure.files import Files

    from .search import indexed_text

    class PageHook(BasePlugin):
        def __init__(self) -> None:
            super().__init__()
            self.texts: dict[str, tuple[str, str]] = {}
            self.written: list[str] = []

        def on_files(self, files, config):
            if of == 1:
                return files
            kept, n = [], 0
            for f in files:
                if f.is_documentation_page():
                    mine = n % of == share
                    n += 1
                    if mine or f.src_uri in nav_sources:
                        kept.append(f)
                        if mine:
                            self.written.append(f.dest_uri)
                elif share == 0:
                    kept.append(f)
            return Files(kept)

        def on_post_page(self, output, page, config):
            output = with_csp(output)
            if page.meta.get("search_index"):
                self.texts[page.url] = indexed_text(output)
            return output

        def on_post_template(self, output, template_name, config):
            return with_csp(output) if template_name.endswith(".html") else output

    return PageHook()


def build_html(view: PublicSite, nav: list, docs: Path, site_dir: Path,
               processes: int | None = None) -> dict[str, tuple[str, str]]:
    """Run MkDocs on ``docs`` into ``site_dir``; any warning is an error (strict). Pages get their
    content-security policy as they are written. Returns the indexed ``(title, text)`` of every
    search-indexed page by URL. With several processes each builds a share of the pages into its
    own directory (forked: nothing is pickled but the results) and the shares are moved together;
    the output is byte for byte the serial build's (tests/test_build_speed.py)."""
    config_file = docs.parent / "mkdocs.yml"
    config_file.write_text(yaml.safe_dump(mkdocs_config(view, nav, docs, site_dir), allow_unicode=True),
                           encoding="utf-8")
    of = processes or workers(sum(1 for _ in docs.rglob("*.md")))
    dirs = [site_dir if k == 0 else site_dir.with_name(f"{site_dir.name}.share-{k}") for k in range(of)]
    results = in_shares(_build_share, of, config_file, dirs, _nav_sources(nav))
    texts: dict[str, tuple[str, str]] = {}
    for k, (part, written) in enumerate(results):
        texts.update(part)
        if k:
            for dest in written:
                target = site_dir / dest
                target.parent.mkdir(parents=True, exist_ok=True)
                os.replace(dirs[k] / dest, target)
            shutil.rmtree(dirs[k])
    return dict(sorted(texts.items()))


def _build_share(share: int, of: int, config_file: Path, dirs: list[Path],
                 nav_sources: set[str]) -> tuple[dict[str, tuple[str, str]], list[str]]:
    site_dir = dirs[share]
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    handler = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        config = load_config(str(config_file), site_dir=str(site_dir))
        hook = _page_hook(share, of, nav_sources)
        config.plugins["gongkai"] = hook
        build(config)
    except (MkDocsException, SystemExit, OSError) as exc:
        raise ThemeBuildError("；".join(handler.messages) or str(exc)) from exc
    finally:
        logger.removeHandler(handler)
    return hook.texts, hook.written


INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)
CSP = ("default-src 'self'; script-src 'self' 'wasm-unsafe-eval' {hashes}; style-src 'self'; "
       "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
       "form-action 'self'")
"""What a page may load: only its own site. The theme's few inline scripts are allowed by their
hashes (no 'unsafe-inline'); Pagefind needs 'wasm-unsafe-eval' to run its WebAssembly."""


def with_csp(html: str) -> str:
    """``html`` with a Content-Security-Policy naming the hashes of its inline scripts."""
    hashes = sorted({"'sha256-" + base64.b64encode(hashlib.sha256(m.group(1).encode("utf-8")).digest()).decode()
                     + "'" for m in INLINE_SCRIPT.finditer(html)})
    meta = f'<meta http-equiv="Content-Security-Policy" content="{CSP.format(hashes=" ".join(hashes))}">'
    return html.replace("<head>", "<head>\n    " + meta, 1)


def apply_csp(site_dir: Path) -> None:
    """Put the policy into every page of a built tree (the build applies it as pages are written)."""
    for page in site_dir.rglob("*.html"):
        page.write_text(with_csp(page.read_text(encoding="utf-8")), encoding="utf-8")
