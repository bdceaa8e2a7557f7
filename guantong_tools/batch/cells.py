"""A cell as an answer's value (batch.md, Cells): dates, yes/no, counts, honours, a studio; each read as
the wizard's fields read what people type (tests/cases/typed_*.json holds both)."""

from __future__ import annotations

import datetime as _dt
import re

from guantong.policy import FULL_WIDTH, Policy, normalise_name
from guantong.words import WORDS


MAX_COUNT = 999_999  # a count of years or months has at most six digits (parse.js parseCount too)


class CellError(ValueError):
    """A cell the row cannot use; the message says what is wrong (the caller adds sheet, row, header)."""


YES = {"是", "有", "y", "yes", "√", "✓", "是的", "对", "true"}

NO = {"否", "无", "n", "no", "×", "✗", "不是", "没有", "false"}

UNSURE = {"不确定", "不清楚", "待定"}


def cell_text(value, half: bool = True) -> str:
    """A cell as text; full-width letters and digits made half-width unless `half` is off (names stay as
    typed: the engine compares them without such differences)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).translate(FULL_WIDTH) if half else str(value)
    return text.replace("\u3000", " ").strip()


# The wizard's date fields read the same forms (parse.js parseDate; tests/cases/typed_dates.json holds both to
# the same cases); [0-9], not \d, which in Python also takes other scripts' digits.
_DATE = re.compile(r"^([0-9]{4})\s*[-/.年\s]\s*([0-9]{1,2})\s*[-/.月\s]\s*([0-9]{1,2})\s*[日号]?$|^([0-9]{4})([0-9]{2})([0-9]{2})$")
# A date known to the month or the year (rules.md T8): 2018.7, 2018-7, 2018年7月, 2018年, 2018.
_MONTH = re.compile(r"^([0-9]{4})\s*[-/.年\s]\s*([0-9]{1,2})\s*月?$")
_YEAR = re.compile(r"^([0-9]{4})\s*年?$")
DATE_HOW = WORDS["dateHow"]  # 如 2019-06-30；只记得年月可写 2019.6 或 2019年6月: cells and the template alike


def cell_date(value, full: bool = False) -> str:
    """A date cell or text → YYYY-MM-DD, or YYYY-MM / YYYY where only the month or the year is known (T8;
    refused where `full`, the deadline). A number with one decimal ending in 1 is refused: Excel keeps a
    typed 2014.10 as the number 2014.1, so it cannot be told from 2014.1 (batch.md)."""
    if isinstance(value, _dt.datetime):
        return value.date().isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, float) and not value.is_integer() and re.fullmatch(r"[0-9]{4}\.1", repr(value)):
        raise CellError(
            f"数字 {repr(value)} 看不出是 1 月还是 10 月（Excel 会把输入的 {repr(value)}0 存成 {repr(value)}）："
            "请把这一列设为“文本”格式后重新输入，或写成 2014年10月"
        )
    text = cell_text(value)
    m = _DATE.match(text)
    if not m:
        part = _MONTH.match(text) or _YEAR.match(text)
        if not part:
            raise CellError(f"“{text}”不是日期（{DATE_HOW}）")
        if full:
            raise CellError(f"“{text}”不是完整的日期：这里要写完整的年、月、日，如 2026-06-30")
        y = int(part.group(1))
        if y < 1:
            raise CellError(f"年份 {part.group(1)} 不存在")
        if part.lastindex == 1:
            return part.group(1)
        mo = int(part.group(2))
        if not 1 <= mo <= 12:
            raise CellError(f"月份 {mo} 不存在（应为 1 到 12 月）")
        return f"{part.group(1)}-{mo:02d}"
    y, mo, d = (int(g) for g in (m.groups()[:3] if m.group(1) else m.groups()[3:]))
    try:
        return _dt.date(y, mo, d).isoformat()
    except ValueError:
        raise CellError(f"日期 {y:04d}-{mo:02d}-{d:02d} 不存在") from None


def cell_bool(value):
    if isinstance(value, bool):
        return value
    text = cell_text(value).lower()
    if text in YES:
        return True
    if text in NO:
        return False
    if text in UNSURE:
        return None
    raise CellError(f"“{cell_text(value)}”应为 是、否 或 不确定")


NONE_COUNT = {"没有", "无", "沒有", "無"}  # a count of none (months out of work); parse.js NONE too


def cell_count(value) -> int:
    if isinstance(value, bool):
        raise CellError("应为不小于 0 的整数")
    if isinstance(value, (int, float)) and float(value).is_integer():
        number = int(value)
    elif cell_text(value) in NONE_COUNT:
        return 0
    else:
        # As the wizard's number fields (parse.js parseCount; tests/cases/typed_counts.json holds both).
        text = re.sub(r"\s*(个月|月|年|个)$", "", cell_text(value))
        if not re.fullmatch(r"[+-]?[0-9]+", text):
            raise CellError(f"“{cell_text(value)}”应为不小于 0 的整数")
        number = int(text)
    if abs(number) > MAX_COUNT:
        raise CellError(f"数字太大（{number}），请检查")
    if number < 0:
        raise CellError(f"不能为负数（{number}）")
    return number


# An honour's name, then its date (full, or to the month or the year: 黄石工匠 2023-05-01, 黄石工匠（2023年5月）,
# 湖北省首席技师 2020年5月, 黄石工匠 2023).
_HONOR = re.compile(
    r"^(?P<name>.*?)\s*[（(]?\s*(?P<date>[0-9]{4}(?:\s*[-/.年]\s*[0-9]{1,2}(?:\s*[-/.月]\s*[0-9]{1,2}\s*[日号]?|\s*月)?|\s*年)?)\s*[）)]?$"
)


def cell_honors(value) -> list[dict]:
    if cell_text(value) in NO:
        return []  # 无, 没有: no honour (never an honour named 无)
    items = []
    for part in re.split(r"[；;、,，\n]+", cell_text(value, half=False)):
        part = part.strip()
        if not part:
            continue
        m = _HONOR.match(part.translate(FULL_WIDTH))
        if m and m.group("name"):
            items.append({"name": part[: len(m.group("name"))].strip(), "date": cell_date(m.group("date"))})
        else:
            items.append({"name": part})
    return items


# A studio's tier as a cell names it (the template's drop-down list), and the other words people write for it.
STUDIO_WORDS = {"黄石市": "city", "湖北省": "provincial", "国家级": "national"}
STUDIO_OTHER_WORDS = {"市级": "city", "省级": "provincial"}
NO_STUDIO = "无"


def cell_studio(value, policy: Policy):
    text = cell_text(value)
    if text in (NO_STUDIO, "不是", "否", "没有"):
        return None
    by_word = {**STUDIO_WORDS, **STUDIO_OTHER_WORDS}
    for studio in policy.studios:
        by_word[normalise_name(studio["name"])] = studio["id"]
        by_word[studio["id"]] = studio["id"]
    key = normalise_name(text)
    if key in by_word:
        return {"level": by_word[key]}
    *first, last = [NO_STUDIO, *STUDIO_WORDS]
    raise CellError(f"“{text}”应为 {'、'.join(first)} 或 {last}")


def as_written(value):
    """A cell's value as the outputs write it: a date ISO (with its time where it has one), a whole float
    as an int, nothing as ""."""
    if isinstance(value, _dt.datetime):
        return value.date().isoformat() if value.time() == _dt.time() else value.isoformat(sep=" ")
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return "" if value is None else value
