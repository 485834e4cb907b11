"""Generate a synthetic, valid 政府信息公开 site of n records for benchmarks.

    python benchmarks/synth.py DEST N [--seed S]

or ``generate_site(dest, n, seed)`` from Python. The site is 康乐县 sample data (``sample_data: true``):
about 30% policies, 15% interpretations, 10% meeting decisions and 45% proposals, dated 2021 to
October 2026, cross-linked the way a real site is (every 规章 and 行政规范性文件 has an
interpretation published 0–3 working days after it; meetings list the documents they decided,
which are issued within 7 working days; some documents repeal or amend earlier ones; proposals
have lead and co-operating units), and consistent with every rule of ``gongkai check`` at
``--today 2026-11-26``: the expected result is no findings at all. The same ``n`` and ``seed``
always give the same files.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
from bisect import bisect_left, bisect_right
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make ``benchmarks.phrases`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import phrases as P  # noqa: E402
from generator import samplefiles  # noqa: E402
from generator.identifiers import credit_code_check_char  # noqa: E402
from generator.taxonomy import DEFAULT_TAXONOMY  # noqa: E402
from generator.workdays import WorkCalendar  # noqa: E402

TODAY = date(2026, 11, 26)              # the --today the site is valid for
FIRST_MEETING = date(2021, 4, 6)         # major decisions' procedures reach back about 3 months
FIRST_WRITTEN = date(2021, 1, 27)        # legality reviews reach back up to 15 working days
LAST_MEETING = date(2026, 9, 25)
LAST_WRITTEN = date(2026, 10, 9)
POLICY_PUBLISH_CAP = date(2026, 10, 26)  # leaves room for an interpretation 0–3 working days later
LAST_PUBLISHED = date(2026, 10, 30)
MARKER = ".synth-site"                  # marks a directory this script may overwrite

SHARES = {"policies": 0.30, "interpretations": 0.15, "decisions": 0.10}  # proposals: the rest
MEETING_TYPES = [("常务会议", "cwhy", 55), ("县长办公会议", "xzbg", 20), ("专题会议", "zthy", 20), ("全体会议", "qthy", 5)]
INTERPRETATION_FORMS = [("文字解读", 55), ("图解", 20), ("问答", 10), ("专家解读", 5), ("新闻发布会", 4), ("音视频", 3), ("在线访谈", 3)]
PROPOSAL_SESSIONS = {
    "人大代表建议": {2021: "县十七届人大六次会议", 2022: "县十八届人大一次会议", 2023: "县十八届人大二次会议",
                     2024: "县十八届人大三次会议", 2025: "县十八届人大四次会议", 2026: "县十八届人大五次会议"},
    "政协委员提案": {2021: "县政协十届五次会议", 2022: "县政协十一届一次会议", 2023: "县政协十一届二次会议",
                     2024: "县政协十一届三次会议", 2025: "县政协十一届四次会议", 2026: "县政协十一届五次会议"},
}
TOWNSHIPS = ["附城镇", "苏集镇", "胭脂镇", "景古镇", "莲麓镇", "虎关乡", "八松乡", "鸣鹿乡", "草滩乡", "康丰乡", "上湾镇",
             "五户乡", "白王镇", "流川乡", "八丹镇"]


# ---------------------------------------------------------------- small helpers

def cn_num(n: int) -> str:
    """1..99 in Chinese numerals (第十二条)."""
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else digits[tens]) + "十" + (digits[ones] if ones else "")


def cn_date(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def credit_code(body9: str) -> str:
    """A GB 32100 统一社会信用代码 for a 机关 (11) in 康乐县 (622922) with a valid check character."""
    first17 = "11622922" + body9
    return first17 + credit_code_check_char(first17)


def weighted(rng: random.Random, pairs):
    values, weights = zip(*pairs)
    return rng.choices(values, weights)[0]


class Block(str):
    """A YAML literal block scalar (``|``)."""


_INDICATORS = set("-?:,[]{}#&*!|>'\"%@`")


def _plain_ok(s: str, flow: bool = False) -> bool:
    if not s or s != s.strip() or "\n" in s or s[0] in _INDICATORS:
        return False
    if ": " in s or " #" in s or s.endswith(":") or s.isdigit():
        return False
    return not (flow and any(c in s for c in ",[]{}"))


def _scalar(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, date)):
        return str(value)
    return value if _plain_ok(value) else json.dumps(value, ensure_ascii=False)


def emit(obj: dict, indent: int = 0, out: list[str] | None = None) -> list[str]:
    """Write ``obj`` as block YAML the way staff write it (None values are left out)."""
    out = [] if out is None else out
    pad = " " * indent
    for key, value in obj.items():
        if value is None or value == []:
            continue
        if isinstance(value, Block):
            out.append(f"{pad}{key}: |")
            out.extend(f"{pad}  {line}" if line else "" for line in value.split("\n"))
        elif isinstance(value, dict):
            out.append(f"{pad}{key}:")
            emit(value, indent + 2, out)
        elif isinstance(value, list) and all(isinstance(v, str) for v in value):
            if all(_plain_ok(v, flow=True) for v in value):
                out.append(f"{pad}{key}: [{', '.join(value)}]")
            else:
                out.append(f"{pad}{key}:")
                out.extend(f"{pad}  - {_scalar(v)}" for v in value)
        elif isinstance(value, list):
            out.append(f"{pad}{key}:")
            for item in value:
                sub = emit(item, indent + 4)
                out.append(f"{pad}  - {sub[0][indent + 4:]}")
                out.extend(sub[1:])
        else:
            out.append(f"{pad}{key}: {_scalar(value)}")
    return out


class Days:
    """Working days 2020-10 … 2026-12 from the project's calendar, for picking and counting back."""

    def __init__(self, cal: WorkCalendar) -> None:
        self.cal = cal
        first, last = date(2020, 10, 1), date(2026, 12, 31)
        span = (last - first).days + 1
        self.days = [d for d in (first + timedelta(i) for i in range(span)) if cal.is_workday(d)]

    def after(self, d: date, k: int) -> date:
        return self.cal.add_workdays(d, k)

    def before(self, d: date, k: int) -> date:
        """The working day k working days before d."""
        return self.days[bisect_left(self.days, d) - k]

    def pick(self, rng: random.Random, lo: date, hi: date) -> date:
        i, j = bisect_left(self.days, lo), bisect_right(self.days, hi)
        return self.days[rng.randrange(i, j)] if j > i else lo

    def later(self, rng: random.Random, base: date, kmin: int, kmax: int, cap: date, mode: float | None = None) -> date:
        """base + k working days, k in [kmin, kmax] (skewed to ``mode``), lowered until the date is ≤ cap."""
        k = kmin if kmax <= kmin else round(rng.triangular(kmin, kmax, kmin if mode is None else mode))
        d = self.after(base, k)
        while d > cap and k > kmin:
            k -= 1
            d = self.after(base, k)
        return d


