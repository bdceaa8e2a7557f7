"""Dates known only to the month or the year (rules.md T8).

Such a date stands for every day of its month or year. Every rule prefers an earlier date (a level held
longer, an honour or title that counts before the deadline, more years of work), so the best case is every
such date on its first day and the worst case every one on its last day: a level's status holds whichever
day it was when the two agree; otherwise it is undetermined, and the reason names the date that decides
it, with the last day that still gives the better outcome where one date alone decides. `eligible_on` is
the worst case's (the date by which the level opens whichever day it was); the best case's is said in the
reason. tests/test_engine_properties.py holds this to full dates drawn from the periods.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable

from .answers import Span
from .rules import Day
from .words import cn

Path = tuple  # where a date sits in the answers: ("skill_levels", "technician"), ("honors", 0), …
Decided = tuple  # (case, preconditions, levels) as engine.decide gives them
CLAUSE = "3.2"  # 所有涉及时间的计算，均以受理材料截止时间为准: where the notice speaks of dates


def find_spans(parsed: dict) -> list[tuple[Path, Span]]:
    """Every date of the answers known only to the month or the year, with where it sits."""
    found = []
    for key in ("skill_levels", "titles"):
        found += [((key, sub), day) for sub, day in parsed.get(key, {}).items() if isinstance(day, Span)]
    found += [(("honors", i), h["date"]) for i, h in enumerate(parsed.get("honors", [])) if isinstance(h["date"], Span)]
    studio = parsed.get("studio")
    if studio and isinstance(studio["date"], Span):
        found.append((("studio",), studio["date"]))
    if isinstance(parsed.get("work_start"), Span):
        found.append((("work_start",), parsed["work_start"]))
    return found


def with_date(answers: dict, path: Path, value) -> dict:
    """A copy of the answers with the date at `path` replaced (the rest shared, never changed)."""
    out = dict(answers)
    key = path[0]
    if key in ("skill_levels", "titles"):
        out[key] = {**out[key], path[1]: value}
    elif key == "honors":
        out[key] = list(out[key])
        out[key][path[1]] = {**out[key][path[1]], "date": value}
    elif key == "studio":
        out[key] = {**out[key], "date": value}
    else:
        out[key] = value
    return out


def resolve(parsed: dict, spans: list[tuple[Path, Span]], days: tuple) -> dict:
    """The answers with each span replaced by one of its days (shown as the person gave the date)."""
    for (path, span), day in zip(spans, days, strict=True):
        parsed = with_date(parsed, path, Day.standing_for(day, span.shown))
    return parsed


def label(path: Path, parsed: dict, policy) -> str:
    """The date's name in the person's words."""
    key = path[0]
    if key == "skill_levels":
        return f"取得{policy.skill_name(path[1])}的日期"
    if key == "titles":
        return f"取得{policy.title_name(path[1])}职称的日期"
    if key == "honors":
        return f"获得“{parsed['honors'][path[1]]['name']}”的日期"
    if key == "studio":
        return "担任技能大师工作室领办人的日期"
    return "参加本职业（或相关职业）工作的日期"


class _Periods:
    """engine.decide over the periods of the imprecise dates: each choice of days decided once (memo), the
    best case (every date on its first day) and the worst (on its last)."""

    def __init__(self, parsed: dict, spans: list[tuple[Path, Span]], decide: Callable[[dict], Decided]):
        self.parsed, self.spans, self.decide = parsed, spans, decide
        self.memo: dict[tuple, Decided] = {}
        self.first = tuple(s.first for _, s in spans)
        self.last = tuple(s.last for _, s in spans)
        self.best, self.worst = self.run(self.first), self.run(self.last)
        policy = self.worst[0].policy
        self.names = [(label(path, parsed, policy), span) for path, span in spans]

    def run(self, days: tuple) -> Decided:
        if days not in self.memo:
            self.memo[days] = self.decide(resolve(self.parsed, self.spans, days))
        return self.memo[days]

    def moved(self, i: int, day, base: tuple) -> Decided:
        """Decided with date `i` on `day` and the others as in `base`."""
        return self.run(base[:i] + (day,) + base[i + 1 :])

    def deciding(self, outcome: Callable[[Decided], object]) -> list[int]:
        """The dates that alone, moved from their first to their last day, change the outcome."""
        return [i for i in range(len(self.spans)) if outcome(self.moved(i, self.last[i], self.first)) != outcome(self.best)]

    def level_reason(self, lid: str, name: str) -> str:
        """The reason of a level that the days decide (T8): the one date and its last good day where it
        alone decides, else the dates and the best and worst cases."""
        b, w = self.best[2][lid], self.worst[2][lid]
        which = self.deciding(lambda d: (d[2][lid]["status"], d[2][lid]["eligible_on"]))
        if len(which) == 1:
            i = which[0]
            what, span = self.names[i]
            if b["status"] == w["status"]:
                return f"{what}只填到 {span.shown}，{_phrase(name, b, w['eligible_on'])}。"

            def holds(day) -> bool:
                return self.moved(i, day, self.last)[2][lid]["status"] == b["status"]

            if holds(span.first):
                good = self.last_good_day(span, w, holds)
                after = self.moved(i, good + _dt.timedelta(days=1), self.last)[2][lid]
                return (
                    f"{what}只填到 {span.shown}，结果取决于具体日期：若不晚于 {cn(good)}，{_phrase(name, b)}；"
                    f"若晚于这一天，{_phrase(name, after, w['eligible_on'])}。请按证书（文件）上的日期核对。"
                )
        dates = "、".join(f"{what}（{span.shown}）" for what, span in (self.names[i] for i in (which or range(len(self.names)))))
        return (
            f"结果取决于这些日期的具体日子：{dates}。若都是所填月份或年份的第一天，{_phrase(name, b)}；"
            f"若都是最后一天，{_phrase(name, w)}。请按证书（文件）上的日期填写完整的年月日。"
        )

    def last_good_day(self, span: Span, worst: dict, holds: Callable[[_dt.date], bool]) -> _dt.date:
        """The last day of the period on which `holds` (true on its first day, false on its last): the guess
        from the wait where it is right, else a bisection."""
        good, bad = _guess(span, worst, self.worst[0].deadline), span.last
        if good and holds(good) and not holds(good + _dt.timedelta(days=1)):
            return good
        good = span.first
        while (bad - good).days > 1:
            mid = good + _dt.timedelta(days=(bad - good).days // 2)
            if holds(mid):
                good = mid
            else:
                bad = mid
        return good


def decide_spans(parsed: dict, spans: list[tuple[Path, Span]], decide: Callable[[dict], Decided]) -> Decided:
    """engine.decide over the periods: the worst case's case (its notes kept where the best case has them
    too), the preconditions and levels merged as T8 says."""
    periods = _Periods(parsed, spans, decide)
    best, worst, names = periods.best, periods.worst, periods.names
    case = worst[0]

    preconditions = []
    for i, (b, w) in enumerate(zip(best[1], worst[1], strict=True)):
        if b["status"] == w["status"]:
            preconditions.append(w)
            continue
        which = periods.deciding(lambda d, i=i: d[1][i]["status"]) or range(len(spans))
        dates = "、".join(f"{names[j][0]}只填到 {names[j][1].shown}" for j in which)
        preconditions.append(
            {**w, "status": "unknown", "message": f"{dates}，取决于具体日期。若日期较早：{b['message']}若日期较晚：{w['message']}"}
        )

    levels = {}
    for lid, w in worst[2].items():
        b = best[2][lid]
        # The worst case's reasons true whichever day it was (a late date's reason is not).
        shared = [r for r in w["reasons"] if r in b["reasons"]]
        if (b["status"], b["eligible_on"]) == (w["status"], w["eligible_on"]):
            levels[lid] = {**w, "reasons": shared or w["reasons"]}
            continue
        reason = periods.level_reason(lid, case.policy.level(parsed["direction"], lid)["name"])
        status = w["status"] if b["status"] == w["status"] else "undetermined"
        levels[lid] = {
            "status": status,
            "routes": w["routes"] if status != "not_eligible" else [],
            "reasons": [{"kind": "date_decides", "clause": CLAUSE, "message": reason}, *shared],
            "eligible_on": w["eligible_on"],
        }

    case.notes = [n for n in case.notes if n in best[0].notes]
    listed = "；".join(f"{n}：{s.shown}" for n, s in names)
    case.notes.insert(
        0,
        (
            CLAUSE,
            f"以下日期只填到月份或年份（{listed}）。各层级的结论按所填月份或年份中任何一天都成立的情况给出；"
            "因具体日期而不同的，已说明取决于哪一天。",
        ),
    )
    return case, preconditions, levels


def _guess(span: Span, worst: dict, deadline: _dt.date) -> _dt.date | None:
    """The likely last good day, where time alone moves the level: the deadline less the wait the last day
    of the period gives (checked by the caller; a bisection where it misses, as with months out of work)."""
    if not worst["eligible_on"]:
        return None
    day = deadline - (_dt.date.fromisoformat(worst["eligible_on"]) - span.last)
    return day if span.first <= day < span.last else None


def _phrase(name: str, level: dict, latest: str | None = None) -> str:
    """What a level's outcome means for the person, in a clause of a sentence."""
    if level["status"] == "eligible":
        return f"即符合申报{name}的条件"
    if level["status"] == "undetermined":
        return f"能否申报{name}仍待定"
    on = level["eligible_on"]
    if on and latest and latest != on:
        return f"最早自 {cn(on)} 起、最晚自 {cn(latest)} 起可申报{name}（以具体日期为准）"
    if on:
        return f"自 {cn(on)} 起可申报{name}"
    return f"不符合申报{name}的条件"
