"""Property-based tests (hypothesis): withheld means absent, the checker never falls over, and
working-day arithmetic holds its properties against ``chinesecalendar``.

Example counts (defaults; the whole module takes about 1 minute on an idle 2-core development
container, up to about 3 minutes when other test runs share it):

* ``test_withheld_never_reaches_any_output_byte``: WITHHELD_EXAMPLES = 25 generated sites, each
  checked and built for real (mkdocs-material + Pagefind, 1–2 s each) and every output byte
  scanned (≈ 30 s idle, ≈ 45 s busy).
* ``test_checker_survives_mutated_records``: MUTATION_EXAMPLES = 200 mutated sample records,
  checked in process (≈ 10 s).
* ``test_checker_survives_mutated_config``: CONFIG_EXAMPLES = 150 mutated ``site_config.yml``
  (in process; an unusable config may raise ``ConfigError``, the documented exit 2) (≈ 2 s).
* ``test_cli_check_survives_mutated_records``: CLI_EXAMPLES = 20 runs of
  ``python -m generator check --format json`` in a subprocess (≈ 12 s).
* working days: WORKDAY_EXAMPLES = 1000 examples for each of the 6 properties, plus one
  exhaustive day-by-day comparison of 2019–2026 with chinesecalendar (≈ 8 s).

Set ``GONGKAI_HYPOTHESIS_EXAMPLES=N`` to run N generated sites in the build property and to scale
every other count by N/25 (never below its default), e.g. ``GONGKAI_HYPOTHESIS_EXAMPLES=250`` for a
long soak (ten times every count).
"""

from __future__ import annotations

import functools
import gzip
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path

import chinese_calendar
import pytest
from hypothesis import HealthCheck, assume, given, note, settings
from hypothesis import strategies as st

from generator import vocab
from generator.build import build_site
from generator.check import check_site
from generator.rules.examples import DECISION, INTERPRETATION, NORMATIVE, POLICY, PROPOSAL, yaml_of
from generator.site import ConfigError
from generator.workdays import CalendarYearMissing, WorkCalendar

from .conftest import REPO, TODAY, lay_site

# ---------------------------------------------------------------------------------- example counts

WITHHELD_EXAMPLES = 25
MUTATION_EXAMPLES = 200
CONFIG_EXAMPLES = 150
CLI_EXAMPLES = 20
WORKDAY_EXAMPLES = 1000

_asked = int(os.environ.get("GONGKAI_HYPOTHESIS_EXAMPLES", "0") or 0)
if _asked > 0:
    _scale = max(1.0, _asked / WITHHELD_EXAMPLES)
    WITHHELD_EXAMPLES = _asked
    MUTATION_EXAMPLES = int(MUTATION_EXAMPLES * _scale)
    CONFIG_EXAMPLES = int(CONFIG_EXAMPLES * _scale)
    CLI_EXAMPLES = int(CLI_EXAMPLES * _scale)
    WORKDAY_EXAMPLES = int(WORKDAY_EXAMPLES * _scale)

SLOW = dict(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                                  HealthCheck.function_scoped_fixture])


@contextmanager
def time_limit(seconds: int, what: str):
    """A hang is a failure: SIGALRM interrupts the call (pytest runs tests in the main thread)."""
    def on_alarm(signum, frame):
        raise TimeoutError(f"{what} still running after {seconds} s")
    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


# ===================================================================== 1. withheld means absent

# Distinctive strings. Every alphabet leaves out X and Q, so "xq" (case-insensitively) occurs only
# in the strings of withheld things; secret Chinese text uses the ten heavenly stems, public
# Chinese text the twelve earthly branches (neither run occurs in the theme or the search UI).
LETTERS = "ABCDEFGHIJKLMNOPRSTUVWYZ"
DIGITS = "0123456789"
# letters, each optionally followed by one digit: never a run of digits that the personal-data
# rule (phone, ID card, bank card numbers) would flag and so make the checker refuse the build
RAND = st.lists(st.tuples(st.sampled_from(LETTERS), st.sampled_from(("",) + tuple(DIGITS))),
                min_size=10, max_size=16).map(lambda chunks: "".join(a + b for a, b in chunks))
CN_SECRET = st.text(alphabet="甲乙丙丁戊己庚辛壬癸", min_size=6, max_size=12)
CN_PUBLIC = st.text(alphabet="子丑寅卯辰巳午未申酉戌亥", min_size=6, max_size=10)

