"""Tests for generator.yamlload: the strict, position-keeping YAML loader."""

from __future__ import annotations

import random
import time
from pathlib import Path

import pytest
import yaml

from generator import yamlload
from generator.yamlload import (
    MAX_DEPTH,
    MAX_FILE_BYTES,
    PROBLEM_CODES,
    LoadedYaml,
    LoadProblem,
    Span,
    load_yaml_bytes,
    load_yaml_file,
    load_yaml_text,
)

BACKENDS = ["libyaml", "python"]


@pytest.fixture(params=BACKENDS)
def backend(request, monkeypatch):
    """Run a test with libyaml (when compiled in) and with the pure-Python parser."""
    if request.param == "libyaml":
        if not getattr(yaml, "__with_libyaml__", False):
            pytest.skip("PyYAML built without libyaml")
        monkeypatch.setattr(yamlload, "_LOADER", yaml.CSafeLoader)
    else:
        monkeypatch.setattr(yamlload, "_LOADER", yaml.SafeLoader)
    return request.param


def codes(loaded: LoadedYaml) -> list[str]:
    return [p.code for p in loaded.problems]


def check_problem_shape(loaded: LoadedYaml) -> None:
    """Every problem has a known code, a 1-based position and a short Chinese message."""
    for problem in loaded.problems:
        assert isinstance(problem, LoadProblem)
        assert problem.code in PROBLEM_CODES
        assert problem.line >= 1 and problem.column >= 1
        assert "Traceback" not in problem.message
        assert "\n" not in problem.message
        assert any("\u4e00" <= ch <= "\u9fff" for ch in problem.message), problem.message


# ---------------------------------------------------------------------------
# scalars


def test_scalars_are_kept_exactly_as_written(backend):
    text = (
        "answer: no\n"
        "yes_word: yes\n"
        "on_word: on\n"
        "mode: 0755\n"
        "time: 12:30\n"
        "date: 2024-03-05\n"
        "exp: 1e3\n"
        "float: 1.0\n"
        "flag: true\n"
        "hex: 0x1F\n"
        "number: 12\n"
        "tilde: ~\n"
        "null_word: null\n"
        "empty:\n"
        "quoted_empty: ''\n"
        "quoted_null: 'null'\n"
        "quoted_no: \"no\"\n"
        "chinese: 主动公开\n"
        "doc_no: 康政发〔2024〕12号\n"
    )
    loaded = load_yaml_text(text)
    assert loaded.problems == []
    assert loaded.data == {
        "answer": "no",
        "yes_word": "yes",
        "on_word": "on",
        "mode": "0755",
        "time": "12:30",
        "date": "2024-03-05",
        "exp": "1e3",
        "float": "1.0",
        "flag": "true",
        "hex": "0x1F",
        "number": "12",
        "tilde": None,
        "null_word": None,
        "empty": None,
        "quoted_empty": "",
        "quoted_null": "null",
        "quoted_no": "no",
        "chinese": "主动公开",
        "doc_no": "康政发〔2024〕12号",
    }


def test_keys_are_strings_as_written(backend):
    loaded = load_yaml_text("1: a\ntrue: b\n~: c\n2024-03-05: d\n")
    assert loaded.problems == []
    assert loaded.data == {"1": "a", "true": "b", "~": "c", "2024-03-05": "d"}


def test_list_elements_and_flow_collections(backend):
    loaded = load_yaml_text("a: [no, 0755, ~, '', 12:30]\nb: {x: 1.0, y: }\nc:\n  -\n  - off\n")
    assert loaded.problems == []
    assert loaded.data == {
        "a": ["no", "0755", None, "", "12:30"],
        "b": {"x": "1.0", "y": None},
        "c": [None, "off"],
    }


def test_block_scalars_as_pyyaml_folds_them(backend):
    loaded = load_yaml_text("lit: |\n  第一行\n  第二行\nfold: >\n  a\n  b\nkeep: |+\n  x\n\nend: 1\n")
    assert loaded.problems == []
    assert loaded.data["lit"] == "第一行\n第二行\n"
    assert loaded.data["fold"] == "a b\n"
    assert loaded.data["keep"] == "x\n\n"


def test_root_scalar_and_root_list(backend):
    assert load_yaml_text("hello\n").data == "hello"
    assert load_yaml_text("~\n").data is None
    assert load_yaml_text("- 1\n- no\n").data == ["1", "no"]


