// The result: the panel (what the person can apply for, or why not and from when), each level with its
// routes and reasons linked to their clauses, next steps, preconditions, notes; print, share link and
// its QR code. Until the engine is ready it shows the engine's real progress and the result the moment
// it is; when the engine cannot load, the unavailable screen.
import { cnDate, cnDates, dateHtml, esc, linkPhones } from "../html.js";
import { SW, W } from "../words.js";
import { PAGES } from "./shell.js";
import { describeStatus } from "./status.js";

const CLS = { eligible: "eligible", not_eligible: "not-eligible", undetermined: "undetermined" };
const PRE_CLS = { met: "eligible", not_met: "not-eligible", unknown: "undetermined" };

export function waitingHtml() {
  return `<h1 class="gt-heading" id="gt-heading" tabindex="-1">${esc(W.resultTitle)}</h1>
<div class="gt-waiting" data-gt-waiting>
  <p class="gt-loading">${esc(W.waitingEngine)}</p>
  <div class="gt-engine__bar"><progress max="100" value="0" aria-label="${esc(W.progressLabel)}"></progress><span class="gt-engine__bytes" data-gt-waiting-bytes></span></div>
  <p class="gt-waiting__stage" data-gt-waiting-stage></p>
</div>`;
}

/** Keep the waiting screen's progress with the engine's. */
export function showWaiting(screen, status) {
  const box = screen.querySelector("[data-gt-waiting]");
  if (!box) return;
  const d = describeStatus(status, false, ""); // nothing to answer on this screen: no 您可以继续回答问题
  const progress = box.querySelector("progress");
  progress.value = d.pct ?? 100;
  progress.textContent = `${progress.value}%`;
  box.querySelector("[data-gt-waiting-bytes]").textContent = d.bytes ?? "";
  box.querySelector("[data-gt-waiting-stage]").textContent = d.text;
}

const tag = (text, cls) => `<strong class="gt-tag gt-tag--${cls}">${esc(text)}</strong>`;

function cited(item, clauses, policyPage) {
  const c = clauses[item.clause];
  const link = c?.anchor ? ` <a class="gt-clause" href="${policyPage}#${esc(c.anchor)}">（${esc(c.cite)}）</a>` : "";
  return `${cnDates(linkPhones(esc(item.message)))}${link}`;
}

/** Draw the share link's QR code into the result's place for it (its chunk was fetched at mount); the
 * chunk's module, for the result image. */
export async function showQr(screen, shareUrl) {
  const qrModule = await import("../qr.js");
  const box = screen.querySelector("[data-gt-qr-body]");
  if (!box) return qrModule;
  const qr = qrModule.qrSvg(shareUrl, W.qrLabel);
  box.innerHTML = qr ? `${qr}<p class="gt-qr__hint">${esc(W.qrHint)}</p>` : `<p class="gt-qr__hint">${esc(W.qrTooLong)}</p>`;
  return qrModule;
}

/** The verdict of a result, as its panel says it (and the result image, card.js): {cls, title, soon (the
 * next level that opens by time alone: [before, date, after] of W.fromDate, or null), pending (the
 * levels left 待定 beside an eligible one, or ""), deadline (the line of the years' end date and its
 * source)}. */
export function verdict(data, words = W) {
  const r = data.result;
  const names = data.level_names;
  const ids = Object.keys(r.levels);
  const upcoming = ids.filter((id) => r.levels[id].status !== "eligible" && r.levels[id].eligible_on);
  const undetermined = ids.filter((id) => r.levels[id].status === "undetermined");
  let cls, title;
  if (r.highest) {
    cls = "eligible";
    title = words.canApply(names[r.highest]);
  } else if (undetermined.length) {
    cls = "undetermined";
    title = words.undeterminedTitle;
  } else {
    cls = "not-eligible";
    title = upcoming.length ? words.notEligibleYet : words.notEligible;
  }
  const next = upcoming.find((id) => !r.highest || ids.indexOf(id) > ids.indexOf(r.highest));
  return {
    cls,
    title,
    soon: next ? W.fromDate(r.levels[next].eligible_on, names[next]) : null,
    pending: r.highest && undetermined.length ? W.pending(undetermined.map((id) => names[id]).join("、")) : "",
    deadline: W.countedTo(cnDate(r.deadline), W.deadlineSource[r.deadline_source] || "", r.deadline_source === "today"),
  };
}

/** What decides the levels left open, said once above the next steps (issue 31), by the reasons' kinds:
 * pathway B's levels waiting only on the occupation standard's years (the bridge's years_wait: the levels
 * and the years counted), with the way to find that number and back to its question; and the reasons
 * that a date known only to the month or the year decides (date_decides, rules.md T8). */
