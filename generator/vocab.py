"""Fixed vocabularies of the content format, each defined once.

Every word staff write or the site shows for a closed set of values lives here, with its ASCII
slug where a URL, a CSS class or a record id needs one. The models take their enums (and so the
JSON Schema its ``enum`` lists), the rules their checks, the templates their labels
(``vocab`` is a template global), the CSS its class names and docs/format.md its value lists
from this module. To add a value, add a :class:`Term` to its :class:`Vocabulary`.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Term:
    label: str
    """The word as written in records and shown on the site."""
    slug: str = ""
    """ASCII (``[a-z]+``) for URLs, CSS classes and record ids; empty where none is needed."""
    tone: str = ""
    """How the site colours it (validity: ``ok``, ``caution``, ``ended``)."""


class Vocabulary:
    """An ordered, closed set of terms. Iterating gives the labels, in their order."""

    def __init__(self, name: str, *terms: Term) -> None:
        self.name = name
        self.terms = terms
        self.labels: tuple[str, ...] = tuple(t.label for t in terms)
        self._by_label = {t.label: t for t in terms}
        assert len(self._by_label) == len(terms), f"{name}: a label twice"
        slugs = [t.slug for t in terms if t.slug]
        assert len(set(slugs)) == len(slugs), f"{name}: a slug twice"

    def __iter__(self):
        return iter(self.labels)

    def __contains__(self, label: object) -> bool:
        return label in self._by_label

    def __len__(self) -> int:
        return len(self.terms)

    def __getitem__(self, label: str) -> Term:
        return self._by_label[label]

    def slug(self, label: str) -> str:
        return self._by_label[label].slug

    def slugs(self) -> dict[str, str]:
        """Label → slug, in order."""
        return {t.label: t.slug for t in self.terms}


PUBLIC = "主动公开"
WITHHELD = "不予公开"
DISCLOSURE = Vocabulary("公开属性", Term(PUBLIC, "zhudong"), Term("依申请公开", "yishenqing"), Term(WITHHELD, "buyu"))
DISCLOSURES = DISCLOSURE.labels

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

RULE_KIND = "规章"
POLICY_KIND = Vocabulary("文件类型", Term(RULE_KIND, "guizhang"), Term("行政规范性文件", "guifanxing"),
                         Term("其他文件", "qita"))
POLICY_KINDS = POLICY_KIND.labels
NORMATIVE_KINDS = POLICY_KINDS[:2]
NORMATIVE_DOCUMENT = POLICY_KINDS[1]
"""行政规范性文件: the row of the annual report that the records compute."""
"""规章 and 行政规范性文件: legality review, 发文字号 and an interpretation are required."""
REVIEW_RESULTS = ("合法", "不合法")
REPEALED_STATUS = "废止"
"""The one value of a policy's ``status``: repealed outside the system."""

VALIDITY_IN_FORCE, VALIDITY_AMENDED, VALIDITY_NOT_YET, VALIDITY_REPEALED, VALIDITY_EXPIRED, VALIDITY_WITHDRAWN = (
    "有效", "已修改", "尚未生效", "已废止", "失效", "已撤回")
VALIDITY = Vocabulary(
    "有效性",
    Term(VALIDITY_IN_FORCE, "youxiao", "ok"),
    Term(VALIDITY_AMENDED, "yixiugai", "caution"),
    Term(VALIDITY_NOT_YET, "weishengxiao", "caution"),
    Term(VALIDITY_REPEALED, "yifeizhi", "ended"),
    Term(VALIDITY_EXPIRED, "shixiao", "ended"),
    Term(VALIDITY_WITHDRAWN, "yichehui", "ended"),
)
"""有效性 shown on the site, derived (never written in records) by ``generator.public``."""
VALIDITIES = VALIDITY.labels

INTERPRETATION_FORM = Vocabulary("解读形式", *(Term(f) for f in (
    "文字解读", "图解", "图文解读", "音视频", "视频解读", "动漫解读", "H5解读", "问答", "在线访谈",
    "新闻发布会", "政策吹风会", "专家解读", "主要负责人解读", "媒体解读")))
