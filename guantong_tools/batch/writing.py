"""The results written out (batch.md, Output): CSV, or xlsx (the input's own workbook with the result
columns added, a CSV, .xls or .ods input as a new one); every cell a value, never a formula. Each sheet
reads and prints as an office wants it (issue 32): the added columns as wide as their content (up to a
limit), the long texts wrapped, the header row frozen and repeated on every printed page, landscape."""

from __future__ import annotations

import csv
import datetime as _dt
import functools
import io
import re
import unicodedata
from dataclasses import dataclass

from guantong.policy import PATHWAYS, Policy
from guantong.words import CONCLUSION, NOT_YET, STATUS_SHORT

from .xlsx_patch import ACTIVE, add_columns
from .cells import as_written
from .reading import Sheet, header_key
from .rows import Batch, Row, conclusion_group

A, B = PATHWAYS


OUT_FIXED = ("结论",)

OUT_TAIL = ("原因", "提示", "错误")


def level_names(policy: Policy) -> list[tuple[str, str, str]]:
    return [(A, lv["id"], lv["name"]) for lv in policy.a_levels] + [(B, lv["id"], lv["name"]) for lv in policy.b_levels]


def result_columns(policy: Policy) -> list[str]:
    names = [name for _, _, name in level_names(policy)]
    return [*OUT_FIXED, *names, *(f"{n}可申报日期" for n in names), *OUT_TAIL]


def result_cells(row: Row, policy: Policy) -> dict:
    cols = result_columns(policy)
    out = {c: "" for c in cols}
    out["错误"] = row.error
    r = row.result
    if not r:
        return out
    names = {(p, lid): name for p, lid, name in level_names(policy)}
    highest = names[(r["direction"], r["highest"])] if r["highest"] else None
    group = conclusion_group(row)
    out["结论"] = highest or (CONCLUSION[group] if group == "undetermined" else NOT_YET)
    for lid, lv in r["levels"].items():
        name = names[(r["direction"], lid)]
        out[name] = STATUS_SHORT[lv["status"]]
        out[f"{name}可申报日期"] = lv["eligible_on"] or ""
    reasons = [f"{p['message']}（{p['clause']}）" for p in r["preconditions"] if p["status"] != "met"]
    for lv in r["levels"].values():
        if lv["status"] != "eligible":
            reasons += [f"{x['message']}（{x['clause']}）" for x in lv["reasons"]]
    out["原因"] = "\n".join(dict.fromkeys(reasons))
    out["提示"] = "\n".join(n["message"] for n in r["notes"])
    return out


FORMULA_LEAD = ("=", "+", "-", "@", "\t", "\r")

PLAIN_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def csv_cell(value) -> str:
    """A value as a CSV cell Excel will not evaluate: text beginning with = + - @, a tab or a carriage
    return (a plain number aside) gets a leading ' (the person's text otherwise unchanged)."""
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_LEAD) and not PLAIN_NUMBER.fullmatch(text) else text


def put(cell, value) -> None:
    """Write ``value`` into an openpyxl cell as a value: a string that openpyxl would take for a formula
    (any that begins with =) stays a string cell. Carriage returns become line feeds (Excel's line break
    in a cell): XML reads a bare one as a line feed anyway, and only lxml writes it as &#13;, so the page's
    pure-Python openpyxl and the command would otherwise differ."""
    if isinstance(value, str) and "\r" in value:
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    cell.value = value
    if isinstance(value, str) and cell.data_type == "f":
        cell.data_type = "s"


def _active_parts(xlsx: bytes) -> bool:
    """Whether a workbook's sheets hold a formula, a hyperlink or a carriage return (a quick look at their
    XML, with the patch's own pattern): what _as_values changes."""
    import zipfile

    with zipfile.ZipFile(io.BytesIO(xlsx)) as z:
        return any(
            ACTIVE.search(z.read(n))
            for n in z.namelist()
            if (n.startswith("xl/worksheets/") or n == "xl/sharedStrings.xml") and n.endswith(".xml")
        )


