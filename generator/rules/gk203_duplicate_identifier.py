"""两条记录使用了同一个发文字号、索引号或建议提案编号。

规范性文件实行统一登记、统一编号、统一发布；索引号是公开目录的唯一索引。同一发文字号、
同一索引号、同一类别和会次下的同一建议提案编号只能属于一条记录；同一类会议的第N次在一年内
（rules.meeting_numbering: per_year，默认）或一届内（per_term，按 meeting.term）只能有一次。检查器在后出现的记录处报告，
并指出先出现的文件。
"""

from collections import defaultdict

from .. import vocab
from ..findings import Citation
from .common import CATALOGUE
from .base import Hit, Rule
from .examples import policy

RULE = Rule(
    code="GK203", name="duplicate-identifier", title="编号重复", severity="error",
    citation=Citation("国办发〔2018〕37号", None, "统一登记、统一编号、统一印发"),
    also=(CATALOGUE,),
    explanation=__doc__,
    fail_example={"content/policies/a-fangxun.yml": policy(),
                  "content/policies/b-fangxun.yml": policy(index_no="11622922013960001W/2026-00002", mark="doc_no")},
    pass_example={"content/policies/a-fangxun.yml": policy(),
                  "content/policies/b-fangxun.yml": policy(index_no="11622922013960001W/2026-00002", doc_no="康政发〔2026〕9号")},
    reads={"*": ("index_no",), "policies": ("doc_no",), "proposals": ("kind", "session", "number"),
           "decisions": ("meeting.type", "meeting.term", "meeting.number", "meeting.date")},
)


def _keys(rec, numbering):
    m = rec.model
    if m.index_no is not None:
        yield ("index_no",), ("索引号", m.index_no)
    if rec.type == "policies" and m.doc_no:
        yield ("doc_no",), ("发文字号", m.doc_no)
    if rec.type == "proposals":
        yield ("number",), ("建议提案编号", f"{m.kind} {m.session} 第{m.number}号")
    if rec.type == "decisions":
        meeting = m.meeting
        if numbering == vocab.PER_TERM:
            if meeting.term:
                yield ("meeting", "number"), ("会议编号", f"{meeting.term}第{meeting.number}次{meeting.type}")
        else:
            yield ("meeting", "number"), ("会议编号", f"{meeting.date.year}年第{meeting.number}次{meeting.type}")


def check_site(site):
    seen = defaultdict(list)
    numbering = site.config.rules.meeting_numbering
    for rec in sorted(site.all_records(), key=lambda r: r.source.relpath):
        for path, key in _keys(rec, numbering):
            seen[key].append((rec, path))
    for (what, value), places in seen.items():
        first = places[0][0]
        for rec, path in places[1:]:
            yield Hit(path, f"{what}“{value}”重复：已用于 {first.source.relpath}", record=rec)
