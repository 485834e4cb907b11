"""Shapes of site_config.yml and the four record types, as pydantic models (docs/format.md is written from them).

Shapes live here and only here; disclosure rules live in ``generator.rules``. The YAML loader keeps
every scalar as the string written, so the scalar types below parse strings themselves: a date is
``YYYY-MM-DD`` and nothing else, an integer is plain digits, a boolean is ``true`` or ``false``.
The JSON Schema (``gongkai schema``) is generated from these classes; the Chinese ``title`` and the
attribute docstrings become its titles and descriptions.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, ClassVar, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, WithJsonSchema, field_validator, model_validator
from pydantic_core import PydanticCustomError

from . import index_pattern, vocab

ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
RECORD_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,79}$")
ORG_ID = RECORD_ID
RESERVED_IDS = frozenset({"page", "year", "kind", "validity", "type", "stats"})
"""Path segments the site uses for list pages under each column; no record may take them as its id."""


def _iso_date(value: object) -> date:
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        raise PydanticCustomError("iso_date", "日期应写作 YYYY-MM-DD，例如 2024-03-05")
    m = ISO_DATE.match(value.strip())
    if not m:
        raise PydanticCustomError(
            "iso_date", "日期“{value}”不是 YYYY-MM-DD 格式，应写作例如 2024-03-05", {"value": value}
        )
    try:
        day = date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        raise PydanticCustomError("iso_date", "日期“{value}”不存在", {"value": value}) from None
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise PydanticCustomError("iso_date", "日期“{value}”的年份应在 {first}—{last} 之间",
                                  {"value": value, "first": FIRST_YEAR, "last": LAST_YEAR})
    return day


FIRST_YEAR, LAST_YEAR = 1900, 2999
"""Years a date may have: far from the ends of Python's calendar (0001–9999), so every deadline
computed from a date (at most 60 months or 250 working days later) is a real date."""


def _plain_int(value: object) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and re.fullmatch(r"[0-9]{1,9}", value.strip()):
        return int(value)
    raise PydanticCustomError("plain_int", "“{value}”不是整数", {"value": value})


def _bounded(low: int, high: int):
    def check(value: int) -> int:
        if not low <= value <= high:
            raise PydanticCustomError("out_of_range", "“{value}”超出允许范围：应在 {low} 到 {high} 之间",
                                      {"value": value, "low": low, "high": high})
        return value
    return check


def Bounded(low: int, high: int):  # noqa: N802 - a type factory
    """A plain integer between ``low`` and ``high``: every config number is checked at load, so no
    value can make a rule compute an impossible date or loop for ever."""
    return Annotated[int, BeforeValidator(_plain_int), AfterValidator(_bounded(low, high)),
                     WithJsonSchema({"type": "integer", "minimum": low, "maximum": high})]


SAFE_URL = re.compile(r"^https?://[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?(?::[0-9]{1,5})?(?:/[A-Za-z0-9._~%/-]*)?$")
"""An absolute http(s) address of letters, digits and ``. _ ~ % / -`` only: nothing that could end an
HTML attribute or start a tag where the theme prints it."""


def _safe_url(value: object) -> object:
    if isinstance(value, str) and not SAFE_URL.match(value):
        raise PydanticCustomError(
            "url", "网站地址“{value}”无效：应为 http:// 或 https:// 开头的网址，只含字母、数字和 . _ ~ % / -，"
                   "例如 https://www.example.gov.cn/zwgk/", {"value": value})
    return value


def _plain_bool(value: object) -> bool:
    if isinstance(value, bool):
        return value
    if value in ("true", "false"):
        return value == "true"
    raise PydanticCustomError("plain_bool", "“{value}”不是 true 或 false", {"value": value})


def _str_list(value: object) -> object:
    """Allow a single string where a list of strings is expected (``issuer: kxzf``)."""
    return [value] if isinstance(value, str) else value


IsoDate = Annotated[
    date,
    BeforeValidator(_iso_date),
    WithJsonSchema({"type": "string", "format": "date", "pattern": ISO_DATE.pattern}),
]
PlainInt = Annotated[int, BeforeValidator(_plain_int), WithJsonSchema({"type": "integer", "minimum": 0})]
PlainBool = Annotated[bool, BeforeValidator(_plain_bool), WithJsonSchema({"type": "boolean"})]
StrList = Annotated[
    list[str],
    BeforeValidator(_str_list),
    WithJsonSchema({"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]}),
]


DisclosureBasis = Annotated[str, WithJsonSchema({"type": "string", "enum": list(vocab.DISCLOSURE_BASES)})]
"""A plain string to the model: a value outside the list is GK101's finding (with the legal list), not
a type error; the schema still offers the list to editors."""


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", use_attribute_docstrings=True, frozen=True)


# ---------------------------------------------------------------- site_config.yml


class Footer(Strict):
    host: str = Field(title="主办单位")
    site_code: str | None = Field(None, title="网站标识码")
    icp: str | None = Field(None, title="ICP备案号")
    police: str | None = Field(None, title="公安机关备案号")
    address: str | None = Field(None, title="地址")
    phone: str | None = Field(None, title="联系电话")
    conac_id: str | None = Field(None, title="党政机关网站标识编号", pattern=r"^[0-9A-Za-z]{1,64}$")
    """开办单位在党政机关网站标识注册系统（bszs.conac.cn）的编号；填写后页脚显示标识并链接到注册信息。"""
    error_report_url: str | None = Field(None, title="找错平台地址", pattern=r"^https://\S+$")
    """外部纠错平台（如“我为政府网站找错”）的网址，须为 https；“找错”页面链接到这里。"""


class SiteInfo(Strict):
    title: str = Field(title="网站名称")
    base_url: Annotated[str, AfterValidator(_safe_url)] = Field(title="网站地址")
    """网站的绝对地址，例如 https://www.example.gov.cn/zwgk/。"""
    sample_data: PlainBool = Field(False, title="示例数据")
    """true 时每页显示“示例数据”提示：内容为虚构。"""
    footer: Footer = Field(title="页脚")


