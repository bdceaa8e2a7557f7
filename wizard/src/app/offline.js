// The service worker (sw.js at the site's root, scope the whole site): the wizard, the engine and Pyodide
// kept for offline use with the pages the wizard links to, and the word when a new deployment has
// replaced them. Only the wizard registers it.

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
