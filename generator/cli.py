"""The ``gongkai`` command: check, explain, schema.

Exit status: 0 no errors (warnings allowed), 1 errors found, 2 the command could not run.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from datetime import date
from pathlib import Path

from . import __version__
from .findings import SEVERITY_ZH
from .report import FORMATS, render
from .rules import MODULES, lookup
from .schema import SCHEMA_TYPES, all_schemas, schema_for, write_schemas
from .site import ConfigError

EXIT_OK, EXIT_ERRORS, EXIT_USAGE = 0, 1, 2
EXIT_BROKEN_PIPE = 141
"""The reader of stdout went away (``| head``): 128 + SIGPIPE, as a shell reports a killed writer."""


_ARGPARSE_ZH = {
    "usage: ": "用法：",
    "positional arguments": "参数",
    "options": "选项",
    "show this help message and exit": "显示本帮助并退出",
    "show program's version number and exit": "显示版本号并退出",
    "invalid choice: %(value)r (choose from %(choices)s)": "无效的选项 %(value)r（可选：%(choices)s）",
    "the following arguments are required: %s": "缺少参数：%s",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "expected one argument": "需要一个值",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
}
argparse._ = lambda text: _ARGPARSE_ZH.get(text, text)  # argparse's own words, in Chinese


class UsageError(Exception):
    """Bad arguments: printed in Chinese, exit 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # argparse's own messages are English; keep the exit code contract
        raise UsageError(f"参数错误：{message}（用 --help 查看用法）")


