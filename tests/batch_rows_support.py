"""Rows and lists the batch tests build (no tests here): one person of each pathway as an office writes
them (A_ROW, B_ROW), and those rows as CSV or as an xlsx of named sheets."""

from __future__ import annotations

import csv
import io

import openpyxl

A_ROW = {
    "姓名": "张三",
    "编号": "A1",
    "申报方向": "职称",
    "受理截止日期": "2026-06-30",
    "单位在黄石市": "是",
    "一线或技能岗位": "是",
    "技师取得日期": "2019-06-30",
    "中断技能工作月数": "0",
    "荣誉": "",
    "技能大师工作室": "无",
    "申报系列": "工程技术",
    "专业与工种相同或相近": "是",
    "近3年年度考核合格": "是",
    "弄虚作假记录": "否",
}
B_ROW = {
    "姓名": "李四",
    "申报方向": "技能等级",
    "受理截止日期": "2026-06-30",
    "中级取得日期": "2018-12-01",
    "从事技术技能岗位": "是",
    "申报职业（工种）": "电工",
    "职业与岗位对应": "是",
    "参加本职业工作日期": "2005-03-01",
    "中断工作月数": "0",
    "高级工年限要求": "6",
    "技师年限要求": "10",
    "高级技师年限要求": "15",
    "相关专业毕业": "否",
    "弄虚作假记录": "否",
}


def csv_bytes(rows: list[dict], encoding="utf-8-sig", headers=None) -> bytes:
    headers = headers or list(dict.fromkeys(h for r in rows for h in r))
    buf = io.StringIO(newline="")
    w = csv.writer(buf)
    w.writerow(headers)
    for r in rows:
        w.writerow([r.get(h, "") for h in headers])
    return buf.getvalue().encode(encoding)


def xlsx_bytes(sheets: dict[str, list[list]], hidden=()) -> bytes:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        ws = book.create_sheet(name)
        for row in rows:
            ws.append(row)
        if name in hidden:
            ws.sheet_state = "hidden"
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()
