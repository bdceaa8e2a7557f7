// 申报条件自测 (the wizard): one question per screen, answered against the Python engine in a Web Worker.
//
// Built by build_scripts/wizard_bundle.py into site/wizard/assets/wizard.<hash>.js (added to every page as
// a module through extra_javascript); __GUANTONG_BUILD__ becomes the build's constants: the flow exported
// from guantong.flow, clause citations, file names. It mounts on <div id="gt-wizard"> whenever Material
// shows a page that has one, on a direct load and after instant navigation (Material's document$).
//
// Nothing here decides eligibility or the order of questions: the worker asks guantong (`state` gives the
// next question, the screens before and after, validation; `result` gives the result). Before Python is
// ready, the first question is drawn from the exported flow.

const BUILD = __GUANTONG_BUILD__;
const FLOW = new Map(BUILD.flow.map((q) => [q.id, q]));
const FIRST = BUILD.flow[0].id;
const STORE_KEY = "guantong-wizard:v1";
const UNSURE = "__unsure__";
const OTHER = "__other__";
const POLICY_PAGE = "../policy/";
const PRIVACY_PAGE = "../privacy/";
// Presentation only: units shown after number fields, and "other" answers allowed for a choice.
const UNITS = { months_out_of_skill_work: "个月", months_out_of_work: "个月", work_years: "年" };
const OTHER_CHOICE = { series: { label: "其他系列", field: "请填写系列名称，例如：卫生" } };
const STATUS = {
  eligible: ["符合条件", "eligible"],
  not_eligible: ["不符合条件", "not-eligible"],
  undetermined: ["待定", "undetermined"],
};
const PRECONDITION = { met: ["符合", "eligible"], not_met: ["不符合", "not-eligible"], unknown: ["待确认", "undetermined"] };
const ROUTE_KIND = { skill_years: "技能等级和年限", honor: "荣誉", studio: "技能大师工作室", title: "职称", title_years: "职称年限" };
const DEADLINE_SOURCE = { answers: "您填写的受理材料截止时间", policy: "已公布的本年度受理材料截止时间", today: "今天（未填写截止时间，本年度也尚未公布）" };
const STAGES = {
  idle: "判断引擎即将开始加载",
  download: "正在下载判断引擎",
  start: "正在启动 Python",
  engine: "正在载入申报规则",
  ready: "判断引擎已就绪",
  fatal: "判断引擎无法启动",
};

// --- small helpers ---------------------------------------------------------------------------------
const esc = (value) =>
  String(value ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
const pad = (n) => String(n).padStart(2, "0");
const topKey = (key) => String(key).split(/[.[]/)[0];
const mb = (bytes) => (bytes / 1048576).toFixed(1);
const cnDate = (iso) => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || "");
  return m ? `${+m[1]}年${+m[2]}月${+m[3]}日` : String(iso ?? "");
};
const clone = (value) => (value === undefined ? undefined : JSON.parse(JSON.stringify(value)));
const HALF = (text) =>
  String(text ?? "")
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, " ");

/** What people type for a date → "YYYY-MM-DD" (the engine then says whether that day exists). */
export function parseDate(text) {
  const t = HALF(text).trim();
  if (!t) return { empty: true };
  const m =
    /^(\d{4})\s*[-/.年\s]\s*(\d{1,2})\s*[-/.月\s]\s*(\d{1,2})\s*[日号]?$/.exec(t) || /^(\d{4})(\d{2})(\d{2})$/.exec(t);
  if (!m) return { error: "请按 2019-06-30、2019/6/30 或 2019年6月30日 的格式填写日期" };
  return { value: `${m[1]}-${pad(m[2])}-${pad(m[3])}` };
}

/** A whole number as typed ("12", "１２", "6个月") → integer; the engine judges negative numbers. */
export function parseCount(text) {
  const t = HALF(text).trim().replace(/\s*(个月|月|年|个)$/, "");
  if (!t) return { empty: true };
  if (!/^[+-]?\d+$/.test(t)) return { error: "请填写一个整数，例如 0、6 或 12" };
  const n = Number(t);
  if (!Number.isSafeInteger(n)) return { error: "这个数字太大了，请检查" };
  return { value: n };
}

function clauseLink(id, text) {
  const c = BUILD.clauses[id];
  if (!c) return "";
  return `<a class="gt-clause" href="${POLICY_PAGE}#${esc(c.anchor)}">${esc(text ?? c.cite)}</a>`;
}

function linkPhones(html) {
  return html.replace(/(0\d{2,3})-(\d{7,8})/g, '<a href="tel:$1$2" class="gt-tel">$1-$2</a>');
}

// --- storage: answers survive a reload; a browser that refuses storage still works -----------------
const storage = (() => {
  try {
    const probe = "guantong-wizard:probe";
    localStorage.setItem(probe, "1");
    localStorage.removeItem(probe);
    return localStorage;
  } catch {
    return null;
  }
})();

function emptyState() {
  return { answers: {}, skipped: [], drafts: {}, screen: "" };
}

function loadState() {
  if (!storage) return emptyState();
  try {
    const saved = JSON.parse(storage.getItem(STORE_KEY) || "null");
    if (!saved || typeof saved !== "object" || typeof saved.answers !== "object" || !saved.answers) return emptyState();
    return {
      answers: saved.answers,
      skipped: Array.isArray(saved.skipped) ? saved.skipped.filter((id) => FLOW.has(id)) : [],
      drafts: saved.drafts && typeof saved.drafts === "object" ? saved.drafts : {},
      screen: typeof saved.screen === "string" ? saved.screen : "",
    };
  } catch {
    return emptyState();
  }
}

function saveState(state) {
  if (!storage) return;
  try {
    storage.setItem(STORE_KEY, JSON.stringify(state));
  } catch {
    // quota or privacy mode: the answers stay in memory for this visit
  }
}

function clearState() {
  if (!storage) return;
  try {
    storage.removeItem(STORE_KEY);
  } catch {
    // ignore
  }
}

// --- share links: the answers in the URL fragment, which never reaches a server ----------------------
function encodeShare(answers, skipped) {
  const bytes = new TextEncoder().encode(JSON.stringify({ a: answers, s: skipped }));
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function decodeShare(text) {
  try {
    const b64 = text.replace(/-/g, "+").replace(/_/g, "/");
    const binary = atob(b64 + "===".slice((b64.length + 3) % 4));
    const data = JSON.parse(new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0))));
    if (!data || typeof data.a !== "object" || Array.isArray(data.a)) return null;
    return { answers: data.a, skipped: Array.isArray(data.s) ? data.s.filter((id) => FLOW.has(id)) : [] };
  } catch {
    return null;
  }
}

// --- the engine: one module worker per document, kept across instant navigation --------------------
class Engine {
  constructor() {
    this.listeners = new Set();
    this.status = { stage: "idle", loaded: 0, total: BUILD.downloadBytes, message: "" };
    this.pending = new Map();
    this.seq = 0;
    this.worker = null;
    this.timings = {};
    this.attempts = 0;
    this.reset();
  }

  reset() {
    this.ready = new Promise((resolve, reject) => {
      this.resolveReady = resolve;
      this.rejectReady = reject;
    });
    this.ready.catch(() => {});
  }

  /** After a failed start (network down, a file that did not load): a fresh worker, a fresh try. */
  retry() {
    if (this.isReady || this.status.stage !== "fatal") return;
    clearInterval(this.watchdog);
    try {
      this.worker?.terminate();
    } catch {
      // already gone
    }
    this.worker = null;
    this.reset();
    this.status = { stage: "idle", loaded: 0, total: BUILD.downloadBytes, message: "" };
    this.start();
  }

  get isReady() {
    return this.status.stage === "ready";
  }

  subscribe(listener) {
    this.listeners.add(listener);
    listener(this.status);
    return () => this.listeners.delete(listener);
  }

  update(patch) {
    if (patch.stage && patch.stage !== this.status.stage) this.timings[patch.stage] = performance.now();
    this.status = { ...this.status, ...patch };
    for (const listener of this.listeners) listener(this.status);
  }

  start() {
    if (this.worker || this.status.stage === "fatal") return;
    if (typeof WebAssembly !== "object" || typeof Worker !== "function" || typeof WebAssembly.instantiate !== "function") {
      this.fail("此浏览器不支持 WebAssembly 或 Web Worker", { unsupported: true });
      return;
    }
    this.attempts += 1;
    this.started = performance.now();
    const src = new URL(BUILD.worker, import.meta.url).href;
    const early = this.attempts === 1 ? takeEarlyWorker(src) : null;
    try {
      // Options travel in the worker's name: a service worker would drop a query string.
      const options = { pageOrigin: performance.timeOrigin };
      this.worker = early ? early.worker : new Worker(src, { type: "module", name: JSON.stringify(options) });
    } catch (err) {
      this.fail(`无法启动 Web Worker（${err && err.message ? err.message : err}）`);
      return;
    }
    this.update({ stage: "download" });
    this.lastSign = performance.now();
    this.watchdog = setInterval(() => {
      // Boot that stops moving (no bytes, no stage) for this long will not finish by itself.
      if (!this.isReady && performance.now() - this.lastSign > 90000) this.fail("加载超时，网络可能中断了");
    }, 5000);
    this.worker.onmessage = ({ data }) => this.onMessage(data);
    this.worker.onerror = (event) => {
      event.preventDefault?.();
      this.scriptError(event.message);
    };
    // What the early worker said before this script ran, in order.
    for (const item of early ? early.queue.splice(0) : []) {
      if ("error" in item) this.scriptError(item.error);
      else this.onMessage(item.data);
    }
  }

