"""The wizard's bridge to the engine inside Pyodide: one JSON string in, one JSON string out.

The browser never decides anything itself: which question comes next, which answers still apply, whether
an answer is valid and what the result is all come from `guantong` (the same package the tests run
natively). This module only packs those answers for the page. It runs unchanged under CPython, where
tests/test_wizard_bridge.py exercises it.

    call(op, payload_json) -> '{"ok": true, "value": ...}'
                            | '{"ok": false, "error": {"key", "question", "message", "problem"}}'
                            | '{"ok": false, "fatal": "..."}'

Operations (payload keys):

- ``state``  {answers, skipped, current?, today?}: the answers that apply (``answers``/``skipped``), the
  next question to ask (``next``) and ``current`` itself (``question``), both described like the
  exported flow with their options for these answers, the screens before and after ``current``,
  the questions asked (``journey``), ``ended_by``, and, if the answers are valid, the deadline used and
  the dates after it (``late``); an invalid answer gives ``error`` instead of failing the call.
- ``result`` {answers, skipped, today?}: ``Result.to_dict()`` of the answers that apply, with what the
  page shows beside it (level and rule names, clause citations, the materials checklist).
- ``evaluate`` {answers, today?}: exactly ``evaluate(answers).to_dict()`` (the contract).
- ``evaluate_many`` {items, today?}: a list of ``{"result": ...}`` or ``{"error": ...}``.
- ``batch_mount`` {dir}: make the batch page's zip importable (its operations: guantong_batch.py).
"""

from __future__ import annotations

import datetime as _dt
import json
import re

from guantong import AnswersError, evaluate, flow
from guantong.policy import load_policy

QUESTIONS = {q.id: q for q in flow.QUESTIONS}
ORDER = [q.id for q in flow.QUESTIONS]


def describe(qid: str, answers: dict, today: _dt.date | None) -> dict:
    """One question as the flow exports it, with its options for these answers (e.g. the published
    rounds of the chosen pathway for the deadline question)."""
    return flow.describe(QUESTIONS[qid], answers=answers, today=today)


# --- helpers ----------------------------------------------------------------------------------------
def _today(payload: dict) -> _dt.date | None:
    value = payload.get("today")
    return _dt.date.fromisoformat(value) if value else None


def _question_of(key: str) -> str:
    """The question an error key belongs to: "skill_levels.technician" and "honors[2].date" → their question."""
    return re.split(r"[.\[]", key, maxsplit=1)[0]


def describe_error(exc: AnswersError) -> dict:
    """The engine's message, and the part after the key for showing beside the field."""
    return {"key": exc.key, "question": _question_of(exc.key), "message": str(exc), "problem": exc.problem}


def _order(answers: dict, skipped: list[str]) -> list[str]:
    """The questions of this journey in the flow's order: every question that applies, or, when an answer
    has ended the flow, those up to it."""
    if flow.ended_by(answers):
        return [q.id for q in flow.journey(answers, skipped)]
    return [q.id for q in flow.QUESTIONS if flow.applies(q, answers)]


def _dates(value, key: str):
    """(error-style key, ISO date) pairs inside one answer."""
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        yield key, value
    elif isinstance(value, dict):
        for sub, item in value.items():
            yield from _dates(item, f"{key}.{sub}")
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _dates(item, f"{key}[{i}]")


def _late(answers: dict, deadline: str) -> list[dict]:
    """Dates in the answers after the deadline the engine used (they do not count for this round, T3)."""
    return [{"key": key, "date": day}
            for qid, value in answers.items() if qid != "deadline"
            for key, day in _dates(value, qid) if day > deadline]


# --- operations -------------------------------------------------------------------------------------
def op_state(payload: dict) -> dict:
    raw = payload.get("answers") or {}
    today = _today(payload)
    answers = flow.applicable(raw)
    order = _order(answers, [])
    skipped = [k for k in payload.get("skipped") or [] if k in order and k not in answers]
    order = _order(answers, skipped)
    nxt = flow.next_question(answers, skipped)
    current = payload.get("current")
    before = after = None
    if current in order:
        i = order.index(current)
        before = order[i - 1] if i > 0 else None
        after = order[i + 1] if i + 1 < len(order) else None
    out = {
        "answers": answers,
        "skipped": skipped,
        "next": describe(nxt.id, answers, today) if nxt else None,
        "question": describe(current, answers, today) if current in QUESTIONS else None,
        "order": order,
        "journey": [q.id for q in flow.journey(answers, skipped)],
        "before": before,
        "after": after,
        "ended_by": flow.ended_by(answers),
        "error": None,
        "deadline": None,
        "deadline_source": None,
        "late": [],
    }
    if "direction" in answers or "direction" in raw:
        try:
            result = evaluate(answers, today=today)
        except AnswersError as exc:
            out["error"] = describe_error(exc)
        else:
            out["deadline"] = result.deadline.isoformat()
            out["deadline_source"] = result.deadline_source
            out["late"] = _late(answers, out["deadline"])
    return out


