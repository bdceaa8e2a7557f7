"""Lists as office programs save them (issue 32): Excel 97–2003 (.xls), WPS's .et, LibreOffice's .ods, a
workbook in the 1904 date system and Excel's 「Unicode 文本」 read to the same people and results as the same
list in .xlsx (build_scripts/office_lists, saved by LibreOffice); GBK and UTF-8 text, tab- or
comma-separated; files that are not what their name says; the result workbook's layout (widths, wrap, the
frozen header, print settings) read back with openpyxl, alike whichever way it was written."""

from __future__ import annotations

import datetime as dt
import io
import subprocess
import sys
import zipfile

import openpyxl
import pytest

from build_scripts.office_lists import FILES
from guantong.policy import load_policy
from guantong_tools import batch
from guantong_tools.batch import BatchError, writing

TODAY = dt.date(2026, 12, 1)
POLICY = load_policy()


def people(data: bytes, name: str) -> list[tuple]:
    """Every person read: sheet, row, cells as read, the result columns as written."""
    b = batch.read(data, name, today=TODAY)
    return [(r.sheet, r.number, r.cells, batch.result_cells(r, POLICY)) for r in b.rows]


XLSX = people(FILES["xlsx"].read_bytes(), "名单.xlsx")


def test_the_office_list_is_the_shapes_an_office_sends():
    """The reference read from its xlsx: a title row, a merged pathway cell, a 合计 row, two sheets, a hidden one."""
    b = batch.read(FILES["xlsx"].read_bytes(), "名单.xlsx", today=TODAY)
    assert [s.name for s in b.sheets] == ["申报职称", "申报技能等级"] and b.hidden == ["选项"]
    assert [(r.sheet, r.number) for r in b.rows] == [("申报职称", n) for n in (3, 4, 5, 6)] + [("申报技能等级", n) for n in (2, 3)]
    assert b.rows[1].cells["申报系列"] == b.rows[0].cells["申报系列"] == "工程技术", "the merged cell (农业 under it)"
    assert b.rows[1].answers["skill_levels"]["technician"] == "2023-06", "2023.6 as text: a month"
    assert b.rows[3].answers["skill_levels"]["senior_worker"] == "2014-10", "2014.10 kept as text: October"
    assert isinstance(b.rows[0].cells["技师取得日期"], dt.datetime) and "第 7 行" in b.summary()
    assert {batch.conclusion_group(r) for r in b.rows} >= {"eligible", "not_eligible", "error"}


@pytest.mark.parametrize("kind", ["xls", "et", "ods", "xls1904"])
def test_xls_et_ods_and_the_1904_system_read_as_the_xlsx_does(kind):
    path = FILES[kind]
    assert people(path.read_bytes(), path.name) == XLSX
    b = batch.read(path.read_bytes(), path.name, today=TODAY)
    assert b.source == ("ods" if kind == "ods" else "xls") and b.hidden == ["选项"]
    assert "表头在第 2 行" in b.summary() and "跳过没有填写任何申报情况的 1 行" in b.summary()


def test_the_1904_workbook_is_one():
    import xlrd

    assert xlrd.open_workbook(file_contents=FILES["xls1904"].read_bytes()).datemode == 1
    assert xlrd.open_workbook(file_contents=FILES["xls"].read_bytes()).datemode == 0


def test_excel_s_unicode_text_reads_as_its_first_sheet():
    """UTF-16 with a BOM, tab-separated, the title line above the headers; text has no merged cells, so the
    row under a merged cell has its own (empty) 申报系列."""
    data = FILES["txt"].read_bytes()
    assert data[:2] == b"\xff\xfe"
    got = people(data, "名单.txt")
    want = [p for p in XLSX if p[0] == "申报职称"]
    assert [(n, c["姓名"]) for _, n, c, _ in got] == [(n, c["姓名"]) for _, n, c, _ in want]
    for (_, n, _, result), (_, _, _, expected) in zip(got, want, strict=True):
        if n != 4:
            assert result == expected | {"错误": expected["错误"].replace("工作表“申报职称”", "工作表“文本”")}
    assert got[1][2]["申报系列"] == "" and got[1][3]["结论"] == "待定"
    assert all(sheet == "文本" for sheet, *_ in got)


