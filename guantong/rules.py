"""The notice's conditions as rules: one small function per decision, each naming its clause.

Ids (T1–T7, A1–A12, B1–B7, E1–E4) are those of shared/spec/rules.md; each rule's docstring quotes the
sentence of 黄人社发〔2021〕12号 it implements, so a reader finds the law beside the code. Values
(years, honour lists, tiers, offices) come from the policy data, never from here.

Every condition evaluates to an Outcome: met, not_met or unknown, plus `by`, the earliest acceptance
deadline at which it would be met if only time passed (T6). Conditions combine with all_of / any_of,
and a level's `eligible_on` is the combined `by`.
"""

from __future__ import annotations

import calendar
import datetime as _dt
from dataclasses import dataclass, field

from .policy import Policy, normalise_name
from .words import cn

MET, NOT_MET, UNKNOWN = "met", "not_met", "unknown"
STATUS = {MET: "eligible", NOT_MET: "not_eligible", UNKNOWN: "undetermined"}


# --- outcomes ---------------------------------------------------------------------------------------
@dataclass
class Outcome:
    state: str
    clause: str
    message: str
    by: _dt.date | None = None  # not yet met: the deadline from which it is met, if time is all that is missing
    kind: str | None = None  # for routes: skill_years, honor, studio, title, title_years
    why: str | None = None  # as a reason: what it is about (answers.md reasons[].kind), else from `kind`


# A reason's kind (answers.md) from the route it explains; late items and unknown requirements say their own.
REASON_KIND = {"skill_years": "years", "honor": "honor", "studio": "studio", "title": "title", "title_years": "title"}


def reason_kind(outcome: Outcome) -> str:
    return outcome.why or REASON_KIND.get(outcome.kind or "", "precondition")


def all_of(parts: list[Outcome]) -> tuple[str, _dt.date | None]:
    """Every part must hold: one not_met closes, one unknown leaves it open (T7)."""
    states = {p.state for p in parts}
    state = NOT_MET if NOT_MET in states else UNKNOWN if UNKNOWN in states else MET
    pending = [p for p in parts if p.state != MET]
    by = max((p.by for p in pending), default=None) if pending and all(p.by for p in pending) else None
    return state, by


def any_of(parts: list[Outcome]) -> tuple[str, _dt.date | None]:
    """One route suffices (2.4.1.x: 或…)."""
    states = {p.state for p in parts}
    state = MET if MET in states else UNKNOWN if UNKNOWN in states else NOT_MET
    by = min((p.by for p in parts if p.by), default=None) if state != MET else None
    return state, by


# --- dates (T2) -----------------------------------------------------------------------------------
def add_years(day: _dt.date, years: int) -> _dt.date | None:
    """Same day `years` later; 29 February becomes 28 February (T2). None beyond year 9999."""
    year = day.year + years
    if year > _dt.MAXYEAR:
        return None
    if day.month == 2 and day.day == 29 and not calendar.isleap(year):
        return _dt.date(year, 2, 28)
    return _dt.date(year, day.month, day.day)


def add_months(day: _dt.date, months: int) -> _dt.date | None:
    """Push a date later by whole months (declared months out of work, T2); the day is clamped to the
    month's last day (31 January + 1 month = 28 or 29 February)."""
    year, month0 = divmod(day.year * 12 + day.month - 1 + months, 12)
    if year > _dt.MAXYEAR:
        return None
    return _dt.date(year, month0 + 1, min(day.day, calendar.monthrange(year, month0 + 1)[1]))


def full_years_reached(start: _dt.date, years: int, months_out: int = 0) -> _dt.date | None:
    """T2 满 N 年: the date on which `years` full years from `start` are complete, pushed later by the
    months declared out of the relevant work. None if that is beyond the calendar."""
    day = add_years(start, years)
    return add_months(day, months_out) if day else None


def full_years_between(start: _dt.date, end: _dt.date, months_out: int = 0) -> int:
    """B5: whole years counted from `start` to `end`, less the months out of work."""
    years = max(end.year - start.year, 0)
    while years > 0:
        reached = full_years_reached(start, years, months_out)
        if reached is not None and reached <= end:
            return years
        years -= 1
    return 0


