"""The page 单位批量自测 (issue 12) in a real browser, the engine and openpyxl on Pyodide: an xlsx and a GBK
CSV read on the device, the table, a row's full result with its clause links, the results downloaded and
read back (the same results as the command), the 推荐公示 draft printed; bad files get a Chinese message
and the page keeps working; nothing is requested while a file is processed, nothing leaves the site;
axe in both palettes; offline after the first visit.
"""

from __future__ import annotations

import datetime as dt
import io
import re

import openpyxl
import pytest

from guantong_tools import batch
from guantong.policy import load_policy
from inert_support import HOSTILE, PLAIN, XLSX_TEXTS, assert_csv_inert, assert_kept, assert_xlsx_inert, csv_input, xlsx_input

from .batch_support import GBK_CSV, RESULTS, load, load_as_native, people_xlsx, table, xlsx_file
from build_scripts.server import static as static_server
from .trust_support import assert_clean, csp_violations
from .wizard_support import ENGINE_TIMEOUT


def test_xlsx_table_row_download_and_draft(batch_page):
    recorded, base = batch_page()
    page = recorded.page
    data = people_xlsx()
    summary, native = load_as_native(page, xlsx_file(data), data, "名单.xlsx")
    assert summary == native.summary()
    rows = table(page)
    assert [r[2] for r in rows] == [str(r.cells.get("姓名")) for r in native.rows]
    assert "2019-02-30" in rows[[r[2] for r in rows].index("钱七")][4]  # the error row names the cell

    # Filters and search.
    page.get_by_label(re.compile(r"^出错")).check()
    assert [r[2] for r in table(page)] == ["钱七"]
    page.get_by_label(re.compile(r"^全部")).check()
    page.fill("#gt-batch-search", "W4")
    assert [r[2] for r in table(page)] == ["孙八"]
    page.fill("#gt-batch-search", "")

    # A row's full result, rendered like the wizard's, with its clause links to the notice.
    page.get_by_role("button", name=re.compile("^详情.*王五的完整结果$")).click()
    detail = page.locator("[data-gt-detail]")
    detail.locator(".gt-panel").wait_for()
    assert "王五" in detail.locator("h2").inner_text()
    link = detail.locator("a.gt-clause").first
    assert re.search(r"/policy/#", link.get_attribute("href"))
    page.get_by_role("button", name="关闭").click()
    assert detail.is_hidden()

    # The results as xlsx, read back: every row's result columns are the command's.
    with page.expect_download() as info:
        page.get_by_role("button", name="下载结果（xlsx）").click()
    download = info.value
    assert download.suggested_filename == "名单-检查结果.xlsx"
    book = openpyxl.load_workbook(io.BytesIO(download.path().read_bytes()))
    policy = load_policy()
    columns = batch.result_columns(policy)
    got = []
    for ws in book.worksheets:
        if ws.sheet_state != "visible" or ws.title in ("填写说明",):
            continue
        head = [c.value for c in ws[1]]
        if "结论" not in head:
            continue
        for values in ws.iter_rows(min_row=2, values_only=True):
            cells = dict(zip(head, values, strict=False))
            if any(v not in (None, "") for v in values) and batch.EXAMPLE_MARK not in str(cells["姓名"]):
                got.append({c: cells.get(c) or "" for c in columns})
    assert got == [{c: v or "" for c, v in batch.result_cells(r, policy).items()} for r in native.rows]
    with page.expect_download() as info:
        page.get_by_role("button", name="下载结果（CSV）").click()
    assert info.value.suggested_filename == "名单-检查结果.csv"

    # The 推荐公示 draft: a date the calendar does not cover is refused on its field; then printed.
    page.fill("#gt-notice-employer", "黄石市某某有限公司")
    page.fill("#gt-notice-start", "2040-06-01")
    page.get_by_role("button", name="生成并打印公示草稿").click()
    page.wait_for_selector("#gt-notice-start-error:not([hidden])")
    assert "2040" in page.inner_text("#gt-notice-start-error")
    page.fill("#gt-notice-start", "2026-06-01")
    with page.context.expect_page() as popup_info:
        page.get_by_role("button", name="生成并打印公示草稿").click()
    popup = popup_info.value
    popup.wait_for_load_state()
    text = popup.inner_text("body")
    first, last = batch.posting_period(dt.date(2026, 6, 1))
    assert "黄石市某某有限公司" in text and "推荐人选公示" in text
    assert f"{last.year}年{last.month}月{last.day}日" in text
    eligible = [str(r.cells["姓名"]) for r in native.rows if r.result and r.result["direction"] == "skill_to_title" and r.result["highest"]]
    assert eligible and all(name in text for name in eligible)
    assert f"拟推荐以下 {len(eligible)} 名同志" in text
    assert page.inner_text("[data-gt-period]").startswith("公示期：2026年6月1日 至 ")
    assert not recorded.errors
    assert csp_violations(recorded) == []


