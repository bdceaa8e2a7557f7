"""The wizard on a phone, for keyboard and screen-reader users, on paper, and where it cannot run.

- 360×740: no horizontal scroll on any screen, tap targets at least 44 px, a result screenshot saved
  under test-artifacts/ (light and dark palettes).
- Keyboard only: a whole question answered with Tab, Space and Enter; focus lands on each new heading;
  every control has a label; errors are announced (role=alert).
- Print: the result prints as one A4 page without the site's navigation or the wizard's buttons.
- No WebAssembly, or Pyodide that cannot load: a plain Chinese message with the pathway pages.
"""

from __future__ import annotations

import base64
import re
from urllib.parse import urljoin, urlsplit

from .wizard_support import A, WizardPage, eligible_journey, short_journey_a, wizard  # noqa: F401 - fixture

PHONE = {"viewport": {"width": 360, "height": 740}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}

OVERFLOW = "document.documentElement.scrollWidth - document.documentElement.clientWidth"
# Every tappable thing of the wizard (inline links inside sentences are exempt, as in WCAG 2.5.8).
SMALL_TARGETS = """() => [...document.querySelectorAll(
    '#gt-wizard button, #gt-wizard .gt-choice, #gt-wizard input:not([type=radio]):not([type=checkbox]), '
    + '#gt-wizard select, #gt-wizard a.gt-back, #gt-wizard a.gt-link')]
  .filter(el => el.offsetParent !== null)
  .map(el => [el.outerHTML.slice(0, 80), Math.round(el.getBoundingClientRect().height), Math.round(el.getBoundingClientRect().width)])
  .filter(([, h, w]) => h < 44 || w < 44)"""
UNLABELLED = """() => [...document.querySelectorAll('#gt-wizard input, #gt-wizard select')]
  .filter(el => el.type !== 'hidden' && !(el.labels && el.labels.length) && !el.getAttribute('aria-labelledby')
                && !el.getAttribute('aria-label'))
  .map(el => el.outerHTML.slice(0, 100))"""


def check_phone_screen(w: WizardPage, what: str) -> None:
    assert w.page.evaluate(OVERFLOW) <= 0, f"horizontal scroll on {what}"
    assert w.page.evaluate(SMALL_TARGETS) == [], f"tap targets under 44 px on {what}"
    assert w.page.evaluate(UNLABELLED) == [], f"controls without a label on {what}"


def test_phone_width_targets_labels_and_result_screenshot(wizard, screenshot):
    w: WizardPage = wizard(**PHONE)
    result = eligible_journey(w, check=lambda what: check_phone_screen(w, what))
    assert "您可以申报：中级职称" in result["panel"]
    assert result["levels"]["deputy_senior"]["status"] == "undetermined"
    assert "全国五一劳动奖章" in result["levels"]["deputy_senior"]["text"]
    path = screenshot(w.page, "wizard_result_360x740")
    assert path.stat().st_size > 20_000
    # The same result in Material's dark palette.
    w.page.evaluate("document.body.setAttribute('data-md-color-scheme', 'slate')")
    check_phone_screen(w, "the result in the dark palette")
    colours = w.page.evaluate("""() => { const s = getComputedStyle(document.querySelector('.gt-wizard'));
        return [s.color, getComputedStyle(document.body).backgroundColor]; }""")
    assert colours[0] != colours[1]
    screenshot(w.page, "wizard_result_360x740_dark")


SHIFTS = """() => { window.__shifts = [];
  new PerformanceObserver((list) => { for (const e of list.getEntries()) if (!e.hadRecentInput) window.__shifts.push(
    {value: e.value, at: Math.round(e.startTime), from: e.sources.map((s) => s.node && s.node.className).join(' ')}); })
    .observe({type: 'layout-shift', buffered: true}); }"""


