"""豁免没有豁免任何问题。

waivers 中的每一项都应对应本记录上确实出现的问题。多余的豁免会在将来掩盖真正的问题，
也让审核者误以为这条记录有例外情况：问题已修正后请删除该豁免。
"""

from ..findings import NO_CITATION
from .base import Rule
from .examples import decision, interpretation, normative

LATE = dict(written="2026-06-09", issued="2026-06-10", published="2026-06-12")
WAIVER = "\n  - rule: GK105\n    reason: 因上级文件调整，经县长同意延期印发"

RULE = Rule(
    code="GK210", name="unused-waiver", title="多余的豁免", severity="warning",
    citation=NO_CITATION, explanation=__doc__,
    fail_example={"content/decisions/cwhy-2026-5.yml": decision(),
                  "content/policies/gongshui.yml": normative(waivers=WAIVER.replace("GK105", "GK105  # ←")),
                  "content/interpretations/jd-gongshui.yml": interpretation()},
    pass_example={"content/decisions/cwhy-2026-5.yml": decision(),
                  "content/policies/gongshui.yml": normative(**LATE, waivers=WAIVER),
                  "content/interpretations/jd-gongshui.yml": interpretation(published="2026-06-12")},
    reads={"*": ("waivers",)},
)
