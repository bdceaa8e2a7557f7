// Can this browser run the shipped engine at all? Tested for the features, never the version, before
// anything is downloaded: by the inline head script (wizard/src/start.js, bundled by esbuild as ES5, so
// old WebViews parse it) and by where.js in the page scripts.
//
// `needs` is the build's list (build_scripts/wizard/bundle.py): the WebAssembly features pyodide.asm.wasm
// uses (read from the binary, build_scripts/wizard/wasm_features.py), each with wasm-feature-detect's own
// test module ([name, how, base64]: "validate" it, compile it as a "module", or "instantiate" it and call
// its export b with BigInt 0, as wasm-feature-detect does), and what Pyodide's JavaScript needs.
// Written in ES5 (var, function): this file is part of that inline script.

function bytesOf(base64) {
  var binary = atob(base64);
  var out = new Uint8Array(binary.length);
  for (var i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

function passes(W, how, bytes) {
  try {
    if (how === "validate") return W.validate(bytes) === true;
    if (how === "module") return Boolean(new W.Module(bytes));
    if (how === "instantiate") {
      var instance = new W.Instance(new W.Module(bytes), {});
      return instance.exports.b(BigInt(0)) === BigInt(0);
    }
  } catch (e) {
    return false;
  }
  return false;
}

/** Whether `new Worker(url, {type: "module"})` is understood: a browser that knows the option reads it
 * (the getter runs) before it parses the address, which here fails, so nothing is fetched. */
export function moduleWorkers(env) {
  if (typeof env.Worker !== "function") return false;
  var read = false;
  try {
    new env.Worker("http://[", {
      get type() {
        read = true;
        return "module";
      },
    });
  } catch (e) {
    // the address is meant to fail
  }
  return read;
}

/** The names (of `needs`, and the JavaScript features below) this browser lacks; [] when it can run the
 * engine. "webAssembly" alone when there is no WebAssembly at all. */
export function missing(env, needs) {
  var W = env.WebAssembly;
  if (
    typeof W !== "object" ||
    !W ||
    typeof W.validate !== "function" ||
    typeof W.instantiate !== "function" ||
    typeof W.Module !== "function"
  ) {
    return ["webAssembly"];
  }
  var gaps = [];
  for (var i = 0; i < (needs || []).length; i++) {
    var need = needs[i];
    if (!passes(W, need[1], bytesOf(need[2]))) gaps.push(need[0]);
  }
  if (typeof env.BigInt64Array !== "function" || typeof env.BigInt !== "function") gaps.push("bigInt64Array");
  if (typeof env.TextDecoder !== "function") gaps.push("textDecoder");
  if (!moduleWorkers(env)) gaps.push("moduleWorker");
  return gaps;
}
