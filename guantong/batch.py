"""Batch screening (shared/spec/batch.md): a spreadsheet of people in, one result per row out.

Each row becomes one answers object of answers.md and is decided by the same `evaluate`; nothing here
changes a rule. CSV is read with the standard library (UTF-8 with or without BOM, else GB18030, which
covers what Excel saves as "CSV" on a Chinese system); xlsx with openpyxl (the `batch` extra), imported
only when an xlsx is read or written, so that `import guantong` stays standard-library only.

Decisions where batch.md is silent (also in the closing note of issue 12):
- hidden sheets are not read (they hold lookup lists); the summary says so;
- a merged cell in a data row counts for every cell it covers (a pathway merged down several rows); a
  merged header counts for its first column only;
- 不确定 in a yes/no cell means not answered; 是的/对, true/false are read as yes/no too;
- a row whose every result cell is empty because of an error counts as 出错, never as 不符合.
"""

from __future__ import annotations

import csv
import datetime as _dt
import functools
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from .answers import AnswersError
from .engine import evaluate
from .policy import FULL_WIDTH, Policy, load_policy, normalise_name
from . import xlsx_patch
from .rules import cn

A, B = "skill_to_title", "title_to_skill"


MAX_BYTES = 50_000_000   # a file larger than this is refused before it is read (the page and the command)
MAX_ROWS = 20_000        # people in one file: more would keep a phone or an office PC busy for minutes


class BatchError(ValueError):
    """The file cannot be read as a spreadsheet of people (exit 2); the message is one Chinese line."""


class CellError(ValueError):
    """A cell the row cannot use; the message says what is wrong (the caller adds sheet, row, header)."""


# --- headers ----------------------------------------------------------------------------------------
@functools.lru_cache(maxsize=4096)
def header_key(text) -> str:
    """Headers are matched without spaces, full- and half-width parentheses alike. (Cached: every row asks
    again for the same few headers.)"""
    return re.sub(r"\s+", "", str(text or "").translate(FULL_WIDTH).replace("\u3000", ""))


# header → (answers key, pathway or None for both, kind, extra)
COLUMNS = {
    "姓名": ("name", None, "label", None),
    "编号": ("id", None, "label", None),
    "申报方向": ("direction", None, "direction", None),
    "受理截止日期": ("deadline", None, "date", None),
    "弄虚作假记录": ("integrity_record", None, "bool", None),
    "单位在黄石市": ("employed_in_huangshi", A, "bool", None),
    "一线或技能岗位": ("skill_post", A, "bool", None),
    "高级工取得日期": ("skill_levels", A, "dated", "senior_worker"),
    "技师取得日期": ("skill_levels", A, "dated", "technician"),
    "高级技师取得日期": ("skill_levels", A, "dated", "senior_technician"),
    "中断技能工作月数": ("months_out_of_skill_work", A, "count", None),
    "荣誉": ("honors", A, "honors", None),
    "技能大师工作室": ("studio", A, "studio", None),
    "工作室领办日期": ("studio.date", A, "date", None),
    "申报系列": ("series", A, "text", None),
    "专业与工种相同或相近": ("speciality_matches", A, "bool", None),
    "近3年年度考核合格": ("annual_assessment_passed", A, "bool", None),
    "助理级取得日期": ("titles", B, "dated", "assistant"),
    "中级取得日期": ("titles", B, "dated", "intermediate"),
    "副高级取得日期": ("titles", B, "dated", "deputy_senior"),
    "正高级取得日期": ("titles", B, "dated", "senior"),
    "从事技术技能岗位": ("technical_skill_post", B, "bool", None),
    "申报职业(工种)": ("occupation", B, "text", None),
    "职业与岗位对应": ("occupation_matches", B, "bool", None),
    "参加本职业工作日期": ("work_start", B, "date", None),
    "累计工作年限": ("work_years", B, "count", None),
    "中断工作月数": ("months_out_of_work", B, "count", None),
    "高级工年限要求": ("required_years", B, "years", "senior_worker"),
    "技师年限要求": ("required_years", B, "years", "technician"),
    "高级技师年限要求": ("required_years", B, "years", "senior_technician"),
    "相关专业毕业": ("related_major", B, "bool", None),
}
BY_KEY = {header_key(h): (h, *spec) for h, spec in COLUMNS.items()}
SHEET_PATHWAY = {"申报职称": A, "申报技能等级": B}
DIRECTIONS = {"职称": A, "技能等级": B, A: A, B: B,
              "我是高技能人才（高级工、技师、高级技师），想申报专业技术职称": A,
              "我有专业技术职称，想参加职业技能等级评价": B, "申报职称": A, "申报技能等级": B,
              "高技能人才申报职称": A, "专业技术人才申报技能等级": B}
