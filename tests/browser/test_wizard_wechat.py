"""Where the links open (issue 21): the wizard and the batch page in a WeChat-like browser (WeChat's Android
user agent, no service worker, no Cache Storage in the page nor its worker, no window.print, downloads
refused: build_scripts/browser_profiles.py), in one without WebAssembly, and in one without streaming
compilation. Both pathways clicked through to a result; the line saying what needs the system browser,
with its drawn guide, shown once and gone for good after 知道了; every visible button of the result
pressed without a page error; the result image's QR code, and the printout's (a 300 dpi render of the
PDF), decoded back to the share link.
"""

from __future__ import annotations

import io
import re

import pytest

from build_scripts.browser_profiles import no_streaming, too_old, wechat

from build_scripts.server import static as static_server
from .batch_support import RESULTS, people_xlsx, xlsx_file
from .wizard_support import ENGINE_FILES, ENGINE_TIMEOUT, WizardPage, decode_share, eligible_journey, short_journey_b, wizard  # noqa: F401 - fixture

PHONE = {"viewport": {"width": 360, "height": 740}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}

zxingcpp = pytest.importorskip("zxingcpp")
Image = pytest.importorskip("PIL.Image")


def decode_qr(png: bytes) -> list[str]:
    return [code.text for code in zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))]


@pytest.fixture
def in_app(built_site, serve_dir, new_page):
    """``in_app(profile=wechat) -> WizardPage`` on a phone-sized context of that profile."""
    base = serve_dir(built_site)

    def make(profile=wechat, **options) -> WizardPage:
        recorded = new_page(**profile.context(**{**PHONE, **options}))
        profile.apply(recorded.page.context)
        return WizardPage(recorded, base)

    return make


def press_every_button(w: WizardPage) -> list[str]:
    """Click every visible, enabled button of the result screen; their names."""
    pressed = []
    for i in range(w.page.locator("#gt-wizard [data-gt-screen] button").count()):
        button = w.page.locator("#gt-wizard [data-gt-screen] button").nth(i)
        if button.is_visible() and button.is_enabled():
            pressed.append(button.inner_text())
            button.click()
            w.page.wait_for_timeout(0)
    return pressed


def result_image(w: WizardPage) -> bytes:
    w.page.wait_for_selector(".gt-card__image", timeout=ENGINE_TIMEOUT)
    return w.page.locator(".gt-card__image").screenshot()


def test_wechat_both_pathways_the_guide_the_image_and_no_dead_button(in_app):
    w = in_app()
    result = eligible_journey(w)
    assert "您可以申报：中级职称" in result["panel"]
    where = w.page.locator("[data-gt-where-box]")
    assert where.count() == 1 and where.is_visible()
    line = where.locator(".gt-where__line").inner_text()
    assert "在微信里可以回答问题、查看结果" in line and "离线使用、打印、下载文件" in line
    # The drawn guide, behind 怎么在浏览器中打开.
    w.page.get_by_text("怎么在浏览器中打开").click()
    assert w.page.locator(".gt-where__figure").is_visible()
    assert "「在浏览器中打开」" in where.inner_text()

    # No 打印 where it cannot work; the image with WeChat's own gesture instead.
    assert w.page.locator("[data-gt-print]").count() == 0
    assert w.page.get_by_text("长按图片保存或发送给朋友").is_visible()
    assert w.page.locator("[data-gt-save-image]").count() == 0
    png = result_image(w)
    natural = w.page.eval_on_selector(".gt-card__image", "img => [img.naturalWidth, img.src.slice(0, 22)]")
    assert natural[0] >= 720 and natural[1] == "data:image/png;base64,"

    # Every visible button pressed: no page error, the share link falls back to copying (or the link shown).
    pressed = press_every_button(w)
    assert "分享结果链接" in pressed and "打印结果" not in pressed, pressed
    w.page.wait_for_function("() => document.querySelector('[data-gt-share-note]')?.textContent")
    link = w.page.input_value("#gt-share-url")
    assert link.split("#share=")[1].startswith("1."), "the compact form"
    note = w.page.inner_text("[data-gt-share-note]")
    assert note in ("已复制链接，可以粘贴发送给朋友。", "无法自动复制：请长按下面的链接，选择“复制”。")
    if note.startswith("无法"):
        assert w.page.inner_text("[data-gt-share-link]") == link

    # The image's QR code, read off the image as shown, is the share link.
    assert decode_qr(png) == [link]
    assert decode_share(link)["a"]["direction"] == "skill_to_title"
    assert not w.recorded.errors, w.recorded.errors

    # 知道了: gone, and not shown again on this device (a reload, pathway B to its result).
    w.page.locator("[data-gt-where-dismiss]").click()
    assert w.page.locator("[data-gt-where-box]").count() == 0
    w.page.reload()
    w.page.wait_for_selector("#gt-wizard[data-mounted]")
    w.page.get_by_role("button", name="清除我的回答").click()
    w.page.get_by_role("button", name="确定清除").click()
    b = short_journey_b(w)
    assert b["highest"] == "senior_technician"
    assert w.page.locator("[data-gt-where-box]").count() == 0
    press_every_button(w)
    w.page.wait_for_function("() => document.querySelector('[data-gt-share-note]')?.textContent")
    assert decode_qr(result_image(w)) == [w.page.input_value("#gt-share-url")]
    assert not w.recorded.errors, w.recorded.errors
    # Nothing was kept in Cache Storage, and no service worker ran.
    assert not any("/sw.js" in url for url in w.recorded.requests)


