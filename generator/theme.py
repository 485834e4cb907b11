"""The seam to the theme: mkdocs-material builds the HTML pages from the rendered Markdown.

Only this module knows about MkDocs, so the theme can be swapped (MkDocs is unmaintained since
1.6.1; mkdocs-material announces end of life for 2027) without touching records or rules.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import html
import json
import logging
import marshal
import os
import re
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import jinja2
import yaml

from . import stylesheets
from .parallel import Forked, in_shares, workers
from .personal_data import allowed_forms
from .paths import files_under, link_or_copy, move_files, templates_dir, tree_digest
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
        # mkdocs-material prints site_name unescaped in places (its Jinja does not autoescape)
        "site_name": html.escape(site.title),
        "site_description": html.escape(f"{view.config.government.name}政府信息公开网站"),
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
            # No "navigation.instant": it makes every visitor's first page view fetch and parse the
            # whole sitemap.xml (1.3 MB and a 280 ms main-thread task at 10,000 records, growing with
            # the site) before it swaps pages in place. Pages load as plain pages instead.
            "features": ["navigation.top"],
            # no palette: gongkai.css sets the colours, so the theme's palette stylesheet is not loaded
        },
        "plugins": [],  # MkDocs' own search does not segment Chinese; search comes from Pagefind
        "extra_css": ["assets/stylesheets/gongkai.css", "assets/stylesheets/annual-report.css"],
        # gongkai.js is not an extra_javascript (the theme puts those after its own bundle, at the
        # end of <body>): main.html loads it async from <head>
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


LAST_BUILD: dict[str, int] = {}
"""Pages the last cached build rendered and reused (for tests and the benchmark)."""


def _versions() -> str:
    from importlib.metadata import PackageNotFoundError, version

    found = []
    for name in ("gongkai", "mkdocs", "mkdocs-material", "markdown", "pymdown-extensions", "jinja2", "nh3"):
        try:
            found.append(f"{name}={version(name)}")
        except PackageNotFoundError:
            found.append(f"{name}=-")
    return ";".join(found)


def compiled_templates(folder: Path) -> Path:
    """The folder under a build cache ``folder`` that holds the theme's templates as compiled code
    (Jinja's bytecode cache: it compares each template's source with what it compiled before reusing
    the code); made if missing."""
    path = Path(folder) / f"templates-jinja-{jinja2.__version__}"
    path.mkdir(parents=True, exist_ok=True)
    return path


class PageCache:
    """Content-addressed HTML pages. A page's key is the hash of its Markdown source and path and of
    everything that is the same for every page: the MkDocs configuration (site title, navigation,
    theme options; not the temporary directories), every file of gongkai's theme layer, the source
    of this module and the search text extractor, and the versions of the tools that turn Markdown
    into HTML. The Markdown source already holds what a page shows of its record and of the records
    it lists or links, so a changed record changes exactly the pages that show it. A hit is what MkDocs
    wrote last time (linked into the cache where the file system allows: :meth:`keep_written`); the
    cache is an optimisation only (tests/test_build_speed.py compares cached builds with clean ones
    byte for byte)."""

    def __init__(self, folder: Path, view: PublicSite, nav: list) -> None:
        self.folder = Path(folder)
        (self.folder / "pages").mkdir(parents=True, exist_ok=True)
        site_wide = mkdocs_config(view, nav, Path(), Path())
        del site_wide["docs_dir"], site_wide["site_dir"]  # the build's temporary directories
        allowed = allowed_forms(view.config.rules.allowed_numbers)
        here = Path(__file__).parent
        self.common = hashlib.sha256("\0".join([
            json.dumps(site_wide, ensure_ascii=False, sort_keys=True), tree_digest(THEME_DIR), _versions(),
            *(here.joinpath(m).read_text(encoding="utf-8") for m in ("theme.py", "search.py", "personal_data.py")),
            json.dumps(sorted(allowed), ensure_ascii=False),  # a page's scan verdict depends on them
        ]).encode("utf-8")).hexdigest()
        self.compiled = compiled_templates(self.folder)
        self.keys: dict[str, str] = {}
        """Markdown source path → the page's key (:meth:`key`), for every page of this build."""
        self.entries = self._load()
        """Key → what the build gathered from the page (:meth:`store`), for the pages of the last build."""
        self.stored = {name.removesuffix(".html") for rel in files_under(self.folder / "pages", (".html",))
                       for name in [rel.rpartition("/")[2]]}
        self.hits: set[str] = set()
        """Sources whose page is kept (set by :meth:`settle`)."""
        self.fresh: dict[str, dict] = {}
        """Entries of the pages this process rendered (a forked share returns them to the build)."""

    def key(self, src: str, markdown: str | bytes) -> str:
        data = markdown.encode("utf-8") if isinstance(markdown, str) else markdown
        return hashlib.sha256(f"{self.common}\0{src}\0".encode("utf-8") + data).hexdigest()

    def kept(self, key: str) -> bool:
        return key in self.entries and key in self.stored

    def settle(self, docs: Path, pages: list[str]) -> None:
        """Key the sources in ``docs`` that :func:`render.render_pages` did not key, and find the hits."""
        for src in pages:
            if src not in self.keys:
                self.keys[src] = self.key(src, (docs / src).read_bytes())
        self.hits = {src for src, key in self.keys.items() if self.kept(key)}

    INDEX = "index-{}.marshal"
    """Under ``pages/``: the entries of the kept pages, in 16 files by the first digit of the key
    (written one at a time: never the whole site's text in one more copy), when the build is done."""
    INDEX_DIGITS = "0123456789abcdef"

    def _load(self) -> dict[str, dict]:
        entries: dict[str, dict] = {}
        for digit in self.INDEX_DIGITS:
            try:
                stored = marshal.loads((self.folder / "pages" / self.INDEX.format(digit)).read_bytes())
            except (OSError, EOFError, ValueError, TypeError, MemoryError):  # garbage can claim huge sizes
                return {}
            if not (isinstance(stored, dict) and stored.get("python") == sys.version
                    and isinstance(stored.get("entries"), dict)):
                return {}
            entries.update(stored["entries"])
        return entries

    def _path(self, key: str) -> Path:
        return self.folder / "pages" / key[:2] / f"{key}.html"

    def store(self, src: str, page: "WrittenPage") -> None:
        """Keep what the build gathered from the page MkDocs is about to write; the page itself is
        kept by :meth:`keep_written` once it is written."""
        key = self.keys.get(src)
        if key is None:
            return
        # the class names as one string: a list of strings per page costs tens of bytes per name
        self.fresh[key] = {"dest": page.dest, "url": page.url, "text": page.text, "clean": not page.personal,
                           "classes": " ".join(sorted(page.classes))}

    def keep_written(self, site_dir: Path) -> None:
        """Keep the pages :meth:`store` met, as MkDocs wrote them into ``site_dir``: linked where the
        file system allows (a page is replaced, never rewritten in place), so a cold build does not
        write every page twice."""
        for key, entry in self.fresh.items():
            path = self._path(key)
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(f".{path.name}.{os.getpid()}")
            tmp.unlink(missing_ok=True)
            try:
                link_or_copy(site_dir / entry["dest"], tmp)
            except FileNotFoundError:  # MkDocs writes nothing for an empty page: nothing to keep
                continue
            os.replace(tmp, path)

    def restore(self, site_dir: Path, sources: list[str]) -> None:
        """Put the cached pages of ``sources`` into ``site_dir``."""
        for src in sources:
            key = self.keys[src]
            target = os.path.join(site_dir, self.entries[key]["dest"])
            os.makedirs(os.path.dirname(target), exist_ok=True)
            link_or_copy(self._path(key), target)

    def gather(self, sources: list[str], built: "BuiltPages") -> None:
        """Add to ``built`` what was gathered from the cached pages of ``sources`` when they were
        written (a page whose last scan found personal data is scanned again by the build)."""
        for src in sources:
            entry = self.entries[self.keys[src]]
            built.html.add(entry["dest"])
            if entry["text"] is not None:
                built.texts[entry["url"]] = tuple(entry["text"])
                built.search_pages[entry["dest"]] = entry["url"]
            if entry["clean"]:
                built.clean.add(entry["dest"])
                built.classes.update(entry["classes"].split())

    def keep(self, fresh: dict[str, dict]) -> None:
        """Keep only this build's pages, with ``fresh`` (the entries of the pages rendered): the
        cache never outgrows one site. The index is written last, when every page it names is."""
        self.entries.update(fresh)
        wanted = set(self.keys.values())
        entries = {key: self.entries[key] for key in sorted(wanted) if key in self.entries}
        indexes = {self.INDEX.format(digit) for digit in self.INDEX_DIGITS}
        for rel in files_under(self.folder / "pages"):
            name = rel.rpartition("/")[2]
            if name not in indexes and name.removesuffix(".html") not in entries:
                (self.folder / "pages" / rel).unlink(missing_ok=True)
        for digit in self.INDEX_DIGITS:
            index = self.folder / "pages" / self.INDEX.format(digit)
            tmp = index.with_name(f".{index.name}.{os.getpid()}")
            tmp.write_bytes(marshal.dumps({"python": sys.version, "entries": {
                key: entry for key, entry in entries.items() if key.startswith(digit)}}))
            os.replace(tmp, index)


