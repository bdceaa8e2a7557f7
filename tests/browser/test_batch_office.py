"""The batch page as an HR office uses it (issue 25): lists as offices make them (a stray space in a
header, a title row above the headers, Excel's 「Unicode 文本」, formulas a script wrote, merged cells, the
template's example rows left in), the normal way of working (a bad file after a good one, the same file
picked again after an edit), the 推荐公示 draft's picks and a refused date, and a long list on a phone.
Every list is also read natively: the page says what the command says."""

from __future__ import annotations

import io
import re

import openpyxl

from build_scripts import office_lists
from guantong_tools import batch
from inert_support import assert_xlsx_inert

from .batch_support import RESULTS, choose, load, load_as_native, people_xlsx, settle, table, xlsx_file

EXCEPTION = re.compile(r"[A-Za-z]+(Error|Exception)|Traceback|requested file could not be read", re.I)
PHONE = {"viewport": {"width": 360, "height": 740}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}


def csv_file(text: str, name: str = "名单.csv", encoding: str = "utf-8-sig") -> dict:
    return {"name": name, "mimeType": "text/csv", "buffer": text.encode(encoding)}


def on_screen(page) -> str:
    return page.inner_text("#gt-batch")


def stale_free(page) -> None:
    """No result of an earlier file stays to be pressed, and no exception's text is on screen."""
    assert page.locator("[data-gt-results]").is_hidden()
    assert page.locator("[data-gt-download], [data-gt-notice-form], [data-gt-row]").count() == 0
    assert not EXCEPTION.search(on_screen(page)), on_screen(page)


A_CSV = (
    "姓名,编号,申报方向,单位在黄石市,一线或技能岗位,技师取得日期,中断技能工作月数,申报系列,专业与工种相同或相近,近3年年度考核合格,弄虚作假记录\n"
    "周九,C1,职称,是,是,2019-06-30,0,工程技术,是,是,否\n"
    "吴十,C2,职称,是,是,2024-06-30,0,工程技术,是,是,否\n"
)


def test_a_refused_file_after_a_good_one_leaves_nothing_stale(batch_page):
    recorded, _ = batch_page()
    page = recorded.page
    load(page, xlsx_file(people_xlsx(), "好名单.xlsx"))
    assert "文件：好名单.xlsx" in on_screen(page)
    # Refused by the engine (no 姓名), then by the page itself (an empty file): each clears the results.
    for files, words in (
        (csv_file("编号,申报方向\nA1,职称\n", "无姓名.csv"), "没有找到“姓名”列"),
        ({"name": "01-empty.csv", "mimeType": "text/csv", "buffer": b""}, "文件是空的"),
    ):
        assert choose(page, files) is None
        assert words in page.inner_text("#gt-batch-file-error")
        stale_free(page)
    # The engine holds no file now: a download asked for anyway is refused in Chinese, not with a KeyError.
    reply = page.evaluate("() => window.guantongBatch.engine.call('batch_write', {format: 'csv'})")
    assert not reply.get("ok") or reply["value"].get("error"), reply
    # A good file again: its results under its own name.
    load(page, csv_file(A_CSV, "第二份.csv"))
    with page.expect_download() as info:
        page.get_by_role("button", name="下载结果（CSV）").click()
    assert info.value.suggested_filename == "第二份-检查结果.csv"
    assert "周九" in info.value.path().read_text(encoding="utf-8-sig")
    assert not recorded.errors


def test_a_header_with_a_stray_space_still_names_everyone(batch_page):
    recorded, _ = batch_page()
    page = recorded.page
    text = A_CSV.replace("姓名,编号", " 姓名 ,编号 ", 1)
    summary = load(page, csv_file(text))
    native = batch.read(text.encode("utf-8-sig"), "名单.csv")
    assert summary == native.summary()
    assert [r[1] for r in table(page)] == ["周九", "吴十"]
    page.fill("#gt-batch-search", "周九")
    page.wait_for_function("() => document.querySelectorAll('[data-gt-rows] tr').length === 1")
    assert table(page)[0][1] == "周九" and table(page)[0][2] == "C1"
    page.get_by_role("button", name=re.compile("^详情.*周九的完整结果$")).click()
    assert "周九" in page.locator("[data-gt-detail] h2").inner_text()
    assert page.locator("label[for^=gt-pick-]").first.inner_text() == "周九（C1）"


