"""The public view of a site: the only data any output (pages, feeds, JSON, CSV, sitemap, search
index) is built from.

Withholding happens here and only here. A record that is not 主动公开, has no 发布日期, or whose
发布日期 is still ahead (scheduled) does not enter the view at all; a withdrawn record enters as a
shell (title, 索引号, dates and the notice, no body, items, reply or attachments); a withheld meeting item leaves behind only its legal basis (so a meeting page
can say how many items were withheld and why); a withheld proposal reply is removed from the model.
Public records carry no reference to their YAML source, so a template cannot reach withheld text.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from . import attachments, models, vocab
from .annual import figures_for
from .site import ConfigLookups, Site

from .vocab import (VALIDITY_AMENDED, VALIDITY_EXPIRED, VALIDITY_IN_FORCE, VALIDITY_NOT_YET,
                    VALIDITY_REPEALED, VALIDITY_WITHDRAWN)


@dataclass(eq=False)
class PublicRecord:
    type: str
    id: str
    model: models.Record

    @property
    def url(self) -> str:
        return f"{self.type}/{self.id}/"

    @property
    def title(self) -> str:
        return self.model.title

    @property
    def published(self) -> date:
        return self.model.published


@dataclass(frozen=True)
class Validity:
    """有效性 as shown on the site, derived from dates and the repeal/amend relations."""

    status: str
    since: date | None = None
    by: tuple[PublicRecord, ...] = ()
    external_note: str | None = None

    @property
    def slug(self) -> str:
        return vocab.VALIDITY.slug(self.status)

    @property
    def tone(self) -> str:
        """``ok`` / ``caution`` / ``ended``: the CSS modifier of its badge and banner."""
        return vocab.VALIDITY[self.status].tone


@dataclass(eq=False)
class PublicSite(ConfigLookups):
    config: models.SiteConfig
    today: date
    records: dict[str, dict[str, PublicRecord]]
    withheld_items: dict[str, list[str]] = field(default_factory=dict)
    """Decision id → the legal bases of its withheld items (one entry per item)."""
    repealed_by_hidden: set[str] = field(default_factory=set)
    """Public policy ids repealed by a document that is not public: 已废止 without a link."""
    annual: dict[str, object] = field(default_factory=dict)
    """Report id → its figures (generator.annual.AnnualFigures): counts computed from every record,
    withheld ones included, as the format requires; no withheld content enters them."""
    withheld_attachments: dict[str, str] = field(default_factory=dict)
    """Attachment file → the unpublished record (``type/id``) it belongs to: never published, even
    when a public record names it too (the build refuses it; GK209 reports it)."""

    def sorted(self, type_: str) -> list[PublicRecord]:
        """Newest first, then by id, so every list and feed has one stable order."""
        return sorted(self.records[type_].values(), key=lambda r: (r.published, r.id), reverse=True)

    def all_records(self) -> list[PublicRecord]:
        return sorted((r for t in self.records.values() for r in t.values()),
                      key=lambda r: (r.published, r.type, r.id), reverse=True)

    def get(self, type_: str, id_: str) -> PublicRecord | None:
        return self.records[type_].get(id_)

    @cached_property
    def own_host(self) -> str | None:
        """The site's host: links to it are not marked as leaving the site."""
        return urlsplit(self.config.site.base_url).hostname

    @cached_property
    def _by_doc_no(self) -> dict[str, PublicRecord]:
        return {r.model.doc_no: r for r in self.sorted("policies") if r.model.doc_no}

    def resolve_policy(self, ref) -> PublicRecord | None:
        """A policy id or 发文字号 on the site; an external document resolves only by its doc_no."""
        if isinstance(ref, models.ExternalDocument):
            return self._by_doc_no.get(ref.doc_no) if ref.doc_no else None
        return self.records["policies"].get(ref) or self._by_doc_no.get(ref)

    @cached_property
    def interpretations_of(self) -> dict[str, list[PublicRecord]]:
        found = defaultdict(list)
        for rec in sorted(self.records["interpretations"].values(), key=lambda r: (r.published, r.id)):
            if rec.model.interprets_id is not None:
                found[rec.model.interprets_id].append(rec)
        return found

    @cached_property
    def decided_by(self) -> dict[str, list[tuple[PublicRecord, models.Item]]]:
        """Policy id → the meetings (and items) that decided to issue it."""
        found = defaultdict(list)
        for rec in self.sorted("decisions"):
            for item in rec.model.items:
                for doc in item.documents:
                    found[doc].append((rec, item))
        return found

    @cached_property
    def _incoming(self) -> dict[str, dict[str, list[PublicRecord]]]:
        incoming = {"repeals": defaultdict(list), "amends": defaultdict(list)}
        for rec in sorted(self.records["policies"].values(), key=lambda r: (r.published, r.id)):
            for key in incoming:
                for ref in getattr(rec.model, key):
                    target = self.resolve_policy(ref)
                    if target is not None and target is not rec:
                        incoming[key][target.id].append(rec)
        return incoming

    def repealed_by(self, rec: PublicRecord) -> list[PublicRecord]:
        return self._incoming["repeals"].get(rec.id, [])

    def amended_by(self, rec: PublicRecord) -> list[PublicRecord]:
        return self._incoming["amends"].get(rec.id, [])

    @cached_property
    def _derived(self) -> dict[tuple[str, str, str], object]:
        """(what, type, id) → :meth:`validity` or :meth:`updated` once computed: the pages, feeds,
        sitemap and API ask for them tens of thousands of times on a large site."""
        return {}

    def validity(self, rec: PublicRecord) -> Validity:
        key = ("validity", rec.type, rec.id)
        if key not in self._derived:
            self._derived[key] = self._validity(rec)
        return self._derived[key]

    def _validity(self, rec: PublicRecord) -> Validity:
        m = rec.model
        if m.withdrawn is not None:  # no longer offered at all: the page says why
            return Validity(VALIDITY_WITHDRAWN, since=m.withdrawn.date)
        repealers = self.repealed_by(rec)
        if repealers:
            return Validity(VALIDITY_REPEALED, since=repealers[0].model.effective or repealers[0].published, by=tuple(repealers))
        if m.status == vocab.REPEALED_STATUS:
            return Validity(VALIDITY_REPEALED, since=m.repealed_on, external_note=m.repeal_note)
        if rec.id in self.repealed_by_hidden:
            return Validity(VALIDITY_REPEALED)
        if m.expires is not None and m.expires < self.today:
            return Validity(VALIDITY_EXPIRED, since=m.expires)
        effective = m.effective or m.published
        if effective > self.today:
            return Validity(VALIDITY_NOT_YET, since=effective)
        amenders = self.amended_by(rec)
        if amenders:
            return Validity(VALIDITY_AMENDED, since=amenders[-1].published, by=tuple(amenders))
        return Validity(VALIDITY_IN_FORCE, since=effective)


    def updated(self, rec: PublicRecord) -> date:
        """The last day the record changed as the public sees it: published, a dated entry of its
        ``changes``, or for a policy the day its 有效性 last changed (took effect, amended, repealed,
        expired). Feeds (``updated``) and the sitemap (``lastmod``) carry it."""
        key = ("updated", rec.type, rec.id)
        if key not in self._derived:
            dates = [rec.published, *(c.date for c in rec.model.changes)]
            if rec.type == "policies":
                dates.append(self.validity(rec).since)
            self._derived[key] = max(d for d in dates if d is not None and d <= self.today)
        return self._derived[key]

    def by_update(self, records: list[PublicRecord]) -> list[PublicRecord]:
        """Most recently changed first; ties in one stable order (published, type, id)."""
        return sorted(records, key=lambda r: (self.updated(r), r.published, r.type, r.id), reverse=True)