def iso_day(text: str) -> date:
    """argparse type for --today and other date options: ISO dates only, said in Chinese."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"日期“{text}”应写作 YYYY-MM-DD") from None


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="gongkai", description="政府信息公开网站生成器：校验公开记录、生成公开站点。")
    parser.add_argument("--version", action="version", version=f"gongkai {__version__}", help="显示版本号并退出")
    sub = parser.add_subparsers(dest="command", metavar="命令", parser_class=_Parser)

    check = sub.add_parser("check", help="按工作规则校验全部记录", description="按工作规则和国家规定校验全部记录。"
                           "退出码：0 无错误，1 有错误，2 无法运行。")
    _site_args(check)
    check.add_argument("--format", choices=FORMATS, default="text", help="输出格式（默认 text）")
    check.add_argument("--base", metavar="版本", default=None,
                       help="与此 git 版本比较：已公开记录的实质修改必须在 changes 中说明（例如 origin/main）")
    check.add_argument("--changed-only", action="store_true",
                       help="只报告自 --base 以来修改过的文件中的问题（引用仍按整个站点核对）")

    build = sub.add_parser("build", help="校验后生成公开站点", description="先校验；有错误时不生成。"
                           "全部成功后才替换输出目录。退出码：0 成功，1 有错误，2 无法运行。")
    _site_args(build)
    build.add_argument("--out", type=Path, default=None, help="输出目录（默认 站点根目录/site）")

    serve = sub.add_parser("serve", help="本地预览，修改后自动重新生成", description="在本机生成并预览站点；"
                           "content/ 或 site_config.yml 有修改时自动重新生成。")
    _site_args(serve)
    serve.add_argument("--host", default="127.0.0.1", help="监听地址（默认 127.0.0.1）")
    serve.add_argument("--port", type=int, default=8000, help="端口（默认 8000）")

    explain = sub.add_parser("explain", help="说明一条规则", description="说明规则的依据、理由和正反例；不带代码时列出全部规则。")
    explain.add_argument("code", nargs="?", help="规则代码（如 GK105）或名称")

    schema = sub.add_parser("schema", help="输出 JSON Schema", description="输出记录格式的 JSON Schema（供编辑器补全和提示）。")
    schema.add_argument("type", nargs="?", choices=tuple(SCHEMA_TYPES), help="只输出一种类型")
    schema.add_argument("--out", type=Path, default=None, help="写入此目录，每种类型一个 .schema.json 文件")
    for name, module in _command_modules().items():
        module.add_parser(sub, _site_args)
    return parser


def _command_modules() -> dict:
    """Commands that live in their own module under generator/commands/: each has
    ``add_parser(subparsers, site_args)`` and ``run(args) -> int``."""
    import importlib
    import pkgutil

    from . import commands

    return {info.name: importlib.import_module(f"{commands.__name__}.{info.name}")
            for info in pkgutil.iter_modules(commands.__path__)}


def _site_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--root", type=Path, default=Path("."), help="站点根目录（含 site_config.yml，默认当前目录）")
    p.add_argument("--today", type=iso_day, default=None, help="以此日期为今天（YYYY-MM-DD，默认系统日期）")


def cmd_check(args) -> int:
    from .check import check_site
    from .history import HistoryError, baseline, changed_files

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
    from .history import repository_prefix

    prefix = repository_prefix(args.root) if args.format in ("github", "sarif") else ""
    sys.stdout.write(render(args.format, findings, report.records, prefix))
    return EXIT_ERRORS if any(f.severity == "error" for f in findings) else EXIT_OK


def cmd_build(args) -> int:
    from .build import PUBLISH_FAILURES, BuildRefused, OutputNotOurs, build_site

    out = args.out or args.root / "site"
    try:
        report, view = build_site(args.root, out, args.today or date.today())
    except BuildRefused as exc:
        sys.stdout.write(render("text", exc.report.findings, exc.report.records))
        print(f"有错误，未生成站点；{out} 保持原样。", file=sys.stderr)
        return EXIT_ERRORS
    except OutputNotOurs as exc:
        raise UsageError(str(exc)) from None
    except PUBLISH_FAILURES as exc:
        print(f"生成失败，{out} 保持原样：{exc}", file=sys.stderr)
        return EXIT_USAGE
    warnings = [f for f in report.findings if f.severity == "warning"]
    if warnings:
        sys.stdout.write(render("text", warnings, report.records))
    total = sum(len(r) for r in view.records.values())
    print(f"已生成站点：{out}（{total} 条公开记录）")
    return EXIT_OK


def cmd_serve(args) -> int:
    from .serve import serve

    return serve(args.root, args.today, args.host, args.port)


def cmd_explain(args) -> int:
    if not args.code:
        for module in MODULES:
            r = module.RULE
            print(f"{r.code}  {SEVERITY_ZH.get(r.severity, r.severity)}  {r.name}  {r.title}")
        return EXIT_OK
    rule = lookup(args.code)
    if rule is None:
        raise UsageError(f"没有规则“{args.code}”（gongkai explain 列出全部规则）")
    print(explain_text(rule))
    return EXIT_OK


def explain_text(rule) -> str:
    out = [f"{rule.code} {rule.name}：{rule.title}", f"默认级别：{SEVERITY_ZH.get(rule.severity, rule.severity)}"]
    for i, cite in enumerate(rule.citations()):
        label = "依据" if i == 0 else "另见"
        if cite.source:
            out.append(f"{label}：{cite.source}{' ' + cite.article if cite.article else ''}")
            if cite.quote:
                out.append(f"  “{cite.quote}”")
        elif i == 0:
            out.append("依据：内容格式要求（content-format）")
    out += ["", "说明：", *("  " + line.strip() for line in rule.explanation.strip().splitlines()), ""]
    for label, files in (("不符合的例子", rule.fail_example), ("符合的例子", rule.pass_example)):
        out.append(f"{label}：")
        for path, text in files.items():
            out.append(f"  # 修改前：{path[5:]}" if path.startswith("BASE:") else f"  # {path}")
            shown = text if len(text) < 2000 else text[:600] + "\n……（省略）\n"
            out += ["    " + line for line in shown.encode("utf-8", "replace").decode("utf-8").splitlines()]
        out.append("")
    return "\n".join(out)


def cmd_schema(args) -> int:
    if args.out is not None:
        for path in write_schemas(args.out):
            print(f"已写入 {path}")
        return EXIT_OK
    doc = schema_for(args.type) if args.type else all_schemas()
    print(json.dumps(doc, ensure_ascii=False, indent=2))
    return EXIT_OK


def _drop_stdout() -> None:
    """Point stdout at /dev/null so that the interpreter's final flush has nowhere to fail."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
    finally:
        os.close(devnull)


COMMANDS = {"check": cmd_check, "build": cmd_build, "serve": cmd_serve, "explain": cmd_explain,
            "schema": cmd_schema}


def main(argv: list[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)
        if not args.command:
            build_parser().print_help()
            return EXIT_USAGE
        command = COMMANDS.get(args.command) or _command_modules()[args.command].run
        code = command(args)
        sys.stdout.flush()  # a closed pipe shows here, not at interpreter exit
        return code
    except BrokenPipeError:
        # the reader stopped early (`gongkai explain | head`): not an error of ours, say nothing
        _drop_stdout()
        return EXIT_BROKEN_PIPE
    except UsageError as exc:
        print(exc, file=sys.stderr)
        return EXIT_USAGE
    except ConfigError as exc:
        for f in exc.findings:
            print(f"{f.path}:{f.line}:{f.column} {SEVERITY_ZH[f.severity]} {f.rule} {f.message}", file=sys.stderr)
        print(f"无法运行：{exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # the office must never see a traceback
        if os.environ.get("GONGKAI_DEBUG"):
            raise
        print(f"内部错误（{type(exc).__name__}）：{exc}。请把这条信息和所用文件报告给维护者；"
              f"设置环境变量 GONGKAI_DEBUG=1 可显示详细信息。", file=sys.stderr)
        return EXIT_USAGE


if __name__ == "__main__":
    sys.exit(main())
