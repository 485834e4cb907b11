"""Machine-readable outputs, all from the public view: Atom feeds, a JSON twin of every record plus
an index, a CSV of proposals, sitemap.xml and robots.txt. Every URL in them is absolute (site.base_url)."""

from __future__ import annotations

import csv
import gzip
import io
import json
from pathlib import Path
from urllib.parse import quote

import jinja2

from . import annual, models, reportformat
from .paths import templates_dir
from .display import proposers_text
from .pages import COLUMN_TITLES, PROPOSAL_CSV_COLUMNS, Page, feed_list, proposal_facts
from .public import PublicRecord, PublicSite

FEED_ENTRIES = 50
TEMPLATES = templates_dir() / "feeds"


def _env() -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True,
                              undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)


def _summary(rec: PublicRecord) -> str:
    m = rec.model
    if m.withdrawn is not None:
        return f"已撤回（{m.withdrawn.date.isoformat()}）"
    parts = {"policies": lambda: [m.doc_no or "", m.kind], "interpretations": lambda: [m.form, m.interpreter],
             "decisions": lambda: [m.meeting.type, f"{len(m.items)} 项公开议题"],
             "proposals": lambda: [m.kind, f"{m.session}第{m.number}号", f"办理结果 {m.result or '—'}"],
             "reports": lambda: [f"{m.year}年度", "政府信息公开工作年度报告"]}[rec.type]()
    return "，".join(p for p in parts if p)


def site_base(view: PublicSite) -> str:
    """``site.base_url`` ending in one slash: every URL in the feeds, JSON, CSV, sitemap and robots.txt
    is this plus a site path, so a client resolves it the same wherever it fetched the file from."""
    return view.config.site.base_url.rstrip("/") + "/"


def absolute(view: PublicSite, path: str) -> str:
    return site_base(view) + quote(path)


def json_twin(view: PublicSite, rec: PublicRecord) -> dict:
    doc = {"type": rec.type, "id": rec.id, "url": absolute(view, rec.url),
           **rec.model.model_dump(mode="json", exclude={"waivers"}, by_alias=True)}
    doc["updated"] = view.updated(rec).isoformat()
    for att in doc.get("attachments", []):
        att["url"] = absolute(view, f"attachments/{att['file']}")
    if rec.type == "policies":
        doc["validity"] = view.validity(rec).status
    if rec.type == "decisions":
        doc["withheld_items"] = len(view.withheld_items.get(rec.id, []))
    if rec.type == "reports":
        f = view.annual[rec.id]
        doc["report"] = annual.as_json(f, {key: annual.fill(getattr(rec.model, key), f.variables)
                                           for key in reportformat.NARRATIVE_SECTIONS})
    return doc


def write_outputs(view: PublicSite, pages: list[Page], site_dir: Path) -> None:
    base = site_base(view)
    env = _env()
    _feeds(view, env, base, site_dir)
    _json(view, site_dir)
    _csv(view, site_dir)
    _sitemap(view, pages, env, base, site_dir)
    _robots(base, site_dir)


def _stamp(day) -> str:
    return f"{day.isoformat()}T00:00:00+08:00"


def _feeds(view: PublicSite, env, base: str, site_dir: Path) -> None:
    template = env.get_template("atom.xml.j2")
    (site_dir / "feeds").mkdir(parents=True, exist_ok=True)
    sets = [view.all_records()] + [view.sorted(t) for t in models.RECORD_TYPES]
    for (path, title, _), records in zip(feed_list(view), sets):
        chosen = view.by_update(records)[:FEED_ENTRIES]
        entries = [{"title": r.title, "url": quote(r.url), "updated": _stamp(view.updated(r)),
                    "published": _stamp(r.published), "category": COLUMN_TITLES[r.type], "summary": _summary(r)}
                   for r in chosen]
        updated = entries[0]["updated"] if entries else _stamp(view.today)
        text = template.render(title=title, base=base, path=path,
                               updated=updated, author=view.config.government.name, entries=entries)
        (site_dir / path).write_text(text, encoding="utf-8")


