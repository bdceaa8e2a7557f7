"""Staff edits of the policy data the tests share (no tests here): a broken copy of the real data, and the
publishing edit (a year's round and an honour) that the site build and the wizard both take."""

from __future__ import annotations

from pathlib import Path

from guantong.policy import POLICY_PATH

GOOD = POLICY_PATH.read_text(encoding="utf-8")


def broken(tmp_path, old: str | None, new: str, count: int = 1) -> Path:
    if old is None:
        text = GOOD + "\n" + new
    else:
        assert old in GOOD, old
        text = GOOD.replace(old, new, count)
    path = tmp_path / "policy.toml"
    path.write_text(text, encoding="utf-8")
    return path


# A staff edit: a year's round with its deadline, a new honour, and its change note.
ROUND_AND_HONOUR = """
[[round]]
id = "2026-a"
pathway = "skill_to_title"
year = 2026
deadline = 2026-06-30
document = "关于做好2026年度职称评审工作的通知（测试）"
clause = "3.2"

[[honor]]
name = "黄石市金牌职工"
tier = "assistant"
clause = "2.4.1.1"

[[change]]
date = 2026-05-20
summary = "新增2026年度受理截止时间和“黄石市金牌职工”荣誉（测试）。"
document = "黄人社函〔2026〕测试号"
"""


def holiday_year(year: int, document: str, holidays: list[tuple[str, list[str], list[str]]]) -> str:
    """A year of the State Council's holiday notice as staff type it into the policy data."""
    out = f'\n[[holiday_year]]\nyear = {year}\ndocument = "{document}"\nclause = "2.5.1.3"\n'
    for name, off, workdays in holidays:
        out += f'\n[[holiday]]\nyear = {year}\nname = "{name}"\noff = [{", ".join(off)}]\n' + (
            f"workdays = [{', '.join(workdays)}]\n" if workdays else ""
        )
    return out


# The real 2026 notice (国办发明电〔2025〕…, 2025-11-04, as published by Xinhua) typed as staff would: the
# tests check that it gives the chinese-calendar package's own 2026, day by day.
HOLIDAYS_2026 = holiday_year(
    2026,
    "国务院办公厅关于2026年部分节假日安排的通知（2025年11月4日）",
    [
        ("元旦", ["2026-01-01", "2026-01-03"], ["2026-01-04"]),
        ("春节", ["2026-02-15", "2026-02-23"], ["2026-02-14", "2026-02-28"]),
        ("清明节", ["2026-04-04", "2026-04-06"], []),
        ("劳动节", ["2026-05-01", "2026-05-05"], ["2026-05-09"]),
        ("端午节", ["2026-06-19", "2026-06-21"], []),
        ("中秋节", ["2026-09-25", "2026-09-27"], []),
        ("国庆节", ["2026-10-01", "2026-10-07"], ["2026-09-20", "2026-10-10"]),
    ],
)

# A 2027 made up for the tests (not the real notice, which the package does not have yet): the shape of
# a year staff add, a make-up working day on Sunday 31 January among them.
HOLIDAYS_2027_TEST = holiday_year(
    2027,
    "国务院办公厅关于2027年部分节假日安排的通知（测试用，非真实安排）",
    [
        ("元旦", ["2027-01-01", "2027-01-03"], []),
        ("春节", ["2027-02-05", "2027-02-12"], ["2027-01-31", "2027-02-20"]),
        ("清明节", ["2027-04-03", "2027-04-05"], []),
        ("劳动节", ["2027-05-01", "2027-05-05"], ["2027-04-25", "2027-05-08"]),
        ("端午节", ["2027-06-09"], []),
        ("中秋节", ["2027-09-15"], []),
        ("国庆节", ["2027-10-01", "2027-10-07"], ["2027-09-26", "2027-10-09"]),
    ],
)


# The data-driven pages follow an edit (tests/test_site_build.py): the intermediate years raised, an
# honour, a series and an occupation added.
PAGES_EDIT = """
[[honor]]
name = "测试用技能荣誉甲"
tier = "assistant"
clause = "2.4.1.1"

[[series]]
name = "测试系列乙"
clause = "2.2"

[[occupation]]
name = "测试工种丙"
kind = "level"
standard = "测试工种丙国家职业技能标准（测试版）"
clause = "2.4.2"
[occupation.required_years]
senior_worker = 7
technician = 11
senior_technician = 15
"""
# An honour renamed with its old name kept (the FAQ follows) and a later year's round (its page lists it).
RENAME_AND_NEXT_ROUND = (
    'name = "黄石工匠"\ntier = "assistant"',
    'name = "黄石大工匠"\naliases = ["黄石工匠"]\ntier = "assistant"',
    """
[[round]]
id = "2027-b"
pathway = "title_to_skill"
year = 2027
deadline = 2027-07-15
document = "关于做好2027年度职业技能评价工作的通知（测试）"
clause = "3.2"
""",
)
INTERMEDIATE_YEARS = (
    '[[a_level]]\nid = "intermediate"\nname = "中级职称"\nclause = "2.4.1.2"\nskill_level = "technician"\nyears = 3',
    '[[a_level]]\nid = "intermediate"\nname = "中级职称"\nclause = "2.4.1.2"\nskill_level = "technician"\nyears = 5',
)


def staff_edit() -> str:
    """Every staff edit the built-site tests look at, in one copy of the data, so that the suite builds
    the edited site once (tests/conftest.py, staff_site): a round and an honour, a year's holidays, and
    the pages' edit."""
    old, new = INTERMEDIATE_YEARS
    named, renamed, next_round = RENAME_AND_NEXT_ROUND
    assert old in GOOD and named in GOOD
    edited = GOOD.replace(old, new, 1).replace(named, renamed, 1)
    return edited + ROUND_AND_HONOUR + HOLIDAYS_2027_TEST + PAGES_EDIT + next_round
