"""``gongkai new TYPE``: write a commented record template with the next free id and 索引号.

Refuses (exit 2, nothing written) when the file exists, the type is unknown, or an organization or
policy named in the options is not in the site. Also writes or refreshes the site's ``schema/``
folder that the template's ``yaml-language-server`` modeline names. The fields' comments come from
:mod:`generator.record_template`.
"""

from __future__ import annotations

import filecmp
import os
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .. import annual, index_pattern, models, reportformat, vocab
from ..cli import iso_day
from ..models import RECORD_TYPE_ZH
from ..record_template import RecordRenderer, scaffold_env
from ..rules.gk204_index_no_format import pattern_regex
from ..schema import SCHEMA_DIR, schema_filename, write_schemas
from ..site import CONFIG_FILE, CONTENT_DIR, YAML_SUFFIXES, Site, load_site

TYPE_ALIASES: dict[str, str] = {}
for _type, _words in {
    "policies": ("policy", "policies", "政策文件", "政策"),
    "interpretations": ("interpretation", "interpretations", "政策解读", "解读"),
    "decisions": ("decision", "decisions", "会议决定", "决定"),
    "proposals": ("proposal", "proposals", "建议提案办理", "建议提案", "提案", "建议"),
    "reports": ("report", "reports", "政府信息公开年报", "年度报告", "年报"),
}.items():
    for _word in _words:
        TYPE_ALIASES[_word] = _type
TYPE_WORDS = {"policies": "policy", "interpretations": "interpretation", "decisions": "decision", "proposals": "proposal",
              "reports": "report"}



class ScaffoldError(Exception):
    """The request cannot be carried out; the message is Chinese. Commands exit with 2."""


def resolve_type(word: str) -> str:
    """``policy`` / ``policies`` / ``政策文件`` → ``policies``."""
    found = TYPE_ALIASES.get(word.strip().lower()) or TYPE_ALIASES.get(word.strip())
    if found is None:
        known = "、".join(f"{w}（{models.RECORD_TYPE_ZH[t]}）" for t, w in TYPE_WORDS.items())
        raise ScaffoldError(f"没有“{word}”这种记录类型；可用：{known}")
    return found


# ---------------------------------------------------------------- what the site already holds

@dataclass
class SiteState:
    """What ``gongkai new`` needs to know of a site: config, every record file's id and data."""

    root: Path
    site: Site
    ids: dict[str, set[str]]
    data: dict[str, dict[str, object]] = field(default_factory=dict)
    texts: dict[str, dict[str, str]] = field(default_factory=dict)

    @property
    def config(self) -> models.SiteConfig:
        return self.site.config

    def index_nos(self) -> list[str]:
        found = []
        for type_, records in self.data.items():
            for rid, data in records.items():
                if isinstance(data, dict) and isinstance(data.get("index_no"), str):
                    found.append(data["index_no"].strip())
                else:  # a file that did not parse: look for the line itself
                    m = re.search(r"^index_no:\s*[\"']?([^\s\"'#]+)", self.texts[type_].get(rid, ""), re.M)
                    if m:
                        found.append(m[1])
        return found


def read_state(root: Path, today: date) -> SiteState:
    """Load ``root`` (``site.ConfigError`` when site_config.yml is unusable) and list its records."""
    root = Path(root)
    site = load_site(root, today)
    ids: dict[str, set[str]] = {}
    data: dict[str, dict[str, object]] = {}
    texts: dict[str, dict[str, str]] = {}
    for type_ in models.RECORD_TYPES:
        folder = root / CONTENT_DIR / type_
        files = [p for p in sorted(folder.iterdir()) if p.suffix in YAML_SUFFIXES and p.is_file()] if folder.is_dir() else []
        ids[type_] = {p.stem for p in files}
        data[type_] = {rid: rec.source.data for rid, rec in site.records[type_].items()}
        data[type_].update(site.unvalidated.get(type_, {}))
        texts[type_] = {}
        for p in files:
            if not data[type_].get(p.stem):  # no data: a file that did not parse is read as text
                try:
                    texts[type_][p.stem] = p.read_text(encoding="utf-8", errors="replace")
                except OSError:
                    pass
                data[type_].setdefault(p.stem, None)
    return SiteState(root, site, ids, data, texts)