class DisclosureOffice(Strict):
    """政府信息公开工作机构（条例 第十二条：公开指南应载明的信息）。"""

    name: str = Field(title="名称")
    address: str = Field(title="办公地址")
    hours: str = Field(title="办公时间")
    phone: str = Field(title="联系电话")
    fax: str | None = Field(None, title="传真号码")
    email: str | None = Field(None, title="电子邮箱")
    postcode: str | None = Field(None, title="邮政编码")


class Government(Strict):
    name: str = Field(title="政府名称")
    level: Literal[vocab.GOVERNMENT_LEVELS] = Field(vocab.DEFAULT_LEVEL, title="政府层级")
    """县 / 区 / 市 / 州 / 旗 / 省，默认 县。决定领导职务（县长、市长、州长……）、会议类型名称（县长办公会议、市长办公会议……）和页面用语（县政府、市政府……）。"""
    region_code: str = Field(title="行政区划代码")
    credit_code: str = Field(title="统一社会信用代码")
    disclosure_office: DisclosureOffice = Field(title="政府信息公开工作机构")
    work_rules: str | None = Field(None, title="政府工作规则")
    """（扩展字段）载有本级政府工作规则的政策文件 id，用于“政府信息公开制度”栏目。"""
    work_rules_title: str | None = Field(None, title="政府工作规则名称")
    """检查结果引用的本级政府工作规则名称，默认为“政府名称 + 工作规则”，例如 康乐县人民政府工作规则。"""

    @property
    def head_role(self) -> str:
        return vocab.head_role(self.level)

    @property
    def work_rules_name(self) -> str:
        """The work rules the GK1xx rules cite: this government's own (configured), not the model county's."""
        return self.work_rules_title or f"{self.name}工作规则"


class Organization(Strict):
    id: str = Field(title="机构 id", pattern=ORG_ID.pattern)
    name: str = Field(title="机构名称")
    credit_code: str = Field(title="统一社会信用代码")
    doc_prefixes: StrList = Field(default_factory=list, title="机关代字")
    """本机关发文字号使用的机关代字，例如 康政发、康政办发。"""


class Leader(Strict):
    id: str = Field(title="领导 id", pattern=ORG_ID.pattern)
    name: str = Field(title="姓名")
    role: Annotated[str, WithJsonSchema({"type": "string", "enum": list(vocab.ALL_LEADER_ROLES)})] = Field(title="职务")
    """按 government.level：县长、常务副县长、副县长（市长、州长……），秘书长、副秘书长、办公室主任。"""
    divisions: StrList = Field(default_factory=list, title="分工")
    ab_partner: str | None = Field(None, title="AB岗")
    """互为 AB 岗的领导 id（规则 第十条）。"""


