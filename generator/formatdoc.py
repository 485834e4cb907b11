"""docs/format.md: the content format reference, written from the models, the vocabularies and the
rules' declarations (``Rule.reads``, ``Rule.requires``), so a field added to a model appears there
with its name, whether it is required, its values and the rules that read it.
``python -m generator.docs`` writes it; a test fails when the committed copy drifts."""

from __future__ import annotations

from pydantic import BaseModel

from . import models, vocab
from .record_template import FLOW_MODELS, condition, field_shape, rules_for
from .schema import SCHEMA_DIR
from .site import CONFIG_FILE, CONTENT_DIR

COLUMNS = "| 字段 | 名称 | 是否必填 | 说明 |\n|---|---|---|---|\n"


def _cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def _default(info) -> str | None:
    if info.is_required():
        return None
    value = info.get_default(call_default_factory=True)
    if value in (None, [], {}, "") or isinstance(value, BaseModel):
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "、".join(f"{k}" for k in value)
    return str(value)


KIND_WORDS = {"date": "YYYY-MM-DD", "bool": "true / false", "int": "整数", "strlist": "一项或多项（列表）"}


def _values(model: type, name: str) -> str:
    shape = field_shape(model, name)
    if name == "disclosure_basis":
        return "可选值：" + "；".join(f"{' / '.join(b)}（{a}）" for a, b in vocab.DISCLOSURE_BASES_BY_ARTICLE.items())
    if shape.kind == "enum":
        return "可选值：" + " / ".join(shape.enum)
    if shape.kind in ("model", "models") and shape.model in FLOW_MODELS:
        return ("每项" if shape.kind == "models" else "写作") + " {" + ", ".join(shape.model.model_fields) + "}"
    if shape.kind == "models":
        return "列表，每项的字段见下"
    return KIND_WORDS.get(shape.kind, "")


def _rows(model: type, type_: str | None, prefix: str = "", need_of=None) -> list[str]:
    rows = []
    for name, info in model.model_fields.items():
        path = prefix + (info.alias or name)
        if info.is_required():
            need = "必填"
        else:
            need = (need_of(path) if need_of else None) or (
                f"选填，默认 {_default(info)}" if _default(info) else "选填")
        parts = [(info.description or "").strip(), _values(model, name)]
        if type_ is not None:
            codes = rules_for(type_, path)
            if codes:
                parts.append("规则：" + "、".join(f"[{c}](rules.md#{c.lower()})" for c in codes))
        text = "；".join(p.rstrip("。") for p in parts if p)
        rows.append(f"| `{path}` | {_cell(info.title or name)} | {_cell(need)} | {_cell(text)} |\n")
        shape = field_shape(model, name)
        if shape.kind in ("model", "models") and shape.model not in FLOW_MODELS:
            rows += _rows(shape.model, type_, path + ".", need_of)
    return rows


def _common_need(path: str) -> str | None:
    """A field of every record type: the conditions under which each type requires it."""
    found: dict[str, list[str]] = {}
    for type_ in models.RECORD_TYPES:
        when = condition(type_, path)
        if when:
            found.setdefault(when, []).append(models.RECORD_TYPE_ZH[type_])
    if not found:
        return None
    if len(found) == 1 and len(next(iter(found.values()))) == len(models.RECORD_TYPES):
        return next(iter(found))
    return "；".join(f"{when}（{'、'.join(types)}）" for when, types in found.items())


def _own_fields(model: type) -> type:
    """The fields a record type adds to (or redefines from) the common ones, as a view model."""
    base = models.Record.model_fields

    class Own:
        model_fields = {n: i for n, i in model.model_fields.items()
                        if n not in base or repr(i) != repr(base[n])}

    return Own


def _type_rows(type_: str) -> list[str]:
    model = models.RECORD_TYPES[type_]
    own = _own_fields(model)
    rows = []
    for name, info in own.model_fields.items():
        rows += [r for r in _rows(model, type_, need_of=lambda p: condition(type_, p))
                 if r.startswith(f"| `{name}`") or r.startswith(f"| `{name}.")]
    return rows


def format_reference(header: str) -> str:
    out = [header, "# 内容格式参考\n\n",
           "县政府办公室和各部门通过提交 YAML 文件发布信息；本文是这些文件的格式，"
           "由代码（`generator/models.py`、`generator/vocab.py` 和各规则的声明）生成。"
           f"编辑器提示用的 JSON Schema 由 `gongkai schema --out {SCHEMA_DIR}` 写出，内容与本文一致。\n\n",
           "## 目录结构\n\n```text\n",
           f"{CONFIG_FILE:<33}# 本级政府、机构、领导分工和 AB 岗、规则设置\n{CONTENT_DIR}/\n"]
    for type_, zh in models.RECORD_TYPE_ZH.items():
        out.append(f"  {type_ + '/<id>.yml':<31}# {zh}\n")
    out.append(f"  {'attachments/':<31}# 记录所附的文件\n```\n\n")
    out.append("- 记录 id 即文件名（不含 `.yml`），也是网址的一段（`/policies/<id>/`）："
               f"`{models.RECORD_ID.pattern}`，即小写字母、数字和连字符；同一类型内不重复；"
               f"不得使用栏目保留的名称：{'、'.join(f'`{r}`' for r in sorted(models.RESERVED_IDS))}。\n"
               "- 记录之间按 id 引用；`repeals` / `amends` 还可以写发文字号。\n"
               "- 日期只接受 `YYYY-MM-DD`（例如 `2024-03-05`）；网站上显示为 2024年3月5日。\n"
               "- 所有值按写出的文字读取（`no` 不会变成 false，`0755` 不会变成 493）；"
               "不允许重复字段、锚点和别名、标签。\n"
               "- “是否必填”一栏中的条件由所列规则检查；“规则”链接到 [rules.md](rules.md)。\n\n")
    out += ["## 各类记录共有的字段\n\n", COLUMNS]
    out += _rows(models.Record, "*", need_of=_common_need)
    for type_, model in models.RECORD_TYPES.items():
        doc = (model.__doc__ or "").strip()
        out += [f"\n## {models.RECORD_TYPE_ZH[type_]}（{type_}）\n\n", f"{doc}\n\n" if doc else "",
                "除共有字段外：\n\n", COLUMNS, *_type_rows(type_)]
    out += [f"\n## 站点配置 {CONFIG_FILE}\n\n", COLUMNS, *_rows(models.SiteConfig, None)]
    out.append("\n## 固定词表\n\n网址和页面样式用的拼写（slug）同样来自 `generator/vocab.py`。\n\n"
               "| 词表 | 可选值 | 拼写 |\n|---|---|---|\n")
    for words in vocab.VOCABULARIES:
        slugs = " / ".join(t.slug for t in words.terms if t.slug)
        out.append(f"| {words.name} | {' / '.join(words.labels)} | {slugs or '—'} |\n")
    return "".join(out).rstrip() + "\n"
