"""Hypothesis strategies drawn from build_scripts.sample_answers (the project's one generator of answers
objects): ``Drawn`` hands it hypothesis's ``draw`` as its source of picks, so hypothesis explores and
shrinks the same objects the seeded tests and benchmarks use. Beside them: arbitrary JSON values and
near-valid objects (one key replaced or dropped) for the fuzz tests."""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

from build_scripts import sample_answers
from guantong import flow


class Drawn:
    """sample_answers' Picks from hypothesis's ``draw``."""

    def __init__(self, draw):
        self.draw = draw

    def chance(self, p: float) -> bool:
        return self.draw(st.integers(min_value=0, max_value=999)) < p * 1000

    def pick(self, items):
        return self.draw(st.sampled_from(list(items)))

    def number(self, low: int, high: int) -> int:
        return self.draw(st.integers(min_value=low, max_value=high))


@st.composite
def _loose(draw, direction=None):
    return sample_answers.loose(Drawn(draw), direction)


@st.composite
def _full(draw, direction):
    return sample_answers.full(Drawn(draw), direction)


@st.composite
def _honour(draw):
    return sample_answers.honour(Drawn(draw))


answers = _loose()
full_skill = _full("skill_to_title")
full_title = _full("title_to_skill")
honor = _honour()
iso_dates = st.dates(min_value=dt.date(1960, 1, 1), max_value=dt.date(2040, 12, 31)).map(dt.date.isoformat)

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
    max_leaves=12,
)
KEYS = [q.id for q in flow.QUESTIONS] + ["foo"]


@st.composite
def near_valid(draw):
    """A valid answers object with one key replaced, added or removed: the shapes that break parsers."""
    base = dict(draw(answers))
    key = draw(st.sampled_from(KEYS))
    action = draw(st.sampled_from(["replace", "drop"]))
    if action == "drop":
        base.pop(key, None)
    else:
        base[key] = draw(json_values | iso_dates | st.sampled_from(["2021-02-30", "2021/06/30", "", -1, 1.5, True]))
    return base
