"""政府信息没有在形成之日起 20 个工作日内公开。

属于主动公开范围的政府信息，应当自形成或者变更之日起 20 个工作日内（rules.deadlines.
publish_workdays）予以公开。政策文件以成文日期 written 为形成日期，会议决定事项以会议日期为准。
超期公开时不要改动日期：如实写发布日期，并加上 `late: {reason: 超期原因}`，本规则即予接受，页面公开显示
“超期公开，原因：……”（倒签的发布日期见 GK213）。
"""

from .. import vocab
from .common import TIMELY_PUBLICATION
from .base import Hit, Rule
from .examples import policy, policy_examples

RULE = Rule(
    code="GK201", name="published-late", title="公开超过法定期限", severity="error",
    citation=TIMELY_PUBLICATION,
    explanation=__doc__,
    lenient_on_imported=True,
    applies_to=("policies", "decisions"),
    **policy_examples(policy(published="2026-07-20", mark="published")),
    reads={"policies": ("published", "disclosure", "written", "late"), "decisions": ("published", "disclosure", "meeting.date", "late")},
)


def formed_on(rec):
    """The date the information was formed: 成文日期 for a policy, the meeting date for a decision."""
    return rec.model.written if rec.type == "policies" else rec.model.meeting.date


def check(rec, site):
    m = rec.model
    if m.disclosure != vocab.PUBLIC or m.published is None or m.late is not None:
        return
    formed = formed_on(rec)
    days = site.config.rules.deadlines.publish_workdays
    if not site.calendar.is_within_workdays(formed, m.published, days):
        deadline = site.calendar.add_workdays(formed, days)
        yield Hit(("published",), f"发布日期 {m.published} 超过形成之日（{formed}）起 {days} 个工作日的期限（{deadline}）。"
                                  f"如实记录超期：在本记录中加上 late: {{reason: 超期原因}}，页面会公开显示“超期公开，原因：……”")
