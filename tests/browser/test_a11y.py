"""Accessibility (issue 7): axe-core, pinned in wizard/package.json and injected by the test, finds no
serious or critical violation on any page of the site, or on any screen of the wizard (questions of
each kind, an error, check answers, the result, the fallback when the engine cannot start), in
Material's light and dark palettes (chosen the way a visitor's device chooses them:
prefers-color-scheme).

The a11y contexts bypass the Content Security Policy only so that axe's own script can be added to the
page; tests/browser/test_trust_csp.py checks the policy.

The figures (violations per page and palette, by impact) are written to test-artifacts/axe.json.
"""

from __future__ import annotations

import json

import pytest

from .conftest import ARTIFACTS_DIR
from .test_trust_support import AXE, site_pages
from .test_wizard_phone import eligible_journey
from .test_wizard_support import WizardPage, wizard  # noqa: F401 - fixture

SCHEMES = {"light": "default", "dark": "slate"}
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


@pytest.mark.parametrize("scheme", SCHEMES)
def test_every_site_page(built_site, serve_dir, new_page, scheme):
    base = serve_dir(built_site)
    recorded = new_page(color_scheme="dark" if scheme == "dark" else "light", bypass_csp=True,
                        service_workers="block", viewport={"width": 1280, "height": 900})
    page = recorded.page
    problems = {}
    for url in site_pages(built_site):
        if url == "wizard/":
            continue  # its screens are checked below, one by one
        page.goto(base + url)
        page.wait_for_load_state("load")
        assert page.get_attribute("body", "data-md-color-scheme") == SCHEMES[scheme]
        bad = axe(page, f"/{url} ({scheme})")
        if bad:
            problems[url] = bad
    assert problems == {}, json.dumps(problems, ensure_ascii=False, indent=1)


@pytest.mark.parametrize("scheme", SCHEMES)
def test_every_wizard_screen(wizard, scheme):
    w: WizardPage = wizard(color_scheme="dark" if scheme == "dark" else "light", bypass_csp=True)
    w.open().wait_engine()
    assert w.page.get_attribute("body", "data-md-color-scheme") == SCHEMES[scheme]
    # An error: continue without an answer.
    w.cont()
    w.page.wait_for_selector("[data-gt-summary]:not([hidden])")
    assert_clean(w.page, f"wizard: error ({scheme})")
    eligible_journey(w, check=lambda what: assert_clean(w.page, f"wizard: {what} ({scheme})"))
    w.page.get_by_role("button", name="分享结果链接").click()
    assert_clean(w.page, f"wizard: the result with its share box ({scheme})")
    w.click_link("修改回答")
    w.expect_check()
    w.page.get_by_role("button", name="清除我的回答").click()
    assert_clean(w.page, f"wizard: confirming 清除 ({scheme})")


@pytest.mark.parametrize("scheme", SCHEMES)
def test_the_engine_cannot_start_screen(wizard, scheme):
    w: WizardPage = wizard(color_scheme="dark" if scheme == "dark" else "light", bypass_csp=True)
    w.page.add_init_script("delete window.WebAssembly")
    w.open()
    w.page.wait_for_selector('#gt-wizard[data-engine="fatal"]')
    assert_clean(w.page, f"wizard: engine cannot start ({scheme})")
