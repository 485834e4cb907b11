"""The built public site, checked from the outside: every output file of `gongkai build`.

What must be true comes from shared/design/product.md ("The public site") and content-format.md.
Expectations are derived from the YAML records and site_config.yml wherever possible, not from
the generator's own code, so a broken template or page plan cannot agree with itself.

The sample site (the repository root) is built once per module; a few further small builds
(a site with withheld records, a site with `sample_data: false`, the atomic-publish checks and
the CLI) each copy the sample first.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import uuid
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
import yaml

from generator.build import BuildRefused, build_site

from .conftest import REPO

TODAY = date(2026, 11, 26)
TODAY_ARG = TODAY.isoformat()
RECORD_TYPES = ("policies", "interpretations", "decisions", "proposals", "reports")
VALIDITIES = ("有效", "已修改", "尚未生效", "已废止", "失效", "已撤回")
PUBLIC = "主动公开"
WITHHELD = "不予公开"
# a reference base: any host that cannot clash with a real one; page files are resolved against it
LOCAL = "http://gongkai.invalid/"


# =============================================================================== helpers: HTML tree

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
        "track", "wbr"}
BLOCK = {"address", "article", "aside", "blockquote", "details", "div", "dl", "fieldset", "figcaption",
         "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "main", "menu",
         "nav", "ol", "p", "pre", "section", "table", "ul"}


@dataclass(eq=False)
class Node:
    tag: str
    attrs: dict
    parent: "Node | None" = None
    children: list = field(default_factory=list)   # Node or str

    def iter(self):
        yield self
        for c in self.children:
            if isinstance(c, Node):
                yield from c.iter()

    def find_all(self, tag: str | None = None, **attrs) -> list["Node"]:
        return [n for n in self.iter() if (tag is None or n.tag == tag)
                and all(n.attrs.get(k) == v for k, v in attrs.items())]

    def text(self) -> str:
        if self.tag in ("script", "style"):
            return ""
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def classes(self) -> set[str]:
        return set((self.attrs.get("class") or "").split())

    def ancestors(self):
        n = self.parent
        while n is not None:
            yield n
            n = n.parent


class _TreeBuilder(HTMLParser):
    """A forgiving tree builder (strictness is checked separately by `_BalanceChecker`)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {})
        self.cur = self.root

    def handle_starttag(self, tag, attrs):
        node = Node(tag, {k: (v if v is not None else "") for k, v in attrs}, self.cur)
        self.cur.children.append(node)
        if tag not in VOID:
            self.cur = node

    def handle_startendtag(self, tag, attrs):
        self.cur.children.append(Node(tag, {k: (v if v is not None else "") for k, v in attrs}, self.cur))

    def handle_endtag(self, tag):
        n = self.cur
        while n is not None and n.tag != tag:
            n = n.parent
        if n is not None and n.parent is not None:
            self.cur = n.parent

    def handle_data(self, data):
        self.cur.children.append(data)


def parse_html(text: str) -> Node:
    b = _TreeBuilder()
    b.feed(text)
    b.close()
    return b.root


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def zh_date(d: date) -> str:
    """How content-format.md says pages show dates: 2024年3月5日, no zero padding."""
    return f"{d.year}年{d.month}月{d.day}日"


CJK_RUN = re.compile(r"[\u4e00-\u9fff，。、；：（）《》“”0-9]{10,}")


def snippet(markdown_text: str) -> str:
    """A run of plain Chinese text from a Markdown body that any rendering keeps verbatim."""
    m = CJK_RUN.search(markdown_text)
    assert m, f"no plain text run in {markdown_text[:80]!r}"
    return m.group(0)[:24]


# =============================================================================== helpers: the site

@dataclass
class Site:
    root: Path
    out: Path
    config: dict
    records: dict            # type -> id -> YAML dict
    public: dict             # type -> set of ids expected on the site
    pages: dict = field(default_factory=dict)   # rel path of an HTML file -> (text, tree)

    def page(self, rel: str) -> tuple[str, Node]:
        if rel not in self.pages:
            text = (self.out / rel).read_text(encoding="utf-8")
            self.pages[rel] = (text, parse_html(text))
        return self.pages[rel]

    def record_page(self, type_: str, id_: str) -> tuple[str, Node]:
        return self.page(f"{type_}/{id_}/index.html")

    def html_files(self) -> list[str]:
        return sorted(p.relative_to(self.out).as_posix() for p in self.out.rglob("*.html"))

    def org(self, id_: str) -> str:
        return {o["id"]: o["name"] for o in self.config["organizations"]}[id_]

    def leader(self, id_: str) -> dict:
        return {p["id"]: p for p in self.config["leaders"]}[id_]

    def policy_by_ref(self, ref: str) -> str | None:
        if ref in self.records["policies"]:
            return ref
        for pid, p in self.records["policies"].items():
            if p.get("doc_no") == ref:
                return pid
        return None


def load_records(root: Path) -> dict:
    records = {}
    for t in RECORD_TYPES:
        records[t] = {p.stem: yaml.safe_load(p.read_text(encoding="utf-8"))
                      for p in sorted((root / "content" / t).glob("*.yml"))}
    return records


def expected_public(records: dict, today: date) -> dict:
    """content-format.md / product.md: only 主动公开 records with a 发布日期 not in the future are
    shown; an interpretation of a policy that is not shown is not shown either."""
    pub = {t: {i for i, r in records[t].items()
               if r.get("disclosure") == PUBLIC and r.get("published") and r["published"] <= today}
           for t in RECORD_TYPES}
    pub["interpretations"] = {i for i in pub["interpretations"]
                              if records["interpretations"][i]["interprets"] in pub["policies"]}
    return pub


def make_site(root: Path, out: Path) -> Site:
    config = yaml.safe_load((root / "site_config.yml").read_text(encoding="utf-8"))
    records = load_records(root)
    return Site(root, out, config, records, expected_public(records, TODAY))


def copy_sample(dest: Path) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy2(REPO / "site_config.yml", dest / "site_config.yml")
    shutil.copytree(REPO / "content", dest / "content")
    return dest


