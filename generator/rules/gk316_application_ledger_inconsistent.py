"""申请台账中的一件申请前后矛盾。

每件申请只能在台账中出现一次（同一机关的案件编号不重复），只计入一种办理结果；已答复的要写办理结果，
写了办理结果的要有答复日期；答复、补正、延期日期不能早于收到日期，也不能晚于今天。台账是年度报告
第三部分的来源，一件申请记错，表中的数就错。
"""

from .base import Hit, Rule
from .reporting import ONE_OUTCOME_EACH
from .examples import APPLICATION, ledger

RULE = Rule(
    code="GK316", name="application-ledger-inconsistent", title="申请台账前后矛盾", severity="error",
    citation=ONE_OUTCOME_EACH,
    explanation=__doc__,
    fail_example={"content/applications/2025.yml": ledger(
        APPLICATION, "\n  - case: 2025-002\n    organ: gov\n    received: 2025-04-07\n    applicant: 自然人"
        "\n    replied: 2025-04-02  # ←\n    outcome: 本机关不掌握")},
    pass_example={"content/applications/2025.yml": ledger(
        APPLICATION, "\n  - case: 2025-002\n    organ: gov\n    received: 2025-04-07\n    applicant: 自然人"
        "\n    correction_requested: 2025-04-08\n    corrected: 2025-04-15\n    replied: 2025-04-30\n    outcome: 本机关不掌握")},
)

DATES = (("correction_requested", "告知补正日期"), ("corrected", "收到补正日期"), ("extended", "延期告知日期"),
         ("replied", "答复日期"))


def check_site(site):
    seen: dict[tuple[str, str], str] = {}
    for source, ledger_ in site.ledgers:
        for i, app in enumerate(ledger_.applications):
            at = ("applications", i)
            key = (app.organ, app.case.strip())
            if key in seen:
                yield Hit(at + ("case",), f"案件编号 {app.case} 重复（已见于 {seen[key]}）：每件申请只记一次", record=source)
            else:
                seen[key] = f"{source.relpath} 第{i + 1}件"
            if app.replied is not None and app.outcome is None:
                yield Hit(at + ("replied",), f"案件 {app.case} 已答复，缺少办理结果 outcome", record=source)
            if app.outcome is not None and app.replied is None:
                yield Hit(at + ("outcome",), f"案件 {app.case} 写了办理结果，缺少答复日期 replied", record=source)
            for name, zh in DATES:
                value = getattr(app, name)
                if value is not None and value < app.received:
                    yield Hit(at + (name,), f"案件 {app.case}：{zh} {value} 早于收到申请日期 {app.received}", record=source)
                if value is not None and value > site.today:
                    yield Hit(at + (name,), f"案件 {app.case}：{zh} {value} 晚于今天（{site.today}）", record=source)
            if app.received > site.today:
                yield Hit(at + ("received",), f"案件 {app.case}：收到申请日期 {app.received} 晚于今天（{site.today}）", record=source)
            if app.corrected is not None and app.correction_requested is None:
                yield Hit(at + ("corrected",), f"案件 {app.case}：有收到补正日期，缺少告知补正日期 correction_requested", record=source)
