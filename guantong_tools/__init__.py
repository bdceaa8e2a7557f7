"""The staff and office tools around the engine: the batch screening of a spreadsheet (``batch``, which
the batch page also runs in the browser), the policy data's validation (``validate``), what a data edit
changes (``diff``) and the command line (``cli``, the ``guantong`` command).

They use the engine (the ``guantong`` package, which ships whole to phones); the engine never imports
them.
"""
