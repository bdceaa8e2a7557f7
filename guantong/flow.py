"""The wizard's questions, declared once: the browser renders them, the flowcharts draw them.

Each question fills the answer key of the same id (shared/spec/answers.md). `when` says when it is asked
given the answers so far; `ends` lists answers after which nothing more need be asked, because a
precondition has closed every level (the rule id says which). `unsure` offers "不确定", which leaves the
key unanswered (the engine then says 待定) and is remembered by the caller in `skipped`.
"""

from __future__ import annotations

from dataclasses import dataclass

from .policy import PATHWAYS, Policy, load_policy, normalise_name
from .words import cn

A, B = PATHWAYS


@dataclass(frozen=True)
class Question:
    id: str
    prompt: str
    help: str
    clause: str
    type: str  # choice | bool | date | count | text | dated_levels | honors | studio | required_years
    options: tuple = ()  # (value, label) pairs; for data-driven lists see options_for()
    when: tuple = ()  # (key, op, value): op is "==", "!=", "absent", "present", "not_in_table"
    ends: tuple = ()  # (answer value, rule id) pairs that end the flow
    unsure: bool = False
    optional: bool = False  # may be left empty; the engine then uses its default (stated in help)
    # The words the page shows beside this question's own controls (its help text quotes them, so they
    # are written here once): "unit" after a number field; "none" the exclusive 都没有 box; "other" and
    # "other_field" the free entry beside a list; "unsure" the label of the 不确定 choice.
    words: tuple = ()  # (key, text) pairs; see WORDS for the defaults


# Defaults for Question.words (a question's own words override them).
WORDS = {"unsure": "不确定"}


YES_NO = (("true", "是"), ("false", "否"))

