// One question per screen: its heading, help and clause, the controls of its answer type, the error
// summary (GOV.UK's, with links to the fields), 继续 and the back link. Everything here runs on the page:
// the walker says what comes next, the answer type checks the form, and dates after the deadline get a
// warning to confirm. The engine is not asked.
import { typeOf } from "../answers/index.js";
import { otherRow } from "../answers/honors.js";
import { formReader } from "../answers/controls.js";
import { cnDate, esc } from "../html.js";
import { lateDates } from "../walker.js";
import { SW, W } from "../words.js";

const SOLE = ["date", "count", "text"]; // types whose one field is labelled by the heading

/** A question's screen: `fs` is its form state (answers/*.js toForm), `back` the screen the back link
 * leads to ("" on the first), `change` when it is changed from the check page, `clause` its clause link. */
export function questionHtml(q, fs, { back = "", change = false, clause = "" } = {}) {
  const fieldset = !SOLE.includes(q.type) || q.unsure || q.options.length > 0;
  // elementtiming: when a question's heading is painted (the benchmark's first question on screen).
  const heading = `<h1 class="gt-heading" id="gt-heading" tabindex="-1" elementtiming="gt-question">${esc(q.prompt)}</h1>`;
  const body = `
<p class="gt-hint" id="gt-hint">${esc(q.help)} ${clause ? `<span class="gt-basis">${esc(W.basis)}${clause}</span>` : ""}</p>
<p class="gt-error-message" id="gt-error" hidden></p>
${typeOf(q).markup(q, fs)}`;
  const group = fieldset
    ? `<fieldset class="gt-fieldset" aria-describedby="gt-hint gt-error"><legend class="gt-legend">${heading}</legend>${body}</fieldset>`
    : `${heading}${body}`;
  return `
<a class="gt-back gt-noprint" href="#${esc(back)}" data-gt-nav data-gt-to="${esc(back)}"${back ? "" : " hidden"}>${esc(W.back)}</a>
<div class="gt-error-summary" data-gt-summary role="alert" tabindex="-1" hidden></div>
<form class="gt-form" data-gt-question="${esc(q.id)}" novalidate>
  ${group}
  <div class="gt-warning" data-gt-warning role="alert" hidden></div>
  <div class="gt-actions"><button type="submit" class="gt-button" data-gt-continue>${esc(W.continue)}</button><button type="button" class="gt-button gt-button--secondary" data-gt-speak hidden>${esc(SW.speak)}</button>${change ? `<a class="gt-link" href="#check" data-gt-cancel-change>${esc(W.cancelChange)}</a>` : ""}</div>
</form>`;
}

export function renderQuestion(wz, screen, focus) {
  const q = wz.question(screen.id);
  const answer = wz.state.answers[q.id];
  const skipped = wz.state.skipped.includes(q.id);
  const fs = wz.state.drafts[q.id] ?? typeOf(q).toForm(q, answer, skipped);
  const change = screen.mode === "change";
  const st = wz.walk(screen.id);
  const back = change ? "check" : st.before ? `q-${st.before}` : "";
  wz.$screen.innerHTML = questionHtml(q, fs, { back, change, clause: wz.clauseLink(q.clause) });
  wz.setTitle(q.prompt);
  wz.focusHeading(focus);
  if (!wz.firstQuestionShown) {
    wz.firstQuestionShown = true;
    performance.mark?.("gt-first-question");
  }
}

export function readQuestion(q, form) {
  return typeOf(q).read(q, formReader(form));
}

