"""The page 单位批量自测 in the browser (a benchmark, not a test; run by bench.py): an xlsx of 1 000 and of
10 000 people chosen once the engine and openpyxl are ready, on this machine's desktop Chromium (no
throttling), and of 5 000 on the phone profile (360 px, the page's CPU 4× slower through DevTools; the
engine's worker is not throttled by it: issue 34 measures that). Per size, the median and spread of
``--runs`` runs:

- choose → table drawn: from the file input's change event to the results table in the page;
- the longest time the progress (bar or text) stood still in between (target: moves at least every second);
- the longest gap between two animation frames in between (the page stays responsive: the work is in
  the worker; what remains is the reply's structured clone and drawing the first rows).

    .venv/bin/python -m build_scripts.bench.batch_page --site DIR [--runs 3]
"""

from __future__ import annotations

import sys
from pathlib import Path


from build_scripts.bench import site_arguments
from build_scripts.bench import wizard as bench_wizard
from build_scripts.bench.lists import people_xlsx

WATCH = """() => {
  const w = window.__gtBench = { t0: 0, marks: [], frames: [], done: 0 };
  document.querySelector('#gt-batch-file').addEventListener('change', () => { w.t0 = performance.now(); w.marks = []; w.frames = []; w.done = 0; }, { capture: true });
  const box = document.querySelector('[data-gt-progress]');
  new MutationObserver(() => w.t0 && !w.done && w.marks.push(performance.now())).observe(box, { attributes: true, childList: true, characterData: true, subtree: true });
  new MutationObserver(() => { if (w.t0 && !w.done && document.getElementById('gt-batch').dataset.rows) w.done = performance.now(); })
    .observe(document.getElementById('gt-batch'), { attributes: true, attributeFilter: ['data-rows'] });
  let last = performance.now();
  const loop = () => { const now = performance.now(); if (w.t0 && !w.done) w.frames.push(now - last); last = now; requestAnimationFrame(loop); };
  requestAnimationFrame(loop);
}"""
READ = """() => { const w = window.__gtBench; const points = [w.t0, ...w.marks.filter((t) => t < w.done), w.done];
  let still = 0; for (let i = 1; i < points.length; i++) still = Math.max(still, points[i] - points[i - 1]);
  return { total: w.done - w.t0, still, frame: Math.max(0, ...w.frames) }; }"""


PROFILES = {  # (context options, CPU slowdown of the page; the engine's worker runs at this machine's speed)
    "desktop": ({"viewport": {"width": 1280, "height": 900}}, 1),
    "phone": (bench_wizard.PHONE, 4),
}

TARGETS = {("desktop", 10_000): 15_000, ("phone", 5_000): 6_000}  # choose → table, ms (issues 25 and 32)


def run(site: Path, files: dict[int, bytes], runs: int = 3, profile: str = "desktop") -> dict:
    from playwright.sync_api import sync_playwright

    out: dict[int, list[dict]] = {n: [] for n in files}
    options, cpu = PROFILES[profile]
    with bench_wizard.host(site) as (base, _log), sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=bench_wizard.CHROMIUM, headless=True, args=bench_wizard.ARGS)
        try:
            context = browser.new_context(**options)
            page = context.new_page()
            bench_wizard.throttle(context, page, cpu, None)
            page.goto(base + "batch/")
            page.wait_for_function("() => window.guantongBatch && window.guantongBatch.engine.isReady", timeout=120_000)
            page.evaluate("() => window.guantongBatch.engine.call('batch_load', {})")
            page.evaluate(WATCH)
            for _ in range(runs):
                for n, data in files.items():
                    page.evaluate("() => delete document.getElementById('gt-batch').dataset.rows")
                    page.set_input_files(
                        "#gt-batch-file",
                        {
                            "name": f"名单{n}.xlsx",
                            "buffer": data,
                            "mimeType": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                        },
                    )
                    page.wait_for_selector("#gt-batch[data-rows]", timeout=600_000)
                    out[n].append(page.evaluate(READ))
        finally:
            browser.close()
    return {
        "runs": runs,
        "profile": profile,
        "cpu": cpu,
        "sizes": {n: {k: bench_wizard.spread([r[k] for r in rs]) for k in ("total", "still", "frame")} for n, rs in out.items()},
    }


def report(result: dict) -> str:
    profile = result.get("profile", "desktop")
    where = "desktop Chromium" if profile == "desktop" else f"phone profile: 360 × 740, the page's CPU {result['cpu']}× slower"
    lines = [f"batch page ({where}, engine and openpyxl ready; median [min–max] of {result['runs']} runs)"]
    for n, f in result["sizes"].items():
        t, s, fr = f["total"], f["still"], f["frame"]
        limit = TARGETS.get((profile, n))
        target = f" (target < {limit / 1000:.0f} s {'met' if t['median'] < limit else 'NOT met'})" if limit else ""
        lines.append(
            f"  {n:>6} rows: choose → table {t['median'] / 1000:.1f} s [{t['min'] / 1000:.1f}–{t['max'] / 1000:.1f}]"
            f"{target}; progress still at most "
            f"{s['median']:.0f} ms [{s['min']:.0f}–{s['max']:.0f}] (target ≤ 1000 ms "
            f"{'met' if s['max'] <= 1000 else 'NOT met'}); longest frame gap {fr['median']:.0f} ms [{fr['min']:.0f}–{fr['max']:.0f}]"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    args = site_arguments(__doc__, argv)
    print(report(run(args.site, {n: people_xlsx(n) for n in (1000, 10_000)}, args.runs)))
    print(report(run(args.site, {5000: people_xlsx(5000)}, args.runs, "phone")))
    return 0


if __name__ == "__main__":
    sys.exit(main())