CREDIT = {"gov": "11622922013960001W", "fgj": "116229220139600020"}
WITHHELD_DISCLOSURES = tuple(d for d in vocab.DISCLOSURES if d != vocab.PUBLIC)
BASES = vocab.DISCLOSURE_BASES
FORMS = ("{cn}{tok}", "{tok} {cn}", "关于{cn}（{tok}）的事项", "{cn}，{tok}。")


def block(*paragraphs: str) -> str:
    """A literal block scalar as ``yaml_of`` wants it (value starts on the next line)."""
    return "|\n" + "\n\n".join("  " + p for p in paragraphs)


def seq(values) -> str:
    return "".join(f"\n  - {v}" for v in values)


class SiteDraft:
    """Files of one generated site, the distinctive strings of everything withheld in it (needles)
    and public strings that the same scan must find (the positive control)."""

    def __init__(self, draw):
        self.draw = draw
        self.files: dict[str, str] = {}
        self.needles: list[tuple[str, str]] = []
        self.controls: list[str] = []
        self.public_pages: list[str] = []
        self.slot = 0
        self.serial = {"gov": 0, "fgj": 0}
        self.doc_number = 10

    def index_no(self, publisher: str = "gov", *, secret: bool = False) -> str:
        self.serial[publisher] += 1
        value = f"{CREDIT[publisher]}/2026-{self.serial[publisher]:05d}"
        if secret:
            self.needles.append(("索引号 of a withheld record", value))
        return value

    def doc_no(self, *, secret: bool = False) -> str:
        self.doc_number += 1
        value = f"康政发〔2026〕{self.doc_number}号"
        if secret:
            self.needles.append(("发文字号 of a withheld policy", value))
        return value

    def secret(self, what: str) -> str:
        """Random text mixing an ASCII token and Chinese, both needles."""
        self.slot += 1
        tok = f"XQ{self.slot:02d}{self.draw(RAND)}"
        cn = self.draw(CN_SECRET)
        self.needles += [(what, tok), (what, cn)]
        return self.draw(st.sampled_from(FORMS)).format(cn=cn, tok=tok)

    def secret_cn(self, what: str) -> str:
        cn = self.draw(CN_SECRET)
        self.needles.append((what, cn))
        return cn

    def secret_id(self, what: str) -> str:
        self.slot += 1
        rid = f"xq{self.slot:02d}-{self.draw(RAND).lower()}"
        self.needles.append((what, rid))
        return rid

    def public(self, *, control: bool = False) -> str:
        tok = f"PB{self.draw(RAND)}"
        cn = self.draw(CN_PUBLIC)
        if control:
            self.controls += [tok, cn]
        return f"{cn}{tok}"

    def withheld(self) -> dict[str, str | None]:
        return {"disclosure": self.draw(st.sampled_from(WITHHELD_DISCLOSURES)),
                "disclosure_basis": self.draw(st.sampled_from(BASES))}


