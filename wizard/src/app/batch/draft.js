// The 推荐公示 draft's part of the batch page (pure: tests beside): the people it may list, each with the
// level to apply for (the highest open one chosen), the employer and the first day; what the page can
// refuse before asking the engine.
import { cnDate, esc } from "../html.js";
import { clauseLink } from "../screens/shell.js";
import { BW, W } from "../words.js";
import { parseDate } from "../answers/parse.js";
import { field } from "./field.js";

/** The draft's form for a table: pathway A's rows with an open level; `clauses` the build's, `workdays` the
 * posting's length (guantong.workdays.POSTING_WORKDAYS). */
export function draftMarkup(table, { where, clauses, workdays }) {
  const names = Object.fromEntries(table.levels.map((lv) => [`${lv.direction}:${lv.id}`, lv.name]));
  const people = table.rows.filter((r) => r.direction === "skill_to_title" && r.eligible.length);
  const basis = `<p>${esc(BW.noticeIntro(workdays))}${clauseLink(clauses, "2.5.1.3")}</p>`;
  if (!people.length) return `<h2 id="gt-notice-title" tabindex="-1">${esc(BW.noticeHeading)}</h2>${basis}<p>${esc(BW.noticeNobody)}</p>`;
  const picks = people
    .map((r) => {
      const label = `${r.name}${r.id ? `（${r.id}）` : ""}`;
      const options = r.eligible
        .map((lid) => `<option value="${esc(lid)}"${lid === r.highest ? " selected" : ""}>${esc(names[`skill_to_title:${lid}`])}</option>`)
        .join("");
      return `<tr><td><input type="checkbox" id="gt-pick-${r.i}" data-gt-pick="${r.i}" checked> <label for="gt-pick-${r.i}">${esc(label)}</label></td><td><select class="gt-select" aria-label="${esc(BW.pickLevel(label))}" data-gt-level="${r.i}">${options}</select></td></tr>`;
    })
    .join("");
  return `<h2 id="gt-notice-title" tabindex="-1">${esc(BW.noticeHeading)}</h2>${basis}
<form class="gt-form" data-gt-notice-form novalidate aria-labelledby="gt-notice-title">
  <p class="gt-actions gt-batch__picks"><button type="button" class="gt-button gt-button--secondary" data-gt-pick-all="true">${esc(BW.pickAll)}</button> <button type="button" class="gt-button gt-button--secondary" data-gt-pick-all="false">${esc(BW.pickNone)}</button> <span class="gt-hint" data-gt-picked role="status">${esc(BW.picked(people.length, people.length))}</span></p>
  <div class="gt-batch__scroll gt-batch__scroll--picks"><table class="gt-batch__table"><thead><tr><th scope="col">${esc(BW.pick)}</th><th scope="col">${esc(BW.level)}</th></tr></thead><tbody>${picks}</tbody></table></div>
  ${field("gt-notice-employer", BW.employer, "", `<input class="gt-input" type="text" id="gt-notice-employer" autocomplete="organization" aria-describedby="gt-notice-employer-error">`)}
  ${field("gt-notice-start", BW.postingStart, BW.postingHint, `<input class="gt-input gt-input--date" type="text" id="gt-notice-start" inputmode="numeric" autocomplete="off" aria-describedby="gt-notice-start-hint gt-notice-start-error">`)}
  <p class="gt-hint" data-gt-period role="status"></p>
  ${
    where.download && where.print
      ? `<div class="gt-actions"><button type="submit" class="gt-button">${esc(BW.makeNotice)}</button> <button type="button" class="gt-button gt-button--secondary" data-gt-notice-save hidden>${esc(BW.downloadNotice)}</button></div>`
      : `<p class="gt-batch__needs" data-gt-needs-browser>${esc(W.where.batchNeeds)}</p>`
  }
</form>`;
}

/** What the page refuses before a window opens: [message, field id or null], else null. */
export function draftRefusal({ picks, employer, start }) {
  if (!picks.length) return [BW.pickSomeone, null];
  if (!employer.trim()) return [BW.fillEmployer, "gt-notice-employer"];
  if (start.empty) return [BW.fillStart, "gt-notice-start"];
  if (start.error) return [`${BW.postingStart}：${start.error}`, "gt-notice-start"];
  return null;
}

// --- the form at work (the page's engine, its window for printing) -----------------------------------
/** The count of people picked, said beside the buttons; a change forgets the draft made. */
export function countPicks(page) {
  const boxes = [...page.root.querySelectorAll("[data-gt-pick]")];
  const out = page.$("[data-gt-picked]");
  if (out) out.textContent = BW.picked(boxes.filter((b) => b.checked).length, boxes.length);
  clearNotice(page);
}

/** The draft's period and file forgotten (a refused date, a list changed): nothing stale stays. */
export function clearNotice(page) {
  page.notice = null;
  const period = page.$("[data-gt-period]");
  if (period) period.textContent = "";
  const save = page.$("[data-gt-notice-save]");
  if (save) save.hidden = true;
}

/** The draft made by the engine (batch_notice) and printed; `workdays` as for draftMarkup. */
export async function makeNotice(page, workdays) {
  if (!(page.where.download && page.where.print)) return; // said beside the form: needs the system browser
  page.clearErrors();
  const picks = [...page.root.querySelectorAll("[data-gt-pick]")]
    .filter((box) => box.checked)
    .map((box) => [Number(box.dataset.gtPick), page.root.querySelector(`[data-gt-level="${box.dataset.gtPick}"]`).value]);
  // What the page can tell at once is told before any window opens (no blank window that closes again).
  const start = parseDate(page.$("#gt-notice-start").value, { full: true });
  const refused = draftRefusal({ picks, employer: page.$("#gt-notice-employer").value, start });
  if (refused) {
    clearNotice(page);
    page.showError(...refused);
    return;
  }
  // Opened now, inside the click, so that no popup blocker stops it; filled once the engine answers.
  const win = window.open("", "_blank");
  const reply = await page.engine.call("batch_notice", {
    picks,
    employer: page.$("#gt-notice-employer").value,
    posting_start: page.$("#gt-notice-start").value,
  });
  if (!reply.ok) {
    win?.close();
    clearNotice(page);
    const ids = { employer: "gt-notice-employer", posting_start: "gt-notice-start" };
    const input = reply.error.kind === "input";
    page.showError(input ? reply.error.message : page.failure(reply), input ? ids[reply.error.field] || null : null);
    return;
  }
  const value = reply.value;
  page.notice = value;
  page.$("[data-gt-period]").textContent = BW.period(cnDate(value.first), cnDate(value.last), workdays);
  page.$("[data-gt-notice-save]").hidden = false;
  if (!win) {
    page.showError(BW.popupBlocked, null);
    return;
  }
  win.document.open();
  win.document.write(value.html);
  win.document.close();
  win.focus();
  if (typeof win.print === "function") win.print();
}
