// 是 / 否 (/ 不确定): a boolean answer.
import { esc, fid } from "../html.js";
import { W } from "../words.js";
import { UNSURE, need, radio, unsureRadio } from "./controls.js";

export default {
  toForm: (q, answer, skipped) => ({ choice: skipped ? UNSURE : answer === true ? "true" : answer === false ? "false" : "" }),
  markup(q, fs) {
    let html = q.options.map((o, i) => radio(q, i, o.value, o.label, fs.choice === o.value)).join("");
    if (q.unsure) html += unsureRadio(q, fs.choice === UNSURE);
    return `<div class="gt-choices gt-choices--inline" data-gt-radios>${html}</div>`;
  },
  read: (q, f) => ({ choice: f.radio("choice") ?? "" }),
  toAnswer(q, fs) {
    if (fs.choice === UNSURE) return { skip: true };
    if (!fs.choice) return { errors: [{ field: fid(q, 0), message: W.chooseYesNo + need(q) }] };
    return { value: fs.choice === "true", targets: { [q.id]: fid(q, 0) } };
  },
  summary: (q, answer) => (answer === true ? W.yes : answer === false ? W.no : esc(answer)),
  first: (q) => fid(q, 0),
};
