"""The wizard and the batch page in the built site: ``wizard_hooks`` (MkDocs' hooks), ``bundle`` (esbuild's
page scripts, Pyodide, the engine and batch zips, compressed twins, the service worker), ``stdlib`` (the
standard library compiled inside Pyodide and trimmed to what a recorded run imports), ``walker_cases`` (the
cases the page's walker is tested with against flow.py)."""
