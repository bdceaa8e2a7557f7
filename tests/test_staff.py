"""The staff page's Python (guantong_tools/staff.py, issue 33): each form writes TOML that validates, keeps
the file's comments, and changes for people what it should; a slip is named; a field is checked."""

from __future__ import annotations

import datetime as dt
import tomllib

import pytest

from guantong.policy import POLICY_PATH
from guantong_tools import staff

GOOD = POLICY_PATH.read_text(encoding="utf-8")
TODAY = dt.date(2026, 12, 1)
COMMENTS = [line for line in GOOD.splitlines() if line.lstrip().startswith("#")]

ROUND = {"year": "2027", "deadline": "2027-7-15", "document": "关于做好2027年度职称评审工作的通知（黄人社函〔2027〕3号）"}
HOLIDAYS_2027 = {
    "year": "2027",
    "document": "国务院办公厅关于2027年部分节假日安排的通知（测试）",
    # (first, last, working weekend days) as a 科员 copies them; a test notice, not the real 2027 one
    **{
        f"{k}_{i}": v
        for i, (first, last, work) in enumerate(
            [
                ("2027-01-01", "2027-01-03", ""),
                ("2027-02-05", "2027-02-12", "2027-01-31、2027-02-20"),
                ("2027-04-03", "2027-04-05", ""),
                ("2027-05-01", "2027-05-05", "2027-04-25 2027-05-08"),
                ("2027-06-09", "2027-06-11", ""),
                ("2027-09-15", "2027-09-17", ""),
                ("2027年10月1日", "2027年10月7日", "2027/9/26，2027/10/9"),
            ]
        )
        for k, v in (("off_first", first), ("off_last", last), ("workdays", work))
    },
}


def keeps_comments(text: str) -> None:
    lines = text.splitlines()
    assert all(c in lines for c in COMMENTS), [c for c in COMMENTS if c not in lines][:3]


def test_a_new_round_for_both_pathways_validates_keeps_the_comments_and_shows_in_the_diff():
    text = staff.edit(GOOD, "round", {**ROUND, "pathways": ["skill_to_title", "title_to_skill"]})
    assert staff.problems(text) == []
    keeps_comments(text)
    rounds = {r["id"]: r for r in tomllib.loads(text)["round"]}
    assert rounds["2027-a"]["deadline"] == dt.date(2027, 7, 15) and rounds["2027-b"]["pathway"] == "title_to_skill"
    # the part's heading comment stays above the part it heads
    offices = text.index("[[office]]")
    assert text.rindex("# Offices and contact numbers", 0, offices) > text.index('id = "2027-b"')
    report = staff.compare(GOOD, text, today=TODAY)
    assert report["changed"] > 0 and "新增 round[2027-a]" in report["edits"][0]
    assert "审核人" in report["report"] and "<script" not in report["report"]


def test_an_honour_renamed_keeps_its_old_name_as_an_alias_and_only_opens_levels_for_the_new_name():
    text = staff.edit(GOOD, "honor", {"mode": "rename", "old": "黄石工匠", "name": "黄石大工匠"})
    assert staff.problems(text) == []
    keeps_comments(text)
    [h] = [h for h in tomllib.loads(text)["honor"] if h["name"] == "黄石大工匠"]
    assert h["aliases"] == ["黄石工匠"] and h["tier"] == "assistant"
    report = staff.compare(GOOD, text, today=TODAY)
    assert report["worse"] == 0, "no one who wrote the old name loses a level"
    opened = [g for g in report["groups"] if g["change"] == "不符合 → 符合"]
    assert opened and all("获“黄石大工匠”" in g["example"] for g in opened)
    assert any("原名保留为别名" in e for e in report["edits"])


def test_an_honour_added_opens_its_tier_for_its_holders():
    text = staff.edit(GOOD, "honor", {"mode": "add", "name": "黄石市金牌职工", "tier": "assistant", "aliases": "金牌职工"})
    assert staff.problems(text) == []
    report = staff.compare(GOOD, text, today=TODAY)
    assert report["changed"] > 0 and report["worse"] == 0
    assert all(g["change"].endswith("→ 符合") or "符合日期" in g["change"] or "理由" in g["change"] for g in report["groups"])


