"""Policy data validation: one case per kind of mistake, each on a broken copy of the real data, each
naming the file, the line and the key path in Chinese."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from guantong_tools.validate import locate, validate_policy

from policy_edits import GOOD, broken

ROOT = Path(__file__).resolve().parents[1]


def line_of(path: Path, fragment: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if fragment in line)


ROUND_2026 = """
[[round]]
id = "2026-a"
pathway = "skill_to_title"
year = 2026
deadline = 2026-06-30
document = "黄人社函〔2026〕1号"
clause = "3.2"
"""

# (name, old, new, key, message fragment, the line's text fragment)
MISTAKES = [
    (
        "bad date: a date that does not exist",
        None,
        ROUND_2026.replace("2026-06-30", "2026-02-30"),
        "TOML",
        "2026-02-30 不存在",
        "deadline = 2026-02-30",
    ),
    (
        "bad date: written as text",
        None,
        ROUND_2026.replace("deadline = 2026-06-30", 'deadline = "2026-06-30"'),
        "round[2].deadline",
        "日期不要加引号",
        'deadline = "2026-06-30"',
    ),
    (
        "an honour in two tiers",
        None,
        '[[honor]]\nname = "黄石工匠"\ntier = "intermediate"\nclause = "2.4.1.2"\n',
        "honor[18].name",
        "一个荣誉只能列在一档",
        'name = "黄石工匠"',
    ),
    (
        "an unknown tier",
        'name = "楚天名匠"\ntier = "intermediate"',
        'name = "楚天名匠"\ntier = "middle"',
        "honor[9].tier",
        "未知的层级 “middle”",
        'tier = "middle"',
    ),
    (
        "an unknown level id in a next step",
        'levels = ["deputy_senior"]',
        'levels = ["deputy"]',
        "next_step[5].levels",
        "未知的层级 “deputy”",
        'levels = ["deputy"]',
    ),
    (
        "a clause id not in the notice",
        'name = "湖北工匠"\ntier = "deputy_senior"\nclause = "2.4.1.3"',
        'name = "湖北工匠"\ntier = "deputy_senior"\nclause = "2.4.1.9"',
        "honor[16].clause",
        "不在通知的条款目录中",
        'clause = "2.4.1.9"',
    ),
    ("a duplicate id", None, ROUND_2026 + ROUND_2026.replace("2026-06-30", "2026-07-31"), "round[3].id", "重复", None),
    (
        "a missing required field",
        'aliases = ["农业技术", "农业技术人员", "农业类"]\nclause = "2.2"',
        'aliases = ["农业技术", "农业技术人员", "农业类"]',
        "series[1]",
        "缺少必填字段 clause",
        None,
    ),
    ("a series alias given twice", '"农业技术人员", "农业类"]', '"农业技术人员", "农业类", "工程"]', "series[1].aliases", "重复", None),
    (
        "a series both in scope and out of it",
        'names = ["高等学校教师",',
        'names = ["农业系列", "高等学校教师",',
        "series_out_of_scope.names",
        "既列为贯通领域内的系列",
        None,
    ),
    (
        "a deadline round with no date",
        None,
        ROUND_2026.replace("deadline = 2026-06-30\n", ""),
        "round[2]",
        "缺少必填字段 deadline",
        "[[round]]",
    ),
    (
        "an occupation's years not a whole number",
        None,
        '[[occupation]]\nname = "电工"\nkind = "entry"\nclause = "2.4.2"\n[occupation.required_years]\nsenior_worker = 10.5\n',
        "occupation[0].required_years.senior_worker",
        "整数",
        "senior_worker = 10.5",
    ),
    ("not valid TOML", 'version = "2026.11.25"', 'version = 2026.11.25"', "TOML", "引号不成对", 'version = 2026.11.25"'),
    (
        "an unknown field (a typo)",
        'name = "黄石工匠"\ntier = "assistant"',
        'name = "黄石工匠"\ntire = "assistant"',
        "honor[4].tire",
        "不是可识别的字段",
        'tire = "assistant"',
    ),
    (
        "a contract id changed",
        'id = "technician"\nname = "技师"',
        'id = "tech"\nname = "技师"',
        "skill_level[1].id",
        "不能改 id",
        'id = "tech"',
    ),
    ("an unknown placeholder in a step", "{deadline}）前完成", "{截止}）前完成", "next_step[6].message", "未知的占位符", "{截止}"),
]


@pytest.mark.parametrize("name,old,new,key,fragment,line_text", MISTAKES, ids=[m[0] for m in MISTAKES])
def test_each_kind_of_mistake_is_reported_with_file_line_and_key(tmp_path, name, old, new, key, fragment, line_text):
    path = broken(tmp_path, old, new)
    problems = validate_policy(path)
    assert problems, name
    match = [p for p in problems if p.key == key and fragment in p.message]
    assert match, [str(p) for p in problems]
    problem = match[0]
    assert problem.file == str(path)
    assert problem.line is not None
    if line_text:
        lines = path.read_text(encoding="utf-8").splitlines()
        assert line_text in lines[problem.line - 1], (problem, lines[problem.line - 1])
    text = str(problem)
    assert str(path) in text and f"第 {problem.line} 行" in text and re.search(r"[\u4e00-\u9fff]", problem.message)


def test_the_published_data_is_valid():
    assert [str(p) for p in validate_policy()] == []


def test_every_problem_is_listed_not_just_the_first(tmp_path):
    text = GOOD.replace('tier = "middle"', "").replace('name = "楚天名匠"\ntier = "intermediate"', 'name = "楚天名匠"\ntier = "middle"')
    text = text.replace(
        'name = "湖北工匠"\ntier = "deputy_senior"\nclause = "2.4.1.3"', 'name = "湖北工匠"\ntier = "deputy_senior"\nclause = "9.9"'
    )
    path = tmp_path / "policy.toml"
    path.write_text(text + ROUND_2026.replace("deadline = 2026-06-30\n", ""), encoding="utf-8")
    keys = {p.key for p in validate_policy(path)}
    assert {"honor[9].tier", "honor[16].clause", "round[2]"} <= keys


def test_locate_maps_array_tables_and_keys():
    lines = locate('[data]\nversion = "1"\n\n[[round]]\nid = "a"\n\n[[round]]\nid = "b"\n[round.x]\ny = 1\n')
    assert lines["data.version"] == 2 and lines["round[0].id"] == 5 and lines["round[1].id"] == 8
    assert lines["round[1].x.y"] == 10


def test_cli_validate_prints_every_problem_and_exits_1(tmp_path):
    path = broken(tmp_path, 'name = "楚天名匠"\ntier = "intermediate"', 'name = "楚天名匠"\ntier = "middle"')
    proc = subprocess.run([sys.executable, "-m", "guantong", "validate", "--policy", str(path)], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 1
    assert "第 10 个 [[honor]] 的 tier" in proc.stderr and "处问题" in proc.stderr and "Traceback" not in proc.stderr
    ok = subprocess.run([sys.executable, "-m", "guantong", "validate"], capture_output=True, text=True, cwd=ROOT)
    assert ok.returncode == 0 and "检查通过" in ok.stdout


# --- issue 15: the staff's TOML as an editor may save it ------------------------------------------------
def test_a_byte_order_mark_is_read(tmp_path):
    path = tmp_path / "policy.toml"
    path.write_bytes(b"\xef\xbb\xbf" + GOOD.encode("utf-8"))
    assert validate_policy(path) == []
    from guantong.policy import load_policy

    assert load_policy(path).version


@pytest.mark.parametrize(
    "make,line,fragment",
    [
        (lambda: GOOD.encode("utf-8") + b"\n# \xff\xfe\n", "last", "不是 UTF-8 编码"),
        (lambda: GOOD.replace("[data]", "[data]\nhuge = " + "9" * 5000, 1).encode(), None, "数字位数过多"),
        (lambda: GOOD.replace("[data]", '[data]\nsur = "\\ud800"', 1).encode(), "sur", "转义字符不是有效的 Unicode 字符"),
        (lambda: GOOD.replace("[data]", "[data]\nbare = 文字", 1).encode(), "bare", "文字要加英文双引号"),
    ],
)
def test_unreadable_data_is_one_chinese_problem_with_its_line(tmp_path, make, line, fragment):
    from guantong.policy import PolicyError, load_policy

    path = tmp_path / "policy.toml"
    path.write_bytes(make())
    problems = validate_policy(path)
    assert len(problems) == 1, problems
    text = str(problems[0])
    assert fragment in text and "Traceback" not in text and not re.search(r"[A-Za-z]{6,}", text.split("：", 1)[1].replace("Unicode", "")), (
        text
    )
    if line == "last":
        assert problems[0].line == GOOD.count("\n") + 2
    elif line:
        assert problems[0].line == next(
            i for i, t in enumerate(path.read_bytes().decode("utf-8", "replace").splitlines(), 1) if t.startswith(line)
        )
    with pytest.raises(PolicyError, match=fragment):
        load_policy(path)


# --- issue 33: a Chinese keyboard's slips, named with their fix -----------------------------------------
SLIPS = json.loads((ROOT / "tests" / "cases" / "policy_slips.json").read_text(encoding="utf-8"))["cases"]


def slipped(case: dict) -> tuple[str, int]:
    """The real data with the case's slip, and the (1-based) line the slip is on."""
    assert GOOD.count(case["old"]) >= 1, case["old"]
    text = GOOD.replace(case["old"], case["new"], 1)
    return text, next(i for i, line in enumerate(text.splitlines(), 1) if line.strip() == case["at"].strip())


@pytest.mark.parametrize("case", SLIPS, ids=[c["slip"] for c in SLIPS])
def test_each_keyboard_slip_is_named_with_its_line_and_fix_by_the_command(tmp_path, case):
    text, line = slipped(case)
    path = tmp_path / "policy.toml"
    path.write_text(text, encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "guantong", "validate", "--policy", str(path)], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    first = proc.stderr.splitlines()[0]
    assert f"第 {line} 行" in first and first.endswith("：" + case["message"]), first
