"""Accessibility (issue 7): axe-core, pinned in wizard/package.json and injected by the test, finds no
serious or critical violation on any page of the site, or on any screen of the wizard (questions of
each kind, an error, check answers, the result, the fallback when the engine cannot start), in
Material's light and dark palettes (chosen the way a visitor's device chooses them:
prefers-color-scheme), and in 关怀模式 (issue 22) as well.

The a11y contexts bypass the Content Security Policy only so that axe's own script can be added to the
page; tests/browser/test_trust_csp.py checks the policy.

The figures (violations per page and palette, by impact) are written to test-artifacts/axe.json.
"""

from __future__ import annotations

import json

import pytest

from .care_support import CARE_ON
from .trust_support import assert_clean, axe, site_pages
from .wizard_support import WizardPage, eligible_journey, wizard  # noqa: F401 - fixture

SCHEMES = {"light": "default", "dark": "slate"}
CARE = {"usual": False, "care": True}


def in_care(recorded, care: bool) -> None:
    if care:
        recorded.page.add_init_script(CARE_ON)


@pytest.mark.parametrize("mode", CARE)
@pytest.mark.parametrize("scheme", SCHEMES)
def test_every_site_page(built_site, serve_dir, new_page, scheme, mode):
    base = serve_dir(built_site)
    recorded = new_page(
        color_scheme="dark" if scheme == "dark" else "light",
        bypass_csp=True,
        service_workers="block",
        viewport={"width": 1280, "height": 900},
    )
    in_care(recorded, CARE[mode])
    page = recorded.page
    problems = {}
    for url in site_pages(built_site):
        if url == "wizard/":
            continue  # its screens are checked below, one by one
        page.goto(base + url)
        page.wait_for_load_state("load")
        assert page.get_attribute("body", "data-md-color-scheme") == SCHEMES[scheme]
        bad = axe(page, f"/{url} ({scheme}, {mode})")
        if bad:
            problems[url] = bad
    assert problems == {}, json.dumps(problems, ensure_ascii=False, indent=1)


@pytest.mark.parametrize("mode", CARE)
@pytest.mark.parametrize("scheme", SCHEMES)
def test_every_wizard_screen(wizard, scheme, mode):
    w: WizardPage = wizard(color_scheme="dark" if scheme == "dark" else "light", bypass_csp=True)
    in_care(w.recorded, CARE[mode])
    scheme = f"{scheme}, {mode}"
    w.open().wait_engine()
    assert w.page.get_attribute("body", "data-md-color-scheme") == SCHEMES[scheme.split(",")[0]]
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


@pytest.mark.parametrize("mode", CARE)
@pytest.mark.parametrize("scheme", SCHEMES)
def test_the_engine_cannot_start_screen(wizard, scheme, mode):
    w: WizardPage = wizard(color_scheme="dark" if scheme == "dark" else "light", bypass_csp=True)
    in_care(w.recorded, CARE[mode])
    w.page.add_init_script("delete window.WebAssembly")
    w.open()
    w.page.wait_for_selector('#gt-wizard[data-engine="fatal"]')
    assert_clean(w.page, f"wizard: engine cannot start ({scheme})")
