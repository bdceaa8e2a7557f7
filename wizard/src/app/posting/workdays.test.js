// The page's working-day count is guantong's: every start day of the calendar's years (and a few outside
// them) gives the end day, or the gap, that guantong.workdays.posting_end gives (build_scripts/wizard/posting_cases.py).
import { test } from "node:test";
import assert from "node:assert/strict";
import { pythonJson } from "../testing.js";
import { sayPosting } from "./calc.js";
import { calendarOf, postingEnd } from "./workdays.js";

const { calendar, workdays, cases } = pythonJson("build_scripts.wizard.posting_cases");

test("posting ends as guantong counts them", () => {
  const cal = calendarOf(calendar);
  assert.ok(cases.length > 365 * 3);
  for (const { start, end, gap } of cases) assert.deepEqual(postingEnd(cal, start, workdays), end ? { end } : { gap }, start);
});

test("the calculator reads the date as the wizard does and says the end in 年月日", () => {
  const cal = calendarOf(calendar);
  const [{ start, end }] = cases.filter((c) => c.end);
  const said = sayPosting(cal, start.replace(/-/g, "/"), workdays);
  assert.equal(said.end, end);
  assert.match(said.text, /\d{4}年\d{1,2}月\d{1,2}日/);
  assert.match(sayPosting(cal, "2026-02-30", workdays).text, /不存在/);
  assert.equal(sayPosting(cal, " ", workdays).text, "");
  assert.match(sayPosting(cal, `${cal.last_year + 1}-03-02`, workdays).text, /尚未收录/);
});
