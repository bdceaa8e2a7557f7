// The worker's shared context: the build's constants, the options the page gives, the boot's milestones.
// Built with the other worker modules into site/wizard/assets/worker.<hash>.mjs (esbuild, bundle.py), where
// __GUANTONG_WORKER__ is replaced with the build's constants (file names, sizes, the Pyodide lock's `info`,
// the caches' names, the batch bridge's operations). Runtime options come in the worker's `name` (a JSON
// object), never in a query string: a service worker drops the query string of a worker script.
export const BUILD = __GUANTONG_WORKER__;
export const OPTIONS = (() => {
  try {
    return JSON.parse(self.name || "{}");
  } catch {
    return {};
  }
})();
const t0 = performance.now();
export const ms = () => Math.round(performance.now() - t0);
// Milestones of the boot, in ms since the page's navigation started (reported with "ready").
export const marks = {};
export const mark = (name) => {
  marks[name] = Math.round(performance.timeOrigin + performance.now() - (OPTIONS.pageOrigin ?? performance.timeOrigin));
};
mark("worker");
export const url = (path) => new URL(path, import.meta.url).href;
