// 朗读 (reading aloud): the browser's own speech synthesis with a Chinese voice, nothing sent anywhere.
// Where the browser has no Chinese voice there is no 朗读 button at all. Reading stops when the person
// moves on (another screen of the wizard, another page). What is read is taken from what is on screen:
// a question with its help and its options (or its fields' labels), a result's verdict, its levels and
// next steps, a section of the notice or a pathway page.

const synth = () => (typeof speechSynthesis === "object" && speechSynthesis ? speechSynthesis : null);

/** The Chinese voice to read with (zh-CN first, then any zh), or null. */
export function chineseVoice(voices) {
  const zh = (voices || []).filter((v) => /^zh\b|^zh[-_]|^cmn/i.test(v.lang || ""));
  return zh.find((v) => /^zh[-_](CN|Hans)/i.test(v.lang)) || zh[0] || null;
}

/** `callback(voice | null)` now and whenever the browser's voices change (they load late). */
export function onVoice(callback) {
  const s = synth();
  if (!s || typeof SpeechSynthesisUtterance !== "function") {
    callback(null);
    return;
  }
  const check = () => callback(chineseVoice(s.getVoices()));
  check();
  s.addEventListener?.("voiceschanged", check);
}

/** Read `texts` in order with `voice`; resolves when done or stopped. */
export function speakTexts(texts, voice) {
  const s = synth();
  if (!s || !voice) return Promise.resolve();
  s.cancel();
  const parts = texts.map((t) => String(t).replace(/\s+/g, " ").trim()).filter(Boolean);
  return new Promise((resolve) => {
    if (!parts.length) {
      resolve();
      return;
    }
    parts.forEach((text, i) => {
      const u = new SpeechSynthesisUtterance(text);
      u.voice = voice;
      u.lang = voice.lang || "zh-CN";
      u.rate = 0.9; // a little slower than the default, for older listeners
      if (i === parts.length - 1) u.onend = u.onerror = () => resolve();
      s.speak(u);
    });
  });
}

export function stopSpeaking() {
  synth()?.cancel();
}

const visible = (el) => !el.closest("[hidden]") && el.getClientRects().length > 0;
const textOf = (el, skip = "") => {
  const copy = el.cloneNode(true);
  for (const drop of copy.querySelectorAll(`.gt-visually-hidden, .headerlink${skip ? `, ${skip}` : ""}`)) drop.remove();
  return copy.textContent;
};

/** What a wizard screen says, in order: a question's heading, its help (not the clause it cites) and its
 * options or fields; a result's verdict, its levels (name and status, the date where time is missing)
 * and the next steps. */
export function screenTexts(screen) {
  const form = screen.querySelector("form[data-gt-question]");
  if (form) {
    const parts = [screen.querySelector("h1"), screen.querySelector(".gt-hint")];
    const choices = [...form.querySelectorAll(".gt-choice__label, .gt-label, .gt-group")].filter(visible);
    return [textOf(parts[0]), parts[1] ? textOf(parts[1], ".gt-basis") : "", ...choices.map((el) => textOf(el))];
  }
  const panel = screen.querySelector(".gt-panel");
  if (panel) {
    const lines = [...panel.querySelectorAll(".gt-panel__title, .gt-panel__line")].map((el) => textOf(el));
    const levels = [...screen.querySelectorAll(".gt-level")].flatMap((level) => [
      textOf(level.querySelector(".gt-level__title")),
      ...[...level.querySelectorAll(".gt-level__on")].map((el) => textOf(el)),
    ]);
    const steps = [...screen.querySelectorAll(".gt-steps li")].map((el) => textOf(el, ".gt-clause"));
    const heading = screen.querySelector("h2 + .gt-steps")?.previousElementSibling;
    return [textOf(screen.querySelector("h1")), ...lines, ...levels, heading ? textOf(heading) : "", ...steps];
  }
  return [...screen.querySelectorAll("h1, p")].filter(visible).map((el) => textOf(el));
}

/** The section of a page in view (below the sticky header, `top` px): its heading and what follows it
 * up to the next heading of the same or a higher level. */
export function sectionTexts(article, top = 0) {
  const headings = [...article.querySelectorAll("h1, h2, h3")].filter(visible);
  if (!headings.length) return [];
  let current = headings[0];
  for (const h of headings) {
    if (h.getBoundingClientRect().top <= top + 8) current = h;
  }
  const level = Number(current.tagName[1]);
  const texts = [textOf(current)];
  for (let el = current.nextElementSibling; el; el = el.nextElementSibling) {
    if (/^H[1-6]$/.test(el.tagName) && Number(el.tagName[1]) <= level) break;
    if (el.matches("[data-gt-speak-bar], script, style, figure svg, .md-typeset__scrollwrap table thead")) continue;
    if (visible(el)) texts.push(textOf(el, "[data-gt-speak-bar]"));
  }
  return texts;
}
