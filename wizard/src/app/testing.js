// For the Node tests only (never bundled): run a Python script of the repository and read its JSON.
// The interpreter is $GUANTONG_PYTHON, else the project's .venv (make deps), else python3.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const REPO = fileURLToPath(new URL("../../../", import.meta.url));

export function python() {
  // A path (make test passes .venv/bin/python) holds from any working directory.
  const given = process.env.GUANTONG_PYTHON;
  if (given) return given.includes("/") ? resolve(given) : given;
  const venv = `${REPO}.venv/bin/python`;
  return existsSync(venv) ? venv : "python3";
}

export function pythonJson(module, ...args) {
  const out = execFileSync(python(), ["-m", module, ...args], { cwd: REPO, encoding: "utf8", maxBuffer: 1 << 28 });
  return JSON.parse(out);
}

/** What the bridge's "result" operation gives the page for generated journeys and loose answers
 * (sample_answers), some with every date known only to the month or the year (rules.md T8). */
export function sampleResults() {
  const script = `import json, guantong_wizard as b
from build_scripts import sample_answers as s
out = []
people = s.generate(40, 5) + s.generate(40, 9, "loose") + s.generate(40, 11, "full")
people += [s.blurred(a, "month") for a in s.generate(30, 12, "full")] + [s.blurred(a, "year") for a in s.generate(30, 13, "full")]
for a in people:
    r = json.loads(b.call("result", json.dumps({"answers": a, "today": "2026-12-03"})))
    if r["ok"]: out.append(r["value"])
print(json.dumps(out, ensure_ascii=False))`;
  const out = execFileSync(python(), ["-c", script], {
    cwd: `${REPO}wizard/src`,
    encoding: "utf8",
    maxBuffer: 1 << 26,
    env: { ...process.env, PYTHONPATH: REPO },
  });
  return JSON.parse(out);
}

const unescapeHtml = (s) => s.replace(/&(amp|lt|gt|quot|#39);/g, (_, e) => ({ amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'" })[e]);
const attrs = (text) => {
  const out = {};
  for (const m of text.matchAll(/([\w-]+)(?:="([^"]*)")?/g)) out[m[1]] = m[2] === undefined ? true : unescapeHtml(m[2]);
  return out;
};

function controls(html) {
  const inputs = [...html.matchAll(/<input ([^>]*)>/g)].map((m) => attrs(m[1]));
  for (const m of html.matchAll(/<select ([^>]*)>(.*?)<\/select>/gs)) {
    const selected = [...m[2].matchAll(/<option ([^>]*)>/g)].map((o) => attrs(o[1])).find((o) => o.selected);
    inputs.push({ ...attrs(m[1]), value: selected ? selected.value : "" });
  }
  return inputs;
}

/** The reader an answer type's read() gets (answers/controls.js formReader), over markup instead of a DOM:
 * the form as the browser would submit it straight after markup() drew it. */
export function markupReader(html) {
  const all = controls(html);
  return {
    value: (name) => all.find((i) => i.name === name)?.value ?? "",
    radio: (name) => all.find((i) => i.type === "radio" && i.name === name && i.checked)?.value ?? null,
    checked: (id) => Boolean(all.find((i) => i.id === id)?.checked),
    rows: (selector, fields) =>
      html
        .split(/<div class="gt-other" data-gt-other>/)
        .slice(1)
        .map((row) => {
          const inRow = controls(row.split("data-gt-remove-other")[0]);
          return Object.fromEntries(fields.map((f) => [f, inRow.find((i) => i["data-field"] === f)?.value ?? ""]));
        }),
  };
}
