"""建议提案超过办理期限才答复（或至今未答复）。

人大代表建议和政协委员提案应自交办之日起 rules.deadlines.proposal_reply_months 个月内
（默认 {default:proposal_reply_months} 个月）答复；情况复杂经批准延期的，以 extended_to 为限，但总期限不得超过
proposal_max_months 个月（默认 {default:proposal_max_months} 个月）。期限最后一日是节假日的，顺延至节后第一个工作日。
已答复但超期为错误；未答复且已过期限为警告（逾期），提醒尽快办理。
"""

from ..deadlines import Due, month_due
from ..findings import WORK_RULES, Citation
from .base import Hit, Requirement, Rule
from .examples import proposal

RULE = Rule(
    code="GK103", name="proposal-answered-late", title="建议提案答复超期", severity="error",
    citation=Citation(WORK_RULES, "第三十四条",
                      "县政府各部门要依法认真办理人大代表建议和政协委员提案，加强与代表委员沟通，严格责任，限时办结，主动公开办理结果。"),
    explanation=__doc__,
    obligation="建议提案超过办理期限仍未答复",
    lenient_on_imported=True,
    applies_to=("proposals",),
    fail_example={"content/proposals/rd-5-12.yml": proposal(replied="2026-07-20", published="2026-07-24", mark="replied")},
    pass_example={"content/proposals/rd-5-12.yml": proposal()},
    reads={"proposals": ("assigned", "extended_to", "replied", "late")},
    requires=(Requirement("replied", "已答复时必填", ("proposals",)),),
)


def reply_due(model, ctx) -> Due | None:
    """The reply deadline of a proposal: ``proposal_reply_months`` months after it was assigned
    (moved past a holiday), or the approved ``extended_to``; met by ``replied``. None for an imported
    record whose source did not show 交办日期: no deadline is guessed."""
    if model.assigned is None:
        return None
    months = ctx.config.rules.deadlines.proposal_reply_months
    return month_due(RULE.code, ctx.calendar, model.assigned, months, model.replied, ctx.today,
                     fixed=model.extended_to)


def check(rec, site):
    m = rec.model
    if m.assigned is None:
        return  # an imported record whose source did not show 交办日期: no deadline to judge by
    d = site.config.rules.deadlines
    cal = site.calendar
    if m.extended_to is not None:
        limit = cal.deadline_after_months(m.assigned, d.proposal_max_months)
        if m.extended_to > limit:
            yield Hit(("extended_to",), f"延期至 {m.extended_to}，超过交办后 {d.proposal_max_months} 个月的最长期限（{limit}）")
    due = reply_due(m, site)
    if not due.verdict():
        return
    how = (f"延期至 {m.extended_to}" if m.extended_to else f"交办后 {d.proposal_reply_months} 个月")
    if m.replied is not None:
        if m.late is None:
            yield Hit(("replied",), f"答复日期 {m.replied} 超过办理期限（{how}，即 {due.deadline}）。"
                                    f"如实记录超期：在本记录中加上 late: {{reason: 超期原因}}，页面会公开显示“超期公开，原因：……”")
    else:
        yield Hit(("assigned",), f"已逾期未答复：办理期限为{how}，即 {due.deadline}，截至 {site.today} 仍未答复。"
                                 f"答复后如实填写答复日期，并加上 late: {{reason: 超期原因}}", severity="warning", overdue=True)
