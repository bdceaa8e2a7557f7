"""Engine cases written as data: tests/cases/*.toml, one file per pathway, each case naming its clause."""

from __future__ import annotations

import copy
import datetime as dt
import tomllib
from pathlib import Path

import pytest

from guantong import evaluate
from guantong.clauses import exists
from guantong.policy import POLICY_PATH, load_policy

from contract import check_shape

CASES_DIR = Path(__file__).parent / "cases"


def _nulls(value):
    if value == "<null>":
        return None
    if isinstance(value, dict):
        return {k: _nulls(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_nulls(v) for v in value]
    return value


def load_cases():
    for path in sorted(CASES_DIR.glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        for case in data["case"]:
            answers = copy.deepcopy(data["base"])
            answers.update(case.get("answers", {}))
            for key in case.get("unset", []):
                answers.pop(key, None)
            yield pytest.param(_nulls(answers), case, id=f"{path.stem}:{case['name']}")


def policy_for(case, tmp_path_factory):
    if "policy_extra" not in case:
        return None
    path = tmp_path_factory.mktemp("policy") / "policy.toml"
    path.write_text(POLICY_PATH.read_text(encoding="utf-8") + "\n" + case["policy_extra"], encoding="utf-8")
    return load_policy(path)


@pytest.mark.parametrize("answers,case", list(load_cases()))
def test_case(answers, case, tmp_path_factory):
    assert exists(case["clause"]), f"case cites unknown clause {case['clause']}"
    today = dt.date.fromisoformat(case.get("today", "2026-11-25"))
    result = evaluate(answers, policy=policy_for(case, tmp_path_factory), today=today).to_dict()
    check_shape(result)
    expect = case["expect"]
    levels = result["levels"]
    for lid, status in expect.get("status", {}).items():
        assert levels[lid]["status"] == status, (lid, levels[lid])
    for lid, day in expect.get("eligible_on", {}).items():
        assert levels[lid]["eligible_on"] == (day or None), (lid, levels[lid])
    for lid, kinds in expect.get("routes", {}).items():
        assert [r["kind"] for r in levels[lid]["routes"]] == kinds, (lid, levels[lid]["routes"])
    for lid, fragment in expect.get("reason_contains", {}).items():
        assert any(fragment in r["message"] for r in levels[lid]["reasons"]), (fragment, levels[lid]["reasons"])
    for lid, kinds in expect.get("reason_kinds", {}).items():
        assert [r["kind"] for r in levels[lid]["reasons"]] == kinds, (lid, levels[lid]["reasons"])
    pre = {p["id"]: p["status"] for p in result["preconditions"]}
    for pid, status in expect.get("preconditions", {}).items():
        assert pre[pid] == status, (pid, result["preconditions"])
    if "highest" in expect:
        assert result["highest"] == (expect["highest"] or None)
    for key in ("deadline", "deadline_source"):
        if key in expect:
            assert result[key] == expect[key]
    if "step_clauses" in expect:
        assert [s["clause"] for s in result["next_steps"]] == expect["step_clauses"], result["next_steps"]
    steps = " ".join(s["message"] for s in result["next_steps"])
    for fragment in expect.get("step_contains", []):
        assert fragment in steps, (fragment, result["next_steps"])
    for fragment in expect.get("step_excludes", []):
        assert fragment not in steps, (fragment, result["next_steps"])
    notes = " ".join(n["message"] for n in result["notes"])
    for fragment in expect.get("note_contains", []):
        assert fragment in notes, (fragment, result["notes"])
