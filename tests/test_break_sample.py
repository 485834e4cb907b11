"""Break the sample site one rule at a time and check that exactly that rule fires, in the right place.

Every rule in /work/shared/design/rules.md (the county-rules table, the national table, the
working-day calendar rule and the format errors) gets at least one case, and every failure mode
that rules.md lists for a rule gets its own case. A case copies the sample site (site_config.yml +
content/), edits a real record's YAML text in one realistic way that the rule forbids, runs the
checker, and asserts:

- the exit status (1 when the rule is an error, 0 for a warning);
- the set of rule codes among errors and warnings, less the sample's one expected warning
  (GK103 on content/proposals/rd17-5-044.yml), is exactly the rule broken;
- each of those findings is in the file that was broken, on the line that was changed
  (computed from the edited text, never hard-coded);
- its severity, and its source/article, match rules.md's citation for the rule.

Where an edit removes text (a deleted key, a deleted file) there is no changed line left to point
at; those cases expect the key whose presence makes the missing thing required (or, for a missing
required key, the mapping that lacks it), and say so. Two cases expect a line other than the one
edited because the edit only makes another value wrong: GK110 (a record refiled as 规章 makes its
existing signer wrong: the signer line) and the oversized attachment (the record's file: line).

The checker runs in-process (``check_site``) except for a few cases marked ``cli``, which run
``python -m generator check --format json`` to cover the command-line contract as well.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Callable, NamedTuple

import pytest

from generator.check import check_site

REPO = Path(__file__).resolve().parent.parent
TODAY = date(2026, 11, 26)

WORK_RULES = "康乐县人民政府工作规则"
REGULATIONS = "中华人民共和国政府信息公开条例"

BASELINE = ("GK103", "content/proposals/rd17-5-044.yml", "warning")
"""The sample's one expected finding: an unanswered proposal past its deadline."""


# ---------------------------------------------------------------- the sample site and edits


@pytest.fixture(scope="module")
def pristine(tmp_path_factory) -> Path:
    """One snapshot of the sample per module, so that concurrent edits to the tree do not leak in mid-run."""
    root = tmp_path_factory.mktemp("sample")
    shutil.copy2(REPO / "site_config.yml", root / "site_config.yml")
    shutil.copytree(REPO / "content", root / "content")
    return root


@pytest.fixture
def sample(pristine, tmp_path) -> "Sample":
    """A fresh copy of the sample for one test."""
    root = tmp_path / "site"
    shutil.copytree(pristine, root)
    return Sample(root)


