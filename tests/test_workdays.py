"""Tests for generator.workdays: the built-in holiday table and working-day arithmetic."""

from __future__ import annotations

import pickle
from datetime import date, timedelta

import pytest

from generator.workdays import (
    BUILTIN_SCHEDULES,
    CalendarYearMissing,
    WorkCalendar,
)

D = date.fromisoformat


@pytest.fixture(scope="module")
def cal() -> WorkCalendar:
    return WorkCalendar()


# -- the example every implementation must get right (rules.md "Working days") ---------

def test_seven_workdays_after_2024_09_27(cal):
    assert cal.add_workdays(D("2024-09-27"), 7) == D("2024-10-12")


def test_seven_workdays_after_2024_09_27_is_not_weekdays_only(cal):
    result = cal.add_workdays(D("2024-09-27"), 7)
    assert result != D("2024-10-08")  # Monday–Friday only would give this
    assert result != D("2024-10-15")  # holidays without 调休 would give this
    counted = [d for d in (D("2024-09-27") + timedelta(days=i) for i in range(1, 16))
               if cal.is_workday(d) and d <= result]
    assert counted == [D(x) for x in ("2024-09-29", "2024-09-30", "2024-10-08", "2024-10-09",
                                      "2024-10-10", "2024-10-11", "2024-10-12")]


def test_zero_workdays_returns_start(cal):
    assert cal.add_workdays(D("2024-10-03"), 0) == D("2024-10-03")  # even on a holiday
    assert cal.add_workdays(D("2024-09-27"), 0) == D("2024-09-27")


def test_start_day_not_counted(cal):
    # 民法典 第二百零一条: a Monday start, 1 working day later is Tuesday
    assert cal.add_workdays(D("2024-03-04"), 1) == D("2024-03-05")
    # starting on a holiday: the first working day after it
    assert cal.add_workdays(D("2024-10-01"), 1) == D("2024-10-08")


def test_negative_workdays_rejected(cal):
    with pytest.raises(ValueError):
        cal.add_workdays(D("2024-03-04"), -1)


# -- holiday / 调休 boundaries, a few per year --------------------------------------------

BOUNDARIES = {
    # date: is_workday
    2019: {"2019-01-01": False, "2019-01-02": True, "2019-02-02": True, "2019-02-03": True,
           "2019-02-10": False, "2019-02-11": True, "2019-04-28": True, "2019-05-04": False,
           "2019-05-05": True, "2019-09-29": True, "2019-10-07": False, "2019-10-12": True},
    2020: {"2020-01-19": True, "2020-01-23": True, "2020-01-24": False, "2020-01-31": False,
           "2020-02-01": False,  # extended by 国办发明电〔2020〕1号, no longer worked
           "2020-02-03": True, "2020-05-09": True, "2020-06-28": True, "2020-10-08": False,
           "2020-10-10": True},
    2021: {"2021-01-04": True, "2021-02-07": True, "2021-02-17": False, "2021-02-18": True,
           "2021-02-20": True, "2021-09-18": True, "2021-09-21": False, "2021-10-09": True},
    2022: {"2022-01-03": False, "2022-01-29": True, "2022-01-30": True, "2022-01-31": False,
           "2022-02-07": True, "2022-04-02": True, "2022-05-04": False, "2022-10-08": True,
           "2022-10-09": True},
    2023: {"2023-01-02": False, "2023-01-03": True, "2023-01-28": True, "2023-04-05": False,
           "2023-06-25": True, "2023-09-29": False, "2023-10-06": False, "2023-10-07": True,
           "2023-10-08": True},
    2024: {"2024-01-01": False, "2024-02-04": True, "2024-02-16": False, "2024-02-18": True,
           "2024-04-07": True, "2024-05-11": True, "2024-06-10": False, "2024-09-14": True,
           "2024-09-16": False, "2024-09-29": True, "2024-10-07": False, "2024-10-12": True},
    2025: {"2025-01-01": False, "2025-01-26": True, "2025-01-28": False, "2025-02-04": False,
           "2025-02-05": True, "2025-02-08": True, "2025-04-27": True, "2025-05-05": False,
           "2025-06-02": False, "2025-09-28": True, "2025-10-08": False, "2025-10-11": True},
    2026: {"2026-01-02": False, "2026-01-04": True, "2026-02-14": True, "2026-02-23": False,
           "2026-02-24": True, "2026-02-28": True, "2026-05-05": False, "2026-05-09": True,
           "2026-06-19": False, "2026-09-20": True, "2026-09-25": False, "2026-10-07": False,
           "2026-10-10": True},
}