def is_public(model: models.Record, today: date) -> bool:
    return model.disclosure == vocab.PUBLIC and model.published is not None and model.published <= today


WITHDRAWN_KEEPS_NOTHING_OF = {
    "policies": {"body": "", "attachments": []},
    "interpretations": {"body": "", "attachments": []},
    "decisions": {"body": None, "items": [], "attachments": []},
    "proposals": {"body": None, "reply": None, "attachments": []},
}
"""What a withdrawn record loses in the public view: its content. Title, 索引号, dates, the notice
(``withdrawn``) and the change history stay, so the page and every reference to it keep resolving."""


def withdrawn_shell(type_: str, model: models.Record) -> models.Record:
    return model.model_copy(update=WITHDRAWN_KEEPS_NOTHING_OF[type_])


BASIS_NOT_GIVEN = "未注明"


def basis_label(basis: str | None) -> str:
    """The only words of a withholding basis ever published: one of the fixed legal labels, else
    未注明 (a free-text basis may itself hold the secret it withholds)."""
    return basis if basis in vocab.DISCLOSURE_BASES else BASIS_NOT_GIVEN


def withheld_attachments(site: Site) -> dict[str, str]:
    """Attachment file → the record that keeps it unpublished: every attachment of a record that
    is not public or is withdrawn, and of a proposal whose reply is withheld."""
    found: dict[str, str] = {}
    for rec in site.all_records():
        m = rec.model
        if not is_public(m, site.today) or m.withdrawn is not None or (rec.type == "proposals" and m.reply_disclosure == vocab.WITHHELD):
            for att in m.attachments:
                found.setdefault(att.file, f"{rec.type}/{rec.id}")
    return found


