"""The zips the worker unpacks: the engine's (guantong/ whole, the bridges, their bytecode) and the batch
page's (guantong_tools/batch/, its bridge, the pinned openpyxl and et_xmlfile); the blank template and the
batch limits the page is told; what the pages take from the engine (export_engine.py)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from build_scripts.wizard import stdlib as wizard_stdlib
from build_scripts.wizard.common import REPO, SRC, BundleError, deterministic_zip
from guantong.policy import policy_override  # GUANTONG_POLICY replaces the bundled policy data


ENGINE_DIR = REPO / "guantong"  # the engine package, shipped whole

TOOLS_DIR = REPO / "guantong_tools"  # the staff tools: of them, the batch page's zip carries batch/

BRIDGE_CORE = SRC / "guantong_bridge.py"  # what both pages' bridges share (dispatch, the reply shape)

BRIDGE = SRC / "guantong_wizard.py"

BATCH_BRIDGE = SRC / "guantong_batch.py"  # the batch page's operations, in the batch zip

APP_DIR = wizard_stdlib.APP_DIR  # where Pyodide unpacks the engine zip

BATCH_DIR = "/home/pyodide/batch"  # and the batch page's zip (guantong_wizard.op_batch_mount)


def engine_sources() -> list[tuple[str, Path]]:
    """(path in the zip, file) for the engine: every .py of guantong/, its data (*.toml, words.json), and the bridge."""
    if not (ENGINE_DIR / "__init__.py").exists():
        raise BundleError(f"找不到判断引擎 {ENGINE_DIR}")
    files = []
    for path in sorted(ENGINE_DIR.rglob("*.py")):
        if "__pycache__" not in path.parts:
            files.append((path.relative_to(REPO).as_posix(), path))
    override = policy_override()
    for path in sorted([*(ENGINE_DIR / "data").glob("*.toml"), *(ENGINE_DIR / "data").glob("*.json")]):
        if override and path.name == "policy.toml":
            path = override
            files.append(("guantong/data/policy.toml", path))
        else:
            files.append(((ENGINE_DIR / "data" / path.name).relative_to(REPO).as_posix(), path))
    files += [(BRIDGE_CORE.name, BRIDGE_CORE), (BRIDGE.name, BRIDGE)]
    return files


def bridge_ops() -> dict[str, list[str]]:
    """The operations each bridge declares (its ``OPS`` table), read from its source: the worker routes
    the batch bridge's to it (BUILD.batchOps), and the README lists them all (tests/test_bridge_protocol.py)."""
    import ast

    out = {}
    for key, path in (("engine", BRIDGE), ("batch", BATCH_BRIDGE)):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        [table] = [n.value for n in tree.body if isinstance(n, ast.Assign) and [t.id for t in n.targets] == ["OPS"]]
        out[key] = [k.value for k in table.keys]
    return out


def engine_zip(pycs: dict[str, bytes] | None = None) -> bytes:
    """A deterministic zip (fixed dates and modes), so the same sources always give the same hash; with
    ``pycs`` (from wizard_stdlib: compiled inside Pyodide), their bytecode beside them, so that the
    browser does not compile the engine at every start. Entries are stored, not deflated: the server's
    brotli twin of the whole zip is a third smaller than a zip of deflated entries (102 vs 155 kB)."""
    return deterministic_zip([(name, path.read_bytes()) for name, path in engine_sources()] + sorted((pycs or {}).items()))


# Of the batch extra, what the pages ship (pure Python; not lxml): the batch page's readers and writer, and
# the staff page's TOML writer (the staff page's part comes in the same zip: guantong_tools/staff.py).
BROWSER_BATCH = ("openpyxl", "et_xmlfile", "xlrd", "odf", "defusedxml", "tomlkit")

DISTRIBUTIONS = {"odf": "odfpy"}  # an import name whose distribution is named otherwise

LEFT_OUT = {"odf": ("odf2xhtml.py", "odf2moinmoin.py")}  # odfpy's converters (commands): not what reading needs


