"""Hypothesis strategies for answers objects: valid ones of each pathway, and near-valid ones."""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

from guantong.answers import SKILL_IDS, STUDIO_LEVELS, TIER_IDS, TITLE_IDS
from guantong.policy import load_policy

POLICY = load_policy()
HONOR_NAMES = [h["name"] for h in POLICY.honors] + ["全国五一劳动奖章", "某市技术标兵"]
SERIES = [s["name"] for s in POLICY.series] + ["卫生", "工程技术系列"]

dates = st.dates(min_value=dt.date(1960, 1, 1), max_value=dt.date(2040, 12, 31))
iso_dates = dates.map(dt.date.isoformat)
counts = st.integers(min_value=0, max_value=600)

honor = st.one_of(
    st.sampled_from(HONOR_NAMES),
    st.fixed_dictionaries({"name": st.sampled_from(HONOR_NAMES)},
                          optional={"date": iso_dates, "tier": st.sampled_from(TIER_IDS)}),
)
studio = st.one_of(st.none(), st.fixed_dictionaries({"level": st.sampled_from(STUDIO_LEVELS)}, optional={"date": iso_dates}))

COMMON = {"deadline": iso_dates, "integrity_record": st.booleans()}
SKILL_TO_TITLE = {
    "employed_in_huangshi": st.booleans(),
    "skill_post": st.booleans(),
    "skill_levels": st.dictionaries(st.sampled_from(SKILL_IDS), iso_dates),
    "months_out_of_skill_work": counts,
    "honors": st.lists(honor, max_size=4),
    "studio": studio,
    "series": st.sampled_from(SERIES),
    "speciality_matches": st.booleans(),
    "annual_assessment_passed": st.booleans(),
}
TITLE_TO_SKILL = {
    "titles": st.dictionaries(st.sampled_from(TITLE_IDS), iso_dates),
    "technical_skill_post": st.booleans(),
    "occupation_matches": st.booleans(),
    "occupation": st.sampled_from(["电工", "焊工", "车工"]),
    "work_start": iso_dates,
    "work_years": st.integers(min_value=0, max_value=60),
    "months_out_of_work": counts,
    "required_years": st.dictionaries(st.sampled_from(SKILL_IDS), st.integers(min_value=0, max_value=40)),
    "related_major": st.booleans(),
}


def answers_for(direction: str, keys: dict, *, full: bool = False):
    fields = {**COMMON, **keys}
    fixed = {"direction": st.just(direction)}
    if full:
        return st.fixed_dictionaries({**fixed, **fields})
    return st.fixed_dictionaries(fixed, optional=fields)


answers = st.one_of(answers_for("skill_to_title", SKILL_TO_TITLE), answers_for("title_to_skill", TITLE_TO_SKILL))
skill_answers = answers_for("skill_to_title", SKILL_TO_TITLE)
title_answers = answers_for("title_to_skill", TITLE_TO_SKILL)

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
    max_leaves=12,
)
KEYS = ["direction", *COMMON, *SKILL_TO_TITLE, *TITLE_TO_SKILL, "foo"]


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