def public_view(site: Site) -> PublicSite:
    """Everything that may be shown, and nothing else."""
    records: dict[str, dict[str, PublicRecord]] = {t: {} for t in models.RECORD_TYPES}
    withheld_items: dict[str, list[str]] = {}
    hidden_files = withheld_attachments(site)
    guard = attachments.Withheld(site.root, hidden_files)
    for rec in site.all_records():
        m = rec.model
        if not is_public(m, site.today):
            continue
        if m.withdrawn is not None:
            m = withdrawn_shell(rec.type, m)
        elif rec.type == "decisions":
            shown = [i.model_copy(update={"disclosure_basis": None}) for i in m.items if i.disclosure == vocab.PUBLIC]
            hidden = [basis_label(i.disclosure_basis) for i in m.items if i.disclosure != vocab.PUBLIC]
            if hidden:
                withheld_items[rec.id] = hidden
            m = m.model_copy(update={"items": shown})
        basis = None
        if rec.type == "proposals" and m.reply_disclosure == vocab.WITHHELD:
            m = m.model_copy(update={"reply": None})
            basis = basis_label(m.disclosure_basis)
        kept = [a for a in m.attachments if guard.owner(a.file) is None]
        m = m.model_copy(update={"waivers": [], "disclosure_basis": basis, "attachments": kept})
        records[rec.type][rec.id] = PublicRecord(rec.type, rec.id, m)
    view = PublicSite(site.config, site.today, records, withheld_items, withheld_attachments=hidden_files)
    view.annual = {rec.id: figures_for(site, site.records["reports"][rec.id]) for rec in records["reports"].values()}
    _strip_hidden_references(site, view)
    return view


def _strip_hidden_references(site: Site, view: PublicSite) -> None:
    """Drop ids of records outside the view from public models, so no output can name them."""
    policies = view.records["policies"]
    for rec in site.sorted("policies"):
        if rec.id in policies:
            continue
        for ref in rec.model.repeals:
            target = site.resolve_policy(ref)
            if target is not None and target.id in policies:
                view.repealed_by_hidden.add(target.id)
    for pub in list(policies.values()):
        m = pub.model
        keep = {key: [ref for ref in getattr(m, key) if _visible_ref(site, view, ref)] for key in ("repeals", "amends")}
        pub.model = m.model_copy(update=keep)
    for pub in view.records["decisions"].values():
        items = [i.model_copy(update={"documents": [d for d in i.documents if d in policies]}) for i in pub.model.items]
        pub.model = pub.model.model_copy(update={"items": items})
    for pub in list(view.records["interpretations"].values()):
        if pub.model.interprets_id is not None and pub.model.interprets_id not in policies:
            del view.records["interpretations"][pub.id]


def _visible_ref(site: Site, view: PublicSite, ref: str) -> bool:
    """A repeals/amends entry may stay when it names a public policy or an external 发文字号."""
    target = site.resolve_policy(ref)
    return target is None or target.id in view.records["policies"]