  scriptError(message) {
    this.fail(`判断引擎脚本出错（${message || "此浏览器可能不支持模块化 Web Worker"}）`);
  }

  onMessage(data) {
    this.lastSign = performance.now();
    if (data.kind === "progress") {
      if (!this.isReady && this.status.stage !== "fatal") this.update({ stage: data.stage, loaded: data.loaded, total: data.total });
    } else if (data.kind === "ready") {
      clearInterval(this.watchdog);
      this.timings.ready = performance.now();
      this.timings.worker = data.marks || {};
      performance.mark?.("gt-engine-ready");
      this.update({ stage: "ready", loaded: this.status.total, python: data.python, policyVersion: data.policyVersion, fromCache: data.fromCache, restored: data.restored });
      this.resolveReady();
    } else if (data.kind === "snapshot") {
      this.snapshot = { bytes: data.bytes, copyMs: data.copyMs, ms: data.ms };
    } else if (data.kind === "reply") {
      const pending = this.pending.get(data.id);
      if (pending) {
        this.pending.delete(data.id);
        pending(data);
      }
    } else if (data.kind === "fatal") {
      this.fail(data.message);
    } else if (data.kind === "log" && (data.level === "warn" || data.level === "error")) {
      console.debug(`[guantong engine] ${data.line}`);
    }
  }

  fail(message, { unsupported = false } = {}) {
    if (this.status.stage === "fatal" || this.isReady) return;
    clearInterval(this.watchdog);
    this.update({ stage: "fatal", message, unsupported });
    this.rejectReady(new Error(message));
    for (const [id, pending] of this.pending) pending({ id, ok: false, fatal: message });
    this.pending.clear();
  }

  /** Resolves with the worker's reply {ok, value | error | fatal}; never rejects. */
  async call(op, payload) {
    try {
      await this.ready;
    } catch (err) {
      return { ok: false, fatal: err.message, unavailable: true };
    }
    return new Promise((resolve) => {
      const id = ++this.seq;
      this.pending.set(id, resolve);
      this.worker.postMessage({ id, op, payload });
    });
  }
}

/** The worker the page's head started (wizard/src/start.js), once, if it runs this build's worker script. */
function takeEarlyWorker(src) {
  const early = window.guantongEarlyWorker;
  window.guantongEarlyWorker = null; // taken, or none: start.js must not start one now
  if (!early) return null;
  if (early.src === src) return early;
  early.worker.terminate();
  return null;
}

let engine = null;
function getEngine() {
  engine ??= new Engine();
  return engine;
}

// --- the service worker: the wizard, the engine and Pyodide offline ---------------------------------
const offline = { state: "pending", listeners: new Set(), hadController: false, updated: false };
function setOffline(state) {
  offline.state = state;
  for (const listener of offline.listeners) listener();
}

async function setUpServiceWorker() {
  if (offline.started) return;
  offline.started = true;
  if (!("serviceWorker" in navigator) || !window.isSecureContext) {
    setOffline("unavailable");
    return;
  }
  offline.hadController = Boolean(navigator.serviceWorker.controller);
  navigator.serviceWorker.addEventListener("controllerchange", () => {
    if (offline.hadController) {
      offline.updated = true;
      for (const listener of offline.listeners) listener();
    }
    offline.hadController = true;
    checkOffline();
  });
  try {
    const sw = new URL(BUILD.sw, import.meta.url);
    await navigator.serviceWorker.register(sw, { scope: new URL("./", sw), updateViaCache: "none" });
  } catch {
    setOffline("unavailable");
    return;
  }
  checkOffline();
}

let offlineTimer = null;
async function checkOffline() {
  clearTimeout(offlineTimer);
  if (offline.state === "ready" || offline.state === "unavailable") return;
  const controller = navigator.serviceWorker.controller;
  if (controller && getEngine().isReady) {
    const status = await new Promise((resolve) => {
      const channel = new MessageChannel();
      const timer = setTimeout(() => resolve(null), 3000);
      channel.port1.onmessage = ({ data }) => {
        clearTimeout(timer);
        resolve(data);
      };
      controller.postMessage({ type: "guantong-status" }, [channel.port2]);
    });
    if (status && status.complete) {
      setOffline("ready");
      return;
    }
  }
  offlineTimer = setTimeout(checkOffline, 1000);
}

// --- questions: form state ⇄ answer -----------------------------------------------------------------
const fid = (q, ...parts) => ["gt", q.id, ...parts].join("-").replace(/[^\w-]/g, (c) => `_${c.charCodeAt(0).toString(16)}`);

function formFromAnswer(q, answer, skipped) {
  const has = answer !== undefined;
  switch (q.type) {
    case "choice": {
      const listed = q.options.some((o) => o.value === answer);
      return { choice: skipped ? UNSURE : !has ? "" : listed ? answer : OTHER, other: has && !listed ? String(answer) : "" };
    }
    case "bool":
      return { choice: skipped ? UNSURE : answer === true ? "true" : answer === false ? "false" : "" };
    case "date": {
      if (!q.options.length) return { text: has ? String(answer) : "", unsure: skipped };
      const listed = q.options.some((o) => o.value === answer);
      const preset = q.options.find((o) => o.default)?.value ?? "";
      return {
        choice: skipped ? UNSURE : !has ? preset : listed ? answer : OTHER,
        text: has && !listed ? String(answer) : "",
        unsure: skipped,
      };
    }
    case "text":
      return { text: has ? String(answer) : "", unsure: skipped };
    case "count":
      return { text: has ? String(answer) : "", unsure: skipped };
    case "dated_levels": {
      const obj = has && answer && typeof answer === "object" ? answer : {};
      return { none: has && Object.keys(obj).length === 0, checked: Object.fromEntries(Object.keys(obj).map((k) => [k, true])), dates: { ...obj } };
    }
    case "honors": {
      const listed = new Set(q.options.map((o) => o.value));
      const fs = { none: has && Array.isArray(answer) && answer.length === 0, checked: {}, dates: {}, others: [] };
      for (const item of Array.isArray(answer) ? answer : []) {
        const h = typeof item === "string" ? { name: item } : item || {};
        if (listed.has(h.name)) {
          fs.checked[h.name] = true;
          fs.dates[h.name] = h.date || "";
        } else fs.others.push({ name: h.name || "", date: h.date || "", tier: h.tier || "" });
      }
      return fs;
    }
    case "studio":
      return { choice: !has ? null : answer === null ? "" : answer.level, date: (answer && answer.date) || "" };
    case "required_years": {
      const obj = has && answer && typeof answer === "object" ? answer : {};
      return { values: Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, String(v)])), unsure: skipped };
    }
    default:
      return {};
  }
}

function readForm(q, form) {
  const value = (name) => form.elements.namedItem(name)?.value ?? "";
  const radio = (name) => form.querySelector(`input[name="${name}"]:checked`)?.value ?? null;
  const checked = (id) => Boolean(form.querySelector(`#${id}`)?.checked);
  switch (q.type) {
    case "choice":
      return { choice: radio("choice") ?? "", other: value("other") };
    case "bool":
      return { choice: radio("choice") ?? "" };
    case "date":
      if (q.options.length) return { choice: radio("choice") ?? "", text: value("text"), unsure: false };
      return { text: value("text"), unsure: checked(fid(q, "unsure")) };
    case "text":
    case "count":
      return { text: value("text"), unsure: checked(fid(q, "unsure")) };
    case "dated_levels": {
      const fs = { none: checked(fid(q, "none")), checked: {}, dates: {} };
      for (const o of q.options) {
        fs.checked[o.value] = checked(fid(q, o.value));
        fs.dates[o.value] = value(`date-${o.value}`);
      }
      return fs;
    }
    case "honors": {
      const fs = { none: checked(fid(q, "none")), checked: {}, dates: {}, others: [] };
      q.options.forEach((o, i) => {
        fs.checked[o.value] = checked(fid(q, i));
        fs.dates[o.value] = value(`date-${i}`);
      });
      for (const row of form.querySelectorAll("[data-gt-other]")) {
        const get = (n) => row.querySelector(`[data-field="${n}"]`)?.value ?? "";
        fs.others.push({ name: get("name"), date: get("date"), tier: get("tier") });
      }
      return fs;
    }
    case "studio":
      return { choice: radio("choice"), date: value("date") };
    case "required_years": {
      const fs = { values: {}, unsure: checked(fid(q, "unsure")) };
      for (const o of q.options) fs.values[o.value] = value(`years-${o.value}`);
      return fs;
    }
    default:
      return {};
  }
}

