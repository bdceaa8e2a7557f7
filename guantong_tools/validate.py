"""Checking the policy data that staff edit: every problem, each with its file, line and key path, in
Chinese, saying what is wrong and what would be right. `guantong validate` prints them; the site build
stops on any of them, so a mistake never reaches the published site.
"""

from __future__ import annotations

import datetime as _dt
import re
import string
from dataclasses import dataclass
from pathlib import Path

from guantong.answers import SKILL_IDS, STUDIO_LEVELS, TIER_IDS, TITLE_IDS
from guantong.policy import OCCUPATION_KINDS, PATHWAYS, POLICY_PATH, TomlError, normalise_name, read_toml


@dataclass(frozen=True)
class Problem:
    file: str
    line: int | None
    key: str
    message: str

    def __str__(self) -> str:
        where = f"第 {self.line} 行" if self.line else "（整个文件）"
        key = "" if self.key == "TOML" else f" [{shown_key(self.key)}]"
        return f"{self.file} {where}{key}：{self.message}"


def shown_key(key: str) -> str:
    """A key path as staff read it, entries counted from 1 as lines and the messages count them:
    honor[9].tier → 第 10 个 [[honor]] 的 tier."""
    m = re.match(r"^(\w+)\[(\d+)\](?:\.(.+))?$", key)
    if not m:
        return key
    return f"第 {int(m[2]) + 1} 个 [[{m[1]}]]" + (f" 的 {m[3]}" if m[3] else "")


# --- where each key stands in the file -------------------------------------------------------------
_HEADER = re.compile(r"^\s*(\[\[?)\s*([A-Za-z0-9_.\-\" ]+?)\s*\]\]?\s*(?:#.*)?$")
_KEY = re.compile(r"^\s*([A-Za-z0-9_\-]+|\"[^\"]*\")\s*=")


def locate(text: str) -> dict[str, int]:
    """Key path ("round[2].deadline", "data.version") → line number, for the shapes our data files use
    (tables, arrays of tables, one key per line). Multi-line strings and arrays are skipped over."""
    lines: dict[str, int] = {}
    counts: dict[str, int] = {}
    table = ""
    open_quote = None
    depth = 0
    for number, line in enumerate(text.splitlines(), start=1):
        if open_quote:
            if open_quote in line:
                open_quote = None
            continue
        if depth:
            depth += line.count("[") - line.count("]")
            continue
        header = _HEADER.match(line)
        if header and not _KEY.match(line):
            name = header.group(2).replace('"', "").replace(" ", "")
            if header.group(1) == "[[":
                lines.setdefault(name, number)
                counts[name] = counts.get(name, -1) + 1
                table = f"{name}[{counts[name]}]"
            else:
                parent, _, leaf = name.rpartition(".")
                table = f"{parent}[{counts[parent]}].{leaf}" if parent in counts else name
            lines.setdefault(table, number)
            continue
        key = _KEY.match(line)
        if key:
            path = f"{table}.{key.group(1).strip(chr(34))}" if table else key.group(1).strip('"')
            lines.setdefault(path, number)
            rest = line[key.end() :]
            for quote in ('"""', "'''"):
                if rest.count(quote) == 1:
                    open_quote = quote
            if rest.strip().startswith("[") and rest.count("[") > rest.count("]"):
                depth = rest.count("[") - rest.count("]")
    return lines


# --- the schema -------------------------------------------------------------------------------------
STR, INT, BOOL, DATE, STRS, TABLE, DATES = "文字", "整数", "true/false", "日期", "文字列表", "表", "日期列表"
CLAUSE_KEY = "clause"

