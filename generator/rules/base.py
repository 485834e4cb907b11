"""What a rule is: code, problem-style name, citation, severity, explanation and examples.

A rule module declares ``RULE = Rule(...)`` with its Chinese explanation taken from the module
docstring, and one of
- ``check(record, ctx)``: called for every loaded record of the types in ``RULE.applies_to``;
- ``check_site(ctx)``: called once, for rules that compare records with each other.
Both yield :class:`Hit` objects; the engine (``generator.check``) turns them into findings with
``path:line:column``, applies waivers and severity settings, and sorts them.

Format rules (``GK0xx``) have neither: their findings are raised while files are read.
GK001–GK007 hold the checks of the single-pass YAML loader (``generator.yamlload``): the loader
notices a fact (an anchor, a tag, a key seen before, a depth, a size) and calls the rule module,
which decides and words the :class:`LoadProblem` (its code is the rule's name). GK010–GK013
``problem`` turn the models' validation errors into messages, GK011 ``conditional``, GK014
``record_id`` and GK015 ``references`` / ``unknown_rule_code`` hold their checks, and
``generator.site`` and ``generator.check`` call them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..findings import Citation
from ..models import RECORD_TYPES, Deadlines

EVERY_TYPE: tuple[str, ...] = tuple(RECORD_TYPES)
"""``Rule.applies_to`` of a rule that reads every type of record."""


@dataclass(frozen=True)
class LoadProblem:
    """A format rule's finding raised while a file is read (``generator.yamlload``): ``code`` is the
    rule's name (``anchor-or-alias``), ``message`` is for the user, the position is 1-based."""

    code: str
    message: str
    line: int
    column: int

    @classmethod
    def at(cls, rule: "Rule", message: str, mark) -> "LoadProblem":
        """The problem of ``rule`` at a parser mark (0-based ``.line`` / ``.column``)."""
        return cls(rule.name, message, mark.line + 1, mark.column + 1)


@dataclass(frozen=True)
class Requirement:
    """An optional field of the format that a rule makes required in some state."""

    path: str
    """Field path in the record (``items.procedures``: a key of each meeting item)."""
    when: str
    """When it is required, in Chinese (``规章、行政规范性文件必填``): the scaffold's comment and
    docs/format.md's "required" column."""
    types: tuple[str, ...] = ()
    """Record types it applies to; empty: every type that has the field."""


_DEFAULT = re.compile(r"\{default:(\w+)\}")


def with_defaults(text: str) -> str:
    """``{default:meeting_issue_workdays}`` in a rule's explanation → the default of that
    ``rules.deadlines`` setting, so a default is stated once (in ``models.Deadlines``)."""
    return _DEFAULT.sub(lambda m: str(Deadlines.model_fields[m[1]].default), text)


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    title: str
    severity: str
    citation: Citation
    explanation: str
    fail_example: dict[str, str]
    pass_example: dict[str, str]
    applies_to: tuple[str, ...] = ()
    also: tuple[Citation, ...] = ()
    guard: bool = False
    """A security guard (keeps withheld, personal or host data out of the site): its hits cannot be
    waived and its severity cannot be lowered or switched off."""
    obligation: str = ""
    """For a rule that also watches a duty falling due with time: what becomes overdue (e.g. a
    policy still without its interpretation after the deadline). Such findings are marked
    ``overdue``: reported by check, build and status and by the daily CI job, but they never stop a
    build; everything else a rule finds is a defect of a record and blocks."""
    lenient_on_imported: bool = False
    """A deadline rule (or the 文号 format): on a record brought from a previous site (``imported``) an
    error is reported as a warning — the office cannot go back in time and the number was issued as it
    is. New records get no such leniency."""
    reads: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Record type (``*``: every type) → the field paths the rule reads: the scaffold names the rule
    in each field's comment, docs/format.md in its row (a test checks the rule reads no others)."""
    requires: tuple[Requirement, ...] = ()
    """Optional fields the rule makes required, and when."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "explanation", with_defaults(self.explanation))

    def reads_field(self, type_: str, path: str) -> bool:
        return path in self.reads.get("*", ()) or path in self.reads.get(type_, ())

    def citations(self) -> tuple[Citation, ...]:
        return (self.citation, *self.also)


@dataclass(frozen=True)
class Hit:
    """A rule's verdict on one place: ``path`` is the key path inside ``record``'s file.

    ``record`` defaults to the record being checked. ``severity`` and ``citation`` override the
    rule's defaults for this hit only (e.g. a warning for the 第十六条 bases).
    """

    path: tuple
    message: str
    record: object | None = None
    severity: str | None = None
    citation: Citation | None = None
    at_key: bool = False
    overdue: bool = False
    """A duty that fell due as of ``--today`` (see ``Rule.obligation``), not a defect of the record."""
    offset: int | None = None
    guard: bool | None = None
    """Whether this hit is a security guard's (see :attr:`Rule.guard`); None: the rule's setting. A
    guard rule may raise an advisory hit (``guard=False``) that a waiver can acknowledge."""
    """Where in the string value at ``path`` the problem starts, so a finding in a multi-line body
    points at the line that holds it rather than at the key."""
    omitted: bool = False
    """The finding is only that a field is absent: on an imported record whose source did not show it,
    a warning."""