def test_gbk_csv_and_bad_files(batch_page):
    recorded, _ = batch_page()
    page = recorded.page
    page.fill("#gt-batch-deadline", "2026-06-30")
    # Not a spreadsheet: said in Chinese, on the file field; the deadline typed stays.
    page.set_input_files("#gt-batch-file", {"name": "名单.pdf", "mimeType": "application/pdf", "buffer": "姓名\n张三".encode()})
    page.wait_for_selector("[data-gt-batch-error]:not([hidden])", timeout=ENGINE_TIMEOUT)
    assert "不是能读取的名单文件" in page.inner_text("#gt-batch-file-error")
    assert page.input_value("#gt-batch-deadline") == "2026-06-30"
    for files, words in (
        ({"name": "空.csv", "mimeType": "text/csv", "buffer": b""}, "文件是空的"),
        ({"name": "无姓名.csv", "mimeType": "text/csv", "buffer": "编号,申报方向\nA1,职称\n".encode("gbk")}, "没有找到“姓名”列"),
        ({"name": "两次.csv", "mimeType": "text/csv", "buffer": "姓名,姓名,申报方向\n甲,乙,职称\n".encode()}, "出现了两次"),
        (xlsx_file(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "加密.xlsx"), "无法读取这个 Excel 97–2003"),
        (xlsx_file(bytes(batch.MAX_BYTES + 1), "太大.xlsx"), batch.too_large(batch.MAX_BYTES + 1)),  # the command's words
    ):
        page.set_input_files("#gt-batch-file", files)
        page.wait_for_function(
            "(w) => document.querySelector('#gt-batch-file-error').textContent.includes(w)", arg=words, timeout=ENGINE_TIMEOUT
        )
    # A bad batch-wide deadline is refused on its own field.
    page.fill("#gt-batch-deadline", "2026-02-30")
    page.set_input_files("#gt-batch-file", {"name": "名单.csv", "mimeType": "text/csv", "buffer": GBK_CSV})
    page.wait_for_selector("#gt-batch-deadline-error:not([hidden])", timeout=ENGINE_TIMEOUT)
    # Fixed, the same file loads: a GBK CSV, detected.
    page.fill("#gt-batch-deadline", "2026-06-30")
    page.get_by_role("button", name=re.compile("检查名单|重新检查")).click()
    page.wait_for_selector(RESULTS, timeout=ENGINE_TIMEOUT)
    native = batch.read(GBK_CSV, "名单.csv", "2026-06-30")
    assert page.inner_text("[data-gt-summary-line]") == native.summary()
    # The columns taken, unused and lacking, as the command says them, before the table (issue 30).
    assert page.inner_text("[data-gt-columns]").splitlines() == native.columns() and len(native.columns()) >= 2
    above = page.evaluate(
        "document.querySelector('[data-gt-columns]').getBoundingClientRect().bottom"
        " <= document.querySelector('.gt-batch__table').getBoundingClientRect().top"
    )
    assert above
    assert [r[1] for r in table(page)] == ["周九", "吴十"]
    assert not recorded.errors
    assert csp_violations(recorded) == []


def test_nothing_requested_while_processing_nor_from_elsewhere(batch_page):
    recorded, base = batch_page(service_workers="block")
    page = recorded.page
    page.wait_for_function("() => window.guantongBatch.engine.isReady", timeout=ENGINE_TIMEOUT)
    page.evaluate("() => window.guantongBatch.engine.call('batch_load', {})")
    before = len(recorded.requests)
    load(page, xlsx_file(people_xlsx()))
    page.get_by_role("button", name=re.compile("^详情.*王五的完整结果$")).click()
    page.locator("[data-gt-detail] .gt-panel").wait_for()
    with page.expect_download():
        page.get_by_role("button", name="下载结果（xlsx）").click()
    after = [u for u in recorded.requests[before:] if not u.startswith(("blob:", "data:"))]
    assert after == [], after
    assert all(u.startswith((base, "blob:", "data:", "about:")) for u in recorded.requests), recorded.requests
    assert any("/engine/batch." in u for u in recorded.requests), "openpyxl's zip came from the site"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_with_results_shown(batch_page, scheme):
    recorded, _ = batch_page(color_scheme="light" if scheme == "light" else "dark", bypass_csp=True)
    page = recorded.page
    load(page, xlsx_file(people_xlsx()))
    page.get_by_role("button", name=re.compile("^详情.*王五的完整结果$")).click()
    page.locator("[data-gt-detail] .gt-panel").wait_for()
    assert_clean(page, f"/batch/ with results ({scheme})")


