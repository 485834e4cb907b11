"""The ``gongkai`` command: argument parsing and the exit-status contract. Each subcommand lives in
its own module under ``generator/commands/``.

Exit status: 0 no errors (warnings allowed), 1 errors found, 2 the command could not run.
"""

from __future__ import annotations

import argparse
import os
import sys
from datetime import date
from pathlib import Path

from . import __version__
from .findings import SEVERITY_ZH
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

    for name, module in _command_modules().items():
        module.add_arguments(sub.add_parser(name, help=module.HELP, description=module.DESCRIPTION), _site_args)
    return parser


def _command_modules() -> dict:
    """Commands that live in their own module under generator/commands/, named after it: each has
    ``HELP``, ``DESCRIPTION``, ``add_arguments(parser, site_args)`` and ``run(args) -> int``."""
    import importlib
    import pkgutil

    from . import commands

    names = sorted((info.name for info in pkgutil.iter_modules(commands.__path__)),
                   key=lambda n: (commands.ORDER.index(n) if n in commands.ORDER else len(commands.ORDER), n))
    return {name: importlib.import_module(f"{commands.__name__}.{name}") for name in names}


def _site_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--root", type=Path, default=Path("."), help="站点根目录（含 site_config.yml，默认当前目录）")
    p.add_argument("--today", type=iso_day, default=None, help="以此日期为今天（YYYY-MM-DD，默认系统日期）")


def _drop_stdout() -> None:
    """Point stdout at /dev/null so that the interpreter's final flush has nowhere to fail."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
    finally:
        os.close(devnull)


def main(argv: list[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)
        if not args.command:
            build_parser().print_help()
            return EXIT_USAGE
        code = _command_modules()[args.command].run(args)
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
