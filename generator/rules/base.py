"""What a rule is: code, problem-style name, citation, severity, explanation and examples.

A rule module declares ``RULE = Rule(...)`` with its Chinese explanation taken from the module
docstring, and one of
- ``check(record, ctx)``: called for every loaded record of the types in ``RULE.applies_to``;
- ``check_site(ctx)``: called once, for rules that compare records with each other.
Both yield :class:`Hit` objects; the engine (``generator.check``) turns them into findings with
``path:line:column``, applies waivers and severity settings, and sorts them.

Format rules (``GK0xx``) have neither: the loader raises their findings while reading files.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..findings import Citation


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
    offset: int | None = None
    guard: bool | None = None
    """Whether this hit is a security guard's (see :attr:`Rule.guard`); None: the rule's setting. A
    guard rule may raise an advisory hit (``guard=False``) that a waiver can acknowledge."""
    """Where in the string value at ``path`` the problem starts, so a finding in a multi-line body
    points at the line that holds it rather than at the key."""
