"""正文中有不安全的标记：原始 HTML 标签、事件属性，或 javascript:、data: 链接。

正文用 Markdown 书写。为防止脚本注入和页面被篡改，只允许 <br>、<sup>、<sub> 三个无属性的
HTML 标签；不允许 <script>、<iframe>、<img onerror=…> 等任何其他标签或 on… 事件属性，
链接地址（包括 [1]: 形式的引用链接）不允许 javascript:、vbscript:、data:。代码块和行内代码中的
尖括号按原文显示，不受限制。引用和列表最多嵌套 16 层、方括号“[”最多 500 个：更复杂的结构无法在
有限时间内排版，生成网站时会被拒绝。
"""

import re

from ..findings import NO_CITATION
from ..markup import complexity_problem
from ..safe_markup import AUTHOR_TAGS, SCRIPT_SCHEMES
from .base import EVERY_TYPE, Hit, Rule
from .examples import POLICY_FILE, one_file, policy
from .common import PROSE_FIELDS, prose

FENCE = re.compile(r"^(```|~~~).*?^\1", re.S | re.M)
INLINE_CODE = re.compile(r"`[^`\n]*`")
TAG = re.compile(r"<(\s*/)?\s*([A-Za-z][A-Za-z0-9-]*|!--)([^>]*)>?")
EVENT_ATTR = re.compile(r"\bon[a-z]+\s*=", re.I)
BAD_SCHEME = re.compile(r"(?:\]\(\s*(?:<\s*)?|<\s*|(?:href|src)\s*=\s*(?:[\"']\s*)?|^[ \t]{0,3}\[[^\]\n]{1,999}\]:[ \t]*(?:<\s*)?)"
                        r"(" + "|".join(SCRIPT_SCHEMES) + r")\s*:", re.I | re.M)
"""Every regex here is linear: no two quantifiers over overlapping characters follow each other, so
a body of a million spaces after ``<`` or ``](`` costs one pass (tests/test_attack_bounds.py)."""

RULE = Rule(
    code="GK208", name="unsafe-markup", title="不安全的标记", severity="error",
    citation=NO_CITATION, explanation=__doc__,
    applies_to=EVERY_TYPE,
    **one_file(POLICY_FILE,
               policy(body="|\n  各乡（镇）人民政府：\n\n  <script>alert(1)</script>详见[附件](javascript:alert(1))。  # ←"),
               policy(body="|\n  各乡（镇）人民政府：<br>\n\n  单位：m<sup>3</sup>。示例代码 `<script>` 按原文显示。")),
    reads=PROSE_FIELDS,
)


def _spaces(match: re.Match) -> str:
    return re.sub(r"[^\n]", " ", match[0])


def _blank_code(text: str) -> str:
    """Code blocks and inline code replaced by spaces of the same length, so offsets stay true."""
    return INLINE_CODE.sub(_spaces, FENCE.sub(_spaces, text))


def unsafe_parts(text: str) -> list[tuple[int, str]]:
    """``(offset, what)`` of every unsafe piece of markup, in text order."""
    text = _blank_code(text)
    found = []
    for m in TAG.finditer(text):
        name = m[2].lower()
        if name not in AUTHOR_TAGS or m[3].strip(" /"):
            found.append((m.start(), f"<{'/' if m[1] else ''}{m[2]}>" if name != "!--" else "<!-- -->"))
    found += [(m.start(), m[0].strip()) for m in EVENT_ATTR.finditer(text)]
    found += [(m.start(1), f"{m[1].lower()}: 链接") for m in BAD_SCHEME.finditer(text)]
    return sorted(found)


def check(rec, site):
    for path, text in prose(rec.source.data):
        problem = complexity_problem(text)
        if problem:
            yield Hit(path, f"结构过于复杂，无法安全排版：{problem[1]}", offset=problem[0])
        if "<" in text or ":" in text:
            found = unsafe_parts(text)
            if found:
                shown = "、".join(dict.fromkeys(what for _, what in found))
                yield Hit(path, f"含有不允许的标记：{shown}", offset=found[0][0])
