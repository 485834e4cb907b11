"""Working-day arithmetic for China's statutory holidays and 调休.

Most deadlines in 政府信息公开 work are counted in working days (工作日): 20 working days
to publish (政府信息公开条例 第二十六条), 7 working days to issue meeting documents, and so
on.  A working day is Monday–Friday, minus the statutory holidays, plus the weekend days
that the State Council's yearly notice turns into working days (调休).  Those dates change
every year and can only be known from the notice, so this module keeps the project's own
table, one entry per year, each citing the 国务院办公厅 notice that set it.

Why our own table instead of a package: PyPI ``chinesecalendar`` raises
``NotImplementedError`` for any year it lacks, which broke production jobs every January.
Here a missing year is a :class:`CalendarYearMissing` error that names the year and says how
to add it in ``site_config.yml`` (``rules.calendar: {holidays: [...], workdays: [...]}``) —
never a guess and never a traceback.  ``chinesecalendar`` is used only in the tests, to
cross-check this table day by day.

Counting rules (中华人民共和国民法典):

* 第二百零一条: 按照年、月、日计算期间的，开始的当日不计入，自下一日开始计算。
  So "n working days after ``start``" counts from the day after ``start``.
* 第二百零二条: 按照年、月计算期间的，到期月的对应日为期间的最后一日；没有对应日的，
  月末日为期间的最后一日。 So 2024-01-31 + 1 month is 2024-02-29.
* 第二百零三条: 期间的最后一日是法定休假日的，以法定休假日结束的次日为期间的最后一日。
  So a month-based deadline that lands on a day off moves to the next working day.

The example every implementation must get right: 7 working days after Friday 2024-09-27 is
Saturday 2024-10-12 (9/29 Sunday and 10/12 Saturday are 调休 working days; 10/1–10/7 are off).
"""

from __future__ import annotations

import calendar
from bisect import bisect_right
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Iterable

__all__ = [
    "BUILTIN_SCHEDULES",
    "CalendarYearMissing",
    "HolidayRange",
    "WorkCalendar",
    "YearSchedule",
]


@dataclass(frozen=True)
class HolidayRange:
    """One holiday block as the notice states it: name and first/last day, inclusive.

    Ranges are copied as the notice gives them, including weekend days inside the block
    (e.g. "6月10日放假，与周末连休" is 6/8–6/10); a block may begin in the previous
    year (2019 元旦 starts on 2018-12-30).
    """

    name: str
    first: date
    last: date

    def days(self) -> list[date]:
        n = (self.last - self.first).days
        return [self.first + timedelta(days=i) for i in range(n + 1)]


@dataclass(frozen=True)
class YearSchedule:
    """A year's holidays and 调休 working days, and the notice(s) that set them."""

    year: int
    notices: tuple[str, ...]
    holidays: tuple[HolidayRange, ...]
    workdays: tuple[date, ...]


def _d(text: str) -> date:
    return date.fromisoformat(text)


def _schedule(year: int, notices: tuple[str, ...], holidays: list[tuple[str, str, str]],
              workdays: list[str]) -> YearSchedule:
    return YearSchedule(
        year=year,
        notices=notices,
        holidays=tuple(HolidayRange(name, _d(a), _d(b)) for name, a, b in holidays),
        workdays=tuple(_d(w) for w in workdays),
    )


