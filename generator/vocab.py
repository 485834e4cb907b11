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

INTERPRETATION_FORMS = ("文字解读", "图解", "音视频", "问答", "在线访谈", "新闻发布会", "专家解读")

MEETING_TYPES = ("全体会议", "常务会议", "县长办公会议", "专题会议")
OUTCOMES = ("通过", "原则通过", "不通过", "暂缓", "听取汇报")
ADOPTED_OUTCOMES = ("通过", "原则通过")
PROCEDURES = {
    "public_participation": "公众参与",
    "expert_review": "专家论证",
    "risk_assessment": "风险评估",
    "legality_review": "合法性审查",
}

PROPOSAL_KINDS = ("人大代表建议", "政协委员提案")
SATISFACTIONS = ("满意", "基本满意", "不满意", "未反馈")
REPLY_DISCLOSURES = ("全文公开", "摘要公开", "不予公开")

LEADER_ROLES = ("县长", "常务副县长", "副县长", "办公室主任")
HEAD_ROLE = "县长"

ATTACHMENT_TYPES = ("pdf", "ofd", "doc", "docx", "xls", "xlsx", "wps", "et", "jpg", "png", "zip")

# 政府信息公开工作年度报告 (国办公开办函〔2021〕30号): who applied and how each application ended.
# The layout of the report's tables lives in generator/reportformat.py.
APPLICANT_TYPES = ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他")
APPLICATION_OUTCOMES = (
    "予以公开", "部分公开",
    "国家秘密", "法律行政法规禁止", "三安全一稳定", "第三方合法权益", "内部事务信息", "过程性信息", "行政执法案卷", "行政查询事项",
    "本机关不掌握", "需另行制作", "补正后仍不明确",
    "信访举报投诉", "重复申请", "公开出版物", "大量反复申请", "确认或重新出具",
    "逾期不补正", "逾期未缴费", "其他",
)
"""Short names of section 三's 21 outcome rows, as the application ledger writes them."""
GOVERNMENT_LEVELS = ("县", "区", "市", "州", "旗", "省")
LEVELS_WITHOUT_RULES = ("县", "区", "旗")
"""立法法: only provincial governments and those of 设区的市 and 自治州 make 规章."""
