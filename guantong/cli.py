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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="guantong", description="黄人社发〔2021〕12号 贯通申报条件自测")
    sub = parser.add_subparsers(dest="command", required=True)
    p_check = sub.add_parser("check", help="按答案（JSON 文件，或 - 表示标准输入）给出申报结论")
    p_check.add_argument("file")
    args = parser.parse_args(argv)
    if args.command == "check":
        return check(args.file)
    return 2