def iso(day: _dt.date | None) -> str | None:
    return day.isoformat() if day else None


class Day(_dt.date):
    """One day of a date the person knows only to the month or the year (T8): the rules compute with the
    day, the messages show the date as the person gave it (2018年7月), never the stand-in day."""

    shown: str | None = None

    @classmethod
    def standing_for(cls, day: _dt.date, shown: str) -> Day:
        out = cls(day.year, day.month, day.day)
        out.shown = shown
        return out


def said(day: _dt.date) -> str:
    """A date the person gave, in a message: as they gave it (T8, 2018年7月), else 年月日 (words.cn): every
    sentence for people says its dates so; the machine fields (eligible_on, deadline) stay ISO."""
    return getattr(day, "shown", None) or cn(day)


# --- the case being decided -------------------------------------------------------------------------
@dataclass
class Case:
    answers: dict  # parsed answers (dates as date objects)
    policy: Policy
    deadline: _dt.date
    deadline_source: str  # answers | policy | today
    round: dict | None  # the published round the deadline came from
    today: _dt.date
    notes: list = field(default_factory=list)

    def has(self, key: str) -> bool:
        return key in self.answers

    def counts(self, day: _dt.date | None) -> bool:
        """T3: an achievement dated after the deadline does not count for this round."""
        return day is None or day <= self.deadline

    @property
    def until(self) -> str:
        """What the years run to, in the person's words: 至今天 where no deadline is known (T1)."""
        return "至今天" if self.deadline_source == "today" else "至受理截止时间"


# --- rule registry: what the flowcharts, pages and citation tests read ----------------------------------
RULES: dict[str, dict] = {}


def rule(rule_id: str, clause: str, label: str):
    """Register a rule with its id, clause and a short Chinese label (drawn in the flowcharts)."""

    def register(fn):
        fn.rule_id, fn.clause, fn.label = rule_id, clause, label
        RULES[rule_id] = {"id": rule_id, "clause": clause, "label": label, "doc": (fn.__doc__ or "").strip()}
        return fn

    return register


def shown(rule_id: str, clause: str, label: str, doc: str) -> None:
    """Register a rule that is shown (next steps, notes) but not evaluated."""
    RULES[rule_id] = {"id": rule_id, "clause": clause, "label": label, "doc": doc, "shown_only": True}


def yes_no(case: Case, key: str, clause: str, yes: str, no: str, unknown: str, good: bool = True) -> Outcome:
    """A precondition answered by one true/false question."""
    if not case.has(key):
        return Outcome(UNKNOWN, clause, unknown)
    return Outcome(MET, clause, yes) if case.answers[key] is good else Outcome(NOT_MET, clause, no)


# ============================================= shared =============================================
@rule("T1", "3.2", "年限计算至受理材料截止时间")
def t1_deadline(answers: dict, policy: Policy, today: _dt.date) -> tuple[_dt.date, str, dict | None]:
    """“职称评审、技能评价中所有涉及时间的计算，均以受理材料截止时间为准”（3.2）。
    The deadline from the answers; failing that, this year's published round; failing that, today."""
    if "deadline" in answers:
        return answers["deadline"], "answers", None
    current = policy.current_round(answers["direction"], today)
    if current:
        return current["deadline"], "policy", current
    return today, "today", None


@rule("T4", "1.2.1", "无弄虚作假记录")
def t4_integrity(case: Case) -> Outcome:
    """“对弄虚作假者，实行‘一票否决’”（1.2.1）。"""
    return yes_no(
        case,
        "integrity_record",
        "1.2.1",
        yes="没有弄虚作假记录。",
        no="有弄虚作假记录，按“一票否决”不得申报。",
        unknown="尚未回答是否有弄虚作假记录。",
        good=False,
    )


def late_note(case: Case, what: str, day: _dt.date) -> None:
    """T3/E2: name an achievement dated after the deadline, and the round where it would count."""
    later = case.policy.round_counting(case.answers["direction"], day)
    where = f"可在{later['year']}年度一轮（受理截止 {cn(later['deadline'])}）计入。" if later else "可在受理截止时间在此之后的一轮计入。"
    case.notes.append(
        ("3.2", f"{what}的取得日期 {said(day)} 晚于本轮受理材料截止时间 {cn(case.deadline)}，不作为本轮评审、评价依据；{where}")
    )


