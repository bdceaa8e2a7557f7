// The staff page's forms (数据检查与预览): each common edit declared once as data, its markup, and its
// fields read back as the Python side takes them (guantong_tools/staff.py FORMS: the same names).
import { esc } from "../html.js";
import { CW, V } from "../words.js";

const F = CW.forms;
const text = (name, [label, hint], extra = {}) => ({ name, label, hint, kind: "text", ...extra });

/** The forms, from the build's data: `tiers` [[id, name]] of pathway A's levels, `holidayNames` in order. */
export function formsOf({ tiers, holidayNames }) {
  const pathways = Object.keys(V.pathway).map((id) => [id, V.pathway[id].title]);
  return [
    {
      id: "round",
      title: F.round.title,
      fields: [
        text("year", F.round.year, { width: 4 }),
        text("deadline", F.round.deadline, { width: 10 }),
        text("document", F.round.document),
        { name: "pathways", label: F.round.pathways[0], hint: F.round.pathways[1], kind: "checks", options: pathways, all: true },
      ],
    },
    {
      id: "honor",
      title: F.honor.title,
      fields: [
        { name: "mode", label: F.honor.mode[0], hint: "", kind: "radios", options: Object.entries(F.honor.modes), first: true },
        text("old", F.honor.old),
        text("name", F.honor.name),
        { name: "tier", label: F.honor.tier[0], hint: F.honor.tier[1], kind: "radios", options: tiers },
        text("aliases", F.honor.aliases),
      ],
    },
    {
      id: "holidays",
      title: F.holidays.title,
      intro: F.holidays.intro,
      fields: [
        text("year", F.holidays.year, { width: 4 }),
        text("document", F.holidays.document),
        ...holidayNames.flatMap((name, i) => [
          text(`off_first_${i}`, [`${name}：${F.holidays.first}`, ""], { width: 10, group: name }),
          text(`off_last_${i}`, [`${name}：${F.holidays.last}`, ""], { width: 10 }),
          text(`workdays_${i}`, [`${name}：${F.holidays.workdays}`, ""]),
        ]),
      ],
    },
    {
      id: "change",
      title: F.change.title,
      intro: F.change.intro,
      fields: [text("date", F.change.date, { width: 10 }), text("summary", F.change.summary), text("document", F.change.document)],
    },
  ];
}

export const fieldId = (form, name) => `gt-staff-${form}-${name}`;

function control(form, f) {
  const id = fieldId(form.id, f.name);
  const described = `${id}-hint ${id}-error`;
  if (f.kind === "text") {
    const width = f.width ? ` gt-input--w${f.width}` : "";
    return `<input class="gt-input${width}" type="text" id="${id}" name="${f.name}" autocomplete="off" aria-describedby="${described}">`;
  }
  const type = f.kind === "checks" ? "checkbox" : "radio";
  const items = f.options
    .map(
      ([value, label], i) =>
        `<div class="gt-choice"><input class="gt-choice__input" type="${type}" id="${id}-${i}" name="${f.name}" value="${esc(value)}"${f.all || (f.first && i === 0) ? " checked" : ""}><label class="gt-choice__label" for="${id}-${i}">${esc(label)}</label></div>`,
    )
    .join("");
  return `<div class="gt-choices" id="${id}" tabindex="-1" aria-describedby="${described}">${items}</div>`;
}

function fieldMarkup(form, f) {
  const id = fieldId(form.id, f.name);
  const heading = f.group ? `<h4 class="gt-staff__group">${esc(f.group)}</h4>` : "";
  const label =
    f.kind === "text" ? `<label class="gt-label" for="${id}">${esc(f.label)}</label>` : `<p class="gt-label">${esc(f.label)}</p>`;
  return `${heading}<div class="gt-field" data-gt-field="${f.name}">${label}
<p class="gt-hint" id="${id}-hint">${esc(f.hint)}</p>
<p class="gt-error-message" id="${id}-error" hidden></p>
${control(form, f)}</div>`;
}

/** One form as a disclosure: its fields and 写入文件. */
export function formMarkup(form) {
  const intro = form.intro ? `<p class="gt-hint">${esc(form.intro)}</p>` : "";
  return `<details class="gt-staff__form" data-gt-staff-form-box="${form.id}"><summary>${esc(form.title)}</summary>
<form class="gt-form" data-gt-staff-form="${form.id}" novalidate>${intro}
${form.fields.map((f) => fieldMarkup(form, f)).join("\n")}
<div class="gt-actions"><button type="submit" class="gt-button">${esc(CW.write)}</button></div>
</form></details>`;
}

/** A form's fields as staff.py reads them: text as typed, check boxes as the list of values ticked. */
export function readForm(form, data) {
  const out = {};
  for (const f of form.fields) {
    if (f.kind === "checks") out[f.name] = data.getAll(f.name).map(String);
    else out[f.name] = String(data.get(f.name) ?? "");
  }
  return out;
}
