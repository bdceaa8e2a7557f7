/* 关怀模式 before the first paint: on every page, inline in the head (overrides/main.html), the mode this
   device remembered (app/care.js), so a page opens large at once, with no flash and no layout shift.
   Bundled by esbuild as ES5; its text names nothing that changes, so its hash in the Content Security
   Policy stays the same. wizard/src/care-head.js */
import { CARE_ATTR, careStored } from "./app/care.js";

(function () {
  var storage = null;
  try {
    storage = window.localStorage;
  } catch (e) {
    storage = null;
  }
  if (storage && careStored(storage)) document.documentElement.setAttribute(CARE_ATTR, "");
})();
