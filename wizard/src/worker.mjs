// The wizard's engine: Pyodide in a module Web Worker, running the same `guantong` package as the tests.
//
// Built by build_scripts/wizard/bundle.py into site/wizard/assets/worker.<hash>.mjs, which replaces
// __GUANTONG_WORKER__ below with the build's constants (file names, sizes, the Pyodide lock's `info`,
// the name of the Cache Storage cache for Pyodide). Runtime options come in the worker's `name` (a JSON
// object), never in a query string: a service worker drops the query string of a worker script.
//
// The messages it takes and sends are listed once, in wizard/src/README.md ("Worker protocol"; a test holds
// that list to the postMessage calls below). The operations are the bridges' (guantong_wizard.OPS,
// guantong_batch.OPS: the build puts the batch bridge's names in BUILD.batchOps, which this worker routes
// there) and batch_load, which is this worker's own.
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

// --- downloads with progress, kept in Cache Storage for the next visit and for offline use -------------
// Progress counts bytes as they cross the network (what a person on metered data pays for): each file's
// decoded bytes as a share of its size, times its size on the wire (the response's Content-Length, or
// the build's size of the twin the server chose, brotli or gzip). A file read from the cache costs
// nothing and leaves the total.
const files = Object.values(BUILD.files).map((f) => ({ ...f, href: url(f.path), loaded: 0, wireSize: f.wire, cached: false }));
// Pyodide asks for its files by their own names (index URL + "pyodide.asm.wasm"); they are served under
// names that carry their content's hash (cached for a year by the HTTP cache, where there is no service
// worker): both addresses lead to the same file.
const byHref = new Map(files.flatMap((f) => [[f.href, f], ...(f.asks ? [[url(f.asks), f]] : [])]));
let lastReport = 0;
let stage = "download";
function report(force = false) {
  const now = performance.now();
  if (!force && now - lastReport < 120) return;
  lastReport = now;
  const network = files.filter((f) => !f.cached);
  const loaded = Math.round(network.reduce((sum, f) => sum + (Math.min(f.loaded, f.size) / f.size) * f.wireSize, 0));
  const total = network.reduce((sum, f) => sum + f.wireSize, 0);
  postMessage({ kind: "progress", stage, loaded, total, cached: files.length - network.length });
}

function onWire(file, response) {
  const length = Number(response.headers.get("content-length"));
  const coding = (response.headers.get("content-encoding") || "").trim();
  file.wireSize = length > 0 ? length : coding === "br" ? file.wireSizes.br : coding === "gzip" ? file.wireSizes.gz : file.size;
}

// Without Cache Storage (WeChat's WKWebView, or the page says its window has none: OPTIONS.noCache) the
// engine's files are kept by the HTTP cache alone (their names carry their hashes) and no memory
// snapshot is made: every visit boots Python, none fails for it.
async function openCache(name) {
  if (OPTIONS.noCache || typeof caches === "undefined" || !caches) return null;
  try {
    return await caches.open(name);
  } catch {
    return null; // e.g. storage disabled: download (and boot) every time
  }
}
const cachePromise = openCache(BUILD.engineCache);
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
      mark(`${file.path.split("/").pop()} (cache)`);
      fromCache += 1;
      file.loaded = file.size;
      file.cached = true;
      report(true);
      return hit;
    }
  }
  const notLoaded = (why) =>
    Object.assign(new Error(`${file.href}: ${why}`), { reason: "download", detail: `${file.path.split("/").pop()}: ${why}` });
  // The HTTP cache's default: the names carry the content's hash, so a copy there is the right one.
  const response = await nativeFetch(file.href, { priority: "low" }).catch((err) => {
    throw notLoaded(err?.message ? err.message : err);
  });
  if (!response.ok || !response.body) throw notLoaded(`HTTP ${response.status}`);
  onWire(file, response);
  const init = { status: 200, statusText: "OK", headers: plainHeaders(response.headers) };
  let body = counted(response.body, file).pipeThrough(new TransformStream({ flush: () => mark(file.path.split("/").pop()) }));
  if (cache) {
    const [mine, copy] = body.tee();
    body = mine;
    cache.put(file.href, new Response(copy, init)).catch(() => {});
  }
  return new Response(body, init);
}

const fileOf = (key) => files.find((f) => f.path === BUILD.files[key].path);

