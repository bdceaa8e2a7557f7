// Build step (run by build_scripts/wizard/bundle.py): the wizard's first screen as HTML, and the inline
// script that shows it (or, where the browser cannot run the engine, the screen that says so); and the
// header's 关怀模式 switch, which every page's template puts beside the palette toggle. Reads the build's constants (app/build.js's BUILD) as JSON on stdin; writes
// {"html", "script"} as JSON on stdout.
import { readFileSync } from "node:fs";
import { careButtonHtml, prerender } from "./app/prerender.js";

const build = JSON.parse(readFileSync(0, "utf-8"));
const { html, tooOld, first, storeKey } = prerender(build);
const script = readFileSync(new URL("./ahead.js", import.meta.url), "utf-8")
  .replace("__GUANTONG_FIRST__", JSON.stringify(first))
  .replace("__GUANTONG_STORE_KEY__", JSON.stringify(storeKey));
process.stdout.write(JSON.stringify({ html, tooOld, script, careButton: careButtonHtml() }));
