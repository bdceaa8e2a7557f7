// A date typed as people write it; for the deadline, the pathway's published rounds to choose from,
// with words.other for a date of one's own and words.unsure to leave it empty.
import { attr, cnDate, esc, fid } from "../html.js";
import { W } from "../words.js";
import { OTHER, UNSURE, dateHint, dateInput, need, radio, soleInput, unsureBox } from "./controls.js";
import { DONT_KNOW, parseDate, wholeDate } from "./parse.js";

const listed = (q) => q.options.length > 0;

export default {
  toForm(q, answer, skipped) {
    const has = answer !== undefined;
    if (!listed(q)) return { text: has ? String(answer) : "", unsure: skipped };
    const inList = q.options.some((o) => o.value === answer);
    const preset = q.options.find((o) => o.default)?.value ?? "";
    return {
      choice: skipped ? UNSURE : !has ? preset : inList ? answer : OTHER,
      text: has && !inList ? String(answer) : "",
      unsure: skipped,
    };
  },
  markup(q, fs) {
    if (!listed(q)) return soleInput(q, fs, { kind: "date", hint: dateHint(q) }) + (q.unsure || q.optional ? unsureBox(q, fs.unsure) : "");
    const box = fid(q, "other-box");
    let html = q.options.map((o, i) => radio(q, i, o.value, o.label, fs.choice === o.value)).join("");
    html += radio(q, "o", OTHER, q.words.other, fs.choice === OTHER, ` data-gt-reveal="${box}"`);
    html += `<div class="gt-conditional" id="${box}"${attr(fs.choice !== OTHER, "hidden")}>${dateInput(q, [], "text", fs.text || "", q.words.other_field)}</div>`;
    if (q.optional || q.unsure)
      html += `<div class="gt-or">${esc(W.or)}</div>${radio(q, "u", UNSURE, q.words.unsure, fs.choice === UNSURE)}`;
    return `<div class="gt-choices" data-gt-radios>${html}</div>`;
  },
  read(q, f) {
    if (listed(q)) return { choice: f.radio("choice") ?? "", text: f.value("text"), unsure: false };
    return { text: f.value("text"), unsure: f.checked(fid(q, "unsure")) };
  },
  toAnswer(q, fs) {
    const targets = { [q.id]: fid(q) };
    if (listed(q)) {
      if (fs.choice === UNSURE) return { skip: true };
      if (!fs.choice) return { errors: [{ field: fid(q, 0), message: W.chooseOne }] };
      if (fs.choice !== OTHER) return { value: fs.choice, targets: { [q.id]: fid(q, 0) } };
    } else if (fs.unsure && (q.unsure || q.optional)) return { skip: true };
    // 不知道 typed where the question may be left open means just that, never a date-format error.
    if ((q.unsure || q.optional) && DONT_KNOW.includes(fs.text.trim())) return { skip: true };
    const d = parseDate(fs.text, { full: wholeDate(q) });
    if (d.empty) {
      if (q.optional && !listed(q)) return { skip: true };
      return { errors: [{ field: fid(q), message: W.fillDate + (listed(q) ? "" : need(q)) }] };
    }
    if (d.error) return { errors: [{ field: fid(q), message: d.error }] };
    return { value: d.value, targets };
  },
  summary: (q, answer) => esc(cnDate(answer)),
  first: (q) => (listed(q) ? fid(q, 0) : fid(q)),
};