// On a repeat visit (the wasm is in the cache) it is compiled from the worker's first moment
// (compileStreaming), not when Pyodide's start-up gets round to asking for it: compiling is ~150 ms that
// would otherwise come after reading the snapshot and loading pyodide.asm.mjs. Pyodide asks with
// fetch(pyodide.asm.wasm) then WebAssembly.instantiateStreaming(response, imports): the fetch gets a
// stand-in response and instantiateStreaming instantiates the module compiled here. (On a first visit
// Pyodide's own instantiateStreaming compiles it as it downloads, which measured a little faster.)
let compiledWasm = null;
const standIns = new WeakSet();
function compileWasm() {
  compiledWasm = WebAssembly.compileStreaming(getFile(fileOf("wasm"))).catch(async () =>
    WebAssembly.compile(await (await getFile(fileOf("wasm"))).arrayBuffer()),
  );
  compiledWasm.then(
    () => mark("wasm compiled"),
    () => {},
  );
}
// Pyodide always calls instantiateStreaming. Where a browser has none, or its streaming compile fails
// (some Android WebViews), the same bytes are compiled from an ArrayBuffer instead: never downloaded twice.
const nativeInstantiateStreaming = WebAssembly.instantiateStreaming?.bind(WebAssembly);
WebAssembly.instantiateStreaming = async (source, imports) => {
  const response = await source;
  if (standIns.has(response)) {
    const module = await compiledWasm;
    return { module, instance: await WebAssembly.instantiate(module, imports) };
  }
  if (!nativeInstantiateStreaming) return WebAssembly.instantiate(await response.arrayBuffer(), imports);
  const copy = response.clone();
  try {
    const result = await nativeInstantiateStreaming(response, imports);
    copy.body?.cancel().catch(() => {});
    return result;
  } catch (err) {
    postMessage({
      kind: "log",
      level: "warn",
      line: `streaming compile failed, compiling from an ArrayBuffer: ${err?.message ? err.message : err}`,
    });
    return WebAssembly.instantiate(await copy.arrayBuffer(), imports);
  }
};

// Pyodide fetches pyodide.asm.wasm and python_stdlib.zip itself: serve those through getFile().
const nativeFetch = globalThis.fetch.bind(globalThis);
globalThis.fetch = async (input, init) => {
  const href = input instanceof Request ? input.url : new URL(String(input), location.href).href;
  if (compiledWasm && href === fileOf("wasm").href) {
    const standIn = new Response(null, { headers: { "content-type": "application/wasm" } });
    standIns.add(standIn);
    return standIn;
  }
  const file = byHref.get(href);
  return file ? getFile(file) : nativeFetch(input, init);
};

// --- the memory snapshot: a repeat visit restores Python as the first visit had it after booting ---------
// Booting Python (initialising the interpreter, importing Pyodide's modules and the engine) is most of
// the time between the files being at hand and the engine answering. After the first boot, before it
// answers anything (so the memory holds no answer of the user's), the worker copies Python's memory
// (Pyodide's makeMemorySnapshot) into Cache Storage; the next visit, online or offline, hands it to
// loadPyodide instead of booting. The cache is named for this build's Pyodide and engine (the service
// worker deletes the others); Pyodide itself refuses a snapshot of another build, and a snapshot that
// fails to restore is deleted and the boot starts again the usual way. The memory is mostly zeros: it is
// stored as its non-zero 64 KiB blocks.
const SNAPSHOT_KEY = url("../engine/python-memory.bin"); // a Cache Storage key only, never fetched
const BLOCK = 65536;
const MAGIC = 0x4e535447; // "GTSN"

function compact(memory) {
  if (memory.length % 4) throw new Error("unexpected snapshot length");
  const blocks = Math.ceil(memory.length / BLOCK);
  const words = new Uint32Array(memory.buffer, memory.byteOffset, memory.length / 4);
  const present = new Uint8Array(blocks);
  let count = 0;
  for (let b = 0; b < blocks; b++) {
    const end = Math.min(words.length, (b + 1) * (BLOCK / 4));
    for (let i = b * (BLOCK / 4); i < end; i++) {
      if (words[i] !== 0) {
        present[b] = 1;
        count += 1;
        break;
      }
    }
  }
  const head = 16 + Math.ceil(blocks / 4) * 4;
  const out = new Uint8Array(head + count * BLOCK);
  new Uint32Array(out.buffer, 0, 4).set([MAGIC, memory.length, BLOCK, blocks]);
  out.set(present, 16);
  let at = head;
  for (let b = 0; b < blocks; b++) {
    if (!present[b]) continue;
    const chunk = memory.subarray(b * BLOCK, (b + 1) * BLOCK);
    out.set(chunk, at);
    at += chunk.length;
  }
  return out.subarray(0, at);
}

