"""The page plan: which pages the public site has, at which URL, with which template and data.

Everything here is derived from the public view (``generator.public``); templates only lay it out.
URLs are directory-style (``policies/<id>/``); list pages live under reserved segments
(``page``, ``year``, ``kind``, ``validity``, ``type``, ``stats``) that no record id may take.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from . import annual, models, reportformat, vocab
from .markup import plain_text, prerender
from .public import PublicRecord, PublicSite
from .search import facet_values, page_parameters
from .rules.gk103_proposal_answered_late import reply_due

PER_PAGE = 20
HOME_LATEST = 12
PAGINATION_AROUND = 2
"""Page numbers a list page links either side of its own (besides the first and the last)."""

COLUMN_TITLES = models.RECORD_TYPE_ZH
GUIDE, SYSTEM, ORGANIZATION, SEARCH, OPEN_DATA = "guide/", "system/", "organization/", "search/", "data/"
PROPOSAL_CSV_COLUMNS = ("类别", "会次", "编号", "标题", "提出人", "主办单位", "协办单位", "交办日期", "答复日期",
                        "办理结果", "满意度", "是否按时", "复文公开方式", "发布日期", "网址")
TWIN_EXTRA_FIELDS = (("type", "栏目（policies、interpretations、decisions、proposals、reports）"), ("id", "记录 id"),
                     ("url", "网页地址"), ("updated", "最后更新日期（发布、更新记录和有效性变化中最晚的一天）"))
TWIN_TYPE_FIELDS = {"policies": (("validity", "有效性"),), "decisions": (("withheld_items", "不予公开的议题数"),),
                    "reports": (("report", "年度报告的全部表格（每一格带行列标签）、填入变量后的正文、统计口径"),)}
INDEX_FIELDS = (("type", "栏目"), ("id", "记录 id"), ("title", "标题"), ("published", "发布日期"),
                ("updated", "最后更新日期"), ("url", "网页地址"), ("json", "该记录的 JSON 地址"))
SITEMAP, CONTACT, REPORT_ERROR = "sitemap/", "contact/", "report-error/"
DESCRIPTION_CHARS = 120


def proposal_kind_vocabulary(kinds) -> vocab.Vocabulary:
    """The site's proposal kinds (rules.proposal_kinds): the national ones keep their slugs, a locally
    configured kind gets ``leia``, ``leib`` … by its place in the list."""
    return vocab.Vocabulary("类别", *(
        vocab.PROPOSAL_KIND[k] if k in vocab.PROPOSAL_KIND else vocab.Term(k, "lei" + "abcdefghijklmnopqrstuvwxyz"[i % 26] * (1 + i // 26))
        for i, k in enumerate(kinds)))


@dataclass
class Page:
    url: str                    # "" for the home page, else "a/b/"
    title: str
    template: str
    context: dict = field(default_factory=dict)
    record: PublicRecord | None = None
    description: str = ""       # <meta name="description">: what a search engine shows under the title
    # (a record page's is record_description(), taken when the page is rendered)

    @property
    def source_path(self) -> str:
        """The Markdown file MkDocs builds this page from (directory URLs: a/b.md → a/b/)."""
        return "index.md" if not self.url else self.url.rstrip("/") + ".md"

    @property
    def root(self) -> str:
        """Relative prefix from this page back to the site root."""
        return "../" * self.url.count("/")


@dataclass(frozen=True)
class Filter:
    label: str
    url: str
    count: int


# ---------------------------------------------------------------- derived facts shown on pages


@dataclass(frozen=True)
class ProposalFacts:
    deadline: date | None
    on_time: bool | None          # None: not answered yet
    steps: tuple[tuple[str, date | None], ...]


def proposal_facts(view: PublicSite, rec: PublicRecord) -> ProposalFacts:
    """The reply deadline and whether the reply kept it: GK103's own computation."""
    m = rec.model
    due = reply_due(m, view)
    steps = (("交办", m.assigned), ("答复", m.replied), ("公开", m.published))
    if m.imported is not None:
        # an imported record shows what its source showed, never an empty step that reads as pending
        steps = tuple((label, day) for label, day in steps if day is not None)
    if due is None:
        return ProposalFacts(m.extended_to, None, steps)  # no 交办日期: no 按时/超期 from a guess
    return ProposalFacts(due.deadline, due.on_time, steps)


