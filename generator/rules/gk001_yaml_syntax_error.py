"""文件不是合法的 YAML，无法读取。

记录文件必须能按 YAML 读取：缩进对齐、引号成对、一个文件只写一个文档、不含控制字符。
检查器指出出错的行和列；修正后才能校验其余规则。
"""

import re

from ..findings import NO_CITATION
from .base import LoadProblem, Rule
from .common import LINE_BREAK, text_position
from .examples import policy, policy_examples

RULE = Rule(
    code="GK001", name="yaml-syntax-error", title="YAML 语法错误", severity="error",
    citation=NO_CITATION, explanation=__doc__,
    **policy_examples(policy(title="示例县关于做好防汛工作的通知: 补充", mark="title")),
)


# The loader (``generator.yamlload``) reads each file once and calls these when something does not parse.

NON_PRINTABLE = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
"""Characters YAML 1.1 (and so PyYAML / libyaml) refuses anywhere in a stream."""


def problem(message: str, line: int = 1, column: int = 1) -> LoadProblem:
    return LoadProblem(RULE.name, message, line, column)


def unreadable(exc: BaseException) -> LoadProblem:
    """The file could not be read at all."""
    if isinstance(exc, OSError):
        return problem(f"无法读取文件：{exc.strerror or type(exc).__name__}。")
    return problem(f"无法读取文件（{type(exc).__name__}）。")


def not_text() -> LoadProblem:
    return problem("YAML 内容必须是文本。")


def crashed(exc: BaseException, *, decoding: bool = False) -> LoadProblem:
    """A failure the loader did not foresee (defensive: never a traceback)."""
    if decoding:
        return problem(f"YAML 文件无法读取（{type(exc).__name__}）。")
    return problem(f"YAML 解析失败（{type(exc).__name__}）。")


def control_character(text: str) -> LoadProblem | None:
    """The first character YAML does not allow anywhere, or None."""
    bad = NON_PRINTABLE.search(text)
    if bad is None:
        return None
    line, column = text_position(text, bad.start())
    return problem(f"YAML 语法错误：文件中含有 YAML 不允许的字符 U+{ord(bad.group()):04X}"
                   "（控制字符或无效字符），请删除该字符。", line, column)


def reader_error(exc, line: int, column: int) -> LoadProblem:
    """The parser's reader refused a character (normally caught first by :func:`control_character`)."""
    return problem(f"YAML 语法错误：文件中含有不允许的字符（{exc.reason}）。", line, column)


def collection_key(mark) -> LoadProblem:
    return LoadProblem.at(RULE, "YAML 语法错误：键只能是文字，不能是列表或映射。", mark)


def second_document(mark) -> LoadProblem:
    return LoadProblem.at(RULE, "YAML 语法错误：一个文件只能包含一个 YAML 文档，此处又开始了一个新文档。", mark)


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


def syntax_error(exc: BaseException, line: int = 1, column: int = 1) -> LoadProblem:
    """One Chinese sentence for a PyYAML error, keeping its short English problem."""
    problem_text = " ".join(str(getattr(exc, "problem", None) or "").split())
    if not problem_text:
        problem_text = " ".join(str(exc).split()[:12]) or type(exc).__name__
    explanation = problem_text
    for needle, chinese in _PROBLEM_TRANSLATIONS:
        if needle in problem_text:
            explanation = f"{chinese}（{problem_text}）"
            break
    where = ""
    context_mark = getattr(exc, "context_mark", None)
    problem_mark = getattr(exc, "problem_mark", None)
    if context_mark is not None and problem_mark is not None and context_mark.line != problem_mark.line:
        where = f"，相关内容从第 {context_mark.line + 1} 行第 {context_mark.column + 1} 列开始"
    return problem(f"YAML 语法错误：{explanation}{where}。", line, column)


# What a Chinese input method does to YAML: said on the line where the clerk made it.

_FULLWIDTH_COLON_KEY = re.compile(r"^[ \u3000]*(?:-[ \u3000]+)?[A-Za-z_][A-Za-z0-9_.-]*[ \u3000]*：")
_FULLWIDTH_INDENT = re.compile(r"^ *\u3000+[ \u3000]*(?:-[ \u3000]|[A-Za-z_][A-Za-z0-9_.-]*[ \u3000]*[:：])")
_KEY_LINE = re.compile(r"^( *)(?:- +)?[A-Za-z_][A-Za-z0-9_.-]*:(?:[ \t]+(\S.*)?)?$")
_BLOCK_SCALAR = re.compile(r":[ \t]+[|>][0-9+-]*[ \t]*(?:#.*)?$")


def _lines_outside_block_scalars(text: str):
    """(line number, line) of every line that is not the content of a ``|`` or ``>`` block."""
    block_indent = None
    for number, line in enumerate(LINE_BREAK.split(text), 1):
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
            found.append(problem(f"YAML 语法错误：第 {number} 行用全角空格“　”缩进，请改为半角空格。",
                                 number, line.index("\u3000") + 1))
        elif _FULLWIDTH_COLON_KEY.match(line):
            found.append(problem(f"YAML 语法错误：第 {number} 行用了全角冒号“：”，请改为半角“:”。",
                                 number, line.index("：") + 1))
    return found


def _missing_indent(text: str, error_line: int) -> LoadProblem | None:
    """A ``key: value`` line that should sit under the ``key:`` above it but was typed without its
    indent: the parser stumbles on the next, deeper line; the mistake is the line before."""
    lines = LINE_BREAK.split(text)
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
        return problem(f"YAML 语法错误：第 {error_line} 行缺少缩进：它属于第 {n1} 行的列表项，"
                       f"应与“{item.group(2)}”对齐（缩进 {width} 个空格）。", error_line, 1)
    m_prev, m_parent = _KEY_LINE.match(prev), _KEY_LINE.match(parent)
    if not (m_prev and m_parent) or m_prev.group(2) is None or m_parent.group(2) is not None:
        return None
    indent = lambda s: len(s) - len(s.lstrip(" "))
    if indent(here) > indent(prev) and indent(prev) <= indent(parent):
        key = parent.strip().rstrip(":").lstrip("- ").strip()
        return problem(f"YAML 语法错误：第 {n1} 行缺少缩进：它属于第 {n2} 行的“{key}:”，"
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


def input_method_hints(text: str, problems: list[LoadProblem], data: object) -> list[LoadProblem] | None:
    """A parse failure (or keys that swallowed a full-width character) re-said as the input-method
    mistake that caused it, on the line where it was made: the file's problems with the syntax
    errors replaced by the hints (the tree is then dropped), or None when nothing is to be re-said."""
    syntax = [p for p in problems if p.code == RULE.name]
    if not syntax and ("\u3000" not in text and "：" not in text or not _odd_keys(data)):
        return None
    last = max((p.line for p in syntax), default=len(LINE_BREAK.split(text)))
    hints = [p for p in input_method_problems(text) if p.line <= last]
    if not hints and syntax:
        indent = _missing_indent(text, syntax[0].line)
        hints = [indent] if indent else []
    if not hints:
        return None
    return [p for p in problems if p.code != RULE.name] + hints
