"""Reading a file into sheets of cells (batch.md, Input): text (CSV, Excel's 「Unicode 文本」) in its
encodings, xlsx by openpyxl with merged cells and uncached formulas, .xls/.et (BIFF) by xlrd, .ods by
odfpy; what a file is comes from its bytes, not its name; the header row found among a sheet's first rows.

Every reader gives the cells as openpyxl gives an xlsx's (a date cell a datetime, a whole number an int,
text a str, a merged data cell over its whole range), so that the same list reads to the same rows
whichever program saved it."""

from __future__ import annotations

import csv
import functools
import io
import re
from dataclasses import dataclass, field

from guantong.policy import FULL_WIDTH


MAX_BYTES = 50_000_000  # a file larger than this is refused before it is read (the page and the command)


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
    headers: list[str]  # as written, in order
    rows: list[tuple[int, list]] = field(default_factory=list)  # (the sheet's row number, cells)
    header_row: int = 1  # the sheet's row that holds the headers (header_row)
    above: list[list] = field(default_factory=list)  # the rows above the headers (a title), as they were


HEADER_ROWS = 10  # the header row is looked for among a sheet's first rows (a title above it: batch.md)


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
    sheet.rows = [(i, row) for i, row in enumerate(grid[at + 1 :], start=at + 2)]
    return sheet


