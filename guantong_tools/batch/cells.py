"""A cell as an answer's value (batch.md, Cells): dates, yes/no, counts, honours, a studio; each read as
the wizard's fields read what people type (tests/cases/typed_*.json holds both)."""

from __future__ import annotations

import datetime as _dt
import re

from guantong.policy import FULL_WIDTH, Policy, normalise_name


MAX_COUNT = 999_999      # a count of years or months has at most six digits (parse.js parseCount too)



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



def cell_date(value) -> str:
    if isinstance(value, _dt.datetime):
        return value.date().isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    text = cell_text(value)
    m = _DATE.match(text)
    if not m:
        raise CellError(f"“{text}”不是日期（可写 2019-06-30、2019/6/30 或 2019年6月30日）")
    y, mo, d = (int(g) for g in (m.groups()[:3] if m.group(1) else m.groups()[3:]))
    try:
        return _dt.date(y, mo, d).isoformat()
    except ValueError:
        raise CellError(f"日期 {y}-{mo:02d}-{d:02d} 不存在") from None



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



def cell_count(value) -> int:
    if isinstance(value, bool):
        raise CellError("应为不小于 0 的整数")
    if isinstance(value, (int, float)) and float(value).is_integer():
        number = int(value)
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



_HONOR = re.compile(r"^(?P<name>.*?)\s*[（(]?\s*(?P<date>\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*[日号]?)\s*[）)]?$")



def cell_honors(value) -> list[dict]:
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



def cell_studio(value, policy: Policy):
    text = cell_text(value)
    if text in ("无", "不是", "否", "没有"):
        return None
    by_word = {"黄石市": "city", "市级": "city", "湖北省": "provincial", "省级": "provincial", "国家级": "national"}
    for studio in policy.studios:
        by_word[normalise_name(studio["name"])] = studio["id"]
        by_word[studio["id"]] = studio["id"]
    key = normalise_name(text)
    if key in by_word:
        return {"level": by_word[key]}
    raise CellError(f"“{text}”应为 无、黄石市、湖北省 或 国家级")



def _out(value):
    if isinstance(value, _dt.datetime):
        return value.date().isoformat() if value.time() == _dt.time() else value.isoformat(sep=" ")
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return "" if value is None else value