# The built-in table.  Each year: the 国务院办公厅关于XXXX年部分节假日安排的通知 (and any later
# notice that changed it), the holiday blocks (放假) and the weekend days worked (上班).
# To add a year: copy its notice here, cite its 发文字号, and run tests/test_workdays.py.
BUILTIN_SCHEDULES: dict[int, YearSchedule] = {
    s.year: s
    for s in (
        _schedule(
            2019,
            # 国办发明电〔2019〕3号 (2019-03-22) replaced the Labour Day arrangement:
            # originally 5/1 only, changed to 5/1–5/4 with Sundays 4/28 and 5/5 worked.
            ("国办发明电〔2018〕15号", "国办发明电〔2019〕3号"),
            [
                ("元旦", "2018-12-30", "2019-01-01"),
                ("春节", "2019-02-04", "2019-02-10"),
                ("清明节", "2019-04-05", "2019-04-07"),
                ("劳动节", "2019-05-01", "2019-05-04"),
                ("端午节", "2019-06-07", "2019-06-09"),
                ("中秋节", "2019-09-13", "2019-09-15"),
                ("国庆节", "2019-10-01", "2019-10-07"),
            ],
            ["2018-12-29", "2019-02-02", "2019-02-03", "2019-04-28", "2019-05-05",
             "2019-09-29", "2019-10-12"],
        ),
        _schedule(
            2020,
            # 国办发明电〔2020〕1号 (2020-01-27, COVID-19) extended the Spring Festival to
            # 2/2, so Saturday 2/1 — a 调休 working day under the first notice — is off.
            ("国办发明电〔2019〕16号", "国办发明电〔2020〕1号"),
            [
                ("元旦", "2020-01-01", "2020-01-01"),
                ("春节", "2020-01-24", "2020-02-02"),
                ("清明节", "2020-04-04", "2020-04-06"),
                ("劳动节", "2020-05-01", "2020-05-05"),
                ("端午节", "2020-06-25", "2020-06-27"),
                ("国庆节、中秋节", "2020-10-01", "2020-10-08"),
            ],
            ["2020-01-19", "2020-04-26", "2020-05-09", "2020-06-28", "2020-09-27",
             "2020-10-10"],
        ),
        _schedule(
            2021,
            ("国办发明电〔2020〕27号",),
            [
                ("元旦", "2021-01-01", "2021-01-03"),
                ("春节", "2021-02-11", "2021-02-17"),
                ("清明节", "2021-04-03", "2021-04-05"),
                ("劳动节", "2021-05-01", "2021-05-05"),
                ("端午节", "2021-06-12", "2021-06-14"),
                ("中秋节", "2021-09-19", "2021-09-21"),
                ("国庆节", "2021-10-01", "2021-10-07"),
            ],
            ["2021-02-07", "2021-02-20", "2021-04-25", "2021-05-08", "2021-09-18",
             "2021-09-26", "2021-10-09"],
        ),
        _schedule(
            2022,
            ("国办发明电〔2021〕11号",),
            [
                ("元旦", "2022-01-01", "2022-01-03"),
                ("春节", "2022-01-31", "2022-02-06"),
                ("清明节", "2022-04-03", "2022-04-05"),
                ("劳动节", "2022-04-30", "2022-05-04"),
                ("端午节", "2022-06-03", "2022-06-05"),
                ("中秋节", "2022-09-10", "2022-09-12"),
                ("国庆节", "2022-10-01", "2022-10-07"),
            ],
            ["2022-01-29", "2022-01-30", "2022-04-02", "2022-04-24", "2022-05-07",
             "2022-10-08", "2022-10-09"],
        ),
        _schedule(
            2023,
            ("国办发明电〔2022〕16号",),
            [
                ("元旦", "2022-12-31", "2023-01-02"),
                ("春节", "2023-01-21", "2023-01-27"),
                ("清明节", "2023-04-05", "2023-04-05"),
                ("劳动节", "2023-04-29", "2023-05-03"),
                ("端午节", "2023-06-22", "2023-06-24"),
                ("中秋节、国庆节", "2023-09-29", "2023-10-06"),
            ],
            ["2023-01-28", "2023-01-29", "2023-04-23", "2023-05-06", "2023-06-25",
             "2023-10-07", "2023-10-08"],
        ),
        _schedule(
            2024,
            ("国办发明电〔2023〕7号",),
            [
                ("元旦", "2023-12-30", "2024-01-01"),
                ("春节", "2024-02-10", "2024-02-17"),
                ("清明节", "2024-04-04", "2024-04-06"),
                ("劳动节", "2024-05-01", "2024-05-05"),
                ("端午节", "2024-06-08", "2024-06-10"),
                ("中秋节", "2024-09-15", "2024-09-17"),
                ("国庆节", "2024-10-01", "2024-10-07"),
            ],
            ["2024-02-04", "2024-02-18", "2024-04-07", "2024-04-28", "2024-05-11",
             "2024-09-14", "2024-09-29", "2024-10-12"],
        ),
        _schedule(
            2025,
            # First year under the 2024-11-10 revision of 全国年节及纪念日放假办法
            # (春节 and 劳动节 each gained a day: 13 holiday days in all).
            ("国办发明电〔2024〕12号",),
            [
                ("元旦", "2025-01-01", "2025-01-01"),
                ("春节", "2025-01-28", "2025-02-04"),
                ("清明节", "2025-04-04", "2025-04-06"),
                ("劳动节", "2025-05-01", "2025-05-05"),
                ("端午节", "2025-05-31", "2025-06-02"),
                ("国庆节、中秋节", "2025-10-01", "2025-10-08"),
            ],
            ["2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11"],
        ),
        _schedule(
            2026,
            ("国办发明电〔2025〕7号",),
            [
                ("元旦", "2026-01-01", "2026-01-03"),
                ("春节", "2026-02-15", "2026-02-23"),
                ("清明节", "2026-04-04", "2026-04-06"),
                ("劳动节", "2026-05-01", "2026-05-05"),
                ("端午节", "2026-06-19", "2026-06-21"),
                ("中秋节", "2026-09-25", "2026-09-27"),
                ("国庆节", "2026-10-01", "2026-10-07"),
            ],
            ["2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20",
             "2026-10-10"],
        ),
    )
}