def next_numbered_id(state: SiteState, type_: str, year: int) -> str:
    """``<year>-<NNN>``: one more than the highest number among this type's ids of that shape."""
    rx = re.compile(rf"^{year}-(\d+)$")
    used = [int(m[1]) for rid in state.ids[type_] if (m := rx.match(rid))]
    n = max(used, default=0) + 1
    while f"{year}-{n:03d}" in state.ids[type_]:
        n += 1
    return f"{year}-{n:03d}"


def next_meeting_number(state: SiteState, meeting_type: str, year: int) -> int:
    """第N次: one more than the highest number of this meeting type in ``year``."""
    numbers = []
    for data in state.data["decisions"].values():
        meeting = data.get("meeting") if isinstance(data, dict) else None
        if not isinstance(meeting, dict) or meeting.get("type") != meeting_type:
            continue
        if not str(meeting.get("date", "")).strip().startswith(f"{year}-"):
            continue
        try:
            numbers.append(int(str(meeting.get("number")).strip()))
        except ValueError:
            continue
    # a template not yet filled in has no meeting date: its id still holds the year and number
    slug = vocab.meeting_type_vocabulary(state.config.government.level).slug(meeting_type)
    rx = re.compile(rf"^{year}-{slug}-(\d+)$")
    numbers += [int(m[1]) for rid in state.ids["decisions"] if (m := rx.match(rid))]
    return max(numbers, default=0) + 1




def next_index_no(state: SiteState, org: models.Organization, year: int, month: int = 1) -> str | None:
    """The 索引号 for ``org`` and ``year`` with the next free serial among every record's 索引号.
    None when the configured pattern names a field this cannot fill."""
    cfg = state.config
    pattern = cfg.rules.index_no_pattern
    rx = pattern_regex(pattern, org.credit_code, cfg.government.region_code)
    serials = []
    for index_no in state.index_nos():
        m = rx.match(index_no)
        if m and "serial" in m.groupdict() and ("year" not in m.groupdict() or int(m["year"]) == year):
            serials.append(int(m["serial"]))
    serial = max(serials, default=0) + 1
    return index_pattern.format_index_no(pattern, org.credit_code, cfg.government.region_code, year, month, serial)


def default_organization(config: models.SiteConfig) -> models.Organization:
    """The organization that is the government itself (same credit code), else the first one."""
    for org in config.organizations:
        if org.credit_code == config.government.credit_code:
            return org
    if not config.organizations:
        raise ScaffoldError(f"{CONFIG_FILE} 中没有登记任何机构（organizations），无法确定发布机构")
    return config.organizations[0]


def head_leader(config: models.SiteConfig) -> models.Leader | None:
    return next((p for p in config.leaders if p.role == config.government.head_role), None)


# ---------------------------------------------------------------- gongkai new


@dataclass
class NewOptions:
    id: str | None = None
    title: str | None = None
    publisher: str | None = None
    issuer: list[str] | None = None
    kind: str | None = None
    doc_no: str | None = None
    interprets: str | None = None
    meeting_type: str | None = None
    proposal_kind: str | None = None
    session: str | None = None
    lead: str | None = None
    date: date | None = None
    values: dict = field(default_factory=dict)
    """Further field values (nested ones as dicts, meeting items as a list); ``gongkai init`` fills
    its starter records through this."""


OPTION_TYPES = {
    "issuer": ("policies",), "kind": ("policies",), "doc_no": ("policies",),
    "interprets": ("interpretations",), "meeting_type": ("decisions",),
    "proposal_kind": ("proposals",), "session": ("proposals",), "lead": ("proposals",),
}


