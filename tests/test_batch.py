"""`guantong batch` (shared/spec/batch.md, issue 12): every point of the contract, real xlsx files written
with openpyxl and read back, CSV in UTF-8 (with and without BOM) and GBK, and a differential test."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from guantong import evaluate
from guantong_tools.batch import TEMPLATE_A, TEMPLATE_B, BatchError, read, result_cells, row_label, template, write_csv, write_xlsx
from guantong.policy import load_policy
from batch_rows_support import A_ROW, B_ROW, csv_bytes, xlsx_bytes

ROOT = Path(__file__).resolve().parents[1]
TODAY = dt.date(2026, 12, 1)
POLICY = load_policy()


def decided(data: bytes, name: str, **kw):
    return read(data, name, today=TODAY, **kw)


def test_a_csv_of_both_pathways_decided_row_by_row():
    batch = decided(csv_bytes([A_ROW, B_ROW]), "people.csv")
    a, b = batch.rows
    assert a.answers["skill_levels"] == {"technician": "2019-06-30"} and a.answers["honors"] == [] and a.answers["studio"] is None
    assert "titles" not in a.answers, "a row ignores the other pathway's columns"
    assert result_cells(a, POLICY)["结论"] == "中级职称" and result_cells(b, POLICY)["结论"] == "高级技师（一级）"
    assert batch.summary() == "共 2 行：符合 2，待定 0，不符合 0，出错 0"
    assert (a.number, b.number) == (2, 3)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030"])
def test_csv_encodings_are_detected(encoding):
    batch = decided(csv_bytes([A_ROW, B_ROW], encoding), "people.csv")
    assert [r.cells["姓名"] for r in batch.rows] == ["张三", "李四"] and not any(r.error for r in batch.rows)


def test_headers_in_any_order_with_spaces_and_either_parentheses_unknown_ones_kept():
    row = {
        "备注": "留着",
        " 姓 名 ": "王五",
        "申报方向": "技能等级",
        "申报职业(工种)": "焊工",
        "中级取得日期": "2018-12-01",
        "从事技术技能岗位": "是",
        "职业与岗位对应": "是",
        "累计工作年限": "20",
        "高级工年限要求": "5",
    }
    batch = decided(csv_bytes([row]), "p.csv")
    r = batch.rows[0]
    assert r.answers["occupation"] == "焊工" and r.answers["work_years"] == 20
    out = list(csv.reader(io.StringIO(write_csv(batch, POLICY).decode("utf-8-sig"))))
    assert out[0][:2] == ["备注", " 姓 名 "] and out[1][0] == "留着"


def test_cells_as_people_write_them():
    row = dict(
        A_ROW,
        技师取得日期="2019年6月30日",
        高级工取得日期="2016/5/1",
        单位在黄石市="√",
        一线或技能岗位="Y",
        专业与工种相同或相近="有",
        近3年年度考核合格="不确定",
        中断技能工作月数="３",
        荣誉="黄石工匠（2023-05-01）；全国技术能手 2021.10.1、某市标兵",
        技能大师工作室="湖北省",
        工作室领办日期="2022-8-8",
    )
    a = decided(csv_bytes([row]), "p.csv").rows[0].answers
    assert a["skill_levels"] == {"technician": "2019-06-30", "senior_worker": "2016-05-01"}
    assert a["employed_in_huangshi"] is True and a["skill_post"] is True and a["speciality_matches"] is True
    assert "annual_assessment_passed" not in a, "不确定 is not answered"
    assert a["months_out_of_skill_work"] == 3
    assert a["honors"] == [{"name": "黄石工匠", "date": "2023-05-01"}, {"name": "全国技术能手", "date": "2021-10-01"}, {"name": "某市标兵"}]
    assert a["studio"] == {"level": "provincial", "date": "2022-08-08"}


def test_an_absent_column_is_not_answered_an_empty_cell_as_the_contract_says():
    """An empty 技师 cell is none only where the sheet has all three dated levels (batch.md, issue 30)."""
    row = {"姓名": "赵六", "申报方向": "职称", "技师取得日期": "", "荣誉": "", "申报系列": "", "单位在黄石市": "是"}
    a = decided(csv_bytes([row]), "p.csv").rows[0].answers
    assert a == {"direction": "skill_to_title", "honors": [], "employed_in_huangshi": True}
    row = {**row, "高级工取得日期": "", "高级技师取得日期": ""}
    assert decided(csv_bytes([row]), "p.csv").rows[0].answers["skill_levels"] == {}


@pytest.mark.parametrize(
    "header,cell,fragment",
    [
        ("技师取得日期", "2019-02-30", "日期 2019-02-30 不存在"),
        ("技师取得日期", "是", "不是日期"),
        ("中断技能工作月数", "-1", "不能为负数"),
        ("单位在黄石市", "也许", "应为 是、否 或 不确定"),
        ("技能大师工作室", "县级", "应为 无、黄石市、湖北省 或 国家级"),
        ("申报方向", "跳槽", "应为 职称 或 技能等级"),
    ],
)
def test_a_cell_the_row_cannot_use_makes_that_row_an_error_and_the_rest_go_on(header, cell, fragment):
    batch = decided(csv_bytes([dict(A_ROW, **{header: cell}), B_ROW]), "p.csv")
    bad, good = batch.rows
    assert bad.error.startswith(f"工作表“CSV”第 2 行“{header}”：") and fragment in bad.error, bad.error
    assert result_cells(bad, POLICY)["结论"] == "" and result_cells(bad, POLICY)["错误"] == bad.error
    assert good.result and not good.error
    assert batch.summary().endswith("出错 1")


def test_xlsx_sheets_pathways_by_sheet_name_date_and_number_cells_hidden_and_merged():
    a_headers = [
        "姓名",
        "技师取得日期",
        "中断技能工作月数",
        "单位在黄石市",
        "一线或技能岗位",
        "申报系列",
        "专业与工种相同或相近",
        "近3年年度考核合格",
        "弄虚作假记录",
        "技能大师工作室",
        "荣誉",
        "受理截止日期",
    ]
    a_rows = [
        a_headers,
        ["张三", dt.datetime(2019, 6, 30), 0.0, "是", "是", "工程技术", "是", "是", "否", "无", None, dt.date(2026, 6, 30)],
        ["钱七", dt.datetime(2024, 7, 1), 2, "是", "是", "农业", "是", "是", "否", None, "湖北工匠", dt.date(2026, 6, 30)],
        [None] * len(a_headers),
        ["孙八", "2020-01-01", "1", "是", "是", "农业", "是", "是", "否", "无", "", "2026-06-30"],
    ]
    data = xlsx_bytes({"申报职称": a_rows, "名单外": [["说明"], ["这张表没有姓名列"]], "备用": [["姓名"], ["不读"]]}, hidden=("备用",))
    # Merge the pathway-less sheet's 技能大师工作室 cells of the two people, as someone might.
    book = openpyxl.load_workbook(io.BytesIO(data))
    book["申报职称"].merge_cells("J2:J3")
    buf = io.BytesIO()
    book.save(buf)
    batch = decided(buf.getvalue(), "people.xlsx")
    assert [r.cells["姓名"] for r in batch.rows] == ["张三", "钱七", "孙八"] and [r.number for r in batch.rows] == [2, 3, 5]
    first, second, _ = batch.rows
    assert first.answers["skill_levels"] == {"technician": "2019-06-30"} and first.answers["months_out_of_skill_work"] == 0
    assert second.answers["studio"] is None, "a merged cell counts for the rows it covers"
    assert "未读取隐藏的工作表：备用" in batch.summary()
    # xlsx out: the input's sheets kept, the result columns added to each, read back the same.
    back = openpyxl.load_workbook(io.BytesIO(write_xlsx(batch, POLICY, buf.getvalue())))
    assert back.sheetnames == ["申报职称", "名单外", "备用"]
    ws = back["申报职称"]
    headers = [c.value for c in ws[1]]
    assert headers[: len(a_headers)] == a_headers and headers[len(a_headers)] == "结论"
    assert ws.cell(row=2, column=len(a_headers) + 1).value == result_cells(first, POLICY)["结论"] == "中级职称"
    assert ws.cell(row=3, column=len(a_headers) + 1).value == "副高级职称"


def test_csv_out_from_several_sheets_names_each_rows_sheet():
    data = xlsx_bytes({"申报职称": [list(A_ROW), list(A_ROW.values())], "申报技能等级": [list(B_ROW), list(B_ROW.values())]})
    batch = decided(data, "p.xlsx")
    text = write_csv(batch, POLICY)
    assert text.startswith("\ufeff".encode())
    rows = list(csv.DictReader(io.StringIO(text.decode("utf-8-sig"))))
    assert [r["工作表"] for r in rows] == ["申报职称", "申报技能等级"] and rows[1]["高级技师（一级）"] == "符合"
    assert rows[0]["高级技师（一级）"] == "" and rows[0]["助理级职称"] == "符合"


@pytest.mark.parametrize(
    "data,name,fragment",
    [
        (b"hello", "people.pdf", "不是能读取的名单文件"),
        (b"hello", "people.txt", "没有找到“姓名”列"),
        (b"", "people.csv", "文件是空的"),
        (b"\x50\x4b\x03\x04garbage", "people.xlsx", "不是有效的 xlsx"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512, "people.xlsx", "无法读取这个 Excel 97–2003"),
        ("编号,申报方向\n1,职称\n".encode(), "people.csv", "没有找到“姓名”列"),
        ("姓名,受理截止日期\n张三,2026-06-30\n".encode(), "people.csv", "须有“申报方向”列"),
        ("姓名,姓 名,申报方向\n张三,张三,职称\n".encode(), "people.csv", "出现了两次"),
    ],
)
def test_a_file_that_is_not_a_spreadsheet_of_people_is_one_chinese_message(data, name, fragment):
    with pytest.raises(BatchError, match=fragment):
        decided(data, name)


def test_a_row_without_a_pathway_stops_the_file():
    data = xlsx_bytes({"名单": [["姓名", "技师取得日期"], ["张三", "2019-06-30"]]})
    with pytest.raises(BatchError, match="没有申报方向"):
        decided(data, "p.xlsx")


def test_the_template_has_both_sheets_lists_and_an_explanation_and_reads_back():
    book = openpyxl.load_workbook(io.BytesIO(template()))
    assert book.sheetnames == ["申报职称", "申报技能等级", "填写说明"], "no hidden sheet of lists"
    lists = [dv.formula1 for dv in book["申报职称"].data_validations.dataValidation if dv.formula1]
    assert '"是,否,不确定"' in lists and any("工程技术" in f for f in lists), "drop-down lists written in themselves"
    explained = {row[0].value: row[2].value for row in book["填写说明"].iter_rows(min_row=2) if row[0].value}
    assert explained["技能大师工作室"] == "2.4.1" and "姓名" in explained
    batch = decided(template(), "模板.xlsx")
    assert batch.rows == [] and batch.examples == 2, "the example rows are not people (issue 25)"
    assert batch.summary() == "共 0 行：符合 0，待定 0，不符合 0，出错 0（跳过模板的示例行 2 行）"
    # Filled in under the examples, the people are read and the examples still skipped.
    book = openpyxl.load_workbook(io.BytesIO(template()))
    book["申报职称"].append(["王五", "A9", None, "是"])
    buf = io.BytesIO()
    book.save(buf)
    batch = decided(buf.getvalue(), "模板.xlsx")
    assert [r.cells["姓名"] for r in batch.rows] == ["王五"] and "未读取隐藏的工作表" not in batch.summary()


def test_the_template_teaches_how_to_write_a_date_and_keeps_2014_10():
    """Issue 32: every date column's note (a validation's input message, no comment part) and its line on the
    填写说明 sheet say 如 2019-06-30；只记得年月可写 2019.6 或 2019年6月; the date columns are text, so that a
    typed 2014.10 stays October, and it reads back as a month-only date."""
    from guantong_tools.batch.template import DATE_HOW

    book = openpyxl.load_workbook(io.BytesIO(template()))
    assert DATE_HOW == "如 2019-06-30；只记得年月可写 2019.6 或 2019年6月"
    explained = {row[0].value: row[1].value for row in book["填写说明"].iter_rows(min_row=2) if row[0].value}
    for sheet, headers in (("申报职称", TEMPLATE_A), ("申报技能等级", TEMPLATE_B)):
        ws = book[sheet]
        prompts = {str(dv.sqref).split(":")[0][:-1]: dv.prompt for dv in ws.data_validations.dataValidation if dv.prompt}
        dated = [h for h in headers if h.endswith("日期")]
        assert len(dated) >= 3
        for i, h in enumerate(headers, start=1):
            letter = openpyxl.utils.get_column_letter(i)
            if h in dated:
                assert DATE_HOW in explained[h], h
                assert ws.column_dimensions[letter].number_format == "@" and prompts.get(letter) == DATE_HOW, h
            else:
                assert letter not in prompts, h
    ws = book["申报职称"]
    row = {"姓名": "赵七", "单位在黄石市": "是", "一线或技能岗位": "是", "技师取得日期": "2014.10"}
    ws.append([row.get(h) for h in TEMPLATE_A])
    buf = io.BytesIO()
    book.save(buf)
    people = decided(buf.getvalue(), "模板.xlsx").rows
    assert [p.answers["skill_levels"] for p in people] == [{"technician": "2014-10"}]


# --- the command line -----------------------------------------------------------------------------------
def run(*args, stdin=None):
    return subprocess.run([sys.executable, "-m", "guantong", "batch", *args], capture_output=True, cwd=ROOT, input=stdin)


def test_the_command_exit_codes_outputs_and_summary(tmp_path):
    people = tmp_path / "名单.csv"
    people.write_bytes(csv_bytes([A_ROW, dict(A_ROW, 技师取得日期="2019-02-30"), B_ROW], "gbk"))
    proc = run(str(people))
    assert proc.returncode == 0, proc.stderr.decode()
    first, *columns = proc.stderr.decode().strip().splitlines()
    assert first == "共 3 行：符合 2，待定 0，不符合 0，出错 1"
    assert columns[0].startswith("文件读取的列：姓名、") and any(c.startswith("文件缺少的列") for c in columns)
    assert proc.stdout.startswith("\ufeff".encode()) and "中级职称" in proc.stdout.decode("utf-8-sig")
    out = tmp_path / "结果.xlsx"
    assert run(str(people), "-o", str(out), "--deadline", "2026-06-30").returncode == 0
    ws = openpyxl.load_workbook(out).active
    assert [c.value for c in ws[1]][0] == "姓名" and "错误" in [c.value for c in ws[1]]
    template_file = tmp_path / "模板.xlsx"
    assert run("--template", str(template_file)).returncode == 0 and template_file.stat().st_size > 1000
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"not a zip")
    proc = run(str(bad))
    assert proc.returncode == 2 and len(proc.stderr.decode().splitlines()) == 1 and "Traceback" not in proc.stderr.decode()
    assert run(str(tmp_path / "missing.csv")).returncode == 2


def test_a_deadline_for_rows_without_one():
    row = {k: v for k, v in A_ROW.items() if k != "受理截止日期"}
    batch = decided(csv_bytes([row]), "p.csv", deadline="2026-06-30")
    assert batch.rows[0].answers["deadline"] == "2026-06-30"


# --- differential: each row's output is evaluate() of that row's answers ------------------------------
def to_row(a: dict) -> dict:
    """An answers object as a person would type it into the template's columns (what a row can say)."""
    names = {
        "senior_worker": "高级工",
        "technician": "技师",
        "senior_technician": "高级技师",
        "assistant": "助理级",
        "intermediate": "中级",
        "deputy_senior": "副高级",
        "senior": "正高级",
    }
    yes = lambda v: "是" if v else "否"  # noqa: E731
    row = {"姓名": "某人", "申报方向": "职称" if a["direction"] == "skill_to_title" else "技能等级", "受理截止日期": a.get("deadline", "")}
    simple = {
        "employed_in_huangshi": "单位在黄石市",
        "skill_post": "一线或技能岗位",
        "speciality_matches": "专业与工种相同或相近",
        "annual_assessment_passed": "近3年年度考核合格",
        "technical_skill_post": "从事技术技能岗位",
        "occupation_matches": "职业与岗位对应",
        "related_major": "相关专业毕业",
        "integrity_record": "弄虚作假记录",
    }
    for key, header in simple.items():
        if key in a:
            row[header] = yes(a[key])
    for key in ("skill_levels", "titles"):
        for level, day in a.get(key, {}).items():
            row[f"{names[level]}取得日期"] = day
    for key, header in (
        ("months_out_of_skill_work", "中断技能工作月数"),
        ("work_years", "累计工作年限"),
        ("months_out_of_work", "中断工作月数"),
    ):
        if key in a:
            row[header] = str(a[key])
    for level, n in a.get("required_years", {}).items():
        row[f"{names[level]}年限要求"] = str(n)
    if "honors" in a:
        row["荣誉"] = "、".join(h["name"] + (f" {h['date']}" if h.get("date") else "") for h in a["honors"])
    if "studio" in a:
        row["技能大师工作室"] = {None: "无", "city": "黄石市", "provincial": "湖北省", "national": "国家级"}[
            (a["studio"] or {}).get("level")
        ]
        if a["studio"] and a["studio"].get("date"):
            row["工作室领办日期"] = a["studio"]["date"]
    for key, header in (("series", "申报系列"), ("occupation", "申报职业（工种）"), ("work_start", "参加本职业工作日期")):
        if key in a:
            row[header] = a[key]
    return row