@st.composite
def withheld_sites(draw) -> SiteDraft:
    s = SiteDraft(draw)
    files = s.files
    policy_refs: list[tuple[str, str]] = []   # (id, doc_no) of withheld policies
    public_policies: list[tuple[str, str]] = []

    # ---- public policies (其他文件) and, sometimes, a public 规范性文件 with its interpretation
    for i in range(draw(st.integers(0, 2))):
        pid = f"pub-policy-{i}"
        doc_no = s.doc_no()
        public_policies.append((pid, doc_no))
        files[f"content/policies/{pid}.yml"] = yaml_of(
            POLICY, title=f"示例县关于{s.public()}的通知", doc_no=doc_no, index_no=s.index_no(),
            body=block(s.public(), "特此通知。"))
        s.public_pages.append(f"policies/{pid}")
    if draw(st.booleans()):
        doc_no = s.doc_no()
        public_policies.append(("gongshui", doc_no))
        files["content/policies/gongshui.yml"] = yaml_of(NORMATIVE, doc_no=doc_no, index_no=s.index_no())
        files["content/interpretations/jd-gongshui.yml"] = yaml_of(INTERPRETATION, index_no=s.index_no())
        s.public_pages += ["policies/gongshui", "interpretations/jd-gongshui"]

    # ---- withheld policies: never disclosed, or disclosed only on request
    for _ in range(draw(st.integers(1, 3))):
        wid = s.secret_id("id of a withheld policy")
        normative = draw(st.booleans())
        doc_no = s.doc_no(secret=True)
        changes: dict[str, str | None] = dict(
            title=s.secret("title of a withheld policy"), doc_no=doc_no, index_no=s.index_no(secret=True),
            body=block(s.secret("body of a withheld policy"), s.secret("body, second paragraph")),
            **s.withheld())
        if draw(st.booleans()):   # not 主动公开, so not public, even with a 发布日期
            changes["published"] = None
        if draw(st.booleans()):
            changes["changes"] = f"\n  - date: 2026-06-10\n    note: {s.secret('change note of a withheld policy')}"
        if draw(st.booleans()):
            changes["attachments"] = f"\n  - title: {s.secret('attachment title')}\n    file: {wid}/{wid}-fj.pdf"
            files[f"content/attachments/{wid}/{wid}-fj.pdf"] = f"%PDF-1.4\n{s.secret('attachment file')}\n"
        if public_policies and draw(st.booleans()):
            # a withheld policy that repeals or amends a public one: the public page must not name it
            target_id, target_no = draw(st.sampled_from(public_policies))
            changes[draw(st.sampled_from(("repeals", "amends")))] = seq([draw(st.sampled_from((target_id, target_no)))])
        files[f"content/policies/{wid}.yml"] = yaml_of(NORMATIVE if normative else POLICY, **changes)
        policy_refs.append((wid, doc_no))

    # ---- public policies that amend / repeal withheld ones, by id or by 发文字号
    for i in range(draw(st.integers(0, 2))):
        pid = f"pub-amending-{i}"
        refs = draw(st.lists(st.sampled_from(policy_refs), min_size=1, max_size=2, unique=True))
        key = draw(st.sampled_from(("amends", "repeals")))
        refs_written = [draw(st.sampled_from(pair)) for pair in refs]
        files[f"content/policies/{pid}.yml"] = yaml_of(
            POLICY, title=f"示例县关于调整{s.public()}的通知", doc_no=s.doc_no(), index_no=s.index_no(),
            body=block("现将有关事项通知如下。"), **{key: seq(refs_written)})
        s.public_pages.append(f"policies/{pid}")

    # ---- interpretations: a withheld one (of any policy), a public one of a withheld policy
    all_policy_ids = [p for p, _ in public_policies] + [p for p, _ in policy_refs]
    if draw(st.booleans()):
        jid = s.secret_id("id of a withheld interpretation")
        files[f"content/interpretations/{jid}.yml"] = yaml_of(
            INTERPRETATION, title=s.secret("title of a withheld interpretation"),
            interprets=draw(st.sampled_from(all_policy_ids)), published=None, index_no=s.index_no(secret=True),
            interpreter=s.secret("interpreter of a withheld interpretation"),
            body=block(s.secret("body of a withheld interpretation")), **s.withheld())
    if draw(st.booleans()):
        # public itself, but it interprets a withheld policy: it must not name or link that policy.
        # GK214 reports it; waived, the defined public behaviour is that the site leaves it out
        files["content/interpretations/jd-of-withheld.yml"] = yaml_of(
            INTERPRETATION, title=f"《{s.public()}》政策解读", interprets=draw(st.sampled_from(policy_refs))[0],
            index_no=s.index_no(), body=block(s.public()),
            waivers="\n  - rule: GK214\n    reason: 文件依申请公开，解读随文件不在网站显示")

    # ---- a public meeting: one public item (the positive control) and withheld items
    def item(title: str, *, documents=(), summary: str | None = None, extra: str = "", withheld: bool = False) -> str:
        outcome = draw(st.sampled_from(vocab.ADOPTED_OUTCOMES if documents else vocab.OUTCOMES))
        text = f"\n  - title: {title}\n    outcome: {outcome}"
        if summary:
            text += f"\n    summary: {summary}"
        if documents:
            text += f"\n    documents: [{', '.join(documents)}]"
        text += extra
        if withheld:
            w = s.withheld()
            text += f"\n    disclosure: {w['disclosure']}\n    disclosure_basis: {w['disclosure_basis']}"
        return text

    def withheld_item() -> str:
        extra = ""
        if draw(st.booleans()):
            extra += (f"\n    major: true\n    procedures:"
                      f"\n      public_participation: {{date: 2026-04-01, note: {s.secret('procedure note')}}}"
                      f"\n      expert_review: {{date: 2026-05-06, note: {s.secret('procedure note')}}}"
                      f"\n      risk_assessment: {{date: 2026-05-12, note: {s.secret('procedure note')}}}"
                      f"\n      legality_review: {{date: 2026-05-20, note: {s.secret('procedure note')}}}")
        if draw(st.booleans()):
            extra += (f"\n    public_interest: true\n    stability_assessment:"
                      f"\n      date: 2026-05-15\n      by: {s.secret_cn('stability assessor')}"
                      f"\n      note: {s.secret('stability note')}")
        docs = draw(st.lists(st.sampled_from(all_policy_ids), max_size=2, unique=True))
        return item(s.secret("title of a withheld item"), documents=docs,
                    summary=s.secret("summary of a withheld item"), extra=extra, withheld=True)

    public_docs = draw(st.lists(st.sampled_from(all_policy_ids), max_size=3, unique=True))
    items = [item(f"研究{s.public()}工作", documents=public_docs, summary=f"会议同意{s.public(control=True)}。")]
    items += [withheld_item() for _ in range(draw(st.integers(0, 3)))]
    items = draw(st.permutations(items))
    files["content/decisions/2026-cwhy-05.yml"] = yaml_of(DECISION, index_no=s.index_no(), items="".join(items))
    s.public_pages.append("decisions/2026-cwhy-05")

    # ---- a wholly withheld meeting
    if draw(st.booleans()):
        did = s.secret_id("id of a withheld meeting")
        files[f"content/decisions/{did}.yml"] = yaml_of(
            DECISION, title=s.secret("title of a withheld meeting"), index_no=s.index_no(secret=True),
            published=draw(st.sampled_from((None, "2026-06-10"))),
            meeting="\n  type: 常务会议\n  number: 6\n  date: 2026-05-28\n  chair: xianzhang",
            items="".join(item(s.secret("item of a withheld meeting"), summary=s.secret("summary in a withheld meeting"))
                          for _ in range(draw(st.integers(1, 2)))),
            **s.withheld())

    # ---- proposals: a public one with a withheld reply, a withheld one, a wholly public one
    kinds = draw(st.lists(st.sampled_from(("withheld reply", "withheld record", "public")), max_size=3))
    for number, kind in enumerate(kinds, start=20):
        changes = dict(number=str(number), index_no=s.index_no("fgj", secret=kind == "withheld record"))
        if kind == "withheld reply":
            pid = f"pub-proposal-{number}"
            changes.update(title=f"关于{s.public()}的建议", reply_disclosure=vocab.WITHHELD,
                           disclosure_basis=draw(st.sampled_from(BASES)),
                           reply=block(s.secret("withheld reply"), s.secret("withheld reply, second paragraph")))
            s.public_pages.append(f"proposals/{pid}")
        elif kind == "withheld record":
            pid = s.secret_id("id of a withheld proposal")
            changes.update(title=s.secret("title of a withheld proposal"), published=None,
                           proposers=f"[{s.secret_cn('proposer of a withheld proposal')}]",
                           reply_disclosure=vocab.WITHHELD,   # GK104 wants any other reply published
                           reply=block(s.secret("reply of a withheld proposal")), **s.withheld())
        else:
            pid = f"pub-proposal-{number}"
            changes.update(title=f"关于{s.public()}的建议", reply=block(s.public()))
            s.public_pages.append(f"proposals/{pid}")
        files[f"content/proposals/{pid}.yml"] = yaml_of(PROPOSAL, **changes)
    return s


ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))


