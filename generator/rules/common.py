"""Helpers more than one rule (and the checker's engine) use: counting lines as YAML does, walking a
record's strings and finding an attachment's file (through the attachment guard). Rules import these from here, never from each other."""

from __future__ import annotations

import difflib
import re
from pathlib import Path

from .. import attachments
from ..findings import WORK_RULES, Citation

IDENTIFIER_KEYS = frozenset({"index_no", "doc_no", "rule"})
"""Keys whose values are identifiers the site assigns, not prose: no personal data or markup is looked
for there. (An attachment's ``file`` is scanned: it is published as the download's name.)"""


LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
"""Line breaks as YAML counts them: the loader and the format rules GK001/GK002 number lines by these."""


def text_position(text: str, index: int) -> tuple[int, int]:
    """1-based (line, column) of character ``index`` in ``text``, counting YAML line breaks."""
    index = max(0, min(index, len(text)))
    line = 1
    line_start = 0
    for match in LINE_BREAK.finditer(text, 0, index):
        line += 1
        line_start = match.end()
    return line, index - line_start + 1


def strings(data, path: tuple = (), skip=frozenset()):
    """``(key path, text)`` of every string in ``data`` (a record's YAML data), in file order; keys
    in ``skip`` are passed over with everything below them."""
    if isinstance(data, str):
        yield path, data
    elif isinstance(data, dict):
        for key, value in data.items():
            if key not in skip:
                yield from strings(value, path + (key,), skip)
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from strings(value, path + (i,), skip)


PROSE_FIELDS = {"*": ("title", "body"), "decisions": ("items.summary",), "proposals": ("reply",)}
"""The fields of prose a rule that scans what readers see declares it reads (``Rule.reads``; what
:func:`prose` walks beyond them — attachment names, a proposal's proposers — a rule adds itself)."""


def prose(data):
    """The strings a reader sees: everything but identifiers (:data:`IDENTIFIER_KEYS`)."""
    return strings(data, skip=IDENTIFIER_KEYS)


def validation_message(err: dict, where: str, lead: str) -> tuple[tuple, str, bool]:
    """A model's validation error as the model words it: ``(key path, message, at_key)`` for the
    format rules that read validation errors (see ``generator.site``)."""
    return tuple(err["loc"]), f"{lead.strip()}：{err['msg']}", False


def describe_path(path: tuple) -> str:
    """A key path as a reader writes it: ``items[0].documents``."""
    return "".join(f"[{p}]" if isinstance(p, int) else (f".{p}" if i else str(p)) for i, p in enumerate(path))


def readable_file(root: Path, file: str, max_bytes: int) -> Path | None:
    """The attachment to read for its text when the attachment guard (:mod:`generator.attachments`)
    lets it be read — inside content/attachments/, no symlink on the way, within the size limit —
    whatever its type (a mislabelled file is still scanned, by its real type); else None (GK209
    says why)."""
    try:
        return attachments.readable(root, file, max_bytes)
    except (attachments.Refused, OSError):
        return None


def nearest(value: str, known: dict) -> str:
    """``，是否指 czj（康乐县财政局）？``: the known id (or name) closest to a mistyped one, with what
    it names (an organization's or leader's name, a record's title, a class's description), or ''."""
    match = difflib.get_close_matches(value, [k for k in known if isinstance(k, str)], n=1, cutoff=0.6)
    if not match:
        return ""
    thing = known[match[0]]
    if hasattr(thing, "role") and hasattr(thing, "name"):  # a leader
        label = f"{thing.name}，{thing.role}"
    elif hasattr(thing, "name"):  # an organization
        label = thing.name
    elif hasattr(thing, "model"):  # a loaded record
        label = thing.model.title
    elif isinstance(thing, dict):  # a record that failed validation, or a field's title
        label = thing.get("title") if isinstance(thing.get("title"), str) else ""
    else:
        label = thing if isinstance(thing, str) else ""
    return f"，是否指 {match[0]}{f'（{label}）' if label else ''}？"


INTERPRETATION_DUTY = Citation(WORK_RULES, "第三十三条",
                               "县政府及各部门要加强政策解读，准确传递政策意图，重视市场和社会反映，及时回应公众关切，解疑释惑，稳定预期。")
INTERPRETATION_DUTY_ALSO = (Citation("国办发〔2016〕80号", None, "同步组织、同步审签、同步部署"),)
"""The duty to interpret a policy: GK102 (the interpretation is due) and GK214 (its policy is gone) cite it."""

TIMELY_PUBLICATION = Citation("中华人民共和国政府信息公开条例", "第二十六条",
                              "属于主动公开范围的政府信息，应当自该政府信息形成或者变更之日起20个工作日内及时公开。")
"""The duty to publish a record, and each change to it, in time: GK201 (published late) and GK211
(a published record changed without saying so) cite it."""

CATALOGUE = Citation("中华人民共和国政府信息公开条例", "第十二条", "政府信息公开目录包括政府信息的索引、名称、内容概述、生成日期等内容。")
"""The catalogue a record is listed in by its index number: GK203 (duplicate identifiers) and GK204
(index number format) cite it."""

TRUE_DATES = Citation("国办发〔2017〕47号", None, "政府网站信息发布日期应真实")
"""A site's dates must be true: GK206 (impossible dates) and GK213 (backdated publication) cite it."""
