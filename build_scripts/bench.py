"""Benchmarks (not tests): prints figures, asserts nothing. `make bench`.

- evaluate(): median time per call over generated answers objects (native CPython);
- the full site build (mkdocs build, with the wizard bundle), median of a few runs.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "build_scripts")]

from guantong import evaluate  # noqa: E402
from sample_answers import generate  # noqa: E402


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")), "?") \
        if os.path.exists("/proc/cpuinfo") else platform.processor()
    return f"{platform.python_implementation()} {platform.python_version()}, {os.cpu_count()} cores, {cpu}"


def bench_evaluate(n: int) -> None:
    objects = generate(n)
    evaluate(objects[0])  # loads policy data once
    times = []
    for answers in objects:
        start = time.perf_counter()
        evaluate(answers).to_dict()
        times.append(time.perf_counter() - start)
    times.sort()
    print(f"evaluate: {n} generated answers objects; median {statistics.median(times) * 1e6:.0f} µs/call, "
          f"p90 {times[int(n * 0.9)] * 1e6:.0f} µs, max {times[-1] * 1e6:.0f} µs")


def bench_build(runs: int) -> None:
    times = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as out:
            start = time.perf_counter()
            proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", out],
                                  cwd=ROOT, capture_output=True, text=True)
            times.append(time.perf_counter() - start)
            if proc.returncode:
                print(f"site build failed:\n{proc.stderr[-2000:]}")
                return
    print(f"site build (mkdocs build --strict): median {statistics.median(times):.2f} s over {runs} runs "
          f"(min {min(times):.2f}, max {max(times):.2f})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--answers", type=int, default=5000)
    parser.add_argument("--builds", type=int, default=3)
    parser.add_argument("--skip-build", action="store_true")
    args = parser.parse_args()
    print(f"machine: {machine()}")
    bench_evaluate(args.answers)
    if not args.skip_build:
        bench_build(args.builds)


if __name__ == "__main__":
    main()
