"""Spreadsheets as offices write them (issue 30, batch.md): header spellings, the summary of columns taken,
unused and lacking, rows that are not people, and never a silent 暂不符合."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest

from build_scripts import sample_answers
from build_scripts.bench.lists import cells_of
from guantong.policy import load_policy
from guantong_tools import batch

TODAY = dt.date(2026, 11, 25)
RANK = {"not_eligible": 0, "undetermined": 1, "eligible": 2}
GROUP = {"error": -1, "not_eligible": 0, "undetermined": 1, "eligible": 2}


def csv_bytes(headers: list[str], rows: list[list]) -> bytes:
    buf = io.StringIO()
    csv.writer(buf).writerows([headers, *rows])
    return buf.getvalue().encode("utf-8")


def read(data: bytes) -> batch.Batch:
    return batch.read(data, "list.csv", today=TODAY)


A_HEADERS = [
    "序号",
    "姓名",
    "申报方向",
    "受理截止日期",
    "单位在黄石市",
    "一线或技能岗位",
    "高级工取得日期",
    "技师取得日期",
    "高级技师取得日期",
    "荣誉",
    "技能大师工作室",
    "申报系列",
    "专业与工种相同或相近",
    "近3年年度考核合格",
    "弄虚作假记录",
]
HELD_SINCE_2023 = ["1", "王工", "职称", "2026-06-30", "是", "是", "2023-03-01", "", "", "无", "无", "工程技术", "是", "是", "否"]


def one_row(headers: list[str], row: list[str]) -> dict:
    b = read(csv_bytes(headers, [row]))
    assert len(b.rows) == 1, b.summary()
    return b.rows[0].result


def test_a_dated_header_written_with_shijian_is_the_same_column():
    """高级工取得时间 (not 取得日期) was read as an unknown column: 暂不符合 — 未取得高级工."""
    headers = [h.replace("高级工取得日期", "高级工（三级）取得时间") for h in A_HEADERS]
    assert one_row(headers, HELD_SINCE_2023)["highest"] == "assistant"


def test_san_and_3_alike_in_the_assessment_header():
    headers = [h.replace("近3年", "近三年") for h in A_HEADERS]
    result = one_row(headers, HELD_SINCE_2023)
    assert {p["id"]: p["status"] for p in result["preconditions"]}["A5"] == "met"


def test_a_deleted_dated_column_never_reads_as_none_and_is_named():
    """Without the 技师 column, an empty 高级工 cell is not "has none": the group is unanswered."""
    drop = A_HEADERS.index("技师取得日期")
    headers = A_HEADERS[:drop] + A_HEADERS[drop + 1 :]
    row = HELD_SINCE_2023[:drop] + HELD_SINCE_2023[drop + 1 :]
    row[headers.index("高级工取得日期")] = ""
    b = read(csv_bytes(headers, [row]))
    assert "skill_levels" not in b.rows[0].answers
    assert batch.conclusion_group(b.rows[0]) == "undetermined"
    assert any("缺少的列" in line and "技师取得日期" in line for line in b.columns()), b.columns()


@pytest.mark.parametrize(
    "series,status", [("工程", "met"), ("工程系列", "met"), ("工程技术类", "met"), ("机械工程", "unknown"), ("卫生", "not_met")]
)
def test_series_as_people_name_them(series, status):
    row = list(HELD_SINCE_2023)
    row[A_HEADERS.index("申报系列")] = series
    result = one_row(A_HEADERS, row)
    assert {p["id"]: p["status"] for p in result["preconditions"]}["A3"] == status


def test_rows_that_are_not_people_are_skipped_and_counted_even_on_sheet1():
    """Blank pre-numbered rows, 合计 and 填表人 were judged as people (phantom 暂不符合)."""
    rows = [
        HELD_SINCE_2023,
        ["2", "", "", "", "", "", "", "", "", "", "", "", "", "", ""],
        ["3"],
        ["合计", "1人"],
        ["", "填表人：李科员", "", "", "", "", "", "", "", "", "", "", "", "", ""],
    ]
    b = read(csv_bytes(A_HEADERS, rows))
    assert len(b.rows) == 1 and b.counts()["eligible"] == 1
    assert "跳过没有填写任何申报情况的 4 行" in b.summary()
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    ws.append(A_HEADERS)
    for r in rows:
        ws.append(r)
    out = io.BytesIO()
    wb.save(out)
    b = batch.read(out.getvalue(), "list.xlsx", today=TODAY)
    assert len(b.rows) == 1 and b.rows[0].result["highest"] == "assistant"


def test_a_person_without_a_name_is_an_error_row():
    row = list(HELD_SINCE_2023)
    row[1] = ""
    b = read(csv_bytes(A_HEADERS, [row]))
    assert "没有填写“姓名”" in b.rows[0].error and batch.conclusion_group(b.rows[0]) == "error"


def test_month_dates_in_cells_and_after_honours():
    row = list(HELD_SINCE_2023)
    row[A_HEADERS.index("高级工取得日期")] = "2015.6"
    row[A_HEADERS.index("技师取得日期")] = "2023年3月"
    row[A_HEADERS.index("荣誉")] = "湖北省首席技师 2020年5月"
    b = read(csv_bytes(A_HEADERS, [row]))
    answers = b.rows[0].answers
    assert answers["skill_levels"] == {"senior_worker": "2015-06", "technician": "2023-03"}
    assert answers["honors"] == [{"name": "湖北省首席技师", "date": "2020-05"}]
    assert b.rows[0].result["highest"] == "intermediate"


def test_the_number_2014_1_is_an_error_that_explains_excel():
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "申报职称"
    ws.append(A_HEADERS)
    row = list(HELD_SINCE_2023)
    ws.append(row)
    ws.cell(row=2, column=A_HEADERS.index("高级工取得日期") + 1, value=2014.1)
    out = io.BytesIO()
    wb.save(out)
    b = batch.read(out.getvalue(), "list.xlsx", today=TODAY)
    assert "看不出是 1 月还是 10 月" in b.rows[0].error and "高级工取得日期" in b.rows[0].error


def test_the_summary_names_columns_taken_unused_and_lacking():
    headers = [*A_HEADERS, "备注"]
    headers[headers.index("近3年年度考核合格")] = "近三年年度考核合格"
    drop = headers.index("申报系列")
    b = read(csv_bytes(headers[:drop] + headers[drop + 1 :], [HELD_SINCE_2023[:drop] + HELD_SINCE_2023[drop + 1 :] + ["x"]]))
    taken, unused, lacking = b.columns()
    assert "近三年年度考核合格（即“近3年年度考核合格”）" in taken and "序号" in unused
    assert unused.endswith("备注") and lacking.endswith("申报系列")


# --- never a silent 暂不符合, as a property -------------------------------------------------------------------


def _people() -> tuple[list[str], list[list]]:
    people = [a for shape in ("full", "journey") for a in sample_answers.generate(150, 30, shape)]
    headers = list(batch.COLUMNS)
    rows = []
    for i, a in enumerate(people):
        cells = cells_of(a, i)
        rows.append([cells.get(h, "") if cells.get(h) is not None else "" for h in headers])
    return headers, rows


def _worse(before: batch.Row, after: batch.Row) -> bool:
    if GROUP[batch.conclusion_group(after)] < GROUP[batch.conclusion_group(before)]:
        return True
    if not (before.result and after.result):
        return False
    return any(RANK[after.result["levels"][lid]["status"]] < RANK[lv["status"]] for lid, lv in before.result["levels"].items())


@pytest.mark.parametrize("how", ["dropped", "misspelt"])
def test_no_column_dropped_or_misspelt_makes_anyone_worse_without_the_summary_naming_it(how):
    headers, rows = _people()
    full = read(csv_bytes(headers, rows))
    assert not any(r.error for r in full.rows), [r.error for r in full.rows if r.error][:3]
    checked = 0
    for j, header in enumerate(headers):
        if header in ("姓名", "申报方向"):
            continue
        if how == "dropped":
            variant = read(csv_bytes(headers[:j] + headers[j + 1 :], [r[:j] + r[j + 1 :] for r in rows]))
        else:
            variant = read(csv_bytes([*headers[:j], f"{header}（旧）x", *headers[j + 1 :]], rows))
        after = {r.number: r for r in variant.rows}  # a row left with no answers cell is skipped: worse too
        worse = [(b.number, b.result and b.result["highest"]) for b in full.rows if b.number not in after or _worse(b, after[b.number])]
        named = any("缺少的列" in line and header in line for line in variant.columns())
        assert not worse or named, (header, how, worse[:5], variant.columns())
        checked += bool(worse)
    assert checked >= 5  # the property is not vacuous: dropping columns does change results


def test_no_series_spelling_in_the_policy_data_reads_as_out_of_scope():
    policy = load_policy()
    for series in policy.series:
        for name in [series["name"], *series.get("aliases", []), f"{series['name']}系列"]:
            row = list(HELD_SINCE_2023)
            row[A_HEADERS.index("申报系列")] = name
            result = one_row(A_HEADERS, row)
            assert {p["id"]: p["status"] for p in result["preconditions"]}["A3"] == "met", name
