"""政府规章不是由本级政府正职（县长、市长、州长……）签署。

政府制定的规章由政府正职签署：规章的 signer 必须是 site_config.yml 中 role 为本级正职的领导
（government.level 为 县 时是 县长，市 时是 市长，州 时是 州长，依此类推）。
（县级人民政府一般没有规章制定权；本格式为设区的市、自治州和省级政府保留这一类型。）
"""

from ..findings import WORK_RULES, Citation
from .. import vocab
from .base import Hit, Requirement, Rule
from .examples import interpretation, normative

RULE_FIELDS = dict(kind=vocab.RULE_KIND, doc_no="示例县人民政府令第1号")

RULE = Rule(
    code="GK110", name="rule-signed-by-wrong-person", title="规章签署人不是政府正职", severity="error",
    citation=Citation(WORK_RULES, "第五十二条",
                      "县政府向县人民代表大会或县人民代表大会常务委员会提出的议案，制定的规章，发布的命令，人事任免，由县长签署。"),
    explanation=__doc__,
    applies_to=("policies",),
    fail_example={"content/policies/gongshui.yml": normative(**RULE_FIELDS, signer="changwu", mark="signer"),
                  "content/interpretations/jd-gongshui.yml": interpretation()},
    pass_example={"content/policies/gongshui.yml": normative(**RULE_FIELDS, signer="xianzhang"),
                  "content/interpretations/jd-gongshui.yml": interpretation()},
    reads={"policies": ("kind", "signer")},
    requires=(Requirement("signer", "规章必填", ("policies",)),),
)


def check(rec, site):
    m = rec.model
    if m.kind != vocab.RULE_KIND:
        return
    head = site.config.government.head_role
    if m.signer is None:
        yield Hit(("kind",), f"规章没有写签署人 signer：规章由{head}签署", omitted=True)
        return
    leader = site.leaders.get(m.signer)
    if leader is not None and leader.role != head:
        yield Hit(("signer",), f"规章签署人“{leader.name}”（{leader.role}）不是{head}")