@pytest.mark.parametrize(
    "day,expected",
    [(d, w) for year in BOUNDARIES.values() for d, w in year.items()],
)
def test_boundaries(cal, day, expected):
    assert cal.is_workday(D(day)) is expected


def test_every_day_matches_chinese_calendar(cal):
    chinese_calendar = pytest.importorskip("chinese_calendar")
    d, end = D("2019-01-01"), D("2026-12-31")
    mismatches = []
    while d <= end:
        if cal.is_workday(d) != chinese_calendar.is_workday(d):
            mismatches.append(d.isoformat())
        d += timedelta(days=1)
    assert mismatches == []


def test_builtin_table_is_well_formed():
    assert set(BUILTIN_SCHEDULES) == set(range(2019, 2027))
    for year, schedule in BUILTIN_SCHEDULES.items():
        assert schedule.year == year
        assert schedule.notices and all(n.startswith("国办发明电〔") and n.endswith("号")
                                        for n in schedule.notices)
        holiday_days = set()
        for block in schedule.holidays:
            assert block.first <= block.last
            holiday_days.update(block.days())
        for w in schedule.workdays:
            assert w.weekday() >= 5, f"{w} 调休上班日应是周末"
            assert w not in holiday_days


def test_notice_numbers(cal):
    assert cal.sources(2019) == ("国办发明电〔2018〕15号", "国办发明电〔2019〕3号")
    assert cal.sources(2020) == ("国办发明电〔2019〕16号", "国办发明电〔2020〕1号")
    assert cal.sources(2024) == ("国办发明电〔2023〕7号",)
    assert cal.sources(2025) == ("国办发明电〔2024〕12号",)
    assert cal.sources(2026) == ("国办发明电〔2025〕7号",)


def test_holiday_name(cal):
    assert cal.holiday_name(D("2024-10-03")) == "国庆节"
    assert cal.holiday_name(D("2024-10-12")) is None
    assert cal.holiday_name(D("2024-03-05")) is None


# -- missing years ------------------------------------------------------------------

@pytest.mark.parametrize("year", [2018, 2027])
def test_missing_year_raises_with_year_in_message(cal, year):
    assert not cal.covers(year)
    with pytest.raises(CalendarYearMissing) as info:
        cal.is_workday(date(year, 6, 1))
    assert info.value.year == year
    message = str(info.value)
    assert str(year) in message
    assert "site_config.yml" in message and "rules.calendar" in message


def test_counting_into_missing_year_raises(cal):
    with pytest.raises(CalendarYearMissing) as info:
        cal.add_workdays(D("2026-12-20"), 30)
    assert info.value.year == 2027
    with pytest.raises(CalendarYearMissing):
        cal.workdays_between(D("2026-12-20"), D("2027-01-10"))
    with pytest.raises(CalendarYearMissing):
        cal.deadline_after_months(D("2026-12-20"), 1)


def test_start_on_last_day_of_uncovered_year_is_fine(cal):
    # 2018-12-31 itself is not counted, so only 2019 has to be known
    assert cal.add_workdays(D("2018-12-31"), 1) == D("2019-01-02")


def test_exception_pickles():
    err = pickle.loads(pickle.dumps(CalendarYearMissing(2027)))
    assert err.year == 2027 and "2027" in str(err)


def test_covers_and_years(cal):
    assert cal.years() == set(range(2019, 2027))
    assert cal.covers(2019) and cal.covers(2026)


# -- site_config rules.calendar extras ------------------------------------------------

def test_config_extras_cover_2027():
    extra = WorkCalendar(
        extra_holidays=[D("2027-01-01"), D("2027-02-05"), D("2027-02-08")],
        extra_workdays=[D("2027-02-06")],  # a Saturday
    )
    assert extra.covers(2027)
    assert 2027 in extra.years()
    assert extra.is_workday(D("2027-01-01")) is False  # Friday holiday
    assert extra.is_workday(D("2027-01-04")) is True   # plain Monday
    assert extra.is_workday(D("2027-02-06")) is True   # 调休 Saturday
    assert extra.is_workday(D("2027-02-07")) is False  # plain Sunday
    assert extra.sources(2027) == ("site_config.yml rules.calendar",)
    # counting across the year boundary now works
    assert extra.add_workdays(D("2026-12-31"), 1) == D("2027-01-04")
    assert not extra.covers(2028)


def test_config_extras_override_builtin():
    cal = WorkCalendar(extra_holidays=[D("2024-03-05")], extra_workdays=[D("2024-10-07")])
    assert cal.is_workday(D("2024-03-05")) is False
    assert cal.is_workday(D("2024-10-07")) is True