# ---------------------------------------------------------------- the records in memory

@dataclass(eq=False)
class Meeting:
    type: str
    abbr: str
    date: date
    chair: str = ""
    number: int = 0
    docs: list = field(default_factory=list)
    items: list = field(default_factory=list)
    published: date | None = None
    id: str = ""
    index_no: str = ""
    changes: list = field(default_factory=list)


@dataclass(eq=False)
class Policy:
    domain: dict
    kind: str
    issuers: list
    subj: str
    linked: bool = False
    meeting: Meeting | None = None
    title: str = ""
    doc: str = "办法"              # how the text calls itself: 办法 / 意见 / 方案 / 通知
    style: str = "articles"        # articles / sections / notice
    inner_title: str | None = None  # 关于印发《…》的通知: the document it issues
    written: date | None = None
    issued: date | None = None
    published: date | None = None
    disclosure: str = "主动公开"
    basis: str | None = None
    prefix: str | None = None
    doc_no: str | None = None
    serial: int = 0
    id: str = ""
    publisher: str | None = None
    signer: str | None = None
    effective: date | None = None
    expires: date | None = None
    review: date | None = None
    repeals: list = field(default_factory=list)   # (target Policy, by doc_no?)
    amends: list = field(default_factory=list)
    targeted: bool = False
    status_repealed: date | None = None
    attachments: list = field(default_factory=list)
    changes: list = field(default_factory=list)
    quotes_penalty: bool = False
    temporary: bool = False          # 暂行办法: valid for 2 years
    addressee: str | None = None     # 批复: the applicant it answers
    index_no: str = ""
    topic: str = ""
    interpretations: list = field(default_factory=list)

    @property
    def lead(self) -> str:
        return self.issuers[0]

    @property
    def publisher_id(self) -> str:
        return self.publisher or self.lead


@dataclass(eq=False)
class Interpretation:
    policy: Policy
    form: str
    published: date
    publisher: str
    id: str = ""
    index_no: str = ""
    attachments: list = field(default_factory=list)
    changes: list = field(default_factory=list)


@dataclass(eq=False)
class Proposal:
    kind: str
    session: str
    year: int
    number: int
    domain: dict
    subj: str
    assigned: date
    proposers: list = field(default_factory=list)
    lead: str = ""
    co: list = field(default_factory=list)
    title: str = ""
    extended_to: date | None = None
    replied: date | None = None
    published: date | None = None
    result: str = "A"
    satisfaction: str = "满意"
    reply_disclosure: str = "全文公开"
    id: str = ""
    index_no: str = ""
    topic: str = ""
    changes: list = field(default_factory=list)


# ---------------------------------------------------------------- the generator