class Deadlines(Strict):
    """规则所用的全部期限，单位为工作日或月；默认值只写在这里（gongkai init 的 site_config.yml、
    规则说明和 docs/format.md 都取自这里）。"""

    publish_workdays: Bounded(0, 250) = Field(20, title="主动公开期限（工作日）")
    """条例 第二十六条：信息形成或变更之日起在此期限内公开。"""
    meeting_issue_workdays: Bounded(0, 250) = Field(7, title="会议决定文件印发期限（工作日）")
    """规则 第四十七条：会议决定印发的文件原则上须在会议结束后此期限内印发。"""
    interpretation_workdays: Bounded(0, 250) = Field(3, title="政策解读发布期限（工作日）")
    """规则 第三十三条、国办发〔2016〕80号：解读与文件同步发布；0 表示同一天。"""
    proposal_reply_months: Bounded(1, 60) = Field(3, title="建议提案答复期限（月）")
    """规则 第三十四条：自交办之日起计算，限时办结。"""
    proposal_max_months: Bounded(1, 60) = Field(6, title="建议提案最长办理期限（月）")
    """经批准延期的，总期限不得超过此数。"""
    proposal_publish_workdays: Bounded(0, 250) = Field(20, title="办理结果公开期限（工作日）")
    """国办发〔2014〕46号：答复后在此期限内主动公开办理结果。"""
    report_department_due: str = Field("01-31", title="部门年度报告公布期限（次年 月-日）", pattern=r"^\d{2}-\d{2}$")
    """条例 第四十九条：县级以上人民政府部门每年1月31日前公布本机关上一年度的年度报告。"""
    report_government_due: str = Field("03-31", title="本级政府年度报告公布期限（次年 月-日）", pattern=r"^\d{2}-\d{2}$")
    """条例 第四十九条：本级人民政府的年度报告每年3月31日前公布。上级规定更早的日期时在此修改。"""


class Limits(Strict):
    """（扩展字段）上限：保证检查和生成的时间、内存有界。单个 YAML 文件的大小（1 MB）和嵌套层数（32）
    是读取器的固定上限（generator/yamlload.py）。"""

    attachment_mb: Bounded(1, 4096) = Field(50, title="附件大小上限（MB）")
    attachment_seconds: Bounded(1, 3600) = Field(60, title="读取单个附件的时间上限（秒）")
    """读取附件文字（检查个人信息）超过此时间的，按无法读取报告（GK209）。"""
    records: Bounded(1, 10_000_000) = Field(100_000, title="记录文件数上限")
    backdate_days: PlainInt = Field(3, title="发布日期可早于今天的天数")
    """`gongkai check --base` 时，本次新公开的记录的发布日期 published 最多可以早于今天几天（默认 3）：
    发布日期是公众在网站上看到它的日期，不能倒签。"""


class CalendarAdditions(Strict):
    """内置节假日表缺少的年份：按国务院办公厅当年通知补充。"""

    holidays: list[IsoDate] = Field(default_factory=list, title="放假日期")
    workdays: list[IsoDate] = Field(default_factory=list, title="调休上班日期")

    @model_validator(mode="after")
    def _not_both(self):
        both = sorted(set(self.holidays) & set(self.workdays))
        if both:
            raise PydanticCustomError("calendar_overlap", "{dates} 同时列在 holidays 和 workdays 中，请只保留一处",
                                      {"dates": "、".join(d.isoformat() for d in both)})
        return self


DEFAULT_PROPOSAL_CLASSES = {
    "A": "所提问题已经解决或基本解决",
    "B": "正在解决或已列入规划逐步解决",
    "C": "因条件限制需以后解决",
    "D": "留作参考",
}


class RulesConfig(Strict):
    deadlines: Deadlines = Field(Deadlines(), title="期限")
    proposal_classes: dict[str, str] = Field(DEFAULT_PROPOSAL_CLASSES, title="办理结果分类")
    proposal_kinds: StrList = Field(list(vocab.PROPOSAL_KINDS), title="建议提案类别", min_length=1)
    """默认 人大代表建议、政协委员提案；可加本地使用的类别，例如 议事原案。"""
    index_no_pattern: str = Field("{credit_code}/{year}-{serial:05d}", title="索引号格式")
    """占位符：{credit_code} 发布机构统一社会信用代码，{org_code} 其中的9位组织机构代码（{org_code:-} 写作 XXXXXXXX-X），{region_code} 行政区划代码，{year} 年，{month} 两位月份，{serial:0Nd} N位流水号（{serial} 不限位数）。其他占位符是配置错误。"""
    meeting_index_no: PlainBool = Field(True, title="会议记录编索引号")
    """本级公开目录不为会议记录编索引号时写 false：会议决定事项可不写 index_no。"""
    meeting_numbering: Literal[vocab.MEETING_NUMBERING] = Field(vocab.PER_YEAR, title="会议编号方式")
    """per_year：第N次按会议类型逐年编号（默认）；per_term：按届编号（如 县十八届人民政府第52次常务会议），会议须写 meeting.term。"""

    @field_validator("index_no_pattern")
    @classmethod
    def _usable_pattern(cls, value: str) -> str:
        try:
            index_pattern.parse(value)
        except index_pattern.PatternError as exc:
            raise PydanticCustomError("index_no_pattern", "{reason}", {"reason": str(exc)}) from None
        return value
    calendar: CalendarAdditions = Field(CalendarAdditions(), title="节假日补充")
    severity: dict[str, Literal["error", "warning", "off"]] = Field({}, title="规则级别")
    """按规则代码调整级别，例如 GK109: off。"""
    allowed_numbers: StrList = Field(default_factory=list, title="允许公开的号码")
    """隐私扫描放行的公开号码，例如政务服务热线。"""
    limits: Limits = Field(Limits(), title="上限")


