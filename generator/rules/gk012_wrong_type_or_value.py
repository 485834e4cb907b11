"""字段的类型或取值不对。

例如 disclosure 只能是 主动公开 / 依申请公开 / 不予公开，meeting.number 必须是整数，
major 只能是 true 或 false，列表字段要写成列表。检查器列出可选值。
"""

from ..findings import NO_CITATION
from .base import Rule
from .examples import policy

RULE = Rule(
    code="GK012", name="wrong-type-or-value", title="类型或取值错误", severity="error",
    citation=NO_CITATION, explanation=__doc__,
    fail_example={"content/policies/fangxun.yml": policy(disclosure="公开", mark="disclosure")},
    pass_example={"content/policies/fangxun.yml": policy()},
)


EXPECTED = {
    "string_type": "文字",
    "list_type": "列表（每项一行，以“- ”开头）",
    "dict_type": "“键: 值”映射",
    "model_type": "“键: 值”映射",
    "model_attributes_type": "“键: 值”映射",
    "plain_int": "整数",
    "plain_bool": "true 或 false",
    "string_too_short": "非空文字",
}


def problem(err: dict, where: str):
    """Any other validation error of a model (see ``generator.site``): a value of the wrong type or
    outside its vocabulary."""
    loc = tuple(err["loc"])
    kind = err["type"]
    if kind == "literal_error":
        allowed = "、".join(str(v) for v in err.get("ctx", {}).get("expected", "").replace("'", "").split(" or "))
        return loc, f"{where} 的值“{err.get('input')}”不在可选值中：{allowed}", False
    if kind in ("too_short",) and loc:
        return loc, f"{where} 不能为空，至少写一项", False
    if kind == "string_pattern_mismatch":
        return loc, f"{where} 的值“{err.get('input')}”格式不对：只能用小写字母、数字和连字符", False
    expected = EXPECTED.get(kind)
    if expected:
        got = err.get("input")
        shown = "空值" if got is None else ("列表" if isinstance(got, list) else ("映射" if isinstance(got, dict) else f"“{got}”"))
        return loc, f"{where} 应为{expected}，实际是{shown}", False
    return loc, f"{where}：{err['msg']}", False
