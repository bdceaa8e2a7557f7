// Working days as guantong/workdays.py counts them (Calendar.is_workday, posting_end), over the same
// calendar (the site's assets/data/calendar.json, build_scripts/site/model.py calendar_json, with the years
// staff added). workdays.test.js holds the two to the same answers on every start day of the calendar.

/** The calendar.json object with its days as sets. */
export const calendarOf = (json) => ({ ...json, off: new Set(json.days_off), on: new Set(json.workdays) });

/** Whether an ISO day is a working day: a make-up working day, or a weekday that is no day off. */
export function isWorkday(calendar, iso) {
  if (calendar.on.has(iso)) return true;
  const dow = new Date(`${iso}T00:00:00Z`).getUTCDay();
  return dow !== 0 && dow !== 6 && !calendar.off.has(iso);
}

/** The earliest day a posting that starts on ``start`` (ISO) can end: its n-th working day, counting the
 * start itself when it is one: {end: ISO}, or {gap: year} for a year the calendar does not cover. */
export function postingEnd(calendar, start, n) {
  const day = new Date(`${start}T00:00:00Z`);
  for (let counted = 0; ; day.setUTCDate(day.getUTCDate() + 1)) {
    const year = day.getUTCFullYear();
    if (year < calendar.first_year || year > calendar.last_year) return { gap: year };
    const iso = day.toISOString().slice(0, 10);
    if (isWorkday(calendar, iso) && ++counted === n) return { end: iso };
  }
}
