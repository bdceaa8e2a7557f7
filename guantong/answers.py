"""Checking an answers object against the contract (shared/spec/answers.md).

Every problem raises AnswersError with one Chinese line that names the key as written. Nothing else may
escape: the engine must never crash on any answers object.
"""

from __future__ import annotations

import datetime as _dt
import json
import re

DIRECTIONS = ("skill_to_title", "title_to_skill")
SKILL_IDS = ("senior_worker", "technician", "senior_technician")
TITLE_IDS = ("assistant", "intermediate", "deputy_senior", "senior")
TIER_IDS = ("assistant", "intermediate", "deputy_senior")
STUDIO_LEVELS = ("city", "provincial", "national")

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class AnswersError(ValueError):
    """Invalid answers; the message is one Chinese line naming the key."""

    def __init__(self, key: str, problem: str):
        self.key = key
        self.problem = problem      # the message without the key, for showing beside the field
        super().__init__(f"{_quote(key)}：{problem}")


def _quote(key: str) -> str:
    # json.dumps keeps the key on one line whatever it contains (newlines, quotes).
    return "答案 " + json.dumps(key, ensure_ascii=False)


# --- value checkers: each returns the parsed value or raises AnswersError ------------------------------
def _type_name(value) -> str:
    return {dict: "对象", list: "列表", str: "字符串", bool: "真假值", int: "整数", float: "小数"}.get(
        type(value), "空值" if value is None else type(value).__name__
    )


def as_bool(key, value):
    if not isinstance(value, bool):
        raise AnswersError(key, f"应为 true 或 false，收到的是{_type_name(value)}")
    return value


def as_count(key, value):
    if isinstance(value, bool) or not isinstance(value, int):
        raise AnswersError(key, f"应为不小于 0 的整数，收到的是{_type_name(value)}")
    if value < 0:
        raise AnswersError(key, f"不能为负数（收到 {value}）")
    return value


def as_date(key, value):
    if not isinstance(value, str):
        raise AnswersError(key, f"应为 YYYY-MM-DD 格式的日期字符串，收到的是{_type_name(value)}")
    if not _ISO_DATE.fullmatch(value):
        raise AnswersError(key, f"日期格式应为 YYYY-MM-DD（如 2021-06-30），收到 {json.dumps(value, ensure_ascii=False)}")
    try:
        return _dt.date.fromisoformat(value)
    except ValueError:
        raise AnswersError(key, f"日期 {value} 不存在，请检查年、月、日") from None


def as_text(key, value):
    if not isinstance(value, str):
        raise AnswersError(key, f"应为文字（字符串），收到的是{_type_name(value)}")
    if not value.strip():
        raise AnswersError(key, "不能为空")
    return value.strip()


def _one_of(key, value, allowed):
    if value not in allowed or not isinstance(value, str):
        shown = json.dumps(value, ensure_ascii=False) if isinstance(value, (str, int, float, bool)) else _type_name(value)
        raise AnswersError(key, f"应为 {'、'.join(allowed)} 之一，收到 {shown}")
    return value


def _object(key, value):
    if not isinstance(value, dict):
        raise AnswersError(key, f"应为对象，收到的是{_type_name(value)}")
    return value


def _by_id(key, value, ids, parse):
    """An object of id → value (skill_levels and titles: dates; required_years: counts)."""
    out = {}
    for sub, item in _object(key, value).items():
        _one_of(f"{key}.{sub}", sub, ids)
        out[sub] = parse(f"{key}.{sub}", item)
    return out


def as_honors(key, value):
    """A list of honours: each a name, or {"name", "date"?, "tier"?} (A9)."""
    if not isinstance(value, list):
        raise AnswersError(key, f"应为列表，收到的是{_type_name(value)}")
    honors = []
    for i, item in enumerate(value):
        where = f"{key}[{i}]"
        if isinstance(item, str):
            item = {"name": item}
        if not isinstance(item, dict):
            raise AnswersError(where, f"应为荣誉名称或对象，收到的是{_type_name(item)}")
        for sub in item:
            if sub not in ("name", "date", "tier"):
                raise AnswersError(f"{where}.{sub}", "不是可识别的字段（可用 name、date、tier）")
        if "name" not in item:
            raise AnswersError(f"{where}.name", "缺少荣誉名称")
        honors.append({
            "name": as_text(f"{where}.name", item["name"]),
            "date": as_date(f"{where}.date", item["date"]) if "date" in item else None,
            "tier": _one_of(f"{where}.tier", item["tier"], TIER_IDS) if "tier" in item else None,
        })
    return honors


def as_studio(key, value):
    if value is None:
        return None
    for sub in _object(key, value):
        if sub not in ("level", "date"):
            raise AnswersError(f"{key}.{sub}", "不是可识别的字段（可用 level、date）")
    if "level" not in value:
        raise AnswersError(f"{key}.level", "缺少工作室层级")
    return {
        "level": _one_of(f"{key}.level", value["level"], STUDIO_LEVELS),
        "date": as_date(f"{key}.date", value["date"]) if "date" in value else None,
    }


# --- the keys of each pathway ------------------------------------------------------------------------
COMMON = {
    "direction": lambda k, v: _one_of(k, v, DIRECTIONS),
    "deadline": as_date,
    "integrity_record": as_bool,
}
SKILL_TO_TITLE = {
    "employed_in_huangshi": as_bool,
    "skill_post": as_bool,
    "skill_levels": lambda k, v: _by_id(k, v, SKILL_IDS, as_date),
    "months_out_of_skill_work": as_count,
    "honors": as_honors,
    "studio": as_studio,
    "series": as_text,
    "speciality_matches": as_bool,
    "annual_assessment_passed": as_bool,
}
TITLE_TO_SKILL = {
    "titles": lambda k, v: _by_id(k, v, TITLE_IDS, as_date),
    "technical_skill_post": as_bool,
    "occupation_matches": as_bool,
    "occupation": as_text,
    "work_start": as_date,
    "work_years": as_count,
    "months_out_of_work": as_count,
    "required_years": lambda k, v: _by_id(k, v, SKILL_IDS, as_count),
    "related_major": as_bool,
}
KEYS = {"skill_to_title": SKILL_TO_TITLE, "title_to_skill": TITLE_TO_SKILL}


def parse(answers) -> dict:
    """Validate an answers object and return it with dates parsed and honours normalised.

    A key of the other pathway is refused too: the contract lists keys per pathway, and silently
    ignoring one would hide a wizard or caller bug that changes the verdict.
    """
    if not isinstance(answers, dict):
        raise AnswersError("answers", f"答案应为 JSON 对象，收到的是{_type_name(answers)}")
    for key in answers:
        if not isinstance(key, str):
            raise AnswersError(str(key), "键名应为字符串")
    if "direction" not in answers:
        raise AnswersError("direction", "必须填写申报方向（skill_to_title 或 title_to_skill）")
    direction = COMMON["direction"]("direction", answers["direction"])
    allowed = {**COMMON, **KEYS[direction]}
    other = next(d for d in DIRECTIONS if d != direction)
    parsed = {}
    for key, value in answers.items():
        if key in allowed:
            parsed[key] = allowed[key](key, value)
        elif key in KEYS[other]:
            raise AnswersError(key, f"属于另一申报方向（{other}），不能与 direction={direction} 同时填写")
        else:
            raise AnswersError(key, "不是可识别的答案键")
    return parsed
