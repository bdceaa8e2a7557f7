// Each answer type's round trip (node --test): an answer drawn into its form and read back is the same
// answer; 不确定 stays 不确定; what people type is parsed, and bad input gets a message for its field.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { REPO, markupReader, pythonJson } from "../testing.js";
import { TYPES, summary } from "./index.js";
import { parseCount, parseDate } from "./parse.js";
import { W } from "../words.js";

// The flow as the build exports it, with an occupation table and published rounds (the second policy).
const cases = pythonJson("build_scripts.wizard.walker_cases", "1", "1");
const flow = cases.policies[1].flow;
const Q = (id, extra = {}) => ({ ...flow.questions.find((q) => q.id === id), ...extra });
const deadlineWithRounds = Q("deadline", { options: flow.rounds.skill_to_title.map((r, i) => ({ ...r, default: i === 0 })) });

const SAMPLES = [
  [Q("direction"), ["skill_to_title", "title_to_skill"]],
  [Q("employed_in_huangshi"), [true, false]],
  [Q("series"), ["工程技术", "卫生", "<b>自创系列</b>"]],
  [Q("deadline"), ["2026-06-30", "2024-02-29"]],
  [deadlineWithRounds, [flow.rounds.skill_to_title[1].value, "2027-01-15"]],
  [Q("months_out_of_skill_work"), [0, 14]],
  [Q("work_years"), [12]],
  [Q("occupation"), ["电工", "电 工 & 焊工"]],
  [Q("work_start"), ["2001-09-01"]],
  [Q("skill_levels"), [{}, { technician: "2019-06-30" }, { senior_worker: "2010-01-31", senior_technician: "2024-02-29" }]],
  [Q("titles"), [{}, { intermediate: "2018-12-31" }]],
  [
    Q("honors"),
    [
      [],
      [{ name: Q("honors").options[0].value, date: "2020-05-01" }],
      [
        { name: Q("honors").options[1].value },
        { name: "某市技术标兵", tier: "intermediate", date: "2021-03-03" },
        { name: "<img src=x onerror=alert(1)>" },
      ],
    ],
  ],
  [Q("studio"), [null, { level: "city" }, { level: "provincial", date: "2022-08-08" }]],
  [Q("required_years"), [{ senior_worker: 10 }, { senior_worker: 8, technician: 13, senior_technician: 0 }]],
];

test("every answer type of the flow has a module and samples here", () => {
  const types = new Set(flow.questions.map((q) => q.type));
  for (const type of types) assert.ok(TYPES[type], `no module for ${type}`);
  for (const type of types)
    assert.ok(
      SAMPLES.some(([q]) => q.type === type),
      `no samples for ${type}`,
    );
});

for (const [q, answers] of SAMPLES) {
  test(`${q.type} (${q.id}): answer → form → markup → read → the same answer`, () => {
    const type = TYPES[q.type];
    for (const answer of answers) {
      const html = type.markup(q, type.toForm(q, answer, false));
      const back = type.toAnswer(q, type.read(q, markupReader(html)));
      assert.deepEqual(back.value, answer, `${JSON.stringify(answer)} → ${JSON.stringify(back)}`);
      for (const field of Object.values(back.targets)) assert.ok(html.includes(`id="${field}"`), `target ${field} not in the markup`);
      const line = summary(q, answer, false, W);
      assert.ok(line && !/<(?!br>)/.test(line.replace(/<br>/g, "")), `summary ${line}`);
    }
  });
}

test("不确定 and left empty stay so; the check page says which", () => {
  for (const [q] of SAMPLES) {
    const type = TYPES[q.type];
    if (!q.unsure && !q.optional) continue;
    const html = type.markup(q, type.toForm(q, undefined, true));
    const back = type.toAnswer(q, type.read(q, markupReader(html)));
    assert.deepEqual(back, { skip: true }, q.id);
    assert.equal(summary(q, undefined, true, W), q.unsure ? q.words.unsure : W.leftEmpty);
  }
});