def expressible(a: dict) -> dict:
    """What the row can say of `a`: list-like columns present mean "none" when empty; no claimed tiers."""
    a = json.loads(json.dumps(a))
    order = ["senior_worker", "technician", "senior_technician", "assistant", "intermediate", "deputy_senior", "senior"]
    for key in ("skill_levels", "titles", "required_years"):  # in the columns' order, as a row reads them
        if isinstance(a.get(key), dict):
            a[key] = dict(sorted(a[key].items(), key=lambda kv: order.index(kv[0])))
    for key in ("series", "occupation"):  # a cell's surrounding spaces are not part of a name
        if isinstance(a.get(key), str):
            a[key] = a[key].strip()
    if a["direction"] == "skill_to_title":
        a.setdefault("skill_levels", {})
        a["honors"] = [{k: v for k, v in h.items() if k != "tier"} if isinstance(h, dict) else {"name": h} for h in a.get("honors", [])]
    else:
        a.setdefault("titles", {})
    return a


def test_each_generated_rows_output_equals_evaluate_of_its_answers():
    from build_scripts import sample_answers

    people = [
        a
        for a in sample_answers.generate(300, 20261201) + sample_answers.EDGE_CASES
        if a.get("direction") in ("skill_to_title", "title_to_skill")
    ]
    columns = list(dict.fromkeys(["姓名", "申报方向", *TEMPLATE_A, *TEMPLATE_B]))  # the template's order
    # A row with no answers cell is no person (batch.md): those the generator leaves all but empty are skipped.
    people_cells = [h for h in columns if h not in ("姓名", "编号", "申报方向", "受理截止日期")]
    wanted = [w for w in map(expressible, people) if any(str(to_row(w).get(h) or "").strip() for h in people_cells)]
    batch = decided(csv_bytes([to_row(a) for a in wanted], headers=columns), "people.csv")
    assert len(batch.rows) == len(wanted)
    for row, a in zip(batch.rows, wanted, strict=True):
        expect = {k: v for k, v in a.items()}
        assert row.answers == expect, (row.answers, expect)
        try:
            result = evaluate(a, today=TODAY).to_dict()
        except Exception as exc:  # noqa: BLE001 - the engine's refusal must be the row's error
            assert row.error and exc.problem in row.error
            continue
        assert row.result == result


