"""Lighthouse against the built site served as a static host would (a benchmark, not a test; run by bench.py).

    .venv/bin/python -m build_scripts.bench.lighthouse --site DIR [--runs 1]

Lighthouse (npm, pinned in wizard/package.json as a development dependency) with its mobile preset
(simulated slow 4G, CPU 4×) drives Debian's Chromium (CHROME_PATH) against the same server bench_wizard
uses (precompressed twins, hashed names cached for a year). For each page it prints the performance,
accessibility, best-practices and SEO scores and the LCP, TBT and CLS; for the wizard also the LCP
observed in the run beside the simulated one (the simulation counts the engine's preloaded downloads
as if the page waited for them, which it does not). Targets (issue 13): performance ≥ 95 on every
content page and ≥ 90 on the wizard; the other three categories 100. ``--care``: the same in 关怀模式
(issue 22), each page in a Chromium of its own whose profile has care mode on (care_chrome).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

from build_scripts.bench import wizard as bench_wizard  # noqa: E402

LIGHTHOUSE = REPO / "wizard" / "node_modules" / "lighthouse" / "cli" / "index.js"
PAGES = {"home": "", "pathway A": "pathway-a/", "pathway B": "pathway-b/", "notice": "policy/", "FAQ": "faq/", "wizard": "wizard/"}
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --no-first-run"


@contextlib.contextmanager
def care_chrome(origin: str):
    """A Chromium of its own, its profile in 关怀模式 (the key app/care.js reads, set on a page without a
    service worker) and its HTTP cache then emptied: Lighthouse connects to it (--port) and keeps its
    storage, so the page opens in care mode as a returning visitor's would, from a cold cache."""
    from playwright.sync_api import sync_playwright

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with tempfile.TemporaryDirectory(prefix="lh-care-") as profile:
        chrome = subprocess.Popen(
            [bench_wizard.CHROMIUM, f"--remote-debugging-port={port}", f"--user-data-dir={profile}", *CHROME_FLAGS.split(), "about:blank"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            for _ in range(100):
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                    break
                except OSError:
                    time.sleep(0.1)
            with sync_playwright() as pw:
                browser = pw.chromium.connect_over_cdp(f"http://127.0.0.1:{port}")
                page = browser.contexts[0].new_page()
                page.goto(origin + "privacy/")
                page.evaluate("localStorage.setItem('guantong-care:v1', 'on')")
                page.context.new_cdp_session(page).send("Network.clearBrowserCache")
                page.close()
                browser.close()
            yield port
        finally:
            chrome.terminate()
            chrome.wait(timeout=30)


def lighthouse(url: str, port: int | None = None) -> dict:
    """One Lighthouse run of ``url``; with ``port``, in the Chromium listening there (care_chrome)."""
    env = {**os.environ, "CHROME_PATH": bench_wizard.CHROMIUM}
    own = [f"--port={port}", "--disable-storage-reset"] if port else [f"--chrome-flags={CHROME_FLAGS}"]
    proc = subprocess.run(
        [
            "node",
            str(LIGHTHOUSE),
            url,
            "--output=json",
            "--output-path=stdout",
            "--quiet",
            f"--only-categories={','.join(CATEGORIES)}",
            *own,
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    if proc.returncode != 0:
        raise RuntimeError(proc.stderr[-2000:])
    report = json.loads(proc.stdout)
    audits = report["audits"]
    observed = (audits.get("metrics", {}).get("details", {}).get("items") or [{}])[0]
    return {
        **{c: round(report["categories"][c]["score"] * 100) for c in CATEGORIES},
        "lcp": audits["largest-contentful-paint"]["numericValue"],
        "tbt": audits["total-blocking-time"]["numericValue"],
        "cls": audits["cumulative-layout-shift"]["numericValue"],
        "lcp_observed": observed.get("observedLargestContentfulPaint"),
        # Where the main thread's time goes (at 4× CPU): by kind of work, and scripts by URL.
        "work": {i["groupLabel"]: round(i["duration"]) for i in audits["mainthread-work-breakdown"]["details"]["items"]},
        "scripts": {
            i["url"].rsplit("/", 1)[-1][:40]: round(i["scripting"])
            for i in audits["bootup-time"]["details"]["items"]
            if i.get("scripting", 0) >= 50
        },
        "failing": sorted(
            a["id"]
            for a in audits.values()
            if a.get("score") is not None and a["score"] < 0.9 and a.get("scoreDisplayMode") in ("binary", "numeric")
        ),
    }


def run(site: Path, runs: int = 1, care: bool = False) -> dict:
    out: dict[str, list[dict]] = {name: [] for name in PAGES}
    with bench_wizard.host(site) as (base, _log):
        for _ in range(runs):
            for name, path in PAGES.items():
                if care:
                    with care_chrome(base) as port:
                        out[name].append(lighthouse(base + path, port))
                else:
                    out[name].append(lighthouse(base + path))
    return out


def report(result: dict, care: bool = False) -> str:
    lines = [
        "Lighthouse 12.2.3, mobile preset (simulated slow 4G, CPU 4×)" + (", in 关怀模式" if care else "") + "; median of "
        f"{len(next(iter(result.values())))} run(s) a page",
        f"  {'page':<10} {'perf':>4} {'a11y':>4} {'bp':>4} {'seo':>4} {'LCP':>8} {'TBT':>7} {'CLS':>6}  target",
    ]
    for name, runs in result.items():

        def med(key, runs=runs):
            return statistics.median(r[key] for r in runs)

        perf = med("performance")
        target = 90 if name == "wizard" else 95
        others = all(med(c) == 100 for c in CATEGORIES[1:])
        met = "met" if perf >= target and others else "NOT met"
        lcp = f"{med('lcp') / 1000:.1f} s"
        if name == "wizard" and runs[0]["lcp_observed"] is not None:
            lcp += f" (observed {statistics.median(r['lcp_observed'] for r in runs) / 1000:.1f} s)"
        lines.append(
            f"  {name:<10} {perf:>4.0f} {med('accessibility'):>4.0f} {med('best-practices'):>4.0f} {med('seo'):>4.0f} "
            f"{lcp:>8} {med('tbt'):>5.0f} ms {med('cls'):>6.3f}  perf ≥ {target}, others 100: {met}"
        )
        failing = sorted({a for r in runs for a in r["failing"]})
        if failing:
            lines.append(f"  {'':<10} below 0.9: {', '.join(failing[:12])}")
        if perf < target:
            work = runs[len(runs) // 2]
            lines.append(
                f"  {'':<10} main thread: " + ", ".join(f"{k} {v} ms" for k, v in sorted(work["work"].items(), key=lambda kv: -kv[1])[:5])
            )
            lines.append(
                f"  {'':<10} scripts: " + ", ".join(f"{k} {v} ms" for k, v in sorted(work["scripts"].items(), key=lambda kv: -kv[1]))
            )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--care", action="store_true", help="the pages in 关怀模式")
    args = parser.parse_args(argv)
    print(report(run(args.site, args.runs, args.care), args.care))
    return 0


if __name__ == "__main__":
    sys.exit(main())
