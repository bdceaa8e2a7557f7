"""关怀模式 (issue 22), measured in Chromium at phone sizes: every text of the content at least 18 px,
every target at least 60 × 60 px (choices with their marks, buttons, the wizard's tools, links in the
result, the navigation), text at 7:1 in both palettes, nothing scrolling sideways at 320 and 360 px (also
with the phone's text at 200 %), no layout shift when a page opens in care mode; the switch in every
page's header and in the wizard's tools, kept across pages, a reload and offline; 朗读 reading what is on
screen with a stand-in for speech synthesis (headless Chromium has no voices), and absent without one.
axe in care mode: tests/browser/test_a11y.py.
"""

from __future__ import annotations

import base64
import json

import pytest

from .care_support import CARE_ON, FAKE_SPEECH, LAYOUT_SHIFT, LOW_CONTRAST, SIDEWAYS, SMALL_TARGETS, SMALL_TEXT, text_at_200_percent
from build_scripts.server import static as static_server
from .wizard_support import A, ENGINE_TIMEOUT, WizardPage, eligible_journey, wizard  # noqa: F401 - fixture

PAGES = ["", "pathway-a/", "pathway-b/", "policy/", "faq/", "glossary/", "contact/", "privacy/", "batch/", "changes/"]
TEXT = ".md-header, .md-main, .md-footer, .md-sidebar--primary"
SITE_TARGETS = (
    ".md-header__button:not(.md-logo), .md-typeset .md-button, .md-sidebar--primary .md-nav__link, .md-footer__link, .gt-speak-bar button"
)
WIZARD_TARGETS = (
    "#gt-wizard a, #gt-wizard button, #gt-wizard .gt-choice, #gt-wizard summary, #gt-wizard .gt-input, "
    "#gt-wizard select, .md-header__button:not(.md-logo)"
)
PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True}


def care_page(new_page, **options):
    recorded = new_page(**{**PHONE, **options})
    recorded.page.add_init_script(CARE_ON)
    return recorded


def measures(page, text_scope: str, targets: str) -> dict:
    return {
        "small text": page.evaluate(SMALL_TEXT, [text_scope, 18]),
        "small targets": page.evaluate(SMALL_TARGETS, [targets, 60]),
        "sideways px": page.evaluate(SIDEWAYS),
    }


def assert_care_sizes(page, where: str, text_scope: str, targets: str) -> None:
    found = measures(page, text_scope, targets)
    assert found == {"small text": [], "small targets": [], "sideways px": 0}, f"{where}: " + json.dumps(
        found, ensure_ascii=False, indent=1
    )


def test_content_pages_in_care_mode_text_targets_and_no_sideways_scroll(built_site, serve_dir, new_page):
    base = serve_dir(built_site)
    recorded = care_page(new_page)
    page = recorded.page
    for url in PAGES:
        page.goto(base + url)
        page.wait_for_load_state("load")
        assert page.evaluate("document.documentElement.hasAttribute('data-gt-care')")
        assert_care_sizes(page, f"/{url} at 360", TEXT, SITE_TARGETS)
        body = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.md-typeset')).fontSize)")
        assert 20 <= body <= 24, f"/{url}: body text {body}px (about 20 px)"
        line = page.evaluate(
            "(() => { const s = getComputedStyle(document.querySelector('.md-typeset p')); return parseFloat(s.lineHeight) / parseFloat(s.fontSize); })()"
        )
        assert line >= 1.6, f"/{url}: line height {line:.2f}"
    page.set_viewport_size({"width": 320, "height": 640})
    for url in PAGES:
        page.goto(base + url)
        assert page.evaluate(SIDEWAYS) <= 0, f"/{url} scrolls sideways at 320 px"
    assert not recorded.errors, recorded.errors


def test_nothing_scrolls_sideways_with_the_phone_s_text_at_200_percent(built_site, serve_dir, new_page):
    base = serve_dir(built_site)
    for care in (False, True):
        recorded = care_page(new_page) if care else new_page(**PHONE)
        page = recorded.page
        text_at_200_percent(page)
        for width in (320, 360):
            page.set_viewport_size({"width": width, "height": 740})
            for url in [*PAGES, "wizard/"]:
                page.goto(base + url)
                page.wait_for_load_state("load")
                assert page.evaluate(SIDEWAYS) <= 0, f"/{url} scrolls sideways at {width} px, text 200 %, care {care}"
            # The site's name stays readable in the header (not 「黄…」): whole in care mode, at least five
            # characters' room otherwise (all a 320 px row holds at that size beside the menu).
            page.goto(base)
            title = page.locator(".md-header__title .md-header__topic .md-ellipsis").first
            if care:
                assert title.evaluate("e => e.scrollWidth <= e.clientWidth + 1"), f"the header's title is cut at {width} px"
            else:
                room = title.evaluate("e => e.clientWidth / parseFloat(getComputedStyle(e).fontSize)")
                assert room >= 5, f"the header's title has room for {room:.1f} characters at {width} px"


