// The wizard's engine: Pyodide in a module Web Worker, running the same `guantong` package as the tests.
//
// Built by build_scripts/wizard_bundle.py into site/wizard/assets/worker.<hash>.mjs, which replaces
// __GUANTONG_WORKER__ below with the build's constants (file names, sizes, the Pyodide lock's `info`,
// the name of the Cache Storage cache for Pyodide). Runtime options come in the worker's `name` (a JSON
// object), never in a query string: a service worker drops the query string of a worker script.
//
// Protocol (all messages are plain objects):
//   page → worker  {id, op, payload}                      op: state | result | evaluate | evaluate_many
//   worker → page  {kind: "progress", stage, loaded, total}  stage: download | start | engine
//                  {kind: "ready", python, policyVersion, ms, fromCache}
//                  {kind: "reply", id, ok, value | error | fatal}
//                  {kind: "fatal", message}                  Pyodide could not start
//                  {kind: "log", level, line}
import { loadPyodide } from "../pyodide/pyodide.mjs";

const BUILD = __GUANTONG_WORKER__;
const OPTIONS = (() => {
  try {
    return JSON.parse(self.name || "{}");
  } catch {
    return {};
  }
})();
const t0 = performance.now();
const ms = () => Math.round(performance.now() - t0);
// Milestones of the boot, in ms since the page's navigation started (reported with "ready").
const marks = {};
const mark = (name) => {
  marks[name] = Math.round(performance.timeOrigin + performance.now() - (OPTIONS.pageOrigin ?? performance.timeOrigin));
};
mark("worker");
const url = (path) => new URL(path, import.meta.url).href;

// --- fatal boot problems that Pyodide only logs ---------------------------------------------------
let failed = false;
function fail(message) {
  if (failed) return;
  failed = true;
  postMessage({ kind: "fatal", message });
}
for (const level of ["warn", "error"]) {
  const original = console[level].bind(console);
  console[level] = (...args) => {
    original(...args);
    const line = args.map(String).join(" ");
    postMessage({ kind: "log", level, line });
    if (line.includes("wasm instantiation failed")) fail(`${line}（.wasm 文件无法加载或不是 application/wasm 类型）`);
    if (line.includes("Error occurred while installing the standard library")) fail(line);
  };
}

// --- downloads with progress, kept in Cache Storage for the next visit and for offline use -------------
const files = Object.values(BUILD.files).map((f) => ({ ...f, href: url(f.path), loaded: 0 }));
const byHref = new Map(files.map((f) => [f.href, f]));
const total = files.reduce((sum, f) => sum + f.size, 0);
let lastReport = 0;
let stage = "download";
function report(force = false) {
  const now = performance.now();
  if (!force && now - lastReport < 120) return;
  lastReport = now;
  const loaded = files.reduce((sum, f) => sum + Math.min(f.loaded, f.size), 0);
  postMessage({ kind: "progress", stage, loaded, total });
}

const cachePromise = (async () => {
  if (OPTIONS.noCache || typeof caches === "undefined") return null;
  try {
    return await caches.open(BUILD.engineCache);
  } catch {
    return null; // e.g. storage disabled: download every time
  }
})();
let fromCache = 0;

function counted(body, file) {
  return body.pipeThrough(
    new TransformStream({
      transform(chunk, controller) {
        file.loaded += chunk.byteLength;
        report();
        controller.enqueue(chunk);
      },
    }),
  );
}

function plainHeaders(headers) {
  // The body below is already decoded: drop what described the bytes on the wire.
  const out = new Headers(headers);
  out.delete("content-encoding");
  out.delete("content-length");
  return out;
}

