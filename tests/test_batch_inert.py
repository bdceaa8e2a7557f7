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
from pathlib import Path

import openpyxl
import pytest

from guantong.policy import load_policy
from guantong_tools import batch

from inert_support import HOSTILE, PLAIN, XLSX_TEXTS, assert_csv_inert, assert_kept, assert_xlsx_inert, csv_input, xlsx_input

ROOT = Path(__file__).resolve().parents[1]
TODAY = dt.date(2026, 12, 1)


@pytest.mark.parametrize("name,make", [("名单.csv", csv_input), ("名单.xlsx", xlsx_input)])
def test_outputs_of_a_hostile_list_are_values_with_the_text_unchanged(name, make):
    data = make()
    b = batch.read(data, name, today=TODAY)
    policy = load_policy()
    # CSV out
    rows = assert_csv_inert(batch.write_csv(b, policy))
    assert_kept(HOSTILE + PLAIN, rows)
    assert '\'=HYPERLINK("http://example.invalid","x")' in {v for r in rows for v in r}
    assert "-2" in {v for r in rows for v in r}, "a plain number as it is"
    # xlsx out
    cells = assert_xlsx_inert(batch.write_xlsx(b, policy, data if name.endswith(".xlsx") else None))
    values = {c.value for c in cells}
    assert set(XLSX_TEXTS) <= values, set(XLSX_TEXTS) - values
    if name.endswith(".xlsx"):
        assert "王五" in values, "a formula goes out as its cached value"
        assert "=SUM(1,1)" in values, "and as its text where none is cached"
        assert [c.data_type for c in cells if c.value == "=SUM(1,1)"] == ["s"]


def test_the_command_writes_inert_files(tmp_path):
    source = tmp_path / "名单.xlsx"
    source.write_bytes(xlsx_input())
    for out in ("结果.xlsx", "结果.csv"):
        proc = subprocess.run(
            [sys.executable, "-m", "guantong", "batch", str(source), "-o", str(tmp_path / out)], capture_output=True, cwd=ROOT
        )
        assert proc.returncode == 0, proc.stderr.decode()
    assert_xlsx_inert((tmp_path / "结果.xlsx").read_bytes())
    assert_kept(HOSTILE, assert_csv_inert((tmp_path / "结果.csv").read_bytes()))
    proc = subprocess.run([sys.executable, "-m", "guantong", "batch", str(source)], capture_output=True, cwd=ROOT)
    assert_csv_inert(proc.stdout)  # CSV on standard output too


def test_the_template_holds_no_formula_and_no_hidden_sheet():
    cells = assert_xlsx_inert(batch.template())
    book = openpyxl.load_workbook(io.BytesIO(batch.template()))
    assert all(ws.sheet_state == "visible" for ws in book.worksheets)
    assert cells and not [c for c in cells if isinstance(c.value, str) and c.value.startswith("=")]


def test_the_notice_draft_and_the_diff_report_escape_what_people_typed(tmp_path):
    row = {
        "申报方向": "职称",
        "受理截止日期": "2026-06-30",
        "单位在黄石市": "是",
        "一线或技能岗位": "是",
        "技师取得日期": "2019-06-30",
        "申报系列": "工程技术",
        "专业与工种相同或相近": "是",
        "近3年年度考核合格": "是",
        "弄虚作假记录": "否",
        "中断技能工作月数": "0",
        "荣誉": "",
        "技能大师工作室": "无",
    }
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
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "guantong",
            "diff",
            str(policy),
            str(policy),
            "--people",
            str(people),
            "--html",
            str(report),
            "--today",
            "2026-12-01",
        ],
        capture_output=True,
        cwd=ROOT,
    )
    assert proc.returncode == 0, proc.stderr.decode()
    text = report.read_text(encoding="utf-8")
    assert not re.search(r"<(script|img|iframe)", text), "what the list's people typed stays text"
