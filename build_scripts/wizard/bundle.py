"""Build the wizard's files for the site: the engine bundle, Pyodide, the page's script and style, the
module worker and the service worker. Used by wizard_hooks.py (MkDocs), the tests and bench_wizard.py.

Layout under ``site/wizard/`` (the page itself, ``index.html``, is built by MkDocs from docs/wizard/)::

    ../sw.js                      service worker at the site's root, scope the whole site, registered by
                                  the wizard page only (stable name; its content carries the cache
                                  version, a hash of everything it precaches)
    flow.json                     guantong.flow.export(), for anyone who wants the declared flow
    assets/wizard.<hash>.js       the page script (extra_javascript, type=module): wizard/src/app/ bundled by
                                  esbuild, the flow and what the page needs to walk it embedded
    assets/wizard.<hash>.css      its styles (extra_css), bundled the same way, print style included
    assets/worker.<hash>.mjs      the module Web Worker that runs Pyodide
    engine/guantong.<hash>.zip    guantong/ (*.py, data/*.toml, words.json) + guantong_bridge.py, guantong_wizard.py and their .pyc (compiled
                                  inside Pyodide), unpacked by Pyodide
    pyodide/                      pyodide.mjs, pyodide.asm.mjs, pyodide.asm.wasm, python_stdlib.zip,
                                  from wizard/node_modules/pyodide (npm, pinned by package-lock); the
                                  standard library precompiled and trimmed (wizard_stdlib.py), pyodide.mjs
                                  without its CDN default

Large files also get ``.br`` (brotli, quality 11) and ``.gz`` twins, which build_scripts/server/static.py
(and most static hosts: nginx ``brotli_static``/``gzip_static``, Caddy ``precompressed``) send to browsers that
accept them. Compressing the 9.6 MB wasm at brotli's best takes ~25 s, so compressed copies are cached by
content hash under wizard/node_modules/.guantong-compressed/.

The wizard page (``index.html``) gets (add_page_parts): an inline script that starts the engine's
worker early (wizard/src/start.js; wizard.js adopts it), the page script as an async module right after
the wizard's ``<div>`` (the first question does not wait for Material's bundle), and ``<link rel="preload">``
hints, so the engine's downloads start while the page loads.

The standard library is not Pyodide's zip of sources: build_scripts/wizard/stdlib.py compiles, inside
Pyodide itself (under Node), just the modules that Pyodide's start-up and the engine import, into a zip of
``.pyc`` (stored, not deflated: brotli does better on the whole file, and nothing is inflated at boot).

Two caches, both named by content hashes so that a new deployment never serves stale rules:
``guantong-wizard-pyodide-<hash>`` holds the three big Pyodide files (filled by the worker as it
downloads them, so nothing is downloaded twice) and outlives deployments that do not change Pyodide;
``guantong-wizard-shell-<hash>`` holds everything else the page needs (precached by the service worker).
"""

from __future__ import annotations

import gzip
import hashlib
import html.parser
from html import escape as html_escape
import io
import json
import os
import posixpath
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
from build_scripts.wizard import stdlib as wizard_stdlib  # noqa: E402
from guantong.policy import policy_override  # noqa: E402 - GUANTONG_POLICY replaces the bundled policy data
SRC = REPO / "wizard" / "src"
PYODIDE_DIR = REPO / "wizard" / "node_modules" / "pyodide"
ENGINE_DIR = REPO / "guantong"            # the engine package, shipped whole
TOOLS_DIR = REPO / "guantong_tools"        # the staff tools: of them, the batch page's zip carries batch/
BRIDGE_CORE = SRC / "guantong_bridge.py"  # what both pages' bridges share (dispatch, the reply shape)
BRIDGE = SRC / "guantong_wizard.py"
BATCH_BRIDGE = SRC / "guantong_batch.py"   # the batch page's operations, in the batch zip

OUT = "wizard"                      # under the site directory
APP_DIR = wizard_stdlib.APP_DIR     # where Pyodide unpacks the engine zip
BATCH_DIR = "/home/pyodide/batch"   # and the batch page's zip (guantong_wizard.op_batch_mount)
# What Pyodide 314 needs to boot from a module worker (pyodide.js, maps and consoles are not).
PYODIDE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip")
# The big ones, downloaded by the worker with progress and kept in the Pyodide cache.
STREAMED = {"asm": "pyodide.asm.mjs", "wasm": "pyodide.asm.wasm", "stdlib": "python_stdlib.zip"}
GZIP_SUFFIXES = (".wasm", ".mjs", ".js", ".css", ".json", ".zip")
SITE_SUFFIXES = (".html", ".css", ".js", ".json", ".xml", ".svg")
COMPRESSED_CACHE = PYODIDE_DIR.parent / ".guantong-compressed"

GZIP_MIN_BYTES = 2048

ZIP_DATE = (1980, 1, 1, 0, 0, 0)


