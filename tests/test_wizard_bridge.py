"""The wizard's bridge to the engine (wizard/src/guantong_wizard.py), run natively: the same module runs
in Pyodide, so what it answers here is what the page gets."""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import sys
from pathlib import Path

import pytest

from build_scripts.sample_answers import RESULT_PEOPLE
from guantong import evaluate, flow

BRIDGE = Path(__file__).resolve().parents[1] / "wizard" / "src" / "guantong_wizard.py"
TODAY = "2026-11-25"


@pytest.fixture(scope="module")
def bridge():
    loaded = {}
    for name in ("guantong_bridge", "guantong_wizard"):  # the core first: the wizard's imports it by name
        spec = importlib.util.spec_from_file_location(name, BRIDGE.with_name(f"{name}.py"))
        loaded[name] = sys.modules[name] = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(loaded[name])
    yield loaded["guantong_wizard"]
    for name in loaded:
        sys.modules.pop(name, None)


def call(bridge, op, payload):
    return json.loads(bridge.call(op, json.dumps(payload, ensure_ascii=False)))


A_DONE = RESULT_PEOPLE["A eligible"][0]  # pathway A, a technician since 2019: 中级


def test_the_first_question_is_the_flows_first(bridge):
    reply = call(bridge, "state", {"answers": {}, "skipped": []})
    assert reply["ok"]
    st = reply["value"]
    assert st["next"]["id"] == flow.QUESTIONS[0].id == "direction"
    assert st["journey"] == [] and st["error"] is None


def test_next_before_after_follow_the_engine(bridge):
    answers = {"direction": "skill_to_title", "deadline": "2026-06-30"}
    st = call(bridge, "state", {"answers": answers, "skipped": [], "current": "deadline"})["value"]
    assert st["next"]["id"] == flow.next_question(answers).id
    assert st["before"] == "direction"
    assert st["after"] == st["next"]["id"]
    assert st["question"]["id"] == "deadline"
    done = call(bridge, "state", {"answers": A_DONE, "skipped": [], "current": "integrity_record"})["value"]
    assert done["next"] is None and done["after"] is None
    assert done["journey"] == [q.id for q in flow.journey(A_DONE)]


def test_answers_of_the_other_pathway_are_kept_aside_not_sent(bridge):
    switched = {**A_DONE, "direction": "title_to_skill"}
    st = call(bridge, "state", {"answers": switched, "skipped": ["series"]})["value"]
    assert st["error"] is None, "the other pathway's answers are not evaluated"
    assert set(st["answers"]) == {"direction", "deadline", "integrity_record"}
    assert st["skipped"] == []
    assert st["next"]["id"] == "titles"


def test_an_answer_that_ends_the_flow_cuts_the_rest(bridge):
    ended = {**A_DONE, "employed_in_huangshi": False}
    st = call(bridge, "state", {"answers": ended, "skipped": []})["value"]
    assert st["ended_by"] == "A1"
    assert st["next"] is None
    assert st["journey"] == ["direction", "deadline", "employed_in_huangshi"]
    assert set(st["answers"]) == set(st["journey"])
    result = call(bridge, "result", {"answers": ended, "today": TODAY})["value"]
    assert result["result"] == evaluate(st["answers"], today=dt.date(2026, 11, 25)).to_dict()


def test_invalid_answers_come_back_as_the_engines_error(bridge):
    st = call(bridge, "state", {"answers": {"direction": "skill_to_title", "skill_levels": {"technician": "2019-02-30"}}})["value"]
    error = st["error"]
    assert error["key"] == "skill_levels.technician"
    assert error["question"] == "skill_levels"
    assert error["problem"] == "日期 2019-02-30 不存在，请检查年、月、日"
    assert error["message"].endswith(error["problem"]) and "skill_levels.technician" in error["message"]
    honors = call(bridge, "state", {"answers": {"direction": "skill_to_title", "honors": [{"name": "黄石工匠", "tier": "x"}]}})
    assert honors["value"]["error"]["question"] == "honors"
    refused = call(bridge, "evaluate", {"answers": {"direction": "nowhere"}})
    assert not refused["ok"] and refused["error"]["key"] == "direction" and refused["error"]["kind"] == "answer"


def test_dates_after_the_deadline_are_reported(bridge):
    answers = {
        "direction": "skill_to_title",
        "deadline": "2026-06-30",
        "skill_levels": {"technician": "2019-01-01", "senior_technician": "2026-07-01"},
        "honors": [{"name": "楚天名匠", "date": "2027-01-01"}],
        "studio": {"level": "city", "date": "2020-01-01"},
    }
    st = call(bridge, "state", {"answers": answers, "skipped": []})["value"]
    assert st["deadline"] == "2026-06-30" and st["deadline_source"] == "answers"
    assert st["late"] == [{"key": "skill_levels.senior_technician", "date": "2026-07-01"}, {"key": "honors[0].date", "date": "2027-01-01"}]


def test_result_carries_names_citations_and_checklist(bridge):
    value = call(bridge, "result", {"answers": A_DONE, "skipped": [], "today": TODAY})["value"]
    assert value["result"] == evaluate(A_DONE, today=dt.date(2026, 11, 25)).to_dict()
    assert value["level_names"] == {"assistant": "助理级职称", "intermediate": "中级职称", "deputy_senior": "副高级职称"}
    assert value["clauses"]["2.4.1.2"] == {"anchor": "c-2-4-1-2", "cite": "第二部分第（四）条第1款第（2）项"}
    clauses_used = {item["clause"] for item in value["result"]["next_steps"] + value["result"]["notes"]}
    assert clauses_used <= set(value["clauses"])
    assert value["materials"]["names"] and value["rule_labels"]["A1"]
    b = call(bridge, "result", {"answers": {"direction": "title_to_skill"}, "today": TODAY})["value"]
    assert b["materials"] is None


def test_evaluate_many_and_unknown_operations(bridge):
    many = call(bridge, "evaluate_many", {"items": [A_DONE, {"direction": 1}], "today": TODAY})["value"]
    assert many[0]["result"]["highest"] == "intermediate"
    assert many[1]["error"]["key"] == "direction"
    unknown = call(bridge, "nope", {})
    assert not unknown["ok"] and unknown["error"]["kind"] == "fatal" and "unknown operation" in unknown["error"]["message"]
    assert call(bridge, "warm", {})["value"]["policy_version"]