@pytest.mark.parametrize("text", ["", "\n\n", "# only a comment\n", "   \n# c\n"])
def test_empty_file_is_none_without_problems(backend, text):
    loaded = load_yaml_text(text)
    assert loaded.data is None
    assert loaded.problems == []
    assert load_yaml_bytes(text.encode()).problems == []


# ---------------------------------------------------------------------------
# positions


NESTED = """\
# 会议决定
meeting:
  type: 常务会议
  date: 2024-03-05
items:
  - title: 研究供水办法
    documents: [kzf-2024-12, kzf-2024-13]
  - title: 听取汇报
    procedures:
      expert_review: {date: 2024-01-25, note: 专家论证}
  - 纯文字
empty:
"""


def test_positions_of_keys_and_values(backend):
    loaded = load_yaml_text(NESTED)
    assert loaded.problems == []
    k, v = loaded.key_marks, loaded.value_marks
    assert v[()] == Span(2, 1)
    assert k[("meeting",)] == Span(2, 1)
    assert v[("meeting",)] == Span(3, 3)
    assert k[("meeting", "type")] == Span(3, 3)
    assert v[("meeting", "type")] == Span(3, 9)
    assert k[("meeting", "date")] == Span(4, 3)
    assert v[("meeting", "date")] == Span(4, 9)
    assert k[("items",)] == Span(5, 1)
    assert v[("items", 0)] == Span(6, 5)
    assert k[("items", 0, "title")] == Span(6, 5)
    assert v[("items", 0, "title")] == Span(6, 12)
    assert v[("items", 0, "documents")] == Span(7, 16)
    assert v[("items", 0, "documents", 0)] == Span(7, 17)
    assert v[("items", 0, "documents", 1)] == Span(7, 30)
    assert k[("items", 1, "procedures", "expert_review", "note")] == Span(10, 41)
    assert v[("items", 1, "procedures", "expert_review", "note")] == Span(10, 47)
    assert v[("items", 2)] == Span(11, 5)
    assert k[("empty",)] == Span(12, 1)
    assert ("empty",) in v  # the empty value has a mark (just after the colon)
    # list elements have no key marks
    assert ("items", 0) not in k


def test_columns_count_characters_not_bytes(backend):
    loaded = load_yaml_text("标题: 康乐县人民政府\n发布: [甲, 乙]\n")
    assert loaded.value_marks[("标题",)] == Span(1, 5)
    assert loaded.value_marks[("发布", 1)] == Span(2, 9)


def test_crlf_line_endings(backend):
    loaded = load_yaml_bytes(b"a: 1\r\nb:\r\n  c: 2\r\n")
    assert loaded.problems == []
    assert loaded.data == {"a": "1", "b": {"c": "2"}}
    assert loaded.key_marks[("b", "c")] == Span(3, 3)


def test_locate_walks_up(backend):
    loaded = load_yaml_text(NESTED)
    assert loaded.locate(("meeting", "type")) == Span(3, 9)
    assert loaded.locate(("meeting", "type"), prefer_key=True) == Span(3, 3)
    # missing key: nearest ancestor with a mark
    assert loaded.locate(("meeting", "chair")) == Span(3, 3)
    assert loaded.locate(("meeting", "chair"), prefer_key=True) == Span(2, 1)
    assert loaded.locate(("items", 1, "procedures", "risk_assessment", "date")) == Span(10, 7)
    assert loaded.locate(("items", 7, "title")) == Span(6, 3)
    # list elements have only value marks: prefer_key falls back to the value
    assert loaded.locate(("items", 2), prefer_key=True) == Span(11, 5)
    # unknown top-level key: the root value
    assert loaded.locate(("nope",)) == Span(2, 1)
    assert loaded.locate(()) == Span(2, 1)


def test_locate_root_defaults_to_1_1():
    assert load_yaml_text("").locate(("title",)) == Span(1, 1)
    assert load_yaml_text("a: [").locate(("a", 0)) == Span(1, 1)
    assert LoadedYaml(None).locate(()) == Span(1, 1)


def test_locate_before_and_after_marks_are_materialised():
    lazy = load_yaml_text("a:\n  b: 1\n")
    eager = load_yaml_text("a:\n  b: 1\n")
    assert eager.key_marks and eager.value_marks  # materialise the Span dicts
    for loaded in (lazy, eager):
        assert loaded.locate(("a", "b")) == Span(2, 6)
        assert loaded.locate(("a", "b"), prefer_key=True) == Span(2, 3)
        assert loaded.locate(("a", "x"), prefer_key=True) == Span(1, 1)
    assert lazy == eager