def tree_hashes(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def run_cli(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    env.pop("GONGKAI_DEBUG", None)
    return subprocess.run([sys.executable, "-m", "generator", *args], capture_output=True, text=True,
                          env=env, timeout=180)


def dl_pairs(tree: Node) -> dict[str, str]:
    """Label → value of a metadata block: <dt>/<dd> pairs, or a <th> followed by a <td> in one row."""
    pairs: dict[str, str] = {}
    for dl in tree.find_all("dl"):
        label = None
        for n in dl.iter():
            if n.tag == "dt":
                label = squash(n.text()).rstrip("：:")
            elif n.tag == "dd" and label is not None:
                pairs.setdefault(label, squash(n.text()))
                label = None
    for tr in tree.find_all("tr"):
        cells = [c for c in tr.children if isinstance(c, Node) and c.tag in ("th", "td")]
        if len(cells) == 2 and cells[0].tag == "th" and cells[1].tag == "td":
            pairs.setdefault(squash(cells[0].text()).rstrip("：:"), squash(cells[1].text()))
    return pairs


def main_content(tree: Node) -> Node:
    """The page's own content (not header, nav, sidebars or footer): the article or main region
    that holds the page's <h1>, else <main>, else the whole document."""
    for h1 in tree.find_all("h1"):
        for n in h1.ancestors():
            if n.tag in ("article", "main") or n.attrs.get("role") == "main":
                return n
    for n in tree.iter():
        if n.tag == "main" or n.attrs.get("role") == "main":
            return n
    return tree


def resolve(page_rel: str, url: str, base_url: str) -> str | None:
    """The output-relative file a local URL points at, or None for an external URL."""
    parts = urlsplit(url)
    base = urlsplit(base_url)
    if parts.scheme in ("mailto", "tel", "javascript", "data"):
        return None
    if parts.scheme in ("http", "https") or url.startswith("//"):
        if parts.netloc != base.netloc or not parts.path.startswith(base.path):
            return None
        path = parts.path[len(base.path):]
    elif url.startswith("/"):
        assert parts.path.startswith(base.path), (
            f"{page_rel}: root-relative URL {url!r} is outside the site's base path {base.path!r}")
        path = parts.path[len(base.path):]
    else:
        path = urlsplit(urljoin(LOCAL + page_rel, url)).path[1:]
    path = unquote(path)
    return path


def target_file(out: Path, path: str) -> Path:
    p = out / path
    if path == "" or path.endswith("/") or p.is_dir():
        p = p / "index.html"
    return p


def anchors_to(site: Site, tree: Node, page_rel: str, target_rel: str) -> list[Node]:
    """<a> elements of a page that point at the page ``target_rel`` (an index.html)."""
    found = []
    for a in tree.find_all("a"):
        href = a.attrs.get("href")
        if not href or href.startswith("#"):
            continue
        path = resolve(page_rel, href, site.config["site"]["base_url"])
        if path is not None and target_file(site.out, path) == site.out / target_rel:
            found.append(a)
    return found


def enclosing_block(node: Node, tags=("li", "p", "tr", "dd", "div", "section")) -> Node:
    for n in node.ancestors():
        if n.tag in tags:
            return n
    return node


def smallest_containing(tree: Node, text: str, tags=("li", "tr", "article", "section", "div")) -> Node | None:
    best = None
    for n in tree.iter():
        if n.tag in tags and text in squash(n.text()):
            if best is None or len(n.text()) < len(best.text()):
                best = n
    return best


def policy_relations(site: Site, key: str) -> dict[str, list[str]]:
    """Target policy id → ids of public policies that `key` (repeals/amends) it, by id or 发文字号."""
    rel: dict[str, list[str]] = {}
    for pid in sorted(site.public["policies"]):
        for ref in site.records["policies"][pid].get(key) or []:
            target = site.policy_by_ref(ref)
            if target is not None:
                rel.setdefault(target, []).append(pid)
    return rel


# =============================================================================== fixtures

@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> Site:
    out = tmp_path_factory.mktemp("sample") / "out"
    build_site(REPO, out, TODAY)
    return make_site(REPO, out)


@pytest.fixture(scope="module")
def no_sample_banner(tmp_path_factory) -> Site:
    base = tmp_path_factory.mktemp("nobanner")
    root = copy_sample(base / "site")
    cfg = root / "site_config.yml"
    text = cfg.read_text(encoding="utf-8")
    assert "sample_data: true" in text
    cfg.write_text(text.replace("sample_data: true", "sample_data: false"), encoding="utf-8")
    build_site(root, base / "out", TODAY)
    return make_site(root, base / "out")


# =============================================================================== 1. links

def test_every_internal_link_and_anchor_resolves(sample):
    base_url = sample.config["site"]["base_url"]
    own_host = urlsplit(base_url).netloc
    broken, third_party, missing_ids = [], [], []
    ids_cache: dict[Path, set[str]] = {}

    def ids_of(path: Path) -> set[str]:
        if path not in ids_cache:
            _, tree = sample.page(path.relative_to(sample.out).as_posix())
            ids_cache[path] = {n.attrs[k] for n in tree.iter() for k in ("id", "name") if n.attrs.get(k)}
        return ids_cache[path]

    checked = 0
    for rel in sample.html_files():
        _, tree = sample.page(rel)
        for n in tree.iter():
            attr = {"a": "href", "link": "href", "script": "src", "img": "src"}.get(n.tag)
            url = n.attrs.get(attr) if attr else None
            if url is None:
                continue
            parts = urlsplit(url)
            host = parts.netloc if (parts.scheme in ("http", "https") or url.startswith("//")) else ""
            if host and host != own_host:
                if n.tag != "a":   # anything the browser fetches by itself must stay on the site's own host
                    third_party.append(f"{rel}: <{n.tag} {attr}={url!r}>")
                continue
            path = resolve(rel, url, base_url)
            if path is None:
                continue
            if url.startswith("#"):
                target = sample.out / rel
            else:
                target = target_file(sample.out, path)
            checked += 1
            if not target.is_file():
                broken.append(f"{rel}: <{n.tag} {attr}={url!r}> → {target.relative_to(sample.out)} missing")
                continue
            if parts.fragment and target.suffix == ".html" and unquote(parts.fragment) not in ids_of(target):
                missing_ids.append(f"{rel}: {url!r} → no id {parts.fragment!r} in {target.relative_to(sample.out)}")
    assert checked > 1000
    assert not broken, "\n".join(broken[:40])
    assert not missing_ids, "\n".join(missing_ids[:40])
    assert not third_party, "\n".join(third_party[:40])

    # stylesheets may not pull fonts or anything else from a third-party host either
    css_urls = []
    for css in sample.out.rglob("*.css"):
        text = css.read_text(encoding="utf-8", errors="replace")
        for u in re.findall(r"""url\(\s*['"]?([^'")\s]+)""", text) + re.findall(r"""@import\s+['"]([^'"]+)""", text):
            if re.match(r"(https?:)?//", u) and urlsplit(u).netloc != own_host:
                css_urls.append(f"{css.relative_to(sample.out)}: {u}")
    assert not css_urls, css_urls
    for rel in sample.html_files():
        text, _ = sample.page(rel)
        assert "fonts.googleapis" not in text and "fonts.gstatic" not in text, rel


# =============================================================================== 2. page contents

def test_policy_pages_carry_the_standard_header_and_body(sample):
    padded = re.compile(r"年0\d月|月0\d日")
    for pid in sorted(sample.public["policies"]):
        p = sample.records["policies"][pid]
        text, tree = sample.record_page("policies", pid)
        meta = dl_pairs(main_content(tree))
        where = f"policies/{pid}"
        for label in ("索引号", "主题分类", "发文机关", "发文字号", "成文日期", "发布日期", "有效性", "公开属性"):
            assert label in meta, f"{where}: no {label} in the header (saw {sorted(meta)})"
        assert meta["索引号"] == p["index_no"], where
        for part in p["topic"].split("/"):
            assert part in meta["主题分类"], (where, meta["主题分类"], p["topic"])
        issuers = p["issuer"] if isinstance(p["issuer"], list) else [p["issuer"]]
        for org in issuers:
            assert sample.org(org) in meta["发文机关"], (where, meta["发文机关"])
        if p.get("doc_no"):
            assert meta["发文字号"] == p["doc_no"], where
        assert meta["成文日期"] == zh_date(p["written"]), (where, meta["成文日期"])
        assert meta["发布日期"] == zh_date(p["published"]), (where, meta["发布日期"])
        assert meta["有效性"] in VALIDITIES, (where, meta["有效性"])
        assert meta["公开属性"] == p["disclosure"], where
        assert not any(padded.search(v) for v in meta.values()), (where, meta)
        assert snippet(p["body"]) in squash(main_content(tree).text()), f"{where}: body text missing"


def test_attachments_show_type_and_size_and_download(sample):
    base_url = sample.config["site"]["base_url"]
    seen = 0
    for type_ in RECORD_TYPES:
        for rid in sorted(sample.public[type_]):
            atts = sample.records[type_][rid].get("attachments") or []
            if not atts:
                continue
            rel = f"{type_}/{rid}/index.html"
            _, tree = sample.page(rel)
            for att in atts:
                src = sample.root / "content" / "attachments" / att["file"]
                links = [a for a in main_content(tree).find_all("a") if a.attrs.get("href")
                         and (path := resolve(rel, a.attrs["href"], base_url)) is not None
                         and (sample.out / path).is_file()
                         and (sample.out / path).read_bytes() == src.read_bytes()]
                assert links, f"{rel}: no working download link for attachment {att['file']}"
                block = squash(enclosing_block(links[0], ("li", "tr", "p", "div")).text())
                assert att["title"] in block, (rel, block)
                assert src.suffix.lstrip(".").lower() in block.lower(), f"{rel}: no file type in {block!r}"
                m = re.search(r"(\d+(?:\.\d+)?)\s*(B|KB|MB|字节|K|M)\b", block + " ")
                assert m, f"{rel}: no size in {block!r}"
                factor = {"B": 1, "字节": 1, "KB": 1024, "K": 1024, "MB": 1048576, "M": 1048576}[m.group(2)]
                shown, real = float(m.group(1)) * factor, src.stat().st_size
                assert abs(shown - real) <= max(0.06 * real, factor * 0.1 + 1), (rel, block, real)
                seen += 1
    assert seen >= 5


def test_change_log_and_deciding_meeting_on_record_pages(sample):
    """product.md: a policy page carries the meeting that decided it and its 更新记录."""
    logs = 0
    for type_ in RECORD_TYPES:
        for rid in sorted(sample.public[type_]):
            changes = sample.records[type_][rid].get("changes") or []
            if not changes:
                continue
            _, tree = sample.record_page(type_, rid)
            body = squash(main_content(tree).text())
            assert "更新记录" in body, f"{type_}/{rid}: no 更新记录"
            for change in changes:
                assert zh_date(change["date"]) in body and squash(change["note"]) in body, (type_, rid, change)
                logs += 1
    assert logs >= 3
    decided = 0
    for did in sorted(sample.public["decisions"]):
        for item in sample.records["decisions"][did]["items"]:
            if item.get("disclosure", PUBLIC) != PUBLIC:
                continue
            for doc in item.get("documents") or []:
                if doc in sample.public["policies"]:
                    prel = f"policies/{doc}/index.html"
                    _, tree = sample.page(prel)
                    assert anchors_to(sample, main_content(tree), prel, f"decisions/{did}/index.html"), (
                        f"{prel} does not link the meeting {did} that decided it")
                    decided += 1
    assert decided >= 5


def test_interpretations_and_policies_link_both_ways(sample):
    seen = 0
    for iid in sorted(sample.public["interpretations"]):
        pid = sample.records["interpretations"][iid]["interprets"]
        irel, prel = f"interpretations/{iid}/index.html", f"policies/{pid}/index.html"
        _, itree = sample.page(irel)
        _, ptree = sample.page(prel)
        assert anchors_to(sample, main_content(itree), irel, prel), f"{irel} does not link its policy {pid}"
        back = anchors_to(sample, main_content(ptree), prel, irel)
        assert back, f"{prel} does not link its interpretation {iid}"
        seen += 1
    assert seen >= 10


def test_decision_pages_list_items_outcomes_and_documents(sample):
    for did in sorted(sample.public["decisions"]):
        d = sample.records["decisions"][did]
        rel = f"decisions/{did}/index.html"
        _, tree = sample.page(rel)
        content = main_content(tree)
        for item in d["items"]:
            if item.get("disclosure", PUBLIC) != PUBLIC:
                continue
            block = smallest_containing(content, item["title"])
            assert block is not None, f"{rel}: item {item['title']!r} not shown"
            assert item["outcome"] in squash(block.text()), f"{rel}: no outcome for {item['title']!r}"
            for doc in item.get("documents") or []:
                if doc in sample.public["policies"]:
                    assert anchors_to(sample, block, rel, f"policies/{doc}/index.html"), (
                        f"{rel}: item {item['title']!r} does not link document {doc}")


def test_withheld_meeting_item_appears_only_as_count_and_basis(sample):
    d = sample.records["decisions"]["2025-cwhy-02"]
    withheld = [i for i in d["items"] if i.get("disclosure", PUBLIC) != PUBLIC]
    assert len(withheld) == 1 and d["disclosure"] == PUBLIC
    item = withheld[0]
    text, tree = sample.record_page("decisions", "2025-cwhy-02")
    assert item["title"] not in text
    assert item["summary"] not in text
    body = squash(main_content(tree).text())
    notes = [squash(n.text()) for n in main_content(tree).iter()
             if n.tag in ("p", "li", "div", "td") and "不予公开" in n.text() and len(n.text()) < 400]
    assert notes, f"2025-cwhy-02: no note about withheld items in {body[:300]!r}"
    note = min(notes, key=len)
    assert re.search(rf"(?<!\d){len(withheld)}\s*项|一项", note), note
    assert item["disclosure_basis"] in note, note
    api = (sample.out / "api" / "decisions" / "2025-cwhy-02.json").read_text(encoding="utf-8")
    assert item["title"] not in api and item["summary"] not in api


def test_proposal_pages_show_facts_and_timeline(sample):
    classes = sample.config["rules"]["proposal_classes"]
    for pid in sorted(sample.public["proposals"]):
        p = sample.records["proposals"][pid]
        rel = f"proposals/{pid}/index.html"
        _, tree = sample.page(rel)
        body = squash(main_content(tree).text())
        assert f"第{p['number']}号" in body, rel
        for name in p["proposers"]:
            assert name in body, (rel, name)
        assert sample.org(p["lead"]) in body, rel
        assert p["kind"] in body and p["session"] in body, rel
        if p.get("replied"):
            assert p["result"] in body and classes[p["result"]] in body, (rel, p["result"])
            assert p["satisfaction"] in body, rel
            assert re.search("按时|超期|逾期", body), f"{rel}: on-time not shown"
            limit = p.get("extended_to") or _add_months(p["assigned"], 3)
            if (p["replied"] - p["assigned"]).days <= 60:
                assert "按时" in body and "超期" not in body, rel
            elif (p["replied"] - limit).days > 10:
                assert "超期" in body or "逾期" in body, rel
            # the timeline, in order: 交办 → 答复 → 公开, each with its date
            timeline = (rf"交办\D{{0,30}}{zh_date(p['assigned'])}.*?答复\D{{0,30}}{zh_date(p['replied'])}"
                        rf".*?公开\D{{0,30}}{zh_date(p['published'])}")
            assert re.search(timeline, body, re.S), f"{rel}: no timeline 交办 → 答复 → 公开 in {body[:600]!r}"
            if p.get("reply") and p.get("reply_disclosure") != WITHHELD:
                assert snippet(p["reply"]) in body, f"{rel}: reply text missing"


def _add_months(d: date, n: int) -> date:
    y, m = divmod(d.month - 1 + n, 12)
    return date(d.year + y, m + 1, min(d.day, 28))


def test_proposal_stats_add_up(sample):
    public = [sample.records["proposals"][i] for i in sample.public["proposals"]]
    total = len(public)
    _, tree = sample.page("proposals/stats/index.html")
    content = main_content(tree)
    assert re.search(rf"(?<!\d){total}\s*件", squash(content.text())), "total not stated"
    tables = []
    for table in content.find_all("table"):
        rows = {}
        for tr in table.find_all("tr"):
            cells = [squash(c.text()) for c in tr.children if isinstance(c, Node) and c.tag in ("td", "th")]
            if len(cells) >= 2 and cells[-1].isdigit():
                rows[cells[0]] = int(cells[-1])
        tables.append(rows)
    classes = sample.config["rules"]["proposal_classes"]
    org_names = {o["name"] for o in sample.config["organizations"]}
    satisfactions = {"满意", "基本满意", "不满意", "未反馈"}

    def table_of(keys: set[str]) -> dict[str, int]:
        found = [t for t in tables if t and set(t) <= keys]
        assert found, f"no table keyed by {sorted(keys)[:5]}… in {tables}"
        return found[0]

    by_class = table_of(set(classes))
    by_sat = table_of(satisfactions)
    by_unit = table_of(org_names)
    for name, table in (("class", by_class), ("satisfaction", by_sat), ("unit", by_unit)):
        assert sum(table.values()) == total, f"by {name}: {table} does not add up to {total}"
    want_class = Counter(p["result"] for p in public)
    want_sat = Counter(p["satisfaction"] for p in public)
    want_unit = Counter(sample.org(p["lead"]) for p in public)
    assert {k: v for k, v in by_class.items() if v} == dict(want_class)
    assert {k: v for k, v in by_sat.items() if v} == dict(want_sat)
    assert {k: v for k, v in by_unit.items() if v} == dict(want_unit)


def test_guide_shows_the_disclosure_office(sample):
    _, tree = sample.page("guide/index.html")
    body = squash(main_content(tree).text())
    office = sample.config["government"]["disclosure_office"]
    for key in ("name", "address", "hours", "phone", "fax", "email", "postcode"):
        assert str(office[key]) in body, f"政府信息公开指南 lacks {key}: {office[key]}"
    assert "政府信息公开指南" in squash(tree.text())


def test_system_page_shows_the_work_rules_record(sample):
    rid = sample.config["government"]["work_rules"]
    rules = sample.records["policies"][rid]
    _, tree = sample.page("system/index.html")
    content = main_content(tree)
    body = squash(content.text())
    assert rules["title"] in body
    assert snippet(rules["body"]) in body
    assert anchors_to(sample, content, "system/index.html", f"policies/{rid}/index.html")


def test_organization_lists_leaders_with_divisions_and_ab_partners(sample):
    _, tree = sample.page("organization/index.html")
    content = main_content(tree)
    for person in sample.config["leaders"]:
        # the row (or item) about this person: the one that names them first (a row about their
        # AB岗 partner names them too, but later)
        rows = [n for n in content.iter() if n.tag in ("tr", "li", "dl") and person["name"] in n.text()]
        assert rows, person["name"]
        block = min(rows, key=lambda n: (squash(n.text()).index(person["name"]), len(n.text())))
        text = squash(block.text())
        assert person["role"] in text, (person["name"], text)
        for division in person["divisions"]:
            assert division in text, (person["name"], division)
        partner = sample.leader(person["ab_partner"])
        assert partner["name"] in text.replace(person["name"], "", 1), (person["name"], "AB岗", text)
    assert "AB岗" in squash(content.text())


def test_footer_and_sample_banner_on_every_page(sample):
    footer_cfg = sample.config["site"]["footer"]
    files = sample.html_files()
    assert len(files) > 150
    for rel in files:
        _, tree = sample.page(rel)
        footers = tree.find_all("footer")
        assert footers, f"{rel}: no <footer>"
        ftext = squash(" ".join(f.text() for f in footers))
        assert "主办单位" in ftext and footer_cfg["host"] in ftext, (rel, ftext)
        assert "网站标识码" in ftext and footer_cfg["site_code"] in ftext, (rel, ftext)
        assert footer_cfg["icp"] in ftext and "ICP备" in ftext, (rel, ftext)
        assert footer_cfg["police"] in ftext and "公网安备" in ftext, (rel, ftext)
        assert footer_cfg["address"] in ftext and footer_cfg["phone"] in ftext, (rel, "contact", ftext)
        assert "示例数据" in squash(tree.text()), f"{rel}: no sample-data banner while sample_data is true"


def test_no_sample_banner_when_sample_data_false(no_sample_banner):
    files = no_sample_banner.html_files()
    assert len(files) > 150
    for rel in files:
        text, tree = no_sample_banner.page(rel)
        assert "示例数据" not in squash(tree.text()), f"{rel}: sample-data banner although sample_data is false"
        assert no_sample_banner.config["site"]["footer"]["icp"] in text


# =============================================================================== 3. validity

def _banner(tree: Node) -> Node | None:
    """The validity banner: a note/alert (or a *banner* element) in the page content that is not the
    sample-data notice."""
    content = main_content(tree)
    for n in content.iter():
        marked = n.attrs.get("role") in ("note", "alert", "status") or any("banner" in c for c in n.classes())
        if marked and "示例数据" not in n.text() and any(v in n.text() for v in VALIDITIES):
            return n
    return None


CASES = [
    # target, expected status, relation from the successor ("repeals"/"amends"/None)
    ("kzf-2023-5", "已废止", "repeals"),
    ("ksf-2023-4", "已修改", "amends"),
    ("kzf-2024-7", "已修改", "amends"),
    ("kzz-2016-40", "已废止", "repeals"),
    ("kmf-2023-6", "失效", None),
    ("kfgf-2026-12", "尚未生效", None),
    ("kcf-2023-8", "已废止", None),
]


@pytest.mark.parametrize("pid,status,relation", CASES, ids=[c[0] for c in CASES])
def test_validity_banner_and_two_way_links(sample, pid, status, relation):
    p = sample.records["policies"][pid]
    rel = f"policies/{pid}/index.html"
    _, tree = sample.page(rel)
    meta = dl_pairs(main_content(tree))
    assert meta.get("有效性") == status, (rel, meta.get("有效性"))
    banner = _banner(tree)
    assert banner is not None, f"{rel}: no banner for a document that is {status}"
    btext = squash(banner.text())
    assert status in btext, (rel, btext)

    if relation:
        successors = policy_relations(sample, relation).get(pid, [])
        assert successors, f"the YAML has no public policy that {relation} {pid}"
        verb = "废止" if relation == "repeals" else "修改"
        for sid in successors:
            s = sample.records["policies"][sid]
            srel = f"policies/{sid}/index.html"
            # the banner names and links the successor
            assert anchors_to(sample, banner, rel, srel), f"{rel}: banner does not link {sid}"
            assert s["title"] in btext or (s.get("doc_no") and s["doc_no"] in btext), (rel, btext)
            # the successor links back, saying what it did
            _, stree = sample.page(srel)
            back = anchors_to(sample, main_content(stree), srel, rel)
            assert back, f"{srel} does not link back to {pid}"
            assert any(f"本文件{verb}" in squash(enclosing_block(a, ("li", "p", "dd", "tr")).text()) for a in back), (
                f"{srel}: the link back to {pid} does not say 本文件{verb}")
        if relation == "repeals":
            first = sample.records["policies"][successors[0]]
            since = first.get("effective") or first["published"]
            assert zh_date(since) in btext, (rel, btext)
    elif status == "失效":
        assert p["expires"] < TODAY
        assert zh_date(p["expires"]) in btext, (rel, btext)
    elif status == "尚未生效":
        effective = p.get("effective") or p["published"]
        assert effective > TODAY and p["published"] <= TODAY
        assert zh_date(effective) in btext, (rel, btext)
    else:  # repealed outside the system: status 废止 with the date and the note, no link needed
        assert p["status"] == "废止"
        assert zh_date(p["repealed_on"]) in btext, (rel, btext)
        assert p["repeal_note"] in btext, (rel, btext)


def test_work_rules_repeal_the_2016_rules_by_doc_no(sample):
    """The 2016 rules are named in kzf-2022-9's `repeals` by 发文字号, not by id."""
    old, new = "kzz-2016-40", sample.config["government"]["work_rules"]
    refs = sample.records["policies"][new]["repeals"]
    assert sample.records["policies"][old]["doc_no"] in refs and old not in refs
    assert policy_relations(sample, "repeals")[old] == [new]


def test_policies_in_force_have_no_banner(sample):
    repealed, amended = policy_relations(sample, "repeals"), policy_relations(sample, "amends")
    for pid in sorted(sample.public["policies"]):
        p = sample.records["policies"][pid]
        effective = p.get("effective") or p["published"]
        if (pid in repealed or pid in amended or p.get("status") or effective > TODAY
                or (p.get("expires") and p["expires"] < TODAY)):
            continue
        _, tree = sample.record_page("policies", pid)
        assert dl_pairs(main_content(tree)).get("有效性") == "有效", pid
        assert _banner(tree) is None, f"policies/{pid}: banner on a document in force"


# =============================================================================== 4. withheld means absent

@pytest.fixture(scope="module")
def withheld_site(tmp_path_factory):
    """The sample plus records whose withheld parts carry tokens that must appear in no output byte."""
    base = tmp_path_factory.mktemp("withheld")
    root = copy_sample(base / "site")
    hexa = uuid.uuid4().hex[:12]
    tok = f"WITHHELD-{hexa}"          # appears in titles, bodies, summaries, replies, file contents
    rid = f"withheld-{hexa}"          # record ids and attachment paths of withheld records
    public_tok = f"PUBLICMARK-{uuid.uuid4().hex[:12]}"   # public text beside them: must be found
    content = root / "content"
    (content / "attachments" / rid).mkdir(parents=True)
    (content / "attachments" / rid / f"{rid}-annex.pdf").write_text(f"%PDF-1.4 {tok}-ANNEX\n", encoding="utf-8")
    # a policy that is not disclosed at all (no 发布日期: allowed when disclosure is not 主动公开)
    (content / "policies" / f"{rid}-pol.yml").write_text(f"""\
title: {tok}-POLTITLE 关于有关事项的通知
doc_no: 康政发〔2026〕97号
kind: 其他文件
issuer: xzf
publisher: xzf
written: 2026-05-10
index_no: 11622922MB01396051/2026-09901
topic: 综合政务/其他
disclosure: {WITHHELD}
disclosure_basis: 国家秘密
attachments:
- title: {tok}-ATTTITLE 附件
  file: {rid}/{rid}-annex.pdf
body: |
  正文 {tok}-POLBODY 有关事项。
""", encoding="utf-8")
    # its interpretation, withheld too
    (content / "interpretations" / f"{rid}-jd.yml").write_text(f"""\
title: {tok}-JDTITLE 解读
interprets: {rid}-pol
form: 文字解读
interpreter: 县政府办公室主要负责同志 {tok}-JDWHO
publisher: xzf
index_no: 11622922MB01396051/2026-09904
topic: 综合政务/其他
disclosure: {WITHHELD}
disclosure_basis: 国家秘密
body: |
  {tok}-JDBODY
""", encoding="utf-8")
    # a public policy that amends the withheld one: the reference must not surface
    (content / "policies" / "kzf-2026-98.yml").write_text(f"""\
title: 康乐县关于调整有关事项的通知
doc_no: 康政发〔2026〕98号
kind: 其他文件
issuer: xzf
publisher: xzf
written: 2026-06-10
published: 2026-06-12
index_no: 11622922MB01396051/2026-09905
topic: 综合政务/其他
disclosure: {PUBLIC}
amends:
- {rid}-pol
body: |
  现将有关事项通知如下。
""", encoding="utf-8")
    # a public meeting with one withheld item that also names the withheld document
    (content / "decisions" / "2026-cwhy-09.yml").write_text(f"""\
title: 康乐县人民政府2026年第9次常务会议决定事项
meeting:
  type: 常务会议
  number: 9
  date: 2026-10-20
  chair: zhou-mingyuan
publisher: xzfb
published: 2026-10-23
index_no: 11622922MB0139613U/2026-09902
topic: 综合政务/其他
disclosure: {PUBLIC}
items:
- title: 研究冬季安全生产工作
  outcome: 通过
  summary: 会议同意有关安排，{public_tok}。
- title: {tok}-ITEMTITLE 研究投资协议
  outcome: 原则通过
  documents:
  - {rid}-pol
  disclosure: {WITHHELD}
  disclosure_basis: 商业秘密
  summary: 会议研究了 {tok}-ITEMSUMMARY 事项。
""", encoding="utf-8")
    # a public proposal whose reply is withheld; the checker accepts a reply text here, so one is
    # given: the strongest case (the text exists in the source and must still not be published)
    (content / "proposals" / "rd17-5-099.yml").write_text(f"""\
title: 关于帮扶困难家庭的建议
kind: 人大代表建议
session: 县十七届人大五次会议
number: 99
proposers:
- 马德胜
lead: mzj
assigned: 2026-03-04
replied: 2026-04-08
result: A
satisfaction: 满意
reply_disclosure: {WITHHELD}
disclosure_basis: 个人隐私
reply: |
  答复 {tok}-REPLY 内容。
publisher: mzj
published: 2026-04-14
index_no: 11622922MB0139752J/2026-09903
topic: 民政、扶贫、救灾/社会福利
disclosure: {PUBLIC}
""", encoding="utf-8")
    out = base / "out"
    build_site(root, out, TODAY)
    return make_site(root, out), tok, rid, public_tok


ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))