def proposal_stats(view: PublicSite) -> dict:
    recs = view.sorted("proposals")
    classes = view.config.rules.proposal_classes
    facts = [proposal_facts(view, r) for r in recs]
    by_unit = Counter(r.model.lead for r in recs)
    unclassified = sum(r.model.result is None and r.model.replied is not None for r in recs)
    return {
        "total": len(recs),
        "by_kind": [(k, sum(r.model.kind == k for r in recs)) for k in view.config.rules.proposal_kinds],
        "by_class": [(k, desc, sum(r.model.result == k for r in recs)) for k, desc in classes.items()]
                    + ([(vocab.UNCLASSIFIED, "答复未载明办理结果类别", unclassified)] if unclassified else []),
        # satisfaction often arrives after the reply: none recorded counts as 未反馈
        "by_satisfaction": [(s, sum((r.model.satisfaction or (vocab.NO_FEEDBACK if r.model.replied else None)) == s
                                    for r in recs))
                            for s in vocab.SATISFACTIONS],
        "on_time": sum(f.on_time is True for f in facts),
        "late": sum(f.on_time is False for f in facts),
        "unknown_timing": sum(r.model.replied is not None and f.on_time is None for r, f in zip(recs, facts)),
        "by_unit": sorted(by_unit.items(), key=lambda kv: (-kv[1], kv[0])),
    }


# ---------------------------------------------------------------- the plan


def plan(view: PublicSite) -> list[Page]:
    """Every page of the site, records first-class, lists paginated."""
    pages: list[Page] = [_home(view)]
    prerender([description_source(r) for r in view.all_records()], view.own_host)
    for type_ in models.RECORD_TYPES:
        records = view.sorted(type_)
        pages += _report_columns(view, records) if type_ == REPORTS else _lists(view, type_, records)
        for rec in records:
            context = report_context(view, rec) if type_ == REPORTS else {}
            # its description is taken where the page is rendered (render.py), in that share
            pages.append(Page(rec.url, rec.title, f"{type_}.md.j2", {"rec": rec, **context}, record=rec))
    gov = view.config.government.name
    pages.append(Page("proposals/stats/", "建议提案办理情况统计", "proposal_stats.md.j2",
                      {"stats": proposal_stats(view)},
                      description=f"{gov}人大代表建议和政协委员提案的办理结果、满意度和按时办理情况统计。"))
    pages += [
        Page(GUIDE, "政府信息公开指南", "guide.md.j2",
             description=f"{gov}政府信息公开指南：公开的分类与编排、获取方式、工作机构和联系方式。"),
        Page(SYSTEM, "政府信息公开制度", "system.md.j2",
             {"rules_record": view.get("policies", view.config.government.work_rules or "")},
             description=f"{gov}政府信息公开制度：本级政府工作规则中的政务公开规定。"),
        Page(ORGANIZATION, "机构信息", "organization.md.j2",
             description=f"{gov}领导分工、AB岗和政府工作部门名录。"),
        Page(SEARCH, "搜索", "search.md.j2", search_page_context(view),
             description=f"搜索{gov}公开的政策文件、政策解读、会议决定和建议提案，可按发文字号、索引号精确查找。"),
        Page(CONTACT, "联系我们", "contact.md.j2",
             description=f"{gov}政府信息公开工作机构的地址、办公时间、电话和电子邮箱。"),
        Page(REPORT_ERROR, "找错", "report_error.md.j2",
             description=f"发现{view.config.site.title}网站的错误，如内容有误、链接失效、无法访问，请告诉我们。"),
        open_data(view),
    ]
    pages.append(Page(SITEMAP, "网站地图", "sitemap.md.j2", {"sections": sitemap_sections(pages)},
                      description=f"{view.config.site.title}网站地图：全部栏目和页面。"))
    return pages


REPORTS = "reports"
STATUTORY_COLUMNS = tuple(t for t in models.RECORD_TYPES if t != REPORTS)
"""法定主动公开内容; the 年报 column stands beside them (国办公开办函〔2019〕61号)."""


def report_context(view: PublicSite, rec: PublicRecord) -> dict:
    """What the report page shows: the figures, the narrative with its variables filled in, the format."""
    f = view.annual[rec.id]
    return {"f": f, "fmt": reportformat, "shown": annual.shown,
            "narrative": {key: annual.fill(getattr(rec.model, key), f.variables) for key in reportformat.NARRATIVE_SECTIONS},
            "expired_rule": annual.EXPIRED_RULE, "scope_rule": annual.SCOPE_RULE, "review_rule": annual.REVIEW_RULE}


