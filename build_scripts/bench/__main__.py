"""`python -m build_scripts.bench` (what `make bench` runs): every benchmark, figures printed (run.py)."""

from build_scripts.bench.run import main

main()
