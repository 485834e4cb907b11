"""``gongkai build``: check, then render the public site; the output directory is replaced only
when everything succeeded.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

from ..cli import EXIT_ERRORS, EXIT_OK, EXIT_USAGE, UsageError
from ..report import render


HELP = "校验后生成公开站点"
DESCRIPTION = (
    "先校验；记录有错误时不生成（逾期职责只列出，不阻止生成）。"
    "全部成功后才替换输出目录。退出码：0 成功，1 有错误，2 无法运行。"
)


def add_arguments(p, site_args) -> None:
    site_args(p)
    p.add_argument("--out", type=Path, default=None, help="输出目录（默认 站点根目录/site）")
    p.add_argument("--cache", type=Path, default=None, metavar="目录",
                   help="生成缓存目录：未改变的页面直接取用上次的结果（输出与不用缓存时完全相同；CI 可缓存此目录）")


def run(args) -> int:
    from ..build import PUBLISH_FAILURES, BuildRefused, OutputNotOurs, build_site

    out = args.out or args.root / "site"
    try:
        report, view = build_site(args.root, out, args.today or date.today(), cache=args.cache)
    except BuildRefused as exc:
        sys.stdout.write(render("text", exc.report.findings, exc.report.records))
        print(f"有错误，未生成站点；{out} 保持原样。", file=sys.stderr)
        return EXIT_ERRORS
    except OutputNotOurs as exc:
        raise UsageError(str(exc)) from None
    except PUBLISH_FAILURES as exc:
        print(f"生成失败，{out} 保持原样：{exc}", file=sys.stderr)
        return EXIT_USAGE
    shown = [f for f in report.findings if f.severity == "warning" or f.overdue]
    if shown:
        sys.stdout.write(render("text", shown, report.records))
    total = sum(len(r) for r in view.records.values())
    print(f"已生成站点：{out}（{total} 条公开记录）")
    if report.overdue:
        print(f"注意：有 {len(report.overdue)} 项职责已逾期（见上；站点照常生成，请尽快办理，gongkai status 列出全部待办）。")
    return EXIT_OK
