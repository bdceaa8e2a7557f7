// The page's words that Python says too come from guantong/data/words.json (one source), and its date
// format gives what guantong.words.cn gives (tests/cases/cn_dates.json).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { cnDate } from "./html.js";
import { PAGES } from "./screens/shell.js";
import { BW, V, W } from "./words.js";
import { REPO } from "./testing.js";

const json = (path) => JSON.parse(readFileSync(`${REPO}${path}`, "utf8"));

test("the shared words are words.json's", () => {
  assert.deepEqual(V, json("guantong/data/words.json"));
  assert.equal(W.status, V.status);
  assert.equal(W.routeKind, V.routeKind);
  assert.equal(W.deadlineSource, V.deadlineSource);
  assert.deepEqual(Object.keys(BW.filter), ["all", ...Object.keys(V.conclusion)]);
  assert.equal(PAGES.a, `../${V.pathway.skill_to_title.page}`);
});

test("dates as tests/cases/cn_dates.json says", () => {
  const { cases } = json("tests/cases/cn_dates.json");
  assert.ok(cases.length >= 4);
  for (const { iso, cn } of cases) assert.equal(cnDate(iso), cn);
  assert.equal(cnDate("待公布"), "待公布");
});
