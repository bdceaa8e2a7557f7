"""evaluate(answers) -> Result: the public contract of shared/spec/answers.md."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

from .answers import parse
from .policy import Policy, load_policy, phone
from .words import cn
from .workdays import load_calendar, posting_by_deadline
from .rules import (
    MET,
    NOT_MET,
    PRECONDITIONS,
    STATUS,
    Case,
    Outcome,
    a8_honors,
    a8_studio,
    a7_skill_years,
    a_notes,
    all_of,
    any_of,
    b5_years_condition,
    b_notes,
    b_title_routes,
    counted_years,
    iso,
    reason_kind,
    t1_deadline,
)
from .spans import decide_spans, find_spans, resolve


@dataclass
class Result:
    direction: str
    deadline: _dt.date
    deadline_source: str
    preconditions: list[dict]
    levels: dict[str, dict]
    highest: str | None
    next_steps: list[dict]
    notes: list[dict]

    def to_dict(self) -> dict:
        return {
            "direction": self.direction,
            "deadline": self.deadline.isoformat(),
            "deadline_source": self.deadline_source,
            "preconditions": self.preconditions,
            "levels": self.levels,
            "highest": self.highest,
            "next_steps": self.next_steps,
            "notes": self.notes,
        }


def evaluate(answers: dict, *, policy: Policy | None = None, today: _dt.date | None = None) -> Result:
    """Decide every level of the pathway the answers choose. Raises AnswersError for invalid answers.

    `policy` and `today` exist for tests and staff previews; callers of the contract pass answers only.
    """
    policy = policy or load_policy()
    today = today or _dt.date.today()
    parsed = parse(answers)
    spans = find_spans(parsed)
    if spans:
        case, preconditions, levels = decide_spans(parsed, spans, lambda a: decide(a, policy, today))
    else:
        case, preconditions, levels = decide(parsed, policy, today)
    eligible = [lid for lid, level in levels.items() if level["status"] == "eligible"]
    return Result(
        direction=case.answers["direction"],
        deadline=case.deadline,
        deadline_source=case.deadline_source,
        preconditions=preconditions,
        levels=levels,
        highest=eligible[-1] if eligible else None,
        next_steps=next_steps(case, levels),
        notes=[{"clause": c, "message": m} for c, m in deadline_notes(case) + case.notes + general_notes(case, levels)],
    )


def counted_years_at_deadline(answers: dict, *, policy: Policy | None = None, today: _dt.date | None = None) -> int | None:
    """B5: the whole years of work counted to the deadline for pathway B's answers (a start date known only
    to the month or the year counted from its last day, T8: the years held whichever day it was), or None
    when not answered. For a page that says what number decides a level left open on the standard's years."""
    policy = policy or load_policy()
    today = today or _dt.date.today()
    parsed = parse(answers)
    spans = find_spans(parsed)
    if spans:
        parsed = resolve(parsed, spans, tuple(s.last for _, s in spans))
    return counted_years(new_case(parsed, policy, today))


def new_case(parsed: dict, policy: Policy, today: _dt.date) -> Case:
    """The case of parsed answers, with the deadline T1 gives them."""
    deadline, source, current = t1_deadline(parsed, policy, today)
    return Case(parsed, policy, deadline, source, current, today)


def decide(parsed: dict, policy: Policy, today: _dt.date) -> tuple[Case, list[dict], dict[str, dict]]:
    """The preconditions and every level for answers whose dates are all days; the case keeps its notes."""
    pathway = parsed["direction"]
    case = new_case(parsed, policy, today)
    outcomes = [(fn.rule_id, fn(case)) for fn in PRECONDITIONS[pathway]]
    levels = {
        level["id"]: decide_level(case, level, [p for _, p in outcomes])
        for level in (policy.a_levels if pathway == "skill_to_title" else policy.b_levels)
    }
    (a_notes if pathway == "skill_to_title" else b_notes)(case)
    preconditions = [{"id": rid, "status": o.state, "clause": o.clause, "message": o.message} for rid, o in outcomes]
    return case, preconditions, levels


def decide_level(case: Case, level: dict, preconditions: list[Outcome]) -> dict:
    """A level opens when every precondition holds and one route opens it (2.4.1.x); in pathway B the
    title condition and the years condition must both hold (2.4.2.x)."""
    if case.answers["direction"] == "skill_to_title":
        routes = [a7_skill_years(case, level), *a8_honors(case, level), a8_studio(case, level)]
        extra = []
    else:
        routes = b_title_routes(case, level)
        title_met = any_of(routes)[0] == MET and all(p.state == MET for p in preconditions)
        extra = [b5_years_condition(case, level, only_years=title_met)]
    route_state, route_by = any_of(routes)
    by_route = Outcome(route_state, level["clause"], "", by=route_by)
    state, by = all_of(preconditions + [by_route] + extra)

    if state == MET:
        reasons = []
    elif any(p.state == NOT_MET and not p.by for p in preconditions):
        reasons = [p for p in preconditions if p.state == NOT_MET]
    else:
        reasons = [p for p in preconditions if p.state != MET]
        if route_state != MET:
            reasons += [r for r in routes if r.state != MET]
        reasons += [e for e in extra if e.state != MET]
    opened = [r for r in routes if r.state == MET] if state != NOT_MET else []
    if opened and extra and extra[0].state == MET:  # pathway B: say that the years hold too
        opened = [Outcome(r.state, r.clause, r.message + extra[0].message, kind=r.kind) for r in opened]
    return {
        "status": STATUS[state],
        "routes": [{"kind": r.kind, "clause": r.clause, "message": r.message} for r in opened],
        "reasons": _unique({"kind": reason_kind(r), "clause": r.clause, "message": r.message} for r in reasons),
        "eligible_on": iso(by) if state != MET else None,
    }


