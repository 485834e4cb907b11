"""Commented record templates: every field of a record type as YAML text with a Chinese comment.

The comment says what the field is (the model's title and docstring), which values it takes (the
fixed vocabularies of :mod:`generator.vocab`, the site's organizations, leaders and classes) and
which rules read it (code, title and citation, taken from the rule registry); optional fields are
commented out. ``gongkai new`` and ``gongkai init`` (:mod:`generator.commands`) write records
through :class:`RecordRenderer`; the layout lives in the Jinja2 templates of ``generator/scaffold/``.
The YAML is written as text, never by a YAML dumper, so that the comments survive.
"""

from __future__ import annotations

import json
import re
import types
import typing
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import jinja2
from pydantic import BaseModel

from . import models, vocab
from .rules import REGISTRY
from .site import Site

SCAFFOLD_DIR = Path(__file__).resolve().parent / "scaffold"
"""Jinja2 templates of record files, the starter repository's files and its texts."""

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



def scaffold_env() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(SCAFFOLD_DIR)),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,
    )
