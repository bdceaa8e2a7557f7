"""Batch screening (shared/spec/batch.md): a spreadsheet of people in, one result per row out.

Each row becomes one answers object of answers.md and is decided by the same `evaluate`; nothing here
changes a rule. Text (CSV, Excel's 「Unicode 文本」) is read with the standard library (UTF-8 with or without
BOM, else GB18030, which covers what Excel saves as "CSV" on a Chinese system, or UTF-16); xlsx with
openpyxl, .xls and WPS's .et with xlrd, .ods with odfpy (the `batch` extra), each imported only when such a
file is read or written.

One module a job: ``reading`` (files → sheets of cells), ``cells`` (a cell → an answer's value), ``rows``
(a row → its answers, the batch decided), ``writing`` (the results as CSV or xlsx; ``xlsx_patch`` for a
plain input workbook), ``template`` (the blank template), ``draft`` (the 推荐公示 draft), ``command``
(``guantong batch``). What callers use is named here.

Decisions where batch.md is silent (also in the closing note of issue 12):
- hidden sheets are not read (they hold lookup lists); the summary says so;
- a merged cell in a data row counts for every cell it covers (a pathway merged down several rows); a
  merged header counts for its first column only;
- 不确定 in a yes/no cell means not answered; 是的/对, true/false are read as yes/no too;
- a row whose every result cell is empty because of an error counts as 出错, never as 不符合.
"""

from .cells import MAX_COUNT, CellError, cell_bool, cell_count, cell_date, cell_honors, cell_studio, cell_text
from .command import main
from .draft import notice_html, notice_people, posting_period, too_large
from .reading import MAX_BYTES, BatchError, Sheet, header_key, read_csv, read_file, read_ods, read_xls, read_xlsx
from .rows import (
    COLUMNS,
    DIRECTIONS,
    EXAMPLE_MARK,
    EXPLAIN_SHEET,
    MAX_ROWS,
    Batch,
    Row,
    conclusion_group,
    decide,
    open_file,
    read,
    row_answers,
    row_label,
)
from .template import TEMPLATE_A, TEMPLATE_B, template
from .writing import PLAIN_NUMBER, csv_cell, level_names, put, result_cells, result_columns, write_csv, write_xlsx

__all__ = [
    "COLUMNS",
    "DIRECTIONS",
    "EXAMPLE_MARK",
    "EXPLAIN_SHEET",
    "MAX_BYTES",
    "MAX_COUNT",
    "MAX_ROWS",
    "PLAIN_NUMBER",
    "TEMPLATE_A",
    "TEMPLATE_B",
    "Batch",
    "BatchError",
    "CellError",
    "Row",
    "Sheet",
    "cell_bool",
    "cell_count",
    "cell_date",
    "cell_honors",
    "cell_studio",
    "cell_text",
    "conclusion_group",
    "csv_cell",
    "decide",
    "header_key",
    "level_names",
    "main",
    "notice_html",
    "notice_people",
    "open_file",
    "posting_period",
    "put",
    "read",
    "read_csv",
    "read_file",
    "read_ods",
    "read_xls",
    "read_xlsx",
    "result_cells",
    "result_columns",
    "row_answers",
    "row_label",
    "template",
    "too_large",
    "write_csv",
    "write_xlsx",
]
