"""Smoke test: Pyodide boots offline in a module worker and runs a zipped Python package.

Builds the served tree of ``wizard/poc`` in a temporary directory::

    index.html, worker.mjs            (from wizard/poc)
    pyodide/                          (the boot files, from wizard/node_modules/pyodide)
    app.zip                           (poc_engine/__init__.py with evaluate())
"""

from __future__ import annotations

import json
import os
import shutil
import time
import zipfile
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
POC_DIR = REPO_ROOT / "wizard" / "poc"
PYODIDE_DIR = REPO_ROOT / "wizard" / "node_modules" / "pyodide"
# Exactly what Pyodide 314 fetches to boot from a module worker (pyodide.js, *.map,
# *.d.ts and the console pages are not needed).
PYODIDE_BOOT_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip")
ENGINE_SOURCE = '''\
def evaluate(s):
    import json
    return json.dumps({"ok": True, "n": len(json.loads(s))})
'''


def write_trimmed_lock(source: Path, target: Path) -> None:
    """The real lock's ``info`` (its ABI version is checked at boot) with no packages."""
    info = json.loads(source.read_text(encoding="utf-8"))["info"]
    target.write_text(json.dumps({"info": info, "packages": {}}), encoding="utf-8")


def build_poc(out: Path) -> Path:
    if not (PYODIDE_DIR / "pyodide.mjs").exists():
        reason = "wizard/node_modules/pyodide is missing: run `npm ci` in wizard/"
        if os.environ.get("CI"):
            pytest.fail(reason, pytrace=False)
        pytest.skip(reason)
    out.mkdir(parents=True, exist_ok=True)
    for name in ("index.html", "worker.mjs"):
        shutil.copy2(POC_DIR / name, out / name)
    (out / "pyodide").mkdir()
    for name in PYODIDE_BOOT_FILES:
        shutil.copy2(PYODIDE_DIR / name, out / "pyodide" / name)
    write_trimmed_lock(PYODIDE_DIR / "pyodide-lock.json", out / "pyodide" / "pyodide-lock.json")
    with zipfile.ZipFile(out / "app.zip", "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("poc_engine/__init__.py", ENGINE_SOURCE)
    return out


def test_pyodide_boots_offline_and_runs_zipped_engine(tmp_path, serve_dir, new_page, screenshot):
    base_url = serve_dir(build_poc(tmp_path / "site"))
    recorded = new_page()
    page = recorded.page
    payload = json.dumps({"a": 1, "b": 2, "c": 3})

    started = time.monotonic()
    page.goto(f"{base_url}index.html?input={payload}")
    page.wait_for_selector("body[data-state='done'], body[data-state='error']", timeout=120_000)
    boot_seconds = time.monotonic() - started
    shot = screenshot(page, "pyodide_smoke")

    state = page.get_attribute("body", "data-state")
    result_text = page.inner_text("#result")
    assert state == "done", f"{result_text}\nconsole: {recorded.console}\nerrors: {recorded.errors}"
    assert json.loads(result_text) == {"ok": True, "n": 3}

    timings = page.evaluate("window.pocTimings")
    print(f"\nPyodide boot+run: {boot_seconds:.2f}s wall; page timings (ms): {timings}; screenshot: {shot}")

    # Worker requests are recorded too (the context sees them).
    for name in ("worker.mjs", "app.zip", *(f"pyodide/{n}" for n in PYODIDE_BOOT_FILES), "pyodide/pyodide-lock.json"):
        assert recorded.requested(rf"/{name}$"), f"{name} was never requested: {recorded.requests}"
    recorded.assert_only_origin(base_url)
    assert not recorded.failed, recorded.failed
    assert not recorded.errors, recorded.errors
