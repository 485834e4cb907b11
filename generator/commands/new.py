"""``gongkai new TYPE``: write a commented record template with the next free id and 索引号.

Refuses (exit 2, nothing written) when the file exists, the type is unknown, or an organization or
policy named in the options is not in the site. Also writes or refreshes the site's ``schema/``
folder that the template's ``yaml-language-server`` modeline names.
"""

from __future__ import annotations

from datetime import date

from ..cli import iso_day
from .. import scaffold, vocab
from ..models import RECORD_TYPE_ZH
from ..schema import SCHEMA_DIR



def add_parser(subparsers, site_args) -> None:
    types = "、".join(f"{w}（{RECORD_TYPE_ZH[t]}）" for t, w in scaffold.TYPE_WORDS.items())
    p = subparsers.add_parser(
        "new", help="新建一条记录：带中文注释的模板，预填 id 和索引号",
        description="在 content/ 下新建一条记录的模板：每个字段都有中文注释，说明含义、可选值和相关规则；"
                    "预填下一个空闲的 id 和索引号、今天的日期。已有同名文件时不覆盖。"
                    "同时写入或更新 schema/ 下供编辑器使用的 JSON Schema。退出码：0 成功，2 无法新建。")
    p.add_argument("type", metavar="类型", help=f"记录类型：{types}")
    site_args(p)
    p.add_argument("--id", help="记录 id（文件名）；默认按年份编号，例如 2026-001")
    p.add_argument("--title", help="标题")
    p.add_argument("--publisher", metavar="机构id", help="发布机构（site_config.yml 中的机构 id）")
    p.add_argument("--date", type=iso_day, metavar="YYYY-MM-DD",
                   help="记录的日期（默认今天）：预填发布日期、成文日期；索引号的年份取它")
    g = p.add_argument_group("政策文件（policy）")
    g.add_argument("--issuer", nargs="+", metavar="机构id", help="发文机关；联合发文写多个，主办机关在前")
    g.add_argument("--kind", metavar="文件类型", help=" / ".join(vocab.POLICY_KINDS))
    g.add_argument("--doc-no", metavar="发文字号", help="例如 康政发〔2026〕12号")
    g = p.add_argument_group("政策解读（interpretation）")
    g.add_argument("--interprets", metavar="政策文件id", help="被解读的政策文件 id")
    g = p.add_argument_group("会议决定（decision）")
    g.add_argument("--meeting-type", metavar="会议类型", help=" / ".join(vocab.MEETING_TYPES))
    g = p.add_argument_group("建议提案办理（proposal）")
    g.add_argument("--proposal-kind", metavar="类别", help=" / ".join(vocab.PROPOSAL_KINDS))
    g.add_argument("--session", metavar="会次", help="例如 县十七届人大五次会议")
    g.add_argument("--lead", metavar="机构id", help="主办单位（默认也是发布机构）")


def run(args) -> int:
    from ..cli import UsageError

    options = scaffold.NewOptions(
        id=args.id, title=args.title, publisher=args.publisher, issuer=args.issuer, kind=args.kind,
        doc_no=args.doc_no, interprets=args.interprets, meeting_type=args.meeting_type,
        proposal_kind=args.proposal_kind, session=args.session, lead=args.lead, date=args.date)
    try:
        made = scaffold.new_record(args.root, args.type, args.today or date.today(), options)
    except scaffold.ScaffoldError as exc:
        raise UsageError(f"未新建记录：{exc}") from None
    print(f"已新建{RECORD_TYPE_ZH[made.type]}：{made.path}")
    print(f"  id：{made.id}")
    print(f"  索引号：{made.index_no or '（未能按 rules.index_no_pattern 生成，请手工填写）'}")
    print(f"  发布机构：{made.publisher.name}（{made.publisher.id}）；不对时用 --publisher 指定，并相应修改索引号")
    if made.schema_updated:
        print(f"已更新编辑器提示用的 JSON Schema：{args.root / SCHEMA_DIR}")
    print("下一步：按注释填写空着的字段，然后运行 gongkai check。")
    return 0
