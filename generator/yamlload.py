"""Strict YAML loading for the records that county-office staff write.

The loader keeps every scalar exactly as written (``no``, ``0755``, ``12:30``,
``2024-03-05`` all stay strings), remembers the position of every key and value
so findings can point at ``path:line:column``, and turns everything that could
surprise a non-programmer or harm the checker into a :class:`LoadProblem`
instead of an exception:

* YAML syntax errors, control characters, several documents in one file;
* duplicate keys (the first value is kept);
* anchors and aliases (never expanded, so alias bombs cost nothing);
* tags (``!!python/object`` …; never constructed, the tag is ignored);
* nesting deeper than :data:`MAX_DEPTH`;
* files larger than :data:`MAX_FILE_BYTES` or not in UTF-8.

The tree is built from PyYAML's parser *events* with an explicit stack, so no
Python recursion happens however deep the input nests.  libyaml
(``yaml.CSafeLoader``) is used when available, the pure-Python parser otherwise.

Public API: :func:`load_yaml_text`, :func:`load_yaml_bytes`,
:func:`load_yaml_file`, :class:`LoadedYaml`, :class:`LoadProblem`,
:class:`Span`, :data:`MAX_FILE_BYTES`, :data:`MAX_DEPTH`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

__all__ = [
    "MAX_DEPTH",
    "MAX_FILE_BYTES",
    "PROBLEM_CODES",
    "LoadProblem",
    "LoadedYaml",
    "Span",
    "load_yaml_bytes",
    "load_yaml_file",
    "load_yaml_text",
]

#: Largest record file accepted, in bytes (1 MiB).
MAX_FILE_BYTES = 1 * 1024 * 1024
#: Deepest nesting of mappings/lists accepted (the root collection is level 1).
MAX_DEPTH = 32

#: Every ``LoadProblem.code`` this module produces: the name of the format rule (GK001–GK007 in
#: ``generator.rules``) that reports it, so a problem has one name from loader to finding.
PROBLEM_CODES = frozenset(
    {
        "yaml-syntax-error",
        "file-not-utf8",
        "duplicate-key",
        "anchor-or-alias",
        "file-too-large",
        "nesting-too-deep",
        "yaml-tag-used",
    }
)

# libyaml when compiled in; the pure-Python parser otherwise.  Module-level so
# tests can force the fallback.
_LOADER = getattr(yaml, "CSafeLoader", None) or yaml.SafeLoader

_BOM_BYTES = b"\xef\xbb\xbf"
_BOM = "\ufeff"
# Characters YAML 1.1 (and so PyYAML / libyaml) refuses anywhere in a stream.
_NON_PRINTABLE = re.compile(
    "[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)
# Line breaks as YAML counts them.
_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
# Plain scalars that mean "nothing" (plus the empty plain scalar).
_NULL_WORDS = frozenset({"", "~", "null", "Null", "NULL"})

_ScalarEvent = yaml.ScalarEvent
_AliasEvent = yaml.AliasEvent
_MappingStartEvent = yaml.MappingStartEvent
_MappingEndEvent = yaml.MappingEndEvent
_SequenceStartEvent = yaml.SequenceStartEvent
_SequenceEndEvent = yaml.SequenceEndEvent
_DocumentStartEvent = yaml.DocumentStartEvent
_DocumentEndEvent = yaml.DocumentEndEvent
_StreamEndEvent = yaml.StreamEndEvent


@dataclass(frozen=True)
class Span:
    """A position in the file, 1-based."""

    line: int
    column: int


@dataclass(frozen=True)
class LoadProblem:
    """Why (part of) a file could not be loaded; ``message`` is for the user."""

    code: str
    message: str
    line: int
    column: int


class _LazySpans:
    """``LoadedYaml.key_marks`` / ``value_marks``: raw parser marks (0-based) become :class:`Span`
    objects on first access; assigning a dict of spans replaces them."""

    def __init__(self, raw: str, spans: str) -> None:
        self.raw, self.spans = raw, spans

    def __get__(self, obj, owner=None):
        if obj is None:
            return self
        raw = getattr(obj, self.raw)
        if raw is not None:
            setattr(obj, self.spans, {p: Span(m.line + 1, m.column + 1) for p, m in raw.items()})
            setattr(obj, self.raw, None)
        return getattr(obj, self.spans)

    def __set__(self, obj, value: dict) -> None:
        setattr(obj, self.spans, value)
        setattr(obj, self.raw, None)


class LoadedYaml:
    """The loaded tree, where its parts were written, and what went wrong.

    Behaves like a dataclass with the fields ``data``, ``key_marks``,
    ``value_marks`` and ``problems``.  ``key_marks`` / ``value_marks`` map a
    path tuple (``("items", 0, "title")``; ``()`` is the root) to the
    :class:`Span` of the key / the value.  The loader records parser marks and
    turns them into ``Span`` objects only when the dictionaries are first
    accessed: most files have no findings and never need them, and building a
    ``Span`` per node would cost more than parsing the file.
    """

    __slots__ = ("data", "problems", "_key_spans", "_value_spans", "_raw_keys", "_raw_values")

    def __init__(
        self,
        data: object = None,
        key_marks: dict[tuple, Span] | None = None,
        value_marks: dict[tuple, Span] | None = None,
        problems: list[LoadProblem] | None = None,
    ) -> None:
        self.data = data
        self.problems: list[LoadProblem] = [] if problems is None else problems
        self._key_spans: dict[tuple, Span] = {} if key_marks is None else key_marks
        self._value_spans: dict[tuple, Span] = {} if value_marks is None else value_marks
        # Raw parser marks (0-based ``.line`` / ``.column``), converted on demand.
        self._raw_keys: dict | None = None
        self._raw_values: dict | None = None

    @classmethod
    def _from_marks(cls, data: object, raw_keys: dict, raw_values: dict, problems: list) -> LoadedYaml:
        loaded = cls(data, None, None, problems)
        loaded._raw_keys = raw_keys
        loaded._raw_values = raw_values
        return loaded

    key_marks = _LazySpans("_raw_keys", "_key_spans")
    value_marks = _LazySpans("_raw_values", "_value_spans")

    def _key_at(self, path: tuple) -> Span | None:
        if self._raw_keys is not None:
            mark = self._raw_keys.get(path)
            return None if mark is None else Span(mark.line + 1, mark.column + 1)
        return self._key_spans.get(path)

    def _value_at(self, path: tuple) -> Span | None:
        if self._raw_values is not None:
            mark = self._raw_values.get(path)
            return None if mark is None else Span(mark.line + 1, mark.column + 1)
        return self._value_spans.get(path)

    def locate(self, path: tuple, *, prefer_key: bool = False) -> Span:
        """Nearest known position for ``path``.

        The value at ``path`` (its key first when ``prefer_key``), else the
        nearest ancestor that has a mark (same preference), else line 1 col 1.
        """
        path = tuple(path)
        first, second = (self._key_at, self._value_at) if prefer_key else (self._value_at, self._key_at)
        for end in range(len(path), -1, -1):
            prefix = path[:end]
            span = first(prefix) or second(prefix)
            if span is not None:
                return span
        return Span(1, 1)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return (self.data, self.key_marks, self.value_marks, self.problems) == (
            other.data,
            other.key_marks,
            other.value_marks,
            other.problems,
        )

    __hash__ = None  # type: ignore[assignment]  # mutable, like a dataclass

    def __repr__(self) -> str:
        return (
            f"LoadedYaml(data={self.data!r}, key_marks={self.key_marks!r}, "
            f"value_marks={self.value_marks!r}, problems={self.problems!r})"
        )


# --------------------------------------------------------------------------
# entry points


def load_yaml_file(
    path: Path, *, max_bytes: int = MAX_FILE_BYTES, max_depth: int = MAX_DEPTH
) -> LoadedYaml:
    """Load one YAML file; never raises.

    The size is checked with ``stat`` before reading, and at most
    ``max_bytes + 1`` bytes are ever read.
    """
    try:
        path = Path(path)
        size = path.stat().st_size
        if size > max_bytes:
            return _too_large(size, max_bytes)
        with open(path, "rb") as handle:
            # Never more than max_bytes + 1 bytes.  Ask for what stat promised
            # (+1 to notice growth) rather than allocating max_bytes + 1 up front.
            raw = handle.read(size + 1)
            if len(raw) > size:  # the file grew, or stat does not know its size
                raw += handle.read(max_bytes + 1 - len(raw))
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        return _failed("yaml-syntax-error", f"无法读取文件：{reason}。")
    except Exception as exc:  # pragma: no cover - defensive
        return _failed("yaml-syntax-error", f"无法读取文件（{type(exc).__name__}）。")
    return load_yaml_bytes(raw, max_bytes=max_bytes, max_depth=max_depth)


def load_yaml_bytes(
    raw: bytes, *, max_bytes: int = MAX_FILE_BYTES, max_depth: int = MAX_DEPTH
) -> LoadedYaml:
    """Load YAML from bytes that must be UTF-8 (a leading BOM is dropped); never raises."""
    try:
        if not isinstance(raw, bytes):
            raw = bytes(raw)
        if len(raw) > max_bytes:
            return _too_large(len(raw), max_bytes)
        if raw.startswith(_BOM_BYTES):
            raw = raw[len(_BOM_BYTES):]
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            good = raw[: exc.start].decode("utf-8", errors="replace")
            line, column = _position(good, len(good))
            bad = raw[exc.start : min(exc.end, exc.start + 4)]
            shown = " ".join(f"0x{b:02X}" for b in bad)
            return LoadedYaml(
                None,
                problems=[
                    LoadProblem(
                        "file-not-utf8",
                        f"文件不是 UTF-8 编码：此处有无法解码的字节 {shown}，"
                        "请用 UTF-8 编码重新保存文件。",
                        line,
                        column,
                    )
                ],
            )
    except Exception as exc:  # pragma: no cover - defensive
        return _failed("yaml-syntax-error", f"YAML 文件无法读取（{type(exc).__name__}）。")
    return load_yaml_text(text, max_depth=max_depth)


def load_yaml_text(text: str, *, max_depth: int = MAX_DEPTH) -> LoadedYaml:
    """Load YAML from a string (a leading BOM is dropped); never raises."""
    try:
        if not isinstance(text, str):
            return _failed("yaml-syntax-error", "YAML 内容必须是文本。")
        if text.startswith(_BOM):
            text = text[1:]
        bad = _NON_PRINTABLE.search(text)
        if bad is not None:
            line, column = _position(text, bad.start())
            char = bad.group()
            return LoadedYaml(
                None,
                problems=[
                    LoadProblem(
                        "yaml-syntax-error",
                        f"YAML 语法错误：文件中含有 YAML 不允许的字符 U+{ord(char):04X}"
                        "（控制字符或无效字符），请删除该字符。",
                        line,
                        column,
                    )
                ],
            )
        return _with_input_method_hints(text, _parse(text, max_depth))
    except RecursionError:  # pragma: no cover - the builder is iterative
        return _failed("nesting-too-deep", "YAML 嵌套层级过深，无法处理。")
    except Exception as exc:  # pragma: no cover - defensive
        return _failed("yaml-syntax-error", f"YAML 解析失败（{type(exc).__name__}）。")


# --------------------------------------------------------------------------
# helpers


def _failed(code: str, message: str, line: int = 1, column: int = 1) -> LoadedYaml:
    return LoadedYaml(None, problems=[LoadProblem(code, message, line, column)])


def _too_large(size: int, limit: int) -> LoadedYaml:
    return _failed(
        "file-too-large",
        f"文件过大：{size:,} 字节，超过上限 {limit:,} 字节（{_human(limit)}），"
        "请拆分文件或把大段内容放到附件中。",
    )


def _human(size: int) -> str:
    if size >= 1024 * 1024 and size % (1024 * 1024) == 0:
        return f"{size // (1024 * 1024)} MB"
    if size >= 1024 and size % 1024 == 0:
        return f"{size // 1024} KB"
    return f"{size} 字节"


def _position(text: str, index: int) -> tuple[int, int]:
    """1-based (line, column) of character ``index`` in ``text``, YAML line breaks."""
    index = max(0, min(index, len(text)))
    line = 1
    line_start = 0
    for match in _LINE_BREAK.finditer(text, 0, index):
        line += 1
        line_start = match.end()
    return line, index - line_start + 1


# PyYAML / libyaml problem texts -> a Chinese explanation (the English text is kept too).
_PROBLEM_TRANSLATIONS = (
    ("mapping values are not allowed", "此处不能出现“键: 值”（值中的冒号请加引号，或检查缩进）"),
    ("could not find expected ':'", "缺少冒号“:”"),
    ("cannot start any token", "出现了不能作为开头的字符（缩进只能用空格，不能用 Tab）"),
    ("did not find expected key", "缩进不一致，找不到预期的键"),
    ("did not find expected '-' indicator", "列表缩进不一致，找不到预期的“-”"),
    ("node content", "缺少内容"),
    ("found unexpected end of stream", "文件意外结束（引号或括号可能没有闭合）"),
    ("unknown escape character", "双引号字符串中有无法识别的转义字符（反斜杠）"),
    ("undefined tag handle", "使用了未定义的标签"),
    ("expected ',' or ']'", "方括号列表中缺少逗号或“]”"),
    ("expected ',' or '}'", "花括号映射中缺少逗号或“}”"),
    ("<block end>", "缩进不一致"),
    ("<document start>", "此处多出了无法解析的内容"),
    ("tab character", "出现了 Tab 字符（缩进只能用空格）"),
)


def _syntax_message(exc: BaseException) -> str:
    """One Chinese sentence for a PyYAML error, keeping its short English problem."""
    problem = " ".join(str(getattr(exc, "problem", None) or "").split())
    if not problem:
        problem = " ".join(str(exc).split()[:12]) or type(exc).__name__
    explanation = problem
    for needle, chinese in _PROBLEM_TRANSLATIONS:
        if needle in problem:
            explanation = f"{chinese}（{problem}）"
            break
    where = ""
    context_mark = getattr(exc, "context_mark", None)
    problem_mark = getattr(exc, "problem_mark", None)
    if context_mark is not None and problem_mark is not None and context_mark.line != problem_mark.line:
        where = f"，相关内容从第 {context_mark.line + 1} 行第 {context_mark.column + 1} 列开始"
    return f"YAML 语法错误：{explanation}{where}。"


_YAML_TAG_PREFIX = "tag:yaml.org,2002:"


def _show_tag(tag: str) -> str:
    """The tag as the user wrote it (``!!str`` rather than its expanded form)."""
    if tag.startswith(_YAML_TAG_PREFIX):
        return "!!" + tag[len(_YAML_TAG_PREFIX):]
    return tag


def _anchor_problem(anchor: str, mark) -> LoadProblem:
    return _mark_problem("anchor-or-alias", f"不允许使用 YAML 锚点“&{anchor}”，请把内容直接写出来。", mark)


def _alias_problem(anchor: str, mark) -> LoadProblem:
    return _mark_problem("anchor-or-alias", f"不允许使用 YAML 别名“*{anchor}”，请把内容直接写出来。", mark)


def _tag_problem(tag: str, mark) -> LoadProblem:
    return _mark_problem("yaml-tag-used", f"不允许使用 YAML 标签“{_show_tag(tag)}”，请去掉标签直接写值。", mark)


def _mark_problem(code: str, message: str, mark) -> LoadProblem:
    return LoadProblem(code, message, mark.line + 1, mark.column + 1)


def _finish(data: object, key_marks: dict, value_marks: dict, problems: list) -> LoadedYaml:
    problems.sort(key=lambda p: (p.line, p.column))
    if data is None:
        # The tree is gone (or empty); marks of a partial parse would mislead.
        key_marks, value_marks = {}, {}
    return LoadedYaml._from_marks(data, key_marks, value_marks, problems)


def _parse(text: str, max_depth: int) -> LoadedYaml:
    key_marks: dict = {}
    value_marks: dict = {}
    problems: list[LoadProblem] = []
    loader = _LOADER(text)
    try:
        data = _build(loader.get_event, max_depth, key_marks, value_marks, problems)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        if "nesting depth" in str(exc.problem or ""):
            # libyaml ≥ 0.2.5 with PyYAML 6.0.4 stops at its own depth limit (1,000) first
            problems.append(LoadProblem("nesting-too-deep", "YAML 嵌套层级过深（超过 YAML 解析器的上限），无法处理。",
                                        line, column))
        else:
            problems.append(LoadProblem("yaml-syntax-error", _syntax_message(exc), line, column))
        data = None
    except yaml.reader.ReaderError as exc:
        # Normally caught earlier by the _NON_PRINTABLE scan.
        line, column = _reader_position(text, exc)
        problems.append(
            LoadProblem("yaml-syntax-error", f"YAML 语法错误：文件中含有不允许的字符（{exc.reason}）。", line, column)
        )
        data = None
    except yaml.YAMLError as exc:
        problems.append(LoadProblem("yaml-syntax-error", _syntax_message(exc), 1, 1))
        data = None
    except _TooDeep:
        data = None
    finally:
        try:
            loader.dispose()
        except Exception:  # pragma: no cover - defensive
            pass
    return _finish(data, key_marks, value_marks, problems)


def _reader_position(text: str, exc) -> tuple[int, int]:
    position = getattr(exc, "position", 0) or 0
    if _LOADER is not yaml.SafeLoader:
        # libyaml reports a byte offset into the UTF-8 encoding.
        prefix = text.encode("utf-8", errors="replace")[:position].decode("utf-8", errors="ignore")
        return _position(prefix, len(prefix))
    return _position(text, position)


class _TooDeep(Exception):
    """Internal: nesting limit reached (the problem is already recorded)."""


def _build(get_event, max_depth: int, key_marks: dict, value_marks: dict, problems: list) -> object:
    """Consume parser events into a plain tree.

    Iterative: the state of the innermost open collection lives in local
    variables and the enclosing ones in ``stack``, so nesting costs no Python
    stack and the hot path (scalars) does no indexing.
    """
    ScalarEvent = _ScalarEvent
    AliasEvent = _AliasEvent
    MappingStartEvent = _MappingStartEvent
    SequenceStartEvent = _SequenceStartEvent
    null_words = _NULL_WORDS
    stack: list[tuple] = []
    root: object = None
    documents = 0
    # The innermost open collection (container None: at document level).
    container: dict | list | None = None
    is_list = False
    path: tuple = ()
    discard = False  # inside a dropped value: no marks recorded
    want_value = False  # mapping: the next node is a value (else a key)
    key: str | None = None
    skip = False  # mapping: drop the next value (duplicate or unusable key)
    first_marks: dict | None = None  # mapping: key -> mark of its first occurrence

    while True:
        event = get_event()
        cls = event.__class__

        # ---- scalars ------------------------------------------------------------
        if cls is ScalarEvent:
            mark = event.start_mark
            if event.anchor is not None:
                problems.append(_anchor_problem(event.anchor, mark))
            if event.tag is not None:
                problems.append(_tag_problem(event.tag, mark))
            value = event.value
            if is_list:
                if not event.style and value in null_words:
                    value = None
                if not discard:
                    value_marks[path + (len(container),)] = mark
                container.append(value)
            elif want_value:
                want_value = False
                if skip:
                    skip = False
                else:
                    if not event.style and value in null_words:
                        value = None
                    container[key] = value
                    if not discard:
                        value_marks[path + (key,)] = mark
            elif container is None:
                root = None if (not event.style and value in null_words) else value
                value_marks[()] = mark
            else:
                # A key: kept as the exact string written.
                want_value = True
                first = first_marks.get(value)
                if first is None:
                    first_marks[value] = mark
                    key = value
                    if not discard:
                        key_marks[path + (value,)] = mark
                else:
                    problems.append(
                        _mark_problem(
                            "duplicate-key",
                            f"键“{value}”重复，第 {first.line + 1} 行已经写过这个键；只保留第一次的值。",
                            mark,
                        )
                    )
                    skip = True
            continue

        # ---- aliases: reported, never expanded ----------------------------------
        if cls is AliasEvent:
            mark = event.start_mark
            problems.append(_alias_problem(event.anchor, mark))
            if is_list:
                if not discard:
                    value_marks[path + (len(container),)] = mark
                container.append(None)
            elif want_value:
                want_value = False
                if skip:
                    skip = False
                else:
                    container[key] = None
                    if not discard:
                        value_marks[path + (key,)] = mark
            elif container is None:
                root = None
                value_marks[()] = mark
            else:
                # An alias used as a key: drop the key and its value.
                want_value = True
                skip = True
            continue

        # ---- start of a mapping or a list ---------------------------------------
        if cls is MappingStartEvent or cls is SequenceStartEvent:
            mark = event.start_mark
            if len(stack) >= max_depth:
                problems.append(
                    _mark_problem(
                        "nesting-too-deep",
                        f"YAML 嵌套层级过深（超过 {max_depth} 层），无法处理，请简化结构。",
                        mark,
                    )
                )
                raise _TooDeep
            if event.anchor is not None:
                problems.append(_anchor_problem(event.anchor, mark))
            if event.tag is not None:
                problems.append(_tag_problem(event.tag, mark))
            if is_list:
                new_path = path + (len(container),)
                new_discard = discard
            elif want_value:
                new_path = path + (key,)
                new_discard = discard or skip
            elif container is None:
                new_path = ()
                new_discard = False
            else:
                problems.append(
                    _mark_problem(
                        "yaml-syntax-error",
                        "YAML 语法错误：键只能是文字，不能是列表或映射。",
                        mark,
                    )
                )
                new_path = path
                new_discard = True
            if not new_discard:
                value_marks[new_path] = mark
            stack.append((container, is_list, path, discard, want_value, key, skip, first_marks))
            if cls is MappingStartEvent:
                container = {}
                is_list = False
                first_marks = {}
            else:
                container = []
                is_list = True
                first_marks = None
            path = new_path
            discard = new_discard
            want_value = False
            key = None
            skip = False
            continue

        # ---- end of a mapping or a list -----------------------------------------
        if cls is _MappingEndEvent or cls is _SequenceEndEvent:
            value = container
            container, is_list, path, discard, want_value, key, skip, first_marks = stack.pop()
            if is_list:
                container.append(value)
            elif want_value:
                want_value = False
                if skip:
                    skip = False
                else:
                    container[key] = value
            elif container is None:
                root = value
            else:
                # The collection was a key (already reported): drop it and its value.
                want_value = True
                skip = True
            continue

        # ---- documents and the stream -------------------------------------------
        if cls is _DocumentStartEvent:
            documents += 1
            if documents > 1:
                problems.append(
                    _mark_problem(
                        "yaml-syntax-error",
                        "YAML 语法错误：一个文件只能包含一个 YAML 文档，此处又开始了一个新文档。",
                        event.start_mark,
                    )
                )
                return None
            continue
        if cls is _StreamEndEvent:
            return root
        # StreamStartEvent, DocumentEndEvent: nothing to do.


# --------------------------------------------------------------------------
# what a Chinese input method does to YAML: said on the line where the clerk made it


SYNTAX = "yaml-syntax-error"

_FULLWIDTH_COLON_KEY = re.compile(r"^[ \u3000]*(?:-[ \u3000]+)?[A-Za-z_][A-Za-z0-9_.-]*[ \u3000]*：")
_FULLWIDTH_INDENT = re.compile(r"^ *\u3000+[ \u3000]*(?:-[ \u3000]|[A-Za-z_][A-Za-z0-9_.-]*[ \u3000]*[:：])")
_KEY_LINE = re.compile(r"^( *)(?:- +)?[A-Za-z_][A-Za-z0-9_.-]*:(?:[ \t]+(\S.*)?)?$")
_BLOCK_SCALAR = re.compile(r":[ \t]+[|>][0-9+-]*[ \t]*(?:#.*)?$")


def _lines_outside_block_scalars(text: str):
    """(line number, line) of every line that is not the content of a ``|`` or ``>`` block."""
    block_indent = None
    for number, line in enumerate(_LINE_BREAK.split(text), 1):
        indent = len(line) - len(line.lstrip(" "))
        if block_indent is not None:
            if not line.strip() or indent > block_indent:
                continue
            block_indent = None
        yield number, line
        if _BLOCK_SCALAR.search(line):
            block_indent = indent


def input_method_problems(text: str) -> list[LoadProblem]:
    """Full-width colons after a key and full-width-space indentation: each on its own line, naming
    the character. Content of block scalars (a body's 全角空格 paragraph indent) is left alone."""
    found = []
    for number, line in _lines_outside_block_scalars(text):
        if _FULLWIDTH_INDENT.match(line):
            column = line.index("\u3000") + 1
            found.append(LoadProblem(SYNTAX, f"YAML 语法错误：第 {number} 行用全角空格“　”缩进，请改为半角空格。",
                                     number, column))
        elif _FULLWIDTH_COLON_KEY.match(line):
            column = line.index("：") + 1
            found.append(LoadProblem(SYNTAX, f"YAML 语法错误：第 {number} 行用了全角冒号“：”，请改为半角“:”。",
                                     number, column))
    return found


def _missing_indent(text: str, error_line: int) -> LoadProblem | None:
    """A ``key: value`` line that should sit under the ``key:`` above it but was typed without its
    indent: the parser stumbles on the next, deeper line; the mistake is the line before."""
    lines = _LINE_BREAK.split(text)
    if not 2 <= error_line <= len(lines):
        return None
    here = lines[error_line - 1]
    above = [(n, lines[n - 1]) for n in range(error_line - 1, 0, -1) if lines[n - 1].strip() and not lines[n - 1].lstrip().startswith("#")]
    if len(above) < 2:
        return None
    (n1, prev), (n2, parent) = above[0], above[1]
    item = re.match(r"^( *)- +([A-Za-z_][A-Za-z0-9_.-]*):", prev)
    if item and _KEY_LINE.match(here) and not here.lstrip().startswith("-") and \
            len(here) - len(here.lstrip(" ")) == len(item.group(1)):
        width = len(item.group(1)) + 2
        return LoadProblem(SYNTAX, f"YAML 语法错误：第 {error_line} 行缺少缩进：它属于第 {n1} 行的列表项，"
                                          f"应与“{item.group(2)}”对齐（缩进 {width} 个空格）。", error_line, 1)
    m_prev, m_parent = _KEY_LINE.match(prev), _KEY_LINE.match(parent)
    if not (m_prev and m_parent) or m_prev.group(2) is None or m_parent.group(2) is not None:
        return None
    indent = lambda s: len(s) - len(s.lstrip(" "))
    if indent(here) > indent(prev) and indent(prev) <= indent(parent):
        key = parent.strip().rstrip(":").lstrip("- ").strip()
        return LoadProblem(SYNTAX, f"YAML 语法错误：第 {n1} 行缺少缩进：它属于第 {n2} 行的“{key}:”，"
                                          f"应比“{key}”多缩进两个空格（第 {error_line} 行因此无法解析）。", n1, 1)
    return None


def _odd_keys(data: object) -> bool:
    """Whether a key anywhere in ``data`` swallowed a full-width space or colon."""
    stack = [data]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            if any(isinstance(k, str) and ("\u3000" in k or "：" in k) for k in node):
                return True
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return False


def _with_input_method_hints(text: str, loaded: LoadedYaml) -> LoadedYaml:
    """Re-say a parse failure (or keys that swallowed a full-width character) as the input-method
    mistake that caused it, on the line where it was made."""
    syntax = [p for p in loaded.problems if p.code == SYNTAX]
    if not syntax and ("\u3000" not in text and "：" not in text or not _odd_keys(loaded.data)):
        return loaded
    last = max((p.line for p in syntax), default=len(_LINE_BREAK.split(text)))
    hints = [p for p in input_method_problems(text) if p.line <= last]
    if not hints and syntax:
        indent = _missing_indent(text, syntax[0].line)
        hints = [indent] if indent else []
    if not hints:
        return loaded
    others = [p for p in loaded.problems if p.code != SYNTAX]
    return _finish(None, {}, {}, others + hints)
