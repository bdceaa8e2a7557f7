"""Faults (issue 7): the wizard keeps working when its files do not arrive or the browser keeps nothing.

- The engine's worker script, the engine bundle (guantong.<hash>.zip) or Pyodide's WebAssembly is
  blocked (the request aborted, as when the network drops): a plain Chinese message says so, offers the
  pathway pages (../pathway-a/, ../pathway-b/) and a 重试 button; with the network back, 重试 starts the
  engine again in the same page (no reload), the answers given so far are kept, and the journey goes on.
- Storage refused (private mode: localStorage throws): the wizard says answers will not survive a
  reload, and a whole journey still reaches its result and a share link; a blocked engine retried in
  that state keeps the answers in memory.

(tests/browser/test_wizard_phone.py covers a browser without WebAssembly and a Pyodide that is 404.)
"""

from __future__ import annotations

import re

import pytest

from .test_wizard_offline import short_journey_b
from .test_wizard_support import B, WizardPage, wizard  # noqa: F401 - fixture

REFUSE_STORAGE = """Object.defineProperty(window, 'localStorage', {get() { throw new DOMException('denied', 'SecurityError'); }});"""
BLOCKED = {
    "the worker script": r"/wizard/assets/worker\.[0-9a-f]+\.mjs$",
    "the engine bundle": r"/wizard/engine/guantong\.[0-9a-f]+\.zip$",
    "Pyodide": r"/wizard/pyodide/pyodide\.asm\.wasm$",
}


def block(w: WizardPage, pattern: str) -> list[str]:
    aborted: list[str] = []

    def abort(route):
        aborted.append(route.request.url)
        route.abort("internetdisconnected")

    w.page.context.route(re.compile(pattern), abort)
    return aborted


def expect_fallback(w: WizardPage) -> str:
    w.page.wait_for_selector('#gt-wizard[data-engine="fatal"] .gt-unavailable', timeout=120_000)
    text = w.page.inner_text(".gt-unavailable")
    assert "暂时无法启动申报条件自测" in text and "网络" in text, text
    hrefs = [a.get_attribute("href") for a in w.page.locator(".gt-unavailable a").all()]
    assert "../pathway-a/" in hrefs and "../pathway-b/" in hrefs
    assert w.page.get_attribute(".gt-unavailable", "role") == "alert"
    assert w.page.get_by_role("button", name="重试").is_visible()
    return text


@pytest.mark.parametrize("what", BLOCKED)
def test_a_file_that_does_not_load_then_retry(wizard, what):
    w: WizardPage = wizard(service_workers="block")
    aborted = block(w, BLOCKED[what])
    w.open()
    expect_fallback(w)
    assert aborted, f"{what} was never requested"
    navigations = len(w.recorded.requested(r"/wizard/$"))
    w.page.context.unroute(re.compile(BLOCKED[what]))
    w.page.get_by_role("button", name="重试").click()
    w.wait_engine()
    assert len(w.recorded.requested(r"/wizard/$")) == navigations, "retried in the page, not by reloading it"
    assert w.focused_id() == "gt-heading"
    w.answer("direction", B)
    w.answer_deadline("2026-06-30")
    w.expect_question("titles")


def test_retry_while_the_network_is_still_down_fails_again_plainly(wizard):
    w: WizardPage = wizard(service_workers="block")
    aborted = block(w, BLOCKED["the engine bundle"])
    w.open()
    expect_fallback(w)
    w.page.get_by_role("button", name="重试").click()
    w.page.wait_for_function("() => document.querySelector('#gt-wizard').dataset.engine !== 'fatal'")
    expect_fallback(w)
    assert len(aborted) >= 2, "the retry asked again"


def test_storage_refused_a_whole_journey_and_a_retry_keep_the_answers(wizard):
    w: WizardPage = wizard(service_workers="block")
    w.page.add_init_script(REFUSE_STORAGE)
    aborted = block(w, BLOCKED["the engine bundle"])
    w.open()
    assert "不允许保存数据" in w.page.inner_text("[data-gt-tools]")
    # The first question comes from the exported flow while the engine loads: answer it meanwhile.
    w.choose(B).cont()
    expect_fallback(w)
    assert "在关闭或刷新页面之前仍然保留" in w.page.inner_text(".gt-unavailable")
    assert aborted
    w.page.context.unroute(re.compile(BLOCKED["the engine bundle"]))
    w.page.get_by_role("button", name="重试").click()
    w.wait_engine()
    # Back on the question that was being answered, with the choice kept (in memory: nothing is stored).
    w.expect_question("direction")
    assert w.page.is_checked("#gt-direction-1")
    result = short_journey_b(w)
    assert result["highest"] == "senior_technician"
    w.page.get_by_role("button", name="分享结果链接").click()
    assert "#share=" in w.page.input_value("#gt-share-url")
