/* 申报条件自测: start the engine's worker before the wizard's script has run (wizard.js adopts it and
   replays what it said meanwhile). On a repeat visit (the service worker answers from its caches) at once;
   on a first visit wizard.js starts it when it shows the first question, or this does once the document is
   parsed, if that comes first: the engine's megabytes should not share a slow connection with what the
   first question needs. Its text names no file (the worker's name is in the <meta> before it), so its
   hash in the Content Security Policy stays the same from one build to the next. wizard/src/start.js */
(function () {
  var meta = document.querySelector('meta[name="guantong-worker"]');
  function go() {
    try {
      if (window.guantongEarlyWorker !== undefined) return;
      window.guantongEarlyWorker = null;
      if (!meta || typeof WebAssembly !== "object" || typeof Worker !== "function") return;
      var src = new URL(meta.content, document.baseURI).href;
      var worker = new Worker(src, { type: "module", name: JSON.stringify({ pageOrigin: performance.timeOrigin }) });
      var early = { worker: worker, src: src, queue: [] };
      worker.onmessage = function (event) { early.queue.push({ data: event.data }); };
      worker.onerror = function (event) {
        if (event.preventDefault) event.preventDefault();
        early.queue.push({ error: event.message || "" });
      };
      window.guantongEarlyWorker = early;
    } catch (err) {
      /* wizard.js starts the worker itself and says what went wrong */
    }
  }
  if (navigator.serviceWorker && navigator.serviceWorker.controller) go();
  else document.addEventListener("readystatechange", go, { once: true });
})();
