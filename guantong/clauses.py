"""黄人社发〔2021〕12号的条款树：读取 ``data/notice.toml``，提供锚点、上下级和引用写法。

只用标准库（也在 Pyodide 里运行）。

- ``load_notice(path=None)``：读入并校验数据，返回 ``Notice``（``meta`` 字典、``clauses`` 按原件顺序的
  id → ``Clause`` 字典）。默认路径的结果会缓存；数据有误时抛出 ``NoticeError``（中文说明，指出文件和键）。
- ``anchor("2.4.1.2")`` → ``"c-2-4-1-2"``：页面锚点，"c-" 加上把点换成连字符的 id，稳定不变。
- ``exists(id)``、``children(id)``、``ancestors(id)``。
- ``cite(id)``：条款的中文引用写法，见下。

引用写法（``cite``）：按层级写成“第…部分第…条第…款第…项”，序号照原件：
第一层“一、”写作“第一部分”，第二层“（四）”写作“第（四）条”，第三层“1.”写作“第1款”，
第四层“（2）”写作“第（2）项”。例如 ``cite("2.4.1.2")`` → ``"第二部分第（四）条第1款第（2）项"``，
``cite("2.1")`` → ``"第二部分第（一）条"``。原件结尾没有序号的一段（id ``4``）写作 ``"正文末段"``。
"""

from __future__ import annotations

import datetime as _dt
import functools
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn
from collections.abc import Iterator

__all__ = [
    "Clause",
    "Notice",
    "NoticeError",
    "META_BEFORE_CLAUSES",
    "META_AFTER_CLAUSES",
    "load_notice",
    "anchor",
    "exists",
    "children",
    "ancestors",
    "cite",
]

DATA_FILE = "notice.toml"

#: [meta] 中照原件印出、位于条款之前的字段（按原件顺序）。
META_BEFORE_CLAUSES = ("masthead", "doc_number", "title", "addressees", "preamble")
#: [meta] 中照原件印出、位于条款之后的字段。
META_AFTER_CLAUSES = ("signoff",)

#: 无序号条款（原件结尾一段）的引用写法。
UNNUMBERED_CITATION = "正文末段"

_CLAUSE_KEYS_REQUIRED = ("id", "label", "heading", "text", "summary")
_CLAUSE_KEYS_OPTIONAL = ("heading_printed",)
_ID_RE = re.compile(r"^[1-9][0-9]*(?:\.[1-9][0-9]*)*$")

_CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}

# 各层序号的形式：(正则, 数字类型, 说明)
_LABEL_FORMS = {
    1: (re.compile(r"^([一二三四五六七八九十]+)、$"), "cn", "“一、”"),
    2: (re.compile(r"^（([一二三四五六七八九十]+)）$"), "cn", "“（一）”（全角括号）"),
    3: (re.compile(r"^([1-9][0-9]*)\.$"), "arabic", "“1.”"),
    4: (re.compile(r"^（([1-9][0-9]*)）$"), "arabic", "“（1）”（全角括号）"),
}


class NoticeError(ValueError):
    """条款数据文件有误（缺键、重复 id、上级缺失、序号与 id 不符等）。消息为中文，指明文件和键。"""


@dataclass(frozen=True)
class Clause:
    """通知的一个条款。``parent`` 为上级条款 id，第一层为 ``None``。"""

    id: str
    label: str
    heading: str
    heading_printed: bool
    text: str
    summary: str
    parent: str | None

    @property
    def depth(self) -> int:
        """层级：第一层（一、）为 1。"""
        return self.id.count(".") + 1

    @property
    def anchor(self) -> str:
        return anchor_for(self.id)

    @property
    def paragraphs(self) -> tuple[str, ...]:
        """正文各段（空行分段）。"""
        return tuple(p.strip() for p in re.split(r"\n\s*\n", self.text) if p.strip())

    @property
    def printed(self) -> str:
        """本条款在原件中的印法（不含下级条款）：序号 + 小标题 + “。” + 正文。"""
        head = self.label + (self.heading if self.heading_printed else "")
        if self.heading_printed and self.text:
            return head + "。" + self.text
        return head + self.text


