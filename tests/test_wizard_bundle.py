"""What the wizard adds to the site (build_scripts/wizard/bundle.py), without a browser: the engine zip is
the engine and runs on its own, names and cache versions follow the contents, templates are filled."""

from __future__ import annotations

import html
import io
import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from build_scripts.wizard import common as wizard_common
from build_scripts.wizard import scripts as wizard_scripts
from build_scripts.wizard import writing as wizard_writing
from build_scripts.wizard import zips as wizard_zips
from guantong import flow

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wb():
    from build_scripts.wizard import bundle as module

    if not (wizard_common.PYODIDE_DIR / "pyodide.mjs").exists():
        if os.environ.get("CI"):
            pytest.fail("wizard/node_modules/pyodide is missing: run make deps", pytrace=False)
        pytest.skip("wizard/node_modules/pyodide is missing: run make deps")
    return module


@pytest.fixture(scope="module")
def bundle(wb):
    return wb.build_bundle()


def test_engine_zip_is_the_engine_and_nothing_else(wb, bundle):
    [name] = [n for n in bundle.files if n.startswith("engine/guantong.")]
    names = set(zipfile.ZipFile(io.BytesIO(bundle.files[name])).namelist())
    # The engine package whole; the staff tools (guantong_tools) stay off the phone.
    expected = {p.relative_to(REPO).as_posix() for p in (REPO / "guantong").rglob("*.py") if "__pycache__" not in p.parts}
    expected |= {p.relative_to(REPO).as_posix() for p in (REPO / "guantong" / "data").glob("*.toml")}
    expected |= {"guantong/data/words.json"}
    expected |= {"guantong_bridge.py", "guantong_wizard.py"}
    # and the bytecode of every module, compiled by Pyodide's Python (cpython-314), beside its source
    pycs = {n for n in expected if n.endswith(".py")}
    expected |= {f"{n.rpartition('/')[0]}/__pycache__/{n.rpartition('/')[2][:-3]}.cpython-314.pyc".lstrip("/") for n in pycs}
    assert names == expected


def test_batch_zip_holds_the_batch_page_s_python_and_is_off_the_wizard_s_path(wb, bundle, tmp_path):
    """guantong_tools.batch, its bridge, the pinned openpyxl, et_xmlfile, xlrd, odfpy and defusedxml (with their licences) and the few
    standard library modules they add, all compiled by Pyodide's Python; no lxml (not pure Python); not in
    the wizard's precache, not preloaded: the wizard never downloads it."""
    names = set(zipfile.ZipFile(io.BytesIO(bundle.files[bundle.batch_zip])).namelist())
    assert {
        "guantong_tools/__init__.pyc",
        "guantong_tools/batch/__init__.pyc",
        "guantong_tools/batch/xlsx_patch.pyc",
        "guantong_batch.pyc",
        "openpyxl/__init__.pyc",
        "et_xmlfile/__init__.pyc",
        "xlrd/__init__.pyc",
        "odf/opendocument.pyc",
        "defusedxml/sax.pyc",
        "openpyxl/LICENCE.rst",
        "et_xmlfile/LICENCE.rst",
        "xlrd/LICENSE",
        "defusedxml/LICENSE",
        "odf/METADATA",
    } <= names
    assert "odf/odf2xhtml.pyc" not in names, "odfpy's converters stay out"
    assert not [n for n in names if n.endswith(".py") or n.startswith("lxml")]
    assert {"xml/etree/ElementTree.pyc", "csv.pyc"} <= names, "the standard library the batch run imports"
    page, engine = wizard_scripts.preload_hints(bundle)
    assert "batch." not in page + json.dumps(engine)
    assert bundle.batch_zip not in bundle.build["worker"] and "batch" not in bundle.build
    summary = wizard_writing.write_bundle(bundle, _fake_site(tmp_path))
    assert not [u for u in summary["shell"] if "/engine/batch." in u]


def _fake_site(tmp_path):
    site = tmp_path / "site"
    (site / "wizard").mkdir(parents=True)
    (site / "wizard" / "index.html").write_text('<html><head><meta charset="utf-8"></head><body></body></html>', encoding="utf-8")
    return site


