"""Scaffolding for the people who write records: ``gongkai new`` and ``gongkai init``.

``gongkai new TYPE`` writes a commented record template: every field of the type, with a Chinese
comment that says what it is (the model's title and docstring), which values it takes (the fixed
vocabularies of :mod:`generator.vocab`, the site's organizations, leaders and classes) and which
rules read it (code, title and citation, taken from the rule registry); optional fields are
commented out. The next free id and 索引号 are filled in, and the first line is a
``yaml-language-server`` modeline naming the site's JSON Schema (``schema/``), which is written or
refreshed at the same time.

``gongkai init DIR`` creates a content repository: a starter ``site_config.yml`` (the fictional
示例县), one record of each type rendered through the same templates, the JSON Schema, CI files
for GitHub Actions and GitLab, a pre-commit hook, README and .gitignore.

Layout and wording of the files live in ``generator/scaffold/`` (Jinja2 templates and files copied
as they are); the YAML is written as text, never by a YAML dumper, so that the comments survive.
"""

from __future__ import annotations

import filecmp
import json
import os
import re
import shutil
import subprocess
import tempfile
import types
import typing
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import jinja2
import yaml
from pydantic import BaseModel

from . import models, vocab
from .identifiers import credit_code_check_char
from .rules import REGISTRY
from .rules.gk204_index_no_format import pattern_regex
from .schema import SCHEMA_DIR, schema_filename, write_schemas
from .site import CONFIG_FILE, CONTENT_DIR, YAML_SUFFIXES, Site, load_site

SCAFFOLD_DIR = Path(__file__).resolve().parent / "scaffold"

TYPE_ALIASES: dict[str, str] = {}
for _type, _words in {
    "policies": ("policy", "policies", "政策文件", "政策"),
    "interpretations": ("interpretation", "interpretations", "政策解读", "解读"),
    "decisions": ("decision", "decisions", "会议决定", "决定"),
    "proposals": ("proposal", "proposals", "建议提案办理", "建议提案", "提案", "建议"),
}.items():
    for _word in _words:
        TYPE_ALIASES[_word] = _type
TYPE_WORDS = {"policies": "policy", "interpretations": "interpretation", "decisions": "decision", "proposals": "proposal"}

MEETING_ABBR = {"全体会议": "qthy", "常务会议": "cwhy", "县长办公会议": "xzbg", "专题会议": "zthy"}
"""Short forms of the meeting types in decision ids, e.g. 2026-cwhy-05 (as the sample site writes them)."""
CHAIRED_BY_HEAD = ("全体会议", "常务会议", "县长办公会议")


class ScaffoldError(Exception):
    """The request cannot be carried out; the message is Chinese. Commands exit with 2."""


def resolve_type(word: str) -> str:
    """``policy`` / ``policies`` / ``政策文件`` → ``policies``."""
    found = TYPE_ALIASES.get(word.strip().lower()) or TYPE_ALIASES.get(word.strip())
    if found is None:
        known = "、".join(f"{w}（{models.RECORD_TYPE_ZH[t]}）" for t, w in TYPE_WORDS.items())
        raise ScaffoldError(f"没有“{word}”这种记录类型；可用：{known}")
    return found


# ---------------------------------------------------------------- which rules read which field

