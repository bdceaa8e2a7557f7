"""Shared pieces of the wizard's browser tests (no tests here): a driver that answers the wizard as a
person would (clicking labels, typing into fields) and fixtures for the built site.

The site is the one of ``built_site`` (``mkdocs build --strict``, with the wizard's hooks).
"""

from __future__ import annotations

import base64
import json
import re
import zlib
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from build_scripts.sample_answers import share_fragment  # noqa: F401 - the tests' helper too
from guantong import flow

REPO = Path(__file__).resolve().parents[2]
ENGINE_TIMEOUT = 120_000  # cold Pyodide boot on a slow CI machine
STEP_TIMEOUT = 30_000
# The engine's files (the worker, Pyodide, the engine zip): what the wizard must never wait for before the result.
# The page script (its hashed name; not the loader, the QR chunk or the worker).
PAGE_SCRIPT = r"/wizard/assets/wizard\.[0-9a-f]+\.js$"
ENGINE_FILES = r"/wizard/(assets/worker\.[0-9a-f]+\.mjs|pyodide/.*|engine/guantong\.[0-9a-f]+\.zip)$"
# The two answers of the first question (the pathways).
A = "我是高技能人才（高级工、技师、高级技师），想申报专业技术职称"
B = "我有专业技术职称，想参加职业技能等级评价"