class Sample:
    """Line-level text edits on a copy of the sample; every edit returns the 1-based line it touched."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def _lines(self, rel: str) -> list[str]:
        return (self.root / rel).read_text("utf-8").split("\n")

    def _write(self, rel: str, lines: list[str]) -> None:
        (self.root / rel).write_text("\n".join(lines), "utf-8")

    def line_of(self, rel: str, prefix: str, after: str | None = None) -> int:
        """The line starting with ``prefix`` (the first one after the line starting with ``after``)."""
        lines = self._lines(rel)
        start = 0
        if after is not None:
            anchors = [i for i, line in enumerate(lines) if line.startswith(after)]
            assert len(anchors) == 1, f"{rel}: anchor {after!r} found {len(anchors)} times"
            start = anchors[0] + 1
        hits = [i for i, line in enumerate(lines) if i >= start and line.startswith(prefix)]
        assert hits, f"{rel}: no line starts with {prefix!r}" + (f" after {after!r}" if after else "")
        if after is None:
            assert len(hits) == 1, f"{rel}: {prefix!r} starts {len(hits)} lines; give an anchor"
        return hits[0] + 1

    def replace(self, rel: str, prefix: str, new: str, after: str | None = None) -> int:
        n = self.line_of(rel, prefix, after)
        lines = self._lines(rel)
        assert lines[n - 1] != new, "the edit must change the line"
        lines[n - 1] = new
        self._write(rel, lines)
        return n

    def append_to(self, rel: str, prefix: str, text: str, after: str | None = None) -> int:
        """Add ``text`` at the end of the line starting with ``prefix``."""
        n = self.line_of(rel, prefix, after)
        lines = self._lines(rel)
        lines[n - 1] += text
        self._write(rel, lines)
        return n

    def insert_after(self, rel: str, prefix: str, new: list[str] | str, after: str | None = None) -> int:
        """Insert line(s) after the line starting with ``prefix``; returns the first inserted line."""
        n = self.line_of(rel, prefix, after)
        lines = self._lines(rel)
        lines[n:n] = [new] if isinstance(new, str) else new
        self._write(rel, lines)
        return n + 1

    def insert_before(self, rel: str, prefix: str, new: list[str] | str) -> int:
        n = self.line_of(rel, prefix)
        lines = self._lines(rel)
        lines[n - 1:n - 1] = [new] if isinstance(new, str) else new
        self._write(rel, lines)
        return n

    def delete(self, rel: str, prefix: str, count: int = 1, after: str | None = None) -> int:
        """Delete ``count`` lines starting at the line starting with ``prefix``."""
        n = self.line_of(rel, prefix, after)
        lines = self._lines(rel)
        del lines[n - 1:n - 1 + count]
        self._write(rel, lines)
        return n

    def reencode_line(self, rel: str, prefix: str, encoding: str) -> int:
        """Save one line in another encoding (as if pasted from a GBK document), the rest stays UTF-8."""
        n = self.line_of(rel, prefix)
        lines = self._lines(rel)
        data = b"\n".join(line.encode(encoding if i == n - 1 else "utf-8") for i, line in enumerate(lines))
        (self.root / rel).write_bytes(data)
        return n

    def rename(self, rel: str, new_rel: str) -> None:
        (self.root / rel).rename(self.root / new_rel)

    def remove(self, rel: str) -> None:
        (self.root / rel).unlink()


# ---------------------------------------------------------------- independent identifier helpers


def id_card(first17: str) -> str:
    """A GB 11643-1999 居民身份证号 with its check character."""
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    return first17 + "10X98765432"[sum(int(c) * w for c, w in zip(first17, weights)) % 11]


def luhn(payload: str) -> str:
    """``payload`` plus its Luhn check digit."""
    total = 0
    for i, c in enumerate(reversed(payload)):
        d = int(c) * (2 if i % 2 == 0 else 1)
        total += d - 9 if d > 9 else d
    return payload + str((10 - total % 10) % 10)


ID_NUMBER = id_card("62292219780915203")  # born 1978-09-15, 康乐县 region code
CARD_NUMBER = luhn("622848001234567890")  # 19 digits, Luhn-valid
CARD_SHOWN = " ".join(CARD_NUMBER[i:i + 4] for i in range(0, len(CARD_NUMBER), 4))


# ---------------------------------------------------------------- cases


class Where(NamedTuple):
    path: str
    line: int


@dataclass(frozen=True)
class Case:
    id: str
    rules: frozenset[str]
    severity: str
    cite: object  # (source, article), a set of acceptable pairs, a predicate, or ANY
    edit: Callable[[Sample], Where]
    cli: bool = False
    message_has: tuple[str, ...] = ()


ANY = object()
"""rules.md gives no citation ("—" or none): source/article are not constrained."""
FORMAT = (None, None)
"""content-format.md: plain format errors carry ``source: null``, ``article: null``."""

CASES: list[Case] = []


def case(case_id: str, rule: str, cite, *, severity: str = "error", also: tuple[str, ...] = (),
         cli: bool = False, message_has: tuple[str, ...] = ()):
    def register(fn):
        CASES.append(Case(case_id, frozenset((rule, *also)), severity, cite, fn, cli, message_has))
        return fn
    return register


POL = "content/policies/"
INT = "content/interpretations/"
DEC = "content/decisions/"
PRO = "content/proposals/"

# ---- format errors (content-format.md, rules.md "Format errors")


@case("GK001-yaml-syntax-colon-in-title", "GK001", FORMAT, cli=True)
def _(s: Sample) -> Where:
    f = PRO + "rd17-5-002.yml"
    return Where(f, s.replace(f, "title: 关于进一步优化营商环境", "title: 复文: 关于进一步优化营商环境推行涉企检查“无事不扰”的建议"))


@case("GK002-line-pasted-in-gbk", "GK002", FORMAT)
def _(s: Sample) -> Where:
    f = DEC + "2026-cwhy-04.yml"
    n = s.reencode_line(f, "  summary: 会议同意县林业和草原局提出的春季防火工作安排", "gbk")
    raw = (s.root / f).read_bytes()
    with pytest.raises(UnicodeDecodeError) as exc:
        raw.decode("utf-8")
    assert raw[:exc.value.start].count(b"\n") + 1 == n  # the first bad byte is on the edited line
    return Where(f, n)


@case("GK003-duplicate-published", "GK003", FORMAT)
def _(s: Sample) -> Where:
    f = POL + "kzbf-2024-6.yml"
    return Where(f, s.insert_after(f, "expires: 2029-05-16", "published: 2024-05-20"))


@case("GK004-anchor", "GK004", FORMAT)
def _(s: Sample) -> Where:
    f = DEC + "2025-cwhy-04.yml"
    return Where(f, s.replace(f, "topic: 综合政务/其他", "topic: &topic 综合政务/其他"))


@case("GK010-misspelt-expires", "GK010", FORMAT)
def _(s: Sample) -> Where:
    f = POL + "kzbf-2024-6.yml"
    return Where(f, s.replace(f, "expires: 2029-05-16", "expire: 2029-05-16"))


@case("GK011-stability-assessment-without-by", "GK011", FORMAT)
def _(s: Sample) -> Where:
    # The key is gone: expect the mapping that lacks it (stability_assessment:).
    f = DEC + "2026-cwhy-03.yml"
    s.delete(f, "    by: 甘肃明理社会稳定风险评估事务所")
    return Where(f, s.line_of(f, "  stability_assessment:"))


@case("GK012-meeting-number-not-integer", "GK012", FORMAT)
def _(s: Sample) -> Where:
    f = DEC + "2025-cwhy-03.yml"
    return Where(f, s.replace(f, "  number: 3", "  number: 第3次"))


@case("GK013-replied-chinese-date", "GK013", FORMAT)
def _(s: Sample) -> Where:
    f = PRO + "zx11-5-016.yml"
    return Where(f, s.replace(f, "replied: 2026-04-17", "replied: 2026年4月17日"))


@case("GK014-underscores-in-id", "GK014", FORMAT)
def _(s: Sample) -> Where:
    s.rename(PRO + "rd17-5-002.yml", PRO + "rd17_5_002.yml")
    return Where(PRO + "rd17_5_002.yml", 1)  # the file name is the problem: the file as a whole


@case("GK015-unknown-chair", "GK015", FORMAT)
def _(s: Sample) -> Where:
    f = DEC + "2025-xzbg-01.yml"
    return Where(f, s.replace(f, "  chair: zhou-mingyuan", "  chair: zhoumingyuan"))


@case("GK016-written-in-year-without-holidays", "GK016", ANY, message_has=("2018", "calendar"))
def _(s: Sample) -> Where:
    # rules.md: a year with no holiday data is an error naming the year and how to add it.
    f = POL + "kzf-2022-9.yml"
    return Where(f, s.replace(f, "written: 2022-03-11", "written: 2018-03-11"))


# ---- county work rules

C31 = (WORK_RULES, "第三十一条")


@case("GK101-item-withheld-without-basis", "GK101", C31)
def _(s: Sample) -> Where:
    f = DEC + "2026-cwhy-02.yml"
    return Where(f, s.insert_after(f, "- title: 研究2026年县级财政预算草案", "  disclosure: 依申请公开"))


@case("GK101-article-16-basis-warns", "GK101", {C31, (REGULATIONS, "第十六条")}, severity="warning")
def _(s: Sample) -> Where:
    f = DEC + "2025-cwhy-02.yml"
    return Where(f, s.replace(f, "  disclosure_basis: 商业秘密", "  disclosure_basis: 过程性信息"))


@case("GK101-basis-not-in-fixed-list", "GK101", C31)
def _(s: Sample) -> Where:
    f = DEC + "2025-cwhy-02.yml"
    return Where(f, s.replace(f, "  disclosure_basis: 商业秘密", "  disclosure_basis: 企业经营信息"))


C33 = (WORK_RULES, "第三十三条")


@case("GK102-interpretation-deleted", "GK102", C33)
def _(s: Sample) -> Where:
    # The interpretation file is gone: expect the policy, at the published date the deadline runs from.
    s.remove(INT + "jd-kzbf-2024-6.yml")
    return Where(POL + "kzbf-2024-6.yml", s.line_of(POL + "kzbf-2024-6.yml", "published:"))


@case("GK102-interpretation-late", "GK102", C33)
def _(s: Sample) -> Where:
    # published 2023-09-12 (Tue): 3 working days run to 09-15; the interpretation came out 09-18.
    f = POL + "kzjf-2023-3.yml"
    return Where(f, s.replace(f, "published: 2023-09-14", "published: 2023-09-12"))


@case("GK206-interpretation-before-policy", "GK206", ANY)
def _(s: Sample) -> Where:
    # rules.md lists "interpretation published before its policy" under GK102 and under GK206
    # (impossible dates): one problem, one finding — GK206 owns it, GK102 judges only the deadline.
    f = INT + "jd-kzbf-2024-6.yml"
    return Where(f, s.replace(f, "published: 2024-05-21", "published: 2024-05-16"))


C34 = (WORK_RULES, "第三十四条")


@case("GK103-replied-after-deadline", "GK103", C34)
def _(s: Sample) -> Where:
    # assigned 2026-03-03: due 2026-06-03. The reply went out 06-10 and was published a week later.
    f = PRO + "rd17-5-010.yml"
    n = s.replace(f, "replied: 2026-05-06", "replied: 2026-06-10")
    s.replace(f, "published: 2026-05-14", "published: 2026-06-17")
    return Where(f, n)


@case("GK103-extension-beyond-six-months", "GK103", C34)
def _(s: Sample) -> Where:
    # assigned 2025-03-04: six months run to 2025-09-04.
    f = PRO + "rd17-4-047.yml"
    return Where(f, s.replace(f, "extended_to: 2025-08-29", "extended_to: 2025-09-30"))


@case("GK103-replied-after-approved-extension", "GK103", C34)
def _(s: Sample) -> Where:
    f = PRO + "rd17-4-047.yml"
    return Where(f, s.replace(f, "replied: 2025-08-21", "replied: 2025-09-02"))


@case("GK103-unanswered-overdue-warns", "GK103", C34, severity="warning")
def _(s: Sample) -> Where:
    # assigned 2026-08-07: due in November, still unanswered on 2026-11-26.
    f = PRO + "zx11-5-040.yml"
    return Where(f, s.replace(f, "assigned: 2026-09-08", "assigned: 2026-08-07"))


@case("GK104-result-published-late", "GK104", C34)
def _(s: Sample) -> Where:
    f = PRO + "rd17-5-002.yml"
    return Where(f, s.replace(f, "published: 2026-04-29", "published: 2026-06-30"))


@case("GK104-result-never-published", "GK104", C34)
def _(s: Sample) -> Where:
    # published is gone: expect replied:, the answer that starts the publication deadline.
    f = PRO + "rd17-5-002.yml"
    s.delete(f, "published: 2026-04-29")
    return Where(f, s.line_of(f, "replied:"))


@case("GK104-answered-without-reply-disclosure", "GK104", C34)
def _(s: Sample) -> Where:
    # result and satisfaction may be missing (real reply pages rarely show them); how the reply is
    # published may not
    f = PRO + "zx11-5-016.yml"
    s.delete(f, "result: A")
    s.delete(f, "satisfaction: 满意")
    s.delete(f, "reply_disclosure: 全文公开")
    return Where(f, s.line_of(f, "replied:"))


@case("GK105-meeting-document-issued-late", "GK105", (WORK_RULES, "第四十七条"))
def _(s: Sample) -> Where:
    # 2026-qthy-01 met 2026-01-16 (Fri): 7 working days run to 01-27. The list was issued 02-02
    # and published the next day (so the publication itself stays within 20 working days).
    f = POL + "kzbf-2026-4.yml"
    n = s.replace(f, "issued: 2026-01-21", "issued: 2026-02-02")
    s.replace(f, "published: 2026-01-23", "published: 2026-02-03")
    return Where(f, n)


C24 = (WORK_RULES, "第二十四条")


@case("GK106-major-without-procedures", "GK106", C24)
def _(s: Sample) -> Where:
    f = DEC + "2026-cwhy-01.yml"
    return Where(f, s.insert_after(f, "- title: 审议《康乐县支持民营经济高质量发展若干措施》", "  major: true"))


@case("GK106-legality-review-after-meeting", "GK106", C24)
def _(s: Sample) -> Where:
    # the meeting was on 2026-02-06
    f = DEC + "2026-cwhy-03.yml"
    return Where(f, s.replace(f, "      date: 2026-01-28", "      date: 2026-02-09", after="    legality_review:"))


@case("GK107-public-interest-without-assessment", "GK107", (WORK_RULES, "第二十六条"))
def _(s: Sample) -> Where:
    f = DEC + "2025-cwhy-04.yml"
    return Where(f, s.insert_after(f, "  major: true", "  public_interest: true"))


C22 = (WORK_RULES, "第二十二条")


@case("GK108-no-legality-review", "GK108", C22)
def _(s: Sample) -> Where:
    # legality_review is gone: expect kind:, which makes the review required.
    f = POL + "kzbf-2024-6.yml"
    s.delete(f, "legality_review:", count=3)
    return Where(f, s.line_of(f, "kind: 行政规范性文件"))


@case("GK108-review-result-not-lawful", "GK108", C22)
def _(s: Sample) -> Where:
    f = POL + "kzbf-2024-6.yml"
    return Where(f, s.replace(f, "  result: 合法", "  result: 不合法"))


@case("GK108-review-after-written", "GK108", C22)
def _(s: Sample) -> Where:
    # written 2024-05-13
    f = POL + "kzbf-2024-6.yml"
    return Where(f, s.replace(f, "  date: 2024-05-07", "  date: 2024-05-15"))


@case("GK109-normative-document-sets-fine", "GK109", C22, severity="warning", cli=True)
def _(s: Sample) -> Where:
    f = POL + "kzbf-2024-6.yml"
    return Where(f, s.append_to(f, "  第八条　建立“好差评”", "对提供虚假材料骗取办理的，由县政务服务中心处以五千元罚款。"))


@case("GK110-rule-signed-by-deputy", "GK110", (WORK_RULES, "第五十二条"))
def _(s: Sample) -> Where:
    # kzf-2025-3 is signed by 马建林 (常务副县长); filed as a 规章 the signature is wrong.
    # The offending value is the signer, so that is the line expected.
    f = POL + "kzf-2025-3.yml"
    s.replace(f, "kind: 行政规范性文件", "kind: 规章")
    return Where(f, s.line_of(f, "signer: ma-jianlin"))


C71 = (WORK_RULES, "第七十一条")


@case("GK111-repeals-unknown-id", "GK111", C71)
def _(s: Sample) -> Where:
    f = POL + "kzbf-2025-4.yml"
    return Where(f, s.replace(f, "- kzbf-2023-12", "- kzbf-2023-21"))


@case("GK111-repeal-cycle", "GK111", C71)
def _(s: Sample) -> Where:
    # kzf-2025-3 repeals kzf-2023-5; now kzf-2023-5 also claims to repeal kzf-2025-3.
    f = POL + "kzf-2023-5.yml"
    return Where(f, s.insert_before(f, "body: |", "repeals: [kzf-2025-3]"))


@case("GK111-repealed-status-without-date", "GK111", C71)
def _(s: Sample) -> Where:
    # repealed_on is gone: expect status:, which requires it.
    f = POL + "kcf-2023-8.yml"
    s.delete(f, "repealed_on: 2025-11-28")
    return Where(f, s.line_of(f, "status: 废止"))


@case("GK111-amends-external-doc-no-warns", "GK111", C71, severity="warning")
def _(s: Sample) -> Where:
    f = POL + "ksf-2025-7.yml"
    return Where(f, s.replace(f, "- 康水发〔2023〕4号", "- 康水发〔2022〕4号"))


# ---- national rules and standards

C26 = (REGULATIONS, "第二十六条")


@case("GK201-policy-published-late", "GK201", C26, cli=True)
def _(s: Sample) -> Where:
    # written 2024-06-17
    f = POL + "kzbf-2024-9.yml"
    return Where(f, s.replace(f, "published: 2024-06-21", "published: 2024-08-30"))


@case("GK201-meeting-published-late", "GK201", C26)
def _(s: Sample) -> Where:
    # met 2026-05-12
    f = DEC + "2026-zthy-01.yml"
    return Where(f, s.replace(f, "published: 2026-05-15", "published: 2026-07-15"))


GBT9704 = ("GB/T 9704-2012", "7.2.5")


def _doc_no_case(case_id: str, bad: str):
    @case(case_id, "GK202", GBT9704)
    def _(s: Sample) -> Where:
        f = POL + "kzf-2024-7.yml"
        return Where(f, s.replace(f, "doc_no: 康政发〔2024〕7号", f"doc_no: {bad}"))


_doc_no_case("GK202-square-brackets", "康政发[2024]7号")
_doc_no_case("GK202-short-year", "康政发〔24〕7号")
_doc_no_case("GK202-di-before-serial", "康政发〔2024〕第7号")
_doc_no_case("GK202-leading-zero", "康政发〔2024〕07号")
_doc_no_case("GK202-prefix-of-another-issuer", "康政办发〔2024〕7号")


def _three_unifications(f) -> bool:
    quote = f.quote or ""
    return "统一登记" in quote and "统一编号" in quote


@case("GK203-duplicate-doc-no", "GK203", _three_unifications)
def _(s: Sample) -> Where:
    # copied from the previous document, 康政办发〔2026〕7号 (kzbf-2026-7)
    f = POL + "kzbf-2026-9.yml"
    return Where(f, s.replace(f, "doc_no: 康政办发〔2026〕9号", "doc_no: 康政办发〔2026〕7号"))


@case("GK203-duplicate-index-no", "GK203", _three_unifications)
def _(s: Sample) -> Where:
    # 2026-00038 belongs to content/decisions/2026-cwhy-06.yml
    f = POL + "kzbf-2026-9.yml"
    return Where(f, s.replace(f, "index_no: 11622922MB0139613U/2026-00039", "index_no: 11622922MB0139613U/2026-00038"))


@case("GK203-duplicate-proposal-number", "GK203", _three_unifications)
def _(s: Sample) -> Where:
    # 政协委员提案 县政协十一届五次会议 第11号 is content/proposals/zx11-5-011.yml
    f = PRO + "zx11-5-016.yml"
    return Where(f, s.replace(f, "number: 16", "number: 11"))


C12 = (REGULATIONS, "第十二条")


@case("GK204-index-no-wrong-year", "GK204", C12)
def _(s: Sample) -> Where:
    f = POL + "kzbf-2024-9.yml"
    return Where(f, s.replace(f, "index_no: 11622922MB0139613U/2024-00012", "index_no: 11622922MB0139613U/2023-00012"))


@case("GK204-index-no-short-serial", "GK204", C12)
def _(s: Sample) -> Where:
    f = POL + "kzbf-2024-9.yml"
    return Where(f, s.replace(f, "index_no: 11622922MB0139613U/2024-00012", "index_no: 11622922MB0139613U/2024-0012"))


def _credit_code(f) -> bool:
    return f.source == "GB 32100-2015"


@case("GK205-wrong-check-character", "GK205", _credit_code)
def _(s: Sample) -> Where:
    # 康乐县司法局 (sfj) publishes nothing, so no index_no depends on its code.
    return Where("site_config.yml", s.replace("site_config.yml", '    credit_code: "11622922MB01397875"',
                                              '    credit_code: "11622922MB01397876"'))


@case("GK205-letter-o-for-zero", "GK205", _credit_code)
def _(s: Sample) -> Where:
    return Where("site_config.yml", s.replace("site_config.yml", '    credit_code: "11622922MB01397875"',
                                              '    credit_code: "11622922MBO1397875"'))


@case("GK206-published-before-written", "GK206", ANY)
def _(s: Sample) -> Where:
    # written 2024-06-17
    f = POL + "kzbf-2024-9.yml"
    return Where(f, s.replace(f, "published: 2024-06-21", "published: 2024-06-14"))


@case("GK206-replied-before-assigned", "GK206", ANY)
def _(s: Sample) -> Where:
    # assigned 2025-03-04; the reply is withheld (不予公开), so no publication deadline runs from it
    f = PRO + "rd17-4-036.yml"
    return Where(f, s.replace(f, "replied: 2025-04-08", "replied: 2024-04-08"))


@case("GK206-change-dated-after-today", "GK206", ANY)
def _(s: Sample) -> Where:
    # a change note dated after --today (a 发布日期 after today is allowed: the record is scheduled)
    f = POL + "kybf-2024-2.yml"
    return Where(f, s.replace(f, "- date: 2024-09-05", "- date: 2026-12-14"))


C15 = (REGULATIONS, "第十五条")


@case("GK207-mobile-in-reply", "GK207", C15)
def _(s: Sample) -> Where:
    f = PRO + "rd17-5-010.yml"
    return Where(f, s.append_to(f, "  我局已谋划储备2027年", "如有疑问，请联系承办人，手机13893012345。"))


@case("GK207-id-card-in-summary", "GK207", C15)
def _(s: Sample) -> Where:
    f = DEC + "2025-xzbg-01.yml"
    return Where(f, s.append_to(f, "  summary: 会议明确由县自然资源局牵头",
                                f"涉及被征地农户马某某（身份证号{ID_NUMBER}）的补偿问题由附城镇负责协调。"))


@case("GK207-bank-card-in-reply", "GK207", C15)
def _(s: Sample) -> Where:
    f = PRO + "rd17-4-008.yml"
    return Where(f, s.append_to(f, "  经查，水压不足", f"加压泵维修补助已转入您的银行卡（{CARD_SHOWN}）。"))


@case("GK207-deputy-email-in-reply", "GK207", C15)
def _(s: Sample) -> Where:
    f = PRO + "rd17-5-002.yml"
    return Where(f, s.replace(f, "  尊敬的王振华代表：", "  尊敬的王振华代表（wangzhenhua1975@163.com）："))


@case("GK207-member-phone-in-reply", "GK207", C15)
def _(s: Sample) -> Where:
    f = PRO + "zx11-5-016.yml"
    return Where(f, s.replace(f, "  尊敬的何淑芳委员：", "  尊敬的何淑芳委员（电话 0930-5512678）："))


@case("GK208-iframe-in-body", "GK208", ANY)
def _(s: Sample) -> Where:
    f = INT + "jd-kzbf-2026-7.yml"
    return Where(f, s.insert_after(f, "  - 优先用于幼儿园",
                                   ['', '  <iframe src="https://www.example.gov.cn/zwgk/video/jd-kzbf-2026-7.mp4"></iframe>']) + 1)


@case("GK208-javascript-link", "GK208", ANY)
def _(s: Sample) -> Where:
    f = DEC + "2026-cwhy-06.yml"
    return Where(f, s.append_to(f, "  summary: 会议审议通过修订后的政府信息公开指南", "[在线申请](javascript:openApply())"))


@case("GK208-data-link", "GK208", ANY)
def _(s: Sample) -> Where:
    f = INT + "jd-kcf-2024-11.yml"
    return Where(f, s.append_to(f, "  ## 图一：钱从哪里来", "（[查看原图](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)）"))


@case("GK208-event-handler-attribute", "GK208", ANY)
def _(s: Sample) -> Where:
    f = POL + "kzbf-2026-9.yml"
    return Where(f, s.append_to(f, "  ## 一、主动公开", '<sup onmouseover="showTip()">注</sup>'))


C24N = (REGULATIONS, "第二十四条")


@case("GK209-missing-file", "GK209", C24N)
def _(s: Sample) -> Where:
    f = POL + "kzbf-2024-6.yml"
    return Where(f, s.replace(f, "  file: kzbf-2024-6/yijianshi-qingdan.docx", "  file: kzbf-2024-6/yijianshi_qingdan.docx"))


@case("GK209-path-outside-attachments", "GK209", C24N)
def _(s: Sample) -> Where:
    f = POL + "kzbf-2024-6.yml"
    return Where(f, s.replace(f, "  file: kzbf-2024-6/yijianshi-qingdan.docx", "  file: /home/zwgk/附件/yijianshi-qingdan.docx"))


@case("GK209-type-not-allowed", "GK209", C24N)
def _(s: Sample) -> Where:
    att = s.root / "content/attachments/kcf-2025-21"
    shutil.copy2(att / "bumen-yusuan-jichu.xlsx", att / "bumen-yusuan-jichu.rar")
    f = POL + "kcf-2025-21.yml"
    return Where(f, s.replace(f, "  file: kcf-2025-21/bumen-yusuan-jichu.xlsx", "  file: kcf-2025-21/bumen-yusuan-jichu.rar"))


@case("GK209-file-over-size-limit", "GK209", C24N)
def _(s: Sample) -> Where:
    # The annual report PDF is replaced by a 51 MB scan (sparse file: instant). The record is
    # unchanged, so the finding belongs on its file: line.
    pdf = s.root / "content/attachments/xzfb-2024-ndbg/2024-niandu-baogao.pdf"
    with pdf.open("r+b") as fh:
        fh.truncate(51 * 1024 * 1024)
    f = POL + "xzfb-2024-ndbg.yml"
    return Where(f, s.line_of(f, "  file: xzfb-2024-ndbg/2024-niandu-baogao.pdf"))


@case("GK210-waiver-for-a-document-issued-on-time", "GK210", ANY, severity="warning")
def _(s: Sample) -> Where:
    # kzbf-2026-9 was issued within 7 working days of 2026-cwhy-06: there is nothing to waive.
    f = POL + "kzbf-2026-9.yml"
    n = s.insert_before(f, "body: |", ["waivers:", "- rule: GK105", "  reason: 会后根据州政务公开办意见修改，经县长同意延期印发"])
    return Where(f, n + 1)


# ---------------------------------------------------------------- running the checker


class Got(NamedTuple):
    path: str
    line: int
    column: int
    rule: str
    severity: str
    source: str | None
    article: str | None
    quote: str | None
    message: str

    def show(self) -> str:
        return f"{self.path}:{self.line}:{self.column} {self.rule} {self.severity} [{self.source} {self.article}] {self.message}"


def run_in_process(root: Path) -> tuple[int, list[Got]]:
    report = check_site(root, TODAY)
    found = [Got(f.path, f.line, f.column, f.rule, f.severity, f.citation.source, f.citation.article,
                 f.citation.quote, f.message) for f in report.findings]
    return (1 if report.errors else 0), found


def run_cli(root: Path) -> tuple[int, list[Got]]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    env.pop("GONGKAI_DEBUG", None)
    proc = subprocess.run([sys.executable, "-m", "generator", "check", "--root", str(root),
                           "--today", TODAY.isoformat(), "--format", "json"],
                          capture_output=True, text=True, cwd=root, env=env, timeout=120)
    assert "Traceback" not in proc.stderr, proc.stderr
    doc = json.loads(proc.stdout)
    found = [Got(f["path"], f["line"], f["column"], f["rule"], f["severity"], f["source"], f["article"], None,
                 f["message"]) for f in doc["findings"]]
    assert doc["summary"]["errors"] == sum(f.severity == "error" for f in found)
    assert doc["summary"]["warnings"] == sum(f.severity == "warning" for f in found)
    return proc.returncode, found


def is_baseline(f: Got) -> bool:
    return (f.rule, f.path, f.severity) == BASELINE


def citation_ok(expected, f: Got) -> bool:
    if expected is ANY:
        return True
    if callable(expected):
        return expected(f)
    if isinstance(expected, set):
        return (f.source, f.article) in expected
    return (f.source, f.article) == expected


# citations for cases that expect more than one rule
CITES = {"GK102": C33, "GK206": ANY}


# ---------------------------------------------------------------- tests


def test_unmodified_sample_has_no_errors(sample):
    code, found = run_in_process(sample.root)
    shown = "\n".join(f.show() for f in found)
    assert code == 0, shown
    assert [f for f in found if f.severity == "error"] == [], shown
    assert [(f.rule, f.path, f.severity) for f in found] == [BASELINE], shown


@pytest.mark.parametrize("c", CASES, ids=[c.id for c in CASES])
def test_break_sample(sample, c: Case):
    where = c.edit(sample)
    code, found = (run_cli if c.cli else run_in_process)(sample.root)
    new = [f for f in found if not is_baseline(f)]
    shown = "\n".join(f.show() for f in new) or "(no findings)"

    assert {f.rule for f in new} == set(c.rules), f"expected exactly {sorted(c.rules)}, got:\n{shown}"
    expected_code = 1 if c.severity == "error" else 0
    assert code == expected_code, f"exit {code}, expected {expected_code}:\n{shown}"
    for f in new:
        assert (f.path, f.line) == (where.path, where.line), (
            f"{f.rule} at {f.path}:{f.line}, expected {where.path}:{where.line}:\n{shown}")
        assert f.severity == c.severity, f"{f.rule} is {f.severity}, expected {c.severity}:\n{shown}"
        cite = c.cite if len(c.rules) == 1 else CITES.get(f.rule, ANY)
        assert citation_ok(cite, f), f"{f.rule} cites {f.source!r} {f.article!r}:\n{shown}"
        for needle in c.message_has:
            assert needle in f.message, f"{f.rule} message lacks {needle!r}:\n{shown}"


def test_every_rule_in_rules_md_has_a_case():
    """The cases cover every rule the spec names (GK005–GK007 are checker extras not listed in rules.md)."""
    spec_rules = {"GK001", "GK002", "GK003", "GK004", "GK010", "GK011", "GK012", "GK013", "GK014", "GK015",
                  "GK016", *(f"GK1{n:02d}" for n in range(1, 12)), *(f"GK2{n:02d}" for n in range(1, 11))}
    covered = {rule for c in CASES for rule in c.rules}
    assert spec_rules <= covered, sorted(spec_rules - covered)
    assert len({c.id for c in CASES}) == len(CASES)