/** Form state → {value, targets} | {skip: true} | {errors}; targets map engine keys to field ids. */
function formToAnswer(q, fs) {
  const errors = [];
  const targets = { [q.id]: firstField(q) };
  const need = q.unsure ? "，或选择“不确定”" : "";
  switch (q.type) {
    case "choice": {
      if (fs.choice === UNSURE) return { skip: true };
      if (!fs.choice) return { errors: [{ field: fid(q, 0), message: `请选择一项${need}` }] };
      if (fs.choice === OTHER) {
        const text = fs.other.trim();
        if (!text) return { errors: [{ field: fid(q, "other"), message: OTHER_CHOICE[q.id]?.field || "请填写" }] };
        return { value: text, targets: { [q.id]: fid(q, "other") } };
      }
      return { value: fs.choice, targets };
    }
    case "bool":
      if (fs.choice === UNSURE) return { skip: true };
      if (!fs.choice) return { errors: [{ field: fid(q, 0), message: `请选择“是”或“否”${need}` }] };
      return { value: fs.choice === "true", targets };
    case "date": {
      if (q.options.length) {
        if (fs.choice === UNSURE) return { skip: true };
        if (!fs.choice) return { errors: [{ field: fid(q, 0), message: "请选择一项" }] };
        if (fs.choice !== OTHER) return { value: fs.choice, targets };
        const d = parseDate(fs.text);
        if (d.empty) return { errors: [{ field: fid(q), message: "请填写日期" }] };
        if (d.error) return { errors: [{ field: fid(q), message: d.error }] };
        return { value: d.value, targets: { [q.id]: fid(q) } };
      }
      if (fs.unsure && q.unsure) return { skip: true };
      const d = parseDate(fs.text);
      if (d.empty) return q.optional ? { skip: true } : { errors: [{ field: fid(q), message: `请填写日期${need}` }] };
      if (d.error) return { errors: [{ field: fid(q), message: d.error }] };
      return { value: d.value, targets };
    }
    case "count": {
      if (fs.unsure && q.unsure) return { skip: true };
      const n = parseCount(fs.text);
      if (n.empty) return q.optional ? { skip: true } : { errors: [{ field: fid(q), message: `请填写数字${need}` }] };
      if (n.error) return { errors: [{ field: fid(q), message: n.error }] };
      return { value: n.value, targets };
    }
    case "text": {
      if (fs.unsure && q.unsure) return { skip: true };
      const text = fs.text.trim();
      if (!text) return { errors: [{ field: fid(q), message: `请填写${need}` }] };
      return { value: text, targets };
    }
    case "dated_levels": {
      if (fs.none) return { value: {}, targets };
      const value = {};
      for (const o of q.options) {
        if (!fs.checked[o.value]) continue;
        const field = fid(q, o.value, "date");
        targets[`${q.id}.${o.value}`] = field;
        const d = parseDate(fs.dates[o.value]);
        if (d.empty) errors.push({ field, message: `请填写取得${o.label}的日期` });
        else if (d.error) errors.push({ field, message: `${o.label}：${d.error}` });
        else value[o.value] = d.value;
      }
      if (!Object.keys(fs.checked).some((k) => fs.checked[k]))
        return { errors: [{ field: fid(q, q.options[0].value), message: "请选择您取得的等级，或选择“都没有”" }] };
      return errors.length ? { errors } : { value, targets };
    }
    case "honors": {
      if (fs.none) return { value: [], targets };
      const value = [];
      q.options.forEach((o, i) => {
        if (!fs.checked[o.value]) return;
        const item = { name: o.value };
        const index = value.length;
        targets[`${q.id}[${index}]`] = fid(q, i);
        targets[`${q.id}[${index}].name`] = fid(q, i);
        targets[`${q.id}[${index}].date`] = fid(q, i, "date");
        const d = parseDate(fs.dates[o.value]);
        if (d.error) errors.push({ field: fid(q, i, "date"), message: `${o.label}：${d.error}` });
        else if (d.value) item.date = d.value;
        value.push(item);
      });
      fs.others.forEach((row, r) => {
        const name = row.name.trim();
        if (!name && !row.date.trim()) return;
        const index = value.length;
        targets[`${q.id}[${index}]`] = fid(q, "other", r, "name");
        targets[`${q.id}[${index}].name`] = fid(q, "other", r, "name");
        targets[`${q.id}[${index}].date`] = fid(q, "other", r, "date");
        targets[`${q.id}[${index}].tier`] = fid(q, "other", r, "tier");
        if (!name) errors.push({ field: fid(q, "other", r, "name"), message: "请填写这项荣誉的名称" });
        const item = { name };
        const d = parseDate(row.date);
        if (d.error) errors.push({ field: fid(q, "other", r, "date"), message: `${name || "其他荣誉"}：${d.error}` });
        else if (d.value) item.date = d.value;
        if (row.tier) item.tier = row.tier;
        value.push(item);
      });
      if (!value.length && !errors.length)
        return { errors: [{ field: fid(q, 0), message: "请选择您获得的荣誉，或选择“以上都没有”" }] };
      return errors.length ? { errors } : { value, targets };
    }
    case "studio": {
      if (fs.choice === null || fs.choice === undefined) return { errors: [{ field: fid(q, 0), message: "请选择一项" }] };
      if (fs.choice === "") return { value: null, targets };
      targets[`${q.id}.level`] = fid(q, 0);
      targets[`${q.id}.date`] = fid(q, "date");
      const d = parseDate(fs.date);
      if (d.error) return { errors: [{ field: fid(q, "date"), message: d.error }] };
      return { value: d.value ? { level: fs.choice, date: d.value } : { level: fs.choice }, targets };
    }
    case "required_years": {
      if (fs.unsure && q.unsure) return { skip: true };
      const value = {};
      for (const o of q.options) {
        const field = fid(q, o.value);
        targets[`${q.id}.${o.value}`] = field;
        const n = parseCount(fs.values[o.value]);
        if (n.error) errors.push({ field, message: `${o.label}：${n.error}` });
        else if (!n.empty) value[o.value] = n.value;
      }
      if (errors.length) return { errors };
      if (!Object.keys(value).length) return { errors: [{ field: fid(q, q.options[0].value), message: `请至少填写一个等级要求的年限${need}` }] };
      return { value, targets };
    }
    default:
      return { errors: [{ field: null, message: "无法识别这个问题" }] };
  }
}

function firstField(q) {
  if (q.type === "date" && q.options.length) return fid(q, 0);
  if (["date", "count", "text"].includes(q.type)) return fid(q);
  if (q.type === "dated_levels" || q.type === "required_years") return fid(q, q.options[0]?.value);
  return fid(q, 0);
}

// --- questions: markup --------------------------------------------------------------------------------
const attr = (on, name) => (on ? ` ${name}` : "");

function radio(q, index, value, label, chosen, extra = "") {
  const id = fid(q, index);
  return `<div class="gt-choice"><input class="gt-choice__input" type="radio" id="${id}" name="choice" value="${esc(value)}"${attr(chosen, "checked")}${extra}><label class="gt-choice__label" for="${id}">${esc(label)}</label></div>`;
}

function checkbox(q, idPart, label, on, extra = "") {
  const id = fid(q, idPart);
  return `<div class="gt-choice gt-choice--check"><input class="gt-choice__input" type="checkbox" id="${id}"${attr(on, "checked")}${extra}><label class="gt-choice__label" for="${id}">${esc(label)}</label></div>`;
}

function dateInput(q, idParts, name, value, label, hint = "例如 2019-06-30、2019/6/30 或 2019年6月30日") {
  const id = fid(q, ...idParts);
  return `<div class="gt-field" data-gt-field="${id}"><label class="gt-label" for="${id}">${esc(label)}</label><p class="gt-hint" id="${id}-hint">${esc(hint)}</p><p class="gt-error-message" id="${id}-error" hidden></p><input class="gt-input gt-input--date" type="text" id="${id}" name="${esc(name)}" value="${esc(value)}" autocomplete="off" spellcheck="false" aria-describedby="${id}-hint"></div>`;
}

function unsureBlock(q, on) {
  return `<div class="gt-or">或</div>${checkbox(q, "unsure", "不确定", on, ' data-gt-exclusive="unsure"')}`;
}

