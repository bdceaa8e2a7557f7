"""What went wrong in a data file staff typed, said in Chinese with the fix (issue 33).

tomllib says where it stopped reading and why in a parser's words ("Invalid value", "Unclosed array"); a
科员 typing on a Chinese keyboard made one of a handful of slips: Chinese quotes, commas, brackets or an
equals sign where TOML needs the ASCII ones, a date as 2027-7-15 or 2027年7月15日, a date that does not
exist, a quote or a bracket left open, text without quotes. `explain` looks at the lines around where the
parser stopped and names the slip and the line it is on (1-based, as an editor numbers lines); a case it
does not know falls back to the parser's reason in Chinese. tests/cases/policy_slips.json holds each slip
and its message; the command and the staff page are both held to it.
"""

from __future__ import annotations

import datetime as _dt
import re

# tomllib's reasons in Chinese, for what no slip below explains.
PARSER_REASONS = {
    "Invalid statement": "无法识别的语句",
    "Invalid value": "无效的值",
    "Cannot overwrite a value": "同一个键写了两次",
    "Cannot declare": "同一个表写了两次",
    "Expected '=' after a key in a key/value pair": "键后面缺少“=”",
    "Unterminated string": "文字缺少结尾的引号",
    "Unclosed array": "列表缺少结尾的“]”",
    "Unclosed inline table": "内联表缺少结尾的“}”",
    "Escaped character is not a Unicode scalar value": "转义字符不是有效的 Unicode 字符",
    "Illegal character": "含有不允许的控制字符",
    "Expected newline or end of document after a statement": "一行只能写一条“键 = 值”",
    "Expected ']]' at the end of an array declaration": "表头要以“]]”结尾",
    "Expected ']' at the end of a table declaration": "表头要以“]”结尾",
    "Invalid date or datetime": "日期不存在",
}

# A Chinese keyboard's marks where TOML needs ASCII ones: mark → (what it is called, what to type).
WIDE_MARKS = {
    "“": ("中文引号“”", '英文引号 ""'),
    "”": ("中文引号“”", '英文引号 ""'),
    "‘": ("中文引号‘’", '英文引号 ""'),
    "’": ("中文引号‘’", '英文引号 ""'),
    "，": ("中文逗号“，”", "英文逗号 ,"),
    "＝": ("全角等号“＝”", "英文等号 ="),
    "【": ("中文方括号“【】”", "英文方括号 [ ]"),
    "】": ("中文方括号“【】”", "英文方括号 [ ]"),
    "［": ("全角方括号“［］”", "英文方括号 [ ]"),
    "］": ("全角方括号“［］”", "英文方括号 [ ]"),
    "＃": ("全角井号“＃”", "英文井号 #"),
    "\u3000": ("全角空格", "普通空格（或删去）"),
}
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"|\'[^\']*\'')
# A date as people write one: 2027-7-15, 2027/07/15, 2027.7.15, 2027年7月15日 (the staff forms read these too).
DATE_AS_TYPED = re.compile(r"(?<![\d\"])(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?![\d\"])")
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_TEXT = "\x01"  # stands for a quoted text in a line read as syntax


def _bare(line: str) -> str:
    """The line without its quoted text and its comment: what the parser reads as TOML syntax."""
    out = _STRING.sub(_TEXT, line)
    return out.split("#", 1)[0]


def _slip_on(line: str) -> str | None:
    """The slip on one line, in Chinese with its fix, or None."""
    bare = _bare(line)
    for mark, (name, fix) in WIDE_MARKS.items():
        if mark in bare:
            return f"用了{name}，请改成{fix}"
    date = DATE_AS_TYPED.search(bare)
    if date:
        y, m, d = (int(g) for g in date.groups())
        iso = f"{y:04d}-{m:02d}-{d:02d}"
        if not _ISO.match(date.group().strip()):
            return f"日期要写成 {iso}（年-月-日，月和日都写两位，不加引号）"
        try:
            _dt.date(y, m, d)
        except ValueError:
            return f"日期 {date.group().strip()} 不存在（{y}年{m}月没有{d}日），请照文件核对"
    if bare.count('"') % 2 or line.count('"') % 2:
        return '引号不成对：文字要写在一对英文引号 "…" 之间'
    key, eq, value = bare.partition("=")
    value = value.strip()
    if eq and not value:
        return "“=”后面缺少值"
    if eq and value and not re.match(r'^[\[{"\'0-9+\-\x01]|^(true|false|inf|nan)\b', value):
        return f'文字要加英文双引号，写成 {key.strip()} = "{value}"'
    if re.match(r"^\s*\[\[[^\]]*\](?!\])", bare):
        return "表头要写成 [[名称]]，两边各两个方括号"
    return None


def _open_bracket(lines: list[str], stop: int) -> int | None:
    """The line (1-based) where the list still open at line `stop` began."""
    depth, start = 0, None
    for number, line in enumerate(lines[:stop], start=1):
        bare = _bare(line)
        if depth == 0 and "[" in bare and "=" in bare:
            start = number
        depth += bare.count("[") - bare.count("]")
        if depth <= 0:
            depth, start = 0, None
    return start


def explain(text: str, message: str, line: int | None, column: int | None) -> tuple[int | None, str]:
    """(line, Chinese reason with the fix) for tomllib's `message` at `line`, `column` (1-based)."""
    lines = text.splitlines()
    reason = message.split(" (at")[0]
    if reason.startswith("Unclosed array"):
        start = _open_bracket(lines, line or len(lines))
        if start:
            for number in range(start, (line or len(lines)) + 1):
                slip = _slip_on(lines[number - 1]) if number <= len(lines) else None
                if slip and "逗号" in slip:
                    return number, slip
            return start, "列表缺少结尾的英文方括号 ]：列表写成 [项目, 项目]，以 [ 开始、以 ] 结束，各项之间用英文逗号隔开"
    if line and line <= len(lines):
        slip = _slip_on(lines[line - 1])
        if slip:
            return line, slip
    if reason.startswith("Cannot overwrite a value") and line and line <= len(lines):
        key = lines[line - 1].split("=", 1)[0].strip()
        return line, f"“{key}”在同一段里写了两次，请删去多余的一行"
    zh = next((z for en, z in PARSER_REASONS.items() if reason.startswith(en)), reason)
    where = f"第 {column} 列附近：" if column else ""
    return (
        line,
        f"不是有效的 TOML：{where}{zh}。常见原因：文字没有加英文引号、引号不成对、用了中文标点、日期不存在（如 2026-02-30）、同一个键写了两次",
    )
