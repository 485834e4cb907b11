"""``gongkai build``: check, then render, then publish — all or nothing.

Everything is gathered and checked first; pages are written into a temporary directory beside the
output, and the output directory is replaced only when every step succeeded. A failed build leaves
the previous site exactly as it was.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from . import attachments, markup, personal_data
from .check import Report, check_site
from .pages import nav, plan
from .personal_data import allowed_forms, scan, scan_text_of_html
from .public import PublicRecord, PublicSite, public_view
from .render import RenderRefused, render_pages
from .outputs import write_outputs
from .parallel import Forked, Removal, workers
from .paths import files_under
from .search import PagefindParts, SearchIndexError, parts_for, write_recall_index
from .site import Site, reload_records
from .theme import (PageCache, ThemeBuildError, build_html, compiled_templates, nav_sources, trim_theme,
                    write_headers_file)

SCANNED = "scanned.marshal"
"""In a build cache: the texts of the output files the last build scanned and found clean."""
RENDERINGS = "markdown.marshal"
"""In a build cache: the record bodies rendered last time (``markup.remember``)."""
MARKER = ".gongkai-site"
"""Written into every built site; an existing --out without it is never replaced."""


class BuildRefused(Exception):
    """The checker found errors: nothing is published."""

    def __init__(self, report: Report) -> None:
        super().__init__(f"有 {report.blocking} 个错误，拒绝生成站点")
        self.report = report


class AttachmentRefused(Exception):
    """An attachment fails the attachment guard at publishing time: nothing is published."""


class PersonalDataInOutput(Exception):
    """The finished site holds a personal number (however the records hid it): nothing is published."""


SCANNED_SUFFIXES = (".html", ".json", ".csv", ".xml", ".txt")


def personal_data_found(rel: str, labels: list[str]) -> PersonalDataInOutput:
    shown = "、".join(dict.fromkeys(labels[:5]))
    return PersonalDataInOutput(f"生成的 {rel} 中含有个人信息：{shown}；请在记录或 site_config.yml 中删除或遮盖")


def scan_output(site_dir: Path, allowed: frozenset[str], scanned: set[str] = frozenset(),
                cache: Path | None = None) -> None:
    """The build's last look: every page's text as a visitor reads it, and every data file, scanned
    for personal numbers with GK207's scanner; attachments were scanned by GK207 itself. ``scanned``:
    pages the build already scanned, with the same scanner, as they were written. With ``cache``, a
    text the last build's scan found clean is not scanned again (``personal_data.CleanMemory``)."""
    if cache is not None:
        personal_data.remember(cache / SCANNED)
    try:
        for rel in files_under(site_dir, SCANNED_SUFFIXES):
            if rel.startswith(("attachments/", "assets/")) or rel in scanned:
                continue
            text = (site_dir / rel).read_bytes().decode("utf-8", errors="replace")
            found = scan_text_of_html(text, allowed) if rel.endswith(".html") else scan(text, allowed)
            if found:
                raise personal_data_found(rel, [f.label for f in found])
        if cache is not None:
            personal_data.keep(cache / SCANNED)
    finally:
        if cache is not None:
            personal_data.forget()


PUBLISH_FAILURES = (AttachmentRefused, PersonalDataInOutput, RenderRefused, ThemeBuildError, SearchIndexError)
"""What stops a build after the check passed; each carries a Chinese message, the output is untouched."""


class OutputNotOurs(Exception):
    """--out names a directory that gongkai did not build: it is never replaced."""


@dataclass(frozen=True)
class AttachmentInfo:
    kind: str
    size: str


def human_size(n: int) -> str:
    if n < 1024:
        return f"{n} B"
    if n < 1024 * 1024:
        return f"{n / 1024:.1f} KB"
    return f"{n / 1048576:.1f} MB"


def build_site(root: Path, out: Path, today: date, cache: Path | None = None) -> tuple[Report, PublicSite]:
    """Check, then publish. ``cache``: a directory kept between builds that spares re-rendering
    unchanged pages (theme.PageCache); the output is the same with or without it."""
    root, out = Path(root).resolve(), Path(out).resolve()
    _guard_output(root, out)
    report = check_site(root, today, cache=cache)
    if report.blocking:  # an overdue duty is reported by the caller, never a reason to refuse
        raise BuildRefused(report)
    view = public_view(report.site)
    publish(view, root, out, cache)
    return report, view


def publish(view: PublicSite, root: Path, out: Path, cache: Path | None = None) -> None:
    """Render, index and swap in the site for ``view``. Trusts nothing the checker said: markup is
    sanitized and escaped here whatever the records contain."""
    if cache is not None:
        markup.remember(cache / RENDERINGS)
    pages = plan(view)
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=f".{out.name}.building-", dir=out.parent) as tmp:
        work = Path(tmp)
        docs, site_dir = work / "docs", work / "site"
        docs.mkdir()
        attachments = _copy_attachments(root, view, docs)
        sidebar = nav(view)
        store = PageCache(cache, view, sidebar) if cache is not None else None
        render_pages(view, pages, docs, attachments, store=store, always=nav_sources(sidebar))
        if cache is not None:
            markup.keep(cache / RENDERINGS)
        search_input = cache / "search-input" if cache is not None else work / "search-input"
        parts = parts_for(sum(p.record is not None for p in pages))
        built = build_html(view, sidebar, docs, site_dir, store=store, search_input=search_input, parts=parts)
        if built.personal:
            raise personal_data_found(*min(built.personal.items()))
        clearing = Removal(docs)  # the Markdown is no longer needed: its files go while the rest is written
        # feeds, sitemap and the JSON and CSV files, written by another process (forked before any thread starts)
        outputs = Forked(write_outputs, view, pages, site_dir, inline=workers(len(pages)) == 1)
        try:
            index = PagefindParts(search_input, built.search_pages, cache)
            index.complete(site_dir)
            with index.indexing(site_dir, workers(len(built.search_pages))):  # Pagefind runs meanwhile
                trim_theme(site_dir, built)
                write_headers_file(site_dir, view.config.site.base_url)
                write_recall_index(view, site_dir, built.texts, index.bundles, cache)
                outputs.result()
                scan_output(site_dir, allowed_forms(view.config.rules.allowed_numbers), built.clean, cache)
        finally:
            outputs.close()
            clearing.join()
        (site_dir / MARKER).write_text("由 gongkai build 生成；下次生成时整个目录会被替换。\n", encoding="utf-8")
        _swap_in(site_dir, out, work)


