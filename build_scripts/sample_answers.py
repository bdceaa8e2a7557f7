"""Generated answers objects: the one generator the tests, the benchmarks and the stdlib probe draw from.

Every object is built from the declared flow (``guantong.flow``): its keys are the flow's questions and
each value is drawn for the question's type from that question's own options (the policy's levels,
honours, studios, series and rounds), so no id is typed here a second time. Three shapes:

- ``journey``: a simulated person walks the flow as the wizard asks it (``flow.next_question``), says
  不确定 or leaves an optional field empty now and then, and sometimes stops half-way (the engine then
  reports undetermined levels);
- ``loose``: any subset of one pathway's keys, not in an order the flow would ask (what a share link, a
  spreadsheet row or another program may send), honours sometimes as bare names;
- ``full``: every key of the pathway (for properties that add one thing to a complete object).

Beside them, hand-made ``EDGE_CASES`` (29 February, dates after the deadline, full-width names and
aliases, an honour not on the lists with a claimed tier) and ``INVALID_CASES`` (which the native engine
and the browser's must refuse alike).

The randomness comes from a ``Picks``: ``Seeded(seed)`` (``random.Random``: the same objects for the same
seed), or ``tests/strategies.py``'s adapter over hypothesis's ``draw``, so that hypothesis explores and
shrinks these very objects.

    python -m build_scripts.sample_answers [N] [SEED] [journey|loose|full]   # N objects as JSON lines
"""

from __future__ import annotations

import datetime as dt
import json
import random
import sys
from typing import Protocol
from collections.abc import Callable, Sequence

from guantong import flow
from guantong.policy import Policy
from guantong.spans import with_date  # one way to put a date at its place: the engine's (T8)


class Picks(Protocol):
    def chance(self, p: float) -> bool: ...
    def pick(self, items: Sequence): ...
    def number(self, low: int, high: int) -> int: ...  # low..high inclusive


class Seeded(random.Random):
    """Picks from a seeded ``random.Random``."""

    def chance(self, p: float) -> bool:
        return self.random() < p

    def pick(self, items: Sequence):
        return self.choice(items)

    def number(self, low: int, high: int) -> int:
        return self.randint(low, high)


# What a person may type or hold beyond the policy's own lists.
UNLISTED_HONOURS = ("全国五一劳动奖章", "某市技术标兵", "黄石市首席技师")
OCCUPATIONS = ("电工", "焊工", "维修电工", "车工", "钳工", "电 工", "ＣＮＣ操作工", "“维修电工”", "CNC操作工")
OTHER_SERIES = ("卫生", "教育", "工程技术系列", " 农业 ")
LEAP_DAYS = ("2016-02-29", "2020-02-29", "2024-02-29", "2028-02-29")
MONTHS = (0, 0, 0, 1, 3, 6, 11, 12, 13, 25, 60)
SKIP = 0.12  # how often a person says 不确定 or leaves an optional field empty


def day(picks: Picks, start=dt.date(1995, 1, 1), end=dt.date(2029, 12, 31)) -> str:
    """An ISO date: mostly between start and end, now and then a 29 February or a far past or future day."""
    if picks.chance(0.04):
        return picks.pick(LEAP_DAYS)
    if picks.chance(0.05):
        start, end = dt.date(1960, 1, 1), dt.date(2040, 12, 31)
    return (start + dt.timedelta(days=picks.number(0, (end - start).days))).isoformat()


def honour(picks: Picks, q: dict | None = None) -> dict:
    """One item of the honours answer: a listed honour, or one off the lists with (often) a claimed tier."""
    q = q or flow.describe(flow.BY_ID["honors"])
    if picks.chance(0.75):
        item = {"name": picks.pick([o["value"] for o in q["options"]])}
    else:
        item = {"name": picks.pick(UNLISTED_HONOURS)}
        if picks.chance(0.6):
            item["tier"] = picks.pick(sorted(q["tiers"]))
    if picks.chance(0.6):
        item["date"] = day(picks)
    return item


def _years(picks: Picks, low: int, high: int, wide: int) -> int:
    return picks.number(0, wide) if picks.chance(0.03) else picks.number(low, high)


