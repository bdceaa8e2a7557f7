"""The pages' scripts and the parts the build adds to their HTML: esbuild bundles (esbuild.cjs), the inline
head scripts, the first question built ahead (prerender.mjs), the preload hints, and the wizard's and the
batch page's parts put into the pages MkDocs wrote."""

from __future__ import annotations

import json
import re
import subprocess
from html import escape as html_escape
from pathlib import Path

from build_scripts.wizard import stdlib as wizard_stdlib
from build_scripts.wizard.common import OUT, PYODIDE_DIR, SRC, Bundle, BundleError
from build_scripts.wizard.pyodide_files import STREAMED
from build_scripts.wizard.zips import BATCH_TEMPLATE, BATCH_TEMPLATE_NAME

ESBUILD = Path(__file__).resolve().with_name("esbuild.cjs")


APP = SRC / "app"

ESBUILD_OPTIONS = {
    "entryPoints": [str(APP / "main.js")],
    "bundle": True,
    "format": "esm",
    "target": "es2022",
    "charset": "utf8",
    "minify": True,
    "legalComments": "none",
    "logLevel": "warning",
    "write": False,
    "outdir": "out",
    "splitting": True,
    "chunkNames": "chunk-[name]-[hash]",
}


def esbuild(options: dict, what: str) -> dict[str, str]:
    """esbuild (wizard/node_modules, pinned) run with these options: {output file name: text}."""
    proc = subprocess.run(
        [wizard_stdlib.node(), str(ESBUILD), json.dumps(options)],
        cwd=PYODIDE_DIR.parents[1],
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    if proc.returncode != 0:
        raise BundleError(f"esbuild 无法打包 wizard/src/{what}：\n{proc.stderr.strip()}")
    return json.loads(proc.stdout)


def page_bundle(entry: str = "main.js", splitting: bool = True) -> tuple[str, bytes, dict[str, str]]:
    """The page's script and style: wizard/src/app/main.js and every module and stylesheet it imports,
    bundled by esbuild (npm, pinned) into one script and one stylesheet, so the first question still
    costs one request; what the page imports dynamically (the QR code) becomes a chunk of its own,
    loaded when needed ({esbuild's file name: text}). The script still holds ``__GUANTONG_BUILD__``
    (app/build.js), filled in later."""
    if not (PYODIDE_DIR.parent / "esbuild").is_dir():
        raise BundleError("wizard/node_modules 里没有 esbuild：请先运行 make deps（或在 wizard/ 里运行 npm ci）")
    options = {**ESBUILD_OPTIONS, "entryPoints": [str(APP / entry)], "splitting": splitting}
    out = esbuild(options, "app")
    chunks = {name: text for name, text in out.items() if name.startswith("chunk-")}
    stem = Path(entry).stem
    return out[f"{stem}.js"], out.get(f"{stem}.css", "").encode("utf-8"), chunks


def worker_bundle() -> str:
    """The engine's worker: wizard/src/worker/main.mjs and the modules it imports, bundled by esbuild into one
    module (a worker's imports would each be a request before Python starts). It still holds
    ``__GUANTONG_WORKER__`` (worker/context.mjs), filled in later."""
    options = {**ESBUILD_OPTIONS, "entryPoints": [str(SRC / "worker" / "main.mjs")], "splitting": False, "outExtension": {".js": ".mjs"}}
    return esbuild(options, "worker")["main.mjs"]


def inline_script(entry: str) -> str:
    """wizard/src/<entry> with what it imports, bundled by esbuild into one ES5 script to put inline in a
    page's head: start.js (with app/support.js: an old WebView parses it, and is told it cannot run the
    engine before anything is downloaded) and care-head.js (关怀模式 before the first paint)."""
    options = {
        "entryPoints": [str(SRC / entry)],
        "bundle": True,
        "format": "iife",
        "target": "es5",
        "charset": "utf8",
        "minify": True,
        "legalComments": "none",
        "logLevel": "warning",
        "write": False,
        "outdir": "out",
    }
    return esbuild(options, entry)[entry].strip()


def prerender(build: dict) -> tuple[str, str, str, str]:
    """The wizard's first screen as HTML, the screen for a browser that cannot run the engine, and the
    inline script that shows one of them, and the header's 关怀模式 switch (wizard/src/prerender.mjs,
    the page's own modules under Node), for the wizard page: the first question without the page script."""
    proc = subprocess.run(
        [wizard_stdlib.node(), str(SRC / "prerender.mjs")], input=json.dumps(build), capture_output=True, text=True, encoding="utf-8"
    )
    if proc.returncode != 0:
        raise BundleError(f"无法预先生成自测的第一个问题（wizard/src/prerender.mjs）：\n{proc.stderr.strip()}")
    out = json.loads(proc.stdout)
    return out["html"], out["tooOld"], out["script"], out["careButton"]


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
        text = text.replace(
            AHEAD_MARK,
            f'<div class="gt-ahead" data-gt-ahead hidden>{b.ahead_html}</div>'
            f'<div class="gt-ahead" data-gt-too-old hidden>{b.too_old_html}</div>'
            f"<script>{b.ahead_script}</script>",
            1,
        )
    if SCRIPT_MARK in text:
        text = text.replace(SCRIPT_MARK, f'{SCRIPT_MARK}<script type="module" src="{b.script}" async></script>', 1)
    # The page's own classic scripts (Material's bundle and the site's, at the end of the body) block the
    # wizard's module script; fetched late and one by one, they decide when the first question shows.
    scripts = "".join(
        f'<link rel="preload" href="{src}" as="script">'
        for src in CLASSIC_SCRIPT.findall(text)
        if "://" not in src and not src.startswith("//") and src != b.loader
    )
    page, engine = preload_hints(b)
    # Material's after the page script's hint; then the engine's, when the browser can run it.
    hints = (
        page + scripts + f'<meta name="guantong-preload" content="{html_escape(json.dumps(engine, separators=(",", ":")))}">'
        f"<script>{b.preload_script}</script>"
    )
    needs = html_escape(json.dumps(b.needs, separators=(",", ":")))
    start = (
        f'{START_MARK}<meta name="guantong-worker" content="{b.worker}"><meta name="guantong-needs" content="{needs}">'
        f"<script>{b.start_script}</script>"
    )
    charset = CHARSET.search(text)
    if text.count("</head>") == 1 and charset:
        text = text[: charset.end()] + start + text[charset.end() :]
        text = text.replace("</head>", hints + "</head>")
    else:  # a page without a head of its own (the tests' fake site): all first
        text = start + hints + text
    return text


BATCH_SCRIPT_MARK = "<!-- guantong-batch: script -->"

BATCH_TEMPLATE_MARK = "<!-- guantong-batch: template -->"


STAFF_SCRIPT_MARK = "<!-- guantong-staff: script -->"


def add_staff_parts(text: str, b: Bundle) -> str:
    """The staff page 数据检查与预览 (docs/staff/check/index.md, two folders down) with its script."""
    return text.replace(STAFF_SCRIPT_MARK, f'<script type="module" src="../../{OUT}/{b.staff_script}" async></script>', 1)


def add_batch_parts(text: str, b: Bundle) -> str:
    """The batch page (docs/batch/index.md) with its script as an async module where the page says (the
    loader imports it after instant navigation) and the template's link in its fallback (a plain
    download that needs no script)."""
    link = f'<a href="../{OUT}/{BATCH_TEMPLATE}" download="{BATCH_TEMPLATE_NAME}">下载空白模板（xlsx）</a>'
    text = text.replace(BATCH_TEMPLATE_MARK, link, 1)
    return text.replace(BATCH_SCRIPT_MARK, f'<script type="module" src="../{OUT}/{b.batch_script}" async></script>', 1)
