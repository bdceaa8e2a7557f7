/* On every page: the site's own small script (app/site.js), and a page script only where the page has
   its root element (<div id="gt-wizard"> for the wizard, <div id="gt-batch"> for 单位批量自测), on a direct visit or after Material's instant
   navigation, so that the other pages neither download nor parse them. Those pages also name their
   script themselves, early (build_scripts/wizard/scripts.py add_page_parts); a module runs once however often it is
   imported. Built into site/wizard/assets/loader.<hash>.js with the scripts' names filled in.
   wizard/src/loader.js */
(function () {
  "use strict";
  var scripts = __GUANTONG_LOADER__;
  var base = document.currentScript.src;
  function check() {
    for (var id in scripts) {
      // "*": the script every page runs (app/site.js: the care switch, reading aloud).
      if (Object.prototype.hasOwnProperty.call(scripts, id) && (id === "*" || document.getElementById(id)))
        import(new URL(scripts[id], base).href);
    }
  }
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(check);
  else check();
})();