QUESTIONS: tuple[Question, ...] = (
    Question(
        "direction",
        "您想走哪条贯通路径？",
        "两条路径的条件不同，请选择符合您情况的一条。",
        "2.1",
        "choice",
        options=((A, "我是高技能人才（高级工、技师、高级技师），想申报专业技术职称"), (B, "我有专业技术职称，想参加职业技能等级评价")),
    ),
    Question(
        "deadline",
        "本轮申报的受理材料截止时间是哪一天？",
        "所有年限都计算到这一天为止，截止后取得的等级、职称和荣誉不计入本轮。不清楚的，选“不清楚，按今年的规定算”："
        "使用已公布的本年度截止时间，未公布则暂按今天计算。",
        "3.2",
        "date",
        optional=True,
        words=(("other", "其他日期"), ("other_field", "受理材料截止时间"), ("unsure", "不清楚，按今年的规定算")),
    ),
    # ---- pathway A ----
    Question(
        "employed_in_huangshi",
        "您的用人单位在黄石市吗？",
        "黄石市含大冶市、阳新县、各区和新港工业园区。",
        "2.1",
        "bool",
        options=YES_NO,
        when=(("direction", "==", A),),
        ends=((False, "A1"),),
        unsure=True,
    ),
    Question(
        "skill_post",
        "您在生产一线或技能岗位工作吗？",
        "本通知面向生产一线、技能岗位的高技能人才。",
        "2.1",
        "bool",
        options=YES_NO,
        when=(("direction", "==", A), ("employed_in_huangshi", "!=", False)),
        ends=((False, "A1"),),
        unsure=True,
    ),
    Question(
        "skill_levels",
        "您取得了哪些职业资格或职业技能等级？各是哪一天取得的？",
        "职业资格证书和职业技能等级证书同等对待，按证书上的日期填写。只填高级工（三级）及以上；都没有请选“都没有”。",
        "2.1",
        "dated_levels",
        when=(("direction", "==", A),),
        ends=(({}, "A2"),),
        words=(("none", "都没有"),),
    ),
    Question(
        "months_out_of_skill_work",
        "取得这些等级后，您有没有中断从事技术技能工作？共几个月？",
        "年限从取得等级那天算起；中间没有从事技术技能工作的月数，满年的日期要往后顺延。没有中断请填 0 或“没有”。",
        "2.4.1",
        "count",
        when=(("direction", "==", A), ("skill_levels", "!=", {})),
        optional=True,
        words=(("unit", "个月"),),
    ),
    Question(
        "honors",
        "您获得过下列荣誉吗？",
        "可多选，并填写获得日期。名单以外的荣誉可在“其他荣誉”中填写，并说明您认为它与哪一档相当，由评审部门认定。",
        "2.4.1",
        "honors",
        when=(("direction", "==", A),),
        words=(("none", "都没有获得"), ("other", "其他荣誉"), ("other_field", "名单以外的荣誉也可以填写，由评审部门认定。")),
    ),
    Question(
        "studio",
        "您是技能大师工作室的领办人吗？",
        "只有领办人才算；请选择工作室的层级。",
        "2.4.1",
        "studio",
        options=(("", "不是领办人"),),
        when=(("direction", "==", A),),
    ),
    Question(
        "series",
        "您想申报哪个系列的职称？",
        "贯通领域以工程技术系列为重点，也包括下列系列。",
        "2.2",
        "choice",
        when=(("direction", "==", A),),
        unsure=True,
        words=(("other", "其他系列"), ("other_field", "请填写系列名称，例如：卫生")),
    ),
    Question(
        "speciality_matches",
        "申报的专业与您从事的工种相同或相近吗？",
        "例如数控车工申报机械类工程技术职称。由您如实申报，评审时核实。",
        "1.2.3",
        "bool",
        options=YES_NO,
        when=(("direction", "==", A),),
        ends=((False, "A4"),),
        unsure=True,
    ),
    Question(
        "annual_assessment_passed",
        "您在现工作岗位上近3年的年度考核都合格吗？",
        "须近3年每年都合格。",
        "2.4.1",
        "bool",
        options=YES_NO,
        when=(("direction", "==", A),),
        ends=((False, "A5"),),
        unsure=True,
    ),
    # ---- pathway B ----
    Question(
        "titles",
        "您取得了哪些专业技术职称？各是哪一天取得的？",
        "按职称证书（任职资格）上的取得日期填写；都没有请选“都没有”。",
        "2.1",
        "dated_levels",
        when=(("direction", "==", B),),
        ends=(({}, "B1"),),
        words=(("none", "都没有"),),
    ),
    Question(
        "technical_skill_post",
        "您现在从事技术技能岗位吗？",
        "本通知面向从事技术技能岗位的专业技术人才。",
        "2.1",
        "bool",
        options=YES_NO,
        when=(("direction", "==", B),),
        ends=((False, "B1"),),
        unsure=True,
    ),
    Question(
        "occupation",
        "您想申报哪个职业（工种）？",
        "按《国家职业技能标准》中的职业名称填写，例如“电工”“焊工”。",
        "2.4.2",
        "text",
        when=(("direction", "==", B),),
        unsure=True,
    ),
    Question(
        "occupation_matches",
        "这个职业（工种）与您现在的岗位对应吗？",
        "由您如实申报，评价时核实。",
        "1.2.3",
        "bool",
        options=YES_NO,
        when=(("direction", "==", B),),
        ends=((False, "B2"),),
        unsure=True,
    ),
    Question(
        "work_start",
        "您从哪一天开始从事这个职业或相关职业的工作？",
        "累计工作年限从这一天算到受理材料截止时间。记不清具体日期可选“不确定”，改为直接填写年数。",
        "2.4.2",
        "date",
        when=(("direction", "==", B),),
        unsure=True,
    ),
    Question(
        "work_years",
        "您从事这个职业或相关职业累计多少整年？",
        "已扣除中断的时间，按整年填写。",
        "2.4.2",
        "count",
        when=(("direction", "==", B), ("work_start", "absent", None)),
        unsure=True,
        words=(("unit", "年"),),
    ),
    Question(
        "months_out_of_work",
        "这期间您中断这类工作共几个月？",
        "中断的月数不计入累计工作年限。没有中断请填 0。",
        "2.4.2",
        "count",
        when=(("direction", "==", B), ("work_start", "present", None)),
        optional=True,
        words=(("unit", "个月"),),
    ),
    Question(
        "required_years",
        "该职业申报各等级要求累计工作多少年？",
        "年限要求以该职业的国家职业技能标准为准，可在标准的“申报条件”中查到；不清楚可选“不确定”，结果将显示为待定。",
        "2.4.2",
        "required_years",
        when=(("direction", "==", B), ("occupation", "not_in_table", None)),
        unsure=True,
        words=(("unit", "年"),),
    ),
    Question(
        "related_major",
        "您有该职业（工种）相关专业的毕业证书吗？",
        "有的话可免于理论知识考试，只考核技能实操。",
        "2.3.2",
        "bool",
        options=YES_NO,
        when=(("direction", "==", B),),
        unsure=True,
    ),
    # ---- both ----
    Question(
        "integrity_record",
        "您在以往的职称评审或技能评价中，有没有弄虚作假的记录？",
        "对弄虚作假者实行“一票否决”。",
        "1.2.1",
        "bool",
        options=YES_NO,
        ends=((True, "T4"),),
    ),
)

