// 单位批量自测 (the batch page, /batch/): a spreadsheet of people in, one result a row out, and a 推荐公示
// draft, all on this device. Built by build_scripts/wizard/bundle.py (esbuild) into
// site/wizard/assets/batch.<hash>.js. The file is read and decided by the same Python as the command
// `guantong batch` (guantong_tools/batch/, openpyxl) in the wizard's engine worker: this module only sends the
// file's bytes there, shows the progress, the table, one row's full result, the downloads and the draft.
// Nothing is uploaded or stored: the file lives in this page's memory until it is closed.
import { BUILD } from "../build.js";
import { sharedEngine } from "../engine.js";
import { parseDate } from "../answers/parse.js";
import { cnDate, esc } from "../html.js";
import { onEveryPage } from "../material.js";
import { checkOffline, keepPage, offline, setUpServiceWorker } from "../offline.js";
import { saveFile } from "../save.js";
import { showGuide } from "../screens/guide.js";
import { resultBody } from "../screens/result.js";
import { PAGES, clauseLink } from "../screens/shell.js";
import { fitStatus, showStatus, statusShell } from "../screens/status.js";
import { whereHere } from "../where.js";
import { BW, V, W } from "../words.js";

const FILTERS = ["all", ...Object.keys(V.conclusion)]; // the rows' conclusion ids (guantong.words)
const PAGE_ROWS = 200; // rows drawn at a time (a list of 10 000 stays quick to filter)
// What the picker offers: every kind the engine reads (batch.md), by suffix and by type (some Android pickers go by type).
const ACCEPT = [
  ".xlsx",
  ".xlsm",
  ".xls",
  ".et",
  ".ods",
  ".csv",
  ".txt",
  "text/csv",
  "text/plain",
  "application/vnd.ms-excel",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  "application/vnd.oasis.opendocument.spreadsheet",
].join(",");
const TYPES = {
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  csv: "text/csv;charset=utf-8",
  html: "text/html;charset=utf-8",
};
const mb = (bytes) => (bytes / 1e6).toFixed(1);

const engine = () => sharedEngine({ worker: BUILD.worker, downloadBytes: BUILD.downloadBytes, needs: BUILD.needs, base: import.meta.url });

function field(id, label, hint, input) {
  return `<div class="gt-field" data-gt-field>
  <label class="gt-label" for="${id}">${esc(label)}</label>
  <p class="gt-hint" id="${id}-hint">${esc(hint)}</p>
  <p class="gt-error-message" id="${id}-error" hidden></p>
  ${input}
</div>`;
}