def test_the_wizard_in_care_mode_text_targets_and_status(wizard):
    w: WizardPage = wizard(**PHONE)
    w.page.add_init_script(CARE_ON)
    w.open()
    assert w.page.evaluate("document.documentElement.hasAttribute('data-gt-care')")
    # The engine's status is one short line: no bar, no byte counts.
    assert w.page.locator("[data-gt-engine] progress").is_hidden()
    assert w.page.locator("[data-gt-engine]").bounding_box()["height"] < 110
    assert w.page.locator("[data-gt-tools] [data-gt-care-switch]").get_attribute("aria-pressed") == "true"

    def check(what: str) -> None:
        assert_care_sizes(w.page, f"wizard: {what}", "#gt-wizard", WIZARD_TARGETS)

    result = eligible_journey(w, check=check)
    assert "您可以申报：中级职称" in result["panel"]
    w.page.get_by_role("button", name="分享结果链接").click()
    w.page.wait_for_selector("[data-gt-share-note]:not(:empty)")
    check("the result with its share box")
    help_size = w.page.evaluate("parseFloat(getComputedStyle(document.querySelector('.gt-level')).fontSize)")
    assert help_size >= 20


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_text_contrast_is_7_to_1_in_care_mode(built_site, serve_dir, new_page, scheme):
    base = serve_dir(built_site)
    recorded = care_page(new_page, color_scheme=scheme)
    page = recorded.page
    low = {}
    for url in ["", "pathway-a/", "pathway-b/", "policy/", "faq/", "batch/"]:
        page.goto(base + url)
        page.wait_for_load_state("load")
        found = page.evaluate(LOW_CONTRAST, ".md-content")
        if found:
            low[url] = found
    w = WizardPage(recorded, base)
    eligible_journey(w)
    found = page.evaluate(LOW_CONTRAST, "#gt-wizard")
    if found:
        low["wizard result"] = found
    assert low == {}, json.dumps(low, ensure_ascii=False, indent=1)


def test_the_switch_is_kept_across_pages_a_reload_and_offline(built_site, new_page):
    base, stop = static_server.start(built_site)
    try:
        recorded = new_page(**PHONE)
        page = recorded.page
        page.goto(base + "wizard/")
        page.wait_for_selector("#gt-wizard[data-mounted]")
        switch = page.locator(".md-header [data-gt-care-switch]")
        assert switch.inner_text() == "关怀模式" and switch.get_attribute("aria-pressed") == "false"
        assert not page.evaluate("document.documentElement.hasAttribute('data-gt-care')")
        switch.click()
        assert page.evaluate("document.documentElement.hasAttribute('data-gt-care')")
        assert switch.get_attribute("aria-pressed") == "true"
        assert page.locator("[data-gt-tools] [data-gt-care-switch]").get_attribute("aria-pressed") == "true"
        page.wait_for_selector('#gt-wizard[data-offline="ready"]', timeout=ENGINE_TIMEOUT)
        # Instant navigation to another page, then a reload: still on.
        page.locator(".md-nav__link[href$='pathway-a/']").first.dispatch_event("click")
        page.wait_for_url(f"{base}pathway-a/")
        assert page.evaluate("document.documentElement.hasAttribute('data-gt-care')")
        assert page.locator(".md-header [data-gt-care-switch]").get_attribute("aria-pressed") == "true"
        page.reload()
        assert page.evaluate("document.documentElement.hasAttribute('data-gt-care')")
    finally:
        stop()
    page.context.set_offline(True)
    page.goto(base + "policy/")
    assert page.evaluate("document.documentElement.hasAttribute('data-gt-care')"), "offline, from the kept page"
    page.locator(".md-header [data-gt-care-switch]").click()
    assert not page.evaluate("document.documentElement.hasAttribute('data-gt-care')")
    page.reload()
    assert not page.evaluate("document.documentElement.hasAttribute('data-gt-care')"), "switched off, kept off"
    assert not recorded.errors, recorded.errors


def test_a_page_opened_in_care_mode_does_not_shift(built_site, serve_dir, new_page):
    base = serve_dir(built_site)
    recorded = care_page(new_page)
    page = recorded.page
    for url in ["", "pathway-a/", "policy/", "wizard/"]:
        page.goto(base + url)
        shift = page.evaluate(LAYOUT_SHIFT)
        assert shift < 0.01, f"/{url}: layout shift {shift:.3f} on opening in care mode"


