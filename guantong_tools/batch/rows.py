"""Rows into answers objects, and the batch decided by the engine's `evaluate` (batch.md, Columns)."""

from __future__ import annotations

import datetime as _dt
import functools
import re
from dataclasses import dataclass, field

from guantong.answers import AnswersError
from guantong.engine import evaluate
from guantong.flow import BY_ID as QUESTION
from guantong.policy import PATHWAYS, Policy, load_policy, normalise_name
from guantong.words import CONCLUSION, PATHWAY_SHEET, PATHWAY_TITLE

from .cells import CellError, as_written, cell_bool, cell_count, cell_date, cell_honors, cell_studio, cell_text
from .reading import HEADER_ROWS, BatchError, Sheet, header_key, read_file

A, B = PATHWAYS


MAX_ROWS = 20_000  # people in one file: more would keep a phone or an office PC busy for minutes


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

# The other spellings offices write for a column (batch.md): matched as the headers are, and after
# column_key's own evening-out (时间 → 日期 at the end, 三 → 3, a bracketed grade dropped), so that
# 高级工（三级）取得时间 and 近三年年度考核合格 need no entry here.
SPELLINGS = {
    "编号": ["工号", "人员编号"],  # not 序号: a list often has both (序号 stays an unused column)
    "申报方向": ["方向", "申报类别", "申报类型"],
    "受理截止日期": ["截止日期", "申报截止日期", "材料截止日期"],
    "弄虚作假记录": ["有无弄虚作假记录", "是否有弄虚作假记录", "弄虚作假"],
    "单位在黄石市": ["单位是否在黄石市", "单位在黄石", "工作单位在黄石市", "是否在黄石市工作"],
    "一线或技能岗位": ["是否一线或技能岗位", "生产一线或技能岗位", "一线技能岗位", "是否在生产一线或技能岗位"],
    "高级工取得日期": ["取得高级工日期", "高级工证书日期", "高级工发证日期", "三级取得日期"],
    "技师取得日期": ["取得技师日期", "技师证书日期", "技师发证日期", "二级取得日期"],
    "高级技师取得日期": ["取得高级技师日期", "高级技师证书日期", "高级技师发证日期", "一级取得日期"],
    "中断技能工作月数": ["未从事技能工作月数", "中断技术技能工作月数"],
    "荣誉": ["获得荣誉", "所获荣誉", "荣誉称号", "获奖情况"],
    "技能大师工作室": ["工作室", "技能大师工作室领办人", "工作室层级"],
    "工作室领办日期": ["领办日期", "工作室领办时间"],
    "申报系列": ["职称系列", "系列", "申报职称系列"],
    "专业与工种相同或相近": ["专业与工种对应", "申报专业与工种相同或相近", "专业与工种相同相近"],
    "近3年年度考核合格": ["年度考核合格", "近3年考核合格", "近3年年度考核", "年度考核"],
    "助理级取得日期": ["取得助理级日期", "助理级职称取得日期"],
    "中级取得日期": ["取得中级日期", "中级职称取得日期"],
    "副高级取得日期": ["取得副高级日期", "副高级职称取得日期", "副高取得日期"],
    "正高级取得日期": ["取得正高级日期", "正高级职称取得日期", "正高取得日期"],
    "从事技术技能岗位": ["是否从事技术技能岗位", "技术技能岗位"],
    "申报职业(工种)": ["申报职业", "申报工种", "职业(工种)", "工种"],
    "职业与岗位对应": ["职业与现岗位对应", "申报职业与岗位对应"],
    "参加本职业工作日期": ["从事本职业日期", "本职业工作起始日期", "从事本职业工作日期"],
    "累计工作年限": ["工作年限", "累计年限", "本职业工作年限"],
    "中断工作月数": ["未从事本职业工作月数"],
    "高级工年限要求": ["高级工申报年限要求"],
    "技师年限要求": ["技师申报年限要求"],
    "高级技师年限要求": ["高级技师申报年限要求"],
    "相关专业毕业": ["是否相关专业毕业", "所学专业与职业相关"],
}

# The list-like answers and their columns (batch.md: an empty cell means none only with the whole group).
GROUPS = {key: [h for h, spec in COLUMNS.items() if spec[0] == key] for key in ("skill_levels", "titles", "honors")}

NOT_A_PERSON = {"姓名", "编号", "申报方向", "受理截止日期"}  # cells that alone do not make a row a person