@dataclass
class NewRecord:
    type: str
    id: str
    path: Path
    index_no: str | None
    publisher: models.Organization
    text: str
    schema_updated: bool = False


def _check_org(config: models.SiteConfig, org_id: str, what: str) -> models.Organization:
    for org in config.organizations:
        if org.id == org_id:
            return org
    known = "、".join(o.id for o in config.organizations)
    raise ScaffoldError(f"{what}“{org_id}”不在 {CONFIG_FILE} 的 organizations 中（已登记：{known}）")


def _check_choice(value: str | None, allowed: tuple[str, ...], what: str) -> None:
    if value is not None and value not in allowed:
        raise ScaffoldError(f"{what}“{value}”不在可选值中：{' / '.join(allowed)}")


def check_record_id(record_id: str) -> None:
    if not models.RECORD_ID.match(record_id):
        raise ScaffoldError(f"记录 id“{record_id}”不合规：只能用小写字母、数字和连字符，以字母或数字开头，最长 80 个字符")
    if record_id in models.RESERVED_IDS:
        raise ScaffoldError(f"记录 id“{record_id}”是栏目页面保留的名称（{'、'.join(sorted(models.RESERVED_IDS))}），请换一个")


def plan_record(state: SiteState, type_: str, today: date, opts: NewOptions):
    """Decide id, values, active fields and examples of a new record. Raises ScaffoldError."""
    cfg = state.config
    for option, allowed in OPTION_TYPES.items():
        if getattr(opts, option) not in (None, []) and type_ not in allowed:
            flag = "--" + option.replace("_", "-")
            raise ScaffoldError(f"{flag} 只用于 {'、'.join(TYPE_WORDS[t] for t in allowed)}，"
                                f"不用于 {TYPE_WORDS[type_]}")
    _check_choice(opts.kind, vocab.POLICY_KINDS, "文件类型 --kind")
    _check_choice(opts.meeting_type, vocab.meeting_types(cfg.government.level), "会议类型 --meeting-type")
    _check_choice(opts.proposal_kind, tuple(cfg.rules.proposal_kinds), "类别 --proposal-kind")
    day = opts.date or today
    year = day.year
    values: dict = {}
    active: set[str] = set()
    derived_id = None

    publisher = _check_org(cfg, opts.publisher, "发布机构 --publisher") if opts.publisher else None
    if type_ == "policies":
        issuers = [_check_org(cfg, i, "发文机关 --issuer") for i in (opts.issuer or [])]
        if not issuers:
            issuers = [publisher or default_organization(cfg)]
        values["issuer"] = [o.id for o in issuers]
        org = publisher or issuers[0]
        if publisher is not None:
            values["publisher"] = publisher.id
        values.update(kind=opts.kind, doc_no=opts.doc_no, written=day)
        active.add("doc_no")
        if opts.kind in vocab.NORMATIVE_KINDS:
            active.add("legality_review")
        if opts.kind == vocab.RULE_KIND:
            head = head_leader(cfg)
            values["signer"] = head.id if head else None
            active.add("signer")
    elif type_ == "interpretations":
        policy = None
        if opts.interprets is not None:
            if opts.interprets not in state.ids["policies"]:
                raise ScaffoldError(f"政策文件“{opts.interprets}”不存在（content/policies/{opts.interprets}.yml）；"
                                    f"请先新建该政策文件")
            policy = state.data["policies"].get(opts.interprets)
            policy = policy if isinstance(policy, dict) else {}
            values["interprets"] = opts.interprets
            if isinstance(policy.get("title"), str):
                values["title"] = f"《{policy['title'].strip()}》政策解读"
            if isinstance(policy.get("topic"), str):
                values["topic"] = policy["topic"]
            derived_id = f"jd-{opts.interprets}"
            n = 2
            while derived_id in state.ids[type_]:
                derived_id, n = f"jd-{opts.interprets}-{n}", n + 1
        if publisher is None and policy:
            pid = policy.get("publisher") or _first(policy.get("issuer"))
            publisher = next((o for o in cfg.organizations if o.id == pid), None)
        org = publisher or default_organization(cfg)
        values["publisher"] = org.id
    elif type_ == "decisions":
        org = publisher or default_organization(cfg)
        values["publisher"] = org.id
        meeting: dict = {"type": opts.meeting_type}
        known_date = (opts.values.get("meeting") or {}).get("date")
        meeting_year = known_date.year if isinstance(known_date, date) else year
        if opts.meeting_type is not None:
            number = next_meeting_number(state, opts.meeting_type, meeting_year)
            meeting["number"] = number
            if opts.meeting_type in vocab.chaired_by_head(cfg.government.level) and head_leader(cfg):
                meeting["chair"] = head_leader(cfg).id
            values["title"] = f"{cfg.government.name}{meeting_year}年第{number}次{opts.meeting_type}决定事项"
            slug = vocab.meeting_type_vocabulary(cfg.government.level).slug(opts.meeting_type)
            derived_id = f"{meeting_year}-{slug}-{number:02d}"
        values["meeting"] = meeting
        active.add("items.summary")
    elif type_ == "reports":
        # the report on the year before the day it is written (or on --date's year when that is 31 December)
        report_year = year if (day.month, day.day) == (12, 31) else year - 1
        gov = annual.government_organ(cfg)
        org = publisher or next((o for o in cfg.organizations if o.id == gov), None) or default_organization(cfg)
        values.update(publisher=org.id, year=report_year, topic="综合政务/政务公开",
                      title=f"{org.name}{report_year}年政府信息公开工作年度报告")
        derived_id = f"{org.id}-{report_year}"
        # section 三 comes from the application ledger when it holds this organ's applications of the year
        values["ledger"] = annual.ledger_table([a for _, _, a in annual.applications_of(state.site, org.id)],
                                               report_year) is not None
        if derived_id in state.ids[type_]:
            raise ScaffoldError(f"{org.name}{report_year}年度报告已存在：content/reports/{derived_id}.yml")
    else:  # proposals
        lead = _check_org(cfg, opts.lead, "主办单位 --lead") if opts.lead else None
        org = publisher or lead or default_organization(cfg)
        values.update(publisher=org.id, kind=opts.proposal_kind, session=opts.session,
                      lead=lead.id if lead else None)
        active |= {"replied", "result", "satisfaction", "reply_disclosure", "reply"}
    if opts.title:
        values["title"] = opts.title
    values.setdefault("published", day)
    values.setdefault("disclosure", vocab.PUBLIC)
    values["index_no"] = next_index_no(state, org, year, day.month)
    for key, value in opts.values.items():
        if isinstance(value, dict) and isinstance(values.get(key), dict):
            values[key] = {**values[key], **{k: v for k, v in value.items() if v is not None}}
        else:
            values[key] = value
    if type_ == "policies" and values.get("legality_review") is not None:
        active.add("legality_review")

    if opts.id is not None:
        record_id = opts.id
    elif derived_id and derived_id not in state.ids[type_] and models.RECORD_ID.match(derived_id):
        record_id = derived_id
    else:
        record_id = next_numbered_id(state, type_, year)
    check_record_id(record_id)
    return record_id, org, values, active, examples_for(type_, cfg, org, record_id, day)