def _report_columns(view: PublicSite, records: list[PublicRecord]) -> list[Page]:
    """政府信息公开年报: one entry per year and per organ, the newest year first, the government first;
    a page per reporting year as well."""
    gov = annual.government_organ(view.config)
    years = sorted({r.model.year for r in records}, reverse=True)
    groups = [(y, sorted((r for r in records if r.model.year == y),
                         key=lambda r: (r.model.publisher != gov, r.model.publisher))) for y in years]
    feed = [(path, title) for path, title, _ in feed_list(view) if path == f"feeds/{REPORTS}.xml"]
    column = COLUMN_TITLES[REPORTS]
    pages = [Page(f"{REPORTS}/", column, "reports_list.md.j2", {"groups": groups})]
    pages += [Page(f"{REPORTS}/year/{y}/", f"{column}（{y}年度）", "reports_list.md.j2", {"groups": [(y, chosen)]})
              for y, chosen in groups]
    for page in pages:
        page.context.update(type=REPORTS, alternates=feed, years=years)
    return pages


def description_source(rec: PublicRecord) -> str:
    """The Markdown a record's description is taken from: a decision's first item summary, else the body."""
    m = rec.model
    items = getattr(m, "items", None) or []
    return items[0].summary if items and items[0].summary else (m.body or "")


def record_description(rec: PublicRecord, own_host: str | None = None) -> str:
    """The record's summary (a decision's first item) or the first sentence of its body, else its facts.
    ``own_host`` as the page will render the body (the rendering is then done once for both)."""
    text = plain_text(description_source(rec), own_host)
    first = re.split(r"(?<=[。！？；])", text.strip(), maxsplit=1)[0].strip()
    if not first:
        first = f"{COLUMN_TITLES[rec.type]}：{rec.title}。"
    return first if len(first) <= DESCRIPTION_CHARS else first[:DESCRIPTION_CHARS - 1] + "…"


def sitemap_sections(pages: list[Page]) -> list[tuple[str, list[Page]]]:
    """The human-readable site map: every page that is not a record page or a later list page, by column."""
    listed = [p for p in pages if p.record is None and "/page/" not in p.url]
    sections: list[tuple[str, list[Page]]] = [("网站栏目", [p for p in listed if p.url.count("/") <= 1
                                                          and p.url.rstrip("/") not in models.RECORD_TYPES])]
    for type_ in models.RECORD_TYPES:
        sections.append((COLUMN_TITLES[type_], [p for p in listed if p.url.split("/")[0] == type_]))
    return sections


def feed_list(view: PublicSite) -> list[tuple[str, str, str]]:
    """Every Atom feed: (file path in the site, title, what it holds); the first holds every column."""
    title = view.config.site.title
    return [("feeds/all.xml", f"{title} — 全部公开信息", "各栏目全部公开信息"),
            *((f"feeds/{t}.xml", f"{title} — {COLUMN_TITLES[t]}", COLUMN_TITLES[t]) for t in models.RECORD_TYPES)]


def twin_fields(type_: str) -> list[tuple[str, str]]:
    """The keys of a record's JSON twin (api/<type>/<id>.json) and their Chinese titles."""
    model = models.RECORD_TYPES[type_]
    fields = [(name, info.title or name) for name, info in model.model_fields.items() if name != "waivers"]
    return [*TWIN_EXTRA_FIELDS, *fields, *TWIN_TYPE_FIELDS.get(type_, ())]


def search_page_context(view: PublicSite) -> dict:
    """The search page's filter controls, and the search index's parameters for its script."""
    facets = facet_values(view)
    return {"facets": facets, "parameters": page_parameters(view, facets)}


def open_data(view: PublicSite) -> Page:
    """开放数据与订阅: every feed and dataset the site publishes, with its fields."""
    return Page(OPEN_DATA, "开放数据与订阅", "data.md.j2", {
        "feeds": feed_list(view), "index_fields": INDEX_FIELDS,
        "twins": [(t, COLUMN_TITLES[t], twin_fields(t)) for t in models.RECORD_TYPES],
        "csv_columns": PROPOSAL_CSV_COLUMNS},
        description=f"{view.config.site.title}的订阅源（Atom）和开放数据（JSON、CSV）及其字段说明。")


def _home(view: PublicSite) -> Page:
    columns = [(COLUMN_TITLES[t], f"{t}/", len(view.records[t])) for t in models.RECORD_TYPES]
    return Page("", view.config.site.title, "home.md.j2",
                {"latest": view.all_records()[:HOME_LATEST], "column_cards": columns,
                 "alternates": [(path, title) for path, title, _ in feed_list(view)]},
                description=f"{view.config.government.name}依法主动公开的政策文件、政策解读、会议决定事项和"
                            "建议提案办理结果，可检索、可订阅。")


