// The years an occupation's national standard requires for each level (when it is not in the table).
import { esc, fid } from "../html.js";
import { W } from "../words.js";
import { need, unsureBox } from "./controls.js";
import { parseCount } from "./parse.js";

export default {
  toForm(q, answer, skipped) {
    const obj = answer && typeof answer === "object" ? answer : {};
    return { values: Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, String(v)])), unsure: skipped };
  },
  markup(q, fs) {
    let html = q.options
      .map((o) => {
        const id = fid(q, o.value);
        return `<div class="gt-field" data-gt-field="${id}"><label class="gt-label" for="${id}">${esc(W.yearsFor(o.label))}</label><p class="gt-error-message" id="${id}-error" hidden></p><div class="gt-input-row"><input class="gt-input gt-input--count" type="text" inputmode="numeric" id="${id}" name="years-${esc(o.value)}" value="${esc(fs.values?.[o.value] ?? "")}" autocomplete="off"><span class="gt-unit">${esc(q.words.unit)}</span></div></div>`;
      })
      .join("");
    if (q.unsure) html += unsureBox(q, fs.unsure);
    return html;
  },
  read(q, f) {
    const fs = { values: {}, unsure: f.checked(fid(q, "unsure")) };
    for (const o of q.options) fs.values[o.value] = f.value(`years-${o.value}`);
    return fs;
  },
  toAnswer(q, fs) {
    if (fs.unsure && q.unsure) return { skip: true };
    const targets = { [q.id]: fid(q, q.options[0]?.value) };
    const value = {};
    const errors = [];
    for (const o of q.options) {
      const field = fid(q, o.value);
      targets[`${q.id}.${o.value}`] = field;
      const n = parseCount(fs.values[o.value]);
      if (n.error) errors.push({ field, message: `${o.label}：${n.error}` });
      else if (!n.empty) value[o.value] = n.value;
    }
    if (errors.length) return { errors };
    if (!Object.keys(value).length) return { errors: [{ field: fid(q, q.options[0].value), message: W.yearsAtLeastOne + need(q) }] };
    return { value, targets };
  },
  summary: (q, answer) =>
    Object.entries(answer || {})
      .map(([k, n]) => `${esc(q.options.find((o) => o.value === k)?.label ?? k)}：${esc(n)} ${esc(q.words.unit)}`)
      .join("<br>"),
  first: (q) => fid(q, q.options[0]?.value),
};
