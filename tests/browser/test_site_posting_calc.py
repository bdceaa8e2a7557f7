"""The posting-period calculator on the pathway A page agrees with the engine's count (2.5.1.3)."""

from __future__ import annotations

import datetime as dt

from guantong.words import cn
from guantong.workdays import CalendarGap, load_calendar, posting_end

STARTS = ["2026-06-01", "2026-06-17", "2026-09-28", "2026-02-12", "2026-06-06", "2021-09-30", "2024-04-30", "2026-12-28"]


def test_calculator_matches_the_engine(built_site, serve_dir, new_page):
    base = serve_dir(built_site)
    rec = new_page()
    page = rec.page
    page.goto(base + "pathway-a/")
    field = page.locator("#gt-posting-start")
    out = page.locator("[data-gt-posting-calc] output")
    for start in STARTS:
        field.fill(start.replace("-", "/"))  # typed as people do
        try:
            end = posting_end(dt.date.fromisoformat(start)).isoformat()
            page.wait_for_function(
                "([sel, end]) => document.querySelector(sel).dataset.end === end", arg=["[data-gt-posting-calc] output", end]
            )
            assert cn(dt.date.fromisoformat(end)) in out.text_content(), "the end day in 年月日, as every screen writes dates"
        except CalendarGap:
            page.wait_for_function(
                "sel => document.querySelector(sel).textContent.includes('尚未收录')", arg="[data-gt-posting-calc] output"
            )
    next_year = load_calendar().last_year + 1
    field.fill(f"{next_year}-03-02")
    page.wait_for_function("sel => document.querySelector(sel).textContent.includes('尚未收录')", arg="[data-gt-posting-calc] output")
    field.fill("2026-02-30")  # the wizard's words for a date that does not exist
    page.wait_for_function(
        "sel => document.querySelector(sel).textContent.includes('日期 2026-02-30 不存在')", arg="[data-gt-posting-calc] output"
    )
    rec.assert_only_origin(base)
    assert not rec.errors
