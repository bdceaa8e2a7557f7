"""The engine in the browser is the engine: generated answers objects evaluated by Pyodide inside the
wizard's worker give exactly the same ``to_dict()`` as the native engine (and the same refusals).

``today`` is pinned on both sides, so answers without a deadline count to the same day.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import json

from guantong import AnswersError, evaluate

from .test_wizard_support import REPO, WizardPage, wizard  # noqa: F401 - fixture

TODAY = dt.date(2026, 11, 25)


def _load(name: str):
    spec = importlib.util.spec_from_file_location(name, REPO / "build_scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def native(answers) -> dict:
    try:
        return {"result": evaluate(answers, today=TODAY).to_dict()}
    except AnswersError as exc:
        return {"error": {"key": exc.key, "message": str(exc)}}


def in_browser(w: WizardPage, items: list, chunk: int = 100) -> list:
    out = []
    for start in range(0, len(items), chunk):
        reply = w.page.evaluate(
            "([items, today]) => window.guantongWizard.call('evaluate_many', {items, today})",
            [items[start:start + chunk], TODAY.isoformat()],
        )
        assert reply["ok"], reply
        out += reply["value"]
    return out


def test_browser_engine_matches_native_engine(wizard):
    generated = _load("wizard_answers")
    items = generated.generate(240) + [dict(case) for case in generated.INVALID_CASES]
    assert len(items) >= 200
    # The bench's generator (another seeded source) adds variety the simulated journeys do not cover.
    sample = REPO / "build_scripts" / "sample_answers.py"
    if sample.exists():
        items += _load("sample_answers").generate(120, seed=7)
    items = json.loads(json.dumps(items))  # exactly what crosses into the browser

    w: WizardPage = wizard()
    w.open().wait_engine()
    browser = in_browser(w, items)
    assert len(browser) == len(items)

    mismatches = []
    results = errors = 0
    for answers, got in zip(items, browser):
        want = native(answers)
        if "error" in got:
            got = {"error": {"key": got["error"]["key"], "message": got["error"]["message"]}}
            errors += 1
        else:
            results += 1
        if got != want:
            mismatches.append((answers, want, got))
    assert not mismatches, f"{len(mismatches)} differ; first: {json.dumps(mismatches[0], ensure_ascii=False, indent=1)}"
    assert results >= 200 and errors >= len(generated.INVALID_CASES)
    # And the contract's own call (one object, no pinned day) works there too.
    one = w.page.evaluate("() => window.guantongWizard.call('evaluate', {answers: {direction: 'skill_to_title'}})")
    assert one["ok"] and set(one["value"]["levels"]) == {"assistant", "intermediate", "deputy_senior"}
