"""``gongkai report YEAR``: the annual reports on YEAR as computed and checked (政府信息公开工作年度报告).

Prints every cell of each organ's report in the national format (国办公开办函〔2021〕30号) — the
cells the records give and the cells the office typed — then the findings on the reports and the
application ledgers, and the reports still owed. Exit status: 0 no errors, 1 errors or no report on
YEAR, 2 the command could not run.
"""

from __future__ import annotations

import json
import sys
from datetime import date

from .. import annual, reportformat as fmt
from ..findings import SEVERITY_ZH


HELP = "年度报告：显示计算结果并核对"
DESCRIPTION = (
    "显示 YEAR 年度政府信息公开工作年度报告的全部表格（由记录和申请台账计算的格子与填写的格子），"
    "核对勾稽关系、跨年度衔接和公布期限。退出码：0 无错误，1 有错误或没有该年度的报告，2 无法运行。"
)


def add_arguments(p, site_args) -> None:
    p.add_argument("year", type=int, metavar="年度", help="报告年度，例如 2025")
    site_args(p)
    p.add_argument("--organ", metavar="机构id", help="只显示这个机关的报告")
    p.add_argument("--format", choices=("text", "json"), default="text", help="输出格式（默认 text）")


def run(args) -> int:
    from ..check import evaluate
    from ..rules.gk314_annual_report_overdue import due_dates
    from ..site import load_site

    site = load_site(args.root, args.today or date.today())
    reports = [rec for rec in site.sorted("reports") if rec.model.year == args.year
               and (args.organ is None or rec.model.publisher == args.organ)]
    paths = {rec.source.relpath for rec in reports} | {source.relpath for source, _ in site.ledgers}
    findings = [f for f in evaluate(site) if f.path in paths or f.rule == "GK314"]
    owed = [(organ, year, deadline) for organ, year, deadline in due_dates(site, max(site.today, date(args.year + 1, 12, 31)))
            if year == args.year and (args.organ is None or organ == args.organ)]
    figures = [(rec, annual.figures_for(site, rec)) for rec in reports]
    if args.format == "json":
        doc = {"year": args.year,
               "reports": [{"id": rec.id, "title": rec.model.title, "published": str(rec.model.published or ""),
                            **annual.as_json(f, {k: annual.fill(getattr(rec.model, k), f.variables)
                                                 for k in fmt.NARRATIVE_SECTIONS})} for rec, f in figures],
               "owed": [{"organ": o, "year": y, "deadline": d.isoformat()} for o, y, d in owed],
               "findings": [f.as_json() for f in findings]}
        sys.stdout.write(json.dumps(doc, ensure_ascii=False, indent=2) + "\n")
    else:
        for rec, f in figures:
            sys.stdout.write(_text(site, rec, f))
        for organ, year, deadline in owed:
            name = site.organizations[organ].name if organ in site.organizations else organ
            print(f"尚未公布：{name}{year}年度报告（期限 {deadline}；gongkai new report --publisher {organ}）")
        for f in findings:
            print(f"{f.path}:{f.line}:{f.column} {SEVERITY_ZH[f.severity]} {f.rule} {f.message}")
        if not reports:
            print(f"没有{args.year}年度的年度报告（content/reports/机构id-{args.year}.yml）。")
    errors = any(f.severity == "error" for f in findings)
    return 1 if errors or not reports else 0


def _row(label: str, values) -> str:
    return f"  {label}：" + " ".join(annual.shown(v) for v in values)


def _text(site, rec, f: annual.AnnualFigures) -> str:
    m = rec.model
    out = [m.title, f"  发布日期 {m.published or '未公布'}，公布期限 {f.deadline}", ""]
    out.append(fmt.HEADINGS[1] + "（" + " / ".join(fmt.DOCUMENT_COLUMNS) + "）")
    out.append(_row(fmt.ACTIVE_LABELS["regulations"], f.regulations))
    out.append(_row(fmt.ACTIVE_LABELS["normative"], f.normative) + "（由政策文件记录计算）")
    for key in ("licensing", "penalties", "coercion"):
        out.append(_row(fmt.ACTIVE_LABELS[key], [f.active[key]]))
    out.append(_row("行政事业性收费（万元）", [f.active["fees"]]))
    source = "由申请台账计算" if f.applications_from_ledger else "填写"
    out.append(f"{fmt.HEADINGS[2]}（{source}；列：{' / '.join(fmt.APPLICATION_COLUMNS)}）")
    for row in fmt.APPLICATION_ROWS:
        out.append(_row(row.full_label, f.applications[row.key]))
    out.append(f"{fmt.HEADINGS[3]}（每组：{' / '.join(fmt.REVIEW_COLUMNS)}）")
    for key, group in fmt.REVIEW_GROUPS:
        out.append(_row(group, f.reviews[key]))
    out.append("信息处理费：" + "，".join(f"{label} {annual.shown(f.fees[key])}{unit}" for key, label, unit in fmt.FEE_FIELDS))
    return "\n".join(out) + "\n\n"