def office_list(title: bool = True) -> bytes:
    """An office's own list: a merged title in row 1, a note in row 2, the headers in row 3, a 单位在黄石市
    merged down over two people, one bad date (row 6 of the sheet)."""
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "申报职称"
    headers = [
        "序号",
        "姓名",
        "编号",
        "单位在黄石市",
        "一线或技能岗位",
        "技师取得日期",
        "中断技能工作月数",
        "申报系列",
        "专业与工种相同或相近",
        "近3年年度考核合格",
        "弄虚作假记录",
    ]
    if title:
        ws.append(["XX公司2026年度职称申报人员名单"])
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(headers))
        ws.append(["填表单位（盖章）：", None, None, "填表日期：2026年11月"])
    ws.append(headers)
    top = ws.max_row + 1
    ws.append([1, "王五", "W1", "是", "是", "2019-06-30", 0, "工程技术", "是", "是", "否"])
    ws.append([2, "赵六", "W2", None, "是", "2018-01-05", 0, "工程技术", "是", "是", "否"])
    ws.merge_cells(start_row=top, start_column=4, end_row=top + 1, end_column=4)
    ws.append([3, "钱七", "W3", "是", "是", "2019-02-30"])
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


def test_a_title_row_above_the_headers_and_merged_cells(batch_page):
    recorded, _ = batch_page()
    page = recorded.page
    data = office_list()
    summary = load(page, xlsx_file(data, "公司名单.xlsx"))
    native = batch.read(data, "公司名单.xlsx")
    assert summary == native.summary()
    assert "表头在第 3 行，上面的 2 行未作为人员读取" in summary
    rows = table(page)
    assert [r[1] for r in rows] == ["王五", "赵六", "钱七"]
    assert [r[0] for r in rows] == ["4", "5", "6"]  # the sheet's own row numbers
    assert "第 6 行" in rows[2][3] and "2019-02-30" in rows[2][3]  # the error names the sheet's row
    # The merged 单位在黄石市 counts for 赵六 too: his result is the one of a complete row.
    zhao = next(r for r in native.rows if r.cells.get("姓名") == "赵六")
    assert zhao.answers.get("employed_in_huangshi") is True


def test_excel_s_unicode_text_is_read(batch_page):
    recorded, _ = batch_page()
    page = recorded.page
    data = A_CSV.replace(",", "\t").replace("\n", "\r\n").encode("utf-16")  # with its BOM, as Excel saves it
    summary = load(page, {"name": "名单.csv", "mimeType": "text/plain", "buffer": data})
    assert summary == batch.read(data, "名单.csv").summary()
    assert [r[1] for r in table(page)] == ["周九", "吴十"]


OFFICE_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "xls": "application/vnd.ms-excel",
    "et": "application/octet-stream",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "txt": "text/plain",
}


