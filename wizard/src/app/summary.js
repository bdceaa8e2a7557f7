// The error summary of the tool pages (单位批量自测, 数据检查与预览): one summary at the top with a link to each
// field, the message beside the field too; nothing the person entered is cleared (govuk-frontend's error
// summary, as the wizard's questions show theirs).
import { esc } from "./html.js";

/** Hide the summary and every field's message. */
export function clearErrors(root, summary) {
  summary.hidden = true;
  summary.innerHTML = "";
  for (const el of root.querySelectorAll(".gt-error-message")) {
    el.hidden = true;
    el.textContent = "";
  }
  for (const el of root.querySelectorAll(".gt-has-error")) el.classList.remove("gt-has-error");
}

/** Show `message` in the summary (a link to `fieldId`, else to the page's heading) and beside the field;
 * `extra` is a line under it (what to do next). The summary takes the focus. */
export function showError(root, summary, { title, message, fieldId = null, extra = "" }) {
  const target = fieldId || "gt-heading";
  summary.innerHTML = `<h2 class="gt-error-summary__title">${esc(title)}</h2><ul class="gt-error-summary__list"><li><a href="#${esc(target)}" data-gt-focus="${esc(target)}">${esc(message)}</a></li></ul>${extra ? `<p>${esc(extra)}</p>` : ""}`;
  summary.hidden = false;
  if (fieldId) {
    const slot = root.querySelector(`#${CSS.escape(fieldId)}-error`);
    if (slot) {
      slot.textContent = message;
      slot.hidden = false;
      slot.closest("[data-gt-field]")?.classList.add("gt-has-error");
    }
  }
  summary.focus();
}

/** A summary's link pressed: the focus moves to its field (the page does not jump under the fixed header).
 * True when the click was one. */
export function focusFrom(e, root) {
  const link = e.target.closest?.("a[data-gt-focus]");
  if (!link) return false;
  e.preventDefault();
  const target = root.querySelector(`#${CSS.escape(link.dataset.gtFocus)}`);
  target?.focus({ preventScroll: true });
  target?.scrollIntoView?.({ block: "start" });
  return true;
}
