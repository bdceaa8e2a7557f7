// 数据检查与预览 (/staff/check/, issue 33): an edited policy.toml checked and compared with the data the site
// was built from, and the common edits made by form, all on this device. The Python is the commands' own
// (guantong_tools/staff.py: validate, diff, tomlkit) in the engine's worker, with the batch page's zip.
// Built by build_scripts/wizard/bundle.py into site/wizard/assets/staff.<hash>.js.
import { BUILD } from "../build.js";
import { sharedEngine } from "../engine.js";
import { esc } from "../html.js";
import { mountOn } from "../material.js";
import { offlineToolPage } from "../offline.js";
import { dropZone } from "../batch/files.js";
import { saveFile } from "../save.js";
import { clearErrors, focusFrom, showError } from "../summary.js";
import { PAGES } from "../screens/shell.js";
import { statusShell } from "../screens/status.js";
import { whereHere } from "../where.js";
import { CW } from "../words.js";
import { fieldId, formMarkup, formsOf, readForm } from "./forms.js";

const MAX_BYTES = 2e6; // policy.toml is ~30 kB; anything this large is some other file
const FORMS = formsOf(BUILD);
const engine = () => sharedEngine({ worker: BUILD.worker, downloadBytes: BUILD.downloadBytes, needs: BUILD.needs, base: import.meta.url });

const SHELL = (where) => `${statusShell()}
<h1 class="gt-heading" id="gt-heading" tabindex="-1">${esc(CW.title)}</h1>
<p>${esc(CW.intro)}</p>
<p class="gt-batch__privacy">${esc(CW.privacy)} <a href="${PAGES.privacy}">${esc(CW.privacyLink)}</a> · <a href="../">${esc(CW.guideLink)}</a></p>
<div class="gt-error-summary" data-gt-staff-error role="alert" tabindex="-1" hidden></div>
<div class="gt-field gt-staff__file">
  <label class="gt-label" for="gt-staff-file">${esc(CW.fileLabel)}</label>
  <p class="gt-hint" id="gt-staff-file-hint">${esc(CW.fileHint)}</p>
  <div class="gt-drop" data-gt-drop><input class="gt-file" type="file" id="gt-staff-file" accept=".toml,text/plain" aria-describedby="gt-staff-file-hint"><span class="gt-drop__note" data-gt-drop-note hidden>${esc(CW.drop)}</span></div>
  <p><button type="button" class="gt-button gt-button--secondary" data-gt-published>${esc(CW.startPublished)}</button></p>
</div>
<p class="gt-staff__progress" role="status" aria-live="polite" data-gt-staff-progress></p>
<section class="gt-staff__results" data-gt-staff-results hidden></section>
<section class="gt-staff__forms"><h2>${esc(CW.formsTitle)}</h2><p class="gt-hint">${esc(CW.formsIntro)}</p>
${FORMS.map(formMarkup).join("\n")}</section>
<section class="gt-staff__save" data-gt-staff-save hidden>
  <p class="gt-actions">${where.download ? `<button type="button" class="gt-button" data-gt-save-file>${esc(CW.saveFile)}</button>` : ""}</p>
  <details ${where.download ? "" : "open"}><summary>${esc(CW.copyTitle)}</summary><textarea class="gt-staff__text" readonly rows="12" data-gt-staff-text></textarea></details>
</section>`;

class StaffPage {
  constructor(root) {
    this.root = root;
    this.text = null; // the file as it stands after the edits made here
    this.name = "policy.toml";
    this.report = null;
    this.where = whereHere(BUILD.needs);
    root.innerHTML = SHELL(this.where);
    root.dataset.mounted = "true";
    root.classList.add("gt-wizard--live");
    this.$ = (sel) => root.querySelector(sel);
    this.engine = engine();
    // The same service worker as the wizard's: this page, its script, the engine and the tools' zip offline.
    this.unsubscribe = offlineToolPage(root, this.engine, {
      where: this.where,
      swUrl: new URL(BUILD.sw, import.meta.url),
      urls: [import.meta.url],
      goOn: "",
    });
    root.addEventListener("change", (e) => e.target.id === "gt-staff-file" && e.target.files?.[0] && this.choose(e.target.files[0]));
    root.addEventListener("submit", (e) => this.onSubmit(e));
    root.addEventListener("click", (e) => this.onClick(e));
    dropZone(this.$("[data-gt-drop]"), (file) => this.choose(file));
    this.engine.start();
    this.engine.call("batch_load", {}).catch(() => {});
  }

  async call(op, payload) {
    if (!this.engine.isReady) this.progress(CW.preparing);
    const reply = await this.engine.call(op, payload);
    if (!reply.ok && reply.error.kind !== "input") throw new Error(reply.error.message);
    return reply;
  }

  progress(text) {
    this.$("[data-gt-staff-progress]").textContent = text;
  }

  showError(message, fieldId = null) {
    showError(this.root, this.$("[data-gt-staff-error]"), { title: CW.errorTitle, message, fieldId });
  }

  clearErrors() {
    clearErrors(this.root, this.$("[data-gt-staff-error]"));
  }

