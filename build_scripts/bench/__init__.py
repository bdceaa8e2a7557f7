"""The benchmarks (`make bench`): ``run`` (native figures and the order of the rest), ``wizard`` (the wizard
against a stock Pyodide page), ``batch_page`` (单位批量自测 with 1 000 and 10 000 rows), ``lighthouse``."""