def _first(value):
    if isinstance(value, list):
        return value[0] if value else None
    return value


def examples_for(type_: str, cfg: models.SiteConfig, org: models.Organization, record_id: str, day: date) -> dict[str, str]:
    """YAML text shown for commented-out fields."""
    prefix = org.doc_prefixes[0] if org.doc_prefixes else "×政发"
    others = [o.id for o in cfg.organizations if o.id != org.id][:2] or [org.id]
    head = head_leader(cfg)
    step = "{date: YYYY-MM-DD, note: %s}"
    return {
        "publisher": org.id,
        "signer": head.id if head else "",
        "issued": str(day),
        "effective": str(day),
        "expires": f"{day.year + 5}-12-31",
        "legality_review": "\n  date: YYYY-MM-DD\n  result: 合法",
        "repeals": f"[{prefix}〔{day.year - 3}〕5号]",
        "amends": f"[{prefix}〔{day.year - 2}〕7号]",
        "status": vocab.REPEALED_STATUS,
        "repealed_on": "YYYY-MM-DD",
        "repeal_note": "已被……废止",
        "disclosure_basis": "过程性信息",
        "attachments": f"\n  - {{title: 附件1：……, file: {record_id}/附件1.pdf}}",
        "changes": f"\n  - {{date: {day}, note: 更正正文第三条中的文字错误}}",
        "waivers": "\n  - {rule: GK105, reason: ……（写明理由和批准情况）}",
        "co": "[" + ", ".join(others) + "]",
        "extended_to": "YYYY-MM-DD",
        "items.documents": "[政策文件 id]",
        "items.major": "true",
        "items.procedures": "\n".join([
            "",
            "  public_participation: " + step % "网上公开征求意见30日",
            "  expert_review: " + step % "召开专家论证会",
            "  risk_assessment: " + step % "形成风险评估报告",
            "  legality_review: " + step % "县司法局合法性审查",
        ]),
        "items.public_interest": "true",
        "items.stability_assessment": "{date: YYYY-MM-DD, by: 委托的第三方评估机构, note: 评估结论}",
        "items.disclosure": vocab.WITHHELD,
        "items.disclosure_basis": "过程性信息",
        "body": {"decisions": "|\n  会议由……主持，……出席，……列席。",
                 "proposals": "|\n  （一般不写：答复写在 reply 中。）"}.get(type_, "|\n  ……"),
    }