# ================================== pathway A: skill → title ========================================
@rule("A1", "2.1", "在黄石市用人单位生产一线、技能岗位工作")
def a1_employed_in_huangshi(case: Case) -> Outcome:
    """“在我市各行业、企业等单位生产一线、技能岗位……的技能人才”（2.1）。"""
    region = case.policy.raw["data"]["region"]
    a = case.answers
    if a.get("employed_in_huangshi") is False:
        return Outcome(NOT_MET, "2.1", f"用人单位不在{region}，不属于本通知的范围对象。")
    if a.get("skill_post") is False:
        return Outcome(NOT_MET, "2.1", "不在生产一线或技能岗位工作，不属于本通知的范围对象。")
    if a.get("employed_in_huangshi") and a.get("skill_post"):
        return Outcome(MET, "2.1", f"在{region}用人单位的生产一线或技能岗位工作。")
    return Outcome(UNKNOWN, "2.1", "尚未回答是否在黄石市用人单位的生产一线或技能岗位工作。")


@rule("A2", "2.1", "持有高级工（三级）及以上职业资格或职业技能等级")
def a2_holds_senior_worker(case: Case) -> Outcome:
    """“具有高级工及以上职业资格或技能等级”（2.1）：职业资格与职业技能等级同等对待。"""
    if not case.has("skill_levels"):
        return Outcome(UNKNOWN, "2.1", "尚未回答持有的职业资格或职业技能等级。")
    held = case.answers["skill_levels"]
    if not held:
        return Outcome(NOT_MET, "2.1", "未取得高级工（三级）及以上职业资格或职业技能等级。")
    first = min(held.values())
    if case.counts(first):
        return Outcome(MET, "2.1", "持有高级工（三级）及以上职业资格或职业技能等级。")
    return Outcome(NOT_MET, "2.1", f"最早取得的技能等级日期 {said(first)} 晚于受理材料截止时间，本轮不计。", by=first)


@rule("A3", "2.2", "申报的职称系列属于贯通领域")
def a3_series_in_scope(case: Case) -> Outcome:
    """“以支持高技能人才参加工程技术系列职称评审为重点，将贯通领域扩大到农业、工艺美术、文物博物、
    实验技术、艺术、技工院校教师等职称系列”（2.2）。"""
    if not case.has("series"):
        return Outcome(UNKNOWN, "2.2", "尚未回答申报的职称系列。")
    scope = "、".join(s["name"] for s in case.policy.series)
    typed = case.answers["series"]
    found = case.policy.find_series(typed)
    if found:
        return Outcome(MET, "2.2", f"申报的{found['name']}系列属于贯通领域。")
    if case.policy.series_out_of_scope(typed):
        return Outcome(NOT_MET, "2.2", f"“{typed}”系列不在贯通领域内（{scope}），不能按本通知申报。")
    # A3 names: a name neither in scope nor a known series is a spelling we do not know, never a “no”.
    return Outcome(
        UNKNOWN,
        "2.2",
        f"没有认出“{typed}”是哪个职称系列：请按职称系列的正式名称填写（贯通领域内的系列：{scope}；如“机械工程”等专业属于工程技术系列）。",
    )


@rule("A4", "1.2.3", "申报专业与本人从事的工种相同或相近")
def a4_speciality_matches(case: Case) -> Outcome:
    """“所申报的专业（工种）均应与本人所从事的工种（专业）相同或相近”（1.2.3, T5）。本人申报，评审核实。"""
    return yes_no(
        case,
        "speciality_matches",
        "1.2.3",
        yes="申报的专业与本人从事的工种相同或相近（由本人申报，评审时核实）。",
        no="申报的专业与本人从事的工种不相同也不相近。",
        unknown="尚未确认申报的专业与本人从事的工种是否相同或相近。",
    )


