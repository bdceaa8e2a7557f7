// The result screen (node --test), over every result the engine gives for generated answers (some with
// dates known only to the month or the year): the answer first, then what decides a 待定, the next steps
// and the actions, the per-level details last (issue 31); no builders' words; each reason acted on by its
// kind, never its words (issue 35).
import assert from "node:assert/strict";
import { test } from "node:test";
import { sampleResults } from "../testing.js";
import { W } from "../words.js";
import { resultBody, resultHtml } from "./result.js";

const RESULTS = sampleResults();
const text = (html) => html.replace(/<[^>]+>/g, " ").replace(/&[a-z#0-9]+;/g, " ");
// Words a worker does not use: the engine, data versions, rule ids (A1–A12, B1–B7, T1–T8, E1–E4).
const BUILDERS = /引擎|数据版本|(?<![A-Za-z0-9])[ABTE]\d{1,2}(?![0-9])/;
// Every kind a reason may have (answers.md); the page must know each.
const KINDS = ["precondition", "years", "honor", "studio", "title", "years_requirement", "late", "date_decides"];

test("the result in the order a person needs it", () => {
  assert.ok(RESULTS.length > 150);
  for (const data of RESULTS) {
    const html = resultHtml(data, { policyPage: "../policy/" });
    const at = (mark) => html.indexOf(mark);
    assert.ok(at('class="gt-panel ') < at('class="gt-steps"'), "the verdict before the next steps");
    if (at("data-gt-decides") >= 0) assert.ok(at("data-gt-decides") < at('class="gt-steps"'), "what decides a 待定 before the steps");
    assert.ok(at('class="gt-steps"') < at("data-gt-share"), "the next steps before the actions");
    const firstSteps = html.slice(at('class="gt-steps"'), at("data-gt-share"));
    assert.ok(
      firstSteps.includes(`href="tel:${data.contact.phone.replace("-", "")}"`),
      "the office's number with the first steps, a tap away",
    );
    assert.ok(at("data-gt-share") < at('class="gt-levels"'), "the actions before the per-level details");
    assert.ok(at("data-gt-speak-missing") > at("data-gt-share"), "why 朗读 is missing sits with the actions");
    // Each level a disclosure, closed until opened (main.js opens them all for printing).
    assert.equal((html.match(/<details class="gt-level /g) || []).length, Object.keys(data.result.levels).length);
    assert.ok(!/<details class="gt-level [^>]*\sopen/.test(html));
  }
});

test("no builders' words on a result screen", () => {
  for (const data of RESULTS) {
    for (const html of [resultHtml(data, { policyPage: "../policy/" }), resultBody(data, { policyPage: "../policy/" })]) {
      const words = text(html);
      assert.ok(!BUILDERS.test(words), words.match(BUILDERS)?.[0]);
    }
  }
});

test("every reason kind the engine gives is one the page knows, and acts on by kind", () => {
  const seen = new Set();
  for (const data of RESULTS) {
    const html = resultHtml(data, { policyPage: "../policy/", yearsPage: "../years/" });
    for (const [id, level] of Object.entries(data.result.levels)) {
      for (const reason of level.reasons) {
        assert.ok(KINDS.includes(reason.kind), reason.kind);
        seen.add(reason.kind);
      }
      const section = html.slice(html.indexOf(`data-level="${id}"`), html.indexOf("</details>", html.indexOf(`data-level="${id}"`)));
      const waitsOnYears = level.status === "undetermined" && level.reasons.some((r) => r.kind === "years_requirement");
      assert.equal(section.includes(W.yearsHow), waitsOnYears, `${id}: the years link by kind`);
    }
    const dated = Object.values(data.result.levels).flatMap((lv) => lv.reasons.filter((r) => r.kind === "date_decides"));
    assert.equal(html.includes("data-gt-decides-dates"), dated.length > 0);
    if (data.years_wait) {
      assert.ok(html.includes("data-gt-decides-years") && html.includes(`不超过 ${data.years_wait.counted} 年`));
      assert.ok(html.includes('href="#change-required_years"'), "straight back to the years question");
    }
  }
  assert.ok(
    RESULTS.some((d) => d.years_wait),
    "some pathway-B result waits on the years alone",
  );
  for (const kind of ["precondition", "years", "honor", "studio", "title", "years_requirement", "date_decides"])
    assert.ok(seen.has(kind), kind);
});