def text_layers(data: bytes) -> list[str]:
    """The file as lower-cased text without zero-width characters, and so every gzip layer inside
    it (sitemap.xml.gz, Pagefind's .pf_* files); Pagefind puts U+200B between the words it finds."""
    layers = [data]
    while data[:2] == b"\x1f\x8b":
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError):
            break
        layers.append(data)
    return [layer.decode("utf-8", "replace").translate(ZERO_WIDTH).lower() for layer in layers]


@settings(max_examples=WITHHELD_EXAMPLES, **SLOW)
@given(draft=withheld_sites())
def test_withheld_never_reaches_any_output_byte(draft: SiteDraft):
    note("needles: " + repr(draft.needles))
    with tempfile.TemporaryDirectory(prefix="gongkai-prop-") as tmp:
        root = lay_site(Path(tmp) / "site", draft.files)
        report = check_site(root, TODAY)
        errors = [f"{f.path}:{f.line} {f.rule} {f.message}" for f in report.findings if f.severity == "error"]
        assert not errors, "the generated site must be valid, or nothing is built:\n" + "\n".join(errors)
        out = Path(tmp) / "out"
        build_site(root, out, TODAY)
        for page in draft.public_pages:
            assert (out / page / "index.html").is_file(), f"public page {page} was not built"
        needles = [(what, n.lower()) for what, n in draft.needles]
        controls = [c.lower() for c in draft.controls]
        leaks, seen = [], {c: set() for c in controls}
        scanned = 0
        for path in sorted(out.rglob("*")):
            rel = path.relative_to(out).as_posix()
            leaks += [f"file name {rel} contains {n!r} ({what})" for what, n in needles if n in rel.lower()]
            if not path.is_file():
                continue
            for text in text_layers(path.read_bytes()):
                scanned += 1
                leaks += [f"{rel} contains {n!r} ({what})" for what, n in needles if n in text]
                for c in controls:
                    if c in text:
                        seen[c].add(rel.split("/")[0])
        assert scanned > 50
        # positive control: public text beside the withheld items is found by the very same scan,
        # on the meeting's page and inside the (decompressed, zero-width-stripped) search index
        for c, where in seen.items():
            assert {"decisions", "pagefind"} <= where, f"public text {c!r} found only in {sorted(where)}"
        assert not leaks, "withheld text in the output:\n" + "\n".join(sorted(set(leaks))[:40])