def test_wechat_second_visit_fetches_no_engine_byte(built_site, new_page):
    """Without a service worker the HTTP cache keeps the engine: its files carry their hashes in their names
    and are served immutable, so a second visit (a share link, as WeChat people open them) asks the server
    for none of them, and reaches the result, Python restored from the snapshot kept in IndexedDB."""
    sent: list[tuple[str, int, str]] = []
    with static_server.serve(built_site, on_served=lambda path, size, coding: sent.append((path, size, coding))) as base:
        recorded = new_page(**wechat.context(**PHONE))
        wechat.apply(recorded.page.context, worker=False)  # no route: it would turn the HTTP cache off
        w = WizardPage(recorded, base)
        eligible_journey(w)
        link = w.share_link()
        # No Cache Storage: Python's memory after the first boot is kept in IndexedDB instead.
        w.page.wait_for_function("() => window.guantongWizard.engine.snapshot", timeout=ENGINE_TIMEOUT)
        assert w.page.evaluate("() => window.guantongWizard.engine.snapshot.where") == "indexedDB"
        first = [path for path, _, _ in sent if re.search(ENGINE_FILES, path)]
        assert len(first) >= 5, first
        w.page.goto("about:blank")
        mark = len(sent)
        w.page.goto(link)
        assert "您可以申报：中级职称" in w.expect_result()["panel"]
        assert w.page.evaluate("() => window.guantongWizard.engine.status.restored") is True, "restored from the snapshot"
        again = sent[mark:]
        engine = [(path, size, coding) for path, size, coding in again if re.search(ENGINE_FILES, path)]
        assert engine == [], f"engine files asked for again: {engine}"
        assert sum(size for _, size, _ in again) < 20_000, again  # the page revalidated (304), nothing big


def test_wechat_batch_page_reads_and_says_why_it_cannot_download(built_site, serve_dir, new_page):
    base = serve_dir(built_site)
    recorded = new_page(**wechat.context(viewport={"width": 390, "height": 844}))
    wechat.apply(recorded.page.context)
    page = recorded.page
    page.goto(base + "batch/")
    page.wait_for_selector("#gt-batch[data-mounted]")
    assert "在微信里可以读取名单、查看结果" in page.inner_text("[data-gt-where-box]")
    assert page.locator("a[data-gt-template]").count() == 0
    page.set_input_files("#gt-batch-file", xlsx_file(people_xlsx()))
    page.wait_for_selector(RESULTS, timeout=ENGINE_TIMEOUT)
    assert "王五" in page.inner_text("[data-gt-rows]")
    assert page.locator("[data-gt-download]").count() == 0
    needs = page.locator("[data-gt-results] [data-gt-needs-browser]")
    assert needs.count() == 2 and all("在浏览器中打开本页" in t for t in needs.all_inner_texts())
    page.locator("[data-gt-row]").first.click()
    page.wait_for_selector("[data-gt-detail]:not([hidden]) .gt-panel")
    assert not recorded.errors, recorded.errors