/** The field an engine error key points at, for an answer as it is stored. */
export function fieldFor(q, answer, skipped, key) {
  const type = typeOf(q);
  const parsed = type.toAnswer(q, type.toForm(q, answer, skipped));
  // An answer the page itself would refuse (a crafted share link) has no targets: its first bad field.
  return parsed.targets?.[key] ?? parsed.targets?.[String(key).split(/[.[]/)[0]] ?? parsed.errors?.[0]?.field ?? type.first(q);
}

/** Submit: check the form, warn once about dates after the deadline, store the answer, move on. */
export function submitQuestion(wz, form) {
  const q = wz.question(form.dataset.gtQuestion);
  const fs = readQuestion(q, form);
  wz.state.drafts[q.id] = fs;
  wz.save();
  const parsed = typeOf(q).toAnswer(q, fs);
  if (parsed.errors) {
    showErrors(wz, q, parsed.errors);
    return;
  }
  const answers = { ...wz.state.answers };
  const skipped = wz.state.skipped.filter((id) => id !== q.id);
  if (parsed.skip) {
    delete answers[q.id];
    skipped.push(q.id);
  } else {
    answers[q.id] = parsed.value;
  }
  if (!parsed.skip) {
    const deadline = wz.walker.deadline(wz.walker.applicable(answers), wz.today);
    const lates = lateDates(q.id, parsed.value, deadline.date);
    const token = `${q.id}:${JSON.stringify(parsed.value)}:${deadline.date}`;
    if (lates.length && wz.lateConfirmed !== token) {
      wz.lateConfirmed = token;
      const late = (date) =>
        deadline.source === "today"
          ? W.lateToday(date, cnDate(deadline.date))
          : W.late(date, W.deadlineSource[deadline.source], cnDate(deadline.date));
      showErrors(
        wz,
        q,
        lates.map((l) => ({
          field: parsed.targets?.[l.key] ?? parsed.targets?.[l.key.split(/[.[]/)[0]] ?? typeOf(q).first(q),
          message: late(cnDate(l.date)),
        })),
        { warning: true },
      );
      return;
    }
  }
  wz.state.answers = answers;
  wz.state.skipped = skipped;
  delete wz.state.drafts[q.id];
  wz.save();
  const st = wz.walk(q.id);
  let next;
  if (wz.screen.mode === "change") next = st.next ? { name: "question", id: st.next, mode: "change" } : { name: "check" };
  else if (st.after) next = { name: "question", id: st.after, mode: "flow" };
  else if (st.next) next = { name: "question", id: st.next, mode: "flow" };
  else next = { name: "check" };
  wz.go(next);
}

export function showErrors(wz, q, errors, { warning = false } = {}) {
  const form = wz.$screen.querySelector("form");
  const summary = wz.$screen.querySelector(warning ? "[data-gt-warning]" : "[data-gt-summary]");
  clearErrors(wz);
  // In the summary, say which field when the question has several (GOV.UK's error summary links).
  const labelOf = (field) => {
    if (!field || [...SOLE, "bool", "choice"].includes(q.type)) return "";
    const label = form.querySelector(`label[for="${CSS.escape(field)}"]`)?.textContent.trim() ?? "";
    return label.replace(/（选填）$/, "");
  };
  const items = errors
    .map((e) => {
      const label = labelOf(e.field);
      const text = label && !e.message.startsWith(label) ? `${label}：${e.message}` : e.message;
      return `<li><a href="#${esc(e.field || "gt-heading")}" data-gt-focus="${esc(e.field || "gt-heading")}">${esc(text)}</a></li>`;
    })
    .join("");
  summary.innerHTML = warning
    ? `<h2 class="gt-warning__title">${esc(W.warningTitle)}</h2><ul class="gt-error-summary__list">${items}</ul>`
    : `<h2 class="gt-error-summary__title">${esc(W.errorTitle)}</h2><ul class="gt-error-summary__list">${items}</ul>`;
  summary.hidden = false;
  for (const e of errors) {
    const input = e.field && form.querySelector(`#${CSS.escape(e.field)}`);
    const field = input?.closest("[data-gt-field]");
    const slot = field?.querySelector(".gt-error-message") ?? wz.$screen.querySelector("#gt-error");
    input?.closest(".gt-conditional")?.removeAttribute("hidden");
    slot.innerHTML = `<span class="gt-visually-hidden">${esc(warning ? W.warningPrefix : W.errorPrefix)}</span>${esc(e.message)}`;
    slot.hidden = false;
    slot.classList.toggle("gt-error-message--warning", warning);
    (field ?? form.querySelector(".gt-fieldset") ?? form).classList.add(warning ? "gt-has-warning" : "gt-has-error");
    if (input && !warning) {
      input.setAttribute("aria-invalid", "true");
      input.setAttribute("aria-describedby", `${input.getAttribute("aria-describedby") || ""} ${slot.id}`.trim());
    }
  }
  wz.setTitle(`${warning ? W.titleWarning : W.titleError}：${q.prompt}`);
  if (!warning) summary.focus();
}

export function clearErrors(wz) {
  const form = wz.$screen.querySelector("form");
  if (!form) return;
  for (const el of wz.$screen.querySelectorAll("[data-gt-summary], [data-gt-warning]")) {
    el.hidden = true;
    el.innerHTML = "";
  }
  for (const el of form.querySelectorAll(".gt-error-message")) {
    el.hidden = true;
    el.textContent = "";
  }
  for (const el of form.querySelectorAll(".gt-has-error, .gt-has-warning")) el.classList.remove("gt-has-error", "gt-has-warning");
  for (const el of form.querySelectorAll("[aria-invalid]")) {
    el.removeAttribute("aria-invalid");
    const kept = (el.getAttribute("aria-describedby") || "").split(/\s+/).filter((id) => id && !id.endsWith("-error") && id !== "gt-error");
    if (kept.length) el.setAttribute("aria-describedby", kept.join(" "));
    else el.removeAttribute("aria-describedby");
  }
}

/** Conditional reveals, and exclusive boxes (都没有 / 不确定 against the rest: GOV.UK's "none" box). */
export function controlChanged(form, input) {
  const byId = (id) => form.querySelector(`#${CSS.escape(id)}`);
  if (input.type === "radio") {
    for (const other of form.querySelectorAll(`input[name="${input.name}"]`)) {
      const target = other.dataset.gtReveal && byId(other.dataset.gtReveal);
      if (target) target.hidden = !form.querySelector(`input[data-gt-reveal="${other.dataset.gtReveal}"]:checked`);
    }
    if (input.dataset.gtHide && input.checked) byId(input.dataset.gtHide).hidden = true;
  }
  if (input.type === "checkbox") {
    if (input.dataset.gtReveal) byId(input.dataset.gtReveal).hidden = !input.checked;
    if (input.checked && input.dataset.gtExclusive === "none") {
      for (const other of form.querySelectorAll('input[data-gt-exclusive="item"]:checked')) {
        other.checked = false;
        if (other.dataset.gtReveal) byId(other.dataset.gtReveal).hidden = true;
      }
    } else if (input.checked && input.dataset.gtExclusive === "item") {
      const none = form.querySelector('input[data-gt-exclusive="none"]');
      if (none) none.checked = false;
    }
  }
}

/** 添加一项其他荣誉 */
export function addOther(wz) {
  const q = wz.question("honors");
  const list = wz.$screen.querySelector("[data-gt-others]");
  const r = list.querySelectorAll("[data-gt-other]").length;
  list.insertAdjacentHTML("beforeend", otherRow(q, r, { name: "", date: "", tier: "" }));
  const none = wz.$screen.querySelector('input[data-gt-exclusive="none"]');
  if (none) none.checked = false;
  list.lastElementChild.querySelector("input").focus();
}

/** 删除这项荣誉: the rows are numbered again so that error keys still point at the right fields. */
export function removeOther(wz, button) {
  const row = button.closest("[data-gt-other]");
  const form = row.closest("form");
  row.remove();
  const q = wz.question(form.dataset.gtQuestion);
  const fs = readQuestion(q, form);
  form.querySelector("[data-gt-others]").innerHTML = fs.others.map((o, i) => otherRow(q, i, o)).join("");
  wz.state.drafts[q.id] = fs;
  wz.save();
  wz.$screen.querySelector("[data-gt-add-other]").focus();
}
