"""规章或行政规范性文件没有同步发布政策解读。

按照“谁起草、谁解读”和文件与解读“同步组织、同步审签、同步部署”的要求，主动公开的规章和
行政规范性文件，应在发布后 rules.deadlines.interpretation_workdays 个工作日内（默认 {default:interpretation_workdays} 个，
0 表示同日）发布政策解读。期限未到时不报。解读早于文件发布的，由 GK206（日期不可能）报告。
期限已过仍没有解读是逾期职责：check、build、status 都会列出，每日定时任务报警，但不阻止生成站点
（否则补发解读的那次发布也会被挡住）。解读超期才发布的，在解读中加上 `late: {reason: 超期原因}`
如实说明，本规则即予接受，页面公开显示“超期公开，原因：……”。
"""

from .. import vocab
from ..deadlines import Due, workday_due
from .common import INTERPRETATION_DUTY, INTERPRETATION_DUTY_ALSO
from .base import Hit, Rule
from .examples import normative, normative_with_interpretation

RULE = Rule(
    code="GK102", name="policy-without-interpretation", title="政策文件缺少解读", severity="error",
    citation=INTERPRETATION_DUTY, also=INTERPRETATION_DUTY_ALSO,
    explanation=__doc__,
    lenient_on_imported=True,
    applies_to=("policies",),
    obligation="主动公开的规章、行政规范性文件发布后超过期限仍没有政策解读",
    fail_example={"content/policies/gongshui.yml": normative(mark="published")},
    pass_example=normative_with_interpretation(),
    reads={"policies": ("published", "disclosure", "kind")},
)


def interpretation_due(rec, ctx) -> Due | None:
    """The interpretation deadline of a policy: ``interpretation_workdays`` working days after it is
    published, met by its first public interpretation. None when the policy needs none (not a
    规章 or 行政规范性文件, not 主动公开, or not published)."""
    m = rec.model
    if m.kind not in vocab.NORMATIVE_KINDS or m.disclosure != vocab.PUBLIC or m.published is None:
        return None
    dates = [i.model.published for i in ctx.interpretations_of.get(rec.id, ())
             if i.model.disclosure == vocab.PUBLIC and i.model.published]
    return workday_due(RULE.code, ctx.calendar, m.published, ctx.config.rules.deadlines.interpretation_workdays,
                       min(dates, default=None), ctx.today)


def check(rec, site):
    m = rec.model
    due = interpretation_due(rec, site)
    if due is None or not due.verdict():
        return
    days = site.config.rules.deadlines.interpretation_workdays
    if due.done is not None:
        first = min((i for i in site.interpretations_of.get(rec.id, ())
                     if i.model.disclosure == vocab.PUBLIC and i.model.published == due.done), key=lambda i: i.id)
        if first.model.late is None:
            yield Hit(("published",), f"{m.kind}的解读迟至 {due.done} 才发布，应在文件发布后 {days} 个工作日内（{due.deadline} 前）发布。"
                                      f"如实记录超期：在解读 {first.id} 中加上 late: {{reason: 超期原因}}，页面会公开显示“超期公开，原因：……”")
    else:
        yield Hit(("published",), f"{m.kind}发布于 {m.published}，应在 {days} 个工作日内（{due.deadline} 前）发布政策解读，至今没有。"
                                  f"请尽快发布解读；超期发布的解读加上 late: {{reason: 超期原因}}，页面会公开显示原因", overdue=True)