class SiteConfig(Strict):
    site: SiteInfo = Field(title="网站")
    government: Government = Field(title="本级政府")
    organizations: list[Organization] = Field(title="机构")
    leaders: list[Leader] = Field(default_factory=list, title="县政府组成人员")
    taxonomy: dict[str, list[str]] | None = Field(None, title="主题分类")
    """替换默认的主题分类（中国政府网 22 个一级类）。"""
    rules: RulesConfig = Field(RulesConfig(), title="规则设置")


# ---------------------------------------------------------------- records


class Attachment(Strict):
    title: str = Field(title="附件名称")
    file: str = Field(title="文件")
    """相对于 content/attachments/ 的路径。"""


class Change(Strict):
    date: IsoDate = Field(title="更新日期")
    note: str = Field(title="更新说明")


class Withdrawal(Strict):
    """撤回：已公开的记录不删除文件，而是撤回。页面保留标题、索引号和撤回说明，正文和附件不再公开。"""

    date: IsoDate = Field(title="撤回日期")
    reason: str = Field(title="撤回原因", min_length=1)
    """公开显示在页面上：已撤回，原因：……"""


class LateNote(Strict):
    """超期公开的说明：如实写明发布日期，在这里说明超过期限的原因；页面公开显示“超期公开，原因：……”。"""

    reason: str = Field(title="超期原因", min_length=1)


class Waiver(Strict):
    rule: str = Field(title="规则代码")
    reason: str = Field(title="豁免理由", min_length=1)


class Imported(Strict):
    """（扩展字段）从原网站导入的历史记录：来源和导入日期。"""

    from_: str = Field(alias="from", title="来源", min_length=1)
    """原网站的网址，或原系统导出的文件。"""
    on: IsoDate = Field(title="导入日期")


class ExternalDocument(Strict):
    """不在本站的文件（政府工作报告、上级政策、多年前的旧文件）：标题必填。"""

    title: str = Field(title="标题", min_length=1)
    doc_no: str | None = Field(None, title="发文字号")
    """写了就按 GB/T 9704 检查格式。"""
    issuer: str | None = Field(None, title="发文机关")
    """机关名称（文字，不是机构 id）。"""
    url: str | None = Field(None, title="网址", pattern=r"^https?://[^\s<>\"']+$")
    """原文网址，页面上显示为链接；只接受 http:// 或 https://。"""


RelatedDocument = str | ExternalDocument
"""A record id (or for repeals/amends a 发文字号), or a document that is not on the site."""


def _required_unless_imported(schema: dict, cls: type) -> None:
    keys = [k for k in getattr(cls, "REQUIRED_UNLESS_IMPORTED", ()) if k in schema.get("properties", {})]
    if keys:
        schema.setdefault("allOf", []).append({"if": {"not": {"required": ["imported"]}}, "then": {"required": keys}})


class Record(Strict):
    """Fields common to every record type."""

    model_config = ConfigDict(json_schema_extra=_required_unless_imported)
    REQUIRED_UNLESS_IMPORTED: ClassVar[tuple[str, ...]] = ("index_no", "topic")
    """Keys every new record must have; a record brought from a previous site (``imported``) may lack them when the source did not show them (site.py reports them as missing otherwise)."""

    title: str = Field(title="标题", min_length=1)
    publisher: str = Field(title="发布机构")
    """机构 id（site_config.yml 中 organizations 的 id）。"""
    published: IsoDate | None = Field(None, title="发布日期")
    """在网站上公开的日期；主动公开时必填。"""
    index_no: str | None = Field(None, title="索引号")
    """必填；导入的历史记录来源未载明时、或 rules.meeting_index_no 为 false 时的会议决定事项可不写。"""
    topic: str | None = Field(None, title="主题分类")
    """写作“一级/二级”，例如 综合政务/政务公开。必填；导入的历史记录来源未载明时可不写。"""
    disclosure: Literal[vocab.DISCLOSURES] = Field(title="公开属性")
    disclosure_basis: DisclosureBasis | None = Field(None, title="不公开依据")
    """公开属性不是主动公开时必填（条例 第十四、十五、十六条）。"""
    attachments: list[Attachment] = Field(default_factory=list, title="附件")
    changes: list[Change] = Field(default_factory=list, title="更新记录")
    waivers: list[Waiver] = Field(default_factory=list, title="豁免")
    withdrawn: Withdrawal | None = Field(None, title="撤回")
    """{date, reason}：已公开的记录不能删除，只能撤回（见 docs/publishing.md）。"""
    late: LateNote | None = Field(None, title="超期公开")
    """{reason}：超过公开期限才发布时，如实写发布日期并说明原因；页面显示“超期公开，原因：……”。"""
    body: str | None = Field(None, title="正文")
    """Markdown。"""
    imported: Imported | None = Field(None, title="导入来源")
    """（扩展字段）从原网站导入的历史记录写 {from: 原网址或文件, on: 导入日期}：来源未载明的字段可不写（页面不显示，不据缺失的日期判断按时/超期），时限规则按警告报告，不符合 GB/T 9704 的发文字号按原样保留并给出警告。新记录不得使用。"""

    @property
    def publisher_id(self) -> str:
        return self.publisher


