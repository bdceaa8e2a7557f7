// Check your answers: every question asked, the answer as a line, a 修改 link each (GOV.UK's summary list).
import { summary } from "../answers/index.js";
import { esc } from "../html.js";
import { W } from "../words.js";

export function renderCheck(wz, focus) {
  const st = wz.walk();
  const rows = st.journey
    .map((id) => {
      const q = wz.question(id);
      return `<div class="gt-summary__row"><dt class="gt-summary__key">${esc(q.prompt)}</dt><dd class="gt-summary__value">${summary(q, st.answers[id], st.skipped.includes(id), W)}</dd><dd class="gt-summary__actions"><a class="gt-link" href="#change-${esc(id)}" data-gt-nav data-gt-to="change-${esc(id)}" aria-label="${esc(W.changeLabel(q.prompt))}">${esc(W.change)}</a></dd></div>`;
    })
    .join("");
  const notes = [];
  if (st.endedBy) notes.push(W.endedEarly);
  // B5: a start date given after the years were (the years question then stops applying): the date counts.
  const raw = wz.state.answers;
  if (st.journey.includes("work_start") && "work_start" in st.answers && raw.work_years !== undefined) notes.push(W.bothWorkStartAndYears);
  const last = st.journey[st.journey.length - 1];
  wz.$screen.innerHTML = `
<a class="gt-back gt-noprint" href="#q-${esc(last)}" data-gt-nav data-gt-to="q-${esc(last)}">${esc(W.back)}</a>
<h1 class="gt-heading" id="gt-heading" tabindex="-1">${esc(W.checkTitle)}</h1>
${notes.map((n) => `<p class="gt-inset">${esc(n)}</p>`).join("")}
<dl class="gt-summary">${rows}</dl>
<h2>${esc(W.resultHeading)}</h2>
<p>${esc(W.resultBasis)}</p>
<div class="gt-actions"><button type="button" class="gt-button" data-gt-go="result">${esc(W.showResult)}</button></div>`;
  wz.setTitle(W.checkTitle);
  wz.focusHeading(focus);
}