@rule("A5", "2.4.1", "在现工作岗位上近3年年度考核合格")
def a5_annual_assessment(case: Case) -> Outcome:
    """“在现工作岗位上近3年年度考核合格的高技能人才”（2.4.1）。"""
    return yes_no(
        case,
        "annual_assessment_passed",
        "2.4.1",
        yes="在现工作岗位上近3年年度考核合格。",
        no="在现工作岗位上近3年年度考核未全部合格。",
        unknown="尚未回答近3年年度考核是否合格。",
    )


@rule("A6", "1.2.1", "无弄虚作假记录")
def a6_integrity(case: Case) -> Outcome:
    """T4 applied to pathway A (1.2.1)."""
    return t4_integrity(case)


@rule("A7", "2.4.1", "持有所需技能等级或更高等级满规定年限")
def a7_skill_years(case: Case, level: dict) -> Outcome:
    """“按规定取得高级工（三级）职业资格或职业技能等级后，从事相应技术技能工作满2年”（2.4.1.1；中级、
    副高级同理，2.4.1.2–2.4.1.3）。年限从取得该等级或更高等级的最早日期算起（A7），满 N 年按 T2 计。"""
    clause, need, years = level["clause"], level["skill_level"], level["years"]
    name = case.policy.skill_name(need)
    if not case.has("skill_levels"):
        return Outcome(UNKNOWN, clause, f"尚未回答何时取得{name}及以上等级。", kind="skill_years")
    ids = case.policy.skill_ids
    dates = [d for sid, d in case.answers["skill_levels"].items() if ids.index(sid) >= ids.index(need)]
    if not dates:
        return Outcome(NOT_MET, clause, f"未取得{name}及以上职业资格或职业技能等级。", kind="skill_years")
    first = min(dates)
    months = case.answers.get("months_out_of_skill_work", 0)
    reached = full_years_reached(first, years, months)
    pause = f"（已顺延未从事技术技能工作的 {months} 个月）" if months else ""
    if reached is None:
        return Outcome(NOT_MET, clause, f"自 {said(first)} 取得{name}及以上等级起，无法在有效日期内满 {years} 年。", kind="skill_years")
    have = full_years_between(first, case.deadline, months)
    if reached <= case.deadline:
        return Outcome(
            MET,
            clause,
            f"自 {said(first)} 取得{name}及以上等级，{case.until}已从事相应技术技能工作满 {have} 年（要求满 {years} 年）{pause}。",
            kind="skill_years",
        )
    return Outcome(
        NOT_MET,
        clause,
        f"自 {said(first)} 取得{name}及以上等级，{case.until}满 {have} 年（要求满 {years} 年）{pause}："
        f"取得{name}后满 {years} 年，即 {cn(reached)} 起可申报{level['name']}。",
        by=reached,
        kind="skill_years",
    )


@rule("A8", "2.4.1", "获得所列荣誉或担任技能大师工作室领办人（高层级同样适用于低层级）")
def a8_honors(case: Case, level: dict) -> list[Outcome]:
    """“或获得……等荣誉”（2.4.1.1–2.4.1.3）：列表中较高一档的荣誉也满足较低层级（A8）；
    名单外的荣誉（“等荣誉”）不直接认定，由评审部门决定（A9）。"""
    clause = level["clause"]
    if not case.has("honors"):
        return [Outcome(UNKNOWN, clause, "尚未回答获得的荣誉。", kind="honor")]
    tiers = case.policy.a_level_ids
    rank = tiers.index(level["id"])
    outcomes = []
    for honor in case.answers["honors"]:
        listed = case.policy.find_honor(honor["name"])
        tier = listed["tier"] if listed else honor["tier"]
        if tier is None or tiers.index(tier) < rank:
            continue
        day = honor["date"]
        if not listed:
            if case.counts(day):
                outcomes.append(a9_unlisted_honor(case, honor, level))
            continue
        source = listed["clause"]
        if case.counts(day):
            when = f"（{said(day)}获得）" if day else ""
            typed = "" if same_name(honor["name"], listed["name"]) else f"（本人填写的“{honor['name']}”按此计算）"
            outcomes.append(Outcome(MET, source, f"获得“{listed['name']}”{when}{typed}。", kind="honor"))
        else:
            outcomes.append(
                Outcome(NOT_MET, source, f"“{listed['name']}”获得于 {said(day)}，晚于受理截止时间。", by=day, kind="honor", why="late")
            )
    if not outcomes:
        names = "、".join(h["name"] for h in case.policy.honors if tiers.index(h["tier"]) >= rank)
        outcomes.append(Outcome(NOT_MET, clause, f"未获得可申报{level['name']}的荣誉（{names}）。", kind="honor"))
    return outcomes


