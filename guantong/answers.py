"""Checking an answers object against the contract (shared/spec/answers.md).

Every problem raises AnswersError with one Chinese line that names the key as written. Nothing else may
escape: the engine must never crash on any answers object.
"""

from __future__ import annotations

import calendar
import datetime as _dt
import json
import re
from dataclasses import dataclass

from .policy import FULL_WIDTH, INVISIBLE_CHARS, PATHWAYS
from .words import cn

DIRECTIONS = PATHWAYS
SKILL_IDS = ("senior_worker", "technician", "senior_technician")
TITLE_IDS = ("assistant", "intermediate", "deputy_senior", "senior")
TIER_IDS = ("assistant", "intermediate", "deputy_senior")
STUDIO_LEVELS = ("city", "provincial", "national")

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_PARTIAL_DATE = re.compile(r"(\d{4})(?:-(\d{2}))?")
_SURROGATE = re.compile("[\ud800-\udfff]")
_INVISIBLE = re.compile("[" + INVISIBLE_CHARS + "]")

# Limits (issue 15): far above any real answers, low enough that no input makes the engine slow or its
# output huge. Identical honours count once, so a pasted list repeated does not hit MAX_HONORS.
MAX_BYTES = 10_000_000  # an answers file (the wizard sends about 1 kB; a pasted list may repeat)
MAX_TEXT = 200  # characters in a name or any other string
MAX_HONORS = 100  # different honours
MAX_DIGITS = 15  # a whole number (years, months)
MAX_DEPTH = 20  # nesting of lists and objects


class AnswersError(ValueError):
    """Invalid answers; the message is one Chinese line naming the key."""

    def __init__(self, key: str, problem: str):
        self.key = key
        self.problem = problem  # the message without the key, for showing beside the field
        super().__init__(f"{_quote(key)}：{problem}")


def _quote(key: str) -> str:
    # json.dumps keeps the key on one line whatever it contains (newlines, quotes); a lone surrogate is
    # shown escaped (it cannot be written as UTF-8), a very long key cut short.
    key = key if len(key) <= 60 else key[:60] + "…"
    return "答案 " + json.dumps(key, ensure_ascii=False).encode("utf-8", "backslashreplace").decode("utf-8")


class InputError(ValueError):
    """Input that is not an answers object's JSON at all (bytes, syntax, size); the message is Chinese."""


# json's own messages, in Chinese (the rest: "格式有误").
_JSON_MESSAGES = {
    "Expecting value": "此处缺少一个值",
    "Expecting property name enclosed in double quotes": "键名须用英文双引号括起来",
    "Expecting ',' delimiter": "缺少逗号",
    "Expecting ':' delimiter": "缺少冒号",
    "Unterminated string starting at": "字符串缺少结尾的引号",
    "Extra data": "JSON 之后还有多余的内容",
    "Invalid control character at": "字符串里有控制字符（如换行符），须写成转义形式",
    "Invalid \\escape": "无效的转义符",
    "Invalid \\uXXXX escape": "无效的 \\u 转义符",
}


class _Pairs(dict):
    """A JSON object read by loads(); `duplicate` names a key given twice (answers.md: invalid)."""

    duplicate = None


def _pairs(items: list) -> dict:
    out = _Pairs(items)
    if len(out) != len(items):
        seen = set()
        out.duplicate = next(k for k, _ in items if k in seen or seen.add(k))
    return out


class _BigNumber(int):
    """A whole number with more than MAX_DIGITS digits, kept as its digit count (never converted)."""


def _int(text: str) -> int:
    digits = len(text.lstrip("-"))
    return _BigNumber(digits) if digits > MAX_DIGITS else int(text)


def _constant(name: str):
    raise InputError(f"答案不是有效的 JSON：{name} 不是 JSON 的数值")


def loads(data: bytes | str):
    """An answers file's bytes (UTF-8, a byte-order mark allowed) or text → the JSON value, with each
    object's duplicate key and each oversized number marked for parse() to name. Raises InputError."""
    if isinstance(data, bytes):
        if len(data) > MAX_BYTES:
            raise InputError(f"答案文件过大（{len(data)} 字节，上限 {MAX_BYTES} 字节）")
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise InputError(f"答案不是有效的 UTF-8 文本：第 {exc.start + 1} 个字节无法识别（请以 UTF-8 编码保存）") from None
    elif len(data) > MAX_BYTES:
        raise InputError(f"答案文件过大（{len(data)} 个字符，上限 {MAX_BYTES}）")
    data = data.removeprefix("\ufeff")
    try:
        return json.loads(data, object_pairs_hook=_pairs, parse_int=_int, parse_constant=_constant)
    except json.JSONDecodeError as exc:
        problem = _JSON_MESSAGES.get(exc.msg, "格式有误")
        raise InputError(f"答案不是有效的 JSON：第 {exc.lineno} 行第 {exc.colno} 列{problem}") from None
    except RecursionError:
        raise InputError("答案不是有效的 JSON：嵌套层数过多") from None


