"""Working days for the employer's posting period: “推荐结果须在单位公示不少于5个工作日”（2.5.1.3）.

Counts China's public holidays and adjusted working days (调休) from guantong/data/calendar.toml
(generated from the chinese-calendar package), followed by the years staff add to the policy data from
the State Council's notice when the package lags ([[holiday_year]] and [[holiday]] in policy.toml,
checked by validate.py). The package stays the source for every year it has. For a year neither
covers yet, it says so instead of guessing.
"""

from __future__ import annotations

import datetime as _dt
import functools
import tomllib
from dataclasses import dataclass

from .policy import DATA_DIR, Policy, load_policy
from .words import WORDS, cn

POSTING_WORKDAYS = 5  # 2.5.1.3 “不少于5个工作日”
# The holidays of the State Council's yearly notice (国务院办公厅关于某年部分节假日安排的通知), in its order.
HOLIDAYS = ("元旦", "春节", "清明节", "劳动节", "端午节", "中秋节", "国庆节")


@dataclass(frozen=True)
class Calendar:
    first_year: int
    last_year: int
    days_off: frozenset
    workdays: frozenset
    source: str

    def covers(self, day: _dt.date) -> bool:
        return self.first_year <= day.year <= self.last_year

    def is_workday(self, day: _dt.date) -> bool:
        if day in self.workdays:
            return True
        return day.weekday() < 5 and day not in self.days_off


@functools.cache
def package_calendar() -> Calendar:
    """calendar.toml: the years the chinese-calendar package has."""
    with open(DATA_DIR / "calendar.toml", "rb") as f:
        raw = tomllib.load(f)["calendar"]
    return Calendar(raw["first_year"], raw["last_year"], frozenset(raw["days_off"]), frozenset(raw["workdays"]), raw["source"])


def off_days(holiday: dict) -> list[_dt.date]:
    """Every day of a holiday's break: `off` is [first, last] as the notice prints it (“2月15日至23日放假调休”),
    or [day] for a break of one day."""
    first, last = holiday["off"][0], holiday["off"][-1]
    return [first + _dt.timedelta(days=n) for n in range((last - first).days + 1)]


def staff_years(policy: Policy, base: Calendar) -> list[int]:
    """The years staff added that extend the package's run, in order (a year the package has is the
    package's; a year after a gap is not used, and validate.py reports it)."""
    years = []
    wanted = base.last_year + 1
    for year in sorted({y.get("year") for y in policy.raw.get("holiday_year", []) if isinstance(y, dict)} - {None}):
        if year == wanted:
            years.append(year)
            wanted += 1
    return years


def with_staff_years(policy: Policy, base: Calendar) -> Calendar:
    years = staff_years(policy, base)
    if not years:
        return base
    holidays = [h for h in policy.raw.get("holiday", []) if h.get("year") in years]
    days_off = {d for h in holidays for d in off_days(h) if d.weekday() < 5}
    workdays = {d for h in holidays for d in h.get("workdays", [])}
    notes = "；".join(y["document"] for y in policy.raw["holiday_year"] if y.get("year") in years)
    return Calendar(base.first_year, years[-1], base.days_off | days_off, base.workdays | workdays, f"{base.source}；{notes}")


_MERGED: dict[int, tuple[Policy, Calendar]] = {}


def load_calendar(policy: Policy | None = None) -> Calendar:
    """The calendar in use: the package's years, then those the policy data adds (the policy in use
    unless one is given; $GUANTONG_POLICY for a staff preview)."""
    policy = policy or load_policy()
    kept = _MERGED.get(id(policy))
    if kept is None or kept[0] is not policy:
        kept = _MERGED[id(policy)] = (policy, with_staff_years(policy, package_calendar()))
    return kept[1]


class CalendarGap(ValueError):
    """The calendar does not cover a year the count needs (message in Chinese; ``year`` that year)."""

    def __init__(self, message: str, year: int):
        super().__init__(message)
        self.year = year


def nth_workday(day: _dt.date, n: int, step: int = 1, calendar: Calendar | None = None) -> _dt.date:
    """The n-th working day from `day` (counting `day` itself), forwards (step 1) or backwards (step -1).
    Raises CalendarGap on reaching a year the calendar does not cover."""
    cal = calendar or load_calendar()
    counted = 0
    while True:
        if not cal.covers(day):
            raise CalendarGap(WORDS["calendarGap"].format(first=cal.first_year, last=cal.last_year, year=day.year), day.year)
        if cal.is_workday(day):
            counted += 1
            if counted == n:
                return day
        day += _dt.timedelta(days=step)


def posting_end(start: _dt.date, workdays: int = POSTING_WORKDAYS, calendar: Calendar | None = None) -> _dt.date:
    """The earliest day a posting that starts on `start` can end: its `workdays`-th working day, counting
    `start` itself when it is a working day (a posting put up on a day off starts counting on the next
    working day). Decision: the posting runs to the end of that day; the recommendation may follow it."""
    return nth_workday(start, workdays, 1, calendar)


def latest_posting_start(deadline: _dt.date, calendar: Calendar | None = None) -> _dt.date:
    """The last day a posting can start and still run its full 5 working days by `deadline`: the 5th
    working day counting back from the deadline."""
    return nth_workday(deadline, POSTING_WORKDAYS, -1, calendar)


def posting_by_deadline(
    deadline: _dt.date, source: str = "answers", today: _dt.date | None = None, calendar: Calendar | None = None
) -> str:
    """For the next steps: when the employer must start posting to finish by the deadline (2.5.1.3).

    Decision (issue 11): the advice never names a start day that has passed. With no deadline given and
    none published (`source` "today"), the posting is planned once the round's deadline is published;
    when the last start day for the deadline has passed, it says so without a date."""
    if source == "today":
        return (
            f"本轮受理材料截止时间尚未公布：公布后，单位须在截止前公示满 {POSTING_WORKDAYS} 个工作日，请按截止时间倒推安排公示的开始日期。"
        )
    try:
        start = latest_posting_start(deadline, calendar)
    except CalendarGap as gap:
        return str(gap)
    if today is not None and start < today:
        return (
            f"按国家节假日安排，要在受理材料截止时间（{cn(deadline)}）前公示满 {POSTING_WORKDAYS} 个工作日，"
            "最晚的开始日期已经过去：请向受理部门确认本轮是否还能报送，或准备下一轮申报。"
        )
    return (
        f"按国家节假日安排，要在受理材料截止时间（{cn(deadline)}）前公示满 {POSTING_WORKDAYS} 个工作日，单位最晚须在 {cn(start)} 开始公示。"
    )
