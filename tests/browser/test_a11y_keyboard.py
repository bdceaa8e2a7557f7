"""Keyboard only (issue 7): both pathways from the first question to the result with Tab, arrow keys,
Space and Enter, never the mouse; focus lands on each new screen's heading (so a screen reader reads
the new question), and a refused answer is announced (role=alert, focused) on the way.

(tests/browser/test_wizard_phone.py checks one question's keys, labels and the error summary's link in
detail; this walks whole journeys.)
"""

from __future__ import annotations

from .wizard_support import A, B, WizardPage, wizard  # noqa: F401 - fixture


class Keyboard:
    def __init__(self, w: WizardPage):
        self.w = w
        self.page = w.page
        self.screens = 0

    def on(self, selector: str) -> bool:
        return self.page.evaluate("(s) => !!document.activeElement && document.activeElement.matches(s)", selector)

    def tab_to(self, selector: str, limit: int = 40) -> None:
        for _ in range(limit):
            if self.on(selector):
                return
            self.page.keyboard.press("Tab")
        raise AssertionError(f"Tab never reached {selector} on {self.w.screen()}")

    def question(self, qid: str) -> Keyboard:
        self.w.expect_question(qid)
        self.page.wait_for_function("document.activeElement && document.activeElement.id === 'gt-heading'")
        self.screens += 1
        return self

    def radio(self, label: str) -> Keyboard:
        target = self.page.get_by_label(label, exact=True).get_attribute("id")
        self.tab_to('input[type=radio][name="choice"]')
        for _ in range(12):
            if self.page.is_checked(f"#{target}"):
                return self
            self.page.keyboard.press("ArrowDown")
        raise AssertionError(f"arrow keys never reached {label}")

    def check(self, label: str) -> Keyboard:
        target = self.page.get_by_label(label, exact=True).get_attribute("id")
        self.tab_to(f"#{target}")
        self.page.keyboard.press("Space")
        assert self.page.is_checked(f"#{target}")
        return self

    def type(self, selector: str, text: str) -> Keyboard:
        self.tab_to(selector)
        self.page.keyboard.press("Control+A")
        self.page.keyboard.type(text)
        return self

    def cont(self) -> Keyboard:
        self.tab_to("[data-gt-continue]")
        self.page.keyboard.press("Enter")
        return self

    def deadline(self, text: str) -> Keyboard:
        self.question("deadline")
        if self.page.get_by_label("其他日期", exact=True).count():
            self.radio("其他日期")
        return self.type("#gt-deadline", text).cont()

    def to_result(self) -> dict:
        self.w.expect_check()
        self.page.wait_for_function("document.activeElement && document.activeElement.id === 'gt-heading'")
        self.tab_to("button[data-gt-go=result]")
        self.page.keyboard.press("Enter")
        result = self.w.expect_result()
        self.page.wait_for_function("document.activeElement && document.activeElement.id === 'gt-heading'")
        assert self.page.inner_text("#gt-heading") == "自测结果"
        return result


def test_pathway_a_by_keyboard(wizard):
    w: WizardPage = wizard()
    w.open().wait_engine()
    k = Keyboard(w)
    w.page.locator("#gt-heading").focus()  # where the wizard puts focus on every screen after the first
    k.radio(A).cont()
    k.deadline("2026-06-30")
    k.question("employed_in_huangshi").radio("是").cont()
    k.question("skill_post").radio("是").cont()
    k.question("skill_levels")
    # Continue with nothing ticked: the error is announced and takes the focus.
    k.cont()
    w.page.wait_for_selector("[data-gt-summary]:not([hidden])")
    assert w.page.get_attribute("[data-gt-summary]", "role") == "alert"
    assert k.on("[data-gt-summary]")
    k.check("技师（二级）").type("#gt-skill_levels-technician-date", "2020/9/1").cont()
    k.question("months_out_of_skill_work").type("#gt-months_out_of_skill_work", "0").cont()
    k.question("honors").check("都没有获得").cont()
    k.question("studio").radio("不是领办人").cont()
    k.question("series").radio("工程技术系列").cont()
    k.question("speciality_matches").radio("是").cont()
    k.question("annual_assessment_passed").radio("是").cont()
    k.question("integrity_record").radio("否").cont()
    result = k.to_result()
    assert "您可以申报：中级职称" in result["panel"], result["panel"]
    assert k.screens == 11


def test_pathway_b_by_keyboard(wizard):
    w: WizardPage = wizard()
    w.open().wait_engine()
    k = Keyboard(w)
    w.page.locator("#gt-heading").focus()
    k.radio(B).cont()
    k.deadline("2026-06-30")
    k.question("titles").check("副高级").type("#gt-titles-deputy_senior-date", "2018-12-01").cont()
    k.question("technical_skill_post").radio("是").cont()
    k.question("occupation").type("#gt-occupation", "钳工").cont()
    k.question("occupation_matches").radio("是").cont()
    k.question("work_start").type("#gt-work_start", "2000/3/1").cont()
    k.question("months_out_of_work").cont()
    k.question("required_years")
    k.type("#gt-required_years-senior_worker", "6").type("#gt-required_years-technician", "10")
    k.type("#gt-required_years-senior_technician", "15").cont()
    k.question("related_major").radio("否").cont()
    k.question("integrity_record").radio("否").cont()
    result = k.to_result()
    assert result["highest"] == "senior_technician", result["panel"]
    assert k.screens == 10