def _decoded(data: bytes) -> list[bytes]:
    """The bytes of a file and, for anything compressed (gzip: .gz, Pagefind's .pf_* files, …), the
    decompressed bytes too (repeatedly, for nested compression); each layer also as lower-cased
    text without zero-width characters (Pagefind's segmenter puts U+200B between the words it
    finds, which would hide a leaked token from a plain byte search)."""
    layers = [data]
    while data[:2] == b"\x1f\x8b":
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError):
            break
        layers.append(data)
    return [v for layer in layers
            for v in (layer.lower(), layer.decode("utf-8", "ignore").translate(ZERO_WIDTH).lower().encode())]


def test_withheld_content_appears_in_no_output_byte(withheld_site):
    site, tok, rid, public_tok = withheld_site
    assert (site.out / "decisions" / "2026-cwhy-09" / "index.html").is_file()
    assert (site.out / "proposals" / "rd17-5-099" / "index.html").is_file()
    assert (site.out / "policies" / "kzf-2026-98" / "index.html").is_file()
    needles = [tok.lower().encode(), rid.encode(), tok.split("-", 1)[1].encode()]
    control = public_tok.lower().encode()
    leaks, scanned, seen_public = [], 0, set()
    for path in sorted(site.out.rglob("*")):
        rel = path.relative_to(site.out).as_posix()
        if any(n.decode() in rel.lower() for n in needles):
            leaks.append(f"file name {rel}")
        if not path.is_file():
            continue
        for layer in _decoded(path.read_bytes()):
            scanned += 1
            if control in layer:
                seen_public.add(rel.split("/")[0])
            for n in needles:
                if n in layer:
                    leaks.append(f"{rel}: contains {n.decode()!r}")
    assert scanned > 300
    # positive control: the public text next to the withheld item is found by the same scan,
    # on its page and, when the site has a search index, inside that index too
    assert "decisions" in seen_public, seen_public
    if (site.out / "pagefind").is_dir():
        assert "pagefind" in seen_public, f"public text not found in the search index: {seen_public}"
    assert not leaks, "\n".join(sorted(set(leaks))[:40])


