"""Turn what an old page or a ledger row shows into a record of the site's own format, and write it.

Every value is taken from the source or left out: a field the source did not show is reported as
missing and omitted (imported records may omit it; the page then shows nothing rather than a guess).
A value that cannot be read — a date that is no date, a publisher the config does not know, a topic
outside the taxonomy — is reported as rejected, with the reason. Each record remembers its source in
``imported.from``, so a second run over the same pages adds nothing.
"""

from __future__ import annotations

import re
import shutil
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from urllib.parse import unquote, urlsplit

from pydantic import ValidationError

from .. import models, vocab
from ..commands import new
from ..site import ATTACHMENTS_DIR, CONTENT_DIR, validation_message
from .fields import DATE_FIELDS, clean, parse_date, split_list, split_names, squash
from .html_page import Page

TYPE_WORDS = {"policies": "policy", "interpretations": "interpretation", "decisions": "decision",
              "proposals": "proposal"}
_EMPTY = {"", "无", "-", "—", "/", "暂无", "null", "None"}


@dataclass
class Planned:
    """One record the import would write."""

    type: str
    source: str
    values: dict = field(default_factory=dict)
    found: list[str] = field(default_factory=list)
    """Fields the source showed and the import kept."""
    missing: list[str] = field(default_factory=list)
    """Fields of the format the source did not show (omitted)."""
    rejected: list[tuple[str, str, str]] = field(default_factory=list)
    """(field, value as shown, why it was not kept)."""
    notes: list[str] = field(default_factory=list)
    """How the type and other facts were inferred."""
    attachments: list[tuple[str, str]] = field(default_factory=list)
    id: str | None = None
    path: Path | None = None
    skip: str | None = None
    """Why nothing is written for this record (already imported, publisher unknown …)."""
    written: bool = False
    base: Path | None = None
    """The folder of the saved page: attachment links are looked up below it."""
    copies: list[tuple[Path, str]] = field(default_factory=list)
    """Attachment files found beside the saved page: (source file, path under content/attachments/)."""
    links_only: list[tuple[str, str]] = field(default_factory=list)
    """Attachment links whose file was not saved with the page: (name, href), to fetch by hand."""


@dataclass
class ImportPlan:
    records: list[Planned] = field(default_factory=list)
    unknown_orgs: dict[str, list[str]] = field(default_factory=dict)
    """Organisation names the config does not know → sources that named them."""
    problems: list[tuple[str, str]] = field(default_factory=list)
    """(source, why it could not be read at all)."""
    unmapped: list[str] = field(default_factory=list)
    """Ledger headers that name no field."""
    context: Context | None = None


# ---------------------------------------------------------------- type inference


def infer_type(page: Page) -> tuple[str, str]:
    """The record type a page shows, and the reason, from its title and header."""
    title = page.title or ""
    if "解读" in title:
        return "interpretations", "标题含“解读”"
    if re.search(r"答复|办理结果|办理情况", title) and re.search(r"建议|提案", title + page.text[:2000]):
        return "proposals", "标题含“答复”，正文提及建议或提案"
    if re.search(r"(常务会议|全体会议|办公会议|专题会议)", title) and not page.fields.get("doc_no"):
        return "decisions", "标题是一次政府会议"
    if page.fields.get("doc_no"):
        return "policies", "有发文字号"
    if re.search(r"印发|通知|办法|意见|规定|决定|方案|细则", title):
        return "policies", "标题是发文（印发、通知、办法……）"
    return "policies", "无其他类型的标志，按政策文件处理"


# ---------------------------------------------------------------- matching against the config