def test_engine_zip_runs_on_its_own(bundle, tmp_path):
    """Unpacked anywhere (as Pyodide does), it answers without the checkout."""
    [name] = [n for n in bundle.files if n.startswith("engine/guantong.")]
    zipfile.ZipFile(io.BytesIO(bundle.files[name])).extractall(tmp_path)
    # -E -s: no PYTHON* variables, no user site; the unpacked folder is the script's directory, first on the import path.
    (tmp_path / "check.py").write_text(
        "import json, sys; import guantong_wizard as g, guantong; assert guantong.__file__.startswith(sys.argv[1]); "
        "print(g.call('state', json.dumps({'answers': {'direction': 'title_to_skill'}})))",
        encoding="utf-8",
    )
    out = subprocess.run([sys.executable, "-E", "-s", str(tmp_path / "check.py"), str(tmp_path)], capture_output=True, text=True, cwd="/")
    assert out.returncode == 0, out.stderr
    reply = json.loads(out.stdout)
    assert reply["ok"] and reply["value"]["next"]["id"] == "deadline"


def test_same_sources_same_names(wb, bundle):
    again = wb.build_bundle()
    assert sorted(again.files) == sorted(bundle.files)
    assert again.engine_cache == bundle.engine_cache
    for name, data in bundle.files.items():
        assert again.files[name] == data, name