function expand(stored) {
  const [magic, length, block, blocks] = new Uint32Array(stored.buffer, stored.byteOffset, 4);
  if (magic !== MAGIC || block !== BLOCK || blocks !== Math.ceil(length / BLOCK)) throw new Error("not a snapshot");
  const memory = new Uint8Array(length);
  const present = stored.subarray(16, 16 + blocks);
  let at = 16 + Math.ceil(blocks / 4) * 4;
  for (let b = 0; b < blocks; b++) {
    if (!present[b]) continue;
    const size = Math.min(BLOCK, length - b * BLOCK);
    if (at + size > stored.length) throw new Error("snapshot cut short");
    memory.set(stored.subarray(at, at + size), b * BLOCK);
    at += size;
  }
  return memory;
}

// Where the snapshot is kept: Cache Storage; where there is none (WeChat's WKWebView), IndexedDB, one
// record named for this build (older builds' records are dropped when a new one is stored). Where neither
// works, no snapshot: every visit boots.
const IDB = { name: "guantong-engine", store: "snapshots" };

function idb(mode, action) {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open(IDB.name, 1);
    open.onupgradeneeded = () => open.result.createObjectStore(IDB.store);
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const tx = db.transaction(IDB.store, mode);
      const request = action(tx.objectStore(IDB.store));
      tx.oncomplete = () => {
        db.close();
        resolve(request?.result);
      };
      tx.onerror = tx.onabort = () => {
        db.close();
        reject(tx.error);
      };
    };
  });
}

const snapshotStore = (async () => {
  const cache = await openCache(BUILD.snapshotCache);
  if (cache) {
    return {
      where: "cache",
      get: async () => {
        const hit = await cache.match(SNAPSHOT_KEY);
        return hit ? new Uint8Array(await hit.arrayBuffer()) : null;
      },
      put: (bytes) => cache.put(SNAPSHOT_KEY, new Response(bytes, { headers: { "content-type": "application/octet-stream" } })),
      drop: () => cache.delete(SNAPSHOT_KEY),
    };
  }
  if (OPTIONS.noSnapshot || typeof indexedDB === "undefined" || !indexedDB) return null;
  try {
    await idb("readonly", (store) => store.count());
  } catch {
    return null; // storage refused (private mode)
  }
  const key = BUILD.snapshotCache;
  return {
    where: "indexedDB",
    get: async () => {
      const value = await idb("readonly", (store) => store.get(key));
      return value ? new Uint8Array(value) : null;
    },
    put: (bytes) =>
      idb("readwrite", (store) => {
        store.clear();
        return store.put(bytes.slice().buffer, key);
      }),
    drop: () => idb("readwrite", (store) => store.delete(key)),
  };
})();

async function readSnapshot() {
  try {
    const store = await snapshotStore;
    const stored = store && (await store.get());
    return stored ? expand(stored) : null;
  } catch {
    return null;
  }
}

async function dropSnapshot() {
  try {
    await (await snapshotStore)?.drop();
  } catch {
    // nothing to drop
  }
}

// The copy is taken at once (synchronously, so no call runs before it); storing it does not hold up calls.
function storeSnapshot(pyodide, store) {
  const t = performance.now();
  const warn = (err) =>
    postMessage({ kind: "log", level: "warn", line: `memory snapshot not stored: ${err?.message ? err.message : err}` });
  let packed;
  try {
    packed = compact(pyodide.makeMemorySnapshot());
  } catch (err) {
    warn(err);
    return;
  }
  const copied = Math.round(performance.now() - t);
  store
    .put(packed)
    .then(() =>
      postMessage({ kind: "snapshot", bytes: packed.length, copyMs: copied, ms: Math.round(performance.now() - t), where: store.where }),
    )
    .catch(warn);
}

// pyodide.asm.mjs is imported, not fetched: fetch it first (counted, cached), then import it, which
// the HTTP cache or the service worker answers without downloading it again. Once it is in the cache,
// the import alone.
async function loadAsm() {
  const file = fileOf("asm");
  const cache = await cachePromise;
  if (cache && (await cache.match(file.href))) {
    fromCache += 1;
    file.loaded = file.size;
    file.cached = true;
  } else {
    await (await getFile(file)).arrayBuffer();
  }
  return import(file.href);
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
  stage = "engine";
  report(true);
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
  if (stage === "download" && files.every((f) => f.loaded >= f.size)) {
    stage = "start";
    report(true);
  }
  if (stage !== "download") clearInterval(downloads);
}, 100);