def same_name(typed: str, listed: str) -> bool:
    return normalise_name(typed) == normalise_name(listed)


@rule("A9", "2.4.1", "名单外的荣誉由评审部门认定")
def a9_unlisted_honor(case: Case, honor: dict, level: dict) -> Outcome:
    """“……等荣誉”（2.4.1.1–2.4.1.3）：名单外的荣誉从不直接认定为符合；本人说明与某一档相当的，该档及以下
    为待定（由评审部门决定），除非另有路线已满足。Called only for honours with a claimed tier at or above the level."""
    claimed = case.policy.level("skill_to_title", honor["tier"])["name"]
    return Outcome(
        UNKNOWN,
        level["clause"],
        f"“{honor['name']}”不在通知所列荣誉名单中，本人认为与{claimed}所列荣誉相当，能否认定由评审部门决定。",
        kind="honor",
    )


def a8_studio(case: Case, level: dict) -> Outcome:
    """“担任黄石市（湖北省、国家级）技能大师工作室领办人”（2.4.1.1–2.4.1.3）；高层级工作室也满足较低层级（A8）。"""
    clause = level["clause"]
    if not case.has("studio"):
        return Outcome(UNKNOWN, clause, "尚未回答是否担任技能大师工作室领办人。", kind="studio")
    tiers = case.policy.a_level_ids
    wanted = next(s for s in case.policy.studios if s["tier"] == level["id"])
    held = case.answers["studio"]
    studio = case.policy.studio(held["level"]) if held else None
    if not studio or tiers.index(studio["tier"]) < tiers.index(level["id"]):
        return Outcome(NOT_MET, clause, f"未担任{wanted['name']}或更高层级工作室的领办人。", kind="studio")
    day = held["date"]
    if case.counts(day):
        return Outcome(MET, studio["clause"], f"担任{studio['name']}领办人。", kind="studio")
    return Outcome(
        NOT_MET, studio["clause"], f"担任{studio['name']}领办人的日期 {said(day)} 晚于受理截止时间。", by=day, kind="studio", why="late"
    )


def a_notes(case: Case) -> None:
    """Honours the rules could not place (A9), claimed tiers that the lists override, late items (T3)."""
    p = case.policy
    for sid, day in case.answers.get("skill_levels", {}).items():
        if not case.counts(day):
            late_note(case, p.skill_name(sid), day)
    for honor in case.answers.get("honors", []):
        listed = p.find_honor(honor["name"])
        if honor["date"] and not case.counts(honor["date"]):
            late_note(case, f"荣誉“{honor['name']}”", honor["date"])
        if listed and not same_name(honor["name"], listed["name"]):
            # Aliases (with A8): say which listed honour the name typed was counted as.
            case.notes.append((listed["clause"], f"本人填写的“{honor['name']}”按通知所列的“{listed['name']}”计算。"))
        if listed and honor["tier"] and honor["tier"] != listed["tier"]:
            case.notes.append(
                (
                    listed["clause"],
                    f"“{listed['name']}”在通知中列于{p.level('skill_to_title', listed['tier'])['name']}一档，按通知所列档次计算。",
                )
            )
        elif not listed and not honor["tier"]:
            case.notes.append(
                ("2.4.1", f"“{honor['name']}”不在通知所列荣誉名单中，未作为申报条件计算；如认为与某一档荣誉相当，可向市人社局咨询。")
            )
    studio = case.answers.get("studio")
    if studio and studio["date"] and not case.counts(studio["date"]):
        late_note(case, "技能大师工作室领办人", studio["date"])