def _as_values(book, cached) -> int:
    """Every formula cell of ``book`` replaced by its value in ``cached`` (the same workbook read with
    data_only), or by the formula's text where none is cached; hyperlinks dropped; carriage returns made
    line feeds (put). The formula cells changed."""
    changed = 0
    for ws in book.worksheets:
        values = cached[ws.title] if ws.title in cached.sheetnames else None
        for row in ws.iter_rows():
            for cell in row:
                if cell.hyperlink is not None:
                    cell.hyperlink = None
                if isinstance(cell.value, str) and "\r" in cell.value and cell.data_type != "f":
                    put(cell, cell.value)
                if cell.data_type != "f":
                    continue
                value = values.cell(row=cell.row, column=cell.column).value if values is not None else None
                text = cell.value if isinstance(cell.value, str) else getattr(cell.value, "text", None) or str(cell.value)
                put(cell, value if value is not None else text)
                changed += 1
    return changed


def write_csv(batch: Batch, policy: Policy) -> bytes:
    several = batch.source != "csv" and len(batch.sheets) > 1
    headers = list(dict.fromkeys(h for s in batch.sheets for h in s.headers if h))
    columns = (["工作表"] if several else []) + headers + result_columns(policy)
    buf = io.StringIO(newline="")
    writer = csv.writer(buf)
    writer.writerow(columns)
    for row in batch.rows:
        values = {h: as_written(v) for h, v in row.cells.items()} | result_cells(row, policy) | {"工作表": row.sheet}
        writer.writerow([csv_cell(values.get(c, "")) for c in columns])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


WRAPPED = OUT_TAIL  # the long texts (and the error) wrap: the last three columns

NARROWEST, WIDEST, WIDEST_WRAPPED = 8, 30, 50  # column widths, in Excel's characters (a Chinese one is 2)

SAMPLE_ROWS = 1000  # the rows an input column's width is measured on, in a new workbook


@dataclass
class Layout:
    """A result sheet's layout beside its cells, the same whichever way the workbook is written: column
    widths, row heights where the long texts wrap (neither Excel nor LibreOffice fits a row to wrapped text
    on opening), the frozen header row, on every printed page the header row and the columns up to 姓名,
    the print area, landscape."""

    header_row: int
    widths: dict[int, float]  # column number (1-based) → width
    heights: dict[int, float]  # row number → height in points
    last_row: int
    last_column: int
    title_columns: int  # the columns printed on every page (up to 姓名; 0: none)

    @property
    def print_area(self) -> str:
        from openpyxl.utils import get_column_letter

        return f"A1:{get_column_letter(self.last_column)}{self.last_row}"

    @property
    def title_column_range(self) -> str | None:
        from openpyxl.utils import get_column_letter

        return f"A:{get_column_letter(self.title_columns)}" if self.title_columns else None


LINE_HEIGHT = 15.0  # points a wrapped line takes at the workbooks' 11-point size

MAX_ROW_HEIGHT = 409.0  # the tallest row Excel has (points): a longer text scrolls within it


@functools.lru_cache(maxsize=16384)
def line_width(line: str) -> int:
    """The width of one line of text: a full-width character counts 2. (Cached: the engine's sentences
    recur on row after row of a long list.)"""
    return len(line) if line.isascii() else len(line) + sum(unicodedata.east_asian_width(ch) in "WF" for ch in line)


def text_width(value, cap: float) -> float:
    """The width a value needs (its longest line), stopping at ``cap``."""
    best = 0
    for line in str(value).split("\n"):
        if len(line) * 2 <= best:
            continue
        best = max(best, line_width(line))
        if best >= cap:
            return cap
    return best


def column_width(header: str, values, wrapped: bool = False) -> float:
    """A column's width: its header's and its values' widest line and a margin, between NARROWEST and
    WIDEST (WIDEST_WRAPPED for the long texts, which wrap)."""
    cap = WIDEST_WRAPPED if wrapped else WIDEST
    best = text_width(header, cap)
    for value in values:
        if best >= cap:
            break
        text = value if isinstance(value, str) else "" if value is None else str(value)
        if len(text) * 2 > best:  # (only a value that may be wider is measured)
            best = max(best, text_width(text, cap))
    return float(min(cap, max(NARROWEST, best + 2)))