_CONFIG_SOURCE = "site_config.yml rules.calendar"


class CalendarYearMissing(Exception):
    """A date falls in a year for which we have no holiday/调休 data.

    Guessing (treating the year as plain Monday–Friday) would silently shift every
    deadline around 春节 and 国庆, so the checker reports this instead.  ``year`` is the
    missing year; the message (in Chinese, for the site's editors) says how to add it.
    """

    def __init__(self, year: int) -> None:
        self.year = year
        super().__init__(
            f"缺少{year}年的法定节假日和调休安排，无法计算工作日。"
            f"请依据《国务院办公厅关于{year}年部分节假日安排的通知》，"
            f"在 site_config.yml 的 rules.calendar 下补充{year}年的数据："
            f"holidays 列出放假日期，workdays 列出调休上班日期，例如"
            f" rules: {{calendar: {{holidays: [{year}-01-01, ...], workdays: [...]}}}}。"
        )

    def __reduce__(self):  # keep picklable despite the custom __init__ signature
        return (type(self), (self.year,))


def _as_date(value: object) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise TypeError(f"日期格式不正确：{value!r}（应为 YYYY-MM-DD）")


class WorkCalendar:
    """Working-day calendar: the built-in table plus ``rules.calendar`` from site_config.

    ``extra_holidays`` and ``extra_workdays`` come from ``site_config.yml``
    (``rules.calendar.holidays`` / ``rules.calendar.workdays``).  They add a year the table
    lacks, or correct a built-in year (an extra workday overrides a built-in holiday and
    vice versa).  A year is *covered* if it is in the built-in table or any extra date falls
    in it; asking about any other year raises :class:`CalendarYearMissing`.

    Per-year sorted tuples of working-day ordinals are built lazily and cached, so
    :meth:`add_workdays` and :meth:`workdays_between` are a bisect per year touched.
    """

    def __init__(self, extra_holidays: Iterable[date] = (),
                 extra_workdays: Iterable[date] = ()) -> None:
        extra_h = {_as_date(d) for d in extra_holidays}
        extra_w = {_as_date(d) for d in extra_workdays}
        both = extra_h & extra_w
        if both:
            listed = "、".join(d.isoformat() for d in sorted(both))
            raise ValueError(
                f"site_config.yml 的 rules.calendar 中，{listed} 同时列在 holidays 和 workdays 中，"
                f"请只保留一处。"
            )

        holidays: dict[date, str] = {}
        workdays: set[date] = set()
        for schedule in BUILTIN_SCHEDULES.values():
            for block in schedule.holidays:
                for d in block.days():
                    holidays[d] = block.name
            workdays.update(schedule.workdays)
        for d in extra_h:
            holidays.setdefault(d, "")
            workdays.discard(d)
        for d in extra_w:
            holidays.pop(d, None)
            workdays.add(d)

        self._holidays: dict[date, str] = holidays
        self._workdays: frozenset[date] = frozenset(workdays)
        self._years: frozenset[int] = frozenset(
            set(BUILTIN_SCHEDULES) | {d.year for d in extra_h | extra_w})
        self._config_years: frozenset[int] = frozenset(d.year for d in extra_h | extra_w)
        self._year_cache: dict[int, tuple[int, ...]] = {}

    # -- coverage ---------------------------------------------------------------------

    def covers(self, year: int) -> bool:
        """True if holiday data exists for ``year`` (built in or from site_config)."""
        return year in self._years

    def years(self) -> set[int]:
        """All covered years."""
        return set(self._years)

    def sources(self, year: int) -> tuple[str, ...]:
        """Where ``year``'s data comes from: notice numbers and/or site_config."""
        self._require(year)
        out: list[str] = []
        if year in BUILTIN_SCHEDULES:
            out.extend(BUILTIN_SCHEDULES[year].notices)
        if year in self._config_years:
            out.append(_CONFIG_SOURCE)
        return tuple(out)

    def _require(self, year: int) -> None:
        if year not in self._years:
            raise CalendarYearMissing(year)

    # -- single days ------------------------------------------------------------------

    def is_workday(self, d: date) -> bool:
        """Monday–Friday, minus statutory holidays, plus 调休 working weekend days."""
        self._require(d.year)
        if d in self._workdays:
            return True
        if d in self._holidays:
            return False
        return d.weekday() < 5

    def holiday_name(self, d: date) -> str | None:
        """The holiday block ``d`` belongs to (e.g. "国庆节"), "" for an unnamed
        site_config holiday, or None if ``d`` is not a statutory holiday."""
        self._require(d.year)
        return self._holidays.get(d)

    def next_workday_on_or_after(self, d: date) -> date:
        """``d`` if it is a working day, otherwise the first working day after it."""
        if self.is_workday(d):
            return d
        return self.add_workdays(d, 1)

    # -- counting ---------------------------------------------------------------------

    def _year_workdays(self, year: int) -> tuple[int, ...]:
        cached = self._year_cache.get(year)
        if cached is None:
            self._require(year)
            first = date(year, 1, 1).toordinal()
            last = date(year, 12, 31).toordinal()
            cached = tuple(o for o in range(first, last + 1)
                           if self.is_workday(date.fromordinal(o)))
            self._year_cache[year] = cached
        return cached

    def add_workdays(self, start: date, n: int) -> date:
        """The date that is ``n`` working days after ``start``.

        The start day is not counted (民法典 第二百零一条: 开始的当日不计入，自下一日开始
        计算), whether or not it is itself a working day; ``n == 0`` returns ``start``.
        Only the years actually walked through must be covered.
        """
        if n < 0:
            raise ValueError(f"工作日数不能为负数：{n}")
        if n == 0:
            return start
        o = start.toordinal()
        year = date.fromordinal(o + 1).year  # counting begins the next day
        remaining = n
        while True:
            days = self._year_workdays(year)
            i = bisect_right(days, o)
            available = len(days) - i
            if remaining <= available:
                return date.fromordinal(days[i + remaining - 1])
            remaining -= available
            year += 1

    def workdays_between(self, start: date, end: date) -> int:
        """Number of working days in (start, end] — how many working days ``end`` is
        after ``start`` in the sense of :meth:`add_workdays`.  Negative if ``end`` is
        before ``start``; 0 if they are equal."""
        if end < start:
            return -self.workdays_between(end, start)
        if end == start:
            return 0
        s, e = start.toordinal(), end.toordinal()
        total = 0
        for year in range(date.fromordinal(s + 1).year, end.year + 1):
            days = self._year_workdays(year)
            total += bisect_right(days, e) - bisect_right(days, s)
        return total

    def is_within_workdays(self, start: date, end: date, n: int) -> bool:
        """Whether ``end`` is on or before :meth:`add_workdays` (start, n).

        Asks the holiday table only for the years from ``start`` to the year the deadline falls in,
        and never past ``end``: a date in December is judged before next year's holidays are
        published, and a 2011 document judged today needs 2011's table, not every year since."""
        if end <= start:
            return True
        if n == 0:
            return False
        # Walk year by year and stop at the year the deadline falls in: a document from 2011 judged
        # in 2026 needs 2011's holidays (where its deadline lies), not every year since.
        s, e = start.toordinal(), end.toordinal()
        remaining = n
        for year in range(date.fromordinal(s + 1).year, end.year + 1):
            days = self._year_workdays(year)
            first, last = bisect_right(days, s), bisect_right(days, e)
            if last - first >= remaining:
                return days[first + remaining - 1] >= e  # the deadline is in this year, on or before end
            remaining -= last - first
        return True

    # -- months -----------------------------------------------------------------------

    @staticmethod
    def add_months(d: date, n: int) -> date:
        """``d`` plus ``n`` calendar months; without a corresponding day, the month's
        last day (民法典 第二百零二条): 2024-01-31 + 1 month = 2024-02-29."""
        index = d.year * 12 + (d.month - 1) + n
        year, month = divmod(index, 12)
        month += 1
        day = min(d.day, calendar.monthrange(year, month)[1])
        return date(year, month, day)

    def deadline_after_months(self, start: date, n: int) -> date:
        """Deadline ``n`` months after ``start``: :meth:`add_months`, then, if that day is
        not a working day, the next working day (民法典 第二百零三条: 期间的最后一日是法定
        休假日的，以法定休假日结束的次日为期间的最后一日)."""
        return self.next_workday_on_or_after(self.add_months(start, n))