def test_withheld_parts_leave_only_their_legal_basis(withheld_site):
    site, tok, rid, public_tok = withheld_site
    _, tree = site.record_page("decisions", "2026-cwhy-09")
    text = squash(main_content(tree).text())
    assert "研究冬季安全生产工作" in text and "商业秘密" in text
    _, tree = site.record_page("proposals", "rd17-5-099")
    text = squash(main_content(tree).text())
    assert "第99号" in text and "个人隐私" in text
    assert not (site.out / "policies" / f"{rid}-pol").exists()
    assert not (site.out / "attachments" / rid).exists()


# =============================================================================== 5. atomic publish

def test_failed_build_leaves_previous_output_untouched(tmp_path, monkeypatch):
    import generator.build as gbuild

    root = copy_sample(tmp_path / "site")
    parent = tmp_path / "public"
    out = parent / "out"
    build_site(root, out, TODAY)
    before = tree_hashes(out)
    assert "index.html" in before and len(before) > 300

    def unchanged(what: str) -> None:
        assert tree_hashes(out) == before, f"{what}: the previous output was changed"
        assert sorted(os.listdir(parent)) == ["out"], f"{what}: stray files beside OUT: {os.listdir(parent)}"

    # a valid change that a successful build would publish
    policy = root / "content" / "policies" / "kzf-2023-5.yml"
    original = policy.read_text(encoding="utf-8")
    changed = original.replace("title: 康乐县优化营商环境若干措施", "title: 康乐县优化营商环境若干措施（修订标记）", 1)
    assert changed != original
    policy.write_text(changed, encoding="utf-8")

    # 1. a checker error: refused, nothing published
    bad = changed.replace("published: 2023-03-23", "published: 2023-3-23", 1)
    assert bad != changed
    policy.write_text(bad, encoding="utf-8")
    with pytest.raises(BuildRefused) as refused:
        build_site(root, out, TODAY)
    assert refused.value.report.errors >= 1
    unchanged("checker error")
    policy.write_text(changed, encoding="utf-8")

    # 2. the theme fails while rendering
    def boom(*args, **kwargs):
        raise RuntimeError("simulated render failure")

    with monkeypatch.context() as m:
        m.setattr(gbuild, "build_html", boom)
        with pytest.raises(RuntimeError, match="simulated render failure"):
            build_site(root, out, TODAY)
    unchanged("render failure")

    # 3. a late failure, after the HTML was built (feeds, JSON, sitemap)
    with monkeypatch.context() as m:
        m.setattr(gbuild, "write_outputs", boom)
        with pytest.raises(RuntimeError, match="simulated render failure"):
            build_site(root, out, TODAY)
    unchanged("output failure")

    # and the change is published once a build succeeds
    build_site(root, out, TODAY)
    assert "（修订标记）" in (out / "policies" / "kzf-2023-5" / "index.html").read_text(encoding="utf-8")
    assert sorted(os.listdir(parent)) == ["out"]