def test_loaded_yaml_can_be_built_by_hand():
    made = LoadedYaml({"a": "1"}, {("a",): Span(1, 1)}, {(): Span(1, 1), ("a",): Span(1, 4)}, [])
    assert made.locate(("a",)) == Span(1, 4)
    assert made.locate(("a",), prefer_key=True) == Span(1, 1)
    assert made == load_yaml_text("a: 1")


# ---------------------------------------------------------------------------
# duplicate keys


def test_duplicate_keys_reported_at_second_occurrence(backend):
    text = "title: 第一\nbody: x\ntitle: 第二\nmeeting:\n  type: a\n  type: b\n  type: c\n"
    loaded = load_yaml_text(text)
    assert loaded.data == {"title": "第一", "body": "x", "meeting": {"type": "a"}}
    dups = [p for p in loaded.problems if p.code == "duplicate-key"]
    assert [(p.line, p.column) for p in dups] == [(3, 1), (6, 3), (7, 3)]
    assert "title" in dups[0].message and "第 1 行" in dups[0].message
    assert "type" in dups[1].message and "第 5 行" in dups[1].message
    assert "第 5 行" in dups[2].message
    check_problem_shape(loaded)
    # the first occurrence keeps its marks
    assert loaded.key_marks[("title",)] == Span(1, 1)
    assert loaded.value_marks[("meeting", "type")] == Span(5, 9)


def test_duplicate_key_with_collection_values_keeps_first(backend):
    text = "items:\n  - a\nitems:\n  - b\n  - c\nx: {k: 1, k: 2}\n"
    loaded = load_yaml_text(text)
    assert loaded.data == {"items": ["a"], "x": {"k": "1"}}
    assert [(p.code, p.line) for p in loaded.problems] == [("duplicate-key", 3), ("duplicate-key", 6)]
    # marks of the dropped value do not overwrite the kept one
    assert loaded.value_marks[("items", 0)] == Span(2, 5)
    assert ("items", 1) not in loaded.value_marks


def test_same_key_in_different_mappings_is_fine(backend):
    loaded = load_yaml_text("- title: a\n- title: b\n")
    assert loaded.problems == []


# ---------------------------------------------------------------------------
# anchors, aliases, tags


def test_anchor_and_alias_reported_and_not_expanded(backend):
    text = "base: &b\n  x: 1\nother: *b\nlist: [&s s, *s]\n<<: *b\n"
    loaded = load_yaml_text(text)
    assert loaded.data == {"base": {"x": "1"}, "other": None, "list": ["s", None], "<<": None}
    found = [(p.code, p.line, p.column) for p in loaded.problems]
    assert found == [
        ("anchor-or-alias", 1, 7),
        ("anchor-or-alias", 3, 8),
        ("anchor-or-alias", 4, 8),
        ("anchor-or-alias", 4, 14),
        ("anchor-or-alias", 5, 5),
    ]
    assert "&b" in loaded.problems[0].message
    assert "*b" in loaded.problems[1].message
    check_problem_shape(loaded)


def test_alias_as_key_is_dropped(backend):
    loaded = load_yaml_text("a: &k key\n*k : v\nz: 1\n")
    assert loaded.data == {"a": "key", "z": "1"}
    assert codes(loaded) == ["anchor-or-alias", "anchor-or-alias"]


def billion_laughs(levels: int = 9, width: int = 9) -> str:
    lines = ['lol0: &lol0 "lol"']
    for i in range(1, levels + 1):
        refs = ", ".join(f"*lol{i - 1}" for _ in range(width))
        lines.append(f"lol{i}: &lol{i} [{refs}]")
    return "\n".join(lines) + "\n"


def test_billion_laughs_is_rejected_quickly(backend):
    text = billion_laughs()
    start = time.perf_counter()
    loaded = load_yaml_bytes(text.encode())
    elapsed = time.perf_counter() - start
    assert elapsed < 0.5
    assert loaded.data["lol9"] == [None] * 9
    assert set(codes(loaded)) == {"anchor-or-alias"}
    assert len(loaded.problems) == 10 + 9 * 9  # every anchor and every alias


