"""What the wizard's build modules share: where things are, the error a build stops with, content hashes,
filling a template's build constants, deterministic zips, and the Bundle they fill (bundle.build_bundle)."""

from __future__ import annotations

import hashlib
import io
import json
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path


REPO = Path(__file__).resolve().parents[2]

SRC = REPO / "wizard" / "src"

PYODIDE_DIR = REPO / "wizard" / "node_modules" / "pyodide"

OUT = "wizard"  # under the site directory

COMPRESSED_CACHE = PYODIDE_DIR.parent / ".guantong-compressed"

ZIP_DATE = (1980, 1, 1, 0, 0, 0)


class BundleError(RuntimeError):
    """The wizard cannot be built (the message says what to do)."""


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def short(data: bytes) -> str:
    return sha(data)[:12]


def deterministic_zip(entries: list[tuple[str, bytes]]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as zf:
        for name, data in entries:
            info = zipfile.ZipInfo(name, ZIP_DATE)
            info.external_attr = 0o644 << 16
            zf.writestr(info, data)
    return buf.getvalue()


def fill(template: str, placeholder: str, value) -> str:
    """Replace the one ``= PLACEHOLDER`` of a template (mentions in comments stay as they are; a minified
    bundle writes it ``=PLACEHOLDER``)."""
    slot = re.compile(r"=\s?" + re.escape(placeholder) + r"\b")
    if len(slot.findall(template)) != 1:
        raise BundleError(f"模板中应有且只有一处 = {placeholder}")
    data = json.dumps(value, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    return slot.sub(lambda _: f"= {data}", template)


@dataclass
class Bundle:
    """Everything the wizard adds to the site, built in memory from the sources (see module docstring)."""

    files: dict[str, bytes] = field(default_factory=dict)  # path under site/wizard/ → bytes
    copies: dict[str, Path] = field(default_factory=dict)  # path under site/wizard/ → file to copy
    script: str = ""  # assets/wizard.<hash>.js
    style: str = ""  # assets/wizard.<hash>.css
    engine_cache: str = ""
    engine_zip: str = ""  # engine/guantong.<hash>.zip
    lock_info: dict = field(default_factory=dict)  # the Pyodide lock's ``info``
    batch_zip: str = ""  # engine/batch.<hash>.zip
    batch_script: str = ""  # assets/batch.<hash>.js (the page 单位批量自测)
    staff_script: str = ""  # assets/staff.<hash>.js (the page 数据检查与预览)
    snapshot_cache: str = ""
    pyodide: dict[str, str] = field(default_factory=dict)  # Pyodide's file name → its path under site/wizard/
    needs: list = field(default_factory=list)  # engine_needs(): what the browser must support
    streamed: dict[str, str] = field(default_factory=dict)  # path under site/wizard/ → sha256
    start_script: str = ""  # wizard/src/start.js (inline in the page)
    care_script: str = ""  # wizard/src/care-head.js (inline in every page's head)
    care_button: str = ""  # the header's 关怀模式 switch (app/care.js)
    site_script: str = ""  # assets/site.<hash>.js (every page: app/site.js)
    calc_script: str = ""  # assets/posting-calc.<hash>.js (pathway A's page)
    preload_script: str = ""  # wizard/src/preload.js (inline, end of the head)
    build: dict = field(default_factory=dict)  # the page script's constants (app/build.js)
    sizes: dict[str, int] = field(default_factory=dict)

    @property
    def worker(self) -> str:
        """assets/worker.<hash>.mjs"""
        return next(name for name in self.files if name.startswith("assets/worker."))

    loader: str = ""  # assets/loader.<hash>.js (every page)

    @property
    def extra_javascript(self) -> str:
        """What every page loads: the small loader, which imports the wizard's script where it mounts."""
        return f"{OUT}/{self.loader}"

    @property
    def extra_css(self) -> str:
        return f"{OUT}/{self.style}"
