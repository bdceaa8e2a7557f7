// Levels held, each with the day it was obtained (skill levels, titles); words.none is 都没有.
import { attr, cnDate, esc, fid } from "../html.js";
import { W } from "../words.js";
import { checkbox, dateInput } from "./controls.js";
import { parseDate } from "./parse.js";

export default {
  toForm(q, answer) {
    const has = answer !== undefined;
    const obj = has && answer && typeof answer === "object" ? answer : {};
    return {
      none: has && Object.keys(obj).length === 0,
      checked: Object.fromEntries(Object.keys(obj).map((k) => [k, true])),
      dates: { ...obj },
    };
  },
  markup(q, fs) {
    let html = q.options
      .map((o) => {
        const box = fid(q, o.value, "box");
        return (
          checkbox(q, o.value, o.label, fs.checked?.[o.value], ` data-gt-reveal="${box}" data-gt-exclusive="item"`, o.hint) +
          `<div class="gt-conditional" id="${box}"${attr(!fs.checked?.[o.value], "hidden")}>${dateInput(q, [o.value, "date"], `date-${o.value}`, fs.dates?.[o.value] ?? "", W.levelDate(o.label))}</div>`
        );
      })
      .join("");
    html += `<div class="gt-or">${esc(W.or)}</div>${checkbox(q, "none", q.words.none, fs.none, ' data-gt-exclusive="none"')}`;
    return `<div class="gt-choices">${html}</div>`;
  },
  read(q, f) {
    const fs = { none: f.checked(fid(q, "none")), checked: {}, dates: {} };
    for (const o of q.options) {
      fs.checked[o.value] = f.checked(fid(q, o.value));
      fs.dates[o.value] = f.value(`date-${o.value}`);
    }
    return fs;
  },
  toAnswer(q, fs) {
    const targets = { [q.id]: fid(q, q.options[0]?.value) };
    if (fs.none) return { value: {}, targets };
    const value = {};
    const errors = [];
    for (const o of q.options) {
      if (!fs.checked[o.value]) continue;
      const field = fid(q, o.value, "date");
      targets[`${q.id}.${o.value}`] = field;
      const d = parseDate(fs.dates[o.value]);
      if (d.empty) errors.push({ field, message: W.levelDateMissing(o.label) });
      else if (d.error)
        errors.push({ field, message: d.error }); // the error summary names the field
      else value[o.value] = d.value;
    }
    if (!Object.values(fs.checked).some(Boolean))
      return { errors: [{ field: fid(q, q.options[0].value), message: W.chooseLevels(q.words.none) }] };
    return errors.length ? { errors } : { value, targets };
  },
  summary(q, answer) {
    const entries = Object.entries(answer || {});
    if (!entries.length) return esc(q.words.none);
    return entries.map(([k, d]) => `${esc(q.options.find((o) => o.value === k)?.label ?? k)}：${esc(cnDate(d))}`).join("<br>");
  },
  first: (q) => fid(q, q.options[0]?.value),
};
