"""The standard library probe's Python side, run inside Pyodide by stdlib_probe.mjs (not imported here):
the bridge over the recorded answers, then every batch operation over the samples; writes /tmp/stdlib.zip
(the standard library modules those runs imported, compiled as python -OO), /tmp/engine_pyc.zip (the
engine's bytecode) and /tmp/batch.zip (the batch page's sources and the modules they add, compiled).
Its settings come from /tmp/probe.json (build_scripts/wizard/stdlib.py writes them).

The imports come where they are on purpose: what the engine imports is recorded before the probe's own
modules (zipfile, importlib.util, os) are imported, so that they are not kept for the engine's sake."""
# ruff: noqa: E402

import json
import sys

CONFIG = json.load(open("/tmp/probe.json"))
sys.path.insert(0, CONFIG["appDir"])  # as the worker does (worker/main.mjs), the one sys.path edit the engine's host makes
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
import importlib.util
import zipfile
from importlib._bootstrap_external import _code_to_hash_pyc

ZIP = "/lib/python314.zip"
src = zipfile.ZipFile(ZIP)
names = set(src.namelist())


def from_zip():  # the standard library's files imported so far
    found = set()
    for m in list(sys.modules.values()):
        f = getattr(m, "__file__", None) or ""
        if f.startswith(ZIP + "/"):
            found.add(f[len(ZIP) + 1 :])
    return found


def add_compiled(out, sources):  # as python -OO compiles them, unchecked hash-based .pyc
    for n in sources:
        source = src.read(n)
        code = compile(source, ZIP + "/" + n, "exec", dont_inherit=True, optimize=2)
        info = zipfile.ZipInfo(n + "c", (1980, 1, 1, 0, 0, 0))
        info.external_attr = 0o644 << 16
        out.writestr(info, _code_to_hash_pyc(code, importlib.util.source_hash(source), False))


used = from_zip()
ALWAYS = tuple(CONFIG["always"])
CODECS = tuple(CONFIG["codecs"])
keep = sorted(
    n
    for n in names
    if n.endswith(".py")
    and (n in used or n.startswith(ALWAYS) or n == "encodings/__init__.py" or (n.startswith("encodings/") and n[10:-3] in CODECS))
)
with zipfile.ZipFile("/tmp/stdlib.zip", "w", zipfile.ZIP_STORED) as out:
    add_compiled(out, keep)
# The engine's own modules too, as __pycache__/*.cpython-314.pyc beside its sources (compiled normally:
# docstrings and asserts kept, the same code as the native engine runs).
import os

ROOT = CONFIG["appDir"]
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
# batch_mount (the same call the worker makes). The run: every batch operation over the samples, and the
# staff page's (guantong_tools/staff.py, tomlkit), which come in the same zip.
SRC_DIR, BATCH_DIR = "/tmp/batch_src", "/tmp/batch_mounted"
with zipfile.ZipFile("/tmp/batch_pyc.zip", "w", zipfile.ZIP_STORED) as out:
    for dirpath, dirs, files in os.walk(SRC_DIR):
        dirs.sort()
        for f in sorted(files):
            full = os.path.join(dirpath, f)
            rel = os.path.relpath(full, SRC_DIR)
            data = open(full, "rb").read()
            if f.endswith(".py"):
                rel, data = (
                    rel[:-3] + ".pyc",
                    _code_to_hash_pyc(compile(data, "/batch/" + rel, "exec", dont_inherit=True), importlib.util.source_hash(data), False),
                )
            info = zipfile.ZipInfo(rel, (1980, 1, 1, 0, 0, 0))
            info.external_attr = 0o644 << 16
            out.writestr(info, data)
zipfile.ZipFile("/tmp/batch_pyc.zip").extractall(BATCH_DIR)


def ok(op, payload):
    bridge = g if op == "batch_mount" else sys.modules["guantong_batch"]
    reply = json.loads(bridge.call(op, json.dumps(payload)))
    if not reply["ok"] and reply["error"]["kind"] == "fatal":
        raise RuntimeError(op + ": " + reply["error"]["message"])
    return reply.get("value")  # None for what the person must correct (an input error)


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
# The staff page's operations (guantong_tools/staff.py, tomlkit): a slip, each kind of form, a field refused, the diff.
text = ok("staff_published", {})["text"]
ok("staff_check", {"text": text.replace('name = "', "name = “", 1)})
ok("staff_edit", {"text": text, "form": "round", "fields": {"year": "2027", "deadline": "2027-02-30"}})
for form, fields in (
    ("round", {"year": "2099", "deadline": "2099-7-15", "document": "通知", "pathways": ["skill_to_title", "title_to_skill"]}),
    ("honor", {"mode": "rename", "old": "黄石工匠", "name": "黄石大工匠"}),
    ("honor", {"mode": "add", "name": "某荣誉", "tier": "assistant", "aliases": "甲、乙"}),
    (
        "holidays",
        {"year": "2099", "document": "通知", **{f"off_first_{i}": f"2099-0{i + 1}-01" for i in range(7)}, "workdays_1": "2099-02-07"},
    ),
    ("change", {"date": "2027年1月5日", "summary": "修改", "document": "文件"}),
):
    edited = ok("staff_edit", {"text": text, "form": form, "fields": fields})  # None: refused (the data may have it already)
    text = edited["text"] if edited else text
ok("staff_check", {"text": text})
ok("staff_diff", {"text": text, "name": "policy.toml", "today": "2026-12-01"})
with zipfile.ZipFile("/tmp/batch.zip", "w", zipfile.ZIP_STORED) as out:
    add_compiled(out, sorted(n for n in from_zip() if n not in keep))
    with zipfile.ZipFile("/tmp/batch_pyc.zip") as own:
        for info in own.infolist():
            out.writestr(info, own.read(info.filename))
