"""The wizard's bridge to the engine inside Pyodide (its operations; the shared core, the reply shape and
`dispatch`, is guantong_bridge.py).

Which question comes next, which answers still apply, whether an answer is valid and what the result is
all come from `guantong` (the same package the tests run natively); the page walks the declared flow
itself so that the questions come at once (app/walker.js, held to flow.py by walker.test.js) and asks
this module for the answers that apply and the verdict. It runs unchanged under CPython, where
tests/test_wizard_bridge.py exercises it.

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
- ``warm`` {results?}, ``modules`` {}: the worker's warm-up before the memory snapshot; the modules
  loaded (for the stdlib probe).
- ``batch_mount`` {dir}: make the batch page's zip importable (its operations: guantong_batch.py).
"""

from __future__ import annotations

import datetime as _dt
import re

from guantong import AnswersError, evaluate, flow
from guantong.policy import PATHWAYS, load_policy
from guantong_bridge import describe_error, dispatch, page_result, today

QUESTIONS = {q.id: q for q in flow.QUESTIONS}
ORDER = [q.id for q in flow.QUESTIONS]


def describe(qid: str, answers: dict, today: _dt.date | None) -> dict:
    """One question as the flow exports it, with its options for these answers (e.g. the published
    rounds of the chosen pathway for the deadline question)."""
    return flow.describe(QUESTIONS[qid], answers=answers, today=today)


# --- helpers ----------------------------------------------------------------------------------------
def _order(answers: dict, skipped: list[str]) -> list[str]:
    """The questions of this journey in the flow's order: every question that applies, or, when an answer
    has ended the flow, those up to it."""
    if flow.ended_by(answers):
        return [q.id for q in flow.journey(answers, skipped)]
    return [q.id for q in flow.QUESTIONS if flow.applies(q, answers)]


def _dates(value, key: str):
    """(error-style key, ISO date) pairs inside one answer."""
    if isinstance(value, str) and re.fullmatch(r"\d{4}(-\d{2}){0,2}", value):  # T8: YYYY-MM, YYYY too
        yield key, value
    elif isinstance(value, dict):
        for sub, item in value.items():
            yield from _dates(item, f"{key}.{sub}")
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _dates(item, f"{key}[{i}]")


def _late(answers: dict, deadline: str) -> list[dict]:
    """Dates in the answers after the deadline the engine used (they do not count for this round, T3)."""
    return [
        {"key": key, "date": day}
        for qid, value in answers.items()
        if qid != "deadline"
        for key, day in _dates(value, qid)
        if day > deadline
    ]


# --- operations -------------------------------------------------------------------------------------
def op_state(payload: dict) -> dict:
    raw = payload.get("answers") or {}
    day = today(payload)
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
        "next": describe(nxt.id, answers, day) if nxt else None,
        "question": describe(current, answers, day) if current in QUESTIONS else None,
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
            result = evaluate(answers, today=day)
        except AnswersError as exc:
            out["error"] = describe_error(exc)
        else:
            out["deadline"] = result.deadline.isoformat()
            out["deadline_source"] = result.deadline_source
            out["late"] = _late(answers, out["deadline"])
    return out


def op_result(payload: dict) -> dict:
    return page_result(payload.get("answers") or {}, today(payload))


def op_evaluate(payload: dict) -> dict:
    return evaluate(payload.get("answers"), today=today(payload)).to_dict()


def op_evaluate_many(payload: dict) -> list[dict]:
    day = today(payload)
    out = []
    for answers in payload.get("items") or []:
        try:
            out.append({"result": evaluate(answers, today=day).to_dict()})
        except AnswersError as exc:
            out.append({"error": describe_error(exc)})
    return out


def op_warm(payload: dict) -> dict:
    """Load the policy data and run the engine once, so the first real answer is as fast as the rest.
    With ``results``, also make a result of each pathway (what that imports and loads then is in the
    memory snapshot the worker takes next, so a restored engine's first result is as fast too)."""
    for direction in PATHWAYS:
        op_state({"answers": {"direction": direction}, "skipped": []})
        if payload.get("results"):
            op_result({"answers": {"direction": direction}})
    return {"policy_version": load_policy().version}


def op_modules(payload: dict) -> list[str]:
    """The modules Python has loaded so far (to check what the trimmed standard library must keep)."""
    import sys

    return sorted(sys.modules)


# --- the batch page's part: guantong_tools/batch, openpyxl and guantong_batch (its operations) come in a zip of
# their own that the worker unpacks when that page first asks (worker/batch.mjs, loadBatch). ------------------
def op_batch_mount(payload: dict) -> dict:
    """{dir}: make the unpacked batch zip importable. It holds guantong_tools/batch, openpyxl, et_xmlfile and the
    standard library modules they need beyond the wizard's trimmed one, as .pyc without sources. Its
    directory goes last on sys.path; where it holds more of a package that comes from elsewhere (xml, of
    the standard library), that package's __path__ gets its directory too."""
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
