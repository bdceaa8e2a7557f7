"""The staff page 数据检查与预览 (/staff/check/, issue 33): an edited policy.toml checked, compared with the
data the site was built from, and the common edits made by form. The same `validate` and `diff` as the
commands; runs in the browser (Pyodide, the batch zip) and under CPython alike (tests/test_staff.py).

The forms write through tomlkit, which keeps the file's comments and layout: a new entry goes after the
last one of its kind, and the comment that heads the next part of the file stays with that part.
"""

from __future__ import annotations

import datetime as _dt
import re
import tempfile
import tomllib
from pathlib import Path

import tomlkit
from tomlkit.exceptions import ParseError
from tomlkit.items import AoT, Comment, Whitespace

from guantong.policy import PATHWAYS, normalise_name
from guantong.slips import DATE_AS_TYPED

from .validate import shown_key, validate_all

A, B = PATHWAYS
ROUND_SUFFIX = {A: "a", B: "b"}  # a round's id: year-suffix, as the data's own rounds are named
ROUND_CLAUSE = "3.2"
HOLIDAY_CLAUSE = "2.5.1.3"
# The State Council's notice lists these seven, in this order (validate checks a year has each once).
HOLIDAY_NAMES = ("元旦", "春节", "清明节", "劳动节", "端午节", "中秋节", "国庆节")


class FormError(ValueError):
    """A form's field that cannot be written into the data: its Chinese message names the field."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field


# --- checking and comparing --------------------------------------------------------------------------
def _write(folder: str, text: str, name: str) -> Path:
    path = Path(folder) / (Path(name).name or "policy.toml")
    path.write_text(text, encoding="utf-8")
    return path


def problems(text: str, name: str = "policy.toml") -> list[dict]:
    """validate's problems of this text: {line, key, message, source (the line as written), text}."""
    lines = text.splitlines()
    out = []
    with tempfile.TemporaryDirectory(prefix="guantong-staff-") as folder:
        path = _write(folder, text, name)
        for p in validate_all(path):
            source = lines[p.line - 1] if p.line and p.line <= len(lines) else ""
            shown = "" if p.key == "TOML" else shown_key(p.key)
            out.append({"line": p.line, "key": shown, "message": p.message, "source": source, "text": str(p).replace(str(path), path.name)})
    return out


def version(text: str) -> str | None:
    """The file's data.version, where it reads as TOML (the page says which version it is looking at)."""
    try:
        value = tomllib.loads(text).get("data", {}).get("version")
    except (tomllib.TOMLDecodeError, AttributeError):
        return None
    return value if isinstance(value, str) else None


def compare(published: str, edited: str, name: str = "policy.toml", today: _dt.date | None = None) -> dict:
    """What the edit changes for people against the data the site was built from (guantong diff): the
    summary, the data's edits, each group with its example, and the printable report."""
    from .diff import PATHWAY_ZH, change_words, html_report, run, sentence, summary_line, worsened

    today = today or _dt.date.today()
    with tempfile.TemporaryDirectory(prefix="guantong-staff-") as folder:
        before, after = _write(folder, published, "网站当前数据.toml"), _write(folder, edited, name)
        report, policy = run(before, after, today)
    worse = {id(g) for g in worsened(report)}
    groups = [
        {
            "pathway": PATHWAY_ZH[g.pathway],
            "level": report.level_names.get(g.level, g.level),
            "change": change_words(g),
            "count": g.count,
            "example": sentence(g, report, policy, today),
            "worse": id(g) in worse,
        }
        for g in report.groups
    ]
    return {
        "summary": summary_line(report),
        "population": report.population,
        "changed": report.changed,
        "reworded": report.reworded,
        "edits": report.edits,
        "groups": groups,
        "worse": sum(g["count"] for g in groups if g["worse"]),
        "report": html_report(report, policy, today, "网站当前数据", after.name),
    }


# --- the forms ---------------------------------------------------------------------------------------
def _text(fields: dict, key: str, label: str) -> str:
    value = str(fields.get(key) or "").strip()
    if not value:
        raise FormError(key, f"请填写{label}")
    return value


def _day(value: str, key: str, label: str) -> _dt.date:
    """A date as people type one (2027-07-15, 2027-7-15, 2027/7/15, 2027年7月15日)."""
    m = DATE_AS_TYPED.fullmatch(str(value or "").strip())
    if not m:
        raise FormError(key, f"{label}要写成 2027-07-15 这样的日期")
    try:
        return _dt.date(*(int(g) for g in m.groups()))
    except ValueError:
        raise FormError(key, f"{label} {value.strip()} 这个日期不存在，请照文件核对") from None


def _days(value: str, key: str, label: str) -> list[_dt.date]:
    parts = [p for p in re.split(r"[\s,，、;；]+", str(value or "").strip()) if p]
    return [_day(p, key, label) for p in parts]


def _year(fields: dict, key: str = "year") -> int:
    value = str(fields.get(key) or "").strip().removesuffix("年")
    if not re.fullmatch(r"20\d\d", value):
        raise FormError(key, "年度要写成四位数字，如 2027")
    return int(value)


def _append(doc, name: str, entry: dict) -> None:
    """A new [[name]] after the last one, the comment heading the next part of the file left with it."""
    table = tomlkit.table()
    for key, value in entry.items():
        table.add(key, value)
    if name not in doc:
        doc.add(tomlkit.nl())
        doc.add(name, AoT([table]))
        return
    aot = doc[name]
    body = aot[-1].value.body
    tail = []
    while body and body[-1][0] is None and isinstance(body[-1][1], (Whitespace, Comment)):
        tail.insert(0, body.pop()[1])
    aot[-1].add(tomlkit.nl())
    aot.append(table)
    for item in tail or [tomlkit.nl()]:
        table.value.body.append((None, item))


