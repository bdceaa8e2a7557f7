"""Shared pieces of the batch page's browser tests (no tests here): the lists they load and how a file is
loaded onto the page."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl

from guantong_tools import batch

from .wizard_support import ENGINE_TIMEOUT

RESULTS = "[data-gt-results]:not([hidden]) [data-gt-summary-line]"


def people_xlsx() -> bytes:
    """The site's own template with four people added under the example rows (one row with a bad date)."""
    book = openpyxl.load_workbook(io.BytesIO(batch.template()))
    a = book["申报职称"]
    headers = [c.value for c in a[1]]

    def add(**cells):
        a.append([cells.get(h) for h in headers])

    add(
        姓名="王五",
        编号="W1",
        单位在黄石市="是",
        一线或技能岗位="是",
        技师取得日期=dt.date(2019, 6, 30),
        荣誉="全国技术能手",
        申报系列="工程技术",
        专业与工种相同或相近="是",
        近3年年度考核合格="是",
        弄虚作假记录="否",
    )
    add(姓名="赵六", 编号="W2", 单位在黄石市="否")
    add(姓名="钱七", 编号="W3", 技师取得日期="2019-02-30")
    add(
        姓名="孙八",
        编号="W4",
        单位在黄石市="是",
        一线或技能岗位="是",
        高级工取得日期="2015/7/1",
        中断技能工作月数=0,
        申报系列="工程技术",
        专业与工种相同或相近="是",
        近3年年度考核合格="是",
        弄虚作假记录="否",
    )
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


GBK_CSV = (
    "姓名,编号,申报方向,单位在黄石市,一线或技能岗位,技师取得日期,荣誉,中级取得日期\n"
    "周九,C1,职称,是,是,2019/6/30,黄石工匠 2023-05-01,\n"
    "吴十,C2,技能等级,,,,,2018年3月\n"
).encode("gbk")


def xlsx_file(data: bytes, name: str = "名单.xlsx") -> dict:
    return {"name": name, "mimeType": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "buffer": data}


def settle(page, act) -> None:
    """Do ``act()`` (choose a file, press 检查名单) and wait until the page has finished that check, refused
    or drawn (the page counts its checks in ``data-done``)."""
    done = page.get_attribute("#gt-batch", "data-done") or ""
    act()
    page.wait_for_function("(d) => (document.querySelector('#gt-batch').dataset.done || '') !== d", arg=done, timeout=ENGINE_TIMEOUT)


def choose(page, files) -> str | None:
    """Choose a file; the summary line if the page drew results, else None (then an error is shown)."""
    settle(page, lambda: page.set_input_files("#gt-batch-file", files))
    if page.locator("[data-gt-batch-error]").is_visible():
        return None
    return page.inner_text(RESULTS)


def load(page, files) -> str:
    summary = choose(page, files)
    assert summary is not None, page.inner_text("[data-gt-batch-error]")
    return summary


def load_as_native(page, files, data: bytes, name: str):
    """Load the file on the page and read it natively on the same day as the page did: the page takes its
    own today, so a load across midnight is compared with the native read of the day after."""
    before = dt.date.today()
    summary = load(page, files)
    days = sorted({before, dt.date.today()})
    natives = [batch.read(data, name, today=day) for day in days]
    matching = [n for n in natives if n.summary() == summary] or natives
    return summary, matching[-1]


def table(page) -> list[list[str]]:
    rows = page.locator("[data-gt-rows] tr")
    return [[c.strip() for c in rows.nth(i).locator("td, th").all_inner_texts()] for i in range(rows.count())]