@dataclass
class WrittenPage:
    """What the build gathers from one page as MkDocs writes it."""

    dest: str
    url: str
    text: tuple[str, str] | None
    """Title and text of the part search indexes (None: not indexed)."""
    personal: list[str]
    """Labels of the personal numbers the page's text holds (the build refuses them)."""
    classes: set[str]


@dataclass
class BuiltPages:
    """What :func:`build_html` gathered while the pages were written, so nothing re-reads them."""

    texts: dict[str, tuple[str, str]] = field(default_factory=dict)
    """URL → indexed (title, text) of every search-indexed page."""
    clean: set[str] = field(default_factory=set)
    """Output paths of the pages scanned for personal data and found clean."""
    personal: dict[str, list[str]] = field(default_factory=dict)
    """Output path → labels of the personal numbers found in it."""
    classes: set[str] = field(default_factory=set)
    """Class names used by the pages in ``clean``."""
    search_pages: dict[str, str] = field(default_factory=dict)
    """Output path → URL of every search-indexed page (the input of the Pagefind parts)."""
    html: set[str] = field(default_factory=set)
    """Output paths of every HTML file written: pages, the theme's templates (404.html) and HTML
    files copied as they are, so nothing lists the site to find them."""

    def add(self, page: WrittenPage) -> None:
        self.html.add(page.dest)
        if page.text is not None:
            self.texts[page.url] = page.text
            self.search_pages[page.dest] = page.url
        if page.personal:
            self.personal[page.dest] = page.personal
        else:
            self.clean.add(page.dest)
            self.classes |= page.classes

    def merge(self, other: "BuiltPages") -> None:
        self.texts.update(other.texts)
        self.clean |= other.clean
        self.personal.update(other.personal)
        self.classes |= other.classes
        self.search_pages.update(other.search_pages)
        self.html |= other.html