def test_xls_et_ods_and_unicode_text_read_on_the_page_as_the_xlsx_and_the_command_read_them(batch_page):
    """Issue 32: the same list saved by LibreOffice as .xls (and as WPS's .et), .ods and 「Unicode 文本」 gives
    the table of its .xlsx (the text file: its first sheet), and the summary the command gives; the picker
    offers them; an xls or ods list's results are said to come as xlsx, and they do."""
    recorded, _ = batch_page()
    page = recorded.page
    accept = page.get_attribute("#gt-batch-file", "accept").split(",")
    assert {".xls", ".et", ".ods", ".txt", ".xlsx", ".csv"} <= set(accept)
    tables = {}
    for kind in ("xlsx", "xls", "et", "ods", "txt"):
        data = office_lists.FILES[kind].read_bytes()
        name = f"名单.{kind}"
        summary, native = load_as_native(page, {"name": name, "mimeType": OFFICE_TYPES[kind], "buffer": data}, data, name)
        assert summary == native.summary(), kind
        tables[kind] = table(page)
        said = page.locator("[data-gt-as-xlsx]")
        assert (said.count() == 1) == (kind in ("xls", "et", "ods")), kind
        if kind == "xls":
            assert "名单是 xls 文件，结果保存为 xlsx" in said.inner_text()
            with page.expect_download() as info:
                page.get_by_role("button", name="下载结果（xlsx）").click()
            assert info.value.suggested_filename == "名单-检查结果.xlsx"
            got = openpyxl.load_workbook(io.BytesIO(info.value.path().read_bytes()))
            assert got.sheetnames == ["申报职称", "申报技能等级"]
            assert got["申报职称"].freeze_panes == "A3" and got["申报职称"].page_setup.orientation == "landscape"
    for kind in ("xls", "et", "ods"):
        assert tables[kind] == tables["xlsx"], kind
    first_sheet = [r[1:] for r in tables["xlsx"] if r[0] == "申报职称"]
    assert [r[:2] for r in tables["txt"]] == [r[:2] for r in first_sheet], "the text file: the first sheet's people"


def test_the_same_file_picked_again_after_an_edit(batch_page, tmp_path):
    recorded, _ = batch_page()
    page = recorded.page
    path = tmp_path / "名单.csv"
    path.write_text(A_CSV, encoding="utf-8-sig")
    assert load(page, str(path)).startswith("共 2 行")
    assert page.input_value("#gt-batch-file") == ""  # the field forgets the file once read
    # Edited and saved, then chosen again: a new check starts.
    path.write_text(A_CSV + "郑十一,C3,职称,否\n", encoding="utf-8-sig")
    assert load(page, str(path)).startswith("共 3 行")
    # Edited again but only 检查名单 pressed: the browser cannot read the old handle; said in Chinese.
    path.write_text(A_CSV, encoding="utf-8-sig")
    settle(page, lambda: page.get_by_role("button", name=re.compile("检查名单|重新检查")).click())
    message = page.inner_text("[data-gt-batch-error]")
    assert "请重新选择这个文件" in message
    stale_free(page)
    assert load(page, str(path)).startswith("共 2 行")
    assert not recorded.errors


def test_formulas_a_script_wrote_and_the_template_s_example_rows(batch_page):
    recorded, _ = batch_page()
    page = recorded.page
    book = openpyxl.load_workbook(io.BytesIO(batch.template()))
    a = book["申报职称"]
    headers = [c.value for c in a[1]]
    row = {
        "姓名": '="王"&"五"',
        "编号": '=CONCAT("W",1)',
        "单位在黄石市": "是",
        "一线或技能岗位": "是",
        "技师取得日期": "2019-06-30",
        "申报系列": "工程技术",
    }
    a.append([row.get(h) for h in headers])  # openpyxl writes formulas with no cached value, as scripts do
    buf = io.BytesIO()
    book.save(buf)
    data = buf.getvalue()
    summary = load(page, xlsx_file(data))
    native = batch.read(data, "名单.xlsx")
    assert summary == native.summary()
    assert "共 1 行" in summary and "跳过模板的示例行 2 行" in summary
    assert "2 个公式单元格没有保存计算结果，按公式文本读取" in summary
    assert "未读取隐藏的工作表" not in summary
    assert table(page)[0][2] == '="王"&"五"'  # the name does not vanish: the formula's text (after 工作表, 行)
    with page.expect_download() as info:
        page.get_by_role("button", name="下载结果（xlsx）").click()
    assert_xlsx_inert(info.value.path().read_bytes())