# Columns whose absence is not worth a line in the summary: labels, the pathway (said elsewhere), and answers whose absence never leaves a level open (months out: none; the year table; a
# next step only). The years' requirements are named: without them a level may wait on the standard.
QUIET = {"编号", "申报方向", "中断技能工作月数", "工作室领办日期", "中断工作月数", "相关专业毕业"}


@functools.lru_cache(maxsize=4096)
def column_key(text) -> str:
    """A header evened out as offices vary it: header_key's spaces and brackets, 时间 for 日期 at the end,
    三 for 3, and a bracketed grade after a level's name dropped (高级工（三级）)."""
    key = header_key(text)
    key = re.sub("时间$", "日期", key).replace("三年", "3年")
    return re.sub(r"\((三级|二级|一级)\)", "", key)


BY_KEY = {column_key(spelling): (h, *spec) for h, spec in COLUMNS.items() for spelling in [h, *SPELLINGS.get(h, [])]}

SHEET_PATHWAY = {sheet: p for p, sheet in PATHWAY_SHEET.items()}


# 申报方向's words (batch.md): 职称 / 技能等级, the wizard's two labels, the sheets' and the pathways' names.
DIRECTIONS = {
    "职称": A,
    "技能等级": B,
    A: A,
    B: B,
    **SHEET_PATHWAY,
    **{t: p for p, t in PATHWAY_TITLE.items()},
    **{label: p for p, label in QUESTION["direction"].options},
}


@dataclass
class Row:
    sheet: str
    number: int
    cells: dict  # header as written → value
    answers: dict | None = None
    result: dict | None = None
    error: str = ""


@functools.cache
def _directions() -> dict:
    return {normalise_name(k): v for k, v in DIRECTIONS.items()}


def column(header: str) -> str | None:
    """The COLUMNS header a header as written stands for (any spelling of SPELLINGS), or None."""
    spec = BY_KEY.get(column_key(header))
    return spec[0] if spec else None


def label(sheet: Sheet, cells: list, header: str):
    """The cell under ``header`` (姓名, 编号) however the header is written (spaces, brackets, 工号)."""
    i = next((i for i, h in enumerate(sheet.headers) if column(h) == header), None)
    return cells[i] if i is not None and i < len(cells) else None


def row_label(row: Row, header: str) -> str:
    """A row's 姓名 or 编号 as text, whatever spelling its header has: for the page's table and the draft."""
    return cell_text(as_written(next((v for h, v in row.cells.items() if column(h) == header), None)), half=False)


def put_answer(answers: dict, key: str, kind: str, extra, value, policy: Policy) -> None:
    """One cell's value into the row's answers, by its column's kind (COLUMNS); CellError for a cell that
    cannot be read. 不确定 in a yes/no cell leaves the question unanswered."""
    if kind == "date":
        answers["__studio_date" if key == "studio.date" else key] = cell_date(value, full=key == "deadline")
    elif kind == "bool":
        yes = cell_bool(value)
        if yes is not None:
            answers[key] = yes
    elif kind == "count":
        answers[key] = cell_count(value)
    elif kind in ("dated", "years"):
        answers.setdefault(key, {})[extra] = cell_date(value) if kind == "dated" else cell_count(value)
    elif kind == "honors":
        answers[key] = cell_honors(value)
    elif kind == "studio":
        answers[key] = cell_studio(value, policy)
    elif kind == "text":
        answers[key] = cell_text(value, half=False)


