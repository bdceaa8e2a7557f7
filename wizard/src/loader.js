/* On every page: load a page script only where the page has its root element (<div id="gt-wizard"> for
   the wizard, <div id="gt-batch"> for 单位批量自测), on a direct visit or after Material's instant
   navigation, so that the other pages neither download nor parse them. Those pages also name their
   script themselves, early (wizard_bundle.add_page_parts); a module runs once however often it is
   imported. Built into site/wizard/assets/loader.<hash>.js with the scripts' names filled in.
   wizard/src/loader.js */
(function () {
  "use strict";
  var scripts = __GUANTONG_LOADER__;
  var base = document.currentScript.src;
  function check() {
    for (var id in scripts) {
      if (Object.prototype.hasOwnProperty.call(scripts, id) && document.getElementById(id)) import(new URL(scripts[id], base).href);
    }
  }
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(check);
  else check();
})();