class WizardPage:
    """One browser page on the wizard."""

    def __init__(self, recorded, base_url: str):
        self.recorded = recorded
        self.page = recorded.page
        self.base = base_url
        self.url = base_url + "wizard/"

    # --- navigation and waiting --------------------------------------------------------------------------
    def open(self, fragment: str = "") -> WizardPage:
        self.page.goto(self.url + fragment)
        self.page.wait_for_selector("#gt-wizard[data-screen]", timeout=STEP_TIMEOUT)
        return self

    def wait_engine(self) -> WizardPage:
        self.page.wait_for_selector('#gt-wizard[data-engine="ready"], #gt-wizard[data-engine="fatal"]', timeout=ENGINE_TIMEOUT)
        state = self.page.get_attribute("#gt-wizard", "data-engine")
        assert state == "ready", f"engine: {state}: {self.page.inner_text('#gt-wizard')}\n{self.recorded.console}"
        return self

    def wait_offline_ready(self) -> WizardPage:
        self.wait_engine()
        self.page.wait_for_selector('#gt-wizard[data-offline="ready"]', timeout=ENGINE_TIMEOUT)
        return self

    def screen(self) -> str:
        return self.page.get_attribute("#gt-wizard", "data-screen")

    def expect_question(self, qid: str) -> str:
        """Wait for the question ``qid``; return its heading."""
        self.page.wait_for_selector(f'#gt-wizard[data-screen="question:{qid}"] form[data-gt-question="{qid}"]', timeout=ENGINE_TIMEOUT)
        return self.heading()

    def share_link(self) -> str:
        """Press 分享结果链接 and return the link the page offers (made asynchronously: compressed)."""
        self.page.get_by_role("button", name="分享结果链接").click()
        self.page.wait_for_function("() => document.getElementById('gt-share-url')?.value", timeout=STEP_TIMEOUT)
        return self.page.input_value("#gt-share-url")

    def heading(self) -> str:
        return self.page.inner_text("#gt-wizard h1")

    def expect_check(self) -> list[tuple[str, str]]:
        """Wait for the check-your-answers page; return its (question, answer) rows."""
        self.page.wait_for_selector('#gt-wizard[data-screen="check"] dl.gt-summary', timeout=ENGINE_TIMEOUT)
        rows = self.page.locator(".gt-summary__row")
        return [
            (rows.nth(i).locator("dt").inner_text(), rows.nth(i).locator(".gt-summary__value").inner_text()) for i in range(rows.count())
        ]

    def expect_result(self) -> dict:
        """Wait for the result page; return what it shows."""
        self.page.wait_for_selector('#gt-wizard[data-screen="result"] .gt-panel', timeout=ENGINE_TIMEOUT)
        # Each level is a disclosure (issue 31): opened here, as a person would, to read its reasons.
        self.page.evaluate(
            "document.querySelectorAll('#gt-wizard details.gt-level, #gt-wizard details.gt-steps-more').forEach((d) => { d.open = true; })"
        )
        levels = {}
        for section in self.page.locator(".gt-level").all():
            levels[section.get_attribute("data-level")] = {
                "status": section.get_attribute("data-status"),
                "tag": section.locator(".gt-tag").inner_text(),
                "text": section.inner_text(),
                "links": [a.get_attribute("href") for a in section.locator("a.gt-clause").all()],
            }
        return {
            "panel": self.page.inner_text(".gt-panel"),
            "highest": self.page.get_attribute(".gt-panel", "data-highest"),
            "levels": levels,
            "steps": self.page.locator(".gt-steps li").all_inner_texts(),
            "notes": self.page.locator(".gt-notes li").all_inner_texts(),
            "text": self.page.inner_text("#gt-wizard"),
        }

    # --- answering ---------------------------------------------------------------------------------------
    def choose(self, label: str) -> WizardPage:
        """Tick a radio or a checkbox by its visible label."""
        self.page.get_by_label(label, exact=True).check()
        return self

    def type(self, field: str, text: str) -> WizardPage:
        """Type into a field, found by its label or, starting with "#", by its id."""
        target = self.page.locator(field) if field.startswith("#") else self.page.get_by_label(field, exact=True)
        target.fill("")
        target.type(text)
        return self

    def cont(self) -> WizardPage:
        self.page.locator("[data-gt-continue]").click()
        return self

    def answer(self, qid: str, *choices: str, then: bool = True) -> WizardPage:
        """Wait for ``qid``, tick ``choices`` (labels), press 继续."""
        self.expect_question(qid)
        for label in choices:
            self.choose(label)
        if then:
            self.cont()
        return self

    def title_to_work_start(self, title: str, since: str, occupation: str) -> WizardPage:
        """Pathway B from the titles question to the work_start question: one title held since ``since``, a
        technical post, the occupation applied for, matching the title."""
        self.expect_question("titles")
        self.choose(title).type(f"取得{title}的日期", since)
        self.cont()
        self.answer("technical_skill_post", "是")
        self.expect_question("occupation")
        self.type("#gt-occupation", occupation).cont()
        self.answer("occupation_matches", "是")
        self.expect_question("work_start")
        return self

    def pathway_a_to_check(self) -> list[tuple[str, str]]:
        """Pathway A answered as an eligible technician with an honour, through to the check page."""
        self.answer("direction", A)
        self.answer_deadline("2026-06-30")
        self.answer("employed_in_huangshi", "是")
        self.answer("skill_post", "是")
        self.expect_question("skill_levels")
        self.choose("技师（二级）").type("取得技师（二级）的日期", "2019-06-30")
        self.cont()
        return self.finish_a(months="0", honors="全国技术能手")

    def finish_a(self, *, months: str = "0", honors: str = "都没有获得", series: str = "工程技术系列") -> list[tuple[str, str]]:
        """Pathway A from the months-out question to the check page: no studio, the rest 是 (integrity 否)."""
        self.expect_question("months_out_of_skill_work")
        self.type("#gt-months_out_of_skill_work", months).cont()
        self.answer("honors", honors)
        self.answer("studio", "不是领办人")
        self.answer("series", series)
        self.answer("speciality_matches", "是")
        self.answer("annual_assessment_passed", "是")
        self.answer("integrity_record", "否")
        return self.expect_check()

    def pathway_b_to_check(self) -> list[tuple[str, str]]:
        """Pathway B answered with a title, a start date and the years typed in, through to the check page."""
        self.answer("direction", B)
        self.answer_deadline("2026-06-30")
        self.title_to_work_start("副高级", "2018-12-01", "钳工")
        self.type("#gt-work_start", "2000/3/1").cont()
        self.expect_question("months_out_of_work")
        self.cont()
        self.expect_question("required_years")
        self.type("申报高级工（三级）", "6").type("申报技师（二级）", "10").type("申报高级技师（一级）", "15")
        self.cont()
        self.answer("related_major", "否")
        self.answer("integrity_record", "否")
        return self.expect_check()

    def answer_deadline(self, text: str | None) -> WizardPage:
        """The deadline question, whether it lists published rounds (then "其他日期") or not."""
        self.expect_question("deadline")
        other = self.page.get_by_label("其他日期", exact=True)
        if text is None:
            empty = self.page.get_by_label(flow.words_of(flow.BY_ID["deadline"])["unsure"], exact=True)
            if empty.count():
                empty.check()
        else:
            if other.count():
                other.check()
            self.type("#gt-deadline", text)
        return self.cont()

    def errors(self) -> list[str]:
        return self.page.locator("[data-gt-summary] li").all_inner_texts()

    def field_error(self, field_id: str) -> str:
        return self.page.inner_text(f'[data-gt-field="{field_id}"] .gt-error-message')

    def focused_id(self) -> str:
        return self.page.evaluate("document.activeElement && document.activeElement.id")

    def click_link(self, text: str) -> WizardPage:
        self.page.get_by_role("link", name=re.compile(text)).first.click()
        return self


