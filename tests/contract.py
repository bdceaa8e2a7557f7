"""The result shape of shared/spec/answers.md, checked exactly (used by several test files)."""

from __future__ import annotations

import re

LEVELS = {
    "skill_to_title": ["assistant", "intermediate", "deputy_senior"],
    "title_to_skill": ["senior_worker", "technician", "senior_technician"],
}
ROUTE_KINDS = {"skill_to_title": {"skill_years", "honor", "studio"}, "title_to_skill": {"title", "title_years"}}
REASON_KINDS = {"precondition", "years", "honor", "studio", "title", "years_requirement", "late", "date_decides"}
PRECONDITION_IDS = {"skill_to_title": ["A1", "A2", "A3", "A4", "A5", "A6"], "title_to_skill": ["B1", "B2", "B3"]}
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
HAN = re.compile(r"[\u4e00-\u9fff]")


def check_shape(result: dict) -> None:
    assert set(result) == {"direction", "deadline", "deadline_source", "preconditions", "levels", "highest", "next_steps", "notes"}, sorted(
        result
    )
    pathway = result["direction"]
    assert pathway in LEVELS
    assert DATE.match(result["deadline"])
    assert result["deadline_source"] in ("answers", "policy", "today")
    assert [p["id"] for p in result["preconditions"]] == PRECONDITION_IDS[pathway]
    for p in result["preconditions"]:
        assert set(p) == {"id", "status", "clause", "message"}
        assert p["status"] in ("met", "not_met", "unknown")
        _cited(p)
    assert list(result["levels"]) == LEVELS[pathway]
    statuses = {p["status"] for p in result["preconditions"]}
    for lid, level in result["levels"].items():
        assert set(level) == {"status", "routes", "reasons", "eligible_on"}
        assert level["status"] in ("eligible", "not_eligible", "undetermined")
        if "not_met" in statuses:
            assert level["status"] == "not_eligible"
        if "unknown" in statuses:
            assert level["status"] != "eligible"
        for route in level["routes"]:
            assert set(route) == {"kind", "clause", "message"} and route["kind"] in ROUTE_KINDS[pathway]
            _cited(route)
        if level["status"] == "eligible":
            assert level["routes"] and not level["reasons"] and level["eligible_on"] is None
        else:
            assert level["reasons"], f"{lid} is {level['status']} without a reason"
        for reason in level["reasons"]:
            assert set(reason) == {"kind", "clause", "message"} and reason["kind"] in REASON_KINDS, reason
            _cited(reason)
        assert level["eligible_on"] is None or (DATE.match(level["eligible_on"]) and level["eligible_on"] > result["deadline"])
    eligible = [lid for lid in LEVELS[pathway] if result["levels"][lid]["status"] == "eligible"]
    assert result["highest"] == (eligible[-1] if eligible else None)
    for item in result["next_steps"] + result["notes"]:
        assert set(item) == {"clause", "message"}
        _cited(item)
    assert result["next_steps"]


def _cited(item: dict) -> None:
    from guantong.clauses import exists

    assert exists(item["clause"]), item
    assert HAN.search(item["message"]), item
