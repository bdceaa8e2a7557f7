// The downloads' pure decisions: a file's size on the wire, the progress a person sees, the compile's route.
import { test } from "node:test";
import assert from "node:assert/strict";
import { compileChoice, progressOf, wireSize } from "./wire.mjs";

const file = { size: 1000, wireSizes: { br: 300, gz: 400 } };
const headers = (h) => new Headers(h);

test("the size on the wire: Content-Length, else the twin the server chose, else the file's size", () => {
  assert.equal(wireSize(file, headers({ "content-length": "350", "content-encoding": "br" })), 350);
  assert.equal(wireSize(file, headers({ "content-encoding": "br" })), 300);
  assert.equal(wireSize(file, headers({ "content-encoding": " gzip " })), 400);
  assert.equal(wireSize(file, headers({})), 1000);
  assert.equal(wireSize(file, headers({ "content-length": "0" })), 1000);
});

test("progress: bytes on the wire as the decoded share of each file; a cached file leaves the total", () => {
  const files = [
    { size: 1000, loaded: 500, wireSize: 300, cached: false },
    { size: 200, loaded: 400, wireSize: 100, cached: false }, // decoded past its size: counted whole
    { size: 5000, loaded: 5000, wireSize: 2000, cached: true },
  ];
  assert.deepEqual(progressOf(files), { loaded: 250, total: 400, cached: 1 });
  assert.deepEqual(progressOf([]), { loaded: 0, total: 0, cached: 0 });
});

test("the wasm: compiled ahead, streamed, or from an ArrayBuffer where there is no streaming compile", () => {
  assert.equal(compileChoice({ standIn: true, streaming: true }), "compiled");
  assert.equal(compileChoice({ standIn: false, streaming: true }), "streaming");
  assert.equal(compileChoice({ standIn: false, streaming: false }), "buffer");
});
