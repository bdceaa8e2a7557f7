"""Pyodide's own files as the site serves them (from wizard/node_modules/pyodide, pinned): named by their
content, pyodide.mjs without its CDN default, pyodide.asm.mjs with V8's compile hint; and what a browser
must support to run them (engine_needs)."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

from build_scripts.wizard import stdlib as wizard_stdlib
from build_scripts.wizard.common import COMPRESSED_CACHE, PYODIDE_DIR, SRC, BundleError, sha, short


# What Pyodide 314 needs to boot from a module worker (pyodide.js, maps and consoles are not).
PYODIDE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip")


# The big ones, downloaded by the worker with progress and kept in the Pyodide cache.
STREAMED = {"asm": "pyodide.asm.mjs", "wasm": "pyodide.asm.wasm", "stdlib": "python_stdlib.zip"}


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
        raise BundleError(
            "pyodide.mjs 中找不到默认的 CDN 地址：Pyodide 升级后请检查 build_scripts/wizard/pyodide_files.py 的 local_pyodide_mjs"
        )
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
