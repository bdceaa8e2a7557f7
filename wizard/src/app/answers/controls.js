// The controls the answer types are made of (GOV.UK's radios, checkboxes, text inputs).
import { attr, cnDate, esc, fid } from "../html.js";
import { W } from "../words.js";
import { parseDate, wholeDate } from "./parse.js";

export const UNSURE = "__unsure__";
export const OTHER = "__other__";

export function radio(q, index, value, label, chosen, extra = "") {
  const id = fid(q, index);
  return `<div class="gt-choice"><input class="gt-choice__input" type="radio" id="${id}" name="choice" value="${esc(value)}"${attr(chosen, "checked")}${extra}><label class="gt-choice__label" for="${id}">${esc(label)}</label></div>`;
}

export function checkbox(q, idPart, label, on, extra = "", hint = "") {
  const id = fid(q, idPart);
  // A hint (the usual names of a title level) beside the label, not in it: the label stays the choice's name.
  const described = hint ? ` aria-describedby="${id}-hint"` : "";
  const hintHtml = hint ? `<span class="gt-choice__hint" id="${id}-hint">${esc(hint)}</span>` : "";
  return `<div class="gt-choice gt-choice--check"><input class="gt-choice__input" type="checkbox" id="${id}"${attr(on, "checked")}${described}${extra}><label class="gt-choice__label" for="${id}">${esc(label)}</label>${hintHtml}</div>`;
}

/** How to write a date in this question's fields (the deadline's must be whole). */
export const dateHint = (q) => (wholeDate(q) ? W.deadlineHint : W.dateHint);

export function dateInput(q, idParts, name, value, label, extra = "") {
  const id = fid(q, ...idParts);
  const whole = wholeDate(q);
  return `<div class="gt-field" data-gt-field="${id}"><label class="gt-label" for="${id}">${esc(label)}</label><p class="gt-hint" id="${id}-hint">${esc(dateHint(q))}</p><p class="gt-error-message" id="${id}-error" hidden></p><input class="gt-input gt-input--date" type="text" id="${id}" name="${esc(name)}" value="${esc(value)}" autocomplete="off" spellcheck="false" aria-describedby="${id}-hint ${id}-understood"${attr(whole, "data-gt-whole")}${extra}>${understoodHtml(id, value, whole)}</div>`;
}

/** What a date field understood of what is typed ("您填写的是：2018年7月（具体日期不清楚）"), said as it is
 * typed (aria-live), so that a person sees a month-only date was taken as one. */
export function understoodHtml(id, value, whole = false) {
  return `<p class="gt-understood" id="${id}-understood" aria-live="polite">${esc(understood(value, whole))}</p>`;
}

function understood(value, whole) {
  const d = parseDate(value, { full: whole });
  return d.value ? W.understood(cnDate(d.value), d.partial) : "";
}

/** Refresh a date field's reading as it is typed (main.js's input events). */
export function showUnderstood(input) {
  const out = input.ownerDocument.getElementById(`${input.id}-understood`);
  if (out) out.textContent = understood(input.value, input.hasAttribute("data-gt-whole"));
}

/** One text field answering the whole question (its label is the question's heading). */
export function soleInput(q, fs, { kind = "", hint = "", unit = "", list = [] } = {}) {
  const id = fid(q);
  const cls = kind ? `gt-input gt-input--${kind}` : "gt-input";
  const mode = kind === "count" ? ' inputmode="numeric"' : "";
  const listAttr = list.length ? ` list="${id}-list"` : "";
  const datalist = list.length
    ? `<datalist id="${id}-list">${list.map((o) => `<option value="${esc(o.value)}"></option>`).join("")}</datalist>`
    : "";
  const hintHtml = hint ? `<p class="gt-hint" id="${id}-format">${esc(hint)}</p>` : "";
  const whole = kind === "date" && wholeDate(q);
  const dated = kind === "date" ? understoodHtml(id, fs.text, whole) : "";
  const input = `<input type="text" id="${id}" name="text" value="${esc(fs.text)}" class="${cls}"${mode}${listAttr} autocomplete="off" spellcheck="false" aria-labelledby="gt-heading" aria-describedby="gt-hint${hint ? ` ${id}-format` : ""}${dated ? ` ${id}-understood` : ""}"${attr(whole, "data-gt-whole")}>`;
  return `<div class="gt-field" data-gt-field="${id}">${hintHtml}<p class="gt-error-message" id="${id}-error" hidden></p><div class="gt-input-row">${input}${unit ? `<span class="gt-unit">${esc(unit)}</span>` : ""}</div>${dated}${datalist}</div>`;
}

export function unsureBox(q, on) {
  return `<div class="gt-or">${esc(W.or)}</div>${checkbox(q, "unsure", q.words.unsure, on, ' data-gt-exclusive="unsure"')}`;
}

export function unsureRadio(q, chosen) {
  return `<div class="gt-or">${esc(W.or)}</div>${radio(q, "u", UNSURE, q.words.unsure, chosen)}`;
}

/** What the question wants when nothing is chosen: "请选择一项，或选择“不确定”". */
export const need = (q) => (q.unsure ? W.orUnsure(q.words.unsure) : "");

/** A form's fields by name, for the types' read(): the same calls in the browser and in the tests. */
export function formReader(form) {
  return {
    value: (name) => form.elements.namedItem(name)?.value ?? "",
    radio: (name) => form.querySelector(`input[name="${name}"]:checked`)?.value ?? null,
    checked: (id) => Boolean(form.querySelector(`#${id}`)?.checked),
    rows: (selector, fields) =>
      [...form.querySelectorAll(selector)].map((row) =>
        Object.fromEntries(fields.map((f) => [f, row.querySelector(`[data-field="${f}"]`)?.value ?? ""])),
      ),
  };
}
