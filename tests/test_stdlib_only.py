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
import guantong, guantong.cli, guantong.flow, guantong.clauses
guantong.evaluate({"direction": "skill_to_title"}).to_dict()
guantong.evaluate({"direction": "title_to_skill"}).to_dict()
guantong.flow.export()
guantong.clauses.load_notice()
stdlib = set(sys.stdlib_module_names)
foreign = sorted({m.split(".")[0] for m in set(sys.modules) - before} - stdlib - {"guantong"})
print(json.dumps(foreign))
"""


def test_engine_imports_only_the_standard_library():
    # -E -s -S: no PYTHON* variables, no user site, no site module (so no site-packages) at all; the only
    # directory on the import path besides the standard library is the one `-c` adds, the working directory.
    proc = subprocess.run([sys.executable, "-E", "-s", "-S", "-c", PROBE], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout) == []
