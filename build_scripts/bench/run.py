"""Benchmarks (not tests): prints figures, asserts nothing. `make bench`.

- evaluate(): median time per call over generated answers objects (native CPython);
- guantong diff of the shipped data (identical, and with one threshold edited);
- guantong batch: 10 000 rows, xlsx in → xlsx out; the page 单位批量自测 with 1 000 and 10 000 rows
  (bench_batch_page.py);
- the full site build (mkdocs build, with the wizard bundle), median of a few runs;
- in headless Chromium, the wizard against a stock Pyodide page served by the same server in the same run
  (build_scripts/bench/wizard.py): first question, engine ready, bytes, repeat visit offline, and a person
  answering pathway A at 2 s a screen (waiting on the engine, the wait after 查看结果);
- what keeping the site offline adds to a first wizard visit, and Lighthouse on six pages
  (build_scripts/bench/lighthouse.py).
"""

from __future__ import annotations

import argparse
import os
import shutil
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

from guantong import evaluate  # noqa: E402
from build_scripts import sample_answers  # noqa: E402
from build_scripts.bench.lists import people_csv, people_office, people_xlsx  # noqa: E402


def machine() -> str:
    cpu = (
        next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")), "?")
        if os.path.exists("/proc/cpuinfo")
        else platform.processor()
    )
    return f"{platform.python_implementation()} {platform.python_version()}, {os.cpu_count()} cores, {cpu}"


def bench_evaluate(n: int) -> None:
    """evaluate() per call on generated answers; then the same people with every date but the deadline
    known only to the month, and only to the year (rules.md T8; issue 30's target: within 3× of full dates)."""
    objects = sample_answers.generate(n, 2021, "loose")
    evaluate(objects[0])  # loads policy data once
    full = None
    for label, to in (("full dates", None), ("dates to the month", "month"), ("dates to the year", "year")):
        times = []
        for answers in objects:
            answers = sample_answers.blurred(answers, to) if to else answers
            start = time.perf_counter()
            try:
                evaluate(answers).to_dict()
            except ValueError:
                pass  # an answers object the contract refuses costs its refusal
            times.append(time.perf_counter() - start)
        times.sort()
        median = statistics.median(times)
        full = full or median
        print(
            f"evaluate, {label}: {n} generated answers objects; median {median * 1e6:.0f} µs/call "
            f"({median / full:.2f}× full dates), p90 {times[int(n * 0.9)] * 1e6:.0f} µs, max {times[-1] * 1e6:.0f} µs"
        )


def bench_build(runs: int, keep: Path) -> bool:
    """Build the site ``runs`` times (the first may fill the compression and stdlib caches, so it is reported
    apart); the last build stays in ``keep`` for the browser figures."""
    times = []
    for _ in range(runs):
        if keep.exists():
            shutil.rmtree(keep)
        start = time.perf_counter()
        proc = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(keep)], cwd=ROOT, capture_output=True, text=True
        )
        times.append(time.perf_counter() - start)
        if proc.returncode:
            print(f"site build failed:\n{proc.stderr[-2000:]}")
            return False
    print(
        f"site build (mkdocs build --strict): median {statistics.median(times):.2f} s over {runs} runs "
        f"(min {min(times):.2f}, max {max(times):.2f}; first {times[0]:.2f} s)",
        flush=True,
    )
    return True


def bench_diff(runs: int = 3) -> None:
    """guantong diff of the shipped data against itself and against a one-number edit (issue 14)."""
    import datetime as dt

    from guantong_tools.diff import run
    from guantong.policy import POLICY_PATH

    with tempfile.TemporaryDirectory() as tmp:
        edited = Path(tmp) / "policy.toml"
        edited.write_text(POLICY_PATH.read_text(encoding="utf-8").replace("years = 2", "years = 3", 1), encoding="utf-8")
        for label, after in (("identical", POLICY_PATH), ("助理级 years 2 → 3", edited)):
            times = []
            for _ in range(runs):
                start = time.perf_counter()
                report, _ = run(POLICY_PATH, after, dt.date(2026, 12, 1))
                times.append(time.perf_counter() - start)
            print(
                f"guantong diff, shipped data vs {label}: median {statistics.median(times):.2f} s over {runs} runs "
                f"({report.population} answers objects × 2 policies, {report.changed} changed)"
            )


