"""会议决定印发的文件没有在会后规定的工作日内印发。

会议讨论通过（或原则通过）决定印发的文件，原则上须在会议结束后
rules.deadlines.meeting_issue_workdays 个工作日内（默认 {default:meeting_issue_workdays} 个）印发；印发日期取文件的 issued，
没有时取 written。规则说“原则上”：确有特殊情况的，在该文件的 waivers 中写明理由予以豁免。
"""

from ..findings import WORK_RULES, Citation
from .. import vocab
from ..deadlines import Due, workday_due
from .base import Hit, Rule
from .examples import decision, normative, interpretation

RULE = Rule(
    code="GK105", name="meeting-document-issued-late", title="会议决定文件印发超期", severity="error",
    citation=Citation(WORK_RULES, "第四十七条",
                      "县政府全体会议、县政府常务会议、县长办公会议和县政府专题会议讨论通过决定印发的文件，原则上须在会议结束后7个工作日内印发。"),
    explanation=__doc__,
    lenient_on_imported=True,
    applies_to=("decisions",),
    fail_example={"content/decisions/cwhy-2026-5.yml": decision(),
                  "content/policies/gongshui.yml": normative(written="2026-06-09", issued="2026-06-10", published="2026-06-12", mark="issued"),
                  "content/interpretations/jd-gongshui.yml": interpretation(published="2026-06-12")},
    pass_example={"content/decisions/cwhy-2026-5.yml": decision(),
                  "content/policies/gongshui.yml": normative(),
                  "content/interpretations/jd-gongshui.yml": interpretation()},
    reads={"policies": ("written", "issued"), "decisions": ("meeting.date", "items.outcome", "items.documents")},
)


def issue_due(meeting, doc, ctx) -> Due:
    """The deadline for issuing a document a meeting decided on: ``meeting_issue_workdays`` working
    days after the meeting, met by the document's ``issued`` (else ``written``) date."""
    days = ctx.config.rules.deadlines.meeting_issue_workdays
    return workday_due(RULE.code, ctx.calendar, meeting.date, days, doc.issued_on, ctx.today)


def decided_documents(rec, ctx):
    """``(policy record, Due)`` for every known document an adopted item of the meeting decided to issue."""
    m = rec.model
    for item in m.items:
        if item.outcome not in vocab.ADOPTED_OUTCOMES:
            continue
        for doc_id in item.documents:
            doc = ctx.records["policies"].get(doc_id)
            if doc is not None:
                yield doc, issue_due(m.meeting, doc.model, ctx)


def check(rec, site):
    m = rec.model
    days = site.config.rules.deadlines.meeting_issue_workdays
    for doc, due in decided_documents(rec, site):
        if due.verdict():
            key = "issued" if doc.model.issued else "written"
            yield Hit((key,), f"会议（{m.meeting.date}，{rec.id}）决定印发的文件迟至 {due.done} 才印发，"
                      f"应在会后 {days} 个工作日内（{due.deadline} 前）印发。确有特殊情况的，在该文件中加上 "
                      f"waivers: [{{rule: GK105, reason: 理由}}] 写明理由", record=doc)
