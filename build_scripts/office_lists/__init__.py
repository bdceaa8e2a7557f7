"""Lists of people as office programs save them (made by make.py with LibreOffice, kept here): the tests
and the batch page's build read them."""

from pathlib import Path

HERE = Path(__file__).resolve().parent

FILES = {kind: HERE / f"名单.{kind}" for kind in ("xlsx", "xls", "et", "ods", "txt")} | {"xls1904": HERE / "1904.xls"}
