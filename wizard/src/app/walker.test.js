// The page's walker against guantong.flow on the same answers (node --test; `make test` runs it).
// The cases come from Python (build_scripts/wizard/walker_cases.py), so flow.py is the oracle.
import assert from "node:assert/strict";
import { test } from "node:test";
import { Walker, currentRound, lateDates, pyEq } from "./walker.js";
import { pythonJson } from "./testing.js";

const data = pythonJson("build_scripts.wizard.walker_cases", "400", "20261201");

test("the cases reach every branch worth proving", () => {
  const cases = data.policies.flatMap((p) => p.cases);
  const ended = new Set(cases.map((c) => c.ended_by).filter(Boolean));
  for (const rule of ["A1", "A2", "A4", "A5", "B1", "B2", "T4"]) assert.ok(ended.has(rule), `no case ended by ${rule}`);
  assert.ok(
    cases.some((c) => c.skipped.length),
    "no case with 不确定",
  );
  assert.ok(
    cases.some((c) => Object.keys(c.answers).length > Object.keys(c.applicable).length),
    "no case drops answers",
  );
  assert.ok(cases.some((c) => c.next === "required_years") && cases.some((c) => c.journey.includes("required_years")));
  assert.ok(
    cases.some((c) => c.answers.occupation !== undefined && !c.journey.includes("required_years") && c.journey.includes("related_major")),
    "no case where an occupation in the table skips required_years",
  );
});

for (const [p, policy] of data.policies.entries()) {
  const walker = new Walker(policy.flow);

  test(`next question, applicable answers and journey equal flow.py (policy ${p}, ${policy.cases.length} cases)`, () => {
    for (const c of policy.cases) {
      const why = JSON.stringify({ answers: c.answers, skipped: c.skipped });
      assert.equal(walker.next(c.answers, c.skipped)?.id ?? null, c.next, `next_question ${why}`);
      assert.deepEqual(walker.applicable(c.answers), c.applicable, `applicable ${why}`);
      assert.deepEqual(
        walker.journey(c.answers, c.skipped).map((q) => q.id),
        c.journey,
        `journey ${why}`,
      );
      assert.equal(walker.endedBy(c.answers), c.ended_by, `ended_by ${why}`);
    }
  });

  test(`the page's state of stored answers is flow.py's (policy ${p})`, () => {
    // What the screens use: the answers that apply, the skipped ids that still matter, next, journey.
    for (const c of policy.cases) {
      const st = walker.state(c.answers, c.skipped);
      const expectedNext = walker.next(c.applicable, st.skipped)?.id ?? null;
      assert.deepEqual(st.answers, c.applicable);
      assert.equal(st.next, expectedNext);
      for (const id of st.skipped) assert.ok(c.skipped.includes(id) && st.order.includes(id));
      for (const [i, id] of st.order.entries()) {
        const around = walker.state(c.answers, c.skipped, id);
        assert.equal(around.before, st.order[i - 1] ?? null);
        assert.equal(around.after, st.order[i + 1] ?? null);
      }
    }
  });

  test(`the deadline's options and default round equal flow.round_options (policy ${p})`, () => {
    for (const r of policy.rounds) {
      const q = walker.question("deadline", { direction: r.direction }, r.today);
      assert.deepEqual(q.options, r.options, `${r.direction} on ${r.today}`);
      const def = r.options.find((o) => o.default);
      assert.deepEqual(
        walker.deadline({ direction: r.direction }, r.today),
        def ? { date: def.value, source: "policy" } : { date: r.today, source: "today" },
      );
    }
  });

  test(`occupation names are looked up as policy.find_occupation does (policy ${p})`, () => {
    for (const n of policy.names) assert.equal(walker.inTable(n.name), n.in_table, JSON.stringify(n.name));
  });
}

test("answers compare as in Python", () => {
  assert.ok(pyEq(false, 0) && pyEq(true, 1) && pyEq({}, {}) && pyEq([1, { a: true }], [1, { a: 1 }]));
  assert.ok(!pyEq(false, null) && !pyEq({}, []) && !pyEq("1", 1) && !pyEq({ a: 1 }, { b: 1 }));
});

test("current round and late dates", () => {
  const rounds = [
    { value: "2026-11-15", year: 2026 },
    { value: "2026-06-30", year: 2026 },
  ];
  assert.equal(currentRound(rounds, "2026-07-01").value, "2026-11-15");
  assert.equal(currentRound(rounds, "2026-12-01").value, "2026-11-15");
  assert.equal(currentRound(rounds, "2027-01-01"), null);
  assert.deepEqual(
    lateDates(
      "honors",
      [
        { name: "x", date: "2026-07-01" },
        { name: "y", date: "2026-06-30" },
      ],
      "2026-06-30",
    ),
    [{ key: "honors[0].date", date: "2026-07-01" }],
  );
  assert.deepEqual(lateDates("skill_levels", { technician: "2027-01-01" }, "2026-06-30"), [
    { key: "skill_levels.technician", date: "2027-01-01" },
  ]);
  assert.deepEqual(lateDates("deadline", "2030-01-01", "2026-06-30"), []);
});
