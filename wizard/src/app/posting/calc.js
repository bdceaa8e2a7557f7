// The posting-period calculator of pathway A's page: "推荐结果须在单位公示不少于5个工作日" (2.5.1.3). The date
// is read as the wizard reads typed dates (answers/parse.js, held to guantong's by
// tests/cases/typed_dates.json), the working days counted as guantong/workdays.py counts them
// (workdays.js). The loader imports this bundle where the page has <div id="gt-posting-calc">; it fetches
// the calendar the first time a date is typed.
import { parseDate } from "../answers/parse.js";
import { cnDate } from "../html.js";
import { onEveryPage } from "../material.js";
import { PW } from "../words.js";
import { calendarOf, postingEnd } from "./workdays.js";

const CALENDAR_URL = new URL("../../assets/data/calendar.json", import.meta.url).href; // from site/wizard/assets/
let calendar = null;

function load() {
  calendar ??= fetch(CALENDAR_URL)
    .then((r) => {
      if (!r.ok) throw new Error(String(r.status));
      return r.json();
    })
    .then(calendarOf);
  calendar.catch(() => (calendar = null)); // a failed fetch is tried again on the next date
  return calendar;
}

/** What the calculator says for a typed start (the words: words.js PW): {text, end?}, and for an end day
 * the text's parts [before, date, after], so that the date stays on one line as on every screen. */
export function sayPosting(cal, typed, n) {
  const start = parseDate(typed, { full: true });
  if (start.empty) return { text: "" };
  if (start.error) return { text: start.error };
  const r = postingEnd(cal, start.value, n);
  if (r.gap) return { text: PW.gap(cal.first_year, cal.last_year, r.gap) };
  const parts = PW.end(n, cnDate(r.end));
  return { text: parts.join(""), parts, end: r.end };
}

function mount(root) {
  if (root.dataset.gtMounted) return;
  root.dataset.gtMounted = "1";
  const input = root.querySelector("input");
  const out = root.querySelector("output");
  const n = Number(root.dataset.workdays); // guantong.workdays.POSTING_WORKDAYS, written by the page
  const update = () => {
    if (parseDate(input.value).empty) {
      out.textContent = "";
      return;
    }
    load().then(
      (cal) => {
        const said = sayPosting(cal, input.value, n);
        if (said.parts) {
          const date = Object.assign(document.createElement("span"), { className: "gt-date", textContent: said.parts[1] });
          out.replaceChildren(said.parts[0], date, said.parts[2]);
        } else out.textContent = said.text;
        out.dataset.end = said.end || "";
      },
      () => (out.textContent = PW.failed),
    );
  };
  input.addEventListener("input", update);
  input.addEventListener("change", update);
  update();
}

const mountAll = () => document.querySelectorAll("[data-gt-posting-calc]").forEach(mount);
if (typeof document === "object") {
  mountAll();
  onEveryPage(mountAll);
}