def test_the_posting_notice_draft_lists_the_eligible_with_their_level_and_a_working_day_period(tmp_path):
    from guantong_tools.batch import notice_html
    from guantong.workdays import posting_end

    people = [A_ROW, dict(A_ROW, 姓名="差一年", 技师取得日期="2025-06-30"), B_ROW]
    batch = decided(csv_bytes(people), "p.csv")
    page = notice_html(batch, "黄石某机械有限公司", dt.date(2026, 9, 28))
    assert "拟推荐以下 1 名同志" in page and "张三" in page and "中级职称" in page
    assert "差一年" not in page and "李四" not in page, "only the people a title is open for (2.5.1.3)"
    end = posting_end(dt.date(2026, 9, 28))
    assert f"公示期：2026年9月28日至{end.year}年{end.month}月{end.day}日" in page and end > dt.date(2026, 10, 5)
    assert "2.5.1.3" in page and "联系人" in page and "， 经" not in page
    proc = run(
        str(_file(tmp_path, csv_bytes(people))),
        "-o",
        str(tmp_path / "o.csv"),
        "--notice",
        str(tmp_path / "n.html"),
        "--employer",
        "某单位",
        "--posting-start",
        "2031-01-06",
    )
    assert proc.returncode == 2 and "尚未收录" in proc.stderr.decode(), "a year the calendar does not cover is refused"