class BundleError(RuntimeError):
    """The wizard cannot be built (the message says what to do)."""


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def short(data: bytes) -> str:
    return sha(data)[:12]


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
    by them (BUILD.ops), and the README lists them (tests/test_wizard_bundle.py)."""
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


BROWSER_BATCH = ("openpyxl", "et_xmlfile")   # of the batch extra, what the page ships (pure Python; not lxml)


def batch_pins() -> dict[str, str]:
    """The batch extra's pinned pure-Python packages in pyproject.toml ({import name: version}) that the
    browser's zip carries."""
    import tomllib

    extra = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["optional-dependencies"]["batch"]
    pins = {}
    for spec in extra:
        name, _, version = spec.partition("==")
        pins[name.strip().replace("-", "_")] = version.split("#")[0].strip()
    return {name: version for name, version in pins.items() if name in BROWSER_BATCH}


def batch_sources() -> list[tuple[str, bytes]]:
    """(path, bytes) of what the page 单位批量自测 adds to the engine: guantong_tools/batch/, its bridge
    (wizard/src/guantong_batch.py) and the pinned openpyxl and et_xmlfile (their sources as installed by the batch extra, and their licences)."""
    import importlib.metadata
    import importlib.util

    files = [(path.relative_to(REPO).as_posix(), path.read_bytes()) for path in
             [TOOLS_DIR / "__init__.py", *sorted((TOOLS_DIR / "batch").glob("*.py"))]]
    files.append((BATCH_BRIDGE.name, BATCH_BRIDGE.read_bytes()))
    for name, version in sorted(batch_pins().items()):
        try:
            installed = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            installed = None
        if installed != version:
            raise BundleError(f"批量自测需要 {name}=={version}（已安装：{installed or '无'}）：请先运行 make deps")
        root = Path(importlib.util.find_spec(name).origin).parent
        for path in sorted(root.rglob("*.py")):
            if "__pycache__" not in path.parts:
                files.append((f"{name}/{path.relative_to(root).as_posix()}", path.read_bytes()))
        dist = importlib.metadata.distribution(name)
        for f in dist.files or ():
            if f.name.upper().startswith(("LICENCE", "LICENSE")):
                files.append((f"{name}/{f.name}", Path(dist.locate_file(f)).read_bytes()))
    return files


BATCH_TEMPLATE = "batch-template.xlsx"          # under site/wizard/, linked from the batch page
BATCH_TEMPLATE_NAME = "单位批量自测模板.xlsx"      # the name it is saved under


def batch_template() -> bytes:
    """The blank template (guantong_tools.batch.template, the same file as ``guantong batch --template``)."""
    try:
        from guantong_tools import batch
        import openpyxl  # noqa: F401
    except ImportError:
        raise BundleError("生成批量自测的模板需要 openpyxl：请先运行 make deps") from None
    return batch.template()


def batch_limits() -> dict:
    from guantong_tools import batch

    return {"max_bytes": batch.MAX_BYTES, "max_rows": batch.MAX_ROWS, "too_large": batch.too_large("{size}")}


