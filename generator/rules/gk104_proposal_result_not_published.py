"""建议提案已答复，但办理结果没有按时公开或不完整。

答复后应在 rules.deadlines.proposal_publish_workdays 个工作日内（默认 {default:proposal_publish_workdays} 个）主动公开办理
结果（复文不予公开的除外），并写明复文公开方式 reply_disclosure；全文或摘要公开的，reply 中写出
复文全文或摘要。期限未到时不报未公开。办理结果类别 result 和满意度 satisfaction 可不写：多数答复
页面不载明类别，满意度常在答复后才收到；统计中分别计为“未分类”“未反馈”。
期限已过仍未公开是逾期职责：列出并报警，但不阻止生成站点。超期才公开的，如实写发布日期并加上
`late: {reason: 超期原因}`，本规则即予接受，页面公开显示“超期公开，原因：……”。
"""

from ..findings import WORK_RULES, Citation
from .. import vocab
from ..deadlines import Due, workday_due
from ..findings import WORK_RULES, Citation
from .base import Hit, Requirement, Rule
from .examples import proposal

RULE = Rule(
    code="GK104", name="proposal-result-not-published", title="办理结果未公开", severity="error",
    citation=Citation(WORK_RULES, "第三十四条", "严格责任，限时办结，主动公开办理结果。"),
    also=(Citation("国办发〔2014〕46号", None, "对涉及公共利益、公众权益、社会关切及需要社会广泛知晓的建议和提案办理复文，原则上都应全文公开。"),),
    explanation=__doc__,
    lenient_on_imported=True,
    obligation="建议提案已答复，超过公开期限仍未公开办理结果",
    applies_to=("proposals",),
    fail_example={"content/proposals/rd-5-12.yml": proposal(published="2026-08-10", mark="published")},
    pass_example={"content/proposals/rd-5-12.yml": proposal()},
    reads={"proposals": ("published", "disclosure", "replied", "reply_disclosure", "reply", "late")},
    requires=(Requirement("published", "公开办理结果时必填", ("proposals",)),
              Requirement("reply_disclosure", "已答复时必填", ("proposals",)),
              Requirement("reply", "复文全文或摘要公开时必填", ("proposals",))),
)


def publication_due(model, ctx) -> Due | None:
    """The deadline for publishing a proposal's result: ``proposal_publish_workdays`` working days
    after the reply, met by ``published``. None when nothing is to be published (not answered yet,
    the reply withheld, or the record not 主动公开 — GK101 judges a withheld record)."""
    if model.replied is None or model.reply_disclosure == vocab.WITHHELD or model.disclosure != vocab.PUBLIC:
        return None
    days = ctx.config.rules.deadlines.proposal_publish_workdays
    return workday_due(RULE.code, ctx.calendar, model.replied, days, model.published, ctx.today)


def check(rec, site):
    m = rec.model
    if m.replied is None:
        return
    if m.reply_disclosure is None:
        yield Hit(("replied",), "已答复，但没有写复文公开方式 reply_disclosure", at_key=True, omitted=True)
    due = publication_due(m, site)
    if due is None:
        return
    if m.reply_disclosure is not None and not m.reply:
        yield Hit(("reply_disclosure",), f"复文{m.reply_disclosure}，但没有写答复内容 reply", at_key=True)
    if not due.verdict():
        return
    if m.published is None:
        yield Hit(("replied",), f"答复于 {m.replied}，应在 {due.deadline} 前公开办理结果，至今没有发布日期 published。"
                                f"请尽快公开，如实写发布日期并加上 late: {{reason: 超期原因}}", at_key=True, overdue=True)
    elif m.late is None:
        days = site.config.rules.deadlines.proposal_publish_workdays
        yield Hit(("published",), f"办理结果发布于 {m.published}，晚于答复后 {days} 个工作日的期限（{due.deadline}）。"
                                  f"如实记录超期：在本记录中加上 late: {{reason: 超期原因}}，页面会公开显示“超期公开，原因：……”")