def _unique(items) -> list[dict]:
    seen, out = set(), []
    for item in items:
        if item["message"] not in seen:
            seen.add(item["message"])
            out.append(item)
    return out


def target_level(case: Case, levels: dict) -> str | None:
    """The level the next steps are for: the highest eligible, else the highest undetermined."""
    for status in ("eligible", "undetermined"):
        ids = [lid for lid, level in levels.items() if level["status"] == status]
        if ids:
            return ids[-1]
    return None


def next_steps(case: Case, levels: dict) -> list[dict]:
    """A10/B7: the procedure in order, with the office and number for the target level (2.5)."""
    p, a = case.policy, case.answers
    pathway = a["direction"]
    contact = p.office("capacity")
    target = target_level(case, levels)
    steps = []
    if target is None:
        upcoming = [(lid, level["eligible_on"]) for lid, level in levels.items() if level["eligible_on"]]
        for lid, day in upcoming[:1]:
            level = p.level(pathway, lid)
            steps.append(
                {
                    "clause": level["clause"],
                    "message": f"按目前的回答，自 {cn(day)} 起符合申报{level['name']}的条件：请关注受理截止时间在此之后的一轮申报通知。",
                }
            )
        steps.append({"clause": "4", "message": f"对本通知的条件有疑问，可向{contact['name']}咨询（电话 {phone(contact)}）。"})
        return steps
    if levels[target]["status"] == "undetermined":
        steps.append(
            {"clause": "4", "message": f"先确认结果中“待定”的事项；无法自行确认的，可向{contact['name']}咨询（电话 {phone(contact)}）。"}
        )
    occupation = p.find_occupation(a["occupation"]) if "occupation" in a else None
    kind = occupation.get("kind") if occupation else None
    values = {
        "posting": posting_by_deadline(case.deadline, case.deadline_source, case.today, load_calendar(p)),
        # Not yet published: today is only what the years are counted to, not a date to meet (issue 11).
        "deadline": "待公布" if case.deadline_source == "today" else cn(case.deadline),
        "level": p.level(pathway, target)["name"],
        "materials": "、".join(p.raw.get("materials", {}).get("names", [])),
    }
    for step in p.next_steps(pathway):
        if "levels" in step and target not in step["levels"]:
            continue
        when = step.get("when")
        if when == "related_major" and a.get("related_major") is not True:
            continue
        if when in ("entry", "level") and kind not in (None, when):
            continue
        office = p.office(step["office"]) if "office" in step else contact
        steps.append({"clause": step["clause"], "message": step["message"].format(office=office["name"], phone=phone(office), **values)})
    return steps


def deadline_notes(case: Case) -> list[tuple[str, str]]:
    """T1: say where the deadline came from whenever the worker did not give it."""
    if case.deadline_source == "policy":
        r = case.round
        return [("3.2", f"受理材料截止时间按{r['year']}年度公布的 {cn(case.deadline)} 计算（{r['document']}）。")]
    if case.deadline_source == "today":
        return [
            (
                "3.2",
                f"未填写受理材料截止时间，本年度也尚未公布，暂按今天（{cn(case.deadline)}）计算年限；实际以受理材料截止时间为准。",
            )
        ]
    return []


def general_notes(case: Case, levels: dict) -> list[tuple[str, str]]:
    """What every result of a pathway reminds: conditions not encoded, also-open options (A11, E1, B6)."""
    p, a = case.policy, case.answers
    titles_office = p.office("titles")
    open_any = any(level["status"] != "not_eligible" for level in levels.values())
    notes = []
    if a["direction"] == "skill_to_title":
        if open_any:
            found = p.find_series(a["series"]) if a.get("series") else None
            series = found["name"] if found else "所申报"
            notes.append(
                (
                    "2.4.1",
                    f"还须符合{series}系列专业技术职务任职资格的申报评审条件（本工具不判断各系列自身的条件），可向{titles_office['name']}确认（电话 {phone(titles_office)}）。",
                )
            )
        notes.append(("1.2.2", "学历、论文、外语、计算机、资历不作为高技能人才参加职称评审的限制性条件。"))
        eq = "，".join(f"{e['school_class']}按{e['counts_as']}" for e in p.raw.get("equivalence", []))
        notes.append(("1.2.2", f"技工院校毕业生学历同等对待：{eq}学历对待。"))
        notes.append(("2.3.3", "评审综合采用理论知识考试、技能操作考核、业绩评审、面试答辩等方式，可对高技能人才单独分组、单独评审。"))
        exams = p.raw.get("exams", {})
        notes.append((exams.get("clause", "2.2"), f"高技能人才还可报考{'、'.join(exams.get('names', []))}等专业技术职业资格考试。"))
    else:
        notes.append(("2.3.2", "用人单位可根据国家职业技能标准和行业企业评价规范，制定本单位专业技术人才参加职业技能评价的标准条件。"))
    notes.append(
        (
            "4",
            "本通知未尽事宜，按照国家和湖北省现行贯通政策执行；遇到问题可向市人社部门反映："
            + "，".join(f"{o['short']} {phone(o)}" for o in p.raw["office"] if o.get("phone"))
            + "。",
        )
    )
    return notes
