"""WebKit, the iPhone's engine, as Debian ships it (issue 34): WebKitGTK's MiniBrowser driven through
WebKitWebDriver (package webkit2gtk-driver) by the pinned Selenium client, on a virtual display (Xvfb).
No browser is downloaded. ``WebKitWizard`` answers the wizard as the Chromium tier's ``WizardPage`` does: it
keeps that class's journeys (pathway_a_to_check, pathway_b_to_check, finish_a, …) and answers each step
through WebDriver instead of Playwright."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

from browser.wizard_support import WizardPage

DRIVER = shutil.which("WebKitWebDriver") or "/usr/bin/WebKitWebDriver"
MINIBROWSER = Path("/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser")  # libwebkit2gtk-4.1-0's
XVFB = shutil.which("Xvfb") or "/usr/bin/Xvfb"
TIMEOUT = 180  # seconds: a cold engine boot in WebKit on a slow machine
# Errors a page meets after it loaded, kept where a test can read them (WebKitWebDriver has no log of them).
WATCH_ERRORS = """if (!window.__gtErrors) { window.__gtErrors = [];
  addEventListener('error', (e) => window.__gtErrors.push(String(e.message || e.error)));
  addEventListener('unhandledrejection', (e) => window.__gtErrors.push(String(e.reason))); }"""


@contextlib.contextmanager
def display() -> Iterator[str]:
    """A virtual display for the browser (its number chosen by Xvfb)."""
    if not Path(XVFB).exists():
        raise RuntimeError("需要 Xvfb：apt-get install -y xvfb（.ci/run 会安装）")
    read, write = os.pipe()
    proc = subprocess.Popen(
        [XVFB, "-displayfd", str(write), "-screen", "0", "1280x1024x24", "-nolisten", "tcp"], pass_fds=(write,), stderr=subprocess.DEVNULL
    )
    os.close(write)
    try:
        with os.fdopen(read) as f:
            number = f.readline().strip()
        if not number:
            raise RuntimeError("Xvfb did not start")
        yield f":{number}"
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def new_driver(screen: str):
    """A WebKitWebDriver session on MiniBrowser (a fresh, ephemeral profile each time)."""
    from selenium import webdriver
    from selenium.webdriver.webkitgtk.options import Options
    from selenium.webdriver.webkitgtk.service import Service

    if not Path(DRIVER).exists() or not MINIBROWSER.exists():
        raise RuntimeError("需要 WebKitGTK 的 WebDriver：apt-get install -y webkit2gtk-driver（.ci/run 会安装）")
    options = Options()
    options.binary_location = str(MINIBROWSER)
    options.add_argument("--automation")
    service = Service(executable_path=DRIVER, env={**os.environ, "DISPLAY": screen})
    driver = webdriver.WebKitGTK(options=options, service=service)
    driver.set_script_timeout(TIMEOUT)
    return driver


class WebKitWizard(WizardPage):
    """The wizard in WebKit: WizardPage's journeys, each step through WebDriver."""

    def __init__(self, driver, base_url: str):
        self.driver = driver
        self.base = base_url
        self.url = base_url + "wizard/"
        self.page = self.recorded = None  # (Playwright's: not here)

    # --- WebDriver in a few words ----------------------------------------------------------------------
    def js(self, script: str, *args):
        return self.driver.execute_script(script, *args)

    def wait(self, selector: str, timeout: float = TIMEOUT):
        """The first element matching ``selector`` once one is displayed."""
        end = time.monotonic() + timeout
        while True:
            for element in self.driver.find_elements("css selector", selector):
                with contextlib.suppress(Exception):
                    if element.is_displayed():
                        return element
            if time.monotonic() > end:
                raise TimeoutError(f"{selector} not shown within {timeout} s (screen {self.screen()})")
            time.sleep(0.1)

    def wait_until(self, script: str, timeout: float = TIMEOUT):
        end = time.monotonic() + timeout
        while not (value := self.js(script)):
            if time.monotonic() > end:
                raise TimeoutError(script)
            time.sleep(0.1)
        return value

    def label(self, text: str):
        """A label of the wizard by its exact text."""
        found = self.js(
            "return [...document.querySelectorAll('#gt-wizard label')].find((l) => l.textContent.trim() === arguments[0]) || null", text
        )
        if found is None:
            raise LookupError(f"no label {text!r} on {self.screen()}")
        return found

    def page_errors(self) -> list[str]:
        return self.js("return window.__gtErrors || []")

    # --- WizardPage's steps ------------------------------------------------------------------------------
    def open(self, fragment: str = "") -> WebKitWizard:
        self.driver.get(self.url + fragment)
        self.js(WATCH_ERRORS)
        self.wait("#gt-wizard[data-screen]")
        return self

    def wait_engine(self) -> WebKitWizard:
        self.wait('#gt-wizard[data-engine="ready"], #gt-wizard[data-engine="fatal"]')
        return self

    def wait_offline_ready(self) -> WebKitWizard:
        self.wait_engine()
        self.wait('#gt-wizard[data-offline="ready"]')
        return self

    def screen(self) -> str:
        return self.js("return document.getElementById('gt-wizard')?.dataset.screen || ''")

    def heading(self) -> str:
        return self.driver.find_element("css selector", "#gt-wizard h1").text

    def expect_question(self, qid: str) -> str:
        self.wait(f'#gt-wizard[data-screen="question:{qid}"] form[data-gt-question="{qid}"]')
        return self.heading()

    def expect_check(self) -> list[tuple[str, str]]:
        self.wait('#gt-wizard[data-screen="check"] dl.gt-summary')
        return [
            tuple(r)
            for r in self.js("""return [...document.querySelectorAll('.gt-summary__row')].map((r) =>
            [r.querySelector('dt').innerText, r.querySelector('.gt-summary__value').innerText])""")
        ]

    def expect_result(self) -> dict:
        self.wait('#gt-wizard[data-screen="result"] .gt-panel')
        return self.js("""document.querySelectorAll('#gt-wizard details.gt-level, #gt-wizard details.gt-steps-more').forEach((d) => { d.open = true; });
          const levels = {};
          for (const s of document.querySelectorAll('.gt-level')) levels[s.dataset.level] = { status: s.dataset.status,
            tag: s.querySelector('.gt-tag').innerText, text: s.innerText, links: [...s.querySelectorAll('a.gt-clause')].map((a) => a.getAttribute('href')) };
          const panel = document.querySelector('.gt-panel');
          return { panel: panel.innerText, highest: panel.getAttribute('data-highest'), levels,
            steps: [...document.querySelectorAll('.gt-steps li')].map((li) => li.innerText),
            notes: [...document.querySelectorAll('.gt-notes li')].map((li) => li.innerText),
            text: document.getElementById('gt-wizard').innerText };""")

    def choose(self, label: str) -> WebKitWizard:
        self.label(label).click()
        return self

    def type(self, field: str, text: str) -> WebKitWizard:
        if field.startswith("#"):
            target = self.driver.find_element("css selector", field)
        else:
            target = self.driver.find_element("id", self.label(field).get_attribute("for"))
        target.clear()
        target.send_keys(text)
        return self

    def cont(self) -> WebKitWizard:
        self.driver.find_element("css selector", "[data-gt-continue]").click()
        return self

    def answer_deadline(self, text: str | None) -> WebKitWizard:
        self.expect_question("deadline")
        labels = self.js("return [...document.querySelectorAll('#gt-wizard label')].map((l) => l.textContent.trim())")
        if text is not None:
            if "其他日期" in labels:
                self.choose("其他日期")
            self.type("#gt-deadline", text)
        return self.cont()

    def press(self, name: str) -> None:
        """Press the wizard's button whose text is ``name``."""
        button = self.js(
            "return [...document.querySelectorAll('#gt-wizard button')].find((b) => b.innerText.trim() === arguments[0]) || null", name
        )
        if button is None:
            raise LookupError(f"no button {name!r} on {self.screen()}")
        button.click()

    def share_link(self) -> str:
        self.press("分享结果链接")
        return self.wait_until("return document.getElementById('gt-share-url')?.value")