def test_many_aliases_in_a_big_file_stay_cheap(backend):
    text = "a: &a [x]\nb: [" + ", ".join(["*a"] * 50_000) + "]\n"
    start = time.perf_counter()
    loaded = load_yaml_text(text)
    assert time.perf_counter() - start < 5
    assert len(loaded.data["b"]) == 50_000
    assert all(v is None for v in loaded.data["b"])


@pytest.mark.parametrize(
    "text, shown",
    [
        ("x: !!python/object:os.system {}\n", "!!python/object:os.system"),
        ("x: !!python/object/apply:os.system ['echo hi']\n", "!!python/object/apply:os.system"),
        ("x: !foo bar\n", "!foo"),
        ("x: !!str 12\n", "!!str"),
        ("x: !!binary aGVsbG8=\n", "!!binary"),
        ("x: !!set {a, b}\n", "!!set"),
    ],
)
def test_tags_are_reported_and_ignored(backend, text, shown):
    loaded = load_yaml_text(text)
    assert codes(loaded) == ["yaml-tag-used"]
    assert loaded.problems[0].line == 1 and loaded.problems[0].column == 4
    assert shown in loaded.problems[0].message
    check_problem_shape(loaded)
    value = loaded.data["x"]
    # the value stays plain data: str, dict, list or None, never an object
    stack = [value]
    while stack:
        item = stack.pop()
        assert item is None or isinstance(item, (str, dict, list))
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)


def test_tag_values_kept_as_strings(backend):
    loaded = load_yaml_text("a: !!str 12\nb: !!int '7'\nc: !local\n")
    assert loaded.data == {"a": "12", "b": "7", "c": None}
    assert codes(loaded) == ["yaml-tag-used"] * 3


def test_tag_on_key_and_document(backend):
    loaded = load_yaml_text("--- !record\n!!str k: v\n")
    assert loaded.data == {"k": "v"}
    assert [(p.code, p.line) for p in loaded.problems] == [("yaml-tag-used", 1), ("yaml-tag-used", 2)]


# ---------------------------------------------------------------------------
# structure: complex keys, depth


def test_non_scalar_key_is_a_problem(backend):
    loaded = load_yaml_text("? [a, b]\n: c\nd: e\n? {x: 1}\n: f\n")
    assert loaded.data == {"d": "e"}
    assert [(p.code, p.line) for p in loaded.problems] == [("yaml-syntax-error", 1), ("yaml-syntax-error", 4)]
    check_problem_shape(loaded)


def test_flow_mapping_key_in_flow_mapping(backend):
    loaded = load_yaml_text("{[a]: 1, b: 2}")
    assert loaded.data == {"b": "2"}
    assert codes(loaded) == ["yaml-syntax-error"]


def test_depth_limit_boundary(backend):
    ok = "[" * MAX_DEPTH + "]" * MAX_DEPTH
    loaded = load_yaml_text(ok)
    assert loaded.problems == []
    too_deep = "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1)
    loaded = load_yaml_text(too_deep)
    assert loaded.data is None
    assert codes(loaded) == ["nesting-too-deep"]
    assert (loaded.problems[0].line, loaded.problems[0].column) == (1, MAX_DEPTH + 1)
    assert load_yaml_text("a:\n  b:\n    c: 1\n", max_depth=2).data is None
    assert load_yaml_text("a:\n  b: 1\n", max_depth=2).data == {"a": {"b": "1"}}


@pytest.mark.parametrize(
    "text",
    [
        "[" * 100_000,
        "[" * 100_000 + "]" * 100_000,
        "{a: " * 10_000 + "x" + "}" * 10_000,
        "- " * 10_000 + "x\n",
        "".join(" " * i + f"k{i}:\n" for i in range(1_000)) + " " * 1_000 + "x\n",
    ],
    ids=["open-brackets", "balanced-brackets", "flow-maps", "dash-lists", "block-maps"],
)
def test_deep_nesting_never_raises(backend, text):
    start = time.perf_counter()
    loaded = load_yaml_text(text)
    assert time.perf_counter() - start < 5
    assert loaded.data is None
    assert codes(loaded) and set(codes(loaded)) <= {"nesting-too-deep", "yaml-syntax-error"}
    check_problem_shape(loaded)