class _Site:
    def __init__(self, n: int, seed: int) -> None:
        self.n = n
        self.rng = random.Random(seed)
        self.days = Days(WorkCalendar())
        self.orgs = {o[0]: o for o in P.ORGS}
        self.codes = {oid: credit_code(f"MB{1396000 + 37 * i:07d}") for i, oid in enumerate(self.orgs)}
        self.prefixes = {oid: [p for p, _ in o[3]] for oid, o in self.orgs.items()}
        self.slugs = {p: s for o in P.ORGS for p, s in o[3]}
        self.leaders = {x[0]: x for x in P.LEADERS}
        for dom in P.DOMAINS:
            for topic in dom["topics"]:
                first, _, second = topic.partition("/")
                assert second in DEFAULT_TAXONOMY[first], topic
        self.meetings: list[Meeting] = []
        self.policies: list[Policy] = []
        self.interpretations: list[Interpretation] = []
        self.proposals: list[Proposal] = []

    # -- text ----------------------------------------------------------------------

    def short(self, oid: str) -> str:
        return self.orgs[oid][2]

    def name(self, oid: str) -> str:
        return self.orgs[oid][1]

    def fill(self, template: str, **ctx) -> str:
        rng = self.rng
        return template.format(pct=rng.randint(85, 98), num=rng.randint(3, 30), **ctx)

    def person(self) -> str:
        rng = self.rng
        return rng.choice(P.SURNAMES) + "".join(rng.choice(P.GIVEN) for _ in range(rng.choice((1, 2, 2))))

    def ctx(self, p: Policy) -> dict:
        dom = p.domain
        y = p.written.year
        co = "、".join(self.short(c) for c in self.rng.sample(dom["co"], 2))
        return dict(subj=p.subj, dept=self.short(dom["dept"]), co=co, y=y, y2=min(y + 2, 2030), doc=p.doc,
                    law=self.rng.choice(dom["laws"]))

    def measures(self, p: Policy, c: dict) -> list[str]:
        pool = [self.fill(m, **c) for m in p.domain["measures"]]
        pool += [self.fill(m, **c) for m in P.GENERIC_MEASURES]
        self.rng.shuffle(pool)
        return pool

    def closing(self, p: Policy) -> str:
        doc = p.doc
        start = f"自{cn_date(p.effective)}起施行" if p.effective else "自发布之日起施行"
        if p.expires:
            years = p.expires.year - (p.effective or p.published).year
            text = f"本{doc}{start}，有效期{years}年。"
        else:
            text = f"本{doc}{start}。"
        for target, _ in p.repeals:
            text += f"《{target.title}》{f'（{target.doc_no}）' if target.doc_no else ''}同时废止。"
        for target, _ in p.amends:
            text += (f"《{target.title}》{f'（{target.doc_no}）' if target.doc_no else ''}中与本{doc}"
                     f"不一致的，以本{doc}为准。")
        return text

    def signature(self, p: Policy) -> list[str]:
        return ["　".join(self.name(i) for i in p.issuers), cn_date(p.written)]

    def policy_body(self, p: Policy) -> str:
        rng = self.rng
        c = self.ctx(p)
        target = rng.randint(850, 1450)
        pool = self.measures(p, c)
        dom = p.domain
        parts: list[str] = []
        def size() -> int:
            return sum(len(x) + 2 for x in parts)

        if p.style == "articles":
            k = 0

            def art(text: str) -> None:
                nonlocal k
                k += 1
                parts.append(f"第{cn_num(k)}条　{text}")

            laws = "、".join(rng.sample(dom["laws"], min(2, len(dom["laws"]))))
            parts.append("## 第一章　总则")
            art(f"为{rng.choice(dom['goals'])}，根据{laws}等法律法规和有关规定，结合本县实际，制定本{p.doc}。")
            art(f"本{p.doc}适用于本县行政区域内{p.subj}及其监督管理活动。")
            art(f"{p.subj}工作坚持{rng.choice(P.PRINCIPLES)}的原则。")
            art(f"{c['dept']}是本县{p.subj}工作的主管部门，负责组织实施、指导协调和监督管理。{c['co']}按照各自职责，做好相关工作。")
            art(f"各乡（镇）人民政府负责本辖区内{p.subj}的具体组织实施，村（居）民委员会予以协助。")
            parts.append(f"## 第二章　{rng.choice(P.CHAPTER_TWO)}")
            while pool and size() < target - 220:
                art(pool.pop())
            parts.append("## 第三章　保障与监督")
            for g in rng.sample(P.GUARANTEES, 2):
                art(self.fill(g, **c))
            art(self.fill(rng.choice(P.SUPERVISION), **c))
            if p.quotes_penalty:
                art(self.fill(P.QUOTED_PENALTY, **c))
            parts.append("## 第四章　附则")
            art(f"本{p.doc}由{c['dept']}负责解释。")
            art(self.closing(p))
            return "\n\n".join(parts)

        heads = "一二三四五六七八九十"
        if p.addressee:
            parts += [f"{p.addressee}：", f"你公司关于{p.subj}有关事项的请示收悉。经县政府研究，现批复如下。"]
            parts += [f"{cn_num(i + 1)}、{pool.pop()}" for i in range(rng.randint(10, 16))]
            parts.append("请你公司严格按照有关法律法规和协议约定推进实施，主动接受有关部门监督。")
            return "\n\n".join(parts + self.signature(p))
        if p.style == "notice":
            if p.lead in ("xzf", "xzfb"):
                parts.append("各乡（镇）人民政府，县政府各部门，县直各单位：")
            elif p.lead in ("fcz", "llz"):
                parts.append("各村（社区）党支部、村（居）民委员会，镇属各单位：")
            else:
                parts.append("各乡（镇）人民政府，局属各单位：")
            if p.inner_title:
                parts.append(f"现将《{p.inner_title}》印发给你们，请结合实际，认真抓好贯彻落实。")
            else:
                via = "经县政府同意，" if p.lead == "xzfb" else ""
                parts.append(f"为{rng.choice(dom['goals'])}，{via}现就做好{c['y']}年{p.subj}工作有关事项通知如下。")
        if p.style == "sections" or p.inner_title:
            if p.inner_title:
                parts.append(f"## {p.inner_title}")
            opening = {"意见": f"现就进一步加强{p.subj}工作提出如下意见", "要点": "制定本工作要点"}.get(p.doc, "制定本方案")
            parts.append(f"为{rng.choice(dom['goals'])}，根据{c['law']}和{rng.choice(P.UPPER_DOCS)}，结合我县实际，{opening}。")
            parts.append("## 一、总体要求")
            parts.append("（一）指导思想。" + rng.choice(P.GUIDING) + self.fill(rng.choice(P.GUIDING_TAIL), **c))
            parts.append(f"（二）基本原则。坚持{rng.choice(P.PRINCIPLES)}，统筹推进{p.subj}各项工作。")
            parts.append(self.fill("（三）工作目标。到{y2}年，{subj}工作机制更加健全，服务保障能力明显提升，群众满意度达到{pct}%以上。", **c))
            parts.append("## 二、重点任务")
            i = 0
            while pool and size() < target - 170:
                parts.append(f"（{cn_num(i + 1)}）{pool.pop()}")
                i += 1
            parts.append("## 三、保障措施")
            for i, g in enumerate(rng.sample(P.GUARANTEES, 3)):
                parts.append(f"（{heads[i]}）{self.fill(g, **c)}")
            if p.kind != "其他文件" or p.repeals or p.amends:
                parts.append(self.closing(p))
        else:
            sections = rng.sample(P.SECTION_HEADINGS, 4)
            i = 0
            while pool and size() < target - 120:
                parts.append(f"## {cn_num(i + 1)}、{sections[i]}" if i < 4 else f"## {cn_num(i + 1)}、加强{p.subj}工作")
                parts.append(pool.pop())
                if pool and rng.random() < 0.6:
                    parts.append(pool.pop())
                i += 1
            parts.append(f"## {cn_num(i + 1)}、工作要求")
            parts.append(self.fill(rng.choice(P.GUARANTEES), **c) + self.fill(rng.choice(P.GUARANTEES), **c))
            if p.repeals or p.amends:
                parts.append(self.closing(p))
        parts += self.signature(p)
        return "\n\n".join(parts)

    def interpretation_body(self, it: Interpretation) -> str:
        rng = self.rng
        p = it.policy
        c = self.ctx(p)
        dom = p.domain
        target = rng.randint(800, 1500)
        pool = self.measures(p, c)
        probs = rng.sample(P.PROBLEMS, 2)
        if p.meeting:
            m = p.meeting
            approved = f"经县政府{m.date.year}年第{m.number}次{m.type}审议通过，"
        else:
            approved = ""
        name = p.inner_title or p.title
        drafter = self.short(it.publisher)
        background = (f"近年来，我县{p.subj}工作取得了积极成效，但仍存在{probs[0]}、{probs[1]}等问题。为{rng.choice(dom['goals'])}，"
                      f"{drafter}在深入调研、广泛征求社会公众和有关部门意见的基础上，起草了《{name}》，{approved}"
                      f"于{cn_date(p.issued or p.written)}印发。")
        contact = (f"解读机关：{self.name(it.publisher)}", f"咨询电话：0930-55{rng.randint(20000, 29999)}")
        parts: list[str] = []
        def size() -> int:
            return sum(len(x) + 2 for x in parts)

        if it.form == "问答":
            parts += [f"问：《{name}》出台的背景是什么？", "答：" + background]
            parts += ["问：制定的依据有哪些？", "答：主要依据" + "、".join(dom["laws"]) + "等法律法规和政策规定。"]
            questions = ["主要有哪些措施？", "群众可以享受哪些服务？", "各部门的职责是如何分工的？", "如何保障落实？", "还有哪些需要注意的事项？"]
            q = 0
            while pool and size() < target - 120:
                parts += [f"问：{questions[q % len(questions)]}", "答：" + pool.pop() + (pool.pop() if pool else "")]
                q += 1
            parts += ["问：什么时候开始施行？", "答：" + self.closing(p)]
            parts += list(contact)
            return "\n\n".join(parts)
        heads = "一二三四五六七八九十"
        parts += ["## 一、起草背景", background, "## 二、起草依据"]
        parts += [f"（{heads[i]}）{law}；" for i, law in enumerate(dom["laws"])]
        parts.append(f"（{heads[len(dom['laws'])]}）{rng.choice(P.UPPER_DOCS)}。")
        parts += ["## 三、主要内容", f"《{name}》共{rng.randint(3, 6)}个部分，主要包括以下内容："]
        i = 0
        while pool and size() < target - 200:
            parts.append(f"（{cn_num(i + 1)}）{pool.pop()}")
            i += 1
        parts += ["## 四、主要特点",
                  f"一是突出问题导向，针对{probs[0]}等问题提出了具体举措。二是注重部门协同，明确了{c['dept']}和{c['co']}的职责分工。"
                  f"三是强化可操作性，对工作流程、完成时限和保障措施作了明确规定。",
                  "## 五、施行时间", self.closing(p), "## 六、解读机关及联系方式"]
        parts += list(contact)
        return "\n\n".join(parts)

    def reply_text(self, pr: Proposal) -> str:
        rng = self.rng
        who = "代表" if pr.kind == "人大代表建议" else "委员"
        kind_word = "建议" if who == "代表" else "提案"
        name = pr.proposers[0] + (f"等{len(pr.proposers)}位{who}" if len(pr.proposers) > 1 else who)
        dom = pr.domain
        c = dict(subj=pr.subj, dept=self.short(pr.lead), co="、".join(self.short(x) for x in pr.co) or "有关部门",
                 y=pr.replied.year, y2=pr.replied.year + 2, doc="方案", law=rng.choice(dom["laws"]))
        pool = [self.fill(m, **c) for m in dom["measures"]] + [self.fill(m, **c) for m in rng.sample(P.GENERIC_MEASURES, 3)]
        rng.shuffle(pool)
        parts = [f"{name}：",
                 f"您提出的《{pr.title}》（第{pr.number}号）收悉。{c['dept']}高度重视，会同{c['co']}进行了认真研究，现答复如下。"]
        if pr.reply_disclosure == "摘要公开":
            parts.insert(0, "（答复摘要）")
            parts += ["您的" + kind_word + "对做好" + pr.subj + "工作具有重要参考价值。" + pool.pop(), pool.pop()]
        else:
            parts += ["## 一、工作开展情况", f"近年来，我县认真落实{c['law']}，{pool.pop()}{pool.pop()}",
                      "## 二、存在的困难", f"目前，{pr.subj}工作仍面临{'、'.join(rng.sample(P.PROBLEMS, 2))}等困难，与群众期盼还有差距。",
                      "## 三、下一步工作打算", f"（一）{pool.pop()}", f"（二）{pool.pop()}", f"（三）{pool.pop()}"]
        parts.append(f"感谢您对{pr.subj}工作的关心和支持，欢迎继续提出宝贵意见和建议。")
        parts += [self.name(pr.lead), cn_date(pr.replied),
                  f"联系单位：{self.short(pr.lead)}办公室　联系电话：0930-55{rng.randint(20000, 29999)}"]
        return "\n\n".join(parts)

    # -- building ------------------------------------------------------------------

    def build(self) -> None:
        n = self.n
        n_pol = round(n * SHARES["policies"])
        n_int = round(n * SHARES["interpretations"]) if n_pol else 0
        n_dec = round(n * SHARES["decisions"])
        n_prop = max(0, n - n_pol - n_int - n_dec)
        self.build_meetings(n_dec)
        self.build_policies(n_pol, min(n_int, round(n_pol * 0.42)))
        self.build_interpretations(n_int)
        self.build_decision_items()
        self.build_proposals(n_prop)
        self.assign_index_numbers()

    def build_meetings(self, count: int) -> None:
        rng, days = self.rng, self.days
        taken = set()
        for _ in range(count):
            type_, abbr = weighted(rng, [((t, a), w) for t, a, w in MEETING_TYPES])
            for _attempt in range(20):
                d = days.pick(rng, FIRST_MEETING, LAST_MEETING)
                if (type_, d) not in taken:
                    break
            taken.add((type_, d))
            self.meetings.append(Meeting(type_, abbr, d))
        self.meetings.sort(key=lambda m: (m.date, m.type))
        numbers = defaultdict(int)
        for m in self.meetings:
            numbers[(m.type, m.date.year)] += 1
            m.number = numbers[(m.type, m.date.year)]
            m.id = f"{m.date.year}-{m.abbr}-{m.number:02d}"
            m.chair = P.HEAD if rng.random() < 0.85 else P.DEPUTY
            m.published = days.later(rng, m.date, 1, 20, LAST_PUBLISHED, mode=4)

    def build_policies(self, count: int, normative: int) -> None:
        rng = self.rng
        rules = min(normative, count // 100)
        kinds = ["规章"] * rules + ["行政规范性文件"] * (normative - rules) + ["其他文件"] * (count - normative)
        rng.shuffle(kinds)
        withheld = set(rng.sample([i for i, k in enumerate(kinds) if k == "其他文件"], min(count // 200, kinds.count("其他文件"))))
        by_type = defaultdict(list)
        for i, m in enumerate(self.meetings):
            by_type[m.type].append(i)
        for i, kind in enumerate(kinds):
            dom = rng.choice(P.DOMAINS)
            subj = rng.choice(dom["subjects"])
            r = rng.random()
            if kind == "规章":
                issuers = ["xzf"]
            elif kind == "行政规范性文件":
                issuers = ["xzf"] if r < 0.35 else ["xzfb"] if r < 0.55 else [dom["dept"]]
            else:
                issuers = (["xzf"] if r < 0.15 else ["xzfb"] if r < 0.35 else [rng.choice(("fcz", "llz"))] if r < 0.42
                           else [dom["dept"]])
            if issuers[0] == dom["dept"] and rng.random() < 0.12:
                issuers.append(rng.choice([c for c in dom["co"] if c not in ("xzf", "xzfb")]))
            p = Policy(dom, kind, issuers, subj)
            if i in withheld:
                p.disclosure, p.basis, p.issuers = "不予公开", "商业秘密", ["xzf"]
            self.policies.append(p)
            gov = p.lead in ("xzf", "xzfb")
            if gov and p.disclosure == "主动公开" and (kind != "其他文件" or rng.random() < 0.4):
                eligible = ["常务会议", "全体会议"] if kind != "其他文件" else ["常务会议", "县长办公会议", "专题会议"]
                pool = [j for t in eligible for j in by_type[t]]
                for _attempt in range(6 if pool else 0):
                    m = self.meetings[rng.choice(pool)]
                    if len(m.docs) < 4:
                        m.docs.append(p)
                        p.meeting, p.linked = m, True
                        break
            self.date_policy(p)
            self.shape_policy(p)
        self.number_policies()
        self.link_repeals()
        for p in self.policies:
            self.finish_policy(p)

    def date_policy(self, p: Policy) -> None:
        rng, days = self.rng, self.days
        if p.meeting:
            m = p.meeting
            r = weighted(rng, [(0, 1), (1, 3), (2, 4), (3, 3), (4, 2), (5, 1)])
            p.written = days.after(m.date, r)
            s = rng.choice((1, 2)) if rng.random() < 0.4 else 0
            s = min(s, 7 - r)
        else:
            p.written = days.pick(rng, FIRST_WRITTEN, LAST_WRITTEN)
            s = rng.choice((1, 2)) if rng.random() < 0.3 else 0
        p.issued = days.after(p.written, s) if s else None
        if p.disclosure == "主动公开":
            kmin = s if s else rng.choice((0, 1, 1, 1))
            p.published = days.later(rng, p.written, kmin, 20, POLICY_PUBLISH_CAP, mode=kmin + 2)
        if p.kind != "其他文件":
            base, (lo, hi) = (p.meeting.date, (2, 12)) if p.meeting else (p.written, (1, 15))
            p.review = days.before(base, rng.randint(lo, hi))

    def shape_policy(self, p: Policy) -> None:
        """Title, style, signer, publisher, effective and expiry dates."""
        rng = self.rng
        lead_name = self.name(p.lead)
        subj, y = p.subj, p.written.year
        if p.kind == "规章":
            p.style, p.doc = "articles", "办法"
            p.title = f"康乐县{subj if subj.endswith('管理') else subj + '管理'}办法"
            p.signer = P.HEAD
        elif p.kind == "行政规范性文件":
            r = rng.random()
            if r < 0.5:
                form = rng.choice(("办法", "办法", "暂行办法", "规定", "实施细则"))
                p.style, p.doc = "articles", {"暂行办法": "办法", "实施细则": "细则"}.get(form, form)
                p.temporary = form == "暂行办法"
                managed = subj if subj.endswith("管理") or form == "实施细则" else subj + "管理"
                p.title = f"康乐县{managed}{form}"
            elif r < 0.75:
                p.style, p.doc = "sections", "意见"
                p.title = f"{lead_name}关于进一步加强{subj}工作的实施意见"
            else:
                p.style, p.doc = "notice", "方案"
                p.inner_title = f"康乐县{subj}实施方案（{y}—{y + 2}年）"
                p.title = f"{lead_name}关于印发《{p.inner_title}》的通知"
            p.quotes_penalty = p.style == "articles" and rng.random() < 0.04
        elif p.disclosure != "主动公开":
            p.style, p.doc = "notice", "批复"
            p.addressee, project = rng.choice(P.COMPANIES), rng.choice(P.PROJECTS)
            p.title = f"康乐县人民政府关于同意{p.addressee}{project}有关事项的批复"
        else:
            p.style, p.doc = "notice", "通知"
            r = rng.random()
            if r < 0.35:
                p.title = f"{lead_name}关于做好{y}年{subj}工作的通知"
            elif r < 0.65:
                p.inner_title = f"康乐县{y}年{subj}工作要点"
                p.doc = "要点"
                p.title = f"{lead_name}关于印发《{p.inner_title}》的通知"
            elif r < 0.85:
                p.title = f"{lead_name}关于开展{subj}专项行动的通知"
            else:
                p.title = f"{lead_name}关于{y}年{subj}工作情况的通报"
        if p.signer is None and p.lead == "xzf" and rng.random() < 0.6:
            p.signer = rng.choice((P.HEAD, P.DEPUTY, p.domain["leader"]))
        elif p.signer is None and p.lead == "xzfb" and rng.random() < 0.4:
            p.signer = "ding-guodong"
        p.publisher = p.lead if rng.random() < 0.7 else None
        p.topic = rng.choice(p.domain["topics"])
        if p.kind != "其他文件" and p.published:
            if rng.random() < 0.35:
                first_next = date(p.published.year + p.published.month // 12, p.published.month % 12 + 1, 1)
                if (first_next - p.published).days >= 5:
                    p.effective = first_next
            if p.kind == "行政规范性文件" and rng.random() < 0.7:
                start = p.effective or p.published
                years = 2 if p.temporary else rng.choice((3, 5, 5))
                try:
                    p.expires = date(start.year + years, start.month, start.day) - timedelta(days=1)
                except ValueError:  # 2月29日
                    p.expires = date(start.year + years, 2, 28)

    def number_policies(self) -> None:
        """发文字号 in order of 成文日期 per 机关代字 and year (令: one sequence), then ids."""
        rng = self.rng
        for p in self.policies:
            if p.kind == "规章":
                p.prefix = "康乐县人民政府令"
            elif p.kind == "行政规范性文件" or p.disclosure != "主动公开":
                p.prefix = self.prefixes[p.lead][0]
            elif rng.random() < 0.85:
                options = [x for x in self.prefixes[p.lead] if not x.endswith("令")]
                p.prefix = options[0] if len(options) == 1 or rng.random() < 0.7 else options[1]
        serials = defaultdict(int)
        for p in sorted(self.policies, key=lambda x: x.written):
            if p.prefix is None:
                continue
            key = p.prefix if p.prefix.endswith("令") else (p.prefix, p.written.year)
            serials[key] += 1
            p.serial = serials[key]
            slug = self.slugs[p.prefix]
            if p.prefix.endswith("令"):
                p.doc_no, p.id = f"{p.prefix}第{p.serial}号", f"{slug}-{p.serial}"
            else:
                p.doc_no, p.id = f"{p.prefix}〔{p.written.year}〕{p.serial}号", f"{slug}-{p.written.year}-{p.serial}"
        plain = defaultdict(int)
        for p in self.policies:
            if p.doc_no is None:
                plain[(p.lead, p.written)] += 1
                p.id = f"{p.lead}-{p.written:%Y%m%d}-{plain[(p.lead, p.written)]}"

    def link_repeals(self) -> None:
        """Some documents repeal or amend an earlier one of the same domain; a few were repealed outside."""
        rng, days = self.rng, self.days
        public = [p for p in self.policies if p.published]
        by_domain = defaultdict(list)
        for p in sorted(public, key=lambda x: x.written):
            by_domain[id(p.domain)].append(p)
        for p in public:
            r = rng.random()
            if r > 0.09:
                continue
            earlier = [t for t in by_domain[id(p.domain)]
                       if t.published < p.written and not t.targeted and t.kind == p.kind]
            if not earlier:
                continue
            t = rng.choice(earlier[-8:])
            t.targeted = True
            ref = (t, bool(t.doc_no) and rng.random() < 0.4)
            (p.repeals if r < 0.06 else p.amends).append(ref)
        for p in public:
            if (not p.targeted and p.published.year <= 2023 and p.kind == "其他文件" and not p.repeals and not p.amends
                    and rng.random() < 0.02):
                p.status_repealed = days.pick(rng, p.published + timedelta(days=200), LAST_PUBLISHED)

    def finish_policy(self, p: Policy) -> None:
        rng, days = self.rng, self.days
        if p.published and rng.random() < 0.08:
            for k in range(1, rng.choice((1, 1, 2)) + 1):
                ext = rng.choice(("pdf", "pdf", "docx", "xlsx", "ofd"))
                title = rng.choice((f"附件{k}：{p.subj}工作任务分解表", f"附件{k}：{p.subj}工作责任清单",
                                    f"附件{k}：申报材料清单", f"附件{k}：联系人及联系方式"))
                p.attachments.append((title, f"{p.written.year}/{p.id}-{k}.{ext}"))
        if p.published and rng.random() < 0.04:
            p.changes.append((days.later(rng, p.published, 1, 30, LAST_PUBLISHED), rng.choice(P.CHANGE_NOTES)))

    def build_interpretations(self, count: int) -> None:
        rng, days = self.rng, self.days
        normative = [p for p in self.policies if p.kind != "其他文件" and p.published]
        others = [p for p in self.policies if p.kind == "其他文件" and p.published]
        chosen = list(normative)
        extra = max(0, count - len(chosen))
        chosen += rng.sample(others, min(extra, len(others)))
        extra = max(0, count - len(chosen))
        chosen += [rng.choice(normative) for _ in range(extra)] if normative else []
        for p in chosen[:count]:
            form = weighted(rng, INTERPRETATION_FORMS) if not p.interpretations else "图解"
            k = weighted(rng, [(0, 45), (1, 30), (2, 15), (3, 10)])
            lead = p.lead if p.lead not in ("xzf", "xzfb") else p.domain["dept"]
            it = Interpretation(p, form, days.after(p.published, k), lead)
            p.interpretations.append(it)
            it.id = f"jd-{p.id}" + (f"-{len(p.interpretations)}" if len(p.interpretations) > 1 else "")
            if form == "图解":
                it.attachments.append(("一图读懂", f"{p.written.year}/{it.id}.png"))
            self.interpretations.append(it)

    def build_decision_items(self) -> None:
        rng, days = self.rng, self.days
        for m in self.meetings:
            items = []
            for p in m.docs:
                adopted = "通过" if rng.random() < 0.7 else "原则通过"
                verb = "审议通过" if adopted == "通过" else "原则通过"
                item = {"title": f"审议《{p.title}》", "outcome": adopted,
                        "summary": f"会议{verb}《{p.title}》，要求{self.short(p.domain['dept'])}根据会议意见修改完善后，"
                                   f"以{self.name(p.lead)}文件印发实施。",
                        "documents": [p]}
                if p.kind != "其他文件" and rng.random() < 0.25:
                    item["major"] = True
                    review = p.review
                    item["procedures"] = {
                        "public_participation": {"date": days.before(review, rng.randint(30, 45)), "note": "在县政府门户网站公开征求意见30日"},
                        "expert_review": {"date": days.before(review, rng.randint(15, 25)), "note": f"组织{rng.choice(P.EXPERTS)}召开专家论证会"},
                        "risk_assessment": {"date": days.before(review, rng.randint(5, 12)), "note": f"{self.short(p.domain['dept'])}开展风险评估"},
                        "legality_review": {"date": review, "note": "县司法局合法性审查，结论为合法"},
                    }
                items.append(item)
            want = rng.randint(max(2, len(items)), 6)
            while len(items) < want:
                dom = rng.choice(P.DOMAINS)
                subj = rng.choice(dom["subjects"])
                dept = self.short(dom["dept"])
                r = rng.random()
                if r < 0.4:
                    items.append({"title": f"听取{dept}关于{subj}工作情况的汇报", "outcome": "听取汇报",
                                  "summary": f"会议听取了{dept}关于{subj}工作情况的汇报，要求进一步压实责任、细化措施，确保年度目标任务按期完成。"})
                elif r < 0.85:
                    item = {"title": f"研究{subj}有关事项", "outcome": rng.choice(("通过", "原则通过")),
                            "summary": f"会议同意{dept}提出的{subj}工作安排，要求{'、'.join(self.short(c) for c in dom['co'][:2])}密切配合，抓好落实。"}
                    if rng.random() < 0.08:
                        item["public_interest"] = True
                        item["stability_assessment"] = {"date": days.before(m.date, rng.randint(5, 20)), "by": rng.choice(P.STABILITY_BY),
                                                        "note": "评估风险等级为低风险"}
                    items.append(item)
                elif r < 0.93:
                    items.append({"title": f"研究{subj}项目调整事宜", "outcome": "暂缓",
                                  "summary": f"会议认为该事项需进一步论证，决定暂缓研究，由{dept}会同有关部门补充完善后另行提交会议审议。"})
                else:
                    items.append({"title": f"研究{rng.choice(P.COMPANIES)}{rng.choice(P.PROJECTS)}投资协议有关事项",
                                  "outcome": "原则通过", "disclosure": "不予公开", "disclosure_basis": "商业秘密",
                                  "summary": "会议研究了有关项目投资协议事项。"})
            rng.shuffle(items)
            m.items = items
            if m.type == "专题会议":
                first = next((it for it in items if it.get("documents")), None)
                m.chair = first["documents"][0].domain["leader"] if first else rng.choice([x[0] for x in P.LEADERS[1:5]])
            if rng.random() < 0.03:
                m.changes.append((days.later(rng, m.published, 1, 20, LAST_PUBLISHED), "更正议题名称中的文字错误"))

    def build_proposals(self, count: int) -> None:
        rng, days = self.rng, self.days
        years = list(range(2021, 2027))
        per_year = [count // len(years) + (1 if i < count % len(years) else 0) for i in range(len(years))]
        for year, k in zip(years, per_year):
            for kind in ("人大代表建议", "政协委员提案"):
                share = round(k * 0.55) if kind == "人大代表建议" else k - round(k * 0.55)
                session = PROPOSAL_SESSIONS[kind][year]
                handover = days.pick(rng, date(year, 3, 10), date(year, 4, 10))
                batch = []
                for _ in range(share):
                    assigned = handover if rng.random() < 0.85 else days.pick(rng, date(year, 5, 6), date(year, 6, 19))
                    dom = rng.choice(P.DOMAINS)
                    batch.append(Proposal(kind, session, year, 0, dom, rng.choice(dom["subjects"]), assigned))
                batch.sort(key=lambda x: x.assigned)
                for number, pr in enumerate(batch, 1):
                    pr.number = number
                    self.shape_proposal(pr)
                    self.proposals.append(pr)

    def shape_proposal(self, pr: Proposal) -> None:
        rng, days, cal = self.rng, self.days, self.days.cal
        dom = pr.domain
        word = "建议" if pr.kind == "人大代表建议" else "提案"
        pr.id = f"{'rd' if word == '建议' else 'zx'}-{pr.year}-{pr.number:03d}"
        pr.title = rng.choice((f"关于进一步加强{pr.subj}的{word}", f"关于加快推进{pr.subj}的{word}",
                               f"关于完善{pr.subj}工作机制的{word}", f"关于加大{pr.subj}投入力度的{word}",
                               f"关于解决{rng.choice(TOWNSHIPS)}{pr.subj}有关问题的{word}"))
        many = rng.random() < (0.3 if word == "建议" else 0.2)
        names: list[str] = []
        while len(names) < (rng.randint(2, 4) if many else 1):
            name = self.person()
            if name not in names:
                names.append(name)
        pr.proposers = names
        pr.lead = dom["dept"]
        co = [c for c in dom["co"] if c not in ("xzf", "xzfb")]
        pr.co = rng.sample(co, rng.choice((0, 0, 1, 2))) if co else []
        pr.topic = rng.choice(dom["topics"])
        deadline = cal.deadline_after_months(pr.assigned, 3)
        if rng.random() < 0.03:
            pr.extended_to = cal.add_months(pr.assigned, rng.choice((4, 5)))
            pr.replied = days.pick(rng, deadline + timedelta(days=1), pr.extended_to)
        else:
            start = days.after(pr.assigned, 10)
            pr.replied = days.days[round(rng.triangular(bisect_left(days.days, start), bisect_right(days.days, deadline) - 1,
                                                        bisect_right(days.days, deadline) - 1))]
        pr.published = days.later(rng, pr.replied, 1, 20, LAST_PUBLISHED, mode=5)
        pr.result = weighted(rng, [("A", 50), ("B", 30), ("C", 12), ("D", 8)])
        pr.satisfaction = weighted(rng, [("满意", 75), ("基本满意", 18), ("不满意", 2), ("未反馈", 5)])
        pr.reply_disclosure = weighted(rng, [("全文公开", 80), ("摘要公开", 15), ("不予公开", 5)])
        if rng.random() < 0.02:
            pr.changes.append((days.later(rng, pr.published, 1, 20, LAST_PUBLISHED), "补充答复摘要"))

    def assign_index_numbers(self) -> None:
        """索引号: publisher's credit code / year of publication (or of forming) / serial in date order."""
        groups = defaultdict(list)
        for p in self.policies:
            groups[(p.publisher_id, (p.published or p.written).year)].append(((p.published or p.written), 0, p.id, p))
        for it in self.interpretations:
            groups[(it.publisher, it.published.year)].append((it.published, 1, it.id, it))
        for m in self.meetings:
            groups[("xzfb", m.published.year)].append((m.published, 2, m.id, m))
        for pr in self.proposals:
            groups[(pr.lead, pr.published.year)].append((pr.published, 3, pr.id, pr))
        for (org, year), members in groups.items():
            members.sort(key=lambda x: x[:3])
            for serial, (*_, rec) in enumerate(members, 1):
                rec.index_no = f"{self.codes[org]}/{year}-{serial:05d}"

    # -- writing -------------------------------------------------------------------

    def config(self) -> dict:
        orgs = [{"id": oid, "name": o[1], "credit_code": self.codes[oid], "doc_prefixes": [p for p, _ in o[3]]}
                for oid, o in self.orgs.items()]
        leaders = [{"id": i, "name": nm, "role": role, "divisions": div, "ab_partner": ab} for i, nm, role, div, ab in P.LEADERS]
        return {
            "site": {"title": "康乐县人民政府信息公开", "base_url": "https://www.example.gov.cn/zwgk/", "sample_data": True,
                     "footer": {"host": "康乐县人民政府办公室", "site_code": "6229220001", "icp": "陇ICP备12003456号-1",
                                "police": "甘公网安备62292202000123号", "address": "甘肃省临夏回族自治州康乐县附城镇政府街1号",
                                "phone": "0930-5521001"}},
            "government": {"name": P.GOV_NAME, "region_code": "622922", "credit_code": self.codes["xzf"],
                           "disclosure_office": {"name": "康乐县人民政府办公室（政务公开办公室）",
                                                 "address": "甘肃省临夏回族自治州康乐县附城镇政府街1号",
                                                 "hours": "工作日上午8:30—12:00，下午14:30—18:00", "phone": "0930-5521002",
                                                 "postcode": "731500"}},
            "organizations": orgs,
            "leaders": leaders,
            "rules": {"deadlines": {"publish_workdays": 20, "meeting_issue_workdays": 7, "interpretation_workdays": 3,
                                    "proposal_reply_months": 3, "proposal_max_months": 6, "proposal_publish_workdays": 20},
                      "proposal_classes": {"A": "所提问题已经解决或基本解决", "B": "正在解决或已列入规划逐步解决",
                                           "C": "因条件限制需以后解决", "D": "留作参考"},
                      "index_no_pattern": "{credit_code}/{year}-{serial:05d}"},
        }

    def policy_record(self, p: Policy) -> dict:
        def ref(t, by_no):
            return t.doc_no if by_no else t.id

        rec = {
            "title": p.title, "publisher": p.publisher, "published": p.published, "index_no": p.index_no, "topic": p.topic,
            "disclosure": p.disclosure, "disclosure_basis": p.basis, "doc_no": p.doc_no, "kind": p.kind,
            "issuer": p.issuers if len(p.issuers) > 1 else p.issuers[0], "signer": p.signer, "written": p.written,
            "issued": p.issued, "effective": p.effective, "expires": p.expires,
            "legality_review": {"date": p.review, "result": "合法"} if p.review else None,
            "repeals": [ref(*x) for x in p.repeals], "amends": [ref(*x) for x in p.amends],
        }
        if p.status_repealed:
            rec.update(status="废止", repealed_on=p.status_repealed,
                       repeal_note="根据《康乐县人民政府关于公布规范性文件清理结果的通知》宣布废止")
        rec["attachments"] = [{"title": t, "file": f} for t, f in p.attachments]
        rec["changes"] = [{"date": d, "note": note} for d, note in p.changes]
        if p.quotes_penalty:
            rec["waivers"] = [{"rule": "GK109", "reason": P.QUOTED_PENALTY_WAIVER}]
        rec["body"] = Block(self.policy_body(p))
        return rec

    def interpretation_record(self, it: Interpretation) -> dict:
        p = it.policy
        name = p.inner_title or p.title
        titles = {"文字解读": f"《{name}》政策解读", "图解": f"图解：《{name}》", "问答": f"《{name}》政策问答",
                  "专家解读": f"专家解读《{name}》", "新闻发布会": f"《{name}》新闻发布会实录",
                  "音视频": f"视频解读：《{name}》", "在线访谈": f"在线访谈：解读《{name}》"}
        interpreter = (self.rng.choice(P.EXPERTS) if it.form == "专家解读"
                       else self.short(it.publisher) + self.rng.choice(P.INTERPRETER_ROLES))
        return {"title": titles[it.form], "publisher": it.publisher, "published": it.published, "index_no": it.index_no,
                "topic": p.topic, "disclosure": "主动公开", "interprets": p.id, "form": it.form, "interpreter": interpreter,
                "attachments": [{"title": t, "file": f} for t, f in it.attachments],
                "body": Block(self.interpretation_body(it))}

    def decision_record(self, m: Meeting) -> dict:
        chair = self.leaders[m.chair]
        items = []
        for item in m.items:
            out = dict(item)
            if "documents" in out:
                out["documents"] = [p.id for p in out["documents"]]
            items.append(out)
        attend = "县政府副县长、办公室主任出席" if m.type != "专题会议" else "县直有关部门负责同志参加"
        return {"title": f"康乐县人民政府{m.date.year}年第{m.number}次{m.type}决定事项", "publisher": "xzfb",
                "published": m.published, "index_no": m.index_no, "topic": "综合政务/政务公开", "disclosure": "主动公开",
                "meeting": {"type": m.type, "number": m.number, "date": m.date, "chair": m.chair},
                "items": items,
                "changes": [{"date": d, "note": note} for d, note in m.changes],
                "body": Block(f"会议由{chair[2]}{chair[1]}主持，{attend}，县政府办公室和县直有关部门负责同志列席会议。")}

    def proposal_record(self, pr: Proposal) -> dict:
        rec = {"title": pr.title, "publisher": pr.lead, "published": pr.published, "index_no": pr.index_no, "topic": pr.topic,
               "disclosure": "主动公开", "kind": pr.kind, "session": pr.session, "number": pr.number,
               "proposers": pr.proposers, "lead": pr.lead, "co": pr.co, "assigned": pr.assigned,
               "extended_to": pr.extended_to, "replied": pr.replied, "result": pr.result, "satisfaction": pr.satisfaction,
               "reply_disclosure": pr.reply_disclosure}
        if pr.reply_disclosure == "不予公开":
            rec["disclosure_basis"] = "个人隐私"
        else:
            rec["reply"] = Block(self.reply_text(pr))
        rec["changes"] = [{"date": d, "note": note} for d, note in pr.changes]
        return rec

    def write(self, dest: Path) -> None:
        content = dest / "content"
        for sub in ("policies", "interpretations", "decisions", "proposals", "attachments"):
            (content / sub).mkdir(parents=True, exist_ok=True)
        header = "# 合成的基准测试站点（benchmarks/synth.py 生成）：全部内容为虚构示例数据。\n"
        (dest / "site_config.yml").write_text(header + "\n".join(emit(self.config())) + "\n", encoding="utf-8")

        def put(type_: str, rid: str, rec: dict) -> None:
            (content / type_ / f"{rid}.yml").write_text("\n".join(emit(rec)) + "\n", encoding="utf-8")

        for p in self.policies:
            put("policies", p.id, self.policy_record(p))
        for it in self.interpretations:
            put("interpretations", it.id, self.interpretation_record(it))
        for m in self.meetings:
            put("decisions", m.id, self.decision_record(m))
        for pr in self.proposals:
            put("proposals", pr.id, self.proposal_record(pr))
        # real (tiny) files: the checker opens PDF, DOCX and XLSX attachments to scan them
        made = {"pdf": lambda: samplefiles.pdf_bytes(["Synthetic attachment"]),
                "docx": lambda: samplefiles.docx_bytes(f"<w:p><w:r><w:t>{P.ATTACHMENT_TEXT}</w:t></w:r></w:p>"),
                "xlsx": lambda: samplefiles.xlsx_bytes({"Sheet1": '<row r="1"><c r="A1" t="s"><v>0</v></c></row>'},
                                                        [P.ATTACHMENT_TEXT]),
                "png": lambda: b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "ofd": lambda: samplefiles.zip_bytes({"OFD.xml": '<ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016" Version="1.0"/>'})}
        for t, f in [a for p in self.policies for a in p.attachments] + [a for i in self.interpretations for a in i.attachments]:
            path = content / "attachments" / f
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(made[path.suffix[1:]]())


def generate_site(dest: Path, n: int, seed: int = 0) -> Path:
    """Write a complete synthetic site of ``n`` records into ``dest`` and return ``dest``.

    ``dest`` must be empty, missing, or a site this function generated before (it is then replaced).
    """
    dest = Path(dest)
    if dest.exists() and any(dest.iterdir()):
        if not (dest / MARKER).exists():
            raise FileExistsError(f"{dest} 不是空目录，也不是 synth.py 生成的站点，拒绝覆盖")
        shutil.rmtree(dest / "content", ignore_errors=True)
    dest.mkdir(parents=True, exist_ok=True)
    (dest / MARKER).write_text(f"n={n} seed={seed}\n", encoding="utf-8")
    site = _Site(n, seed)
    site.build()
    site.write(dest)
    return dest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="生成 N 条记录的合成站点（基准测试用）。")
    parser.add_argument("dest", type=Path, help="输出目录（空目录，或此前生成的站点）")
    parser.add_argument("n", type=int, help="记录条数")
    parser.add_argument("--seed", type=int, default=0, help="随机种子（默认 0）")
    args = parser.parse_args(argv)
    import time
    start = time.perf_counter()
    generate_site(args.dest, args.n, args.seed)
    counts = {t: sum(1 for _ in (args.dest / "content" / t).glob("*.yml"))
              for t in ("policies", "interpretations", "decisions", "proposals")}
    print(f"已生成 {sum(counts.values())} 条记录到 {args.dest}（{time.perf_counter() - start:.1f} 秒）："
          + "，".join(f"{k} {v}" for k, v in counts.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