def row_answers(sheet: Sheet, number: int, cells: list, policy: Policy, deadline: str | None) -> Row:
    """One row → its answers object; a cell it cannot use makes the row an error naming sheet, row, header."""
    by_header = {h: (cells[i] if i < len(cells) else None) for i, h in enumerate(sheet.headers) if h}
    row = Row(sheet.name, number, by_header)
    known = {h: BY_KEY[column_key(h)] for h in by_header if column_key(h) in BY_KEY}
    direction_cell = next((v for h, v in by_header.items() if h in known and known[h][1] == "direction"), None)
    text = cell_text(direction_cell)
    if text:
        directions = _directions()
        if normalise_name(text) not in directions:
            row.error = f"工作表“{sheet.name}”第 {number} 行“申报方向”：“{text}”应为 职称 或 技能等级"
            return row
        pathway = directions[normalise_name(text)]
    else:
        pathway = SHEET_PATHWAY.get(sheet.name.strip())
        if pathway is None:
            raise BatchError(
                f"工作表“{sheet.name}”第 {number} 行没有申报方向：请填写“申报方向”列（职称 或 技能等级），"
                f"或把工作表命名为“{PATHWAY_SHEET[A]}”或“{PATHWAY_SHEET[B]}”"
            )
    answers: dict = {"direction": pathway}
    # A list-like group's empty cells mean none only where the sheet has every column of the group
    # (batch.md): a missing or misspelt 高级工 column must never read as "has no 高级工".
    present = {spec[0] for spec in known.values()}
    for key, group in GROUPS.items():
        if COLUMNS[group[0]][1] == pathway and set(group) <= present:
            answers[key] = [] if key == "honors" else {}
    if not cell_text(next((v for h, v in by_header.items() if h in known and known[h][0] == "姓名"), None)):
        row.error = f"工作表“{sheet.name}”第 {number} 行：这一行填了内容，但没有填写“姓名”"
        return row
    for header, value in by_header.items():
        if header not in known:
            continue
        _, key, side, kind, extra = known[header]
        if side not in (None, pathway) or kind in ("label", "direction"):
            continue
        if value is None or cell_text(value) == "":
            continue
        try:
            put_answer(answers, key, kind, extra, value, policy)
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


@dataclass
class Batch:
    sheets: list[Sheet]
    rows: list[Row]
    hidden: list[str]
    source: str  # what the file was: "xlsx" | "xls" | "ods" (workbooks of sheets) | "csv" (text)
    examples: int = 0  # the template's example rows, skipped
    uncached: int = 0  # formula cells read as their text (no value cached)
    skipped: list = field(default_factory=list)  # (sheet, row) of rows with no answers cell: not people

    def counts(self) -> dict:
        """{conclusion id: rows}, in CONCLUSION's order."""
        out = dict.fromkeys(CONCLUSION, 0)
        for row in self.rows:
            out[conclusion_group(row)] += 1
        return out

    def summary(self) -> str:
        """The counts (batch.md's line), then what was read differently from a plain list, each in （）."""
        counts = "，".join(f"{CONCLUSION[g]} {n}" for g, n in self.counts().items())
        line = f"共 {len(self.rows)} 行：{counts}"
        for sheet in self.sheets:
            if sheet.header_row > 1:
                where = f"工作表“{sheet.name}”" if self.source != "csv" else "文件"
                line += f"（{where}的表头在第 {sheet.header_row} 行，上面的 {sheet.header_row - 1} 行未作为人员读取）"
        if self.examples:
            line += f"（跳过模板的示例行 {self.examples} 行）"
        if self.skipped:
            several = len(self.sheets) > 1
            where = "、".join(f"{s}第 {n} 行" if several else f"第 {n} 行" for s, n in self.skipped[:8])
            more = f"等 {len(self.skipped)} 行" if len(self.skipped) > 8 else ""
            line += f"（跳过没有填写任何申报情况的 {len(self.skipped)} 行，如空行、合计、填表人：{where}{more}）"
        if self.uncached:
            line += f"（{self.uncached} 个公式单元格没有保存计算结果，按公式文本读取）"
        if self.hidden:
            line += f"（未读取隐藏的工作表：{'、'.join(self.hidden)}）"
        return line

    def columns(self) -> list[str]:
        """For each sheet, the columns taken (under their headers as written), the headers not used, and
        the answers columns it lacks, whose questions are then unanswered (batch.md): one line each."""
        lines = []
        for sheet in self.sheets:
            where = f"工作表“{sheet.name}”" if self.source != "csv" else "文件"
            mine = [r for r in self.rows if r.sheet == sheet.name and r.answers]
            pathways = {r.answers["direction"] for r in mine}
            headers = [h for h in sheet.headers if h and h.strip()]
            taken = [h if header_key(h) == header_key(column(h)) else f"{h}（即“{column(h)}”）" for h in headers if column(h)]
            unused = [h for h in headers if not column(h)]
            present = {column(h) for h in headers}
            if mine and all("deadline" in r.answers for r in mine):  # the batch-wide deadline fills it
                present.add("受理截止日期")
            lacking = [
                h
                for h, spec in COLUMNS.items()
                if h not in present and h not in QUIET and spec[2] != "label" and spec[1] in (None, *pathways)
            ]
            lines.append(f"{where}读取的列：{'、'.join(taken)}")
            if unused:
                lines.append(f"{where}未使用的列（不是本工具认识的表头，原样保留）：{'、'.join(unused)}")
            if lacking:
                lines.append(f"{where}缺少的列（这些问题按未回答处理，结论可能因此为待定，而不是不符合）：{'、'.join(lacking)}")
        return lines