@pytest.mark.parametrize("encoding,sep", [("gbk", "\t"), ("utf-8", "\t"), ("utf-8-sig", ","), ("gbk", ","), ("utf-16", "\t")])
def test_text_files_in_their_encodings_tab_or_comma(encoding, sep):
    lines = [
        "XX公司名单",
        sep.join(["姓名", "申报方向", "单位在黄石市", "技师取得日期", "荣誉"]),
        sep.join(["王五", "职称", "是", "2019.6", "黄石工匠（2023年5月）"]),
        sep.join(["合计", "", "", "", ""]),
    ]
    b = batch.read("\r\n".join(lines).encode(encoding), "名单.txt", today=TODAY)
    [row] = b.rows
    assert row.answers["skill_levels"] == {"technician": "2019-06"} and row.answers["honors"][0]["name"] == "黄石工匠"
    assert "表头在第 2 行" in b.summary()


@pytest.mark.parametrize(
    "data,name,fragment",
    [
        (FILES["xlsx"].read_bytes(), "改了名.xls", None),  # an xlsx named .xls: read as what it is
        (FILES["xls"].read_bytes(), "改了名.xlsx", None),
        (b"<html><table><tr><td>\xe5\xa7\x93\xe5\x90\x8d</td></tr></table></html>", "系统导出.xls", "其实是网页或 XML 格式"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(1024), "坏.xls", "无法读取这个 Excel 97–2003"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512) + "EncryptedPackage".encode("utf-16-le"), "加密.xlsx", "设了密码"),
        (b"PK\x03\x04garbage", "坏.ods", "不是有效的 xlsx"),
        (b"\x00\x01\x02", "名单.et", "不是有效的 et 文件"),
        ("姓名\t申报方向\t技师取得日期\n王五\t职称\t2019-06-30\n".encode("gbk"), "系统导出.xls", 1),  # text named .xls: read as text
        ("姓名\t申报方向\t单位在黄石市\n王五\t职称\t是\n".encode("utf-16"), "系统导出.xls", 1),
        (b"\x00\x01\x02", "名单.pdf", "不是能读取的名单文件"),
    ],
)
def test_a_file_is_what_its_bytes_say(data, name, fragment):
    if fragment is None or isinstance(fragment, int):
        assert len(batch.read(data, name, today=TODAY).rows) == (fragment or 6)
    else:
        with pytest.raises(BatchError, match=fragment):
            batch.read(data, name, today=TODAY)


def test_a_damaged_ods_is_one_chinese_message():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", "<not-closed")
    with pytest.raises(BatchError, match="无法读取这个 ods 文件"):
        batch.read(buf.getvalue(), "坏.ods")


def layout_of(data: bytes) -> dict:
    """Each sheet's layout as Excel reads it: the widths set, the frozen cell, the print titles and area,
    the orientation, and which result cells wrap."""
    book = openpyxl.load_workbook(io.BytesIO(data))
    out = {}
    for ws in book.worksheets:
        widths = {k: v.width for k, v in ws.column_dimensions.items() if v.customWidth}
        wrapped = sorted({c.column_letter for row in ws.iter_rows() for c in row if c.value is not None and c.alignment.wrap_text})
        heights = {k: v.height for k, v in ws.row_dimensions.items() if v.customHeight}
        out[ws.title] = (
            widths,
            ws.freeze_panes,
            ws.print_title_rows,
            ws.print_area,
            ws.page_setup.orientation,
            wrapped,
            heights,
            ws.print_title_cols,
        )
    return out


