"""Command line: `guantong check FILE|-` prints the result of an answers file as JSON (answers.md)."""

from __future__ import annotations

import argparse
import json
import sys

from .answers import AnswersError
from .engine import evaluate


def _read(source: str) -> str:
    if source == "-":
        return sys.stdin.read()
    with open(source, encoding="utf-8") as f:
        return f.read()


def check(source: str) -> int:
    """Exit 0 with the result whatever the outcome; 2 with one Chinese line for invalid input."""
    try:
        text = _read(source)
    except (OSError, UnicodeDecodeError) as exc:
        print(f"无法读取答案文件 {source}：{getattr(exc, 'strerror', None) or exc}", file=sys.stderr)
        return 2
    try:
        answers = json.loads(text)
    except json.JSONDecodeError as exc:
        print(f"答案不是有效的 JSON：第 {exc.lineno} 行第 {exc.colno} 列附近有错误（{exc.msg}）", file=sys.stderr)
        return 2
    except RecursionError:
        print("答案不是有效的 JSON：嵌套层数过多", file=sys.stderr)
        return 2
    try:
        result = evaluate(answers)
    except AnswersError as exc:
        print(str(exc).replace("\n", " "), file=sys.stderr)
        return 2
    try:
        sys.stdout.write(json.dumps(result.to_dict(), ensure_ascii=False, indent=2) + "\n")
        sys.stdout.flush()
    except BrokenPipeError:  # e.g. piped into `head`: not an error of the answers
        sys.stderr.close()
    return 0


def validate(policy: str | None) -> int:
    """Print every problem in the policy data; exit 1 if there is any."""
    from .policy import default_path
    from .validate import validate_all

    path = policy or default_path()
    problems = validate_all(path)
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(f"政策数据有 {len(problems)} 处问题，请逐条改正后再检查。", file=sys.stderr)
        return 1
    print(f"政策数据检查通过：{path}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="guantong", description="黄人社发〔2021〕12号 贯通申报条件自测与政策数据维护")
    sub = parser.add_subparsers(dest="command", required=True)
    p_check = sub.add_parser("check", help="按答案（JSON 文件，或 - 表示标准输入）给出申报结论")
    p_check.add_argument("file")
    p_validate = sub.add_parser("validate", help="检查政策数据，列出所有问题")
    p_validate.add_argument("--policy", help="政策数据文件（默认 guantong/data/policy.toml 或 $GUANTONG_POLICY）")
    args = parser.parse_args(argv)
    if args.command == "check":
        return check(args.file)
    if args.command == "validate":
        return validate(args.policy)
    return 2