# entry kind → (required fields, optional fields); each field → type
SCHEMA: dict[str, tuple[dict, dict]] = {
    "data": ({"version": STR, "notice": STR, "region": STR}, {}),
    "skill_level": ({"id": STR, "name": STR, "grade": STR, "clause": STR}, {}),
    "title": ({"id": STR, "name": STR, "clause": STR}, {"examples": STR}),
    "a_level": ({"id": STR, "name": STR, "clause": STR, "skill_level": STR, "years": INT, "review": STR}, {}),
    "studio": ({"id": STR, "name": STR, "tier": STR, "clause": STR}, {}),
    "honor": ({"name": STR, "tier": STR, "clause": STR}, {"aliases": STRS}),
    "series": ({"name": STR, "clause": STR}, {"focus": BOOL, "aliases": STRS}),
    "series_out_of_scope": ({"clause": STR, "names": STRS}, {}),
    "exams": ({"clause": STR, "names": STRS}, {}),
    "materials": ({"clause": STR, "names": STRS}, {"abilities": STRS}),
    "equivalence": ({"school_class": STR, "counts_as": STR, "clause": STR}, {}),
    "b_level": ({"id": STR, "name": STR, "clause": STR, "title": STR}, {"title_held": STR, "title_held_years": INT}),
    "occupation": ({"name": STR, "kind": STR, "clause": STR}, {"aliases": STRS, "standard": STR, "required_years": TABLE}),
    "round": ({"id": STR, "pathway": STR, "year": INT, "deadline": DATE, "document": STR, "clause": STR}, {"example": BOOL}),
    "office": ({"id": STR, "name": STR, "short": STR, "clause": STR}, {"phone": STR, "area_code": STR, "handles": STR}),
    "next_step": ({"pathway": STR, "clause": STR, "message": STR}, {"levels": STRS, "when": STR, "office": STR}),
    "change": ({"date": DATE, "summary": STR, "document": STR}, {}),
    # A year of the State Council's holiday notice, for years the chinese-calendar package lacks (workdays.py).
    "holiday_year": ({"year": INT, "document": STR, "clause": STR}, {}),
    "holiday": ({"year": INT, "name": STR, "off": DATES}, {"workdays": DATES}),
}
ARRAYS = {
    "skill_level",
    "title",
    "a_level",
    "studio",
    "honor",
    "series",
    "equivalence",
    "b_level",
    "occupation",
    "round",
    "office",
    "next_step",
    "change",
    "holiday_year",
    "holiday",
}
REQUIRED_TABLES = ["data", "skill_level", "title", "a_level", "studio", "honor", "series", "b_level", "office", "next_step"]
# Ids the answers contract fixes (shared/spec/answers.md): staff may rename levels, not change their ids.
FIXED_IDS = {
    "skill_level": SKILL_IDS,
    "title": TITLE_IDS,
    "a_level": TIER_IDS,
    "b_level": SKILL_IDS,  # pathway B's levels are the skill levels
    "studio": STUDIO_LEVELS,
}
ENGINE_OFFICES = ("capacity", "titles")  # offices the rules name in their messages
PLACEHOLDERS = {"deadline", "level", "materials", "office", "phone", "posting"}
STEP_WHEN = ("entry", "level", "related_major")


def _type_ok(value, kind) -> bool:
    if kind == STR:
        return isinstance(value, str) and value.strip() != ""
    if kind == INT:
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == BOOL:
        return isinstance(value, bool)
    if kind == DATE:
        return isinstance(value, _dt.date) and not isinstance(value, _dt.datetime)
    if kind == STRS:
        return isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value)
    if kind == TABLE:
        return isinstance(value, dict)
    if kind == DATES:
        return isinstance(value, list) and all(_type_ok(v, DATE) for v in value)
    return False


_SAMPLE = {STR: '"…"', INT: "3", BOOL: "true", DATE: "2026-06-30", STRS: '["…"]', TABLE: "{ … }", DATES: "[2027-02-06, 2027-02-14]"}
_EXAMPLES = {
    STR: '"文字"（带引号）',
    INT: "不带引号的整数，如 3",
    BOOL: "true 或 false",
    DATE: "不带引号的日期，如 2026-06-30",
    STRS: '文字列表，如 ["甲", "乙"]',
    TABLE: "一个表",
    DATES: "不带引号的日期列表，如 [2027-02-06, 2027-02-14]",
}


class _Checker:
    def __init__(self, path: Path, text: str):
        self.file = str(path)
        self.lines = locate(text)
        self.problems: list[Problem] = []

    def line(self, key: str) -> int | None:
        while key:
            if key in self.lines:
                return self.lines[key]
            key = re.sub(r"(\.[^.\[\]]+|\[\d+\])$", "", key) if re.search(r"(\.[^.\[\]]+|\[\d+\])$", key) else ""
        return None

    def add(self, key: str, message: str) -> None:
        self.problems.append(Problem(self.file, self.line(key), key, message))


def _clause_ids() -> set[str]:
    from guantong.clauses import load_notice

    return set(load_notice().clauses)


