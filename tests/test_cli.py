"""The command line of answers.md: `guantong check FILE|-`, exit codes and one Chinese line on stderr."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
VALID = {
    "direction": "skill_to_title",
    "deadline": "2026-06-30",
    "employed_in_huangshi": True,
    "skill_post": True,
    "skill_levels": {"senior_worker": "2020-01-01"},
    "honors": [],
    "studio": None,
    "series": "工程技术",
    "speciality_matches": True,
    "annual_assessment_passed": True,
    "integrity_record": False,
}


def check(stdin: str, *args: str, cwd=ROOT):
    # A plain checkout, no install: python -m guantong with the repo on the path and nothing else.
    env = {"PATH": os.environ.get("PATH", ""), "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-X", "utf8", "-m", "guantong", "check", *(args or ["-"])],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
    )


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


@pytest.mark.parametrize(
    "stdin,key,fragment",
    [
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
        ("{}", "direction", "必须填写"),
        ("[1, 2]", "answers", "JSON 对象"),
        ('"skill_to_title"', "answers", "JSON 对象"),
    ],
)
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


# --- issue 15: hostile and odd input, each row of the table ----------------------------------
def check_bytes(data: bytes, *args: str):
    env = {"PATH": os.environ.get("PATH", ""), "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "guantong", "check", *(args or ["-"])], input=data, capture_output=True, cwd=ROOT, env=env)


def refused(proc, *fragments: str) -> str:
    """Exit 2, nothing on stdout, one line of Chinese on stderr with every fragment, no traceback."""
    err = proc.stderr.decode("utf-8") if isinstance(proc.stderr, bytes) else proc.stderr
    assert proc.returncode == 2, err
    assert not proc.stdout
    assert len(err.splitlines()) == 1 and "Traceback" not in err, err
    assert not any(english in err for english in ("Expecting", "No such file", "Errno", "Exceeds")), err
    for fragment in fragments:
        assert fragment in err, (fragment, err)
    return err


A_DIR = '{"direction": "skill_to_title", '


@pytest.mark.parametrize(
    "data,fragments",
    [
        ((A_DIR + '"months_out_of_skill_work": ' + "7" * 5001 + "}").encode(), ['"months_out_of_skill_work"', "数字过大"]),
        ((A_DIR + '"series": "\\ud800"}').encode(), ['"series"', "无法识别的字符"]),
        ((A_DIR + '"honors": [{"name": "\\udfff"}]}').encode(), ['"honors[0].name"', "无法识别的字符"]),
        (b'{"direction": "skill_to_title", "\\ud800": 1}', ["\\ud800", "无法识别的字符"]),
        (b'{"direction": "skill_to_title", "series": "\xff\xfe"}', ["UTF-8", "第 44 个字节"]),
        ((A_DIR + '"integrity_record": true, "integrity_record": false}').encode(), ['"integrity_record"', "两次"]),
        (
            (A_DIR + '"skill_levels": {"technician": "2019-06-30", "technician": "2020-06-30"}}').encode(),
            ['"skill_levels.technician"', "两次"],
        ),
        (b'{"direction": ', ["不是有效的 JSON", "第 1 行", "缺少一个值"]),
        (b'{"direction" "x"}', ["缺少冒号"]),
        (b"{direction: 1}", ["键名须用英文双引号"]),
        (b'{"direction": "skill_to_title"} {}', ["多余的内容"]),
        (b'{"direction": NaN}', ["NaN 不是 JSON 的数值"]),
        ((A_DIR + '"series": "' + "工" * 201 + '"}').encode(), ['"series"', "文字过长"]),
        ((A_DIR + '"honors": [' + ",".join(f'"荣誉{i}"' for i in range(101)) + "]}").encode(), ['"honors"', "荣誉过多"]),
        ((A_DIR + '"honors": ["\\u200b"]}').encode(), ['"honors[0].name"', "不能为空"]),
        ((A_DIR + '"honors": ' + "[" * 30 + "]" * 30 + "}").encode(), ['"honors', "嵌套层数过多"]),
        (b" " * 10_000_001, ["答案文件过大"]),
    ],
)
def test_hostile_input_exits_2_naming_the_key_in_chinese(data, fragments):
    refused(check_bytes(data), *fragments)


def test_a_missing_file_and_a_folder_are_refused_in_chinese(tmp_path):
    refused(check_bytes(b"", "/nonexistent/answers.json"), "找不到这个文件")
    refused(check_bytes(b"", str(tmp_path)), "文件夹")


def test_a_byte_order_mark_is_read_as_notepad_saves_it(tmp_path):
    path = tmp_path / "answers.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(VALID, ensure_ascii=False).encode("utf-8"))
    proc = check_bytes(b"", str(path))
    assert proc.returncode == 0, proc.stderr.decode()
    assert json.loads(proc.stdout)["levels"]["assistant"]["status"] == "eligible"
    assert check_bytes(b"\xef\xbb\xbf" + json.dumps(VALID).encode()).returncode == 0


def test_full_width_digits_in_a_date_are_the_digits():
    answers = dict(VALID, deadline="２０２６-０６-３０", skill_levels={"senior_worker": "２０２０－０１－０１"})
    proc = check_bytes(json.dumps(answers, ensure_ascii=False).encode())
    assert proc.returncode == 0, proc.stderr.decode()
    result = json.loads(proc.stdout)
    assert result["deadline"] == "2026-06-30" and result["levels"]["assistant"]["status"] == "eligible"


def test_zero_width_characters_in_names_are_dropped_like_spaces():
    answers = dict(VALID, honors=["湖北工匠\u200b"], series="工程\u200d技术")
    result = json.loads(check_bytes(json.dumps(answers).encode()).stdout)
    assert result["levels"]["intermediate"]["status"] == "eligible"  # 湖北工匠: an intermediate-tier honour
    assert not any("不在通知所列荣誉名单" in n["message"] for n in result["notes"])


def test_the_same_honour_repeated_counts_once_and_quickly():
    import time

    answers = dict(VALID, honors=[{"name": "黄石工匠"}] * 200_000)
    t = time.perf_counter()
    proc = check_bytes(json.dumps(answers, ensure_ascii=False).encode())
    took = time.perf_counter() - t
    assert proc.returncode == 0, proc.stderr.decode()
    assert len(proc.stdout) < 50_000 and proc.stdout.decode().count("黄石工匠") <= 3
    assert took < 10, took
