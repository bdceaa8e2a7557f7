"""The batch page's bridge (单位批量自测, shared/spec/batch.md): its operations, in the shared reply shape of
guantong_bridge.py. It comes in the batch zip with guantong_tools/batch and openpyxl, and runs unchanged
under CPython (tests/test_batch_bridge.py). Files travel through Pyodide's file system: the worker writes
the chosen file to a path and reads the output from one.

Operations: ``batch_run`` (read, decide and list a file in one call, its progress reported as it goes:
read, prepare, decide, table), ``batch_row`` (one row's full result), ``batch_write`` (the results as xlsx
or CSV), ``batch_notice`` (the 推荐公示 draft); ``batch_open``, ``batch_decide`` and ``batch_table`` are
batch_run's steps, for the tests. A file that cannot be read, or a field the page must correct, is an
``input`` error (guantong_bridge.FieldError, with its ``field``: file, deadline, employer, posting_start,
picks); a row that could not be decided is a value of batch_row, ``{"error"}``.

The staff page 数据检查与预览 (/staff/check/) comes in the same zip: ``staff_published`` (the data the site was
built from), ``staff_check`` (validate), ``staff_diff`` (diff against the built data) and ``staff_edit`` (a
form's edit; an input error names its field), all on guantong_tools/staff.py.
"""

from __future__ import annotations

import datetime as _dt

from guantong_tools import batch as gb
from guantong.policy import load_policy
from guantong.words import WORDS
from guantong.workdays import CalendarGap
from guantong_bridge import FieldError, dispatch, page_result, today

DRAFT = WORDS["draft"]  # the page's words for the draft's fields (app/words.js BW), the same
_BATCH: dict = {}
_PROGRESS: list = [None]


def set_progress(callback) -> None:
    """The worker's function that hears how far a batch_run is: (stage, done, total), stage "read" (rows of
    the sheets), "prepare" (rows turned into answers), "decide" (rows decided), "table" (rows listed)."""
    _PROGRESS[0] = callback


def _report(stage: str, done: int, total: int) -> None:
    if _PROGRESS[0] is not None:
        _PROGRESS[0](stage, done, total)


def _opened():
    if "batch" not in _BATCH:
        raise KeyError("no file opened")
    return _BATCH["batch"]


def op_batch_open(payload: dict) -> dict:
    """{path, name, deadline?, today?}: read the file (not decided yet): {rows, source, sheets, hidden}; an
    input error for a file that is not a spreadsheet of people, or a batch-wide deadline that is not a date."""
    _BATCH.clear()
    deadline = payload.get("deadline") or None
    if deadline:
        try:
            deadline = gb.cell_date(deadline, full=True)
        except gb.CellError as exc:
            raise FieldError(f"受理截止日期：{exc}", "deadline") from None
    with open(payload["path"], "rb") as f:
        data = f.read()
    if len(data) > gb.MAX_BYTES:
        raise FieldError(gb.too_large(len(data)), "file")
    try:
        b = gb.open_file(data, payload.get("name") or "", deadline, progress=_PROGRESS[0])
    except gb.BatchError as exc:
        raise FieldError(str(exc), "file") from None
    _BATCH.update(batch=b, data=data if b.source == "xlsx" else None, today=today(payload))
    return {"rows": len(b.rows), "source": b.source, "sheets": [sh.name for sh in b.sheets], "hidden": b.hidden}


def op_batch_decide(payload: dict) -> dict:
    """{start, count}: decide those rows; {done, total}."""
    b = _opened()
    start = int(payload.get("start", 0))
    done = gb.decide(b, start, start + int(payload.get("count", len(b.rows))), today=_BATCH["today"])
    return {"done": done, "total": len(b.rows)}


def op_batch_table(payload: dict) -> dict:
    """{start?, count?}: one line a row (rows[start:start+count], all by default): its name and id, its
    conclusion id (group), its 结论 and 错误 as the command's output writes them, each level's status id and
    date; the first part (start 0) also carries the summary, the counts, the levels' names and what the
    file was (Batch.source: an xls or ods list's results are saved as xlsx)."""
    b = _opened()
    policy = load_policy()
    start = int(payload.get("start", 0))
    stop = start + int(payload.get("count", len(b.rows)))
    rows = []
    for i, row in enumerate(b.rows[start:stop], start=start):
        r = row.result
        cells = gb.result_cells(row, policy)
        rows.append(
            {
                "i": i,
                "sheet": row.sheet,
                "number": row.number,
                "name": gb.row_label(row, "姓名"),
                "id": gb.row_label(row, "编号"),
                "group": gb.conclusion_group(row),
                "direction": (r or {}).get("direction") or (row.answers or {}).get("direction"),
                "conclusion": cells["结论"],
                "error": cells["错误"],  # as the downloads' columns say them
                "eligible": [lid for lid, lv in (r or {}).get("levels", {}).items() if lv["status"] == "eligible"],
                "levels": {lid: {"status": lv["status"], "on": lv["eligible_on"]} for lid, lv in (r or {}).get("levels", {}).items()},
                "highest": (r or {}).get("highest"),
            }
        )
    if start:
        return {"rows": rows}
    levels = [{"direction": d, "id": lid, "name": name} for d, lid, name in gb.level_names(policy)]
    return {
        "summary": b.summary(),
        "columns": b.columns(),
        "counts": b.counts(),
        "levels": levels,
        "rows": rows,
        "total": len(b.rows),
        "several": len(b.sheets) > 1,
        "source": b.source,
    }


