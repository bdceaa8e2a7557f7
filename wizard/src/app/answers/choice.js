// One of a list (the pathway, the series), with a free entry where the question has words.other.
import { attr, esc, fid } from "../html.js";
import { W } from "../words.js";
import { OTHER, UNSURE, need, radio, unsureRadio } from "./controls.js";

export default {
  toForm(q, answer, skipped) {
    const has = answer !== undefined;
    const listed = q.options.some((o) => o.value === answer);
    return {
      choice: skipped ? UNSURE : !has ? "" : listed || !q.words.other ? answer : OTHER,
      other: has && !listed ? String(answer) : "",
    };
  },
  markup(q, fs) {
    let html = q.options.map((o, i) => radio(q, i, o.value, o.label, fs.choice === o.value)).join("");
    if (q.words.other) {
      const box = fid(q, "other-box");
      const id = fid(q, "other");
      html += radio(q, "o", OTHER, q.words.other, fs.choice === OTHER, ` data-gt-reveal="${box}"`);
      html += `<div class="gt-conditional" id="${box}"${attr(fs.choice !== OTHER, "hidden")}><div class="gt-field" data-gt-field="${id}"><label class="gt-label" for="${id}">${esc(q.words.other_field)}</label><p class="gt-error-message" id="${id}-error" hidden></p><input class="gt-input" type="text" id="${id}" name="other" value="${esc(fs.other)}" autocomplete="off"></div></div>`;
    }
    if (q.unsure) html += unsureRadio(q, fs.choice === UNSURE);
    return `<div class="gt-choices" data-gt-radios>${html}</div>`;
  },
  read: (q, f) => ({ choice: f.radio("choice") ?? "", other: f.value("other") }),
  toAnswer(q, fs) {
    if (fs.choice === UNSURE) return { skip: true };
    if (!fs.choice) return { errors: [{ field: fid(q, 0), message: W.chooseOne + need(q) }] };
    if (fs.choice === OTHER) {
      const text = fs.other.trim();
      if (!text) return { errors: [{ field: fid(q, "other"), message: q.words.other_field || W.fillIn }] };
      return { value: text, targets: { [q.id]: fid(q, "other") } };
    }
    return { value: fs.choice, targets: { [q.id]: fid(q, 0) } };
  },
  summary: (q, answer) => esc(q.options.find((o) => o.value === answer)?.label ?? answer),
  first: (q) => fid(q, 0),
};