class Context:
    """The site being imported into: its config, existing records and their import sources."""

    def __init__(self, root: Path, today: date) -> None:
        self.root = Path(root)
        self.today = today
        self.state = new.read_state(self.root, today)
        self.config = self.state.config
        self.sources: set[str] = set()
        self.policy_titles: dict[str, str] = {}
        for type_, records in self.state.data.items():
            for rid, data in records.items():
                if not isinstance(data, dict):
                    continue
                imported = data.get("imported")
                if isinstance(imported, dict) and isinstance(imported.get("from"), str):
                    self.sources.add(imported["from"].strip())
                if type_ == "policies" and isinstance(data.get("title"), str):
                    self.add_policy(data["title"], rid)
        gov = self.config.government.name
        self.place = re.sub(r"人民政府$", "", gov)

    def add_policy(self, title: str, policy_id: str) -> None:
        """Know a policy by its title, and a notice that issues a document (关于印发《X》的通知) by X too:
        interpretations name the document, not the notice."""
        self.policy_titles.setdefault(_title_key(title), policy_id)
        issued = re.search(r"印发(.+?)的通知", squash(title))
        if issued:
            self.policy_titles.setdefault(_title_key(issued[1]), policy_id)

    def org(self, name: str) -> models.Organization | None:
        key = self._org_key(name)
        for org in self.config.organizations:
            if self._org_key(org.name) == key or org.id == name.strip():
                return org
        if key == self._org_key(self.config.government.name):
            return new.default_organization(self.config)
        return None

    def _org_key(self, name: str) -> str:
        key = squash(name)
        for prefix in (self.place, self.place[-1:] if self.place else ""):
            if prefix and key.startswith(prefix):
                key = key[len(prefix):]
                break
        return key

    def leader(self, name: str) -> models.Leader | None:
        return next((p for p in self.config.leaders if p.name == name), None)

    def topic(self, shown: str) -> str | None:
        parts = [p for p in re.split(r"[/\\>|\-—]+", unicodedata.normalize("NFKC", squash(shown))) if p]
        if not parts:
            return None
        taxonomy = self.state.site.taxonomy
        if len(parts) >= 2 and parts[-1] in taxonomy.get(parts[-2], ()):
            return f"{parts[-2]}/{parts[-1]}"
        owners = [first for first, seconds in taxonomy.items() if parts[-1] in seconds]
        return f"{owners[0]}/{parts[-1]}" if len(owners) == 1 else None


def _title_key(title: str) -> str:
    return squash(title).strip("《》")


# ---------------------------------------------------------------- pages → records


def plan_page(ctx: Context, plan: ImportPlan, page: Page, type_: str | None) -> Planned:
    if type_ is None:
        type_, why = infer_type(page)
        note = f"类型推断为{models.RECORD_TYPE_ZH[type_]}（{why}）"
    else:
        note = f"类型按 --type 为{models.RECORD_TYPE_ZH[type_]}"
    rec = Planned(type=type_, source=clean(page.source), notes=[note], attachments=page.attachments,
                  base=page.path.parent)
    f = {k: v for k, v in page.fields.items() if clean(v) not in _EMPTY}
    if page.title:
        rec.values["title"] = page.title
    _org_field(ctx, plan, rec, "publisher", f.get("publisher"))
    _date_field(rec, "published", f.get("published"))
    if f.get("index_no"):
        rec.values["index_no"] = squash(f["index_no"])
    if f.get("topic"):
        topic = ctx.topic(f["topic"])
        if topic:
            rec.values["topic"] = topic
        else:
            rec.rejected.append(("topic", f["topic"], "不在本站的主题分类中；请在记录中按“一级/二级”补写"))
    rec.values["disclosure"] = vocab.PUBLIC  # the page stood on the public site
    if type_ == "policies":
        _policy(ctx, rec, f, page)
    elif type_ == "interpretations":
        _interpretation(ctx, rec, f, page)
    elif type_ == "proposals":
        _proposal_page(ctx, plan, rec, f, page)
    else:
        _decision(ctx, rec, f, page)
    return rec


def _policy(ctx: Context, rec: Planned, f: dict, page: Page) -> None:
    if f.get("doc_no"):
        rec.values["doc_no"] = squash(f["doc_no"])
    if "publisher" in rec.values:
        rec.values["issuer"] = [rec.values.pop("publisher")]
    for key in ("written", "effective", "expires"):
        _date_field(rec, key, f.get(key))
    validity = squash(f.get("validity", ""))
    if validity and validity not in (vocab.VALIDITY_IN_FORCE, f"现行{vocab.VALIDITY_IN_FORCE}", "是"):
        if re.search(r"废止|失效|作废|否", validity):
            rec.values["status"] = vocab.REPEALED_STATUS
            rec.values["repeal_note"] = f"原网站标注为“{validity}”"
            rec.notes.append(f"原网站标注有效性为“{validity}”：记为废止；如知道废止日期，请补写 repealed_on")
        else:
            rec.rejected.append(("validity", validity, "有效性由站点按日期和废止、修改关系推算"))
    if page.body:
        rec.values["body"] = page.body


