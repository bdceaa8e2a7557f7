// The wizard's first screen built ahead, into the page's HTML (build_scripts/wizard/bundle.py runs
// wizard/src/prerender.mjs under Node at build time): the same shell, question markup and words as the
// page script draws, so a phone shows the first question, answerable, before the script has arrived;
// the script, when it mounts, carries over what was chosen (main.js). Nothing here touches the DOM.
import { typeOf } from "./answers/index.js";
import { idleStatus } from "./engine.js";
import { questionHtml } from "./screens/question.js";
import { clauseLink, shellHtml, toolsHtml } from "./screens/shell.js";
import { describeStatus } from "./screens/status.js";
import { PAGES } from "./screens/shell.js";
import { unavailableHtml } from "./screens/unavailable.js";
import { STORE_KEY } from "./store.js";
import { Walker } from "./walker.js";
import { SW } from "./words.js";

/** The first screen for `build` (app/build.js's BUILD): {html, tooOld, first, storeKey}; `tooOld` is what
 * a browser that cannot run the engine shows instead (start.js tells, ahead.js shows it). No date: only the
 * deadline question's options depend on today, and it comes after the pathway is chosen, so the same
 * sources always build the same page. */
export function prerender(build) {
  const walker = new Walker(build.flow);
  const first = build.flow.questions[0].id;
  if (first === "deadline") throw new Error("the first question must not depend on the date");
  const q = walker.question(first, {}, null);
  const screen = questionHtml(q, typeOf(q).toForm(q, undefined, false), { clause: clauseLink(build.clauses, q.clause) });
  const status = describeStatus(idleStatus(build.downloadBytes), false);
  const tooOld = unavailableHtml({ message: "", unsupported: true }, PAGES, { stored: null });
  return { html: shellHtml({ status, screen, tools: toolsHtml() }), tooOld, first, storeKey: STORE_KEY };
}

/** The header's 关怀模式 switch, in every page's header beside the palette toggle (overrides/partials/
 * palette.html); app/site.js switches it (care.js). */
export const careButtonHtml = () =>
  `<button type="button" class="md-header__button gt-care-toggle" data-gt-care-switch aria-pressed="false" title="${SW.careTitle}">${SW.care}</button>`;