BY_ID = {q.id: q for q in QUESTIONS}


def applies(question: Question, answers: dict, policy: Policy | None = None) -> bool:
    """Whether the question is asked, given the answers so far."""
    for key, op, value in question.when:
        present = key in answers
        if op == "==" and not (present and answers[key] == value):
            return False
        if op == "!=" and present and answers[key] == value:
            return False
        if op == "absent" and present:
            return False
        if op == "present" and not present:
            return False
        if op == "not_in_table" and present and (policy or load_policy()).find_occupation(str(answers[key])):
            return False
    return True


def ended_by(answers: dict, policy: Policy | None = None) -> str | None:
    """The rule id that closed every level early, if an answer did."""
    for q in QUESTIONS:
        if applies(q, answers, policy) and q.id in answers:
            for value, rule_id in q.ends:
                if _same(answers[q.id], value):
                    return rule_id
    return None


def _same(answer, value) -> bool:
    return type(answer) is type(value) and answer == value


def next_question(answers: dict, skipped=(), policy: Policy | None = None) -> Question | None:
    """The next question to ask for a partial answers object, or None when the result can be shown.

    `skipped` holds the ids answered "不确定" or left empty, which stay absent from the answers.
    """
    if ended_by(answers, policy):
        return None
    for q in QUESTIONS:
        if q.id not in answers and q.id not in skipped and applies(q, answers, policy):
            return q
    return None


def applicable(answers: dict, policy: Policy | None = None) -> dict:
    """The answers of the questions the flow asks given those answers: repeated until nothing changes
    (dropping one answer can make another question stop applying), and cut after an answer that ends
    the flow. Callers keep the dropped answers, so they return if the person changes their mind."""
    current = {k: v for k, v in answers.items() if k in BY_ID}
    while True:
        kept = {k: v for k, v in current.items() if applies(BY_ID[k], current, policy)}
        if kept == current:
            break
        current = kept
    if ended_by(current, policy):
        asked = {q.id for q in journey(current, (), policy)}
        current = {k: v for k, v in current.items() if k in asked}
    return current


def journey(answers: dict, skipped=(), policy: Policy | None = None) -> list[Question]:
    """The questions asked for these answers, in order (for the check-your-answers page)."""
    if ended_by(answers, policy):
        last = [q for q in QUESTIONS if q.id in answers and applies(q, answers, policy)]
        stop = next(i for i, q in enumerate(last) if any(_same(answers[q.id], v) for v, _ in q.ends))
        asked = [q for q in QUESTIONS if applies(q, answers, policy)]
        return asked[: asked.index(last[stop]) + 1]
    return [q for q in QUESTIONS if applies(q, answers, policy) and (q.id in answers or q.id in skipped)]


def on_pathway(direction: str) -> list[Question]:
    """The questions that may be asked on one pathway, in order: its own and those of both."""
    return [q for q in QUESTIONS if all(value == direction for key, op, value in q.when if key == "direction" and op == "==")]


