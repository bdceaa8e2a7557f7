// The engine's files: downloaded with progress and kept in Cache Storage for the next visit and for
// offline use; Pyodide's own fetches of pyodide.asm.wasm and python_stdlib.zip served from here, and the
// wasm compiled as it arrives (from an ArrayBuffer where streaming compilation is missing or fails).
import { BUILD, OPTIONS, mark, url } from "./context.mjs";
import { compileChoice, progressOf, wireSize } from "./wire.mjs";

// Each file as the downloads count it (wire.mjs progressOf).
export const files = Object.values(BUILD.files).map((f) => ({ ...f, href: url(f.path), loaded: 0, wireSize: f.wire, cached: false }));
// Pyodide asks for its files by their own names (index URL + "pyodide.asm.wasm"); they are served under
// names that carry their content's hash (cached for a year by the HTTP cache, where there is no service
// worker): both addresses lead to the same file.
const byHref = new Map(files.flatMap((f) => [[f.href, f], ...(f.asks ? [[url(f.asks), f]] : [])]));
let lastReport = 0;
export let stage = "download"; // download | start | engine: what the page says while it waits
export function setStage(next) {
  stage = next;
  report(true);
}
export function report(force = false) {
  const now = performance.now();
  if (!force && now - lastReport < 120) return;
  lastReport = now;
  const { loaded, total, cached } = progressOf(files);
  postMessage({ kind: "progress", stage, loaded, total, cached });
}

// Without Cache Storage (WeChat's WKWebView, or the page says its window has none: OPTIONS.noCache) the
// engine's files are kept by the HTTP cache alone (their names carry their hashes) and no memory
// snapshot is made: every visit boots Python, none fails for it.
export async function openCache(name) {
  if (OPTIONS.noCache || typeof caches === "undefined" || !caches) return null;
  try {
    return await caches.open(name);
  } catch {
    return null; // e.g. storage disabled: download (and boot) every time
  }
}
export const cachePromise = openCache(BUILD.engineCache);
export let fromCache = 0; // files read from the cache, reported with "ready"

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
export async function getFile(file) {
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
  file.wireSize = wireSize(file, response.headers);
  const init = { status: 200, statusText: "OK", headers: plainHeaders(response.headers) };
  let body = counted(response.body, file).pipeThrough(new TransformStream({ flush: () => mark(file.path.split("/").pop()) }));
  if (cache) {
    const [mine, copy] = body.tee();
    body = mine;
    cache.put(file.href, new Response(copy, init)).catch(() => {});
  }
  return new Response(body, init);
}

export const fileOf = (key) => files.find((f) => f.path === BUILD.files[key].path);

// On a repeat visit (the wasm is in the cache) it is compiled from the worker's first moment
// (compileStreaming), not when Pyodide's start-up gets round to asking for it: compiling is ~150 ms that
// would otherwise come after reading the snapshot and loading pyodide.asm.mjs. Pyodide asks with
// fetch(pyodide.asm.wasm) then WebAssembly.instantiateStreaming(response, imports): the fetch gets a
// stand-in response and instantiateStreaming instantiates the module compiled here. (On a first visit
// Pyodide's own instantiateStreaming compiles it as it downloads, which measured a little faster.)
let compiledWasm = null;
const standIns = new WeakSet();
export function compileWasm() {
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
export const nativeInstantiateStreaming = WebAssembly.instantiateStreaming?.bind(WebAssembly);
WebAssembly.instantiateStreaming = async (source, imports) => {
  const response = await source;
  const choice = compileChoice({ standIn: standIns.has(response), streaming: Boolean(nativeInstantiateStreaming) });
  if (choice === "compiled") {
    const module = await compiledWasm;
    return { module, instance: await WebAssembly.instantiate(module, imports) };
  }
  if (choice === "buffer") return WebAssembly.instantiate(await response.arrayBuffer(), imports);
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

// pyodide.asm.mjs is imported, not fetched: fetch it first (counted, cached), then import it, which
// the HTTP cache or the service worker answers without downloading it again. Once it is in the cache,
// the import alone.
export async function loadAsm() {
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