FIELD_RULES: dict[str, dict[str, tuple[str, ...]]] = {
    "*": {
        "publisher": ("GK015", "GK204"),
        "published": ("GK206",),
        "index_no": ("GK204", "GK203"),
        "topic": ("GK015",),
        "disclosure": ("GK101",),
        "disclosure_basis": ("GK101",),
        "attachments": ("GK209", "GK207"),
        "changes": ("GK211", "GK206"),
        "waivers": ("GK210",),
        "body": ("GK207", "GK208"),
    },
    "policies": {
        "publisher": ("GK015", "GK204"),
        "published": ("GK201", "GK102", "GK206"),
        "disclosure": ("GK101", "GK201", "GK102"),
        "doc_no": ("GK202", "GK203", "GK111"),
        "kind": ("GK108", "GK102", "GK110", "GK202", "GK109"),
        "issuer": ("GK015", "GK202"),
        "signer": ("GK110", "GK015"),
        "written": ("GK201", "GK108", "GK206"),
        "issued": ("GK105", "GK206"),
        "legality_review": ("GK108", "GK206"),
        "legality_review.date": ("GK108", "GK206"),
        "legality_review.result": ("GK108",),
        "repeals": ("GK111",),
        "amends": ("GK111",),
        "status": ("GK111",),
        "repealed_on": ("GK111", "GK206"),
        "repeal_note": ("GK111",),
        "body": ("GK109", "GK207", "GK208"),
    },
    "interpretations": {
        "published": ("GK102", "GK206"),
        "interprets": ("GK015", "GK102", "GK206"),
    },
    "decisions": {
        "published": ("GK201", "GK206"),
        "disclosure": ("GK101", "GK201"),
        "meeting.date": ("GK201", "GK105", "GK106", "GK206"),
        "meeting.chair": ("GK015",),
        "items.outcome": ("GK105",),
        "items.summary": ("GK207", "GK208"),
        "items.documents": ("GK105", "GK015"),
        "items.major": ("GK106",),
        "items.procedures": ("GK106", "GK206"),
        "items.public_interest": ("GK107",),
        "items.stability_assessment": ("GK107", "GK206"),
        "items.disclosure": ("GK101",),
        "items.disclosure_basis": ("GK101",),
    },
    "proposals": {
        "published": ("GK104", "GK206"),
        "kind": ("GK203",),
        "session": ("GK203",),
        "number": ("GK203",),
        "proposers": ("GK207",),
        "lead": ("GK015",),
        "co": ("GK015",),
        "assigned": ("GK103", "GK206"),
        "extended_to": ("GK103",),
        "replied": ("GK103", "GK104", "GK206"),
        "result": ("GK104", "GK015"),
        "satisfaction": ("GK104",),
        "reply_disclosure": ("GK104", "GK101"),
        "reply": ("GK104", "GK207", "GK208"),
    },
}
"""Rule codes per field path (``items.outcome``: a key of each meeting item). Citations are looked
up in :data:`generator.rules.REGISTRY` when a template is written; a code not (or no longer) in the
registry is left out."""


def rules_for(type_: str, path: str) -> tuple[str, ...]:
    codes = FIELD_RULES.get(type_, {}).get(path)
    if codes is None:
        codes = FIELD_RULES["*"].get(path, ())
    return tuple(c for c in codes if c in REGISTRY)


def rule_line(code: str) -> str:
    rule = REGISTRY[code].RULE
    return f"规则 {code}：{rule.title}{rule.citation.short()}"


# ---------------------------------------------------------------- field hints and examples