shown(
    "A10",
    "2.5.1",
    "申报程序：水平能力测试、诚信承诺、单位公示推荐、材料受理",
    "“水平能力测试合格的高技能人才方可提交申报资料”…“推荐结果须在单位公示不少于5个工作日”（2.5.1.1–2.5.1.4）。Shown as next steps.",
)
shown(
    "A11",
    "2.2",
    "可报考经济、会计等专业技术职业资格考试",
    "“支持高技能人才取得经济、会计、统计、审计、翻译、出版、通信、计算机技术与软件等专业技术职业资格”（2.2）。Shown as a note.",
)
shown(
    "A12",
    "2.3.1",
    "业绩成果材料清单",
    "“将技能竞赛获奖情况、行业工法、操作手册、完成项目、技术报告、经验总结、行业标准等创新性成果作为职称评审的重要内容”（2.3.1）。Shown as a next step.",
)

PRECONDITIONS = {
    "skill_to_title": [
        a1_employed_in_huangshi,
        a2_holds_senior_worker,
        a3_series_in_scope,
        a4_speciality_matches,
        a5_annual_assessment,
        a6_integrity,
    ],
}


# ================================== pathway B: title → skill ========================================
@rule("B1", "2.1", "取得专业技术职务任职资格，从事技术技能岗位")
def b1_holds_title(case: Case) -> Outcome:
    """“取得专业技术职务任职资格，从事技术技能岗位的专业技术人才”（2.1）。"""
    a = case.answers
    if a.get("titles") == {}:
        return Outcome(NOT_MET, "2.1", "未取得专业技术职务任职资格（职称）。")
    if a.get("titles"):
        # Late titles (B1, T3): every title dated after the deadline is no title for this round, as A2.
        # The date from which it holds only where time is all that is missing (T6): the post must be one
        # (an unanswered or a “no” post leaves no date).
        first = min(a["titles"].values())
        if not case.counts(first):
            late = f"最早取得职称的日期 {said(first)} 晚于受理材料截止时间，本轮不计"
            if a.get("technical_skill_post") is False:
                return Outcome(NOT_MET, "2.1", f"{late}；且未从事技术技能岗位。")
            if "technical_skill_post" not in a:
                return Outcome(NOT_MET, "2.1", f"{late}；是否从事技术技能岗位尚未回答。")
            return Outcome(NOT_MET, "2.1", f"{late}。", by=first)
    if a.get("technical_skill_post") is False:
        return Outcome(NOT_MET, "2.1", "未从事技术技能岗位。")
    if "titles" not in a or "technical_skill_post" not in a:
        return Outcome(UNKNOWN, "2.1", "尚未回答取得的职称或是否从事技术技能岗位。")
    return Outcome(MET, "2.1", "取得专业技术职务任职资格，并从事技术技能岗位。")


@rule("B2", "1.2.3", "申报的职业（工种）与现岗位对应")
def b2_occupation_matches(case: Case) -> Outcome:
    """“可按规定申请参加与现岗位对应职业（工种）的职业技能评价”（2.4.2）；“所申报的专业（工种）均应与
    本人所从事的工种（专业）相同或相近”（1.2.3）。"""
    return yes_no(
        case,
        "occupation_matches",
        "1.2.3",
        yes="申报的职业（工种）与现岗位对应（由本人申报，评价时核实）。",
        no="申报的职业（工种）与现岗位不对应。",
        unknown="尚未确认申报的职业（工种）是否与现岗位对应。",
    )


@rule("B3", "1.2.1", "无弄虚作假记录")
def b3_integrity(case: Case) -> Outcome:
    """T4 applied to pathway B (1.2.1)."""
    return t4_integrity(case)


