"""The first question built into the wizard page's HTML (issue 11: first question interactive on a phone
in under a second, whichever script the browser runs first): with the page script held back it is on
screen and answerable, a 继续 pressed then is handled once the script mounts, and nothing chosen is lost;
the script draws exactly the same markup; without scripts, or when the wizard opens elsewhere, the
prerendered question stays hidden.
"""

from __future__ import annotations

import json

from .wizard_support import A, PAGE_SCRIPT, Held, WizardPage, wizard  # noqa: F401 - fixture

FIRST_PROMPT = "您想走哪条贯通路径？"
AHEAD = "#gt-wizard [data-gt-ahead]"


def open_held(w: WizardPage, fragment: str = "") -> Held:
    held = Held(w, PAGE_SCRIPT)
    w.page.goto("about:blank")  # a new document, not a fragment change
    w.page.goto(w.url + fragment, wait_until="domcontentloaded")
    return held


def test_first_question_answerable_before_the_page_script(wizard):
    w: WizardPage = wizard(service_workers="block")
    held = open_held(w)
    w.page.wait_for_selector(f"{AHEAD} h1", state="visible")
    assert held.routes, "the page script was requested"
    assert w.page.get_attribute("#gt-wizard", "data-mounted") is None
    assert w.page.locator("#gt-wizard .gt-fallback").is_hidden()
    assert w.page.inner_text(f"{AHEAD} h1") == FIRST_PROMPT
    assert "MB" in w.page.inner_text(f"{AHEAD} [data-gt-engine]")
    ahead_screen = w.page.inner_html(f"{AHEAD} [data-gt-screen]")
    # A choice works without the script; 继续 is kept until it mounts.
    w.page.get_by_label(A).check()
    w.page.get_by_role("button", name="继续").click()
    assert w.page.inner_text(f"{AHEAD} h1") == FIRST_PROMPT
    held.release()
    w.expect_question("deadline")
    stored = json.loads(w.page.evaluate("() => localStorage.getItem('guantong-wizard:v1')"))
    assert stored["answers"]["direction"] == "skill_to_title"
    assert not w.recorded.errors
    # The script draws the same first screen the build put into the page.
    w.page.go_back()
    w.expect_question("direction")
    drawn = w.page.inner_html("#gt-wizard [data-gt-screen]")

    # (Material's bundle rewrites the links present when it runs to absolute ones: compare them as such.)
    def same(html: str) -> str:
        return html.replace(' checked=""', "").replace(w.url, "").replace(w.base, "../")

    assert same(drawn) == same(ahead_screen)


def test_a_choice_made_ahead_is_carried_over(wizard):
    w: WizardPage = wizard(service_workers="block")
    held = open_held(w)
    w.page.wait_for_selector(f"{AHEAD} h1", state="visible")
    w.page.get_by_label(A).check()
    held.release()
    w.page.wait_for_selector("#gt-wizard[data-mounted]")
    w.expect_question("direction")
    assert w.page.get_by_label(A).is_checked()
    assert w.page.evaluate("() => document.activeElement.id") == w.page.get_by_label(A).get_attribute("id")
    w.cont()
    w.expect_question("deadline")


def test_not_shown_where_the_wizard_opens_elsewhere(wizard):
    w: WizardPage = wizard(service_workers="block")
    w.open()
    w.answer("direction", A)
    w.expect_question("deadline")
    # A return visit to a later question: the fallback's 正在打开自测 until the script draws it.
    held = open_held(w)
    w.page.wait_for_selector("#gt-wizard .gt-fallback", state="visible")
    assert w.page.locator(AHEAD).is_hidden()
    held.release()
    w.expect_question("deadline")
    # A link to another screen, with nothing stored.
    w.page.evaluate("() => localStorage.clear()")
    held = open_held(w, "#check")
    w.page.wait_for_selector("#gt-wizard .gt-fallback", state="visible")
    assert w.page.locator(AHEAD).is_hidden()
    held.release()


def test_without_scripts_the_fallback_shows(wizard):
    w: WizardPage = wizard(java_script_enabled=False)
    w.page.goto(w.url)
    assert w.page.locator("#gt-wizard .gt-fallback").is_visible()
    assert w.page.locator(AHEAD).is_hidden()
    assert w.page.get_by_role("link", name="高技能人才申报专业技术职称的条件").is_visible()