class LegalityReview(Strict):
    date: IsoDate = Field(title="审查日期")
    result: Literal[vocab.REVIEW_RESULTS] = Field(title="审查结论")


class Policy(Record):
    """政策文件。"""

    REQUIRED_UNLESS_IMPORTED: ClassVar[tuple[str, ...]] = ("index_no", "topic", "kind")
    """Old sites rarely show a document's kind (规章/行政规范性文件/其他文件): an imported policy may
    lack it; the rules that apply to normative documents then do not guess that it is one."""

    publisher: str | None = Field(None, title="发布机构")
    """机构 id；不写时为第一个发文机关。"""
    doc_no: str | None = Field(None, title="发文字号")
    """例如 康政发〔2024〕12号；规章和行政规范性文件必填。"""
    kind: Literal[vocab.POLICY_KINDS] | None = Field(None, title="文件类型")
    """必填；导入的历史记录来源未载明时可不写（不作猜测）。"""
    issuer: StrList = Field(title="发文机关", min_length=1)
    """机构 id；联合发文写成列表，主办机关在前。"""
    signer: str | None = Field(None, title="签发人")
    written: IsoDate = Field(title="成文日期")
    issued: IsoDate | None = Field(None, title="印发日期")
    effective: IsoDate | None = Field(None, title="施行日期")
    expires: IsoDate | None = Field(None, title="有效期至")
    legality_review: LegalityReview | None = Field(None, title="合法性审查")
    repeals: Annotated[list[RelatedDocument], BeforeValidator(_str_list)] = Field(default_factory=list, title="废止")
    """被废止文件的 id 或发文字号；不在本站的旧文件也可写 {title: 标题}（可加 doc_no、issuer、url）。"""
    amends: Annotated[list[RelatedDocument], BeforeValidator(_str_list)] = Field(default_factory=list, title="修改")
    """被修改文件的 id 或发文字号；不在本站的文件也可写 {title: 标题}。"""
    status: Literal[vocab.REPEALED_STATUS] | None = Field(None, title="有效性")
    """仅用于在本系统之外被废止的文件：写 废止，并填 repealed_on 和 repeal_note。"""
    repealed_on: IsoDate | None = Field(None, title="废止日期")
    repeal_note: str | None = Field(None, title="废止说明")
    body: str = Field(title="正文")

    @property
    def publisher_id(self) -> str:
        return self.publisher or self.issuer[0]

    @property
    def issued_on(self) -> date:
        return self.issued or self.written


class Interpretation(Record):
    """政策解读。"""

    REQUIRED_UNLESS_IMPORTED: ClassVar[tuple[str, ...]] = ("index_no", "topic", "interpreter")

    interprets: RelatedDocument = Field(title="解读文件")
    """被解读的政策文件 id；不在本站的文件（政府工作报告、上级政策）写 {title, doc_no, issuer, url}。"""
    form: Literal[vocab.INTERPRETATION_FORMS] = Field(title="解读形式")
    interpreter: str | None = Field(None, title="解读人")
    """必填；导入的历史记录来源未载明时可不写。"""
    body: str = Field(title="正文")

    @property
    def interprets_id(self) -> str | None:
        """The id of the interpreted policy on this site, or None for an external document."""
        return self.interprets if isinstance(self.interprets, str) else None


class Step(Strict):
    date: IsoDate = Field(title="日期")
    note: str | None = Field(None, title="说明")


class Procedures(Strict):
    """重大行政决策法定程序（规则 第二十四条）；会议本身即集体讨论决定。"""

    public_participation: Step | None = Field(None, title=vocab.PROCEDURES["public_participation"])
    expert_review: Step | None = Field(None, title=vocab.PROCEDURES["expert_review"])
    risk_assessment: Step | None = Field(None, title=vocab.PROCEDURES["risk_assessment"])
    legality_review: Step | None = Field(None, title=vocab.PROCEDURES["legality_review"])


class StabilityAssessment(Strict):
    date: IsoDate = Field(title="评估日期")
    by: str = Field(title="评估机构")
    note: str | None = Field(None, title="说明")


