"""The batch page's bridge (wizard/src/guantong_batch.py) under CPython, as the worker drives it: a file
opened from a path, its rows decided in parts, the table with the command's columns, one row's result as
the wizard's result page has it, the outputs written to a path, the 推荐公示 draft; a file or a field the
page must correct comes back as a value with its message, never a failure."""

from __future__ import annotations

import importlib.util
import io
import json
import sys
from pathlib import Path

import openpyxl
import pytest

from guantong_tools import batch
from guantong.policy import load_policy

SRC = Path(__file__).resolve().parents[1] / "wizard" / "src"
CSV = (
    "姓名,编号,申报方向,单位在黄石市,一线或技能岗位,技师取得日期,荣誉,中断技能工作月数,申报系列,专业与工种相同或相近,近3年年度考核合格,弄虚作假记录,中级取得日期\n"
    "周九,C1,职称,是,是,2019/6/30,黄石工匠 2023-05-01,0,工程技术,是,是,否,\n"
    "吴十,C2,技能等级,,,,,,,,,,2018-01\n"
    "郑一,C3,职称,是,是,2019-02-30,,,,,,,\n"
).encode("gb18030")


@pytest.fixture(scope="module")
def bb():
    modules = {}
    for name in ("guantong_bridge", "guantong_wizard", "guantong_batch"):
        spec = importlib.util.spec_from_file_location(name, SRC / f"{name}.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module  # the bridges import their core by name, as in Pyodide
        spec.loader.exec_module(module)
        modules[name] = module
    yield modules["guantong_batch"]
    for name in modules:
        sys.modules.pop(name, None)


def call(bb, op, payload):
    reply = json.loads(bb.call(op, json.dumps(payload, ensure_ascii=False)))
    assert reply["ok"], reply
    return reply["value"]


def test_open_decide_table_row_write_notice(bb, tmp_path):
    path = tmp_path / "in.csv"
    path.write_bytes(CSV)
    opened = call(bb, "batch_open", {"path": str(path), "name": "名单.csv", "deadline": "2026/6/30"})
    assert opened == {"rows": 3, "source": "csv", "sheets": ["CSV"], "hidden": []}
    assert call(bb, "batch_decide", {"start": 0, "count": 2}) == {"done": 2, "total": 3}
    assert call(bb, "batch_decide", {"start": 2, "count": 2}) == {"done": 3, "total": 3}
    table = call(bb, "batch_table", {})
    native = batch.read(CSV, "名单.csv", "2026-06-30")
    policy = load_policy()
    assert table["summary"] == native.summary()
    cells = [batch.result_cells(r, policy) for r in native.rows]
    assert [(r["conclusion"], r["error"]) for r in table["rows"]] == [(c["结论"], c["错误"]) for c in cells]
    assert [r["levels"] for r in table["rows"]][0] == {
        lid: {"status": lv["status"], "on": lv["eligible_on"]} for lid, lv in native.rows[0].result["levels"].items()
    }
    assert [r["name"] for r in table["rows"]] == ["周九", "吴十", "郑一"]
    assert table["rows"][2]["group"] == "error" and "2019-02-30" in table["rows"][2]["error"]
    row = call(bb, "batch_row", {"i": 0})
    assert row["result"]["result"] == native.rows[0].result
    assert "clauses" in row["result"] and "level_names" in row["result"]
    assert "2019-02-30" in call(bb, "batch_row", {"i": 2})["error"]
    out = tmp_path / "out.xlsx"
    call(bb, "batch_write", {"format": "xlsx", "path": str(out)})
    assert openpyxl.load_workbook(io.BytesIO(out.read_bytes())).active["A2"].value == "周九"
    call(bb, "batch_write", {"format": "csv", "path": str(out.with_suffix(".csv"))})
    assert out.with_suffix(".csv").read_bytes() == batch.write_csv(native, policy)
    assert table["rows"][0]["eligible"], table["rows"][0]
    picks = [[0, table["rows"][0]["eligible"][0]]]
    notice = call(bb, "batch_notice", {"employer": "某公司", "posting_start": "2026-06-01", "picks": picks})
    assert "周九" in notice["html"] and notice["first"] == "2026-06-01"


def refused(bb, op, payload) -> dict:
    """The reply's error: what the person must correct comes back as an input error naming the field."""
    reply = json.loads(bb.call(op, json.dumps(payload, ensure_ascii=False)))
    assert not reply["ok"] and reply["error"]["kind"] == "input", reply
    return reply["error"]


def test_what_the_page_must_correct_comes_back_as_an_input_error(bb, tmp_path):
    path = tmp_path / "in.csv"
    path.write_bytes(CSV)
    assert refused(bb, "batch_open", {"path": str(path), "name": "名单.csv", "deadline": "2026-02-30"})["field"] == "deadline"
    path.write_bytes(b"hello")
    assert "不是能读取的名单文件" in refused(bb, "batch_open", {"path": str(path), "name": "名单.pdf"})["message"]
    path.write_bytes(CSV)
    call(bb, "batch_open", {"path": str(path), "name": "名单.csv"})
    call(bb, "batch_decide", {"start": 0, "count": 10})
    assert refused(bb, "batch_notice", {"employer": "", "posting_start": "2026-06-01"})["field"] == "employer"
    assert refused(bb, "batch_notice", {"employer": "某", "posting_start": ""})["field"] == "posting_start"
    assert refused(bb, "batch_notice", {"employer": "某", "posting_start": "2040-06-01"})["field"] == "posting_start"
    # Only pathway A's eligible rows, at a level they are eligible for, can be recommended.
    assert refused(bb, "batch_notice", {"employer": "某", "posting_start": "2026-06-01", "picks": [[1, "middle"]]})["field"] == "picks"
    assert refused(bb, "batch_notice", {"employer": "某", "posting_start": "2026-06-01", "picks": [["x", 1]]})["field"] == "picks"


def test_batch_run_reads_decides_and_lists_in_one_call_reporting_its_progress(bb, tmp_path):
    """The worker's batch_run is one call: Python reports each stage (read, prepare, decide, table) through
    the worker's callback as it goes, and the table is batch_table's for the whole file."""
    path = tmp_path / "in.csv"
    path.write_bytes(CSV)
    heard = []
    bb.set_progress(lambda stage, done, total: heard.append((stage, done, total)))
    try:
        ran = call(bb, "batch_run", {"path": str(path), "name": "名单.csv", "deadline": "2026-06-30"})
    finally:
        bb.set_progress(None)
    assert ran["rows"] == 3 and [r["name"] for r in ran["table"]["rows"]] == ["周九", "吴十", "郑一"]
    assert ran["table"] == call(bb, "batch_table", {})
    stages = [s for s, _, _ in heard]
    assert {"prepare", "decide", "table"} <= set(stages) and ("decide", 3, 3) in heard
    assert stages.index("decide") < stages.index("table")
    assert refused(bb, "batch_run", {"path": str(path), "name": "名单.pdf"})["field"] == "file"