def nav_sources(nav: list) -> set[str]:
    """The Markdown sources the navigation names."""
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


def _page_hook(share: int, of: int, in_nav: set[str], cache: PageCache | None = None,
               allowed: frozenset[str] = frozenset(), search_input: Path | None = None, parts: int = 1,
               static: bool = True, compiled: Path | None = None):
    """A MkDocs plugin that, as each page is written, applies the content-security policy, takes the
    text search indexes, scans the text for personal data, notes the class names the stylesheet
    needs and writes the page's search copy for Pagefind (``search.search_copy``), so nothing
    re-reads the HTML afterwards. With ``of`` > 1 it also keeps only this process's share of the
    pages (nav pages in every share, static files in share 0; none without ``static``).

    A page's content is its source as it is, not run through Markdown: the page templates write HTML
    (record bodies are rendered and sanitized before, by ``markup``), which Markdown would parse only
    to pass it through unchanged, slowest on the list pages' tables (with the shorter pagination, the
    MkDocs step at 10,000 records went from about 40 s to about 21 s). tests/test_theme.py checks
    that Markdown leaves every page of the sample site as it is."""
    from mkdocs.plugins import BasePlugin
    from mkdocs.structure.files import Files

    from .personal_data import scan_text_of_html
    from .search import indexed_text, part_of, search_copy
    from .stylesheets import classes_in

    class PageHook(BasePlugin):
        def __init__(self) -> None:
            super().__init__()
            self.built = BuiltPages()
            self.written: set[str] = set()
            self.markup: dict[str, str] = {}

        def on_files(self, files, config):
            if share == 0 and static:
                self.built.html.update(f.dest_uri for f in files
                                       if not f.is_documentation_page() and f.dest_uri.endswith(".html"))
            if of == 1 and cache is None and static:
                return files
            kept, n = [], 0
            for f in files:
                if cache is not None and f.src_uri in cache.hits and f.src_uri not in in_nav:
                    continue  # copied from the cache after MkDocs ran
                if f.is_documentation_page():
                    mine = n % of == share
                    n += 1
                    if mine or f.src_uri in in_nav:
                        kept.append(f)
                        if mine and of > 1:
                            self.written.add(f.dest_uri)
                elif share == 0 and static:
                    kept.append(f)
            return Files(kept)

        def on_env(self, env, config, files):
            if compiled is not None:  # the theme's templates are compiled once, not in every build
                env.bytecode_cache = jinja2.FileSystemBytecodeCache(str(compiled))
            return env

        def on_page_markdown(self, markdown, page, config, files):
            self.markup[page.file.src_uri] = markdown
            return ""  # the page is HTML already: Markdown would only pass it through

        def on_page_content(self, html, page, config, files):
            return self.markup.pop(page.file.src_uri).strip("\n")

        def on_post_page(self, output, page, config):
            if not (of == 1 or share == 0 or page.file.dest_uri in self.written):
                return output  # another share writes this page
            output = with_csp(output, config["site_url"])
            copy = search_copy(output) if page.meta.get("search_index") else None
            written = WrittenPage(page.file.dest_uri, page.url, None if copy is None else indexed_text(copy),
                                  [f.label for f in scan_text_of_html(output, allowed)], classes_in(output))
            self.built.add(written)
            if copy is not None and search_input is not None:
                target = search_input / str(part_of(page.url, parts)) / page.file.dest_uri
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(copy, encoding="utf-8")
            if cache is not None:
                cache.store(page.file.src_uri, written)
            return output

        def on_post_template(self, output, template_name, config):
            if not template_name.endswith(".html"):
                return output
            self.built.html.add(template_name)
            return with_csp(output, config["site_url"])

    return PageHook()