class Meeting(Strict):
    type: Annotated[str, WithJsonSchema({"type": "string", "enum": list(vocab.ALL_MEETING_TYPES)})] = Field(title="会议类型")
    """全体会议、常务会议、县长办公会议（按 government.level：市长办公会议、州长办公会议……）、专题会议。"""
    term: str | None = Field(None, title="届别")
    """本届政府的届别，例如 十八届；rules.meeting_numbering 为 per_term 时必填。"""
    number: PlainInt = Field(title="届次")
    """第N次（按会议类型逐年编号；rules.meeting_numbering 为 per_term 时按届编号）。"""
    date: IsoDate = Field(title="会议日期")
    chair: str | None = Field(None, title="主持人")
    """领导 id。必填；导入的历史记录来源未载明时可不写。"""


class Item(Strict):
    title: str = Field(title="议题")
    outcome: Literal[vocab.OUTCOMES] = Field(title="结果")
    """通过、审议通过、原则通过、原则同意、同意（这几种决定印发文件，GK105 计算印发期限）；不通过、不予通过、暂缓、暂缓审议、听取汇报、传达学习、研究部署、讨论、研究。"""
    summary: str | None = Field(None, title="决定内容")
    documents: StrList = Field(default_factory=list, title="印发文件")
    """会议决定印发的政策文件 id。"""
    major: PlainBool = Field(False, title="重大行政决策")
    procedures: Procedures | None = Field(None, title="法定程序")
    public_interest: PlainBool = Field(False, title="涉及重大公共利益")
    stability_assessment: StabilityAssessment | None = Field(None, title="社会稳定风险评估")
    disclosure: Literal[vocab.DISCLOSURES] = Field(vocab.PUBLIC, title="公开属性")
    disclosure_basis: DisclosureBasis | None = Field(None, title="不公开依据")


class Decision(Record):
    """会议决定事项（一次会议一个文件）。"""

    REQUIRED_UNLESS_IMPORTED: ClassVar[tuple[str, ...]] = ("topic",)
    """index_no too, unless rules.meeting_index_no is false (the schema cannot know), and meeting.chair (nested: site.py checks it)."""

    meeting: Meeting = Field(title="会议")
    items: list[Item] = Field(title="议题", min_length=1)


class Proposal(Record):
    """人大代表建议、政协委员提案办理结果。"""

    REQUIRED_UNLESS_IMPORTED: ClassVar[tuple[str, ...]] = ("index_no", "topic", "assigned")

    kind: Annotated[str, WithJsonSchema({"anyOf": [{"type": "string", "enum": list(vocab.PROPOSAL_KINDS)},
                                                   {"type": "string"}]})] = Field(title="类别")
    """rules.proposal_kinds 中的类别，默认 人大代表建议、政协委员提案。"""
    session: str = Field(title="会次")
    number: PlainInt = Field(title="编号")
    proposers: StrList = Field(title="提出人", min_length=1)
    """提出人姓名；多人联名时可只写领衔人，并写 proposer_count。"""
    proposer_count: PlainInt | None = Field(None, title="提出人数", ge=1)
    """联名提出的人数（如“杨某等3名代表”写 3），不少于 proposers 的人数。"""
    lead: str = Field(title="主办单位")
    co: StrList = Field(default_factory=list, title="协办单位")
    assigned: IsoDate | None = Field(None, title="交办日期")
    """必填（办理期限从交办日期起算）；导入的历史记录来源未载明时可不写。"""
    extended_to: IsoDate | None = Field(None, title="延期至")
    replied: IsoDate | None = Field(None, title="答复日期")
    reply_doc_no: str | None = Field(None, title="复文字号")
    """答复函的发文字号，例如 康发改函〔2026〕31号，按 GB/T 9704 检查。"""
    reply_signer: str | None = Field(None, title="复文签发人")
    """答复函的签发人姓名。"""
    result: str | None = Field(None, title="办理结果")
    """rules.proposal_classes 中的类别，默认 A/B/C/D；可不写（统计为未分类）。"""
    satisfaction: Literal[vocab.SATISFACTIONS] | None = Field(None, title="满意度")
    """满意 / 基本满意 / 不满意 / 未反馈；常在答复后才收到，可不写（统计为未反馈）。"""
    reply_disclosure: Literal[vocab.REPLY_DISCLOSURES] | None = Field(None, title="复文公开方式")
    reply: str | None = Field(None, title="答复")


# ---------------------------------------------------------------- the annual report (国办公开办函〔2021〕30号)


