// When the engine cannot run: why, 重试 (the answers stay), and the printable condition tables to judge by.
import { esc } from "../html.js";
import { storage } from "../store.js";
import { W } from "../words.js";

/** `stored` says where the answers are kept (null: say nothing of them, as on the page built ahead for a
 * browser that cannot run the wizard, where nothing has been answered). */
export function unavailableHtml({ message, unsupported }, pages, { stored = Boolean(storage) } = {}) {
  const why = message ? `<span class="gt-unavailable__why">${esc(W.unavailableWhy(message))}</span>` : "";
  const intro = unsupported
    ? `<h1 class="gt-heading" id="gt-heading" tabindex="-1">${esc(W.unsupportedTitle)}</h1><p>${esc(W.unsupportedText)}${why}</p>`
    : `<h1 class="gt-heading" id="gt-heading" tabindex="-1">${esc(W.unavailableTitle)}</h1><p>${esc(W.unavailableText)}${why}${esc(W.unavailableRetry)}</p>`;
  const retry = unsupported ? "" : `<button type="button" class="gt-button" data-gt-retry>${esc(W.retry)}</button>`;
  return `
<div class="gt-unavailable" role="alert">
  ${intro}
  ${retry}
  <p>${esc(W.useTables)}</p>
  <ul class="gt-unavailable__links">
    <li><a href="${pages.a}">${esc(W.tableA)}</a></li>
    <li><a href="${pages.b}">${esc(W.tableB)}</a></li>
    <li><a href="${pages.policy}">${esc(W.noticeText)}</a></li>
  </ul>
  <p>${unsupported ? esc(W.newerBrowser) : ""}${stored === null ? "" : esc(W.answersKept(stored))}</p>
  ${unsupported ? "" : `<p><a class="gt-link" href="#check" data-gt-nav data-gt-to="check">${esc(W.backToCheck)}</a></p>`}
</div>`;
}
