"""Shared pieces of the trust tests (no tests here): watching for Content Security Policy violations,
the site's pages, and axe-core.

A violation is seen three ways: the page's ``securitypolicyviolation`` events (kept in
``window.__gtCsp`` by an init script, so they survive Material's instant navigation), console lines
Chromium writes for a refused script, style, connection or worker (also those of workers, whose own
events the page cannot see), and page errors.
"""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
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
