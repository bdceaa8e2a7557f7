"""What the pages take from the engine, as JSON on standard output: the declared flow (and what the page
needs to walk it), the clause citations and the policy data's version. bundle.py runs it in a fresh
interpreter (zips.engine_export), so that an edit to guantong/ is picked up by ``mkdocs serve`` too.

    python -m build_scripts.wizard.export_engine [POLICY.toml]
"""

from __future__ import annotations

import json
import sys

from guantong import clauses, flow
from guantong.policy import load_policy


def export(policy_path: str | None = None) -> dict:
    policy = load_policy(policy_path) if policy_path else load_policy()
    notice = clauses.load_notice()
    return {
        "flow": flow.export(policy),
        "walker": flow.export_walker(policy),
        "clauses": {c.id: {"anchor": clauses.anchor(c.id), "cite": clauses.cite(c.id)} for c in notice},
        "policyVersion": policy.version,
    }


if __name__ == "__main__":
    print(json.dumps(export(sys.argv[1] if len(sys.argv) > 1 else None), ensure_ascii=False))