def b_title_routes(case: Case, level: dict) -> list[Outcome]:
    """“取得中级职称，或取得助理级职称1年以上”（2.4.2.2；高级工、高级技师同理，2.4.2.1、2.4.2.3）。
    Decision: “1年以上” reads as 1 full year (T2); months out of work do not shorten holding a title."""
    clause = level["clause"]
    p = case.policy
    if not case.has("titles"):
        return [Outcome(UNKNOWN, clause, "尚未回答取得的职称。", kind="title")]
    ids = p.title_ids
    held = case.answers["titles"]

    def held_from(min_id):
        dates = [d for tid, d in held.items() if ids.index(tid) >= ids.index(min_id)]
        return min(dates) if dates else None

    outcomes = []
    first = held_from(level["title"])
    name = p.title_name(level["title"])
    if first and case.counts(first):
        outcomes.append(Outcome(MET, clause, f"已取得{name}或更高职称（{said(first)}）。", kind="title"))
    elif first:
        outcomes.append(
            Outcome(NOT_MET, clause, f"取得{name}或更高职称的日期 {said(first)} 晚于受理截止时间。", by=first, kind="title", why="late")
        )
    else:
        outcomes.append(Outcome(NOT_MET, clause, f"未取得{name}或更高职称。", kind="title"))
    if level.get("title_held"):
        lower, years = level["title_held"], level["title_held_years"]
        lower_name = p.title_name(lower)
        start = held_from(lower)
        reached = full_years_reached(start, years) if start else None
        have = full_years_between(start, case.deadline) if start else 0
        if reached and reached <= case.deadline:
            outcomes.append(
                Outcome(
                    MET,
                    clause,
                    f"取得{lower_name}或更高职称（{said(start)}），{case.until}已满 {have} 年（要求满 {years} 年）。",
                    kind="title_years",
                )
            )
        elif reached:
            outcomes.append(
                Outcome(
                    NOT_MET,
                    clause,
                    f"取得{lower_name}或更高职称（{said(start)}），{case.until}满 {have} 年"
                    f"（要求满 {years} 年）：取得{lower_name}后满 {years} 年，即 {cn(reached)} 起"
                    f"符合这一职称条件。",
                    by=reached,
                    kind="title_years",
                )
            )
        else:
            outcomes.append(Outcome(NOT_MET, clause, f"未取得{lower_name}或更高职称满 {years} 年。", kind="title_years"))
    return outcomes


@rule("B4", "2.4.2", "累计工作年限达到该职业的申报条件")
def b4_required_years(case: Case, level: dict) -> tuple[int | None, str]:
    """“累计工作年限达到高级工（三级）申报条件”（2.4.2.1–2.4.2.3）：年限以各职业国家职业技能标准为准。
    From the answers, then the occupation table of the policy data; otherwise unknown (undetermined)."""
    required = case.answers.get("required_years", {})
    if level["id"] in required:
        return required[level["id"]], "本人填写的年限要求"
    occupation = case.policy.find_occupation(case.answers["occupation"]) if case.has("occupation") else None
    table = occupation.get("required_years", {}) if occupation else {}
    if level["id"] in table:
        return table[level["id"]], occupation.get("standard") or f"“{occupation['name']}”的国家职业技能标准"
    return None, ""


STANDARD_WHERE = "各职业的国家职业技能标准由人力资源社会保障部颁布，可在国家“技能人才评价工作网”按职业名称和编码查询"


@rule("B5", "2.4.2", "累计工作年限：自从事本职业或相关职业起算，扣除中断月数")
def b5_years_condition(case: Case, level: dict, only_years: bool = False) -> Outcome:
    """“累计工作年限达到……申报条件”（2.4.2.x）。Counted from work_start to the deadline less the months
    out of work (T2), or the whole years stated. Decision: when both are given, work_start (exact) wins;
    stated years are taken as net of breaks, and cannot be projected to a date (no eligible-on).
    Where the requirement is unknown and it is the only thing left open (`only_years`: the preconditions
    and the title condition hold), say what decides it: the standard asking no more than the counted years
    (guidance, still undetermined; issue 23)."""
    clause = level["clause"]
    a = case.answers
    required, source = b4_required_years(case, level)
    counted = counted_years(case)
    if required is None:
        if only_years and counted is not None:
            return Outcome(
                UNKNOWN,
                clause,
                f"已符合申报{level['name']}的职称条件；若该职业国家职业技能标准要求的累计工作年限"
                f"不超过 {counted} 年，即符合本层级条件（{STANDARD_WHERE}）。",
                why="years_requirement",
            )
        have = f"本人累计工作年限按 {counted} 年计算，" if counted is not None else ""
        return Outcome(
            UNKNOWN,
            clause,
            f"{have}尚不知道该职业申报{level['name']}要求的累计工作年限（以该职业国家职业技能标准为准）。",
            why="years_requirement",
        )
    if counted is None:
        return Outcome(UNKNOWN, clause, f"尚未回答累计工作年限（{source}：{required} 年）。", why="years")
    if counted >= required:
        return Outcome(MET, clause, f"累计工作年限 {counted} 年，达到{source}的 {required} 年。", why="years")
    by = full_years_reached(a["work_start"], required, a.get("months_out_of_work", 0)) if "work_start" in a else None
    when = f"，到 {cn(by)} 满 {required} 年" if by else ""
    return Outcome(NOT_MET, clause, f"累计工作年限 {counted} 年，未达到{source}的 {required} 年{when}。", by=by, why="years")