function questionControls(q, fs) {
  switch (q.type) {
    case "choice": {
      const other = OTHER_CHOICE[q.id];
      let html = q.options.map((o, i) => radio(q, i, o.value, o.label, fs.choice === o.value)).join("");
      if (other) {
        html += radio(q, "o", OTHER, other.label, fs.choice === OTHER, ` data-gt-reveal="${fid(q, "other-box")}"`);
        html += `<div class="gt-conditional" id="${fid(q, "other-box")}"${attr(fs.choice !== OTHER, "hidden")}><div class="gt-field" data-gt-field="${fid(q, "other")}"><label class="gt-label" for="${fid(q, "other")}">${esc(other.field)}</label><p class="gt-error-message" id="${fid(q, "other")}-error" hidden></p><input class="gt-input" type="text" id="${fid(q, "other")}" name="other" value="${esc(fs.other)}" autocomplete="off"></div></div>`;
      }
      if (q.unsure) html += `<div class="gt-or">或</div>${radio(q, "u", UNSURE, "不确定", fs.choice === UNSURE)}`;
      return `<div class="gt-choices" data-gt-radios>${html}</div>`;
    }
    case "bool": {
      let html = q.options.map((o, i) => radio(q, i, o.value, o.label, fs.choice === o.value)).join("");
      if (q.unsure) html += `<div class="gt-or">或</div>${radio(q, "u", UNSURE, "不确定", fs.choice === UNSURE)}`;
      return `<div class="gt-choices gt-choices--inline" data-gt-radios>${html}</div>`;
    }
    case "date":
      if (q.options.length) {
        const box = fid(q, "other-box");
        let html = q.options.map((o, i) => radio(q, i, o.value, o.label, fs.choice === o.value)).join("");
        html += radio(q, "o", OTHER, "其他日期", fs.choice === OTHER, ` data-gt-reveal="${box}"`);
        html += `<div class="gt-conditional" id="${box}"${attr(fs.choice !== OTHER, "hidden")}>${dateInput(q, [], "text", fs.text || "", "受理材料截止时间")}</div>`;
        if (q.optional || q.unsure) html += `<div class="gt-or">或</div>${radio(q, "u", UNSURE, q.optional ? "不清楚，留空" : "不确定", fs.choice === UNSURE)}`;
        return `<div class="gt-choices" data-gt-radios>${html}</div>`;
      }
    // falls through
    case "count":
    case "text": {
      const id = fid(q);
      const unit = UNITS[q.id];
      const kind = q.type === "count" ? ' inputmode="numeric" class="gt-input gt-input--count"' : q.type === "date" ? ' class="gt-input gt-input--date"' : ' class="gt-input"';
      const list = q.type === "text" && q.options.length ? ` list="${id}-list"` : "";
      const datalist = list ? `<datalist id="${id}-list">${q.options.map((o) => `<option value="${esc(o.value)}"></option>`).join("")}</datalist>` : "";
      const hint = q.type === "date" ? `<p class="gt-hint" id="${id}-format">例如 2019-06-30、2019/6/30 或 2019年6月30日</p>` : "";
      const input = `<input type="text" id="${id}" name="text" value="${esc(fs.text)}"${kind}${list} autocomplete="off" spellcheck="false" aria-labelledby="gt-heading" aria-describedby="gt-hint${hint ? ` ${id}-format` : ""}">`;
      const field = `<div class="gt-field" data-gt-field="${id}">${hint}<p class="gt-error-message" id="${id}-error" hidden></p><div class="gt-input-row">${input}${unit ? `<span class="gt-unit">${esc(unit)}</span>` : ""}</div>${datalist}</div>`;
      return field + (q.unsure ? unsureBlock(q, fs.unsure) : "");
    }
    case "dated_levels": {
      let html = q.options
        .map((o) => {
          const box = fid(q, o.value, "box");
          return (
            checkbox(q, o.value, o.label, fs.checked?.[o.value], ` data-gt-reveal="${box}" data-gt-exclusive="item"`) +
            `<div class="gt-conditional" id="${box}"${attr(!fs.checked?.[o.value], "hidden")}>${dateInput(q, [o.value, "date"], `date-${o.value}`, fs.dates?.[o.value] ?? "", `取得${o.label}的日期`)}</div>`
          );
        })
        .join("");
      html += `<div class="gt-or">或</div>${checkbox(q, "none", "都没有", fs.none, ' data-gt-exclusive="none"')}`;
      return `<div class="gt-choices">${html}</div>`;
    }
    case "honors": {
      const groups = new Map();
      q.options.forEach((o, i) => {
        if (!groups.has(o.tier)) groups.set(o.tier, []);
        groups.get(o.tier).push([o, i]);
      });
      let html = "";
      for (const [tier, items] of groups) {
        html += `<p class="gt-group">可申报${esc(BUILD.tierNames[tier] || tier)}的荣誉</p>`;
        html += items
          .map(([o, i]) => {
            const box = fid(q, i, "box");
            return (
              checkbox(q, i, o.label, fs.checked?.[o.value], ` data-gt-reveal="${box}" data-gt-exclusive="item"`) +
              `<div class="gt-conditional" id="${box}"${attr(!fs.checked?.[o.value], "hidden")}>${dateInput(q, [i, "date"], `date-${i}`, fs.dates?.[o.value] ?? "", "获得日期（选填）")}</div>`
            );
          })
          .join("");
      }
      html += `<p class="gt-group">其他荣誉</p><p class="gt-hint">名单以外的荣誉也可以填写，由评审部门认定。</p><div data-gt-others>${(fs.others || []).map((row, r) => otherHonorRow(q, r, row)).join("")}</div>`;
      html += `<button type="button" class="gt-button gt-button--secondary" data-gt-add-other>添加一项其他荣誉</button>`;
      html += `<div class="gt-or">或</div>${checkbox(q, "none", "以上都没有", fs.none, ' data-gt-exclusive="none"')}`;
      return `<div class="gt-choices">${html}</div>`;
    }
    case "studio": {
      let html = "";
      q.options.forEach((o, i) => {
        const extra = o.value ? ` data-gt-reveal="${fid(q, "date-box")}"` : ` data-gt-hide="${fid(q, "date-box")}"`;
        html += radio(q, i, o.value, o.label, fs.choice === o.value, extra);
      });
      html += `<div class="gt-conditional" id="${fid(q, "date-box")}"${attr(!fs.choice, "hidden")}>${dateInput(q, ["date"], "date", fs.date || "", "担任领办人的日期（选填）")}</div>`;
      return `<div class="gt-choices" data-gt-radios>${html}</div>`;
    }
    case "required_years": {
      let html = q.options
        .map((o) => {
          const id = fid(q, o.value);
          return `<div class="gt-field" data-gt-field="${id}"><label class="gt-label" for="${id}">申报${esc(o.label)}</label><p class="gt-error-message" id="${id}-error" hidden></p><div class="gt-input-row"><input class="gt-input gt-input--count" type="text" inputmode="numeric" id="${id}" name="years-${esc(o.value)}" value="${esc(fs.values?.[o.value] ?? "")}" autocomplete="off"><span class="gt-unit">年</span></div></div>`;
        })
        .join("");
      if (q.unsure) html += unsureBlock(q, fs.unsure);
      return html;
    }
    default:
      return "";
  }
}

function otherHonorRow(q, r, row) {
  const tiers = Object.entries(BUILD.tierNames)
    .map(([id, name]) => `<option value="${esc(id)}"${attr(row.tier === id, "selected")}>与${esc(name)}所列荣誉相当</option>`)
    .join("");
  const nameId = fid(q, "other", r, "name");
  const tierId = fid(q, "other", r, "tier");
  return `<div class="gt-other" data-gt-other>
<div class="gt-field" data-gt-field="${nameId}"><label class="gt-label" for="${nameId}">荣誉名称</label><p class="gt-error-message" id="${nameId}-error" hidden></p><input class="gt-input" type="text" id="${nameId}" data-field="name" value="${esc(row.name)}" autocomplete="off"></div>
${dateInput(q, ["other", r, "date"], `other-date-${r}`, row.date, "获得日期（选填）").replace(`name="other-date-${r}"`, `name="other-date-${r}" data-field="date"`)}
<div class="gt-field" data-gt-field="${tierId}"><label class="gt-label" for="${tierId}">您认为它与哪一档荣誉相当</label><p class="gt-error-message" id="${tierId}-error" hidden></p><select class="gt-select" id="${tierId}" data-field="tier"><option value="">不清楚</option>${tiers}</select></div>
<button type="button" class="gt-link-button" data-gt-remove-other>删除这项荣誉</button></div>`;
}

function answerText(q, answer, skipped) {
  if (skipped) return q.unsure ? "不确定" : "未填写";
  if (answer === undefined) return "未回答";
  switch (q.type) {
    case "choice":
      return esc(q.options.find((o) => o.value === answer)?.label ?? answer);
    case "bool":
      return answer === true ? "是" : answer === false ? "否" : esc(answer);
    case "date":
      return esc(cnDate(answer));
    case "count":
      return esc(`${answer}${UNITS[q.id] ? ` ${UNITS[q.id]}` : ""}`);
    case "text":
      return esc(answer);
    case "dated_levels": {
      const entries = Object.entries(answer || {});
      if (!entries.length) return "都没有";
      return entries.map(([k, d]) => `${esc(q.options.find((o) => o.value === k)?.label ?? k)}：${esc(cnDate(d))}`).join("<br>");
    }
    case "honors": {
      if (!answer.length) return "没有";
      return answer
        .map((item) => {
          const h = typeof item === "string" ? { name: item } : item;
          const bits = [h.date ? cnDate(h.date) : "", h.tier ? `与${BUILD.tierNames[h.tier] || h.tier}所列荣誉相当` : ""].filter(Boolean);
          return esc(h.name + (bits.length ? `（${bits.join("，")}）` : ""));
        })
        .join("<br>");
    }
    case "studio":
      if (answer === null) return "不是领办人";
      return esc((q.options.find((o) => o.value === answer.level)?.label ?? answer.level) + (answer.date ? `（${cnDate(answer.date)}起）` : ""));
    case "required_years":
      return Object.entries(answer || {})
        .map(([k, n]) => `${esc(q.options.find((o) => o.value === k)?.label ?? k)}：${esc(n)} 年`)
        .join("<br>");
    default:
      return esc(JSON.stringify(answer));
  }
}