HINTS: dict[str, str] = {
    "policies.title": "文件全称，与正式文本一致。",
    "interpretations.title": "例如 《……办法》政策解读。",
    "decisions.title": "例如 ××县人民政府2026年第5次常务会议决定事项。",
    "proposals.title": "建议或提案的标题。",
    "policies.written": "公文落款的日期。",
    "published": "不得晚于今天。",
    "issued": "不写时同成文日期；会议决定印发的文件，印发日期用于检查印发期限。",
    "effective": "不写时同发布日期。",
    "expires": "过了这一天网站显示“失效”；有效性由系统推算，不要手写。",
    "repeals": "被本文件废止的文件：写 id 或发文字号，多个写成列表。",
    "amends": "被本文件修改的文件：写 id 或发文字号，多个写成列表。",
    "index_no": "由 gongkai new 按 rules.index_no_pattern 生成（{pattern}：发布机构的统一社会信用代码、"
                "发布年份、五位流水号）；改了发布机构或发布年份时要相应修改。",
    "attachments": "每项一行：title 附件名称，file 文件（放在 content/attachments/ 下，写相对路径）。",
    "changes": "公开后修改实质内容时新增一项：date 更新日期，note 改了什么、为什么。",
    "waivers": "确有正当理由时豁免某条规则：rule 规则代码，reason 理由（审核人会看到）。",
    "body": "写在“body: |”的下一行起，每行缩进两个空格；空一行分段。",
    "reply": "写在“reply: |”的下一行起，每行缩进两个空格；不得出现代表委员的电话、邮箱。",
    "interprets": "即 content/policies/ 下的文件名，不含 .yml。",
    "interpreter": "例如 县水务局主要负责同志。",
    "session": "例如 县十七届人大五次会议。",
    "number": "第N号：同一类别、同一会次内不重复。",
    "proposers": "姓名；多人写成列表，例如 [马文清, 李秀兰]。",
    "assigned": "交办给承办单位的日期。",
    "extended_to": "经批准延期时填写；总期限不得超过 rules.deadlines.proposal_max_months 个月。",
    "replied": "答复代表委员的日期；已答复的须写办理结果、满意度、复文公开方式。",
    "items.summary": "Markdown。",
    "items.major": "true 时须有 procedures（法定程序）。",
    "items.procedures": "公众参与、专家论证、风险评估、合法性审查，每项写日期和说明；合法性审查须在会议之前。",
    "items.public_interest": "true 时须有 stability_assessment（社会稳定风险评估）。",
    "items.disclosure": "本议题单独不公开时填写，并写不公开依据。",
}
"""Sentences added after a field's own description (from the model). Keys are ``type.path`` or ``path``."""

CONDITIONS: dict[str, str] = {
    "published": "主动公开时必填",
    "doc_no": "规章、行政规范性文件必填",
    "legality_review": "规章、行政规范性文件必填",
    "signer": "规章必填",
    "disclosure_basis": "不是主动公开时必填",
    "repealed_on": "status 为废止时必填",
    "repeal_note": "status 为废止时必填",
    "proposals.published": "公开办理结果时必填",
    "proposals.replied": "已答复时必填",
    "proposals.result": "已答复时必填",
    "proposals.satisfaction": "已答复时必填",
    "proposals.reply_disclosure": "已答复时必填",
    "proposals.reply": "复文全文或摘要公开时必填",
    "items.procedures": "重大行政决策时必填",
    "items.stability_assessment": "涉及重大公共利益时必填",
    "items.disclosure_basis": "议题不公开时必填",
}
"""How an optional field of the model becomes required (content-format.md, "required" column)."""


def _wrap(words: list[str], width: int = 56, sep: str = "、") -> list[str]:
    """Join ``words`` with ``sep`` into lines of at most about ``width`` characters."""
    lines, current = [], ""
    for w in words:
        candidate = f"{current}{sep}{w}" if current else w
        if current and len(candidate) > width:
            lines.append(current + sep)
            current = w
        else:
            current = candidate
    if current:
        lines.append(current)
    return lines


# ---------------------------------------------------------------- the model's shape of a field


@dataclass(frozen=True)
class Shape:
    kind: str  # str, date, int, bool, enum, strlist, model, models
    enum: tuple[str, ...] = ()
    model: type | None = None


def _shape(annotation) -> Shape:
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is typing.Annotated:
        return _shape(args[0])
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in args if a is not type(None)]
        return _shape(inner[0]) if len(inner) == 1 else Shape("str")
    if origin is typing.Literal:
        return Shape("enum", tuple(args))
    if origin is list:
        item = _shape(args[0]) if args else Shape("str")
        if item.kind == "model":
            return Shape("models", model=item.model)
        return Shape("strlist")
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return Shape("model", model=annotation)
    if annotation is date:
        return Shape("date")
    if annotation is bool:
        return Shape("bool")
    if annotation is int:
        return Shape("int")
    return Shape("str")


def field_shape(model: type, name: str) -> Shape:
    info = model.model_fields[name]
    shape = _shape(info.annotation)
    extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
    if shape.kind == "str" and extra.get("enum"):
        return Shape("enum", tuple(extra["enum"]))
    return shape


# ---------------------------------------------------------------- YAML text of values

