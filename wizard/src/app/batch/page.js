// 单位批量自测 (the batch page, /batch/): a spreadsheet of people in, one result a row out, and a 推荐公示
// draft, all on this device. Built by build_scripts/wizard/bundle.py (esbuild) into
// site/wizard/assets/batch.<hash>.js. The file is read and decided by the same Python as the command
// `guantong batch` (guantong_tools/batch/, openpyxl) in the wizard's engine worker: this module only sends the
// file's bytes there, shows the progress, the table, one row's full result, the downloads and the draft.
// Nothing is uploaded or stored: the file lives in this page's memory until it is closed.
import { BUILD } from "../build.js";
import { sharedEngine } from "../engine.js";
import { mountOn } from "../material.js";
import { offlineToolPage } from "../offline.js";
import { saveFile } from "../save.js";
import { showGuide } from "../screens/guide.js";
import { clearErrors, focusFrom, showError } from "../summary.js";
import { whereHere } from "../where.js";
import { BW } from "../words.js";
import { clearNotice, countPicks, draftMarkup, makeNotice } from "./draft.js";
import { closeRow, openRow } from "./detail.js";
import { TYPES, dropZone, stemOf, templateBytes } from "./files.js";
import { pageMarkup, readList, taskProgress } from "./reading.js";
import { PAGE_ROWS, matches, resultsMarkup, rowsMarkup } from "./table.js";

const engine = () => sharedEngine({ worker: BUILD.worker, downloadBytes: BUILD.downloadBytes, needs: BUILD.needs, base: import.meta.url });

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
    this.build = BUILD; // the limits readList checks a file against
    this.where = whereHere(BUILD.needs);
    root.innerHTML = pageMarkup(this.where, BUILD);
    root.dataset.mounted = "true";
    root.classList.add("gt-wizard--live");
    this.$ = (sel) => root.querySelector(sel);
    showGuide(this.$("[data-gt-where]"), this.where, { batch: true });
    this.engine = engine();
    // The same service worker as the wizard's: this page, its script, the engine and openpyxl offline.
    this.unsubscribe = offlineToolPage(root, this.engine, {
      where: this.where,
      swUrl: new URL(BUILD.sw, import.meta.url),
      urls: [new URL(BUILD.template, location.href).href, import.meta.url],
      goOn: BW.engineGoOn,
    });
    root.addEventListener("submit", (e) => this.onSubmit(e));
    root.addEventListener("change", (e) => this.onChange(e));
    root.addEventListener("input", (e) => this.onInput(e));
    root.addEventListener("click", (e) => this.onClick(e));
    dropZone(this.$("[data-gt-drop]"), (file) => this.choose(file));
    this.engine.start();
    // The batch part of the engine (openpyxl), ahead of the first file: the page is for this.
    this.engine.call("batch_load", {}).catch(() => {});
  }

  // --- errors: one summary, each message beside its field (app/summary.js) ------------------------------
  clearErrors() {
    clearErrors(this.root, this.$("[data-gt-batch-error]"));
  }

  showError(message, fieldId = null, extra = "") {
    showError(this.root, this.$("[data-gt-batch-error]"), { title: BW.errorTitle, message, fieldId, extra });
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
  onChange(e) {
    if (e.target.matches?.("[data-gt-pick]")) countPicks(this);
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
      clearNotice(this); // the period shown is for the date that was checked
    } else if (e.target.id === "gt-batch-deadline" && this.table) {
      this.$("[data-gt-run]").textContent = BW.rerun;
    }
  }

  onSubmit(e) {
    e.preventDefault();
    if (e.target.matches("[data-gt-batch-form]")) this.run();
    else if (e.target.matches("[data-gt-notice-form]")) makeNotice(this, BUILD.postingWorkdays);
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
    if (focusFrom(e, this.root)) return;
    const t = e.target.closest("button");
    if (!t) return;
    const d = t.dataset;
    if (d.gtRow !== undefined) openRow(this, Number(d.gtRow));
    else if (d.gtClose !== undefined) closeRow(this);
    else if (d.gtMore !== undefined) {
      this.limit += PAGE_ROWS;
      this.drawRows();
    } else if (d.gtDownload !== undefined) this.download(d.gtDownload);
    else if (d.gtPickAll !== undefined) {
      for (const box of this.root.querySelectorAll("[data-gt-pick]")) box.checked = d.gtPickAll === "true";
      countPicks(this);
    } else if (d.gtNoticeSave !== undefined && this.notice) saveFile(this.notice.html, `${this.stem()}-推荐公示草稿.html`, TYPES.html);
  }

  choose(file) {
    this.file = file;
    this.run();
  }

  /** The name the downloads take: the file whose results are on screen (never a refused one's). */
  stem() {
    return stemOf(this.loaded);
  }

  /** A file refused or failed: nothing of the previous file's results stays to be pressed. */
  clearResults() {
    this.table = null;
    this.notice = null;
    this.loaded = null;
    closeRow(this);
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
      await readList(this, run);
    } finally {
      // Every check ends here, refused or drawn: tests and the benchmark wait for this count to move.
      if (run === this.runSeq) this.root.dataset.done = String(run);
    }
  }

  onTask(t) {
    const said = taskProgress(t);
    if (said) this.progress(...said);
  }

  // --- results (table.js draws them) -----------------------------------------------------------------
  drawResults() {
    const box = this.$("[data-gt-results]");
    const draft = draftMarkup(this.table, { where: this.where, clauses: BUILD.clauses, workdays: BUILD.postingWorkdays });
    box.innerHTML = resultsMarkup(this.table, { filter: this.filter, query: this.query, loaded: this.loaded, where: this.where, draft });
    box.hidden = false;
    this.drawRows();
    box.querySelector("h2").setAttribute("tabindex", "-1");
    box.querySelector("h2").focus();
  }

  drawRows() {
    if (!this.table) return;
    const all = matches(this.table, this.filter, this.query);
    const shown = all.slice(0, this.limit);
    this.$("[data-gt-rows]").innerHTML = rowsMarkup(this.table, shown);
    this.$("[data-gt-shown]").textContent = BW.shown(shown.length, all.length);
    this.$("[data-gt-more]").hidden = shown.length >= all.length;
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

  // --- the 推荐公示 draft (draft.js marks it up) ---------------------------------------------------------
  destroy() {
    this.unsubscribe?.();
  }
}

const live = mountOn("gt-batch", (root) => new BatchPage(root));

// Test and measurement hooks (no effect on the page).
window.guantongBatch = {
  get page() {
    return live();
  },
  get engine() {
    return engine();
  },
};
