// Honours: the listed ones by tier, each with an optional date; others typed in (words.other), with
// the tier the person thinks they match; words.none is 都没有获得.
import { attr, cnDate, esc, fid } from "../html.js";
import { W } from "../words.js";
import { checkbox, dateInput } from "./controls.js";
import { parseDate } from "./parse.js";

/** One typed-in honour's fields (also added and renumbered by the question screen). */
export function otherRow(q, r, row) {
  const tiers = Object.entries(q.tiers)
    .map(([id, name]) => `<option value="${esc(id)}"${attr(row.tier === id, "selected")}>${esc(W.honorTierOption(name))}</option>`)
    .join("");
  const nameId = fid(q, "other", r, "name");
  const tierId = fid(q, "other", r, "tier");
  return `<div class="gt-other" data-gt-other>
<div class="gt-field" data-gt-field="${nameId}"><label class="gt-label" for="${nameId}">${esc(W.honorName)}</label><p class="gt-error-message" id="${nameId}-error" hidden></p><input class="gt-input" type="text" id="${nameId}" data-field="name" value="${esc(row.name)}" autocomplete="off"></div>
${dateInput(q, ["other", r, "date"], `other-date-${r}`, row.date, W.honorDate, ' data-field="date"')}
<div class="gt-field" data-gt-field="${tierId}"><label class="gt-label" for="${tierId}">${esc(W.honorTier)}</label><p class="gt-error-message" id="${tierId}-error" hidden></p><select class="gt-select" id="${tierId}" data-field="tier"><option value="">${esc(W.honorTierUnknown)}</option>${tiers}</select></div>
<button type="button" class="gt-link-button" data-gt-remove-other>${esc(W.honorRemove)}</button></div>`;
}

export default {
  toForm(q, answer) {
    const has = answer !== undefined;
    const listed = new Set(q.options.map((o) => o.value));
    const fs = { none: has && Array.isArray(answer) && answer.length === 0, checked: {}, dates: {}, others: [] };
    for (const item of Array.isArray(answer) ? answer : []) {
      const h = typeof item === "string" ? { name: item } : item || {};
      if (listed.has(h.name) && !fs.checked[h.name]) {
        fs.checked[h.name] = true;
        fs.dates[h.name] = h.date || "";
      } else fs.others.push({ name: String(h.name ?? ""), date: h.date || "", tier: h.tier || "" });
    }
    return fs;
  },
  markup(q, fs) {
    const groups = new Map();
    q.options.forEach((o, i) => {
      if (!groups.has(o.tier)) groups.set(o.tier, []);
      groups.get(o.tier).push([o, i]);
    });
    // 都没有获得 first, apart from the boxes: most people have none, and it was 2 screens down (issue 31).
    let html = `${checkbox(q, "none", q.words.none, fs.none, ' data-gt-exclusive="none"')}<div class="gt-or">${esc(W.orHonors)}</div>`;
    for (const [tier, items] of groups) {
      html += `<p class="gt-group">${esc(W.honorGroup(q.tiers[tier] || tier))}</p>`;
      html += items
        .map(([o, i]) => {
          const box = fid(q, i, "box");
          return (
            checkbox(q, i, o.label, fs.checked?.[o.value], ` data-gt-reveal="${box}" data-gt-exclusive="item"`) +
            `<div class="gt-conditional" id="${box}"${attr(!fs.checked?.[o.value], "hidden")}>${dateInput(q, [i, "date"], `date-${i}`, fs.dates?.[o.value] ?? "", W.honorDate)}</div>`
          );
        })
        .join("");
    }
    html += `<p class="gt-group">${esc(q.words.other)}</p><p class="gt-hint">${esc(q.words.other_field)}</p><div data-gt-others>${(fs.others || []).map((row, r) => otherRow(q, r, row)).join("")}</div>`;
    html += `<button type="button" class="gt-button gt-button--secondary" data-gt-add-other>${esc(W.honorAdd(q.words.other))}</button>`;
    return `<div class="gt-choices">${html}</div>`;
  },
  read(q, f) {
    const fs = { none: f.checked(fid(q, "none")), checked: {}, dates: {}, others: f.rows("[data-gt-other]", ["name", "date", "tier"]) };
    q.options.forEach((o, i) => {
      fs.checked[o.value] = f.checked(fid(q, i));
      fs.dates[o.value] = f.value(`date-${i}`);
    });
    return fs;
  },
  toAnswer(q, fs) {
    const targets = { [q.id]: fid(q, 0) };
    if (fs.none) return { value: [], targets };
    const value = [];
    const errors = [];
    q.options.forEach((o, i) => {
      if (!fs.checked[o.value]) return;
      const item = { name: o.value };
      const index = value.length;
      targets[`${q.id}[${index}]`] = fid(q, i);
      targets[`${q.id}[${index}].name`] = fid(q, i);
      targets[`${q.id}[${index}].date`] = fid(q, i, "date");
      const d = parseDate(fs.dates[o.value]);
      if (d.error) errors.push({ field: fid(q, i, "date"), message: `${o.label}：${d.error}` });
      else if (d.value) item.date = d.value;
      value.push(item);
    });
    fs.others.forEach((row, r) => {
      const name = row.name.trim();
      if (!name && !row.date.trim()) return;
      const index = value.length;
      targets[`${q.id}[${index}]`] = fid(q, "other", r, "name");
      targets[`${q.id}[${index}].name`] = fid(q, "other", r, "name");
      targets[`${q.id}[${index}].date`] = fid(q, "other", r, "date");
      targets[`${q.id}[${index}].tier`] = fid(q, "other", r, "tier");
      if (!name) errors.push({ field: fid(q, "other", r, "name"), message: W.honorNameMissing });
      const item = { name };
      const d = parseDate(row.date);
      if (d.error) errors.push({ field: fid(q, "other", r, "date"), message: `${name || q.words.other}：${d.error}` });
      else if (d.value) item.date = d.value;
      if (row.tier) item.tier = row.tier;
      value.push(item);
    });
    if (!value.length && !errors.length) return { errors: [{ field: fid(q, 0), message: W.chooseHonors(q.words.none) }] };
    return errors.length ? { errors } : { value, targets };
  },
  summary(q, answer) {
    if (!Array.isArray(answer) || !answer.length) return esc(W.noHonors);
    return answer
      .map((item) => {
        const h = typeof item === "string" ? { name: item } : item || {};
        const bits = [h.date ? cnDate(h.date) : "", h.tier ? W.honorTierOption(q.tiers[h.tier] || h.tier) : ""].filter(Boolean);
        return esc(h.name + (bits.length ? `（${bits.join("，")}）` : ""));
      })
      .join("<br>");
  },
  first: (q) => fid(q, 0),
};
