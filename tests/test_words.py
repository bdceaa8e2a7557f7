"""One vocabulary (issue 24): guantong/data/words.json is where the shared words are written; what repeats
them elsewhere (the site's navigation, its page addresses, the batch's column words) is held to it here.
The page's side is wizard/src/app/words.test.js."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from build_scripts.site import model
from guantong import words
from guantong_tools import batch
from guantong.flow import BY_ID
from guantong.policy import PATHWAYS, load_policy

ROOT = Path(__file__).resolve().parents[1]
CASES = json.loads((ROOT / "tests" / "cases" / "cn_dates.json").read_text(encoding="utf-8"))["cases"]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c["iso"])
def test_dates_as_the_page_writes_them(case):
    if len(case["iso"]) == 10:
        assert words.cn(dt.date.fromisoformat(case["iso"])) == case["cn"]
    assert words.cn(case["iso"]) == case["cn"]


def test_the_navigation_names_the_pathways_pages_by_their_titles():
    nav = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    for p in PATHWAYS:
        source = model.PATHWAY_PAGE[p]
        assert re.search(rf"^  - {re.escape(words.PATHWAY_TITLE[p])}: {re.escape(source)}$", nav, re.M), source
        assert words.PATHWAY_PAGE[p] == source.removesuffix(".md") + "/"


def test_the_page_addresses_are_the_sites_pages():
    for key, url in words.PAGES.items():
        source = (
            "index.md"
            if url == ""
            else url.split("#")[0].removesuffix("/") + ("/index.md" if key in ("wizard", "batch", "staff") else ".md")
        )
        assert source in model.PAGES.values() or (ROOT / "docs" / source).is_file(), (key, url)


def test_every_status_and_conclusion_the_engine_gives_has_its_words():
    assert set(words.WORDS["status"]) == set(words.STATUS_SHORT) == {"eligible", "not_eligible", "undetermined"}
    assert set(words.CONCLUSION) == {*words.STATUS_SHORT, "error"}
    assert list(batch.Batch([], [], [], "csv").counts()) == list(words.CONCLUSION)


def test_the_batch_reads_the_wizards_words_for_a_direction():
    for value, label in BY_ID["direction"].options:
        assert batch.DIRECTIONS[label] == value
        assert batch.DIRECTIONS[words.PATHWAY_TITLE[value]] == batch.DIRECTIONS[words.PATHWAY_SHEET[value]] == value


def test_the_spreadsheet_columns_are_answers_keys_and_policy_levels():
    """The batch's headers (batch.md's contract, kept as written) name the flow's questions and the policy's
    levels: an answers key the flow does not ask, or a level id the data does not have, fails here."""
    policy = load_policy()
    keys = set(BY_ID)
    levels = {lv["id"] for lv in policy.skill_levels} | {t["id"] for t in policy.titles}
    for header, (key, _side, kind, extra) in batch.COLUMNS.items():
        if kind in ("label",):
            continue
        assert key.split(".")[0] in keys, (header, key)
        if kind in ("dated", "years"):
            assert extra in levels, (header, extra)
            name = next(lv["name"] for lv in [*policy.skill_levels, *policy.titles] if lv["id"] == extra)
            assert header.startswith(re.split(r"[（(]", name)[0].removesuffix("职称")), (header, name)


def test_facts_typed_into_words_are_their_sources():
    """Issue 35: the notice's number and the header rows searched are typed into page words and the staff
    guide; each copy is held to its one source (policy.toml's data.notice, reading.HEADER_ROWS), and the
    studio words a cell takes name the contract's studio levels."""
    import re
    from pathlib import Path

    from guantong.answers import STUDIO_LEVELS
    from guantong.policy import load_policy
    from guantong_tools.batch.cells import STUDIO_WORDS
    from guantong_tools.batch.reading import HEADER_ROWS

    root = Path(__file__).resolve().parents[1]
    texts = {
        p: p.read_text(encoding="utf-8")
        for p in [root / "wizard/src/app/words.js", *root.glob("docs/**/*.md"), *root.glob("guantong_tools/**/*.py")]
    }
    notice = load_policy().raw["data"]["notice"]
    for path, text in texts.items():
        assert set(re.findall(r"黄人社发〔\d+〕\d+号", text)) <= {notice}, path
        assert set(re.findall(r"表头在前 (\d+) 行之内", text)) <= {str(HEADER_ROWS)}, path
    assert sum("表头在前" in t for t in texts.values()) >= 2
    assert sorted(STUDIO_WORDS.values()) == sorted(STUDIO_LEVELS)
