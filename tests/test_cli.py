"""The command line of answers.md: `guantong check FILE|-`, exit codes and one Chinese line on stderr."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
VALID = {"direction": "skill_to_title", "deadline": "2026-06-30", "employed_in_huangshi": True, "skill_post": True,
         "skill_levels": {"senior_worker": "2020-01-01"}, "honors": [], "studio": None, "series": "工程技术",
         "speciality_matches": True, "annual_assessment_passed": True, "integrity_record": False}


def check(stdin: str, *args: str, cwd=ROOT):
    # A plain checkout, no install: python -m guantong with the repo on the path and nothing else.
    env = {"PATH": os.environ.get("PATH", ""), "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-X", "utf8", "-m", "guantong", "check", *(args or ["-"])],
                          input=stdin, capture_output=True, text=True, cwd=cwd, env=env)


def test_valid_answers_print_the_result_and_exit_0():
    proc = check(json.dumps(VALID))
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout)
    assert result["levels"]["assistant"]["status"] == "eligible"
    assert proc.stderr == ""


def test_a_file_argument(tmp_path):
    path = tmp_path / "answers.json"
    path.write_text(json.dumps({"direction": "title_to_skill", "titles": {}}), encoding="utf-8")
    proc = check("", str(path))
    assert proc.returncode == 0
    assert json.loads(proc.stdout)["levels"]["senior_worker"]["status"] == "not_eligible"


@pytest.mark.parametrize("stdin,key,fragment", [
    ('{"direction": "skill_to_title", "foo": 1}', "foo", "不是可识别的答案键"),
    ('{"direction": "skill_to_title", "skill_post": "yes"}', "skill_post", "应为 true 或 false"),
    ('{"direction": "skill_to_title", "skill_levels": {"technician": "2021-02-30"}}', "skill_levels.technician", "不存在"),
    ('{"direction": "skill_to_title", "deadline": "2021/06/30"}', "deadline", "YYYY-MM-DD"),
    ('{"direction": "title_to_skill", "work_years": -1}', "work_years", "不能为负数"),
    ('{"direction": "title_to_skill", "months_out_of_work": 1.5}', "months_out_of_work", "整数"),
    ('{"direction": "skill_to_title", "honors": [{"name": "某奖", "tier": "senior"}]}', "honors[0].tier", "之一"),
    ('{"direction": "skill_to_title", "studio": {"level": "county"}}', "studio.level", "之一"),
    ('{"direction": "skill_to_title", "titles": {}}', "titles", "另一申报方向"),
    ('{"direction": "sideways"}', "direction", "之一"),
    ('{}', "direction", "必须填写"),
    ('[1, 2]', "answers", "JSON 对象"),
    ('"skill_to_title"', "answers", "JSON 对象"),
])
def test_invalid_answers_exit_2_with_one_chinese_line_naming_the_key(stdin, key, fragment):
    proc = check(stdin)
    assert proc.returncode == 2
    assert proc.stdout == ""
    lines = proc.stderr.splitlines()
    assert len(lines) == 1, proc.stderr
    assert json.dumps(key, ensure_ascii=False) in lines[0] and fragment in lines[0]
    assert "Traceback" not in proc.stderr


@pytest.mark.parametrize("stdin", ["{bad", "", "[1,", "\ud800"[:0] + "{'a': 1}", "[" * 100000])
def test_malformed_json_exits_2_with_one_line(stdin):
    proc = check(stdin)
    assert proc.returncode == 2
    assert len(proc.stderr.splitlines()) == 1 and "JSON" in proc.stderr and "Traceback" not in proc.stderr


def test_missing_file_exits_2():
    proc = check("", "/nonexistent/answers.json")
    assert proc.returncode == 2 and "无法读取" in proc.stderr and len(proc.stderr.splitlines()) == 1


def test_an_unknown_key_with_a_newline_stays_on_one_line():
    proc = check(json.dumps({"direction": "skill_to_title", "a\nb": 1}))
    assert proc.returncode == 2 and len(proc.stderr.splitlines()) == 1 and '"a\\nb"' in proc.stderr