def _file(tmp_path: Path, data: bytes) -> Path:
    path = tmp_path / "people.csv"
    path.write_bytes(data)
    return path


def typed_cases(name: str) -> list[dict]:
    """The cases wizard/src/app/answers/answers.test.js holds the wizard's fields to (parseDate, parseCount)."""
    return json.loads((ROOT / "tests" / "cases" / f"{name}.json").read_text(encoding="utf-8"))["cases"]


def read_cell(reader, case: dict, kinds) -> dict:
    from guantong_tools.batch import CellError, cell_text

    if cell_text(case["typed"]) == "":
        return {"empty": True}  # a blank cell: the question is left unanswered
    try:
        return {kinds[0]: reader(case["typed"])}
    except CellError as exc:
        return {"error": next((kind for kind, mark in kinds[1:] if mark in str(exc)), "format")}


@pytest.mark.parametrize("case", typed_cases("typed_dates"), ids=lambda c: repr(c["typed"]) + ("/full" if c.get("full") else ""))
def test_date_cells_read_as_the_wizard_reads_typed_dates(case):
    from guantong_tools.batch import cell_date

    full = case.get("full", False)
    got = read_cell(lambda v: cell_date(v, full=full), case, ("iso", ("missing", "不存在"), ("partial", "完整")))
    assert got == {k: v for k, v in case.items() if k not in ("typed", "full")}


