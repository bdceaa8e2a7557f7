"""`guantong diff` (issue 14): what a policy data edit changes for people, each kind of edit as staff make it."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path


from guantong_tools import cli
from guantong_tools.diff import run, sentence
from guantong.policy import POLICY_PATH

ROOT = Path(__file__).resolve().parents[1]
GOOD = POLICY_PATH.read_text(encoding="utf-8")
TODAY = dt.date(2026, 12, 1)
HUANGSHI_CRAFTSMAN = '''[[honor]]
name = "黄石工匠"
tier = "assistant"'''
ROUND = """
[[round]]
id = "2026-b"
pathway = "skill_to_title"
year = 2026
deadline = 2026-11-15
document = "测试：2026年度第二批通知"
clause = "3.2"
"""


def edited(tmp_path: Path, old: str | None, new: str, name: str = "after.toml", base: str = GOOD) -> Path:
    if old is not None:
        assert old in base, old
    path = tmp_path / name
    path.write_text(base + new if old is None else base.replace(old, new, 1), encoding="utf-8")
    return path


def diff(tmp_path: Path, after: Path, before: Path = POLICY_PATH):
    report, _ = run(before, after, TODAY)
    return report, report.to_json()


def statuses(report) -> set[tuple]:
    return {(g.pathway, g.level, g.from_status, g.to_status) for g in report.groups if g.kind == "status"}


def test_identical_files_report_no_change(tmp_path):
    report, out = diff(tmp_path, edited(tmp_path, None, ""))
    assert out == {"population": out["population"], "changed": 0, "groups": []}
    assert out["population"] >= 5000 and report.edits == [] and report.reworded == 0


def test_raising_the_assistant_years_reports_the_assistant_people_who_lose_it_and_nothing_else(tmp_path):
    after = edited(tmp_path, 'skill_level = "senior_worker"\nyears = 2', 'skill_level = "senior_worker"\nyears = 3')
    report, out = diff(tmp_path, after)
    assert {g["level"] for g in out["groups"]} == {"assistant"} and {g["pathway"] for g in out["groups"]} == {"skill_to_title"}
    assert ("skill_to_title", "assistant", "eligible", "not_eligible") in statuses(report)
    assert not any(g["from"] != "eligible" and g["to"] == "eligible" for g in out["groups"]), "nobody gains"
    assert out["changed"] > 0 and any("a_level[assistant].years：2 → 3" in e for e in report.edits)
    loses = next(g for g in out["groups"] if g["from"] == "eligible" and g["to"] == "not_eligible")
    held = loses["example"]["skill_levels"]
    assert list(held) == ["senior_worker"] and loses["example"]["honors"] == [] and loses["example"].get("studio") is None


def test_adding_an_honour_to_a_tier_reports_the_people_it_opens_a_level_for(tmp_path):
    after = edited(tmp_path, None, '\n[[honor]]\nname = "黄石市技术标兵"\ntier = "intermediate"\nclause = "2.4.1.2"\n')
    report, out = diff(tmp_path, after)
    opened = [g for g in out["groups"] if g["to"] == "eligible" and g["from"] != "eligible"]
    assert {g["level"] for g in opened} == {"assistant", "intermediate"}
    assert all(any(h["name"] == "黄石市技术标兵" for h in g["example"]["honors"]) for g in opened)
    assert not any(g["from"] == "eligible" and g["to"] != "eligible" for g in out["groups"]), "nobody loses"
    assert any(e.startswith("新增 honor[黄石市技术标兵]") and "第 " in e for e in report.edits)


def test_moving_an_honour_to_a_higher_tier_opens_the_higher_level_for_its_holders(tmp_path):
    after = edited(tmp_path, HUANGSHI_CRAFTSMAN, HUANGSHI_CRAFTSMAN.replace('"assistant"', '"intermediate"'))
    report, out = diff(tmp_path, after)
    assert ("skill_to_title", "intermediate", "not_eligible", "eligible") in statuses(report)
    assert all(g["level"] != "deputy_senior" for g in out["groups"])
    assert all(any(h["name"] == "黄石工匠" for h in g["example"]["honors"]) for g in out["groups"] if g["from"] != g["to"])
    assert any("honor[黄石工匠].tier" in e and "assistant" in e and "intermediate" in e for e in report.edits)


def test_renaming_an_honour_without_an_alias_closes_it_for_the_old_name(tmp_path):
    after = edited(tmp_path, HUANGSHI_CRAFTSMAN, HUANGSHI_CRAFTSMAN.replace("黄石工匠", "黄石大工匠"))
    report, out = diff(tmp_path, after)
    losing = [g for g in out["groups"] if g["from"] == "eligible" and g["to"] != "eligible"]
    assert losing and all(any(h["name"] == "黄石工匠" for h in g["example"]["honors"]) for g in losing)
    assert any(g["to"] == "eligible" and any(h["name"] == "黄石大工匠" for h in g["example"]["honors"]) for g in out["groups"])
    assert any(e.startswith("改名 honor[黄石工匠] → “黄石大工匠”，原名不再被认可") for e in report.edits), report.edits


def test_renaming_an_honour_with_the_old_name_as_an_alias_changes_no_conclusion_of_its_holders(tmp_path):
    renamed = HUANGSHI_CRAFTSMAN.replace('name = "黄石工匠"', 'name = "黄石大工匠"\naliases = ["黄石工匠"]')
    report, out = diff(tmp_path, edited(tmp_path, HUANGSHI_CRAFTSMAN, renamed))
    assert not any(any(h["name"] == "黄石工匠" for h in g["example"].get("honors", [])) for g in out["groups"] if g["from"] != g["to"])
    reworded = [g for g in report.groups if g.kind == "reason" and any(h["name"] == "黄石工匠" for h in g.example["honors"])]
    assert reworded and any("本人填写的“黄石工匠”按此计算" in m for g in reworded for m in g.after[2])
    assert any("原名保留为别名" in e for e in report.edits)


def test_adding_a_round_changes_those_who_gave_no_deadline(tmp_path):
    report, out = diff(tmp_path, edited(tmp_path, None, ROUND))
    assert out["changed"] > 0
    assert all("deadline" not in g.example for g in report.groups), "a deadline given is not the round's"
    assert any(e.startswith("新增 round[2026-b]") for e in report.edits)
    # Counted to 2026-11-15 instead of today (2026-12-01): some lose a level that needed the extra days.
    assert any(g["from"] == "eligible" and g["to"] == "not_eligible" for g in out["groups"])


def test_removing_a_round_is_the_same_change_the_other_way(tmp_path):
    with_round = edited(tmp_path, None, ROUND, "with-round.toml")
    added, _ = diff(tmp_path, with_round)
    removed, _ = run(with_round, POLICY_PATH, TODAY)
    assert removed.changed == added.changed
    assert statuses(removed) == {(p, lv, b, a) for p, lv, a, b in statuses(added)}
    assert any(e.startswith("删除 round[2026-b]") for e in removed.edits)


def test_the_command_json_text_and_html(tmp_path):
    after = edited(tmp_path, 'skill_level = "senior_worker"\nyears = 2', 'skill_level = "senior_worker"\nyears = 3')
    page = tmp_path / "report.html"
    base = [sys.executable, "-m", "guantong", "diff", str(POLICY_PATH), str(after), "--today", "2026-12-01"]
    out = json.loads(subprocess.run([*base, "--json"], capture_output=True, text=True, cwd=ROOT, check=True).stdout)
    assert set(out) == {"population", "changed", "groups"}
    assert all(set(g) == {"pathway", "level", "from", "to", "count", "example"} for g in out["groups"])
    text = subprocess.run([*base, "--html", str(page)], capture_output=True, text=True, cwd=ROOT, check=True).stdout
    assert text.startswith("本次数据修改将改变") and "助理级职称由符合变为不符合" in text and "持高级工满 2 年" in text
    html = page.read_text(encoding="utf-8")
    assert "审核人" in html and "助理级职称" in html and "<script" not in html


def test_a_broken_file_is_one_chinese_line(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text("[data\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "guantong", "diff", str(POLICY_PATH), str(bad)], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr and "不是有效的 TOML" in proc.stderr


def test_a_build_keeps_its_data_and_says_what_an_edit_changes(tmp_path, capsys):
    site, fresh = tmp_path / "site", tmp_path / "fresh"
    site.mkdir(), fresh.mkdir()
    assert cli._changes_for_people(str(POLICY_PATH), site)  # the first build: nothing to compare
    cli._keep_data(str(POLICY_PATH), site, tmp_path / "none")
    assert (site / cli.PUBLISHED).read_bytes() == POLICY_PATH.read_bytes() and capsys.readouterr().out == ""
    after = edited(tmp_path, 'skill_level = "senior_worker"\nyears = 2', 'skill_level = "senior_worker"\nyears = 3')
    assert not cli._changes_for_people(str(after), site), "符合 → 不符合 stops the build"
    out = capsys.readouterr().out
    assert out.startswith("本次数据修改将改变") and "助理级职称：符合 → 不符合" in out
    cli._keep_data(str(after), fresh, site)
    assert (fresh / cli.PUBLISHED).read_bytes() == after.read_bytes()
    assert (fresh / cli.PUBLISHED.with_name("previous.toml")).read_bytes() == POLICY_PATH.read_bytes()
    kinder = edited(tmp_path, 'skill_level = "senior_worker"\nyears = 2', 'skill_level = "senior_worker"\nyears = 1', "k.toml")
    assert cli._changes_for_people(str(kinder), site), "only 不符合 → 符合: published without a question"


def test_an_alias_added_to_an_honour_counts_its_holders(tmp_path):
    """Issue 33: the population took each honour's aliases from the first file only, so an alias added
    was never tried (0 份)."""
    aliased = HUANGSHI_CRAFTSMAN.replace('name = "黄石工匠"', 'name = "黄石工匠"\naliases = ["黄石市工匠"]')
    report, out = diff(tmp_path, edited(tmp_path, HUANGSHI_CRAFTSMAN, aliased))
    opened = [g for g in out["groups"] if g["from"] == "not_eligible" and g["to"] == "eligible"]
    assert opened and all(h["name"] == "黄石市工匠" for g in opened for h in g["example"]["honors"])
    assert not any(g["from"] == "eligible" and g["to"] != "eligible" for g in out["groups"])


def test_a_round_of_next_year_shows_its_changes_before_the_year_begins(tmp_path):
    """Issue 33: a round counts from 1 January of its year; the people who give no deadline are decided on
    that day too, so next year's round is not reported as 0 changes in December."""
    report, policy = run(POLICY_PATH, edited(tmp_path, None, ROUND.replace("2026", "2027")), TODAY)
    assert report.changed > 0
    assert all("deadline" not in g.example and g.day == dt.date(2027, 1, 1) for g in report.groups)
    assert "未填截止时间，按 2027年1月1日 计算" in sentence(report.groups[0], report, policy, TODAY)


