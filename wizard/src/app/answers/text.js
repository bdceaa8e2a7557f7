// Free text (the occupation), with the published names as suggestions.
import { esc, fid } from "../html.js";
import { W } from "../words.js";
import { need, soleInput, unsureBox } from "./controls.js";

export default {
  toForm: (q, answer, skipped) => ({ text: answer !== undefined ? String(answer) : "", unsure: skipped }),
  markup: (q, fs) => soleInput(q, fs, { list: q.options }) + (q.unsure ? unsureBox(q, fs.unsure) : ""),
  read: (q, f) => ({ text: f.value("text"), unsure: f.checked(fid(q, "unsure")) }),
  toAnswer(q, fs) {
    if (fs.unsure && q.unsure) return { skip: true };
    const text = fs.text.trim();
    if (!text) return { errors: [{ field: fid(q), message: W.fillIn + need(q) }] };
    return { value: text, targets: { [q.id]: fid(q) } };
  },
  summary: (q, answer) => esc(answer),
  first: (q) => fid(q),
};