def answer(q: dict, picks: Picks):
    """A value of the question's type, for the question as ``flow.describe`` gives it."""
    kind, values, qid = q["type"], [o["value"] for o in q["options"]], q["id"]
    if kind == "choice":
        if qid == "series" and picks.chance(0.15):
            return picks.pick(OTHER_SERIES)
        return picks.pick(values)
    if kind == "bool":
        return picks.chance(0.1 if qid == "integrity_record" else 0.88)
    if kind == "date":
        if values and picks.chance(0.5):
            return picks.pick(values)
        if qid == "deadline":
            return day(picks, dt.date(2021, 6, 1), dt.date(2028, 12, 31))
        return day(picks, dt.date(1980, 1, 1), dt.date(2027, 12, 31))
    if kind == "count":
        if qid == "work_years":
            return _years(picks, 0, 40, 60)
        return picks.number(0, 600) if picks.chance(0.03) else picks.pick(MONTHS)
    if kind == "text":
        return picks.pick(values) if values and picks.chance(0.5) else picks.pick(OCCUPATIONS)
    if kind == "dated_levels":
        if picks.chance(0.1):
            return {}
        chosen = [v for v in values if picks.chance(0.5)] or [picks.pick(values)]
        return {v: day(picks) for v in chosen}
    if kind == "honors":
        return [honour(picks, q) for _ in range(picks.pick((0, 0, 0, 1, 1, 2, 3, 4)))]
    if kind == "studio":
        if picks.chance(0.7):
            return None
        studio = {"level": picks.pick([v for v in values if v])}
        if picks.chance(0.5):
            studio["date"] = day(picks)
        return studio
    if kind == "required_years":
        chosen = {v: _years(picks, 1, 25, 40) for v in values if picks.chance(0.7)}
        return chosen or {values[0]: _years(picks, 1, 25, 40)}
    raise ValueError(f"unknown question type {kind!r}")


def walk(
    picks: Picks, policy: Policy | None = None, stop: float = 0.06, answer_of: Callable[[dict, Picks], object] = answer
) -> tuple[dict, list[str]]:
    """A simulated person's answers and the ids they said 不确定 to (or left empty), as the wizard sends them."""
    answers: dict = {}
    skipped: list[str] = []
    while True:
        question = flow.next_question(answers, skipped, policy)
        if question is None or (answers and picks.chance(stop)):
            return answers, skipped
        described = flow.describe(question, policy, answers)
        if (described["unsure"] or described["optional"]) and picks.chance(SKIP):
            skipped.append(question.id)
        else:
            answers[question.id] = answer_of(described, picks)


def journey(picks: Picks, policy: Policy | None = None) -> dict:
    return walk(picks, policy)[0]


def loose(picks: Picks, direction: str | None = None, policy: Policy | None = None, keep: float | None = None) -> dict:
    """Each of the pathway's keys present with probability ``keep`` (by default drawn per object, from
    sparse to complete), whatever the flow would ask."""
    direction = direction or picks.pick([value for value, _ in flow.BY_ID["direction"].options])
    keep = picks.pick((0.25, 0.5, 0.85, 0.85, 1)) if keep is None else keep
    answers = {"direction": direction}
    for q in flow.on_pathway(direction):
        if q.id != "direction" and (keep >= 1 or picks.chance(keep)):
            answers[q.id] = answer(flow.describe(q, policy, answers), picks)
    if answers.get("honors"):  # the contract also takes a bare name for an honour without date or tier
        answers["honors"] = [h["name"] if len(h) == 1 and picks.chance(0.5) else h for h in answers["honors"]]
    return answers


def full(picks: Picks, direction: str | None = None, policy: Policy | None = None) -> dict:
    return loose(picks, direction, policy, keep=1)


SHAPES = {"journey": journey, "loose": loose, "full": full}


def generate(n: int = 240, seed: int = 20211202, shape: str = "journey") -> list[dict]:
    """``n`` objects of one shape, the same for the same seed (add EDGE_CASES or INVALID_CASES as needed)."""
    picks = Seeded(seed)
    return [SHAPES[shape](picks) for _ in range(n)]


def dated_places(a: dict) -> list[tuple]:
    """Where an answers object holds a date a person may know only to the month or the year (rules.md T8:
    every date but the deadline): ("skill_levels", "technician"), ("honors", 0), ("studio",), ("work_start",)."""
    found = [(key, sub) for key in ("skill_levels", "titles") for sub in (a.get(key) or {})]
    found += [("honors", i) for i, h in enumerate(a.get("honors") or []) if isinstance(h, dict) and h.get("date")]
    if isinstance(a.get("studio"), dict) and a["studio"].get("date"):
        found.append(("studio",))
    if "work_start" in a:
        found.append(("work_start",))
    return found


def date_at(a: dict, place: tuple) -> str:
    key = place[0]
    if key in ("skill_levels", "titles"):
        return a[key][place[1]]
    if key == "honors":
        return a[key][place[1]]["date"]
    return a[key]["date"] if key == "studio" else a[key]


def blurred(a: dict, to: str = "month") -> dict:
    """Every date but the deadline known only to the month (YYYY-MM) or the year (YYYY), as people recall
    a certificate (T8)."""
    for place in dated_places(a):
        a = with_date(a, place, date_at(a, place)[: 7 if to == "month" else 4])
    return a


