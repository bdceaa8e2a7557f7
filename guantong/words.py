"""The words and formats the engine, the staff tools, the site builder and the pages share (issue 24),
written once in ``data/words.json``: the pages import that file through esbuild (wizard/src/app/words.js),
Python reads it here. Ids, never these words, travel between Python and the pages.
"""

from __future__ import annotations

import datetime as _dt
import json
from pathlib import Path

from .policy import PATHWAYS

WORDS = json.loads((Path(__file__).resolve().parent / "data" / "words.json").read_text(encoding="utf-8"))

#: Each pathway's title (the site's navigation, the diff, the charts), the template's sheet for it and
#: its page's address from the site's root.
PATHWAY_TITLE = {p: WORDS["pathway"][p]["title"] for p in PATHWAYS}
PATHWAY_SHEET = {p: WORDS["pathway"][p]["sheet"] for p in PATHWAYS}
PATHWAY_PAGE = {p: WORDS["pathway"][p]["page"] for p in PATHWAYS}
#: A level's status in a spreadsheet cell, the diff and the batch table (the wizard says it in full).
STATUS_SHORT: dict[str, str] = WORDS["statusShort"]
#: A batch row's conclusion group, by id (the page filters by these ids).
CONCLUSION: dict[str, str] = WORDS["conclusion"]
NOT_YET: str = WORDS["notYet"]  # a row's 结论 when no level is open and none is 待定
PAGES: dict[str, str] = WORDS["pages"]


def cn(day: _dt.date | str) -> str:
    """A date as Chinese documents write it (2026年6月30日), or a date known to the month or the year given
    as YYYY-MM or YYYY (2018年7月, 2018年; rules.md T8): the one format of every date people read (issue 35):
    the engine's sentences (reasons, routes, notes, next steps), the diff's, the batch draft, the site's
    pages and the page's cnDate (tests/cases/cn_dates.json holds both). Dates machines read stay ISO: the
    answers and result fields (deadline, eligible_on), the batch's date columns, the command's JSON."""
    if isinstance(day, str):
        parts = [int(p) for p in day.split("-")]
        if len(parts) == 3:
            return cn(_dt.date(*parts))
        if len(parts) == 2:
            return WORDS["monthFormat"].format(y=parts[0], m=parts[1])
        return WORDS["yearFormat"].format(y=parts[0])
    return WORDS["dateFormat"].format(y=day.year, m=day.month, d=day.day)
