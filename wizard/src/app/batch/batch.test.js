// The batch page's parts that decide without a browser: reading (what is refused before the engine, the
// stage words), the table (filter and search, the rows' markup, escaped), the draft (who it lists, what is
// refused before a window opens) and the files (names, what the picker offers).
import { test } from "node:test";
import assert from "node:assert/strict";
import { BW, V } from "../words.js";
import { draftMarkup, draftRefusal } from "./draft.js";
import { ACCEPT, stemOf } from "./files.js";
import { fileRefusal, pageMarkup, taskProgress } from "./reading.js";
import { FILTERS, levelColumns, matches, resultsMarkup, rowsMarkup } from "./table.js";

const A = "skill_to_title";
const B = "title_to_skill";
const level = (direction, id, name) => ({ direction, id, name });
const row = (i, fields) => ({
  i,
  sheet: "申报职称",
  number: i + 2,
  name: "",
  id: "",
  direction: A,
  group: "eligible",
  conclusion: "符合",
  levels: {},
  eligible: [],
  ...fields,
});
const TABLE = {
  summary: "共 3 行",
  columns: [],
  counts: { eligible: 1, undetermined: 0, not_eligible: 1, error: 1 },
  several: false,
  source: "xlsx",
  levels: [level(A, "assistant", "助理级职称"), level(A, "intermediate", "中级职称"), level(B, "senior_worker", "高级工")],
  rows: [
    row(0, {
      name: "张三",
      id: "A1",
      levels: { assistant: { status: "eligible", on: "2026-06-30" } },
      eligible: ["assistant"],
      highest: "assistant",
    }),
    row(1, {
      name: "<img src=x onerror=alert(1)>",
      id: "B2",
      group: "not_eligible",
      conclusion: "不符合",
      levels: { assistant: { status: "not_eligible" } },
    }),
    row(2, { name: "王五", group: "error", error: "“技师取得日期”不是日期" }),
  ],
};

test("reading: a file too large or empty is refused with the engine's words; the stages say how far", () => {
  const limits = { maxBytes: 100, tooLarge: "文件太大（{size} MB）" };
  assert.deepEqual(fileRefusal({ size: 2e6 }, limits), ["文件太大（2.0 MB）", BW.fixAndRetry]);
  assert.deepEqual(fileRefusal({ size: 0 }, limits), [BW.notRead(BW.emptyFile), BW.fixAndRetry]);
  assert.equal(fileRefusal({ size: 50 }, limits), null);
  assert.deepEqual(taskProgress({ stage: "decide", done: 50, total: 200 }), [BW.decided(50, 200), 25]);
  assert.deepEqual(taskProgress({ stage: "read", done: 0, total: 0 }), [BW.reading, null]);
  assert.equal(taskProgress({ stage: "elsewhere" }), null);
  const html = pageMarkup({ download: false }, { template: "t.xlsx", templateName: "模板.xlsx" });
  assert.ok(html.includes("data-gt-needs-browser") && !html.includes("data-gt-template"), "no download where downloads are refused");
});

test("the table: filter and search keep the rows they say; only the pathways present get columns", () => {
  assert.deepEqual(
    levelColumns(TABLE).map((lv) => lv.id),
    ["assistant", "intermediate"],
  );
  assert.deepEqual(
    matches(TABLE, "all", "").map((r) => r.i),
    [0, 1, 2],
  );
  assert.deepEqual(
    matches(TABLE, "not_eligible", "").map((r) => r.i),
    [1],
  );
  assert.deepEqual(
    matches(TABLE, "all", "a1").map((r) => r.i),
    [0],
  );
  assert.deepEqual(FILTERS, ["all", ...Object.keys(V.conclusion)]);
});

test("the rows: names escaped, an unread row says why across the level columns, nothing matched said", () => {
  const html = rowsMarkup(TABLE, TABLE.rows);
  assert.ok(!html.includes("<img") && html.includes("&lt;img"));
  assert.match(html, /<td colspan="3" class="gt-batch__error">“技师取得日期”不是日期<\/td>/);
  assert.ok(html.includes("2026年6月30日"), "a date as people read it");
  assert.ok(rowsMarkup(TABLE, []).includes(BW.noMatch));
  const results = resultsMarkup(
    { ...TABLE, source: "xls" },
    { filter: "error", query: "", loaded: "名单.xls", where: { download: true }, draft: "<p>draft</p>" },
  );
  assert.ok(results.includes('value="error" checked') && results.includes("data-gt-as-xlsx") && results.endsWith("<p>draft</p>"));
});

test("the draft: pathway A's people with an open level, the highest chosen; refusals in the form's order", () => {
  const html = draftMarkup(TABLE, { where: { download: true, print: true }, clauses: {}, workdays: 5 });
  assert.ok(html.includes('data-gt-pick="0"') && !html.includes('data-gt-pick="1"'));
  assert.ok(html.includes('<option value="assistant" selected>助理级职称</option>'));
  assert.ok(html.includes(BW.noticeIntro(5)));
  const nobody = draftMarkup({ ...TABLE, rows: [TABLE.rows[1]] }, { where: {}, clauses: {}, workdays: 5 });
  assert.ok(nobody.includes(BW.noticeNobody) && !nobody.includes("<form"));
  const ok = { picks: [[0, "assistant"]], employer: "某公司", start: { iso: "2026-06-01" } };
  assert.equal(draftRefusal(ok), null);
  assert.deepEqual(draftRefusal({ ...ok, picks: [] }), [BW.pickSomeone, null]);
  assert.deepEqual(draftRefusal({ ...ok, employer: " " }), [BW.fillEmployer, "gt-notice-employer"]);
  assert.deepEqual(draftRefusal({ ...ok, start: { empty: true } }), [BW.fillStart, "gt-notice-start"]);
  assert.deepEqual(draftRefusal({ ...ok, start: { error: "不存在" } }), [`${BW.postingStart}：不存在`, "gt-notice-start"]);
});

test("the files: the downloads' names, and every kind the engine reads offered", () => {
  assert.equal(stemOf("2026名单.xlsx"), "2026名单");
  assert.equal(stemOf(null), "名单");
  for (const kind of [".xlsx", ".xls", ".et", ".ods", ".csv", ".txt"]) assert.ok(ACCEPT.split(",").includes(kind), kind);
});