// A streamed Response for one of the engine's files: from the cache if there, else from the network
// (counted, and copied into the cache as it streams).
async function getFile(file) {
  const cache = file.cache ? await cachePromise : null;
  if (cache) {
    const hit = await cache.match(file.href);
    if (hit) {
      fromCache += 1;
      file.loaded = file.size;
      report(true);
      return hit;
    }
  }
  const response = await nativeFetch(file.href, { cache: "no-cache" });
  if (!response.ok || !response.body) throw new Error(`${file.href}: HTTP ${response.status}`);
  const init = { status: 200, statusText: "OK", headers: plainHeaders(response.headers) };
  let body = counted(response.body, file).pipeThrough(
    new TransformStream({ flush: () => mark(file.path.split("/").pop()) }),
  );
  if (cache) {
    const [mine, copy] = body.tee();
    body = mine;
    cache.put(file.href, new Response(copy, init)).catch(() => {});
  }
  return new Response(body, init);
}

// Pyodide fetches pyodide.asm.wasm and python_stdlib.zip itself: serve those through getFile().
const nativeFetch = globalThis.fetch.bind(globalThis);
globalThis.fetch = (input, init) => {
  const href = input instanceof Request ? input.url : new URL(String(input), location.href).href;
  const file = byHref.get(href);
  return file ? getFile(file) : nativeFetch(input, init);
};

// pyodide.asm.mjs is imported, not fetched: fetch it first (counted, cached), then import it, which
// the HTTP cache or the service worker answers without downloading it again.
async function loadAsm() {
  const file = BUILD.files.asm;
  const response = await getFile(files.find((f) => f.path === file.path));
  await response.arrayBuffer();
  return import(url(file.path));
}

// --- boot ------------------------------------------------------------------------------------------
async function boot() {
  report(true);
  const asm = loadAsm();
  const engineZip = getFile(files.find((f) => f.path === BUILD.files.engine.path)).then((r) => r.arrayBuffer());
  const pyodide = await loadPyodide({
    indexURL: url(BUILD.indexPath),
    stdLibURL: url(BUILD.files.stdlib.path),
    // The lock's `info` only (its ABI is checked at boot); no packages, so nothing else is ever fetched.
    lockFileContents: { info: BUILD.lockInfo, packages: {} },
    packageBaseUrl: url(BUILD.indexPath),
    packages: [],
    // Imported by us (see loadAsm) so that its download is counted; Pyodide calls this after it has
    // already started downloading the .wasm and the standard library.
    createPyodideModule: async (settings) => (await asm).default(settings),
    stdout: (line) => postMessage({ kind: "log", level: "stdout", line }),
    stderr: (line) => postMessage({ kind: "log", level: "stderr", line }),
  });
  mark("python");
  stage = "engine";
  report(true);
  pyodide.unpackArchive(await engineZip, "zip", { extractDir: BUILD.appDir });
  pyodide.runPython(`import sys\nif ${JSON.stringify(BUILD.appDir)} not in sys.path: sys.path.insert(0, ${JSON.stringify(BUILD.appDir)})`);
  const bridge = pyodide.pyimport("guantong_wizard");
  mark("imported");
  const warm = JSON.parse(bridge.call("warm", "{}"));
  mark("warm");
  if (!warm.ok) throw new Error(warm.fatal || JSON.stringify(warm.error));
  postMessage({
    kind: "ready",
    python: pyodide.runPython("import sys; sys.version.split()[0]"),
    policyVersion: warm.value.policy_version,
    fromCache,
    ms: ms(),
    marks,
  });
  return bridge;
}

// Between the downloads finishing and Python answering, say that Python is starting.
const downloads = setInterval(() => {
  if (stage === "download" && files.every((f) => f.loaded >= f.size)) {
    stage = "start";
    report(true);
  }
  if (stage !== "download") clearInterval(downloads);
}, 100);

const ready = boot();
ready.catch((err) => fail(String(err && err.message ? err.message : err)));

onmessage = async ({ data }) => {
  const { id, op, payload } = data || {};
  let bridge;
  try {
    bridge = await ready;
  } catch (err) {
    postMessage({ kind: "reply", id, ok: false, fatal: String(err && err.message ? err.message : err) });
    return;
  }
  try {
    const reply = JSON.parse(bridge.call(op, JSON.stringify(payload ?? {})));
    postMessage({ kind: "reply", id, ...reply });
  } catch (err) {
    postMessage({ kind: "reply", id, ok: false, fatal: String(err && err.message ? err.message : err) });
  }
};