def _cell(value: object) -> object:
    """A table cell as written: kept as text so that blanks, "/" and negative numbers reach the
    report rules (GK301, GK302) as findings with their line, instead of a type error."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return value


Cell = Annotated[str | None, BeforeValidator(_cell),
                 WithJsonSchema({"anyOf": [{"type": "integer", "minimum": 0}, {"type": "string", "pattern": r"^[0-9]+$"}]})]
"""A count: an integer ≥ 0, never blank (write 0)."""
Amount = Annotated[str | None, BeforeValidator(_cell),
                   WithJsonSchema({"anyOf": [{"type": "number", "minimum": 0}, {"type": "string", "pattern": r"^[0-9]+(\.[0-9]+)?$"}]})]
"""An amount: a decimal ≥ 0."""
Cells = Annotated[list[Cell], WithJsonSchema({"type": "array", "items": {"type": "integer", "minimum": 0}})]


class ActiveDisclosure(Strict):
    """二、主动公开政府信息情况：记录给不出的数字。行政规范性文件一行由记录计算，可不填；填了就须与记录一致。"""

    regulations: Cells | None = Field(None, title="规章")
    """[本年制发件数, 本年废止件数, 现行有效件数]；县、区政府及其部门不能制定规章，只能是 [0, 0, 0]（可不填）。"""
    normative: Cells | None = Field(None, title="行政规范性文件")
    """[本年制发件数, 本年废止件数, 现行有效件数]；由政策文件记录计算，填写时须一致。"""
    licensing: Cell = Field(None, title="行政许可")
    """第二十条第（五）项：本年处理决定数量。"""
    penalties: Cell = Field(None, title="行政处罚")
    """第二十条第（六）项：本年处理决定数量。"""
    coercion: Cell = Field(None, title="行政强制")
    """第二十条第（六）项：本年处理决定数量。"""
    fees: Amount = Field(None, title="行政事业性收费（万元）")
    """第二十条第（八）项：本年收费金额，单位万元，可有小数。"""


class ApplicationTable(Strict):
    """三、收到和处理政府信息公开申请情况：每行 7 个数，依次为 自然人、商业企业、科研机构、社会公益组织、
    法律服务机构、其他、总计。有申请台账（content/applications/）时由台账计算，可不填。"""

    received: Cells | None = Field(None, title="一、本年新收政府信息公开申请数量")
    carried_over: Cells | None = Field(None, title="二、上年结转政府信息公开申请数量")
    disclosed: Cells | None = Field(None, title="（一）予以公开")
    partly_disclosed: Cells | None = Field(None, title="（二）部分公开")
    withheld_state_secret: Cells | None = Field(None, title="（三）1.属于国家秘密")
    withheld_law_forbids: Cells | None = Field(None, title="（三）2.其他法律行政法规禁止公开")
    withheld_three_safety: Cells | None = Field(None, title="（三）3.危及“三安全一稳定”")
    withheld_third_party: Cells | None = Field(None, title="（三）4.保护第三方合法权益")
    withheld_internal_affairs: Cells | None = Field(None, title="（三）5.属于三类内部事务信息")
    withheld_process_info: Cells | None = Field(None, title="（三）6.属于四类过程性信息")
    withheld_enforcement_file: Cells | None = Field(None, title="（三）7.属于行政执法案卷")
    withheld_inquiry: Cells | None = Field(None, title="（三）8.属于行政查询事项")
    unable_not_held: Cells | None = Field(None, title="（四）1.本机关不掌握相关政府信息")
    unable_needs_creation: Cells | None = Field(None, title="（四）2.没有现成信息需要另行制作")
    unable_still_unclear: Cells | None = Field(None, title="（四）3.补正后申请内容仍不明确")
    refused_petition: Cells | None = Field(None, title="（五）1.信访举报投诉类申请")
    refused_repeated: Cells | None = Field(None, title="（五）2.重复申请")
    refused_publication: Cells | None = Field(None, title="（五）3.要求提供公开出版物")
    refused_mass_repeat: Cells | None = Field(None, title="（五）4.无正当理由大量反复申请")
    refused_confirmation: Cells | None = Field(None, title="（五）5.要求行政机关确认或重新出具已获取信息")
    other_no_correction: Cells | None = Field(None, title="（六）1.逾期不补正、不再处理")
    other_unpaid_fee: Cells | None = Field(None, title="（六）2.逾期未缴费、不再处理")
    other_other: Cells | None = Field(None, title="（六）3.其他")
    total: Cells | None = Field(None, title="（七）总计")
    carried_forward: Cells | None = Field(None, title="四、结转下年度继续办理")


class ReviewsAndSuits(Strict):
    """四、政府信息公开行政复议、行政诉讼情况：每组 5 个数，依次为 结果维持、结果纠正、其他结果、尚未审结、总计。
    上年尚未审结的案件，本年审结后按结果计入本年相应栏目（本报告的统一口径）。"""

    review: Cells | None = Field(None, title="行政复议")
    suit_direct: Cells | None = Field(None, title="行政诉讼：未经复议直接起诉")
    suit_after_review: Cells | None = Field(None, title="行政诉讼：复议后起诉")


class ProcessingFees(Strict):
    """信息处理费（《政府信息公开信息处理费管理办法》）：在第六部分报告。"""

    notices: Cell = Field(None, title="发出收费通知的件数")
    billed: Amount = Field(None, title="收费通知的总金额（元）")
    collected: Amount = Field(None, title="实际收取的总金额（元）")


def _report_year(value: object) -> int:
    year = _plain_int(value)
    if not 2008 <= year <= 2999:
        raise PydanticCustomError("report_year", "报告年度“{value}”应为 2008 年（条例施行）以后的四位年份", {"value": value})
    return year


ReportYear = Annotated[int, BeforeValidator(_report_year), WithJsonSchema({"type": "integer", "minimum": 2008, "maximum": 2999})]


class Report(Record):
    """政府信息公开工作年度报告（条例 第四十九、五十条；国办公开办函〔2021〕30号）。文件名为“机构id-年度”。"""

    year: ReportYear = Field(title="报告年度")
    """统计期限为该年1月1日至12月31日。"""
    overview: str | None = Field(None, title="一、总体情况")
    """Markdown：主动公开、依申请公开、政府信息管理、平台建设、监督保障；可用 {{ 变量 }} 引用表中数字。"""
    active: ActiveDisclosure = Field(ActiveDisclosure(), title="二、主动公开政府信息情况")
    applications: ApplicationTable | None = Field(None, title="三、收到和处理政府信息公开申请情况")
    """有申请台账时可不填。"""
    reviews_and_suits: ReviewsAndSuits = Field(ReviewsAndSuits(), title="四、政府信息公开行政复议、行政诉讼情况")
    problems: str | None = Field(None, title="五、存在的主要问题及改进情况")
    """Markdown：本年主要问题、上年问题的整改情况、具体改进措施。"""
    other: str | None = Field(None, title="六、其他需要报告的事项")
    """Markdown：信息处理费收取、年度政务公开工作要点落实、建议提案办理结果公开、创新做法。"""
    processing_fees: ProcessingFees = Field(ProcessingFees(), title="信息处理费")
    body: None = Field(None, title="正文")
    """年度报告不用 body：正文按六个部分分别填写。"""


NEW_RECORD_REQUIRES: dict[type, tuple[str, ...]] = {Meeting: ("chair",)}
"""Nested keys required of new records only (site.py checks them; imported records may lack them)."""


def required_for_new(model: type, name: str) -> bool:
    """Whether a new record must have ``name``: required by the model, or required unless imported."""
    info = model.model_fields[name]
    return (info.is_required() or name in getattr(model, "REQUIRED_UNLESS_IMPORTED", ())
            or name in NEW_RECORD_REQUIRES.get(model, ()) or (model is Decision and name == "index_no"))


RECORD_TYPES: dict[str, type[Record]] = {
    "policies": Policy,
    "interpretations": Interpretation,
    "decisions": Decision,
    "proposals": Proposal,
    "reports": Report,
}
RECORD_TYPE_ZH = {"policies": "政策文件", "interpretations": "政策解读", "decisions": "会议决定", "proposals": "建议提案办理",
                  "reports": "政府信息公开年报"}
"""Each record type's Chinese name: the column title on the site."""