def test_deep_nesting_is_reported_without_a_limit_large_enough_to_recurse(backend):
    # even with a huge limit the iterative builder must not hit RecursionError
    # (1,500 levels is past Python's default recursion limit of 1,000)
    text = "[" * 1_500 + "]" * 1_500
    loaded = load_yaml_text(text, max_depth=10**9)
    if loaded.problems:  # libyaml from PyYAML 6.0.4 on has a depth limit of its own (1,000)
        assert [p.code for p in loaded.problems] == ["nesting-too-deep"] and loaded.data is None
        return
    assert loaded.problems == []
    depth, node = 0, loaded.data
    while node:
        node = node[0]
        depth += 1
    assert depth == 1_499  # the innermost list is empty


# ---------------------------------------------------------------------------
# syntax errors and documents


@pytest.mark.parametrize(
    "text, line, column",
    [
        ("a: 1\nb: c: d\n", 2, 5),
        ("title: x\nbody:\n\tindented: 1\n", 3, 1),
        ("a: 1\n a: 2\n", 2, 3),
        ("k: 康乐 县: x\n", 1, 8),
    ],
)
def test_syntax_errors_with_line_and_column(backend, text, line, column):
    loaded = load_yaml_text(text)
    assert loaded.data is None
    assert codes(loaded) == ["yaml-syntax-error"]
    problem = loaded.problems[0]
    assert (problem.line, problem.column) == (line, column)
    assert problem.message.startswith("YAML 语法错误：")
    check_problem_shape(loaded)


@pytest.mark.parametrize(
    "text, line",
    [
        ("a: [1, 2\nc: 3\n", 2),
        ("a: 'unterminated\nb: 2\n", 3),
        ("a: 1\nb\n", 3),
        ("- a\n- b\nc: 1\n", 3),
        ("a: \"\\q\"\n", 1),
        ("]\n", 1),
    ],
)
def test_syntax_errors_lines(backend, text, line):
    loaded = load_yaml_text(text)
    assert loaded.data is None
    assert codes(loaded) == ["yaml-syntax-error"]
    assert loaded.problems[0].line == line
    check_problem_shape(loaded)


def test_syntax_error_keeps_earlier_problems_but_drops_data(backend):
    loaded = load_yaml_text("a: 1\na: 2\nb: [\n")
    assert loaded.data is None
    assert codes(loaded) == ["duplicate-key", "yaml-syntax-error"]
    assert loaded.key_marks == {} and loaded.value_marks == {}


@pytest.mark.parametrize(
    "text, line",
    [
        ("a: 1\n---\nb: 2\n", 2),
        ("---\na: 1\n---\nb: 2\n", 3),
        ("---\n---\n", 2),
        ("a: 1\n...\n---\nb: 2\n", 3),
    ],
)
def test_multiple_documents_rejected(backend, text, line):
    loaded = load_yaml_text(text)
    assert loaded.data is None
    assert codes(loaded) == ["yaml-syntax-error"]
    assert loaded.problems[0].line == line
    assert "一个文件只能包含一个 YAML 文档" in loaded.problems[0].message


def test_single_explicit_document_is_fine(backend):
    for text in ("---\na: 1\n", "---\na: 1\n...\n", "%YAML 1.1\n---\na: 1\n"):
        loaded = load_yaml_text(text)
        assert loaded.problems == [], text
        assert loaded.data == {"a": "1"}


@pytest.mark.parametrize("char", ["\x00", "\x01", "\x07", "\x1b", "\x7f", "\x9f", "\ud800", "\ufffe"])
def test_control_characters_rejected_with_position(backend, char):
    loaded = load_yaml_text(f"a: 1\nbb: x{char}y\n")
    assert loaded.data is None
    assert codes(loaded) == ["yaml-syntax-error"]
    assert (loaded.problems[0].line, loaded.problems[0].column) == (2, 6)
    assert f"U+{ord(char):04X}" in loaded.problems[0].message


def test_nul_byte_in_bytes(backend):
    loaded = load_yaml_bytes(b"title: a\nbody: b\x00c\n")
    assert codes(loaded) == ["yaml-syntax-error"]
    assert (loaded.problems[0].line, loaded.problems[0].column) == (2, 8)


# ---------------------------------------------------------------------------
# bytes, encodings, BOM