def validate_policy(path: str | Path | None = None, clause_ids: set[str] | None = None) -> list[Problem]:
    """Every problem in a policy data file (empty list: the file is good)."""
    path = Path(path or POLICY_PATH)
    try:
        raw, text = read_toml(path)
    except TomlError as exc:
        return [Problem(str(path), exc.line, "TOML", str(exc))]
    c = _Checker(path, text)
    clauses = clause_ids if clause_ids is not None else _clause_ids()

    for table in REQUIRED_TABLES:
        if table not in raw:
            c.add(table, f"缺少必填的 [{table}]" + ("（[[...]] 数组）" if table in ARRAYS else ""))
    for table, value in raw.items():
        if table not in SCHEMA:
            c.add(table, f"不是可识别的数据表；可用的有：{'、'.join(SCHEMA)}")
            continue
        entries = value if table in ARRAYS else [value]
        if table in ARRAYS and not isinstance(value, list):
            c.add(table, f"应写成 [[{table}]]（可重复的数组表）")
            continue
        for i, entry in enumerate(entries):
            key = f"{table}[{i}]" if table in ARRAYS else table
            if not isinstance(entry, dict):
                c.add(key, "应为一个表")
                continue
            _check_fields(c, key, table, entry, clauses)

    _check_references(c, raw)
    _check_holidays(c, raw)
    return c.problems


def _check_fields(c: _Checker, key: str, table: str, entry: dict, clauses: set[str]) -> None:
    required, optional = SCHEMA[table]
    for field, kind in required.items():
        if field not in entry:
            c.add(key, f"缺少必填字段 {field}，应补上一行 {field} = {_SAMPLE[kind]}")
    for field, value in entry.items():
        kind = required.get(field) or optional.get(field)
        if kind is None:
            c.add(f"{key}.{field}", f"不是可识别的字段；此处可用：{'、'.join([*required, *optional])}")
        elif not _type_ok(value, kind):
            quoted = isinstance(value, str) or isinstance(value, list) and any(isinstance(v, str) for v in value)
            hint = "；日期不要加引号" if kind in (DATE, DATES) and quoted else ""
            c.add(f"{key}.{field}", f"应为{_EXAMPLES[kind]}，现在是 {value!r}{hint}")
        elif field == CLAUSE_KEY and value not in clauses:
            c.add(f"{key}.{field}", f"条款编号 {value} 不在通知的条款目录中（应如 2.4.1.2，对应 二、（四）1.（2））")
        elif kind == INT and value < 0:
            c.add(f"{key}.{field}", f"不能为负数（现在是 {value}）")


def _ids(raw, table) -> list[str]:
    return [e.get("id") for e in raw.get(table, []) if isinstance(e, dict)]


def _choices(raw, table) -> str:
    """The fixed ids of a table with the names staff gave them: "assistant（助理级职称）、…"."""
    names = {e.get("id"): e.get("name") for e in raw.get(table, []) if isinstance(e, dict)}
    return "、".join(f"{i}（{names[i]}）" if names.get(i) else i for i in FIXED_IDS[table])


def _check_references(c: _Checker, raw: dict) -> None:
    """Ids and the names that refer to them, table by table."""
    for check in (_check_unique_ids, _check_fixed_ids, _check_honours, _check_series, _check_occupations, _check_rounds, _check_steps):
        check(c, raw)


def _check_unique_ids(c: _Checker, raw: dict) -> None:
    """Duplicate ids in each list."""
    for table in ("skill_level", "title", "a_level", "studio", "b_level", "round", "office", "series"):
        seen: dict[str, int] = {}
        field = "name" if table == "series" else "id"
        for i, e in enumerate(raw.get(table, [])):
            value = e.get(field) if isinstance(e, dict) else None
            if not isinstance(value, str):
                continue
            if value in seen:
                c.add(f"{table}[{i}].{field}", f"{field} “{value}” 重复（已在第 {seen[value] + 1} 个 [[{table}]] 中使用），每个应唯一")
            else:
                seen[value] = i