# ---------------------------------------------------------------- the application ledger (never published)


class Application(Strict):
    """一件政府信息公开申请（匿名：不写申请人姓名、名称和联系方式）。"""

    case: str = Field(title="案件编号", min_length=1)
    organ: str = Field(title="受理机关")
    """机构 id。"""
    received: IsoDate = Field(title="收到申请日期")
    """条例 第三十一条确定的收到日期。"""
    applicant: Literal[vocab.APPLICANT_TYPES] = Field(title="申请人类型")
    correction_requested: IsoDate | None = Field(None, title="告知补正日期")
    corrected: IsoDate | None = Field(None, title="收到补正日期")
    """条例 第三十条：答复期限自收到补正的申请之日起计算。"""
    extended: IsoDate | None = Field(None, title="延期告知日期")
    """条例 第三十三条：经负责人同意延期并告知申请人的日期；延长不超过 20 个工作日。"""
    replied: IsoDate | None = Field(None, title="答复日期")
    outcome: Literal[vocab.APPLICATION_OUTCOMES] | None = Field(None, title="办理结果")
    """年度报告第三部分的一种办理结果（每件只计一种；区分处理的计“部分公开”）。"""


class ApplicationLedger(Strict):
    """政府信息公开申请台账（content/applications/<年度>.yml）：只用于计算年度报告第三部分，不公开。"""

    applications: list[Application] = Field(default_factory=list, title="申请")
