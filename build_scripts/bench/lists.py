"""The generated lists of people the batch benchmarks read (natively and on the page): an xlsx and the
same people as the CSV Excel saves."""

from __future__ import annotations

from build_scripts import sample_answers


def cells_of(answers: dict, i: int) -> dict:
    """A generated answers object as the cells an office would type (the batch columns, batch.COLUMNS):
    yes/no as 是/否, honours as 名称 日期 joined by 、, the studio's tier by its name."""
    from guantong_tools import batch

    studios = {"city": "黄石市", "provincial": "湖北省", "national": "国家级"}
    cells = {"姓名": f"员工{i}", "编号": f"G{i:05d}", "申报方向": "职称" if answers["direction"] == "skill_to_title" else "技能等级"}
    for header, (key, _, kind, extra) in batch.COLUMNS.items():
        value = answers.get(key)
        if value is None or header in cells:
            continue
        if kind == "bool":
            cells[header] = "是" if value else "否"
        elif kind in ("dated", "years"):
            cells[header] = value.get(extra) if isinstance(value, dict) else None
        elif kind == "honors":
            cells[header] = "、".join(f"{h['name']} {h.get('date') or ''}".strip() if isinstance(h, dict) else str(h) for h in value)
        elif kind == "studio":
            cells[header] = studios.get(value.get("level"), "无") if isinstance(value, dict) else "无"
        elif kind in ("date", "count", "text"):
            cells[header] = value
    return cells


def people_xlsx(n: int, months: float = 0.0) -> bytes:
    """An xlsx of n generated people (both pathways, in one sheet with a 申报方向 column, every answer the
    generator gave written in its column), for the batch benchmarks natively and in the browser; the share
    `months` of them with every date but the deadline written to the month only (2019-06, rules.md T8)."""
    import io

    import openpyxl

    from guantong_tools import batch

    people = [a for a in sample_answers.generate(n * 2, 7) if a.get("direction") in ("skill_to_title", "title_to_skill")][:n]
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "名单"
    headers = list(dict.fromkeys(["姓名", "申报方向", *batch.TEMPLATE_A, *batch.TEMPLATE_B]))
    ws.append(headers)
    every = round(1 / months) if months else 0
    for i, a in enumerate(people):
        if every and i % every == 0:
            a = sample_answers.blurred(a, "month")
        cells = {batch.header_key(h): v for h, v in cells_of(a, i).items()}  # 申报职业(工种) = 申报职业（工种）
        ws.append([cells.get(batch.header_key(h)) for h in headers])
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


def people_csv(n: int) -> bytes:
    """The same people as people_xlsx, as the CSV Excel saves (UTF-8 with a BOM)."""
    import csv
    import datetime as dt
    import io

    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(people_xlsx(n)), read_only=True)
    buf = io.StringIO()
    out = csv.writer(buf)
    for row in book.active.iter_rows(values_only=True):
        out.writerow(["" if v is None else v.date().isoformat() if isinstance(v, dt.datetime) else v for v in row])
    return buf.getvalue().encode("utf-8-sig")


def people_office(n: int, kind: str) -> bytes | None:
    """The same people as people_xlsx, saved by LibreOffice as ``kind`` (xls, ods); None without LibreOffice."""
    import shutil
    import tempfile
    from pathlib import Path

    from build_scripts.office_lists import make

    if not shutil.which("soffice"):
        return None
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "名单.xlsx"
        source.write_bytes(people_xlsx(n))
        return make.convert(source, kind).read_bytes()