def test_build_refuses_a_foreign_output_directory(tmp_path):
    root = copy_sample(tmp_path / "site")
    foreign = tmp_path / "docs"
    (foreign / "sub").mkdir(parents=True)
    (foreign / "notes.txt").write_text("不是 gongkai 生成的目录\n", encoding="utf-8")
    (foreign / "sub" / "index.html").write_text("<p>mine</p>\n", encoding="utf-8")
    before = tree_hashes(foreign)
    proc = run_cli("build", "--root", str(root), "--out", str(foreign), "--today", TODAY_ARG)
    assert proc.returncode == 2, (proc.returncode, proc.stdout, proc.stderr)
    assert "Traceback" not in proc.stderr
    assert re.search(r"[\u4e00-\u9fff]", proc.stderr), proc.stderr
    assert tree_hashes(foreign) == before
    assert sorted(os.listdir(tmp_path)) == ["docs", "site"]


# =============================================================================== 6. well-formed output

# Optional end tags are NOT tolerated: every template and the theme write explicit end tags, so an
# element closed implicitly is a mistake (or a <div>/<ul> inside a <p>, which a browser splits
# into a different tree than the one written). Void elements have no end tag; <x/> closes itself.
class _BalanceChecker(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, int]] = []
        self.errors: list[str] = []
        self.ids: Counter = Counter()
        self.h1 = 0
        self.titles = 0
        self.html_lang: list[str | None] = []

    def _attrs(self, tag, attrs):
        a = dict(attrs)
        if a.get("id"):
            self.ids[a["id"]] += 1
        if tag == "h1":
            self.h1 += 1
        if tag == "title":
            self.titles += 1
        if tag == "html":
            self.html_lang.append(a.get("lang"))

    def handle_starttag(self, tag, attrs):
        self._attrs(tag, attrs)
        if tag in VOID:
            return
        if tag in BLOCK and any(t == "p" for t, _ in self.stack):
            self.errors.append(f"line {self.getpos()[0]}: <{tag}> inside <p>")
        self.stack.append((tag, self.getpos()[0]))

    def handle_startendtag(self, tag, attrs):
        self._attrs(tag, attrs)

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack:
            self.errors.append(f"line {self.getpos()[0]}: stray </{tag}>")
            return
        open_tag, line = self.stack[-1]
        if open_tag == tag:
            self.stack.pop()
        elif any(t == tag for t, _ in self.stack):
            self.errors.append(f"line {self.getpos()[0]}: </{tag}> closes <{open_tag}> opened on line {line}")
            while self.stack and self.stack[-1][0] != tag:
                self.stack.pop()
            self.stack.pop()
        else:
            self.errors.append(f"line {self.getpos()[0]}: stray </{tag}> (open: <{open_tag}> line {line})")

    def close(self):
        super().close()
        for tag, line in self.stack:
            self.errors.append(f"<{tag}> opened on line {line} never closed")


