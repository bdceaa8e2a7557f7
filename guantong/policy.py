"""Policy parameters (guantong/data/policy.toml), loaded once and indexed for the rules.

The rules never hard-code a value that lives in the data: thresholds, honour lists, studio tiers, series,
deadlines, offices and next steps all come from here.
"""

from __future__ import annotations

import datetime as _dt
import functools
import os
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from .slips import explain

DATA_DIR = Path(__file__).resolve().parent / "data"
POLICY_PATH = DATA_DIR / "policy.toml"

PATHWAYS = ("skill_to_title", "title_to_skill")
# An occupation's kind in the policy data (occupation[].kind): its name and the clause that treats it.
OCCUPATION_KINDS = {"entry": ("准入类", "2.5.2.1"), "level": ("水平评价类", "2.5.2.2")}

# Marks people type around names that do not change which honour is meant: every white-space character
# (what str.isspace() and re's \s call one), invisible characters (zero-width and the like; answers.md)
# and quote marks. Spelt out, so that the wizard's page
# (wizard/src/app/walker.js) drops exactly the same ones.
INVISIBLE_CHARS = "\u00ad\u180e\u200b\u200c\u200d\u2060\ufeff"  # soft hyphen, zero-width marks, BOM
NAME_NOISE_CHARS = "".join(chr(c) for c in range(0x3001) if chr(c).isspace()) + INVISIBLE_CHARS + "「」『』《》“”\"'‘’"
_NAME_NOISE = re.compile("[" + re.escape(NAME_NOISE_CHARS) + "]")


def normalise_name(name: str) -> str:
    """Compare names without spaces, quote marks or full-width/half-width differences."""
    name = name.translate(FULL_WIDTH)  # full-width ASCII → ASCII
    return _NAME_NOISE.sub("", name)


FULL_WIDTH = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}


class PolicyError(ValueError):
    """The policy data is not usable; the message (Chinese) names the file and the key."""


@dataclass(frozen=True)
class Policy:
    raw: dict
    path: str

    # --- ordered ids -------------------------------------------------------------------------------
    @functools.cached_property
    def skill_levels(self) -> list[dict]:
        return self.raw["skill_level"]

    @functools.cached_property
    def skill_ids(self) -> list[str]:
        return [s["id"] for s in self.skill_levels]

    @functools.cached_property
    def titles(self) -> list[dict]:
        return self.raw["title"]

    @functools.cached_property
    def title_ids(self) -> list[str]:
        return [t["id"] for t in self.titles]

    @functools.cached_property
    def a_levels(self) -> list[dict]:
        return self.raw["a_level"]

    @functools.cached_property
    def a_level_ids(self) -> list[str]:
        return [a["id"] for a in self.a_levels]

    @functools.cached_property
    def b_levels(self) -> list[dict]:
        return self.raw["b_level"]

    @functools.cached_property
    def b_level_ids(self) -> list[str]:
        return [b["id"] for b in self.b_levels]

    def level_ids(self, pathway: str) -> list[str]:
        return self.a_level_ids if pathway == "skill_to_title" else self.b_level_ids

    def level(self, pathway: str, level_id: str) -> dict:
        levels = self.a_levels if pathway == "skill_to_title" else self.b_levels
        return next(level for level in levels if level["id"] == level_id)

    # --- names ---------------------------------------------------------------------------------------
    def skill_name(self, skill_id: str) -> str:
        return next(s["name"] for s in self.skill_levels if s["id"] == skill_id)

    def title_name(self, title_id: str) -> str:
        return next(t["name"] for t in self.titles if t["id"] == title_id)

    # --- honours, studios, series -----------------------------------------------------------------------
    @functools.cached_property
    def honors(self) -> list[dict]:
        return self.raw.get("honor", [])

    @functools.cached_property
    def _honor_index(self) -> dict[str, dict]:
        index = {}
        for honor in self.honors:
            for name in [honor["name"], *honor.get("aliases", [])]:
                index[normalise_name(name)] = honor
        return index

    def find_honor(self, name: str) -> dict | None:
        """The listed honour this name means, or None for an honour not on the lists (A9)."""
        return self._honor_index.get(normalise_name(name))

    @functools.cached_property
    def studios(self) -> list[dict]:
        return self.raw["studio"]

    def studio(self, studio_id: str) -> dict | None:
        return next((s for s in self.studios if s["id"] == studio_id), None)

    @functools.cached_property
    def series(self) -> list[dict]:
        return self.raw["series"]

    @functools.cached_property
    def _series_index(self) -> dict[str, dict]:
        return {normalise_name(n).removesuffix("系列"): s for s in self.series for n in [s["name"], *s.get("aliases", [])]}

    def find_series(self, name: str) -> dict | None:
        """The series in scope this name means (its name or an alias, 系列 after it or not), or None (A3)."""
        return self._series_index.get(normalise_name(name).removesuffix("系列"))

    @functools.cached_property
    def _out_of_scope(self) -> frozenset[str]:
        return frozenset(normalise_name(n).removesuffix("系列") for n in self.raw.get("series_out_of_scope", {}).get("names", []))

    def series_out_of_scope(self, name: str) -> bool:
        """A national title series the notice does not open to high-skilled workers (A3)."""
        return normalise_name(name).removesuffix("系列") in self._out_of_scope

    # --- occupations (B4, B7) ---------------------------------------------------------------------------
    @functools.cached_property
    def occupations(self) -> list[dict]:
        return self.raw.get("occupation", [])

    def find_occupation(self, name: str) -> dict | None:
        key = normalise_name(name)
        for occupation in self.occupations:
            if key in {normalise_name(n) for n in [occupation["name"], *occupation.get("aliases", [])]}:
                return occupation
        return None

    # --- rounds (T1, T3) ----------------------------------------------------------------------------
    def rounds(self, pathway: str) -> list[dict]:
        """Published rounds of a pathway, by deadline; example rounds are never used."""
        real = [r for r in self.raw.get("round", []) if r["pathway"] == pathway and not r.get("example")]
        return sorted(real, key=lambda r: r["deadline"])

    def current_round(self, pathway: str, today: _dt.date) -> dict | None:
        """This year's round: the first whose deadline has not passed, else the year's last one."""
        this_year = [r for r in self.rounds(pathway) if r["year"] == today.year]
        upcoming = [r for r in this_year if r["deadline"] >= today]
        return (upcoming or this_year[-1:] or [None])[0]

    def round_counting(self, pathway: str, day: _dt.date) -> dict | None:
        """The first published round whose deadline is on or after `day` (where a late item counts)."""
        return next((r for r in self.rounds(pathway) if r["deadline"] >= day), None)

    # --- offices, steps ----------------------------------------------------------------------------
    def office(self, office_id: str) -> dict:
        return next(o for o in self.raw["office"] if o["id"] == office_id)

    def next_steps(self, pathway: str) -> list[dict]:
        return [s for s in self.raw.get("next_step", []) if s["pathway"] == pathway]

    @property
    def version(self) -> str:
        return self.raw["data"]["version"]


