// Service worker of the site (scope: the whole site), registered by the wizard page only: visitors who
// never open the wizard never download the engine. Built by build_scripts/wizard/bundle.py into site/sw.js
// with the placeholder below replaced by the build's lists and cache names, so any change to what it
// precaches changes this file, and the browser installs the new version.
//
// - shell cache ("guantong-wizard-shell-<hash of its contents>"): the wizard page, its script, style,
//   worker and engine zip, pyodide.mjs; and what the wizard links to, offline after one visit: the
//   notice, both pathway pages, FAQ, glossary, contact, privacy and home, with Material's CSS and JS they
//   load, the search index and search worker; precached on install.
// - engine cache ("guantong-wizard-pyodide-<hash>"): pyodide.asm.mjs, pyodide.asm.wasm,
//   python_stdlib.zip. The page's worker fills it while it downloads them (once, with progress); this
//   worker fills any gap on fetch. It survives deployments that do not change Pyodide.
// - snapshot cache ("guantong-wizard-snapshot-<hash>"): Python's memory after the first boot, written and
//   read by the page's worker (worker/store.mjs) for this build's Pyodide and engine; never fetched.
// - pages cache ("guantong-wizard-pages-<version>"): every other page of the site and what it loads, kept
//   as they are visited (from the network when online, from here when not); a page never kept, opened
//   offline, gets offline/ (precached with the shell): a Chinese page linking to what is kept.
// On activation every other "guantong-wizard-*" cache is deleted: nobody keeps stale rules or pages.
//
// The two lists are served cache-first (their content is versioned by the build); other pages of the
// site network-first.

const SW = __GUANTONG_SW__;
const PREFIX = "guantong-wizard-";
const abs = (url) => new URL(url, self.location.href).href;
const SHELL = new Map(SW.shell.map((url) => [abs(url), url]));
const ENGINE = new Set(SW.engine.map(abs));
const SCOPE = abs("./");

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
      const keep = new Set([SW.shellCache, SW.engineCache, SW.snapshotCache, SW.pagesCache]);
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

/** Other pages of the site: from the network (kept for later), else what was kept; a page never kept,
 * offline, gets the site's own Chinese page saying so, with links to what is kept (not the browser's
 * English error page). */
async function fromNetwork(key, request) {
  const cache = await caches.open(SW.pagesCache);
  try {
    const response = await fetch(request);
    if (response.ok && response.type === "basic") await cache.put(key, response.clone());
    return response;
  } catch (err) {
    const hit = await cache.match(key);
    if (hit) return hit;
    if (request.mode === "navigate" && SW.offline) {
      const page = await (await caches.open(SW.shellCache)).match(abs(SW.offline));
      if (page) return page;
    }
    throw err;
  }
}

/** A page's URL as the lists name it: "policy/index.html" is "policy/". */
function keyOf(url) {
  url.hash = "";
  url.search = "";
  if (url.pathname.endsWith("/index.html")) url.pathname = url.pathname.slice(0, -"index.html".length);
  return url.href;
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || !request.url.startsWith(SCOPE)) return;
  const key = keyOf(new URL(request.url));
  if (ENGINE.has(key)) event.respondWith(fromCache(SW.engineCache, key, request, true));
  else if (SHELL.has(key)) event.respondWith(fromCache(SW.shellCache, key, request, false));
  else if (request.mode === "navigate" || request.destination) event.respondWith(fromNetwork(key, request));
});

// A page that is not in the lists (the batch page, which the wizard's first visit does not download) asks
// to keep itself and what it loads in the pages cache, for use offline; the reply says when it is done.
self.addEventListener("message", (event) => {
  if (event.data?.type !== "guantong-keep" || !event.ports[0]) return;
  event.waitUntil(
    (async () => {
      const cache = await caches.open(SW.pagesCache);
      let kept = 0;
      for (const url of event.data.urls || []) {
        if (typeof url !== "string" || !url.startsWith(SCOPE)) continue;
        const key = keyOf(new URL(url));
        if (SHELL.has(key) || ENGINE.has(key) || (await cache.match(key))) {
          kept += 1;
          continue;
        }
        try {
          const response = await fetch(key, { cache: "no-cache" });
          if (response.ok) {
            await cache.put(key, response);
            kept += 1;
          }
        } catch {
          // offline now: kept the next time
        }
      }
      event.ports[0].postMessage({ kept });
    })(),
  );
});

// The page asks whether everything needed offline is stored.
self.addEventListener("message", (event) => {
  if (event.data?.type !== "guantong-status" || !event.ports[0]) return;
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
