"""The question flow declared once in guantong/flow.py: order, conditions, early ends, skipped answers."""

from __future__ import annotations

import json

import pytest

from guantong import evaluate
from guantong.answers import KEYS, COMMON
from guantong.flow import BY_ID, QUESTIONS, ended_by, export, journey, next_question


def walk(answers_by_id: dict, skipped=()):
    """Answer the flow question by question from a table of answers; return the ids asked."""
    answers, asked = {}, []
    while (q := next_question(answers, skipped)) is not None:
        asked.append(q.id)
        assert len(asked) < 40, asked
        if q.id in answers_by_id:
            answers[q.id] = answers_by_id[q.id]
        else:
            skipped = (*skipped, q.id)
    return answers, asked


def test_every_question_fills_a_contract_key_and_every_key_is_asked():
    ids = {q.id for q in QUESTIONS}
    keys = set(COMMON) | set(KEYS["skill_to_title"]) | set(KEYS["title_to_skill"])
    assert ids == keys


def test_pathway_a_full_journey_in_order():
    answers, asked = walk(
        {
            "direction": "skill_to_title",
            "deadline": "2026-06-30",
            "employed_in_huangshi": True,
            "skill_post": True,
            "skill_levels": {"technician": "2020-01-01"},
            "months_out_of_skill_work": 0,
            "honors": [],
            "studio": None,
            "series": "工程技术",
            "speciality_matches": True,
            "annual_assessment_passed": True,
            "integrity_record": False,
        }
    )
    assert asked == [
        "direction",
        "deadline",
        "employed_in_huangshi",
        "skill_post",
        "skill_levels",
        "months_out_of_skill_work",
        "honors",
        "studio",
        "series",
        "speciality_matches",
        "annual_assessment_passed",
        "integrity_record",
    ]
    assert evaluate(answers).to_dict()["highest"] == "intermediate"
    assert [q.id for q in journey(answers)] == asked


def test_pathway_b_with_work_years_instead_of_a_start_date():
    _, asked = walk(
        {
            "direction": "title_to_skill",
            "titles": {"assistant": "2019-01-01"},
            "technical_skill_post": True,
            "occupation": "电工",
            "occupation_matches": True,
            "work_years": 9,
            "related_major": False,
            "integrity_record": False,
        },
        skipped=("deadline",),
    )
    assert "work_start" in asked and "work_years" in asked and "months_out_of_work" not in asked
    assert "required_years" in asked  # 电工 is not in the occupation table yet


def test_pathway_b_with_a_start_date_asks_months_not_years():
    _, asked = walk(
        {
            "direction": "title_to_skill",
            "deadline": "2026-06-30",
            "titles": {"assistant": "2019-01-01"},
            "technical_skill_post": True,
            "occupation": "电工",
            "occupation_matches": True,
            "work_start": "2010-01-01",
            "months_out_of_work": 0,
            "required_years": {"senior_worker": 5},
            "related_major": True,
            "integrity_record": False,
        }
    )
    assert "months_out_of_work" in asked and "work_years" not in asked


@pytest.mark.parametrize(
    "key,value,rule",
    [
        ("employed_in_huangshi", False, "A1"),
        ("skill_post", False, "A1"),
        ("skill_levels", {}, "A2"),
        ("speciality_matches", False, "A4"),
        ("annual_assessment_passed", False, "A5"),
        ("integrity_record", True, "T4"),
    ],
)
def test_a_closing_answer_ends_the_flow_and_every_level_is_not_eligible(key, value, rule):
    base = {
        "direction": "skill_to_title",
        "deadline": "2026-06-30",
        "employed_in_huangshi": True,
        "skill_post": True,
        "skill_levels": {"senior_worker": "2020-01-01"},
        "honors": [],
        "studio": None,
    }
    answers = {**base, key: value}
    assert ended_by(answers) == rule
    assert next_question(answers) is None
    assert {lvl["status"] for lvl in evaluate(answers).to_dict()["levels"].values()} == {"not_eligible"}
    assert journey(answers)[-1].id == key