@dataclass(frozen=True)
class Notice:
    """读入的通知：``meta`` 为印发信息，``clauses`` 为按原件顺序的 id → Clause。"""

    meta: dict[str, Any]
    clauses: dict[str, Clause]
    source: str

    def __contains__(self, clause_id: object) -> bool:
        return clause_id in self.clauses

    def __iter__(self) -> Iterator[Clause]:
        return iter(self.clauses.values())

    def get(self, clause_id: str) -> Clause:
        try:
            return self.clauses[clause_id]
        except KeyError:
            raise KeyError(f"通知中没有编号为 “{clause_id}” 的条款") from None

    def exists(self, clause_id: str) -> bool:
        return clause_id in self.clauses

    def anchor(self, clause_id: str) -> str:
        return self.get(clause_id).anchor

    def children(self, clause_id: str | None) -> tuple[Clause, ...]:
        """直接下级条款，按原件顺序；``None`` 给出第一层条款。"""
        if clause_id is not None:
            self.get(clause_id)
        return tuple(c for c in self.clauses.values() if c.parent == clause_id)

    def ancestors(self, clause_id: str) -> tuple[Clause, ...]:
        """上级条款，从第一层到直接上级（不含本条）。"""
        out: list[Clause] = []
        parent = self.get(clause_id).parent
        while parent is not None:
            clause = self.clauses[parent]
            out.append(clause)
            parent = clause.parent
        return tuple(reversed(out))

    def cite(self, clause_id: str) -> str:
        """中文引用写法，如 “第二部分第（四）条第1款第（2）项”（见模块说明）。"""
        chain = (*self.ancestors(clause_id), self.get(clause_id))
        parts: list[str] = []
        for clause in chain:
            if not clause.label:
                parts.append(UNNUMBERED_CITATION)
            elif clause.depth == 1:
                parts.append(f"第{clause.label.rstrip('、')}部分")
            elif clause.depth == 2:
                parts.append(f"第{clause.label}条")
            elif clause.depth == 3:
                parts.append(f"第{clause.label.rstrip('.')}款")
            else:
                parts.append(f"第{clause.label}项")
        return "".join(parts)

    def printed_text(self) -> str:
        """按原件顺序还原的全文（已修复抽取问题），段与段之间空一行。"""
        pieces = [str(self.meta[k]) for k in META_BEFORE_CLAUSES]
        pieces += [c.printed for c in self.clauses.values()]
        pieces += [str(self.meta[k]) for k in META_AFTER_CLAUSES]
        return "\n\n".join(pieces)


def anchor_for(clause_id: str) -> str:
    """由 id 得出锚点（不查条款是否存在）。"""
    return "c-" + clause_id.replace(".", "-")


# ---------------------------------------------------------------------------
# 读取与校验


def _default_source() -> tuple[str, bytes]:
    """找到随包附带的数据文件；先用 importlib.resources，再退回到本文件旁的路径。"""
    try:
        from importlib import resources

        ref = resources.files(__package__ or "guantong").joinpath("data").joinpath(DATA_FILE)
        return str(ref), ref.read_bytes()
    except Exception:  # noqa: BLE001 - no package resources here (a namespace package, a reader without them)
        path = Path(__file__).resolve().parent / "data" / DATA_FILE
        try:
            return str(path), path.read_bytes()
        except OSError as exc:
            raise NoticeError(f"找不到条款数据文件 {path}（{exc}）") from exc


def _cn_number(text: str) -> int:
    """一 … 九十九。"""
    if text == "十":
        return 10
    if "十" in text:
        tens, _, ones = text.partition("十")
        value = (_CN_DIGITS[tens] if tens else 1) * 10
        return value + (_CN_DIGITS[ones] if ones else 0)
    if len(text) != 1:
        raise KeyError(text)
    return _CN_DIGITS[text]


def _label_number(label: str, depth: int) -> int | None:
    """序号中的数字；形式不对时返回 None。"""
    form = _LABEL_FORMS.get(depth)
    if form is None:
        return None
    regex, kind, _ = form
    m = regex.match(label)
    if not m:
        return None
    if kind == "arabic":
        return int(m.group(1))
    try:
        return _cn_number(m.group(1))
    except KeyError:
        return None


