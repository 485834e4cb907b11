"""引用了不存在的机构、领导、记录、主题分类、办理结果类别或规则代码。

记录之间、记录与 site_config.yml 之间都按 id 引用：发布机构和发文机关须是 organizations 中的
id，主持人和签发人须是 leaders 中的 id，解读的文件和会议印发的文件须是已有的政策文件 id，
主题分类须在分类表中，豁免和级别设置须写已有的规则代码。
"""

from ..findings import NO_CITATION
from .base import Rule
from .common import describe_path, nearest
from .examples import policy, policy_examples

RULE = Rule(
    code="GK015", name="unknown-reference", title="引用不存在", severity="error",
    citation=NO_CITATION, explanation=__doc__,
    **policy_examples(policy(publisher="shuiwuju", mark="publisher")),
    reads={"*": ("publisher", "topic"), "policies": ("issuer", "signer"), "interpretations": ("interprets",),
           "decisions": ("meeting.chair", "items.documents"), "proposals": ("lead", "co", "result")},
)


def references(site):
    """``(source file, key path, message)`` for every id that names no organization, leader, topic,
    class or record of the site (the loader reports them with the format problems)."""
    orgs, leaders = site.organizations, site.leaders
    found = []
    add = found.append

    def ref(rec, path, value, known, what):
        if value not in known and not (known is site.records["policies"] and site.names_unvalidated("policies", value)):
            pool = {**site.unvalidated["policies"], **known} if known is site.records["policies"] else known
            add((rec.source, path, f"{what}“{value}”不存在（{describe_path(path)}）{nearest(value, pool)}"))

    for rec in site.all_records():
        m = rec.model
        if m.publisher is not None:
            ref(rec, ("publisher",), m.publisher, orgs, "机构")
        first, _, second = (m.topic or "").partition("/")
        if m.topic is not None and second not in site.taxonomy.get(first, ()):
            topics = {f"{a}/{b}": "" for a, subs in site.taxonomy.items() for b in subs}
            add((rec.source, ("topic",),
                 f"主题分类“{m.topic}”不在分类表中：应写作“一级/二级”，例如“综合政务/政务公开”{nearest(m.topic, topics)}"))
        if rec.type == "policies":
            for i, org in enumerate(m.issuer):
                ref(rec, ("issuer", i) if len(m.issuer) > 1 or isinstance(rec.source.data.get("issuer"), list) else ("issuer",), org, orgs, "机构")
            if m.signer is not None:
                ref(rec, ("signer",), m.signer, leaders, "领导")
        elif rec.type == "interpretations":
            if m.interprets_id is not None:  # an outside document is named, not referenced
                ref(rec, ("interprets",), m.interprets_id, site.records["policies"], "政策文件")
        elif rec.type == "decisions":
            if m.meeting.chair is not None:
                ref(rec, ("meeting", "chair"), m.meeting.chair, leaders, "领导")
            for i, item in enumerate(m.items):
                raw = rec.source.data["items"][i].get("documents")
                for j, doc in enumerate(item.documents):
                    path = ("items", i, "documents", j) if isinstance(raw, list) else ("items", i, "documents")
                    ref(rec, path, doc, site.records["policies"], "政策文件")
        elif rec.type == "proposals":
            ref(rec, ("lead",), m.lead, orgs, "机构")
            for j, org in enumerate(m.co):
                ref(rec, ("co", j), org, orgs, "机构")
            if m.result is not None:
                ref(rec, ("result",), m.result, site.config.rules.proposal_classes, "办理结果类别")
    cfg = site.config_source
    for i, leader in enumerate(site.config.leaders):
        if leader.ab_partner is not None and leader.ab_partner not in leaders:
            add((cfg, ("leaders", i, "ab_partner"), f"AB岗领导“{leader.ab_partner}”不存在{nearest(leader.ab_partner, leaders)}"))
    if site.config.government.work_rules and site.config.government.work_rules not in site.records["policies"]:
        add((cfg, ("government", "work_rules"), f"政策文件“{site.config.government.work_rules}”不存在"
                                                f"{nearest(site.config.government.work_rules, site.records['policies'])}"))
    return found


def unknown_rule_code(code: str, *, waiver: bool = False) -> str | None:
    """Why ``code`` (a key of ``rules.severity``, or a waiver's ``rule``) names no rule, or None when
    it is a rule's code as written. A waiver that names a rule by its name or in lower case is told
    the code it meant."""
    from . import REGISTRY, lookup  # the registry imports this module

    if code in REGISTRY:
        return None
    if not waiver:
        return f"规则代码“{code}”不存在"
    meant = lookup(code)
    return f"豁免的规则代码“{code}”不存在{f'，是否指 {meant.code}' if meant else ''}"