def _year_filters(type_: str, records: list[PublicRecord]) -> list[Filter]:
    years = Counter(r.published.year for r in records)
    return [Filter(f"{y}年", f"{type_}/year/{y}/", n) for y, n in sorted(years.items(), reverse=True)]


def _lists(view: PublicSite, type_: str, records: list[PublicRecord]) -> list[Page]:
    column = COLUMN_TITLES[type_]
    groups: list[tuple[str, list[Filter]]] = [("年份", _year_filters(type_, records))]
    subsets: list[tuple[str, str, list[PublicRecord]]] = [
        (f"{type_}/year/{y}/", f"{column}（{y}年）", [r for r in records if r.published.year == y])
        for y in sorted({r.published.year for r in records}, reverse=True)]

    def facet(words: vocab.Vocabulary, segment: str, key) -> None:
        filters = []
        for value, slug in words.slugs().items():
            chosen = [r for r in records if key(r) == value]
            if chosen:
                url = f"{type_}/{segment}/{slug}/"
                filters.append(Filter(value, url, len(chosen)))
                subsets.append((url, f"{column}（{value}）", chosen))
        groups.append((words.name, filters))

    if type_ == "policies":
        facet(vocab.POLICY_KIND, "kind", lambda r: r.model.kind)
        facet(vocab.VALIDITY, "validity", lambda r: view.validity(r).status)
    elif type_ == "decisions":
        facet(vocab.meeting_type_vocabulary(view.config.government.level), "type", lambda r: r.model.meeting.type)
    elif type_ == "proposals":
        facet(proposal_kind_vocabulary(view.config.rules.proposal_kinds), "kind", lambda r: r.model.kind)

    pages = []
    feed = [(path, title) for path, title, _ in feed_list(view) if path == f"feeds/{type_}.xml"]
    for url, title, chosen in [(f"{type_}/", column, records), *subsets]:
        pages += _paginate(url, title, type_, chosen, groups)
    for page in pages:
        page.context["alternates"] = feed
    return pages


def _paginate(url: str, title: str, type_: str, records: list[PublicRecord], groups) -> list[Page]:
    count = max(1, math.ceil(len(records) / PER_PAGE))
    urls = [url] + [f"{url}page/{n}/" for n in range(2, count + 1)]
    pages = []
    for n, page_url in enumerate(urls, 1):
        chunk = records[(n - 1) * PER_PAGE:n * PER_PAGE]
        shown = title if n == 1 else f"{title} 第{n}页"
        pages.append(Page(page_url, shown, "list.md.j2", description=f"{shown}：共 {len(records)} 条，按发布日期从新到旧排列。", context={
            "type": type_, "records": chunk, "total": len(records), "filters": groups, "current": url,
            "pagination": {"number": n, "count": count, "urls": urls, "shown": pages_shown(n, count)},
        }))
    return pages


def pages_shown(number: int, count: int) -> list[int | None]:
    """The page numbers the pagination of page ``number`` (of ``count``) links: the first, the last
    and PAGINATION_AROUND either side of ``number``; ``None`` where numbers are left out. A column of
    thousands of pages must not list them all on every page (which also made the site grow as the
    square of its records)."""
    near = range(max(1, number - PAGINATION_AROUND), min(count, number + PAGINATION_AROUND) + 1)
    shown: list[int | None] = []
    for n in sorted({1, count, *near}):
        last = shown[-1] if shown else 0
        if n - last == 2:  # one number left out: show it rather than a gap
            shown.append(n - 1)
        elif n - last > 2:
            shown.append(None)
        shown.append(n)
    return shown


def nav(view: PublicSite) -> list:
    """The sidebar: columns only. Records stay out of it (a nav listing every record makes every
    page carry every link: 1,000 records took 25 s to build instead of 3 s)."""
    return [
        {"首页": "index.md"},
        {"政府信息公开指南": "guide.md"},
        {"政府信息公开制度": "system.md"},
        {"法定主动公开内容": [{COLUMN_TITLES[t]: f"{t}.md"} for t in STATUTORY_COLUMNS]
                          + [{"建议提案办理统计": "proposals/stats.md"}]},
        {COLUMN_TITLES[REPORTS]: f"{REPORTS}.md"},
        {"机构信息": "organization.md"},
        {"搜索": "search.md"},
        {"开放数据与订阅": "data.md"},
    ]
