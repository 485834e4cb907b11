"""Generate the reference parts of the office documentation from the code, so they cannot drift:
``docs/rules.md`` from the rule registry, ``docs/cli.md`` from the command-line help and
``docs/format.md`` from the models, vocabularies and rule declarations (``generator.formatdoc``).

    python -m generator.docs        # rewrite them
    python -m generator.docs --check   # exit 1 when the committed copies differ (the tests do this)
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .cli import build_parser
from .findings import SEVERITY_ZH
from .rules import MODULES

DOCS = Path(__file__).resolve().parent.parent / "docs"
HEADER = "<!-- 本文件由 `python -m generator.docs` 根据代码生成，请勿手工修改。 -->\n\n"
GROUPS = (("GK0", "格式"), ("GK1", "《本级政府工作规则》"), ("GK2", "国家法规和标准"))


def rules_reference() -> str:
    out = [HEADER, "# 规则参考\n\n",
           "每条规则有固定代码，代码不复用。`gongkai explain 代码` 显示同样的内容和正反例。"
           "级别可在 `site_config.yml` 的 `rules.severity` 中调整；个别记录的例外写在该记录的 `waivers` 中。\n\n"
           "GK1xx 规则依据本级政府工作规则：检查结果中显示本站 `site_config.yml` 的 `government.work_rules_title`"
           "（默认为政府名称加“工作规则”，例如 康乐县人民政府工作规则）；条款号和引文以《康乐县人民政府工作规则》为范本。"
           "从原网站导入的历史记录（`imported`）上，标有“导入记录按警告”的规则的错误按警告报告。\n\n",
           "## 记录缺陷与逾期职责\n\n"
           "规则发现的问题分两类。**记录缺陷**是记录本身的问题（格式错误、超期公开而没有说明原因、倒签日期……），"
           "级别为错误时 `gongkai check` 不通过、`gongkai build` 拒绝生成。**逾期职责**是随着时间到期而尚未完成的"
           "工作（解读、答复、办理结果公开的期限已过）：`gongkai check` 照常报告（错误级别的使检查不通过，"
           "主分支和每日定时的 CI 因此醒目失败），`gongkai status` 列出，`gongkai check --duties` 只列出它们；"
           "但逾期职责**从不阻止生成站点**：`gongkai build` 照常生成并列出逾期事项——"
           "否则补上这项工作的那次发布也会被挡住。合并请求的检查（`--base`）只计本次改动引入的问题，"
           "改动之前就已逾期的职责不挡合并。下表“逾期职责”一栏为空的规则只报告记录缺陷。\n\n"
           "超期完成的工作，如实写日期，并在超期的记录中加上 `late: {reason: 超期原因}`：相关规则即予接受，"
           "页面公开显示“超期公开，原因：……”。\n\n"]
    for prefix, group in GROUPS:
        out.append(f"## {group}\n\n| 代码 | 名称 | 问题 | 默认级别 | 依据 | 逾期职责（不阻止生成） |\n|---|---|---|---|---|---|\n")
        for module in MODULES:
            r = module.RULE
            if r.code.startswith(prefix):
                cite = r.citation.short().strip("（）") or "内容格式"
                out.append(f"| [{r.code}](#{r.code.lower()}) | `{r.name}` | {r.title} | {SEVERITY_ZH[r.severity]} | {cite} "
                           f"| {r.obligation} |\n")
        out.append("\n")
    for module in MODULES:
        r = module.RULE
        lenient = "；导入记录按警告" if r.lenient_on_imported else ""
        out.append(f"## {r.code}\n\n**{r.title}**（`{r.name}`，默认{SEVERITY_ZH[r.severity]}{lenient}）\n\n")
        for i, cite in enumerate(r.citations()):
            if cite.source:
                label = "依据" if i == 0 else "另见"
                out.append(f"- {label}：{cite.source}{' ' + cite.article if cite.article else ''}"
                           + (f"：“{cite.quote}”" if cite.quote else "") + "\n")
        if r.obligation:
            out.append(f"- 逾期职责（不阻止生成）：{r.obligation}；其余为记录缺陷\n")
        else:
            out.append("- 类别：记录缺陷\n")
        out.append("\n" + "\n".join(line.strip() for line in r.explanation.strip().splitlines()) + "\n\n")
    return "".join(out).rstrip() + "\n"


def cli_reference() -> str:
    os.environ["COLUMNS"] = "100"  # help text wraps at the terminal width: fix it for the committed copy
    parser = build_parser()
    out = [HEADER, "# 命令参考\n\n", "```text\n", parser.format_help(), "```\n\n"]
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    for name, command in sub.choices.items():
        command.prog = f"gongkai {name}"
        out += [f"## gongkai {name}\n\n", "```text\n", command.format_help(), "```\n\n"]
    return "".join(out).rstrip() + "\n"


def format_reference() -> str:
    from .formatdoc import format_reference as make

    return make(HEADER)


GENERATED = {"rules.md": rules_reference, "cli.md": cli_reference, "format.md": format_reference}


def main(argv: list[str] | None = None) -> int:
    check = "--check" in (argv if argv is not None else sys.argv[1:])
    stale = []
    for name, make in GENERATED.items():
        path = DOCS / name
        text = make()
        if check:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                stale.append(name)
        else:
            path.write_text(text, encoding="utf-8")
    if stale:
        print(f"docs/{'、docs/'.join(stale)} 与代码不一致：运行 python -m generator.docs 重新生成", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
