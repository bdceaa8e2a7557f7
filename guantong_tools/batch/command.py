"""`guantong batch` (batch.md, Command line): a file in, the results out (CSV on standard output by
default), the template, or the 推荐公示 draft."""

from __future__ import annotations

import datetime as _dt
from pathlib import Path

from guantong.policy import load_policy

from .cells import CellError, cell_date
from .draft import notice_html, posting_period, too_large
from .reading import MAX_BYTES, BatchError
from .rows import read
from .template import template
from .writing import write_csv, write_xlsx


def main(
    source: str | None,
    out: str | None,
    deadline: str | None,
    template_out: str | None,
    notice_out: str | None = None,
    employer: str | None = None,
    posting_start: str | None = None,
) -> int:
    import sys

    from guantong.workdays import CalendarGap

    start = None
    if notice_out:
        if not employer or not posting_start:
            print("生成推荐公示草稿需要 --employer（单位名称）和 --posting-start（公示第一天）", file=sys.stderr)
            return 2
        try:
            start = _dt.date.fromisoformat(cell_date(posting_start))
            posting_period(start)
        except (CellError, CalendarGap) as exc:
            print(f"--posting-start：{exc}", file=sys.stderr)
            return 2

    if template_out:
        Path(template_out).write_bytes(template())
        print(f"已写出空白模板：{template_out}", file=sys.stderr)
        return 0
    if not source:
        print("请给出要读取的名单文件（xlsx、xls、et、ods、csv 或 txt）", file=sys.stderr)
        return 2
    if deadline:
        try:
            deadline = cell_date(deadline, full=True)
        except CellError as exc:
            print(f"--deadline：{exc}", file=sys.stderr)
            return 2
    try:
        data = Path(source).read_bytes()
    except OSError as exc:
        print(f"无法读取 {source}：{exc.strerror or exc}", file=sys.stderr)
        return 2
    if len(data) > MAX_BYTES:
        print(f"{source}：{too_large(len(data))}", file=sys.stderr)
        return 2
    try:
        batch = read(data, source, deadline)
    except BatchError as exc:
        print(f"{source}：{exc}", file=sys.stderr)
        return 2
    policy = load_policy()
    if out and Path(out).suffix.lower() in (".xls", ".et", ".ods"):
        # Results are written as xlsx only (batch.md): the name the person gave, as an xlsx.
        out = str(Path(out).with_suffix(".xlsx"))
        print(f"结果写为 xlsx 文件：{out}（xls、et、ods 格式不能写出）", file=sys.stderr)
    if out and Path(out).suffix.lower() == ".xlsx":
        Path(out).write_bytes(write_xlsx(batch, policy, data if batch.source == "xlsx" else None))
    elif out:
        Path(out).write_bytes(write_csv(batch, policy))
    else:
        sys.stdout.buffer.write(write_csv(batch, policy))
        sys.stdout.flush()
    if notice_out:
        Path(notice_out).write_text(notice_html(batch, employer, start, policy), encoding="utf-8")
    print(batch.summary(), file=sys.stderr)
    for line in batch.columns():
        print(line, file=sys.stderr)
    return 0
