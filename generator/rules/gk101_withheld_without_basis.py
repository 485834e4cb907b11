"""不公开（或依申请公开）却没有写明法定依据。

以公开为常态、不公开为例外：记录或会议议题的公开属性不是“主动公开”时，必须在
disclosure_basis 中写明条例第十四、十五、十六条列举的依据之一（国家秘密、法律法规禁止公开、
危及三安全一稳定、商业秘密、个人隐私、内部事务信息、过程性信息、行政执法案卷）。
第十六条的三项只是“可以不予公开”，使用时给出警告，请再确认确有不公开的必要。
"""

from ..findings import WORK_RULES, Citation
from .. import vocab
from .base import EVERY_TYPE, Hit, Requirement, Rule
from .examples import decision, normative_with_interpretation

ARTICLE_16 = Citation("中华人民共和国政府信息公开条例", "第十六条",
                      "行政机关的内部事务信息，包括人事管理、后勤管理、内部工作流程等方面的信息，可以不予公开。")

RULE = Rule(
    code="GK101", name="withheld-without-basis", title="不公开但没有法定依据", severity="error",
    citation=Citation(WORK_RULES, "第三十一条",
                      "县政府全体会议、县政府常务会议讨论决定的事项，县政府及各部门制定的政策，除依法需要保密的外，"
                      "应按照政府信息公开要求和程序予以公布。"),
    also=(Citation("中华人民共和国政府信息公开条例", "第十四条、第十五条、第十六条"),),
    explanation=__doc__,
    applies_to=EVERY_TYPE,
    fail_example={**normative_with_interpretation(),
                  "content/decisions/cwhy-2026-5.yml": decision(items=(
                      "\n  - title: 审议《示例县农村供水工程运行管理办法》\n    outcome: 通过\n    documents: [gongshui]"
                      "\n  - title: 研究某企业投资协议条款\n    outcome: 原则通过\n    disclosure: 不予公开  # ←"))},
    pass_example={**normative_with_interpretation(),
                  "content/decisions/cwhy-2026-5.yml": decision(items=(
                      "\n  - title: 审议《示例县农村供水工程运行管理办法》\n    outcome: 通过\n    documents: [gongshui]"
                      "\n  - title: 研究某企业投资协议条款\n    outcome: 原则通过\n    disclosure: 不予公开"
                      "\n    disclosure_basis: 商业秘密"))},
    reads={"*": ("disclosure", "disclosure_basis"), "decisions": ("items.title", "items.disclosure", "items.disclosure_basis"),
           "proposals": ("reply_disclosure",)},
    requires=(Requirement("disclosure_basis", "不是主动公开时必填"),
              Requirement("items.disclosure_basis", "议题不公开时必填", ("decisions",))),
)


def _judge(disclosure: str | None, basis: str | None, path: tuple, what: str):
    if basis is None:
        yield Hit(path + ("disclosure",), f"{what}公开属性为“{disclosure}”，但没有写不公开依据 disclosure_basis", at_key=True)
    elif basis not in vocab.DISCLOSURE_BASES:
        yield Hit(path + ("disclosure_basis",),
                  f"不公开依据“{basis}”不是法定依据，应为：{'、'.join(vocab.DISCLOSURE_BASES)}")
    elif basis in vocab.PERMISSIVE_BASES:
        yield Hit(path + ("disclosure_basis",),
                  f"“{basis}”是条例第十六条“可以不予公开”的情形，请确认确有不公开的必要，且没有法律要求公开",
                  severity="warning", citation=ARTICLE_16)


def check(rec, site):
    m = rec.model
    if m.disclosure != vocab.PUBLIC:
        yield from _judge(m.disclosure, m.disclosure_basis, (), "")
    if rec.type == "decisions":
        for i, item in enumerate(m.items):
            if item.disclosure != vocab.PUBLIC:
                yield from _judge(item.disclosure, item.disclosure_basis, ("items", i), f"议题“{item.title}”的")
    if rec.type == "proposals" and m.reply_disclosure == vocab.WITHHELD and m.disclosure == vocab.PUBLIC:
        if m.disclosure_basis is None:
            yield Hit(("reply_disclosure",), "复文不予公开，但没有写不公开依据 disclosure_basis", at_key=True)
        else:
            yield from _judge(m.reply_disclosure, m.disclosure_basis, (), "复文")
