"""Shared pieces of the batch page's browser tests (no tests here): the lists they load and how a file is
loaded onto the page."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl

from guantong import batch

RESULTS = "[data-gt-results]:not([hidden]) [data-gt-summary-line]"


def people_xlsx() -> bytes:
    """The site's own template with four people added under the example rows (one row with a bad date)."""
    book = openpyxl.load_workbook(io.BytesIO(batch.template()))
    a = book["申报职称"]
    headers = [c.value for c in a[1]]

    def add(**cells):
        a.append([cells.get(h) for h in headers])

    add(姓名="王五", 编号="W1", 单位在黄石市="是", 一线或技能岗位="是", 技师取得日期=dt.date(2019, 6, 30), 荣誉="全国技术能手",
        申报系列="工程技术", 专业与工种相同或相近="是", 近3年年度考核合格="是", 弄虚作假记录="否")
    add(姓名="赵六", 编号="W2", 单位在黄石市="否")
    add(姓名="钱七", 编号="W3", 技师取得日期="2019-02-30")
    add(姓名="孙八", 编号="W4", 单位在黄石市="是", 一线或技能岗位="是", 高级工取得日期="2015/7/1", 中断技能工作月数=0,
        申报系列="工程技术", 专业与工种相同或相近="是", 近3年年度考核合格="是", 弄虚作假记录="否")
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


GBK_CSV = ("姓名,编号,申报方向,单位在黄石市,一线或技能岗位,技师取得日期,荣誉\n"
           "周九,C1,职称,是,是,2019/6/30,黄石工匠 2023-05-01\n"
           "吴十,C2,技能等级,,,,\n").encode("gbk")


def xlsx_file(data: bytes, name: str = "名单.xlsx") -> dict:
    return {"name": name, "mimeType": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "buffer": data}