def conclusion_group(row: Row) -> str:
    """The row's conclusion id (CONCLUSION): eligible for some level, else undetermined for some, else
    not eligible; error where it could not be decided."""
    if row.error or not row.result:
        return "error"
    if row.result["highest"]:
        return "eligible"
    if any(lv["status"] == "undetermined" for lv in row.result["levels"].values()):
        return "undetermined"
    return "not_eligible"


def open_file(data: bytes, filename: str, deadline: str | None = None, policy: Policy | None = None, progress=None) -> Batch:
    """Read a file into rows with their answers, none decided yet (`decide` does that, in parts if need be,
    so that a page can show its progress; `progress(stage, done, total)` hears how far an xlsx is read and
    its rows turned into answers). Raises BatchError for a file that is not a spreadsheet of people."""
    policy = policy or load_policy()
    if not data:
        raise BatchError("文件是空的")
    sheets, hidden, uncached, source = read_file(data, filename, progress)
    # Decision (batch.md is silent): the template's own 填写说明 sheet lists the headers, 姓名 among them,
    # within its first rows; it is not a list of people.
    people = [s for s in sheets if s.name != EXPLAIN_SHEET and any(header_key(h) == "姓名" for h in s.headers)]
    if not people:
        names = "、".join(s.name for s in sheets) or "（无）"
        raise BatchError(f"没有找到“姓名”列：表头应在前 {HEADER_ROWS} 行之内，其中一列为“姓名”（读取的工作表：{names}）")
    for sheet in people:
        seen = {}
        for h in sheet.headers:
            key = column(h) or header_key(h)
            if h and key in seen:
                same = f"“{h}”出现了两次" if header_key(seen[key]) == header_key(h) else f"“{seen[key]}”和“{h}”是同一列（{key}）"
                raise BatchError(f"工作表“{sheet.name}”的表头{same}，请删去或改名其中一列")
            seen[key] = h
        if source == "csv" and "申报方向" not in seen:
            raise BatchError("CSV 或文本文件须有“申报方向”列（职称 或 技能等级）")
    # A person's row has a cell under an answers column (batch.md); a row with none (an empty numbered
    # row, 合计, 填表人, a note) is skipped and counted. The pathway and the deadline alone make no person.
    filled, skipped = [], []
    for sheet in people:
        answering = [i for i, h in enumerate(sheet.headers) if column(h) and column(h) not in NOT_A_PERSON]
        for number, cells in sheet.rows:
            if any(cell_text(cells[i]) for i in answering if i < len(cells)):
                filled.append((sheet, number, cells))
            elif any(cell_text(c) for c in cells):
                skipped.append((sheet.name, number))
    # The template's example rows (张三（示例，请删除本行）) when they were not deleted: not people.
    examples = [(sheet, number) for sheet, number, cells in filled if EXAMPLE_MARK in cell_text(label(sheet, cells, "姓名"), half=False)]
    filled = [(sheet, number, cells) for sheet, number, cells in filled if (sheet, number) not in examples]
    if len(filled) > MAX_ROWS:
        raise BatchError(f"人数过多（{len(filled)} 行，一次最多 {MAX_ROWS} 行）：请把名单分成几个文件")
    rows = []
    for i, (sheet, number, cells) in enumerate(filled):
        if progress and i % 500 == 0:
            progress("prepare", i, len(filled))
        rows.append(row_answers(sheet, number, cells, policy, deadline))
    return Batch(people, rows, hidden, source, examples=len(examples), uncached=uncached, skipped=skipped)


def decide(batch: Batch, start: int = 0, stop: int | None = None, policy: Policy | None = None, today: _dt.date | None = None) -> int:
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


def read(data: bytes, filename: str, deadline: str | None = None, policy: Policy | None = None, today: _dt.date | None = None) -> Batch:
    """Read and decide a whole file. Raises BatchError for a file that is not a spreadsheet of people."""
    policy = policy or load_policy()
    batch = open_file(data, filename, deadline, policy)
    decide(batch, policy=policy, today=today)
    return batch


EXAMPLE_MARK = "（示例，请删除本行）"  # a row whose 姓名 carries it is the template's example: skipped

EXPLAIN_SHEET = "填写说明"  # the template's sheet that explains the columns: never people
