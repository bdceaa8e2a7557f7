"""What the policy site's generated pages are made from: the policy data, the notice's clause tree and
the engine's declared rules and question flow, plus the helpers the page templates use.

Stdlib + Jinja2 only. Imported by ``site_hooks.py`` (MkDocs) and by the site tests.

Data files: ``guantong/data/policy.toml`` and ``guantong/data/notice.toml``, or the files named by the
environment variables ``GUANTONG_POLICY`` / ``GUANTONG_NOTICE`` (tests point them at edited copies).
They are read afresh on every build (no process-wide cache), so ``mkdocs serve`` shows data edits.
"""

from __future__ import annotations

import html
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from guantong import clauses as _clauses
from guantong import flow, rules, words
from guantong.clauses import Notice, anchor_for, load_notice
from guantong.policy import PATHWAYS, Policy, default_path, load_policy, phone

REPO = Path(__file__).resolve().parents[2]
TEMPLATES = Path(__file__).resolve().parent / "templates"
NOTICE_PATH = Path(_clauses.__file__).resolve().parent / "data" / _clauses.DATA_FILE

NOTICE_ENV = "GUANTONG_NOTICE"

A, B = PATHWAYS

#: Source path (in docs, as MkDocs sees it) of every page of the site; links between pages use these.
PAGES = {
    "home": "index.md",
    "policy": "policy.md",
    "pathway_a": "pathway-a.md",
    "pathway_b": "pathway-b.md",
    "faq": "faq.md",
    "glossary": "glossary.md",
    "contact": "contact.md",
    "wizard": "wizard/index.md",
    "batch": "batch/index.md",
    "changes": "changes.md",
    "staff": "staff/index.md",
    "staff_check": "staff/check/index.md",
}
#: Pages generated from templates on every build (template name → page source path).
GENERATED = {
    "policy.md.j2": PAGES["policy"],
    "pathway-a.md.j2": PAGES["pathway_a"],
    "pathway-b.md.j2": PAGES["pathway_b"],
    "changes.md.j2": PAGES["changes"],
}
PATHWAY_PAGE = {A: PAGES["pathway_a"], B: PAGES["pathway_b"]}
#: Occupation kinds of the policy data (`occupation.kind`, B7): name, and the clause saying where each
#: is assessed.


def policy_path() -> Path:
    return default_path()


def notice_path() -> Path:
    return Path(os.environ.get(NOTICE_ENV) or NOTICE_PATH)


def data_paths() -> list[Path]:
    """The data files a build reads (for ``mkdocs serve`` to watch)."""
    return [policy_path(), notice_path()]


# --------------------------------------------------------------------------------------------------
# Text helpers for Markdown output


def esc(text) -> str:
    """Data text made safe inside Markdown (and the HTML it becomes): no markup, no table breaks."""
    text = html.escape(str(text), quote=True)
    return re.sub(r"([\\`*_\[\]|])", lambda m: "&#124;" if m.group(1) == "|" else "\\" + m.group(1), text)


def short_cite(notice: Notice, clause_id: str) -> str:
    """The clause's numbering as people write it in short: 2.4.1.2 → 二（四）1（2）."""
    chain = (*notice.ancestors(clause_id), notice.get(clause_id))
    if not chain[-1].label:
        return notice.cite(clause_id)
    return "".join(c.label.rstrip("、.") for c in chain)


# --------------------------------------------------------------------------------------------------
# Which clauses the engine evaluates, and which it cites anywhere


def _clauses_in(value) -> set[str]:
    """Every ``clause`` value anywhere in a nested dict/list (the policy data)."""
    found: set[str] = set()
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "clause" and isinstance(item, str):
                found.add(item)
            else:
                found |= _clauses_in(item)
    elif isinstance(value, list):
        for item in value:
            found |= _clauses_in(item)
    return found


def evaluated_clauses(policy: Policy) -> set[str]:
    """Clauses the wizard evaluates: its rules (not the shown-only ones), preconditions, level routes
    (levels, honours, studios) and questions."""
    out = {r["clause"] for r in rules.RULES.values() if not r.get("shown_only")}
    out |= {fn.clause for fns in rules.PRECONDITIONS.values() for fn in fns}
    for key in ("a_level", "b_level", "honor", "studio", "skill_level", "series"):
        out |= _clauses_in(policy.raw.get(key, []))
    out |= {q["clause"] for q in flow.export(policy)}
    return out


def cited_clauses(policy: Policy) -> set[str]:
    """Every clause id the policy data, the rule registry, the preconditions and the flow cite."""
    out = _clauses_in(policy.raw)
    out |= {r["clause"] for r in rules.RULES.values()}
    out |= {fn.clause for fns in rules.PRECONDITIONS.values() for fn in fns}
    out |= {q["clause"] for q in flow.export(policy)}
    return out