def test_the_question_stays_put_while_the_engine_loads(wizard):
    """The status line above the question shrinks when the engine is ready (one line, no bar): the
    question must not move up under the person's finger (layout shift without input); the next screen,
    the person's own step, lets the status line fit again."""
    w: WizardPage = wizard(**PHONE)
    w.page.add_init_script(f"addEventListener('DOMContentLoaded', {SHIFTS})")
    w.open()
    w.expect_question("direction")
    w.wait_engine()
    w.wait_offline_ready()  # the status's last words (已可离线使用) come after ready: measured after them
    shifts = w.page.evaluate("window.__shifts")
    assert sum(s["value"] for s in shifts) < 0.01, shifts
    assert w.page.evaluate("document.querySelector('[data-gt-engine]').style.minHeight")
    w.answer("direction", A)
    w.expect_question("deadline")
    assert w.page.evaluate("document.querySelector('[data-gt-engine]').style.minHeight") == ""


def test_keyboard_only_with_focus_and_announced_errors(wizard):
    w: WizardPage = wizard()
    w.open().wait_engine()
    page = w.page
    # Tab to the first option, choose it with Space, submit with Enter.
    page.locator("#gt-direction-0").focus()
    page.keyboard.press("Space")
    assert page.locator("#gt-direction-0").is_checked()
    page.keyboard.press("Enter")
    w.expect_question("deadline")
    assert w.focused_id() == "gt-heading"
    assert page.get_attribute("#gt-heading", "tabindex") == "-1"
    for _ in range(5):  # past the hint's link to the notice, to the date field
        page.keyboard.press("Tab")
        if w.focused_id() == "gt-deadline":
            break
    assert w.focused_id() == "gt-deadline"
    page.keyboard.type("2026-13-45")
    page.keyboard.press("Enter")
    page.wait_for_selector("[data-gt-summary]:not([hidden])")
    summary = page.locator("[data-gt-summary]")
    assert summary.get_attribute("role") == "alert"
    assert "出现问题" in summary.inner_text()
    assert page.evaluate("document.activeElement.matches('[data-gt-summary]')")
    message = w.field_error("gt-deadline")
    assert message.startswith("错误：") and "不存在" in message
    described = page.get_attribute("#gt-deadline", "aria-describedby")
    assert "gt-deadline-error" in described.split()
    # The summary's link takes the keyboard to the field, with the text still there.
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert w.focused_id() == "gt-deadline"
    assert page.input_value("#gt-deadline") == "2026-13-45"
    page.keyboard.press("Control+A")
    page.keyboard.type("2026/6/30")
    page.keyboard.press("Enter")
    w.expect_question("employed_in_huangshi")
    assert w.focused_id() == "gt-heading"
    # The engine's loading progress is a labelled <progress> with a polite status line.
    assert page.get_attribute("[data-gt-engine-text]", "aria-live") == "polite"
    assert page.get_attribute("[data-gt-engine] progress", "aria-label")
    assert page.evaluate(UNLABELLED) == []


PRINT_SIZES = """() => { const out = {}; const walker = document.createTreeWalker(document.querySelector('#gt-wizard'), NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) { const el = walker.currentNode.parentElement; if (!walker.currentNode.textContent.trim() || !el.getClientRects().length) continue;
    const px = parseFloat(getComputedStyle(el).fontSize); const key = (px * 0.75).toFixed(1); (out[key] ??= []).push(walker.currentNode.textContent.trim().slice(0, 16)); }
  return out; }"""


def printed(w: WizardPage, tmp_path, name: str) -> tuple[int, dict]:
    """Pages of the printout (Chromium's PDF of the print view) and its text sizes in pt."""
    w.page.emulate_media(media="print")
    sizes = w.page.evaluate(PRINT_SIZES)
    pdf = w.page.pdf(format="A4", print_background=True)
    (tmp_path / f"{name}.pdf").write_bytes(pdf)
    w.page.emulate_media(media="screen")
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf)), {float(k): v for k, v in sizes.items()}