def test_a_browser_without_webassembly_is_told_at_once(in_app):
    w = in_app(too_old)
    w.page.goto(w.url)
    w.page.wait_for_selector('#gt-wizard[data-screen="unavailable"] .gt-unavailable', timeout=ENGINE_TIMEOUT)
    text = w.page.inner_text("#gt-wizard")
    assert "此浏览器无法运行申报条件自测" in text and "没有下载任何文件" in text
    assert "高技能人才申报专业技术职称的条件" in text, "the condition tables are offered"
    w.page.wait_for_timeout(500)
    assert not w.recorded.requested(ENGINE_FILES), w.recorded.requested(ENGINE_FILES)
    assert w.page.evaluate("document.documentElement.dataset.gtUnsupported") == "webAssembly"
    assert not w.recorded.errors, w.recorded.errors


def test_without_streaming_compilation_the_engine_still_answers(in_app):
    w = in_app(no_streaming, service_workers="block")
    w.open()
    b = short_journey_b(w)
    assert b["highest"] == "senior_technician"
    assert not w.recorded.errors, w.recorded.errors


def test_the_printed_qr_code_reads_back_at_300_dpi_and_is_large_enough(in_app, tmp_path):
    """The printout (Chromium's own PDF of the print view) rendered at 300 dpi: its code is the share link,
    at least 35 mm wide, at least 0.4 mm a module."""
    pdfium = pytest.importorskip("pypdfium2")
    w = in_app(viewport={"width": 1000, "height": 900}, is_mobile=False, has_touch=False, device_scale_factor=1)
    eligible_journey(w)
    w.page.wait_for_selector("[data-gt-qr-body] svg", state="attached")
    link = w.share_link()
    w.page.emulate_media(media="print")
    pdf = w.page.pdf(format="A4", print_background=True)
    doc = pdfium.PdfDocument(pdf)
    image = doc[0].render(scale=300 / 72).to_pil()
    codes = zxingcpp.read_barcodes(image)
    assert [c.text for c in codes] == [link]
    pos = codes[0].position
    width_px = max(pos.top_right.x, pos.bottom_right.x) - min(pos.top_left.x, pos.bottom_left.x)
    width_mm = width_px / 300 * 25.4
    modules = w.page.get_attribute("[data-gt-qr-body] svg", "data-modules")
    assert width_mm >= 35, f"{width_mm:.1f} mm"
    assert width_mm / int(modules) >= 0.4, f"{width_mm / int(modules):.2f} mm a module"


def test_the_code_on_screen_reads_back_from_a_screenshot_of_the_visible_page(in_app):
    """As a second phone sees it: the image scrolled into view, the viewport as it is (header included)."""
    w = in_app(profile=wechat)
    eligible_journey(w)
    link = w.share_link()
    w.page.wait_for_selector(".gt-card__image")
    w.page.locator(".gt-card__image").scroll_into_view_if_needed()
    w.page.evaluate("window.scrollBy(0, document.querySelector('.gt-card__image').getBoundingClientRect().bottom - innerHeight + 20)")
    shot = w.page.screenshot()
    assert decode_qr(shot) == [link]


def test_elsewhere_the_image_is_saved_by_a_button_and_printing_is_offered(wizard):
    """In a browser of its own: 保存图片 downloads the same PNG (its code the share link); 打印结果 is there;
    no line about the system browser (everything works here)."""
    w = wizard(accept_downloads=True)
    eligible_journey(w)
    assert w.page.locator("[data-gt-print]").is_visible()
    assert w.page.locator("[data-gt-where-box]").count() == 0
    assert w.page.get_by_text("长按图片保存或发送给朋友").count() == 0
    w.page.wait_for_selector("[data-gt-save-image]:not([hidden])", timeout=ENGINE_TIMEOUT)
    with w.page.expect_download() as info:
        w.page.get_by_role("button", name="保存图片").click()
    download = info.value
    assert download.suggested_filename == "申报条件自测结果.png"
    png = open(download.path(), "rb").read()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert decode_qr(png) == [w.share_link()]
    assert not w.recorded.errors, w.recorded.errors
