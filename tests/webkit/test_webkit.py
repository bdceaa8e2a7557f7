"""The site in WebKit, the engine of every browser on an iPhone and of WeChat there (issue 34): Debian's
WebKitGTK through WebKitWebDriver (tests/webkit/webkit_support.py). Both pathways clicked through to a
result with the journeys of the Chromium tier; a share link opened to its result, the result image drawn
and its QR code read back to the link; 关怀模式 applied by the page's head; offline after a visit (the
engine's service worker); the batch page reading an xlsx and a GBK CSV to the command's results; no page
error anywhere."""

from __future__ import annotations

import base64
import io
from pathlib import Path

import pytest

from browser.batch_support import GBK_CSV, people_xlsx
from browser.wizard_support import decode_share
from build_scripts.browser_profiles import CARE_ON
from build_scripts.sample_answers import RESULT_PEOPLE, share_fragment
from build_scripts.server import static as static_server
from guantong_tools import batch

from .webkit_support import WATCH_ERRORS, WebKitWizard

zxingcpp = pytest.importorskip("zxingcpp")
Image = pytest.importorskip("PIL.Image")


def test_both_pathways_from_the_first_question_to_a_result(webkit, site):
    w = WebKitWizard(webkit(), site).open()
    w.wait_engine()
    assert w.js("return document.getElementById('gt-wizard').dataset.engine") == "ready"
    w.pathway_a_to_check()
    w.press("查看结果")
    a = w.expect_result()
    assert "您可以申报：中级职称" in a["panel"] and a["highest"] == "intermediate"
    assert all(level["links"] for level in a["levels"].values()), "every level cites its clause"
    w.press("清除我的回答")
    w.press("确定清除")
    w.pathway_b_to_check()
    w.press("查看结果")
    b = w.expect_result()
    assert "您可以申报：高级技师（一级）" in b["panel"] and b["highest"] == "senior_technician"
    assert w.page_errors() == []


def test_a_share_link_opens_to_its_result_with_the_image_and_its_qr_code(webkit, site):
    answers, skipped, status = RESULT_PEOPLE["A eligible"]
    w = WebKitWizard(webkit(), site).open(share_fragment(answers, skipped))
    result = w.expect_result()
    assert result["highest"] and status == "eligible"
    link = w.share_link()
    assert decode_share(link)["a"]["direction"] == "skill_to_title"
    src = w.wait_until(
        "const img = document.querySelector('.gt-card__image'); return img && img.complete && img.naturalWidth ? img.src : ''"
    )
    assert src.startswith("data:image/png;base64,")
    png = base64.b64decode(src.split(",", 1)[1])
    codes = [code.text for code in zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))]
    assert codes == [link], "the image's QR code is the share link"
    assert w.page_errors() == []


def test_care_mode_is_on_from_the_page_s_head(webkit, site):
    driver = webkit()
    driver.get(site)
    driver.execute_script(CARE_ON)
    for url in ("", "wizard/", "batch/", "pathway-a/"):
        driver.get(site + url)
        on = driver.execute_script(
            "return [document.documentElement.hasAttribute('data-gt-care'), getComputedStyle(document.documentElement).fontSize]"
        )
        assert on[0], url
        assert float(on[1].removesuffix("px")) > 20, f"/{url}: the care root size, not {on[1]}"


def test_offline_after_one_visit_where_the_service_worker_runs(webkit, built_site):
    driver = webkit()
    base, stop = static_server.start(built_site)
    try:
        w = WebKitWizard(driver, base).open()
        w.wait_offline_ready()
        assert w.js("return !!(navigator.serviceWorker && navigator.serviceWorker.controller)") or w.js(
            "return navigator.serviceWorker.ready.then(() => true)"
        )
    finally:
        stop()  # nothing answers on that port any more
    answers, skipped, _ = RESULT_PEOPLE["B eligible"]
    w.open(share_fragment(answers, skipped))
    assert w.expect_result()["highest"]
    assert w.page_errors() == []


@pytest.mark.parametrize("name,data", [("名单.xlsx", people_xlsx()), ("名单.csv", GBK_CSV)], ids=["xlsx", "gbk-csv"])
def test_the_batch_page_reads_a_list_as_the_command_does(webkit, site, name, data, tmp_path):
    driver = webkit()
    driver.get(site + "batch/")
    w = WebKitWizard(driver, site)
    w.js(WATCH_ERRORS)
    w.wait("#gt-batch[data-mounted]")
    path = Path(tmp_path) / name
    path.write_bytes(data)
    driver.find_element("css selector", "#gt-batch-file").send_keys(str(path))
    w.wait_until("return document.getElementById('gt-batch').dataset.rows")
    summary = w.js("return document.querySelector('[data-gt-summary-line]').innerText")
    native = batch.read(data, name)
    assert summary == native.summary()
    names = w.js("return [...document.querySelectorAll('[data-gt-rows] tr')].map((tr) => tr.querySelector('th').innerText)")
    assert names == [str(r.cells.get("姓名")) for r in native.rows]
    assert w.page_errors() == []
