/* 申报条件自测: the engine's preload hints, added at the end of the head, where the page's own hints (its
   script, Material's) come first, and only when start.js found that this browser can run the engine: a
   browser that cannot downloads nothing of it. The hints are in <meta name="guantong-preload"> (rel, href,
   fetchpriority); this text names no file, so its hash in the Content Security Policy stays the same.
   Inline in the wizard page's head, after the hints. wizard/src/preload.js */
(function () {
  var meta = document.querySelector('meta[name="guantong-preload"]');
  if (!meta || document.documentElement.hasAttribute("data-gt-unsupported")) return;
  var hints = JSON.parse(meta.content);
  for (var i = 0; i < hints.length; i++) {
    var link = document.createElement("link");
    link.rel = hints[i][0];
    link.href = hints[i][1];
    if (hints[i][0] === "preload") {
      link.as = "fetch";
      link.crossOrigin = "anonymous";
    }
    if (hints[i][2]) link.setAttribute("fetchpriority", hints[i][2]);
    document.head.appendChild(link);
  }
})();
