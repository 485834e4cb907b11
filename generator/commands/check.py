"""``gongkai check``: every rule over every record; findings as text, JSON, GitHub annotations or SARIF.

Exit 0 no errors (warnings allowed), 1 errors, 2 the command could not run.
"""

from __future__ import annotations

import sys
from datetime import date

from ..cli import EXIT_ERRORS, EXIT_OK, UsageError
from ..report import FORMATS, render


HELP = "按工作规则校验全部记录"
DESCRIPTION = (
    "按工作规则和国家规定校验全部记录。"
    "退出码：0 无错误，1 有错误，2 无法运行。"
)


def add_arguments(p, site_args) -> None:
    site_args(p)
    p.add_argument("--format", choices=FORMATS, default="text", help="输出格式（默认 text）")
    p.add_argument("--base", metavar="版本", default=None,
                   help="与此 git 版本（例如 origin/main）比较，只报告并只因本次修改引入的问题而失败："
                        "修改前已有、本次没有碰到的问题不计；删除文件使其他记录的引用失效、已公开记录被删除、"
                        "悄悄修改、倒签发布日期都算本次引入")
    p.add_argument("--changed-only", action="store_true",
                   help="（保留给旧的 CI 配置）与 --base 相同：只报告本次修改引入的问题")
    p.add_argument("--duties", action="store_true",
                   help="只列出截至今天已逾期的职责（解读、答复、办理结果公开等期限已过），有则退出码为 1；"
                        "供每日定时任务使用。逾期职责不阻止生成站点")


def run(args) -> int:
    from ..check import check_site
    from ..history import HistoryError, check_change, repository_prefix

    if args.changed_only and not args.base:
        raise UsageError("--changed-only 需要同时给出 --base 版本")
    if args.duties and args.base:
        raise UsageError("--duties 列出截至今天逾期的职责，不能与 --base 同用")
    today = args.today or date.today()
    prefix = repository_prefix(args.root) if args.format in ("github", "sarif") else ""
    if args.duties:
        report = check_site(args.root, today)
        sys.stdout.write(render(args.format, report.overdue, report.records, prefix))
        return EXIT_ERRORS if report.overdue else EXIT_OK
    if not args.base:
        report = check_site(args.root, today)
        sys.stdout.write(render(args.format, report.findings, report.records, prefix))
        return EXIT_ERRORS if report.errors else EXIT_OK
    try:
        change = check_change(args.root, args.base, today)
    except HistoryError as exc:
        raise UsageError(f"--base：{exc}") from None
    findings = change.introduced
    sys.stdout.write(render(args.format, findings, change.after.records, prefix))
    if not change.base_usable:
        print(f"注意：{args.base} 中没有可用的 site_config.yml，全部问题都按本次引入计算。", file=sys.stderr)
    elif change.preexisting:
        errors = sum(f.severity == "error" for f in change.preexisting)
        print(f"另有 {errors} 个错误、{len(change.preexisting) - errors} 个警告在 {args.base} 中已经存在，"
              f"不是本次修改引入的，未计入（不带 --base 运行 gongkai check 可查看全部）。", file=sys.stderr)
    return EXIT_ERRORS if any(f.severity == "error" for f in findings) else EXIT_OK
