"""Machine-readable outputs, all from the public view: Atom feeds, a JSON twin of every record plus
an index, a CSV of proposals, and sitemap.xml."""

from __future__ import annotations

import csv
import gzip
import io
import json
from pathlib import Path

import jinja2

from . import models
from .paths import templates_dir
from .pages import COLUMN_TITLES, Page, proposal_facts
from .public import PublicRecord, PublicSite

FEED_ENTRIES = 50
TEMPLATES = templates_dir() / "feeds"
PROPOSAL_CSV_COLUMNS = ("类别", "会次", "编号", "标题", "提出人", "主办单位", "协办单位", "交办日期", "答复日期",
                        "办理结果", "满意度", "是否按时", "复文公开方式", "发布日期", "网址")


def _env() -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True,
                              undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)


def _summary(rec: PublicRecord) -> str:
    m = rec.model
    parts = {"policies": lambda: [m.doc_no or "", m.kind], "interpretations": lambda: [m.form, m.interpreter],
             "decisions": lambda: [m.meeting.type, f"{len(m.items)} 项公开议题"],
             "proposals": lambda: [m.kind, f"{m.session}第{m.number}号", f"办理结果 {m.result or '—'}"]}[rec.type]()
    return "，".join(p for p in parts if p)


def json_twin(view: PublicSite, rec: PublicRecord) -> dict:
    doc = {"type": rec.type, "id": rec.id, "url": view.config.site.base_url + rec.url,
           **rec.model.model_dump(mode="json", exclude={"waivers"})}
    if rec.type == "policies":
        doc["validity"] = view.validity(rec).status
    if rec.type == "decisions":
        doc["withheld_items"] = len(view.withheld_items.get(rec.id, []))
    return doc


def write_outputs(view: PublicSite, pages: list[Page], site_dir: Path) -> None:
    base = view.config.site.base_url
    if not base.endswith("/"):
        base += "/"
    env = _env()
    _feeds(view, env, base, site_dir)
    _json(view, site_dir)
    _csv(view, site_dir)
    _sitemap(pages, env, base, site_dir)


def _feeds(view: PublicSite, env, base: str, site_dir: Path) -> None:
    template = env.get_template("atom.xml.j2")
    feeds_dir = site_dir / "feeds"
    feeds_dir.mkdir(parents=True, exist_ok=True)
    sets = [("all", "全部公开信息", view.all_records())]
    sets += [(t, COLUMN_TITLES[t], view.sorted(t)) for t in models.RECORD_TYPES]
    for name, title, records in sets:
        chosen = records[:FEED_ENTRIES]
        entries = [{"title": r.title, "url": r.url, "updated": f"{r.published.isoformat()}T00:00:00+08:00",
                    "category": COLUMN_TITLES[r.type], "summary": _summary(r)} for r in chosen]
        updated = entries[0]["updated"] if entries else f"{view.today.isoformat()}T00:00:00+08:00"
        path = f"feeds/{name}.xml"
        text = template.render(title=f"{view.config.site.title} — {title}", base=base, path=path,
                               updated=updated, author=view.config.government.name, entries=entries)
        (site_dir / path).write_text(text, encoding="utf-8")


def _json(view: PublicSite, site_dir: Path) -> None:
    index = []
    for type_ in models.RECORD_TYPES:
        folder = site_dir / "api" / type_
        folder.mkdir(parents=True, exist_ok=True)
        for rec in view.sorted(type_):
            (folder / f"{rec.id}.json").write_text(
                json.dumps(json_twin(view, rec), ensure_ascii=False, indent=1), encoding="utf-8")
            index.append({"type": type_, "id": rec.id, "title": rec.title, "published": rec.published.isoformat(),
                          "url": rec.url, "json": f"api/{type_}/{rec.id}.json"})
    (site_dir / "api" / "index.json").write_text(
        json.dumps({"site": view.config.site.title, "records": index}, ensure_ascii=False, indent=1), encoding="utf-8")


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
        writer.writerow([csv_cell(v) for v in [m.kind, m.session, m.number, m.title, "、".join(m.proposers), orgs[m.lead].name,
                         "、".join(orgs[c].name for c in m.co), m.assigned, m.replied or "", m.result or "",
                         m.satisfaction or "", on_time, m.reply_disclosure or "", m.published,
                         view.config.site.base_url + rec.url]])
    # UTF-8 with a BOM so that spreadsheet software opens the Chinese text correctly
    (site_dir / "api" / "proposals.csv").write_text("\ufeff" + buf.getvalue(), encoding="utf-8")


def _sitemap(pages: list[Page], env, base: str, site_dir: Path) -> None:
    urls = [(p.url, p.record.published.isoformat() if p.record else None) for p in pages]
    text = env.get_template("sitemap.xml.j2").render(base=base, urls=urls)
    (site_dir / "sitemap.xml").write_text(text, encoding="utf-8")
    (site_dir / "sitemap.xml.gz").write_bytes(gzip.compress(text.encode("utf-8"), mtime=0))
