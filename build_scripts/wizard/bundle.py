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

The work is split by what it makes: common.py (paths, hashes, fill), zips.py (the engine's and the batch
page's zips, export_engine.py), pyodide_files.py (Pyodide's files), scripts.py (the pages' scripts and
the parts added to their HTML, esbuild.cjs), writing.py (into the built site, the service worker); this
module puts them together (build_bundle).

Two caches, both named by content hashes so that a new deployment never serves stale rules:
``guantong-wizard-pyodide-<hash>`` holds the three big Pyodide files (filled by the worker as it
downloads them, so nothing is downloaded twice) and outlives deployments that do not change Pyodide;
``guantong-wizard-shell-<hash>`` holds everything else the page needs (precached by the service worker).
"""

from __future__ import annotations

import json
from pathlib import Path

from build_scripts.wizard import stdlib as wizard_stdlib
from build_scripts.wizard.common import OUT, SRC, Bundle, BundleError, deterministic_zip, fill, sha, short
from build_scripts.wizard.pyodide_files import (
    STREAMED,
    engine_needs,
    hashed_name,
    hinted_asm_mjs,
    local_pyodide_mjs,
    lock_info,
    pyodide_files,
)
from guantong.workdays import POSTING_WORKDAYS
from build_scripts.wizard.scripts import inline_script, page_bundle, prerender, worker_bundle
from build_scripts.wizard.writing import wire_sizes
from build_scripts.wizard.zips import (
    APP_DIR,
    BATCH_DIR,
    BATCH_TEMPLATE,
    BATCH_TEMPLATE_NAME,
    batch_limits,
    batch_sources,
    batch_template,
    bridge_ops,
    engine_export,
    engine_zip,
    staff_words,
)


def build_bundle() -> Bundle:
    """Everything the wizard adds to the site, in memory: the engine's zips, Pyodide's files, the worker,
    the pages' scripts (write_bundle in writing.py puts them into the built site)."""
    b = Bundle()
    exported = engine_export()
    b.files["flow.json"] = json.dumps(exported["flow"], ensure_ascii=False, indent=1).encode("utf-8")
    stdlib, zipped = add_zips(b)
    pyodide = add_pyodide(b, stdlib)
    worker, worker_files = add_worker(b, zipped, pyodide)
    add_wizard_script(b, exported, worker, worker_files, zipped)
    add_other_scripts(b, exported)
    for name, data in b.files.items():
        b.sizes[name] = len(data)
    return b


def add_zips(b: Bundle) -> tuple[bytes, bytes]:
    """The engine's zip (with its bytecode compiled inside Pyodide) and the batch page's; returns the
    trimmed standard library and the engine zip."""
    stdlib, pycs, batch = wizard_stdlib.build_all(engine_zip(), deterministic_zip(batch_sources()))
    zipped = engine_zip(pycs)
    b.engine_zip = f"engine/guantong.{short(zipped)}.zip"
    b.files[b.engine_zip] = zipped
    # The batch page's part (guantong_tools.batch, openpyxl): fetched by the worker only when that page asks.
    b.batch_zip = f"engine/batch.{short(batch)}.zip"
    b.files[b.batch_zip] = batch
    return stdlib, zipped


def add_pyodide(b: Bundle, stdlib: bytes) -> dict[str, Path]:
    """Pyodide's files, named by their content, and the caches they go in."""
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
    b.lock_info = lock_info()
    b.engine_cache = "guantong-wizard-pyodide-" + short(json.dumps([b.streamed, b.lock_info], sort_keys=True).encode())
    # Python's memory after the first boot, kept by the worker (worker/store.mjs): valid for this Pyodide and engine.
    b.snapshot_cache = "guantong-wizard-snapshot-" + short(json.dumps([b.engine_cache, b.engine_zip]).encode())
    return pyodide


def add_worker(b: Bundle, zipped: bytes, pyodide: dict[str, Path]) -> tuple[bytes, dict]:
    """The module worker with its constants (the files it fetches, their sizes on the wire, the caches, the
    bridges' operations); returns it and its files."""
    # "asks": the address Pyodide itself asks for (index URL + its own file name), answered with the file.
    worker_files = {
        key: {"path": f"../{b.pyodide[name]}", "asks": f"../pyodide/{name}", "size": b.sizes[b.pyodide[name]], "cache": True}
        for key, name in STREAMED.items()
    }
    worker_files["engine"] = {"path": f"../{b.engine_zip}", "size": len(zipped), "cache": False}
    # Sizes on the wire (the twins write_bundle puts beside them), for the progress a person sees.
    for key, f in worker_files.items():
        data = zipped if key == "engine" else b.files.get(b.pyodide[STREAMED[key]]) or pyodide[STREAMED[key]].read_bytes()
        f["wireSizes"] = wire_sizes(data)
        f["wire"] = f["wireSizes"]["br"]
    batch = b.files[b.batch_zip]
    worker = fill(
        worker_bundle(),
        "__GUANTONG_WORKER__",
        {
            "files": worker_files,
            "indexPath": "../pyodide/",
            "pyodideJs": f"../{b.pyodide['pyodide.mjs']}",
            "engineCache": b.engine_cache,
            "snapshotCache": b.snapshot_cache,
            "lockInfo": b.lock_info,
            "appDir": APP_DIR,
            "batch": {"path": f"../{b.batch_zip}", "size": len(batch), "wireSizes": wire_sizes(batch), "dir": BATCH_DIR},
            "batchOps": bridge_ops()["batch"],  # what the worker routes to the batch bridge
        },
    ).encode("utf-8")
    b.files[f"assets/worker.{short(worker)}.mjs"] = worker
    return worker, worker_files