def test_a_year_of_holidays_as_copied_validates():
    text = staff.edit(GOOD, "holidays", HOLIDAYS_2027)
    assert staff.problems(text) == [], staff.problems(text)
    keeps_comments(text)
    data = tomllib.loads(text)
    assert [h["name"] for h in data["holiday"] if h["year"] == 2027] == list(staff.HOLIDAY_NAMES)
    national = [h for h in data["holiday"] if h["name"] == "国庆节" and h["year"] == 2027][0]
    assert national["workdays"] == [dt.date(2027, 9, 26), dt.date(2027, 10, 9)]


def test_the_change_log_entry_sets_the_data_version():
    text = staff.edit(GOOD, "change", {"date": "2027年1月5日", "summary": "新增2027年度受理截止时间。", "document": "黄人社函〔2027〕3号"})
    assert staff.problems(text) == []
    data = tomllib.loads(text)
    assert data["data"]["version"] == "2027.01.05" and data["change"][-1]["date"] == dt.date(2027, 1, 5)


@pytest.mark.parametrize(
    "form,fields,field,fragment",
    [
        ("round", {**ROUND, "deadline": "2027-02-30", "pathways": ["skill_to_title"]}, "deadline", "不存在"),
        ("round", {**ROUND, "deadline": "7月15日", "pathways": ["skill_to_title"]}, "deadline", "2027-07-15 这样的日期"),
        ("round", {**ROUND, "deadline": "2028-01-15", "pathways": ["skill_to_title"]}, "deadline", "不在 2027 年内"),
        ("round", {**ROUND, "pathways": []}, "pathways", "至少选择一条路径"),
        ("round", {**ROUND, "year": "27", "pathways": ["skill_to_title"]}, "year", "四位数字"),
        ("round", {**ROUND, "document": " ", "pathways": ["skill_to_title"]}, "document", "请填写文件名称和文号"),
        ("honor", {"mode": "rename", "old": "不存在的荣誉", "name": "新名"}, "old", "名单中没有"),
        ("honor", {"mode": "rename", "old": "黄石工匠", "name": "湖北工匠"}, "name", "已在荣誉名单中"),
        ("honor", {"mode": "add", "name": "某荣誉"}, "tier", "档次"),
        ("holidays", {**HOLIDAYS_2027, "off_first_3": "2027-5-1x"}, "off_first_3", "劳动节放假的第一天"),
        ("change", {"date": "2027-01-05", "summary": "", "document": "x"}, "summary", "请填写修改内容"),
    ],
)
def test_a_field_that_cannot_be_written_is_named(form, fields, field, fragment):
    with pytest.raises(staff.FormError) as caught:
        staff.edit(GOOD, form, fields)
    assert caught.value.field == field and fragment in str(caught.value)


def test_a_round_of_a_year_already_there_is_refused():
    text = staff.edit(GOOD, "round", {**ROUND, "pathways": ["skill_to_title"]})
    with pytest.raises(staff.FormError, match="已有受理截止时间"):
        staff.edit(text, "round", {**ROUND, "pathways": ["skill_to_title"]})


def test_a_slip_is_listed_with_its_line_and_the_line_as_written():
    text = GOOD.replace('name = "黄石工匠"', "name = “黄石工匠”", 1)
    [problem] = staff.problems(text)
    assert problem["source"] == "name = “黄石工匠”" and text.splitlines()[problem["line"] - 1] == problem["source"]
    assert problem["message"] == '用了中文引号“”，请改成英文引号 ""' and problem["text"].startswith("policy.toml 第 ")
    with pytest.raises(staff.FormError, match="格式问题"):
        staff.edit(text, "change", {"date": "2027-01-05", "summary": "x", "document": "y"})


def test_the_version_the_page_names_is_the_datas():
    assert staff.version(GOOD) == tomllib.loads(GOOD)["data"]["version"]
    assert staff.version(GOOD.replace('name = "黄石工匠"', "name = “黄石工匠”", 1)) is None
    assert staff.version("[data]\nversion = 3\n") is None
