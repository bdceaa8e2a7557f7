// One person's full result on the batch page: the engine's row (batch_row) shown as the wizard's result
// screen shows it, with the clause links; closing it gives the focus back to its row's button.
import { esc } from "../html.js";
import { resultBody } from "../screens/result.js";
import { PAGES } from "../screens/shell.js";
import { BW, W } from "../words.js";

// --- one person's full result ------------------------------------------------------------------------
export async function openRow(page, i) {
  const row = page.table.rows[i];
  const reply = await page.engine.call("batch_row", { i });
  const box = page.$("[data-gt-detail]");
  const title = BW.detailTitle(row.name || "—", row.sheet, row.number);
  let body;
  if (!reply.ok) body = `<p>${esc(page.failure(reply))}</p>`;
  else if (reply.value.error !== undefined) body = `<p class="gt-batch__error">${esc(BW.rowError)}${esc(reply.value.error)}</p>`;
  else body = resultBody(reply.value.result, { policyPage: PAGES.policy, h: 3, words: { ...W, ...BW.ofPerson } });
  box.innerHTML = `<h2 id="gt-detail-title" tabindex="-1">${esc(title)}</h2>${body}<p><button type="button" class="gt-button gt-button--secondary" data-gt-close>${esc(BW.close)}</button></p>`;
  box.hidden = false;
  box.dataset.row = String(i);
  box.querySelector("h2").focus();
  box.scrollIntoView?.({ block: "start" });
}

export function closeRow(page) {
  const box = page.$("[data-gt-detail]");
  const was = box.dataset.row;
  box.hidden = true;
  box.innerHTML = "";
  delete box.dataset.row;
  if (was !== undefined) page.root.querySelector(`[data-gt-row="${was}"]`)?.focus();
}