_PLAIN_UNSAFE_START = tuple("-?:,[]{}#&*!|>'\"%@`")
_FLOW_UNSAFE = re.compile(r"[,\[\]{}]")


def scalar(value, *, flow: bool = False) -> str:
    """One value as YAML text (plain when that reads back the same, double-quoted otherwise)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, date)):
        return str(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(scalar(v, flow=True) for v in value) + "]"
    text = str(value)
    risky = (not text or text != text.strip() or text.startswith(_PLAIN_UNSAFE_START) or ": " in text
             or " #" in text or text.endswith(":") or "\n" in text or "\t" in text
             or (flow and _FLOW_UNSAFE.search(text)))
    return json.dumps(text, ensure_ascii=False) if risky else text


def flow_map(data: dict) -> str:
    return "{" + ", ".join(f"{k}: {scalar(v, flow=True)}" for k, v in data.items()) + "}"


def block_text(text: str, indent: int) -> list[str]:
    """A literal block scalar's lines, indented by ``indent`` spaces."""
    pad = " " * indent
    return [f"{pad}{line}" if line.strip() else "" for line in text.rstrip("\n").split("\n")]


# ---------------------------------------------------------------- rendering a record template


FLOW_MODELS = (models.Attachment, models.Change, models.Waiver, models.Step, models.StabilityAssessment)
"""Small models written on one line, ``{date: …, note: …}``."""


