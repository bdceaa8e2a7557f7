// Every page of the site (the loader imports it on each, wizard/src/loader.js): the 关怀模式 switch in the
// header (care.js), the flowcharts' numbered steps shown in care mode, and 朗读 on the pages that carry a
// place for it (the notice and the pathway pages: <div data-gt-speak-slot>), which reads the section in
// view; reading stops when another page is shown. Small and with no other imports than its own words:
// the public pages stay fast on a cheap phone.
import { careOn, setCare, syncCareButtons } from "./care.js";
import { onEveryPage } from "./material.js";
import { onVoice, sectionTexts, speakTexts, stopSpeaking } from "./speak.js";
import { SW } from "./words.js";

let voice = null;

/** In care mode a flowchart is read as its numbered steps (its text alternative, opened). */
function chartSteps() {
  if (!careOn()) return;
  for (const details of document.querySelectorAll(".gt-chart details.gt-chart__text")) details.open = true;
}

function headerHeight() {
  return Math.max(0, document.querySelector(".md-header")?.getBoundingClientRect().bottom ?? 0); // scrolled away in care mode
}

function speakBar() {
  const slot = document.querySelector("[data-gt-speak-slot]:not([data-gt-speak-ready])");
  if (!slot) return;
  slot.setAttribute("data-gt-speak-ready", "");
  onVoice((found) => {
    voice = found;
    if (!found) {
      slot.innerHTML = "";
      return;
    }
    if (slot.firstChild) return;
    slot.innerHTML = `<div class="gt-speak-bar" data-gt-speak-bar><button type="button" class="md-button gt-speak" data-gt-speak-section title="${SW.speakTitle}">${SW.speakSection}</button> <button type="button" class="md-button gt-speak" data-gt-speak-stop hidden>${SW.speakStop}</button></div>`;
  });
}

function onClick(event) {
  const el = event.target.closest?.("[data-gt-care-switch], [data-gt-speak-section], [data-gt-speak-stop]");
  if (!el) return;
  if (el.hasAttribute("data-gt-care-switch")) {
    setCare(!careOn());
    chartSteps();
    return;
  }
  const bar = el.closest("[data-gt-speak-bar]");
  const stop = bar?.querySelector("[data-gt-speak-stop]");
  if (el.hasAttribute("data-gt-speak-stop")) {
    stopSpeaking();
    if (stop) stop.hidden = true;
    return;
  }
  const article = el.closest("article") || document.querySelector("article");
  if (!article || !voice) return;
  if (stop) stop.hidden = false;
  speakTexts(sectionTexts(article, headerHeight()), voice).then(() => {
    if (stop) stop.hidden = true;
  });
}

let listening = false;
function mount() {
  stopSpeaking(); // another page: what was being read stops
  syncCareButtons();
  chartSteps();
  speakBar();
  if (!listening) {
    listening = true;
    document.addEventListener("click", onClick);
  }
}

mount();
onEveryPage(mount);