def test_an_unsure_answer_is_skipped_and_stays_absent():
    answers = {"direction": "skill_to_title"}
    assert next_question(answers).id == "deadline"
    assert next_question(answers, skipped=("deadline",)).id == "employed_in_huangshi"
    assert next_question(answers, skipped=("deadline", "employed_in_huangshi")).id == "skill_post"


def test_unsure_is_offered_only_where_the_rules_accept_an_unknown():
    for q in QUESTIONS:
        if q.ends:
            assert q.type in ("bool", "dated_levels"), q.id
    assert not BY_ID["direction"].unsure and not BY_ID["integrity_record"].unsure


def test_export_is_json_and_data_driven():
    flow = export()
    json.dumps(flow, ensure_ascii=False)
    by_id = {q["id"]: q for q in flow}
    assert {o["value"] for o in by_id["honors"]["options"]} >= {"黄石工匠", "湖北工匠"}
    assert {o["value"] for o in by_id["series"]["options"]} >= {"工程技术", "技工院校教师"}
    assert by_id["direction"]["options"][0]["value"] == "skill_to_title"
    assert by_id["skill_post"]["ends"] == [{"value": False, "rule": "A1"}]


def test_the_deadline_question_offers_published_rounds_with_the_current_one_first(tmp_path):
    import datetime as dt

    from guantong.flow import describe
    from guantong.policy import POLICY_PATH, load_policy

    path = tmp_path / "policy.toml"
    path.write_text(
        POLICY_PATH.read_text(encoding="utf-8")
        + """
[[round]]
id = "2025-a"
pathway = "skill_to_title"
year = 2025
deadline = 2025-06-30
document = "2025年度通知"
clause = "3.2"

[[round]]
id = "2026-a"
pathway = "skill_to_title"
year = 2026
deadline = 2026-07-15
document = "2026年度通知"
clause = "3.2"
""",
        encoding="utf-8",
    )
    policy = load_policy(path)
    q = describe(BY_ID["deadline"], policy, {"direction": "skill_to_title"}, today=dt.date(2026, 3, 1))
    assert [o["value"] for o in q["options"]] == ["2026-07-15", "2025-06-30"]
    assert [o["default"] for o in q["options"]] == [True, False]
    assert "2026年度通知" in q["options"][0]["label"]
    other = describe(BY_ID["deadline"], policy, {"direction": "title_to_skill"}, today=dt.date(2026, 3, 1))
    assert other["options"] == []  # example rounds are never offered


def test_applicable_drops_answers_of_questions_no_longer_asked_and_cuts_after_an_end():
    from guantong.flow import applicable

    a = {
        "direction": "title_to_skill",
        "titles": {"assistant": "2019-01-01"},
        "work_start": "2010-01-01",
        "work_years": 5,
        "months_out_of_work": 2,
        "skill_post": True,
    }
    assert applicable(a) == {
        "direction": "title_to_skill",
        "titles": {"assistant": "2019-01-01"},
        "work_start": "2010-01-01",
        "months_out_of_work": 2,
    }
    b = {"direction": "skill_to_title", "employed_in_huangshi": False, "skill_post": True, "series": "农业"}
    assert applicable(b) == {"direction": "skill_to_title", "employed_in_huangshi": False}


def test_the_words_a_help_text_quotes_are_the_questions_own():
    """Issue 11: a help text that says 请选“都没有” or 选择“不确定” names a word shown beside the question,
    and that word is written once, in the question's words (the page draws its controls from them)."""
    import re

    from guantong import flow

    # Quoted from the notice or a standard, or examples of an answer: not controls.
    notice_quotes = {"一票否决", "申报条件", "电工", "焊工", "没有"}
    for q in flow.QUESTIONS:
        words = set(flow.words_of(q).values()) | {label for _, label in q.options}
        for quoted in re.findall(r"“([^”]+)”", q.help):
            if quoted not in notice_quotes:
                assert quoted in words, (q.id, quoted, words)
    assert flow.words_of(flow.BY_ID["skill_levels"])["none"] == "都没有"
    assert flow.words_of(flow.BY_ID["honors"])["other"] == "其他荣誉"