def counted_years(case: Case) -> int | None:
    """B5 counted years at the deadline, or None when not answered."""
    a = case.answers
    if "work_start" in a:
        return full_years_between(a["work_start"], case.deadline, a.get("months_out_of_work", 0))
    return a.get("work_years")


def b_notes(case: Case) -> None:
    p, a = case.policy, case.answers
    for tid, day in a.get("titles", {}).items():
        if not case.counts(day):
            late_note(case, f"{p.title_name(tid)}职称", day)
    if "work_start" in a:
        months = a.get("months_out_of_work", 0)
        less = f"，扣除中断的 {months} 个月" if months else ""
        case.notes.append(
            ("2.4.2", f"累计工作年限自 {said(a['work_start'])} 起算至 {cn(case.deadline)}{less}，按 {counted_years(case)} 年计算。")
        )
        if "work_years" in a:
            case.notes.append(("2.4.2", "同时填写了参加工作日期和工作年数，按参加工作日期计算。"))
    if "occupation" in a and not p.find_occupation(a["occupation"]) and "required_years" not in a:
        case.notes.append(("2.4.2", f"政策数据中尚无“{a['occupation']}”的年限要求，请查阅该职业的国家职业技能标准确认。"))


shown(
    "B6",
    "2.5.2.3",
    "评价方式：技能操作考核为主，技师、高级技师加综合评审；相关专业毕业可免理论考试",
    "“评价一般以技能操作考核形式为主，申报技师、高级技师评价需要进行综合评审”（2.5.2.3）；“具有所申报职业（工种）相关专业毕业证书的，可免于理论知识考试”（2.3.2）。Shown as next steps.",
)
shown(
    "B7",
    "2.5.2",
    "评价地点：准入类由人社部门统一组织，水平评价类到备案机构",
    "“参加准入类职业技能评价，由人力资源和社会保障部门统一组织”；“参加水平评价类职业技能评价，可到经人力资源和社会保障部门备案……的企业、社会培训评价组织参加”（2.5.2.1–2.5.2.2）。Shown as next steps.",
)
shown("T2", "2.4.1", "满 N 年：起始日加 N 个日历年不晚于截止时间，中断月数顺延", "See full_years_reached.")
shown("T3", "3.2", "截止后取得的等级、职称、荣誉不计入当年", "See Case.counts and late_note.")
shown("T5", "1.2.3", "专业对应由本人申报", "See A4 and B2.")
shown("T6", "3.2", "只差时间时给出符合条件的日期", "See Outcome.by.")
shown("T7", "3.2", "三种结论：符合、不符合、待定", "See all_of / any_of.")
shown(
    "T8",
    "3.2",
    "只知道年月或年份的日期：结论须对其中每一天都成立，否则待定并说明取决于哪一天",
    "A date known only to the month or the year stands for every day of it; see guantong/spans.py.",
)
shown("E1", "1.2.2", "技工院校毕业生学历同等对待", "Shown as a note.")
shown("E2", "3.2", "截止后补交的材料不作为当年依据", "Shown as a next step.")
shown("E3", "3.3", "不得擅自扩大范围或降低标准", "The engine offers no override.")
shown("E4", "4", "联系电话", "Offices in the policy data.")

PRECONDITIONS["title_to_skill"] = [b1_holds_title, b2_occupation_matches, b3_integrity]