test("an empty form asks for an answer, naming a field that is on the screen", () => {
  for (const [q] of SAMPLES) {
    if (q.optional) continue;
    const type = TYPES[q.type];
    const html = type.markup(q, type.toForm(q, undefined, false));
    const back = type.toAnswer(q, type.read(q, markupReader(html)));
    assert.ok(back.errors?.length, `${q.id}: ${JSON.stringify(back)}`);
    for (const e of back.errors) assert.ok(html.includes(`id="${e.field}"`) && e.message, `${q.id}: ${JSON.stringify(e)}`);
    if (q.unsure) assert.ok(back.errors[0].message.includes(q.words.unsure), q.id);
  }
});

test("a bad date inside a dated answer is reported on its own field", () => {
  const q = Q("skill_levels");
  const fs = TYPES.dated_levels.toForm(q, { technician: "2019-06-30" });
  fs.dates.technician = "2019-02-30";
  const out = TYPES.dated_levels.toAnswer(q, fs);
  assert.equal(out.errors[0].field, "gt-skill_levels-technician-date");
  assert.match(out.errors[0].message, /2019-02-30 不存在/);
});

// The cases batch.cell_date and batch.cell_count are held to as well (tests/test_batch.py).
const typedCases = (name) => JSON.parse(readFileSync(`${REPO}tests/cases/${name}.json`, "utf8")).cases;

test("dates as tests/cases/typed_dates.json says", () => {
  const cases = typedCases("typed_dates");
  assert.ok(cases.length > 20);
  for (const { typed, full, ...want } of cases) {
    const got = parseDate(typed, { full });
    const error = /不存在/.test(got.error) ? "missing" : got.error === W.dateWhole ? "partial" : "format";
    const read = got.empty ? { empty: true } : got.value ? { iso: got.value } : { error };
    assert.deepEqual(read, want, JSON.stringify(typed));
    if (want.error === "format") assert.equal(got.error, W.dateFormat);
    if (got.value) assert.equal(Boolean(got.partial), got.value.length < 10, typed);
  }
});

test("whole numbers as tests/cases/typed_counts.json says", () => {
  const cases = typedCases("typed_counts");
  assert.ok(cases.length > 20);
  for (const { typed, ...want } of cases) {
    const got = parseCount(typed);
    const kind = { [W.countFormat]: "format", [W.countTooBig]: "too_big" }[got.error] || "negative";
    const read = got.empty ? { empty: true } : "value" in got ? { value: got.value } : { error: kind };
    assert.deepEqual(read, want, JSON.stringify(typed));
    if (want.error === "negative") assert.match(got.error, /负数/);
  }
});

test("dates and numbers as people type them", () => {
  const dates = ["2019-06-30", "2019/6/30", "2019年6月30日", "2019.6.30", "２０１９年６月３０日", " 2019-6-3 ", "20190630", "2024-02-29"];
  assert.deepEqual(
    dates.map((d) => parseDate(d).value),
    [...Array(5).fill("2019-06-30"), "2019-06-03", "2019-06-30", "2024-02-29"],
  );
  assert.deepEqual(parseDate(""), { empty: true });
  for (const bad of ["2019-02-30", "2023-02-29", "2019-13-01", "2019-00-10", "30/6/2019", "abc"]) assert.ok(parseDate(bad).error, bad);
  assert.match(parseDate("2019-02-30").error, /日期 2019-02-30 不存在/);
  assert.deepEqual(
    ["0", "12", "１２", "6个月", "3 年", "+4"].map((c) => parseCount(c).value),
    [0, 12, 12, 6, 3, 4],
  );
  assert.deepEqual(parseCount(" "), { empty: true });
  for (const bad of ["-3", "1.5", "x", "99999999999999999999"]) assert.ok(parseCount(bad).error, bad);
});
