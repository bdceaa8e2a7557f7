"""The cases the page's working-day count is held to (wizard/src/app/posting/workdays.test.js): the site's
calendar.json, the number of working days (POSTING_WORKDAYS) and, for every start day of its years and a
week either side, the end of the posting as guantong.workdays.posting_end gives it (or the year it lacks). Prints JSON."""

from __future__ import annotations

import datetime as dt
import json

from build_scripts.site.model import calendar_json
from guantong.workdays import POSTING_WORKDAYS, CalendarGap, load_calendar, posting_end


def cases() -> dict:
    calendar = load_calendar()
    day, last = dt.date(calendar.first_year, 1, 1) - dt.timedelta(days=7), dt.date(calendar.last_year, 12, 31) + dt.timedelta(days=7)
    out = []
    while day <= last:
        try:
            out.append({"start": day.isoformat(), "end": posting_end(day, calendar=calendar).isoformat()})
        except CalendarGap as gap:
            out.append({"start": day.isoformat(), "gap": gap.year})
        day += dt.timedelta(days=1)
    return {"calendar": json.loads(calendar_json()), "workdays": POSTING_WORKDAYS, "cases": out}


if __name__ == "__main__":
    print(json.dumps(cases(), ensure_ascii=False))
