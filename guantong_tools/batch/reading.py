"""Reading a file into sheets of cells (batch.md, Input): CSV in its encodings, xlsx by openpyxl with
merged cells and uncached formulas; the header row found among a sheet's first rows."""

from __future__ import annotations

import csv
import functools
import io
import re
from dataclasses import dataclass, field

from guantong.policy import FULL_WIDTH


MAX_BYTES = 50_000_000   # a file larger than this is refused before it is read (the page and the command)



class BatchError(ValueError):
    """The file cannot be read as a spreadsheet of people (exit 2); the message is one Chinese line."""



@functools.lru_cache(maxsize=4096)
def header_key(text) -> str:
    """Headers are matched without spaces, full- and half-width parentheses alike. (Cached: every row asks
    again for the same few headers.)"""
    return re.sub(r"\s+", "", str(text or "").translate(FULL_WIDTH).replace("\u3000", ""))



@dataclass
class Sheet:
    name: str
    headers: list[str]                        # as written, in order
    rows: list[tuple[int, list]] = field(default_factory=list)   # (the sheet's row number, cells)
    header_row: int = 1                       # the sheet's row that holds the headers (header_row)
    above: list[list] = field(default_factory=list)   # the rows above the headers (a title), as they were



HEADER_ROWS = 10   # the header row is looked for among a sheet's first rows (a title above it: batch.md)



def header_row(grid: list[list]) -> int:
    """The index of the first of a sheet's first rows that holds a 姓名 cell (rows above it, such as a
    merged title, are not people); 0 when none does (the file is then refused for its missing 姓名)."""
    for i, row in enumerate(grid[:HEADER_ROWS]):
        if any(header_key(c) == "姓名" for c in row if c is not None):
            return i
    return 0



def sheet_of(name: str, grid: list[list]) -> Sheet:
    """A sheet from its rows: the headers from its header row, the people below it by their own numbers."""
    at = header_row(grid)
    sheet = Sheet(name, ["" if h is None else str(h) for h in grid[at]], header_row=at + 1, above=grid[:at])
    sheet.rows = [(i, row) for i, row in enumerate(grid[at + 1:], start=at + 2)]
    return sheet



def read_csv(data: bytes) -> list[Sheet]:
    """UTF-8 (with or without BOM), else GB18030 (a superset of GBK): detected, never asked; UTF-16 with a
    BOM is Excel's 「Unicode 文本」, tab-separated."""
    delimiter = ","
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        encodings, delimiter = ("utf-16",), "\t"
    else:
        encodings = ("utf-8-sig", "gb18030")
    for encoding in encodings:
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise BatchError("CSV 文件的编码无法识别：请以 UTF-8 或 GBK（Excel 的“CSV”）保存")
    first = text.split("\n", 1)[0]
    if delimiter == "," and "\t" in first and "," not in first:
        delimiter = "\t"   # tab-separated text saved under .csv
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    if not rows:
        raise BatchError("文件是空的")
    return [sheet_of("CSV", rows)]



def read_xlsx(data: bytes, progress=None) -> tuple[list[Sheet], list[str], int]:
    """Every visible sheet's cells as a person means them: date cells as dates, formulas as their cached
    values (their text where none is cached: a file a script wrote), merged data cells over their whole
    range. Returns the sheets, the hidden ones skipped and how many formulas were read as their text.
    `progress("read", rows read, rows in the visible sheets as their dimensions say)` is called as it reads."""
    try:
        import openpyxl
    except ImportError:
        raise BatchError("读取 xlsx 需要 openpyxl：请先运行 make deps（或 pip install -e '.[batch]'）") from None
    import zipfile

    try:
        # Read-only mode is several times faster on a long list, but knows no merged cells: a workbook
        # with merges (a <mergeCell> in a sheet) is read in full. (Reading in full once and writing the
        # output into the same workbook was tried: reading in full costs more than the second load saves.)
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            merges = any(b"<mergeCell " in z.read(n) for n in z.namelist() if n.startswith("xl/worksheets/"))
        book = openpyxl.load_workbook(io.BytesIO(data), data_only=True, read_only=not merges)
    except zipfile.BadZipFile:
        if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
            raise BatchError("这是加密的或旧版（.xls）的 Excel 文件：请去掉密码，或另存为 .xlsx 后再试") from None
        raise BatchError("不是有效的 xlsx 文件（文件可能已损坏，或只是改了扩展名）") from None
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds for a damaged file
        raise BatchError(f"无法读取这个 xlsx 文件（{type(exc).__name__}）：请用 Excel 打开后另存一份再试") from None
    sheets, hidden = [], []
    formulas = _formula_texts(data)
    uncached = 0
    visible = [ws for ws in book.worksheets if ws.sheet_state == "visible"]
    expected, read_so_far = sum((ws.max_row or 0) for ws in visible), 0
    for ws in book.worksheets:
        if ws.sheet_state != "visible":
            hidden.append(ws.title)
            continue
        grid = []
        texts = formulas.get(ws.title, {})
        for r, row in enumerate(ws.iter_rows(values_only=True), start=1):
            cells = list(row)
            for c, text in texts.get(r, {}).items():
                if c <= len(cells) and cells[c - 1] is None:
                    cells[c - 1] = text
                    uncached += 1
            grid.append(cells)
            read_so_far += 1
            if progress and read_so_far % 500 == 0:
                progress("read", read_so_far, max(expected, read_so_far))
        first_data = header_row(grid) + 2
        for merged in getattr(ws, "merged_cells", None) and ws.merged_cells.ranges or ():
            top = grid[merged.min_row - 1][merged.min_col - 1] if merged.min_row <= len(grid) else None
            for r in range(max(merged.min_row, first_data), merged.max_row + 1):      # data rows only
                for c in range(merged.min_col, merged.max_col + 1):
                    if r <= len(grid) and c <= len(grid[r - 1]):
                        grid[r - 1][c - 1] = top
        if not grid:
            continue
        sheets.append(sheet_of(ws.title, grid))
    return sheets, hidden, uncached



def _formula_texts(data: bytes) -> dict[str, dict[int, dict[int, str]]]:
    """{sheet: {row: {column: "=…"}}} of the formulas with no cached value (a file a script wrote: Excel
    caches every result), read again without data_only only when a sheet has such a cell."""
    import zipfile

    import openpyxl

    def uncached(xml: bytes) -> bool:
        return b"<f" in xml and any(b"<f" in m.group(1) and not re.search(rb"<(?:\w+:)?v>[^<]", m.group(1))
                                    for m in re.finditer(rb"<(?:\w+:)?c\b[^>]*[^/]>(.*?)</(?:\w+:)?c>", xml, re.S))

    with zipfile.ZipFile(io.BytesIO(data)) as z:
        if not any(uncached(z.read(n)) for n in z.namelist() if n.startswith("xl/worksheets/") and n.endswith(".xml")):
            return {}
    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
    values = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    out: dict[str, dict[int, dict[int, str]]] = {}
    for ws in book.worksheets:
        cached = values[ws.title].iter_rows(values_only=True)
        for r, (row, got) in enumerate(zip(ws.iter_rows(values_only=True), cached, strict=False), start=1):
            for c, (value, seen) in enumerate(zip(row, got, strict=False), start=1):
                if isinstance(value, str) and value.startswith("=") and seen is None:
                    out.setdefault(ws.title, {}).setdefault(r, {})[c] = value
    return out
