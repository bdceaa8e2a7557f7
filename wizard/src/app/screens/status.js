// The engine's status line above every screen: how much of the engine is still to download (bytes on the
// wire), that questions go on meanwhile, 重试 after a failure, and 已可离线使用 once everything is stored.
import { esc } from "../html.js";
import { W } from "../words.js";

export const mb = (bytes) => (bytes / 1048576).toFixed(1);

/** The download's figures as shown, in MB with one decimal: {done, total, left} that add up (done + left
 * = total as printed), done never shown as all while bytes are still to come. */
export function progressMb(loaded, total) {
  const tenth = 1048576 / 10;
  const all = Math.round(total / tenth);
  let done = loaded >= total ? all : Math.min(all, Math.floor(Math.max(0, loaded) / tenth));
  if (loaded < total && done === all && all > 0) done = all - 1;
  const fmt = (tenths) => (tenths / 10).toFixed(1);
  return { done: fmt(done), total: fmt(all), left: fmt(all - done), leftTenths: all - done };
}

/** The status line's markup; with `d` (describeStatus) already showing it, as the page built ahead has it. */
export function statusShell(d = null) {
  const bar = d ? !d.bar : false;
  return `
<div class="gt-engine gt-noprint" data-gt-engine>
  <p class="gt-engine__text" role="status" aria-live="polite" data-gt-engine-text><span class="gt-engine__long" data-gt-engine-long>${d ? esc(d.text) : ""}</span><span class="gt-engine__short" data-gt-engine-short>${d ? esc(d.short) : ""}</span></p>
  <div class="gt-engine__bar" data-gt-engine-bar${bar ? " hidden" : ""}><progress max="100" value="${d?.pct ?? 0}" aria-label="${esc(W.progressLabel)}">${d ? `${d.pct ?? 0}%` : ""}</progress><span class="gt-engine__bytes" data-gt-engine-bytes>${esc(d?.bytes ?? "")}</span></div>
  <button type="button" class="gt-button gt-button--secondary gt-engine__retry" data-gt-retry hidden>${esc(W.retry)}</button>
</div>`;
}

/** The status line's words and progress for the engine's status (and whether the site is offline-ready);
 * `goOn` says what the person can do meanwhile (the wizard's questions; the batch page has its own words). */
export function describeStatus(status, offlineReady, goOn = W.questionsGoOn) {
  const pct = status.total ? Math.min(100, Math.floor((status.loaded / status.total) * 100)) : 0;
  const d = describe(status, offlineReady, goOn, pct);
  // 关怀模式 shows one short line (care.css): the stage, and how far along.
  return { ...d, short: d.short ?? W.stageShort(d.stageText ?? W.stage[status.stage] ?? W.stage.start, d.bar ? d.pct : null) };
}

function describe(status, offlineReady, goOn, pct) {
  switch (status.stage) {
    case "ready":
      return {
        text: `${W.stage.ready}${offlineReady ? W.offlineReady : ""}。`,
        bar: false,
        short: `${W.stage.ready}${offlineReady ? W.offlineReady : ""}。`,
      };
    case "fatal":
      return {
        text: `${W.stage.fatal}（${status.message}）。${goOn}`,
        bar: false,
        retry: !status.unsupported,
        short: `${W.stage.fatal}。`,
      };
    case "idle":
      return { text: `${W.stage.idle}（${W.aboutSize(mb(status.total))}）。${goOn}`, bar: true, pct: 0, bytes: "" };
    case "download": {
      if (!status.total && status.cached) return { text: `${W.stage.cache}……`, bar: true, pct: 100, bytes: "", stageText: W.stage.cache };
      const shown = progressMb(status.loaded, status.total);
      return {
        text: `${W.stage.download}（${W.aboutSize(shown.total)}）。${goOn}`,
        bar: true,
        pct,
        bytes: W.bytes(shown.done, shown.total) + (shown.leftTenths > 0 ? W.remaining(shown.left) : ""),
      };
    }
    default:
      return { text: `${W.stage[status.stage] || W.stage.start}……`, bar: true, pct: 100, bytes: "" };
  }
}

/** After the person's own step to another screen, the status box takes its own height again. */
export function fitStatus(root) {
  const box = root.querySelector("[data-gt-engine]");
  if (!box) return;
  box.style.minHeight = "";
  // Ready when a new screen comes: nothing left to say (关怀模式 then gives its line to the question).
  if (box.dataset.stage === "ready") box.dataset.settled = "";
}

export function showStatus(root, status, offlineReady, goOn = W.questionsGoOn) {
  const box = root.querySelector("[data-gt-engine]");
  const text = box.querySelector("[data-gt-engine-long]");
  const short = box.querySelector("[data-gt-engine-short]");
  const bar = box.querySelector("[data-gt-engine-bar]");
  const retry = box.querySelector("[data-gt-retry]");
  const d = describeStatus(status, offlineReady, goOn);
  root.dataset.engine = status.stage === "ready" ? "ready" : status.stage === "fatal" ? "fatal" : "loading";
  box.dataset.stage = status.stage;
  // The box does not shrink while a screen is shown: what is below it (the question, its choices) would
  // move up under the person's finger when the engine gets ready. A new screen lets it fit (fitStatus).
  const resized = text.textContent !== d.text || bar.hidden !== !d.bar || retry.hidden !== !d.retry;
  const before = resized ? box.offsetHeight : 0;
  if (text.textContent !== d.text) text.textContent = d.text;
  if (short.textContent !== d.short) short.textContent = d.short;
  bar.hidden = !d.bar;
  retry.hidden = !d.retry;
  if (before && box.offsetHeight < before) box.style.minHeight = `${before}px`;
  if (d.bar) {
    const progress = bar.querySelector("progress");
    progress.value = d.pct;
    progress.textContent = `${d.pct}%`;
    bar.querySelector("[data-gt-engine-bytes]").textContent = d.bytes;
  }
  return d;
}