def test_result_prints_for_older_eyes_on_one_a4_page_where_it_fits(wizard, tmp_path):
    """Issue 22: the printed body at 10.5 pt at least, nothing under 9 pt; a short result on one A4 page,
    a long one on two at most; in 关怀模式 larger still (12 pt body)."""
    w: WizardPage = wizard()
    eligible_journey(w)
    w.page.emulate_media(media="print")
    assert w.page.locator(".md-header").is_hidden()
    assert w.page.locator("[data-gt-print]").is_hidden()
    assert w.page.locator(".gt-print-head").is_visible()
    assert w.page.locator("[data-gt-card]").is_hidden(), "the result image is for the screen"
    w.page.emulate_media(media="screen")
    pages, sizes = printed(w, tmp_path, "result")
    assert min(sizes) >= 9, sizes
    w.page.emulate_media(media="print")
    level_text = w.page.evaluate("parseFloat(getComputedStyle(document.querySelector('.gt-level li')).fontSize) * 0.75")
    steps = w.page.evaluate("parseFloat(getComputedStyle(document.querySelector('.gt-steps li')).fontSize) * 0.75")
    w.page.emulate_media(media="screen")
    assert level_text >= 10.5 and steps >= 10.5, (level_text, steps)
    assert pages <= 2, f"the printed result takes {pages} A4 pages"
    # 关怀模式: larger on paper too.
    w.page.evaluate("document.documentElement.setAttribute('data-gt-care', '')")
    care_pages, care_sizes = printed(w, tmp_path, "result-care")
    assert min(care_sizes) >= 10.5, care_sizes
    w.page.emulate_media(media="print")
    assert w.page.evaluate("parseFloat(getComputedStyle(document.querySelector('.gt-steps li')).fontSize) * 0.75") >= 12
    w.page.emulate_media(media="screen")
    assert care_pages <= 3, f"in care mode the printed result takes {care_pages} A4 pages"


def test_a_short_result_prints_on_one_page(wizard, tmp_path):
    w: WizardPage = wizard()
    short_journey_a(w)
    pages, sizes = printed(w, tmp_path, "short")
    assert pages == 1 and min(sizes) >= 9, (pages, sizes)


def test_without_webassembly_a_plain_message_and_the_pathway_pages(wizard):
    w: WizardPage = wizard()
    w.page.add_init_script("delete window.WebAssembly")
    w.open()
    w.page.wait_for_selector('#gt-wizard[data-engine="fatal"]')
    text = w.page.inner_text("#gt-wizard")
    assert "此浏览器无法运行申报条件自测" in text
    hrefs = [a.get_attribute("href") for a in w.page.locator(".gt-unavailable a").all()]
    paths = {urlsplit(urljoin(w.page.url, h)).path for h in hrefs}  # Material may have made them absolute
    assert "/pathway-a/" in paths and "/pathway-b/" in paths


def test_pyodide_that_cannot_load_is_reported_not_a_blank_page(wizard):
    w: WizardPage = wizard()
    w.page.context.route(re.compile(r".*/pyodide\.asm\.[0-9a-f]+\.wasm$"), lambda route: route.fulfill(status=404, body="missing"))
    w.open()
    w.page.wait_for_selector('#gt-wizard[data-engine="fatal"]', timeout=60_000)
    # A load failure, not the browser's fault: the status line says so with 重试, the questions go on.
    status = w.page.inner_text("[data-gt-engine]")
    assert "自测程序没能载入" in status and "重试" in status, status
    # Why, in words (words.js bootFailed).
    assert "判断程序（.wasm 文件）无法加载" in status, status
    w.answer("direction", A)
    w.expect_question("deadline")
    # The result page explains and offers the condition tables.
    w.open(
        "#share=" + base64.urlsafe_b64encode(b'{"a":{"direction":"skill_to_title","integrity_record":true},"s":[]}').decode().rstrip("=")
    )
    w.page.wait_for_selector(".gt-unavailable", timeout=60_000)
    assert "暂时无法得出结果" in w.page.inner_text(".gt-unavailable")
    assert w.page.locator(".gt-unavailable a[href$='pathway-a/']").count() == 1


def test_without_javascript_the_page_says_what_to_do(wizard):
    w: WizardPage = wizard(java_script_enabled=False)
    w.page.goto(w.url)
    text = w.page.inner_text("#gt-wizard")
    assert "申报条件自测" in text and "无法运行自测" in text
    # The fallback's link; the screens built ahead (the first question, the one for a browser that cannot
    # run the engine) stay hidden without scripts.
    assert w.page.locator("#gt-wizard a[href='../pathway-b/']:visible").count() == 1
    assert w.page.locator("[data-gt-too-old]").is_hidden() and w.page.locator("[data-gt-ahead]").is_hidden()
