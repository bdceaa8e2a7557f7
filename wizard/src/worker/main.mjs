// The wizard's engine: Pyodide in a module Web Worker, running the same `guantong` package as the tests.
// The entry of the worker's modules (context, downloads and their wire, the snapshot's format and store,
// the batch and staff pages' part), bundled by esbuild into site/wizard/assets/worker.<hash>.mjs
// (build_scripts/wizard/bundle.py).
//
// The messages it takes and sends are listed once, in wizard/src/README.md ("Worker protocol"; a test holds
// that list to the postMessage calls of these modules). The operations are the bridges' (guantong_wizard.OPS,
// guantong_batch.OPS: the build puts the batch bridge's names in BUILD.batchOps, which this worker routes
// there) and batch_load, which is this worker's own.
import { BATCH_OPS, batchOp, fatal } from "./batch.mjs";
import { BUILD, mark, marks, ms, url } from "./context.mjs";
import {
  cachePromise,
  compileWasm,
  fileOf,
  files,
  fromCache,
  getFile,
  loadAsm,
  nativeInstantiateStreaming,
  report,
  setStage,
  stage,
} from "./downloads.mjs";
import { dropSnapshot, readSnapshot, snapshotStore, storeSnapshot } from "./store.mjs";

// --- fatal boot problems (some Pyodide only logs) ---------------------------------------------------
let failed = false;
function fail(reason, detail) {
  if (failed) return;
  failed = true;
  postMessage({ kind: "fatal", reason, detail: String(detail).slice(0, 300) });
}
for (const level of ["warn", "error"]) {
  const original = console[level].bind(console);
  console[level] = (...args) => {
    original(...args);
    const line = args.map(String).join(" ");
    postMessage({ kind: "log", level, line });
    if (line.includes("wasm instantiation failed")) fail("wasm", line);
    if (line.includes("Error occurred while installing the standard library")) fail("stdlib", line);
  };
}

// --- boot ------------------------------------------------------------------------------------------
function options(snapshot, makeSnapshot = false) {
  return {
    indexURL: url(BUILD.indexPath),
    stdLibURL: url(BUILD.files.stdlib.path),
    // The lock's `info` only (its ABI is checked at boot); no packages, so nothing else is ever fetched.
    lockFileContents: { info: BUILD.lockInfo, packages: {} },
    packageBaseUrl: url(BUILD.indexPath),
    packages: [],
    // Imported by us (see loadAsm) so that its download is counted; Pyodide calls this after it has
    // already started downloading the .wasm and the standard library.
    createPyodideModule: async (settings) => {
      const create = (await asm).default;
      mark("asm imported");
      return create(settings);
    },
    stdout: (line) => postMessage({ kind: "log", level: "stdout", line }),
    stderr: (line) => postMessage({ kind: "log", level: "stderr", line }),
    ...(snapshot ? { _loadSnapshot: snapshot } : { _makeSnapshot: makeSnapshot }),
  };
}

let asm;
let py = null; // the booted Pyodide, for the batch page's files
async function boot() {
  report(true);
  // Everything at once: the snapshot (if any) from Cache Storage, the wasm compiling as it arrives,
  // Pyodide's JavaScript, the engine.
  const snapshotRead = readSnapshot();
  const wasmCached = cachePromise.then((cache) => cache?.match(fileOf("wasm").href)).catch(() => null);
  asm = loadAsm();
  const engineZip = getFile(fileOf("engine")).then((r) => r.arrayBuffer());
  const pyodideJs = import(BUILD.pyodideJs);
  if ((await wasmCached) && typeof WebAssembly.compileStreaming === "function" && nativeInstantiateStreaming) compileWasm();
  const { loadPyodide } = await pyodideJs;
  const snapshot = await snapshotRead;
  if (snapshot) mark("snapshot read");
  let pyodide = null;
  if (snapshot) {
    try {
      pyodide = await loadPyodide(options(snapshot));
    } catch (err) {
      postMessage({ kind: "log", level: "warn", line: `memory snapshot not restored: ${err?.message ? err.message : err}` });
      await dropSnapshot();
    }
  }
  const restored = Boolean(pyodide);
  const store = restored ? null : await snapshotStore; // where to keep the snapshot this boot makes
  pyodide ??= await loadPyodide(options(null, Boolean(store)));
  mark("python");
  setStage("engine");
  // The same files at the same times as when the snapshot was made: the engine's policy cache (which
  // reloads when a file's modification time changes) stays valid.
  pyodide.unpackArchive(await engineZip, "zip", { extractDir: BUILD.appDir });
  pyodide.runPython(`import os, sys
if ${JSON.stringify(BUILD.appDir)} not in sys.path: sys.path.insert(0, ${JSON.stringify(BUILD.appDir)})
for d, _, names in os.walk(${JSON.stringify(BUILD.appDir)}):
    for n in names: os.utime(os.path.join(d, n), (315532800, 315532800))`);
  const bridge = pyodide.pyimport("guantong_wizard");
  py = pyodide;
  mark("imported");
  const warm = JSON.parse(bridge.call("warm", "{}"));
  mark("warm");
  if (!warm.ok) throw new Error(warm.error.message);
  // heap: the wasm memory's size once ready (the low-end benchmark reports it).
  postMessage({
    kind: "ready",
    python: pyodide.runPython("import sys; sys.version.split()[0]"),
    policyVersion: warm.value.policy_version,
    fromCache,
    restored,
    ms: ms(),
    marks,
    heap: pyodide._module?.HEAP8?.length ?? null,
  });
  if (store) {
    // Before any call (calls wait for `ready`): the snapshot holds no answer of the user's.
    bridge.call("warm", JSON.stringify({ results: true }));
    storeSnapshot(pyodide, store);
  }
  return bridge;
}

// Between the downloads finishing and Python answering, say that Python is starting.
const downloads = setInterval(() => {
  if (stage === "download" && files.every((f) => f.loaded >= f.size)) setStage("start");
  if (stage !== "download") clearInterval(downloads);
}, 100);

const ready = boot();
ready.catch((err) => fail(err?.reason || "start", err?.detail || (err?.message ? err.message : err)));

self.onmessage = async ({ data }) => {
  const { id, op, payload } = data || {};
  let bridge;
  try {
    bridge = await ready;
  } catch (err) {
    postMessage({ kind: "reply", id, ...fatal(err) });
    return;
  }
  try {
    if (op === "batch_load" || BATCH_OPS.has(op)) {
      const { value, transfer } = await batchOp(py, bridge, id, op, payload ?? {});
      postMessage({ kind: "reply", id, ok: true, value }, transfer || []);
      return;
    }
    const reply = JSON.parse(bridge.call(op, JSON.stringify(payload ?? {})));
    postMessage({ kind: "reply", id, ...reply });
  } catch (err) {
    postMessage({ kind: "reply", id, ...(err?.reply ?? fatal(err)) });
  }
};