# ================================================================= 2. the checker never falls over

SAMPLE_CONTENT = REPO / "content"
SAMPLE_FILES = sorted(p.relative_to(REPO).as_posix() for p in SAMPLE_CONTENT.rglob("*.yml"))
KEY_LINE = re.compile(rb"^( *)(- )?([A-Za-z_][A-Za-z0-9_]*):(?= |$)")
ISO_DATE = re.compile(rb"\d{4}-\d{2}-\d{2}")

REPLACEMENTS = [
    b"", b"''", b"[]", b"[1, 2, 3]", b"{}", b"{a: 1, b: [x, y]}", b"[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]",
    b"12", b"-7", b"0", b"'12'", b"'0012'", b"1e400", b".nan", b".inf", b"0x1F", b"0o17", b"1_000", b"12:30",
    b"99999999999999999999999", b"true", b"false", b"null", b"~", b"yes", b"'2026-01-01'",
    b"2026-02-30", b"2026-13-01", b"2024-3-5", b"2024/03/05", "2024年3月5日".encode(), b"2026-01-01T10:00:00",
    b"0001-01-01", b"9999-12-31", b"2031-05-06", b"1999-02-03", b"2027-01-04", b"2018-12-31",
    b"\"\\x00\\x07\\x1b\\u202e\"", b"\x01\x02\x7f", b"\t", b"\"\\ud800\"",
    b"!!python/object/apply:os.system [echo]", b"!!binary aGVsbG8=", b"!custom value", b"!!str 12",
    b"&anchor value", b"*nope", b"|\n  literal text", b">\n  folded text", b"|-", b"? complex",
    b"- a\n- b", b"x: y: z", b"'unterminated", b"\"unterminated", b"[unclosed", b"{unclosed: 1",
    "不予公开".encode(), "主动公开".encode(), "康政发〔2026〕1号".encode(), b"xzf", b"xianzhang", b"GK101",
    "身份证 110101199003077777 手机 13812345678".encode(), b"<script>alert(1)</script>",
    b"[javascript:x](javascript:alert(1))", b"../../../etc/passwd", b"a" * 70_000, "长".encode() * 30_000,
]


def _lines(data: bytes) -> list[bytes]:
    return data.splitlines(keepends=True)


def _key_lines(lines: list[bytes]) -> list[int]:
    return [i for i, line in enumerate(lines) if KEY_LINE.match(line)]


def _indent(line: bytes) -> int:
    return len(line) - len(line.lstrip(b" "))


def _block_end(lines: list[bytes], i: int) -> int:
    """Index after the key at line ``i`` and every more-indented line below it."""
    m = KEY_LINE.match(lines[i])
    own = len(m.group(1)) + (2 if m.group(2) else 0)
    j = i + 1
    while j < len(lines) and (not lines[j].strip() or _indent(lines[j]) > own or
                              (_indent(lines[j]) == own and lines[j].lstrip().startswith(b"- ") and not m.group(2))):
        j += 1
    return j


