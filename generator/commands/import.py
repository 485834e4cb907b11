"""``gongkai import html|ledger``: bring records from an old disclosure site or a proposal ledger.

A dry run by default: it reports what each source gives — the fields found, the fields missing, the
values rejected and why, the id and file each record would get — and writes nothing. ``--write``
writes one YAML file per record (never over an existing file) with ``imported: {from, on}``; a second
run over the same sources adds nothing. Exit status: 0 every source read and every record planned
(or written), 1 some source or record needs attention first, 2 the command could not run.
"""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

from .. import models
from ..importer import LedgerError, import_ledger, import_pages
from ..importer.fields import LABELS
from ..importer.plan import ImportPlan, write

TYPES = tuple(models.RECORD_TYPES)
FIELD_ZH = {"validity": "有效性", "meeting.chair": "主持人", "proposer_count": "提出人数"}


HELP = "从原网站保存的页面或建议提案台账导入历史记录"
DESCRIPTION = (
    "导入历史记录。默认只预览：列出每个来源读出的字段、缺少的字段、未采用的值及原因、"
    "将写入的 id 和文件，不写任何文件；加 --write 才写入（不覆盖已有文件，已导入过的来源跳过）。"
    "退出码：0 全部可导入，1 有来源或记录需要先处理，2 无法运行。"
)


def add_arguments(p, site_args) -> None:
    sub = p.add_subparsers(dest="source", metavar="来源", required=True)
    html = sub.add_parser("html", help="原网站的详情页（另存为的 .html 文件或文件夹）",
                          description="读取原网站信息公开详情页：表头的索引号、发布机构、发文字号、成文日期、"
                                      "发布日期、主题分类等，标题，正文（转为 Markdown），附件链接。")
    html.add_argument("paths", nargs="+", type=Path, metavar="路径", help="页面文件或文件夹")
    html.add_argument("--type", choices=TYPES, default=None,
                      help="记录类型；不写时按页面推断（有文号和“印发”为政策文件，“解读”为政策解读，"
                           "“答复”“建议”“提案”为建议提案办理）")
    ledger = sub.add_parser("ledger", help="建议提案办理台账（.xlsx 或 .csv）",
                            description="读取建议提案办理台账：第一行表头用中文列名（届次、编号、提出人、标题、"
                                        "主办单位、协办单位、交办日期、答复日期、办理结果、满意度……）。")
    ledger.add_argument("file", type=Path, metavar="台账文件")
    ledger.add_argument("--type", choices=("proposals",), default="proposals", help="记录类型（只能是 proposals）")
    ledger.add_argument("--mapping", type=Path, default=None, metavar="映射文件",
                        help="列名不在默认表中时：YAML 文件，每行“列名: 字段”，字段如 "
                             + "、".join(list(LABELS)[:6]) + " 等")
    for q in (html, ledger):
        site_args(q)
        q.add_argument("--write", action="store_true", help="写入记录文件（默认只预览）")
        q.add_argument("--format", choices=("text", "json"), default="text", help="报告格式（默认 text）")


def run(args) -> int:
    from ..cli import UsageError

    today = args.today or date.today()
    if not (Path(args.root) / "site_config.yml").is_file():
        raise UsageError(f"{args.root} 下没有 site_config.yml：用 --root 指定要导入到的站点")
    try:
        if args.source == "html":
            missing = [str(p) for p in args.paths if not p.exists()]
            if missing:
                raise UsageError(f"找不到：{'、'.join(missing)}")
            plan = import_pages(args.root, args.paths, args.type, today)
        else:
            plan = import_ledger(args.root, args.file, args.mapping, today)
    except LedgerError as exc:
        raise UsageError(str(exc)) from None
    if args.write:
        for rec in plan.records:
            write(plan.context, rec)
    out = report_json(plan, args.write) if args.format == "json" else report_text(plan, args.write)
    sys.stdout.write(out)
    attention = plan.problems or any(r.skip and not r.skip.startswith("已导入过") for r in plan.records)
    return 1 if attention else 0


def _zh(name: str, type_: str) -> str:
    model = models.RECORD_TYPES[type_]
    info = model.model_fields.get(name)
    title = info.title if info is not None and info.title else FIELD_ZH.get(name, name)
    return f"{title}（{name}）"