def _interpretation(ctx: Context, rec: Planned, f: dict, page: Page) -> None:
    title = page.title or ""
    m = re.search(r"《(.+?)》", title)
    target = m[1] if m else re.sub(r"(的)?(政策)?(图解|解读).*$", "", re.sub(r"^(关于)?", "", title)).strip()
    if target:
        rec.values["interprets"] = {"title": target}
    # the form a title names (图解、问答 …); a page of text is otherwise a text interpretation
    forms = sorted(vocab.INTERPRETATION_FORMS[1:], key=len, reverse=True)
    rec.values["form"] = next((form for form in forms if form in title), vocab.INTERPRETATION_FORMS[0])
    if f.get("interpreter"):
        rec.values["interpreter"] = clean(f["interpreter"])
    if page.body:
        rec.values["body"] = page.body


_SESSION = re.compile(r"((?:[县市区州旗]|[\u4e00-\u9fff]{1,6}?[县市区州旗])?[一二三四五六七八九十]+届(?:人大|政协)"
                      r"[一二三四五六七八九十]+次(?:会议)?)")
_NUMBER = re.compile(r"第\s*(\d{1,6})\s*号")
_GREETING = re.compile(r"^(?:尊敬的)?(.{2,20}?)(代表|委员)(?:们)?[:：]")


def _proposal_page(ctx: Context, plan: ImportPlan, rec: Planned, f: dict, page: Page) -> None:
    title, text = page.title or "", page.text
    suggestion, proposal = vocab.PROPOSAL_KINDS  # 人大代表建议, 政协委员提案
    kind = proposal if "提案" in title or ("提案" in text[:3000] and "建议" not in title) else suggestion
    rec.values["kind"] = kind
    rec.notes.append(f"类别推断为{kind}")
    if m := _SESSION.search(title) or _SESSION.search(text[:3000]):
        rec.values["session"] = m[1] if m[1].endswith("会议") else m[1] + "会议"
    if m := _NUMBER.search(title) or _NUMBER.search(text[:3000]):
        rec.values["number"] = int(m[1])
    if m := re.search(r"《(关于.+?(?:建议|提案))》", title + text[:3000]):
        rec.values["title"] = m[1]
    names = f.get("proposers")
    if not names and (m := _GREETING.match(page.body.lstrip("*# "))):
        names = m[1]
    if names:
        proposers, count = split_names(names)
        if proposers:
            rec.values["proposers"] = proposers
        if count:
            rec.values["proposer_count"] = count
    if "publisher" in rec.values:
        rec.values["lead"] = rec.values["publisher"]
    if f.get("doc_no"):
        rec.values["reply_doc_no"] = squash(f["doc_no"])
    _date_field(rec, "replied", f.get("written") or f.get("replied"))
    if page.body:
        rec.values["reply"] = page.body
        rec.values["reply_disclosure"] = vocab.REPLY_FULL


_ITEM = re.compile(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）]|\d+[.．、])\s*(.+)$")


def link_policy(ctx: Context, rec: Planned) -> None:
    """An interpretation names its document by title: a policy of the site (or of this import, which
    plans policies first) by its id, any other as a document not on the site."""
    target = rec.values.get("interprets")
    if rec.type != "interpretations" or not isinstance(target, dict):
        return
    policy_id = ctx.policy_titles.get(_title_key(target["title"]))
    if policy_id:
        rec.values["interprets"] = policy_id
        rec.notes.append(f"解读的文件：本站的政策文件 {policy_id}（《{target['title']}》）")
    else:
        rec.notes.append(f"解读的文件《{target['title']}》不在本站：按站外文件记录标题")


def _decision(ctx: Context, rec: Planned, f: dict, page: Page) -> None:
    title, text = page.title or "", page.text
    meeting: dict = {}
    if m := re.search(r"(全体会议|常务会议|[县市区州旗]长办公会议|专题会议)", title):
        meeting_type = m[1] if m[1] in vocab.MEETING_TYPES else None
        if meeting_type is None:
            meeting_type = next((t for t in vocab.MEETING_TYPES if t.endswith("办公会议")), None)
        if meeting_type:
            meeting["type"] = meeting_type
    if m := re.search(r"第\s*(\d{1,4})\s*次", title):
        meeting["number"] = int(m[1])
    if m := re.search(r"([一二三四五六七八九十]+届)", title):
        meeting["term"] = m[1]
    day = parse_date(f.get("meeting_date", "")) or _meeting_day(text, parse_date(f.get("published", "")))
    if day:
        meeting["date"] = day
    if m := re.search(r"(?:县长|市长|州长|区长|旗长|副县长|常务副县长)\s*([\u4e00-\u9fff]{2,4}?)\s*主持", text):
        leader = ctx.leader(m[1])
        if leader:
            meeting["chair"] = leader.id
        else:
            rec.rejected.append(("meeting.chair", m[1], "不在 site_config.yml 的 leaders 中"))
    rec.values["meeting"] = meeting
    items = []
    for line in page.body.splitlines():
        m = _ITEM.match(line.strip().lstrip("#* ").rstrip("*"))
        if not m:
            continue
        item_text = m[1]
        outcome = _outcome(item_text)
        doc = re.search(r"《(.+?)》", item_text)
        item = {"title": doc[1] if doc else _item_title(item_text)}
        if outcome:
            item["outcome"] = outcome
        item["summary"] = item_text
        items.append(item)
    if items:
        rec.values["items"] = items
    if page.body:
        rec.values["body"] = page.body