def _parse(source: str, raw: bytes) -> Notice:
    name = source

    def fail(message: str) -> NoReturn:
        raise NoticeError(f"{name}：{message}")

    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        fail(f"不是 UTF-8 编码（{exc}）")
    except tomllib.TOMLDecodeError as exc:
        fail(f"不是有效的 TOML（{exc}）")

    unknown_top = set(data) - {"meta", "clause"}
    if unknown_top:
        fail(f"有未知的顶层键 {sorted(unknown_top)}，只应有 [meta] 和 [[clause]]")

    # [meta]
    meta = data.get("meta")
    if not isinstance(meta, dict):
        fail("缺少 [meta] 表")
    for key in (*META_BEFORE_CLAUSES, *META_AFTER_CLAUSES, "issuer", "issued_by"):
        value = meta.get(key)
        if value is None:
            fail(f"[meta] 缺少键 “{key}”")
        if not isinstance(value, str) or not value.strip():
            fail(f"[meta] 的 “{key}” 应为非空字符串")
    issued = meta.get("issued")
    if issued is None:
        fail("[meta] 缺少键 “issued”")
    if not isinstance(issued, _dt.date) or isinstance(issued, _dt.datetime):
        fail("[meta] 的 “issued” 应为日期，如 2021-06-02")

    # [[clause]]
    entries = data.get("clause")
    if not isinstance(entries, list) or not entries:
        fail("缺少 [[clause]] 条款数组")

    clauses: dict[str, Clause] = {}
    position: dict[str, int] = {}
    last_child: dict[str | None, int] = {}
    for i, entry in enumerate(entries):
        where = f"第 {i + 1} 个 [[clause]]"
        if not isinstance(entry, dict):
            fail(f"{where} 应为表")
        cid = entry.get("id")
        if isinstance(cid, str):
            where += f"（id = “{cid}”）"
        for key in _CLAUSE_KEYS_REQUIRED:
            if key not in entry:
                fail(f"{where} 缺少键 “{key}”")
            if not isinstance(entry[key], str):
                fail(f"{where} 的 “{key}” 应为字符串")
        unknown = set(entry) - set(_CLAUSE_KEYS_REQUIRED) - set(_CLAUSE_KEYS_OPTIONAL)
        if unknown:
            fail(f"{where} 有未知的键 {sorted(unknown)}")
        heading_printed = entry.get("heading_printed", True)
        if not isinstance(heading_printed, bool):
            fail(f"{where} 的 “heading_printed” 应为 true 或 false")

        if not _ID_RE.match(cid):
            fail(f"{where} 的 “id” 格式不对，应为用点分隔的正整数，如 “2.4.1.2”")
        if cid in clauses:
            fail(f"{where} 的 “id” 与第 {position[cid] + 1} 个 [[clause]] 重复")

        numbers = [int(n) for n in cid.split(".")]
        parent = ".".join(cid.split(".")[:-1]) or None
        if parent is not None and parent not in clauses:
            fail(f"{where} 的上级条款 “{parent}” 不存在（或排在它后面）")
        expected = last_child.get(parent, 0) + 1
        if numbers[-1] != expected:
            fail(f"{where} 的 “id” 编号不连续：按原件顺序此处应为第 {expected} 个同级条款")
        last_child[parent] = numbers[-1]

        label = entry["label"]
        depth = len(numbers)
        if depth not in _LABEL_FORMS:
            fail(f"{where} 层级过深：通知最多四层（如 2.4.1.2）")
        if label == "":
            if depth != 1 or heading_printed:
                fail(f"{where} 的 “label” 为空：只有原件无序号的第一层段落可以不写序号，且应写 heading_printed = false")
        else:
            number = _label_number(label, depth)
            if number is None:
                fail(f"{where} 的 “label” “{label}” 形式不对：第 {depth} 层应为 {_LABEL_FORMS[depth][2]} 形式")
            if number != numbers[-1]:
                fail(f"{where} 的 “label” “{label}” 与 id 的编号 {numbers[-1]} 不符")
        if not entry["heading"].strip():
            fail(f"{where} 的 “heading” 不能为空")
        if not entry["summary"].strip():
            fail(f"{where} 的 “summary” 不能为空")

        clauses[cid] = Clause(
            id=cid,
            label=label,
            heading=entry["heading"],
            heading_printed=heading_printed,
            text=entry["text"].strip(),
            summary=entry["summary"],
            parent=parent,
        )
        position[cid] = i

    parents = {c.parent for c in clauses.values()}
    for cid, clause in clauses.items():
        if not clause.text and cid not in parents:
            fail(f"条款 “{cid}” 的 “text” 为空，但它没有下级条款")
        if not clause.text and not clause.heading_printed:
            fail(f"条款 “{cid}” 既无正文，又无原件小标题")

    return Notice(meta=dict(meta), clauses=clauses, source=source)


@functools.lru_cache(maxsize=1)
def _load_default() -> Notice:
    return _parse(*_default_source())


def load_notice(path: str | Path | None = None) -> Notice:
    """读入条款数据。不给 ``path`` 时读随包附带的 ``data/notice.toml``（结果缓存）。"""
    if path is None:
        return _load_default()
    p = Path(path)
    try:
        raw = p.read_bytes()
    except OSError as exc:
        raise NoticeError(f"{p}：无法读取条款数据文件（{exc}）") from exc
    return _parse(str(p), raw)


# ---------------------------------------------------------------------------
# 以默认数据为准的便捷函数


def anchor(clause_id: str) -> str:
    """稳定的页面锚点："c-" + id（点换成连字符），如 "2.4.1.2" → "c-2-4-1-2"。条款不存在时抛 KeyError。"""
    return load_notice().anchor(clause_id)


def exists(clause_id: str) -> bool:
    return load_notice().exists(clause_id)


def children(clause_id: str | None) -> tuple[Clause, ...]:
    return load_notice().children(clause_id)


def ancestors(clause_id: str) -> tuple[Clause, ...]:
    return load_notice().ancestors(clause_id)


def cite(clause_id: str) -> str:
    return load_notice().cite(clause_id)
