// 关怀模式 (适老化): large text, large targets, stronger contrast, thick focus outlines, on every page and in
// the wizard. The mode is an attribute on <html> (data-gt-care), set before the first paint by the inline
// head script (wizard/src/care-head.js) from what this device remembers, and switched by any button marked
// data-gt-care-switch: the one in the site's header (every page) and the one in the wizard's tools. The
// styles are in each component's stylesheet under html[data-gt-care] (and docs/assets/stylesheets/site.css for
// Material's parts); the header's switch is built ahead (prerender.js). ES5, as care-head.js bundles it.
export var CARE_KEY = "guantong-care:v1";
export var CARE_ATTR = "data-gt-care";

/** Whether this device asked for care mode (what care-head.js applies before the first paint). */
export function careStored(storage) {
  try {
    return storage.getItem(CARE_KEY) === "on";
  } catch (e) {
    return false;
  }
}

export function careOn() {
  return document.documentElement.hasAttribute(CARE_ATTR);
}

/** Every care switch on the page says whether it is on. */
export function syncCareButtons(root) {
  var on = String(careOn());
  var buttons = (root || document).querySelectorAll("[data-gt-care-switch]");
  for (var i = 0; i < buttons.length; i++) buttons[i].setAttribute("aria-pressed", on);
}

/** Switch care mode on or off, remembered on this device; listeners hear "guantong-care". */
export function setCare(on) {
  if (on) document.documentElement.setAttribute(CARE_ATTR, "");
  else document.documentElement.removeAttribute(CARE_ATTR);
  try {
    if (on) window.localStorage.setItem(CARE_KEY, "on");
    else window.localStorage.removeItem(CARE_KEY);
  } catch (e) {
    // not remembered: on for this page only
  }
  syncCareButtons();
  document.dispatchEvent(new CustomEvent("guantong-care", { detail: { on: on } }));
}