@pytest.mark.parametrize("case", typed_cases("typed_counts"), ids=lambda c: repr(c["typed"]))
def test_number_cells_read_as_the_wizard_reads_typed_numbers(case):
    from guantong_tools.batch import cell_count

    got = read_cell(cell_count, case, ("value", ("negative", "负数"), ("too_big", "数字太大")))
    assert got == {k: v for k, v in case.items() if k != "typed"}


def test_a_late_title_without_the_post_column_gives_no_eligible_on_date():
    """Issue 23: a 申报技能等级 sheet with no 从事技术技能岗位 column and every title after the deadline: B1 is
    not met, and no level carries a date (time is not all that is missing)."""
    data = xlsx_bytes(
        {
            "申报技能等级": [
                ["姓名", "受理截止日期", "助理级取得日期", "申报职业（工种）", "参加本职业工作日期"],
                ["王五", "2026-06-30", "2026-09-01", "电工", "2010-01-01"],
            ]
        }
    )
    [row] = decided(data, "p.xlsx").rows
    cells = result_cells(row, POLICY)
    assert cells["结论"] == "暂不符合"
    assert [cells[f"{name}可申报日期"] for name in ("高级工（三级）", "技师（二级）", "高级技师（一级）")] == ["", "", ""]
    assert "是否从事技术技能岗位尚未回答。（2.1）" in cells["原因"]