def test_offline_after_the_first_visit(built_site, new_page):
    base, stop = static_server.start(built_site)
    try:
        recorded = new_page(viewport={"width": 1280, "height": 900})
        page = recorded.page
        page.goto(base + "batch/")
        page.wait_for_selector("#gt-batch[data-mounted]")
        page.wait_for_function("() => window.guantongBatch.engine.isReady", timeout=ENGINE_TIMEOUT)
        page.evaluate("() => window.guantongBatch.engine.call('batch_load', {})")
        # (Not an async predicate: wait_for_function takes the promise it returns as a truthy value at once.)
        page.wait_for_function("() => !!navigator.serviceWorker.controller", timeout=ENGINE_TIMEOUT)
        # The page asked the service worker to keep it and what it loads (a wizard visit does not).
        page.wait_for_selector("#gt-batch[data-kept]", timeout=ENGINE_TIMEOUT)
        assert int(page.get_attribute("#gt-batch", "data-kept")) >= 5
    finally:
        stop()
    page.context.set_offline(True)
    page.reload()
    page.wait_for_selector("#gt-batch[data-mounted]")
    assert load(page, {"name": "名单.csv", "mimeType": "text/csv", "buffer": GBK_CSV}).startswith("共 2 行")
    with page.expect_download() as info:
        page.get_by_role("link", name="下载空白模板（xlsx）").click()
    assert openpyxl.load_workbook(io.BytesIO(info.value.path().read_bytes())).sheetnames[:2] == ["申报职称", "申报技能等级"]


def test_linked_from_home_and_nav_and_explained_on_the_privacy_page(built_site):
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert re.search(r'href="batch/"[^>]*>单位批量自测</a>', home), "the home page's audience list links it"
    assert re.search(r'href="[^"]*batch/"[^>]*class="md-nav__link', home), "the nav lists it"
    privacy = (built_site / "privacy" / "index.html").read_text(encoding="utf-8")
    for words in ("单位批量自测", "不会上传到任何服务器", "不会保存", "openpyxl"):
        assert words in privacy, words
    page = (built_site / "batch" / "index.html").read_text(encoding="utf-8")
    assert 'download="单位批量自测模板.xlsx"' in page, "the fallback offers the template without the script"
    assert (built_site / "wizard" / "batch-template.xlsx").read_bytes() == batch.template()


def test_an_older_releases_batch_zip_is_dropped_from_the_cache(batch_page):
    recorded, _ = batch_page()
    page = recorded.page
    page.wait_for_function("() => window.guantongBatch.engine.isReady", timeout=ENGINE_TIMEOUT)
    listed = """async () => {
        const [name] = (await caches.keys()).filter((n) => n.startsWith("guantong-wizard-pyodide-"));
        return (await (await caches.open(name)).keys()).map((r) => new URL(r.url).pathname).filter((p) => p.includes("/engine/"));
    }"""
    stale = "/wizard/engine/batch.0123456789ab.zip"
    page.evaluate(
        """async (stale) => {
        const [name] = (await caches.keys()).filter((n) => n.startsWith("guantong-wizard-pyodide-"));
        await (await caches.open(name)).put(new URL(stale, location.href).href, new Response("an older release's zip"));
    }""",
        stale,
    )
    assert stale in page.evaluate(listed)
    page.evaluate("() => window.guantongBatch.engine.call('batch_load', {})")  # resolves once it is unpacked

    def batch_zips() -> list[str]:
        return [p for p in page.evaluate(listed) if "/engine/batch." in p]

    # The worker tidies up just after, and the new zip is stored as it streams: neither holds the reply.
    for _ in range(100):
        kept = batch_zips()
        if stale not in kept and len(kept) == 1:
            break
        page.wait_for_timeout(100)
    assert stale not in kept and len(kept) == 1, kept


def test_the_file_is_not_kept(batch_page):
    recorded, _ = batch_page()
    page = recorded.page
    load(page, xlsx_file(people_xlsx()))
    stored = page.evaluate("""async () => {
        const found = [];
        for (const name of await caches.keys()) {
            for (const req of await (await caches.open(name)).keys()) found.push(req.url);
        }
        return {local: Object.keys(localStorage), session: Object.keys(sessionStorage), cached: found};
    }""")
    # Only what the privacy page lists for every visitor (the palette, that the engine ran here, the
    # dismissed in-app line): nothing of the file.
    assert all(k.endswith("__palette") or k in ("guantong-engine:v1", "guantong-where:v1") for k in stored["local"]), stored
    assert stored["session"] == [], stored
    assert not [u for u in stored["cached"] if "名单" in u or "batch-in" in u], stored["cached"]


@pytest.mark.parametrize("name", ["名单.csv", "名单.xlsx"])
def test_the_page_s_downloads_of_a_hostile_list_are_inert(batch_page, name):
    """Issue 23: typed formulas, live formula cells and hyperlinks go out of the page's downloads as values
    (the same code as the command: read back with openpyxl and the csv module)."""
    recorded, _ = batch_page()
    page = recorded.page
    data = xlsx_input() if name.endswith(".xlsx") else csv_input()
    mime = "text/csv" if name.endswith(".csv") else "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    load(page, {"name": name, "mimeType": mime, "buffer": data})
    files = {}
    for fmt in ("xlsx", "csv"):
        with page.expect_download() as info:
            page.locator(f"[data-gt-download='{fmt}']").click()
        files[fmt] = info.value.path().read_bytes()
    cells = assert_xlsx_inert(files["xlsx"])
    assert set(XLSX_TEXTS) <= {c.value for c in cells}
    assert_kept(HOSTILE + PLAIN, assert_csv_inert(files["csv"]))
    assert not recorded.errors, recorded.errors