  async choose(file) {
    this.clearErrors();
    if (file.size > MAX_BYTES) return this.showError(CW.tooLarge, "gt-staff-file");
    let text;
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(await file.arrayBuffer());
    } catch {
      return this.showError(CW.notText, "gt-staff-file");
    }
    await this.load(text, file.name);
  }

  async load(text, name) {
    this.text = text;
    this.name = name;
    this.$("[data-gt-staff-text]").value = text;
    this.$("[data-gt-staff-save]").hidden = false;
    try {
      await this.check();
    } catch (err) {
      this.progress("");
      this.showError(CW.engineFailed(err.message));
    }
  }

  /** validate, then (when it passes) the diff against the built data. */
  async check() {
    const results = this.$("[data-gt-staff-results]");
    results.hidden = true;
    results.textContent = ""; // the last file's result goes before this one's is known
    this.report = null;
    this.progress(CW.checking);
    const { value } = await this.call("staff_check", { text: this.text, name: this.name });
    const current = `<p class="gt-staff__current">${esc(CW.current(this.name, value.version))}</p>`;
    if (value.problems.length) {
      this.report = null;
      results.innerHTML = `${current}<div class="gt-staff__problems" data-gt-problems><h2>${esc(CW.problemsTitle(value.problems.length))}</h2><ol>${value.problems
        .map(
          (p) =>
            `<li data-line="${p.line ?? ""}"><strong>${esc(CW.problemLine(p.line))}</strong>${p.key ? `（${esc(p.key)}）` : ""}：${esc(p.message)}${p.source ? `<pre class="gt-staff__source"><code>${esc(p.source)}</code></pre>` : ""}</li>`,
        )
        .join("")}</ol></div>`;
      results.hidden = false;
      this.progress(CW.problemsTitle(value.problems.length)); // the status line says it (the list is long)
      return;
    }
    results.innerHTML = `${current}<p class="gt-staff__passed" data-gt-passed>${esc(CW.passed)}</p>`;
    results.hidden = false;
    this.progress(CW.comparing);
    const diff = (await this.call("staff_diff", { text: this.text, name: this.name })).value;
    this.report = diff.report;
    results.insertAdjacentHTML("beforeend", diffMarkup(diff, this.where));
    this.progress(diff.summary);
  }

  async onSubmit(e) {
    const formEl = e.target.closest("[data-gt-staff-form]");
    if (!formEl) return;
    e.preventDefault();
    this.clearErrors();
    if (this.text === null) return this.showError(CW.needText, "gt-staff-file");
    const form = FORMS.find((f) => f.id === formEl.dataset.gtStaffForm);
    try {
      const reply = await this.call("staff_edit", { text: this.text, form: form.id, fields: readForm(form, new FormData(formEl)) });
      if (!reply.ok) return this.fieldError(form, reply.error);
      await this.load(reply.value.text, this.name);
      this.progress(CW.saved);
    } catch (err) {
      this.showError(CW.engineFailed(err.message));
    }
  }

  fieldError(form, error) {
    const known = form.fields.some((f) => f.name === error.field);
    this.showError(error.message, known ? fieldId(form.id, error.field) : null);
  }

  onClick(e) {
    if (focusFrom(e, this.root)) return;
    const hit = (sel) => e.target.closest(sel);
    if (hit("[data-gt-published]")) {
      this.clearErrors();
      this.call("staff_published", {})
        .then(({ value }) => this.load(value.text, "policy.toml"))
        .catch((err) => this.showError(CW.engineFailed(err.message)));
    } else if (hit("[data-gt-save-file]")) saveFile(this.text, this.name, "text/plain;charset=utf-8");
    else if (hit("[data-gt-save-report]") && this.report) saveFile(this.report, "政策数据修改影响报告.html", "text/html;charset=utf-8");
    else if (hit("[data-gt-print-report]") && this.report) {
      const win = window.open("", "_blank");
      if (!win) return this.showError(CW.popupBlocked);
      win.document.open();
      win.document.write(this.report);
      win.document.close();
      win.focus();
      if (typeof win.print === "function") win.print();
    }
  }

  destroy() {
    this.unsubscribe?.();
  }
}

/** The diff as the page shows it: the summary first (and a worsening said plainly), the edits, the groups. */
export function diffMarkup(diff, where) {
  const worse = diff.worse ? `<p class="gt-staff__worse" data-gt-worse>${esc(CW.worse(diff.worse))}</p>` : "";
  const edits = diff.edits.length
    ? `<h3>${esc(CW.editsTitle(diff.edits.length))}</h3><ul data-gt-edits>${diff.edits.map((x) => `<li>${esc(x)}</li>`).join("")}</ul>`
    : `<p>${esc(CW.noChange)}</p>`;
  const rows = diff.groups
    .map(
      (g) =>
        `<tr${g.worse ? ' class="gt-staff__worse-row"' : ""}><td>${esc(g.pathway)}</td><td>${esc(g.level)}</td><td>${esc(g.change)}</td><td class="gt-num">${g.count}</td><td>${esc(g.example)}</td></tr>`,
    )
    .join("");
  const table = rows
    ? `<h3>${esc(CW.groupsTitle)}</h3><div class="gt-staff__table"><table data-gt-groups><thead><tr>${CW.groupHead.map((h) => `<th>${esc(h)}</th>`).join("")}</tr></thead><tbody>${rows}</tbody></table></div>`
    : "";
  const print = where.print ? `<button type="button" class="gt-button" data-gt-print-report>${esc(CW.printReport)}</button> ` : "";
  const save = where.download
    ? `<button type="button" class="gt-button gt-button--secondary" data-gt-save-report>${esc(CW.saveReport)}</button>`
    : "";
  return `<div class="gt-staff__diff" data-gt-diff><h2>${esc(CW.diffTitle)}</h2><p><strong data-gt-summary>${esc(diff.summary)}</strong></p>${worse}${edits}${table}<p class="gt-actions">${print}${save}</p></div>`;
}

const live = mountOn("gt-staff-check", (root) => new StaffPage(root));

// Test hooks (no effect on the page).
window.guantongStaff = {
  get page() {
    return live();
  },
};