def test_read_aloud_in_the_wizard_reads_the_screen_and_stops_on_navigation(wizard):
    w: WizardPage = wizard(**PHONE)
    w.page.add_init_script(FAKE_SPEECH)
    w.open()
    speak = w.page.locator("[data-gt-screen] [data-gt-speak]")
    speak.wait_for(state="visible")
    speak.click()
    spoken = [t for t in w.page.evaluate("window.__gtSpoken") if t != "<cancel>"]
    heading = w.heading()
    help_text = w.page.locator(".gt-hint").first.evaluate(
        "e => { const c = e.cloneNode(true); c.querySelector('.gt-basis')?.remove(); return c.textContent.replace(/\\s+/g, ' ').trim(); }"
    )
    options = [t.strip() for t in w.page.locator(".gt-choice__label").all_inner_texts()]
    assert spoken == [heading, help_text, *options], spoken
    # Moving on stops it.
    w.page.evaluate("window.__gtSpoken = []")
    w.answer("direction", A)
    w.expect_question("deadline")
    assert "<cancel>" in w.page.evaluate("window.__gtSpoken")


def test_read_aloud_on_a_result_and_on_a_pathway_page(built_site, serve_dir, new_page):
    base = serve_dir(built_site)
    recorded = new_page(**PHONE)
    page = recorded.page
    page.add_init_script(FAKE_SPEECH)
    w = WizardPage(recorded, base)
    eligible_journey(w)
    page.locator("[data-gt-screen] [data-gt-speak]").click()
    spoken = " | ".join(t for t in page.evaluate("window.__gtSpoken") if t != "<cancel>")
    for fragment in ("自测结果", "您可以申报：中级职称", "助理级职称 符合条件", "副高级职称", "下一步"):
        assert fragment in spoken, (fragment, spoken)
    # A pathway page: the section in view.
    page.goto(base + "pathway-a/")
    bar = page.locator("[data-gt-speak-bar]")
    bar.wait_for()
    page.locator("#procedure, h2").nth(2).scroll_into_view_if_needed()
    page.evaluate("window.__gtSpoken = []")
    heading = page.evaluate("""() => { const top = document.querySelector('.md-header').getBoundingClientRect().bottom;
        return [...document.querySelectorAll('article h2')].filter((h) => h.getBoundingClientRect().top <= top + 8).pop().textContent.replace('#', '').trim(); }""")
    page.locator("[data-gt-speak-section]").click()
    spoken = [t for t in page.evaluate("window.__gtSpoken") if t != "<cancel>"]
    assert spoken and spoken[0].replace("#", "").strip() == heading, (heading, spoken[:3])
    assert len(spoken) > 1
    # Another page: stopped.
    page.evaluate("window.__gtSpoken = []")
    page.locator(".md-nav__link[href$='policy/']").first.dispatch_event("click")
    page.wait_for_url(f"{base}policy/")
    assert "<cancel>" in page.evaluate("window.__gtSpoken")
    assert not recorded.errors, recorded.errors


def test_no_read_aloud_button_without_a_chinese_voice(built_site, serve_dir, new_page):
    base = serve_dir(built_site)
    recorded = new_page(**PHONE)
    page = recorded.page
    page.goto(base + "pathway-a/")
    page.wait_for_selector("[data-gt-speak-slot][data-gt-speak-ready]", state="attached")
    assert page.locator("[data-gt-speak-bar]").count() == 0
    w = WizardPage(recorded, base)
    answers = base64.urlsafe_b64encode(json.dumps({"a": {"direction": "skill_to_title"}, "s": []}).encode()).decode().rstrip("=")
    w.open(f"#share={answers}")
    assert page.locator("[data-gt-screen] [data-gt-speak]").is_hidden()


def test_pathway_pages_in_care_mode_reflow_and_stay_short(built_site, serve_dir, new_page):
    """Issue 31: in 关怀模式 at 360 px the pathway pages' tables stack (none scrolls sideways inside its box),
    the flowcharts read as their numbered steps, and each page is no longer than twice its plain length."""
    base = serve_dir(built_site)
    heights = {}
    for care in (False, True):
        recorded = care_page(new_page) if care else new_page(**PHONE)
        page = recorded.page
        for url in ("pathway-a/", "pathway-b/"):
            page.goto(base + url)
            page.wait_for_load_state("load")
            # Sections skipped until near (content-visibility) are measured at their real height.
            page.evaluate("document.querySelectorAll('.gt-section').forEach((s) => { s.style.contentVisibility = 'visible'; })")
            heights[(url, care)] = page.evaluate("document.documentElement.scrollHeight")
            if care:
                wide = page.evaluate(
                    "[...document.querySelectorAll('.md-typeset__scrollwrap, .md-typeset__table')]"
                    ".filter((w) => w.scrollWidth > w.clientWidth + 1).length"
                )
                assert wide == 0, f"/{url}: {wide} tables scroll sideways in care mode"
                assert page.locator(".gt-chart__svg").first.is_hidden() and page.locator(".gt-chart__text ol").first.is_visible()
                align = page.evaluate("getComputedStyle(document.querySelector('.gt-chart__text')).textAlign")
                assert align in ("left", "start"), align
        recorded.page.close()
    for url in ("pathway-a/", "pathway-b/"):
        assert heights[(url, True)] <= 2 * heights[(url, False)], (url, heights)
    print("\npathway pages at 360 px (plain → care):", {u: (heights[(u, False)], heights[(u, True)]) for u in ("pathway-a/", "pathway-b/")})
