"""A year's holidays added by staff from the State Council's notice when the chinese-calendar package lags
(issue 25): checked with file and line, then used by the posting period of 2.5.1.3 in the engine, the
batch draft and the command. The package stays the source for every year it has."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from guantong_tools import batch
from guantong.policy import load_policy
from guantong_tools.validate import validate_all
from guantong.workdays import CalendarGap, load_calendar, package_calendar, posting_by_deadline, posting_end, with_staff_years
from policy_edits import GOOD, HOLIDAYS_2026, HOLIDAYS_2027_TEST, broken

ROOT = Path(__file__).resolve().parents[1]


def edited(tmp_path, *edits: str) -> Path:
    path = tmp_path / "policy.toml"
    path.write_text(GOOD + "".join(edits), encoding="utf-8")
    return path


def test_the_real_2026_notice_typed_by_staff_gives_the_package_s_2026(tmp_path):
    package = package_calendar()
    assert package.last_year == 2026  # when the package has 2027, type its notice here instead
    # The package's calendar as it was before it had 2026, then 2026 as staff type it from the notice.
    before = replace(
        package,
        last_year=2025,
        days_off=frozenset(d for d in package.days_off if d.year < 2026),
        workdays=frozenset(d for d in package.workdays if d.year < 2026),
    )
    path = edited(tmp_path, HOLIDAYS_2026)
    assert validate_all(path) == []
    typed = with_staff_years(load_policy(path), before)
    assert typed.last_year == 2026
    day = dt.date(2026, 1, 1)
    while day.year == 2026:
        assert typed.is_workday(day) == package.is_workday(day), day
        day += dt.timedelta(days=1)
    # And where the package has the year, the package is the source: staff's 2026 changes nothing.
    assert load_calendar(load_policy(path)) == package


def test_a_year_staff_add_extends_the_posting_count(tmp_path):
    start = dt.date(2026, 12, 28)
    with pytest.raises(CalendarGap, match="2027 年的放假和调休安排尚未收录"):
        posting_end(start)
    path = edited(tmp_path, HOLIDAYS_2027_TEST)
    assert validate_all(path) == []
    policy = load_policy(path)
    cal = load_calendar(policy)
    assert cal.last_year == 2027 and "2027年部分节假日安排" in cal.source
    # 28–31 December, then 1 January (Friday) and the weekend off: the fifth working day is Monday 4 January.
    assert posting_end(start, calendar=cal) == dt.date(2027, 1, 4)
    # Sunday 31 January is a make-up working day: Thu 28, Fri 29, Sun 31, Mon 1, Tue 2.
    assert posting_end(dt.date(2027, 1, 28), calendar=cal) == dt.date(2027, 2, 2)
    # Spring Festival 5–12 February off.
    assert posting_end(dt.date(2027, 2, 4), calendar=cal) == dt.date(2027, 2, 18)
    assert batch.posting_period(start, policy) == (start, dt.date(2027, 1, 4))
    assert "最晚须在 2027年6月2日 开始公示" in posting_by_deadline(dt.date(2027, 6, 8), calendar=cal)
    with pytest.raises(CalendarGap, match="2021–2027 年"):
        posting_end(dt.date(2027, 12, 29), calendar=cal)


def test_the_command_s_draft_uses_the_added_year(tmp_path):
    path = edited(tmp_path, HOLIDAYS_2027_TEST)
    people = tmp_path / "名单.csv"
    people.write_text(
        "姓名,申报方向,单位在黄石市,一线或技能岗位,技师取得日期,中断技能工作月数,申报系列,专业与工种相同或相近,近3年年度考核合格,弄虚作假记录\n"
        "王五,职称,是,是,2019-06-30,0,工程技术,是,是,否\n",
        encoding="utf-8-sig",
    )
    draft = tmp_path / "公示.html"

    def run(env):
        return subprocess.run(
            [
                sys.executable,
                "-m",
                "guantong",
                "batch",
                str(people),
                "-o",
                str(tmp_path / "out.csv"),
                "--deadline",
                "2027-06-30",
                "--notice",
                str(draft),
                "--employer",
                "黄石市某某有限公司",
                "--posting-start",
                "2026-12-28",
            ],
            cwd=ROOT,
            capture_output=True,
            text=True,
            env={**os.environ, **env},
        )

    refused = run({"GUANTONG_POLICY": ""})
    assert refused.returncode == 2 and "2027 年的放假和调休安排尚未收录" in refused.stderr
    done = run({"GUANTONG_POLICY": str(path)})
    assert done.returncode == 0, done.stderr
    text = draft.read_text(encoding="utf-8")
    assert "2026年12月28日" in text and "2027年1月4日" in text and "王五" in text


@pytest.mark.parametrize(
    "edit,key,words",
    [
        # A make-up working day on a weekday.
        (("2027-01-31", "2027-02-01"), "holiday[8].workdays", "2027-02-01（星期一）本来就是工作日"),
        # A break that falls on a weekend only.
        (('"清明节"\noff = [2027-04-03, 2027-04-05]', '"清明节"\noff = [2027-04-03, 2027-04-04]'), "holiday[9].off", "全在周末"),
        # A holiday left out.
        (('name = "端午节"', 'name = "中秋节、国庆节"'), "holiday_year[1]", "缺少端午节的安排"),
        (('name = "端午节"', 'name = "端午"'), "holiday[11].name", "“端午”不是通知中的节日"),
        (("off = [2027-10-01, 2027-10-07]", "off = [2027-10-07, 2027-10-01]"), "holiday[13].off", "早于第一天"),
        (("off = [2027-06-09]", 'off = ["2027-06-09"]'), "holiday[11].off", "日期不要加引号"),
        (("workdays = [2027-09-26, 2027-10-09]", "workdays = [2027-09-26, 2027-10-02]"), "holiday[13].workdays", "在本次放假期间之内"),
    ],
)
def test_a_mistyped_year_is_found_with_its_line(tmp_path, edit, key, words):
    old, new = edit
    # 2026 typed first (the package's year, not used) so that the indices also cover a file with two years.
    assert old in HOLIDAYS_2027_TEST
    path = broken(tmp_path, None, HOLIDAYS_2026 + HOLIDAYS_2027_TEST.replace(old, new, 1))
    problems = validate_all(path)
    assert problems, "the mistake went through"
    found = [p for p in problems if p.key == key and words in p.message]
    assert found, [str(p) for p in problems]
    line = path.read_text(encoding="utf-8").splitlines()[found[0].line - 1]
    assert line.split("=")[0].strip() in key.rsplit(".", 1)[-1] or line.startswith("[[holiday"), (line, key)


def test_a_year_after_a_gap_is_refused_and_not_used(tmp_path):
    path = edited(tmp_path, HOLIDAYS_2027_TEST.replace("2027", "2028"))
    problems = validate_all(path)
    assert any("请先写 2027 年的安排，再写 2028 年" in p.message and p.line for p in problems), [str(p) for p in problems]
    assert load_calendar(load_policy(path)).last_year == 2026


def test_the_build_stops_on_a_mistyped_year_and_names_the_file_and_line(tmp_path):
    path = edited(tmp_path, HOLIDAYS_2027_TEST.replace("2027-01-31", "2027-02-01"))
    proc = subprocess.run([sys.executable, "-m", "guantong", "validate", "--policy", str(path)], cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode != 0
    line = next(i for i, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if "2027-02-01, 2027-02-20" in text)
    assert f"{path} 第 {line} 行 [第 2 个 [[holiday]] 的 workdays]" in proc.stdout + proc.stderr
