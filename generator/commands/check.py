"""``gongkai check``: every rule over every record; findings as text, JSON, GitHub annotations or SARIF.

Exit 0 no errors (warnings allowed), 1 errors, 2 the command could not run.
"""

from __future__ import annotations

import sys
from datetime import date

from ..cli import EXIT_ERRORS, EXIT_OK, UsageError
from ..report import FORMATS, render


def add_parser(subparsers, site_args) -> None:
    p = subparsers.add_parser("check", help="按工作规则校验全部记录", description="按工作规则和国家规定校验全部记录。"
                                  "退出码：0 无错误，1 有错误，2 无法运行。")
    site_args(p)
    p.add_argument("--format", choices=FORMATS, default="text", help="输出格式（默认 text）")
    p.add_argument("--base", metavar="版本", default=None,
                   help="与此 git 版本比较：已公开记录的实质修改必须在 changes 中说明（例如 origin/main）")
    p.add_argument("--changed-only", action="store_true",
                   help="只报告自 --base 以来修改过的文件中的问题（引用仍按整个站点核对）")


def run(args) -> int:
    from ..check import check_site
    from ..history import HistoryError, baseline, changed_files

    if args.changed_only and not args.base:
        raise UsageError("--changed-only 需要同时给出 --base 版本")
    changed = old = None
    if args.base:
        try:
            changed = changed_files(args.root, args.base)
            old = baseline(args.root, args.base, changed)
        except HistoryError as exc:
            raise UsageError(f"--base：{exc}") from None
    report = check_site(args.root, args.today or date.today(), old if args.base else None)
    findings = report.findings
    if args.changed_only and "site_config.yml" not in changed:
        # a changed site_config.yml can break any record: then every finding counts
        findings = [f for f in findings if f.path in changed]
    from ..history import repository_prefix

    prefix = repository_prefix(args.root) if args.format in ("github", "sarif") else ""
    sys.stdout.write(render(args.format, findings, report.records, prefix))
    return EXIT_ERRORS if any(f.severity == "error" for f in findings) else EXIT_OK
