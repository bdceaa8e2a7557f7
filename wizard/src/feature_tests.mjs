// Build step (run by build_scripts/wizard/bundle.py, engine_needs): wasm-feature-detect's own test module
// for each WebAssembly feature named on the command line, as [name, how, base64] (how: "validate",
// "module" or "instantiate", the call the library makes with it), on stdout as JSON. The page runs the
// same modules synchronously before anything is downloaded (app/support.js). The library's calls are
// watched, not copied, so an upgrade of it brings its own tests.
import * as detect from "wasm-feature-detect";

const real = WebAssembly;
const out = [];
for (const name of process.argv.slice(2)) {
  // biome-ignore lint/performance/noDynamicNamespaceImportAccess: the tests are named on the command line (a build step in Node)
  if (typeof detect[name] !== "function") throw new Error(`wasm-feature-detect has no test "${name}"`);
  const seen = [];
  globalThis.WebAssembly = {
    ...real,
    validate: (bytes) => {
      seen.push(["validate", bytes]);
      return real.validate(bytes);
    },
    instantiate: (bytes, imports) => {
      seen.push(["instantiate", bytes]);
      return real.instantiate(bytes, imports);
    },
    Module: function Module(bytes) {
      seen.push(["module", bytes]);
      return new real.Module(bytes);
    },
  };
  try {
    // biome-ignore lint/performance/noDynamicNamespaceImportAccess: as above
    if (!(await detect[name]())) throw new Error(`this Node lacks ${name}: cannot take its test`);
  } finally {
    globalThis.WebAssembly = real;
  }
  if (seen.length !== 1) throw new Error(`wasm-feature-detect's ${name} made ${seen.length} WebAssembly calls, not one`);
  const [how, bytes] = seen[0];
  out.push([name, how, Buffer.from(bytes).toString("base64")]);
}
process.stdout.write(JSON.stringify(out));