def phone(office: dict) -> str:
    """The number as dialled from outside Huangshi (E4): area code, then the number the notice prints."""
    return f"{office['area_code']}-{office['phone']}" if office.get("area_code") else office.get("phone", "")


POLICY_ENV = "GUANTONG_POLICY"  # the one place it is read: the engine, the site and the wizard's bundle ask here


def policy_override() -> Path | None:
    """$GUANTONG_POLICY (a staff preview of an edited copy, `guantong build --policy`), if set."""
    value = os.environ.get(POLICY_ENV)
    return Path(value).resolve() if value else None


def default_path() -> Path:
    """The policy file in use: $GUANTONG_POLICY, else the packaged one."""
    return policy_override() or POLICY_PATH


def load_policy(path: str | Path | None = None) -> Policy:
    """Load policy data; a file is read again only when it changes (`mkdocs serve` keeps running)."""
    path = Path(path) if path else default_path()
    try:
        stamp = path.stat().st_mtime_ns
    except OSError:
        stamp = None
    return _cached(path, stamp)


@functools.lru_cache(maxsize=8)
def _cached(path: Path, stamp: int | None) -> Policy:
    return _load(path)


class TomlError(PolicyError):
    """A policy or notice file that cannot be read as TOML; `line` is where, when known."""

    def __init__(self, message: str, line: int | None = None):
        super().__init__(message)
        self.line = line


def read_toml(path: str | Path) -> tuple[dict, str]:
    """A data file staff edit → (its tables, its text). UTF-8, a byte-order mark allowed (Notepad saves
    one); every failure is a TomlError in Chinese with the line where known, never a traceback."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise TomlError(f"无法读取（{exc.strerror or exc}）") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise TomlError(f"第 {line} 行有不是 UTF-8 编码的字节，请以 UTF-8 编码保存文件", line) from None
    try:
        return tomllib.loads(text), text
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
        line, reason = explain(text, str(exc), int(m.group(1)) if m else None, int(m.group(2)) if m else None)
        raise TomlError(reason, line) from None
    except ValueError:  # a number too long for Python to read (over 4300 digits)
        raise TomlError("不是有效的 TOML：有一个数字位数过多（超过 4300 位）") from None


def _load(path: Path) -> Policy:
    try:
        raw, _ = read_toml(path)
    except TomlError as exc:
        where = f"第 {exc.line} 行：" if exc.line else ""
        raise PolicyError(f"{path}：{where}{exc}") from None
    for key in ("data", "skill_level", "title", "a_level", "b_level", "studio", "series", "office"):
        if key not in raw:
            raise PolicyError(f"{path}：缺少必填的表 [{key}]")
    return Policy(raw=raw, path=str(path))