# One person of each kind a result screen shows, for both pathways (an eligible, a not-yet and a 待定 one):
# answers, the questions skipped, and the verdict panel's class. The result-order browser test and the
# bench's result heights open each by its share link.
_A = {
    "direction": "skill_to_title",
    "deadline": "2026-06-30",
    "employed_in_huangshi": True,
    "skill_post": True,
    "months_out_of_skill_work": 0,
    "honors": [],
    "studio": None,
    "series": "工程技术",
    "speciality_matches": True,
    "annual_assessment_passed": True,
    "integrity_record": False,
}
_B = {
    "direction": "title_to_skill",
    "deadline": "2026-06-30",
    "technical_skill_post": True,
    "occupation": "数控车工",
    "occupation_matches": True,
    "months_out_of_work": 0,
    "related_major": False,
    "integrity_record": False,
}
RESULT_PEOPLE = {
    "A eligible": ({**_A, "skill_levels": {"technician": "2019-06-30"}}, [], "eligible"),
    "A not yet": ({**_A, "skill_levels": {"senior_worker": "2025-03-01"}}, [], "not-eligible"),
    "A 待定": (
        {k: v for k, v in {**_A, "skill_levels": {"technician": "2019-06-30"}}.items() if k != "series"},
        ["series"],
        "undetermined",
    ),
    "B eligible": (
        {
            **_B,
            "titles": {"intermediate": "2018-12-01"},
            "work_start": "2005-01-01",
            "required_years": {"senior_worker": 5, "technician": 8, "senior_technician": 12},
        },
        [],
        "eligible",
    ),
    "B not yet": (
        {
            **_B,
            "titles": {"assistant": "2026-01-01"},
            "work_start": "2020-01-01",
            "required_years": {"senior_worker": 8, "technician": 10, "senior_technician": 12},
        },
        [],
        "not-eligible",
    ),
    "B 待定": ({**_B, "titles": {"intermediate": "2018-12-01"}, "work_start": "2012-01-01"}, ["required_years"], "undetermined"),
}


def share_fragment(answers: dict, skipped: list | None = None) -> str:
    """A share link's fragment for these answers (the page's first form: base64 JSON), opened straight to the
    result (wizard/src/app/store.js reads it)."""
    import base64
    import json

    raw = json.dumps({"a": answers, "s": skipped or []}, ensure_ascii=False).encode("utf-8")
    return "#share=" + base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


EDGE_CASES = [
    {
        "direction": "skill_to_title",
        "deadline": "2026-02-28",
        "employed_in_huangshi": True,
        "skill_post": True,
        "skill_levels": {"senior_worker": "2024-02-29"},
        "honors": [],
        "studio": None,
        "series": "工程技术",
        "speciality_matches": True,
        "annual_assessment_passed": True,
        "integrity_record": False,
    },
    {
        "direction": "skill_to_title",
        "deadline": "2026-06-30",
        "employed_in_huangshi": True,
        "skill_post": True,
        "skill_levels": {"technician": "2023-07-01", "senior_technician": "2027-01-01"},
        "months_out_of_skill_work": 2,
        "honors": [
            {"name": "享受国务院政府特殊津贴", "date": "2020-01-01"},
            {"name": "黄石 工匠", "tier": "deputy_senior"},
            {"name": "全国五一劳动奖章", "tier": "intermediate", "date": "2030-05-01"},
        ],
        "studio": {"level": "provincial", "date": "2026-07-01"},
        "series": "工程技术系列",
        "speciality_matches": True,
        "annual_assessment_passed": True,
        "integrity_record": False,
    },
    {
        "direction": "title_to_skill",
        "deadline": "2026-06-30",
        "titles": {"intermediate": "2025-06-30"},
        "technical_skill_post": True,
        "occupation": "电工",
        "occupation_matches": True,
        "work_start": "2006-06-30",
        "months_out_of_work": 3,
        "required_years": {"senior_worker": 10, "technician": 20},
        "related_major": True,
        "integrity_record": False,
    },
    {
        "direction": "title_to_skill",
        "titles": {"assistant": "2025-07-01"},
        "technical_skill_post": True,
        "occupation": "焊工",
        "occupation_matches": True,
        "work_years": 7,
        "related_major": False,
        "integrity_record": False,
    },
    {"direction": "title_to_skill", "titles": {}, "technical_skill_post": True},
    {"direction": "skill_to_title", "integrity_record": True},
    {"direction": "skill_to_title"},
    {"direction": "title_to_skill"},
]

# Invalid answers: both engines must refuse them with the same key and message.
INVALID_CASES = [
    {"direction": "skill_to_title", "skill_levels": {"technician": "2019-02-30"}},
    {"direction": "skill_to_title", "months_out_of_skill_work": -3},
    {"direction": "title_to_skill", "work_start": "2019/6/30"},
    {"direction": "title_to_skill", "skill_levels": {}},
    {"direction": "sideways"},
    {"direction": "skill_to_title", "honors": [{"name": "黄石工匠", "tier": "senior"}]},
    {"deadline": "2026-06-30"},
]


if __name__ == "__main__":
    args = sys.argv[1:]
    for answers in generate(
        int(args[0]) if args else 240, int(args[1]) if len(args) > 1 else 20211202, args[2] if len(args) > 2 else "journey"
    ):
        print(json.dumps(answers, ensure_ascii=False))