def _json(view: PublicSite, site_dir: Path) -> None:
    index = []
    for type_ in models.RECORD_TYPES:
        folder = site_dir / "api" / type_
        folder.mkdir(parents=True, exist_ok=True)
        for rec in view.sorted(type_):
            (folder / f"{rec.id}.json").write_text(
                json.dumps(json_twin(view, rec), ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
            index.append({"type": type_, "id": rec.id, "title": rec.title, "published": rec.published.isoformat(),
                          "updated": view.updated(rec).isoformat(), "url": absolute(view, rec.url),
                          "json": absolute(view, f"api/{type_}/{rec.id}.json")})
    (site_dir / "api" / "index.json").write_text(
        json.dumps({"site": view.config.site.title, "records": index}, ensure_ascii=False, separators=(",", ":")),
        encoding="utf-8")


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def csv_cell(value) -> str:
    """A cell that spreadsheet software shows as text, never runs as a formula (OWASP CSV
    injection): a value starting with = + - @ (or their full-width forms), a tab or a carriage
    return gets a leading apostrophe."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _csv(view: PublicSite, site_dir: Path) -> None:
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(PROPOSAL_CSV_COLUMNS)
    orgs = view.organizations
    for rec in view.sorted("proposals"):
        m = rec.model
        facts = proposal_facts(view, rec)
        on_time = "" if facts.on_time is None else ("按时" if facts.on_time else "超期")
        proposers = proposers_text(m.kind, m.proposers, m.proposer_count)
        writer.writerow([csv_cell(v) for v in [m.kind, m.session, m.number, m.title, proposers, orgs[m.lead].name,
                         "、".join(orgs[c].name for c in m.co), m.assigned or "", m.replied or "", m.result or "",
                         m.satisfaction or "", on_time, m.reply_disclosure or "", m.published,
                         absolute(view, rec.url)]])
    # UTF-8 with a BOM so that spreadsheet software opens the Chinese text correctly
    (site_dir / "api" / "proposals.csv").write_text("\ufeff" + buf.getvalue(), encoding="utf-8")


def _lastmod(view: PublicSite, page: Page):
    """A record page changes when its record does; a list page or the home page when one of the
    records it shows does."""
    if page.record is not None:
        return view.updated(page.record)
    shown = page.context.get("records") or page.context.get("latest") or []
    return max((view.updated(r) for r in shown), default=None)


def _sitemap(view: PublicSite, pages: list[Page], env, base: str, site_dir: Path) -> None:
    urls = []
    for p in pages:
        day = _lastmod(view, p)
        urls.append((quote(p.url), day.isoformat() if day else None))
    text = env.get_template("sitemap.xml.j2").render(base=base, urls=urls)
    (site_dir / "sitemap.xml").write_text(text, encoding="utf-8")
    (site_dir / "sitemap.xml.gz").write_bytes(gzip.compress(text.encode("utf-8"), mtime=0))
    # The theme's script reads sitemap.xml beside every <link rel="alternate"> of a page,
    # and the feeds are such links: feeds/ gets a sitemap of its own (the feeds), so no page asks for
    # a missing file (a 404 in every visitor's console).
    feeds = sorted(p.name for p in (site_dir / "feeds").glob("*.xml") if p.name != "sitemap.xml")
    text = env.get_template("sitemap.xml.j2").render(base=base, urls=[(f"feeds/{name}", None) for name in feeds])
    (site_dir / "feeds" / "sitemap.xml").write_text(text, encoding="utf-8")


def _robots(base: str, site_dir: Path) -> None:
    """Crawlers may read everything public, and are told where the sitemap is."""
    (site_dir / "robots.txt").write_text(f"User-agent: *\nAllow: /\n\nSitemap: {base}sitemap.xml\n", encoding="utf-8")
