// A whole number (months, years), with the question's unit after the field.
import { esc, fid } from "../html.js";
import { W } from "../words.js";
import { need, soleInput, unsureBox } from "./controls.js";
import { parseCount } from "./parse.js";

export default {
  toForm: (q, answer, skipped) => ({ text: answer !== undefined ? String(answer) : "", unsure: skipped }),
  markup: (q, fs) => soleInput(q, fs, { kind: "count", unit: q.words.unit }) + (q.unsure ? unsureBox(q, fs.unsure) : ""),
  read: (q, f) => ({ text: f.value("text"), unsure: f.checked(fid(q, "unsure")) }),
  toAnswer(q, fs) {
    if (fs.unsure && q.unsure) return { skip: true };
    const n = parseCount(fs.text);
    if (n.empty) return q.optional ? { skip: true } : { errors: [{ field: fid(q), message: W.fillNumber + need(q) }] };
    if (n.error) return { errors: [{ field: fid(q), message: n.error }] };
    return { value: n.value, targets: { [q.id]: fid(q) } };
  },
  summary: (q, answer) => esc(`${answer}${q.words.unit ? ` ${q.words.unit}` : ""}`),
  first: (q) => fid(q),
};
