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
# Where the worker unpacks the engine zip and puts it on the import path (worker.mjs, BUILD.appDir): the probe
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

NODE_SCRIPT = r"""
import { loadPyodide } from %(pyodide)s;
import { readFileSync, writeFileSync } from "node:fs";
import { readdirSync } from "node:fs";
const [engineZip, itemsFile, outFile, batchZip, samplesDir] = process.argv.slice(2);
try {
  const py = await loadPyodide({ indexURL: %(index)s, packages: [] });
  const bytes = (path) => new Uint8Array(readFileSync(path));
  py.unpackArchive(bytes(engineZip).buffer, "zip", { extractDir: %(app_dir)s });
  py.unpackArchive(bytes(batchZip).buffer, "zip", { extractDir: "/tmp/batch_src" });
  py.FS.mkdir("/tmp/samples");
  for (const name of readdirSync(samplesDir)) py.FS.writeFile(`/tmp/samples/${name}`, bytes(`${samplesDir}/${name}`));
  py.FS.writeFile("/tmp/items.json", bytes(itemsFile));
  py.runPython(%(python)s);
  writeFileSync(outFile, py.FS.readFile("/tmp/stdlib.zip"));
  writeFileSync(outFile + ".engine", py.FS.readFile("/tmp/engine_pyc.zip"));
  writeFileSync(outFile + ".batch", py.FS.readFile("/tmp/batch.zip"));
} catch (err) {
  // Not the default report, which prints a line of pyodide.asm.mjs (megabytes).
  console.error(String((err && err.stack) || err).slice(-4000));
  process.exit(1);
}
"""

