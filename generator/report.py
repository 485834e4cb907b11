"""Print a check's findings: text (Chinese, one line each), json, github annotations, sarif."""

from __future__ import annotations

import json

from . import __version__
from .findings import SEVERITY_ZH, Finding
from .rules import REGISTRY

FORMATS = ("text", "json", "github", "sarif")


OVERDUE_NOTE = "（逾期职责：不阻止生成站点，但请尽快办理；gongkai status 列出全部待办）"


def summary_line(records: int, errors: int, warnings: int, overdue: int = 0) -> str:
    """``overdue`` counts the duties past their deadline among the errors and warnings: they fail
    the check but never stop a build."""
    verdict = "未通过" if errors else "通过"
    duties = f"其中 {overdue} 项是已逾期的职责（不阻止生成站点，请尽快办理）。" if overdue else ""
    return f"检查 {records} 条记录：{errors} 个错误，{warnings} 个警告。{duties}{verdict}"


def render(fmt: str, findings: list[Finding], records: int) -> str:
    errors = sum(f.severity == "error" for f in findings)
    warnings = sum(f.severity == "warning" for f in findings)
    overdue = sum(f.overdue for f in findings)
    return _RENDERERS[fmt](findings, records, errors, warnings, overdue)


def _text(findings, records, errors, warnings, overdue) -> str:
    lines = [f"{f.path}:{f.line}:{f.column} {SEVERITY_ZH[f.severity]} {f.rule} {f.message}{f.citation.short()}"
             f"{OVERDUE_NOTE if f.overdue else ''}" for f in findings]
    lines.append(summary_line(records, errors, warnings, overdue))
    return "\n".join(lines) + "\n"


def _json(findings, records, errors, warnings, overdue) -> str:
    doc = {"findings": [f.as_json() for f in findings],
           "summary": {"records": records, "errors": errors, "warnings": warnings}}
    if overdue:  # only then: the documented summary keeps its shape
        doc["summary"]["overdue"] = overdue
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _github(findings, records, errors, warnings, overdue) -> str:
    """GitHub Actions workflow commands: one annotation per finding, on the file and line."""
    lines = []
    for f in findings:
        title = _escape_property(f"{f.rule} {REGISTRY[f.rule].RULE.title}")
        lines.append(f"::{f.severity} file={_escape_property(f.path)},line={f.line},col={f.column},title={title}::"
                     f"{_escape_data(f.message + f.citation.short() + (OVERDUE_NOTE if f.overdue else ''))}")
    lines.append(summary_line(records, errors, warnings, overdue))
    return "\n".join(lines) + "\n"


def _sarif(findings, records, errors, warnings, overdue) -> str:
    used = sorted({f.rule for f in findings})
    rules = []
    for code in used:
        rule = REGISTRY[code].RULE
        cite = rule.citation
        rules.append({
            "id": code, "name": rule.name,
            "shortDescription": {"text": rule.title},
            "fullDescription": {"text": rule.explanation.strip()},
            "defaultConfiguration": {"level": rule.severity if rule.severity != "off" else "none"},
            "properties": {"source": cite.source, "article": cite.article, "quote": cite.quote},
        })
    index = {code: i for i, code in enumerate(used)}
    results = [{
        "ruleId": f.rule, "ruleIndex": index[f.rule], "level": f.severity,
        "message": {"text": f.message + f.citation.short() + (OVERDUE_NOTE if f.overdue else "")},
        "properties": {"overdue": f.overdue},
        "locations": [{"physicalLocation": {
            "artifactLocation": {"uri": f.path, "uriBaseId": "SITEROOT"},
            "region": {"startLine": f.line, "startColumn": f.column}}}],
    } for f in findings]
    doc = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json", "version": "2.1.0",
        "runs": [{"tool": {"driver": {"name": "gongkai", "version": __version__, "rules": rules}},
                  "results": results}],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


_RENDERERS = {"text": _text, "json": _json, "github": _github, "sarif": _sarif}