def deterministic_zip(entries: list[tuple[str, bytes]]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as zf:
        for name, data in entries:
            info = zipfile.ZipInfo(name, ZIP_DATE)
            info.external_attr = 0o644 << 16
            zf.writestr(info, data)
    return buf.getvalue()


EXPORT_SCRIPT = r"""
import json, sys
from guantong import flow, clauses
from guantong.policy import load_policy
policy = load_policy(sys.argv[1]) if len(sys.argv) > 1 else load_policy()
notice = clauses.load_notice()
print(json.dumps({
    "flow": flow.export(policy),
    "walker": flow.export_walker(policy),
    "clauses": {c.id: {"anchor": clauses.anchor(c.id), "cite": clauses.cite(c.id)} for c in notice},
    "policyVersion": policy.version,
}, ensure_ascii=False))
"""


def engine_export() -> dict:
    """The declared flow and clause citations, from the engine itself (in a fresh interpreter, so an edit
    to guantong/ is picked up by `mkdocs serve` too); run in the checkout, whose guantong it imports."""
    args = [sys.executable, "-c", EXPORT_SCRIPT]
    if policy_override():
        args.append(str(policy_override()))
    proc = subprocess.run(args, capture_output=True, text=True, encoding="utf-8", cwd=REPO)
    if proc.returncode != 0:
        raise BundleError(f"无法从 guantong 导出问题流程：\n{proc.stderr.strip()}")
    return json.loads(proc.stdout)


APP = SRC / "app"
ESBUILD_OPTIONS = {
    "entryPoints": [str(APP / "main.js")], "bundle": True, "format": "esm", "target": "es2022",
    "charset": "utf8", "minify": True, "legalComments": "none", "logLevel": "warning", "write": False,
    "outdir": "out", "splitting": True, "chunkNames": "chunk-[name]-[hash]",
}
ESBUILD_SCRIPT = """
const esbuild = require("esbuild");
const result = esbuild.buildSync(JSON.parse(process.argv[1]));
const out = {};
for (const f of result.outputFiles) out[require("path").basename(f.path)] = f.text;
process.stdout.write(JSON.stringify(out));
"""


def page_bundle(entry: str = "main.js", splitting: bool = True) -> tuple[str, bytes, dict[str, str]]:
    """The page's script and style: wizard/src/app/main.js and every module and stylesheet it imports,
    bundled by esbuild (npm, pinned) into one script and one stylesheet, so the first question still
    costs one request; what the page imports dynamically (the QR code) becomes a chunk of its own,
    loaded when needed ({esbuild's file name: text}). The script still holds ``__GUANTONG_BUILD__``
    (app/build.js), filled in later."""
    if not (PYODIDE_DIR.parent / "esbuild").is_dir():
        raise BundleError("wizard/node_modules 里没有 esbuild：请先运行 make deps（或在 wizard/ 里运行 npm ci）")
    options = {**ESBUILD_OPTIONS, "entryPoints": [str(APP / entry)], "splitting": splitting}
    proc = subprocess.run([wizard_stdlib.node(), "-e", ESBUILD_SCRIPT, json.dumps(options)],
                          cwd=PYODIDE_DIR.parents[1], capture_output=True, text=True, encoding="utf-8")
    if proc.returncode != 0:
        raise BundleError(f"esbuild 无法打包 wizard/src/app：\n{proc.stderr.strip()}")
    out = json.loads(proc.stdout)
    chunks = {name: text for name, text in out.items() if name.startswith("chunk-")}
    stem = Path(entry).stem
    return out[f"{stem}.js"], out.get(f"{stem}.css", "").encode("utf-8"), chunks


def inline_script(entry: str) -> str:
    """wizard/src/<entry> with what it imports, bundled by esbuild into one ES5 script to put inline in a
    page's head: start.js (with app/support.js: an old WebView parses it, and is told it cannot run the
    engine before anything is downloaded) and care-head.js (关怀模式 before the first paint)."""
    options = {"entryPoints": [str(SRC / entry)], "bundle": True, "format": "iife", "target": "es5",
               "charset": "utf8", "minify": True, "legalComments": "none", "logLevel": "warning", "write": False,
               "outdir": "out"}
    proc = subprocess.run([wizard_stdlib.node(), "-e", ESBUILD_SCRIPT, json.dumps(options)],
                          cwd=PYODIDE_DIR.parents[1], capture_output=True, text=True, encoding="utf-8")
    if proc.returncode != 0:
        raise BundleError(f"esbuild 无法打包 wizard/src/{entry}：\n{proc.stderr.strip()}")
    return json.loads(proc.stdout)[entry].strip()


def prerender(build: dict) -> tuple[str, str, str, str]:
    """The wizard's first screen as HTML, the screen for a browser that cannot run the engine, and the
    inline script that shows one of them, and the header's 关怀模式 switch (wizard/src/prerender.mjs,
    the page's own modules under Node), for the wizard page: the first question without the page script."""
    proc = subprocess.run([wizard_stdlib.node(), str(SRC / "prerender.mjs")],
                          input=json.dumps(build), capture_output=True, text=True, encoding="utf-8")
    if proc.returncode != 0:
        raise BundleError(f"无法预先生成自测的第一个问题（wizard/src/prerender.mjs）：\n{proc.stderr.strip()}")
    out = json.loads(proc.stdout)
    return out["html"], out["tooOld"], out["script"], out["careButton"]


def pyodide_files() -> dict[str, Path]:
    missing = [name for name in PYODIDE_FILES if not (PYODIDE_DIR / name).exists()]
    if missing:
        raise BundleError(f"wizard/node_modules/pyodide 缺少 {', '.join(missing)}：请先运行 make deps（或在 wizard/ 里运行 npm ci）")
    return {name: PYODIDE_DIR / name for name in PYODIDE_FILES}


CDN_DEFAULT = re.compile(rb"https://cdn\.jsdelivr\.net/pyodide/v\$\{\w+\}/full/")


def local_pyodide_mjs(data: bytes) -> bytes:
    """pyodide.mjs without its default CDN address (a fallback the worker never uses, since it always
    passes packageBaseUrl) and without the source map comment (the map is not shipped), so that no file
    of the site names another host."""
    data, count = CDN_DEFAULT.subn(b"./", data)
    if count != 1:
        raise BundleError("pyodide.mjs 中找不到默认的 CDN 地址：Pyodide 升级后请检查 wizard_bundle.local_pyodide_mjs")
    return re.sub(rb"\n//# sourceMappingURL=\S+\s*$", b"\n", data)


COMPILE_HINT = b"//# allFunctionsCalledOnLoad\n"


def hinted_asm_mjs(data: bytes) -> bytes:
    """pyodide.asm.mjs with V8's explicit compile hint (Chrome 136+): the whole file is compiled as it is
    loaded, in the background, instead of function by function when Emscripten's start-up first calls
    them (measured: the start-up after the import ~60 ms shorter on a repeat visit). A comment to any
    other engine."""
    return data if data.startswith(COMPILE_HINT) else COMPILE_HINT + data


def hashed_name(name: str, data: bytes) -> str:
    """``pyodide.asm.wasm`` → ``pyodide.asm.<hash>.wasm``: the content's hash before the last suffix."""
    stem, _, suffix = name.rpartition(".")
    return f"{stem}.{short(data)}.{suffix}"


def engine_needs(wasm: bytes | None = None) -> list:
    """What a browser must support to run this Pyodide, for the page to test before any download
    (wizard/src/app/support.js): each WebAssembly feature ``wasm`` uses (wasm_features.py) with
    wasm-feature-detect's own test module for it (wizard/src/feature_tests.mjs): [name, how, base64].
    Cached by the binary's hash and the library's version (reading 9.6 MB of code takes seconds)."""
    from build_scripts.wizard import wasm_features

    wasm = wasm if wasm is not None else (PYODIDE_DIR / "pyodide.asm.wasm").read_bytes()
    detector = json.loads((PYODIDE_DIR.parent / "wasm-feature-detect" / "package.json").read_text(encoding="utf-8"))["version"]
    script = SRC / "feature_tests.mjs"
    key = short(sha(wasm).encode() + detector.encode() + script.read_bytes() + Path(wasm_features.__file__).read_bytes())
    cached = COMPRESSED_CACHE / f"needs-{key}.json"
    if cached.is_file():
        return json.loads(cached.read_text(encoding="utf-8"))
    names = wasm_features.features(wasm)
    proc = subprocess.run([wizard_stdlib.node(), str(script), *names], capture_output=True, text=True, encoding="utf-8")
    if proc.returncode != 0:
        raise BundleError(f"无法取得 WebAssembly 功能的检测模块（wizard/src/feature_tests.mjs）：\n{proc.stderr.strip()}")
    needs = json.loads(proc.stdout)
    COMPRESSED_CACHE.mkdir(parents=True, exist_ok=True)
    cached.write_text(json.dumps(needs), encoding="utf-8")
    return needs


def lock_info() -> dict:
    return json.loads((PYODIDE_DIR / "pyodide-lock.json").read_text(encoding="utf-8"))["info"]


def fill(template: str, placeholder: str, value) -> str:
    """Replace the one ``= PLACEHOLDER`` of a template (mentions in comments stay as they are; a minified
    bundle writes it ``=PLACEHOLDER``)."""
    slot = re.compile(r"=\s?" + re.escape(placeholder) + r"\b")
    if len(slot.findall(template)) != 1:
        raise BundleError(f"模板中应有且只有一处 = {placeholder}")
    data = json.dumps(value, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    return slot.sub(lambda _: f"= {data}", template)


@dataclass
class Bundle:
    """Everything the wizard adds to the site, built in memory from the sources (see module docstring)."""

    files: dict[str, bytes] = field(default_factory=dict)   # path under site/wizard/ → bytes
    copies: dict[str, Path] = field(default_factory=dict)   # path under site/wizard/ → file to copy
    script: str = ""                                       # assets/wizard.<hash>.js
    style: str = ""                                        # assets/wizard.<hash>.css
    engine_cache: str = ""
    batch_zip: str = ""                                    # engine/batch.<hash>.zip
    batch_script: str = ""                                 # assets/batch.<hash>.js (the page 单位批量自测)
    snapshot_cache: str = ""
    pyodide: dict[str, str] = field(default_factory=dict)   # Pyodide's file name → its path under site/wizard/
    needs: list = field(default_factory=list)              # engine_needs(): what the browser must support
    streamed: dict[str, str] = field(default_factory=dict)  # path under site/wizard/ → sha256
    start_script: str = ""                                 # wizard/src/start.js (inline in the page)
    care_script: str = ""                                  # wizard/src/care-head.js (inline in every page's head)
    care_button: str = ""                                  # the header's 关怀模式 switch (app/care.js)
    site_script: str = ""                                  # assets/site.<hash>.js (every page: app/site.js)
    calc_script: str = ""                                  # assets/posting-calc.<hash>.js (pathway A's page)
    preload_script: str = ""                               # wizard/src/preload.js (inline, end of the head)
    build: dict = field(default_factory=dict)              # the page script's constants (app/build.js)
    sizes: dict[str, int] = field(default_factory=dict)

    @property
    def worker(self) -> str:
        """assets/worker.<hash>.mjs"""
        return next(name for name in self.files if name.startswith("assets/worker."))

    loader: str = ""                                       # assets/loader.<hash>.js (every page)

    @property
    def extra_javascript(self) -> str:
        """What every page loads: the small loader, which imports the wizard's script where it mounts."""
        return f"{OUT}/{self.loader}"

    @property
    def extra_css(self) -> str:
        return f"{OUT}/{self.style}"


def build_bundle() -> Bundle:
    b = Bundle()
    exported = engine_export()
    b.files["flow.json"] = json.dumps(exported["flow"], ensure_ascii=False, indent=1).encode("utf-8")

    stdlib, pycs, batch = wizard_stdlib.build_all(engine_zip(), deterministic_zip(batch_sources()))
    zipped = engine_zip(pycs)
    zip_name = f"engine/guantong.{short(zipped)}.zip"
    b.files[zip_name] = zipped
    # The batch page's part (guantong_tools.batch, openpyxl): fetched by the worker only when that page asks.
    b.batch_zip = f"engine/batch.{short(batch)}.zip"
    b.files[b.batch_zip] = batch

    pyodide = pyodide_files()
    digests = {}
    for name, path in pyodide.items():
        data = path.read_bytes()
        if name == "pyodide.mjs":
            data = local_pyodide_mjs(data)
        elif name == "python_stdlib.zip":
            data = stdlib
        elif name == "pyodide.asm.mjs":
            data = hinted_asm_mjs(data)
        # Named by content, as the engine's other files: served for a year (immutable), so that a browser
        # without a service worker (WeChat on iOS) finds them in its HTTP cache on the next visit.
        rel = b.pyodide[name] = f"pyodide/{hashed_name(name, data)}"
        if name == "pyodide.asm.wasm":
            b.copies[rel] = path
        else:
            b.files[rel] = data
        digests[name] = sha(data)
        b.sizes[rel] = len(data)
    b.streamed = {b.pyodide[name]: digests[name] for name in STREAMED.values()}
    b.needs = engine_needs(pyodide["pyodide.asm.wasm"].read_bytes())
    info = lock_info()
    b.engine_cache = "guantong-wizard-pyodide-" + short(json.dumps([b.streamed, info], sort_keys=True).encode())

    # Python's memory after the first boot, kept by the worker (worker.mjs): valid for this Pyodide and engine.
    b.snapshot_cache = "guantong-wizard-snapshot-" + short(json.dumps([b.engine_cache, zip_name]).encode())
    # "asks": the address Pyodide itself asks for (index URL + its own file name), answered with the file.
    worker_files = {key: {"path": f"../{b.pyodide[name]}", "asks": f"../pyodide/{name}", "size": b.sizes[b.pyodide[name]],
                          "cache": True} for key, name in STREAMED.items()}
    worker_files["engine"] = {"path": f"../{zip_name}", "size": len(zipped), "cache": False}
    # Sizes on the wire (the twins write_bundle puts beside them), for the progress a person sees.
    for key, f in worker_files.items():
        data = zipped if key == "engine" else b.files.get(b.pyodide[STREAMED[key]]) or pyodide[STREAMED[key]].read_bytes()
        f["wireSizes"] = wire_sizes(data)
        f["wire"] = f["wireSizes"]["br"]
    worker = fill((SRC / "worker.mjs").read_text(encoding="utf-8"), "__GUANTONG_WORKER__", {
        "files": worker_files,
        "indexPath": "../pyodide/",
        "pyodideJs": f"../{b.pyodide['pyodide.mjs']}",
        "engineCache": b.engine_cache,
        "snapshotCache": b.snapshot_cache,
        "lockInfo": info,
        "appDir": APP_DIR,
        "batch": {"path": f"../{b.batch_zip}", "size": len(batch), "wireSizes": wire_sizes(batch),
                  "dir": BATCH_DIR},
        "ops": bridge_ops(),
    }).encode("utf-8")
    worker_name = f"worker.{short(worker)}.mjs"
    b.files[f"assets/{worker_name}"] = worker
    b.start_script = inline_script("start.js")
    b.care_script = inline_script("care-head.js")
    b.preload_script = (SRC / "preload.js").read_text(encoding="utf-8").strip()

    page_script, style, chunks = page_bundle()
    for esbuild_name, text in chunks.items():
        # Our own content-hashed name (nginx's long cache rule knows hex hashes), beside the script.
        data = text.encode("utf-8")
        name = f"wizard-{esbuild_name.split('-')[1]}.{short(data)}.js"
        if f"./{esbuild_name}" not in page_script:
            raise BundleError(f"esbuild 的分块 {esbuild_name} 未被页面脚本引用")
        page_script = page_script.replace(f"./{esbuild_name}", f"./{name}")
        b.files[f"assets/{name}"] = data
    b.style = f"assets/wizard.{short(style)}.css"
    b.files[b.style] = style

    build = {
        "flow": {"questions": exported["flow"], **exported["walker"]},
        "clauses": exported["clauses"],
        "policyVersion": exported["policyVersion"],
        "worker": f"./{worker_name}",
        "sw": "../../sw.js",
        "engineCache": b.engine_cache,
        "downloadBytes": sum(f["wire"] for f in worker_files.values()),
        "needs": b.needs,
        "version": short(worker + style + zipped),
    }
    b.build = build
    b.ahead_html, b.too_old_html, b.ahead_script, b.care_button = prerender(build)
    script = fill(page_script, "__GUANTONG_BUILD__", build).encode("utf-8")
    b.script = f"assets/wizard.{short(script)}.js"
    b.files[b.script] = script
    # The batch page's script (app/batch/page.js): its own bundle, so the wizard's stays one request.
    b.files[BATCH_TEMPLATE] = batch_template()
    batch_script, _, _ = page_bundle("batch/page.js", splitting=False)
    limits = batch_limits()
    batch_build = {
        "clauses": exported["clauses"], "policyVersion": exported["policyVersion"], "worker": build["worker"],
        "downloadBytes": build["downloadBytes"], "needs": b.needs, "version": build["version"], "maxBytes": limits["max_bytes"],
        "tooLarge": limits["too_large"],
        "template": f"../{OUT}/{BATCH_TEMPLATE}", "templateName": BATCH_TEMPLATE_NAME, "sw": build["sw"],
    }
    script = fill(batch_script, "__GUANTONG_BUILD__", batch_build).encode("utf-8")
    b.batch_script = f"assets/batch.{short(script)}.js"
    b.files[b.batch_script] = script
    # Every page's own script (app/site.js: the care switch, reading aloud): a bundle of its own, small.
    site_script, _, _ = page_bundle("site.js", splitting=False)
    data = site_script.encode("utf-8")
    b.site_script = f"assets/site.{short(data)}.js"
    b.files[b.site_script] = data
    # The posting-period calculator (app/posting/calc.js): only where pathway A's page has it.
    calc_script, _, _ = page_bundle("posting/calc.js", splitting=False)
    data = calc_script.encode("utf-8")
    b.calc_script = f"assets/posting-calc.{short(data)}.js"
    b.files[b.calc_script] = data
    loader = fill((SRC / "loader.js").read_text(encoding="utf-8"), "__GUANTONG_LOADER__", {
        "*": f"./{b.site_script.removeprefix('assets/')}",
        "gt-posting-calc": f"./{b.calc_script.removeprefix('assets/')}",
        "gt-wizard": f"./{b.script.removeprefix('assets/')}", "gt-batch": f"./{b.batch_script.removeprefix('assets/')}",
    }).encode("utf-8")
    b.loader = f"assets/loader.{short(loader)}.js"
    b.files[b.loader] = loader
    for name, data in b.files.items():
        b.sizes[name] = len(data)
    return b


# --- writing into the built site ------------------------------------------------------------------------
class _Assets(html.parser.HTMLParser):
    """Same-site stylesheets, scripts and icons referenced by a page."""

    def __init__(self):
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "script" and a.get("src"):
            self.urls.append(a["src"])
        elif tag == "link" and a.get("href"):
            rel = (a.get("rel") or "").lower().split()
            if {"stylesheet", "icon", "modulepreload", "manifest", "apple-touch-icon"} & set(rel):
                self.urls.append(a["href"])


def page_assets(site_dir: Path, page: str) -> list[str]:
    """Site-relative paths of the same-site assets of ``page`` (e.g. "wizard/index.html")."""
    parser = _Assets()
    parser.feed((site_dir / page).read_text(encoding="utf-8"))
    base = posixpath.dirname(page)
    found = []
    for url in parser.urls:
        if "://" in url or url.startswith(("//", "data:", "blob:")):
            continue
        path = url.split("#", 1)[0].split("?", 1)[0]
        rel = posixpath.normpath(path.lstrip("/") if path.startswith("/") else posixpath.join(base, path))
        if not rel.startswith("..") and (site_dir / rel).is_file() and rel not in found:
            found.append(rel)
    return found


def _compressed(data: bytes, coding: str) -> bytes:
    if coding == "gz":
        return gzip.compress(data, compresslevel=9, mtime=0)
    import brotli  # the `site` extra (pyproject.toml)

    return brotli.compress(data, quality=11, lgwin=24)


def compressed(data: bytes, coding: str) -> bytes:
    """``data`` gzipped or brotli-compressed at the best level; large results are cached by content hash."""
    if len(data) < 200_000:
        return _compressed(data, coding)
    cached = COMPRESSED_CACHE / f"{sha(data)}.{coding}"
    if cached.is_file():
        return cached.read_bytes()
    packed = _compressed(data, coding)
    COMPRESSED_CACHE.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=COMPRESSED_CACHE, delete=False) as tmp:
        tmp.write(packed)
    os.replace(tmp.name, cached)
    return packed


def wire_sizes(data: bytes) -> dict[str, int]:
    """What ``data`` weighs as served: its brotli and gzip twins where compressed_twins writes them."""
    out = {}
    for coding in ("br", "gz"):
        packed = compressed(data, coding) if len(data) >= GZIP_MIN_BYTES else data
        out[coding] = len(packed) if len(packed) < len(data) * 0.9 else len(data)
    return out


def compressed_twins(path: Path) -> None:
    """``FILE.br`` and ``FILE.gz`` beside ``FILE`` when they are worth it (at least 10 % smaller)."""
    data = path.read_bytes()
    for coding in ("br", "gz"):
        packed = compressed(data, coding)
        if len(packed) < len(data) * 0.9:
            path.with_name(f"{path.name}.{coding}").write_bytes(packed)


gzip_twin = compressed_twins  # the earlier name


#: Pages kept offline after one wizard visit (with everything they load), besides the wizard's own.
OFFLINE_PAGES = ("index.html", "policy/index.html", "pathway-a/index.html", "pathway-b/index.html", "faq/index.html",
                 "glossary/index.html", "contact/index.html", "privacy/index.html", "offline/index.html")
OFFLINE_PAGE = "offline/index.html"   # what the service worker shows for a page it has not kept, offline

PRELOAD_MARK = "<!-- guantong-wizard: preload -->"
START_MARK = "<!-- guantong-wizard: start -->"
CHARSET = re.compile(r"<meta\s+charset=[^>]*>", re.I)


def preload_hints(b: Bundle) -> tuple[str, list]:
    """Hints for the wizard page's head, so that the engine's downloads start while the page loads instead
    of after the worker has imported pyodide.mjs (two round trips later); the worker's own requests then
    find them in the HTTP cache. Returns the page's own hint (``<link>`` markup) and the engine's
    ([rel, href, fetchpriority], added by wizard/src/preload.js only where start.js found the browser can
    run the engine, so that one which cannot downloads none of it). The big files are low priority, so
    the page's CSS and script (the first question) go first."""
    engine = next(name for name in b.files if name.startswith("engine/guantong."))
    # The page script first and high: on a phone the first question waits for it, and when Material's
    # bundle arrives first, it runs first and holds the main thread for a third of a second (measured).
    page = PRELOAD_MARK + f'<link rel="modulepreload" href="{b.script}" fetchpriority="high">'
    hints = [["modulepreload", b.worker, ""], ["preload", b.pyodide["pyodide.mjs"], ""]]
    # Not the standard library (934 kB): fetched by the worker from its start, it arrives as early (the
    # wasm fills the connection until then), and hinted here it finished before the page script's first
    # paint often enough that Lighthouse's simulation counted it in the LCP (3.4 s or 8.1 s at random;
    # perf 73 → 90 without it, engine ready on the phone profile within the noise: 6443 → 6609 ms).
    for name in (engine, *[b.pyodide[STREAMED[key]] for key in ("asm", "wasm")]):
        hints.append(["preload", name, "low"])
    return page, hints


CLASSIC_SCRIPT = re.compile(r'<script src="([^"]+)"></script>')


SCRIPT_MARK = "<!-- guantong-wizard: script -->"
AHEAD_MARK = "<!-- guantong-wizard: first question -->"


def add_page_parts(text: str, b: Bundle) -> str:
    """The wizard page ``text`` with what the wizard adds to it:

    - the start script (wizard/src/start.js, inline: it starts the worker before the wizard's script has
      run), first in the head after ``<meta charset>``, where no stylesheet it would wait for comes before
      it, with the worker's file name in a ``<meta>`` (the script's text, and so its hash in the policy,
      stays the same when the engine or the policy data change);
    - the first question, built ahead (wizard/src/prerender.mjs) where docs/wizard/index.md marks it, with
      the inline script that shows it (wizard/src/ahead.js), so that it is on screen, answerable, before
      the page script has arrived;
    - the wizard's script as an async module where docs/wizard/index.md says (right after its
      ``<div id="gt-wizard">``), so that it shows the first question as soon as it has arrived, without
      waiting for Material's bundle at the end of the body (extra_javascript still loads it on every other
      page, for instant navigation; a module runs once however many tags name it);
    - the preload hints, last in the head.

    wizard_hooks adds them as MkDocs writes the page (before the policy is computed); a page that has them
    is left as it is."""
    if START_MARK in text:
        return text
    if AHEAD_MARK in text:
        # Hidden until ahead.js (inline, right after) shows it: without scripts the fallback stays.
        text = text.replace(AHEAD_MARK, f'<div class="gt-ahead" data-gt-ahead hidden>{b.ahead_html}</div>'
                                        f'<div class="gt-ahead" data-gt-too-old hidden>{b.too_old_html}</div>'
                                        f'<script>{b.ahead_script}</script>', 1)
    if SCRIPT_MARK in text:
        text = text.replace(SCRIPT_MARK, f'{SCRIPT_MARK}<script type="module" src="{b.script}" async></script>', 1)
    # The page's own classic scripts (Material's bundle and the site's, at the end of the body) block the
    # wizard's module script; fetched late and one by one, they decide when the first question shows.
    scripts = "".join(f'<link rel="preload" href="{src}" as="script">' for src in CLASSIC_SCRIPT.findall(text)
                      if "://" not in src and not src.startswith("//") and src != b.loader)
    page, engine = preload_hints(b)
    # Material's after the page script's hint; then the engine's, when the browser can run it.
    hints = (page + scripts + f'<meta name="guantong-preload" content="{html_escape(json.dumps(engine, separators=(",", ":")))}">'
             f'<script>{b.preload_script}</script>')
    needs = html_escape(json.dumps(b.needs, separators=(",", ":")))
    start = (f'{START_MARK}<meta name="guantong-worker" content="{b.worker}"><meta name="guantong-needs" content="{needs}">'
             f'<script>{b.start_script}</script>')
    charset = CHARSET.search(text)
    if text.count("</head>") == 1 and charset:
        text = text[: charset.end()] + start + text[charset.end():]
        text = text.replace("</head>", hints + "</head>")
    else:  # a page without a head of its own (the tests' fake site): all first
        text = start + hints + text
    return text


BATCH_SCRIPT_MARK = "<!-- guantong-batch: script -->"
BATCH_TEMPLATE_MARK = "<!-- guantong-batch: template -->"


def add_batch_parts(text: str, b: Bundle) -> str:
    """The batch page (docs/batch/index.md) with its script as an async module where the page says (the
    loader imports it after instant navigation) and the template's link in its fallback (a plain
    download that needs no script)."""
    link = f'<a href="../{OUT}/{BATCH_TEMPLATE}" download="{BATCH_TEMPLATE_NAME}">下载空白模板（xlsx）</a>'
    text = text.replace(BATCH_TEMPLATE_MARK, link, 1)
    return text.replace(BATCH_SCRIPT_MARK, f'<script type="module" src="../{OUT}/{b.batch_script}" async></script>', 1)


def write_bundle(b: Bundle, site_dir: str | Path) -> dict:
    """Write the bundle into a built site (after MkDocs wrote the wizard page) and the service worker.
    Returns a summary: the precache lists and the cache names."""
    site = Path(site_dir)
    out = site / OUT
    out.mkdir(parents=True, exist_ok=True)
    for sub in ("assets", "engine", "pyodide"):
        target = out / sub
        if target.exists():
            # Drop the hashed files of earlier builds (mkdocs serve rebuilds into the same directory).
            for old in target.iterdir():
                if old.is_file():
                    old.unlink()
    written: list[Path] = []
    for name, data in b.files.items():
        path = out / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        written.append(path)
    for name, source in b.copies.items():
        path = out / name
        path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, path)
        written.append(path)
    for path in written:
        if path.suffix in GZIP_SUFFIXES and path.stat().st_size >= GZIP_MIN_BYTES and path.name != "flow.json":
            compressed_twins(path)

    page = f"{OUT}/index.html"
    if not (site / page).is_file():
        raise BundleError(f"MkDocs 没有生成 {page}：docs/wizard/index.md 不见了？")
    (site / page).write_text(add_page_parts((site / page).read_text(encoding="utf-8"), b), encoding="utf-8")
    shell = [page]
    for rel in page_assets(site, page):
        if rel not in shell:
            shell.append(rel)
    for name in b.files:
        rel = f"{OUT}/{name}"
        # Not the batch page's files (its script, template and openpyxl): that page keeps them itself when
        # visited (app/batch/page.js asks the service worker; the worker caches the zip).
        if rel not in shell and name not in ("flow.json", b.batch_zip, b.batch_script, BATCH_TEMPLATE):
            shell.append(rel)
    rel = f"{OUT}/{b.pyodide['pyodide.mjs']}"
    if rel not in shell:
        shell.append(rel)
    # Material reads these on every page load (instant navigation, search): offline they must be there.
    for rel in ("sitemap.xml", "search/search_index.json"):
        if (site / rel).is_file():
            shell.append(rel)
    # What the wizard links to, and what those pages need, offline after one wizard visit (issue 13):
    # the notice (a result's clause links), both pathway pages (the condition tables the failure screen
    # recommends), FAQ, glossary, contact, privacy, home; Material's search worker and its Chinese
    # language files. Other pages are kept as they are visited (sw.js).
    pages = [rel for rel in OFFLINE_PAGES if (site / rel).is_file()]
    for page_rel in pages:
        for rel in [page_rel, *page_assets(site, page_rel)]:
            if rel not in shell:
                shell.append(rel)
    search = site / "assets" / "javascripts"
    for path in sorted([*search.glob("workers/search.*.min.js"), *search.glob("lunr/min/lunr.stemmer.support.min.js"),
                        *search.glob("lunr/min/lunr.zh.min.js"), *search.glob("lunr/min/lunr.multi.min.js"),
                        *search.glob("lunr/tinyseg.js")]):
        rel = path.relative_to(site).as_posix()
        if rel not in shell:
            shell.append(rel)
    streamed = [f"{OUT}/{name}" for name in b.streamed]
    # The rest of what the wizard page downloads (the page, Material's CSS and JS, the search index the
    # service worker precaches) gets its twins too: this hook runs last, after every file is written.
    # Material's search worker and its language files (assets/javascripts/) are read on this page too.
    theme = sorted(p.relative_to(site).as_posix() for p in (site / "assets").rglob("*") if p.is_file()) \
        if (site / "assets").is_dir() else []
    for rel in dict.fromkeys(shell + theme):
        path = site / rel
        if path.suffix in SITE_SUFFIXES and path.stat().st_size >= GZIP_MIN_BYTES and path not in written:
            compressed_twins(path)

    digest = hashlib.sha256()
    for rel in shell:
        digest.update(rel.encode() + b"\0" + sha((site / rel).read_bytes()).encode() + b"\n")
    digest.update(b.engine_cache.encode())
    version = digest.hexdigest()[:12]
    shell_cache = f"guantong-wizard-shell-{version}"

    def from_sw(rel: str) -> str:
        """A file's URL as sw.js (at the site's root) asks for it: a page by its directory."""
        return rel[: -len("index.html")] or "./" if rel.endswith("index.html") else rel

    sw = fill((SRC / "sw.js").read_text(encoding="utf-8"), "__GUANTONG_SW__", {
        "version": version,
        "shellCache": shell_cache,
        "engineCache": b.engine_cache,
        "snapshotCache": b.snapshot_cache,
        "pagesCache": f"guantong-wizard-pages-{version}",
        "shell": [from_sw(rel) for rel in shell],
        "offline": from_sw(OFFLINE_PAGE) if (site / OFFLINE_PAGE).is_file() else None,
        "engine": [from_sw(rel) for rel in streamed],
    })
    (site / "sw.js").write_text(sw, encoding="utf-8")
    (out / "sw.js").unlink(missing_ok=True)   # where it was before it served the whole site
    return {
        "version": version,
        "shell_cache": shell_cache,
        "engine_cache": b.engine_cache,
        "shell": shell,
        "engine": streamed,
        "bytes": {rel: (site / rel).stat().st_size for rel in shell + streamed},
    }
