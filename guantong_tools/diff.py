"""`guantong diff BEFORE [AFTER]`: what an edit of the policy data changes for people, before it is
published (the question OpenFisca's and PolicyEngine's reforms answer).

A fixed population of answers objects is generated from both data files together (the union of their
levels, honours and aliases, studios, series, occupations and rounds), for both pathways: every route
of every level, dates on both sides of every year threshold and of every round's deadline,
preconditions met, failed and unanswered. Each is decided under both files by the same `evaluate`;
every one whose outcome changes (a level's status, its eligible-on date, or the reasons and routes
given) is reported, grouped by pathway, level and change, with one example each, beside the data edits
themselves (entries added, removed or changed, with their lines).
"""

from __future__ import annotations

import datetime as _dt
import html
import json
from dataclasses import dataclass, field
from pathlib import Path

from guantong.answers import AnswersError
from guantong.engine import evaluate
from guantong.policy import PATHWAYS, Policy, load_policy, read_toml
from guantong.words import PATHWAY_TITLE as PATHWAY_ZH
from guantong.words import STATUS_SHORT as STATUS_ZH
from guantong.words import cn

A, B = PATHWAYS
KIND_ZH = {"status": "结论改变", "date": "符合日期改变", "reason": "理由改变"}
REFERENCE_DEADLINE = _dt.date(2026, 6, 30)  # used beside the published rounds, so every file has one


# --- the population --------------------------------------------------------------------------------
def _years_before(day: _dt.date, years: int, plus_days: int = 0) -> str:
    try:
        back = day.replace(year=day.year - years)
    except ValueError:  # 29 February
        back = day.replace(year=day.year - years, day=28)
    return (back + _dt.timedelta(days=plus_days)).isoformat()


def _union(before: Policy, after: Policy, table: str, key: str) -> list:
    seen = {}
    for policy in (before, after):
        for entry in policy.raw.get(table, []):
            seen.setdefault(entry[key], entry)
    return list(seen.values())


def _names(before: Policy, after: Policy, table: str) -> list[str]:
    """Every name and alias of a table in either file: an alias added to an entry both files have counts."""
    return sorted({n for p in (before, after) for e in p.raw.get(table, []) for n in [e["name"], *e.get("aliases", [])]})


def _deadlines(before: Policy, after: Policy, pathway: str) -> list[_dt.date | None]:
    days = {r["deadline"] for p in (before, after) for r in p.rounds(pathway)}
    # None: no deadline given, so the current round (or today) counts, as for most wizard users.
    return [*sorted(days | {REFERENCE_DEADLINE}), None]


def population(before: Policy, after: Policy, today: _dt.date) -> list[tuple[dict, _dt.date]]:
    """The answers objects both files decide, each with the day it is decided on; the same files always
    give the same list. A round of a later year counts from 1 January of its year (Policy.current_round),
    so the people who give no deadline are decided on that day too: a new year's round shows before then."""
    people = [(a, today) for a in _pathway_a(before, after, today) + _pathway_b(before, after, today)]
    later = sorted({r["year"] for p in (before, after) for w in PATHWAYS for r in p.rounds(w) if r["year"] > today.year})
    for year in later:
        day = _dt.date(year, 1, 1)
        people += [(a, day) for a in _pathway_a(before, after, day) + _pathway_b(before, after, day) if "deadline" not in a]
    return people


