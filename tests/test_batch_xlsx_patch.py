"""The xlsx output written into the input's sheet XML (guantong/xlsx_patch.py, issue 25) holds the same cells
as the same output loaded and saved whole by openpyxl: values, the headers bold, the long texts wrapped, on
lists of the shapes offices send (a title row, gaps, several sheets, an unread and a hidden sheet), and on a
sheet written the way Excel writes one. A workbook that is not plain goes the openpyxl way."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from xml.etree import ElementTree as ET

import openpyxl
import pytest

from guantong_tools.batch import writing, xlsx_patch
from guantong_tools.batch import read, write_xlsx
from guantong.policy import load_policy

from batch_rows_support import A_ROW, B_ROW, xlsx_bytes

TODAY = dt.date(2026, 12, 1)
POLICY = load_policy()


def cells_of(data: bytes) -> dict:
    """Every non-empty cell of every sheet: its value, whether bold, whether wrapped."""
    book = openpyxl.load_workbook(io.BytesIO(data))
    return {
        (ws.title, c.coordinate): (c.value, bool(c.font.b), bool(c.alignment.wrap_text))
        for ws in book.worksheets
        for row in ws.iter_rows()
        for c in row
        if c.value is not None
    }


def both_ways(data: bytes, monkeypatch) -> tuple[bytes, bytes]:
    b = read(data, "名单.xlsx", today=TODAY)
    patched = write_xlsx(b, POLICY, data)
    with monkeypatch.context() as m:
        m.setattr(writing, "add_columns", lambda *a, **k: None)  # the openpyxl way
        whole = write_xlsx(b, POLICY, data)
    return patched, whole


def lists():
    a, bad = list(A_ROW), dict(A_ROW, 技师取得日期="2019-02-30", 姓名="错 <&>")
    yield "plain", xlsx_bytes({"申报职称": [a, list(A_ROW.values()), [bad[h] for h in a]]})
    yield (
        "two sheets, an unread and a hidden one",
        xlsx_bytes(
            {
                "申报职称": [a, list(A_ROW.values())],
                "申报技能等级": [list(B_ROW), list(B_ROW.values())],
                "说明": [["这张表没有姓名列"]],
                "选项": [["姓名"], ["是"]],
            },
            hidden=("选项",),
        ),
    )
    book = openpyxl.load_workbook(
        io.BytesIO(xlsx_bytes({"名单": [["XX公司职称申报人员名单"], [], a, list(A_ROW.values()), [], [bad[h] for h in a]]}))
    )
    book["名单"].merge_cells("A1:F1")
    buf = io.BytesIO()
    book.save(buf)
    yield "a title row, a gap", buf.getvalue()


@pytest.mark.parametrize("shape,data", list(lists()), ids=[s for s, _ in lists()])
def test_the_patched_workbook_holds_the_cells_openpyxl_would_write(shape, data, monkeypatch):
    patched, whole = both_ways(data, monkeypatch)
    assert patched != whole, "the patch was taken"
    got, want = cells_of(patched), cells_of(whole)
    assert got == want
    assert any(bold for _, bold, _ in got.values()) and any(wrap for *_, wrap in got.values())
    book = openpyxl.load_workbook(io.BytesIO(patched))
    assert [ws.sheet_state for ws in book.worksheets] == [ws.sheet_state for ws in openpyxl.load_workbook(io.BytesIO(data)).worksheets]
    with zipfile.ZipFile(io.BytesIO(patched)) as z:
        for name in z.namelist():
            if name.endswith(".xml"):
                ET.fromstring(z.read(name))  # well formed


def test_a_workbook_that_is_not_plain_goes_the_openpyxl_way():
    book = openpyxl.load_workbook(io.BytesIO(xlsx_bytes({"申报职称": [list(A_ROW), list(A_ROW.values())]})))
    book["申报职称"]["Z9"] = "=1+1"
    buf = io.BytesIO()
    book.save(buf)
    assert xlsx_patch.add_columns(buf.getvalue(), {}, ()) is None
    b = read(buf.getvalue(), "名单.xlsx", today=TODAY)
    out = openpyxl.load_workbook(io.BytesIO(write_xlsx(b, POLICY, buf.getvalue())))["申报职称"]
    assert out["Z9"].data_type == "s" and out["Z9"].value == "=1+1"
    plain = xlsx_bytes({"申报职称": [list(A_ROW), list(A_ROW.values())]})
    with zipfile.ZipFile(io.BytesIO(plain)) as z, zipfile.ZipFile(out_buf := io.BytesIO(), "w") as dst:
        for info in z.infolist():
            dst.writestr(info, z.read(info))
        dst.writestr("xl/vbaProject.bin", b"\0")
    assert xlsx_patch.add_columns(out_buf.getvalue(), {}, ()) is None, "a part not of a plain workbook"


# A sheet as Excel writes it: shared strings, spans and Excel's own row attributes, an empty formatted row,
# a cell beyond the header columns, a person's row missing from the XML (merged down from above).
EXCEL_SHEET = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    b'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    b'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="x14ac" '
    b'xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac">'
    b'<dimension ref="A1:B3"/><sheetViews><sheetView workbookViewId="0"/></sheetViews>'
    b'<sheetFormatPr defaultRowHeight="14.25" x14ac:dyDescent="0.2"/><sheetData>'
    b'<row r="1" spans="1:2" x14ac:dyDescent="0.2"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>'
    b'<row r="2" spans="1:4" x14ac:dyDescent="0.2"><c r="A2" t="s"><v>2</v></c><c r="D2"><v>7</v></c></row>'
    b'<row r="3" s="1" customFormat="1" x14ac:dyDescent="0.2"/>'
    b'<row r="6" spans="1:2"><c r="A6" t="s"><v>2</v></c></row>'
    b'</sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>'
)


def test_a_sheet_written_the_way_excel_writes_one():
    rows = {
        1: [(3, "结论", 5), (4, "原因", 5)],
        2: [(3, "符合", None), (4, "a <b> & c\r\nd\x01", 6)],
        4: [(3, "待定", None)],
        6: [(4, "不符合", None)],
    }
    xml = xlsx_patch._patch_sheet(EXCEL_SHEET, 3, rows)
    root = ET.fromstring(xml)
    ns = {"m": xlsx_patch.NS["m"]}
    got = {c.get("r"): ("".join(c.itertext()), c.get("s")) for c in root.iterfind(".//m:c", ns)}
    assert got["C2"] == ("符合", None) and got["D2"] == ("a <b> & c\nd", "6"), "the old D2 replaced"
    assert got["C1"] == ("结论", "5") and got["A6"] == ("2", None) and got["D6"] == ("不符合", None)
    numbers = [int(r.get("r")) for r in root.iterfind(".//m:row", ns)]
    assert numbers == [1, 2, 3, 4, 6], "row 4 added in its place"
    for row in root.iterfind(".//m:row", ns):
        refs = [c.get("r") for c in row]
        assert refs == sorted(refs, key=lambda r: (len(r), r)), "cells in column order"
    assert b"spans" not in xml, "a touched row's spans (a hint Excel checks) dropped"
    assert b'<row r="3" s="1" customFormat="1" x14ac:dyDescent="0.2"/>' in xml, "an untouched row as it was"
    assert root.find("m:dimension", ns).get("ref") == "A1:D6"
    assert xml.endswith(b"</worksheet>") and b"pageMargins" in xml