def test_invalid_utf8_reports_first_bad_byte():
    raw = "title: 标题\nbody: 正文\n".encode() + b"note: \xff\xfe bad\n"
    loaded = load_yaml_bytes(raw)
    assert loaded.data is None
    assert codes(loaded) == ["file-not-utf8"]
    assert (loaded.problems[0].line, loaded.problems[0].column) == (3, 7)
    assert "0xFF" in loaded.problems[0].message
    check_problem_shape(loaded)


def test_invalid_utf8_column_counts_characters_before_it():
    raw = "t: 中文".encode() + b"\xe4\xb8"  # truncated multi-byte sequence
    loaded = load_yaml_bytes(raw)
    assert codes(loaded) == ["file-not-utf8"]
    assert (loaded.problems[0].line, loaded.problems[0].column) == (1, 6)


def test_gbk_file_is_not_utf8():
    loaded = load_yaml_bytes("标题: 康乐县\n".encode("gbk"))
    assert codes(loaded) == ["file-not-utf8"]
    assert (loaded.problems[0].line, loaded.problems[0].column) == (1, 1)


def test_utf16_file_is_not_utf8():
    loaded = load_yaml_bytes("a: 1\n".encode("utf-16"))
    assert codes(loaded) == ["file-not-utf8"]


def test_bom_is_stripped_and_positions_start_after_it(backend, tmp_path):
    raw = b"\xef\xbb\xbf" + "title: 标题\nitems:\n  - x\n".encode()
    for loaded in (load_yaml_bytes(raw), load_yaml_text(raw.decode("utf-8"))):
        assert loaded.problems == []
        assert loaded.data == {"title": "标题", "items": ["x"]}
        assert loaded.key_marks[("title",)] == Span(1, 1)
        assert loaded.value_marks[("title",)] == Span(1, 8)
        assert loaded.value_marks[("items", 0)] == Span(3, 5)
    path = tmp_path / "bom.yml"
    path.write_bytes(raw)
    assert load_yaml_file(path).key_marks[("title",)] == Span(1, 1)


def test_invalid_utf8_after_bom_position():
    loaded = load_yaml_bytes(b"\xef\xbb\xbfab\xc0")
    assert (loaded.problems[0].line, loaded.problems[0].column) == (1, 3)


def test_bytes_like_inputs():
    assert load_yaml_bytes(bytearray(b"a: 1")).data == {"a": "1"}
    assert load_yaml_bytes(memoryview(b"a: 1")).data == {"a": "1"}


def test_bytes_over_limit():
    loaded = load_yaml_bytes(b"a: 1\n" * 10, max_bytes=20)
    assert loaded.data is None
    assert codes(loaded) == ["file-too-large"]
    assert "50" in loaded.problems[0].message and "20" in loaded.problems[0].message


# ---------------------------------------------------------------------------
# never raise: fuzzing

YAMLISH = list("abc:- \n\t[]{},&*!|>'\"#%@`?~.\\0123456789") + ["---", "...", "\r\n", "  ", "中", "\ufeff"]


def test_random_bytes_never_raise(backend):
    rng = random.Random(20240305)
    for _ in range(300):
        raw = rng.randbytes(rng.randrange(0, 400))
        loaded = load_yaml_bytes(raw)
        assert isinstance(loaded, LoadedYaml)
        check_problem_shape(loaded)
        # the same bytes, forced through the parser as text
        loaded = load_yaml_text(raw.decode("latin-1"))
        check_problem_shape(loaded)


def test_random_yamlish_text_never_raises(backend):
    rng = random.Random(12345)
    for _ in range(1500):
        text = "".join(rng.choice(YAMLISH) for _ in range(rng.randrange(0, 80)))
        loaded = load_yaml_text(text)
        assert isinstance(loaded, LoadedYaml)
        check_problem_shape(loaded)
        if loaded.data is not None:
            # marks always point inside the text's lines
            lines = text.count("\n") + text.count("\r") + 2
            for span in list(loaded.key_marks.values()) + list(loaded.value_marks.values()):
                assert 1 <= span.line <= lines


def test_random_mutations_of_a_record_never_raise(backend):
    rng = random.Random(7)
    base = NESTED.encode()
    for _ in range(500):
        raw = bytearray(base)
        for _ in range(rng.randrange(1, 6)):
            pos = rng.randrange(len(raw))
            choice = rng.random()
            if choice < 0.4:
                raw[pos] = rng.randrange(256)
            elif choice < 0.7:
                del raw[pos]
            else:
                raw[pos:pos] = rng.choice([b":", b"-", b"[", b"{", b"&a ", b"*a", b"!x ", b"\t", b"\n ", b"'"])
        loaded = load_yaml_bytes(bytes(raw))
        check_problem_shape(loaded)


