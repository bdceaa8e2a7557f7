"""What the wizard adds to the site (build_scripts/wizard_bundle.py), without a browser: the engine zip is
the engine and runs on its own, names and cache versions follow the contents, templates are filled."""

from __future__ import annotations

import importlib.util
import io
import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from guantong import flow

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wb():
    spec = importlib.util.spec_from_file_location("wizard_bundle", REPO / "build_scripts" / "wizard_bundle.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    if not (module.PYODIDE_DIR / "pyodide.mjs").exists():
        if os.environ.get("CI"):
            pytest.fail("wizard/node_modules/pyodide is missing: run make deps", pytrace=False)
        pytest.skip("wizard/node_modules/pyodide is missing: run make deps")
    return module


@pytest.fixture(scope="module")
def bundle(wb):
    return wb.build_bundle()


def test_engine_zip_is_the_engine_and_nothing_else(wb, bundle):
    [name] = [n for n in bundle.files if n.startswith("engine/")]
    names = set(zipfile.ZipFile(io.BytesIO(bundle.files[name])).namelist())
    expected = {p.relative_to(REPO).as_posix() for p in (REPO / "guantong").rglob("*.py") if "__pycache__" not in p.parts}
    expected |= {p.relative_to(REPO).as_posix() for p in (REPO / "guantong" / "data").glob("*.toml")}
    assert names == expected | {"guantong_wizard.py"}


def test_engine_zip_runs_on_its_own(bundle, tmp_path):
    """Unpacked anywhere (as Pyodide does), it answers without the checkout."""
    [name] = [n for n in bundle.files if n.startswith("engine/")]
    zipfile.ZipFile(io.BytesIO(bundle.files[name])).extractall(tmp_path)
    code = ("import json, sys; sys.path.insert(0, sys.argv[1]); import guantong_wizard as g, guantong; "
            "assert guantong.__file__.startswith(sys.argv[1]); "
            "print(g.call('state', json.dumps({'answers': {'direction': 'title_to_skill'}})))")
    out = subprocess.run([sys.executable, "-I", "-c", code, str(tmp_path)], capture_output=True, text=True, cwd=tmp_path)
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
    assert "__GUANTONG_BUILD__;" not in script
    build = json.loads(script.split("const BUILD = ", 1)[1].split(";\n", 1)[0])
    assert build["flow"] == json.loads(json.dumps(flow.export(), ensure_ascii=False))
    assert build["clauses"]["2.4.1.2"]["anchor"] == "c-2-4-1-2"
    worker_name = build["worker"].removeprefix("./")
    assert f"assets/{worker_name}" in bundle.files
    worker = bundle.files[f"assets/{worker_name}"].decode()
    assert "__GUANTONG_WORKER__;" not in worker
    assert bundle.engine_cache in worker
    assert '"abi_version"' in worker, "the lock's info is inlined: no lock file request"
    assert bundle.extra_javascript.startswith("wizard/assets/wizard.") and bundle.extra_css.endswith(".css")


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
        '<script src="../assets/bundle.js"></script><script src="assets/wizard.js" type="module"></script>')
    return site


def test_service_worker_lists_and_versions(wb, bundle, tmp_path):
    site = fake_site(tmp_path)
    first = wb.write_bundle(bundle, site)
    sw = (site / "wizard" / "sw.js").read_text()
    assert "__GUANTONG_SW__;" not in sw
    assert first["shell"][0] == "wizard/index.html"
    assert {"assets/main.css", "assets/bundle.js", "sitemap.xml", "wizard/pyodide/pyodide.mjs"} <= set(first["shell"])
    assert not any("cdn.example" in rel for rel in first["shell"])
    assert first["engine"] == ["wizard/pyodide/pyodide.asm.mjs", "wizard/pyodide/pyodide.asm.wasm",
                               "wizard/pyodide/python_stdlib.zip"]
    assert first["shell_cache"] in sw and first["engine_cache"] in sw
    assert (site / "wizard" / "pyodide" / "pyodide.asm.wasm.gz").exists()
    # A change to anything precached gives a new shell cache; Pyodide's cache stays.
    (site / "assets" / "main.css").write_text("body{color:red}")
    second = wb.write_bundle(bundle, site)
    assert second["shell_cache"] != first["shell_cache"]
    assert second["engine_cache"] == first["engine_cache"]
    assert (site / "wizard" / "sw.js").read_text() != sw


def test_policy_override_is_bundled(wb, monkeypatch, tmp_path):
    edited = tmp_path / "policy.toml"
    edited.write_text((REPO / "guantong" / "data" / "policy.toml").read_text(encoding="utf-8").replace(
        "# Policy parameters", "# Edited copy", 1), encoding="utf-8")
    monkeypatch.setenv("GUANTONG_POLICY", str(edited))
    zipped = zipfile.ZipFile(io.BytesIO(wb.engine_zip()))
    assert zipped.read("guantong/data/policy.toml").decode("utf-8").startswith("# Edited copy")


def test_copied_pyodide_names_no_other_host(bundle):
    mjs = bundle.files["pyodide/pyodide.mjs"]
    assert b"jsdelivr" not in mjs and b"sourceMappingURL" not in mjs
    assert b"export{" in mjs and b"loadPyodide" in mjs


def test_trimmed_stdlib_keeps_what_the_engine_imports(wb, bundle, tmp_path):
    """Run the bridge natively over generated answers; every standard-library module it loads must still be
    in the trimmed python_stdlib.zip (Pyodide's own start-up is checked by the browser tests)."""
    code = r"""
import json, sys, sysconfig
sys.path[:0] = [sys.argv[1], sys.argv[2], sys.argv[3]]
import guantong_wizard as g, wizard_answers
items = wizard_answers.generate(120) + wizard_answers.INVALID_CASES
g.call("evaluate_many", json.dumps({"items": items}))
for a in items[:40]:
    g.call("state", json.dumps({"answers": a, "current": "deadline"}))
    g.call("result", json.dumps({"answers": a}))
stdlib = sysconfig.get_paths()["stdlib"]
print(json.dumps(sorted(name for name, m in sys.modules.items()
                        if (getattr(m, "__file__", None) or "").startswith(stdlib) and "site-packages" not in m.__file__)))
"""
    out = subprocess.run([sys.executable, "-c", code, str(REPO / "wizard" / "src"), str(REPO), str(REPO / "build_scripts")],
                         capture_output=True, text=True, cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    loaded = json.loads(out.stdout)
    assert "tomllib" in loaded and "encodings.utf_8" in loaded
    names = set(zipfile.ZipFile(io.BytesIO(bundle.files["pyodide/python_stdlib.zip"])).namelist())
    missing = []
    for module in loaded:
        path = module.replace(".", "/")
        if not any(f"{path}{suffix}" in names for suffix in (".py", ".pyc", "/__init__.py", "/__init__.pyc")):
            missing.append(module)
    # Modules that CPython keeps in its stdlib but Pyodide builds in or does not ship are not a concern.
    original = set(zipfile.ZipFile(wb.PYODIDE_DIR / "python_stdlib.zip").namelist())
    missing = [m for m in missing if any(f"{m.replace('.', '/')}{s}" in original for s in (".py", ".pyc", "/__init__.py", "/__init__.pyc"))]
    assert not missing, f"left out of python_stdlib.zip but imported: {missing}"
    assert len(bundle.files["pyodide/python_stdlib.zip"]) < 0.6 * (wb.PYODIDE_DIR / "python_stdlib.zip").stat().st_size