def add_wizard_script(b: Bundle, exported: dict, worker: bytes, worker_files: dict, zipped: bytes) -> None:
    """The wizard page's script, its chunks and style, its inline head scripts and the first question built
    ahead."""
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
    b.build = {
        "flow": {"questions": exported["flow"], **exported["walker"]},
        "clauses": exported["clauses"],
        "policyVersion": exported["policyVersion"],
        "worker": f"./{b.worker.removeprefix('assets/')}",
        "sw": "../../sw.js",
        "engineCache": b.engine_cache,
        "downloadBytes": sum(f["wire"] for f in worker_files.values()),
        "needs": b.needs,
        "version": short(worker + style + zipped),
    }
    b.ahead_html, b.too_old_html, b.ahead_script, b.care_button = prerender(b.build)
    script = fill(page_script, "__GUANTONG_BUILD__", b.build).encode("utf-8")
    b.script = f"assets/wizard.{short(script)}.js"
    b.files[b.script] = script


def add_other_scripts(b: Bundle, exported: dict) -> None:
    """The batch page's script and template, every page's own script, the posting calculator's, and the
    loader that imports each where its page has its element."""
    build = b.build
    # The batch page's script (app/batch/page.js): its own bundle, so the wizard's stays one request.
    b.files[BATCH_TEMPLATE] = batch_template()
    batch_script, _, _ = page_bundle("batch/page.js", splitting=False)
    limits = batch_limits()
    batch_build = {
        "clauses": exported["clauses"],
        "policyVersion": exported["policyVersion"],
        "worker": build["worker"],
        "downloadBytes": build["downloadBytes"],
        "needs": b.needs,
        "version": build["version"],
        "maxBytes": limits["max_bytes"],
        "tooLarge": limits["too_large"],
        "template": f"../{OUT}/{BATCH_TEMPLATE}",
        "templateName": BATCH_TEMPLATE_NAME,
        "postingWorkdays": POSTING_WORKDAYS,  # the draft's words (2.5.1.3)
        "sw": build["sw"],
    }
    script = fill(batch_script, "__GUANTONG_BUILD__", batch_build).encode("utf-8")
    b.batch_script = f"assets/batch.{short(script)}.js"
    b.files[b.batch_script] = script
    # The staff page's script (app/staff/page.js, 数据检查与预览): the batch page's worker and zip.
    staff_script, _, _ = page_bundle("staff/page.js", splitting=False)
    staff_build = {
        "worker": build["worker"],
        "downloadBytes": build["downloadBytes"],
        "needs": b.needs,
        "version": build["version"],
        "sw": build["sw"],
        **staff_words(),
    }
    script = fill(staff_script, "__GUANTONG_BUILD__", staff_build).encode("utf-8")
    b.staff_script = f"assets/staff.{short(script)}.js"
    b.files[b.staff_script] = script
    # Every page's own script (app/site.js: the care switch, reading aloud): a bundle of its own, small.
    data = page_bundle("site.js", splitting=False)[0].encode("utf-8")
    b.site_script = f"assets/site.{short(data)}.js"
    b.files[b.site_script] = data
    # The posting-period calculator (app/posting/calc.js): only where pathway A's page has it.
    data = page_bundle("posting/calc.js", splitting=False)[0].encode("utf-8")
    b.calc_script = f"assets/posting-calc.{short(data)}.js"
    b.files[b.calc_script] = data
    loader = fill(
        (SRC / "loader.js").read_text(encoding="utf-8"),
        "__GUANTONG_LOADER__",
        {
            "*": f"./{b.site_script.removeprefix('assets/')}",
            "gt-posting-calc": f"./{b.calc_script.removeprefix('assets/')}",
            "gt-wizard": f"./{b.script.removeprefix('assets/')}",
            "gt-batch": f"./{b.batch_script.removeprefix('assets/')}",
            "gt-staff-check": f"./{b.staff_script.removeprefix('assets/')}",
        },
    ).encode("utf-8")
    b.loader = f"assets/loader.{short(loader)}.js"
    b.files[b.loader] = loader
