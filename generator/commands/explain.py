"""``gongkai explain [CODE]``: a rule's citation, reasoning and examples; all rules without a code."""

from __future__ import annotations

from ..cli import EXIT_OK, UsageError
from ..findings import SEVERITY_ZH
from ..rules import MODULES, lookup


HELP = "说明一条规则"
DESCRIPTION = "说明规则的依据、理由和正反例；不带代码时列出全部规则。"


def add_arguments(p, site_args) -> None:
    p.add_argument("code", nargs="?", help="规则代码（如 GK105）或名称")


def run(args) -> int:
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
            out.append("依据：内容格式要求（docs/format.md）")
    out += ["", "说明：", *("  " + line.strip() for line in rule.explanation.strip().splitlines()), ""]
    for label, files in (("不符合的例子", rule.fail_example), ("符合的例子", rule.pass_example)):
        out.append(f"{label}：")
        for path, text in files.items():
            out.append(f"  # 修改前：{path[5:]}" if path.startswith("BASE:") else f"  # {path}")
            shown = text if len(text) < 2000 else text[:600] + "\n……（省略）\n"
            out += ["    " + line for line in shown.encode("utf-8", "replace").decode("utf-8").splitlines()]
        out.append("")
    return "\n".join(out)