def test_the_years_sentence_is_the_engine_s_in_the_reasons_column():
    """Issue 23: where the standard's years are all that is open, the 原因 column carries the engine's own
    sentence (the wizard and `guantong check` show the same reason from the same result)."""
    row = {**B_ROW, "高级工年限要求": "", "技师年限要求": "", "高级技师年限要求": "", "参加本职业工作日期": "2012-01-01"}
    [decided_row] = decided(csv_bytes([row]), "p.csv").rows
    result = evaluate(
        {
            "direction": "title_to_skill",
            "deadline": "2026-06-30",
            "titles": {"intermediate": "2018-12-01"},
            "technical_skill_post": True,
            "occupation": "电工",
            "occupation_matches": True,
            "work_start": "2012-01-01",
            "months_out_of_work": 0,
            "related_major": False,
            "integrity_record": False,
        },
        today=TODAY,
    ).to_dict()
    sentence = result["levels"]["technician"]["reasons"][0]["message"]
    assert "若该职业国家职业技能标准要求的累计工作年限不超过 14 年，即符合本层级条件" in sentence
    assert f"{sentence}（2.4.2.2）" in result_cells(decided_row, POLICY)["原因"].splitlines()


def test_lists_as_offices_keep_them_title_rows_stray_spaces_utf16_formulas_merges():
    """Issue 25: a title row (merged) above the headers, a header with a stray space, UTF-16 text (Excel's
    「Unicode 文本」), formula cells with no cached value (a script's file) and a pathway merged down rows."""
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "申报职称"
    ws.append(["XX公司职称申报人员名单"])
    ws.merge_cells("A1:E1")
    ws.append([])
    ws.append([" 姓名", "编号 ", "单位在黄石市", "一线或技能岗位", "技师取得日期"])
    ws.append(["王五", "W1", "是", "是", "2019-06-30"])
    ws.append(['=CONCATENATE("赵","六")', "W2", None, "是", "2019-06-30"])
    ws.merge_cells("C4:C5")
    buf = io.BytesIO()
    book.save(buf)
    b = decided(buf.getvalue(), "名单.xlsx")
    assert [(r.number, row_label(r, "姓名"), row_label(r, "编号")) for r in b.rows] == [
        (4, "王五", "W1"),
        (5, '=CONCATENATE("赵","六")', "W2"),
    ]
    assert b.rows[1].answers["employed_in_huangshi"] is True, "the merged cell counts for the row below"
    assert b.uncached == 1 and "1 个公式单元格没有保存计算结果，按公式文本读取" in b.summary()
    assert "表头在第 3 行，上面的 2 行未作为人员读取" in b.summary()
    bad = dict(A_ROW, 技师取得日期="2019-02-30")
    text = ("姓名\t申报方向\t技师取得日期\r\n王五\t职称\t2019-06-30\r\n钱七\t职称\t2019-02-30\r\n").encode("utf-16")
    assert text[:2] == b"\xff\xfe"
    u = decided(text, "名单.csv")
    assert [row_label(r, "姓名") for r in u.rows] == ["王五", "钱七"]
    assert "第 3 行“技师取得日期”" in u.rows[1].error, "the sheet's own row numbers"
    assert bad
    # Out: the result columns' headers on the sheet's header row, the people's results on their own rows.
    out = openpyxl.load_workbook(io.BytesIO(write_xlsx(b, POLICY, buf.getvalue())))["申报职称"]
    assert out.cell(row=3, column=6).value == "结论" and out.cell(row=1, column=6).value is None
    assert out.cell(row=1, column=1).value == "XX公司职称申报人员名单" and out.cell(row=4, column=6).value
    # A CSV with a title line: the title kept above the headers in the xlsx out.
    titled = decided("XX公司名单\n姓名,申报方向,技师取得日期\n王五,职称,2019-06-30\n".encode("gbk"), "名单.csv")
    ws = openpyxl.load_workbook(io.BytesIO(write_xlsx(titled, POLICY))).active
    assert [ws.cell(row=r, column=1).value for r in (1, 2, 3)] == ["XX公司名单", "姓名", "王五"]
    assert ws.cell(row=2, column=4).value == "结论" and ws.cell(row=3, column=4).value
