"""The benchmarks (`make bench`): ``run`` (native figures and the order of the rest), ``wizard`` (the wizard
against a stock Pyodide page), ``batch_page`` (单位批量自测 with 1 000 and 10 000 rows, and 5 000 on the phone
profile), ``result_page``, ``low_end`` (a low-end Android phone: the CPU 6× slower, the worker too),
``lighthouse``."""

from __future__ import annotations

import argparse
from pathlib import Path


def site_arguments(doc: str, argv: list[str] | None, runs: int | None = 3) -> argparse.Namespace:
    """The command line of a benchmark run on its own: ``--site DIR`` (a built site) and, where it repeats,
    ``--runs N``; its help from the module's ``doc``."""
    parser = argparse.ArgumentParser(description=doc.split("\n\n")[0])
    parser.add_argument("--site", type=Path, required=True)
    if runs is not None:
        parser.add_argument("--runs", type=int, default=runs)
    return parser.parse_args(argv)