export function decidesHtml(data, { h = 2, cite, back = true, words = W } = {}) {
  const r = data.result;
  const parts = [];
  const wait = data.years_wait;
  if (wait) {
    const names = wait.levels.map((id) => data.level_names[id]).join("、");
    const link = back
      ? `<p><a class="gt-button gt-button--secondary" href="#change-required_years" data-gt-nav data-gt-to="change-required_years" data-gt-years-back>${esc(W.decidesYearsBack)}</a></p>`
      : "";
    parts.push(
      `<p class="gt-decides__years" data-gt-decides-years><strong>${esc(words.decidesYears(names, wait.counted))}</strong></p><p>${esc(W.decidesYearsWhere)}</p>${link}`,
    );
  }
  const dated = [...new Set(Object.values(r.levels).flatMap((lv) => lv.reasons.filter((x) => x.kind === "date_decides")))];
  const seen = new Set();
  const dates = dated.filter((x) => !seen.has(x.message) && seen.add(x.message));
  if (dates.length) parts.push(`<ul class="gt-list" data-gt-decides-dates>${dates.map((x) => `<li>${cite(x)}</li>`).join("")}</ul>`);
  return parts.length
    ? `<section class="gt-decides" data-gt-decides><h${h}>${esc(W.decidesHeading)}</h${h}>${parts.join("")}</section>`
    : "";
}

/** The parts of a result in the order a person needs them (GOV.UK's result pattern): the verdict, what
 * decides a 待定, the next steps; then each level in a disclosure with its routes and reasons and their
 * clauses, the materials, the preconditions, the notes. Section headings at level `h`; `words` speaks of
 * the person on the batch page (BW.ofPerson over W), to them in the wizard. */
export function resultParts(data, { policyPage, yearsPage = PAGES.years, h = 2, words = W, back = true }) {
  const r = data.result;
  const names = data.level_names;
  const cite = (item) => cited(item, data.clauses, policyPage);
  const ids = Object.keys(r.levels);
  const v = verdict(data, words);
  const strongDate = ([before, date, after]) => `${esc(before)}<strong>${dateHtml(date)}</strong>${esc(after)}`;
  const soon = v.soon ? `<p class="gt-panel__line">${strongDate(v.soon)}</p>` : "";
  const pending = v.pending ? `<p class="gt-panel__line">${esc(v.pending)}</p>` : "";
  const deadline = cnDates(esc(v.deadline));
  const levels = ids
    .map((id) => {
      const level = r.levels[id];
      const cls = CLS[level.status];
      const on = level.eligible_on ? `<p class="gt-level__on">${strongDate(W.levelOn(level.eligible_on))}</p>` : "";
      const routes = level.routes.length
        ? `<p class="gt-level__label">${esc(W.routesLabel)}</p><ul class="gt-list">${level.routes.map((x) => `<li><span class="gt-kind">${esc(W.routeKind[x.kind] || x.kind)}</span>${cite(x)}</li>`).join("")}</ul>`
        : "";
      // Left 待定 on the occupation's years (the reason's kind): where the page explains how they are set.
      const years =
        level.status === "undetermined" && level.reasons.some((x) => x.kind === "years_requirement")
          ? `<p class="gt-level__more"><a href="${esc(yearsPage)}">${esc(W.yearsHow)}</a></p>`
          : "";
      const reasons = level.reasons.length
        ? `<p class="gt-level__label">${esc(level.status === "undetermined" ? W.undeterminedReasons : W.reasonsLabel)}</p><ul class="gt-list">${level.reasons.map((x) => `<li>${cite(x)}</li>`).join("")}</ul>${years}`
        : "";
      return `<details class="gt-level gt-level--${cls}" data-level="${esc(id)}" data-status="${esc(level.status)}"><summary class="gt-details__summary gt-level__summary"><h${h + 1} class="gt-level__title">${esc(names[id])} ${tag(W.status[level.status], cls)}</h${h + 1}></summary>${on}${routes}${reasons}</details>`;
    })
    .join("");
  const pre = r.preconditions
    .map(
      (p) =>
        `<li class="gt-pre gt-pre--${PRE_CLS[p.status]}">${tag(W.precondition[p.status], PRE_CLS[p.status])} <span class="gt-pre__label">${esc(data.rule_labels[p.id] || p.id)}</span>：${cite(p)}</li>`,
    )
    .join("");
  const count = (status) => r.preconditions.filter((p) => p.status === status).length;
  const allMet = count("met") === r.preconditions.length;
  const preSummary = allMet
    ? W.allMet
    : [
        count("not_met") ? W.countNotMet(count("not_met")) : "",
        count("unknown") ? W.countUnknown(count("unknown")) : "",
        count("met") ? W.countMet(count("met")) : "",
      ]
        .filter(Boolean)
        .join("，");
  // What to do first in view; the rest of the procedure a tap away (and printed), so that the actions
  // come within two screens of a phone (issue 31).
  const FIRST_STEPS = 2;
  const step = (s) => `<li>${cite(s)}</li>`;
  const rest = r.next_steps.slice(FIRST_STEPS);
  // The office to ask and its number with the first steps, unless they give it already (issue 31).
  const given = r.next_steps.slice(0, FIRST_STEPS).some((s) => data.contact && s.message.includes(data.contact.phone));
  const contact =
    data.contact && !given ? `<p class="gt-steps__contact">${linkPhones(esc(W.cardPhone(data.contact.name, data.contact.phone)))}</p>` : "";
  const steps = r.next_steps.slice(0, FIRST_STEPS).map(step).join("");
  const moreSteps = rest.length
    ? `<details class="gt-details gt-steps-more"><summary class="gt-details__summary"><span class="gt-details__title">${esc(W.moreSteps(rest.length))}</span></summary><ol class="gt-steps" start="${FIRST_STEPS + 1}">${rest.map(step).join("")}</ol></details>`
    : "";
  const materials = data.materials?.names.length
    ? `<h${h + 1}>${esc(W.materialsHeading)}</h${h + 1}><ul class="gt-checklist">${data.materials.names.map((m) => `<li>${esc(m)}</li>`).join("")}</ul>`
    : "";
  const notes = r.notes.map((n) => `<li>${cite(n)}</li>`).join("");
  return {
    panel: `<div class="gt-panel gt-panel--${v.cls}" data-highest="${esc(r.highest || "")}" data-policy-version="${esc(data.policy_version)}">
  <p class="gt-panel__title">${esc(v.title)}</p>
  ${soon}${pending}
  <p class="gt-panel__line gt-panel__small">${deadline}</p>
</div>`,
    decides: decidesHtml(data, { h, cite, back, words }),
    steps: `<h${h}>${esc(W.nextHeading)}</h${h}>
<ol class="gt-steps">${steps}</ol>${contact}${moreSteps}`,
    details: `<h${h}>${esc(W.levelsHeading)}</h${h}>
<p class="gt-hint gt-noprint">${esc(W.levelsHint)}</p>
<div class="gt-levels">${levels}</div>
${materials}
<details class="gt-details"${allMet ? "" : " open"}>
  <summary class="gt-details__summary"><h${h} class="gt-details__title">${esc(W.preconditions(preSummary))}</h${h}></summary>
  <ul class="gt-pres">${pre}</ul>
</details>
<h${h}>${esc(W.notesHeading)}</h${h}>
<ul class="gt-notes">${notes}</ul>
<p class="gt-meta">${esc(words.disclaimer(data.notice))}</p>`,
  };
}