def op_result(payload: dict) -> dict:
    from guantong import clauses, rules

    answers = flow.applicable(payload.get("answers") or {})
    result = evaluate(answers, today=_today(payload)).to_dict()
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
    return {
        "result": result,
        "answers": answers,
        "level_names": {level["id"]: level["name"] for level in levels},
        "rule_labels": {p["id"]: rules.RULES.get(p["id"], {}).get("label", p["id"]) for p in result["preconditions"]},
        "clauses": cited,
        "materials": {"clause": materials.get("clause", ""), "names": materials.get("names", [])}
        if pathway == "skill_to_title" else None,
        "ended_by": flow.ended_by(answers),
        "policy_version": policy.version,
        "notice": policy.raw.get("data", {}).get("notice", ""),
    }


def op_evaluate(payload: dict) -> dict:
    return evaluate(payload.get("answers"), today=_today(payload)).to_dict()


def op_evaluate_many(payload: dict) -> list[dict]:
    today = _today(payload)
    out = []
    for answers in payload.get("items") or []:
        try:
            out.append({"result": evaluate(answers, today=today).to_dict()})
        except AnswersError as exc:
            out.append({"error": describe_error(exc)})
    return out


def op_warm(payload: dict) -> dict:
    """Load the policy data and run the engine once, so the first real answer is as fast as the rest.
    With ``results``, also make a result of each pathway (what that imports and loads then is in the
    memory snapshot the worker takes next, so a restored engine's first result is as fast too)."""
    for direction in ("skill_to_title", "title_to_skill"):
        op_state({"answers": {"direction": direction}, "skipped": []})
        if payload.get("results"):
            op_result({"answers": {"direction": direction}})
    return {"policy_version": load_policy().version}


def op_modules(payload: dict) -> list[str]:
    """The modules Python has loaded so far (to check what the trimmed standard library must keep)."""
    import sys

    return sorted(sys.modules)


# --- the batch page's part: guantong/batch, openpyxl and guantong_batch (its operations) come in a zip of
# their own that the worker unpacks when that page first asks (worker.mjs, loadBatch). ------------------
def op_batch_mount(payload: dict) -> dict:
    """{dir}: make the unpacked batch zip importable. It holds guantong/batch, openpyxl, et_xmlfile and the
    standard library modules they need beyond the wizard's trimmed one, as .pyc without sources. Its
    directory goes last on sys.path; where it holds more of a package that comes from elsewhere (guantong
    itself, xml from the standard library), that package's __path__ gets its directory too."""
    import importlib
    import os
    import sys

    root = payload["dir"]
    if root not in sys.path:
        sys.path.append(root)
    # No importlib.invalidate_caches(): every directory here is new to the finders, and it would import
    # importlib.metadata, which is one of the modules this very zip brings.
    for dirpath, dirs, files in os.walk(root):
        dirs.sort()
        rel = os.path.relpath(dirpath, root)
        if rel == "." or "__init__.pyc" in files:
            continue
        try:
            module = importlib.import_module(rel.replace(os.sep, "."))
        except ImportError:
            continue
        path = getattr(module, "__path__", None)
        if path is not None and dirpath not in path:
            path.append(dirpath)
    import openpyxl

    import guantong_batch  # noqa: F401 - fails here, not on the first file, if the zip is incomplete

    return {"openpyxl": openpyxl.__version__}


OPS = {
    "batch_mount": op_batch_mount,
    "modules": op_modules,
    "state": op_state,
    "result": op_result,
    "evaluate": op_evaluate,
    "evaluate_many": op_evaluate_many,
    "warm": op_warm,
}


def call(op: str, payload_json: str) -> str:
    return dispatch(OPS, op, payload_json)


def dispatch(ops: dict, op: str, payload_json: str) -> str:
    """Run ``ops[op]`` on the JSON payload; the reply as JSON (see the module docstring)."""
    try:
        payload = json.loads(payload_json) if payload_json else {}
        if op not in ops:
            raise KeyError(f"unknown operation {op!r}")
        value = ops[op](payload)
        return json.dumps({"ok": True, "value": value}, ensure_ascii=False)
    except AnswersError as exc:
        return json.dumps({"ok": False, "error": describe_error(exc)}, ensure_ascii=False)
    except Exception as exc:  # noqa: BLE001 - reported to the page, which says so in Chinese
        return json.dumps({"ok": False, "fatal": f"{type(exc).__name__}: {exc}"}, ensure_ascii=False)
