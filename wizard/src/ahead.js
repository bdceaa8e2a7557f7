/* 申报条件自测: the first question is in this page's HTML (and the screen for a browser that cannot run
   the engine), built ahead (wizard/src/app/prerender.js) and
   hidden, so that a browser that cannot run the wizard shows the fallback instead. This shows it before
   the first paint when the wizard will open on it (no other screen in the link, nothing stored for it),
   so the question does not wait for the page script: choices work at once, and a 继续 pressed before the
   script has mounted is kept and handled when it does (main.js, carryAhead). Filled in by
   build_scripts/wizard/bundle.py; inline in the page, after the markup. wizard/src/ahead.js */
(function () {
  "use strict";
  var first = __GUANTONG_FIRST__;
  var root = document.getElementById("gt-wizard");
  var ahead = root && root.querySelector("[data-gt-ahead]");
  if (!ahead || root.dataset.mounted) return;
  // A browser that cannot run the engine (start.js tested it, before any download): say so at once, with
  // the condition tables, whatever the link asked for.
  var tooOld = root.querySelector("[data-gt-too-old]");
  if (tooOld && document.documentElement.hasAttribute("data-gt-unsupported")) {
    tooOld.hidden = false;
    root.classList.add("gt-wizard--live");
    root.dataset.screen = "unavailable";
    return;
  }
  var hash = location.hash.replace(/^#/, "");
  if (hash && hash !== "q-" + first) return;
  var saved = null;
  try {
    saved = JSON.parse(window.localStorage.getItem(__GUANTONG_STORE_KEY__) || "null");
  } catch (e) {
    saved = null;
  }
  if (saved && typeof saved === "object") {
    var has = function (o) {
      return o && typeof o === "object" && Object.prototype.hasOwnProperty.call(o, first);
    };
    if ((saved.screen && saved.screen !== "q-" + first) || has(saved.answers) || has(saved.drafts)) return;
    if (Array.isArray(saved.skipped) && saved.skipped.indexOf(first) >= 0) return;
  }
  ahead.hidden = false;
  var care = document.documentElement.hasAttribute("data-gt-care") ? "true" : "false";
  var switches = ahead.querySelectorAll("[data-gt-care-switch]");
  for (var i = 0; i < switches.length; i++) switches[i].setAttribute("aria-pressed", care);
  root.classList.add("gt-wizard--live");
  document.documentElement.classList.add("gt-wizard-page");
  var touched = function () {
    if (!root.dataset.mounted) root.dataset.gtTouched = "true";
  };
  root.addEventListener("input", touched);
  root.addEventListener("change", touched);
  root.addEventListener("submit", function (event) {
    if (root.dataset.mounted) return;
    event.preventDefault();
    root.dataset.gtPending = "continue";
  });
})();
