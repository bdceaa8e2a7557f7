// What surrounds every screen: the engine's status line, the banner, the screen itself, where the page
// runs (screens/guide.js: below the screen, so that the question never moves when it appears), and the tools
// (where the answers are kept, 清除). The same markup is mounted by main.js and built into the page ahead
// of the script by prerender.js, so that both draw the same page.
import { esc } from "../html.js";
import { SW, V, W } from "../words.js";
import { statusShell } from "./status.js";

/** The site's pages the wizard and the batch page link to, relative to theirs (one below the root). */
export const PAGES = {
  policy: `../${V.pages.policy}`,
  privacy: `../${V.pages.privacy}`,
  years: `../${V.pages.years}`,
  a: `../${V.pathway.skill_to_title.page}`,
  b: `../${V.pathway.title_to_skill.page}`,
};

/** The wizard's frame; `status` (describeStatus) and the screen and tools markup when built ahead. */
export const shellHtml = ({ status = null, screen = "", tools = "" } = {}) => `${statusShell(status)}
<div class="gt-banner gt-noprint" data-gt-banner hidden></div>
<div class="gt-screen" data-gt-screen>${screen}</div>
<div class="gt-where-slot" data-gt-where></div>
<div class="gt-tools gt-noprint" data-gt-tools>${tools}</div>`;

/** The link to a clause on the policy page, from the build's citations. */
export function clauseLink(clauses, id) {
  const c = clauses[id];
  return c ? `<a class="gt-clause" href="${PAGES.policy}#${esc(c.anchor)}">${esc(c.cite)}</a>` : "";
}

// Whether care mode is on as the page is drawn (false when the page is built ahead, under Node: ahead.js
// sets it before the first paint).
const careShown = () => typeof document === "object" && document.documentElement.hasAttribute("data-gt-care");

/** The tools under every screen: where the answers are kept, 清除 and the 关怀模式 switch (care.js), or
 * the confirmation of 清除. */
export function toolsHtml({ confirming = false, note = "", stored = true } = {}) {
  return confirming
    ? `<div class="gt-confirm" role="group" aria-labelledby="gt-confirm-text"><p id="gt-confirm-text">${esc(W.clearConfirm)}</p><button type="button" class="gt-button gt-button--warning" data-gt-clear-yes>${esc(W.clearYes)}</button> <button type="button" class="gt-button gt-button--secondary" data-gt-clear-no>${esc(W.cancel)}</button></div>`
    : `<p class="gt-tools__note">${esc(stored ? W.stored : W.notStored)} <a href="${PAGES.privacy}">${esc(W.privacy)}</a>${note ? ` <span role="status">${esc(note)}</span>` : ""}</p><button type="button" class="gt-button gt-button--secondary" data-gt-clear>${esc(W.clear)}</button> <button type="button" class="gt-button gt-button--secondary gt-tools__care" data-gt-care-switch aria-pressed="${careShown()}">${esc(SW.care)}</button>`;
}