def _check_fixed_ids(c: _Checker, raw: dict) -> None:
    """The ids the answers contract fixes."""
    for table, ids in FIXED_IDS.items():
        got = _ids(raw, table)
        for i, value in enumerate(got):
            if isinstance(value, str) and value not in ids:
                c.add(f"{table}[{i}].id", f"未知的 id “{value}”；[[{table}]] 的 id 只能是 {'、'.join(ids)}（可以改名称 name，不能改 id）")
        missing = [x for x in ids if x not in got]
        if missing and table in raw:
            c.add(table, f"缺少 id 为 {'、'.join(missing)} 的 [[{table}]]")


def _check_honours(c: _Checker, raw: dict) -> None:
    """Honours: one tier each; names and aliases unique across the lists. Studios' tiers, the levels'
    skill levels and titles: ids the data has."""
    tiers = FIXED_IDS["a_level"]
    names: dict[str, tuple[int, str]] = {}
    for i, h in enumerate(raw.get("honor", [])):
        if not isinstance(h, dict):
            continue
        if isinstance(h.get("tier"), str) and h["tier"] not in tiers:
            c.add(f"honor[{i}].tier", f"未知的层级 “{h['tier']}”；应为 {_choices(raw, 'a_level')} 之一")
        for name in [h.get("name"), *(h.get("aliases") or [])]:
            if not isinstance(name, str):
                continue
            key = normalise_name(name)
            if key in names:
                j, tier = names[key]
                where = "另一档" if tier != h.get("tier") else "同一档"
                c.add(f"honor[{i}].name", f"荣誉“{name}”已在第 {j + 1} 个 [[honor]]（{tier}）中出现，{where}重复；一个荣誉只能列在一档")
            else:
                names[key] = (i, h.get("tier"))
    for i, s in enumerate(raw.get("studio", [])):
        if isinstance(s, dict) and isinstance(s.get("tier"), str) and s["tier"] not in tiers:
            c.add(f"studio[{i}].tier", f"未知的层级 “{s['tier']}”；应为 {_choices(raw, 'a_level')} 之一")
    skills = FIXED_IDS["skill_level"]
    for i, a in enumerate(raw.get("a_level", [])):
        if isinstance(a, dict) and isinstance(a.get("skill_level"), str) and a["skill_level"] not in skills:
            c.add(f"a_level[{i}].skill_level", f"未知的技能等级 “{a['skill_level']}”；应为 {_choices(raw, 'skill_level')} 之一")
        if isinstance(a, dict) and a.get("review") not in (None, "city", "province"):
            c.add(f"a_level[{i}].review", "应为 city（市评委会评审）或 province（报省人社厅受理）")
    titles = FIXED_IDS["title"]
    for i, b in enumerate(raw.get("b_level", [])):
        for field in ("title", "title_held"):
            if isinstance(b, dict) and isinstance(b.get(field), str) and b[field] not in titles:
                c.add(f"b_level[{i}].{field}", f"未知的职称 “{b[field]}”；应为 {_choices(raw, 'title')} 之一")


def _check_series(c: _Checker, raw: dict) -> None:
    """Series' names and aliases unique, and none of them also listed as out of scope (rules.md A3)."""
    seen: dict[str, int] = {}
    for i, s in enumerate(raw.get("series", [])):
        if not isinstance(s, dict):
            continue
        for field, name in [("name", s.get("name")), *(("aliases", a) for a in (s.get("aliases") or []))]:
            if not isinstance(name, str):
                continue
            key = normalise_name(name).removesuffix("系列")
            if key in seen and seen[key] != i:
                c.add(f"series[{i}].{field}", f"系列名称“{name}”重复（已在第 {seen[key] + 1} 个 [[series]] 中）")
            seen[key] = i
    out = raw.get("series_out_of_scope", {})
    for name in (out.get("names") or []) if isinstance(out, dict) else []:
        if isinstance(name, str) and normalise_name(name).removesuffix("系列") in seen:
            c.add("series_out_of_scope.names", f"“{name}”既列为贯通领域内的系列（或其别名），又列为不在贯通领域内，请删去一处")


