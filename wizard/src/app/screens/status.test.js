// The engine's download figures (node --test): what is done and what remains add up, at the rounding
// edges too (issue 23: 「已下载 3.8 / 3.8 MB，还需 0.1 MB」).
import assert from "node:assert/strict";
import { test } from "node:test";
import { describeStatus, progressMb } from "./status.js";

const MB = 1048576;

test("done + left = total as printed, at every rounding edge", () => {
  for (const total of [0.05 * MB, 0.96 * MB, 3.84 * MB, 3.85 * MB, 3.86 * MB, 4.2 * MB, 12.04 * MB]) {
    for (let loaded = 0; loaded <= total; loaded += total / 997) {
      const p = progressMb(loaded, total);
      assert.equal(
        (Number(p.done) * 10 + Number(p.left) * 10).toFixed(0),
        (Number(p.total) * 10).toFixed(0),
        JSON.stringify([loaded, total, p]),
      );
      if (loaded < total && Number(p.total) > 0) assert.notEqual(p.done, p.total, "not all while bytes are still to come");
    }
    const end = progressMb(total, total);
    assert.equal(end.done, end.total);
    assert.equal(end.leftTenths, 0);
  }
});

test("the status line never says 还需 0.0 MB", () => {
  for (let loaded = 3.7 * MB; loaded <= 3.84 * MB; loaded += 1000) {
    const d = describeStatus({ stage: "download", loaded, total: 3.84 * MB, cached: 0 }, false);
    assert.ok(!d.bytes.includes("还需 0.0"), d.bytes);
    const [done, total] = /已下载 ([\d.]+) \/ ([\d.]+) MB/.exec(d.bytes).slice(1).map(Number);
    const left = Number((/还需 ([\d.]+) MB/.exec(d.bytes) || [0, 0])[1]);
    assert.equal(Math.round((done + left) * 10), Math.round(total * 10), d.bytes);
  }
});