def bench_batch(kind: str = "xlsx", n: int = 10_000, runs: int = 3, months: float = 0.0) -> None:
    """guantong batch natively: a list of n generated people in (an xlsx, or the same as CSV), the xlsx of
    results out (issues 12 and 25); the median of `runs`. `months`: the share of people whose dates are
    written to the month only (issue 30)."""
    from guantong_tools import batch
    from guantong.policy import load_policy

    data = people_xlsx(n, months) if kind == "xlsx" else people_csv(n) if kind == "csv" else people_office(n, kind)
    if data is None:
        print(
            f"guantong batch, {kind} in: skipped (saving the list as {kind} needs LibreOffice: apt-get install -y libreoffice-calc-nogui)"
        )
        return
    reads, totals = [], []
    for _ in range(runs):
        start = time.perf_counter()
        result = batch.read(data, f"名单.{kind}")
        reads.append(time.perf_counter() - start)
        out = batch.write_xlsx(result, load_policy(), data if result.source == "xlsx" else None)
        totals.append(time.perf_counter() - start)
    read_s, total = statistics.median(reads), statistics.median(totals)
    blur = f", {months:.0%} of them with month-only dates" if months else ""
    print(
        f"guantong batch, {len(result.rows)} rows{blur}: {kind} in → xlsx out {total:.2f} s median of {runs} "
        f"({min(totals):.2f}–{max(totals):.2f}; read and decide {read_s:.2f} s, write {total - read_s:.2f} s; "
        f"{len(data) / 1e6:.1f} MB in, {len(out) / 1e6:.1f} MB out); {result.summary()}",
        flush=True,
    )


def offline_pages_bytes(site: Path) -> str:
    """What keeping the pages the wizard links to offline adds to a first wizard visit (issue 13): the
    service worker's precache list, less the wizard's own files, as served (brotli where a twin exists)."""
    import json
    import re

    sw = (site / "sw.js").read_text(encoding="utf-8")
    shell = json.loads(re.search(r"const SW = (\{.*?\});\n", sw, re.S).group(1))["shell"]
    from build_scripts.wizard import writing as wizard_writing

    wizard_page = set(wizard_writing.page_assets(site, "wizard/index.html")) | {"wizard/index.html"}
    extra = []
    for url in shell:
        rel = url + "index.html" if url.endswith("/") else ("index.html" if url == "./" else url)
        if rel.startswith("wizard/") or rel in wizard_page:
            continue
        path = site / rel
        twin = path.with_name(path.name + ".br")
        extra.append((twin if twin.is_file() else path).stat().st_size)
    return (
        f"site offline after a wizard visit: the service worker also keeps {len(extra)} files of the site "
        f"(pages, their assets, search), {sum(extra) / 1e3:.0f} kB as served, fetched after the wizard page has loaded"
    )


def chromium_version() -> str:
    from build_scripts.bench import wizard as bench_wizard

    try:
        return subprocess.run([bench_wizard.CHROMIUM, "--version"], capture_output=True, text=True, timeout=30).stdout.strip()
    except OSError:
        return "Chromium missing"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--answers", type=int, default=5000)
    parser.add_argument("--builds", type=int, default=3)
    parser.add_argument("--runs", type=int, default=5, help="cold browser runs per scenario (default 5)")
    parser.add_argument("--no-browser", action="store_true", help="native figures only")
    parser.add_argument("--lighthouse-runs", type=int, default=3, help="Lighthouse runs per page (default 3)")
    parser.add_argument("--json", type=Path, help="also write the browser figures here")
    args = parser.parse_args()
    print(f"machine: {machine()}; {chromium_version()}", flush=True)
    bench_evaluate(args.answers)
    bench_diff()
    bench_batch("xlsx", 10_000)
    bench_batch("xlsx", 10_000, months=1 / 3)
    bench_batch("csv", 20_000)
    bench_batch("xls", 10_000)  # issue 32: targets < 5 s (xls) and < 8 s (ods), xlsx out
    bench_batch("ods", 10_000)
    with tempfile.TemporaryDirectory(prefix="guantong-bench-") as tmp:
        site = Path(tmp) / "site"
        if not bench_build(args.builds, site) or args.no_browser:
            return
        from build_scripts.bench import wizard as bench_wizard

        result = bench_wizard.run(site, args.runs)
        print(bench_wizard.report(result))
        print(offline_pages_bytes(site))
        from build_scripts.bench import result_page as bench_result_page

        print(bench_result_page.report(bench_result_page.run(site)), flush=True)
        from build_scripts.bench import batch_page as bench_batch_page

        print(bench_batch_page.report(bench_batch_page.run(site, {n: people_xlsx(n) for n in (1000, 10_000)})), flush=True)
        print(bench_batch_page.report(bench_batch_page.run(site, {5000: people_xlsx(5000)}, profile="phone")), flush=True)
        from build_scripts.bench import staff_page as bench_staff_page

        print(bench_staff_page.report(bench_staff_page.run(site)), flush=True)
        from build_scripts.bench import low_end as bench_low_end

        print(bench_low_end.report(bench_low_end.run(site, runs=min(args.runs, 3))), flush=True)
        from build_scripts.bench import lighthouse as bench_lighthouse

        print(bench_lighthouse.report(bench_lighthouse.run(site, args.lighthouse_runs)), flush=True)
        if args.json:
            import json

            args.json.write_text(json.dumps(result, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()