def read_csv(data: bytes, name: str = "CSV") -> list[Sheet]:
    """UTF-8 (with or without BOM), else GB18030 (a superset of GBK): detected, never asked; UTF-16 with a
    BOM is Excel's 「Unicode 文本」. Tab- or comma-separated, whichever the first lines hold more of."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        encodings = ("utf-16",)
    else:
        encodings = ("utf-8-sig", "gb18030")
    for encoding in encodings:
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise BatchError("文本文件的编码无法识别：请以 UTF-8 或 GBK（Excel 的“CSV”）或“Unicode 文本”保存")
    head = "\n".join(text.split("\n", HEADER_ROWS)[:HEADER_ROWS])
    delimiter = "\t" if head.count("\t") > head.count(",") else ","
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    if not rows:
        raise BatchError("文件是空的")
    return [sheet_of(name, rows)]


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
        merges = getattr(ws, "merged_cells", None) and ws.merged_cells.ranges or ()
        spread_merges(grid, [(m.min_row, m.min_col, m.max_row, m.max_col) for m in merges])
        if grid:
            sheets.append(sheet_of(ws.title, grid))
    return sheets, hidden, uncached


def spread_merges(grid: list[list], ranges) -> None:
    """A merged cell's value over every cell it covers, in the data rows only (a merged header counts for
    its first column; a merged title stays one cell). ``ranges``: (first row, first column, last row, last
    column), 1-based and inclusive."""
    first_data = header_row(grid) + 2
    for min_row, min_col, max_row, max_col in ranges:
        top = grid[min_row - 1][min_col - 1] if min_row <= len(grid) and min_col <= len(grid[min_row - 1]) else None
        for r in range(max(min_row, first_data), min(max_row, len(grid)) + 1):
            cells = grid[r - 1]
            for c in range(min_col, min(max_col, len(cells)) + 1):
                cells[c - 1] = top


OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # a BIFF (.xls, WPS's .et) or an encrypted OOXML file
ENCRYPTED = "EncryptedPackage".encode("utf-16-le")  # the stream an encrypted xlsx keeps its workbook in
OFFICE_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".et", ".ods")
TEXT_SUFFIXES = (".csv", ".txt")


def read_file(data: bytes, filename: str, progress=None) -> tuple[list[Sheet], list[str], int, str]:
    """Any file the batch reads: (sheets, hidden sheets skipped, formulas read as their text, its kind:
    "xlsx", "xls", "ods" or "csv"). The kind is the bytes' (a .xls that is really an xlsx, as files
    renamed by hand often are, is read as one); text only under .csv or .txt."""
    import posixpath

    suffix = posixpath.splitext(filename.replace("\\", "/"))[1].lower()
    if data[:4] == b"PK\x03\x04" and suffix not in TEXT_SUFFIXES:
        if _zip_member(data, "mimetype").startswith(b"application/vnd.oasis.opendocument.spreadsheet"):
            return *read_ods(data), 0, "ods"
        return *read_xlsx(data, progress), "xlsx"
    if data[:8] == OLE and suffix not in TEXT_SUFFIXES:
        sheets, hidden = read_xls(data)
        return sheets, hidden, 0, "xls"
    if suffix in TEXT_SUFFIXES:
        return read_csv(data, "CSV" if suffix == ".csv" else "文本"), [], 0, "csv"
    if suffix in OFFICE_SUFFIXES and data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"<":
        raise BatchError(f"这个文件（{filename}）其实是网页或 XML 格式，只是扩展名为 {suffix}：请用 Excel 或 WPS 打开后另存为 .xlsx 再试")
    if suffix in OFFICE_SUFFIXES and (data[:2] in (b"\xff\xfe", b"\xfe\xff") or b"\0" not in data[:4096]):
        # Text under an office name: what many systems export as "xls" (tab- or comma-separated).
        return read_csv(data, "文本"), [], 0, "csv"
    if suffix in OFFICE_SUFFIXES:
        raise BatchError(f"不是有效的 {suffix[1:]} 文件（文件可能已损坏，或只是改了扩展名）：请用 Excel 或 WPS 打开后另存一份再试")
    raise BatchError(f"不是能读取的名单文件（{filename}）：请用 .xlsx、.xls、.et、.ods、.csv 或 .txt（Unicode 文本）")


def _zip_member(data: bytes, name: str) -> bytes:
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return z.read(name) if name in z.namelist() else b""
    except zipfile.BadZipFile:
        return b""


def read_xls(data: bytes) -> tuple[list[Sheet], list[str]]:
    """Excel 97–2003 (BIFF; WPS's .et is the same) by xlrd: date cells as datetimes by the workbook's own
    date system (1900 or 1904), whole numbers as ints, a formula as the value Excel saved with it (BIFF
    always holds one), merged data cells over their range, hidden sheets skipped."""
    try:
        import xlrd
    except ImportError:
        raise BatchError("读取 xls 需要 xlrd：请先运行 make deps（或 pip install -e '.[batch]'）") from None
    try:
        # formatting_info: xlrd reads merged ranges only with it (and tells date cells from numbers either way).
        book = xlrd.open_workbook(file_contents=data, formatting_info=True, logfile=io.StringIO())
    except Exception as exc:  # noqa: BLE001 - xlrd raises many kinds for a damaged or encrypted file
        if ENCRYPTED in data or "encrypted" in str(exc).lower():
            raise BatchError("这个 Excel 文件设了密码：请在 Excel 或 WPS 中去掉密码后再试") from None
        raise BatchError("无法读取这个 Excel 97–2003（.xls）文件（文件可能已损坏）：请用 Excel 或 WPS 打开后另存为 .xlsx 再试") from None
    sheets, hidden = [], []
    for ws in book.sheets():
        if ws.visibility:
            hidden.append(ws.name)
            continue
        grid = [[_xls_value(ws.cell_type(r, c), ws.cell_value(r, c), book.datemode) for c in range(ws.row_len(r))] for r in range(ws.nrows)]
        spread_merges(grid, [(rlo + 1, clo + 1, rhi, chi) for rlo, rhi, clo, chi in ws.merged_cells])
        if grid:
            sheets.append(sheet_of(ws.name, grid))
    return sheets, hidden


def _xls_value(kind: int, value, datemode: int):
    import xlrd

    if kind in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
        return None
    if kind == xlrd.XL_CELL_NUMBER:
        return int(value) if value.is_integer() else value
    if kind == xlrd.XL_CELL_DATE:
        try:
            return xlrd.xldate_as_datetime(value, datemode)
        except (ValueError, OverflowError, xlrd.xldate.XLDateError):
            return value
    if kind == xlrd.XL_CELL_BOOLEAN:
        return bool(value)
    if kind == xlrd.XL_CELL_ERROR:
        return xlrd.error_text_from_code.get(value, "#VALUE!")
    return value


ODS_REPEAT_CAP = 1024  # LibreOffice pads a sheet with a row "repeated" a million times: repeats are capped


def read_ods(data: bytes) -> tuple[list[Sheet], list[str]]:
    """OpenDocument spreadsheets (.ods; LibreOffice, WPS) by odfpy: a cell's value from its office:value
    attributes (dates as datetimes, whole numbers as ints, a formula as its saved value), its text from its
    paragraphs; repeated rows and cells as the cells they stand for; merged data cells over their range;
    sheets hidden by their style skipped."""
    try:
        from odf.opendocument import load
    except ImportError:
        raise BatchError("读取 ods 需要 odfpy：请先运行 make deps（或 pip install -e '.[batch]'）") from None
    try:
        doc = load(io.BytesIO(data))
    except Exception as exc:  # noqa: BLE001 - odfpy raises many kinds for a damaged file
        raise BatchError(f"无法读取这个 ods 文件（{type(exc).__name__}）：请用 LibreOffice 或 WPS 打开后另存一份再试") from None
    from odf.namespaces import STYLENS, TABLENS

    hidden_styles = {
        st.attributes.get((STYLENS, "name"))
        for st in doc.automaticstyles.childNodes
        if st.qname == (STYLENS, "style")
        and any(p.qname == (STYLENS, "table-properties") and p.attributes.get((TABLENS, "display")) == "false" for p in st.childNodes)
    }
    sheets, hidden = [], []
    for table in doc.spreadsheet.childNodes:
        if _q(table) != (TABLENS, "table"):
            continue
        name = table.attributes.get((TABLENS, "name"), "")
        if table.attributes.get((TABLENS, "style-name")) in hidden_styles:
            hidden.append(name)
            continue
        grid, merges = _ods_grid(table)
        spread_merges(grid, merges)
        if grid:
            sheets.append(sheet_of(name, grid))
    return sheets, hidden


def _ods_grid(table) -> tuple[list[list], list[tuple[int, int, int, int]]]:
    """A table's rows of values (trailing empty rows and cells dropped) and its merged ranges."""
    from odf.namespaces import TABLENS

    groups = {(TABLENS, n) for n in ("table-header-rows", "table-rows", "table-row-group")}
    row_q, cell_q, covered_q = (TABLENS, "table-row"), (TABLENS, "table-cell"), (TABLENS, "covered-table-cell")
    grid, merges, empty_rows = [], [], 0

    def rows(node):  # rows directly in the table or in its header-rows, row groups, …
        for child in node.childNodes:
            if _q(child) == row_q:
                yield child
            elif _q(child) in groups:
                yield from rows(child)

    for row in rows(table):
        cells, pending = [], 0
        for cell in row.childNodes:
            if _q(cell) not in (cell_q, covered_q):
                continue
            attrs = cell.attributes
            repeat = min(int(attrs.get((TABLENS, "number-columns-repeated"), 1)), ODS_REPEAT_CAP)
            value = _ods_value(cell) if cell.qname == cell_q else None
            if value is None:
                pending += repeat  # empty cells kept only where a value follows
                continue
            cells += [None] * pending + [value] * repeat
            pending = 0
            spanned = (int(attrs.get((TABLENS, "number-rows-spanned"), 1)), int(attrs.get((TABLENS, "number-columns-spanned"), 1)))
            if spanned != (1, 1):
                at = len(grid) + empty_rows + 1
                col = len(cells) - repeat + 1
                merges.append((at, col, at + spanned[0] - 1, col + spanned[1] - 1))
        repeat = min(int(row.attributes.get((TABLENS, "number-rows-repeated"), 1)), ODS_REPEAT_CAP)
        if not cells:
            empty_rows += repeat  # empty rows kept only where a row with values follows
            continue
        grid += [[] for _ in range(empty_rows)] + [list(cells) for _ in range(repeat)]
        empty_rows = 0
    width = max((len(r) for r in grid), default=0)
    for r in grid:  # rows as long as the longest, as openpyxl gives them
        r += [None] * (width - len(r))
    return grid, merges


def _ods_value(cell):
    """A cell's value as openpyxl gives an xlsx's: its typed value where it has one, else its text (None
    when it has neither)."""
    import datetime as dt

    from odf.namespaces import OFFICENS

    attrs = cell.attributes
    kind = attrs.get((OFFICENS, "value-type"))
    if kind in ("float", "percentage", "currency"):
        number = float(attrs.get((OFFICENS, "value"), "nan"))
        if number == number:
            return int(number) if number.is_integer() else number
    elif kind == "date":
        try:
            return dt.datetime.fromisoformat(attrs.get((OFFICENS, "date-value"), ""))
        except ValueError:
            pass
    elif kind == "boolean":
        return attrs.get((OFFICENS, "boolean-value")) == "true"
    text = "\n".join(_ods_text(p) for p in cell.childNodes if _q(p)[1] == "p")
    return text if text else None


def _ods_text(node) -> str:
    """A paragraph's text: its spans and links read through, text:s as its spaces, a tab, a line break."""
    out = []
    for child in node.childNodes:
        if child.nodeType == child.TEXT_NODE:
            out.append(child.data)
        elif _q(child)[1] == "s":
            out.append(" " * int(child.attributes.get((child.qname[0], "c"), 1)))
        elif _q(child)[1] == "tab":
            out.append("\t")
        elif _q(child)[1] == "line-break":
            out.append("\n")
        elif _q(child)[1] != "annotation":  # a comment is not the cell's text
            out.append(_ods_text(child))
    return "".join(out)


def _q(node) -> tuple[str, str]:
    """An odfpy node's (namespace, name); a text node has none."""
    return getattr(node, "qname", None) or ("", "")


def _formula_texts(data: bytes) -> dict[str, dict[int, dict[int, str]]]:
    """{sheet: {row: {column: "=…"}}} of the formulas with no cached value (a file a script wrote: Excel
    caches every result), read again without data_only only when a sheet has such a cell."""
    import zipfile

    import openpyxl

    def uncached(xml: bytes) -> bool:
        return b"<f" in xml and any(
            b"<f" in m.group(1) and not re.search(rb"<(?:\w+:)?v>[^<]", m.group(1))
            for m in re.finditer(rb"<(?:\w+:)?c\b[^>]*[^/]>(.*?)</(?:\w+:)?c>", xml, re.S)
        )

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
