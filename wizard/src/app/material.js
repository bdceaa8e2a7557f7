// Material for MkDocs shows a page on a direct load and after every instant navigation (its document$).
// A page script runs `mount` on each: now, and for every page Material shows from then on (subscribing
// once Material's bundle has run, if it has not yet: the page scripts may run first).
const material = () => window.document$ && typeof window.document$.subscribe === "function";

export function onEveryPage(mount) {
  if (material()) window.document$.subscribe(() => mount());
  else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", () => (material() ? window.document$.subscribe(() => mount()) : mount()), { once: true });
  }
}

/** A page script's component mounted on its root element (`id`) wherever Material shows that page, once
 * per page shown; the one left behind by an instant navigation is destroyed. Returns the live one's getter. */
export function mountOn(id, make) {
  let live = null;
  const mount = () => {
    if (live && !live.root.isConnected) {
      live.destroy();
      live = null;
    }
    const root = document.getElementById(id);
    if (!root || root.dataset.mounted) return;
    live = make(root);
  };
  mount();
  onEveryPage(mount);
  return () => live;
}
