"""Findings: what the checker reports, and the citation each one carries."""

from __future__ import annotations

from dataclasses import dataclass

ERROR = "error"
WARNING = "warning"
OFF = "off"
SEVERITIES = (ERROR, WARNING, OFF)
SEVERITY_ZH = {ERROR: "错误", WARNING: "警告"}


@dataclass(frozen=True)
class Citation:
    """Where a rule comes from: the source document, the article as written there, the quoted words."""

    source: str | None
    article: str | None = None
    quote: str | None = None

    def short(self) -> str:
        """``（来源 第N条）`` as printed after a message, or '' for plain format errors."""
        if not self.source:
            return ""
        return f"（{self.source} {self.article}）" if self.article else f"（{self.source}）"


    def localized(self, work_rules: str) -> "Citation":
        """This citation with the site's own work rules named (GK1xx rules cite :data:`WORK_RULES`)."""
        return Citation(work_rules, self.article, self.quote) if self.source == WORK_RULES else self


NO_CITATION = Citation(None)
WORK_RULES = "本级政府工作规则"
"""The source the GK1xx rules cite: in findings it becomes the site's own work rules
(``government.work_rules_title``, by default the government's name + 工作规则, e.g. 康乐县人民政府工作规则).
Articles and quotes follow the model county's rules (shared/seed); a county whose rules number the
article differently records that in its waivers or severity settings."""


@dataclass(frozen=True)
class Finding:
    """One problem at one place: ``path:line:column`` relative to the site root, 1-based."""

    path: str
    line: int
    column: int
    rule: str
    severity: str
    message: str
    citation: Citation = NO_CITATION
    overdue: bool = False
    """An obligation that fell due with time (an interpretation, a reply, a result still missing
    after its deadline): reported, never a reason to refuse a build."""

    @property
    def blocking(self) -> bool:
        """An error that stops ``build``: a defect of a record. An overdue duty fails ``check`` (the
        daily job shows it) but never stops the site from being built."""
        return self.severity == ERROR and not self.overdue

    def sort_key(self) -> tuple:
        return (self.path, self.line, self.column, self.rule, self.message)

    def as_json(self) -> dict:
        """The documented finding object; ``"overdue": true`` is added only to an overdue duty."""
        doc = {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "rule": self.rule,
            "severity": self.severity,
            "source": self.citation.source,
            "article": self.citation.article,
            "message": self.message,
        }
        if self.overdue:
            doc["overdue"] = True
        return doc