"""国办发〔2016〕80号所列形式，及各地网站实际使用的名称。"""
INTERPRETATION_FORMS = INTERPRETATION_FORM.labels

# Government levels (government.level) and the words that follow from them: the head is 县长 /
# 区长 / 市长 / 州长 / 旗长 / 省长, the head's office meeting is named after the head, and pages say
# 县政府 / 区政府 / ... . 县 is the default: the format was written for county governments.
GOVERNMENT_LEVEL = Vocabulary("政府层级", *(Term(level) for level in ("县", "区", "市", "州", "旗", "省")))
GOVERNMENT_LEVELS = GOVERNMENT_LEVEL.labels
PROVINCE = GOVERNMENT_LEVELS[-1]
"""省: only a provincial government's rules may set a temporary licence (行政许可法 第十五条)."""
DEFAULT_LEVEL = "县"
_LEVEL_SLUGS = {"县": "x", "区": "q", "市": "s", "州": "z", "旗": "qi", "省": "sh"}


def head_role(level: str) -> str:
    """The government's head: 县长, 市长, 州长 …"""
    return f"{level}长"


def leader_roles(level: str) -> tuple[str, ...]:
    """Roles a leader of a government of this level may have (规则 第四条: 组成人员)."""
    head = head_role(level)
    return (head, f"常务副{head}", f"副{head}", "秘书长", "副秘书长", "办公室主任")


def meeting_type_vocabulary(level: str) -> Vocabulary:
    """Meeting types of a government of this level: 县长办公会议 becomes 市长办公会议 … The slug is the
    short form in decision ids (``2026-cwhy-05``) and in list URLs (``decisions/type/cwhy/``)."""
    return Vocabulary("会议类型", Term("全体会议", "qthy"), Term("常务会议", "cwhy"),
                      Term(f"{head_role(level)}办公会议", f"{_LEVEL_SLUGS[level]}zbg"), Term("专题会议", "zthy"))


def meeting_types(level: str) -> tuple[str, ...]:
    return meeting_type_vocabulary(level).labels


def chaired_by_head(level: str) -> tuple[str, ...]:
    """Meetings the head of government chairs (工作规则): ``gongkai new`` fills in the chair."""
    return meeting_types(level)[:3]


MEETING_TYPE = meeting_type_vocabulary(DEFAULT_LEVEL)
MEETING_TYPES = MEETING_TYPE.labels
CHAIRED_BY_HEAD = chaired_by_head(DEFAULT_LEVEL)
ALL_MEETING_TYPE = Vocabulary("会议类型（各层级）", *(Term(t) for t in dict.fromkeys(
    t for level in GOVERNMENT_LEVELS for t in meeting_types(level))))
"""Every level's meeting types: the JSON Schema's list (the loader checks the site's own level)."""
ALL_MEETING_TYPES = ALL_MEETING_TYPE.labels
PER_YEAR, PER_TERM = "per_year", "per_term"
MEETING_NUMBERING = (PER_YEAR, PER_TERM)
"""rules.meeting_numbering: 第N次 counted within each year (default) or within each 届 (term)."""

# Meeting item outcomes as real records state them. Only the adopting ones issue what the item
# decided (GK105 counts documents issued from them); the others record that a matter was heard,
# studied, discussed or deferred.
ADOPTED_OUTCOMES = ("通过", "审议通过", "原则通过", "原则同意", "同意")
OUTCOME = Vocabulary("结果", *(Term(o) for o in ADOPTED_OUTCOMES + (
    "不通过", "不予通过", "暂缓", "暂缓审议", "听取汇报", "传达学习", "研究部署", "讨论", "研究")))
OUTCOMES = OUTCOME.labels
PROCEDURE = Vocabulary("法定程序", Term("公众参与", "public_participation"), Term("专家论证", "expert_review"),
                       Term("风险评估", "risk_assessment"), Term("合法性审查", "legality_review"))