def _check_occupations(c: _Checker, raw: dict) -> None:
    """Occupations (B4, B7)."""
    levels_b = FIXED_IDS["b_level"]
    seen_occ: dict[str, int] = {}
    for i, o in enumerate(raw.get("occupation", [])):
        if not isinstance(o, dict):
            continue
        if isinstance(o.get("kind"), str) and o["kind"] not in OCCUPATION_KINDS:
            c.add(f"occupation[{i}].kind", "应为 " + " 或 ".join(f"{k}（{name}）" for k, (name, _) in OCCUPATION_KINDS.items()))
        for name in [o.get("name"), *(o.get("aliases") or [])]:
            if isinstance(name, str):
                if normalise_name(name) in seen_occ:
                    c.add(f"occupation[{i}].name", f"职业“{name}”重复（已在第 {seen_occ[normalise_name(name)] + 1} 个 [[occupation]] 中）")
                seen_occ[normalise_name(name)] = i
        for level, years in (o.get("required_years") or {}).items():
            key = f"occupation[{i}].required_years.{level}"
            if level not in levels_b:
                c.add(key, f"未知的技能等级 “{level}”；应为 {_choices(raw, 'b_level')} 之一")
            elif isinstance(years, bool) or not isinstance(years, int) or years < 0:
                c.add(key, f"年限要求应为不小于 0 的整数（整年），现在是 {years!r}")


def _check_rounds(c: _Checker, raw: dict) -> None:
    """Rounds (T1): pathway, and a deadline in its year."""
    for i, r in enumerate(raw.get("round", [])):
        if not isinstance(r, dict):
            continue
        if isinstance(r.get("pathway"), str) and r["pathway"] not in PATHWAYS:
            c.add(f"round[{i}].pathway", f"应为 {'、'.join(PATHWAYS)} 之一")
        if (
            isinstance(r.get("deadline"), _dt.date)
            and isinstance(r.get("year"), int)
            and r["deadline"].year not in (r["year"], r["year"] + 1)
        ):
            c.add(f"round[{i}].deadline", f"截止日期 {r['deadline']} 与年度 {r['year']} 不符（应在 {r['year']} 年内）")


def _check_steps(c: _Checker, raw: dict) -> None:
    """Offices and next steps."""
    offices = _ids(raw, "office")
    for office in ENGINE_OFFICES:
        if "office" in raw and office not in offices:
            c.add("office", f"缺少 id 为 {office} 的 [[office]]（规则的提示中用到）")
    for i, s in enumerate(raw.get("next_step", [])):
        if not isinstance(s, dict):
            continue
        pathway = s.get("pathway")
        if isinstance(pathway, str) and pathway not in PATHWAYS:
            c.add(f"next_step[{i}].pathway", f"应为 {'、'.join(PATHWAYS)} 之一")
        table = "a_level" if pathway == "skill_to_title" else "b_level"
        for level in s.get("levels") or []:
            if level not in FIXED_IDS[table]:
                c.add(f"next_step[{i}].levels", f"未知的层级 “{level}”；应为 {_choices(raw, table)} 之一")
        if s.get("when") is not None and s["when"] not in STEP_WHEN:
            c.add(f"next_step[{i}].when", f"应为 {'、'.join(STEP_WHEN)} 之一")
        if isinstance(s.get("office"), str) and s["office"] not in offices:
            c.add(f"next_step[{i}].office", f"未知的办事机构 “{s['office']}”；应为 {'、'.join(offices)} 之一")
        if isinstance(s.get("message"), str):
            try:
                used = {f for _, f, _, _ in string.Formatter().parse(s["message"]) if f}
            except ValueError:
                c.add(f"next_step[{i}].message", "花括号不成对；占位符写作 {deadline} 这样的形式")
                continue
            unknown = used - PLACEHOLDERS
            if unknown:
                c.add(
                    f"next_step[{i}].message",
                    f"未知的占位符 {'、'.join('{' + u + '}' for u in sorted(unknown))}；可用 {'、'.join('{' + p + '}' for p in sorted(PLACEHOLDERS))}",
                )


WEEKDAYS = "一二三四五六日"