class RecordRenderer:
    """Writes the fields of one record type as commented YAML; the Jinja2 template places them.

    ``values`` holds what is known (keys as in the record; nested models as dicts; ``items`` as a
    list of dicts); ``active`` names optional fields to write uncommented even without a value;
    ``examples`` gives the YAML text shown for commented-out fields.
    """

    def __init__(self, type_: str, site: Site, values: dict, active: set[str], examples: dict[str, str]) -> None:
        self.type = type_
        self.model = models.RECORD_TYPES[type_]
        self.site = site
        self.values = values
        self.active = active
        self.examples = examples
        self.done: set[str] = set()

    # -------------------------------------------------------- descriptions

    def _hint(self, path: str) -> str:
        hint = HINTS.get(f"{self.type}.{path}", HINTS.get(path, ""))
        return hint.replace("{pattern}", self.site.config.rules.index_no_pattern)

    def _choices(self, path: str, shape: Shape) -> list[str]:
        """Lines that list the values a field takes."""
        leaf = path.rsplit(".", 1)[-1]
        cfg = self.site.config
        if leaf == "disclosure_basis":
            return [("可选值：" if i == 0 else "        ") + f"{art} {' / '.join(bases)}"
                    for i, (art, bases) in enumerate(vocab.DISCLOSURE_BASES_BY_ARTICLE.items())]
        if shape.kind == "enum":
            return ["可选值：" + " / ".join(shape.enum)]
        if shape.kind == "bool":
            return ["可选值：true / false"]
        if path in ("publisher", "issuer", "lead", "co"):
            orgs = [f"{o.id} {o.name}" for o in cfg.organizations]
            lines = _wrap(orgs)
            return ["可填机构 id：" + lines[0], *lines[1:]]
        if path in ("signer", "meeting.chair"):
            people = [f"{p.id} {p.name}（{p.role}）" for p in cfg.leaders]
            if not people:
                return []
            lines = _wrap(people)
            return ["可填领导 id：" + lines[0], *lines[1:]]
        if path == "result":
            return ["可选值：" + "；".join(f"{k} {v}" for k, v in cfg.rules.proposal_classes.items())]
        if path == "topic":
            lines = _wrap(list(self.site.taxonomy), sep="；")
            return ["一级分类：" + lines[0], *lines[1:]]
        return []

    def describe(self, model: type, name: str, path: str, commented: bool = False) -> list[str]:
        """Comment lines (without ``#``) for one field."""
        info = model.model_fields[name]
        shape = field_shape(model, name)
        need = "必填" if info.is_required() else CONDITIONS.get(f"{self.type}.{path}", CONDITIONS.get(path, "选填"))
        if shape.kind == "models" and info.is_required():
            need = "必填，至少一项"
        title = info.title or name
        form = {"date": "，YYYY-MM-DD", "int": "，整数", "bool": "，true 或 false"}.get(shape.kind, "")
        text = "".join(t for t in ((info.description or "").strip(), self._hint(path)) if t)
        lines = [f"{title}（{name}，{need}{form}）" + (f"：{text}" if text else "")]
        if shape.kind in ("model", "models") and (shape.model in FLOW_MODELS or commented):
            parts = [f"{n} {i.title}" + ("" if i.is_required() else "（选填）")
                     for n, i in shape.model.model_fields.items()]
            head = "各项：" if shape.kind == "model" else "每项："
            sub = _wrap(parts, sep="；")
            lines += ["  " + head + sub[0], *("  " + line for line in sub[1:])]
            nested: dict[type, list[str]] = {}
            for n in shape.model.model_fields:
                sub_shape = field_shape(shape.model, n)
                if sub_shape.kind == "enum":
                    lines.append(f"  {n} 可选值：" + " / ".join(sub_shape.enum))
                elif sub_shape.kind in ("model", "models"):
                    nested.setdefault(sub_shape.model, []).append(n)
            for sub_model, names in nested.items():
                parts = [f"{n} {i.title}" + ("" if i.is_required() else "（选填）")
                         for n, i in sub_model.model_fields.items()]
                lines.append(f"  {'、'.join(names)} 各项：" + "；".join(parts))
        lines += [f"  {line}" for line in self._choices(path, shape)]
        lines += [f"  {rule_line(code)}" for code in rules_for(self.type, path)]
        return lines

    # -------------------------------------------------------- lines

    def _is_active(self, path: str) -> bool:
        return path in self.active

    def _value(self, values: dict | None, name: str):
        return None if values is None else values.get(name)

    def _comment(self, lines: list[str], indent: int) -> list[str]:
        pad = " " * indent
        return [f"{pad}# {line}".rstrip() for line in lines]

    def render(self, model: type, name: str, values: dict | None, *, path: str, indent: int,
               commented: bool = False, dash: bool = False) -> list[str]:
        """The comment and the key line(s) of one field. ``dash`` starts a list item (``- key:``)."""
        info = model.model_fields[name]
        shape = field_shape(model, name)
        value = self._value(values, name)
        pad = " " * indent
        lead = "- " if dash else ""
        if not commented and value is None and not info.is_required() and not self._is_active(path):
            commented = True
        docs = self._comment(self.describe(model, name, path, commented), indent)
        if commented:
            example = self.examples.get(path)
            if example is None:
                example = self._generic_example(shape)
            first, *more = example.split("\n")
            out = docs + [f"{pad}# {lead}{name}:" + (f" {first}" if first else "")]
            return out + [f"{pad}# {'  ' if dash else ''}{line}".rstrip() for line in more]
        if shape.kind == "model" and shape.model not in FLOW_MODELS:
            out = docs + [f"{pad}{lead}{name}:"]
            sub_values = value if isinstance(value, dict) else {}
            inner = indent + (4 if dash else 2)
            for sub in shape.model.model_fields:
                out += self.render(shape.model, sub, sub_values, path=f"{path}.{sub}", indent=inner)
            return out
        if shape.kind == "models" and shape.model not in FLOW_MODELS:
            out = docs + [f"{pad}{lead}{name}:"]
            for item in (value or [{}]):
                out += self._render_item(shape.model, item, path=path, indent=indent + 2)
            return out
        if shape.kind == "models":
            out = docs + [f"{pad}{lead}{name}:"]
            out += [f"{pad}  - {flow_map(item)}" for item in value or []]
            return out
        if shape.kind == "model":
            return docs + [f"{pad}{lead}{name}: {flow_map(value)}" if value else f"{pad}{lead}{name}:"]
        if value is None:
            return docs + [f"{pad}{lead}{name}:"]
        if isinstance(value, str) and "\n" in value:
            return docs + [f"{pad}{lead}{name}: |"] + block_text(value, indent + (4 if dash else 2))
        if path == "issuer" and isinstance(value, (list, tuple)) and len(value) == 1:
            value = value[0]  # issuer: xzf — a list only for joint documents
        return docs + [f"{pad}{lead}{name}: {scalar(value)}"]

    def _render_item(self, model: type, item: dict, *, path: str, indent: int) -> list[str]:
        """One item of a list of mappings (a meeting item): its first key after ``- ``."""
        out: list[str] = []
        for i, sub in enumerate(model.model_fields):
            sub_path = f"{path}.{sub}"
            if i == 0:
                out += self.render(model, sub, item, path=sub_path, indent=indent, dash=True)
            else:
                out += self.render(model, sub, item, path=sub_path, indent=indent + 2)
        return out

    def _generic_example(self, shape: Shape) -> str:
        if shape.kind == "enum":
            return shape.enum[0]
        if shape.kind == "date":
            return "YYYY-MM-DD"
        if shape.kind == "bool":
            return "true"
        if shape.kind == "strlist":
            return "[]"
        if shape.kind in ("model", "models"):
            parts = {n: "" for n in shape.model.model_fields}
            text = "{" + ", ".join(f"{n}: " for n in parts) + "}"
            return ("\n  - " + text) if shape.kind == "models" else text
        return ""

    # -------------------------------------------------------- what the templates call

    def field(self, name: str) -> str:
        self.done.add(name)
        return "\n".join(self.render(self.model, name, self.values, path=name, indent=0))

    def rest(self) -> str:
        """Fields of the type that the template did not place (added to the model later)."""
        left = [n for n in self.model.model_fields if n not in self.done]
        return "\n\n".join(self.field(n) for n in left)