def _outcome(text: str) -> str | None:
    """The outcome an item's sentence states, in the format's words: the longest outcome written as
    it stands (会议审议通过了…), else one written around its object (听取了县财政局……的汇报 → 听取汇报)."""
    outcomes = sorted(vocab.OUTCOMES, key=len, reverse=True)
    found = next((o for o in outcomes if o in text), None)
    if found:
        return found
    return next((o for o in outcomes if len(o) == 4 and re.search(f"{o[:2]}.{{1,40}}?{o[2:]}", text)), None)


def _item_title(text: str) -> str:
    """An item's title from its sentence: “会议听取了县财政局关于……的汇报，要求……” → “听取县财政局关于……的汇报”."""
    first = re.split(r"[，,；;。]", text, maxsplit=1)[0]
    first = re.sub(r"^会议", "", first)
    return re.sub(r"^(审议|研究|听取|传达学习|讨论)了", r"\1", first)[:80] or text[:80]


def _meeting_day(text: str, published: date | None) -> date | None:
    """The meeting's day as the report's first lines state it (“3月5日上午，…召开”)."""
    m = re.search(r"(\d{4})年(\d{1,2})月(\d{1,2})日[^。]{0,30}?(召开|主持)", text[:2000])
    if m:
        return parse_date(f"{m[1]}-{m[2]}-{m[3]}")
    m = re.search(r"(\d{1,2})月(\d{1,2})日[^。]{0,30}?(召开|主持)", text[:2000])
    if m and published:
        try:
            day = date(published.year, int(m[1]), int(m[2]))
        except ValueError:
            return None
        return day if day <= published else day.replace(year=published.year - 1)
    return None


# ---------------------------------------------------------------- ledger rows → proposals


def plan_row(ctx: Context, plan: ImportPlan, ledger_name: str, row_no: int, cells: dict) -> Planned:
    v = {k: clean(str(c)) if not isinstance(c, (date, int, float)) else c for k, c in cells.items()}
    session = v.get("session")
    number = _number(v.get("number"))
    key = f"{session}第{number}号" if session and number is not None else f"第{row_no}行"
    rec = Planned(type="proposals", source=clean(f"{ledger_name}#{key}"))
    if v.get("title"):
        rec.values["title"] = str(v["title"]).strip("《》")
    kind = str(v.get("kind") or "")
    kinds = ctx.config.rules.proposal_kinds
    if kind:
        match = next((k for k in kinds if k == kind or (kind in k and len(kind) >= 2)), None)
        if match:
            rec.values["kind"] = match
        else:
            rec.rejected.append(("kind", kind, f"不在类别中（{'、'.join(kinds)}）"))
    elif session and ("人大" in session or "政协" in session):
        suggestion, proposal = vocab.PROPOSAL_KINDS
        rec.values["kind"] = suggestion if "人大" in session else proposal
        rec.notes.append(f"类别按会次推断为{rec.values['kind']}")
    if session:
        rec.values["session"] = session
    if number is not None:
        rec.values["number"] = number
    elif v.get("number"):
        rec.rejected.append(("number", str(v["number"]), "编号应为整数（第N号）"))
    if v.get("proposers"):
        names, count = split_names(str(v["proposers"]))
        if names:
            rec.values["proposers"] = names
        if count:
            rec.values["proposer_count"] = count
    _org_field(ctx, plan, rec, "lead", v.get("lead"))
    if "lead" in rec.values:
        rec.values["publisher"] = rec.values["lead"]
    if v.get("co"):
        co = []
        for name in split_list(str(v["co"])):
            org = ctx.org(name)
            if org:
                co.append(org.id)
            else:
                rec.rejected.append(("co", name, "机构未在 site_config.yml 中登记"))
                plan.unknown_orgs.setdefault(name, []).append(rec.source)
        if co:
            rec.values["co"] = co
    for key in ("assigned", "replied", "published"):
        _date_field(rec, key, v.get(key))
    if v.get("result"):
        result = _result_class(ctx, str(v["result"]))
        if result:
            rec.values["result"] = result
        else:
            rec.rejected.append(("result", str(v["result"]), "不是办理结果分类（"
                                 + "、".join(ctx.config.rules.proposal_classes) + "）"))
    if v.get("satisfaction"):
        sat = str(v["satisfaction"])
        match = sat if sat in vocab.SATISFACTIONS else next((s for s in vocab.SATISFACTIONS if s in sat), None)
        if match:
            rec.values["satisfaction"] = match
        else:
            rec.rejected.append(("satisfaction", sat, f"满意度只能是{'、'.join(vocab.SATISFACTIONS)}"))
    for key in ("reply_doc_no", "reply_signer"):
        if v.get(key):
            rec.values[key] = squash(str(v[key]))
    if v.get("reply"):
        rec.values["reply"] = str(cells["reply"]).strip()
        disclosure = str(v.get("reply_disclosure") or "")
        rec.values["reply_disclosure"] = disclosure if disclosure in vocab.REPLY_DISCLOSURES else vocab.REPLY_FULL
    if v.get("index_no"):
        rec.values["index_no"] = squash(str(v["index_no"]))
    rec.values["disclosure"] = vocab.PUBLIC
    return rec


