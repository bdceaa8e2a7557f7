/* On every page of the site: load the wizard's script only where the page has <div id="gt-wizard"> (a
   direct visit, or Material's instant navigation to the wizard), so that the other pages neither
   download nor parse it. The wizard page also names the script itself, early (wizard_bundle.add_page_parts);
   a module runs once however often it is imported. Built into site/wizard/assets/loader.<hash>.js with
   the script's name filled in. wizard/src/loader.js */
(function () {
  "use strict";
  var script = __GUANTONG_LOADER__;
  var src = new URL(script, document.currentScript.src).href;
  function check() {
    if (document.getElementById("gt-wizard")) import(src);
  }
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(check);
  else check();
})();
