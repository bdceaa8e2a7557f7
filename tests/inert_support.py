"""Hostile spreadsheets and the checks that what we write from them is inert (no tests here): shared by
tests/test_batch_inert.py (the command and the library) and the batch page's browser test."""

from __future__ import annotations

import csv
import io
import re
import zipfile

import openpyxl

from guantong_tools import batch

HOSTILE = [
    '=HYPERLINK("http://example.invalid","x")',
    "@SUM(1+1)",
    "+1+2",
    "-2+3",
    "\t=1+1",
    "\r=1+1",
    "=cmd|' /C calc'!A0",
    "=1+1",
    "'=quoted",
]
PLAIN = ["-2", "+3", "1.5e3", "-0.25"]  # plain numbers: written as they are
# In xlsx a carriage return is Excel's line break, a line feed (batch.put): the rest as typed.
XLSX_TEXTS = [t.replace("\r", "\n") for t in HOSTILE]
LEADS = ("=", "+", "-", "@", "\t", "\r")


def hostile_rows() -> list[dict]:
    base = {
        "申报方向": "职称",
        "受理截止日期": "2026-06-30",
        "单位在黄石市": "是",
        "一线或技能岗位": "是",
        "技师取得日期": "2019-06-30",
        "申报系列": "工程技术",
    }
    rows = [{**base, "姓名": text, "编号": text, "备注": text} for text in HOSTILE]
    rows += [{**base, "姓名": f"数字{n}", "编号": n, "备注": n} for n in PLAIN]
    rows.append({**base, "姓名": "坏日期", "技师取得日期": "=DATE(2019,6,30)"})  # an error row echoes the cell
    return rows


def csv_input() -> bytes:
    rows = hostile_rows()
    headers = list(dict.fromkeys(h for r in rows for h in r))
    buf = io.StringIO(newline="")
    writer = csv.writer(buf)
    writer.writerow(headers)
    for r in rows:
        writer.writerow([r.get(h, "") for h in headers])
    return buf.getvalue().encode("utf-8-sig")


def xlsx_input() -> bytes:
    """The hostile texts as string cells, and live formulas (one with a cached value, one without) and a
    hyperlink, as a script or Excel would leave them."""
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "申报职称"
    rows = hostile_rows()
    headers = list(dict.fromkeys(h for r in rows for h in r))
    ws.append(headers)
    for r in rows:
        for j, h in enumerate(headers, start=1):
            if r.get(h) not in (None, ""):
                cell = ws.cell(row=ws.max_row + (1 if j == 1 else 0), column=j, value=r[h])
                cell.data_type = "s" if isinstance(r[h], str) else cell.data_type  # as typed: a carriage return kept
    n = ws.max_row + 1
    ws.cell(row=n, column=1, value='=CONCATENATE("王","五")')  # cached below: 王五
    ws.cell(row=n, column=2, value="=SUM(1,1)")  # no cached value
    ws.cell(row=n, column=3, value="链接").hyperlink = "http://example.invalid/"
    buf = io.BytesIO()
    book.save(buf)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(buf.getvalue())) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                # Excel's cached result of the first formula, a string (t="str"); the second has none.
                data, count = re.subn(
                    rb'<c r="A%d"><f>([^<]*)</f><v></v>' % n,
                    lambda m: b'<c r="A%d" t="str"><f>%s</f><v>%s</v>' % (n, m.group(1), "王五".encode()),
                    data,
                )
                assert count == 1
            dst.writestr(info, data)
    return out.getvalue()


def assert_xlsx_inert(data: bytes) -> list:
    book = openpyxl.load_workbook(io.BytesIO(data))
    cells = [c for ws in book.worksheets for row in ws.iter_rows() for c in row]
    assert [c.coordinate for c in cells if c.data_type == "f"] == [], "a formula cell"
    assert [c.coordinate for c in cells if c.hyperlink is not None] == [], "a hyperlink"
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/"):
                assert not re.search(rb"<(?:\w+:)?f[ >]", z.read(name)), f"<f> in {name}"
        assert not [n for n in z.namelist() if "vbaProject" in n or "externalLink" in n]
    return cells


def assert_csv_inert(data: bytes) -> list[list[str]]:
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    for row in rows:
        for value in row:
            assert not value.startswith(LEADS) or batch.PLAIN_NUMBER.fullmatch(value), repr(value)
    return rows


def assert_kept(texts, rows: list[list[str]]) -> None:
    """Each text is in the CSV as the person typed it, or with the guarding ' before it."""
    cells = {v for row in rows for v in row}
    for text in texts:
        assert text in cells or (text.startswith(LEADS) and f"'{text}" in cells), repr(text)
