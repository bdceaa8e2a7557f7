// A form field as the batch page marks one up: label, hint, error line and control (the wizard's pattern).
import { esc } from "../html.js";

export function field(id, label, hint, input) {
  return `<div class="gt-field" data-gt-field>
  <label class="gt-label" for="${id}">${esc(label)}</label>
  <p class="gt-hint" id="${id}-hint">${esc(hint)}</p>
  <p class="gt-error-message" id="${id}-error" hidden></p>
  ${input}
</div>`;
}
