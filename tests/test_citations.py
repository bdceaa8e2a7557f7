"""Every clause id the engine and the policy data cite exists in the notice's clause tree; every rule id of
rules.md is implemented or marked shown-not-evaluated."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from guantong.clauses import exists
from guantong.flow import QUESTIONS
from guantong.policy import POLICY_PATH
from guantong.rules import PRECONDITIONS, RULES

ROOT = Path(__file__).resolve().parents[1]
RULES_MD = ROOT.parent / "shared" / "spec" / "rules.md"
RULE_IDS = [f"T{i}" for i in range(1, 8)] + [f"A{i}" for i in range(1, 13)] + [f"B{i}" for i in range(1, 8)]


def test_every_rule_of_rules_md_is_implemented_or_shown():
    ids = set(RULE_IDS)
    if RULES_MD.exists():  # the ids as rules.md lists them: "**A7 Held since**" and "| A1 | …" rows
        text = RULES_MD.read_text(encoding="utf-8")
        ids |= set(re.findall(r"\*\*([TABE]\d+) ", text)) | set(re.findall(r"^\| ([AB]\d+) \|", text, re.M))
    missing = sorted(rid for rid in ids if rid not in RULES)
    assert not missing, f"rules.md ids with no implementation or shown-only marker: {missing}"
    for rid in ("A10", "A11", "A12", "B6", "B7"):
        assert RULES[rid].get("shown_only"), rid


def test_every_rule_cites_an_existing_clause():
    for rid, rule in RULES.items():
        assert exists(rule["clause"]), (rid, rule["clause"])
    for fns in PRECONDITIONS.values():
        for fn in fns:
            assert exists(fn.clause), fn.__name__


def test_every_clause_in_the_engine_source_exists():
    source = "".join(p.read_text(encoding="utf-8") for p in (ROOT / "guantong").glob("*.py"))
    cited = set(re.findall(r'(?<![\w.])"(\d(?:\.\d){0,3})"', source))
    assert cited, "the pattern found no clause ids"
    assert sorted(c for c in cited if not exists(c)) == []


def test_every_clause_in_the_policy_data_exists():
    data = tomllib.loads(POLICY_PATH.read_text(encoding="utf-8"))
    found = []

    def walk(node, path):
        if isinstance(node, dict):
            for k, v in node.items():
                if k == "clause":
                    found.append((path, v))
                walk(v, f"{path}.{k}")
        elif isinstance(node, list):
            for i, v in enumerate(node):
                walk(v, f"{path}[{i}]")

    walk(data, "policy")
    assert len(found) > 50
    assert [f for f in found if not exists(f[1])] == []


def test_every_question_cites_an_existing_clause():
    for q in QUESTIONS:
        assert exists(q.clause), q.id
