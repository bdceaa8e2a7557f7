"""The wizard's Python standard library: precompiled inside Pyodide itself and trimmed to what is used.

Pyodide ships ``python_stdlib.zip`` as source, so every boot compiles the modules it imports (most of a
desktop boot). At site-build time this script runs the very Pyodide the site ships under Node
(wizard/node_modules/pyodide), boots it the way the worker does, unpacks the engine zip, runs the bridge
over a recorded corpus of answers (stdlib_corpus.json: valid and invalid, every operation the page uses;
`python -m build_scripts.wizard.stdlib --record` regenerates it) and records which modules of
the standard library were imported. Those modules, and no others, are compiled there (so the bytecode
matches that Pyodide's Python exactly) into a zip of ``.pyc`` files stored uncompressed (the server
compresses; zipimport then reads them without inflating), which the worker passes as ``stdLibURL``.
They are compiled as ``python -OO`` would (no docstrings, no asserts: 1.10 → 0.93 MB brotli) and are
unchecked hash-based pycs (no source beside them to check against).

A module the engine needs but the recorded run did not import would fail in the browser: every wizard
browser test (journeys, differential against the native engine, offline) runs against this zip.

The result is cached under wizard/node_modules/.guantong-stdlib/ by a hash of its inputs (Pyodide's
stdlib, the engine and batch zips, this script, the corpus), so rebuilds that change none cost nothing.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
PYODIDE_DIR = REPO / "wizard" / "node_modules" / "pyodide"
CACHE = PYODIDE_DIR.parent / ".guantong-stdlib"
# The answers the probe runs: recorded, so that an edit to test data cannot change what phones download.
CORPUS = HERE / "stdlib_corpus.json"
# Where the worker unpacks the engine zip and puts it on the import path (worker/main.mjs, BUILD.appDir): the probe
# does the same, and the engine's .pyc name their sources there.
APP_DIR = "/home/pyodide/lib"

# Kept although the recorded run may not import them: Pyodide's own packages (small, imported on demand
# by its JS side) and the codecs Chinese text or zip files may ask for.
ALWAYS = ("pyodide/", "_pyodide/")
CODECS = (
    "aliases",
    "ascii",
    "charmap",
    "cp437",
    "gb18030",
    "gb2312",
    "gbk",
    "latin_1",
    "utf_16",
    "utf_16_le",
    "utf_16_be",
    "utf_32",
    "utf_8",
    "utf_8_sig",
    "idna",
    "punycode",
    "unicode_escape",
    "raw_unicode_escape",
)

PROBE_NODE = HERE / "stdlib_probe.mjs"  # the probe's Node side
PROBE_PYTHON = HERE / "stdlib_probe.py"  # and what it runs inside Pyodide


def node() -> str:
    found = shutil.which("node")
    if not found:
        raise RuntimeError("需要 Node ≥ 20 来预编译 Pyodide 的标准库（README：make deps）")
    return found


def key(engine_zip: bytes, batch_zip: bytes) -> str:
    h = hashlib.sha256()
    for part in (
        (PYODIDE_DIR / "python_stdlib.zip").read_bytes(),
        (PYODIDE_DIR / "pyodide.asm.wasm").read_bytes()[: 1 << 20],
        engine_zip,
        batch_zip,
        Path(__file__).read_bytes(),
        PROBE_NODE.read_bytes(),
        PROBE_PYTHON.read_bytes(),
        CORPUS.read_bytes(),
    ):
        h.update(hashlib.sha256(part).digest())
    return h.hexdigest()[:16]


def build_all(engine_zip: bytes, batch_sources: bytes) -> tuple[bytes, dict[str, bytes], bytes]:
    """(python_stdlib.zip, {path in the engine zip: .pyc}, the batch page's zip) for this engine and these
    batch sources (zips.batch_sources, zipped), from the cache when the inputs match: the
    engine's .pyc go into its zip beside the sources (``guantong/__pycache__/*.cpython-314.pyc``)."""
    cached = CACHE / f"python_stdlib.{key(engine_zip, batch_sources)}.zip"
    parts = [cached, cached.with_name(cached.name + ".engine"), cached.with_name(cached.name + ".batch")]
    try:
        data, engine, batch = (part.read_bytes() for part in parts)
    except FileNotFoundError:
        data, engine, batch = _build(engine_zip, batch_sources, parts)
    with zipfile.ZipFile(io.BytesIO(engine)) as zf:
        pycs = {name: zf.read(name) for name in zf.namelist()}
    return data, pycs, batch


def batch_samples(folder: Path) -> None:
    """Files the probe's batch run reads: the template (both pathways, an example row each), a GBK CSV,
    a workbook with merged cells, a date cell, a formula and a hidden sheet, the office lists (.xls, .ods,
    「Unicode 文本」: build_scripts/office_lists), and a file that is no xlsx."""
    import datetime as dt
    import shutil

    import openpyxl

    from build_scripts import office_lists
    from guantong_tools import batch

    for kind in ("xls", "ods", "txt"):
        shutil.copy(office_lists.FILES[kind], folder / f"office.{kind}")

    (folder / "template.xlsx").write_bytes(batch.template())
    csv = "姓名,申报方向,单位在黄石市,一线或技能岗位,技师取得日期,荣誉\n张三,职称,是,是,2019/6/30,黄石工匠 2023-05-01\n李四,技能等级,,,,\n"
    (folder / "people.csv").write_bytes(csv.encode("gb18030"))
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "申报职称"
    ws.append(["姓名", "申报方向", "技师取得日期", "中断技能工作月数", "荣誉"])
    ws.append(["王五", "职称", dt.date(2019, 6, 30), "=1+1", None])
    ws.append(["赵六", None, dt.datetime(2018, 1, 2), 0, "全国技术能手"])
    ws.merge_cells("B2:B3")
    book.create_sheet("lists").sheet_state = "hidden"
    book.save(folder / "merged.xlsx")
    (folder / "broken.xlsx").write_bytes(b"not a zip file")


def corpus() -> list[dict]:
    """The recorded answers the probe runs the engine over (stdlib_corpus.json)."""
    return json.loads(CORPUS.read_text(encoding="utf-8"))


def record() -> int:
    """Regenerate the corpus (`python -m build_scripts.wizard.stdlib --record`): 60 generated journeys, the
    edge cases and the invalid cases. Only this command changes it, and so what the trimmed standard library
    holds."""
    from build_scripts import sample_answers as sample

    items = sample.generate(60) + sample.EDGE_CASES + sample.INVALID_CASES
    CORPUS.write_text(json.dumps(items, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    return len(items)


def _build(engine_zip: bytes, batch_sources: bytes, parts: list[Path]) -> tuple[bytes, bytes, bytes]:
    items = corpus()
    with tempfile.TemporaryDirectory(prefix="guantong-stdlib-") as tmp:
        t = Path(tmp)
        (t / "engine.zip").write_bytes(engine_zip)
        (t / "batch.zip").write_bytes(batch_sources)
        (t / "samples").mkdir()
        batch_samples(t / "samples")
        (t / "items.json").write_text(json.dumps(items, ensure_ascii=False), encoding="utf-8")
        config = {
            "pyodide": str(PYODIDE_DIR / "pyodide.mjs"),
            "index": str(PYODIDE_DIR) + "/",
            "appDir": APP_DIR,
            "program": str(PROBE_PYTHON),
            "always": ALWAYS,
            "codecs": CODECS,
        }
        (t / "probe.json").write_text(json.dumps(config), encoding="utf-8")
        proc = subprocess.run(
            [
                node(),
                str(PROBE_NODE),
                str(t / "probe.json"),
                str(t / "engine.zip"),
                str(t / "items.json"),
                str(t / "out.zip"),
                str(t / "batch.zip"),
                str(t / "samples"),
            ],
            capture_output=True,
            text=True,
            cwd=tmp,
        )
        if proc.returncode != 0:
            raise RuntimeError(
                "在 Node 里的 Pyodide 中编译标准库失败：\n" + "\n".join(line[:300] for line in proc.stderr.splitlines()[-25:])
            )
        data = (t / "out.zip").read_bytes()
        engine = (t / "out.zip.engine").read_bytes()
        batch = (t / "out.zip.batch").read_bytes()
    CACHE.mkdir(parents=True, exist_ok=True)
    cached = parts[0]
    for path, content in ((parts[2], batch), (parts[1], engine), (cached, data)):
        with tempfile.NamedTemporaryFile(dir=CACHE, delete=False) as tmp:
            tmp.write(content)
        os.replace(tmp.name, path)
    # Keep the few most recent builds (other policies, other engine versions); builds running at the same
    # time never need each other's files (each reads what it built itself).
    try:
        for old in sorted(CACHE.glob("python_stdlib.*.zip"), key=lambda p: p.stat().st_mtime)[:-6]:
            for stale in (old, old.with_name(old.name + ".engine"), old.with_name(old.name + ".batch")):
                stale.unlink(missing_ok=True)
    except OSError:  # another build cleaning up at the same time
        pass
    return data, engine, batch


if __name__ == "__main__":
    if sys.argv[1:] == ["--record"]:
        print(f"{record()} answers recorded in {CORPUS}")
    else:
        print("python -m build_scripts.wizard.stdlib --record  # regenerate the probe's recorded answers", file=sys.stderr)
        sys.exit(2)