def add_round(doc, fields: dict) -> None:
    """新年度受理截止时间: one [[round]] for each pathway ticked, from the year's notice."""
    year = _year(fields)
    deadline = _day(fields.get("deadline"), "deadline", "受理材料截止时间")
    if deadline.year != year:
        raise FormError("deadline", f"截止时间 {deadline.isoformat()} 不在 {year} 年内")
    document = _text(fields, "document", "文件名称和文号")
    pathways = [p for p in PATHWAYS if p in (fields.get("pathways") or [])]
    if not pathways:
        raise FormError("pathways", "请至少选择一条路径")
    ids = {r.get("id") for r in doc.get("round", [])}
    for pathway in pathways:
        rid = f"{year}-{ROUND_SUFFIX[pathway]}"
        if rid in ids:
            raise FormError("year", f"{year} 年度的这条路径已有受理截止时间（{rid}）；以前年度的内容不要改动，如确需更正请在文件中修改")
    for pathway in pathways:
        entry = {"id": f"{year}-{ROUND_SUFFIX[pathway]}", "pathway": pathway, "year": year, "deadline": deadline}
        _append(doc, "round", {**entry, "document": document, "clause": ROUND_CLAUSE})


def _honour_names(doc) -> dict[str, int]:
    return {normalise_name(n): i for i, h in enumerate(doc.get("honor", [])) for n in [h["name"], *h.get("aliases", [])]}


def honour(doc, fields: dict) -> None:
    """荣誉更名或新增: a rename keeps the old name as an alias (those who write it keep their result)."""
    name = _text(fields, "name", "荣誉的正式名称")
    names = _honour_names(doc)
    if fields.get("mode") == "rename":
        old = _text(fields, "old", "原名称")
        if normalise_name(old) not in names:
            raise FormError("old", f"名单中没有“{old}”这项荣誉（也不是哪项荣誉的别名）")
        if normalise_name(name) in names:
            raise FormError("name", f"“{name}”已在荣誉名单中")
        entry = doc["honor"][names[normalise_name(old)]]
        kept = [old] if normalise_name(old) == normalise_name(str(entry["name"])) else []
        aliases = [*kept, *(str(a) for a in entry.get("aliases", []))]
        entry["name"] = name
        if "aliases" in entry:
            entry["aliases"] = aliases
        else:
            entry.add("aliases", aliases)
        return
    if normalise_name(name) in names:
        raise FormError("name", f"“{name}”已在荣誉名单中")
    levels = {lv["id"]: lv for lv in doc.get("a_level", [])}
    tier = str(fields.get("tier") or "")
    if tier not in levels:
        raise FormError("tier", "请选择这项荣誉所在的档次")
    aliases = [a for a in re.split(r"[\s,，、;；]+", str(fields.get("aliases") or "")) if a]
    entry = {"name": name, "tier": tier, "clause": str(levels[tier]["clause"])}
    _append(doc, "honor", {**entry, **({"aliases": aliases} if aliases else {})})


def holidays(doc, fields: dict) -> None:
    """新一年的节假日安排, copied from the State Council's notice: the year, the notice, each holiday's days
    off (first and last) and its working weekend days."""
    year = _year(fields)
    document = _text(fields, "document", "国务院办公厅通知的名称")
    if any(int(y["year"]) == year for y in doc.get("holiday_year", [])):
        raise FormError("year", f"{year} 年的节假日安排已经写过了")
    _append(doc, "holiday_year", {"year": year, "document": document, "clause": HOLIDAY_CLAUSE})
    for i, name in enumerate(HOLIDAY_NAMES):
        first = _day(fields.get(f"off_first_{i}"), f"off_first_{i}", f"{name}放假的第一天")
        last_text = str(fields.get(f"off_last_{i}") or "").strip()
        last = _day(last_text, f"off_last_{i}", f"{name}放假的最后一天") if last_text else first
        work = _days(fields.get(f"workdays_{i}"), f"workdays_{i}", f"{name}的调休上班日")
        entry = {"year": year, "name": name, "off": [first, last] if last != first else [first]}
        _append(doc, "holiday", {**entry, **({"workdays": work} if work else {})})


def change(doc, fields: dict) -> None:
    """更新记录 and the data's version: the day of the edit, what changed, and the document behind it."""
    day = _day(fields.get("date"), "date", "日期")
    summary = _text(fields, "summary", "修改内容")
    document = _text(fields, "document", "依据的文件")
    _append(doc, "change", {"date": day, "summary": summary, "document": document})
    doc["data"]["version"] = f"{day.year}.{day.month:02d}.{day.day:02d}"


FORMS = {"round": add_round, "honor": honour, "holidays": holidays, "change": change}


def edit(text: str, form: str, fields: dict) -> str:
    """The text with one form's edit made; a FormError names the field to correct. The file must read
    as TOML first (its own problems come from `problems`)."""
    if form not in FORMS:
        raise FormError("form", f"未知的表单 {form}")
    try:
        doc = tomlkit.parse(text)
    except ParseError:
        raise FormError("file", "文件本身还有格式问题：请先按检查结果改正，再用表单修改") from None
    FORMS[form](doc, fields)
    return tomlkit.dumps(doc)
