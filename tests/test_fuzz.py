"""Fuzzing the engine: any JSON value, and near-valid answers objects, give either AnswersError with one
Chinese line naming the key, or a result of the contract's shape. Never anything else. The JSON reader
too (answers.loads, what `guantong check` reads a file with): raw bytes, text, and valid JSON cut or with
bytes changed give InputError (one Chinese line) or go on to the same two outcomes.

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
from guantong.answers import InputError, loads
from guantong.answers import _quote as quoted
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
        # The key as written (a lone surrogate escaped, since it cannot be printed; a very long key cut).
        assert quoted(exc.key) in message, (exc.key, message)
        message.encode("utf-8")  # printable on any terminal
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


def read(data):
    """What `guantong check` does with a file's bytes (or text)."""
    try:
        value = loads(data)
    except InputError as exc:
        message = str(exc)
        assert "\n" not in message and HAN.search(message), message
        assert not re.search(r"Expecting|Unterminated|Invalid|codec|Errno", message), message
        return
    outcome(value)
    json.dumps(value, ensure_ascii=False).encode("utf-8", "backslashreplace")


def mangled(rng_bytes: bytes, text: bytes) -> bytes:
    """Valid answers JSON with a few bytes overwritten by random ones."""
    out = bytearray(text)
    for i, b in enumerate(rng_bytes[:8]):
        if out:
            out[(b * 7919 + i * 104729) % len(out)] = rng_bytes[-1 - i] if len(rng_bytes) > i else b
    return bytes(out)


@fuzz
@given(st.binary(max_size=400))
def test_the_reader_on_raw_bytes(data):
    read(data)
    read(b"\xef\xbb\xbf" + data)


@fuzz
@given(st.text(max_size=200))
def test_the_reader_on_any_text(text):
    read(text)


@fuzz
@given(answers, st.binary(min_size=1, max_size=12), st.integers(min_value=0, max_value=2000))
def test_the_reader_on_answers_json_cut_or_damaged(value, noise, cut):
    text = json.dumps(value, ensure_ascii=False).encode("utf-8")
    read(text[:cut])
    read(mangled(noise, text))
    read(text.replace(b'"', b"", 1))
