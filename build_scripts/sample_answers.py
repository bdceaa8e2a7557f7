"""Seeded generator of answers objects (plain random, no test libraries): the benchmark and the
browser's differential test both draw from it, so the same objects are measured and compared."""

from __future__ import annotations

import datetime as dt
import random

SKILL_IDS = ("senior_worker", "technician", "senior_technician")
TITLE_IDS = ("assistant", "intermediate", "deputy_senior", "senior")
TIERS = ("assistant", "intermediate", "deputy_senior")
HONORS = ("黄石工匠", "湖北省技术能手", "全国技术能手", "楚天名匠", "湖北工匠", "中华技能大奖", "享受国务院政府特殊津贴",
          "全国五一劳动奖章", "某市技术标兵")
SERIES = ("工程技术", "农业", "工艺美术", "艺术", "技工院校教师", "卫生")
OCCUPATIONS = ("电工", "焊工", "车工", "钳工")


def _date(rng: random.Random, start=dt.date(2000, 1, 1), end=dt.date(2028, 12, 31)) -> str:
    return (start + dt.timedelta(days=rng.randrange((end - start).days + 1))).isoformat()


def _maybe(rng: random.Random, p: float = 0.85) -> bool:
    return rng.random() < p


def skill_to_title(rng: random.Random) -> dict:
    a = {"direction": "skill_to_title"}
    if _maybe(rng):
        a["deadline"] = _date(rng, dt.date(2021, 6, 1), dt.date(2028, 6, 30))
    for key in ("employed_in_huangshi", "skill_post", "speciality_matches", "annual_assessment_passed"):
        if _maybe(rng):
            a[key] = rng.random() < 0.9
    if _maybe(rng):
        a["integrity_record"] = rng.random() < 0.05
    if _maybe(rng):
        a["skill_levels"] = {sid: _date(rng) for sid in SKILL_IDS if rng.random() < 0.5}
    if _maybe(rng, 0.5):
        a["months_out_of_skill_work"] = rng.choice((0, 0, 1, 3, 6, 12, 25))
    if _maybe(rng):
        honors = []
        for _ in range(rng.choice((0, 0, 1, 1, 2, 3))):
            name = rng.choice(HONORS)
            honor = {"name": name}
            if rng.random() < 0.6:
                honor["date"] = _date(rng)
            if rng.random() < 0.3:
                honor["tier"] = rng.choice(TIERS)
            honors.append(honor if len(honor) > 1 or rng.random() < 0.5 else name)
        a["honors"] = honors
    if _maybe(rng):
        a["studio"] = None if rng.random() < 0.7 else {"level": rng.choice(("city", "provincial", "national")),
                                                        **({"date": _date(rng)} if rng.random() < 0.5 else {})}
    if _maybe(rng):
        a["series"] = rng.choice(SERIES)
    return a


def title_to_skill(rng: random.Random) -> dict:
    a = {"direction": "title_to_skill"}
    if _maybe(rng):
        a["deadline"] = _date(rng, dt.date(2021, 6, 1), dt.date(2028, 6, 30))
    for key in ("technical_skill_post", "occupation_matches", "related_major"):
        if _maybe(rng):
            a[key] = rng.random() < 0.9
    if _maybe(rng):
        a["integrity_record"] = rng.random() < 0.05
    if _maybe(rng):
        a["titles"] = {tid: _date(rng) for tid in TITLE_IDS if rng.random() < 0.45}
    if _maybe(rng):
        a["occupation"] = rng.choice(OCCUPATIONS)
    if _maybe(rng, 0.7):
        a["work_start"] = _date(rng, dt.date(1985, 1, 1), dt.date(2026, 1, 1))
        if _maybe(rng, 0.5):
            a["months_out_of_work"] = rng.choice((0, 2, 6, 14))
    elif _maybe(rng):
        a["work_years"] = rng.randrange(0, 40)
    if _maybe(rng, 0.7):
        a["required_years"] = {sid: rng.randrange(2, 25) for sid in SKILL_IDS if rng.random() < 0.8}
    return a


def generate(n: int, seed: int = 2021) -> list[dict]:
    """n answers objects, half per pathway, the same for the same seed."""
    rng = random.Random(seed)
    return [(skill_to_title if i % 2 == 0 else title_to_skill)(rng) for i in range(n)]
