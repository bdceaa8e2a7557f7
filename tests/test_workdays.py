"""The posting period of 2.5.1.3 counted in China's working days, against the chinese-calendar package."""

from __future__ import annotations

import datetime as dt

import pytest

from guantong.workdays import CalendarGap, load_calendar, posting_by_deadline, posting_end

chinese_calendar = pytest.importorskip("chinese_calendar")


def test_the_calendar_data_matches_the_package_day_by_day():
    cal = load_calendar()
    day = dt.date(cal.first_year, 1, 1)
    while day.year <= cal.last_year:
        assert cal.is_workday(day) == chinese_calendar.is_workday(day), day
        day += dt.timedelta(days=1)


def reference_end(start: dt.date, n: int = 5) -> dt.date:
    day, counted = start, 0
    while True:
        if chinese_calendar.is_workday(day):
            counted += 1
            if counted == n:
                return day
        day += dt.timedelta(days=1)


@pytest.mark.parametrize(
    "start,end",
    [
        ("2026-06-01", "2026-06-05"),  # Monday to Friday
        ("2026-06-17", "2026-06-24"),  # Dragon Boat: 19 June (Fri) off, weekend, so Wed..Wed
        ("2026-09-28", "2026-10-09"),  # National Day: 28–30 Sep, then 1–7 Oct off, 8–9 Oct
        ("2026-02-12", "2026-02-25"),  # Spring Festival: 14 Feb (Sat) is a working day (调休), 15–23 off
        ("2026-10-08", "2026-10-13"),  # 10 October (Sat) is a working day (调休): 8, 9, 10, 12, 13
        ("2026-06-06", "2026-06-12"),  # starts on a Saturday: counting begins Monday
    ],
)
def test_known_dates(start, end):
    assert posting_end(dt.date.fromisoformat(start)) == dt.date.fromisoformat(end)


def test_every_start_in_covered_years_agrees_with_the_package():
    cal = load_calendar()
    day = dt.date(cal.first_year, 1, 1)
    while day.year <= cal.last_year:
        try:
            assert posting_end(day) == reference_end(day), day
        except CalendarGap:
            assert day.month == 12 and day.year == cal.last_year
        day += dt.timedelta(days=1)


def test_a_year_not_covered_is_said_not_guessed():
    cal = load_calendar()
    with pytest.raises(CalendarGap, match="尚未收录"):
        posting_end(dt.date(cal.last_year + 1, 3, 2))
    assert "尚未收录" in posting_by_deadline(dt.date(cal.last_year + 1, 3, 2))
    assert "最晚须在 2026年6月24日 开始公示" in posting_by_deadline(dt.date(2026, 6, 30))


def test_latest_start_finishes_by_the_deadline_and_a_day_later_does_not():
    from guantong.workdays import latest_posting_start

    cal = load_calendar()
    day = dt.date(cal.first_year, 1, 20)
    while day < dt.date(cal.last_year, 12, 15):  # the day after must stay inside the calendar too
        start = latest_posting_start(day)
        assert posting_end(start) <= day < posting_end(start + dt.timedelta(days=1)), day
        day += dt.timedelta(days=3)


def test_the_posting_days_are_the_notices_and_said_from_one_constant():
    """Issue 35: 5 working days is POSTING_WORKDAYS, held to the notice's text; the draft quotes the notice's
    own sentence, and the step that quotes it in the policy data says the same number."""
    from guantong.clauses import load_notice
    from guantong.policy import load_policy
    from guantong.workdays import POSTING_WORKDAYS
    from guantong_tools.batch.draft import posting_sentence

    said = f"不少于{POSTING_WORKDAYS}个工作日"
    assert said in load_notice().get("2.5.1.3").text
    assert said in posting_sentence() and posting_sentence().startswith("用人单位推荐前")
    steps = [s["message"] for s in load_policy().raw["next_step"] if "工作日" in s["message"]]
    assert steps and all(said in m for m in steps)