def test_html_is_balanced_with_one_h1_title_lang_and_unique_ids(sample):
    problems = []
    for rel in sample.html_files():
        text, _ = sample.page(rel)
        c = _BalanceChecker()
        c.feed(text)
        c.close()
        problems += [f"{rel}: {e}" for e in c.errors[:5]]
        if c.h1 != 1:
            problems.append(f"{rel}: {c.h1} <h1> elements")
        if c.titles != 1:
            problems.append(f"{rel}: {c.titles} <title> elements")
        if c.html_lang != ["zh"] and not (len(c.html_lang) == 1 and (c.html_lang[0] or "").startswith("zh")):
            problems.append(f"{rel}: <html lang> is {c.html_lang}")
        dup = [i for i, n in c.ids.items() if n > 1]
        if dup:
            problems.append(f"{rel}: duplicate ids {dup[:5]}")
    assert not problems, "\n".join(problems[:60])
    for rel in sample.html_files():
        text, _ = sample.page(rel)
        assert re.search(r'<html[^>]*\blang="zh"', text), f"{rel}: no lang=\"zh\" on <html>"


ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def _record_of(site: Site, url: str) -> tuple[str, str] | None:
    path = resolve("index.html", url, site.config["site"]["base_url"])
    assert path is not None, f"{url} is not on the site"
    parts = path.strip("/").split("/")
    if len(parts) == 2 and parts[0] in RECORD_TYPES and parts[1] in site.records[parts[0]]:
        return parts[0], parts[1]
    return None