def _rel(plan: ImportPlan, path: Path | None) -> str:
    if path is None:
        return "—"
    try:
        return path.relative_to(plan.context.root).as_posix()
    except ValueError:
        return str(path)


def report_text(plan: ImportPlan, wrote: bool) -> str:
    lines = ["导入结果" if wrote else "导入预览（未写入任何文件；确认无误后加 --write 写入）", ""]
    for i, rec in enumerate(plan.records, 1):
        target = _rel(plan, rec.path)
        state = "已写入" if rec.written else ("跳过" if rec.skip else ("将写入" if not wrote else "未写入"))
        lines.append(f"[{i}] {rec.source} → {target}（{state}）")
        lines += [f"    {note}" for note in rec.notes]
        if rec.found:
            lines.append("    读出：" + "、".join(_zh(k, rec.type) for k in rec.found))
        if rec.missing:
            lines.append("    来源未载明（省略，不作猜测）：" + "、".join(_zh(k, rec.type) for k in rec.missing))
        for key, value, why in rec.rejected:
            lines.append(f"    未采用 {_zh(key, rec.type)}“{value}”：{why}")
        for src, dest in rec.copies:
            lines.append(f"    附件：{src.name} → content/attachments/{dest}")
        for name, href in rec.links_only:
            lines.append(f"    附件只有链接，未随页面保存：{name}（{href}）；请下载后放入 content/attachments/ 并写入 attachments")
        if rec.skip:
            lines.append(f"    跳过：{rec.skip}")
    for source, why in plan.problems:
        lines.append(f"无法读取 {source}：{why}")
    if plan.unmapped:
        lines.append("台账中未导入的列（列名不认识；需要时用 --mapping 指定）：" + "、".join(plan.unmapped))
    if plan.unknown_orgs:
        lines += ["", "以下机构未在 site_config.yml 中登记。请在 organizations 下加入（填好 id 和统一社会信用代码），"
                  "然后重新导入："]
        for name, sources in sorted(plan.unknown_orgs.items()):
            lines.append(f"  - {{id: 待定, name: {name}, credit_code: 统一社会信用代码}}   # 见 {'、'.join(sorted(set(sources))[:3])}")
    counts = _counts(plan)
    lines += ["", f"合计：{len(plan.records)} 条记录，{'已写入' if wrote else '将写入'} {counts['write']} 条，"
                  f"已导入过 {counts['again']} 条，需先处理 {counts['attention']} 条；无法读取的来源 {len(plan.problems)} 个。"]
    if wrote and counts["write"]:
        lines.append("下一步：运行 gongkai check，按提示补充缺少的字段，然后提交。")
    return "\n".join(lines) + "\n"


def _counts(plan: ImportPlan) -> dict[str, int]:
    again = sum(1 for r in plan.records if r.skip and r.skip.startswith("已导入过"))
    attention = sum(1 for r in plan.records if r.skip and not r.skip.startswith("已导入过"))
    return {"write": len(plan.records) - again - attention, "again": again, "attention": attention}


def _jsonable(value):
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    return value


def report_json(plan: ImportPlan, wrote: bool) -> str:
    records = [{
        "source": rec.source, "type": rec.type, "id": rec.id, "file": _rel(plan, rec.path) if rec.path else None,
        "written": rec.written, "skip": rec.skip, "notes": rec.notes, "found": rec.found, "missing": rec.missing,
        "rejected": [{"field": k, "value": v, "reason": why} for k, v, why in rec.rejected],
        "attachments": [{"file": str(src.name), "to": dest} for src, dest in rec.copies],
        "attachment_links": [{"name": n, "href": h} for n, h in rec.links_only],
        "values": _jsonable(rec.values),
    } for rec in plan.records]
    doc = {"records": records,
           "unknown_organizations": [{"name": n, "sources": sorted(set(s))} for n, s in sorted(plan.unknown_orgs.items())],
           "problems": [{"source": s, "reason": why} for s, why in plan.problems],
           "unmapped_columns": plan.unmapped,
           "summary": {"records": len(plan.records), "wrote": wrote, **_counts(plan)}}
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
