"""Print a check's findings: text (Chinese, one line each), json, github annotations, sarif."""

from __future__ import annotations

import dataclasses
import hashlib
import json
from urllib.parse import quote

from . import __version__
from .provenance import provenance, rule_help_url
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


def render(fmt: str, findings: list[Finding], records: int, prefix: str = "") -> str:
    """``prefix``: the site root's folder inside its git repository (``"site/"``); the github and
    sarif formats name files from the repository root, where CI annotations are placed."""
    errors = sum(f.severity == "error" for f in findings)
    warnings = sum(f.severity == "warning" for f in findings)
    overdue = sum(f.overdue for f in findings)
    if fmt in ("github", "sarif") and prefix:
        findings = [dataclasses.replace(f, path=prefix + f.path) for f in findings]
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


def _rule_help(rule) -> str:
    """The rule's help text as ``gongkai explain`` gives it (without the examples)."""
    lines = [f"{rule.code} {rule.title}"]
    for i, cite in enumerate(rule.citations()):
        if cite.source:
            lines.append(f"{'依据' if i == 0 else '另见'}：{cite.source}{' ' + cite.article if cite.article else ''}"
                         + (f"：“{cite.quote}”" if cite.quote else ""))
    lines += ["", *(line.strip() for line in rule.explanation.strip().splitlines()), "",
              f"详见 gongkai explain {rule.code}"]
    return "\n".join(lines)


def _fingerprint(f: Finding) -> str:
    """Stable across runs while the finding stays (code scanning matches alerts with it); not the line,
    which moves when lines are added above."""
    return hashlib.sha256(f"{f.rule}\0{f.path}\0{f.message}".encode("utf-8")).hexdigest()[:32]


def _sarif(findings, records, errors, warnings, overdue) -> str:
    """SARIF 2.1.0 with what GitHub code scanning reads: rules with descriptions, help and a help link;
    results with a message, a file (relative to the repository root), a line and a fingerprint."""
    origin = provenance()
    used = sorted({f.rule for f in findings})
    rules = []
    for code in used:
        rule = REGISTRY[code].RULE
        cite = rule.citation
        descriptor = {
            "id": code, "name": rule.name,
            "shortDescription": {"text": rule.title},
            "fullDescription": {"text": rule.explanation.strip()},
            "help": {"text": _rule_help(rule)},
            "defaultConfiguration": {"level": rule.severity if rule.severity != "off" else "none"},
            "properties": {k: v for k, v in (("source", cite.source), ("article", cite.article),
                                              ("quote", cite.quote)) if v},
        }
        help_uri = rule_help_url(code)
        if help_uri:
            descriptor["helpUri"] = help_uri
        rules.append(descriptor)
    index = {code: i for i, code in enumerate(used)}
    results = [{
        "ruleId": f.rule, "ruleIndex": index[f.rule], "level": f.severity,
        "message": {"text": f.message + f.citation.short() + (OVERDUE_NOTE if f.overdue else "")},
        "properties": {"overdue": f.overdue},
        "locations": [{"physicalLocation": {
            "artifactLocation": {"uri": quote(f.path)},
            "region": {"startLine": f.line, "startColumn": f.column}}}],
        "partialFingerprints": {"gongkaiFinding/v1": _fingerprint(f)},
    } for f in findings]
    driver = {"name": "gongkai", "version": __version__, "semanticVersion": __version__, "rules": rules}
    if origin.docs:
        driver["informationUri"] = origin.docs
    doc = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json", "version": "2.1.0",
        "runs": [{"tool": {"driver": driver}, "results": results}],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


_RENDERERS = {"text": _text, "json": _json, "github": _github, "sarif": _sarif}
