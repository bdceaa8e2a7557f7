"""What the pages' two bridges to the engine share inside Pyodide: one JSON string in, one JSON string
out, one reply shape, the day the page says it is, and a result as the result screens show it.

    dispatch(ops, op, payload_json) -> '{"ok": true, "value": ...}' | '{"ok": false, "error": {"kind", "message", ...}}'

One error shape, by ``kind``:
- ``answer``: an answer the engine refuses (AnswersError), with ``key``, ``question`` and ``problem`` (the
  page shows it beside that question);
- ``input``: a file or a field the person must correct (FieldError), with ``field`` where one is meant;
- ``fatal``: anything else; its message is technical (the page says in Chinese that the engine failed and
  logs it); the page's engine adds ``unavailable`` for an engine that could not start.

The pages' modules: guantong_wizard.py (the wizard; it also mounts the batch zip) and guantong_batch.py
(单位批量自测). Each declares its operations in ``OPS``; the build reads both tables (build_scripts/wizard/zips.py,
``bridge_ops``) and gives the worker the batch bridge's names, which it routes there. It runs unchanged under CPython
(tests/test_wizard_bridge.py, tests/test_batch_bridge.py).
"""

from __future__ import annotations

import datetime as _dt
import json
import re

from guantong import AnswersError, evaluate, flow
from guantong.engine import counted_years_at_deadline
from guantong.policy import load_policy, phone


class FieldError(ValueError):
    """What the person must correct (a file that is no list of people, an empty field): the message is one
    Chinese line; ``field`` names the page's field when there is one. (Not guantong.answers.InputError,
    the engine's: answers that are no JSON.)"""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field


def today(payload: dict) -> _dt.date | None:
    """The page's today ({"today": "YYYY-MM-DD"}), else None (the engine's own)."""
    value = payload.get("today")
    return _dt.date.fromisoformat(value) if value else None


def question_of(key: str) -> str:
    """The question an error key belongs to: "skill_levels.technician" and "honors[2].date" → their question."""
    return re.split(r"[.\[]", key, maxsplit=1)[0]


def describe_error(exc: AnswersError) -> dict:
    """The engine's message, and the part after the key for showing beside the field."""
    return {"kind": "answer", "key": exc.key, "question": question_of(exc.key), "message": str(exc), "problem": exc.problem}


def page_result(answers: dict, day: _dt.date | None) -> dict:
    """``Result.to_dict()`` of the answers that apply, with what a result screen shows beside it (level and
    rule names, clause citations, the materials checklist): the wizard's result and a batch row's."""
    from guantong import clauses, rules

    answers = flow.applicable(answers or {})
    result = evaluate(answers, today=day).to_dict()
    policy = load_policy()
    pathway = result["direction"]
    levels = policy.a_levels if pathway == "skill_to_title" else policy.b_levels
    cited = {}
    items = [*result["preconditions"], *result["next_steps"], *result["notes"]]
    for level in result["levels"].values():
        items += level["routes"] + level["reasons"]
    for item in items:
        cid = item["clause"]
        if cid not in cited:
            try:
                cited[cid] = {"anchor": clauses.anchor(cid), "cite": clauses.cite(cid)}
            except Exception:  # noqa: BLE001 - an unknown id still links to the notice page
                cited[cid] = {"anchor": "", "cite": cid}
    materials = policy.raw.get("materials", {})
    # What decides a level left open (said once on the result, by the reasons' kinds, never their words):
    # pathway B's levels waiting only on the occupation standard's years, with the years the person has.
    waiting = [
        lid
        for lid, lv in result["levels"].items()
        if lv["status"] == "undetermined" and lv["reasons"] and all(r["kind"] == "years_requirement" for r in lv["reasons"])
    ]
    counted = counted_years_at_deadline(answers, today=day) if waiting else None
    contact = policy.office("capacity")  # the office the notice names for questions (E4): on the image too
    return {
        "result": result,
        "answers": answers,
        "level_names": {level["id"]: level["name"] for level in levels},
        "rule_labels": {p["id"]: rules.RULES.get(p["id"], {}).get("label", p["id"]) for p in result["preconditions"]},
        "clauses": cited,
        "materials": {"clause": materials.get("clause", ""), "names": materials.get("names", [])} if pathway == "skill_to_title" else None,
        "ended_by": flow.ended_by(answers),
        "years_wait": {"levels": waiting, "counted": counted} if waiting and counted is not None else None,
        "contact": {"name": contact["name"], "phone": phone(contact)},
        "policy_version": policy.version,
        "notice": policy.raw.get("data", {}).get("notice", ""),
    }


def dispatch(ops: dict, op: str, payload_json: str) -> str:
    """Run ``ops[op]`` on the JSON payload; the reply as JSON (see the module docstring)."""
    try:
        payload = json.loads(payload_json) if payload_json else {}
        if op not in ops:
            raise KeyError(f"unknown operation {op!r}")
        value = ops[op](payload)
        return json.dumps({"ok": True, "value": value}, ensure_ascii=False)
    except AnswersError as exc:
        error = describe_error(exc)
    except FieldError as exc:
        error = {"kind": "input", "message": str(exc), "field": exc.field}
    except Exception as exc:  # noqa: BLE001 - reported to the page, which says so in Chinese
        error = {"kind": "fatal", "message": f"{type(exc).__name__}: {exc}"}
    return json.dumps({"ok": False, "error": error}, ensure_ascii=False)