def test_the_draft_starts_with_nobody_forced_and_a_refused_date_clears_the_period(batch_page):
    recorded, _ = batch_page()
    page = recorded.page
    load(page, csv_file(A_CSV))
    picked = page.locator("[data-gt-picked]")
    eligible = page.locator("[data-gt-pick]").count()
    assert eligible >= 1 and picked.inner_text() == f"已选 {eligible} / {eligible} 人"
    page.get_by_role("button", name="全不选").click()
    assert picked.inner_text() == f"已选 0 / {eligible} 人"
    page.fill("#gt-notice-employer", "黄石市某某有限公司")
    page.fill("#gt-notice-start", "2026-06-01")
    windows = len(page.context.pages)
    page.get_by_role("button", name="生成并打印公示草稿").click()
    assert "请至少选择一人列入公示" in page.inner_text("[data-gt-batch-error]")
    assert len(page.context.pages) == windows  # no blank window opened for nothing
    page.get_by_role("button", name="全选").click()
    with page.context.expect_page() as popup:
        page.get_by_role("button", name="生成并打印公示草稿").click()
    popup.value.wait_for_load_state()
    popup.value.close()
    assert page.inner_text("[data-gt-period]").startswith("公示期：2026年6月1日 至 2026年6月5日")
    # A date the page can tell is wrong: refused before any window opens, and the old period goes.
    page.fill("#gt-notice-start", "2026-02-30")
    assert page.inner_text("[data-gt-period]") == ""
    page.get_by_role("button", name="生成并打印公示草稿").click()
    page.wait_for_selector("#gt-notice-start-error:not([hidden])")
    assert page.inner_text("[data-gt-period]") == ""
    # A date the engine refuses (beyond the calendar): the same.
    page.fill("#gt-notice-start", "2026-06-01")
    with page.context.expect_page() as popup:
        page.get_by_role("button", name="生成并打印公示草稿").click()
    popup.value.close()
    page.fill("#gt-notice-start", "2040-06-01")
    page.get_by_role("button", name="生成并打印公示草稿").click()
    page.wait_for_selector("#gt-notice-start-error:not([hidden])")
    assert "2040" in page.inner_text("#gt-notice-start-error")
    assert page.inner_text("[data-gt-period]") == ""
    assert page.locator("[data-gt-notice-save]").is_hidden()
    assert not recorded.errors


def long_list(n: int = 400) -> bytes:
    book = openpyxl.load_workbook(io.BytesIO(batch.template()))
    for ws in book.worksheets:
        if ws.title in ("申报职称", "申报技能等级"):
            ws.delete_rows(2, ws.max_row)
    a = book["申报职称"]
    headers = [c.value for c in a[1]]
    for i in range(n):
        cells = {
            "姓名": f"职工{i:03d}号（机修车间）",
            "编号": f"A{i:04d}",
            "单位在黄石市": "是",
            "一线或技能岗位": "是",
            "技师取得日期": f"{2010 + i % 15}-06-30",
            "中断技能工作月数": i % 3,
            "申报系列": "工程技术",
            "专业与工种相同或相近": "是",
            "近3年年度考核合格": "是",
            "弄虚作假记录": "否",
            "荣誉": "全国技术能手" if i % 7 == 0 else None,
        }
        a.append([cells.get(h) for h in headers])
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


