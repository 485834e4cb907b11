"""规章或行政规范性文件没有同步发布政策解读。

按照“谁起草、谁解读”和文件与解读“同步组织、同步审签、同步部署”的要求，主动公开的规章和
行政规范性文件，应在发布后 rules.deadlines.interpretation_workdays 个工作日内（默认 3 个，
0 表示同日）发布政策解读；解读不能早于文件本身发布。期限未到时不报。
"""

from ..findings import WORK_RULES, Citation
from .. import vocab
from .base import Hit, Rule
from .examples import normative, normative_with_interpretation

RULE = Rule(
    code="GK102", name="policy-without-interpretation", title="政策文件缺少解读", severity="error",
    citation=Citation(WORK_RULES, "第三十三条",
                      "县政府及各部门要加强政策解读，准确传递政策意图，重视市场和社会反映，及时回应公众关切，解疑释惑，稳定预期。"),
    also=(Citation("国办发〔2016〕80号", None, "同步组织、同步审签、同步部署"),),
    explanation=__doc__,
    lenient_on_imported=True,
    applies_to=("policies", "interpretations"),
    fail_example={"content/policies/gongshui.yml": normative(mark="published")},
    pass_example=normative_with_interpretation(),
)


def check(rec, site):
    m = rec.model
    days = site.config.rules.deadlines.interpretation_workdays
    if rec.type == "interpretations":
        policy = site.records["policies"].get(m.interprets_id) if m.interprets_id else None
        if policy and m.published and policy.model.published and m.published < policy.model.published:
            yield Hit(("published",), f"解读发布日期 {m.published} 早于所解读文件的发布日期 {policy.model.published}")
        return
    if m.kind not in vocab.NORMATIVE_KINDS or m.disclosure != vocab.PUBLIC or m.published is None:
        return
    cal = site.calendar
    dates = [i.model.published for i in site.interpretations_of.get(rec.id, ())
             if i.model.disclosure == vocab.PUBLIC and i.model.published]
    if dates:
        first = min(dates)
        if not cal.is_within_workdays(m.published, first, days):
            deadline = cal.add_workdays(m.published, days)
            yield Hit(("published",), f"{m.kind}的解读迟至 {first} 才发布，应在文件发布后 {days} 个工作日内（{deadline} 前）发布")
    elif not cal.is_within_workdays(m.published, site.today, days):
        deadline = cal.add_workdays(m.published, days)
        yield Hit(("published",), f"{m.kind}发布于 {m.published}，应在 {days} 个工作日内（{deadline} 前）发布政策解读，至今没有")
