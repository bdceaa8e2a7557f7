"""The engine imports nothing outside the standard library: the same files run in Pyodide."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

PROBE = r"""
import sys, json
before = set(sys.modules)
import guantong, guantong_tools.cli, guantong.flow, guantong.clauses
guantong.evaluate({"direction": "skill_to_title"}).to_dict()
guantong.evaluate({"direction": "title_to_skill"}).to_dict()
guantong.flow.export()
guantong.clauses.load_notice()
stdlib = set(sys.stdlib_module_names)
foreign = sorted({m.split(".")[0] for m in set(sys.modules) - before} - stdlib - {"guantong", "guantong_tools"})
print(json.dumps(foreign))
"""


def test_engine_imports_only_the_standard_library():
    # -E -s -S: no PYTHON* variables, no user site, no site module (so no site-packages) at all; the only
    # directory on the import path besides the standard library is the one `-c` adds, the working directory.
    proc = subprocess.run([sys.executable, "-E", "-s", "-S", "-c", PROBE], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout) == []


ENGINE_ONLY = r"""
import importlib, json, pkgutil, sys
import guantong
for info in pkgutil.iter_modules(guantong.__path__):
    if info.name != "__main__":
        importlib.import_module(f"guantong.{info.name}")
guantong.evaluate({"direction": "skill_to_title"}).to_dict()
print(json.dumps(sorted(m for m in sys.modules if m.split(".")[0] == "guantong_tools")))
"""


def test_the_engine_never_imports_the_staff_tools():
    """guantong ships to phones whole; guantong_tools (batch, validate, diff, the command line) uses it, never
    the other way (but for ``python -m guantong``, which runs the command line)."""
    proc = subprocess.run([sys.executable, "-E", "-s", "-S", "-c", ENGINE_ONLY], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout) == []