@dataclass
class Preview:
    """Pages ``preview_records`` wrote into a served site, and the pages they replaced."""

    out: Path
    kept: Path
    urls: list[str]

    def undo(self) -> None:
        """Put back the pages as they were (the full build refused the change)."""
        for url in self.urls:
            prior, target = self.kept / url / "index.html", self.out / url / "index.html"
            if prior.is_file():
                os.replace(prior, target)
            else:
                target.unlink(missing_ok=True)
        self.discard()

    def discard(self) -> None:
        shutil.rmtree(self.kept, ignore_errors=True)


def preview_records(site: Site, out: Path, changed: list[Path], cache: Path | None = None) -> Preview | None:
    """For ``serve``: write into the served site ``out``, at once, the pages of the records in the
    files ``changed`` as ``site`` (the last full build's) with those files read again shows them:
    the records' own pages, rendered as the full build renders them (the navigation pages are built
    beside them and dropped). The full build that follows replaces the whole site, or, when it
    refuses the change, :meth:`Preview.undo` puts the pages back. Nothing is written when a file has
    a format problem or a page holds a personal number. ``cache``: the full builds' cache, whose
    compiled theme templates the preview reuses."""
    updated = reload_records(site, changed)
    if updated is None:
        return None
    view = public_view(updated)
    wanted = {(path.parent.name, path.stem) for path in changed}
    shown = nav_sources(nav(view))
    chosen = [p for p in plan(view) if p.record is None and p.source_path in shown
              or p.record is not None and (p.record.type, p.record.id) in wanted]
    if not any(p.record is not None for p in chosen):
        return None
    with tempfile.TemporaryDirectory(prefix=".preview-", dir=out.parent) as tmp:
        docs, site_dir = Path(tmp) / "docs", Path(tmp) / "site"
        docs.mkdir()
        records = [p.record for p in chosen if p.record is not None]
        attachments = _copy_attachments(site.root, view, docs, records)
        render_pages(view, chosen, docs, attachments, processes=1)
        built = build_html(view, nav(view), docs, site_dir, processes=1, static=False,
                           compiled=compiled_templates(cache) if cache is not None else None)
        if built.personal:
            return None
        preview = Preview(out, Path(tempfile.mkdtemp(prefix=".preview-kept-", dir=out.parent)), [])
        for page in chosen:
            if page.record is None:
                continue
            source, target = site_dir / page.url / "index.html", out / page.url / "index.html"
            target.parent.mkdir(parents=True, exist_ok=True)
            if target.is_file():
                (preview.kept / page.url).mkdir(parents=True)
                os.link(target, preview.kept / page.url / "index.html")
            fresh = target.with_name(f".{target.name}.preview")
            shutil.copyfile(source, fresh)
            os.replace(fresh, target)  # never written in place: the served file may be a link into the cache
            preview.urls.append(page.url)
        return preview


def _guard_output(root: Path, out: Path) -> None:
    if out == root or root.is_relative_to(out) or out.is_relative_to(root / "content"):
        raise OutputNotOurs(f"输出目录 {out} 不能是站点根目录、其上级目录或 content/ 下的目录")
    if out.exists() and (not out.is_dir() or (any(out.iterdir()) and not (out / MARKER).exists())):
        raise OutputNotOurs(f"输出目录 {out} 已存在且不是 gongkai 生成的站点，拒绝覆盖（请换一个目录或先清空它）")


def _copy_attachments(root: Path, view: PublicSite, docs: Path,
                      records: list[PublicRecord] | None = None) -> dict[str, AttachmentInfo]:
    """Copy only the attachments of public records (of ``records``, or all), each let through by
    the attachment guard again (whatever the checker said); return what the pages show for each."""
    info: dict[str, AttachmentInfo] = {}
    copied: dict[str, AttachmentInfo] = {}
    limit = view.config.rules.limits.attachment_mb * 1024 * 1024
    withheld = attachments.Withheld(root, view.withheld_attachments)
    target = docs / "attachments"
    if records is None:
        records = [rec for type_ in view.records for rec in view.records[type_].values()]
    for rec in records:
        for att in rec.model.attachments:
            try:
                src = attachments.publishable(root, att.file, limit, withheld)
                name = attachments.key(att.file)
                if name not in copied:  # one file named by several records, or written two ways
                    size = attachments.copy(src, target.joinpath(*attachments.parts(att.file)))
                    copied[name] = AttachmentInfo(attachments.extension(att.file).upper(), human_size(size))
            except attachments.Refused as exc:
                raise AttachmentRefused(f"{rec.type}/{rec.id} 的附件“{att.file}”不能发布：{exc.reason}") from None
            info[att.file] = copied[name]
    return info


def _swap_in(site_dir: Path, out: Path, work: Path) -> None:
    """Swap the new site in: two renames on one filesystem, the old tree removed with the work dir."""
    previous = work / "previous"
    if out.exists():
        os.replace(out, previous)
    try:
        os.replace(site_dir, out)
    except OSError:
        if previous.exists():
            os.replace(previous, out)
        raise
