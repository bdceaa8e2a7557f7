// 申报条件自测 (the wizard): mounting and routing. Built by build_scripts/wizard/bundle.py (esbuild) with
// the modules it imports into site/wizard/assets/wizard.<hash>.js and .css: see wizard/src/README.md.
//
// It mounts on <div id="gt-wizard"> whenever Material shows a page that has one, on a direct load and
// after instant navigation (Material's document$). The questions, the check page and the order of
// screens come from the flow exported at build time, walked here (walker.js); only the result asks the
// engine (Python on Pyodide in a worker, engine.js), which re-checks every answer.
performance.mark?.("gt-module-start");
import "./wizard.css";
import { BUILD } from "./build.js";
import { sharedEngine } from "./engine.js";
import { esc } from "./html.js";
import { onEveryPage } from "./material.js";
import { checkOffline, offline, setUpServiceWorker } from "./offline.js";
import { saveFile } from "./save.js";
import { renderCheck } from "./screens/check.js";
import { showUnderstood } from "./answers/controls.js";
import {
  addOther,
  controlChanged,
  fieldFor,
  readQuestion,
  removeOther,
  renderQuestion,
  showErrors,
  submitQuestion,
} from "./screens/question.js";
import { showCard } from "./screens/card.js";
import { showGuide } from "./screens/guide.js";
import { resultHtml, showQr, showWaiting, waitingHtml } from "./screens/result.js";
import { PAGES, clauseLink, shellHtml, toolsHtml } from "./screens/shell.js";
import { fitStatus, showStatus } from "./screens/status.js";
import { unavailableHtml } from "./screens/unavailable.js";
import { onVoice, screenTexts, speakTexts, stopSpeaking } from "./speak.js";
import { clearState, decodeShareAny, emptyState, encodeShareCompact, loadState, saveState, storage } from "./store.js";
import { Walker, todayIso } from "./walker.js";
import { whereHere } from "./where.js";
import { W } from "./words.js";

const walker = new Walker(BUILD.flow);
const FIRST = BUILD.flow.questions[0].id;
const known = (id) => walker.byId.has(id);

const getEngine = () =>
  sharedEngine({ worker: BUILD.worker, downloadBytes: BUILD.downloadBytes, needs: BUILD.needs, base: import.meta.url });
// Where the page runs (an app's browser, what works there): asked once, before anything is downloaded.
const here = () => whereHere(BUILD.needs);

