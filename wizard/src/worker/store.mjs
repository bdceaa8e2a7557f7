// Where the memory snapshot is kept (its format: snapshot.mjs), and its reading, dropping and storing.
import { BUILD, OPTIONS, url } from "./context.mjs";
import { openCache } from "./downloads.mjs";
import { compact, expand } from "./snapshot.mjs";

const SNAPSHOT_KEY = url("../engine/python-memory.bin"); // a Cache Storage key only, never fetched

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

export const snapshotStore = (async () => {
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

export async function readSnapshot() {
  try {
    const store = await snapshotStore;
    const stored = store && (await store.get());
    return stored ? expand(stored) : null;
  } catch {
    return null;
  }
}

export async function dropSnapshot() {
  try {
    await (await snapshotStore)?.drop();
  } catch {
    // nothing to drop
  }
}

// The copy is taken at once (synchronously, so no call runs before it); storing it does not hold up calls.
export function storeSnapshot(pyodide, store) {
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