def test_feeds_and_sitemap_parse_and_hold_only_public_records(sample):
    feeds = sorted(p for p in (sample.out / "feeds").glob("*.xml") if p.name != "sitemap.xml")  # the feeds' own sitemap
    assert feeds, "no Atom feeds"
    entries = 0
    for feed in feeds:
        root = ET.parse(feed).getroot()
        assert root.tag == f"{ATOM}feed", feed
        for entry in root.iter(f"{ATOM}entry"):
            entries += 1
            link = entry.find(f"{ATOM}link").attrib["href"]
            rec = _record_of(sample, link)
            assert rec is not None and rec[1] in sample.public[rec[0]], (feed.name, link)
            assert target_file(sample.out, resolve("index.html", link, sample.config["site"]["base_url"])).is_file()
    assert entries > 0

    base_url = sample.config["site"]["base_url"]
    text = (sample.out / "sitemap.xml").read_bytes()
    assert gzip.decompress((sample.out / "sitemap.xml.gz").read_bytes()) == text
    root = ET.fromstring(text)
    locs = [u.find(f"{SITEMAP}loc").text for u in root.iter(f"{SITEMAP}url")]
    assert len(locs) == len(set(locs))
    in_map = set()
    for loc in locs:
        assert loc.startswith(base_url), loc
        assert target_file(sample.out, resolve("index.html", loc, base_url)).is_file(), loc
        rec = _record_of(sample, loc)
        if rec:
            assert rec[1] in sample.public[rec[0]], loc
            in_map.add(rec)
    assert in_map == {(t, i) for t in RECORD_TYPES for i in sample.public[t]}


