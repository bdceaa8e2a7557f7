// Service worker of the wizard (scope: the wizard/ directory). Built by build_scripts/wizard_bundle.py into
// site/wizard/sw.js with the placeholder below replaced by the build's lists and cache names, so any change to
// what it precaches changes this file, and the browser installs the new version.
//
// - shell cache ("guantong-wizard-shell-<hash of its contents>"): the wizard page, Material's CSS and JS
//   that page uses, the wizard's script, style, worker and engine zip, pyodide.mjs; precached on install.
// - engine cache ("guantong-wizard-pyodide-<hash>"): pyodide.asm.mjs, pyodide.asm.wasm,
//   python_stdlib.zip. The page's worker fills it while it downloads them (once, with progress); this
//   worker fills any gap on fetch. It survives deployments that do not change Pyodide.
// - snapshot cache ("guantong-wizard-snapshot-<hash>"): Python's memory after the first boot, written and
//   read by the page's worker (worker.mjs) for this build's Pyodide and engine; never fetched.
// On activation every other "guantong-wizard-*" cache is deleted: nobody keeps stale rules.
//
// Everything in the two lists is served cache-first (the names are versioned by content); anything else
// goes to the network as usual.

const SW = __GUANTONG_SW__;
const PREFIX = "guantong-wizard-";
const abs = (url) => new URL(url, self.location.href).href;
const SHELL = new Map(SW.shell.map((url) => [abs(url), url]));
const ENGINE = new Set(SW.engine.map(abs));
const PAGE = abs("./");
const PAGE_ALIASES = new Set([PAGE, abs("./index.html")]);

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(SW.shellCache);
      const missing = [];
      for (const url of SHELL.keys()) if (!(await cache.match(url))) missing.push(url);
      // "no-cache": revalidate with the server, so nothing stale comes from the HTTP cache.
      await cache.addAll(missing.map((url) => new Request(url, { cache: "no-cache" })));
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      const keep = new Set([SW.shellCache, SW.engineCache, SW.snapshotCache]);
      for (const name of await caches.keys()) {
        if (name.startsWith(PREFIX) && !keep.has(name)) await caches.delete(name);
      }
      await self.clients.claim();
    })(),
  );
});

async function fromCache(cacheName, url, request, store) {
  const cache = await caches.open(cacheName);
  const hit = await cache.match(url);
  if (hit) return hit;
  const response = await fetch(request);
  if (store && response.ok) await cache.put(url, response.clone());
  return response;
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  url.hash = "";
  url.search = "";
  const key = url.href;
  if (request.mode === "navigate") {
    if (PAGE_ALIASES.has(key)) event.respondWith(fromCache(SW.shellCache, PAGE, request, false));
    return;
  }
  if (ENGINE.has(key)) event.respondWith(fromCache(SW.engineCache, key, request, true));
  else if (SHELL.has(key)) event.respondWith(fromCache(SW.shellCache, key, request, false));
});

// The page asks whether everything needed offline is stored.
self.addEventListener("message", (event) => {
  if (!event.data || event.data.type !== "guantong-status" || !event.ports[0]) return;
  event.waitUntil(
    (async () => {
      const shell = await caches.open(SW.shellCache);
      const engine = await caches.open(SW.engineCache);
      let complete = true;
      for (const url of SHELL.keys()) if (!(await shell.match(url))) complete = false;
      for (const url of ENGINE) if (!(await engine.match(url))) complete = false;
      event.ports[0].postMessage({ version: SW.version, complete });
    })(),
  );
});