def options_for(question: Question, policy: Policy | None = None, answers: dict | None = None, today=None) -> list[dict]:
    """Answer options, with data-driven lists (levels, honours, studios, series, rounds) read from the policy."""
    p = policy or load_policy()
    if question.id == "deadline":
        return round_options(p, (answers or {}).get("direction"), today)
    if question.id == "skill_levels":
        return [{"value": s["id"], "label": f"{s['name']}（{s['grade']}）"} for s in p.skill_levels]
    if question.id == "titles":
        return [{"value": t["id"], "label": t["name"], **({"hint": f"如{t['examples']}"} if t.get("examples") else {})} for t in p.titles]
    if question.id == "honors":
        return [{"value": h["name"], "label": h["name"], "tier": h["tier"], "clause": h["clause"]} for h in p.honors]
    if question.id == "studio":
        return [{"value": "", "label": "不是领办人"}] + [
            {"value": s["id"], "label": s["name"], "tier": s["tier"], "clause": s["clause"]} for s in p.studios
        ]
    if question.id == "series":
        return [{"value": s["name"], "label": f"{s['name']}系列"} for s in p.series]
    if question.id == "required_years":
        return [{"value": b["id"], "label": b["name"]} for b in p.b_levels]
    if question.id == "occupation":
        return [{"value": o["name"], "label": o["name"]} for o in p.occupations]
    return [{"value": v, "label": label} for v, label in question.options]


def round_options(policy: Policy, direction: str | None, today=None) -> list[dict]:
    """T1/issue 5: the published rounds of the pathway, newest first; this year's current one is the default."""
    import datetime as _dt

    if direction not in PATHWAYS:
        return []
    today = today or _dt.date.today()
    current = policy.current_round(direction, today)
    return [
        {"value": r["deadline"].isoformat(), "label": round_label(r), "default": r is current} for r in reversed(policy.rounds(direction))
    ]


def round_label(r: dict) -> str:
    return f"{r['year']}年度（受理截止 {cn(r['deadline'])}，{r['document']}）"


def describe(question: Question, policy: Policy | None = None, answers: dict | None = None, today=None) -> dict:
    """One question as JSON-ready data; with `answers`, its options are those for these answers."""
    q = question
    out = {
        "id": q.id,
        "prompt": q.prompt,
        "help": q.help,
        "clause": q.clause,
        "type": q.type,
        "options": options_for(q, policy, answers, today),
        "when": [list(w) for w in q.when],
        "ends": [{"value": v, "rule": r} for v, r in q.ends],
        "unsure": q.unsure,
        "optional": q.optional,
        "words": words_of(q),
    }
    if q.type == "honors":  # the tiers the honours are grouped by, and an unlisted one is claimed for
        out["tiers"] = {level["id"]: level["name"] for level in (policy or load_policy()).a_levels}
    return out


def words_of(question: Question) -> dict:
    """The words shown beside the question's controls (Question.words over WORDS)."""
    return {**WORDS, **dict(question.words)}


def export(policy: Policy | None = None) -> list[dict]:
    """The flow as JSON-ready data for the wizard and the flowcharts."""
    p = policy or load_policy()
    return [describe(q, p) for q in QUESTIONS]


def export_walker(policy: Policy | None = None) -> dict:
    """What the page needs beside the flow to walk it without Python (wizard/src/app/walker.js): the
    occupation names `not_in_table` looks up, already normalised, with the characters normalise_name
    drops; and each pathway's published rounds for the deadline question's options (the default is
    chosen on the day of the visit, as round_options does)."""
    from .policy import NAME_NOISE_CHARS

    p = policy or load_policy()
    names = sorted({normalise_name(n) for o in p.occupations for n in [o["name"], *o.get("aliases", [])]})
    return {
        "occupations": names,
        "name_noise": NAME_NOISE_CHARS,
        "rounds": {
            pathway: [{"value": r["deadline"].isoformat(), "year": r["year"], "label": round_label(r)} for r in reversed(p.rounds(pathway))]
            for pathway in PATHWAYS
        },
    }