// --- routes: the screen is in the URL fragment -------------------------------------------------------
function parseHash(hash) {
  let h = String(hash || "").replace(/^#/, "");
  try {
    h = decodeURIComponent(h);
  } catch {
    return null;
  }
  const flow = /^q-([a-z_]+)$/.exec(h);
  if (flow && known(flow[1])) return { name: "question", id: flow[1], mode: "flow" };
  const change = /^change-([a-z_]+)$/.exec(h);
  if (change && known(change[1])) return { name: "question", id: change[1], mode: "change" };
  if (h === "check" || h === "result") return { name: h };
  if (h.startsWith("share=")) return { name: "share", data: h.slice(6) };
  return null;
}

const hashOf = (screen) => (screen.name === "question" ? `${screen.mode === "change" ? "change" : "q"}-${screen.id}` : screen.name);

/** What a click on the wizard's links and buttons does, by the data attribute the element carries
 * (data-gt-focus → gtFocus); the first attribute listed that the element has decides. Called with the
 * wizard as `this`, the element and the event. */
const CLICKS = {
  gtFocus(el, event) {
    event.preventDefault();
    event.stopPropagation();
    const target = this.$screen.querySelector(`#${CSS.escape(el.dataset.gtFocus)}`);
    if (target) {
      target.closest(".gt-conditional")?.removeAttribute("hidden");
      target.focus();
      target.scrollIntoView({ block: "center" });
    }
  },
  gtNav(el, event) {
    if (el.tagName !== "A") return;
    event.preventDefault();
    event.stopPropagation(); // not an instant-navigation link for Material
    const screen = parseHash(`#${el.dataset.gtTo}`);
    if (screen) this.go(screen);
  },
  gtCancelChange(_el, event) {
    event.preventDefault();
    event.stopPropagation();
    this.cancelChange();
  },
  gtAddOther() {
    addOther(this);
  },
  gtRemoveOther(el) {
    removeOther(this, el);
  },
  gtGo(el, event) {
    if (!el.dataset.gtGo) return;
    event.preventDefault();
    this.go(parseHash(`#${el.dataset.gtGo}`));
  },
  gtPrint() {
    if (typeof window.print === "function") window.print();
  },
  gtShare() {
    this.share();
  },
  gtSaveImage() {
    if (this.image) saveFile(this.image.blob, W.imageFile);
  },
  gtSpeak() {
    speakTexts(screenTexts(this.$screen), this.voice);
  },
  gtCopy() {
    this.copyShare();
  },
  gtClear() {
    this.renderTools(true);
    this.$tools.querySelector("[data-gt-clear-yes]").focus();
  },
  gtClearNo() {
    this.renderTools(false);
    this.$tools.querySelector("[data-gt-clear]").focus();
  },
  gtClearYes() {
    this.state = emptyState();
    clearState();
    this.renderTools(false, W.cleared);
    this.go({ name: "question", id: FIRST, mode: "flow" });
  },
  gtRetry() {
    // Start the engine again in this page: the answers (also those a browser refuses to store) stay.
    this.engine.retry();
    if (this.screen) this.render(this.screen, true);
  },
  gtReload() {
    location.reload();
  },
};

class Wizard {
  constructor(root) {
    this.root = root;
    this.pathname = location.pathname;
    this.walker = walker;
    this.today = todayIso();
    this.state = loadState(known);
    this.engine = getEngine();
    this.screen = null;
    this.renderSeq = 0;
    this.lateConfirmed = "";
    this.baseTitle = document.title;
    this.firstRender = true;
    const ahead = this.readAhead();
    root.innerHTML = shellHtml();
    root.dataset.mounted = "true";
    root.classList.add("gt-wizard--live");
    document.documentElement.classList.add("gt-wizard-page");
    this.$screen = root.querySelector("[data-gt-screen]");
    this.$tools = root.querySelector("[data-gt-tools]");
    this.$banner = root.querySelector("[data-gt-banner]");
    this.renderTools(); // first: whatever happens next, the page says where the answers are kept
    this.where = here();
    showGuide(root.querySelector("[data-gt-where]"), this.where, { after: this.$screen });

    root.addEventListener("click", (e) => this.onClick(e));
    root.addEventListener("submit", (e) => this.onSubmit(e));
    root.addEventListener("input", (e) => this.onInput(e));
    root.addEventListener("change", (e) => this.onChange(e));
    // Keep Material's instant navigation (and its prefetching) away from the wizard's own links.
    for (const type of ["mousemove", "focusin"])
      root.addEventListener(type, (e) => e.target.closest?.("a[data-gt-nav]") && e.stopPropagation());

    this.unsubscribe = this.engine.subscribe((status) => this.onEngine(status));
    // 朗读 where the browser has a Chinese voice (speak.js); the buttons stay hidden otherwise.
    onVoice((voice) => {
      this.voice = voice;
      this.showSpeak();
    });
    this.offlineListener = () => this.showOffline();
    offline.listeners.add(this.offlineListener);
    // A result's levels are disclosures: all printed open (the browser's own print too), then as they were.
    this.openForPrint = () => {
      this.closedForPrint = [...root.querySelectorAll("details.gt-level:not([open]), details.gt-steps-more:not([open])")];
      for (const d of this.closedForPrint) d.open = true;
    };
    this.closeAfterPrint = () => {
      for (const d of this.closedForPrint || []) d.open = false;
      this.closedForPrint = [];
    };
    window.addEventListener("beforeprint", this.openForPrint);
    window.addEventListener("afterprint", this.closeAfterPrint);

    const initial = parseHash(location.hash);
    if (initial && initial.name === "share") this.openShare(initial.data);
    else this.go(initial || parseHash(this.state.screen) || { name: "question", id: FIRST, mode: "flow" }, { replace: true, focus: false });
    if (ahead) this.carryAhead(ahead);
    this.engine.start();
    // The QR code's chunk now, not when the result shows: once the engine is ready the page asks nothing more.
    import("./qr.js").catch(() => {});
    // Not where the engine cannot run: the service worker would precache it.
    const sw = () => setUpServiceWorker(new URL(BUILD.sw, import.meta.url), () => this.engine.isReady);
    if (!this.where.engine) offline.state = "unavailable";
    else if (document.readyState === "complete") sw();
    else window.addEventListener("load", sw, { once: true });
    this.showOffline();
  }

  // --- the first question built into the page (prerender.js, ahead.js) ---------------------------------
  /** What the person did on the first question shown ahead of this script, before it is replaced: the
   * choice becomes the question's draft (drawn by the first render), the focus and a pressed 继续 are kept. */
  readAhead() {
    const form = this.root.querySelector("[data-gt-ahead]:not([hidden]) form[data-gt-question]");
    if (!form || !known(form.dataset.gtQuestion)) return null;
    const id = form.dataset.gtQuestion;
    const d = this.root.dataset;
    if (d.gtTouched) this.state.drafts[id] = readQuestion(this.question(id), form);
    const ahead = {
      id,
      pending: d.gtPending === "continue",
      focused: this.root.contains(document.activeElement) ? document.activeElement.id : "",
    };
    delete d.gtTouched;
    delete d.gtPending;
    return ahead;
  }

  carryAhead(ahead) {
    if (this.screen?.name !== "question" || this.screen.id !== ahead.id) return;
    if (ahead.focused) document.getElementById(ahead.focused)?.focus({ preventScroll: true });
    if (ahead.pending) submitQuestion(this, this.$screen.querySelector("form[data-gt-question]"));
  }

  alive() {
    if (this.root.isConnected) return true;
    this.destroy();
    return false;
  }

  destroy() {
    if (this.dead) return;
    this.dead = true;
    stopSpeaking();
    this.unsubscribe?.();
    offline.listeners.delete(this.offlineListener);
    window.removeEventListener("beforeprint", this.openForPrint);
    window.removeEventListener("afterprint", this.closeAfterPrint);
    document.documentElement.classList.remove("gt-wizard-page");
  }

  save() {
    saveState(this.state);
  }

  // --- what the screens ask of the flow ----------------------------------------------------------------
  /** The walker's state of the stored answers, around `current`. */
  walk(current = null) {
    return this.walker.state(this.state.answers, this.state.skipped, current);
  }

  /** A question as shown for the stored answers (the deadline's options depend on the pathway and today). */
  question(id) {
    return this.walker.question(id, this.walker.applicable(this.state.answers), this.today);
  }

  clauseLink(id) {
    return clauseLink(BUILD.clauses, id);
  }

  setTitle(text) {
    document.title = `${text} - ${this.baseTitle}`;
  }

  focusHeading(focus) {
    const heading = this.$screen.querySelector("h1");
    if (!focus || !heading) return;
    heading.focus({ preventScroll: true });
    window.scrollTo({ top: 0 });
  }

  // --- navigation -----------------------------------------------------------------------------------
  go(screen, { replace = false, focus = true } = {}) {
    // 修改 from the check page starts a change: what the answers were, for 取消修改 (even after the
    // change led to other questions, as a switch of pathway does).
    if (screen.name === "question" && screen.mode === "change" && this.screen?.name === "check") {
      this.changeFrom = JSON.parse(JSON.stringify({ answers: this.state.answers, skipped: this.state.skipped, drafts: this.state.drafts }));
    }
    const url = `${location.pathname}${location.search}#${hashOf(screen)}`;
    if (replace) history.replaceState({ gt: hashOf(screen) }, "", url);
    else history.pushState({ gt: hashOf(screen) }, "", url);
    this.render(screen, focus);
  }

  /** Back or forward between the wizard's screens; true if it was one (see routePopState). */
  popState() {
    if (!this.alive() || location.pathname !== this.pathname) return false;
    const screen = parseHash(location.hash);
    if (!screen) return false;
    if (screen.name === "share") this.openShare(screen.data);
    else this.render(screen, true);
    return true;
  }

  /** The screen the stored answers allow: a question that does not apply (an old link, changed
   * answers) or a check page with questions still to answer leads to the next question. */
  settle(screen) {
    const st = this.walk(screen.id);
    if (screen.name === "question") {
      if (st.order.includes(screen.id)) return screen;
      return st.next ? { name: "question", id: st.next, mode: "flow" } : { name: "check" };
    }
    if (st.next) return { name: "question", id: st.next, mode: "flow" };
    return screen;
  }

  render(wanted, focus) {
    const screen = this.settle(wanted);
    if (screen !== wanted) history.replaceState({ gt: hashOf(screen) }, "", `${location.pathname}${location.search}#${hashOf(screen)}`);
    this.screen = screen;
    stopSpeaking(); // another screen: what was being read stops
    if (screen.name !== "question" || screen.mode !== "change") this.changeFrom = null; // the change is done
    this.state.screen = hashOf(screen);
    this.save();
    const seq = ++this.renderSeq;
    this.root.dataset.screen = screen.name === "question" ? `question:${screen.id}` : screen.name;
    if (!this.firstRender) fitStatus(this.root);
    if (this.engine.status.unsupported)
      this.showUnavailable(focus); // this browser can never give a result
    else if (screen.name === "question") renderQuestion(this, screen, focus);
    else if (screen.name === "check") {
      renderCheck(this, focus);
      if (!this.engine.failed) this.askResult(this.walk());
    } else this.renderResult(seq, focus);
    this.firstRender = false;
    this.showSpeak();
  }

  current(seq) {
    return seq === this.renderSeq && this.alive();
  }

  // --- result: the only screen that needs the engine --------------------------------------------------
  async renderResult(seq, focus) {
    const st = this.walk();
    if (this.engine.failed) {
      this.showUnavailable(focus);
      return;
    }
    if (!this.engine.isReady) {
      this.$screen.innerHTML = waitingHtml();
      showWaiting(this.$screen, this.engine.status);
      this.setTitle(W.resultTitle);
      this.focusHeading(focus);
    }
    performance.mark?.("gt-result-asked");
    const reply = await this.askResult(st);
    performance.mark?.("gt-result-replied");
    if (!this.current(seq)) return;
    if (!reply.ok && reply.error.unavailable) {
      this.showUnavailable(true);
      return;
    }
    if (!reply.ok && reply.error.kind === "answer") {
      // The engine found what the page did not check: the person lands on that question with its message.
      const q = this.question(known(reply.error.question) ? reply.error.question : FIRST);
      this.go({ name: "question", id: q.id, mode: "change" }, { replace: true });
      const field = fieldFor(q, st.answers[q.id], st.skipped.includes(q.id), reply.error.key);
      showErrors(this, q, [{ field, message: reply.error.question === q.id ? reply.error.problem : reply.error.message }]);
      return;
    }
    if (!reply.ok) {
      this.$screen.innerHTML = `<h1 class="gt-heading" id="gt-heading" tabindex="-1">${esc(W.resultTitle)}</h1><p class="gt-loading">${esc(W.engineError(reply.error.message))}</p>`;
      return;
    }
    this.lastResult = { answers: reply.value.answers, skipped: st.skipped };
    this.$screen.innerHTML = resultHtml(reply.value, { policyPage: PAGES.policy, where: this.where });
    this.showSpeak();
    performance.mark?.("gt-result-shown");
    this.setTitle(W.resultTitle);
    this.focusHeading(focus || !this.engine.timings.ready || performance.now() - this.engine.timings.ready < 1000);
    // The QR code and the result image after the result is on screen (drawing them is the slowest part of
    // the page on a phone).
    requestAnimationFrame(() => setTimeout(() => this.current(seq) && this.drawKeepsakes(seq, reply.value)));
  }

  /** The share link's QR code, then the result image with the same code (card.js). */
  async drawKeepsakes(seq, data) {
    const url = await this.shareUrl();
    if (!this.current(seq)) return;
    const qr = await showQr(this.$screen, url);
    if (!this.current(seq)) return;
    this.image = await showCard(this.$screen, data, qr.qrMatrix(url), this.today);
    if (this.image) performance.mark?.("gt-image-shown", { detail: { ms: this.image.ms, bytes: this.image.blob.size } });
  }

  /** The engine's result for these answers: asked once, and already on its way when the check page
   * shows (so that 查看结果 finds it ready). */
  askResult(st) {
    const payload = { answers: st.answers, skipped: st.skipped, today: this.today };
    const key = JSON.stringify(payload);
    if (this.asked?.key !== key) this.asked = { key, reply: this.engine.call("result", payload) };
    const { reply } = this.asked;
    reply.then((r) => {
      if (!r.ok && this.asked?.reply === reply) this.asked = null; // an error or a failed engine: ask again next time
    });
    return reply;
  }

  showUnavailable(focus) {
    this.root.dataset.screen = "unavailable";
    this.$screen.innerHTML = unavailableHtml(this.engine.status, PAGES);
    this.setTitle(W.unavailablePageTitle);
    this.focusHeading(focus && !this.firstRender);
  }

  // --- engine status ----------------------------------------------------------------------------------
  onEngine(status) {
    if (this.dead) return;
    showStatus(this.root, status, offline.state === "ready");
    if (status.stage === "fatal" && status.unsupported) this.showUnavailable(!this.firstRender);
    else if (this.screen?.name === "result") {
      if (status.stage === "fatal") this.showUnavailable(true);
      else if (status.stage !== "ready") showWaiting(this.$screen, status);
    }
    if (status.stage === "ready") checkOffline();
  }

  showOffline() {
    if (this.dead) return;
    this.root.dataset.offline = offline.state;
    showStatus(this.root, this.engine.status, offline.state === "ready");
    if (offline.updated) {
      this.$banner.hidden = false;
      this.$banner.innerHTML = `<p>${esc(W.updated)}</p><button type="button" class="gt-button gt-button--secondary" data-gt-reload>${esc(W.reload)}</button>`;
    }
  }

  // --- events ---------------------------------------------------------------------------------------
  onSubmit(event) {
    const form = event.target.closest("form[data-gt-question]");
    if (!form) return;
    event.preventDefault();
    submitQuestion(this, form);
  }

  onInput(event) {
    const form = event.target.closest("form[data-gt-question]");
    if (!form) return;
    if (event.target.matches?.(".gt-input--date")) showUnderstood(event.target);
    clearTimeout(this.draftTimer);
    this.draftTimer = setTimeout(() => {
      if (!form.isConnected) return;
      const q = this.question(form.dataset.gtQuestion);
      this.state.drafts[q.id] = readQuestion(q, form);
      this.save();
    }, 250);
  }

  onChange(event) {
    const form = event.target.closest("form[data-gt-question]");
    if (!form) return;
    controlChanged(form, event.target);
    this.onInput(event);
  }

  onClick(event) {
    const el = event.target.closest("a, button");
    if (!el || !this.root.contains(el)) return;
    const key = Object.keys(CLICKS).find((name) => el.dataset[name] !== undefined);
    if (key) CLICKS[key].call(this, el, event);
  }

  showSpeak() {
    for (const button of this.$screen?.querySelectorAll("[data-gt-speak]") ?? []) button.hidden = !this.voice;
    for (const note of this.$screen?.querySelectorAll("[data-gt-speak-missing]") ?? []) note.hidden = Boolean(this.voice);
  }

  /** 取消修改: the answers as they were when the change began, and the check page. */
  cancelChange() {
    if (this.changeFrom) {
      Object.assign(this.state, this.changeFrom);
      this.changeFrom = null;
      this.save();
    }
    this.go({ name: "check" });
  }

  renderTools(confirming = false, note = "") {
    this.$tools.innerHTML = toolsHtml({ confirming, note, stored: Boolean(storage) });
  }

  // --- share links ----------------------------------------------------------------------------------
  /** The link to these answers (compact where the browser can deflate: store.js). */
  async shareUrl() {
    const { answers, skipped } = this.lastResult || this.walk();
    return `${location.origin}${location.pathname}#share=${await encodeShareCompact(answers, skipped)}`;
  }

  /** 分享结果链接: the system's share sheet where there is one (not inside an app, which has its own), else
   * the link copied; where the clipboard is refused, the link shown to select by hand. */
  async share() {
    const url = await this.shareUrl();
    if (this.where.caps.webShare && !this.where.inApp) {
      try {
        await navigator.share({ title: W.shareTitle, url });
        return;
      } catch (err) {
        if (err && err.name === "AbortError") return; // the person closed the sheet
      }
    }
    const box = this.$screen.querySelector("[data-gt-share-box]");
    if (!box) return;
    box.hidden = false;
    box.querySelector("input").value = url;
    await this.copyShare();
  }

  async copyShare() {
    const box = this.$screen.querySelector("[data-gt-share-box]");
    const input = box.querySelector("input");
    let copied = false;
    try {
      await navigator.clipboard.writeText(input.value);
      copied = true;
    } catch {
      input.focus();
      input.select();
      try {
        copied = document.execCommand("copy");
      } catch {
        copied = false;
      }
    }
    box.querySelector("[data-gt-share-note]").textContent = copied ? W.copied : W.notCopied;
    // Refused: the link as text too, which a long press selects where a read-only field would not.
    const link = box.querySelector("[data-gt-share-link]");
    link.textContent = input.value;
    link.hidden = copied;
  }

  async openShare(data) {
    const shared = await decodeShareAny(data, known);
    if (this.dead) return;
    if (!shared) {
      this.go({ name: "question", id: FIRST, mode: "flow" }, { replace: true, focus: false });
      this.renderTools(false, W.shareBroken);
      return;
    }
    this.state = { answers: shared.answers, skipped: shared.skipped, drafts: {}, screen: "result" };
    this.save();
    this.renderTools(false, W.shareOpened);
    this.go({ name: "result" }, { replace: true, focus: false });
  }
}

// --- mounting ----------------------------------------------------------------------------------------
const live = new Set();
function mountAll() {
  for (const wizard of live) if (!wizard.alive()) live.delete(wizard);
  const root = document.getElementById("gt-wizard");
  if (!root || root.dataset.mounted) return;
  live.add(new Wizard(root));
}

// Back and forward between the wizard's screens change only the fragment. Material's instant navigation
// also listens to popstate and, on the first one after a direct load, fetches the page again and
// replaces it. The wizard page carries a tiny inline script that runs before Material's bundle and
// registers the first popstate listener, which calls this and stops the event when the wizard took it.
function routePopState() {
  for (const wizard of live) if (wizard.popState()) return true;
  return false;
}
window.guantongWizardPop = routePopState;
if (!window.guantongWizardPopInstalled) {
  // Without the inline script (another page template): listen here, after Material.
  window.guantongWizardPopInstalled = true;
  window.addEventListener("popstate", (event) => {
    if (routePopState()) event.stopImmediatePropagation();
  });
}

// Test and measurement hooks (no effect on the page).
window.guantongWizard = {
  get engine() {
    return getEngine();
  },
  call: (op, payload) => getEngine().call(op, payload),
  build: { version: BUILD.version, policyVersion: BUILD.policyVersion },
};

// Material's document$ emits on load and after every instant navigation. On the wizard page this script
// also runs early (an async module right after <div id="gt-wizard">, see build_scripts/wizard/scripts.py add_page_parts),
// before Material's bundle has run: it mounts at once, and subscribes to document$ once it exists.
// When the first question is already on the page (built ahead, prerender.js), it is painted first and
// mounted after that frame: on a phone, mounting before it would hold the question off the screen.
if (document.querySelector("#gt-wizard:not([data-mounted]) [data-gt-ahead]:not([hidden])"))
  requestAnimationFrame(() => setTimeout(mountAll));
else mountAll();
onEveryPage(mountAll);

export { parseCount, parseDate } from "./answers/parse.js";