# --- journeys several test modules take -------------------------------------------------------------
def eligible_journey(w: WizardPage, *, check=None) -> dict:
    """Pathway A to an eligible result with routes, reasons, next steps and notes."""
    check = check or (lambda what: None)
    w.open()
    check("the first question")
    w.answer("direction", A)
    w.answer_deadline("2026-06-30")
    w.answer("employed_in_huangshi", "是")
    w.answer("skill_post", "是")
    w.expect_question("skill_levels")
    w.choose("技师（二级）").type("取得技师（二级）的日期", "2020/9/1")
    check("a question with a revealed date field")
    w.cont()
    w.expect_question("months_out_of_skill_work")
    w.type("#gt-months_out_of_skill_work", "0").cont()
    w.expect_question("honors")
    w.choose("湖北省技术能手").choose("楚天名匠")
    w.page.get_by_role("button", name="添加一项其他荣誉").click()
    w.type("荣誉名称", "全国五一劳动奖章")
    w.page.get_by_label("您认为它与哪一档荣誉相当").select_option("deputy_senior")
    check("the honours question")
    w.cont()
    w.answer("studio", "湖北省技能大师工作室")
    w.answer("series", "工程技术系列")
    w.answer("speciality_matches", "是")
    w.answer("annual_assessment_passed", "是")
    w.answer("integrity_record", "否")
    w.expect_check()
    check("the check page")
    w.page.get_by_role("button", name="查看结果").click()
    result = w.expect_result()
    check("the result")
    return result


def short_journey_a(w: WizardPage) -> dict:
    """Pathway A's shortest result: no deadline, an employer outside Huangshi (not eligible at once)."""
    w.open().answer("direction", A)
    w.answer_deadline(None)
    w.answer("employed_in_huangshi", "否")
    w.expect_check()
    w.page.get_by_role("button", name="查看结果").click()
    return w.expect_result()


def short_journey_b(w: WizardPage) -> dict:
    w.pathway_b_to_check()
    w.page.get_by_role("button", name="查看结果").click()
    return w.expect_result()


def decode_share(url: str) -> dict:
    """The JSON a share link carries, in either form (store.js): "1." + base64url of the deflated JSON, or
    base64url of the JSON."""
    data = urlsplit(url).fragment.removeprefix("share=")
    compact = data.startswith("1.")
    data = data.removeprefix("1.")
    raw = base64.urlsafe_b64decode(data + "=" * (-len(data) % 4))
    return json.loads(zlib.decompress(raw, -15) if compact else raw)


class Held:
    """Every request matching ``pattern`` left unanswered until release() (then they go through), as on a
    slow link."""

    def __init__(self, w: WizardPage, pattern: str):
        self.routes: list = []
        self.released = False
        w.page.context.route(re.compile(pattern), self.handle)

    def handle(self, route) -> None:
        if self.released:
            route.continue_()
        else:
            self.routes.append(route)

    def release(self) -> None:
        self.released = True
        for route in self.routes:
            route.continue_()


@pytest.fixture
def wizard(built_site, serve_dir, new_page):
    """``wizard(**context_options) -> WizardPage`` on a fresh browser context (empty storage and cache)."""
    base = serve_dir(built_site)

    def make(**options) -> WizardPage:
        options.setdefault("viewport", {"width": 390, "height": 844})
        return WizardPage(new_page(**options), base)

    return make
