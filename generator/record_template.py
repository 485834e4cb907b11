"""Commented record templates: every field of a record type as YAML text with a Chinese comment.

The comment says what the field is (the model's title and docstring), which values it takes (the
fixed vocabularies of :mod:`generator.vocab`, the site's organizations, leaders and classes) and
which rules read it (code, title and citation, taken from the rule registry); optional fields are
commented out. ``gongkai new`` and ``gongkai init`` (:mod:`generator.commands`) write records
through :class:`RecordRenderer`; the layout lives in the Jinja2 templates of ``generator/scaffold/``.
The YAML is written as text, never by a YAML dumper, so that the comments survive.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

import jinja2
import yaml

from . import models, vocab
from .rules import REGISTRY
from .site import Site

SCAFFOLD_DIR = Path(__file__).resolve().parent / "scaffold"
"""Jinja2 templates of record files, the starter repository's files and its texts."""

# ---------------------------------------------------------------- which rules read which field

def rules_for(type_: str, path: str) -> tuple[str, ...]:
    """Codes of the rules that read this field of this type, as the rules declare (``Rule.reads``)."""
    return tuple(code for code, module in REGISTRY.items() if module.RULE.reads_field(type_, path))


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
    "expires": f"过了这一天网站显示“{vocab.VALIDITY_EXPIRED}”；有效性由系统推算，不要手写。",
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

def condition(type_: str, path: str) -> str | None:
    """When an optional field becomes required, as the rule that requires it declares
    (``Rule.requires``); None when no rule does."""
    for module in REGISTRY.values():
        for req in module.RULE.requires:
            if req.path == path and (not req.types or type_ in req.types):
                return req.when
    return None


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


@functools.cache
def _schema(model: type) -> dict:
    return model.model_json_schema()


def field_shape(model: type, name: str) -> Shape:
    """What a field holds, read from the JSON Schema the model gives (``gongkai schema``)."""
    key = model.model_fields[name].alias or name  # the key as written in YAML (``imported.from``)
    return _shape(_schema(model)["properties"][key])


def _shape(node: dict) -> Shape:
    options = [o for o in node.get("anyOf", [node]) if o.get("type") != "null"]
    arrays = [o for o in options if o.get("type") == "array"]
    if arrays:  # a list, or (StrList) one string standing for a list of one
        item = arrays[0].get("items", {})
        return Shape("models", model=_model(item["$ref"])) if "$ref" in item else Shape("strlist")
    if len(options) != 1:
        return Shape("str")
    node = options[0]
    if "enum" in node or "const" in node:
        return Shape("enum", tuple(node.get("enum", [node.get("const")])))
    if "$ref" in node:
        return Shape("model", model=_model(node["$ref"]))
    if node.get("format") == "date":
        return Shape("date")
    return Shape({"boolean": "bool", "integer": "int"}.get(node.get("type"), "str"))


def _model(ref: str) -> type:
    """``#/$defs/Item`` → :class:`generator.models.Item`."""
    return getattr(models, ref.rsplit("/", 1)[-1])


# ---------------------------------------------------------------- YAML text of values

def yaml_value(value) -> str:
    """One value as YAML text on one line, as PyYAML writes it (quoted only where a plain value
    would read back differently); lists and mappings in flow style, ``{date: …, note: …}``."""
    text = yaml.safe_dump(value, allow_unicode=True, default_flow_style=True, sort_keys=False, width=1 << 30)
    return text.removesuffix("\n").removesuffix("\n...")


def block_text(text: str, indent: int) -> list[str]:
    """A literal block scalar's lines, indented by ``indent`` spaces."""
    pad = " " * indent
    return [f"{pad}{line}" if line.strip() else "" for line in text.rstrip("\n").split("\n")]


# ---------------------------------------------------------------- rendering a record template


NOT_FOR_NEW_RECORDS = ("imported",)
"""Fields a new record must not have: ``gongkai new`` leaves them out of its templates (only records
brought from a previous site carry ``imported``, which ``gongkai import`` writes)."""

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
        need = "必填" if models.required_for_new(model, name) else (condition(self.type, path) or "选填")
        if shape.kind == "models" and info.is_required():
            need = "必填，至少一项"
        title = info.title or name
        form = {"date": "，YYYY-MM-DD", "int": "，整数", "bool": "，true 或 false"}.get(shape.kind, "")
        text = "".join(t for t in ((info.description or "").strip(), self._hint(path)) if t)
        lines = [f"{title}（{name}，{need}{form}）" + (f"：{text}" if text else "")]
        if shape.kind in ("model", "models") and (shape.model in FLOW_MODELS or commented):
            parts = [f"{i.alias or n} {i.title}" + ("" if i.is_required() else "（选填）")
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
                parts = [f"{i.alias or n} {i.title}" + ("" if i.is_required() else "（选填）")
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
        key = info.alias or name  # as written in YAML (imported.from)
        value = self._value(values, key)
        pad = " " * indent
        lead = "- " if dash else ""
        if not commented and value is None and not models.required_for_new(model, name) and not self._is_active(path):
            commented = True
        docs = self._comment(self.describe(model, name, path, commented), indent)
        if commented:
            example = self.examples.get(path)
            if example is None:
                example = self._generic_example(shape)
            first, *more = example.split("\n")
            out = docs + [f"{pad}# {lead}{key}:" + (f" {first}" if first else "")]
            return out + [f"{pad}# {'  ' if dash else ''}{line}".rstrip() for line in more]
        if shape.kind == "model" and shape.model not in FLOW_MODELS:
            out = docs + [f"{pad}{lead}{key}:"]
            sub_values = value if isinstance(value, dict) else {}
            inner = indent + (4 if dash else 2)
            for sub in shape.model.model_fields:
                out += self.render(shape.model, sub, sub_values, path=f"{path}.{sub}", indent=inner)
            return out
        if shape.kind == "models" and shape.model not in FLOW_MODELS:
            out = docs + [f"{pad}{lead}{key}:"]
            for item in (value or [{}]):
                out += self._render_item(shape.model, item, path=path, indent=indent + 2)
            return out
        if shape.kind == "models":
            out = docs + [f"{pad}{lead}{key}:"]
            out += [f"{pad}  - {yaml_value(item)}" for item in value or []]
            return out
        if shape.kind == "model":
            return docs + [f"{pad}{lead}{key}: {yaml_value(value)}" if value else f"{pad}{lead}{key}:"]
        if value is None:
            return docs + [f"{pad}{lead}{key}:"]
        if isinstance(value, str) and "\n" in value:
            return docs + [f"{pad}{lead}{key}: |"] + block_text(value, indent + (4 if dash else 2))
        if path == "issuer" and isinstance(value, (list, tuple)) and len(value) == 1:
            value = value[0]  # issuer: xzf — a list only for joint documents
        return docs + [f"{pad}{lead}{key}: {yaml_value(value)}"]

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
        left = [n for n in self.model.model_fields if n not in self.done
                and (n not in NOT_FOR_NEW_RECORDS or self.values.get(n) is not None)]
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
