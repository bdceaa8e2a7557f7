/* A small ResizeObserver for old browsers, served by this site instead of the polyfill Material would
 * fetch from unpkg.com. Material loads it only where window.ResizeObserver is missing, and uses only
 * observe(), unobserve(), disconnect() and each entry's `target` (it measures the element itself).
 * Sizes are compared after window resizes, orientation changes, DOM changes and transitions, and
 * every half second as a fallback.
 */
(function () {
  "use strict";
  if (typeof window.ResizeObserver !== "undefined") return;

  var observers = [];
  var scheduled = false;

  function size(el) {
    return el.offsetWidth + "x" + el.offsetHeight;
  }

  function check() {
    scheduled = false;
    for (var i = 0; i < observers.length; i++) {
      var o = observers[i],
        entries = [];
      for (var j = 0; j < o.targets.length; j++) {
        var now = size(o.targets[j]);
        if (now !== o.sizes[j]) {
          o.sizes[j] = now;
          var r = o.targets[j].getBoundingClientRect();
          entries.push({ target: o.targets[j], contentRect: r });
        }
      }
      if (entries.length) o.callback(entries, o);
    }
  }

  function schedule() {
    if (!scheduled) {
      scheduled = true;
      (window.requestAnimationFrame || setTimeout)(check);
    }
  }

  function ResizeObserver(callback) {
    this.callback = callback;
    this.targets = [];
    this.sizes = [];
    observers.push(this);
  }
  ResizeObserver.prototype.observe = function (el) {
    if (this.targets.indexOf(el) < 0) {
      this.targets.push(el);
      this.sizes.push(null);
      schedule();
    }
  };
  ResizeObserver.prototype.unobserve = function (el) {
    var i = this.targets.indexOf(el);
    if (i >= 0) {
      this.targets.splice(i, 1);
      this.sizes.splice(i, 1);
    }
  };
  ResizeObserver.prototype.disconnect = function () {
    this.targets = [];
    this.sizes = [];
  };

  window.ResizeObserver = ResizeObserver;
  window.addEventListener("resize", schedule);
  window.addEventListener("orientationchange", schedule);
  document.addEventListener("transitionend", schedule, true);
  if (window.MutationObserver) {
    new MutationObserver(schedule).observe(document.documentElement, {
      childList: true,
      subtree: true,
      attributes: true,
      characterData: true,
    });
  }
  setInterval(schedule, 500);
})();
