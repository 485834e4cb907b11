"""Render the page plan into Markdown sources for MkDocs, through the Jinja2 templates in templates/."""

from __future__ import annotations

from pathlib import Path

import functools

import jinja2
from markupsafe import Markup

from . import markup
from .markup import MarkupTooComplex, render_bounded
from .parallel import in_shares, workers
from .paths import templates_dir
from . import vocab
from .display import document_text, government_short, proposers_text, zh_date
from .pages import COLUMN_TITLES, GUIDE, ORGANIZATION, SYSTEM, Page, proposal_facts, record_description
from .search import search_fields
from .public import PublicSite
from .theme import PageCache

TEMPLATES = templates_dir()


class RenderRefused(Exception):
    """A page cannot be rendered within the bounds: nothing is published."""


def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES / "pages"),
        autoescape=True,  # pages are HTML inside Markdown: escape everything not marked safe
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["zh_date"] = zh_date
    # the front matter's title is a JSON string read back as YAML: with ASCII escapes a character
    # outside the BMP (𠮷) becomes a surrogate pair YAML rejects, and the page loses its front matter.
    # Keys keep their order: the search parameters number the filters in their order.
    env.policies["json.dumps_kwargs"] = {"sort_keys": False, "ensure_ascii": False}
    env.globals["vocab"] = vocab
    return env


def render_pages(view: PublicSite, pages: list[Page], docs: Path, attachments: dict,
                 processes: int | None = None, store: PageCache | None = None, always: set[str] = frozenset()) -> None:
    """Write the Markdown source of every page; large sites in one forked process per core (each
    hands back the bodies it rendered, for the next build's cache). With ``store``, every page is
    keyed as it is rendered, and a page the store keeps is not written unless its source is in
    ``always`` (the navigation's pages, which MkDocs builds every time)."""
    of = processes or workers(len(pages))
    point = markup.mark()
    for handed, keys in in_shares(_render_share, of, view, pages, docs, attachments, point, store, always):
        if of > 1:
            markup.adopt(handed)
        if store is not None:
            store.keys.update(keys)


def _render_share(share: int, of: int, view: PublicSite, pages: list[Page], docs: Path, attachments: dict,
                  point: int = 0, store: PageCache | None = None, always: set[str] = frozenset()):
    env = environment()
    orgs, leaders = view.organizations, view.leaders
    common = {
        "view": view, "site": view.config.site, "government": view.config.government,
        "columns": COLUMN_TITLES, "org_name": lambda i: orgs[i].name if i in orgs else i,
        "leader": lambda i: leaders.get(i), "guide_url": GUIDE, "system_url": SYSTEM,
        "organization_url": ORGANIZATION, "attachment": attachments.__getitem__,
        "basis_article": vocab.ARTICLE_OF_BASIS.get,
        "gov_short": government_short(view.config.government.level),
        "head_role": view.config.government.head_role, "work_rules_name": view.config.government.work_rules_name,
        "proposers_text": proposers_text,
    }
    env.filters["document_text"] = document_text
    env.filters["org_name"] = common["org_name"]
    env.filters["markdown"] = lambda text: Markup(render_bounded(text, view.own_host))
    templates = {}
    keys: dict[str, str] = {}
    for page in pages[share::of]:
        template = templates.get(page.template) or templates.setdefault(page.template, env.get_template(page.template))
        if page.record is not None:  # taken here, for the pages of this share only
            page.context["search"] = search_fields(view, page.record)
            page.description = record_description(page.record, view.own_host)
        context = {**common, **page.context, "page": page, "root": page.root,
                   "facts": functools.partial(proposal_facts, view)}
        try:
            text = template.render(context)
        except MarkupTooComplex as exc:
            where = f"{page.record.type}/{page.record.id}" if page.record is not None else page.source_path
            raise RenderRefused(f"{where} 的正文无法生成页面：{exc.reason}") from None
        if store is not None:
            key = keys[page.source_path] = store.key(page.source_path, text)
            if store.kept(key) and page.source_path not in always:
                continue  # MkDocs will not build it: the kept page is linked
        target = docs / page.source_path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return (markup.since(point) if of > 1 else None), keys