const ready = boot();
ready.catch((err) => fail(err?.reason || "start", err?.detail || (err?.message ? err.message : err)));

// --- batch screening (the page 单位批量自测) ------------------------------------------------------------
// Its part of the engine (guantong_tools.batch, openpyxl) is a zip of its own, fetched the first time that page
// asks and kept in the cache like Pyodide's files. Spreadsheets travel as bytes (transferred, not copied)
// through Pyodide's file system; nothing is kept once the page is closed.
const batchFile = {
  ...BUILD.batch,
  href: url(BUILD.batch.path),
  loaded: 0,
  wireSize: BUILD.batch.wireSizes.br,
  cache: true,
  cached: false,
};
let batchReady = null;
let batchTask = 0; // the id of the batch call running, for the reading progress
function task(id, stage, done, total) {
  postMessage({ kind: "task", id, stage, done, total });
}

// The cache it is kept in lasts as long as Pyodide's files do, over many releases: an older release's
// batch zip (1.5 MB) goes once this one is in.
async function dropOtherBatchZips() {
  try {
    const cache = await cachePromise;
    for (const request of (await cache?.keys()) ?? []) {
      if (/\/engine\/batch\.[0-9a-f]+\.zip$/.test(new URL(request.url).pathname) && request.url !== batchFile.href)
        await cache.delete(request);
    }
  } catch {
    // storage refused or gone: nothing to tidy
  }
}

const BATCH_OPS = new Set(BUILD.batchOps); // the batch bridge's operations (guantong_batch.OPS)

function loadBatch(bridge, id) {
  batchReady ??= (async () => {
    const timer = setInterval(() => task(id, "download", batchFile.loaded, batchFile.size), 200);
    try {
      const data = await (await getFile(batchFile)).arrayBuffer();
      py.unpackArchive(data, "zip", { extractDir: BUILD.batch.dir });
      dropOtherBatchZips();
    } finally {
      clearInterval(timer);
    }
    const reply = JSON.parse(bridge.call("batch_mount", JSON.stringify({ dir: BUILD.batch.dir })));
    if (!reply.ok) throw new Error(reply.error.message);
    const batchBridge = py.pyimport("guantong_batch");
    batchBridge.set_progress((stage, done, total) => task(batchTask, stage, done, total));
    return batchBridge;
  })();
  batchReady.catch(() => (batchReady = null)); // a failed download can be tried again
  return batchReady;
}

const IN = "/tmp/batch-in";
const OUT = "/tmp/batch-out";

/** A bridge call's value; a refused call throws, carrying the bridge's reply for the page as it is. */
function call(bridge, op, payload) {
  const reply = JSON.parse(bridge.call(op, JSON.stringify(payload)));
  if (!reply.ok) throw Object.assign(new Error(reply.error.message), { reply });
  return reply.value;
}

/** A failure of this worker's own (not the bridge's), in the bridges' reply shape. */
const fatal = (err) => ({ ok: false, error: { kind: "fatal", message: String(err?.message ? err.message : err) } });

/** The batch operations: {value, transfer} for the reply. */
async function batchOp(engineBridge, id, op, payload) {
  const bridge = await loadBatch(engineBridge, id);
  if (op === "batch_load") return { value: { ready: true } };
  batchTask = id;
  if (op === "batch_run") {
    // One call: Python reads, decides and lists the rows, reporting its progress through set_progress.
    py.FS.writeFile(IN, new Uint8Array(payload.file));
    task(id, "read", 0, 0);
    try {
      return { value: call(bridge, op, { path: IN, name: payload.name, deadline: payload.deadline, today: payload.today }) };
    } finally {
      py.FS.unlink(IN);
    }
  }
  if (op === "batch_write") {
    const value = call(bridge, op, { ...payload, path: OUT });
    const bytes = py.FS.readFile(OUT);
    py.FS.unlink(OUT);
    const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    return { value: { ...value, file: buffer }, transfer: [buffer] };
  }
  return { value: call(bridge, op, payload) }; // batch_row, batch_notice
}

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
      const { value, transfer } = await batchOp(bridge, id, op, payload ?? {});
      postMessage({ kind: "reply", id, ok: true, value }, transfer || []);
      return;
    }
    const reply = JSON.parse(bridge.call(op, JSON.stringify(payload ?? {})));
    postMessage({ kind: "reply", id, ...reply });
  } catch (err) {
    postMessage({ kind: "reply", id, ...(err?.reply ?? fatal(err)) });
  }
};
