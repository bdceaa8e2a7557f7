"""Fuzzing the engine: any JSON value, and near-valid answers objects, give either AnswersError with one
Chinese line naming the key, or a result of the contract's shape. Never anything else.

Fast in the normal run; the long run (at least 100 000 examples each) is `make fuzz`.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from guantong import AnswersError, evaluate
from guantong.flow import next_question

from contract import check_shape
from strategies import KEYS, answers, json_values, near_valid

EXAMPLES = int(os.environ.get("GUANTONG_FUZZ_EXAMPLES", "300"))
fuzz = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), database=None)
TODAY = dt.date(2026, 11, 25)
HAN = re.compile(r"[\u4e00-\u9fff]")

keyed_objects = st.dictionaries(st.sampled_from(KEYS) | st.text(max_size=8), json_values, max_size=6)
with_direction = st.builds(lambda d, rest: {**rest, "direction": d}, st.sampled_from(["skill_to_title", "title_to_skill"]), keyed_objects)


def outcome(value):
    try:
        result = evaluate(value, today=TODAY).to_dict()
    except AnswersError as exc:
        message = str(exc)
        assert "\n" not in message and HAN.search(message), message
        assert json.dumps(exc.key, ensure_ascii=False) in message, (exc.key, message)
        return None
    check_shape(result)
    json.dumps(result, ensure_ascii=False)
    return result


@fuzz
@given(json_values)
def test_any_json_value(value):
    outcome(value)


@fuzz
@given(with_direction)
def test_objects_with_a_direction_and_arbitrary_keys(value):
    outcome(value)


@fuzz
@given(near_valid())
def test_near_valid_answers(value):
    outcome(value)


@fuzz
@given(answers)
def test_valid_answers_always_give_a_result_and_a_next_question_or_none(value):
    assert outcome(value) is not None
    next_question(value)
