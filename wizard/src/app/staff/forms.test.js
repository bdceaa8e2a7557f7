// The staff page's forms: declared once, each field named as guantong_tools/staff.py reads it (the forms'
// ids are its FORMS, a holiday's fields follow its HOLIDAY_NAMES), marked up with a label, hint and error
// line each, and read back as the Python takes them.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { fieldId, formMarkup, formsOf, readForm } from "./forms.js";
import { python, REPO } from "../testing.js";

const staff = JSON.parse(
  execFileSync(
    python(),
    [
      "-c",
      "import json; from guantong_tools import staff; print(json.dumps({'forms': list(staff.FORMS), 'holidays': staff.HOLIDAY_NAMES}, ensure_ascii=False))",
    ],
    { cwd: REPO, encoding: "utf8" },
  ),
);
const FORMS = formsOf({ tiers: [["assistant", "助理级职称"]], holidayNames: staff.holidays });

test("one form for each of staff.py's", () => {
  assert.deepEqual(
    FORMS.map((f) => f.id),
    staff.forms,
  );
  const holidays = FORMS.find((f) => f.id === "holidays");
  assert.equal(holidays.fields.filter((f) => f.name.startsWith("off_first_")).length, staff.holidays.length);
});

test("every field has its label, hint and error line, tied to its control", () => {
  for (const form of FORMS) {
    const html = formMarkup(form);
    for (const f of form.fields) {
      const id = fieldId(form.id, f.name);
      assert.ok(html.includes(`id="${id}"`), id);
      assert.ok(html.includes(`id="${id}-hint"`) && html.includes(`id="${id}-error"`), id);
      assert.ok(html.includes(`aria-describedby="${id}-hint ${id}-error"`), id);
      if (f.kind === "text") assert.ok(html.includes(`<label class="gt-label" for="${id}">`), id);
    }
  }
});

test("the fields read back as the Python takes them: text as typed, check boxes as a list", () => {
  const round = FORMS.find((f) => f.id === "round");
  const data = new FormData();
  data.append("year", "2027");
  data.append("deadline", "2027-7-15");
  data.append("pathways", "skill_to_title");
  data.append("pathways", "title_to_skill");
  assert.deepEqual(readForm(round, data), {
    year: "2027",
    deadline: "2027-7-15",
    document: "",
    pathways: ["skill_to_title", "title_to_skill"],
  });
  // both pathways ticked at first, and a rename is the honour form's first choice
  assert.equal((formMarkup(round).match(/ checked/g) || []).length, 2);
  assert.match(formMarkup(FORMS.find((f) => f.id === "honor")), /value="rename" checked/);
});
