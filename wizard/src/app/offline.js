// The service worker (sw.js, scope wizard/): the wizard, the engine and Pyodide kept for offline use,
// and the word when a new deployment has replaced them.

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
    await navigator.serviceWorker.register(swUrl, { scope: new URL("./", swUrl), updateViaCache: "none" });
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
    if (status && status.complete) {
      changed("ready");
      return;
    }
  }
  timer = setTimeout(checkOffline, 1000);
}
