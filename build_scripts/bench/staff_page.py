"""The staff page 数据检查与预览 in the browser (a benchmark, not a test; run by run.py): with the engine and the
tools' zip ready, on this machine's desktop Chromium, the median and spread of ``--runs`` runs of

- a file with a slip chosen → its problems listed (validate on Pyodide);
- 从网站当前的数据开始 → the diff shown (validate, then diff's 7 600 answers objects decided under both files);

beside the same two steps natively (CPython, this process: guantong_tools.staff), their ratio.

    .venv/bin/python -m build_scripts.bench.staff_page --site DIR [--runs 3]
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from build_scripts.bench import site_arguments
from build_scripts.bench import wizard as bench_wizard
from guantong.policy import POLICY_PATH

GOOD = POLICY_PATH.read_text(encoding="utf-8")
SLIP = GOOD.replace('name = "黄石工匠"', "name = “黄石工匠”", 1)


def native(runs: int) -> dict:
    from guantong_tools import staff

    out = {"check": [], "diff": []}
    for _ in range(runs):
        t = time.perf_counter()
        staff.problems(SLIP)
        out["check"].append((time.perf_counter() - t) * 1000)
        t = time.perf_counter()
        staff.problems(GOOD)
        staff.compare(GOOD, GOOD)
        out["diff"].append((time.perf_counter() - t) * 1000)
    return {k: bench_wizard.spread(v) for k, v in out.items()}


def run(site: Path, runs: int = 3) -> dict:
    from playwright.sync_api import sync_playwright

    out = {"check": [], "diff": []}
    with bench_wizard.host(site) as (base, _log), sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=bench_wizard.CHROMIUM, headless=True, args=bench_wizard.ARGS)
        try:
            page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
            page.goto(base + "staff/check/")
            page.wait_for_selector("#gt-staff-check[data-mounted]")
            page.evaluate("() => window.guantongStaff.page.call('staff_published', {})")  # engine and zip ready
            for _ in range(runs):
                t = time.perf_counter()
                page.set_input_files("#gt-staff-file", {"name": "policy.toml", "mimeType": "text/plain", "buffer": SLIP.encode("utf-8")})
                page.wait_for_selector("[data-gt-problems]", timeout=120_000)
                out["check"].append((time.perf_counter() - t) * 1000)
                t = time.perf_counter()
                page.click("[data-gt-published]")
                page.wait_for_selector("[data-gt-diff]", timeout=600_000)
                out["diff"].append((time.perf_counter() - t) * 1000)
        finally:
            browser.close()
    return {"runs": runs, "browser": {k: bench_wizard.spread(v) for k, v in out.items()}, "native": native(runs)}


def report(result: dict) -> str:
    lines = [f"staff page (desktop Chromium, engine and tools' zip ready; median [min–max] of {result['runs']} runs; native: CPython)"]
    for key, what in (("check", "a slip → its problems listed"), ("diff", "built data → check and diff shown")):
        b, n = result["browser"][key], result["native"][key]
        lines.append(
            f"  {what}: {b['median']:.0f} ms [{b['min']:.0f}–{b['max']:.0f}]; native {n['median']:.0f} ms; "
            f"{b['median'] / n['median']:.1f}× native"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    args = site_arguments(__doc__, argv)
    print(report(run(args.site, args.runs)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