def test_diff_without_a_before_file_compares_with_the_published_or_committed_data(tmp_path, monkeypatch, capsys):
    """The guide's first diff command works in a fresh checkout (no site built yet): the committed data."""
    assert cli.main(["diff", "--json"]) == 0
    assert "修改前的数据" in capsys.readouterr().err
    monkeypatch.setattr(cli, "ROOT", tmp_path)  # neither a site nor a git checkout
    assert cli.main(["diff"]) == 2
    assert "请写明修改前的文件" in capsys.readouterr().err


def test_the_people_of_a_spreadsheet_are_decided_too(tmp_path):
    people = tmp_path / "名单.csv"
    people.write_text(
        "姓名,申报方向,受理截止日期,单位在黄石市,一线或技能岗位,高级工取得日期,荣誉,技能大师工作室,申报系列,"
        "专业与工种相同或相近,近3年年度考核合格,弄虚作假记录\n"
        "张三,职称,2026-06-30,是,是,2024-06-30,,无,工程技术,是,是,否\n",
        encoding="utf-8-sig",
    )
    after = edited(tmp_path, 'skill_level = "senior_worker"\nyears = 2', 'skill_level = "senior_worker"\nyears = 3')
    base = [sys.executable, "-m", "guantong", "diff", str(POLICY_PATH), str(after), "--today", "2026-12-01", "--json"]
    without = json.loads(subprocess.run(base, capture_output=True, text=True, cwd=ROOT, check=True).stdout)
    with_people = json.loads(subprocess.run([*base, "--people", str(people)], capture_output=True, text=True, cwd=ROOT, check=True).stdout)
    assert with_people["population"] == without["population"] + 1
    assert with_people["changed"] == without["changed"] + 1, "张三 (高级工 exactly 2 years) loses 助理级"
