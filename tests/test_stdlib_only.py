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
    # -I: isolated (no site-packages, no user site, no PYTHON* env); -S: no site module at all.
    proc = subprocess.run([sys.executable, "-I", "-S", "-c", f"import sys; sys.path.insert(0, {str(ROOT)!r})\n" + PROBE],
                          capture_output=True, text=True, cwd="/")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout) == []
