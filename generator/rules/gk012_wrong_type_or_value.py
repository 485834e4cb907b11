"""字段的类型或取值不对。

例如 disclosure 只能是 主动公开 / 依申请公开 / 不予公开，meeting.number 必须是整数，
major 只能是 true 或 false，列表字段要写成列表。检查器列出可选值。
"""

import re

from .. import vocab
from ..findings import NO_CITATION
from .base import Rule
from .common import validation_message
from .examples import policy, policy_examples

RULE = Rule(
    code="GK012", name="wrong-type-or-value", title="类型或取值错误", severity="error",
    citation=NO_CITATION, explanation=__doc__,
    **policy_examples(policy(disclosure="公开", mark="disclosure")),
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


def _shown(value: object) -> str:
    """A value as the message quotes it: never Python's ``None``, ``[...]`` or ``{...}``."""
    if value is None:
        return "空值"
    if isinstance(value, list):
        return "列表"
    if isinstance(value, dict):
        return "映射"
    return f"“{value}”"


ERROR_TYPES = ()
"""None of its own: GK012 reports every validation error no other format rule claims."""


def problem(err: dict, where: str, lead: str):
    """Any other validation error of a model (see ``generator.site``): a value of the wrong type or
    outside its vocabulary."""
    loc = tuple(err["loc"])
    kind = err["type"]
    if kind == "literal_error":
        allowed = "、".join(re.findall(r"'([^']*)'", str(err.get("ctx", {}).get("expected", ""))))
        got = err.get("input")
        said = "未填写" if got in (None, "") else f"的值{_shown(got)}不在可选值中"
        return loc, f"{lead}{said}，可选：{allowed}", False
    if kind in ("too_short",) and loc:
        return loc, f"{lead}不能为空，至少写一项", False
    if kind == "string_pattern_mismatch":
        return loc, f"{lead}的值{_shown(err.get('input'))}格式不对：只能用小写字母、数字和连字符", False
    expected = EXPECTED.get(kind)
    if expected:
        return loc, f"{lead}应为{expected}，实际是{_shown(err.get('input'))}", False
    return validation_message(err, where, lead)


def configured_values(rec, config):
    """``(key path, message)`` for values whose allowed set the site configures: meeting types follow
    ``government.level``, proposal kinds ``rules.proposal_kinds``; a group is no smaller than its named members."""
    m = rec.model
    level = config.government.level
    if rec.type == "decisions":
        types = vocab.meeting_types(level)
        if m.meeting.type not in types:
            yield ("meeting", "type"), (f"meeting.type 的值“{m.meeting.type}”不在可选值中：{'、'.join(types)}"
                                        f"（government.level: {level}）")
    elif rec.type == "proposals":
        if m.kind not in config.rules.proposal_kinds:
            yield ("kind",), (f"kind 的值“{m.kind}”不在可选值中：{'、'.join(config.rules.proposal_kinds)}"
                              f"（本地使用的类别可加在 site_config.yml 的 rules.proposal_kinds 中）")
        if m.proposer_count is not None and m.proposer_count < len(m.proposers):
            yield ("proposer_count",), f"提出人数 proposer_count 为 {m.proposer_count}，少于 proposers 所列的 {len(m.proposers)} 人"


def leader_roles(config):
    """``(key path, message)`` for each leader whose role is not one of the government's level (州长 in a 州)."""
    level = config.government.level
    roles = vocab.leader_roles(level)
    for i, leader in enumerate(config.leaders):
        if leader.role not in roles:
            yield ("leaders", i, "role"), (f"leaders[{i}].role 的值“{leader.role}”不是{level}级政府的职务"
                                           f"（government.level: {level}），可选：{'、'.join(roles)}")