def test_config_extras_accept_strings_and_reject_conflicts():
    cal = WorkCalendar(extra_holidays=["2027-01-01"])
    assert cal.covers(2027)
    with pytest.raises(ValueError, match="2027-01-01"):
        WorkCalendar(extra_holidays=[D("2027-01-01")], extra_workdays=[D("2027-01-01")])
    with pytest.raises(TypeError):
        WorkCalendar(extra_holidays=["not a date"])


# -- months -------------------------------------------------------------------------

@pytest.mark.parametrize(
    "start,n,expected",
    [
        ("2024-01-31", 1, "2024-02-29"),
        ("2023-01-31", 1, "2023-02-28"),
        ("2024-03-31", 1, "2024-04-30"),
        ("2024-08-31", 6, "2025-02-28"),
        ("2024-01-15", 3, "2024-04-15"),
        ("2024-11-30", 2, "2025-01-30"),
        ("2024-03-31", -1, "2024-02-29"),
        ("2024-05-20", 0, "2024-05-20"),
    ],
)
def test_add_months_clamps_to_month_end(start, n, expected):
    assert WorkCalendar.add_months(D(start), n) == D(expected)


def test_deadline_after_months_moves_off_holiday(cal):
    # 2024-09-01 + 1 month = 2024-10-01 (国庆节) -> first working day after: 2024-10-08
    assert cal.deadline_after_months(D("2024-09-01"), 1) == D("2024-10-08")
    # 2025-12-01 + 2 months = 2026-02-01, a plain Sunday -> Monday 2026-02-02
    assert cal.deadline_after_months(D("2025-12-01"), 2) == D("2026-02-02")
    # lands on a 调休 Saturday: it is a working day, stays
    assert cal.deadline_after_months(D("2024-09-12"), 1) == D("2024-10-12")
    # lands on a working day: unchanged
    assert cal.deadline_after_months(D("2024-02-05"), 1) == D("2024-03-05")


def test_next_workday_on_or_after(cal):
    assert cal.next_workday_on_or_after(D("2024-10-08")) == D("2024-10-08")
    assert cal.next_workday_on_or_after(D("2024-10-01")) == D("2024-10-08")
    assert cal.next_workday_on_or_after(D("2026-02-15")) == D("2026-02-24")


# -- counting consistency -----------------------------------------------------------

def test_workdays_between(cal):
    assert cal.workdays_between(D("2024-09-27"), D("2024-10-12")) == 7
    assert cal.workdays_between(D("2024-09-27"), D("2024-09-27")) == 0
    assert cal.workdays_between(D("2024-10-12"), D("2024-09-27")) == -7
    assert cal.workdays_between(D("2024-10-01"), D("2024-10-07")) == 0


def test_add_workdays_agrees_with_day_by_day_walk(cal):
    def walk(start: date, n: int) -> date:
        d = start
        while n:
            d += timedelta(days=1)
            if cal.is_workday(d):
                n -= 1
        return d

    start = D("2019-01-01")
    for i in range(0, 2900, 37):
        s = start + timedelta(days=i)
        for n in (1, 5, 7, 20, 250):
            if s + timedelta(days=n * 2 + 40) > D("2026-12-31"):
                continue
            r = cal.add_workdays(s, n)
            assert r == walk(s, n), (s, n)
            assert cal.workdays_between(s, r) == n
            assert cal.is_workday(r)


def test_many_calls_are_cheap(cal):
    # the checker calls add_workdays tens of thousands of times
    start = D("2019-01-01")
    last = None
    for i in range(50_000):
        last = cal.add_workdays(start + timedelta(days=i % 2500), 20)
    assert last is not None


def test_is_within_workdays_agrees_with_add_workdays():
    from datetime import date, timedelta

    from generator.workdays import WorkCalendar

    cal = WorkCalendar()
    start = date(2024, 9, 20)
    for n in (0, 1, 3, 7, 20):
        deadline = cal.add_workdays(start, n)
        for delta in range(0, 45):
            end = start + timedelta(days=delta)
            assert cal.is_within_workdays(start, end, n) == (end <= deadline), (n, end)


def test_is_within_workdays_needs_only_the_years_up_to_the_end():
    from datetime import date

    from generator.workdays import WorkCalendar

    cal = WorkCalendar()
    # the 20-working-day deadline of 2026-12-10 lies in 2027, which the table lacks
    assert cal.is_within_workdays(date(2026, 12, 10), date(2026, 12, 31), 20)
