"""Fixed vocabularies of the content format, each defined once.

The models use them for validation and the JSON Schema; the rules use them for their checks.
"""

DISCLOSURES = ("主动公开", "依申请公开", "不予公开")
PUBLIC = "主动公开"
WITHHELD = "不予公开"

# 不公开依据 (条例 第十四、十五、十六条). Article 14 and 15 bases *require* withholding;
# article 16 bases only *permit* it, so the checker asks a second look at them.
DISCLOSURE_BASES_BY_ARTICLE = {
    "第十四条": ("国家秘密", "法律法规禁止公开", "危及三安全一稳定"),
    "第十五条": ("商业秘密", "个人隐私"),
    "第十六条": ("内部事务信息", "过程性信息", "行政执法案卷"),
}
DISCLOSURE_BASES = tuple(b for bases in DISCLOSURE_BASES_BY_ARTICLE.values() for b in bases)
PERMISSIVE_BASES = DISCLOSURE_BASES_BY_ARTICLE["第十六条"]
ARTICLE_OF_BASIS = {basis: article for article, bases in DISCLOSURE_BASES_BY_ARTICLE.items() for basis in bases}

POLICY_KINDS = ("规章", "行政规范性文件", "其他文件")
NORMATIVE_KINDS = ("规章", "行政规范性文件")
RULE_KIND = "规章"
REVIEW_RESULTS = ("合法", "不合法")
REPEALED_STATUS = "废止"

INTERPRETATION_FORMS = (
    "文字解读", "图解", "图文解读", "音视频", "视频解读", "动漫解读", "H5解读", "问答", "在线访谈",
    "新闻发布会", "政策吹风会", "专家解读", "主要负责人解读", "媒体解读",
)
"""解读形式（国办发〔2016〕80号所列形式，及各地网站实际使用的名称）。"""

# Government levels (government.level) and the words that follow from them: the head is 县长 /
# 区长 / 市长 / 州长 / 旗长 / 省长, the head's office meeting is named after the head, and pages say
# 县政府 / 区政府 / ... . 县 is the default: the format was written for county governments.
GOVERNMENT_LEVELS = ("县", "区", "市", "州", "旗", "省")
DEFAULT_LEVEL = "县"


def head_role(level: str) -> str:
    """The government's head: 县长, 市长, 州长 …"""
    return f"{level}长"


def leader_roles(level: str) -> tuple[str, ...]:
    """Roles a leader of a government of this level may have (规则 第四条: 组成人员)."""
    head = head_role(level)
    return (head, f"常务副{head}", f"副{head}", "秘书长", "副秘书长", "办公室主任")


def meeting_types(level: str) -> tuple[str, ...]:
    """Meeting types of a government of this level: 县长办公会议 becomes 市长办公会议 …"""
    return ("全体会议", "常务会议", f"{head_role(level)}办公会议", "专题会议")


ALL_LEADER_ROLES = tuple(dict.fromkeys(r for level in GOVERNMENT_LEVELS for r in leader_roles(level)))
ALL_MEETING_TYPES = tuple(dict.fromkeys(t for level in GOVERNMENT_LEVELS for t in meeting_types(level)))
MEETING_TYPES = meeting_types(DEFAULT_LEVEL)
HEAD_OFFICE_MEETING_SLUG = "bangong"
"""The slug of the head's office meeting on list pages, whatever the level calls it."""

# Meeting item outcomes as real records state them. Only the first group adopts what the item
# decided (GK105 counts documents issued from these items); the others record that a matter was
# heard, studied or deferred, which issues nothing.
ADOPTED_OUTCOMES = ("通过", "审议通过", "原则通过", "原则同意", "同意")
OUTCOMES = ADOPTED_OUTCOMES + (
    "不通过", "不予通过", "暂缓", "暂缓审议", "听取汇报", "传达学习", "研究部署", "讨论", "研究",
)

MEETING_NUMBERING = ("per_year", "per_term")
"""rules.meeting_numbering: 第N次 counted within each year (default) or within each 届 (term)."""
PROCEDURES = {
    "public_participation": "公众参与",
    "expert_review": "专家论证",
    "risk_assessment": "风险评估",
    "legality_review": "合法性审查",
}

PROPOSAL_KINDS = ("人大代表建议", "政协委员提案")
"""The two national kinds: the default of rules.proposal_kinds."""
SATISFACTIONS = ("满意", "基本满意", "不满意", "未反馈")
UNCLASSIFIED = "未分类"
"""Statistics label of an answered proposal with no result class (real reply pages rarely show one)."""
NO_FEEDBACK = "未反馈"
REPLY_DISCLOSURES = ("全文公开", "摘要公开", "不予公开")

LEADER_ROLES = leader_roles(DEFAULT_LEVEL)
HEAD_ROLE = head_role(DEFAULT_LEVEL)

ATTACHMENT_TYPES = ("pdf", "ofd", "doc", "docx", "xls", "xlsx", "wps", "et", "jpg", "png", "zip")
