// Proof of concept: boot Pyodide from the same origin inside a *module* worker,
// install a pure-Python package from a zip, call evaluate(json_string) -> json_string.
//
// Served layout (see README.md):
//   index.html, worker.mjs, app.zip, pyodide/{pyodide.mjs, pyodide.asm.mjs,
//   pyodide.asm.wasm, python_stdlib.zip, pyodide-lock.json}
import { loadPyodide } from "./pyodide/pyodide.mjs";

const t0 = performance.now();

// Pyodide reports some fatal boot problems only as console warnings and then never
// settles (e.g. "wasm instantiation failed!" when .wasm is not served as application/wasm).
for (const level of ["warn", "error"]) {
  const original = console[level].bind(console);
  console[level] = (...args) => {
    original(...args);
    const line = args.map(String).join(" ");
    postMessage({ kind: "log", stream: level, line });
    if (line.includes("wasm instantiation failed")) postMessage({ kind: "error", message: `${line} (is .wasm served as application/wasm?)` });
  };
}
const stage = (name, extra = {}) =>
  postMessage({ kind: "stage", stage: name, ms: Math.round(performance.now() - t0), ...extra });

const INDEX_URL = new URL("./pyodide/", import.meta.url).href;
const APP_URL = new URL("./app.zip", import.meta.url).href;
const APP_DIR = "/home/pyodide/lib";

async function boot() {
  stage("loading-runtime");
  const appZip = fetch(APP_URL).then((r) => {
    if (!r.ok) throw new Error(`${APP_URL}: HTTP ${r.status}`);
    return r.arrayBuffer();
  });
  const pyodide = await loadPyodide({
    indexURL: INDEX_URL, // pyodide.asm.mjs + pyodide.asm.wasm come from here
    stdLibURL: INDEX_URL + "python_stdlib.zip",
    // A trimmed lock file (same "info", no packages): nothing can be fetched as a package.
    // Alternative without the request: lockFileContents: {info: {...}, packages: {}}
    // (never both lockFileURL and lockFileContents).
    lockFileURL: INDEX_URL + "pyodide-lock.json",
    packageBaseUrl: INDEX_URL, // never the CDN default
    packages: [],
    stdout: (line) => postMessage({ kind: "log", stream: "stdout", line }),
    stderr: (line) => postMessage({ kind: "log", stream: "stderr", line }),
  });
  stage("runtime-ready", { python: pyodide.runPython("import sys; sys.version") });

  pyodide.unpackArchive(await appZip, "zip", { extractDir: APP_DIR });
  pyodide.runPython(`
import sys
if ${JSON.stringify(APP_DIR)} not in sys.path:
    sys.path.insert(0, ${JSON.stringify(APP_DIR)})
`);
  const engine = pyodide.pyimport("poc_engine");
  stage("app-ready");
  return engine;
}

stage("worker-started");
const ready = boot();
ready.catch((err) => postMessage({ kind: "error", message: String(err && err.stack ? err.stack : err) }));

onmessage = async (event) => {
  const { id, input } = event.data;
  try {
    const engine = await ready;
    const output = engine.evaluate(input); // Python str -> JS string
    postMessage({ kind: "result", id, output, ms: Math.round(performance.now() - t0) });
  } catch (err) {
    postMessage({ kind: "error", id, message: String(err && err.message ? err.message : err) });
  }
};