def _check_holidays(c: _Checker, raw: dict) -> None:
    """A year of the holiday notice as staff typed it: every holiday of the notice once, each break a real
    range with a weekday in it, each make-up working day (调休上班) on a Saturday or Sunday outside any
    break, the years following the package's without a gap."""
    from guantong.workdays import HOLIDAYS, off_days, package_calendar

    years, holidays = raw.get("holiday_year", []), raw.get("holiday", [])
    if not isinstance(years, list) or not isinstance(holidays, list):
        return

    def day(d: _dt.date) -> str:
        return f"{d.isoformat()}（星期{WEEKDAYS[d.weekday()]}）"

    known: dict[int, int] = {}
    for i, y in enumerate(years):
        year = y.get("year") if isinstance(y, dict) else None
        if not isinstance(year, int) or isinstance(year, bool):
            continue
        if year in known:
            c.add(f"holiday_year[{i}].year", f"{year} 年已在第 {known[year] + 1} 个 [[holiday_year]] 中写过，每年只写一次")
        else:
            known[year] = i
    base = package_calendar()
    wanted = base.last_year + 1
    for year in sorted(y for y in known if y > base.last_year):
        if year != wanted:
            c.add(
                f"holiday_year[{known[year]}].year",
                f"节假日安排须逐年接续：已收录到 {wanted - 1} 年，请先写 {wanted} 年的安排，再写 {year} 年",
            )
            break
        wanted += 1
    named: dict[int, dict[str, int]] = {year: {} for year in known}
    breaks: list[tuple[int, list]] = []
    for j, h in enumerate(holidays):
        if not isinstance(h, dict) or not isinstance(h.get("year"), int) or not isinstance(h.get("name"), str):
            continue
        key, year = f"holiday[{j}]", h["year"]
        if year not in known:
            c.add(f"{key}.year", f"没有 year = {year} 的 [[holiday_year]]：请先写上这一年及其通知的文号")
            continue
        for name in [n for n in re.split(r"[、，,和\s]+", h["name"]) if n]:
            if name not in HOLIDAYS:
                c.add(f"{key}.name", f"“{name}”不是通知中的节日；应为 {'、'.join(HOLIDAYS)} 之一（连休时可写“中秋节、国庆节”）")
            elif name in named[year]:
                c.add(f"{key}.name", f"{year} 年的{name}已在第 {named[year][name] + 1} 个 [[holiday]] 中写过")
            else:
                named[year][name] = j
        off = h.get("off")
        if not _type_ok(off, DATES) or not 1 <= len(off) <= 2:
            if _type_ok(off, DATES):
                c.add(f"{key}.off", "应写放假的第一天和最后一天，如 off = [2027-02-05, 2027-02-12]（只放一天写一个日期）")
            continue
        first, last = off[0], off[-1]
        if last < first:
            c.add(f"{key}.off", f"最后一天 {last.isoformat()} 早于第一天 {first.isoformat()}")
            continue
        if (last - first).days > 11:
            c.add(f"{key}.off", f"放假 {(last - first).days + 1} 天，超过通知中任何一次假期的长度，请核对")
        if first.year != year and not (first.year == year - 1 and first.month == 12):
            c.add(f"{key}.off", f"放假日期 {first.isoformat()} 不在 {year} 年（元旦可从上一年 12 月开始）")
        days = off_days(h)
        if not any(d.weekday() < 5 for d in days):
            c.add(f"{key}.off", f"{first.isoformat()} 至 {last.isoformat()} 全在周末，通知中的放假安排都含工作日，请核对")
        for other_j, other in breaks:
            if set(days) & set(other):
                c.add(f"{key}.off", f"与第 {other_j + 1} 个 [[holiday]] 的放假日期重叠")
        breaks.append((j, days))
        for d in h.get("workdays", []) if _type_ok(h.get("workdays", []), DATES) else []:
            if d.weekday() < 5:
                c.add(f"{key}.workdays", f"调休上班日 {day(d)}本来就是工作日：通知中的调休上班日都在周六或周日，请核对")
            elif first <= d <= last:
                c.add(f"{key}.workdays", f"调休上班日 {day(d)}在本次放假期间之内")
            elif abs((d - first).days) > 31:
                c.add(f"{key}.workdays", f"调休上班日 {day(d)}离放假（{first.isoformat()}）超过一个月，请核对")
    for year, i in known.items():
        missing = [name for name in HOLIDAYS if name not in named[year]]
        if missing:
            c.add(f"holiday_year[{i}]", f"{year} 年缺少{'、'.join(missing)}的安排：通知列出的七个节日都要写上，每个一段 [[holiday]]")


def validate_all(policy_path: str | Path | None = None) -> list[Problem]:
    """The policy data and the notice's clause tree (which the policy data cites)."""
    from guantong.clauses import NoticeError, load_notice

    try:
        clause_ids = set(load_notice().clauses)
    except NoticeError as exc:
        return [Problem("guantong/data/notice.toml", None, "notice", str(exc))]
    return validate_policy(policy_path, clause_ids)