def test_a_long_list_on_a_phone(batch_page, screenshot):
    recorded, _ = batch_page(**PHONE)
    page = recorded.page
    summary = load(page, xlsx_file(long_list()))
    assert summary.startswith("共 400 行")
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 360, f"the page is {width} px wide at 360"
    # The downloads come before the table, and a finger reaches them.
    download = page.get_by_role("button", name="下载结果（xlsx）")
    rows_box = page.locator(".gt-batch__scroll--rows").bounding_box()
    assert download.bounding_box()["y"] < rows_box["y"]
    assert rows_box["height"] <= 0.75 * 740  # the table scrolls inside its box
    box = download.bounding_box()
    assert box["height"] >= 44 and box["width"] >= 44
    download.scroll_into_view_if_needed()
    with page.expect_download() as info:
        download.tap()
    assert info.value.suggested_filename.endswith("-检查结果.xlsx")
    for radio in page.locator("[data-gt-results] .gt-radio__label").all():
        assert radio.bounding_box()["height"] >= 44
    # Scrolled right, the table still shows whose row it is.
    scroller = page.locator(".gt-batch__scroll--rows")
    scroller.scroll_into_view_if_needed()
    page.evaluate("() => { const s = document.querySelector('.gt-batch__scroll--rows'); s.scrollLeft = s.scrollWidth; }")
    name = page.locator("[data-gt-rows] tr").first.locator("th")
    nb, sb = name.bounding_box(), scroller.bounding_box()
    assert sb["x"] - 1 <= nb["x"] and nb["x"] + nb["width"] <= sb["x"] + sb["width"] + 1
    page.evaluate("() => { document.querySelector('.gt-batch__scroll--rows').scrollLeft = 0; }")
    screenshot(page, "batch-phone-table-400")
    page.get_by_role("button", name=re.compile("^详情.*职工007号（机修车间）的完整结果$")).tap()
    page.locator("[data-gt-detail] .gt-panel").wait_for()
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 360
    screenshot(page, "batch-phone-row-400")
    page.keyboard.press("Escape")
    # The draft's pick list: every level select within its box, no sideways scroll needed to reach one.
    picks = page.locator(".gt-batch__scroll--picks")
    picks.scroll_into_view_if_needed()
    box = picks.bounding_box()
    assert page.evaluate(
        "() => { const s = document.querySelector('.gt-batch__scroll--picks'); return s.scrollWidth <= s.clientWidth + 1; }"
    )
    select = picks.locator("select").first.bounding_box()
    assert box["x"] <= select["x"] and select["x"] + select["width"] <= box["x"] + box["width"] + 1
    assert select["height"] >= 44
    screenshot(page, "batch-phone-picks-400")
    assert not recorded.errors


def test_the_page_at_200_percent_text_after_a_list(batch_page):
    """The phone's text at 200 %: the page still never scrolls sideways."""
    recorded, _ = batch_page(**PHONE)
    page = recorded.page
    page.add_style_tag(content="html { font-size: 200% !important; }")
    load(page, xlsx_file(long_list(40)))
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 360
    assert page.locator(RESULTS).is_visible()


def test_the_table_fits_a_desktop_screen_and_a_refused_file_is_said_on_a_phone(batch_page, screenshot):
    """Issue 32: at 1366 × 768 a list of both pathways on two sheets (the most columns the table has) shows
    the name, the conclusion, every level and 详情 without a sideways scroll; on a phone a refused file's
    message is scrolled into view and announced."""
    recorded, _ = batch_page(viewport={"width": 1366, "height": 768})
    page = recorded.page
    load(page, xlsx_file(office_lists.FILES["xlsx"].read_bytes()))
    box = page.locator(".gt-batch__scroll--rows")
    sizes = box.evaluate("(s) => [s.scrollWidth, s.clientWidth]")
    assert sizes[0] <= sizes[1], f"the table is {sizes[0]} px wide in a box of {sizes[1]} px"
    last = page.locator("[data-gt-rows] tr").first.locator("[data-gt-row]").bounding_box()
    assert last["x"] + last["width"] <= 1366
    screenshot(page, "batch-desktop-1366")
    recorded, _ = batch_page(**PHONE)
    page = recorded.page
    load(page, xlsx_file(office_lists.FILES["xlsx"].read_bytes()))
    page.evaluate("() => window.scrollTo(0, document.body.scrollHeight)")  # the person reads the results, then…
    page.locator("[data-gt-run]").scroll_into_view_if_needed()
    assert choose(page, {"name": "名单.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4"}) is None
    summary = page.locator("[data-gt-batch-error]")
    assert summary.get_attribute("role") == "alert", "announced"
    page.wait_for_function(
        "() => { const r = document.querySelector('[data-gt-batch-error]').getBoundingClientRect();"
        " const header = document.querySelector('.md-header').getBoundingClientRect();"
        " return r.top >= header.bottom - 1 && r.top < innerHeight / 2; }",
        timeout=5000,
    )
    assert "不是能读取的名单文件" in summary.inner_text() and "不是能读取的名单文件" in page.inner_text("#gt-batch-file-error")
    screenshot(page, "batch-phone-refused")
