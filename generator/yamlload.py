"""Strict YAML loading for the records that county-office staff write.

The loader keeps every scalar exactly as written (``no``, ``0755``, ``12:30``,
``2024-03-05`` all stay strings), remembers the position of every key and value
so findings can point at ``path:line:column``, and turns everything that could
surprise a non-programmer or harm the checker into a :class:`LoadProblem`
instead of an exception:

* YAML syntax errors, control characters, several documents in one file (GK001);
* files not in UTF-8 (GK002);
* duplicate keys (GK003; the first value is kept);
* anchors and aliases (GK004; never expanded, so alias bombs cost nothing);
* files larger than :data:`MAX_FILE_BYTES` (GK005);
* nesting deeper than :data:`MAX_DEPTH` (GK006);
* tags (GK007; ``!!python/object`` …; never constructed, the tag is ignored).

Each of these is a format rule whose module (``generator.rules.gk00x_…``) holds its check: the
loader reads a file in one pass, notices the fact (an anchor, a tag, a key seen before, a depth, a
size) and calls the rule's function, which decides and words the :class:`LoadProblem`. The loader
itself names no problem.

The tree is built from PyYAML's parser *events* with an explicit stack, so no
Python recursion happens however deep the input nests.  libyaml
(``yaml.CSafeLoader``) is used when available, the pure-Python parser otherwise.

Public API: :func:`load_yaml_text`, :func:`load_yaml_bytes`,
:func:`load_yaml_file`, :class:`LoadedYaml`, :class:`LoadProblem`,
:class:`Span`, :data:`MAX_FILE_BYTES`, :data:`MAX_DEPTH`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from .rules import (
    gk001_yaml_syntax_error as syntax,
    gk002_file_not_utf8 as not_utf8,
    gk003_duplicate_key as duplicate_key,
    gk004_anchor_or_alias as anchor_alias,
    gk005_file_too_large as too_large,
    gk006_nesting_too_deep as too_deep,
    gk007_yaml_tag_used as yaml_tag,
)
from .rules.base import LoadProblem
from .rules.common import text_position as _position

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

#: Largest record file accepted, in bytes (GK005's limit).
MAX_FILE_BYTES = too_large.MAX_FILE_BYTES
#: Deepest nesting of mappings/lists accepted (GK006's limit; the root collection is level 1).
MAX_DEPTH = too_deep.MAX_DEPTH

#: The format rules whose checks run inside the loader.
RULES = (syntax, not_utf8, duplicate_key, anchor_alias, too_large, too_deep, yaml_tag)
#: Every ``LoadProblem.code`` this module produces: the name of the format rule that reports it, so
#: a problem has one name from loader to finding.
PROBLEM_CODES = frozenset(m.RULE.name for m in RULES)

# libyaml when compiled in; the pure-Python parser otherwise.  Module-level so
# tests can force the fallback.
_LOADER = getattr(yaml, "CSafeLoader", None) or yaml.SafeLoader

_BOM_BYTES = b"\xef\xbb\xbf"
_BOM = "\ufeff"
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
        problem = too_large.too_large(size, max_bytes)
        if problem is not None:
            return _failed(problem)
        with open(path, "rb") as handle:
            # Never more than max_bytes + 1 bytes.  Ask for what stat promised
            # (+1 to notice growth) rather than allocating max_bytes + 1 up front.
            raw = handle.read(size + 1)
            if len(raw) > size:  # the file grew, or stat does not know its size
                raw += handle.read(max_bytes + 1 - len(raw))
    except Exception as exc:  # OSError; anything else is defensive
        return _failed(syntax.unreadable(exc))
    return load_yaml_bytes(raw, max_bytes=max_bytes, max_depth=max_depth)


def load_yaml_bytes(
    raw: bytes, *, max_bytes: int = MAX_FILE_BYTES, max_depth: int = MAX_DEPTH
) -> LoadedYaml:
    """Load YAML from bytes that must be UTF-8 (a leading BOM is dropped); never raises."""
    try:
        if not isinstance(raw, bytes):
            raw = bytes(raw)
        problem = too_large.too_large(len(raw), max_bytes)
        if problem is not None:
            return _failed(problem)
        if raw.startswith(_BOM_BYTES):
            raw = raw[len(_BOM_BYTES):]
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            return _failed(not_utf8.undecodable(raw, exc))
    except Exception as exc:  # pragma: no cover - defensive
        return _failed(syntax.crashed(exc, decoding=True))
    return load_yaml_text(text, max_depth=max_depth)


def load_yaml_text(text: str, *, max_depth: int = MAX_DEPTH) -> LoadedYaml:
    """Load YAML from a string (a leading BOM is dropped); never raises."""
    try:
        if not isinstance(text, str):
            return _failed(syntax.not_text())
        if text.startswith(_BOM):
            text = text[1:]
        bad = syntax.control_character(text)
        if bad is not None:
            return _failed(bad)
        loaded = _parse(text, max_depth)
        hinted = syntax.input_method_hints(text, loaded.problems, loaded.data)
        return loaded if hinted is None else _finish(None, {}, {}, hinted)
    except RecursionError:  # pragma: no cover - the builder is iterative
        return _failed(too_deep.recursion())
    except Exception as exc:  # pragma: no cover - defensive
        return _failed(syntax.crashed(exc))


# --------------------------------------------------------------------------
# helpers


def _failed(problem: LoadProblem) -> LoadedYaml:
    return LoadedYaml(None, problems=[problem])


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
            problems.append(too_deep.parser_limit(line, column))
        else:
            problems.append(syntax.syntax_error(exc, line, column))
        data = None
    except yaml.reader.ReaderError as exc:
        # Normally caught earlier by the _NON_PRINTABLE scan.
        line, column = _reader_position(text, exc)
        problems.append(syntax.reader_error(exc, line, column))
        data = None
    except yaml.YAMLError as exc:
        problems.append(syntax.syntax_error(exc))
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
    stack and the hot path (scalars) does no indexing. Every value — a scalar,
    an alias (None), a finished collection — takes its place (and its mark) at
    the end of the loop body, in one piece of code.
    """
    ScalarEvent = _ScalarEvent
    AliasEvent = _AliasEvent
    MappingStartEvent = _MappingStartEvent
    SequenceStartEvent = _SequenceStartEvent
    null_words = _NULL_WORDS
    anchor, alias = anchor_alias.anchor, anchor_alias.alias
    tag_used, duplicate = yaml_tag.tag_used, duplicate_key.duplicate
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

        # ---- a scalar or an alias: a key here, or a value placed below ------------
        if cls is ScalarEvent:
            mark = event.start_mark
            if event.anchor is not None:
                problems.append(anchor(event.anchor, mark))
            if event.tag is not None:
                problems.append(tag_used(event.tag, mark))
            value = event.value
            if not (is_list or want_value or container is None):
                # A key: kept as the exact string written.
                want_value = True
                first = first_marks.get(value)
                if first is None:
                    first_marks[value] = mark
                    key = value
                    if not discard:
                        key_marks[path + (value,)] = mark
                else:
                    problems.append(duplicate(value, first, mark))
                    skip = True
                continue
            if not event.style and value in null_words:
                value = None
        elif cls is AliasEvent:
            # Reported, never expanded: its value is None.
            mark = event.start_mark
            problems.append(alias(event.anchor, mark))
            if not (is_list or want_value or container is None):
                # An alias used as a key: drop the key and its value.
                want_value = True
                skip = True
                continue
            value = None
        else:
            # ---- start of a mapping or a list ---------------------------------------
            if cls is MappingStartEvent or cls is SequenceStartEvent:
                mark = event.start_mark
                if len(stack) >= max_depth:  # GK006's limit (the loader's default): asked only when reached
                    problems.append(too_deep.too_deep(mark, max_depth))
                    raise _TooDeep
                if event.anchor is not None:
                    problems.append(anchor(event.anchor, mark))
                if event.tag is not None:
                    problems.append(tag_used(event.tag, mark))
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
                    problems.append(syntax.collection_key(mark))
                    new_path = path
                    new_discard = True
                stack.append((container, is_list, path, discard, want_value, key, skip, first_marks, mark))
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

            # ---- end of a mapping or a list: placed below, at the mark of its start ------
            elif cls is _MappingEndEvent or cls is _SequenceEndEvent:
                value = container
                container, is_list, path, discard, want_value, key, skip, first_marks, mark = stack.pop()
                if not (is_list or want_value or container is None):
                    # The collection was a key (already reported): drop it and its value.
                    want_value = True
                    skip = True
                    continue

            # ---- documents and the stream -------------------------------------------
            elif cls is _DocumentStartEvent:
                documents += 1
                if documents > 1:
                    problems.append(syntax.second_document(event.start_mark))
                    return None
                continue
            elif cls is _StreamEndEvent:
                return root
            else:  # StreamStartEvent, DocumentEndEvent: nothing to do.
                continue

        # ---- a value (a scalar's, an alias's, a finished collection's) takes its place ----
        if is_list:
            if not discard:
                value_marks[path + (len(container),)] = mark
            container.append(value)
        elif want_value:
            want_value = False
            if skip:
                skip = False
            else:
                container[key] = value
                if not discard:
                    value_marks[path + (key,)] = mark
        else:
            root = value
            value_marks[()] = mark
