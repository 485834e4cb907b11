"""规章或行政规范性文件没有同步发布政策解读。

按照“谁起草、谁解读”和文件与解读“同步组织、同步审签、同步部署”的要求，主动公开的规章和
行政规范性文件，应在发布后 rules.deadlines.interpretation_workdays 个工作日内（默认 3 个，
0 表示同日）发布政策解读；解读不能早于文件本身发布。期限未到时不报。
期限已过仍没有解读是逾期职责：check、build、status 都会列出，每日定时任务报警，但不阻止生成站点
（否则补发解读的那次发布也会被挡住）。解读超期才发布的，在解读中加上 `late: {reason: 超期原因}`
如实说明，本规则即予接受，页面公开显示“超期公开，原因：……”。
"""

from ..findings import Citation
from .. import vocab
from .base import Hit, Rule
from .examples import normative, normative_with_interpretation

RULE = Rule(
    code="GK102", name="policy-without-interpretation", title="政策文件缺少解读", severity="error",
    citation=Citation("康乐县人民政府工作规则", "第三十三条",
                      "县政府及各部门要加强政策解读，准确传递政策意图，重视市场和社会反映，及时回应公众关切，解疑释惑，稳定预期。"),
    also=(Citation("国办发〔2016〕80号", None, "同步组织、同步审签、同步部署"),),
    explanation=__doc__,
    applies_to=("policies", "interpretations"),
    obligation="主动公开的规章、行政规范性文件发布后超过期限仍没有政策解读",
    fail_example={"content/policies/gongshui.yml": normative(mark="published")},
    pass_example=normative_with_interpretation(),
)


def check(rec, site):
    m = rec.model
    days = site.config.rules.deadlines.interpretation_workdays
    if rec.type == "interpretations":
        policy = site.records["policies"].get(m.interprets)
        if policy and m.published and policy.model.published and m.published < policy.model.published:
            yield Hit(("published",), f"解读发布日期 {m.published} 早于所解读文件的发布日期 {policy.model.published}")
        return
    if m.kind not in vocab.NORMATIVE_KINDS or m.disclosure != vocab.PUBLIC or m.published is None:
        return
    cal = site.calendar
    published = sorted((i.model.published, i.id, i) for i in site.interpretations_of.get(rec.id, ())
                       if i.model.disclosure == vocab.PUBLIC and i.model.published)
    if published:
        first, first_id, interp = published[0]
        if not cal.is_within_workdays(m.published, first, days) and interp.model.late is None:
            deadline = cal.add_workdays(m.published, days)
            yield Hit(("published",), f"{m.kind}的解读迟至 {first} 才发布，应在文件发布后 {days} 个工作日内（{deadline} 前）发布。"
                                      f"如实记录超期：在解读 {first_id} 中加上 late: {{reason: 超期原因}}，页面会公开显示“超期公开，原因：……”")
    elif not cal.is_within_workdays(m.published, site.today, days):
        deadline = cal.add_workdays(m.published, days)
        yield Hit(("published",), f"{m.kind}发布于 {m.published}，应在 {days} 个工作日内（{deadline} 前）发布政策解读，至今没有。"
                                  f"请尽快发布解读；超期发布的解读加上 late: {{reason: 超期原因}}，页面会公开显示原因", overdue=True)
