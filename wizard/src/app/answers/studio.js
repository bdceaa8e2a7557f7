// A skill master studio led (its tier and, optionally, since when), or none (the first option).
import { attr, cnDate, esc, fid } from "../html.js";
import { W } from "../words.js";
import { dateInput, radio } from "./controls.js";
import { parseDate } from "./parse.js";

export default {
  toForm: (q, answer) => ({ choice: answer === undefined ? null : answer === null ? "" : (answer?.level ?? ""), date: answer?.date || "" }),
  markup(q, fs) {
    const box = fid(q, "date-box");
    let html = q.options
      .map((o, i) => radio(q, i, o.value, o.label, fs.choice === o.value, o.value ? ` data-gt-reveal="${box}"` : ` data-gt-hide="${box}"`))
      .join("");
    html += `<div class="gt-conditional" id="${box}"${attr(!fs.choice, "hidden")}>${dateInput(q, ["date"], "date", fs.date || "", W.studioDate)}</div>`;
    return `<div class="gt-choices" data-gt-radios>${html}</div>`;
  },
  read: (q, f) => ({ choice: f.radio("choice"), date: f.value("date") }),
  toAnswer(q, fs) {
    const targets = { [q.id]: fid(q, 0) };
    if (fs.choice === null || fs.choice === undefined) return { errors: [{ field: fid(q, 0), message: W.chooseOne }] };
    if (fs.choice === "") return { value: null, targets };
    targets[`${q.id}.level`] = fid(q, 0);
    targets[`${q.id}.date`] = fid(q, "date");
    const d = parseDate(fs.date);
    if (d.error) return { errors: [{ field: fid(q, "date"), message: d.error }] };
    return { value: d.value ? { level: fs.choice, date: d.value } : { level: fs.choice }, targets };
  },
  summary(q, answer) {
    if (answer === null || typeof answer !== "object") return esc(q.options[0]?.label ?? "");
    return esc(
      (q.options.find((o) => o.value === answer.level)?.label ?? answer.level) + (answer.date ? W.studioSince(cnDate(answer.date)) : ""),
    );
  },
  first: (q) => fid(q, 0),
};