def _number(value) -> int | None:
    if isinstance(value, (int, float)) and not isinstance(value, bool) and float(value).is_integer():
        return int(value)
    m = re.fullmatch(r"\s*(?:第)?\s*0*(\d{1,6})\s*(?:号)?\s*", str(value or ""))
    return int(m[1]) if m else None


def _result_class(ctx: Context, shown: str) -> str | None:
    classes = ctx.config.rules.proposal_classes
    key = squash(shown).removesuffix("类")
    if key in classes:
        return key
    return next((k for k, text in classes.items() if squash(text) in squash(shown)), None)


# ---------------------------------------------------------------- shared pieces


def _org_field(ctx: Context, plan: ImportPlan, rec: Planned, key: str, shown: str | None) -> None:
    if not shown:
        return
    org = ctx.org(str(shown))
    if org:
        rec.values[key] = org.id
    else:
        name = clean(str(shown))
        rec.rejected.append((key, name, "机构未在 site_config.yml 中登记"))
        plan.unknown_orgs.setdefault(name, []).append(rec.source)


def _date_field(rec: Planned, key: str, shown) -> None:
    if shown in (None, ""):
        return
    day = parse_date(shown)
    if day:
        rec.values[key] = day
    else:
        rec.rejected.append((key, str(shown), "不是可识别的日期"))


def finish(ctx: Context, rec: Planned, taken_ids: dict[str, set[str]]) -> None:
    """Check the record against its model, list found and missing fields, give it an id and a path,
    and say why it will not be written, if it will not."""
    model = models.RECORD_TYPES[rec.type]
    rec.values["imported"] = {"from": rec.source, "on": ctx.today}
    _drop_invalid(rec, model)
    rec.found = [k for k in model.model_fields if k in rec.values and k != "imported"]
    rec.missing = [k for k, info in model.model_fields.items()
                   if k not in rec.values and (info.is_required() or k in _required_unless_imported(model))]
    if rec.source in ctx.sources:
        rec.skip = "已导入过（imported.from 相同），跳过"
        return
    publisher = rec.values.get("publisher") or (rec.values.get("issuer") or [None])[0]
    if publisher is None:
        rec.skip = "发布机构未知或未在 site_config.yml 中登记：先补充机构，再导入"
        return
    if not rec.values.get("title"):
        rec.skip = "页面上找不到标题"
        return
    org = next(o for o in ctx.config.organizations if o.id == publisher)
    year = _year_of(rec.values)
    taken = taken_ids.setdefault(rec.type, set(ctx.state.ids[rec.type]))
    ctx.state.ids[rec.type] = taken
    rec.id = new.next_numbered_id(ctx.state, rec.type, year)
    taken.add(rec.id)
    if "index_no" not in rec.values and rec.type in ("proposals",):
        index_no = new.next_index_no(ctx.state, org, year)
        if index_no:
            rec.values["index_no"] = index_no
            ctx.state.data[rec.type][rec.id] = {"index_no": index_no}
            rec.notes.append(f"原台账没有索引号：按本站规则编为 {index_no}")
    rec.path = new.record_path(ctx.root, rec.type, rec.id)
    _plan_attachments(rec)
    ctx.sources.add(rec.source)
    if rec.type == "policies" and isinstance(rec.values.get("title"), str):
        ctx.add_policy(rec.values["title"], rec.id)


