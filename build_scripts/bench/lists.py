"""The generated lists of people the batch benchmarks read (natively and on the page): an xlsx and the
same people as the CSV Excel saves."""

from __future__ import annotations

from build_scripts import sample_answers


def people_xlsx(n: int) -> bytes:
    """An xlsx of n generated people (both pathways, in one sheet with a 申报方向 column), for the batch
    benchmarks natively and in the browser."""
    import io

    import openpyxl

    from guantong import batch

    people = [a for a in sample_answers.generate(n, 7) if a.get("direction") in ("skill_to_title", "title_to_skill")][:n]
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "名单"
    headers = list(dict.fromkeys(["姓名", "申报方向", *batch.TEMPLATE_A, *batch.TEMPLATE_B]))
    ws.append(headers)
    for i, a in enumerate(people):
        ws.append([{"姓名": f"员工{i}", "申报方向": "职称" if a["direction"] == "skill_to_title" else "技能等级",
                    "受理截止日期": a.get("deadline"), "技师取得日期": a.get("skill_levels", {}).get("technician"),
                    "中级取得日期": a.get("titles", {}).get("intermediate"), "累计工作年限": a.get("work_years"),
                    "弄虚作假记录": "否"}.get(h) for h in headers])
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