@st.composite
def mutation(draw, data: bytes) -> tuple[str, bytes]:
    """One mutation of ``data``: (description, mutated bytes)."""
    lines = _lines(data)
    keys = _key_lines(lines)
    kinds = ["truncate", "insert bytes", "insert text", "change indentation", "encoding"]
    if keys:
        kinds += ["delete key", "replace value", "replace value", "replace value", "duplicate key",
                  "anchor and alias", "rename key"]
    if len(ISO_DATE.findall(data)) >= 2:
        kinds += ["swap dates", "swap dates"]
    kind = draw(st.sampled_from(kinds))
    if kind == "truncate":
        k = draw(st.integers(0, len(data)))
        return f"truncate at byte {k}", data[:k]
    if kind == "insert bytes":
        k = draw(st.integers(0, len(data)))
        junk = draw(st.binary(min_size=1, max_size=24))
        return f"insert {junk!r} at byte {k}", data[:k] + junk + data[k:]
    if kind == "insert text":
        k = draw(st.integers(0, len(lines)))
        text = draw(st.text(min_size=1, max_size=40)).encode("utf-8", "surrogatepass")
        return f"insert line {text!r} before line {k + 1}", b"".join(lines[:k] + [text + b"\n"] + lines[k:])
    if kind == "change indentation":
        assume(lines)
        i = draw(st.integers(0, len(lines) - 1))
        how = draw(st.sampled_from(("more", "less", "tab")))
        line = lines[i]
        if how == "more":
            new = b" " * draw(st.integers(1, 4)) + line
        elif how == "less":
            new = line[min(_indent(line), draw(st.integers(1, 4))):]
        else:
            new = b"\t" + line.lstrip(b" ")
        return f"indent line {i + 1} {how}", b"".join(lines[:i] + [new] + lines[i + 1:])
    if kind == "encoding":
        how = draw(st.sampled_from(("bom", "utf-16", "gbk", "latin-1 garbage", "crlf", "cr", "empty", "comment")))
        text = data.decode("utf-8", "replace")
        new = {"bom": lambda: b"\xef\xbb\xbf" + data,
               "utf-16": lambda: text.encode("utf-16"),
               "gbk": lambda: text.encode("gbk", "replace"),
               "latin-1 garbage": lambda: data.replace(b"\n", b"\xe9\n", 3),
               "crlf": lambda: data.replace(b"\n", b"\r\n"),
               "cr": lambda: data.replace(b"\n", b"\r"),
               "empty": lambda: b"",
               "comment": lambda: b"# nothing but a comment\n"}[how]()
        return f"encoding: {how}", new
    if kind == "swap dates":
        spans = [m.span() for m in ISO_DATE.finditer(data)]
        a, b = draw(st.lists(st.sampled_from(spans), min_size=2, max_size=2, unique=True))
        (a0, a1), (b0, b1) = sorted((a, b))
        return (f"swap dates at bytes {a0} and {b0}",
                data[:a0] + data[b0:b1] + data[a1:b0] + data[a0:a1] + data[b1:])
    i = draw(st.sampled_from(keys))
    m = KEY_LINE.match(lines[i])
    key = m.group(3).decode()
    end = _block_end(lines, i)
    if kind == "delete key":
        return f"delete key {key!r} (line {i + 1})", b"".join(lines[:i] + lines[end:])
    if kind == "duplicate key":
        return f"duplicate key {key!r} (line {i + 1})", b"".join(lines[:end] + lines[i:end] + lines[end:])
    if kind == "rename key":
        new_key = draw(st.sampled_from((b"titel", b"Title", b"published_on", b"x", "标题".encode(), b"disclosure")))
        new = lines[i][:m.start(3)] + new_key + lines[i][m.end(3):]
        return f"rename key {key!r} to {new_key!r} (line {i + 1})", b"".join(lines[:i] + [new] + lines[i + 1:])
    head = lines[i][:m.end()]
    if kind == "anchor and alias":
        rest = lines[i][m.end():]
        anchored = head + b" &a" + rest if rest.strip() else head + b" &a\n"
        j = draw(st.sampled_from(keys))
        mj = KEY_LINE.match(lines[j])
        where = draw(st.sampled_from(("replace another value", "append a key")))
        new_lines = lines[:i] + [anchored] + lines[i + 1:]
        if where == "replace another value" and j != i:
            endj = _block_end(new_lines, j)
            new_lines = new_lines[:j] + [new_lines[j][:mj.end()] + b" *a\n"] + new_lines[endj:]
        else:
            new_lines = new_lines + [b"\n" if new_lines and not new_lines[-1].endswith(b"\n") else b"", b"alias_key: *a\n"]
        return f"anchor the value of {key!r} (line {i + 1}), alias it ({where}, line {j + 1})", b"".join(new_lines)
    # replace value
    value = draw(st.one_of(
        st.sampled_from(REPLACEMENTS),
        st.integers(-10**12, 10**12).map(lambda n: str(n).encode()),
        st.integers(0, 10**6).map(lambda n: f"'{n}'".encode()),
        st.dates(date(1, 1, 1), date(9999, 12, 31)).map(lambda d: d.isoformat().encode()),
        st.text(min_size=1, max_size=30).map(lambda t: json.dumps(t).encode()),
    ))
    keep_block = draw(st.booleans())
    tail = lines[i + 1:] if keep_block else lines[end:]
    new = head + (b" " + value if value else b"") + b"\n"
    return f"replace value of {key!r} (line {i + 1}) with {value[:60]!r}", b"".join(lines[:i] + [new] + tail)