// --- screens --------------------------------------------------------------------------------------
function parseHash(hash) {
  let h = String(hash || "").replace(/^#/, "");
  try {
    h = decodeURIComponent(h);
  } catch {
    return null;
  }
  let m;
  if ((m = /^q-([a-z_]+)$/.exec(h)) && FLOW.has(m[1])) return { name: "question", id: m[1], mode: "flow" };
  if ((m = /^change-([a-z_]+)$/.exec(h)) && FLOW.has(m[1])) return { name: "question", id: m[1], mode: "change" };
  if (h === "check" || h === "result") return { name: h };
  if (h.startsWith("share=")) return { name: "share", data: h.slice(6) };
  return null;
}

function hashOf(screen) {
  if (screen.name === "question") return `${screen.mode === "change" ? "change" : "q"}-${screen.id}`;
  return screen.name;
}

const SHELL = `
<div class="gt-engine gt-noprint" data-gt-engine>
  <p class="gt-engine__text" role="status" aria-live="polite" data-gt-engine-text></p>
  <div class="gt-engine__bar" data-gt-engine-bar><progress max="100" value="0" aria-label="判断引擎加载进度"></progress><span class="gt-engine__bytes" data-gt-engine-bytes></span></div>
</div>
<div class="gt-banner gt-noprint" data-gt-banner hidden></div>
<div class="gt-screen" data-gt-screen></div>
<div class="gt-tools gt-noprint" data-gt-tools></div>`;

class Wizard {
  constructor(root) {
    this.root = root;
    this.pathname = location.pathname;
    this.state = loadState();
    this.engine = getEngine();
    this.screen = null;
    this.renderSeq = 0;
    this.lateConfirmed = "";
    this.defs = {}; // questions as the engine describes them for these answers (options may depend on them)
    this.baseTitle = document.title;
    this.firstRender = true;
    root.innerHTML = SHELL;
    root.dataset.mounted = "true";
    root.classList.add("gt-wizard--live");
    document.documentElement.classList.add("gt-wizard-page");
    this.$screen = root.querySelector("[data-gt-screen]");
    this.$tools = root.querySelector("[data-gt-tools]");
    this.$banner = root.querySelector("[data-gt-banner]");

    root.addEventListener("click", (e) => this.onClick(e));
    root.addEventListener("submit", (e) => this.onSubmit(e));
    root.addEventListener("input", (e) => this.onInput(e));
    root.addEventListener("change", (e) => this.onChange(e));
    // Keep Material's instant navigation (and its prefetching) away from the wizard's own links.
    for (const type of ["mousemove", "focusin"]) root.addEventListener(type, (e) => e.target.closest?.("a[data-gt-nav]") && e.stopPropagation());

    this.unsubscribe = this.engine.subscribe((status) => this.showEngine(status));
    this.offlineListener = () => this.showOffline();
    offline.listeners.add(this.offlineListener);
    this.renderTools();

    const initial = parseHash(location.hash);
    if (initial && initial.name === "share") {
      this.openShare(initial.data);
    } else {
      const screen = initial || parseHash(this.state.screen) || { name: "question", id: FIRST, mode: "flow" };
      this.go(screen, { replace: true, focus: false });
    }
    this.engine.start();
    if (document.readyState === "complete") setUpServiceWorker();
    else window.addEventListener("load", () => setUpServiceWorker(), { once: true });
    this.showOffline();
  }

  alive() {
    if (this.root.isConnected) return true;
    this.destroy();
    return false;
  }

  destroy() {
    if (this.dead) return;
    this.dead = true;
    this.unsubscribe?.();
    offline.listeners.delete(this.offlineListener);
    document.documentElement.classList.remove("gt-wizard-page");
  }

  save() {
    saveState(this.state);
  }

  // --- navigation -----------------------------------------------------------------------------------
  go(screen, { replace = false, focus = true } = {}) {
    const hash = `#${hashOf(screen)}`;
    const url = location.pathname + location.search + hash;
    if (replace) history.replaceState({ gt: hashOf(screen) }, "", url);
    else history.pushState({ gt: hashOf(screen) }, "", url);
    this.render(screen, focus);
  }

  /** Back or forward between the wizard's screens; true if it was one (see routePopState). */
  popState() {
    if (!this.alive() || location.pathname !== this.pathname) return false;
    const screen = parseHash(location.hash);
    if (!screen) return false;
    if (screen.name === "share") this.openShare(screen.data);
    else this.render(screen, true);
    return true;
  }

  render(screen, focus) {
    this.screen = screen;
    this.state.screen = hashOf(screen);
    this.save();
    const seq = ++this.renderSeq;
    this.root.dataset.screen = screen.name === "question" ? `question:${screen.id}` : screen.name;
    if (screen.name === "question") this.renderQuestion(screen, seq, focus);
    else if (screen.name === "check") this.renderCheck(seq, focus);
    else this.renderResult(seq, focus);
    this.firstRender = false;
  }

  current(seq) {
    return seq === this.renderSeq && this.alive();
  }

  setTitle(text) {
    document.title = `${text} - ${this.baseTitle}`;
  }

  focusHeading(focus) {
    const heading = this.$screen.querySelector("h1");
    if (!focus || !heading) return;
    heading.focus({ preventScroll: true });
    window.scrollTo({ top: 0 });
  }

  stateOf(extra = {}) {
    return { answers: this.state.answers, skipped: this.state.skipped, ...extra };
  }

  // --- question -------------------------------------------------------------------------------------
  def(id) {
    return this.defs[id] ?? FLOW.get(id);
  }

  renderQuestion(screen, seq, focus) {
    const q = this.def(screen.id);
    const answer = this.state.answers[q.id];
    const skipped = this.state.skipped.includes(q.id);
    const fs = this.state.drafts[q.id] ?? formFromAnswer(q, answer, skipped);
    const fieldset = !["date", "count", "text"].includes(q.type) || q.unsure || q.options.length > 0;
    const clause = BUILD.clauses[q.clause] ? `<span class="gt-basis">依据：${clauseLink(q.clause)}</span>` : "";
    const heading = `<h1 class="gt-heading" id="gt-heading" tabindex="-1">${esc(q.prompt)}</h1>`;
    const body = `
<p class="gt-hint" id="gt-hint">${esc(q.help)} ${clause}</p>
<p class="gt-error-message" id="gt-error" hidden></p>
${questionControls(q, fs)}`;
    const group = fieldset
      ? `<fieldset class="gt-fieldset" aria-describedby="gt-hint gt-error"><legend class="gt-legend">${heading}</legend>${body}</fieldset>`
      : `${heading}${body}`;
    const change = screen.mode === "change";
    this.$screen.innerHTML = `
<a class="gt-back gt-noprint" href="#" data-gt-nav data-gt-back hidden>返回</a>
<div class="gt-error-summary" data-gt-summary role="alert" tabindex="-1" hidden></div>
<form class="gt-form" data-gt-question="${esc(q.id)}" novalidate>
  ${group}
  <div class="gt-warning" data-gt-warning role="alert" hidden></div>
  <div class="gt-actions"><button type="submit" class="gt-button" data-gt-continue>继续</button>${change ? '<a class="gt-link" href="#check" data-gt-nav data-gt-to="check">取消修改，返回检查页</a>' : ""}</div>
</form>`;
    this.setTitle(q.prompt);
    this.focusHeading(focus);
    if (!this.firstQuestionShown) {
      this.firstQuestionShown = true;
      performance.mark?.("gt-first-question");
    }
    this.updateBack(screen, seq);
  }

  async updateBack(screen, seq) {
    const back = this.$screen.querySelector("[data-gt-back]");
    if (screen.mode === "change") {
      back.href = "#check";
      back.dataset.gtTo = "check";
      back.hidden = false;
      return;
    }
    if (screen.id === FIRST && !this.engine.isReady) return;
    const reply = await this.engine.call("state", this.stateOf({ current: screen.id }));
    if (!this.current(seq) || !reply.ok) return;
    const st = reply.value;
    if (st.question && JSON.stringify(st.question) !== JSON.stringify(this.def(screen.id))) {
      // Options that depend on the answers (e.g. the deadline's published rounds): draw them again,
      // keeping whatever was typed.
      const form = this.$screen.querySelector("form[data-gt-question]");
      if (form) this.state.drafts[screen.id] = readForm(this.def(screen.id), form);
      this.defs[screen.id] = st.question;
      if (this.state.answers[screen.id] === undefined && !this.state.skipped.includes(screen.id)) delete this.state.drafts[screen.id];
      this.render(screen, false);
      return;
    }
    if (!st.order.includes(screen.id)) {
      // This question does not apply to these answers (an old link, or answers changed meanwhile).
      this.go(st.next ? { name: "question", id: st.next.id, mode: "flow" } : { name: "check" }, { replace: true, focus: true });
      return;
    }
    if (st.before) {
      back.href = `#q-${st.before}`;
      back.dataset.gtTo = `q-${st.before}`;
      back.hidden = false;
    }
  }

  showErrors(q, errors, { warning = false } = {}) {
    const form = this.$screen.querySelector("form");
    const summary = this.$screen.querySelector(warning ? "[data-gt-warning]" : "[data-gt-summary]");
    this.clearErrors();
    // In the summary, say which field when the question has several (GOV.UK's error summary links).
    const labelOf = (field) => {
      if (!field || ["date", "count", "text", "bool", "choice"].includes(q.type)) return "";
      const label = form.querySelector(`label[for="${CSS.escape(field)}"]`)?.textContent.trim() ?? "";
      return label.replace(/（选填）$/, "");
    };
    const items = errors
      .map((e) => {
        const label = labelOf(e.field);
        const text = label && !e.message.startsWith(label) ? `${label}：${e.message}` : e.message;
        return `<li><a href="#${esc(e.field || "gt-heading")}" data-gt-focus="${esc(e.field || "gt-heading")}">${esc(text)}</a></li>`;
      })
      .join("");
    summary.innerHTML = warning
      ? `<h2 class="gt-warning__title">请确认日期</h2><ul class="gt-error-summary__list">${items}</ul>`
      : `<h2 class="gt-error-summary__title">出现问题</h2><ul class="gt-error-summary__list">${items}</ul>`;
    summary.hidden = false;
    for (const e of errors) {
      const input = e.field && form.querySelector(`#${CSS.escape(e.field)}`);
      const field = input?.closest("[data-gt-field]");
      const slot = field?.querySelector(".gt-error-message") ?? this.$screen.querySelector("#gt-error");
      slot.innerHTML = `<span class="gt-visually-hidden">${warning ? "请注意：" : "错误："}</span>${esc(e.message)}`;
      slot.hidden = false;
      slot.classList.toggle("gt-error-message--warning", warning);
      (field ?? form.querySelector(".gt-fieldset") ?? form).classList.add(warning ? "gt-has-warning" : "gt-has-error");
      if (input && !warning) {
        input.setAttribute("aria-invalid", "true");
        input.setAttribute("aria-describedby", `${input.getAttribute("aria-describedby") || ""} ${slot.id}`.trim());
      }
    }
    this.setTitle(`${warning ? "请确认" : "错误"}：${q.prompt}`);
    if (!warning) summary.focus();
  }

  clearErrors() {
    const form = this.$screen.querySelector("form");
    if (!form) return;
    for (const el of this.$screen.querySelectorAll("[data-gt-summary], [data-gt-warning]")) {
      el.hidden = true;
      el.innerHTML = "";
    }
    for (const el of form.querySelectorAll(".gt-error-message")) {
      el.hidden = true;
      el.textContent = "";
    }
    for (const el of form.querySelectorAll(".gt-has-error, .gt-has-warning")) el.classList.remove("gt-has-error", "gt-has-warning");
    for (const el of form.querySelectorAll("[aria-invalid]")) {
      el.removeAttribute("aria-invalid");
      const kept = (el.getAttribute("aria-describedby") || "").split(/\s+/).filter((id) => id && !id.endsWith("-error") && id !== "gt-error");
      if (kept.length) el.setAttribute("aria-describedby", kept.join(" "));
      else el.removeAttribute("aria-describedby");
    }
  }

  async onSubmit(event) {
    const form = event.target.closest("form[data-gt-question]");
    if (!form) return;
    event.preventDefault();
    if (this.busy) return;
    const screen = this.screen;
    const seq = this.renderSeq;
    const q = this.def(form.dataset.gtQuestion);
    const fs = readForm(q, form);
    this.state.drafts[q.id] = fs;
    this.save();
    const parsed = formToAnswer(q, fs);
    if (parsed.errors) {
      this.showErrors(q, parsed.errors);
      return;
    }
    const answers = { ...this.state.answers };
    let skipped = this.state.skipped.filter((id) => id !== q.id);
    if (parsed.skip) {
      delete answers[q.id];
      skipped.push(q.id);
    } else {
      answers[q.id] = parsed.value;
    }
    const button = form.querySelector("[data-gt-continue]");
    this.busy = true;
    button.setAttribute("aria-disabled", "true");
    button.textContent = this.engine.isReady ? "正在核对……" : "已记下，等待判断引擎……";
    const reply = await this.engine.call("state", { answers, skipped, current: q.id });
    this.busy = false;
    if (!this.current(seq)) return;
    button.removeAttribute("aria-disabled");
    button.textContent = "继续";
    if (!reply.ok) {
      if (reply.unavailable) return; // the engine could not start: the page says so above
      this.showErrors(q, [{ field: null, message: reply.fatal ? `判断引擎出错：${reply.fatal}` : reply.error?.problem || "出错了" }]);
      return;
    }
    const st = reply.value;
    if (st.next) this.defs[st.next.id] = st.next;
    if (st.error) {
      const e = st.error;
      const field = parsed.targets?.[e.key] ?? parsed.targets?.[e.question] ?? firstField(q);
      this.showErrors(q, [{ field: e.question === q.id ? field : null, message: e.question === q.id ? e.problem : `${FLOW.get(e.question)?.prompt ?? e.key}：${e.problem}` }]);
      return;
    }
    const late = st.late.filter((l) => topKey(l.key) === q.id);
    const token = `${q.id}:${JSON.stringify(parsed.value)}`;
    if (late.length && this.lateConfirmed !== token) {
      this.lateConfirmed = token;
      const when = { answers: "您填写的受理材料截止时间", policy: "本年度受理材料截止时间", today: "今天" }[st.deadline_source] || "受理材料截止时间";
      this.showErrors(
        q,
        late.map((l) => ({
          field: parsed.targets?.[l.key] ?? parsed.targets?.[topKey(l.key)] ?? firstField(q),
          message: `${cnDate(l.date)}晚于${when}（${cnDate(st.deadline)}），不计入本轮申报。日期无误的话，请再次点击“继续”。`,
        })),
        { warning: true },
      );
      return;
    }
    this.state.answers = answers;
    this.state.skipped = skipped;
    delete this.state.drafts[q.id];
    this.save();
    let next;
    if (screen.mode === "change") next = st.next ? { name: "question", id: st.next.id, mode: "change" } : { name: "check" };
    else if (st.after) next = { name: "question", id: st.after, mode: "flow" };
    else if (st.next) next = { name: "question", id: st.next.id, mode: "flow" };
    else next = { name: "check" };
    this.go(next);
  }

  onInput(event) {
    const form = event.target.closest("form[data-gt-question]");
    if (!form) return;
    clearTimeout(this.draftTimer);
    this.draftTimer = setTimeout(() => {
      if (!form.isConnected) return;
      const q = this.def(form.dataset.gtQuestion);
      this.state.drafts[q.id] = readForm(q, form);
      this.save();
    }, 250);
  }

  onChange(event) {
    const input = event.target;
    const form = input.closest("form[data-gt-question]");
    if (!form) return;
    // Conditional reveals: a checked radio or checkbox shows its extra field.
    if (input.type === "radio") {
      for (const other of form.querySelectorAll(`input[name="${input.name}"]`)) {
        const target = other.dataset.gtReveal && form.querySelector(`#${CSS.escape(other.dataset.gtReveal)}`);
        if (target) target.hidden = !form.querySelector(`input[data-gt-reveal="${other.dataset.gtReveal}"]:checked`);
      }
      if (input.dataset.gtHide && input.checked) form.querySelector(`#${CSS.escape(input.dataset.gtHide)}`).hidden = true;
    }
    if (input.type === "checkbox") {
      if (input.dataset.gtReveal) form.querySelector(`#${CSS.escape(input.dataset.gtReveal)}`).hidden = !input.checked;
      // "None" / "不确定" and the other options exclude each other (GOV.UK's exclusive checkbox).
      if (input.checked && input.dataset.gtExclusive === "none") {
        for (const other of form.querySelectorAll('input[data-gt-exclusive="item"]:checked')) {
          other.checked = false;
          if (other.dataset.gtReveal) form.querySelector(`#${CSS.escape(other.dataset.gtReveal)}`).hidden = true;
        }
      } else if (input.checked && input.dataset.gtExclusive === "item") {
        const none = form.querySelector('input[data-gt-exclusive="none"]');
        if (none) none.checked = false;
      }
    }
    this.onInput(event);
  }

  // --- clicks: the wizard's own links and buttons -------------------------------------------------------
  onClick(event) {
    const el = event.target.closest("a, button");
    if (!el || !this.root.contains(el)) return;
    const d = el.dataset;
    if (d.gtFocus !== undefined) {
      event.preventDefault();
      event.stopPropagation();
      const target = this.$screen.querySelector(`#${CSS.escape(d.gtFocus)}`);
      if (target) {
        target.closest(".gt-conditional")?.removeAttribute("hidden");
        target.focus();
        target.scrollIntoView({ block: "center" });
      }
      return;
    }
    if (el.matches("a[data-gt-nav]")) {
      event.preventDefault();
      event.stopPropagation(); // not an instant-navigation link for Material
      const screen = parseHash(`#${d.gtTo}`);
      if (screen) this.go(screen);
      return;
    }
    if (d.gtAddOther !== undefined) {
      const q = FLOW.get("honors");
      const list = this.$screen.querySelector("[data-gt-others]");
      const r = list.querySelectorAll("[data-gt-other]").length;
      list.insertAdjacentHTML("beforeend", otherHonorRow(q, r, { name: "", date: "", tier: "" }));
      const none = this.$screen.querySelector('input[data-gt-exclusive="none"]');
      if (none) none.checked = false;
      list.lastElementChild.querySelector("input").focus();
      return;
    }
    if (d.gtRemoveOther !== undefined) {
      const row = el.closest("[data-gt-other]");
      const form = row.closest("form");
      row.remove();
      const q = this.def(form.dataset.gtQuestion);
      // Renumber the rows so the engine's error keys still point at the right fields.
      const fs = readForm(q, form);
      const list = form.querySelector("[data-gt-others]");
      list.innerHTML = fs.others.map((o, i) => otherHonorRow(q, i, o)).join("");
      this.state.drafts[q.id] = fs;
      this.save();
      this.$screen.querySelector("[data-gt-add-other]").focus();
      return;
    }
    if (d.gtGo) {
      event.preventDefault();
      this.go(parseHash(`#${d.gtGo}`));
      return;
    }
    if (d.gtPrint !== undefined) {
      window.print();
      return;
    }
    if (d.gtShare !== undefined) {
      this.share();
      return;
    }
    if (d.gtCopy !== undefined) {
      this.copyShare();
      return;
    }
    if (d.gtClear !== undefined) {
      this.renderTools(true);
      this.$tools.querySelector("[data-gt-clear-yes]").focus();
      return;
    }
    if (d.gtClearNo !== undefined) {
      this.renderTools(false);
      this.$tools.querySelector("[data-gt-clear]").focus();
      return;
    }
    if (d.gtClearYes !== undefined) {
      this.state = emptyState();
      clearState();
      this.renderTools(false, "已清除您的全部回答。");
      this.go({ name: "question", id: FIRST, mode: "flow" });
      return;
    }
    if (d.gtRetry !== undefined) {
      // Start the engine again in this page: the answers (also those a browser refuses to store) stay.
      this.engine.retry();
      this.render(this.screen ?? { name: "question", id: FIRST, mode: "flow" }, true);
      return;
    }
    if (d.gtReload !== undefined) {
      location.reload();
    }
  }

  renderTools(confirming = false, note = "") {
    const storageNote = storage
      ? "您的回答只保存在这台设备的浏览器中，不会发送到任何服务器。"
      : "此浏览器不允许保存数据：刷新页面后，回答将会丢失。回答不会发送到任何服务器。";
    this.$tools.innerHTML = confirming
      ? `<div class="gt-confirm" role="group" aria-labelledby="gt-confirm-text"><p id="gt-confirm-text">确定要清除全部回答吗？清除后无法恢复。</p><button type="button" class="gt-button gt-button--warning" data-gt-clear-yes>确定清除</button> <button type="button" class="gt-button gt-button--secondary" data-gt-clear-no>取消</button></div>`
      : `<p class="gt-tools__note">${esc(storageNote)} <a href="${PRIVACY_PAGE}">隐私说明</a>${note ? ` <span role="status">${esc(note)}</span>` : ""}</p><button type="button" class="gt-button gt-button--secondary" data-gt-clear>清除我的回答</button>`;
  }

  // --- engine status ----------------------------------------------------------------------------------
  showEngine(status) {
    if (this.dead) return;
    const box = this.root.querySelector("[data-gt-engine]");
    const text = this.root.querySelector("[data-gt-engine-text]");
    const bar = this.root.querySelector("[data-gt-engine-bar]");
    this.root.dataset.engine = status.stage === "ready" ? "ready" : status.stage === "fatal" ? "fatal" : "loading";
    box.dataset.stage = status.stage;
    const label = STAGES[status.stage] || STAGES.download;
    if (status.stage === "ready") {
      bar.hidden = true;
      this.showOffline();
      checkOffline();
    } else if (status.stage === "fatal") {
      bar.hidden = true;
      text.textContent = label;
      this.showUnavailable(status);
    } else {
      bar.hidden = false;
      const pct = status.total ? Math.min(100, Math.floor((status.loaded / status.total) * 100)) : 0;
      const progress = bar.querySelector("progress");
      progress.value = pct;
      progress.textContent = `${pct}%`;
      bar.querySelector("[data-gt-engine-bytes]").textContent =
        status.stage === "download" ? `${mb(status.loaded)} / ${mb(status.total)} MB` : `${pct}%`;
      if (text.textContent !== `${label}……`) text.textContent = `${label}……`;
    }
  }

  showOffline() {
    if (this.dead) return;
    const text = this.root.querySelector("[data-gt-engine-text]");
    this.root.dataset.offline = offline.state;
    if (this.engine.isReady) {
      const suffix = offline.state === "ready" ? "，已可离线使用" : "";
      text.textContent = `${STAGES.ready}${suffix}。`;
    }
    if (offline.updated) {
      this.$banner.hidden = false;
      this.$banner.innerHTML = `<p>自测工具或申报规则已更新。您的回答已保存，重新载入即可使用最新版本。</p><button type="button" class="gt-button gt-button--secondary" data-gt-reload>重新载入</button>`;
    }
  }

  showUnavailable({ message, unsupported }) {
    if (!this.alive()) return;
    this.root.dataset.screen = "unavailable";
    const why = message ? `<span class="gt-unavailable__why">原因：${esc(message)}。</span>` : "";
    const intro = unsupported
      ? `<h1 class="gt-heading" id="gt-heading" tabindex="-1">此浏览器无法运行申报条件自测</h1>
  <p>自测需要在浏览器中运行判断程序（WebAssembly），但在这台设备上没能启动。${why}</p>`
      : `<h1 class="gt-heading" id="gt-heading" tabindex="-1">暂时无法启动申报条件自测</h1>
  <p>判断程序没能下载或启动，可能是网络中断了，或者网站暂时不可用。${why}请检查网络连接后点“重试”。</p>`;
    const retry = unsupported ? "" : `<button type="button" class="gt-button" data-gt-retry>重试</button>`;
    this.$screen.innerHTML = `
<div class="gt-unavailable" role="alert">
  ${intro}
  ${retry}
  <p>您也可以改用下面的页面，对照申报条件自行判断（条件表可以直接打印）：</p>
  <ul class="gt-unavailable__links">
    <li><a href="../pathway-a/">高技能人才申报专业技术职称的条件</a></li>
    <li><a href="../pathway-b/">专业技术人才申报职业技能等级评价的条件</a></li>
    <li><a href="${POLICY_PAGE}">通知原文</a></li>
  </ul>
  <p>${unsupported ? "也可以换用较新版本的浏览器（例如最新版的 Chrome、Edge、Firefox 或 Safari）再试。" : ""}您已填写的回答${storage ? "仍保存在本机" : "在关闭或刷新页面之前仍然保留"}。</p>
</div>`;
    this.setTitle("无法运行自测");
    this.focusHeading(!this.firstRender);
  }

  async waitingScreen(title, seq) {
    this.$screen.innerHTML = `<h1 class="gt-heading" id="gt-heading" tabindex="-1">${esc(title)}</h1><p class="gt-loading" role="status">${this.engine.isReady ? "正在整理……" : "正在等待判断引擎加载完成……"}</p>`;
    this.setTitle(title);
  }

  /** The engine's view of the stored answers; redirects to the question to answer first, if any. */
  async settled(seq, screen) {
    const reply = await this.engine.call("state", this.stateOf());
    if (!this.current(seq)) return null;
    if (!reply.ok) {
      if (!reply.unavailable) this.$screen.querySelector(".gt-loading").textContent = `判断引擎出错：${reply.fatal || reply.error?.problem}`;
      return null;
    }
    const st = reply.value;
    if (st.error) {
      // A stored or shared answer the engine refuses: show it on its question.
      const q = FLOW.get(st.error.question) ?? FLOW.get(FIRST);
      this.go({ name: "question", id: q.id, mode: screen === "check" ? "change" : "flow" }, { replace: true });
      this.showErrors(q, [{ field: firstField(q), message: st.error.problem }]);
      return null;
    }
    if (st.next) {
      this.go({ name: "question", id: st.next.id, mode: "flow" }, { replace: true });
      return null;
    }
    return st;
  }

  // --- check your answers ---------------------------------------------------------------------------
  async renderCheck(seq, focus) {
    this.waitingScreen("检查您的回答", seq);
    this.focusHeading(focus);
    const st = await this.settled(seq, "check");
    if (!st) return;
    const rows = st.journey
      .map((id) => {
        const q = FLOW.get(id);
        return `<div class="gt-summary__row"><dt class="gt-summary__key">${esc(q.prompt)}</dt><dd class="gt-summary__value">${answerText(q, st.answers[id], st.skipped.includes(id))}</dd><dd class="gt-summary__actions"><a class="gt-link" href="#change-${esc(id)}" data-gt-nav data-gt-to="change-${esc(id)}" aria-label="修改：${esc(q.prompt)}">修改</a></dd></div>`;
      })
      .join("");
    const ended = st.ended_by ? `<p class="gt-inset">根据您的回答已经可以得出结论，其余问题无需回答。</p>` : "";
    const last = st.journey[st.journey.length - 1];
    this.$screen.innerHTML = `
<a class="gt-back gt-noprint" href="#q-${esc(last)}" data-gt-nav data-gt-to="q-${esc(last)}">返回</a>
<h1 class="gt-heading" id="gt-heading" tabindex="-1">检查您的回答</h1>
${ended}
<dl class="gt-summary">${rows}</dl>
<h2>查看结果</h2>
<p>结果根据以上回答和黄人社发〔2021〕12号的规定得出。</p>
<div class="gt-actions"><button type="button" class="gt-button" data-gt-go="result">查看结果</button></div>`;
    this.setTitle("检查您的回答");
    this.focusHeading(focus);
  }

  // --- result -----------------------------------------------------------------------------------------
  async renderResult(seq, focus) {
    this.waitingScreen("自测结果", seq);
    this.focusHeading(focus);
    const st = await this.settled(seq, "result");
    if (!st) return;
    const reply = await this.engine.call("result", this.stateOf());
    if (!this.current(seq)) return;
    if (!reply.ok) {
      this.$screen.querySelector(".gt-loading").textContent = `判断引擎出错：${reply.fatal || reply.error?.problem}`;
      return;
    }
    this.$screen.innerHTML = resultHtml(reply.value, st);
    this.lastResult = { answers: reply.value.answers, skipped: st.skipped };
    this.setTitle("自测结果");
    this.focusHeading(focus);
  }

  shareUrl() {
    const { answers, skipped } = this.lastResult || this.stateOf();
    return `${location.origin}${location.pathname}#share=${encodeShare(answers, skipped)}`;
  }

  share() {
    const box = this.$screen.querySelector("[data-gt-share-box]");
    box.hidden = false;
    const input = box.querySelector("input");
    input.value = this.shareUrl();
    input.focus();
    input.select();
  }

  async copyShare() {
    const box = this.$screen.querySelector("[data-gt-share-box]");
    const input = box.querySelector("input");
    const note = box.querySelector("[data-gt-share-note]");
    let copied = false;
    try {
      await navigator.clipboard.writeText(input.value);
      copied = true;
    } catch {
      input.select();
      try {
        copied = document.execCommand("copy");
      } catch {
        copied = false;
      }
    }
    note.textContent = copied ? "已复制链接。" : "无法自动复制，请长按或右键复制上面的链接。";
  }

  openShare(data) {
    const shared = decodeShare(data);
    if (!shared) {
      this.go({ name: "question", id: FIRST, mode: "flow" }, { replace: true, focus: false });
      this.renderTools(false, "分享链接不完整，无法打开其中的回答。");
      return;
    }
    this.state = { answers: shared.answers, skipped: shared.skipped, drafts: {}, screen: "result" };
    this.save();
    this.renderTools(false, "已打开分享链接中的回答。");
    this.go({ name: "result" }, { replace: true, focus: false });
  }
}

function statusTag([text, cls]) {
  return `<strong class="gt-tag gt-tag--${cls}">${esc(text)}</strong>`;
}

function cited(item, clauses) {
  const c = clauses[item.clause];
  const link = c && c.anchor ? ` <a class="gt-clause" href="${POLICY_PAGE}#${esc(c.anchor)}">（${esc(c.cite)}）</a>` : "";
  return `${linkPhones(esc(item.message))}${link}`;
}

function resultHtml(data, st) {
  const r = data.result;
  const names = data.level_names;
  const ids = Object.keys(r.levels);
  const upcoming = ids.filter((id) => r.levels[id].status !== "eligible" && r.levels[id].eligible_on);
  const undetermined = ids.filter((id) => r.levels[id].status === "undetermined");
  let panelClass, panelTitle;
  if (r.highest) {
    panelClass = "eligible";
    panelTitle = `您可以申报：${esc(names[r.highest])}`;
  } else if (undetermined.length) {
    panelClass = "undetermined";
    panelTitle = "暂时无法确定：有待确认的事项";
  } else {
    panelClass = "not-eligible";
    panelTitle = upcoming.length ? "目前还不符合申报条件" : "按您的回答，目前不符合申报条件";
  }
  const soon = upcoming
    .filter((id) => !r.highest || ids.indexOf(id) > ids.indexOf(r.highest))
    .slice(0, 1)
    .map((id) => `<p class="gt-panel__line">自 <strong>${esc(cnDate(r.levels[id].eligible_on))}</strong> 起可申报${esc(names[id])}。</p>`)
    .join("");
  const pending = r.highest && undetermined.length
    ? `<p class="gt-panel__line">${esc(undetermined.map((id) => names[id]).join("、"))}待定，见下方说明。</p>`
    : "";
  const levels = ids
    .map((id) => {
      const level = r.levels[id];
      const [text, cls] = STATUS[level.status];
      const on = level.eligible_on ? `<p class="gt-level__on">自 <strong>${esc(cnDate(level.eligible_on))}</strong> 起符合条件（只差时间）。</p>` : "";
      const routes = level.routes.length
        ? `<p class="gt-level__label">符合条件的途径：</p><ul class="gt-list">${level.routes.map((x) => `<li><span class="gt-kind">${esc(ROUTE_KIND[x.kind] || x.kind)}</span>${cited(x, data.clauses)}</li>`).join("")}</ul>`
        : "";
      const reasons = level.reasons.length
        ? `<p class="gt-level__label">${level.status === "undetermined" ? "待定的原因：" : "原因："}</p><ul class="gt-list">${level.reasons.map((x) => `<li>${cited(x, data.clauses)}</li>`).join("")}</ul>`
        : "";
      return `<section class="gt-level gt-level--${cls}" data-level="${esc(id)}" data-status="${esc(level.status)}"><h3 class="gt-level__title">${esc(names[id])} ${statusTag([text, cls])}</h3>${on}${routes}${reasons}</section>`;
    })
    .join("");
  const pre = r.preconditions
    .map((p) => `<li class="gt-pre gt-pre--${PRECONDITION[p.status][1]}">${statusTag(PRECONDITION[p.status])} <span class="gt-pre__label">${esc(data.rule_labels[p.id] || p.id)}</span>：${cited(p, data.clauses)}</li>`)
    .join("");
  const count = (status) => r.preconditions.filter((p) => p.status === status).length;
  const preSummary = [
    count("not_met") ? `${count("not_met")} 项不符合` : "",
    count("unknown") ? `${count("unknown")} 项待确认` : "",
    count("met") ? `${count("met")} 项符合` : "",
  ].filter(Boolean).join("，");
  const allMet = count("met") === r.preconditions.length;
  const steps = r.next_steps.map((s) => `<li>${cited(s, data.clauses)}</li>`).join("");
  const materials = data.materials && data.materials.names.length
    ? `<h3>业绩成果材料清单${data.materials.clause && data.clauses[data.materials.clause] ? "" : ""}</h3><ul class="gt-checklist">${data.materials.names.map((m) => `<li>${esc(m)}</li>`).join("")}</ul>`
    : "";
  const notes = r.notes.map((n) => `<li>${cited(n, data.clauses)}</li>`).join("");
  const source = DEADLINE_SOURCE[r.deadline_source] || "";
  return `
<a class="gt-back gt-noprint" href="#check" data-gt-nav data-gt-to="check">返回检查页</a>
<p class="gt-print-only gt-print-head">申报条件自测结果 · 依据${esc(data.notice)} · 规则数据版本 ${esc(data.policy_version)}</p>
<h1 class="gt-heading" id="gt-heading" tabindex="-1">自测结果</h1>
<div class="gt-panel gt-panel--${panelClass}" data-highest="${esc(r.highest || "")}">
  <p class="gt-panel__title">${panelTitle}</p>
  ${soon}${pending}
  <p class="gt-panel__line gt-panel__small">年限计算至 ${esc(cnDate(r.deadline))}（${esc(source)}）。</p>
</div>
<h2>各层级的结论</h2>
<div class="gt-levels">${levels}</div>
<h2>下一步</h2>
<ol class="gt-steps">${steps}</ol>
${materials}
<details class="gt-details"${allMet ? "" : " open"}>
  <summary class="gt-details__summary"><h2 class="gt-details__title">基本条件：${esc(allMet ? "全部符合" : preSummary)}</h2></summary>
  <ul class="gt-pres">${pre}</ul>
</details>
<h2>请注意</h2>
<ul class="gt-notes">${notes}</ul>
<p class="gt-meta">本结果根据您的回答和${esc(data.notice)}自动得出，仅供参考，以评审、评价部门的认定为准。规则数据版本 ${esc(data.policy_version)}。</p>
<div class="gt-actions gt-noprint">
  <button type="button" class="gt-button" data-gt-print>打印结果</button>
  <button type="button" class="gt-button gt-button--secondary" data-gt-share>分享结果链接</button>
  <a class="gt-link" href="#check" data-gt-nav data-gt-to="check">修改回答</a>
</div>
<div class="gt-share gt-noprint" data-gt-share-box hidden>
  <label class="gt-label" for="gt-share-url">分享链接（回答只保存在链接里，不会发送到任何服务器）</label>
  <input class="gt-input" id="gt-share-url" type="text" readonly>
  <button type="button" class="gt-button gt-button--secondary" data-gt-copy>复制链接</button>
  <p class="gt-share__note" data-gt-share-note role="status"></p>
</div>`;
}

// --- mounting ----------------------------------------------------------------------------------------
const live = new Set();
function mountAll() {
  for (const wizard of live) if (!wizard.alive()) live.delete(wizard);
  const root = document.getElementById("gt-wizard");
  if (!root || root.dataset.mounted) return;
  live.add(new Wizard(root));
}

// Back and forward between the wizard's screens change only the fragment. Material's instant navigation
// also listens to popstate and, on the first one after a direct load, fetches the page again and
// replaces it. The wizard page carries a tiny inline script that runs before Material's bundle and
// registers the first popstate listener, which calls this and stops the event when the wizard took it.
function routePopState() {
  for (const wizard of live) if (wizard.popState()) return true;
  return false;
}
window.guantongWizardPop = routePopState;
if (!window.guantongWizardPopInstalled) {
  // Without the inline script (another page template): listen here, after Material.
  window.guantongWizardPopInstalled = true;
  window.addEventListener("popstate", (event) => {
    if (routePopState()) event.stopImmediatePropagation();
  });
}

// Test and measurement hooks (no effect on the page).
window.guantongWizard = {
  get engine() {
    return getEngine();
  },
  call: (op, payload) => getEngine().call(op, payload),
  build: { version: BUILD.version, policyVersion: BUILD.policyVersion },
};

// Material's document$ emits on load and after every instant navigation. On the wizard page this script
// also runs early (an async module right after <div id="gt-wizard">, see wizard_bundle.add_page_parts),
// before Material's bundle has run: it mounts at once, and subscribes to document$ once it exists.
const material = () => window.document$ && typeof window.document$.subscribe === "function";
mountAll();
if (material()) {
  window.document$.subscribe(() => mountAll());
} else if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", () => (material() ? window.document$.subscribe(() => mountAll()) : mountAll()), { once: true });
}
