"""Faults (issue 7): the wizard keeps working when its files do not arrive or the browser keeps nothing.

- The engine's worker script, the engine bundle (guantong.<hash>.zip) or Pyodide's WebAssembly is
  blocked (the request aborted, as when the network drops): the questions stay answerable; the status
  line says the engine did not load, with 重试; the result page says so plainly, offers the printable
  condition tables (../pathway-a/, ../pathway-b/) and 重试; with the network back, 重试 starts the engine
  again in the same page (no reload), the answers given so far are kept, and the result appears.
- Storage refused (private mode: localStorage throws): the wizard says answers will not survive a
  reload, and a whole journey still reaches its result and a share link; a blocked engine retried in
  that state keeps the answers in memory.

(tests/browser/test_wizard_phone.py covers a browser without WebAssembly and a Pyodide that is 404.)
"""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

import pytest

from .wizard_support import B, WizardPage, wizard  # noqa: F401 - fixture

REFUSE_STORAGE = """Object.defineProperty(window, 'localStorage', {get() { throw new DOMException('denied', 'SecurityError'); }});"""
BLOCKED = {
    "the worker script": r"/wizard/assets/worker\.[0-9a-f]+\.mjs$",
    "the engine bundle": r"/wizard/engine/guantong\.[0-9a-f]+\.zip$",
    "Pyodide": r"/wizard/pyodide/pyodide\.asm\.[0-9a-f]+\.wasm$",
}
# What the status line gives as the reason (words.js: scriptError, bootFailed).
REASON = {
    "the worker script": "自测程序脚本出错",
    "the engine bundle": "自测程序的文件没能下载：guantong.",
    "Pyodide": "判断程序（.wasm 文件）无法加载",
}


def block(w: WizardPage, pattern: str) -> list[str]:
    aborted: list[str] = []

    def abort(route):
        aborted.append(route.request.url)
        route.abort("internetdisconnected")

    w.page.context.route(re.compile(pattern), abort)
    return aborted


def expect_status_retry(w: WizardPage) -> str:
    """The status line above the questions: the engine did not load, questions go on, 重试."""
    w.page.wait_for_selector('#gt-wizard[data-engine="fatal"]', timeout=120_000)
    text = w.page.inner_text("[data-gt-engine]")
    assert "没能载入" in text and "继续回答问题" in text, text
    assert w.page.locator("[data-gt-engine] [data-gt-retry]").is_visible()
    return text


def expect_fallback(w: WizardPage) -> str:
    """The result page when the engine cannot load: why, 重试 and the condition tables."""
    w.page.wait_for_selector('#gt-wizard[data-engine="fatal"] .gt-unavailable', timeout=120_000)
    text = w.page.inner_text(".gt-unavailable")
    assert "暂时无法得出结果" in text and "网络" in text, text
    hrefs = [a.get_attribute("href") for a in w.page.locator(".gt-unavailable a").all()]
    paths = {urlsplit(urljoin(w.page.url, h)).path for h in hrefs}  # Material may have made them absolute
    assert "/pathway-a/" in paths and "/pathway-b/" in paths
    assert w.page.get_attribute(".gt-unavailable", "role") == "alert"
    assert w.page.locator(".gt-unavailable [data-gt-retry]").is_visible()
    return text


@pytest.mark.parametrize("what", BLOCKED)
def test_a_file_that_does_not_load_then_retry(wizard, what):
    w: WizardPage = wizard(service_workers="block")
    aborted = block(w, BLOCKED[what])
    w.open()
    assert REASON[what] in expect_status_retry(w)
    assert aborted, f"{what} was never requested"
    # The questions go on without the engine, to the check page; the result page says what happened.
    w.pathway_b_to_check()
    w.page.get_by_role("button", name="查看结果").click()
    expect_fallback(w)
    navigations = len(w.recorded.requested(r"/wizard/$"))
    w.page.context.unroute(re.compile(BLOCKED[what]))
    w.page.locator(".gt-unavailable [data-gt-retry]").click()
    result = w.expect_result()
    assert len(w.recorded.requested(r"/wizard/$")) == navigations, "retried in the page, not by reloading it"
    assert result["highest"] == "senior_technician", "the answers were kept"
    assert w.focused_id() == "gt-heading"


def test_retry_from_the_status_line_while_the_network_is_still_down_fails_again_plainly(wizard):
    w: WizardPage = wizard(service_workers="block")
    aborted = block(w, BLOCKED["the engine bundle"])
    w.open()
    expect_status_retry(w)
    w.answer("direction", B)
    w.page.locator("[data-gt-engine] [data-gt-retry]").click()
    w.page.wait_for_function("() => document.querySelector('#gt-wizard').dataset.engine !== 'fatal'")
    expect_status_retry(w)
    assert len(aborted) >= 2, "the retry asked again"
    w.expect_question("deadline")  # still on the question being answered


def test_storage_refused_a_whole_journey_and_a_retry_keep_the_answers(wizard):
    w: WizardPage = wizard(service_workers="block")
    w.page.add_init_script(REFUSE_STORAGE)
    aborted = block(w, BLOCKED["the engine bundle"])
    w.open()
    assert "不允许保存数据" in w.page.inner_text("[data-gt-tools]")
    # The questions come from the exported flow whatever the engine does: answer them meanwhile.
    w.pathway_b_to_check()
    w.page.get_by_role("button", name="查看结果").click()
    assert "在关闭或刷新页面之前仍然保留" in expect_fallback(w)
    assert aborted
    w.page.context.unroute(re.compile(BLOCKED["the engine bundle"]))
    w.page.locator(".gt-unavailable [data-gt-retry]").click()
    result = w.expect_result()  # the answers, kept in memory only, reached the engine
    assert result["highest"] == "senior_technician"
    assert "#share=" in w.share_link()
