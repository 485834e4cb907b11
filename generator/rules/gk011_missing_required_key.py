"""缺少必填字段。

每类记录都有必填字段（如政策文件的 title、index_no、kind、issuer、written、body；主动公开的
记录还须写 published）。缺少时无法生成规范的信息公开页面。
"""

from .. import vocab
from ..findings import NO_CITATION
from .base import Requirement, Rule
from .examples import policy, policy_examples

RULE = Rule(
    code="GK011", name="missing-required-key", title="缺少必填字段", severity="error",
    citation=NO_CITATION, explanation=__doc__,
    **policy_examples("# ← 缺少 written\n" + policy(written=None)),
    requires=(Requirement("published", "主动公开时必填", ("policies", "interpretations", "decisions")),),
)


ERROR_TYPES = ("missing",)
"""The models' validation errors this rule reports (``generator.site`` hands them to :func:`problem`)."""


def problem(err: dict, where: str, lead: str):
    return tuple(err["loc"])[:-1], f"缺少必填字段 {lead.strip()}", True


def conditional(rec, config):
    """``(key path, message)`` for each field this state of the record requires (the loader reports
    them with the format problems); the required fields themselves are the models'. A record brought
    from a previous site (``imported``) may lack what its source did not show."""
    m = rec.model
    if m.disclosure == vocab.PUBLIC and m.published is None and rec.type in RULE.requires[0].types:
        yield ("disclosure",), "缺少发布日期 published：主动公开的记录必须写明在网站上公开的日期"
    if m.imported is not None:
        return
    required = list(type(m).REQUIRED_UNLESS_IMPORTED)
    if rec.type == "decisions" and config.rules.meeting_index_no:
        required.insert(0, "index_no")
    for key in required:
        if getattr(m, key) is None:
            yield (), (f"缺少必填字段“{key}”（{type(m).model_fields[key].title}）："
                       f"只有从原网站导入、写了 imported 的历史记录可以在来源未载明时不写")
    if rec.type == "decisions":
        if m.meeting.chair is None:
            yield ("meeting",), "缺少必填字段“meeting.chair”"
        if config.rules.meeting_numbering == vocab.PER_TERM and m.meeting.term is None:
            yield ("meeting",), ("缺少必填字段“meeting.term”：rules.meeting_numbering 为 per_term（按届编号），"
                                 "请写本届政府的届别，例如 十八届")
