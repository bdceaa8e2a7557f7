"""Shared pieces of the trust tests (no tests here): watching for Content Security Policy violations,
the site's pages, and axe-core.

A violation is seen three ways: the page's ``securitypolicyviolation`` events (kept in
``window.__gtCsp`` by an init script, so they survive Material's instant navigation), console lines
Chromium writes for a refused script, style, connection or worker (also those of workers, whose own
events the page cannot see), and page errors.
"""

from __future__ import annotations

import json
import re
from pathlib import Path


REPO = Path(__file__).resolve().parents[2]
ARTIFACTS_DIR = REPO / "test-artifacts"  # the browser tests' screenshots and figures (conftest.py uses it)
AXE = REPO / "wizard" / "node_modules" / "axe-core" / "axe.min.js"

CSP_WATCH = """
window.__gtCsp = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__gtCsp.push(`${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber} ${e.sample || ''}`);
});
"""
CSP_CONSOLE = re.compile(r"Content Security Policy|Refused to (load|execute|connect|create|apply|evaluate|compile)", re.I)


def watch_csp(recorded) -> None:
    """Start collecting violations on ``recorded.page`` (call before the first goto)."""
    recorded.page.add_init_script(CSP_WATCH)
    recorded.page.on("worker", lambda worker: recorded.console.append(f"worker: {worker.url}"))


def csp_violations(recorded) -> list[str]:
    """Every violation seen so far on the page (events and console lines)."""
    try:
        events = recorded.page.evaluate("window.__gtCsp || []")
    except Exception:  # noqa: BLE001 - page navigating; the console still has them
        events = []
    console = [line for line in recorded.console if CSP_CONSOLE.search(line)]
    return [*events, *console]


def site_pages(site: Path) -> list[str]:
    """Site-relative URLs of every built page ("" for the home page), 404 included."""
    urls = []
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        if rel.startswith("wizard/") and rel != "wizard/index.html":
            continue
        urls.append(rel[: -len("index.html")] if rel.endswith("index.html") else rel)
    return urls


# --- axe-core (the a11y tests; the figures go to test-artifacts/axe.json) ----------------------------------
# Elements still fading in (Material's back-to-top button after a scroll) are checked as they end up, not
# half-transparent mid-transition: axe once caught .md-top at 2.58:1 while it faded in.
RUN_AXE = """async () => {
  const settled = Promise.all(document.getAnimations().map(a => a.finished.catch(() => {})));
  await Promise.race([settled, new Promise((r) => setTimeout(r, 2000))]);  // never wait on an endless one
  const r = await axe.run(document, {resultTypes: ['violations']});
  return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ' :: ' + (n.failureSummary || '').slice(0, 200))}));
}"""
FIGURES: dict[str, dict] = {}


def axe(page, where: str) -> list[dict]:
    if not page.evaluate("typeof window.axe === 'object'"):
        page.add_script_tag(path=str(AXE))
    found = page.evaluate(RUN_AXE)
    counts = {}
    for v in found:
        counts[v["impact"]] = counts.get(v["impact"], 0) + 1
    FIGURES[where] = {"violations": counts, "ids": sorted(v["id"] for v in found)}
    _write_figures()
    return [v for v in found if v["impact"] in ("serious", "critical")]


def _write_figures() -> None:
    ARTIFACTS_DIR.mkdir(exist_ok=True)
    (ARTIFACTS_DIR / "axe.json").write_text(json.dumps(FIGURES, ensure_ascii=False, indent=1, sort_keys=True), encoding="utf-8")


def assert_clean(page, where: str) -> None:
    bad = axe(page, where)
    assert bad == [], f"{where}: " + json.dumps(bad, ensure_ascii=False, indent=1)