def render_record(state: SiteState, type_: str, record_id: str, values: dict, active: set[str],
                  examples: dict[str, str], origin: str = "由 gongkai new 生成") -> str:
    record_dir = state.root / CONTENT_DIR / type_
    schema_path = Path(os.path.relpath(state.root / SCHEMA_DIR / schema_filename(type_), record_dir)).as_posix()
    renderer = RecordRenderer(type_, state.site, values, active, examples)
    template = scaffold_env().get_template(f"records/{type_}.yml.j2")
    text = template.render(r=renderer, modeline=f"# yaml-language-server: $schema={schema_path}",
                           record_id=record_id, type_zh=models.RECORD_TYPE_ZH[type_], origin=origin, fmt=reportformat,
                           values=values)
    return re.sub(r"\n{3,}", "\n\n", text).rstrip("\n") + "\n"


def record_path(root: Path, type_: str, record_id: str) -> Path:
    return Path(root) / CONTENT_DIR / type_ / f"{record_id}.yml"


def new_record(root: Path, type_word: str, today: date, opts: NewOptions, *, refresh_schema: bool = True) -> NewRecord:
    """Write a new record template into the site at ``root``; refuse to overwrite anything."""
    type_ = resolve_type(type_word)
    root = Path(root)
    state = read_state(root, today)
    record_id, org, values, active, examples = plan_record(state, type_, today, opts)
    path = record_path(root, type_, record_id)
    if record_id in state.ids[type_] or any(path.with_suffix(s).exists() for s in YAML_SUFFIXES):
        raise ScaffoldError(f"{path} 已存在，未做任何修改（换一个 --id，或先删除该文件）")
    text = render_record(state, type_, record_id, values, active, examples)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with open(path, "x", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
    except FileExistsError:
        raise ScaffoldError(f"{path} 已存在，未做任何修改（换一个 --id，或先删除该文件）") from None
    updated = refresh_schemas(root) if refresh_schema else False
    return NewRecord(type_, record_id, path, values.get("index_no"), org, text, updated)


def refresh_schemas(root: Path) -> bool:
    """Write ``schema/*.schema.json`` under ``root`` when missing or different; True when written."""
    target = Path(root) / SCHEMA_DIR
    with tempfile.TemporaryDirectory(prefix=".gongkai-schema-") as tmp:
        fresh = write_schemas(Path(tmp))
        stale = [p for p in fresh if not (target / p.name).is_file() or not filecmp.cmp(p, target / p.name, shallow=False)]
        if not stale:
            return False
        target.mkdir(parents=True, exist_ok=True)
        for p in stale:
            shutil.copyfile(p, target / p.name)
    return True


# ---------------------------------------------------------------- command


HELP = "新建一条记录：带中文注释的模板，预填 id 和索引号"
DESCRIPTION = (
    "在 content/ 下新建一条记录的模板：每个字段都有中文注释，说明含义、可选值和相关规则；"
    "预填下一个空闲的 id 和索引号、今天的日期。已有同名文件时不覆盖。"
    "同时写入或更新 schema/ 下供编辑器使用的 JSON Schema。退出码：0 成功，2 无法新建。"
)


def add_arguments(p, site_args) -> None:
    types = "、".join(f"{w}（{RECORD_TYPE_ZH[t]}）" for t, w in TYPE_WORDS.items())
    p.add_argument("type", metavar="类型", help=f"记录类型：{types}")
    site_args(p)
    p.add_argument("--id", help="记录 id（文件名）；默认按年份编号，例如 2026-001")
    p.add_argument("--title", help="标题")
    p.add_argument("--publisher", metavar="机构id", help="发布机构（site_config.yml 中的机构 id）")
    p.add_argument("--date", type=iso_day, metavar="YYYY-MM-DD",
                   help="记录的日期（默认今天）：预填发布日期、成文日期；索引号的年份取它")
    g = p.add_argument_group("政策文件（policy）")
    g.add_argument("--issuer", nargs="+", metavar="机构id", help="发文机关；联合发文写多个，主办机关在前")
    g.add_argument("--kind", metavar="文件类型", help=" / ".join(vocab.POLICY_KINDS))
    g.add_argument("--doc-no", metavar="发文字号", help="例如 康政发〔2026〕12号")
    g = p.add_argument_group("政策解读（interpretation）")
    g.add_argument("--interprets", metavar="政策文件id", help="被解读的政策文件 id")
    g = p.add_argument_group("会议决定（decision）")
    g.add_argument("--meeting-type", metavar="会议类型", help=" / ".join(vocab.MEETING_TYPES))
    g = p.add_argument_group("建议提案办理（proposal）")
    g.add_argument("--proposal-kind", metavar="类别", help=" / ".join(vocab.PROPOSAL_KINDS))
    g.add_argument("--session", metavar="会次", help="例如 县十七届人大五次会议")
    g.add_argument("--lead", metavar="机构id", help="主办单位（默认也是发布机构）")


def run(args) -> int:
    from ..cli import UsageError

    options = NewOptions(
        id=args.id, title=args.title, publisher=args.publisher, issuer=args.issuer, kind=args.kind,
        doc_no=args.doc_no, interprets=args.interprets, meeting_type=args.meeting_type,
        proposal_kind=args.proposal_kind, session=args.session, lead=args.lead, date=args.date)
    try:
        made = new_record(args.root, args.type, args.today or date.today(), options)
    except ScaffoldError as exc:
        raise UsageError(f"未新建记录：{exc}") from None
    print(f"已新建{RECORD_TYPE_ZH[made.type]}：{made.path}")
    print(f"  id：{made.id}")
    print(f"  索引号：{made.index_no or '（未能按 rules.index_no_pattern 生成，请手工填写）'}")
    print(f"  发布机构：{made.publisher.name}（{made.publisher.id}）；不对时用 --publisher 指定，并相应修改索引号")
    if made.schema_updated:
        print(f"已更新编辑器提示用的 JSON Schema：{args.root / SCHEMA_DIR}")
    print("下一步：按注释填写空着的字段，然后运行 gongkai check。")
    return 0
