// The service worker (sw.js at the site's root, scope the whole site): the wizard, the engine and Pyodide
// kept for offline use with the pages the wizard links to, and the word when a new deployment has
// replaced them. The wizard, the batch page and the staff page register it.

import { showStatus } from "./screens/status.js";

export const offline = { state: "pending", listeners: new Set(), hadController: false, updated: false, started: false };

function changed(state) {
  if (state) offline.state = state;
  for (const listener of offline.listeners) listener();
}

/** Register the service worker once per document; `isReady` says whether the engine has booted. */
export async function setUpServiceWorker(swUrl, isReady) {
  if (offline.started) return;
  offline.started = true;
  offline.isReady = isReady;
  if (!("serviceWorker" in navigator) || !window.isSecureContext) {
    changed("unavailable");
    return;
  }
  offline.hadController = Boolean(navigator.serviceWorker.controller);
  navigator.serviceWorker.addEventListener("controllerchange", () => {
    if (offline.hadController) {
      offline.updated = true;
      changed();
    }
    offline.hadController = true;
    checkOffline();
  });
  try {
    const scope = new URL("./", swUrl).href;
    // Earlier deployments registered a worker for wizard/ only; a narrower scope would keep the wizard.
    for (const old of await navigator.serviceWorker.getRegistrations()) if (old.scope !== scope) await old.unregister();
    await navigator.serviceWorker.register(swUrl, { scope, updateViaCache: "none" });
  } catch {
    changed("unavailable");
    return;
  }
  checkOffline();
}

let timer = null;
/** Ask the service worker whether everything is stored; again every second until it is. */
export async function checkOffline() {
  clearTimeout(timer);
  if (offline.state === "ready" || offline.state === "unavailable" || !offline.started) return;
  const controller = navigator.serviceWorker.controller;
  if (controller && offline.isReady?.()) {
    const status = await new Promise((resolve) => {
      const channel = new MessageChannel();
      const wait = setTimeout(() => resolve(null), 3000);
      channel.port1.onmessage = ({ data }) => {
        clearTimeout(wait);
        resolve(data);
      };
      controller.postMessage({ type: "guantong-status" }, [channel.port2]);
    });
    if (status?.complete) {
      changed("ready");
      return;
    }
  }
  timer = setTimeout(checkOffline, 1000);
}

/** Ask the service worker to keep a page it does not list (the batch and staff pages: a wizard visit does
 * not download them) and what that page loads, plus `urls`, so the page opens offline next time; `root`
 * gets data-kept (how many are kept) when it is done. The engine's files are the worker's own. */
export async function keepPage(root, urls = []) {
  if (!("serviceWorker" in navigator)) return;
  try {
    const registration = await navigator.serviceWorker.ready;
    const all = [
      location.href,
      ...[...document.querySelectorAll("script[src], link[rel='stylesheet'][href], link[rel='icon'][href]")].map((el) => el.src || el.href),
      ...urls,
    ];
    await new Promise((resolve) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = ({ data }) => {
        root?.setAttribute("data-kept", String(data?.kept ?? 0));
        resolve();
      };
      registration.active?.postMessage({ type: "guantong-keep", urls: all }, [channel.port2]);
    });
  } catch {
    // no offline copy this time
  }
}

/** A tool page (单位批量自测, 数据检查与预览) on the wizard's engine and service worker: its status line follows
 * the engine; once the page has loaded, the service worker is registered and keeps the page, what it
 * loads and `urls` for offline use. Returns the engine's unsubscribe. */
export function offlineToolPage(root, engine, { where, swUrl, urls, goOn }) {
  const status = () => showStatus(root, engine.status, offline.state === "ready", goOn);
  const unsubscribe = engine.subscribe((s) => {
    status();
    if (s.stage === "ready") checkOffline();
  });
  offline.listeners.add(status);
  const sw = () => {
    setUpServiceWorker(swUrl, () => engine.isReady);
    keepPage(root, urls);
  };
  if (!where.engine)
    offline.state = "unavailable"; // the service worker would precache the engine
  else if (document.readyState === "complete") sw();
  else window.addEventListener("load", sw, { once: true });
  return unsubscribe;
}
