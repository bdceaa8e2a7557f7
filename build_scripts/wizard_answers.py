"""Seeded answers objects shaped like the wizard's: a simulated person walks the declared flow
(``guantong.flow.next_question``), answers each question with a random value of its type, sometimes says
"不确定" or leaves an optional field empty, and sometimes stops half-way (a partial journey, which the
engine reports as undetermined). A few hand-made edge cases are added (29 February, dates after the
deadline, names with full-width characters and aliases, an honour not on the lists with a claimed tier).

    python -m build_scripts.wizard_answers [N] [SEED]     # prints N objects as JSON lines

Used by tests/browser/test_wizard_differential.py: each object is evaluated natively and by the
browser's Pyodide, and the two ``to_dict()`` must be identical.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

from guantong import flow  # noqa: E402

UNLISTED = ("全国五一劳动奖章", "某市技术标兵", "黄石市首席技师")
OCCUPATIONS = ("电工", "焊工", "维修电工", "车工", "钳工", "电 工", "ＣＮＣ操作工")
OTHER_SERIES = ("卫生", "教育", "工程技术系列", " 农业 ")


def _date(rng: random.Random, start=dt.date(1995, 1, 1), end=dt.date(2029, 12, 31)) -> str:
    if rng.random() < 0.04:
        return rng.choice(("2016-02-29", "2020-02-29", "2024-02-29", "2028-02-29"))
    return (start + dt.timedelta(days=rng.randrange((end - start).days + 1))).isoformat()


def _answer(q: dict, rng: random.Random):
    """A random answer of the question's type; ``...`` means "不确定" or left empty."""
    if (q["unsure"] or q["optional"]) and rng.random() < 0.12:
        return ...
    kind, options = q["type"], q["options"]
    if kind == "choice":
        if q["id"] == "series" and rng.random() < 0.15:
            return rng.choice(OTHER_SERIES)
        return rng.choice(options)["value"]
    if kind == "bool":
        return rng.random() < (0.1 if q["id"] == "integrity_record" else 0.88)
    if kind == "date":
        if options and rng.random() < 0.5:
            return rng.choice(options)["value"]
        if q["id"] == "deadline":
            return _date(rng, dt.date(2021, 6, 1), dt.date(2028, 12, 31))
        return _date(rng, dt.date(1980, 1, 1), dt.date(2027, 12, 31))
    if kind == "count":
        if q["id"] == "work_years":
            return rng.randrange(0, 41)
        return rng.choice((0, 0, 0, 1, 3, 6, 11, 12, 13, 25, 60))
    if kind == "text":
        return rng.choice(OCCUPATIONS)
    if kind == "dated_levels":
        if rng.random() < 0.1:
            return {}
        chosen = [o["value"] for o in options if rng.random() < 0.5] or [rng.choice(options)["value"]]
        return {value: _date(rng) for value in chosen}
    if kind == "honors":
        honors = []
        for _ in range(rng.choice((0, 0, 0, 1, 1, 2, 3))):
            if rng.random() < 0.75:
                item = {"name": rng.choice(options)["value"]}
            else:
                item = {"name": rng.choice(UNLISTED)}
                if rng.random() < 0.6:
                    item["tier"] = rng.choice(("assistant", "intermediate", "deputy_senior"))
            if rng.random() < 0.6:
                item["date"] = _date(rng)
            honors.append(item)
        return honors
    if kind == "studio":
        if rng.random() < 0.7:
            return None
        studio = {"level": rng.choice(("city", "provincial", "national"))}
        if rng.random() < 0.5:
            studio["date"] = _date(rng)
        return studio
    if kind == "required_years":
        chosen = {o["value"]: rng.randrange(1, 26) for o in options if rng.random() < 0.7}
        return chosen or {options[0]["value"]: rng.randrange(1, 26)}
    raise ValueError(f"unknown question type {kind!r}")


def journey(rng: random.Random, stop: float = 0.06) -> dict:
    """One simulated person's answers (the keys the wizard would send)."""
    answers: dict = {}
    skipped: list[str] = []
    while True:
        question = flow.next_question(answers, skipped)
        if question is None or (answers and rng.random() < stop):
            return answers
        described = flow.describe(question, answers=answers) if hasattr(flow, "describe") else \
            next(q for q in flow.export() if q["id"] == question.id)
        value = _answer(described, rng)
        if value is ...:
            skipped.append(question.id)
        else:
            answers[question.id] = value


EDGE_CASES = [
    {"direction": "skill_to_title", "deadline": "2026-02-28", "employed_in_huangshi": True, "skill_post": True,
     "skill_levels": {"senior_worker": "2024-02-29"}, "honors": [], "studio": None, "series": "工程技术",
     "speciality_matches": True, "annual_assessment_passed": True, "integrity_record": False},
    {"direction": "skill_to_title", "deadline": "2026-06-30", "employed_in_huangshi": True, "skill_post": True,
     "skill_levels": {"technician": "2023-07-01", "senior_technician": "2027-01-01"}, "months_out_of_skill_work": 2,
     "honors": [{"name": "享受国务院政府特殊津贴", "date": "2020-01-01"}, {"name": "黄石 工匠", "tier": "deputy_senior"},
                {"name": "全国五一劳动奖章", "tier": "intermediate", "date": "2030-05-01"}],
     "studio": {"level": "provincial", "date": "2026-07-01"}, "series": "工程技术系列",
     "speciality_matches": True, "annual_assessment_passed": True, "integrity_record": False},
    {"direction": "title_to_skill", "deadline": "2026-06-30", "titles": {"intermediate": "2025-06-30"},
     "technical_skill_post": True, "occupation": "电工", "occupation_matches": True, "work_start": "2006-06-30",
     "months_out_of_work": 3, "required_years": {"senior_worker": 10, "technician": 20}, "related_major": True,
     "integrity_record": False},
    {"direction": "title_to_skill", "titles": {"assistant": "2025-07-01"}, "technical_skill_post": True,
     "occupation": "焊工", "occupation_matches": True, "work_years": 7, "related_major": False,
     "integrity_record": False},
    {"direction": "title_to_skill", "titles": {}, "technical_skill_post": True},
    {"direction": "skill_to_title", "integrity_record": True},
    {"direction": "skill_to_title"},
    {"direction": "title_to_skill"},
]

# Invalid answers: both sides must refuse them with the same key and message.
INVALID_CASES = [
    {"direction": "skill_to_title", "skill_levels": {"technician": "2019-02-30"}},
    {"direction": "skill_to_title", "months_out_of_skill_work": -3},
    {"direction": "title_to_skill", "work_start": "2019/6/30"},
    {"direction": "title_to_skill", "skill_levels": {}},
    {"direction": "sideways"},
    {"direction": "skill_to_title", "honors": [{"name": "黄石工匠", "tier": "senior"}]},
    {"deadline": "2026-06-30"},
]


def generate(n: int = 240, seed: int = 20211202) -> list[dict]:
    """``n`` simulated journeys (about a tenth stopped half-way) followed by the edge cases."""
    rng = random.Random(seed)
    return [journey(rng) for _ in range(n)] + [dict(case) for case in EDGE_CASES]


if __name__ == "__main__":
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 240
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else 20211202
    for answers in generate(count, seed):
        print(json.dumps(answers, ensure_ascii=False))