@st.composite
def mutated_file(draw, files: list[str]) -> tuple[str, bytes, list[str]]:
    rel = draw(st.sampled_from(files))
    data = (REPO / rel).read_bytes()
    done = []
    for _ in range(draw(st.integers(1, 3))):
        what, data = draw(mutation(data))
        done.append(what)
    return rel, data, done


def line_count(data: bytes) -> int:
    """Lines as any editor or YAML parser may count them (\\n, \\r, \\x85, \\u2028, …)."""
    return max(data.count(b"\n"), len(data.decode("utf-8", "replace").splitlines()))


def assert_findings_placed(root: Path, findings) -> None:
    for f in findings:
        where = f"{f.path}:{f.line}:{f.column} {f.rule} {f.message[:120]}"
        assert isinstance(f.path, str) and f.path and not f.path.startswith("/"), where
        path = root / f.path
        assert path.is_file(), f"finding names a file that does not exist: {where}"
        assert isinstance(f.line, int) and isinstance(f.column, int), where
        assert 1 <= f.line <= line_count(path.read_bytes()) + 1, f"line out of range: {where}"
        assert f.column >= 1, f"column out of range: {where}"
        assert re.fullmatch(r"GK\d{3}", f.rule), where
        assert f.severity in ("error", "warning"), where
        assert isinstance(f.message, str) and f.message.strip(), where


@pytest.fixture(scope="module")
def sample_copy(tmp_path_factory) -> Path:
    """A private copy of the sample site: each example mutates one file and puts it back."""
    root = tmp_path_factory.mktemp("mutated") / "site"
    shutil.copytree(REPO / "content", root / "content")
    shutil.copy2(REPO / "site_config.yml", root / "site_config.yml")
    return root


@contextmanager
def written(root: Path, rel: str, data: bytes):
    path = root / rel
    original = path.read_bytes()
    path.write_bytes(data)
    try:
        yield path
    finally:
        path.write_bytes(original)


@settings(max_examples=MUTATION_EXAMPLES, **SLOW)
@given(case=mutated_file(SAMPLE_FILES))
def test_checker_survives_mutated_records(sample_copy, case):
    rel, data, done = case
    note(f"{rel}: {done}")
    with written(sample_copy, rel, data), time_limit(30, "check"):
        report = check_site(sample_copy, TODAY)
        assert_findings_placed(sample_copy, report.findings)


@settings(max_examples=CONFIG_EXAMPLES, **SLOW)
@given(case=mutated_file(["site_config.yml"]))
def test_checker_survives_mutated_config(sample_copy, case):
    rel, data, done = case
    note(f"{rel}: {done}")
    with written(sample_copy, rel, data), time_limit(30, "check"):
        try:
            report = check_site(sample_copy, TODAY)
        except ConfigError as exc:  # the documented "cannot run" (exit 2): its findings are placed too
            assert str(exc)
            assert_findings_placed(sample_copy, exc.findings)
        else:
            assert_findings_placed(sample_copy, report.findings)


@settings(max_examples=CLI_EXAMPLES, **SLOW)
@given(case=mutated_file(SAMPLE_FILES))
def test_cli_check_survives_mutated_records(sample_copy, case):
    rel, data, done = case
    note(f"{rel}: {done}")
    with written(sample_copy, rel, data):
        env = {k: v for k, v in os.environ.items() if k != "GONGKAI_DEBUG"}
        try:
            proc = subprocess.run(
                [sys.executable, "-m", "generator", "check", "--root", str(sample_copy),
                 "--today", TODAY.isoformat(), "--format", "json"],
                capture_output=True, timeout=60, cwd=REPO, env=env)
        except subprocess.TimeoutExpired:
            pytest.fail(f"gongkai check hung (> 60 s) on {rel} after {done}")
        stderr = proc.stderr.decode("utf-8", "replace")
        assert "Traceback" not in stderr, stderr[-3000:]
        assert proc.returncode in (0, 1), f"exit {proc.returncode}: {stderr[-2000:]}"
        result = json.loads(proc.stdout.decode("utf-8"))
        findings = result["findings"]
        errors = sum(f["severity"] == "error" for f in findings)
        assert result["summary"]["errors"] == errors
        assert proc.returncode == (1 if errors else 0)

        class F:  # the JSON object as a finding
            def __init__(self, d):
                self.__dict__.update(d)
        assert_findings_placed(sample_copy, [F(f) for f in findings])