def test_templates_are_filled(bundle):
    script = bundle.files[bundle.script].decode()
    assert "__GUANTONG_BUILD__" not in script
    build = bundle.build
    assert json.dumps(build, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/") in script
    assert build["flow"]["questions"] == json.loads(json.dumps(flow.export(), ensure_ascii=False))
    assert build["flow"]["name_noise"] == flow.export_walker()["name_noise"]
    assert build["clauses"]["2.4.1.2"]["anchor"] == "c-2-4-1-2"
    worker_name = build["worker"].removeprefix("./")
    assert f"assets/{worker_name}" in bundle.files
    worker = bundle.files[f"assets/{worker_name}"].decode()
    assert "__GUANTONG_WORKER__;" not in worker
    assert bundle.engine_cache in worker
    assert '"abi_version"' in worker, "the lock's info is inlined: no lock file request"
    assert bundle.extra_javascript.startswith("wizard/assets/loader.") and bundle.extra_css.endswith(".css")
    loader = bundle.files[bundle.loader].decode()
    assert f'"./{bundle.script.removeprefix("assets/")}"' in loader and "__GUANTONG_LOADER__" not in loader.split("*/", 1)[1]


@pytest.mark.skipif(not shutil.which("node"), reason="node is not installed")
def test_generated_scripts_parse(bundle, tmp_path):
    for name, data in bundle.files.items():
        if name.endswith((".js", ".mjs")):
            path = tmp_path / (Path(name).stem + ".mjs")
            path.write_bytes(data)
            out = subprocess.run(["node", "--check", str(path)], capture_output=True, text=True)
            assert out.returncode == 0, f"{name}: {out.stderr}"


def fake_site(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    (site / "wizard").mkdir(parents=True)
    (site / "assets").mkdir()
    (site / "assets" / "main.css").write_text("body{}")
    (site / "assets" / "bundle.js").write_text("1")
    (site / "sitemap.xml").write_text("<urlset/>")
    (site / "wizard" / "index.html").write_text(
        '<link rel="stylesheet" href="../assets/main.css"><link rel="stylesheet" href="https://cdn.example/x.css">'
        '<script src="../assets/bundle.js"></script><script src="assets/wizard.js" type="module"></script>'
    )
    return site


def test_service_worker_lists_and_versions(wb, bundle, tmp_path):
    site = fake_site(tmp_path)
    first = wizard_writing.write_bundle(bundle, site)
    sw = (site / "sw.js").read_text()
    assert not (site / "wizard" / "sw.js").exists(), "the service worker serves the whole site from its root"
    assert "__GUANTONG_SW__;" not in sw
    assert first["shell"][0] == "wizard/index.html"
    # Pyodide's files are named by their content (served immutable: kept by the HTTP cache without a
    # service worker), as the other engine files.
    named = {name: f"wizard/{rel}" for name, rel in bundle.pyodide.items()}
    for name, rel in named.items():
        stem, suffix = name.rsplit(".", 1)
        assert re.fullmatch(rf"wizard/pyodide/{re.escape(stem)}\.[0-9a-f]{{12}}\.{suffix}", rel), rel
    assert {"assets/main.css", "assets/bundle.js", "sitemap.xml", named["pyodide.mjs"]} <= set(first["shell"])
    assert not any("cdn.example" in rel for rel in first["shell"])
    assert first["engine"] == [named["pyodide.asm.mjs"], named["pyodide.asm.wasm"], named["python_stdlib.zip"]]
    assert first["shell_cache"] in sw and first["engine_cache"] in sw
    assert (site / f"{named['pyodide.asm.wasm']}.gz").exists()
    assert (site / f"{named['pyodide.asm.wasm']}.br").exists()
    assert (site / f"{named['python_stdlib.zip']}.br").exists()
    page = (site / "wizard" / "index.html").read_text()
    # The engine's hints wait for start.js's test of the browser (preload.js adds them), the page's do not.
    hints = json.loads(html.unescape(re.search(r'<meta name="guantong-preload" content="([^"]*)">', page).group(1)))
    assert ["preload", bundle.pyodide["pyodide.asm.wasm"], "low"] in hints
    assert 'rel="preload" href="pyodide/pyodide.asm' not in page
    assert not [h for h in hints if "python_stdlib" in h[1]]  # the worker asks for it (preload_hints says why)
    assert '<link rel="preload" href="../assets/bundle.js" as="script">' in page
    assert first["shell"][0] == "wizard/index.html"
    # A change to anything precached gives a new shell cache; Pyodide's cache stays.
    (site / "assets" / "main.css").write_text("body{color:red}")
    second = wizard_writing.write_bundle(bundle, site)
    assert second["shell_cache"] != first["shell_cache"]
    assert second["engine_cache"] == first["engine_cache"]
    assert (site / "sw.js").read_text() != sw


def test_policy_override_is_bundled(wb, monkeypatch, tmp_path):
    edited = tmp_path / "policy.toml"
    edited.write_text(
        (REPO / "guantong" / "data" / "policy.toml").read_text(encoding="utf-8").replace("# Policy parameters", "# Edited copy", 1),
        encoding="utf-8",
    )
    monkeypatch.setenv("GUANTONG_POLICY", str(edited))
    zipped = zipfile.ZipFile(io.BytesIO(wizard_zips.engine_zip()))
    assert zipped.read("guantong/data/policy.toml").decode("utf-8").startswith("# Edited copy")


def test_copied_pyodide_names_no_other_host(bundle):
    mjs = bundle.files[bundle.pyodide["pyodide.mjs"]]
    assert b"jsdelivr" not in mjs and b"sourceMappingURL" not in mjs
    assert b"export{" in mjs and b"loadPyodide" in mjs


NODE_CHECK = r"""
import { loadPyodide } from %(pyodide)s;
import { readFileSync } from "node:fs";
const [stdlib, engine, items] = process.argv.slice(2);
try {
  const py = await loadPyodide({ indexURL: %(index)s, stdLibURL: stdlib, packages: [] });
  // Into site-packages (Pyodide's default), already on the import path: the engine runs from wherever it is unpacked.
  py.unpackArchive(new Uint8Array(readFileSync(engine)).buffer, "zip");
  py.FS.writeFile("/tmp/items.json", new Uint8Array(readFileSync(items)));
  console.log(py.runPython(`
import sys, json
import guantong_wizard as g
items = json.load(open("/tmp/items.json"))
failed = [r for r in json.loads(g.call("evaluate_many", json.dumps({"items": items})))["value"] if r.get("error", {}).get("kind") == "fatal"]
for a in items:
    for op, payload in (("state", {"answers": a, "current": "deadline"}), ("state", {"answers": a}), ("result", {"answers": a}), ("evaluate", {"answers": a})):
        reply = json.loads(g.call(op, json.dumps(payload)))
        if not reply["ok"] and reply["error"]["kind"] == "fatal": failed.append(reply)
zipped = sorted(n for n, m in sys.modules.items() if (getattr(m, "__file__", None) or "").startswith("/lib/python314.zip"))
json.dumps({"failed": failed[:3], "modules": zipped})
`));
} catch (err) {
  console.error(String((err && err.stack) || err).slice(-3000));
  process.exit(1);
}
"""


@pytest.mark.skipif(not shutil.which("node"), reason="node is not installed")
def test_trimmed_stdlib_runs_the_engine_in_pyodide(wb, bundle, tmp_path):
    """Boot the shipped Pyodide under Node with the bundle's python_stdlib.zip (precompiled, trimmed), unpack
    the bundle's engine zip and run every operation of the bridge over answers the build did not record
    (another seed, invalid ones too): nothing may fail for want of a module. The browser tests check the
    same in Chromium."""
    from build_scripts import sample_answers as sample

    items = sample.generate(150, 99) + sample.EDGE_CASES + sample.INVALID_CASES
    (tmp_path / "items.json").write_text(json.dumps(items, ensure_ascii=False), encoding="utf-8")
    (tmp_path / "stdlib.zip").write_bytes(bundle.files[bundle.pyodide["python_stdlib.zip"]])
    [engine] = [n for n in bundle.files if n.startswith("engine/guantong.")]
    (tmp_path / "engine.zip").write_bytes(bundle.files[engine])
    (tmp_path / "check.mjs").write_text(
        NODE_CHECK
        % {
            "pyodide": json.dumps((wizard_common.PYODIDE_DIR / "pyodide.mjs").as_uri()),
            "index": json.dumps(str(wizard_common.PYODIDE_DIR) + "/"),
        }
    )
    out = subprocess.run(
        ["node", str(tmp_path / "check.mjs"), str(tmp_path / "stdlib.zip"), str(tmp_path / "engine.zip"), str(tmp_path / "items.json")],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert out.returncode == 0, out.stderr[-3000:]
    report = json.loads(out.stdout.strip().splitlines()[-1])
    assert not report["failed"], report["failed"]
    assert {"tomllib", "json", "datetime", "encodings.utf_8"} <= set(report["modules"])
    names = set(zipfile.ZipFile(io.BytesIO(bundle.files[bundle.pyodide["python_stdlib.zip"]])).namelist())
    # Precompiled .pyc, stored: bigger on disk, but less than half of Pyodide's zip once compressed (as served).
    assert names and all(n.endswith(".pyc") for n in names)
    assert (
        len(wizard_writing.compressed(bundle.files[bundle.pyodide["python_stdlib.zip"]], "br"))
        < 0.5 * (wizard_common.PYODIDE_DIR / "python_stdlib.zip").stat().st_size
    )


def test_stdlib_is_bytecode_of_the_shipped_python(bundle):
    """The .pyc were compiled by Pyodide's own Python (its magic number), as unchecked hash-based pycs."""
    lock = json.loads((REPO / "wizard" / "node_modules" / "pyodide" / "pyodide-lock.json").read_text())
    assert lock["info"]["python"].startswith("3.14")
    zf = zipfile.ZipFile(io.BytesIO(bundle.files[bundle.pyodide["python_stdlib.zip"]]))
    assert all(i.compress_type == zipfile.ZIP_STORED for i in zf.infolist())
    head = zf.read("tomllib/__init__.pyc")[:8]
    assert int.from_bytes(head[4:8], "little") == 0b01, "hash-based, unchecked"
    assert head[2:4] == b"\r\n"
    assert {"encodings/utf_8.pyc", "json/__init__.pyc", "tomllib/_parser.pyc", "pyodide/__init__.pyc"} <= set(zf.namelist())


def test_the_engine_s_files_are_served_for_a_year_by_our_server_and_by_nginx(wb, bundle, tmp_path):
    """Every file the worker fetches or imports is named by its content and served ``immutable`` (a browser
    without a service worker keeps it in its HTTP cache: issue 21), by build_scripts/server/static.py and
    by deploy/guantong-site.conf's rule for hashed names; the pages and the service worker are revalidated."""
    import urllib.request

    from build_scripts.server import static

    engine = [*bundle.pyodide.values(), bundle.worker, bundle.batch_zip, next(n for n in bundle.files if n.startswith("engine/guantong."))]
    assert len(engine) == 7
    conf = (REPO / "deploy" / "guantong-site.conf").read_text(encoding="utf-8")
    rule = re.search(r'location ~\* "([^"]+)" \{([^}]*)\}', conf)
    assert rule and 'Cache-Control "public, max-age=31536000, immutable"' in rule.group(2)
    assert rule.group(1) == static.HASHED.pattern, "nginx and our server name hashed files alike"
    site = tmp_path / "site"
    for rel in [*engine, "index.html"]:
        path = site / "wizard" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"x")
        assert re.search(rule.group(1), path.name, re.I) or rel == "index.html", rel
    (site / "sw.js").write_bytes(b"x")
    with static.serve(site) as base:
        for rel in engine:
            with urllib.request.urlopen(f"{base}wizard/{rel}") as response:
                assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable", rel
        for rel in ("wizard/", "sw.js"):
            with urllib.request.urlopen(base + rel) as response:
                assert response.headers["Cache-Control"] == "no-cache", rel