def _pathway_a(before: Policy, after: Policy, today: _dt.date) -> list[dict]:
    levels = _union(before, after, "a_level", "id")
    skills = [s["id"] for s in _union(before, after, "skill_level", "id")]
    years = sorted({lv["years"] for lv in levels} | {0, 1})
    honours = _names(before, after, "honor")
    studios = [s["id"] for s in _union(before, after, "studio", "id")]
    series = _names(before, after, "series") + ["卫生"]
    tiers = [lv["id"] for lv in levels]
    people = []
    for deadline in _deadlines(before, after, A):
        d = deadline or today
        base = {
            "direction": A,
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
        if deadline:
            base["deadline"] = deadline.isoformat()
        held = [{}] + [{s: _years_before(d, y, plus)} for s in skills for y in years for plus in (0, 1)]
        held += [{s: (d + _dt.timedelta(days=1)).isoformat()} for s in skills]  # obtained after the deadline
        extras = [{}]
        for name in honours + ["某市技术标兵"]:
            for date in (None, d.isoformat(), (d + _dt.timedelta(days=1)).isoformat()):
                item = {"name": name, **({"date": date} if date else {})}
                extras.append({"honors": [item]})
        extras += [{"honors": [{"name": "某市技术标兵", "tier": t}]} for t in tiers]
        for studio in studios:
            for date in (None, d.isoformat(), (d + _dt.timedelta(days=1)).isoformat()):
                extras.append({"studio": {"level": studio, **({"date": date} if date else {})}})
        for h in held:
            for extra in extras:
                people.append({**base, "skill_levels": h, **extra})
            people.append({**base, "skill_levels": h, "months_out_of_skill_work": 7})
        typical = [{"senior_worker": _years_before(d, 5)}, {"technician": _years_before(d, 3)}]
        for h in typical:
            for name in series:
                people.append({**base, "skill_levels": h, "series": name})
            for key, failed in (
                ("employed_in_huangshi", False),
                ("skill_post", False),
                ("speciality_matches", False),
                ("annual_assessment_passed", False),
                ("integrity_record", True),
            ):
                people.append({**base, "skill_levels": h, key: failed})
                people.append({k: v for k, v in {**base, "skill_levels": h}.items() if k != key})
    return people


def _pathway_b(before: Policy, after: Policy, today: _dt.date) -> list[dict]:
    levels = _union(before, after, "b_level", "id")
    titles = [t["id"] for t in _union(before, after, "title", "id")]
    held_years = sorted({lv.get("title_held_years", 0) for lv in levels} | {0})
    names = _names(before, after, "occupation")
    occupations = [o for p in (before, after) for o in p.raw.get("occupation", [])]
    needed = sorted({y for o in occupations for y in o.get("required_years", {}).values()} | {5, 10, 15})
    skill_ids = [lv["id"] for lv in levels]
    people = []
    for deadline in _deadlines(before, after, B):
        d = deadline or today
        base = {"direction": B, "technical_skill_post": True, "occupation_matches": True, "related_major": False, "integrity_record": False}
        if deadline:
            base["deadline"] = deadline.isoformat()
        held = [{}] + [{t: _years_before(d, y, plus)} for t in titles for y in held_years for plus in (0, 1)]
        held += [{t: (d + _dt.timedelta(days=1)).isoformat()} for t in titles]
        work = [{"work_start": _years_before(d, y, plus), "months_out_of_work": 0} for y in needed for plus in (0, 1)]
        work += [{"work_years": y} for y in needed] + [{}]
        jobs = [{"occupation": n} for n in names]
        jobs += [{"occupation": "某未列工种", "required_years": {s: y for s in skill_ids}} for y in needed]
        jobs += [{"occupation": "某未列工种"}]
        for h in held:
            for job in jobs:
                for w in work:
                    people.append({**base, "titles": h, **job, **w})
        for key, failed in (("technical_skill_post", False), ("occupation_matches", False), ("integrity_record", True)):
            person = {**base, "titles": {titles[0]: _years_before(d, 3)}, "occupation": "某未列工种", "work_years": 20}
            people.append({**person, key: failed})
            people.append({k: v for k, v in person.items() if k != key})
    return people


# --- deciding and comparing -------------------------------------------------------------------------
def outcome(answers: dict, policy: Policy, today: _dt.date) -> dict | None:
    try:
        result = evaluate(answers, policy=policy, today=today).to_dict()
    except AnswersError:
        return None
    return {
        lid: (lv["status"], lv["eligible_on"], tuple(r["message"] for r in lv["routes"]), tuple(r["message"] for r in lv["reasons"]))
        for lid, lv in result["levels"].items()
    }


@dataclass
class Group:
    pathway: str
    level: str
    from_status: str
    to_status: str
    kind: str
    count: int = 0
    example: dict = field(default_factory=dict)
    before: tuple = ()
    after: tuple = ()
    day: _dt.date | None = None  # the day the example is decided on


@dataclass
class Report:
    population: int
    changed: int
    groups: list[Group]
    edits: list[str]
    level_names: dict
    reworded: int = 0  # answers whose conclusions stay but whose reasons or routes read differently

    def to_json(self) -> dict:
        """The contract of issue 14: {"population", "changed", "groups": [{"pathway", "level", "from",
        "to", "count", "example"}]}, groups of the same pathway, level and statuses merged."""
        merged: dict[tuple, dict] = {}
        for g in self.groups:
            key = (g.pathway, g.level, g.from_status, g.to_status)
            if key not in merged:
                merged[key] = {
                    "pathway": g.pathway,
                    "level": g.level,
                    "from": g.from_status,
                    "to": g.to_status,
                    "count": 0,
                    "example": g.example,
                }
            merged[key]["count"] += g.count
        return {"population": self.population, "changed": self.changed, "groups": list(merged.values())}


def compare(before: Policy, after: Policy, today: _dt.date, extra: list[dict] | None = None) -> Report:
    people = population(before, after, today) + [(a, today) for a in extra or []]
    groups: dict[tuple, Group] = {}
    changed = reworded = 0
    for answers, day in people:
        old, new = outcome(answers, before, day), outcome(answers, after, day)
        if old == new or old is None or new is None:
            continue
        # A conclusion changes with a status or an eligible-on date; a reason alone is reported apart.
        if any((old[lid][:2] if lid in old else None) != (new[lid][:2] if lid in new else None) for lid in {*old, *new}):
            changed += 1
        else:
            reworded += 1
        for lid in dict.fromkeys([*old, *new]):
            o, n = old.get(lid), new.get(lid)
            if o == n or o is None or n is None:
                continue
            kind = "status" if o[0] != n[0] else "date" if o[1] != n[1] else "reason"
            key = (answers["direction"], lid, o[0], n[0], kind)
            group = groups.get(key)
            if group is None:
                group = groups[key] = Group(answers["direction"], lid, o[0], n[0], kind, example=answers, before=o, after=n, day=day)
            group.count += 1
    order = {"status": 0, "date": 1, "reason": 2}
    ordered = sorted(groups.values(), key=lambda g: (PATHWAYS.index(g.pathway), order[g.kind], -g.count))
    names = {lv["id"]: lv["name"] for p in (before, after) for lv in [*p.a_levels, *p.b_levels]}
    return Report(len(people), changed, ordered, [], names, reworded)


# --- describing a person and an edit ------------------------------------------------------------------
def _held_for(since: str, deadline: _dt.date) -> str:
    day = _dt.date.fromisoformat(since)
    if day > deadline:
        return f"于截止后（{cn(since)}）取得"
    years = deadline.year - day.year - ((deadline.month, deadline.day) < (day.month, day.day))
    return f"满 {years} 年" if years else "不满 1 年"


def describe(answers: dict, policy: Policy, today: _dt.date) -> str:
    """An answers object as a person would read it: "持技师满 3 年、无荣誉的申请人"."""
    deadline = _dt.date.fromisoformat(answers["deadline"]) if "deadline" in answers else today
    tiers = {lv["id"]: lv["name"] for lv in policy.a_levels}
    studios = {s["id"]: s["name"] for s in policy.studios}
    bits = []
    if answers["direction"] == A:
        names = {s["id"]: s["name"] for s in policy.raw.get("skill_level", [])}
        held = answers.get("skill_levels", {})
        bits.append("、".join(f"持{names.get(k, k)}{_held_for(v, deadline)}" for k, v in held.items()) or "无技能等级")
        honours = answers.get("honors", [])
        bits.append(
            "、".join(
                f"获“{h['name']}”"
                + (f"（{cn(h['date'])}）" if h.get("date") else "")
                + (f"并认为与{tiers.get(h['tier'], h['tier'])}一档相当" if h.get("tier") else "")
                for h in honours
            )
            or "无荣誉"
        )
        if answers.get("studio"):
            studio = answers["studio"]
            since = f"（{cn(studio['date'])}起）" if studio.get("date") else ""
            bits.append(f"领办{studios.get(studio['level'], studio['level'])}{since}")
        if answers.get("series") not in (None, "工程技术"):
            bits.append(f"申报{answers['series']}系列")
        if answers.get("months_out_of_skill_work"):
            bits.append(f"中断 {answers['months_out_of_skill_work']} 个月")
    else:
        names = {t["id"]: t["name"] for t in policy.raw.get("title", [])}
        held = answers.get("titles", {})
        bits.append("、".join(f"持{names.get(k, k)}职称{_held_for(v, deadline)}" for k, v in held.items()) or "无职称")
        if "occupation" in answers:
            bits.append(f"申报“{answers['occupation']}”")
        if "work_start" in answers:
            bits.append(f"从业{_held_for(answers['work_start'], deadline)}")
        elif "work_years" in answers:
            bits.append(f"从业 {answers['work_years']} 年")
        if "required_years" in answers:
            bits.append("自填年限要求 " + "、".join(f"{v} 年" for v in answers["required_years"].values()))
    missing = [
        k
        for k in (
            "employed_in_huangshi",
            "skill_post",
            "speciality_matches",
            "annual_assessment_passed",
            "technical_skill_post",
            "occupation_matches",
        )
        if answers.get(k) is False
    ]
    if missing:
        bits.append("有一项基本条件不符合")
    if answers.get("integrity_record") is True:
        bits.append("有弄虚作假记录")
    when = f"截止时间 {cn(answers['deadline'])}" if "deadline" in answers else f"未填截止时间，按 {cn(today)} 计算"
    return f"{'、'.join(bits)}（{when}）的申请人"


def sentence(g: Group, report: Report, policy: Policy, today: _dt.date) -> str:
    who = describe(g.example, policy, g.day or today)
    level = report.level_names.get(g.level, g.level)
    if g.kind == "status":
        return f"{who}：{level}由{STATUS_ZH[g.from_status]}变为{STATUS_ZH[g.to_status]}"
    if g.kind == "date":
        return f"{who}：{level}的符合日期由 {cn(g.before[1]) if g.before[1] else '无'} 变为 {cn(g.after[1]) if g.after[1] else '无'}"
    gone = [m for m in g.before[2] + g.before[3] if m not in g.after[2] + g.after[3]]
    came = [m for m in g.after[2] + g.after[3] if m not in g.before[2] + g.before[3]]
    short = lambda m: m if len(m) <= 70 else m[:70] + "…"  # noqa: E731
    return f"{who}：{level}仍为{STATUS_ZH[g.to_status]}，理由由“{short(gone[0]) if gone else '无'}”变为“{short(came[0]) if came else '无'}”"


def _entries(raw: dict) -> dict[str, dict]:
    """Every entry of the data by a stable name: "honor[黄石工匠]", "round[2026-a]", "data"."""
    out = {}
    for table, value in raw.items():
        if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            for i, entry in enumerate(value):
                ident = entry.get("id") or entry.get("name") or entry.get("school_class") or str(i)
                out[f"{table}[{ident}]"] = {"table": table, "index": i, "value": entry}
        else:
            out[table] = {"table": table, "index": None, "value": value}
    return out


def data_edits(before_path: Path, after_path: Path) -> list[str]:
    """The edits themselves, one line each, with the line of the file they are on."""
    from .validate import locate

    (old_raw, old_text), (new_raw, new_text) = read_toml(before_path), read_toml(after_path)
    old_lines, new_lines = locate(old_text), locate(new_text)
    old, new = _entries(old_raw), _entries(new_raw)

    def line(lines: dict, e: dict, sub: str | None = None) -> str:
        path = f"{e['table']}[{e['index']}]" if e["index"] is not None else e["table"]
        found = lines.get(f"{path}.{sub}") if sub else None
        found = found or lines.get(path) or lines.get(e["table"])
        return f"第 {found} 行" if found else ""

    out = []
    added = [n for n in new if n not in old]
    removed = [n for n in old if n not in new]
    for name in list(added):
        # A rename: the entry gone from the same table with everything else alike, or kept as an alias.
        e = new[name]
        rest = lambda v: {k: x for k, x in v.items() if k not in ("name", "aliases")}  # noqa: E731
        was = next(
            (
                r
                for r in removed
                if old[r]["table"] == e["table"]
                and "name" in e["value"]
                and (old[r]["value"].get("name") in e["value"].get("aliases", []) or rest(old[r]["value"]) == rest(e["value"]))
            ),
            None,
        )
        if was:
            alias = "，原名保留为别名" if old[was]["value"]["name"] in e["value"].get("aliases", []) else "，原名不再被认可"
            out.append(f"改名 {was} → “{e['value']['name']}”{alias}（{after_path.name} {line(new_lines, e)}）")
            added.remove(name)
            removed.remove(was)
    for name in added:
        out.append(f"新增 {name}（{after_path.name} {line(new_lines, new[name])}）")
    for name in removed:
        out.append(f"删除 {name}（{before_path.name} {line(old_lines, old[name])}）")
    for name in new:
        if name in old and old[name]["value"] != new[name]["value"]:
            a, b = old[name]["value"], new[name]["value"]
            if isinstance(a, dict) and isinstance(b, dict):
                for key in dict.fromkeys([*a, *b]):
                    if a.get(key) != b.get(key):
                        out.append(
                            f"修改 {name}.{key}：{_show(a.get(key))} → {_show(b.get(key))}"
                            f"（{after_path.name} {line(new_lines, new[name], key)}）"
                        )
            else:
                out.append(f"修改 {name}：{_show(a)} → {_show(b)}（{after_path.name} {line(new_lines, new[name])}）")
    return out


def _show(value) -> str:
    if value is None:
        return "（无）"
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= 80 else text[:80] + "…"


# --- the command -------------------------------------------------------------------------------------
def run(
    before_path: str | Path, after_path: str | Path, today: _dt.date | None = None, extra: list[dict] | None = None
) -> tuple[Report, Policy]:
    before_path, after_path = Path(before_path), Path(after_path)
    before, after = load_policy(before_path), load_policy(after_path)
    today = today or _dt.date.today()
    report = compare(before, after, today, extra)
    report.edits = data_edits(before_path, after_path)
    return report, after


WORSE = ("not_eligible", "undetermined")  # where an eligible person must not be moved unseen


def worsened(report: Report) -> list[Group]:
    """The groups whose people were eligible and no longer are (不符合 or 待定): a build stops on them."""
    return [g for g in report.groups if g.kind == "status" and g.from_status == "eligible" and g.to_status in WORSE]


def summary_line(report: Report) -> str:
    line = f"本次数据修改将改变 {report.population} 份样例中 {report.changed} 份的结论。"
    if report.reworded:
        line += f"另有 {report.reworded} 份结论不变、理由的写法改变。"
    return line


def change_words(g: Group) -> str:
    """A group's change as the text report and the staff page name it: 符合 → 不符合, or 符合，符合日期改变."""
    if g.kind == "status":
        return f"{STATUS_ZH[g.from_status]} → {STATUS_ZH[g.to_status]}"
    return f"{STATUS_ZH[g.to_status]}，{KIND_ZH[g.kind]}"


def text(report: Report, policy: Policy, today: _dt.date) -> str:
    lines = [summary_line(report), ""]
    lines.append(f"数据的修改（{len(report.edits)} 处）：" if report.edits else "数据没有修改。")
    lines += [f"  {e}" for e in report.edits]
    for pathway in PATHWAYS:
        groups = [g for g in report.groups if g.pathway == pathway]
        if not groups:
            continue
        lines += ["", f"{PATHWAY_ZH[pathway]}："]
        for g in groups:
            lines.append(f"  {report.level_names.get(g.level, g.level)}　{change_words(g)}：{g.count} 份")
            lines.append(f"    例：{sentence(g, report, policy, today)}")
    return "\n".join(lines)


def html_report(report: Report, policy: Policy, today: _dt.date, before: str, after: str) -> str:
    e = html.escape
    rows = "".join(
        f"<tr><td>{e(PATHWAY_ZH[g.pathway])}</td><td>{e(report.level_names.get(g.level, g.level))}</td>"
        f"<td>{e(STATUS_ZH[g.from_status])} → {e(STATUS_ZH[g.to_status])}（{e(KIND_ZH[g.kind])}）</td>"
        f"<td class=n>{g.count}</td><td>{e(sentence(g, report, policy, today))}</td></tr>"
        for g in report.groups
    )
    edits = "".join(f"<li>{e(x)}</li>" for x in report.edits) or "<li>数据没有修改。</li>"
    return f"""<!doctype html>
<html lang="zh-CN"><meta charset="utf-8"><title>政策数据修改影响报告</title>
<style>body{{font:14px/1.6 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}}
table{{border-collapse:collapse;width:100%}}td,th{{border:1px solid #999;padding:.3rem .5rem;vertical-align:top;text-align:left}}
.n{{text-align:right}}.sign{{margin-top:3rem;display:flex;gap:4rem}}@page{{size:A4;margin:15mm}}</style>
<h1>政策数据修改影响报告</h1>
<p>修改前：{e(str(before))}<br>修改后：{e(str(after))}<br>计算日期：{today.isoformat()}</p>
<p><strong>{e(summary_line(report))}</strong></p>
<h2>数据的修改</h2><ul>{edits}</ul>
<h2>结论的变化</h2>
<table><thead><tr><th>路径</th><th>层级</th><th>变化</th><th>份数</th><th>例子</th></tr></thead><tbody>{rows}</tbody></table>
<div class=sign><p>审核人：________________</p><p>日期：________________</p></div>
</html>
"""


def people_from(path: str, policy: Policy) -> list[dict]:
    """The answers objects of a spreadsheet of people (shared/spec/batch.md), the rows that can be used."""
    from .batch import read

    batch = read(Path(path).read_bytes(), path, policy=policy)
    return [row.answers for row in batch.rows if row.answers is not None]


def main(before: str, after: str | None, as_json: bool, html_out: str | None, today: str | None, people: str | None = None) -> int:
    import sys

    from .batch import BatchError
    from guantong.policy import PolicyError, default_path

    after = after or str(default_path())
    day = _dt.date.fromisoformat(today) if today else _dt.date.today()
    try:
        extra = people_from(people, load_policy(after)) if people else None
        report, policy = run(before, after, day, extra)
    except PolicyError as exc:
        print(f"无法比较：{exc}", file=sys.stderr)
        return 2
    except (BatchError, OSError) as exc:
        print(f"无法读取名单 {people}：{exc}", file=sys.stderr)
        return 2
    try:
        print(json.dumps(report.to_json(), ensure_ascii=False, indent=1) if as_json else text(report, policy, day))
        sys.stdout.flush()
    except BrokenPipeError:  # piped into `head`
        sys.stderr.close()
    if html_out:
        Path(html_out).write_text(html_report(report, policy, day, before, after), encoding="utf-8")
    return 0