def sheet_layout(sheet: Sheet, first: int, cols: list[str], got: dict[int, dict], last_row: int, every_column: bool = False) -> Layout:
    """The layout of a sheet whose result columns start at column ``first``: the result columns' widths
    from ``got`` {row number: result_cells} and each row's height from its wrapped texts; with
    ``every_column`` (a new workbook, whose input had no widths of its own to keep) the input's columns'
    widths from their cells too."""
    widths = {first + j: column_width(name, (v[name] for v in got.values()), name in WRAPPED) for j, name in enumerate(cols)}
    if every_column:  # from the first rows: a long list's widths are set by its first thousand people
        sample = [cells for _, cells in sheet.rows[:SAMPLE_ROWS]]
        for i, header in enumerate(sheet.headers):
            widths[i + 1] = column_width(header, (as_written(cells[i]) for cells in sample if i < len(cells)))
    wrapped = [(name, widths[first + cols.index(name)] - 1) for name in WRAPPED if name in cols]
    heights = {}
    for number, values in got.items():
        lines = max((wrapped_lines(values[name], room) for name, room in wrapped if values[name]), default=1)
        if lines > 1:
            heights[number] = min(lines * LINE_HEIGHT, MAX_ROW_HEIGHT)
    name_at = next((i + 1 for i, h in enumerate(sheet.headers) if h and header_key(h) == "姓名"), 0)
    return Layout(
        sheet.header_row, widths, heights, max(last_row, sheet.header_row), first + len(cols) - 1, name_at if name_at < first - 1 else 0
    )