def _plan_attachments(rec: Planned) -> None:
    """Attachment links that point at a file saved beside the page are copied; the rest are listed.
    Only plain files inside the page's folder, of a type attachments may have, are ever copied."""
    attached = []
    for name, href in rec.attachments:
        parts = urlsplit(href)
        local = None
        if rec.base is not None and not parts.scheme and not parts.netloc and not href.startswith("/"):
            candidate = rec.base / unquote(parts.path)
            suffix = candidate.suffix.lower().lstrip(".")
            if suffix in vocab.ATTACHMENT_TYPES and _inside(candidate, rec.base):
                local = candidate
        if local is None:
            rec.links_only.append((name, href))
            continue
        dest = f"{rec.id}/{local.name}"
        rec.copies.append((local, dest))
        attached.append({"title": name or local.stem, "file": dest})
    if attached:
        rec.values["attachments"] = attached


def _inside(path: Path, folder: Path) -> bool:
    """A regular file below ``folder``, reached through no symbolic link."""
    try:
        rel = path.relative_to(folder)
    except ValueError:
        return False
    if ".." in rel.parts:
        return False
    step = folder
    for part in rel.parts:
        step = step / part
        if step.is_symlink():
            return False
    return path.is_file()


def _required_unless_imported(model) -> tuple[str, ...]:
    return tuple(getattr(model, "REQUIRED_UNLESS_IMPORTED", ()))


def _drop_invalid(rec: Planned, model) -> None:
    """Validate field by field: a value the model refuses is dropped and reported, never half-kept."""
    for _ in range(len(rec.values) + 1):
        try:
            model.model_validate(_as_yaml_values(rec.values))
            return
        except ValidationError as exc:
            dropped = False
            for error in exc.errors():
                key = error["loc"][0] if error["loc"] else None
                if error["type"] == "missing" or key not in rec.values or key == "imported":
                    continue
                rec.rejected.append((str(key), _show(rec.values.pop(key)), validation_message(error, model)))
                dropped = True
                break
            if not dropped:
                return


def _as_yaml_values(values: dict):
    """The values as the YAML loader would hand them to the model (scalars as strings)."""
    if isinstance(values, dict):
        return {k: _as_yaml_values(v) for k, v in values.items()}
    if isinstance(values, list):
        return [_as_yaml_values(v) for v in values]
    if isinstance(values, bool):
        return "true" if values else "false"
    if isinstance(values, (int, date)):
        return str(values)
    return values


def _show(value) -> str:
    return value if isinstance(value, str) else str(value)


def _year_of(values: dict) -> int:
    for key in ("published", "written", "replied", "assigned"):
        if isinstance(values.get(key), date):
            return values[key].year
    meeting = values.get("meeting")
    if isinstance(meeting, dict) and isinstance(meeting.get("date"), date):
        return meeting["date"].year
    return date.today().year


def write(ctx: Context, rec: Planned) -> None:
    """Write the record in the layout ``gongkai new`` uses; never overwrite a file."""
    if rec.skip or rec.path is None:
        return
    org_id = rec.values.get("publisher") or rec.values["issuer"][0]
    org = next(o for o in ctx.config.organizations if o.id == org_id)
    day = _first_date(rec.values) or ctx.today
    examples = new.examples_for(rec.type, ctx.config, org, rec.id, day)
    text = new.render_record(ctx.state, rec.type, rec.id, rec.values, set(), examples,
                                  origin=f"由 gongkai import 从 {rec.source} 导入")
    targets = [ctx.root / CONTENT_DIR / ATTACHMENTS_DIR / dest for _, dest in rec.copies]
    if rec.path.exists() or any(t.exists() for t in targets):
        rec.skip = f"{rec.path} 或其附件已存在，未覆盖"
        return
    rec.path.parent.mkdir(parents=True, exist_ok=True)
    with open(rec.path, "x", encoding="utf-8", newline="\n") as fh:
        fh.write(text)
    for (src, _), target in zip(rec.copies, targets):
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, target)
    rec.written = True


def _first_date(values: dict) -> date | None:
    for key in DATE_FIELDS:
        if isinstance(values.get(key), date):
            return values[key]
    return None


def content_path(root: Path, type_: str) -> Path:
    return Path(root) / CONTENT_DIR / type_