"""重大行政决策法定程序; the slug is the key under ``procedures`` in a meeting item."""
PROCEDURES = {t.slug: t.label for t in PROCEDURE.terms}
"""Key under ``procedures`` → its name, in the order the law lists them."""

PROPOSAL_KIND = Vocabulary("类别", Term("人大代表建议", "jianyi"), Term("政协委员提案", "tian"))
"""The two national kinds: the default of rules.proposal_kinds (a site may add its own)."""
PROPOSAL_KINDS = PROPOSAL_KIND.labels
PROPOSER_NOUN = dict(zip(PROPOSAL_KINDS, ("代表", "委员")))
"""How a group of proposers is counted on pages: 杨某等3名代表 / 委员 (other kinds: 人)."""
SATISFACTION = Vocabulary("满意度", *(Term(s) for s in ("满意", "基本满意", "不满意", "未反馈")))
SATISFACTIONS = SATISFACTION.labels
UNCLASSIFIED = "未分类"
"""Statistics label of an answered proposal with no result class (real reply pages rarely show one)."""
NO_FEEDBACK = "未反馈"
"""Statistics label of an answered proposal whose satisfaction has not arrived."""
REPLY_FULL, REPLY_SUMMARY = "全文公开", "摘要公开"
REPLY_DISCLOSURE = Vocabulary("复文公开方式", Term(REPLY_FULL), Term(REPLY_SUMMARY), Term(WITHHELD))
REPLY_DISCLOSURES = REPLY_DISCLOSURE.labels

HEAD_ROLE = head_role(DEFAULT_LEVEL)
LEADER_ROLES = leader_roles(DEFAULT_LEVEL)
ALL_LEADER_ROLE = Vocabulary("职务（各层级）", *(Term(r) for r in dict.fromkeys(
    r for level in GOVERNMENT_LEVELS for r in leader_roles(level))))
ALL_LEADER_ROLES = ALL_LEADER_ROLE.labels

ATTACHMENT_TYPES = ("pdf", "ofd", "doc", "docx", "xls", "xlsx", "wps", "et", "jpg", "png", "zip")

# 政府信息公开工作年度报告 (国办公开办函〔2021〕30号): who applied and how each application ended.
# The layout of the report's tables lives in generator/reportformat.py.
APPLICANT_TYPE = Vocabulary("申请人类型", *(Term(t) for t in (
    "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他")))
"""Section 三's columns: 自然人 and the five kinds of 法人或其他组织."""
APPLICANT_TYPES = APPLICANT_TYPE.labels
APPLICATION_OUTCOME = Vocabulary("办理结果", *(Term(o) for o in (
    "予以公开", "部分公开",
    "国家秘密", "法律行政法规禁止", "三安全一稳定", "第三方合法权益", "三类内部事务信息", "四类过程性信息", "行政执法案卷信息", "行政查询事项",
    "本机关不掌握", "需另行制作", "补正后仍不明确",
    "信访举报投诉", "重复申请", "公开出版物", "大量反复申请", "确认或重新出具",
    "逾期不补正", "逾期未缴费", "其他")))
"""Short names of section 三's 21 outcome rows, as the application ledger writes them (one per application)."""
APPLICATION_OUTCOMES = APPLICATION_OUTCOME.labels
LEVELS_WITHOUT_RULES = tuple(level for level in GOVERNMENT_LEVELS if level not in ("市", "州", "省"))
"""立法法: only provincial governments and those of 设区的市 and 自治州 make 规章."""

VOCABULARIES = (DISCLOSURE, POLICY_KIND, VALIDITY, INTERPRETATION_FORM, MEETING_TYPE, OUTCOME, PROCEDURE,
                PROPOSAL_KIND, SATISFACTION, REPLY_DISCLOSURE, GOVERNMENT_LEVEL, ALL_MEETING_TYPE, ALL_LEADER_ROLE,
                Vocabulary("会议编号方式", *(Term(n) for n in MEETING_NUMBERING)), APPLICANT_TYPE, APPLICATION_OUTCOME)
