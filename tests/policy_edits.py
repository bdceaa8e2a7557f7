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
ROUND_AND_HONOUR = '''
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
'''
