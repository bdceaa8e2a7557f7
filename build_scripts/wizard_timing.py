"""Cold-start timings of the wizard on a phone-like setting (a measurement script, not a test).

    .venv/bin/python build_scripts/wizard_timing.py [--site DIR] [--runs 5] [--cpu 4] [--no-throttle] [--json]

Each run opens the wizard in a fresh browser context (no HTTP cache, no service worker, no Cache
Storage: a first visit) and reads two marks the page sets:

- ``gt-first-question``: the first question is on screen (drawn from the flow exported at build time);
- ``gt-engine-ready``:   Pyodide has booted in the worker and the engine has answered once.

Both are milliseconds from the start of navigation. Each run then waits until everything is stored for
offline use and reloads the page: the same two marks on a repeat visit (service worker and caches). Throttling goes through the Chrome DevTools Protocol:

- CPU: ``Emulation.setCPUThrottlingRate`` (4× by default) on the page. Chromium does not apply it to
  workers, so Pyodide's boot in the worker runs at this machine's full speed: the engine-ready figure
  is a floor for a slow phone's CPU (the network part is throttled, see below).
- Network: ``Network.emulateNetworkConditions`` with DevTools' "Fast 4G" preset (9 Mbit/s down,
  1.5 Mbit/s up, 0.9 efficiency, 60 ms × 2.75 latency) on the page, and on the workers too: the script
  auto-attaches to the page's workers and service worker and enables the Network domain there, without
  which a dedicated worker's downloads (Pyodide, ~6.5 MB compressed) are not throttled at all.

Prints each run and the medians. Without ``--site`` it first builds the site with ``mkdocs build --strict``
into a temporary directory. The server is build_scripts/static_server.py (correct MIME types, .gz files).
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

import static_server  # noqa: E402

CHROMIUM = os.environ.get("GUANTONG_CHROMIUM", "/usr/bin/chromium")
FAST_4G = {  # Chrome DevTools' "Fast 4G" preset
    "offline": False,
    "latency": 60 * 2.75,
    "downloadThroughput": 9 * 1000 * 1000 / 8 * 0.9,
    "uploadThroughput": 1.5 * 1000 * 1000 / 8 * 0.9,
}
PHONE = {"viewport": {"width": 360, "height": 740}, "device_scale_factor": 2, "is_mobile": True,
         "has_touch": True, "locale": "zh-CN"}


def build_site(out: Path) -> Path:
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
                          cwd=REPO, capture_output=True, text=True)
    if proc.returncode != 0:
        sys.exit(f"mkdocs build failed:\n{proc.stderr[-3000:]}")
    return out


def throttle(context, page, cpu: float, network: dict | None) -> None:
    cdp = context.new_cdp_session(page)
    if cpu and cpu > 1:
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": cpu})
    if not network:
        return
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", network)
    ids = itertools.count(1)

    def to_child(session_id: str, method: str, params: dict) -> None:
        message = json.dumps({"id": next(ids), "method": method, "params": params})
        cdp.send("Target.sendMessageToTarget", {"sessionId": session_id, "message": message})

    def attached(event) -> None:
        sid = event["sessionId"]
        to_child(sid, "Network.enable", {})
        # Supported for service workers; a dedicated worker answers "Not supported" but, with its
        # Network domain enabled, its requests follow the page's conditions.
        to_child(sid, "Network.emulateNetworkConditions", network)
        to_child(sid, "Runtime.runIfWaitingForDebugger", {})

    cdp.on("Target.attachedToTarget", attached)
    cdp.send("Target.setAutoAttach", {"autoAttach": True, "waitForDebuggerOnStart": True, "flatten": False})


def one_run(browser, base: str, cpu: float, network: dict | None) -> dict:
    context = browser.new_context(**PHONE)
    try:
        page = context.new_page()
        throttle(context, page, cpu, network)
        page.goto(base + "wizard/", wait_until="commit")
        page.wait_for_selector('#gt-wizard[data-screen="question:direction"]', timeout=120_000)
        page.wait_for_selector('#gt-wizard[data-engine="ready"], #gt-wizard[data-engine="fatal"]', timeout=600_000)
        if page.get_attribute("#gt-wizard", "data-engine") != "ready":
            raise RuntimeError(page.inner_text("#gt-wizard"))
        marks = page.evaluate(MARKS)
        cold = {k: round(v) if isinstance(v, (int, float)) else v for k, v in marks.items()}
        # The second visit: once everything is stored for offline use, reload (service worker, caches).
        page.wait_for_selector('#gt-wizard[data-offline="ready"]', timeout=600_000)
        page.reload(wait_until="commit")
        page.wait_for_selector('#gt-wizard[data-engine="ready"]', timeout=600_000)
        warm = page.evaluate(MARKS)
        cold["repeat_first_question"] = round(warm["first_question"])
        cold["repeat_engine_ready"] = round(warm["engine_ready"])
        return cold
    finally:
        context.close()


MARKS = """() => {
            const mark = (name) => performance.getEntriesByName(name)[0]?.startTime ?? null;
            const nav = performance.getEntriesByType('navigation')[0];
            const stages = window.guantongWizard.engine.timings;
            return {
              first_question: mark('gt-first-question'),
              engine_ready: mark('gt-engine-ready'),
              dom_content_loaded: nav ? nav.domContentLoadedEventEnd : null,
              downloads_done: stages.start ?? null,
              python_started: stages.engine ?? null,
              worker: stages.worker,
            };
        }"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, help="a built site (default: build one now)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--cpu", type=float, default=4.0, help="CPU slowdown of the page (default 4)")
    parser.add_argument("--no-throttle", action="store_true", help="no CPU or network throttling")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)

    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="wizard-timing-") as tmp:
        site = args.site or build_site(Path(tmp) / "site")
        cpu = 1 if args.no_throttle else args.cpu
        network = None if args.no_throttle else FAST_4G
        runs = []
        with static_server.serve(site) as base, sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True,
                                         args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
            try:
                for i in range(args.runs):
                    run = one_run(browser, base, cpu, network)
                    runs.append(run)
                    if not args.json:
                        print(f"run {i + 1}: first question {run['first_question']} ms, engine ready {run['engine_ready']} ms; "
                              f"repeat visit {run['repeat_first_question']} / {run['repeat_engine_ready']} ms", flush=True)
            finally:
                browser.close()
    medians = {key: round(statistics.median(r[key] for r in runs if r[key] is not None))
               for key in runs[0] if key != "worker" and any(r[key] is not None for r in runs)}
    names = sorted({name for r in runs for name in (r.get("worker") or {})}, key=lambda n: runs[0]["worker"].get(n, 0))
    medians["worker"] = {name: round(statistics.median(r["worker"][name] for r in runs if name in (r.get("worker") or {})))
                         for name in names}
    setting = "no throttling" if args.no_throttle else f"CPU {cpu:g}× (page only), network Fast 4G (page and workers)"
    if args.json:
        print(json.dumps({"setting": setting, "runs": runs, "median": medians}, indent=1))
    else:
        print(f"\nmedian of {len(runs)} cold runs, {setting}:")
        print(f"  first question on screen: {medians['first_question']} ms")
        print(f"  engine ready:             {medians['engine_ready']} ms")
        print(f"  (of which the worker's downloads end at {max(v for k, v in medians['worker'].items() if '.' in k)} ms, "
              f"Python is up at {medians['worker'].get('python')} ms)")
        print(f"repeat visit (service worker and caches, same throttling): first question "
              f"{medians['repeat_first_question']} ms, engine ready {medians['repeat_engine_ready']} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