# ================================================================= 3. working-day arithmetic

CAL = WorkCalendar()
FIRST, LAST = date(2019, 1, 1), date(2026, 12, 31)
starts = st.dates(date(2018, 12, 31), LAST)          # counting begins the day after the start
days_in_range = st.dates(FIRST, LAST)
counts = st.integers(0, 300)


@functools.cache
def oracle_workdays() -> frozenset[date]:
    """Every working day of 2019–2026 by chinesecalendar (asked once per day, then looked up)."""
    days = (FIRST + timedelta(days=i) for i in range((LAST - FIRST).days + 1))
    return frozenset(d for d in days if chinese_calendar.is_workday(d))


def oracle_is_workday(d: date) -> bool:
    assert FIRST <= d <= LAST, d
    return d in oracle_workdays()


def naive_add(start: date, n: int) -> date | None:
    """The n-th working day after ``start`` walking day by day with chinesecalendar; None when the
    walk leaves 2026 (the last year chinesecalendar 1.11 and the built-in table know)."""
    d, left = start, n
    while left:
        d += timedelta(days=1)
        if d > LAST:
            return None
        if oracle_is_workday(d):
            left -= 1
    return d


def test_every_day_of_2019_to_2026_agrees_with_chinesecalendar():
    d, wrong = FIRST, []
    while d <= LAST:
        if CAL.is_workday(d) != chinese_calendar.is_workday(d):
            wrong.append(d.isoformat())
        d += timedelta(days=1)
    assert not wrong, wrong


@settings(max_examples=WORKDAY_EXAMPLES, deadline=None)
@given(start=starts, n=counts)
def test_add_workdays_agrees_with_a_day_by_day_walk(start, n):
    expected = naive_add(start, n)
    if expected is None:
        with pytest.raises(CalendarYearMissing) as exc:
            CAL.add_workdays(start, n)
        assert exc.value.year == 2027
        return
    got = CAL.add_workdays(start, n)
    assert got == expected
    if n >= 1:
        assert CAL.is_workday(got) and chinese_calendar.is_workday(got), f"{got} is a rest day"
        assert got > start


@settings(max_examples=WORKDAY_EXAMPLES, deadline=None)
@given(start=starts, n=st.integers(0, 250))
def test_add_workdays_is_strictly_monotonic_in_n(start, n):
    assume(naive_add(start, n + 1) is not None)
    a, b = CAL.add_workdays(start, n), CAL.add_workdays(start, n + 1)
    assert a < b
    # nothing between them is a working day
    d = a + timedelta(days=1)
    while d < b:
        assert not CAL.is_workday(d), d
        d += timedelta(days=1)


@settings(max_examples=WORKDAY_EXAMPLES, deadline=None)
@given(s1=starts, s2=starts, n=counts)
def test_add_workdays_is_monotonic_in_the_start(s1, s2, n):
    s1, s2 = min(s1, s2), max(s1, s2)
    assume(naive_add(s2, n) is not None)
    assert CAL.add_workdays(s1, n) <= CAL.add_workdays(s2, n)


@settings(max_examples=WORKDAY_EXAMPLES, deadline=None)
@given(start=starts, n=counts)
def test_workdays_between_inverts_add_workdays(start, n):
    assume(naive_add(start, n) is not None)
    end = CAL.add_workdays(start, n)
    assert CAL.workdays_between(start, end) == n
    assert CAL.workdays_between(end, start) == -n


@settings(max_examples=WORKDAY_EXAMPLES, deadline=None)
@given(a=starts, b=starts)
def test_workdays_between_counts_working_days_in_the_half_open_interval(a, b):
    lo, hi = min(a, b), max(a, b)
    expected = sum(oracle_is_workday(lo + timedelta(days=i)) for i in range(1, (hi - lo).days + 1))
    assert CAL.workdays_between(lo, hi) == expected
    assert CAL.workdays_between(hi, lo) == -expected


@settings(max_examples=WORKDAY_EXAMPLES, deadline=None)
@given(start=starts, end=days_in_range, n=counts)
def test_is_within_workdays_means_on_or_before_the_deadline(start, end, n):
    deadline = naive_add(start, n)
    expected = True if deadline is None else end <= deadline   # a deadline past 2026 is after any end
    assert CAL.is_within_workdays(start, end, n) == expected
    if deadline is not None:
        assert CAL.is_within_workdays(start, end, n) == (end <= CAL.add_workdays(start, n))