def batch_pins() -> dict[str, str]:
    """The batch extra's pinned pure-Python packages in pyproject.toml ({import name: version}) that the
    browser's zip carries."""
    import tomllib

    extra = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["optional-dependencies"]["batch"]
    pins = {}
    for spec in extra:
        name, _, version = spec.partition("==")
        pins[name.strip().replace("-", "_")] = version.split("#")[0].strip()
    return {name: pins[DISTRIBUTIONS.get(name, name)] for name in BROWSER_BATCH}


STAFF_TOOLS = [TOOLS_DIR / name for name in ("staff.py", "validate.py", "diff.py")]  # the staff page's (/staff/check/)


def batch_sources() -> list[tuple[str, bytes]]:
    """(path, bytes) of what the page 单位批量自测 adds to the engine: guantong_tools/batch/, its bridge
    (wizard/src/guantong_batch.py) and the pinned readers and writer of BROWSER_BATCH (their sources as
    installed by the batch extra, and their licences)."""
    import importlib.metadata
    import importlib.util

    files = [
        (path.relative_to(REPO).as_posix(), path.read_bytes())
        for path in [TOOLS_DIR / "__init__.py", *STAFF_TOOLS, *sorted((TOOLS_DIR / "batch").glob("*.py"))]
    ]
    files.append((BATCH_BRIDGE.name, BATCH_BRIDGE.read_bytes()))
    for name, version in sorted(batch_pins().items()):
        try:
            installed = importlib.metadata.version(DISTRIBUTIONS.get(name, name))
        except importlib.metadata.PackageNotFoundError:
            installed = None
        if installed != version:
            raise BundleError(f"批量自测需要 {name}=={version}（已安装：{installed or '无'}）：请先运行 make deps")
        root = Path(importlib.util.find_spec(name).origin).parent
        for path in sorted(root.rglob("*.py")):
            if "__pycache__" not in path.parts and path.name not in LEFT_OUT.get(name, ()):
                files.append((f"{name}/{path.relative_to(root).as_posix()}", path.read_bytes()))
        dist = importlib.metadata.distribution(DISTRIBUTIONS.get(name, name))
        licences = [f for f in dist.files or () if f.name.upper().startswith(("LICENCE", "LICENSE"))]
        for f in licences or [f for f in dist.files or () if f.name == "METADATA"]:  # (odfpy: named in its metadata only)
            files.append((f"{name}/{f.name}", Path(dist.locate_file(f)).read_bytes()))
    return files


BATCH_TEMPLATE = "batch-template.xlsx"  # under site/wizard/, linked from the batch page

BATCH_TEMPLATE_NAME = "单位批量自测模板.xlsx"  # the name it is saved under


def batch_template() -> bytes:
    """The blank template (guantong_tools.batch.template, the same file as ``guantong batch --template``)."""
    try:
        from guantong_tools import batch
        import openpyxl  # noqa: F401
    except ImportError:
        raise BundleError("生成批量自测的模板需要 openpyxl：请先运行 make deps") from None
    return batch.template()


def staff_words() -> dict:
    """What the staff page's forms name from the data: pathway A's levels (an honour's tier) and the
    holidays of the State Council's notice, in order (guantong_tools.staff)."""
    from guantong.policy import load_policy
    from guantong_tools import staff

    return {"tiers": [[lv["id"], lv["name"]] for lv in load_policy().a_levels], "holidayNames": list(staff.HOLIDAY_NAMES)}


def batch_limits() -> dict:
    from guantong_tools import batch

    return {"max_bytes": batch.MAX_BYTES, "max_rows": batch.MAX_ROWS, "too_large": batch.too_large("{size}")}


def engine_export() -> dict:
    """The declared flow and clause citations, from the engine itself (in a fresh interpreter, so an edit
    to guantong/ is picked up by `mkdocs serve` too); run in the checkout, whose guantong it imports."""
    args = [sys.executable, "-m", "build_scripts.wizard.export_engine"]
    if policy_override():
        args.append(str(policy_override()))
    proc = subprocess.run(args, capture_output=True, text=True, encoding="utf-8", cwd=REPO)
    if proc.returncode != 0:
        raise BundleError(f"无法从 guantong 导出问题流程：\n{proc.stderr.strip()}")
    return json.loads(proc.stdout)
