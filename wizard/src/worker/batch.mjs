// The batch page's (单位批量自测) and the staff page's (数据检查与预览) part of the engine: guantong_tools and
// the pinned readers and writers, a zip of its own fetched the first time one of those pages asks, and the
// operations routed to its bridge (guantong_batch.OPS, which the build puts in BUILD.batchOps).
import { BUILD, url } from "./context.mjs";
import { cachePromise, getFile } from "./downloads.mjs";

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

export const BATCH_OPS = new Set(BUILD.batchOps); // the batch bridge's operations (guantong_batch.OPS)

function loadBatch(py, bridge, id) {
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
export const fatal = (err) => ({ ok: false, error: { kind: "fatal", message: String(err?.message ? err.message : err) } });

/** The batch and staff operations, and batch_load (this worker's own): {value, transfer} for the reply.
 * `py` is the booted Pyodide, `engineBridge` the engine's bridge (its batch_mount puts the zip on the path). */
export async function batchOp(py, engineBridge, id, op, payload) {
  const bridge = await loadBatch(py, engineBridge, id);
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
  return { value: call(bridge, op, payload) }; // batch_row, batch_notice, the staff operations
}
