"""The worker protocol is written once, in wizard/src/README.md ("Worker protocol"): each message the
worker sends (the postMessage calls of wizard/src/worker/) is listed there with the same fields, and the operations
listed are the bridges' OPS tables (which the build exports to the worker) and the worker's own."""

from __future__ import annotations

import re
from pathlib import Path

from build_scripts.wizard.zips import bridge_ops

SRC = Path(__file__).resolve().parents[1] / "wizard" / "src"
README = (SRC / "README.md").read_text(encoding="utf-8")
# The worker's modules (wizard/src/worker/, bundled into one by the build), their tests left out.
WORKER = "\n".join(p.read_text(encoding="utf-8") for p in sorted((SRC / "worker").glob("*.mjs")) if ".test." not in p.name)
WORKER_OWN = {"batch_load"}  # the worker's own operation (it fetches and mounts the batch zip)
SPREAD = {
    "reply": {"ok", "value", "error"},
    "fatal(err)": {"ok", "error"},  # `...reply`: the bridge's reply object;
    "(err?.reply ?? fatal(err))": {"ok", "error"},
}  # a failure of the worker's own, the same shape


def protocol() -> str:
    return README[README.index("Worker protocol") : README.index("Options for the worker")]


def top_level(text: str) -> list[str]:
    """An object literal's body split at its own commas (not those inside calls or nested literals)."""
    parts, depth, current, quote = [], 0, "", None
    for ch in text:
        if quote:  # inside a string or template literal (its ${…} commas count as inside too)
            quote = None if ch == quote else quote
        elif ch in "\"'`":
            quote = ch
        else:
            depth += ch in "([{"
            depth -= ch in ")]}"
        if ch == "," and depth == 0 and not quote:
            parts.append(current.strip())
            current = ""
        else:
            current += ch
    return [p for p in [*parts, current.strip()] if p]


def sent() -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for m in re.finditer(r"postMessage\(\{", WORKER):
        depth, i = 1, m.end()
        while depth:
            depth += WORKER[i] == "{"
            depth -= WORKER[i] == "}"
            i += 1
        parts = top_level(WORKER[m.end() : i - 1])
        kind = re.fullmatch(r'kind: "(\w+)"', parts[0]).group(1)
        keys = out.setdefault(kind, set())
        for part in parts[1:]:
            if part.startswith("..."):
                keys |= SPREAD[part[3:]]
            else:
                keys.add(re.match(r"\w+", part).group(0))
    return out


def listed() -> dict[str, set[str]]:
    return {
        kind: {k.strip() for k in re.split(r"[,|]", fields) if k.strip()}
        for kind, fields in re.findall(r'`\{kind: "(\w+)", ([^}`]*)\}`', protocol())
    }


def test_the_readme_lists_every_message_the_worker_sends_with_its_fields():
    assert sent() == listed()
    assert set(sent()) >= {"progress", "ready", "reply", "task", "fatal", "snapshot", "log"}


def test_the_readme_lists_the_operations_the_bridges_declare():
    ops = bridge_ops()
    assert {"state", "result"} <= set(ops["engine"]) and {"batch_run", "batch_row"} <= set(ops["batch"])
    text = protocol()
    op_part = text[text.index("page → worker") : text.index("worker → page:")]
    assert set(re.findall(r"`(\w+)`", op_part)) == {*ops["engine"], *ops["batch"], *WORKER_OWN}
