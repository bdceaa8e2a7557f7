"""Every file we write is inert (issue 23, batch.md "Output"): a spreadsheet whose people typed formulas
(=HYPERLINK(…), @SUM(…), +1+2, -2+3, a leading tab or carriage return) or whose cells are live formulas and
hyperlinks goes out as values, read back with openpyxl and the csv module: no formula cell, no hyperlink,
no CSV cell Excel would evaluate, and the person's text otherwise unchanged. The same for the command
(`guantong batch`, whose code the page runs), the template, `guantong diff --people`'s report and the
推荐公示 draft's HTML.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest

from guantong import batch

ROOT = Path(__file__).resolve().parents[1]
TODAY = dt.date(2026, 12, 1)
HOSTILE = ['=HYPERLINK("http://example.invalid","x")', "@SUM(1+1)", "+1+2", "-2+3", "\t=1+1", "\r=1+1",
           "=cmd|' /C calc'!A0", "=1+1", "'=quoted"]
PLAIN = ["-2", "+3", "1.5e3", "-0.25"]   # plain numbers: written as they are
LEADS = ("=", "+", "-", "@", "\t", "\r")


def hostile_rows() -> list[dict]:
    base = {"申报方向": "职称", "受理截止日期": "2026-06-30", "单位在黄石市": "是", "一线或技能岗位": "是",
            "技师取得日期": "2019-06-30", "申报系列": "工程技术"}
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
                batch.put(ws.cell(row=ws.max_row + (1 if j == 1 else 0), column=j), r[h])
    n = ws.max_row + 1
    ws.cell(row=n, column=1, value='=CONCATENATE("王","五")')      # cached below: 王五
    ws.cell(row=n, column=2, value="=SUM(1,1)")                    # no cached value
    ws.cell(row=n, column=3, value="链接").hyperlink = "http://example.invalid/"
    buf = io.BytesIO()
    book.save(buf)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(buf.getvalue())) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                # Excel's cached result of the first formula, a string (t="str"); the second has none.
                data, count = re.subn(rb'<c r="A%d"><f>([^<]*)</f><v></v>' % n,
                                      lambda m: b'<c r="A%d" t="str"><f>%s</f><v>%s</v>' % (n, m.group(1), "王五".encode()), data)
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


@pytest.mark.parametrize("name,make", [("名单.csv", csv_input), ("名单.xlsx", xlsx_input)])
def test_outputs_of_a_hostile_list_are_values_with_the_text_unchanged(name, make):
    data = make()
    b = batch.read(data, name, today=TODAY)
    policy = batch.load_policy()
    # CSV out
    rows = assert_csv_inert(batch.write_csv(b, policy))
    assert_kept(HOSTILE + PLAIN, rows)
    assert "'=HYPERLINK(\"http://example.invalid\",\"x\")" in {v for r in rows for v in r}
    assert "-2" in {v for r in rows for v in r}, "a plain number as it is"
    # xlsx out
    cells = assert_xlsx_inert(batch.write_xlsx(b, policy, data if name.endswith(".xlsx") else None))
    values = {c.value for c in cells}
    assert set(HOSTILE) <= values, set(HOSTILE) - values
    if name.endswith(".xlsx"):
        assert "王五" in values, "a formula goes out as its cached value"
        assert "=SUM(1,1)" in values, "and as its text where none is cached"
        assert [c.data_type for c in cells if c.value == "=SUM(1,1)"] == ["s"]


def test_the_command_writes_inert_files(tmp_path):
    source = tmp_path / "名单.xlsx"
    source.write_bytes(xlsx_input())
    for out in ("结果.xlsx", "结果.csv"):
        proc = subprocess.run([sys.executable, "-m", "guantong", "batch", str(source), "-o", str(tmp_path / out)],
                              capture_output=True, cwd=ROOT)
        assert proc.returncode == 0, proc.stderr.decode()
    assert_xlsx_inert((tmp_path / "结果.xlsx").read_bytes())
    assert_kept(HOSTILE, assert_csv_inert((tmp_path / "结果.csv").read_bytes()))
    proc = subprocess.run([sys.executable, "-m", "guantong", "batch", str(source)], capture_output=True, cwd=ROOT)
    assert_csv_inert(proc.stdout)   # CSV on standard output too


def test_the_template_holds_no_formula_and_no_hidden_sheet():
    cells = assert_xlsx_inert(batch.template())
    book = openpyxl.load_workbook(io.BytesIO(batch.template()))
    assert all(ws.sheet_state == "visible" for ws in book.worksheets)
    assert cells and not [c for c in cells if isinstance(c.value, str) and c.value.startswith("=")]


def test_the_notice_draft_and_the_diff_report_escape_what_people_typed(tmp_path):
    row = {"申报方向": "职称", "受理截止日期": "2026-06-30", "单位在黄石市": "是", "一线或技能岗位": "是",
           "技师取得日期": "2019-06-30", "申报系列": "工程技术", "专业与工种相同或相近": "是", "近3年年度考核合格": "是",
           "弄虚作假记录": "否", "中断技能工作月数": "0", "荣誉": "", "技能大师工作室": "无"}
    rows = [{**row, "姓名": "<script>alert(1)</script>", "编号": '"><img src=x onerror=alert(2)>'}]
    headers = list(rows[0])
    buf = io.StringIO(newline="")
    writer = csv.writer(buf)
    writer.writerow(headers)
    writer.writerow([rows[0][h] for h in headers])
    people = tmp_path / "名单.csv"
    people.write_bytes(buf.getvalue().encode("utf-8-sig"))
    b = batch.read(people.read_bytes(), people.name, today=TODAY)
    html = batch.notice_html(b, "<b>单位</b>", dt.date(2026, 6, 1))
    assert "<script>alert" not in html and "<img src=x" not in html and "<b>单位</b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    report = tmp_path / "report.html"
    policy = ROOT / "guantong" / "data" / "policy.toml"
    proc = subprocess.run([sys.executable, "-m", "guantong", "diff", str(policy), str(policy), "--people", str(people),
                           "--html", str(report), "--today", "2026-12-01"], capture_output=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr.decode()
    text = report.read_text(encoding="utf-8")
    assert not re.search(r"<(script|img|iframe)", text), "what the list's people typed stays text"
