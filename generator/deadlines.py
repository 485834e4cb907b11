"""Deadlines: when an obligation falls due, and where it stands on a given day.

Each rule that owns a deadline exports the function that computes it — GK102
``interpretation_due``, GK103 ``reply_due``, GK104 ``publication_due``, GK105 ``issue_due`` —
returning a :class:`Due`. The checker, ``gongkai status`` and the pages call those functions, so
the three cannot disagree about a date. ``ctx`` is anything with ``config``, ``calendar`` and
``today`` (the loaded :class:`~generator.site.Site` or the :class:`~generator.public.PublicSite`).

A verdict asks the holiday table only for the years it needs: a date on or before the plain
calendar deadline is in time without knowing next year's holidays. Where a year is missing,
``deadline`` is None and ``missing`` names the year; ``late`` is None only when even the verdict
cannot be given (the checker then reports GK016).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .workdays import CalendarYearMissing, WorkCalendar

MET, LATE, OPEN, OVERDUE, UNKNOWN = "met", "late", "open", "overdue", "unknown"
"""States of a :class:`Due`: done in time, done late, not done and still in time, not done and
past the deadline, cannot tell (a year of holidays is missing)."""


@dataclass(frozen=True)
class Due:
    rule: str
    """The code of the rule that owns this deadline (its waivers and severity apply to it)."""
    start: date
    """The day the period counts from (not itself counted)."""
    done: date | None
    """The day the obligation was met; None: not yet."""
    today: date
    deadline: date | None
    """The last day in time; None when the holiday table lacks a year it needs."""
    late: bool | None
    """Whether ``done`` (or ``today``, not done yet) is past the deadline; None: cannot tell."""
    floor: date | None = None
    """The plain calendar deadline before any holiday moves it (month periods only): the deadline
    is this day or later even when ``deadline`` is unknown."""
    missing: CalendarYearMissing | None = None
    """The year the holiday table lacks, when ``deadline`` or ``late`` could not be computed."""

    @property
    def state(self) -> str:
        if self.late is None:
            return UNKNOWN
        if self.done is not None:
            return LATE if self.late else MET
        return OVERDUE if self.late else OPEN

    @property
    def on_time(self) -> bool | None:
        """Done in time (True), done late (False); None while not done or when unknown."""
        return None if self.done is None or self.late is None else not self.late

    def verdict(self) -> bool:
        """``late``, raising :class:`CalendarYearMissing` when it cannot be told (for the checker)."""
        if self.late is None:
            raise self.missing
        return self.late


def workday_due(rule: str, cal: WorkCalendar, start: date, days: int, done: date | None, today: date) -> Due:
    """``days`` working days after ``start`` (民法典 第二百零一条: the start day is not counted)."""
    missing = None
    try:
        late = not cal.is_within_workdays(start, done or today, days)
    except CalendarYearMissing as exc:
        late, missing = None, exc
    try:
        deadline = cal.add_workdays(start, days)
    except CalendarYearMissing as exc:
        deadline, missing = None, missing or exc
    return Due(rule, start, done, today, deadline, late, missing=missing)


def month_due(rule: str, cal: WorkCalendar, start: date, months: int, done: date | None, today: date,
              fixed: date | None = None) -> Due:
    """``months`` calendar months after ``start``, moved to the next working day when that is a holiday
    (民法典 第二百零三条); ``fixed`` (an approved extension) replaces the computed day."""
    floor = fixed or cal.add_months(start, months)
    missing = None
    try:
        deadline = fixed or cal.deadline_after_months(start, months)
    except CalendarYearMissing as exc:
        deadline, missing = None, exc
    moment = done or today
    if moment <= floor:
        late = False  # a holiday only moves the deadline later
    else:
        late = None if deadline is None else moment > deadline
    return Due(rule, start, done, today, deadline, late, floor=floor, missing=missing)
