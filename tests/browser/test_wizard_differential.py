"""The engine in the browser is the engine: generated answers objects evaluated by Pyodide inside the
wizard's worker give exactly the same ``to_dict()`` as the native engine (and the same refusals), both when
Python booted and when it was restored from the memory snapshot a first visit stores (worker/store.mjs).

``today`` is pinned on both sides, so answers without a deadline count to the same day.
"""

from __future__ import annotations

import datetime as dt
import json

from guantong import AnswersError, evaluate

from build_scripts import sample_answers as sample

from .wizard_support import ENGINE_TIMEOUT, WizardPage, wizard  # noqa: F401 - fixture

TODAY = dt.date(2026, 11, 25)


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
            [items[start : start + chunk], TODAY.isoformat()],
        )
        assert reply["ok"], reply
        out += reply["value"]
    return out


def generated_items() -> tuple[list, int]:
    # Journeys as the wizard sends them, then loose objects (any keys, bare honour names) as a share link may.
    items = sample.generate(240) + sample.EDGE_CASES + sample.INVALID_CASES + sample.generate(120, 7, "loose")
    return json.loads(json.dumps(items)), len(sample.INVALID_CASES)  # exactly what crosses into the browser


def assert_matches_native(w: WizardPage) -> None:
    items, invalid = generated_items()
    browser = in_browser(w, items)
    assert len(browser) == len(items)
    mismatches = []
    results = errors = 0
    for answers, got in zip(items, browser, strict=True):
        want = native(answers)
        if "error" in got:
            got = {"error": {"key": got["error"]["key"], "message": got["error"]["message"]}}
            errors += 1
        else:
            results += 1
        if got != want:
            mismatches.append((answers, want, got))
    assert not mismatches, f"{len(mismatches)} differ; first: {json.dumps(mismatches[0], ensure_ascii=False, indent=1)}"
    assert results >= 200 and errors >= invalid
    # And the contract's own call (one object, no pinned day) works there too.
    one = w.page.evaluate("() => window.guantongWizard.call('evaluate', {answers: {direction: 'skill_to_title'}})")
    assert one["ok"] and set(one["value"]["levels"]) == {"assistant", "intermediate", "deputy_senior"}


def snapshot_stored(w: WizardPage) -> dict:
    w.page.wait_for_function("() => window.guantongWizard.engine.snapshot", timeout=ENGINE_TIMEOUT)
    return w.page.evaluate("() => window.guantongWizard.engine.snapshot")


def test_browser_engine_matches_native_engine(wizard):
    w: WizardPage = wizard()
    w.open().wait_engine()
    assert w.page.evaluate("() => window.guantongWizard.engine.status.restored") is False
    assert_matches_native(w)


def test_restored_engine_matches_native_engine(wizard):
    w: WizardPage = wizard()
    w.open().wait_engine()
    stored = snapshot_stored(w)
    assert 1e6 < stored["bytes"] < 64e6, stored
    w.page.reload()
    w.wait_engine()
    assert w.page.evaluate("() => window.guantongWizard.engine.status.restored") is True
    assert_matches_native(w)


# A snapshot in the worker's own format whose memory is not Pyodide's: loadPyodide refuses it.
FOREIGN_SNAPSHOT = """async () => {
  const name = (await caches.keys()).find((n) => n.startsWith("guantong-wizard-snapshot-"));
  const bytes = new Uint8Array(16 + 4 + 65536).fill(0xab);
  new Uint32Array(bytes.buffer, 0, 4).set([0x4e535447, 65536, 65536, 1]);
  bytes.set([1, 0, 0, 0], 16);
  await (await caches.open(name)).put(new URL("engine/python-memory.bin", location.href).href, new Response(bytes));
  return name;
}"""


def test_a_snapshot_that_does_not_restore_is_replaced(wizard):
    w: WizardPage = wizard()
    w.open().wait_engine()
    snapshot_stored(w)
    assert w.page.evaluate(FOREIGN_SNAPSHOT).startswith("guantong-wizard-snapshot-")
    w.page.reload()
    w.wait_engine()  # booted the usual way
    assert w.page.evaluate("() => window.guantongWizard.engine.status.restored") is False
    assert any("memory snapshot not restored" in line for line in w.recorded.console), w.recorded.console
    assert snapshot_stored(w)["bytes"] > 1e6  # and a good one stored in its place
    w.page.reload()
    w.wait_engine()
    assert w.page.evaluate("() => window.guantongWizard.engine.status.restored") is True
    one = w.page.evaluate("() => window.guantongWizard.call('evaluate', {answers: {direction: 'title_to_skill'}})")
    assert one["ok"] and one["value"]["direction"] == "title_to_skill"
