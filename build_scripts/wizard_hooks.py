"""MkDocs hooks for the wizard (bundles the engine and Pyodide into the built site)."""
