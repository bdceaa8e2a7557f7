// The memory snapshot's format: what compact stores, expand gives back, byte for byte; what is not a
// snapshot (another format, one cut short) is refused, so the worker boots instead of restoring it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { BLOCK, compact, expand } from "./snapshot.mjs";

function memory(blocks, filled, tail = 0) {
  const m = new Uint8Array(blocks * BLOCK + tail);
  for (const b of filled) for (let i = 0; i < 64; i++) m[b * BLOCK + i * 997] = (b + i) % 251 || 1;
  return m;
}

test("a memory with zero blocks round-trips, and only its non-zero blocks are stored", () => {
  const m = memory(40, [0, 3, 39]);
  const packed = compact(m);
  assert.ok(packed.length < 4 * BLOCK, packed.length);
  assert.deepEqual(expand(packed), m);
});

test("a last block shorter than 64 KiB and an all-zero memory round-trip too", () => {
  const short = memory(5, [4], 4096);
  short[short.length - 1] = 7;
  assert.deepEqual(expand(compact(short)), short);
  const zero = new Uint8Array(3 * BLOCK);
  assert.deepEqual(expand(compact(zero)), zero);
  assert.equal(compact(zero).length, 16 + 4);
});

test("anything else is refused", () => {
  const packed = compact(memory(8, [1, 6]));
  assert.throws(() => expand(packed.subarray(0, packed.length - 10)), /cut short/);
  const other = packed.slice();
  other[0] ^= 1;
  assert.throws(() => expand(other), /not a snapshot/);
  assert.throws(() => compact(new Uint8Array(10)), /length/);
});