def _env() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(SCAFFOLD_DIR)),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,
    )


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
            if p.stem not in data[type_]:
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
    rx = re.compile(rf"^{year}-{MEETING_ABBR.get(meeting_type, 'hy')}-(\d+)$")
    numbers += [int(m[1]) for rid in state.ids["decisions"] if (m := rx.match(rid))]
    return max(numbers, default=0) + 1




def next_index_no(state: SiteState, org: models.Organization, year: int) -> str | None:
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
    try:
        return pattern.format(credit_code=org.credit_code, region_code=cfg.government.region_code,
                              year=year, serial=serial)
    except (KeyError, IndexError, ValueError):
        return None


def default_organization(config: models.SiteConfig) -> models.Organization:
    """The organization that is the government itself (same credit code), else the first one."""
    for org in config.organizations:
        if org.credit_code == config.government.credit_code:
            return org
    if not config.organizations:
        raise ScaffoldError(f"{CONFIG_FILE} 中没有登记任何机构（organizations），无法确定发布机构")
    return config.organizations[0]


def head_leader(config: models.SiteConfig) -> models.Leader | None:
    return next((p for p in config.leaders if p.role == vocab.HEAD_ROLE), None)


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
    _check_choice(opts.meeting_type, vocab.MEETING_TYPES, "会议类型 --meeting-type")
    _check_choice(opts.proposal_kind, vocab.PROPOSAL_KINDS, "类别 --proposal-kind")
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
            if opts.meeting_type in CHAIRED_BY_HEAD and head_leader(cfg):
                meeting["chair"] = head_leader(cfg).id
            values["title"] = f"{cfg.government.name}{meeting_year}年第{number}次{opts.meeting_type}决定事项"
            derived_id = f"{meeting_year}-{MEETING_ABBR.get(opts.meeting_type, 'hy')}-{number:02d}"
        values["meeting"] = meeting
        active.add("items.summary")
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
    values["index_no"] = next_index_no(state, org, year)
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
    return record_id, org, values, active, _examples(type_, cfg, org, record_id, day)


def _first(value):
    if isinstance(value, list):
        return value[0] if value else None
    return value


