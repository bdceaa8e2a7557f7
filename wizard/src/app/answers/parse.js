// What people type for dates and counts → the answer's value, or a message for the field. The page
// checks the form of an answer; the engine re-checks everything when it gives the result.
import { half, isoDate, isoMonth } from "../html.js";
import { W } from "../words.js";

/** "2019-06-30", "2019/6/30", "2019年6月30日", "20190630", full-width digits → {value: "YYYY-MM-DD"}; a date
 * known to the month or the year ("2018.7", "2018年7月", "2018年", "2018") → {value: "YYYY-MM" | "YYYY",
 * partial: true} (rules.md T8), refused where `full` (the deadline). Spreadsheet cells are read the same
 * way (guantong_tools/batch/ cell_date): tests/cases/typed_dates.json holds both to the same cases. */
export function parseDate(text, { full = false } = {}) {
  const t = half(text).trim();
  if (!t) return { empty: true };
  const m = /^(\d{4})\s*[-/.年\s]\s*(\d{1,2})\s*[-/.月\s]\s*(\d{1,2})\s*[日号]?$/.exec(t) || /^(\d{4})(\d{2})(\d{2})$/.exec(t);
  if (!m) {
    const p = /^(\d{4})\s*[-/.年\s]\s*(\d{1,2})\s*月?$/.exec(t) || /^(\d{4})\s*年?$/.exec(t);
    if (!p) return { error: W.dateFormat };
    if (full) return { error: W.dateWhole };
    if (+p[1] < 1) return { error: W.yearMissing(p[1]) };
    if (p[2] === undefined) return { value: p[1], partial: true };
    if (+p[2] < 1 || +p[2] > 12) return { error: W.monthMissing(+p[2]) };
    return { value: isoMonth(p[1], p[2]), partial: true };
  }
  const value = isoDate(m[1], m[2], m[3]);
  const day = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  if (+m[1] < 1 || day.getUTCFullYear() !== +m[1] || day.getUTCMonth() !== +m[2] - 1 || day.getUTCDate() !== +m[3])
    return { error: W.dateMissing(value) };
  return { value };
}

/** What people type for "I do not know" in a field that may be left open (the deadline). */
export const DONT_KNOW = ["不知道", "不清楚", "不确定", "不记得", "不晓得"];

/** The answers whose date must be whole (answers.md: the deadline; rules.md T8). */
export const WHOLE = ["deadline"];
export const wholeDate = (q) => WHOLE.includes(q.id);

// "None" for a count (months out of work: 没有); cells.py NONE_COUNT, held by tests/cases/typed_counts.json.
const NONE = ["没有", "无", "沒有", "無"];

/** A whole number as typed ("12", "１２", "6个月") → {value: integer}. Spreadsheet cells are read the same
 * way (guantong_tools/batch/ cell_count): tests/cases/typed_counts.json holds both to the same cases. */
export function parseCount(text) {
  const typed = half(text).trim();
  if (!typed) return { empty: true };
  if (NONE.includes(typed)) return { value: 0 };
  const t = typed.replace(/\s*(个月|月|年|个)$/, ""); // a unit alone ("年") is not a number
  if (!/^[+-]?[0-9]+$/.test(t)) return { error: W.countFormat };
  if (t.replace(/^[+-]/, "").replace(/^0+(?=.)/, "").length > 6) return { error: W.countTooBig }; // as cell_count: 999 999 at most
  const n = Number(t);
  if (n < 0) return { error: W.countNegative(n) };
  return { value: n };
}
