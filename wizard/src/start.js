/* 申报条件自测: first, whether this browser can run the engine at all (app/support.js: the features the
   shipped Pyodide needs, listed by the build in <meta name="guantong-needs">), before anything is
   downloaded; where it cannot, the page says so (ahead.js, main.js) and no worker starts. Then start the
   engine's worker before the wizard's script has run (wizard.js adopts it and replays what it said
   meanwhile). On a repeat visit (the service worker answers from its caches, or the engine ran here
   before: its files are in the HTTP cache) at once; on a first visit
   wizard.js starts it when it shows the first question, or this does once the document is parsed, if
   that comes first: the engine's megabytes should not share a slow connection with what the first
   question needs. Bundled by esbuild as ES5, inline in the wizard page's head; its text names no file
   (the worker's name and the list are in <meta>s before it), so its hash in the Content Security Policy
   stays the same from one build to the next. wizard/src/start.js */
import { missing } from "./app/support.js";

(function () {
  var meta = document.querySelector('meta[name="guantong-worker"]');
  var needs = document.querySelector('meta[name="guantong-needs"]');
  var gaps = [];
  try {
    gaps = missing(window, needs ? JSON.parse(needs.content) : []);
  } catch (err) {
    gaps = ["webAssembly"];
  }
  if (gaps.length) {
    document.documentElement.setAttribute("data-gt-unsupported", gaps.join(" "));
    window.guantongEarlyWorker = null;
    return;
  }
  function go() {
    try {
      if (window.guantongEarlyWorker !== undefined) return;
      window.guantongEarlyWorker = null;
      if (!meta) return;
      var src = new URL(meta.content, document.baseURI).href;
      // No Cache Storage in the page (WeChat's WKWebView): the worker keeps nothing there either (engine.js).
      var options = { pageOrigin: performance.timeOrigin, noCache: typeof caches !== "object" || !caches };
      var worker = new Worker(src, { type: "module", name: JSON.stringify(options) });
      var early = { worker: worker, src: src, queue: [] };
      worker.onmessage = function (event) {
        early.queue.push({ data: event.data });
      };
      worker.onerror = function (event) {
        if (event.preventDefault) event.preventDefault();
        early.queue.push({ error: event.message || "" });
      };
      window.guantongEarlyWorker = early;
    } catch (err) {
      /* wizard.js starts the worker itself and says what went wrong */
    }
  }
  // A repeat visit: the service worker answers, or (without one, as in WeChat) this browser ran the engine
  // before (engine.js's ENGINE_SEEN_KEY) and its HTTP cache has the files.
  var seen = false;
  try {
    seen = window.localStorage.getItem("guantong-engine:v1") === "ready";
  } catch (err) {
    seen = false;
  }
  if ((navigator.serviceWorker && navigator.serviceWorker.controller) || seen) go();
  else document.addEventListener("readystatechange", go, { once: true });
})();