const SHELL = (where) => `${statusShell()}
<h1 class="gt-heading" id="gt-heading" tabindex="-1">${esc(BW.title)}</h1>
<p>${esc(BW.intro)}</p>
<p class="gt-batch__privacy">${esc(BW.privacy)} <a href="${PAGES.privacy}">${esc(BW.privacyLink)}</a></p>
<div data-gt-where></div>
<p class="gt-batch__template">${where.download ? `<a class="gt-button gt-button--secondary" href="${esc(BUILD.template)}" download="${esc(BUILD.templateName)}" data-gt-template>${esc(BW.template)}</a> ` : ""}<span class="gt-hint">${esc(BW.templateHint)}</span></p>
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

class BatchPage {
  constructor(root) {
    this.root = root;
    this.file = null;
    this.table = null;
    this.filter = "all";
    this.query = "";
    this.limit = PAGE_ROWS;
    this.notice = null;
    // Where the page runs: inside an app's browser the file is read and the table works; what must be
    // downloaded or printed says it needs the system browser (where.js, screens/guide.js).
    this.where = whereHere(BUILD.needs);
    root.innerHTML = SHELL(this.where);
    root.dataset.mounted = "true";
    root.classList.add("gt-wizard--live");
    this.$ = (sel) => root.querySelector(sel);
    showGuide(this.$("[data-gt-where]"), this.where, { batch: true });
    this.engine = engine();
    // The same service worker as the wizard's: this page, its script, the engine and openpyxl offline.
    const status = () => showStatus(root, this.engine.status, offline.state === "ready", BW.engineGoOn);
    this.unsubscribe = this.engine.subscribe((s) => {
      status();
      if (s.stage === "ready") checkOffline();
    });
    offline.listeners.add(status);
    const sw = () => {
      setUpServiceWorker(new URL(BUILD.sw, import.meta.url), () => this.engine.isReady);
      keepPage(root, [new URL(BUILD.template, location.href).href, import.meta.url]);
    };
    if (!this.where.engine)
      offline.state = "unavailable"; // the service worker would precache the engine
    else if (document.readyState === "complete") sw();
    else window.addEventListener("load", sw, { once: true });
    root.addEventListener("submit", (e) => this.onSubmit(e));
    root.addEventListener("change", (e) => this.onChange(e));
    root.addEventListener("input", (e) => this.onInput(e));
    root.addEventListener("click", (e) => this.onClick(e));
    const drop = this.$("[data-gt-drop]");
    for (const type of ["dragenter", "dragover"]) {
      drop.addEventListener(type, (e) => {
        e.preventDefault();
        drop.classList.add("gt-drop--over");
        this.$("[data-gt-drop-note]").hidden = false;
      });
    }
    drop.addEventListener("dragleave", () => this.dragEnd());
    drop.addEventListener("drop", (e) => {
      e.preventDefault();
      this.dragEnd();
      const file = e.dataTransfer?.files?.[0];
      if (file) this.choose(file);
    });
    this.engine.start();
    // The batch part of the engine (openpyxl), ahead of the first file: the page is for this.
    this.engine.call("batch_load", {}).catch(() => {});
  }

  dragEnd() {
    this.$("[data-gt-drop]").classList.remove("gt-drop--over");
    this.$("[data-gt-drop-note]").hidden = true;
  }

  // --- errors: one summary, each message beside its field; nothing the person entered is cleared ------
  clearErrors() {
    const summary = this.$("[data-gt-batch-error]");
    summary.hidden = true;
    summary.innerHTML = "";
    for (const el of this.root.querySelectorAll(".gt-error-message")) {
      el.hidden = true;
      el.textContent = "";
    }
    for (const el of this.root.querySelectorAll(".gt-has-error")) el.classList.remove("gt-has-error");
  }

  showError(message, fieldId = null, extra = "") {
    const summary = this.$("[data-gt-batch-error]");
    const target = fieldId || "gt-heading";
    summary.innerHTML = `<h2 class="gt-error-summary__title">${esc(BW.errorTitle)}</h2><ul class="gt-error-summary__list"><li><a href="#${esc(target)}" data-gt-focus="${esc(target)}">${esc(message)}</a></li></ul>${extra ? `<p>${esc(extra)}</p>` : ""}`;
    summary.hidden = false;
    if (fieldId) {
      const slot = this.root.querySelector(`#${fieldId}-error`);
      if (slot) {
        slot.textContent = message;
        slot.hidden = false;
        slot.closest("[data-gt-field]")?.classList.add("gt-has-error");
      }
    }
    summary.focus();
  }

  progress(text, pct = null) {
    const box = this.$("[data-gt-progress]");
    box.hidden = text === null;
    if (text === null) return;
    this.$("[data-gt-progress-text]").textContent = text;
    const bar = box.querySelector("progress");
    if (pct === null) bar.removeAttribute("value");
    else bar.value = Math.max(0, Math.min(100, Math.round(pct)));
  }

  // --- events --------------------------------------------------------------------------------------
  countPicks() {
    const boxes = [...this.root.querySelectorAll("[data-gt-pick]")];
    const out = this.$("[data-gt-picked]");
    if (out) out.textContent = BW.picked(boxes.filter((b) => b.checked).length, boxes.length);
    this.clearNotice();
  }

  onChange(e) {
    if (e.target.matches?.("[data-gt-pick]")) this.countPicks();
    if (e.target.id === "gt-batch-file" && e.target.files?.[0]) this.choose(e.target.files[0]);
    else if (e.target.name === "gt-filter") {
      this.filter = e.target.value;
      this.limit = PAGE_ROWS;
      this.drawRows();
    }
  }

  onInput(e) {
    if (e.target.id === "gt-batch-search") {
      this.query = e.target.value.trim();
      this.limit = PAGE_ROWS;
      this.drawRows();
    } else if (e.target.id === "gt-notice-start" || e.target.id === "gt-notice-employer") {
      this.clearNotice(); // the period shown is for the date that was checked
    } else if (e.target.id === "gt-batch-deadline" && this.table) {
      this.$("[data-gt-run]").textContent = BW.rerun;
    }
  }

  onSubmit(e) {
    e.preventDefault();
    if (e.target.matches("[data-gt-batch-form]")) this.run();
    else if (e.target.matches("[data-gt-notice-form]")) this.makeNotice();
  }

  onClick(e) {
    const template = e.target.closest("a[data-gt-template]");
    if (template) {
      // Fetched (the service worker answers offline, where a browser's own download would not), then saved.
      e.preventDefault();
      templateBytes(template.href)
        .then((data) => saveFile(data, BUILD.templateName, TYPES.xlsx))
        .catch(() => (location.href = template.href));
      return;
    }
    const t = e.target.closest("button, a[data-gt-focus]");
    if (!t) return;
    const d = t.dataset;
    if (d.gtFocus !== undefined) {
      e.preventDefault();
      const target = this.root.querySelector(`#${CSS.escape(d.gtFocus)}`);
      target?.focus({ preventScroll: true });
      target?.scrollIntoView?.({ block: "start" });
    } else if (d.gtRow !== undefined) this.openRow(Number(d.gtRow));
    else if (d.gtClose !== undefined) this.closeRow();
    else if (d.gtMore !== undefined) {
      this.limit += PAGE_ROWS;
      this.drawRows();
    } else if (d.gtDownload !== undefined) this.download(d.gtDownload);
    else if (d.gtPickAll !== undefined) {
      for (const box of this.root.querySelectorAll("[data-gt-pick]")) box.checked = d.gtPickAll === "true";
      this.countPicks();
    } else if (d.gtNoticeSave !== undefined && this.notice) saveFile(this.notice.html, `${this.stem()}-推荐公示草稿.html`, TYPES.html);
  }

  choose(file) {
    this.file = file;
    this.run();
  }

  /** The name the downloads take: the file whose results are on screen (never a refused one's). */
  stem() {
    return (this.loaded || "名单").replace(/\.[^.]+$/, "");
  }

  /** A file refused or failed: nothing of the previous file's results stays to be pressed. */
  clearResults() {
    this.table = null;
    this.notice = null;
    this.loaded = null;
    this.closeRow();
    const box = this.$("[data-gt-results]");
    box.hidden = true;
    box.innerHTML = "";
    delete this.root.dataset.rows;
  }

  /** A file refused or failed: its message, and the previous file's results gone with it. */
  refuse(message, fieldId, extra = "") {
    this.clearResults();
    this.showError(message, fieldId, extra);
  }

  /** The file field forgets the file once it has been read: choosing the same file again after editing it
   * starts a new check (a browser fires no change for the same name otherwise). */
  resetInput() {
    const input = this.$("#gt-batch-file");
    if (input) input.value = "";
  }

  /** An engine reply that failed: the engine's own words where it could not start (Chinese, words.js),
   * else a plain sentence; a Python exception's text goes to the console, never on screen. */
  failure(reply) {
    if (reply.error.unavailable) return BW.engineFailed(reply.error.message || "");
    console.warn("[guantong batch]", reply.error.message);
    return BW.stepFailed;
  }

  // --- the run -------------------------------------------------------------------------------------
  async run() {
    this.runSeq = (this.runSeq ?? 0) + 1;
    const run = this.runSeq;
    try {
      await this.check(run);
    } finally {
      // Every check ends here, refused or drawn: tests and the benchmark wait for this count to move.
      if (run === this.runSeq) this.root.dataset.done = String(run);
    }
  }

  async check(run) {
    fitStatus(this.root); // the person's own step: the status line may take its own height again
    this.clearErrors();
    const file = this.file;
    if (!file) {
      this.showError(BW.noFile, "gt-batch-file");
      return;
    }
    if (file.size > BUILD.maxBytes) {
      // The engine's sentence (batch.too_large, in the build), as the command says it.
      this.refuse(BUILD.tooLarge.replace("{size}", mb(file.size)), "gt-batch-file", BW.fixAndRetry);
      return;
    }
    if (file.size === 0) {
      this.refuse(BW.notRead(BW.emptyFile), "gt-batch-file", BW.fixAndRetry);
      return;
    }
    this.$("[data-gt-run]").disabled = true;
    let bytes;
    try {
      bytes = await file.arrayBuffer();
    } catch {
      // The file changed on disk after it was chosen (edited and saved): the browser keeps its old handle.
      this.$("[data-gt-run]").disabled = false;
      this.file = null;
      this.refuse(BW.fileChanged, "gt-batch-file");
      return;
    } finally {
      this.resetInput();
    }
    this.progress(this.engine.isReady ? BW.reading : BW.engineNeeded, null);
    const reply = await this.engine.call(
      "batch_run",
      { file: bytes, name: file.name, deadline: this.$("#gt-batch-deadline").value.trim() },
      { transfer: [bytes], onTask: (t) => run === this.runSeq && this.onTask(t) },
    );
    if (run !== this.runSeq) return;
    this.$("[data-gt-run]").disabled = false;
    this.progress(null);
    const error = reply.ok ? null : reply.error;
    if (error?.kind === "input") {
      if (error.field === "deadline") this.refuse(error.message, "gt-batch-deadline", BW.fixDeadline);
      else this.refuse(BW.notRead(error.message), "gt-batch-file", BW.fixAndRetry);
      return;
    }
    if (error) {
      this.refuse(this.failure(reply), null);
      return;
    }
    const value = reply.value;
    this.table = value.table;
    this.loaded = file.name;
    this.$("[data-gt-run]").textContent = BW.run;
    this.closeRow();
    this.drawResults();
    this.root.dataset.rows = String(value.rows); // last: the table is drawn (tests and the benchmark wait for it)
  }

  onTask(t) {
    const pct = t.total ? (t.done / t.total) * 100 : null; // null: the bar moves without a value
    if (t.stage === "download") this.progress(BW.preparing, pct);
    else if (t.stage === "read") this.progress(t.total ? BW.readRows(t.done, t.total) : BW.reading, pct);
    else if (t.stage === "prepare") this.progress(BW.prepared(t.done, t.total), pct);
    else if (t.stage === "decide") this.progress(BW.decided(t.done, t.total), pct ?? 100);
    else if (t.stage === "table") this.progress(BW.tabled(t.done, t.total), pct ?? 100);
  }

  // --- results ----------------------------------------------------------------------------------------
  levelColumns() {
    const present = new Set(this.table.rows.map((r) => r.direction).filter(Boolean));
    return this.table.levels.filter((lv) => present.has(lv.direction));
  }

  drawResults() {
    const t = this.table;
    const box = this.$("[data-gt-results]");
    const counts = { all: t.rows.length, ...t.counts };
    const filters = FILTERS.map(
      (f) =>
        `<div class="gt-radio gt-radio--inline"><input class="gt-radio__input" type="radio" name="gt-filter" id="gt-filter-${esc(f)}" value="${esc(f)}"${f === this.filter ? " checked" : ""}><label class="gt-radio__label" for="gt-filter-${esc(f)}">${esc(BW.filter[f])}（${counts[f] ?? 0}）</label></div>`,
    ).join("");
    const levels = this.levelColumns();
    const head = [
      ...(t.several ? [BW.col.sheet] : []),
      BW.col.row,
      BW.col.name,
      BW.col.id,
      BW.col.conclusion,
      ...levels.map((lv) => lv.name),
      BW.col.open,
    ]
      .map((h) => `<th scope="col"${h === BW.col.name ? ' class="gt-batch__name"' : ""}>${esc(h)}</th>`)
      .join("");
    box.innerHTML = `<h2 id="gt-results-title">${esc(BW.summaryHeading)}</h2>
<p class="gt-batch__summary" data-gt-summary-line>${esc(t.summary)}</p>
<ul class="gt-batch__columns" data-gt-columns>${(t.columns || []).map((line) => `<li>${esc(line)}</li>`).join("")}</ul>
<p class="gt-hint">${esc(BW.file(this.loaded))}</p>
<h3 class="gt-batch__downloads">${esc(BW.downloads)}</h3>
<p class="gt-hint">${esc(BW.downloadsHint)}</p>
${t.source === "xls" || t.source === "ods" ? `<p class="gt-hint" data-gt-as-xlsx>${esc(BW.asXlsx(this.loaded.split(".").pop()))}</p>` : ""}
${
  this.where.download
    ? `<div class="gt-actions"><button type="button" class="gt-button" data-gt-download="xlsx">${esc(BW.downloadXlsx)}</button> <button type="button" class="gt-button gt-button--secondary" data-gt-download="csv">${esc(BW.downloadCsv)}</button> <a class="gt-link" href="#gt-notice-title" data-gt-focus="gt-notice-title">${esc(BW.toNotice)}</a></div>`
    : `<p class="gt-batch__needs" data-gt-needs-browser>${esc(W.where.batchNeeds)}</p>`
}
<fieldset class="gt-fieldset gt-batch__filters"><legend class="gt-legend">${esc(BW.filters)}</legend>${filters}</fieldset>
<div class="gt-field"><label class="gt-label" for="gt-batch-search">${esc(BW.search)}</label><input class="gt-input" type="search" id="gt-batch-search" value="${esc(this.query)}" autocomplete="off"></div>
<p class="gt-hint" data-gt-shown role="status"></p>
<div class="gt-batch__scroll gt-batch__scroll--rows" tabindex="0" role="region" aria-labelledby="gt-results-title"><table class="gt-batch__table"><thead><tr>${head}</tr></thead><tbody data-gt-rows></tbody></table></div>
<p><button type="button" class="gt-button gt-button--secondary" data-gt-more hidden>${esc(BW.more)}</button></p>
${this.noticeHtml()}`;
    box.hidden = false;
    this.drawRows();
    box.querySelector("h2").setAttribute("tabindex", "-1");
    box.querySelector("h2").focus();
  }

  matches() {
    const q = this.query.toLowerCase();
    return this.table.rows.filter(
      (r) =>
        (this.filter === "all" || r.group === this.filter) && (!q || r.name.toLowerCase().includes(q) || r.id.toLowerCase().includes(q)),
    );
  }

  drawRows() {
    if (!this.table) return;
    const levels = this.levelColumns();
    const all = this.matches();
    const shown = all.slice(0, this.limit);
    const cell = (r, lv) => {
      const level = r.direction === lv.direction && r.levels[lv.id];
      if (!level) return "<td></td>";
      return `<td><span class="gt-tag gt-tag--${level.status.replace("_", "-")}">${esc(V.statusShort[level.status])}</span>${level.on ? `<br><span class="gt-batch__date gt-date">${esc(BW.eligibleOn(cnDate(level.on)))}</span>` : ""}</td>`;
    };
    const rows = shown
      .map((r) => {
        const first = `${this.table.several ? `<td>${esc(r.sheet)}</td>` : ""}<td>${r.number}</td><th scope="row" class="gt-batch__name">${esc(r.name)}</th><td>${esc(r.id)}</td>`;
        const body =
          r.group === "error"
            ? `<td colspan="${levels.length + 1}" class="gt-batch__error">${esc(r.error)}</td>`
            : `<td>${esc(r.conclusion)}</td>${levels.map((lv) => cell(r, lv)).join("")}`;
        return `<tr data-group="${esc(r.group)}">${first}${body}<td><button type="button" class="gt-link-button" data-gt-row="${r.i}">${esc(BW.col.open)}<span class="gt-visually-hidden">${esc(BW.open(r.name || `${r.number}`))}</span></button></td></tr>`;
      })
      .join("");
    const columns = (this.table.several ? 1 : 0) + 5 + levels.length; // 行, 姓名, 编号, 结论, the levels, 详情
    this.$("[data-gt-rows]").innerHTML = rows || `<tr><td colspan="${columns}">${esc(BW.noMatch)}</td></tr>`;
    this.$("[data-gt-shown]").textContent = BW.shown(shown.length, all.length);
    this.$("[data-gt-more]").hidden = shown.length >= all.length;
  }

  // --- one person's full result ------------------------------------------------------------------------
  async openRow(i) {
    const row = this.table.rows[i];
    const reply = await this.engine.call("batch_row", { i });
    const box = this.$("[data-gt-detail]");
    const title = BW.detailTitle(row.name || "—", row.sheet, row.number);
    let body;
    if (!reply.ok) body = `<p>${esc(this.failure(reply))}</p>`;
    else if (reply.value.error !== undefined) body = `<p class="gt-batch__error">${esc(BW.rowError)}${esc(reply.value.error)}</p>`;
    else body = resultBody(reply.value.result, { policyPage: PAGES.policy, h: 3, words: { ...W, ...BW.ofPerson } });
    box.innerHTML = `<h2 id="gt-detail-title" tabindex="-1">${esc(title)}</h2>${body}<p><button type="button" class="gt-button gt-button--secondary" data-gt-close>${esc(BW.close)}</button></p>`;
    box.hidden = false;
    box.dataset.row = String(i);
    box.querySelector("h2").focus();
    box.scrollIntoView?.({ block: "start" });
  }

  closeRow() {
    const box = this.$("[data-gt-detail]");
    const was = box.dataset.row;
    box.hidden = true;
    box.innerHTML = "";
    delete box.dataset.row;
    if (was !== undefined) this.root.querySelector(`[data-gt-row="${was}"]`)?.focus();
  }

  // --- downloads ----------------------------------------------------------------------------------
  async download(format) {
    if (!this.table) return;
    const reply = await this.engine.call("batch_write", { format });
    if (!reply.ok) {
      this.showError(this.failure(reply), null);
      return;
    }
    saveFile(reply.value.file, `${this.stem()}-检查结果.${format}`, TYPES[format]);
  }

  // --- the 推荐公示 draft ---------------------------------------------------------------------------
  noticeHtml() {
    const names = Object.fromEntries(this.table.levels.map((lv) => [`${lv.direction}:${lv.id}`, lv.name]));
    const people = this.table.rows.filter((r) => r.direction === "skill_to_title" && r.eligible.length);
    const basis = `<p>${esc(BW.noticeIntro(BUILD.postingWorkdays))}${clauseLink(BUILD.clauses, "2.5.1.3")}</p>`;
    if (!people.length) return `<h2 id="gt-notice-title" tabindex="-1">${esc(BW.noticeHeading)}</h2>${basis}<p>${esc(BW.noticeNobody)}</p>`;
    const picks = people
      .map((r) => {
        const label = `${r.name}${r.id ? `（${r.id}）` : ""}`;
        const options = r.eligible
          .map(
            (lid) => `<option value="${esc(lid)}"${lid === r.highest ? " selected" : ""}>${esc(names[`skill_to_title:${lid}`])}</option>`,
          )
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
    this.where.download && this.where.print
      ? `<div class="gt-actions"><button type="submit" class="gt-button">${esc(BW.makeNotice)}</button> <button type="button" class="gt-button gt-button--secondary" data-gt-notice-save hidden>${esc(BW.downloadNotice)}</button></div>`
      : `<p class="gt-batch__needs" data-gt-needs-browser>${esc(W.where.batchNeeds)}</p>`
  }
</form>`;
  }

  /** The draft's period and file forgotten (a refused date, a list changed): nothing stale stays. */
  clearNotice() {
    this.notice = null;
    const period = this.$("[data-gt-period]");
    if (period) period.textContent = "";
    const save = this.$("[data-gt-notice-save]");
    if (save) save.hidden = true;
  }

  async makeNotice() {
    if (!(this.where.download && this.where.print)) return; // said beside the form: needs the system browser
    this.clearErrors();
    const picks = [...this.root.querySelectorAll("[data-gt-pick]")]
      .filter((box) => box.checked)
      .map((box) => [Number(box.dataset.gtPick), this.root.querySelector(`[data-gt-level="${box.dataset.gtPick}"]`).value]);
    // What the page can tell at once is told before any window opens (no blank window that closes again).
    const start = parseDate(this.$("#gt-notice-start").value, { full: true });
    const refused = !picks.length
      ? [BW.pickSomeone, null]
      : !this.$("#gt-notice-employer").value.trim()
        ? [BW.fillEmployer, "gt-notice-employer"]
        : start.empty
          ? [BW.fillStart, "gt-notice-start"]
          : start.error
            ? [`${BW.postingStart}：${start.error}`, "gt-notice-start"]
            : null;
    if (refused) {
      this.clearNotice();
      this.showError(...refused);
      return;
    }
    // Opened now, inside the click, so that no popup blocker stops it; filled once the engine answers.
    const win = window.open("", "_blank");
    const reply = await this.engine.call("batch_notice", {
      picks,
      employer: this.$("#gt-notice-employer").value,
      posting_start: this.$("#gt-notice-start").value,
    });
    if (!reply.ok) {
      win?.close();
      this.clearNotice();
      const ids = { employer: "gt-notice-employer", posting_start: "gt-notice-start" };
      const input = reply.error.kind === "input";
      this.showError(input ? reply.error.message : this.failure(reply), input ? ids[reply.error.field] || null : null);
      return;
    }
    const value = reply.value;
    this.notice = value;
    this.$("[data-gt-period]").textContent = BW.period(value.first, value.last, BUILD.postingWorkdays);
    this.$("[data-gt-notice-save]").hidden = false;
    if (!win) {
      this.showError(BW.popupBlocked, null);
      return;
    }
    win.document.open();
    win.document.write(value.html);
    win.document.close();
    win.focus();
    if (typeof win.print === "function") win.print();
  }

  destroy() {
    this.unsubscribe?.();
  }
}

/** The template: fetched (from the network, else the copy kept for offline use), then saved. */
async function templateBytes(href) {
  try {
    const response = await fetch(href);
    if (response.ok) return await response.arrayBuffer();
  } catch {
    // offline
  }
  for (const name of await caches.keys()) {
    const hit = await (await caches.open(name)).match(href);
    if (hit) return hit.arrayBuffer();
  }
  throw new Error("template unavailable");
}

let live = null;
function mount() {
  if (live && !live.root.isConnected) {
    live.destroy();
    live = null;
  }
  const root = document.getElementById("gt-batch");
  if (!root || root.dataset.mounted) return;
  live = new BatchPage(root);
}

mount();
onEveryPage(mount);

// Test and measurement hooks (no effect on the page).
window.guantongBatch = {
  get page() {
    return live;
  },
  get engine() {
    return engine();
  },
};
