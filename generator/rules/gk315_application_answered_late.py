"""政府信息公开申请超过法定期限才答复（或至今未答复）。

条例 第三十三条：不能当场答复的，应当自收到申请之日起 20 个工作日内答复；需要延长的，经政府信息
公开工作机构负责人同意并告知申请人，延长的期限最长不得超过 20 个工作日。条例 第三十条：申请内容
不明确、要求补正的，答复期限自收到补正的申请之日起计算。gongkai 按申请台账（content/applications/）
逐件核对：起算日为收到日期（有补正时为收到补正日期），按工作日历（含调休）计算第 20 个工作日；
有延期告知的再加 20 个工作日，延期告知须在原期限内。超期答复和逾期未答复都提醒（警告）：
台账中的事实无法更改，但年度报告应如实反映。
"""

from ..deadlines import Due, workday_due
from ..findings import Citation
from .base import Hit, Rule
from .examples import ledger

REPLY_WORKDAYS = 20
EXTENSION_WORKDAYS = 20

RULE = Rule(
    code="GK315", name="application-answered-late", title="依申请公开答复超期", severity="warning",
    citation=Citation("中华人民共和国政府信息公开条例", "第三十三条",
                      "行政机关不能当场答复的，应当自收到申请之日起20个工作日内予以答复；需要延长答复期限的，"
                      "应当经政府信息公开工作机构负责人同意并告知申请人，延长的期限最长不得超过20个工作日。"),
    explanation=__doc__,
    also=(Citation("中华人民共和国政府信息公开条例", "第三十条", "答复期限自行政机关收到补正的申请之日起计算"),),
    fail_example={"content/applications/2025.yml": ledger(
        "\n  - case: 2025-007\n    organ: gov\n    received: 2025-09-26\n    applicant: 商业企业"
        "\n    replied: 2025-10-31  # ←\n    outcome: 部分公开")},
    pass_example={"content/applications/2025.yml": ledger(
        "\n  - case: 2025-007\n    organ: gov\n    received: 2025-09-26\n    applicant: 商业企业"
        "\n    replied: 2025-10-30\n    outcome: 部分公开")},
)


def reply_due(app, ctx) -> Due:
    """When ``app`` must be answered (条例 第三十、三十三条) and where it stands on ``ctx.today``."""
    start = app.corrected or app.received
    days = REPLY_WORKDAYS + (EXTENSION_WORKDAYS if app.extended is not None else 0)
    return workday_due(RULE.code, ctx.calendar, start, days, app.replied, ctx.today)


def reply_deadline(calendar, app):
    """The last working day to answer ``app``."""
    start = app.corrected or app.received
    days = REPLY_WORKDAYS + (EXTENSION_WORKDAYS if app.extended is not None else 0)
    return calendar.add_workdays(start, days)


def check_site(site):
    cal = site.calendar
    for source, ledger_ in site.ledgers:
        for i, app in enumerate(ledger_.applications):
            start = app.corrected or app.received
            first = cal.add_workdays(start, REPLY_WORKDAYS)
            if app.extended is not None and app.extended > first:
                yield Hit(("applications", i, "extended"),
                          f"案件 {app.case}：延期告知日期 {app.extended} 晚于原答复期限 {first}，延期应在原期限内告知",
                          record=source)
            due = reply_due(app, site)
            if not due.verdict():
                continue
            how = f"{'收到补正' if app.corrected else '收到申请'}（{start}）后 {REPLY_WORKDAYS} 个工作日" + (
                f"，延期 {EXTENSION_WORKDAYS} 个工作日" if app.extended else "")
            if app.replied is not None:
                yield Hit(("applications", i, "replied"),
                          f"案件 {app.case}：{app.replied} 才答复，超过答复期限 {due.deadline}（{how}）", record=source)
            else:
                yield Hit(("applications", i, "received"),
                          f"案件 {app.case}：逾期未答复，答复期限为 {due.deadline}（{how}）", record=source)
