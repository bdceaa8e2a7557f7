"""The build tools of guantong (not the engine: nothing here runs on a phone). Importable from the checkout
or once installed (`pip install -e '.[site]'`, which `make` does):

- ``site/``: the public site: MkDocs hooks, the page model, generated pages, flowcharts, search, the
  offline rewrite, the Content Security Policy, the page templates;
- ``wizard/``: the wizard's bundle: its MkDocs hooks, the bundle (esbuild, Pyodide, the engine and batch
  zips, compression, the service worker), the trimmed standard library, the walker's test cases;
- ``bench/``: the benchmarks (`make bench`, ``python -m build_scripts.bench``);
- ``server/``: the local static server the benchmarks and browser tests serve the site with;
- ``upkeep/``: data upkeep (the holiday calendar);
- ``sample_answers.py``: the one generator of answers objects (journeys walked from the flow, loose and
  full objects), used by the tests, the hypothesis strategies, the benchmarks and the stdlib probe.
"""