def _examples(type_: str, cfg: models.SiteConfig, org: models.Organization, record_id: str, day: date) -> dict[str, str]:
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
    template = _env().get_template(f"records/{type_}.yml.j2")
    text = template.render(r=renderer, modeline=f"# yaml-language-server: $schema={schema_path}",
                           record_id=record_id, type_zh=models.RECORD_TYPE_ZH[type_], origin=origin,
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


# ---------------------------------------------------------------- gongkai init

COPIED = {
    "github-workflow.yml": ".github/workflows/gongkai.yml",
    "gitlab-ci.yml": ".gitlab-ci.yml",
    "pre-commit-config.yaml": ".pre-commit-config.yaml",
    "gitignore": ".gitignore",
    "vscode-extensions.json": ".vscode/extensions.json",
}
"""Files copied as they are (their names in the package have no leading dot, so that package-data
globs find them) → where they go in a new repository."""
RENDERED = {"site_config.yml.j2": CONFIG_FILE, "README.md.j2": "README.md"}

STARTER_REGION = "629901"
STARTER_ORGS = (
    # id, name, 9-character organization code, doc prefixes
    ("xzf", "示例县人民政府", "MB0000010", ["示政发", "示政函"]),
    ("xzfb", "示例县人民政府办公室", "MB0000029", ["示政办发", "示政办函"]),
    ("fgj", "示例县发展和改革局", "MB0000037", ["示发改发"]),
    ("czj", "示例县财政局", "MB0000045", ["示财发"]),
    ("swj", "示例县水务局", "MB0000053", ["示水发"]),
    ("sfj", "示例县司法局", "MB0000061", ["示司发"]),
)


def starter_credit_code(org_code: str) -> str:
    """A 统一社会信用代码 of the fictional county (GB 32100-2015): 1 机构编制, 1 机关, the region
    code, the organization code and the computed check character."""
    first17 = f"11{STARTER_REGION}{org_code}"
    return first17 + credit_code_check_char(first17)


def _weekday_on_or_before(d: date) -> date:
    while d.weekday() >= 5:
        d -= timedelta(days=1)
    return d


def _weekday_on_or_after(d: date) -> date:
    while d.weekday() >= 5:
        d += timedelta(days=1)
    return d


def starter_dates(today: date) -> dict[str, date]:
    """Dates of the starter records, all before ``today`` and inside every deadline."""
    meeting = _weekday_on_or_before(today - timedelta(days=14))
    written = _weekday_on_or_after(meeting + timedelta(days=2))
    published = _weekday_on_or_after(written + timedelta(days=1))
    assigned = _weekday_on_or_before(today - timedelta(days=100))
    replied = _weekday_on_or_after(assigned + timedelta(days=40))
    return {
        "review": _weekday_on_or_before(meeting - timedelta(days=5)),
        "meeting": meeting,
        "written": written,
        "published": min(published, today),
        "decision_published": min(_weekday_on_or_after(meeting + timedelta(days=3)), today),
        "assigned": assigned,
        "replied": replied,
        "proposal_published": min(_weekday_on_or_after(replied + timedelta(days=3)), today),
    }


def _load_starter() -> dict:
    return yaml.safe_load((SCAFFOLD_DIR / "starter.yml").read_text(encoding="utf-8"))


def starter_records(today: date) -> list[tuple[str, NewOptions]]:
    """The four starter records, in the order they are written (the interpretation and the
    decision refer to the policy)."""
    texts = _load_starter()
    d = starter_dates(today)
    policy_id = f"{d['published'].year}-001"
    p, i, m, q = texts["policy"], texts["interpretation"], texts["decision"], texts["proposal"]
    doc_no = p["doc_no"].format(year=d["written"].year)
    items = [dict(item) for item in m["items"]]
    for item in items:
        if item.pop("documents_policy", False):
            item["documents"] = [policy_id]
        item["title"] = item["title"].format(policy_title=p["title"])
        if item.get("summary"):
            item["summary"] = item["summary"].format(policy_title=p["title"])
    return [
        ("policies", NewOptions(
            id=policy_id, title=p["title"], issuer=[p["issuer"]], kind=p["kind"], doc_no=doc_no, date=d["published"],
            values={"written": d["written"], "topic": p["topic"], "body": p["body"],
                    "legality_review": {"date": d["review"], "result": "合法"}})),
        ("interpretations", NewOptions(
            interprets=policy_id, publisher=i["publisher"], date=d["published"],
            values={"form": i["form"], "interpreter": i["interpreter"], "body": i["body"]})),
        ("decisions", NewOptions(
            meeting_type=m["meeting_type"], publisher=m["publisher"], date=d["decision_published"],
            values={"topic": m["topic"], "body": m["body"], "items": items,
                    "meeting": {"date": d["meeting"]}})),
        ("proposals", NewOptions(
            title=q["title"], proposal_kind=q["kind"], session=q["session"], lead=q["lead"], date=d["proposal_published"],
            values={"number": q["number"], "proposers": q["proposers"], "co": q["co"], "topic": q["topic"],
                    "assigned": d["assigned"], "replied": d["replied"], "result": q["result"],
                    "satisfaction": q["satisfaction"], "reply_disclosure": q["reply_disclosure"], "reply": q["reply"]})),
    ]


def _starter_config_context() -> dict:
    orgs = [{"id": oid, "name": name, "credit_code": starter_credit_code(code), "doc_prefixes": prefixes}
            for oid, name, code, prefixes in STARTER_ORGS]
    return {"organizations": orgs, "government_credit_code": orgs[0]["credit_code"], "region_code": STARTER_REGION,
            "schema_dir": SCHEMA_DIR, "schema_file": schema_filename("site_config"), "scalar": scalar}


@dataclass
class InitResult:
    root: Path
    files: list[Path]
    records: list[NewRecord]
    git: str | None
    """None: a git repository was created; otherwise why not."""


def init_site(directory: Path, today: date, *, git: bool = True) -> InitResult:
    """Create a content repository in ``directory`` (absent or empty). All or nothing: the files are
    written into a temporary directory beside it, which then takes its place."""
    directory = Path(directory)
    if directory.exists() and (not directory.is_dir() or any(directory.iterdir())):
        raise ScaffoldError(f"{directory} 已存在且不是空目录，未做任何修改；请指定一个新目录")
    parent = directory.resolve().parent
    parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{directory.name}.init-", dir=parent))
    try:
        written = _write_site(work, today)
        if directory.exists():  # empty (perhaps the current directory): move the files in
            for child in work.iterdir():
                child.rename(directory / child.name)
            work.rmdir()
        else:
            work.rename(directory)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    records = []
    for rec in written:
        rec.path = directory / rec.path.relative_to(work)
        records.append(rec)
    files = sorted(p for p in directory.rglob("*") if p.is_file())
    return InitResult(directory, files, records, _git_init(directory) if git else "未要求（--no-git）")


def _write_site(root: Path, today: date) -> list[NewRecord]:
    env = _env()
    context = _starter_config_context()
    for template, target in RENDERED.items():
        text = env.get_template(template).render(**context, today=today)
        (root / target).write_text(text, encoding="utf-8", newline="\n")
    for source, target in COPIED.items():
        dest = root / target
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(SCAFFOLD_DIR / source, dest)
    (root / CONTENT_DIR / "attachments").mkdir(parents=True, exist_ok=True)
    (root / CONTENT_DIR / "attachments" / ".gitkeep").write_text("", encoding="utf-8")
    records = [new_record(root, type_, today, opts, refresh_schema=False) for type_, opts in starter_records(today)]
    refresh_schemas(root)
    return records


def _git_init(root: Path) -> str | None:
    git = shutil.which("git")
    if git is None:
        return "没有找到 git"
    try:
        subprocess.run([git, "init", "-q"], cwd=root, check=True, capture_output=True, timeout=60)
        subprocess.run([git, "symbolic-ref", "HEAD", "refs/heads/main"], cwd=root, check=True,
                       capture_output=True, timeout=60)
    except (OSError, subprocess.SubprocessError) as exc:
        return f"git init 失败：{exc}"
    return None