def wrapped_lines(text: str, room: float) -> int:
    """The lines a text takes wrapped in a column with ``room`` characters."""
    return sum(max(1, -(-min(line_width(line), 10_000) // room)) for line in text.split("\n"))


def apply_layout(ws, layout: Layout) -> None:
    """An openpyxl worksheet (also a write-only one, before its rows) given ``layout``."""
    from openpyxl.utils import get_column_letter

    for column, width in layout.widths.items():
        ws.column_dimensions[get_column_letter(column)].width = width
    for row, height in layout.heights.items():
        ws.row_dimensions[row].height = height
    ws.freeze_panes = f"A{layout.header_row + 1}"
    ws.print_title_rows = f"{layout.header_row}:{layout.header_row}"
    if layout.title_column_range:
        ws.print_title_cols = layout.title_column_range
    ws.print_area = layout.print_area
    ws.page_setup.orientation = "landscape"


WRAP_STYLE = "自测结果（换行）"  # a named style of the workbook, as Excel lists it


def write_xlsx(batch: Batch, policy: Policy, original: bytes | None = None) -> bytes:
    """xlsx output: the input's sheets (an xlsx input's own workbook, formatting kept) with the result
    columns added to each; a CSV input becomes one sheet."""
    import openpyxl
    from openpyxl.styles import Font

    if batch.source != "xlsx" or original is None:
        return _new_workbook(batch, policy)
    cols = result_columns(policy)
    by_sheet: dict[str, dict[int, Row]] = {}
    for row in batch.rows:
        by_sheet.setdefault(row.sheet, {})[row.number] = row
    # A plain workbook gets the cells written into its sheets' XML (10 000 rows: 3.6 → 0.5 s); any other
    # (formulas, links, drawings, …) is loaded and saved whole by openpyxl, to the same cells.
    got = {s.name: {n: result_cells(row, policy) for n, row in by_sheet.get(s.name, {}).items()} for s in batch.sheets}
    layouts = {
        s.name: sheet_layout(s, len(s.headers) + 1, cols, got[s.name], max((n for n, _ in s.rows), default=s.header_row))
        for s in batch.sheets
    }
    patched = add_columns(
        original, {s.name: (s.header_row, len(s.headers) + 1, cols, got[s.name], layouts[s.name]) for s in batch.sheets}, WRAPPED
    )
    if patched is not None:
        return patched
    book = openpyxl.load_workbook(io.BytesIO(original))
    # The input's formulas go out as the values Excel cached for them (their text where none is).
    if _active_parts(original):
        _as_values(book, openpyxl.load_workbook(io.BytesIO(original), data_only=True))
    targets = [(book[s.name], s) for s in batch.sheets]
    # The long texts wrap: one named style for all their cells (twice as quick as an alignment set on
    # each of 10 000 rows' cells).
    if WRAP_STYLE not in book.named_styles:
        book.add_named_style(_wrap_style())
    for ws, sheet in targets:
        first, width = len(sheet.headers) + 1, ws.max_column  # (the input's own width, before the headers go in)
        for j, name in enumerate(cols):
            cell = ws.cell(row=sheet.header_row, column=first + j, value=name)
            cell.font = Font(bold=True)
        apply_layout(ws, layouts[sheet.name])
        for number, values in got[sheet.name].items():
            for j, name in enumerate(cols):
                if not values[name]:
                    if first + j <= width:  # the input reached this far (a stale result column): emptied
                        ws.cell(row=number, column=first + j).value = None
                    continue
                cell = ws.cell(row=number, column=first + j)
                put(cell, values[name])
                if name in WRAPPED:
                    cell.style = WRAP_STYLE
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


def _wrap_style():
    from openpyxl.styles import Alignment, NamedStyle

    return NamedStyle(name=WRAP_STYLE, alignment=Alignment(wrap_text=True, vertical="top"))


def _new_workbook(batch: Batch, policy: Policy) -> bytes:
    """A CSV, .xls or .ods input as a new workbook, each sheet read under its own name (a CSV's as 自测结果),
    written row by row in openpyxl's write-only mode (there is no input formatting to keep; less memory,
    and a 20 000-row list's write 4.3 → 4.1 s): the lines above the headers, the headers with the result
    columns, then every line with its result."""
    import openpyxl
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    cols = result_columns(policy)
    book = openpyxl.Workbook(write_only=True)
    book.add_named_style(_wrap_style())
    bold = Font(bold=True)
    by_sheet: dict[str, dict[int, Row]] = {}
    for row in batch.rows:
        by_sheet.setdefault(row.sheet, {})[row.number] = row
    for sheet in batch.sheets:
        ws = book.create_sheet("自测结果" if batch.source == "csv" else sheet.name)

        def cell(value, style=None, ws=ws):
            out = WriteOnlyCell(ws)
            put(out, value)
            if style:
                out.style = style
            return out

        def value(v, cell=cell):
            # A plain value as is (quickest); a date cell of an xls or ods stays a date, shown as a date; a
            # string openpyxl would take for a formula, or with a carriage return, through put() as a string cell.
            if isinstance(v, _dt.date):
                out = cell(v)
                out.number_format = "yyyy-mm-dd" if not isinstance(v, _dt.datetime) or v.time() == _dt.time() else "yyyy-mm-dd hh:mm"
                return out
            v = as_written(v)
            if v == "":
                return None
            return cell(v) if isinstance(v, str) and (v.startswith("=") or "\r" in v) else v

        rows = by_sheet.get(sheet.name, {})
        got = {number: result_cells(row, policy) for number, row in rows.items()}
        width = len(sheet.headers)
        apply_layout(
            ws, sheet_layout(sheet, width + 1, cols, got, sheet.rows[-1][0] if sheet.rows else sheet.header_row, every_column=True)
        )
        for cells in sheet.above:  # a title above the headers, kept
            ws.append([value(v) for v in cells])
        head = [cell(h) for h in sheet.headers]
        for name in cols:
            head.append(cell(name))
            head[-1].font = bold
        ws.append(head)
        for number, cells in sheet.rows:
            out = [value(v) for v in cells[:width]] + [None] * max(0, width - len(cells))
            if number in got:
                out += [
                    (cell(got[number][name], WRAP_STYLE) if name in WRAPPED else value(got[number][name])) if got[number][name] else None
                    for name in cols
                ]
            ws.append(out)
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()
