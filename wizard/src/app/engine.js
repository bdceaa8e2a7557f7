// The engine client: one module worker per document (kept across Material's instant navigation) that
// boots Pyodide and the guantong package (worker/); its progress in bytes on the wire, the memory
// snapshot it keeps, a retry after a failed start. Only the result needs it: questions never wait here.
import { missing } from "./support.js";
import { W } from "./words.js";

/** The status before the engine has started: all of its `downloadBytes` still to come. */
export const idleStatus = (downloadBytes) => ({ stage: "idle", loaded: 0, total: downloadBytes, cached: 0, message: "" });

export class Engine {
  /** @param {{worker: string, downloadBytes: number, base: string, needs: Array}} build (needs: support.js) */
  constructor(build) {
    this.build = build;
    this.listeners = new Set();
    this.status = this.idle();
    this.pending = new Map();
    this.tasks = new Map(); // id → onTask, for calls that report their progress (the batch page)
    this.seq = 0;
    this.worker = null;
    this.timings = {};
    this.attempts = 0;
    this.reset();
  }

  idle() {
    return idleStatus(this.build.downloadBytes);
  }

  reset() {
    this.ready = new Promise((resolve, reject) => {
      this.resolveReady = resolve;
      this.rejectReady = reject;
    });
    this.ready.catch(() => {});
  }

  get isReady() {
    return this.status.stage === "ready";
  }

  get failed() {
    return this.status.stage === "fatal";
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

  /** After a failed start (network down, a file that did not load): a fresh worker, a fresh try. */
  retry() {
    if (this.isReady || !this.failed || this.status.unsupported) return;
    clearInterval(this.watchdog);
    try {
      this.worker?.terminate();
    } catch {
      // already gone
    }
    this.worker = null;
    this.reset();
    this.status = this.idle();
    this.start();
  }

  start() {
    if (this.worker || this.failed) return;
    // Tested before anything is downloaded: a browser below what the shipped Pyodide needs is told at once.
    const gaps = missing(window, this.build.needs);
    if (gaps.length) {
      this.fail(W.tooOld(gaps), { unsupported: true });
      return;
    }
    this.attempts += 1;
    this.started = performance.now();
    const src = new URL(this.build.worker, this.build.base).href;
    const early = this.attempts === 1 ? takeEarlyWorker(src) : null;
    try {
      // Options travel in the worker's name: a service worker would drop a query string.
      // No Cache Storage in the page (WeChat's WKWebView): the worker keeps nothing there either.
      const options = { pageOrigin: performance.timeOrigin, noCache: !cacheStorage() };
      this.worker = early ? early.worker : new Worker(src, { type: "module", name: JSON.stringify(options) });
    } catch (err) {
      this.fail(W.noWorker(err?.message ? err.message : err));
      return;
    }
    this.update({ stage: "download" });
    this.lastSign = performance.now();
    this.watchdog = setInterval(() => {
      // A boot that stops moving (no bytes, no stage) for this long will not finish by itself.
      if (!this.isReady && performance.now() - this.lastSign > 90000) this.fail(W.timeout);
    }, 5000);
    this.worker.onmessage = ({ data }) => this.onMessage(data);
    this.worker.onerror = (event) => {
      event.preventDefault?.();
      this.fail(W.scriptError(event.message));
    };
    // What the early worker said before this script ran, in order.
    for (const item of early ? early.queue.splice(0) : []) {
      if ("error" in item) this.fail(W.scriptError(item.error));
      else this.onMessage(item.data);
    }
  }

  onMessage(data) {
    this.lastSign = performance.now();
    if (data.kind === "progress") {
      if (!this.isReady && !this.failed)
        this.update({ stage: data.stage, loaded: data.loaded, total: data.total, cached: data.cached ?? 0 });
    } else if (data.kind === "ready") {
      clearInterval(this.watchdog);
      this.timings.ready = performance.now();
      this.timings.worker = data.marks || {};
      this.timings.heap = data.heap ?? null;
      performance.mark?.("gt-engine-ready");
      this.update({
        stage: "ready",
        loaded: this.status.total,
        python: data.python,
        policyVersion: data.policyVersion,
        fromCache: data.fromCache,
        restored: data.restored,
      });
      remember();
      this.resolveReady();
    } else if (data.kind === "snapshot") {
      this.snapshot = { bytes: data.bytes, copyMs: data.copyMs, ms: data.ms, where: data.where };
    } else if (data.kind === "task") {
      this.tasks.get(data.id)?.(data);
    } else if (data.kind === "reply") {
      this.tasks.delete(data.id);
      const pending = this.pending.get(data.id);
      if (pending) {
        this.pending.delete(data.id);
        pending(data);
      }
    } else if (data.kind === "fatal") {
      this.fail(W.bootFailed(data.reason, data.detail));
    } else if (data.kind === "log" && (data.level === "warn" || data.level === "error")) {
      console.debug(`[guantong engine] ${data.line}`);
    }
  }

  fail(message, { unsupported = false } = {}) {
    if (this.failed || this.isReady) return;
    clearInterval(this.watchdog);
    this.update({ stage: "fatal", message, unsupported });
    this.rejectReady(new Error(message));
    for (const [id, pending] of this.pending) pending({ id, ok: false, error: { kind: "fatal", message, unavailable: true } });
    this.pending.clear();
    this.tasks.clear();
  }

  /** Resolves with the worker's reply {ok, value | error} (error: {kind, message, …}, guantong_bridge.py;
   * ``unavailable`` where the engine could not start); never rejects. `onTask` hears the
   * call's progress ({stage, done, total}); `transfer` lists ArrayBuffers handed over, not copied. */
  async call(op, payload, { onTask = null, transfer = [] } = {}) {
    try {
      await this.ready;
    } catch (err) {
      return { ok: false, error: { kind: "fatal", message: err.message, unavailable: true } };
    }
    return new Promise((resolve) => {
      const id = ++this.seq;
      this.pending.set(id, resolve);
      if (onTask) this.tasks.set(id, onTask);
      this.worker.postMessage({ id, op, payload }, transfer);
    });
  }
}

const cacheStorage = () => typeof caches === "object" && caches !== null;

// That this browser has run the engine once: on the next visit start.js starts the worker at once, even
// without a service worker (the HTTP cache has the engine's files). The privacy page lists it.
export const ENGINE_SEEN_KEY = "guantong-engine:v1";
function remember() {
  try {
    localStorage.setItem(ENGINE_SEEN_KEY, "ready");
  } catch {
    // not stored: the next visit starts the worker a little later
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

/** The page's one engine (one worker per document, whichever of the wizard's and the batch page's scripts
 * asks first: Material's instant navigation keeps the document, and both pages' scripts find it here). */
export function sharedEngine(build) {
  window.guantongEngine ??= new Engine(build);
  return window.guantongEngine;
}
