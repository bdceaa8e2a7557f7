// Reading a list on the batch page: the page's form, what is refused before the file goes to the engine
// (none chosen, empty, too large), the words of each stage the engine reports (these pure, tests beside),
// and the file read and decided.
import { esc } from "../html.js";
import { PAGES } from "../screens/shell.js";
import { fitStatus, statusShell } from "../screens/status.js";
import { BW, W } from "../words.js";
import { field } from "./field.js";
import { closeRow } from "./detail.js";
import { ACCEPT, mb } from "./files.js";

/** The page before a file: what it does, the template, the file and deadline fields, progress, results' places.
 * `build` carries the template's address and name. */
export const pageMarkup = (where, build) => `${statusShell()}
<h1 class="gt-heading" id="gt-heading" tabindex="-1">${esc(BW.title)}</h1>
<p>${esc(BW.intro)}</p>
<p class="gt-batch__privacy">${esc(BW.privacy)} <a href="${PAGES.privacy}">${esc(BW.privacyLink)}</a></p>
<div data-gt-where></div>
<p class="gt-batch__template">${where.download ? `<a class="gt-button gt-button--secondary" href="${esc(build.template)}" download="${esc(build.templateName)}" data-gt-template>${esc(BW.template)}</a> ` : ""}<span class="gt-hint">${esc(BW.templateHint)}</span></p>
${where.download ? "" : `<p class="gt-batch__needs" data-gt-needs-browser>${esc(W.where.batchNeeds)}</p>`}
<div class="gt-error-summary" data-gt-batch-error role="alert" tabindex="-1" hidden></div>
<form class="gt-form gt-batch__form" data-gt-batch-form novalidate>
  ${field("gt-batch-file", BW.fileLabel, BW.fileHint, `<div class="gt-drop" data-gt-drop><input class="gt-file" type="file" id="gt-batch-file" accept="${ACCEPT}" aria-describedby="gt-batch-file-hint gt-batch-file-error"><span class="gt-drop__note" data-gt-drop-note hidden>${esc(BW.drop)}</span></div>`)}
  ${field("gt-batch-deadline", BW.deadlineLabel, BW.deadlineHint, `<input class="gt-input gt-input--date" type="text" id="gt-batch-deadline" inputmode="numeric" autocomplete="off" aria-describedby="gt-batch-deadline-hint gt-batch-deadline-error">`)}
  <div class="gt-actions"><button type="submit" class="gt-button" data-gt-run>${esc(BW.run)}</button></div>
</form>
<div class="gt-batch__progress" data-gt-progress hidden>
  <p role="status" aria-live="polite" data-gt-progress-text></p>
  <progress max="100" value="0" aria-label="${esc(BW.progressLabel)}"></progress>
</div>
<section class="gt-batch__detail" data-gt-detail aria-labelledby="gt-detail-title" hidden></section>
<section class="gt-batch__results" data-gt-results aria-labelledby="gt-results-title" hidden></section>`;

/** Why a chosen file is refused before it is read ([message, what to do next]), else null. `maxBytes` and
 * `tooLarge` are the engine's own (guantong_tools.batch: MAX_BYTES, too_large), from the build. */
export function fileRefusal(file, { maxBytes, tooLarge }) {
  if (file.size > maxBytes) return [tooLarge.replace("{size}", mb(file.size)), BW.fixAndRetry];
  if (file.size === 0) return [BW.notRead(BW.emptyFile), BW.fixAndRetry];
  return null;
}

/** A stage the engine reports ({stage, done, total}) as [words, percent or null: the bar moves without one]. */
export function taskProgress(t) {
  const pct = t.total ? (t.done / t.total) * 100 : null;
  if (t.stage === "download") return [BW.preparing, pct];
  if (t.stage === "read") return [t.total ? BW.readRows(t.done, t.total) : BW.reading, pct];
  if (t.stage === "prepare") return [BW.prepared(t.done, t.total), pct];
  if (t.stage === "decide") return [BW.decided(t.done, t.total), pct ?? 100];
  if (t.stage === "table") return [BW.tabled(t.done, t.total), pct ?? 100];
  return null;
}

/** The chosen file read and decided by the engine (batch_run), its progress shown, then its table drawn;
 * what cannot be read is refused with its message and what to do next. `run` is this check's number: a
 * later one wins. */
export async function readList(page, run) {
  fitStatus(page.root); // the person's own step: the status line may take its own height again
  page.clearErrors();
  const file = page.file;
  if (!file) {
    page.showError(BW.noFile, "gt-batch-file");
    return;
  }
  const refused = fileRefusal(file, page.build);
  if (refused) {
    page.refuse(refused[0], "gt-batch-file", refused[1]);
    return;
  }
  page.$("[data-gt-run]").disabled = true;
  let bytes;
  try {
    bytes = await file.arrayBuffer();
  } catch {
    // The file changed on disk after it was chosen (edited and saved): the browser keeps its old handle.
    page.$("[data-gt-run]").disabled = false;
    page.file = null;
    page.refuse(BW.fileChanged, "gt-batch-file");
    return;
  } finally {
    page.resetInput();
  }
  page.progress(page.engine.isReady ? BW.reading : BW.engineNeeded, null);
  const reply = await page.engine.call(
    "batch_run",
    { file: bytes, name: file.name, deadline: page.$("#gt-batch-deadline").value.trim() },
    { transfer: [bytes], onTask: (t) => run === page.runSeq && page.onTask(t) },
  );
  if (run !== page.runSeq) return;
  page.$("[data-gt-run]").disabled = false;
  page.progress(null);
  const error = reply.ok ? null : reply.error;
  if (error?.kind === "input") {
    if (error.field === "deadline") page.refuse(error.message, "gt-batch-deadline", BW.fixDeadline);
    else page.refuse(BW.notRead(error.message), "gt-batch-file", BW.fixAndRetry);
    return;
  }
  if (error) {
    page.refuse(page.failure(reply), null);
    return;
  }
  const value = reply.value;
  page.table = value.table;
  page.loaded = file.name;
  page.$("[data-gt-run]").textContent = BW.run;
  closeRow(page);
  page.drawResults();
  page.root.dataset.rows = String(value.rows); // last: the table is drawn (tests and the benchmark wait for it)
}
