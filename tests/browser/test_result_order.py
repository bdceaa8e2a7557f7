"""The answer first on a phone (issue 31): at 360 × 740, for both pathways and an eligible, a not-yet and a
待定 person, the verdict within the first screen, 下一步 and the first action within the first two screens
(three in 关怀模式). The measured positions are printed (pytest -s) for the closing note."""

from __future__ import annotations

import pytest

from build_scripts.bench.result_page import PHONE, POSITIONS, SCREEN
from build_scripts.sample_answers import RESULT_PEOPLE as PEOPLE

from .care_support import CARE_ON
from .wizard_support import WizardPage, share_fragment, wizard  # noqa: F401 - fixture


@pytest.mark.parametrize("care", [False, True], ids=["plain", "care"])
def test_the_verdict_next_step_and_actions_come_first(wizard, care):
    screens = 3 if care else 2
    measured = {}
    for who, (answers, skipped, cls) in PEOPLE.items():
        w: WizardPage = wizard(**PHONE)
        if care:
            w.page.add_init_script(CARE_ON)
        w.open(share_fragment(answers, skipped))
        w.page.wait_for_selector(f'#gt-wizard[data-screen="result"] .gt-panel--{cls}', timeout=120_000)
        at = w.page.evaluate(POSITIONS)
        measured[who] = at
        assert at["verdict"] <= SCREEN, (who, at)
        assert at["steps"] <= screens * SCREEN and at["action"] <= screens * SCREEN, (who, at)
        if not care:
            # Headless Chromium has no Chinese voice: no 朗读 button, and a line that says why, with the actions.
            speak = w.page.evaluate("!!speechSynthesis.getVoices().find((v) => /^zh/i.test(v.lang))")
            assert w.page.locator("[data-gt-speak-missing]").is_visible() != speak
            assert w.page.locator(".gt-actions [data-gt-speak]").is_visible() == speak
        if who == "B 待定":
            assert w.page.locator("[data-gt-decides-years]").is_visible()
            assert at["steps"] > w.page.evaluate("document.querySelector('[data-gt-decides]').getBoundingClientRect().top")
            assert "不超过 14 年" in w.page.inner_text("[data-gt-decides-years]")  # 2012-01-01 to 2026-06-30
            w.page.click("[data-gt-years-back]")  # straight back to the years question, the answers kept
            w.expect_question("required_years")
        w.page.close()
    print(
        f"\nresult positions at 360×740 ({'care' if care else 'plain'}):",
        {who: f"verdict ≤{m['verdict']} 下一步 {m['steps']} action {m['action']} height {m['height']}" for who, m in measured.items()},
    )


FIRST_OPTION = """() => {
  const y = (el) => Math.round(el.getBoundingClientRect().bottom + window.scrollY);
  const form = document.querySelector('form[data-gt-question]');
  const first = form && form.querySelector('.gt-choice, .gt-input, .gt-select');
  return {question: form && form.dataset.gtQuestion, heading: y(document.querySelector('#gt-heading')),
          option: first ? y(first) : null};
}"""


def test_in_care_mode_every_question_and_its_first_option_fit_the_first_screen(wizard):
    """Issue 31: in 关怀模式, on every question of both pathways, the prompt and the first option within the
    first 740 px screen (a compact header and status line), text and targets as large as before."""
    w: WizardPage = wizard(**PHONE)
    w.page.add_init_script(CARE_ON)
    measured = {}
    for who in ("A eligible", "B 待定"):
        answers, skipped, cls = PEOPLE[who]
        w.open(share_fragment(answers, skipped))
        w.page.wait_for_selector('#gt-wizard[data-screen="result"] .gt-panel', timeout=120_000)
        for qid in ["direction", *[k for k in answers if k not in ("direction",)], *skipped]:
            w.page.evaluate("(id) => { location.hash = 'q-' + id; }", qid)
            w.expect_question(qid)
            w.page.evaluate("window.scrollTo(0, 0)")
            measured[qid] = w.page.evaluate(FIRST_OPTION)
    print("\nfirst option in care mode at 360×740:", {q: m["option"] for q, m in measured.items()})
    late = {q: m for q, m in measured.items() if m["option"] is None or m["option"] > SCREEN or m["heading"] > SCREEN}
    assert not late, late