def op_batch_row(payload: dict) -> dict:
    """{i}: that row's full result as the wizard's result page shows it, or {error}."""
    row = _opened().rows[int(payload["i"])]
    if row.error or row.answers is None:
        return {"error": row.error}
    return {"result": page_result(row.answers, today(payload))}


def op_batch_write(payload: dict) -> dict:
    """{format: "xlsx" | "csv", path}: the results written there (the command's output)."""
    b = _opened()
    policy = load_policy()
    data = gb.write_xlsx(b, policy, _BATCH["data"]) if payload.get("format") == "xlsx" else gb.write_csv(b, policy)
    with open(payload["path"], "wb") as f:
        f.write(data)
    return {"bytes": len(data)}


def op_batch_notice(payload: dict) -> dict:
    """{employer, posting_start, picks?}: the 推荐公示 draft as an HTML document; an input error naming the field."""
    employer = gb.cell_text(payload.get("employer"), half=False)
    if not employer:
        raise FieldError(DRAFT["fillEmployer"], "employer")
    if not gb.cell_text(payload.get("posting_start")):
        raise FieldError(DRAFT["fillStart"], "posting_start")
    try:
        start = _dt.date.fromisoformat(gb.cell_date(payload.get("posting_start")))
        first, last = gb.posting_period(start)
    except (gb.CellError, CalendarGap) as exc:
        raise FieldError(f"{DRAFT['postingStart']}：{exc}", "posting_start") from None
    try:
        html = gb.notice_html(_opened(), employer, start, load_policy(), payload.get("picks"))
    except gb.BatchError as exc:
        raise FieldError(str(exc), "picks") from None
    return {"html": html, "first": first.isoformat(), "last": last.isoformat()}


DECIDE_CHUNK = 200  # rows decided between two progress reports
TABLE_CHUNK = 1000  # rows listed between two progress reports


def op_batch_run(payload: dict) -> dict:
    """{path, name, deadline?, today?}: the file read, decided and listed, its progress reported as it goes;
    batch_open's value with the whole table (batch_table's) as ``table``; batch_open's input errors."""
    opened = op_batch_open(payload)
    total = opened["rows"]
    for start in range(0, total, DECIDE_CHUNK):
        _report("decide", start, total)
        op_batch_decide({"start": start, "count": DECIDE_CHUNK})
    _report("decide", total, total)
    table = None
    for start in range(0, max(total, 1), TABLE_CHUNK):
        _report("table", start, total)
        part = op_batch_table({"start": start, "count": TABLE_CHUNK})
        if table is None:
            table = part
        else:
            table["rows"] += part["rows"]
    return {**opened, "table": table}


# --- the staff page 数据检查与预览 (/staff/check/, guantong_tools/staff.py): the policy data as text in and out
def op_staff_published(payload: dict) -> dict:
    """{}: the policy data the site was built from (the engine's), the starting point of an edit."""
    from guantong.policy import default_path

    path = default_path()
    return {"text": path.read_text(encoding="utf-8"), "version": load_policy().version}


def op_staff_check(payload: dict) -> dict:
    """{text, name}: validate's problems of the edited file, each with its line as written, and the file's
    data.version where the file reads as TOML (else null)."""
    from guantong_tools import staff

    text = payload["text"]
    return {"problems": staff.problems(text, payload.get("name") or "policy.toml"), "version": staff.version(text)}


def op_staff_diff(payload: dict) -> dict:
    """{text, name, today?}: what the edit changes for people against the built data, and the report."""
    from guantong.policy import default_path
    from guantong_tools import staff

    published = default_path().read_text(encoding="utf-8")
    return staff.compare(published, payload["text"], payload.get("name") or "policy.toml", today(payload))


def op_staff_edit(payload: dict) -> dict:
    """{text, form, fields}: the text with a form's edit made; an input error names the field."""
    from guantong_tools import staff

    try:
        return {"text": staff.edit(payload["text"], payload["form"], payload.get("fields") or {})}
    except staff.FormError as exc:
        raise FieldError(str(exc), exc.field) from None


OPS = {
    "batch_run": op_batch_run,
    "batch_open": op_batch_open,
    "batch_decide": op_batch_decide,
    "batch_table": op_batch_table,
    "batch_row": op_batch_row,
    "batch_write": op_batch_write,
    "batch_notice": op_batch_notice,
    "staff_published": op_staff_published,
    "staff_check": op_staff_check,
    "staff_diff": op_staff_diff,
    "staff_edit": op_staff_edit,
}


def call(op: str, payload_json: str) -> str:
    return dispatch(OPS, op, payload_json)
