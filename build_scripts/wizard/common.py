"""What the wizard's build modules share: where things are, the error a build stops with, content hashes,
filling a template's build constants, and deterministic zips."""

from __future__ import annotations

import hashlib
import io
import json
import re
import zipfile
from pathlib import Path


REPO = Path(__file__).resolve().parents[2]

SRC = REPO / "wizard" / "src"

PYODIDE_DIR = REPO / "wizard" / "node_modules" / "pyodide"

OUT = "wizard"                      # under the site directory

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
