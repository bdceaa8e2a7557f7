// What the worker's downloads decide without the network (pure, with tests beside): a file's size on the
// wire, the progress a person sees, and how a wasm response is compiled.

/** A file's size on the wire: the response's Content-Length, else the build's size of the twin the server
 * chose (brotli or gzip, by Content-Encoding), else its own size. */
export function wireSize(file, headers) {
  const length = Number(headers.get("content-length"));
  const coding = (headers.get("content-encoding") || "").trim();
  if (length > 0) return length;
  if (coding === "br") return file.wireSizes.br;
  if (coding === "gzip") return file.wireSizes.gz;
  return file.size;
}

/** Progress counts bytes as they cross the network (what a person on metered data pays for): each file's
 * decoded bytes as a share of its size, times its size on the wire. A file read from the cache costs
 * nothing and leaves the total. */
export function progressOf(files) {
  const network = files.filter((f) => !f.cached);
  const loaded = Math.round(network.reduce((sum, f) => sum + (Math.min(f.loaded, f.size) / f.size) * f.wireSize, 0));
  const total = network.reduce((sum, f) => sum + f.wireSize, 0);
  return { loaded, total, cached: files.length - network.length };
}

/** How instantiateStreaming compiles a response: "compiled" (a stand-in for the module compiled ahead),
 * "buffer" (the browser has no streaming compile: from an ArrayBuffer), else "streaming" (with the
 * ArrayBuffer as the fallback when it fails, as in some Android WebViews). */
export function compileChoice({ standIn, streaming }) {
  if (standIn) return "compiled";
  return streaming ? "streaming" : "buffer";
}