def build_html(view: PublicSite, nav: list, docs: Path, site_dir: Path, processes: int | None = None,
               store: PageCache | None = None, search_input: Path | None = None, parts: int = 1,
               static: bool = True, compiled: Path | None = None) -> BuiltPages:
    """Run MkDocs on ``docs`` into ``site_dir``; any warning is an error (strict). Pages get their
    content-security policy as they are written, and what the rest of the build needs of each page
    is gathered then (:class:`BuiltPages`); with ``search_input``, each search-indexed page's search
    copy is written there, under its Pagefind part (of ``parts``) and its output path. With several processes each builds a share of the
    pages into its own directory (forked: nothing is pickled but the results) and the shares are
    moved together; the output is byte for byte the serial build's (tests/test_build_speed.py).

    With ``store`` (kept between builds), a page whose Markdown source, URL and everything
    site-wide (configuration, navigation, theme files, tool versions) are unchanged is taken from
    the cache instead of rendered again; its Markdown need not be in ``docs`` when
    ``render.render_pages`` keyed it. Without ``static`` only the
    pages are written, not the theme's and the docs' other files (``build.preview_records``).
    ``compiled``: where the theme's compiled templates are kept (:func:`compiled_templates`; the
    store's own when there is one)."""
    config = mkdocs_config(view, nav, docs, site_dir)
    config_file = docs.parent / "mkdocs.yml"
    config_file.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    in_nav = nav_sources(nav)
    allowed = allowed_forms(view.config.rules.allowed_numbers)
    pages = files_under(docs, (".md",))
    if store is not None:
        store.settle(docs, pages)
    reused = sorted(store.hits - in_nav) if store else []
    todo = len(pages) - len(set(reused) & set(pages))  # a kept page's Markdown may not have been written
    of = processes or workers(todo)
    dirs = [site_dir if k == 0 else site_dir.with_name(f"{site_dir.name}.share-{k}") for k in range(of)]
    # the cached pages are linked into a directory of their own while MkDocs writes the others
    # (it empties its output directory first); the smaller of the two trees then moves into the other
    restored = site_dir.with_name(f"{site_dir.name}.cached")
    # by as many processes as there are cores, each a run of the sorted pages (mostly other folders):
    # after MkDocs has built the few changed pages, linking ten thousand is what a warm build waits for
    linkers = processes or workers(len(reused))
    share = -(-len(reused) // linkers)
    restoring = [Forked(store.restore, restored, reused[k:k + share], inline=linkers == 1)
                 for k in range(0, len(reused), share)] if reused else []
    templates = store.compiled if store is not None else compiled
    try:
        results = in_shares(_build_share, of, config_file, dirs, in_nav, store, allowed, search_input, parts, static,
                            templates)
        for linking in restoring:
            linking.result()
    finally:
        for linking in restoring:
            linking.close()
    built = BuiltPages()
    if store is not None:
        store.gather(reused, built)
        store.keep({key: entry for _, _, fresh in results for key, entry in fresh.items()})
        LAST_BUILD.update(rendered=todo, reused=len(reused))
    if len(reused) > todo:
        move_files(site_dir, restored)
        os.rename(restored, site_dir)
    elif reused:
        move_files(restored, site_dir)
    for k, (part, written, _) in enumerate(results):
        built.merge(part)
        if k:  # only the pages the share wrote (it also built the navigation's pages, and MkDocs' own files)
            move_files(dirs[k], site_dir, written)
    built.texts = dict(sorted(built.texts.items()))
    return built


def _build_share(share: int, of: int, config_file: Path, dirs: list[Path], in_nav: set[str],
                 cache: PageCache | None = None, allowed: frozenset[str] = frozenset(),
                 search_input: Path | None = None, parts: int = 1, static: bool = True,
                 compiled: Path | None = None) -> tuple[BuiltPages, list[str], dict[str, dict]]:
    site_dir = dirs[share]
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    handler = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        config = load_config(str(config_file), site_dir=str(site_dir))
        hook = _page_hook(share, of, in_nav, cache, allowed, search_input, parts, static, compiled)
        config.plugins["gongkai"] = hook
        build(config)
        if cache is not None:
            cache.keep_written(site_dir)
    except (MkDocsException, SystemExit, OSError) as exc:
        raise ThemeBuildError("；".join(handler.messages) or str(exc)) from exc
    finally:
        logger.removeHandler(handler)
    return hook.built, sorted(hook.written), cache.fresh if cache is not None else {}


UNUSED_THEME_ASSETS = ("assets/javascripts/lunr", "assets/javascripts/workers", "assets/stylesheets/palette.*",
                       "assets/stylesheets/*.css.map")
"""Files of the theme the site never loads: MkDocs search (gongkai searches with Pagefind), the palette
switch (gongkai.css sets the colours) and the stylesheet source maps."""


def trim_theme(site_dir: Path, built: BuiltPages | None = None) -> None:
    """Trim the theme's stylesheet to the rules the built pages and scripts can use and remove the
    theme files the site never loads: 140 KB of render-blocking CSS become about 50 KB. The class
    names of the pages in ``built.clean`` were gathered as they were written; its other HTML files are read."""
    assets = site_dir / "assets"
    for pattern in UNUSED_THEME_ASSETS:
        for path in site_dir.glob(pattern):
            shutil.rmtree(path) if path.is_dir() else path.unlink()
    scripts = sorted((assets / "javascripts").glob("*.js"))
    listed = sorted(built.html - built.clean) if built else files_under(site_dir, (".html",))
    pages = (site_dir / rel for rel in listed)
    used = stylesheets.used_classes(pages, scripts, built.classes if built else None)
    ours = (assets / "stylesheets" / "gongkai.css").read_text(encoding="utf-8")
    for sheet in sorted((assets / "stylesheets").glob("main.*.min.css")):
        sheet.write_text(stylesheets.trim(sheet.read_text(encoding="utf-8"), used, ours), encoding="utf-8")


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
_INCLUDE = re.compile(r'\{%\s*include\s+"([^"{}%]+)"\s*%\}')
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
                included = _INCLUDE.fullmatch(body.strip())
                if included:  # a script kept in a partial of its own, without template expressions
                    partial = folder / included[1]
                    if partial.is_file():
                        found.add(jinja2.Environment().from_string(partial.read_text(encoding="utf-8")).render())
                    continue
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
    """``page_html`` with the policy right after the charset declaration, ahead of every script (the
    charset must stay within the first 1024 bytes, and the policy, with its many hashes, is longer)."""
    meta = f'<meta http-equiv="Content-Security-Policy" content="{content_security_policy(base_url)}">'
    head, sep, rest = page_html.partition("<head>")
    charset = re.match(r"\s*<meta charset=[^>]*>", rest)
    at = charset.end() if charset else 0
    return head + sep + rest[:at] + "\n    " + meta + rest[at:]


THEME_NONCONFORMING = (
    # the theme's drawer and search toggles: `autocomplete` is not allowed on a checkbox (Nu checker)
    ('type="checkbox" id="__drawer" autocomplete="off">', 'type="checkbox" id="__drawer">'),
    ('type="checkbox" id="__search" autocomplete="off">', 'type="checkbox" id="__search">'),
)
"""Markup the theme writes that HTML conformance checkers reject, and what it becomes."""


def with_csp(page_html: str, base_url: str) -> str:
    """``page_html`` with the theme's nonconforming markup mended and the Content-Security-Policy
    (:func:`content_security_policy`: the allow-list, never the page's own scripts). The build
    applies it to each page as MkDocs writes it."""
    for bad, good in THEME_NONCONFORMING:
        page_html = page_html.replace(bad, good)
    return add_csp(page_html, base_url)


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
