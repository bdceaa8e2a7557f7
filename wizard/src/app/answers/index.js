// The answer types, one module each, all with the same functions:
//   toForm(q, answer, skipped) → form state    markup(q, form state) → HTML    read(q, reader) → form state
//   toAnswer(q, form state) → {value, targets} | {skip: true} | {errors: [{field, message}]}
//   summary(q, answer) → HTML for the check page    first(q) → the id of the field to point at
// `targets` maps the engine's error keys ("honors[1].date") to field ids. Adding a type is one module
// here and its name in guantong/flow.py.
import bool from "./bool.js";
import choice from "./choice.js";
import count from "./count.js";
import date from "./date.js";
import dated_levels from "./dated_levels.js";
import honors from "./honors.js";
import required_years from "./required_years.js";
import studio from "./studio.js";
import text from "./text.js";

export const TYPES = { bool, choice, count, date, dated_levels, honors, required_years, studio, text };

export const typeOf = (q) => TYPES[q.type];

/** The summary line of an answer (or of 不确定 / left empty). */
export function summary(q, answer, skipped, W) {
  if (skipped) return q.unsure ? q.words.unsure : W.leftEmpty;
  if (answer === undefined) return W.notAnswered;
  return typeOf(q).summary(q, answer);
}
