// Where something does not work here (where.js: inside WeChat and other apps' browsers, or a browser
// without service workers), the wizard and the batch page say so once, in one calm line: what works here,
// what needs the system browser, and, inside an app, a small drawn guide to 「···」→「在浏览器中打开」.
// Dismissed with 知道了, it stays away on this device (localStorage; the privacy page lists it).
import { esc } from "../html.js";
import { storage } from "../store.js";
import { W } from "../words.js";

export const WHERE_KEY = "guantong-where:v1";

/** What needs the system browser here (W.where.need's ids), from where.js's answer. */
export function needsHere(w) {
  return [!w.offline && "offline", !w.print && "print", !w.download && "download"].filter(Boolean);
}

function dismissed() {
  try {
    return storage?.getItem(WHERE_KEY) === "dismissed";
  } catch {
    return false;
  }
}

/** The drawing: the app's title bar with its 「···」 button marked, and the menu item to press. */
export function figureSvg(item) {
  return `<svg class="gt-where__figure" viewBox="0 0 320 168" role="img" aria-label="${esc(W.where.figure(item))}">
<rect x="8" y="8" width="304" height="152" rx="14" fill="#f5f5f5" stroke="#8c8c8c" stroke-width="2"/>
<path d="M8 22a14 14 0 0 1 14-14h276a14 14 0 0 1 14 14v28H8z" fill="#e8e8e8"/>
<text x="140" y="36" text-anchor="middle" font-size="15" fill="#262626">${esc(W.where.figureTitle)}</text>
<rect x="248" y="17" width="52" height="26" rx="13" fill="#fff" stroke="#262626" stroke-width="1.5"/>
<text x="274" y="35" text-anchor="middle" font-size="18" font-weight="700" fill="#262626">···</text>
<rect x="242" y="12" width="64" height="36" rx="18" fill="none" stroke="#c2410c" stroke-width="3"/>
<rect x="20" y="96" width="280" height="56" rx="10" fill="#fff" stroke="#bfbfbf"/>
<path d="M272 50C270 76 240 86 206 98" fill="none" stroke="#c2410c" stroke-width="3"/>
<path d="M199 91l-6 13 14 0z" fill="#c2410c"/>
<rect x="30" y="106" width="168" height="36" rx="8" fill="#fff4ec" stroke="#c2410c" stroke-width="2.5"/>
<text x="114" y="129" text-anchor="middle" font-size="15" fill="#262626">${esc(item)}</text>
</svg>`;
}

/** The line (and, inside an app, the guide) for `w`, or "" when nothing is missing or it was dismissed.
 * `batch`: the batch page's words (reading works; downloads and the draft need the browser). */
export function guideHtml(w, { batch = false } = {}) {
  const needs = needsHere(w);
  if (!needs.length || dismissed()) return "";
  const names = needs.map((id) => W.where.need[id]).join("、");
  const app = w.app ? W.where.app[w.app] : "";
  const line = w.inApp ? (batch ? W.where.batchLine(app) : W.where.line(app, names, w.caps.canvas)) : W.where.lineBrowser(names);
  const item = W.where.item(w.app, w.os);
  const how = w.inApp
    ? `<details class="gt-where__how"><summary class="gt-where__summary">${esc(W.where.how)}</summary>${figureSvg(item)}<ol class="gt-where__steps">${W.where
        .steps(item)
        .map((step) => `<li>${esc(step)}</li>`)
        .join("")}</ol></details>`
    : "";
  return `<div class="gt-where gt-noprint" data-gt-where-box data-app="${esc(w.app || "")}">
  <p class="gt-where__line">${esc(line)}</p>
  ${how}
  <button type="button" class="gt-button gt-button--secondary gt-where__dismiss" data-gt-where-dismiss>${esc(W.where.dismiss)}</button>
</div>`;
}

/** Draw the line into `slot` and let 知道了 put it away for good (focus goes to `after`, if given). */
export function showGuide(slot, w, { batch = false, after = null } = {}) {
  if (!slot) return;
  slot.innerHTML = guideHtml(w, { batch });
  slot.querySelector("[data-gt-where-dismiss]")?.addEventListener("click", () => {
    try {
      storage?.setItem(WHERE_KEY, "dismissed");
    } catch {
      // not stored: gone for this visit
    }
    slot.innerHTML = "";
    after?.focus?.({ preventScroll: true });
  });
}
