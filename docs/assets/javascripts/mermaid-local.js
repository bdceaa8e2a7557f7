/* Flowcharts from this site only.
 *
 * Material for MkDocs draws ```mermaid blocks with the global `mermaid` if the page has one; otherwise
 * it loads mermaid from unpkg.com (Material 9.8, components/content/mermaid: `typeof mermaid ===
 * "undefined" || mermaid instanceof Element ? watchScript("https://unpkg.com/…") : of(undefined)`).
 *
 * This script, loaded on every page before Material mounts its components, defines that global: a
 * stand-in that loads the copy of mermaid built into the site (assets/vendor/mermaid/mermaid.min.js,
 * copied from wizard/node_modules at build time) the first time a diagram is drawn. Pages without a
 * diagram never download it, and no page asks another host for it. Once loaded, the real mermaid
 * replaces the stand-in (it sets the same global) with the settings Material passed to initialize().
 */
(function () {
  "use strict";
  if (typeof window.mermaid !== "undefined" && !(window.mermaid instanceof Element)) return;

  var bundle = new URL("../vendor/mermaid/mermaid.min.js", document.currentScript.src).href;
  var settings = {};
  var loading = null;
  var standIn;

  function load() {
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = bundle;
        script.onload = function () {
          var real = window.mermaid;
          if (!real || real === standIn || typeof real.render !== "function") {
            reject(new Error("流程图组件加载后不可用：" + bundle));
            return;
          }
          real.initialize(settings);
          resolve(real);
        };
        script.onerror = function () {
          loading = null;  // try again on the next diagram
          reject(new Error("无法加载流程图组件：" + bundle));
        };
        document.head.appendChild(script);
      });
    }
    return loading;
  }

  standIn = {
    initialize: function (config) {
      settings = Object.assign({}, config, { startOnLoad: false, securityLevel: "strict" });
    },
    render: function (id, text, container) {
      return load().then(function (real) { return real.render(id, text, container); });
    }
  };
  window.mermaid = standIn;
})();