def test_the_result_workbook_reads_and_prints_well_whichever_way_it_was_written(monkeypatch):
    data = FILES["xlsx"].read_bytes()
    b = batch.read(data, "名单.xlsx", today=TODAY)
    patched = batch.write_xlsx(b, POLICY, data)
    with monkeypatch.context() as m:
        m.setattr(writing, "add_columns", lambda *a, **k: None)  # the openpyxl way
        whole = batch.write_xlsx(b, POLICY, data)
    assert patched != whole and layout_of(patched) == layout_of(whole)
    widths, frozen, titles, area, orientation, wrapped, heights, title_cols = layout_of(patched)["申报职称"]
    assert frozen == "A3" and titles == "$2:$2" and orientation == "landscape" and title_cols == "$A:$B", "序号 and 姓名 on every page"
    assert heights[4] >= 4 * writing.LINE_HEIGHT and 7 not in heights, "a row as tall as its wrapped reasons (合计: one line)"
    assert max(heights.values()) <= writing.MAX_ROW_HEIGHT, "no row taller than Excel allows"
    last = openpyxl.utils.get_column_letter(16 + len(batch.result_columns(POLICY)))
    assert area == f"'申报职称'!$A$1:${last}$7"
    cols = {name: openpyxl.utils.get_column_letter(17 + j) for j, name in enumerate(batch.result_columns(POLICY))}
    assert widths[cols["原因"]] == writing.WIDEST_WRAPPED, "long reasons: as wide as allowed, and wrapped"
    assert writing.NARROWEST <= widths[cols["结论"]] < writing.WIDEST
    assert {cols["原因"], cols["提示"]} <= set(wrapped)
    assert layout_of(patched)["申报技能等级"][1] == "A2"


def test_an_xls_list_gives_an_xlsx_of_its_sheets_with_the_same_results_and_layout():
    b = batch.read(FILES["xls"].read_bytes(), "名单.xls", today=TODAY)
    out = openpyxl.load_workbook(io.BytesIO(batch.write_xlsx(b, POLICY)))
    assert out.sheetnames == ["申报职称", "申报技能等级"], "the people's sheets, under their names"
    ws = out["申报职称"]
    assert ws["A1"].value == "XX公司2026年申报人员名单" and ws.cell(row=2, column=17).value == "结论"
    by_number = {r.number: batch.result_cells(r, POLICY) for r in b.rows if r.sheet == "申报职称"}
    for number, cells in by_number.items():
        assert [ws.cell(row=number, column=17 + j).value or "" for j in range(len(cells))] == list(cells.values())
    assert ws.cell(row=3, column=8).value == dt.datetime(2019, 6, 30), "a date cell stays a date"
    widths, frozen, titles, area, orientation, *_ = layout_of(batch.write_xlsx(b, POLICY))["申报职称"]
    assert frozen == "A3" and titles == "$2:$2" and orientation == "landscape" and area.endswith("$7")
    assert widths["B"] >= writing.NARROWEST and "A" in widths, "the input's columns sized too (no widths to keep)"


def test_the_command_reads_an_office_file_and_writes_xlsx_for_an_xls_name(tmp_path):
    out = tmp_path / "结果.xls"
    run = subprocess.run(
        [sys.executable, "-m", "guantong", "batch", str(FILES["ods"]), "-o", str(out)], capture_output=True, text=True, timeout=300
    )
    assert run.returncode == 0, run.stderr
    assert "结果写为 xlsx 文件" in run.stderr and not out.exists() and out.with_suffix(".xlsx").exists()
    assert "共 6 行" in run.stderr
    book = openpyxl.load_workbook(out.with_suffix(".xlsx"))
    assert book.sheetnames == ["申报职称", "申报技能等级"]


def test_a_row_is_never_taller_than_excel_allows():
    """Sixty lines of reasons would take 900 points; Excel's rows stop at 409."""
    cols = batch.result_columns(POLICY)
    sheet = batch.Sheet("名单", ["姓名"], [(2, ["王五"])])
    got = {2: dict.fromkeys(cols, "") | {"原因": "\n".join(["未取得技师资格。（2.4.1.1）"] * 60)}}
    layout = writing.sheet_layout(sheet, 2, cols, got, 2)
    assert layout.heights == {2: writing.MAX_ROW_HEIGHT}