def _check_tree(value, key: str, depth: int = 0) -> None:
    """What no answer may hold anywhere, named by its key: a key given twice, a lone surrogate, a very
    long string, a number too large to be a count, a nesting too deep."""
    if depth > MAX_DEPTH:
        raise AnswersError(key, f"嵌套层数过多（上限 {MAX_DEPTH} 层）")
    if isinstance(value, str):
        if _SURROGATE.search(value):
            raise AnswersError(key, "含有无法识别的字符（不成对的 UTF-16 代理码位）")
        if len(value) > MAX_TEXT:
            raise AnswersError(key, f"文字过长（{len(value)} 个字符，上限 {MAX_TEXT}）")
    elif isinstance(value, _BigNumber) or (isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10**MAX_DIGITS):
        raise AnswersError(key, f"数字过大（超过 {MAX_DIGITS} 位）")
    elif isinstance(value, dict):
        if getattr(value, "duplicate", None) is not None:
            raise AnswersError(f"{key}.{value.duplicate}" if key else value.duplicate, "在同一对象中出现了两次，答案含义不明确")
        for sub, item in value.items():
            where = f"{key}.{sub}" if key else str(sub)
            if isinstance(sub, str) and _SURROGATE.search(sub):
                raise AnswersError(where, "键名含有无法识别的字符（不成对的 UTF-16 代理码位）")
            _check_tree(item, where, depth + 1)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            _check_tree(item, f"{key}[{i}]", depth + 1)


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
    """A full date (the deadline: T8 wants it whole)."""
    if not isinstance(value, str):
        raise AnswersError(key, f"应为 YYYY-MM-DD 格式的日期字符串，收到的是{_type_name(value)}")
    value = value.translate(FULL_WIDTH)  # ２０２１-０６-３０ as typed on a Chinese keyboard (answers.md)
    if not _ISO_DATE.fullmatch(value):
        if _PARTIAL_DATE.fullmatch(value):
            raise AnswersError(key, f"须是完整的日期（年、月、日，如 2021-06-30），收到 {value}")
        raise AnswersError(key, f"日期格式应为 YYYY-MM-DD（如 2021-06-30），收到 {json.dumps(value, ensure_ascii=False)}")
    try:
        return _dt.date.fromisoformat(value)
    except ValueError:
        raise AnswersError(key, f"日期 {value} 不存在，请检查年、月、日") from None


@dataclass(frozen=True)
class Span:
    """A date known only to the month or the year (T8): it stands for every day from `first` to `last`.
    `shown` is it as a person reads it (2018年7月)."""

    first: _dt.date
    last: _dt.date
    shown: str


def as_day(key, value):
    """A date, or a Span where only the month (YYYY-MM) or the year (YYYY) is known (T8)."""
    partial = _PARTIAL_DATE.fullmatch(value.translate(FULL_WIDTH)) if isinstance(value, str) else None
    if partial:
        value = partial.group(0)
        y = int(partial.group(1))
        if y < 1:
            raise AnswersError(key, f"年份 {value} 不存在")
        if partial.group(2) is None:
            return Span(_dt.date(y, 1, 1), _dt.date(y, 12, 31), cn(value))
        m = int(partial.group(2))
        if not 1 <= m <= 12:
            raise AnswersError(key, f"日期 {value} 不存在，月份应为 01–12")
        return Span(_dt.date(y, m, 1), _dt.date(y, m, calendar.monthrange(y, m)[1]), cn(value))
    if not isinstance(value, str):
        raise AnswersError(key, f"应为日期字符串（YYYY-MM-DD，只知道年月可写 YYYY-MM，只知道年份可写 YYYY），收到的是{_type_name(value)}")
    return as_date(key, value)


def as_text(key, value):
    """A name as typed, without invisible characters (zero-width and the like) or surrounding spaces."""
    if not isinstance(value, str):
        raise AnswersError(key, f"应为文字（字符串），收到的是{_type_name(value)}")
    value = _INVISIBLE.sub("", value).strip()
    if not value:
        raise AnswersError(key, "不能为空")
    return value


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
        honor = {
            "name": as_text(f"{where}.name", item["name"]),
            "date": as_day(f"{where}.date", item["date"]) if "date" in item else None,
            "tier": _one_of(f"{where}.tier", item["tier"], TIER_IDS) if "tier" in item else None,
        }
        if honor in honors:  # the same honour given again counts once
            continue
        if len(honors) == MAX_HONORS:
            raise AnswersError(key, f"荣誉过多（不同的荣誉超过 {MAX_HONORS} 项）")
        honors.append(honor)
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
        "date": as_day(f"{key}.date", value["date"]) if "date" in value else None,
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
    "skill_levels": lambda k, v: _by_id(k, v, SKILL_IDS, as_day),
    "months_out_of_skill_work": as_count,
    "honors": as_honors,
    "studio": as_studio,
    "series": as_text,
    "speciality_matches": as_bool,
    "annual_assessment_passed": as_bool,
}
TITLE_TO_SKILL = {
    "titles": lambda k, v: _by_id(k, v, TITLE_IDS, as_day),
    "technical_skill_post": as_bool,
    "occupation_matches": as_bool,
    "occupation": as_text,
    "work_start": as_day,
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
    _check_tree(answers, "")
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
