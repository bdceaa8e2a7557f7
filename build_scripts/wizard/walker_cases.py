"""Cases for the page's flow walker (wizard/src/app/walker.test.js, run by `node --test`): partial answers
walked by guantong.flow itself, with what flow.next_question, flow.applicable and flow.journey say of them.

    python -m build_scripts.wizard.walker_cases [N] [SEED]     # prints one JSON object

Two policies: the shipped data, and a copy with an occupation table (aliases, full-width and spaced
names) and published rounds, so that `not_in_table` and the deadline's default round are walked too.
The answers come from simulated people (build_scripts.sample_answers' walk) who stop half-way,
say 不确定, change an earlier answer so that later ones stop applying (the other pathway, 都没有, a
work_start given or taken back, an occupation that is or is not in the table), give an answer that ends
the flow, or send what a crafted share link could hold (unknown keys, 0 for false, lists for objects).
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import sys

from build_scripts import sample_answers
from guantong import flow
from guantong.policy import Policy, load_policy

TABLE = [
    {"name": "电工", "aliases": ["维修电工"], "kind": "level", "clause": "2.4.2", "years": {"senior_worker": 10, "technician": 15}},
    {"name": "ＣＮＣ操作工", "kind": "entry", "clause": "2.4.2", "years": {"senior_worker": 8}},
]
ROUNDS = [
    {"pathway": "skill_to_title", "year": 2026, "deadline": dt.date(2026, 6, 30), "document": "黄人社函〔2026〕1号"},
    {"pathway": "skill_to_title", "year": 2026, "deadline": dt.date(2026, 11, 15), "document": "黄人社函〔2026〕9号"},
    {"pathway": "skill_to_title", "year": 2025, "deadline": dt.date(2025, 7, 31), "document": "黄人社函〔2025〕3号"},
    {"pathway": "title_to_skill", "year": 2026, "deadline": dt.date(2026, 9, 1), "document": "黄人社函〔2026〕5号"},
]
OCCUPATION_NAMES = ("电工", "维 修 电 工", "“维修电工”", "ＣＮＣ操作工", "CNC操作工", "焊工", "车工 ", "")
TODAYS = (
    "2025-01-01",
    "2025-07-31",
    "2025-08-01",
    "2026-01-01",
    "2026-06-30",
    "2026-07-01",
    "2026-11-15",
    "2026-11-16",
    "2026-12-31",
    "2027-03-01",
)


def with_table() -> Policy:
    shipped = load_policy()
    raw = copy.deepcopy(shipped.raw)
    raw["occupation"] = TABLE
    raw["round"] = [r for r in raw.get("round", []) if r.get("example")] + ROUNDS
    return Policy(raw=raw, path=shipped.path + " (+ walker test table)")


def odd_names(q: dict, picks: sample_answers.Picks):
    """The generator's answer, except that the occupation is often spelt oddly (or left blank, as a link may)."""
    if q["id"] == "occupation" and picks.chance(0.6):
        return picks.pick(OCCUPATION_NAMES)
    return sample_answers.answer(q, picks)


def walk(rng: sample_answers.Seeded, policy: Policy) -> tuple[dict, list[str]]:
    """One simulated person's answers and 不确定 ids, stopped somewhere."""
    return sample_answers.walk(rng, policy, stop=0.12, answer_of=odd_names)


def changed(rng: sample_answers.Seeded, answers: dict, skipped: list[str]) -> tuple[dict, list[str]]:
    """The person goes back and changes something (or a share link carries something odd)."""
    a, s = dict(answers), list(skipped)
    for _ in range(rng.choice((1, 1, 2, 3))):
        kind = rng.randrange(12)
        if kind == 0:
            a["direction"] = rng.choice(("skill_to_title", "title_to_skill", "sideways", 0))
        elif kind == 1:
            a[rng.choice(("skill_levels", "titles"))] = rng.choice(({}, {"technician": "2019-06-30"}, []))
        elif kind == 2:
            if "work_start" in a:
                del a["work_start"]
                s.append("work_start")
            else:
                a["work_start"] = "2010-03-01"
        elif kind == 3:
            a["occupation"] = rng.choice(OCCUPATION_NAMES + (7, None))
        elif kind == 4:
            key = rng.choice(
                (
                    "employed_in_huangshi",
                    "skill_post",
                    "speciality_matches",
                    "annual_assessment_passed",
                    "technical_skill_post",
                    "occupation_matches",
                    "integrity_record",
                )
            )
            a[key] = rng.choice((True, False, 0, 1, "false", None))
        elif kind == 5:
            a[rng.choice(("not_a_question", "__proto__x", "constructor"))] = True
        elif kind == 6 and a:
            key = rng.choice(sorted(a))
            del a[key]
        elif kind == 7:
            s.append(rng.choice([q.id for q in flow.QUESTIONS] + ["nonsense"]))
        elif kind == 8:
            a["honors"] = rng.choice(([], [{"name": "黄石工匠"}], {}))
        elif kind == 9:
            a["skill_levels"] = {}
        elif kind == 10:
            a["integrity_record"] = True
        else:
            a["work_years"] = rng.choice((0, 12, "3"))
    return a, s


def expected(policy: Policy, answers: dict, skipped: list[str]) -> dict:
    nxt = flow.next_question(answers, skipped, policy)
    return {
        "answers": answers,
        "skipped": skipped,
        "next": nxt.id if nxt else None,
        "applicable": flow.applicable(answers, policy),
        "journey": [q.id for q in flow.journey(answers, skipped, policy)],
        "ended_by": flow.ended_by(answers, policy),
    }


def cases_for(policy: Policy, n: int, rng: sample_answers.Seeded) -> dict:
    out = []
    for i in range(n):
        answers, skipped = walk(rng, policy)
        if i % 2:
            answers, skipped = changed(rng, answers, skipped)
        out.append(expected(policy, answers, skipped))
    rounds = [
        {"direction": d, "today": day, "options": flow.round_options(policy, d, dt.date.fromisoformat(day))}
        for d in ("skill_to_title", "title_to_skill")
        for day in TODAYS
    ]
    names = [
        {"name": name, "in_table": policy.find_occupation(name) is not None}
        for name in OCCUPATION_NAMES + ("ｃｎｃ操作工", "「电工」", "电\u3000工", "电\u00a0工", "电\u200b工", "焊 工")
    ]
    return {"flow": {"questions": flow.export(policy), **flow.export_walker(policy)}, "cases": out, "rounds": rounds, "names": names}


def generate(n: int = 400, seed: int = 20261201) -> dict:
    rng = sample_answers.Seeded(seed)
    return {"policies": [cases_for(load_policy(), n, rng), cases_for(with_table(), n, rng)]}


if __name__ == "__main__":
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 400
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else 20261201
    json.dump(generate(count, seed), sys.stdout, ensure_ascii=False)