def test_api_json_and_proposals_csv(sample):
    api = sample.out / "api"
    for path in api.rglob("*.json"):
        json.loads(path.read_text(encoding="utf-8"))
    index = json.loads((api / "index.json").read_text(encoding="utf-8"))
    listed = {(r["type"], r["id"]) for r in index["records"]}
    assert listed == {(t, i) for t in RECORD_TYPES for i in sample.public[t]}
    for t in RECORD_TYPES:
        twins = {p.stem for p in (api / t).glob("*.json")}
        assert twins == sample.public[t], t
        for i in sorted(sample.public[t])[:3]:
            doc = json.loads((api / t / f"{i}.json").read_text(encoding="utf-8"))
            assert doc["id"] == i and doc["title"] == sample.records[t][i]["title"]

    with open(api / "proposals.csv", encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    header, body = rows[0], rows[1:]
    assert "编号" in header and "标题" in header, header
    assert len(body) == len(sample.public["proposals"])
    assert all(len(r) == len(header) for r in body)
    titles = Counter(r[header.index("标题")] for r in body)
    assert titles == Counter(sample.records["proposals"][i]["title"] for i in sample.public["proposals"])
    numbers = {(r[header.index("编号")]) for r in body}
    assert numbers == {str(sample.records["proposals"][i]["number"]) for i in sample.public["proposals"]}


# =============================================================================== 7. CLI

def test_cli_build_succeeds_with_a_chinese_summary(tmp_path):
    root = copy_sample(tmp_path / "site")
    out = tmp_path / "out"
    proc = run_cli("build", "--root", str(root), "--out", str(out), "--today", TODAY_ARG)
    assert proc.returncode == 0, (proc.stdout, proc.stderr)
    said = proc.stdout + proc.stderr
    assert "Traceback" not in said
    assert re.search(r"[\u4e00-\u9fff]", said) and re.search(r"\d+\s*条", said), said
    assert (out / "index.html").is_file()


def test_cli_build_with_an_error_exits_1_and_prints_the_finding(tmp_path):
    root = copy_sample(tmp_path / "site")
    rel = "content/policies/kzf-2025-3.yml"
    path = root / rel
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("published: 2025-01-17", "published: 2025/01/17", 1), encoding="utf-8")
    check = run_cli("check", "--root", str(root), "--today", TODAY_ARG, "--format", "json")
    errors = [f for f in json.loads(check.stdout)["findings"] if f["severity"] == "error" and f["path"] == rel]
    assert errors, check.stdout
    out = tmp_path / "out"
    proc = run_cli("build", "--root", str(root), "--out", str(out), "--today", TODAY_ARG)
    assert proc.returncode == 1, (proc.stdout, proc.stderr)
    said = proc.stdout + proc.stderr
    assert "Traceback" not in said
    assert rel in said and errors[0]["rule"] in said, said
    assert errors[0]["message"] in said
    assert not out.exists()