YES = {"是", "有", "y", "yes", "√", "✓", "是的", "对", "true"}
NO = {"否", "无", "n", "no", "×", "✗", "不是", "没有", "false"}
UNSURE = {"不确定", "不清楚", "待定"}
OUT_FIXED = ("结论",)
OUT_TAIL = ("原因", "提示", "错误")


# --- reading files --------------------------------------------------------------------------------------
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


# --- cells → answers ----------------------------------------------------------------------------------------
def _text(value, half: bool = True) -> str:
    """A cell as text; full-width letters and digits made half-width unless `half` is off (names stay as
    typed: the engine compares them without such differences)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).translate(FULL_WIDTH) if half else str(value)
    return text.replace("\u3000", " ").strip()


# The wizard's date fields read the same forms (parse.js parseDate; tests/cases/typed_dates.json holds both to
# the same cases); [0-9], not \d, which in Python also takes other scripts' digits.
_DATE = re.compile(r"^([0-9]{4})\s*[-/.年\s]\s*([0-9]{1,2})\s*[-/.月\s]\s*([0-9]{1,2})\s*[日号]?$|^([0-9]{4})([0-9]{2})([0-9]{2})$")


def cell_date(value) -> str:
    if isinstance(value, _dt.datetime):
        return value.date().isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    text = _text(value)
    m = _DATE.match(text)
    if not m:
        raise CellError(f"“{text}”不是日期（可写 2019-06-30、2019/6/30 或 2019年6月30日）")
    y, mo, d = (int(g) for g in (m.groups()[:3] if m.group(1) else m.groups()[3:]))
    try:
        return _dt.date(y, mo, d).isoformat()
    except ValueError:
        raise CellError(f"日期 {y}-{mo:02d}-{d:02d} 不存在") from None


def cell_bool(value):
    if isinstance(value, bool):
        return value
    text = _text(value).lower()
    if text in YES:
        return True
    if text in NO:
        return False
    if text in UNSURE:
        return None
    raise CellError(f"“{_text(value)}”应为 是、否 或 不确定")


def cell_count(value) -> int:
    if isinstance(value, bool):
        raise CellError("应为不小于 0 的整数")
    if isinstance(value, (int, float)) and float(value).is_integer():
        number = int(value)
    else:
        # As the wizard's number fields (parse.js parseCount; tests/cases/typed_counts.json holds both).
        text = re.sub(r"\s*(个月|月|年|个)$", "", _text(value))
        if not re.fullmatch(r"[+-]?[0-9]{1,6}", text):
            raise CellError(f"“{_text(value)}”应为不小于 0 的整数")
        number = int(text)
    if number < 0:
        raise CellError(f"不能为负数（{number}）")
    return number


_HONOR = re.compile(r"^(?P<name>.*?)\s*[（(]?\s*(?P<date>\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*[日号]?)\s*[）)]?$")


def cell_honors(value) -> list[dict]:
    items = []
    for part in re.split(r"[；;、,，\n]+", _text(value, half=False)):
        part = part.strip()
        if not part:
            continue
        m = _HONOR.match(part.translate(FULL_WIDTH))
        if m and m.group("name"):
            items.append({"name": part[: len(m.group("name"))].strip(), "date": cell_date(m.group("date"))})
        else:
            items.append({"name": part})
    return items


def cell_studio(value, policy: Policy):
    text = _text(value)
    if text in ("无", "不是", "否", "没有"):
        return None
    by_word = {"黄石市": "city", "市级": "city", "湖北省": "provincial", "省级": "provincial", "国家级": "national"}
    for studio in policy.studios:
        by_word[normalise_name(studio["name"])] = studio["id"]
        by_word[studio["id"]] = studio["id"]
    key = normalise_name(text)
    if key in by_word:
        return {"level": by_word[key]}
    raise CellError(f"“{text}”应为 无、黄石市、湖北省 或 国家级")


@dataclass
class Row:
    sheet: str
    number: int
    cells: dict          # header as written → value
    answers: dict | None = None
    result: dict | None = None
    error: str = ""


@functools.cache
def _directions() -> dict:
    return {normalise_name(k): v for k, v in DIRECTIONS.items()}


def label(sheet: Sheet, cells: list, header: str):
    """The cell under ``header`` (姓名, 编号) however the header is written (spaces, full-width brackets)."""
    key = header_key(header)
    i = next((i for i, h in enumerate(sheet.headers) if header_key(h) == key), None)
    return cells[i] if i is not None and i < len(cells) else None


def row_label(row: Row, header: str) -> str:
    """A row's 姓名 or 编号 as text, whatever spacing its header has: for the page's table and the draft."""
    key = header_key(header)
    return _text(_out(next((v for h, v in row.cells.items() if header_key(h) == key), None)), half=False)


def row_answers(sheet: Sheet, number: int, cells: list, policy: Policy, deadline: str | None) -> Row:
    """One row → its answers object; a cell it cannot use makes the row an error naming sheet, row, header."""
    by_header = {h: (cells[i] if i < len(cells) else None) for i, h in enumerate(sheet.headers) if h}
    row = Row(sheet.name, number, by_header)
    known = {h: BY_KEY[header_key(h)] for h in by_header if header_key(h) in BY_KEY}
    direction_cell = next((v for h, v in by_header.items() if h in known and known[h][1] == "direction"), None)
    text = _text(direction_cell)
    if text:
        directions = _directions()
        if normalise_name(text) not in directions:
            row.error = f"工作表“{sheet.name}”第 {number} 行“申报方向”：“{text}”应为 职称 或 技能等级"
            return row
        pathway = directions[normalise_name(text)]
    else:
        pathway = SHEET_PATHWAY.get(sheet.name.strip())
        if pathway is None:
            raise BatchError(f"工作表“{sheet.name}”第 {number} 行没有申报方向：请填写“申报方向”列（职称 或 技能等级），"
                             "或把工作表命名为“申报职称”或“申报技能等级”")
    answers: dict = {"direction": pathway}
    columns_present = {spec[1] for spec in known.values()}
    if "skill_levels" in columns_present and pathway == A:
        answers["skill_levels"] = {}
    if "titles" in columns_present and pathway == B:
        answers["titles"] = {}
    if "honors" in columns_present and pathway == A:
        answers["honors"] = []
    for header, value in by_header.items():
        if header not in known:
            continue
        _, key, side, kind, extra = known[header]
        if side not in (None, pathway) or kind in ("label", "direction"):
            continue
        if value is None or _text(value) == "":
            continue
        try:
            if kind == "date":
                if key == "studio.date":
                    answers["__studio_date"] = cell_date(value)
                else:
                    answers[key] = cell_date(value)
            elif kind == "bool":
                yes = cell_bool(value)
                if yes is not None:
                    answers[key] = yes
            elif kind == "count":
                answers[key] = cell_count(value)
            elif kind == "dated":
                answers.setdefault(key, {})[extra] = cell_date(value)
            elif kind == "years":
                answers.setdefault(key, {})[extra] = cell_count(value)
            elif kind == "honors":
                answers[key] = cell_honors(value)
            elif kind == "studio":
                answers[key] = cell_studio(value, policy)
            elif kind == "text":
                answers[key] = _text(value, half=False)
        except CellError as exc:
            row.error = f"工作表“{sheet.name}”第 {number} 行“{header}”：{exc}"
            return row
    studio_date = answers.pop("__studio_date", None)
    if studio_date and isinstance(answers.get("studio"), dict):
        answers["studio"]["date"] = studio_date
    if "deadline" not in answers and deadline:
        answers["deadline"] = deadline
    row.answers = answers
    return row


# --- the batch ---------------------------------------------------------------------------------------
@dataclass
class Batch:
    sheets: list[Sheet]
    rows: list[Row]
    hidden: list[str]
    source: str             # "xlsx" | "csv"
    examples: int = 0       # the template's example rows, skipped
    uncached: int = 0       # formula cells read as their text (no value cached)

    def counts(self) -> dict:
        out = {"符合": 0, "待定": 0, "不符合": 0, "出错": 0}
        for row in self.rows:
            out[conclusion_group(row)] += 1
        return out

    def summary(self) -> str:
        """The counts (batch.md's line), then what was read differently from a plain list, each in （）."""
        c = self.counts()
        line = f"共 {len(self.rows)} 行：符合 {c['符合']}，待定 {c['待定']}，不符合 {c['不符合']}，出错 {c['出错']}"
        for sheet in self.sheets:
            if sheet.header_row > 1:
                where = f"工作表“{sheet.name}”" if self.source == "xlsx" else "文件"
                line += f"（{where}的表头在第 {sheet.header_row} 行，上面的 {sheet.header_row - 1} 行未作为人员读取）"
        if self.examples:
            line += f"（跳过模板的示例行 {self.examples} 行）"
        if self.uncached:
            line += f"（{self.uncached} 个公式单元格没有保存计算结果，按公式文本读取）"
        if self.hidden:
            line += f"（未读取隐藏的工作表：{'、'.join(self.hidden)}）"
        return line


def conclusion_group(row: Row) -> str:
    if row.error or not row.result:
        return "出错"
    if row.result["highest"]:
        return "符合"
    if any(lv["status"] == "undetermined" for lv in row.result["levels"].values()):
        return "待定"
    return "不符合"


def open_file(data: bytes, filename: str, deadline: str | None = None, policy: Policy | None = None,
              progress=None) -> Batch:
    """Read a file into rows with their answers, none decided yet (`decide` does that, in parts if need be,
    so that a page can show its progress; `progress(stage, done, total)` hears how far an xlsx is read and
    its rows turned into answers). Raises BatchError for a file that is not a spreadsheet of people."""
    policy = policy or load_policy()
    suffix = Path(filename).suffix.lower()
    if not data:
        raise BatchError("文件是空的")
    uncached = 0
    if suffix == ".csv":
        sheets, hidden, source = read_csv(data), [], "csv"
    elif suffix in (".xlsx", ".xlsm"):
        sheets, hidden, uncached = read_xlsx(data, progress)
        source = "xlsx"
    else:
        raise BatchError(f"不是 xlsx 或 csv 文件（{filename}）：请在 Excel 中另存为 .xlsx 或 .csv")
    # Decision (batch.md is silent): the template's own 填写说明 sheet lists the headers, 姓名 among them,
    # within its first rows; it is not a list of people.
    people = [s for s in sheets if s.name != EXPLAIN_SHEET and any(header_key(h) == "姓名" for h in s.headers)]
    if not people:
        names = "、".join(s.name for s in sheets) or "（无）"
        raise BatchError(f"没有找到“姓名”列：表头应在前 {HEADER_ROWS} 行之内，其中一列为“姓名”（读取的工作表：{names}）")
    for sheet in people:
        seen = {}
        for h in sheet.headers:
            if h and header_key(h) in seen:
                raise BatchError(f"工作表“{sheet.name}”的表头“{h}”出现了两次，请删去或改名其中一列")
            seen[header_key(h)] = h
        if source == "csv" and "申报方向" not in seen:
            raise BatchError("CSV 文件须有“申报方向”列（职称 或 技能等级）")
    filled = [(sheet, number, cells) for sheet in people for number, cells in sheet.rows if any(_text(c) for c in cells)]
    # The template's example rows (张三（示例，请删除本行）) when they were not deleted: not people.
    examples = [(sheet, number) for sheet, number, cells in filled if EXAMPLE_MARK in _text(label(sheet, cells, "姓名"), half=False)]
    filled = [(sheet, number, cells) for sheet, number, cells in filled if (sheet, number) not in examples]
    if len(filled) > MAX_ROWS:
        raise BatchError(f"人数过多（{len(filled)} 行，一次最多 {MAX_ROWS} 行）：请把名单分成几个文件")
    rows = []
    for i, (sheet, number, cells) in enumerate(filled):
        if progress and i % 500 == 0:
            progress("prepare", i, len(filled))
        rows.append(row_answers(sheet, number, cells, policy, deadline))
    return Batch(people, rows, hidden, source, examples=len(examples), uncached=uncached)


def decide(batch: Batch, start: int = 0, stop: int | None = None, policy: Policy | None = None,
           today: _dt.date | None = None) -> int:
    """Decide rows[start:stop] by `evaluate`; returns the index after the last one decided."""
    policy = policy or load_policy()
    stop = len(batch.rows) if stop is None else min(stop, len(batch.rows))
    for row in batch.rows[start:stop]:
        if row.answers is not None and row.result is None and not row.error:
            try:
                row.result = evaluate(row.answers, policy=policy, today=today).to_dict()
            except AnswersError as exc:
                row.error = f"工作表“{row.sheet}”第 {row.number} 行：{exc.problem}（{exc.key}）"
    return stop


def read(data: bytes, filename: str, deadline: str | None = None, policy: Policy | None = None,
         today: _dt.date | None = None) -> Batch:
    """Read and decide a whole file. Raises BatchError for a file that is not a spreadsheet of people."""
    policy = policy or load_policy()
    batch = open_file(data, filename, deadline, policy)
    decide(batch, policy=policy, today=today)
    return batch


# --- output --------------------------------------------------------------------------------------------
def level_names(policy: Policy) -> list[tuple[str, str, str]]:
    return [(A, lv["id"], lv["name"]) for lv in policy.a_levels] + [(B, lv["id"], lv["name"]) for lv in policy.b_levels]


STATUS_ZH = {"eligible": "符合", "not_eligible": "不符合", "undetermined": "待定"}


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
    out["结论"] = highest or ("待定" if group == "待定" else "暂不符合")
    for lid, lv in r["levels"].items():
        name = names[(r["direction"], lid)]
        out[name] = STATUS_ZH[lv["status"]]
        out[f"{name}可申报日期"] = lv["eligible_on"] or ""
    reasons = [f"{p['message']}（{p['clause']}）" for p in r["preconditions"] if p["status"] != "met"]
    for lv in r["levels"].values():
        if lv["status"] != "eligible":
            reasons += [f"{x['message']}（{x['clause']}）" for x in lv["reasons"]]
    out["原因"] = "\n".join(dict.fromkeys(reasons))
    out["提示"] = "\n".join(n["message"] for n in r["notes"])
    return out


# --- every cell written is a value (batch.md, Output; OWASP's CSV injection) -----------------------------
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
    XML): what _as_values changes."""
    import zipfile

    with zipfile.ZipFile(io.BytesIO(xlsx)) as z:
        return any(re.search(rb"<(?:\w+:)?(?:f|hyperlink)[ >/]|&#13;|&#x[dD];|\r", z.read(n))
                   for n in z.namelist() if (n.startswith("xl/worksheets/") or n == "xl/sharedStrings.xml") and n.endswith(".xml"))


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
    several = batch.source == "xlsx" and len(batch.sheets) > 1
    headers = list(dict.fromkeys(h for s in batch.sheets for h in s.headers if h))
    columns = (["工作表"] if several else []) + headers + result_columns(policy)
    buf = io.StringIO(newline="")
    writer = csv.writer(buf)
    writer.writerow(columns)
    for row in batch.rows:
        values = {h: _out(v) for h, v in row.cells.items()} | result_cells(row, policy) | {"工作表": row.sheet}
        writer.writerow([csv_cell(values.get(c, "")) for c in columns])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def _out(value):
    if isinstance(value, _dt.datetime):
        return value.date().isoformat() if value.time() == _dt.time() else value.isoformat(sep=" ")
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return "" if value is None else value


WRAPPED = ("原因", "提示", "错误")
WRAP_STYLE = "自测结果（换行）"   # a named style of the workbook, as Excel lists it


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
    patched = xlsx_patch.add_columns(original, {
        s.name: (s.header_row, len(s.headers) + 1, cols,
                 {n: result_cells(row, policy) for n, row in by_sheet.get(s.name, {}).items()})
        for s in batch.sheets}, WRAPPED)
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
        first = len(sheet.headers) + 1
        for j, name in enumerate(cols):
            cell = ws.cell(row=sheet.header_row, column=first + j, value=name)
            cell.font = Font(bold=True)
        for number, row in by_sheet.get(sheet.name, {}).items():
            values = result_cells(row, policy)
            for j, name in enumerate(cols):
                if not values[name]:
                    if ws._cells.get((number, first + j)) is not None:   # a stale cell there: emptied
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
    """A CSV input (or rows without their workbook) as one new sheet, written row by row in openpyxl's
    write-only mode (there is no input formatting to keep; less memory, and a 20 000-row list's write
    4.3 → 4.1 s): the lines above the headers, the headers with the result columns, then every line with
    its result."""
    import openpyxl
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    cols = result_columns(policy)
    book = openpyxl.Workbook(write_only=True)
    book.add_named_style(_wrap_style())
    ws = book.create_sheet("自测结果")
    sheet = batch.sheets[0]

    def cell(value, style=None):
        out = WriteOnlyCell(ws)
        put(out, value)
        if style:
            out.style = style
        return out

    def value(v):
        # A plain value as is (quickest); a string openpyxl would take for a formula, or with a carriage
        # return, through put() as a string cell.
        v = _out(v)
        if v == "":
            return None
        return cell(v) if isinstance(v, str) and (v.startswith("=") or "\r" in v) else v

    def values(cells):
        return [value(v) for v in cells]

    for cells in sheet.above:                      # a title above the headers, kept
        ws.append(values(cells))
    head = [cell(h) for h in sheet.headers]
    bold = Font(bold=True)
    for name in cols:
        head.append(cell(name))
        head[-1].font = bold
    ws.append(head)
    rows = {row.number: row for row in batch.rows}
    width = len(sheet.headers)
    for number, cells in sheet.rows:
        out = values(cells)[:width] + [None] * max(0, width - len(cells))
        row = rows.get(number)
        if row is not None:
            got = result_cells(row, policy)
            out += [(cell(got[name], WRAP_STYLE) if name in WRAPPED else value(got[name])) if got[name] else None
                    for name in cols]
        ws.append(out)
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


# --- the template ----------------------------------------------------------------------------------------
TEMPLATE_A = ["姓名", "编号", "受理截止日期", "单位在黄石市", "一线或技能岗位", "高级工取得日期", "技师取得日期",
              "高级技师取得日期", "中断技能工作月数", "荣誉", "技能大师工作室", "工作室领办日期", "申报系列",
              "专业与工种相同或相近", "近3年年度考核合格", "弄虚作假记录"]
TEMPLATE_B = ["姓名", "编号", "受理截止日期", "助理级取得日期", "中级取得日期", "副高级取得日期", "正高级取得日期",
              "从事技术技能岗位", "申报职业（工种）", "职业与岗位对应", "参加本职业工作日期", "累计工作年限",
              "中断工作月数", "高级工年限要求", "技师年限要求", "高级技师年限要求", "相关专业毕业", "弄虚作假记录"]
EXAMPLE_MARK = "（示例，请删除本行）"   # a row whose 姓名 carries it is the template's example: skipped
EXPLAIN_SHEET = "填写说明"             # the template's sheet that explains the columns: never people
EXAMPLE_A = {"姓名": f"张三{EXAMPLE_MARK}", "编号": "A001", "单位在黄石市": "是", "一线或技能岗位": "是",
             "技师取得日期": "2019-06-30", "中断技能工作月数": 0, "荣誉": "黄石工匠 2023-05-01", "技能大师工作室": "无",
             "申报系列": "工程技术", "专业与工种相同或相近": "是", "近3年年度考核合格": "是", "弄虚作假记录": "否"}
EXAMPLE_B = {"姓名": f"李四{EXAMPLE_MARK}", "编号": "B001", "中级取得日期": "2018-12-01", "从事技术技能岗位": "是",
             "申报职业（工种）": "电工", "职业与岗位对应": "是", "参加本职业工作日期": "2005-03-01", "中断工作月数": 0,
             "高级工年限要求": 6, "技师年限要求": 10, "高级技师年限要求": 15, "相关专业毕业": "否", "弄虚作假记录": "否"}
EXPLAIN = {
    "姓名": ("必填", "—"), "编号": ("选填：工号等，结果中原样显示", "—"),
    "受理截止日期": ("日期；空着则用命令的 --deadline 或页面上的统一日期，再没有则按本年度公布的截止时间", "3.2"),
    "单位在黄石市": ("是 / 否 / 不确定", "2.1"), "一线或技能岗位": ("是 / 否 / 不确定", "2.1"),
    "高级工取得日期": ("日期；取得了才填，三列都空表示都没有", "2.1"), "技师取得日期": ("日期", "2.4.1.2"),
    "高级技师取得日期": ("日期", "2.4.1.3"), "中断技能工作月数": ("整数；没有中断填 0", "2.4.1"),
    "荣誉": ("名称，可跟日期（黄石工匠 2023-05-01）；多项用顿号或分号隔开；空着表示没有", "2.4.1"),
    "技能大师工作室": ("无 / 黄石市 / 湖北省 / 国家级（领办人才算）", "2.4.1"), "工作室领办日期": ("日期，选填", "2.4.1"),
    "申报系列": ("工程技术、农业、工艺美术、文物博物、实验技术、艺术、技工院校教师", "2.2"),
    "专业与工种相同或相近": ("是 / 否 / 不确定", "1.2.3"), "近3年年度考核合格": ("是 / 否 / 不确定", "2.4.1"),
    "弄虚作假记录": ("是 = 有记录（一票否决）", "1.2.1"),
    "助理级取得日期": ("日期；四列都空表示没有职称", "2.1"), "中级取得日期": ("日期", "2.4.2"),
    "副高级取得日期": ("日期", "2.4.2"), "正高级取得日期": ("日期", "2.4.2"),
    "从事技术技能岗位": ("是 / 否 / 不确定", "2.1"), "申报职业（工种）": ("国家职业技能标准中的职业名称", "2.4.2"),
    "职业与岗位对应": ("是 / 否 / 不确定", "1.2.3"), "参加本职业工作日期": ("日期；与“累计工作年限”填一个即可", "2.4.2"),
    "累计工作年限": ("整数（已扣除中断）", "2.4.2"), "中断工作月数": ("整数", "2.4.2"),
    "高级工年限要求": ("该职业国家职业技能标准要求的累计年限", "2.4.2"), "技师年限要求": ("同上", "2.4.2"),
    "高级技师年限要求": ("同上", "2.4.2"), "相关专业毕业": ("是 / 否", "2.3.2"),
}
LISTS = {"yesno": ["是", "否", "不确定"], "studio": ["无", "黄石市", "湖北省", "国家级"]}


def template() -> bytes:
    import openpyxl
    from openpyxl.styles import Font
    from openpyxl.worksheet.datavalidation import DataValidation

    policy = load_policy()
    book = openpyxl.Workbook()
    book.remove(book.active)
    # The drop-down lists written in the validations themselves (Excel's "a,b,c" lists, at most 255
    # characters), not as references to a hidden sheet: the file holds no formula, and a list made from
    # it has no hidden sheet to report.
    lists = {**LISTS, "series": [s["name"] for s in policy.series]}
    refs = {key: '"' + ",".join(values) + '"' for key, values in lists.items()}
    if max(map(len, refs.values())) > 255:
        raise ValueError("下拉列表超过 Excel 的 255 个字符上限")
    for title, headers, example in (("申报职称", TEMPLATE_A, EXAMPLE_A), ("申报技能等级", TEMPLATE_B, EXAMPLE_B)):
        ws = book.create_sheet(title)
        ws.append(headers)
        ws.append([example.get(h) for h in headers])
        for cell in ws[1]:
            cell.font = Font(bold=True)
        ws.freeze_panes = "B2"
        for i, h in enumerate(headers, start=1):
            letter = openpyxl.utils.get_column_letter(i)
            ws.column_dimensions[letter].width = max(10, len(h) * 2 + 2)
            kind = BY_KEY[header_key(h)][3]
            source = "yesno" if kind == "bool" else "studio" if kind == "studio" else "series" if h == "申报系列" else None
            if source:
                dv = DataValidation(type="list", formula1=refs[source], allow_blank=True)
                dv.error, dv.errorTitle = "请从列表中选择", "无效的值"
                ws.add_data_validation(dv)
                dv.add(f"{letter}2:{letter}1000")
    info = book.create_sheet(EXPLAIN_SHEET)
    info.append(["列", "怎么填", "依据（黄人社发〔2021〕12号条款）"])
    for h in dict.fromkeys(TEMPLATE_A + TEMPLATE_B):
        how, clause = EXPLAIN[h]
        info.append([h, how, clause])
    info.append([])
    info.append(["说明", "每个工作表第一行是表头，从第二行起每行一人；两个工作表分别对应两条贯通路径。"
                 "示例行（姓名后有“（示例，请删除本行）”）可以删除，不删除也不会当作人员读取。"
                 "文件只在您的电脑上读取，不会上传。结果仅供参考，以评审、评价部门的认定为准。", ""])
    for col, width in (("A", 20), ("B", 80), ("C", 24)):
        info.column_dimensions[col].width = width
    buf = io.BytesIO()
    book.save(buf)
    return _stable(buf.getvalue())


_STAMP = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)")


def _stable(xlsx: bytes) -> bytes:
    """The same template bytes on every run (the site serves it; a rebuild should not change it): the
    zip's dates and the document's created/modified stamps fixed (to the notice's year)."""
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(xlsx)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = _STAMP.sub(rb"\g<1>2021-01-01T00:00:00Z\g<2>", data)
            dst.writestr(zipfile.ZipInfo(info.filename, (2021, 1, 1, 0, 0, 0)), data, zipfile.ZIP_DEFLATED)
    return out.getvalue()


# --- the 推荐公示 draft (2.5.1.3) ----------------------------------------------------------------------------
def too_large(size: int | str) -> str:
    """Also the page's words for a file it refuses before sending it to the engine: its script gets
    ``too_large("{size}")`` at build time and puts the file's size (MB, one decimal) in."""
    shown = size if isinstance(size, str) else f"{size / 1e6:.1f}"
    return f"文件过大（{shown} MB，上限 {MAX_BYTES // 1_000_000} MB）：请把名单分成几个文件"


def posting_period(start: _dt.date, policy: Policy | None = None) -> tuple[_dt.date, _dt.date]:
    """The first and last day of a 5-working-day posting that starts on `start` (CalendarGap for a year the
    holiday calendar does not cover, as the wizard says), by the calendar with the policy's added years."""
    from .workdays import load_calendar, posting_end

    return start, posting_end(start, calendar=load_calendar(policy))


def notice_people(batch: Batch, picks: list | None = None) -> list[tuple[Row, str]]:
    """Who the draft lists, each with the level recommended: `picks` as [row index, level id] pairs (a
    level the row is eligible for), or by default every row eligible for a title (pathway A: 2.5.1.3 asks
    the employer to post its recommendations for 职称) at its highest level."""
    if picks is None:
        return [(r, r.result["highest"]) for r in batch.rows if r.result and r.result["direction"] == A and r.result["highest"]]
    people = []
    for pick in picks:
        try:
            index, level = int(pick[0]), str(pick[1])
            row = batch.rows[index]
        except (TypeError, ValueError, IndexError, KeyError):
            raise BatchError(f"推荐名单中有一项无法识别：{pick!r}") from None
        where = f"工作表“{row.sheet}”第 {row.number} 行"
        if index < 0 or not row.result or row.result["direction"] != A:
            raise BatchError(f"{where}不是申报职称的人选，不能列入推荐公示")
        status = row.result["levels"].get(level, {}).get("status")
        if status != "eligible":
            raise BatchError(f"{where}按现有信息不符合所选层级的申报条件，不能以该层级推荐")
        people.append((row, level))
    return people


def notice_html(batch: Batch, employer: str, start: _dt.date, policy: Policy | None = None,
                picks: list | None = None) -> str:
    """A printable A4 draft of the employer's 推荐公示: the people recommended (`notice_people`), each with
    the level, the number recommended, the posting period counted in working days, where objections go,
    fields to fill in."""
    import html

    from .clauses import cite
    from .policy import phone

    policy = policy or load_policy()
    first, last = posting_period(start, policy)
    names = {lv["id"]: lv["name"] for lv in policy.a_levels}
    people = notice_people(batch, picks)
    e = html.escape
    rows = "".join(f"<tr><td>{i}</td><td>{e(row_label(r, '姓名'))}</td><td>{e(row_label(r, '编号'))}</td>"
                   f"<td>{e(names[level])}</td><td>{e(str(r.answers.get('series', '') or ''))}</td></tr>"
                   for i, (r, level) in enumerate(people, start=1))
    office = policy.office("capacity")
    return f"""<!doctype html>
<html lang="zh-CN"><meta charset="utf-8"><title>{e(employer)}高技能人才申报专业技术职称推荐人选公示（草稿）</title>
<style>@page{{size:A4;margin:20mm 18mm}}body{{font:12pt/1.8 "Noto Serif CJK SC","SimSun",serif;max-width:174mm;margin:0 auto}}
h1{{font-size:18pt;text-align:center;margin:0 0 1em}}table{{border-collapse:collapse;width:100%;margin:.5em 0 1em}}
td,th{{border:1px solid #000;padding:2pt 6pt;text-align:center}}.blank{{display:inline-block;min-width:8em;border-bottom:1px solid #000}}
.sign{{text-align:right;margin-top:3em}}.basis{{font-size:9pt;color:#444;margin-top:2em}}.draft{{color:#a00;font-size:9pt}}</style>
<p class="draft">草稿：由“单位批量自测”生成，请核对名单、补全空白处后再公示。</p>
<h1>{e(employer)}<br>高技能人才申报专业技术职称推荐人选公示</h1>
<p>根据《关于进一步加强高技能人才与专业技术人才职业发展贯通的通知》（{e(policy.raw["data"]["notice"])}）和本单位推荐工作安排，\
经个人申报、单位考核，拟推荐以下 {len(people)} 名同志申报专业技术职称，现予公示。</p>
<table><thead><tr><th>序号</th><th>姓名</th><th>编号</th><th>拟申报层级</th><th>申报系列</th></tr></thead><tbody>{rows}</tbody></table>
<p>推荐人选数：{len(people)} 人。相关政策、推荐人选数、业绩材料、推荐程序和推荐结果已在本单位公开：<span class="blank"></span>（公开的地点或网址）。</p>
<p>公示期：{cn(first)}至{cn(last)}（不少于5个工作日）。</p>
<p>公示期间，对公示人选有异议的，请以书面形式向本单位反映：联系部门<span class="blank"></span>，\
联系人<span class="blank"></span>，电话<span class="blank"></span>。经公示无异议的，由本单位出具推荐意见，
报送{e(office["name"])}（电话 {e(phone(office))}）。</p>
<p class="sign">{e(employer)}（盖章）<br>{cn(first)}</p>
<p class="basis">依据：{e(policy.raw["data"]["notice"])} {e(cite("2.5.1.3"))}（2.5.1.3）：“用人单位推荐前，应将相关政策、\
推荐人选数、业绩材料、推荐程序和推荐结果等事项公开，推荐结果须在单位公示不少于5个工作日。”\
公示期按国家法定节假日和调休安排计算工作日。</p>
</html>
"""


# --- the command -------------------------------------------------------------------------------------------
def main(source: str | None, out: str | None, deadline: str | None, template_out: str | None,
         notice_out: str | None = None, employer: str | None = None, posting_start: str | None = None) -> int:
    import sys

    from .workdays import CalendarGap

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
        print("请给出要读取的 xlsx 或 csv 文件", file=sys.stderr)
        return 2
    if deadline:
        try:
            deadline = cell_date(deadline)
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
    return 0