# --------------------------------------------------------------------------------------------------
# The site model passed to every template


@dataclass
class Explanation:
    page: str  # page source path, e.g. "pathway-a.md"
    anchor: str  # section id on that page
    title: str  # section title
    pathway: str | None


@dataclass
class Site:
    policy: Policy
    notice: Notice
    #: clause id → the sections of the pathway pages that explain it (filled while rendering them)
    explained: dict[str, list[Explanation]] = field(default_factory=dict)

    # ---- links -------------------------------------------------------------------------------------
    def clause_url(self, clause_id: str, from_page: str = "") -> str:
        """Relative Markdown link target of a clause anchor on the notice page."""
        self.notice.get(clause_id)  # KeyError for an unknown clause: the build fails loudly
        return f"{_relative(from_page, PAGES['policy'])}#{anchor_for(clause_id)}"

    def page_url(self, key: str, from_page: str = "", anchor: str = "") -> str:
        return _relative(from_page, PAGES[key]) + (f"#{anchor}" if anchor else "")

    # ---- data views --------------------------------------------------------------------------------
    @property
    def offices(self) -> list[dict]:
        return [dict(o, dial=phone(o)) for o in self.policy.raw["office"]]

    def office(self, office_id: str) -> dict:
        return dict(self.policy.office(office_id), dial=phone(self.policy.office(office_id)))

    @property
    def updated(self) -> str:
        """The day of the latest change-log entry, in 年月日 (the footer: when the rules were updated)."""
        days = [c["date"] for c in self.policy.raw.get("change", []) if hasattr(c.get("date"), "year")]
        return words.cn(max(days)) if days else ""

    @property
    def contact_offices(self) -> list[dict]:
        """Offices with a phone number (the ones the notice prints, E4)."""
        return [o for o in self.offices if o.get("phone")]

    def honors_for(self, tier: str) -> list[dict]:
        return [h for h in self.policy.honors if h["tier"] == tier]

    def studio_for(self, tier: str) -> dict | None:
        return next((s for s in self.policy.studios if s["tier"] == tier), None)

    def preconditions(self, pathway: str) -> list[dict]:
        return [
            {"id": fn.rule_id, "clause": fn.clause, "label": fn.label, "doc": rules.RULES[fn.rule_id]["doc"]}
            for fn in rules.PRECONDITIONS[pathway]
        ]

    def rule(self, rule_id: str) -> dict:
        return rules.RULES[rule_id]

    def questions(self, pathway: str) -> list[dict]:
        """The wizard's questions asked on this pathway, in order (from the declared flow)."""
        return [flow.describe(q, self.policy) for q in flow.on_pathway(pathway)]

    def rounds(self, pathway: str) -> list[dict]:
        return self.policy.rounds(pathway)

    def current_round(self, pathway: str) -> dict | None:
        """This year's round as of the build (T1); $GUANTONG_TODAY (YYYY-MM-DD) pins the day for tests."""
        import datetime as dt

        today = dt.date.fromisoformat(os.environ["GUANTONG_TODAY"]) if os.environ.get("GUANTONG_TODAY") else dt.date.today()
        return self.policy.current_round(pathway, today)

    @property
    def calendar(self):
        from guantong.workdays import load_calendar

        return load_calendar()

    @property
    def changes(self) -> list[dict]:
        """The changelog (更新记录), newest first."""
        return sorted(self.policy.raw.get("change", []), key=lambda c: c["date"], reverse=True)

    @property
    def evaluated(self) -> set[str]:
        return evaluated_clauses(self.policy)


def calendar_json() -> str:
    """guantong/data/calendar.toml as JSON for the browser's posting-period calculator."""
    import json

    from guantong.workdays import load_calendar

    cal = load_calendar()
    return json.dumps(
        {
            "first_year": cal.first_year,
            "last_year": cal.last_year,
            "source": cal.source,
            "days_off": sorted(d.isoformat() for d in cal.days_off),
            "workdays": sorted(d.isoformat() for d in cal.workdays),
        },
        ensure_ascii=False,
    )


def load_site() -> Site:
    return Site(policy=load_policy(policy_path()), notice=load_notice(notice_path()))


def _relative(from_page: str, to_page: str) -> str:
    """Relative path between two docs source paths (MkDocs resolves and validates .md links)."""
    from_dir = Path(from_page).parent
    return os.path.relpath(to_page, from_dir if str(from_dir) != "." else ".").replace(os.sep, "/")