/** The whole result as one person's result on the batch page shows it (no actions of its own). */
export function resultBody(data, options) {
  const p = resultParts(data, { back: false, ...options });
  return `${p.panel}${p.decides}${p.steps}${p.details}`;
}

/** The result page. `where` (where.js) says what works here: no 打印 where printing cannot; inside an app
 * the image is kept by a long press, elsewhere saved by a button. */
export function resultHtml(data, { policyPage, where = { print: true, inApp: false } }) {
  const print = where.print ? `<button type="button" class="gt-button" data-gt-print>${esc(W.print)}</button>\n  ` : "";
  const parts = resultParts(data, { policyPage });
  return `
<a class="gt-back gt-noprint" href="#check" data-gt-nav data-gt-to="check">${esc(W.backToCheck)}</a>
<p class="gt-print-only gt-print-head">${esc(W.printHead(data.notice))}</p>
<h1 class="gt-heading" id="gt-heading" tabindex="-1">${esc(W.resultTitle)}</h1>
${parts.panel}
${parts.decides}
${parts.steps}
<div class="gt-actions gt-noprint">
  ${print}<button type="button" class="gt-button${where.print ? " gt-button--secondary" : ""}" data-gt-share>${esc(W.share)}</button>
  <button type="button" class="gt-button gt-button--secondary" data-gt-speak hidden>${esc(SW.speak)}</button>
  <a class="gt-link" href="#check" data-gt-nav data-gt-to="check">${esc(W.changeAnswers)}</a>
  <p class="gt-hint gt-speak-missing" data-gt-speak-missing hidden>${esc(SW.speakMissing)}</p>
</div>
<div class="gt-share gt-noprint" data-gt-share-box hidden>
  <label class="gt-label" for="gt-share-url">${esc(W.shareLabel)}</label>
  <input class="gt-input" id="gt-share-url" type="text" readonly>
  <button type="button" class="gt-button gt-button--secondary" data-gt-copy>${esc(W.copy)}</button>
  <p class="gt-share__note" data-gt-share-note role="status"></p>
  <p class="gt-share__link" data-gt-share-link hidden></p>
</div>
${parts.details}
<section class="gt-card gt-noprint" data-gt-card aria-labelledby="gt-card-title">
  <h2 id="gt-card-title" class="gt-card__title">${esc(W.imageHeading)}</h2>
  ${where.inApp ? `<p class="gt-card__hold"><strong>${esc(W.imageHoldApp)}</strong></p>` : ""}
  <div class="gt-card__body" data-gt-card-body><p class="gt-loading">${esc(W.imageDrawing)}</p></div>
  ${where.inApp ? "" : `<p><button type="button" class="gt-button gt-button--secondary" data-gt-save-image hidden>${esc(W.imageSave)}</button></p>`}
  <p class="gt-card__note">${esc(W.imageNote)}</p>
</section>
<section class="gt-qr" data-gt-qr aria-labelledby="gt-qr-title">
  <h2 id="gt-qr-title" class="gt-qr__title">${esc(W.qrTitle)}</h2>
  <div data-gt-qr-body></div>
</section>`;
}