PYTHON = r"""
import sys
sys.path.insert(0, %(app_dir)r)  # as the worker does (worker.mjs), the one sys.path edit the engine's host makes
import json
import guantong_wizard as g
items = json.load(open("/tmp/items.json"))
g.call("warm", "{}")
g.call("evaluate_many", json.dumps({"items": items}))
for a in items:
    g.call("state", json.dumps({"answers": a, "current": "deadline"}))
    g.call("state", json.dumps({"answers": a, "skipped": []}))
    g.call("result", json.dumps({"answers": a}))
    g.call("evaluate", json.dumps({"answers": a}))
g.call("evaluate", "not json")
g.call("nope", "{}")
g.call("modules", "{}")
import sys, zipfile, importlib.util
from importlib._bootstrap_external import _code_to_hash_pyc
ZIP = "/lib/python314.zip"
src = zipfile.ZipFile(ZIP)
names = set(src.namelist())
def from_zip():  # the standard library's files imported so far
    found = set()
    for name, m in list(sys.modules.items()):
        f = getattr(m, "__file__", None) or ""
        if f.startswith(ZIP + "/"):
            found.add(f[len(ZIP) + 1:])
    return found
def add_compiled(out, sources):  # as python -OO compiles them, unchecked hash-based .pyc
    for n in sources:
        source = src.read(n)
        code = compile(source, ZIP + "/" + n, "exec", dont_inherit=True, optimize=2)
        info = zipfile.ZipInfo(n + "c", (1980, 1, 1, 0, 0, 0))
        info.external_attr = 0o644 << 16
        out.writestr(info, _code_to_hash_pyc(code, importlib.util.source_hash(source), False))
used = from_zip()
ALWAYS = %(always)r
CODECS = %(codecs)r
keep = sorted(n for n in names if n.endswith(".py") and (
    n in used or n.startswith(ALWAYS) or n == "encodings/__init__.py"
    or (n.startswith("encodings/") and n[10:-3] in CODECS)))
with zipfile.ZipFile("/tmp/stdlib.zip", "w", zipfile.ZIP_STORED) as out:
    add_compiled(out, keep)
# The engine's own modules too, as __pycache__/*.cpython-314.pyc beside its sources (compiled normally:
# docstrings and asserts kept, the same code as the native engine runs).
import os
ROOT = %(app_dir)r
with zipfile.ZipFile("/tmp/engine_pyc.zip", "w", zipfile.ZIP_STORED) as out:
    for dirpath, dirs, files in os.walk(ROOT):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for f in sorted(files):
            if not f.endswith(".py"):
                continue
            full = os.path.join(dirpath, f)
            source = open(full, "rb").read()
            code = compile(source, full, "exec", dont_inherit=True)
            rel = os.path.relpath(os.path.join(dirpath, "__pycache__", f[:-3] + "." + sys.implementation.cache_tag + ".pyc"), ROOT)
            info = zipfile.ZipInfo(rel, (1980, 1, 1, 0, 0, 0))
            info.external_attr = 0o644 << 16
            out.writestr(info, _code_to_hash_pyc(code, importlib.util.source_hash(source), False))
# The batch page's zip: its sources (guantong_tools/batch/, openpyxl, et_xmlfile) and the standard library
# modules a batch run imports beyond `keep`, all as .pyc without sources, mounted by the bridge's
# batch_mount (the same call the worker makes). The run: every batch operation over the samples.
SRC_DIR, BATCH_DIR = "/tmp/batch_src", "/tmp/batch_mounted"
with zipfile.ZipFile("/tmp/batch_pyc.zip", "w", zipfile.ZIP_STORED) as out:
    for dirpath, dirs, files in os.walk(SRC_DIR):
        dirs.sort()
        for f in sorted(files):
            full = os.path.join(dirpath, f)
            rel = os.path.relpath(full, SRC_DIR)
            data = open(full, "rb").read()
            if f.endswith(".py"):
                rel, data = rel[:-3] + ".pyc", _code_to_hash_pyc(compile(data, "/batch/" + rel, "exec", dont_inherit=True), importlib.util.source_hash(data), False)
            info = zipfile.ZipInfo(rel, (1980, 1, 1, 0, 0, 0))
            info.external_attr = 0o644 << 16
            out.writestr(info, data)
zipfile.ZipFile("/tmp/batch_pyc.zip").extractall(BATCH_DIR)
def ok(op, payload):
    bridge = g if op == "batch_mount" else sys.modules["guantong_batch"]
    reply = json.loads(bridge.call(op, json.dumps(payload)))
    if not reply["ok"] and reply["error"]["kind"] == "fatal":
        raise RuntimeError(op + ": " + reply["error"]["message"])
    return reply.get("value")   # None for what the person must correct (an input error)
ok("batch_mount", {"dir": BATCH_DIR})
for name in sorted(os.listdir("/tmp/samples")):
    if ok("batch_run", {"path": "/tmp/samples/" + name, "name": name, "deadline": "2026-06-30"}) is None:
        continue
    ok("batch_open", {"path": "/tmp/samples/" + name, "name": name, "deadline": "2026-06-30"})
    ok("batch_decide", {"start": 0, "count": 2})
    ok("batch_decide", {"start": 2, "count": 100000})
    table = ok("batch_table", {})
    for row in table["rows"]:
        ok("batch_row", {"i": row["i"]})
    for fmt in ("xlsx", "csv"):
        ok("batch_write", {"format": fmt, "path": "/tmp/out." + fmt})
    picks = [[r["i"], r["eligible"][0]] for r in table["rows"] if r["direction"] == "skill_to_title" and r["eligible"]]
    ok("batch_notice", {"employer": "示例单位", "posting_start": "2026-06-01", "picks": picks})
    ok("batch_notice", {"employer": "示例单位", "posting_start": "2040-06-01"})
ok("batch_open", {"path": "/tmp/samples/" + name, "name": name, "deadline": "2026-02-30"})
with zipfile.ZipFile("/tmp/batch.zip", "w", zipfile.ZIP_STORED) as out:
    add_compiled(out, sorted(n for n in from_zip() if n not in keep))
    with zipfile.ZipFile("/tmp/batch_pyc.zip") as own:
        for info in own.infolist():
            out.writestr(info, own.read(info.filename))
"""


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
        script = NODE_SCRIPT % {
            "pyodide": json.dumps((PYODIDE_DIR / "pyodide.mjs").as_uri()),
            "index": json.dumps(str(PYODIDE_DIR) + "/"),
            "app_dir": json.dumps(APP_DIR),
            "python": json.dumps(PYTHON % {"always": ALWAYS, "codecs": CODECS, "app_dir": APP_DIR}),
        }
        (t / "stdlib.mjs").write_text(script, encoding="utf-8")
        proc = subprocess.run(
            [
                node(),
                str(t / "stdlib.mjs"),
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