def test_non_text_inputs_do_not_raise():
    assert codes(load_yaml_text(b"a: 1")) == ["yaml-syntax-error"]  # type: ignore[arg-type]
    assert codes(load_yaml_bytes(12345)) != []  # type: ignore[arg-type]
    assert codes(load_yaml_bytes(None)) == ["yaml-syntax-error"]  # type: ignore[arg-type]


# ---------------------------------------------------------------------------
# files


def test_load_file(tmp_path):
    path = tmp_path / "kzf-2024-12.yml"
    path.write_text("title: 康乐县城乡供水管理办法\nwritten: 2024-03-05\n", encoding="utf-8")
    loaded = load_yaml_file(path)
    assert loaded.problems == []
    assert loaded.data == {"title": "康乐县城乡供水管理办法", "written": "2024-03-05"}
    assert loaded.value_marks[("written",)] == Span(2, 10)
    assert load_yaml_file(str(path)).data == loaded.data  # type: ignore[arg-type]


def test_huge_file_rejected_without_reading_it(tmp_path, monkeypatch):
    path = tmp_path / "huge.yml"
    size = 50 * 1024 * 1024
    with path.open("wb") as handle:
        chunk = b"key: value\n" * 100_000
        written = 0
        while written < size:
            handle.write(chunk)
            written += len(chunk)
    real_size = path.stat().st_size

    def forbidden_open(*args, **kwargs):
        raise AssertionError("the file must not be opened")

    monkeypatch.setattr(yamlload, "open", forbidden_open, raising=False)
    start = time.perf_counter()
    loaded = load_yaml_file(path)
    elapsed = time.perf_counter() - start
    assert elapsed < 1.0
    assert loaded.data is None
    assert codes(loaded) == ["file-too-large"]
    problem = loaded.problems[0]
    assert (problem.line, problem.column) == (1, 1)
    assert f"{real_size:,}" in problem.message
    assert f"{MAX_FILE_BYTES:,}" in problem.message
    check_problem_shape(loaded)


def test_file_size_limit_boundary(tmp_path):
    path = tmp_path / "r.yml"
    path.write_bytes(b"a: " + b"x" * 97)  # 100 bytes
    assert load_yaml_file(path, max_bytes=100).problems == []
    assert codes(load_yaml_file(path, max_bytes=99)) == ["file-too-large"]


def test_file_that_grows_after_stat_is_still_capped(tmp_path, monkeypatch):
    path = tmp_path / "grow.yml"
    path.write_bytes(b"a: " + b"x" * 1000)

    class FakeStat:
        st_size = 10  # stat claims a small file

    monkeypatch.setattr(Path, "stat", lambda self, **kw: FakeStat())
    reads: list[int] = []
    real_open = open

    def spying_open(*args, **kwargs):
        handle = real_open(*args, **kwargs)
        real_read = handle.read

        class Spy:
            def __enter__(self):
                return self

            def __exit__(self, *exc):
                handle.close()

            def read(self, n=-1):
                reads.append(n)
                return real_read(n)

        return Spy()

    monkeypatch.setattr(yamlload, "open", spying_open, raising=False)
    loaded = load_yaml_file(path, max_bytes=100)
    assert codes(loaded) == ["file-too-large"]
    assert sum(reads) <= 101 and all(n >= 0 for n in reads)


def test_missing_file_and_directory_do_not_raise(tmp_path):
    for target in (tmp_path / "missing.yml", tmp_path):
        loaded = load_yaml_file(target)
        assert loaded.data is None
        assert codes(loaded) == ["yaml-syntax-error"]
        check_problem_shape(loaded)


# ---------------------------------------------------------------------------
# speed


def test_loading_many_small_files_gives_no_problems(tmp_path):
    """(How fast: benchmarks/bench_check.py prints the loader's time per file; a timed assertion
    failed on a busy machine.)"""
    record = NESTED * 1 + "".join(f"extra_{i}: 值{i}\n" for i in range(28))  # ~40 lines
    assert 38 <= record.count("\n") <= 42
    for i in range(50):
        path = tmp_path / f"r{i}.yml"
        path.write_text(record, encoding="utf-8")
        assert not load_yaml_file(path).problems
