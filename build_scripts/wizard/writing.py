"""Writing the bundle into a built site: its files with their brotli and gzip twins, the wizard page's
parts, and the service worker with what it precaches (the wizard, and the pages it links to, offline)."""

from __future__ import annotations

import gzip
import hashlib
import html.parser
import os
import posixpath
import shutil
import tempfile
from pathlib import Path

from build_scripts.wizard.common import COMPRESSED_CACHE, OUT, SRC, Bundle, BundleError, fill, sha
from build_scripts.wizard.scripts import add_page_parts
from build_scripts.wizard.zips import BATCH_TEMPLATE


GZIP_SUFFIXES = (".wasm", ".mjs", ".js", ".css", ".json", ".zip")

SITE_SUFFIXES = (".html", ".css", ".js", ".json", ".xml", ".svg")

GZIP_MIN_BYTES = 2048


# --- writing into the built site ------------------------------------------------------------------------
class _Assets(html.parser.HTMLParser):
    """Same-site stylesheets, scripts and icons referenced by a page."""

    def __init__(self):
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "script" and a.get("src"):
            self.urls.append(a["src"])
        elif tag == "link" and a.get("href"):
            rel = (a.get("rel") or "").lower().split()
            if {"stylesheet", "icon", "modulepreload", "manifest", "apple-touch-icon"} & set(rel):
                self.urls.append(a["href"])


def page_assets(site_dir: Path, page: str) -> list[str]:
    """Site-relative paths of the same-site assets of ``page`` (e.g. "wizard/index.html")."""
    parser = _Assets()
    parser.feed((site_dir / page).read_text(encoding="utf-8"))
    base = posixpath.dirname(page)
    found = []
    for url in parser.urls:
        if "://" in url or url.startswith(("//", "data:", "blob:")):
            continue
        path = url.split("#", 1)[0].split("?", 1)[0]
        rel = posixpath.normpath(path.lstrip("/") if path.startswith("/") else posixpath.join(base, path))
        if not rel.startswith("..") and (site_dir / rel).is_file() and rel not in found:
            found.append(rel)
    return found


def _compressed(data: bytes, coding: str) -> bytes:
    if coding == "gz":
        return gzip.compress(data, compresslevel=9, mtime=0)
    import brotli  # the `site` extra (pyproject.toml)

    return brotli.compress(data, quality=11, lgwin=24)


def compressed(data: bytes, coding: str) -> bytes:
    """``data`` gzipped or brotli-compressed at the best level; large results are cached by content hash."""
    if len(data) < 200_000:
        return _compressed(data, coding)
    cached = COMPRESSED_CACHE / f"{sha(data)}.{coding}"
    if cached.is_file():
        return cached.read_bytes()
    packed = _compressed(data, coding)
    COMPRESSED_CACHE.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=COMPRESSED_CACHE, delete=False) as tmp:
        tmp.write(packed)
    os.replace(tmp.name, cached)
    return packed


def wire_sizes(data: bytes) -> dict[str, int]:
    """What ``data`` weighs as served: its brotli and gzip twins where compressed_twins writes them."""
    out = {}
    for coding in ("br", "gz"):
        packed = compressed(data, coding) if len(data) >= GZIP_MIN_BYTES else data
        out[coding] = len(packed) if len(packed) < len(data) * 0.9 else len(data)
    return out


def compressed_twins(path: Path) -> None:
    """``FILE.br`` and ``FILE.gz`` beside ``FILE`` when they are worth it (at least 10 % smaller)."""
    data = path.read_bytes()
    for coding in ("br", "gz"):
        packed = compressed(data, coding)
        if len(packed) < len(data) * 0.9:
            path.with_name(f"{path.name}.{coding}").write_bytes(packed)


#: Pages kept offline after one wizard visit (with everything they load), besides the wizard's own.
OFFLINE_PAGES = (
    "index.html",
    "policy/index.html",
    "pathway-a/index.html",
    "pathway-b/index.html",
    "faq/index.html",
    "glossary/index.html",
    "contact/index.html",
    "privacy/index.html",
    "offline/index.html",
)

OFFLINE_PAGE = "offline/index.html"  # what the service worker shows for a page it has not kept, offline


def write_bundle(b: Bundle, site_dir: str | Path) -> dict:
    """Write the bundle into a built site (after MkDocs wrote the wizard page) and the service worker.
    Returns a summary: the precache lists and the cache names."""
    site = Path(site_dir)
    out = site / OUT
    written = write_files(b, out)
    page = f"{OUT}/index.html"
    if not (site / page).is_file():
        raise BundleError(f"MkDocs 没有生成 {page}：docs/wizard/index.md 不见了？")
    (site / page).write_text(add_page_parts((site / page).read_text(encoding="utf-8"), b), encoding="utf-8")
    shell = precached(site, b, page)
    streamed = [f"{OUT}/{name}" for name in b.streamed]
    # The rest of what the wizard page downloads (the page, Material's CSS and JS, the search index the
    # service worker precaches) gets its twins too: this hook runs last, after every file is written.
    # Material's search worker and its language files (assets/javascripts/) are read on this page too.
    theme = (
        sorted(p.relative_to(site).as_posix() for p in (site / "assets").rglob("*") if p.is_file()) if (site / "assets").is_dir() else []
    )
    for rel in dict.fromkeys(shell + theme):
        path = site / rel
        if path.suffix in SITE_SUFFIXES and path.stat().st_size >= GZIP_MIN_BYTES and path not in written:
            compressed_twins(path)
    version, shell_cache = write_service_worker(site, b, shell, streamed)
    (out / "sw.js").unlink(missing_ok=True)  # where it was before it served the whole site
    return {
        "version": version,
        "shell_cache": shell_cache,
        "engine_cache": b.engine_cache,
        "shell": shell,
        "engine": streamed,
        "bytes": {rel: (site / rel).stat().st_size for rel in shell + streamed},
    }


def write_files(b: Bundle, out: Path) -> list[Path]:
    """The bundle's files under site/wizard/ (the hashed files of earlier builds dropped: mkdocs serve
    rebuilds into the same directory), the large ones with their twins; the paths written."""
    out.mkdir(parents=True, exist_ok=True)
    for sub in ("assets", "engine", "pyodide"):
        target = out / sub
        if target.exists():
            for old in target.iterdir():
                if old.is_file():
                    old.unlink()
    written: list[Path] = []
    for name, data in b.files.items():
        path = out / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        written.append(path)
    for name, source in b.copies.items():
        path = out / name
        path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, path)
        written.append(path)
    for path in written:
        if path.suffix in GZIP_SUFFIXES and path.stat().st_size >= GZIP_MIN_BYTES and path.name != "flow.json":
            compressed_twins(path)
    return written


def precached(site: Path, b: Bundle, page: str) -> list[str]:
    """What the service worker precaches (site-relative): the wizard page and everything it needs, and the
    pages it links to with theirs."""
    shell = [page]
    for rel in page_assets(site, page):
        if rel not in shell:
            shell.append(rel)
    for name in b.files:
        rel = f"{OUT}/{name}"
        # Not the batch page's files (its script, template and openpyxl): that page keeps them itself when
        # visited (app/batch/page.js asks the service worker; the worker caches the zip).
        if rel not in shell and name not in ("flow.json", b.batch_zip, b.batch_script, BATCH_TEMPLATE):
            shell.append(rel)
    rel = f"{OUT}/{b.pyodide['pyodide.mjs']}"
    if rel not in shell:
        shell.append(rel)
    # Material reads these on every page load (instant navigation, search): offline they must be there.
    for rel in ("sitemap.xml", "search/search_index.json"):
        if (site / rel).is_file():
            shell.append(rel)
    # What the wizard links to, and what those pages need, offline after one wizard visit (issue 13):
    # the notice (a result's clause links), both pathway pages (the condition tables the failure screen
    # recommends), FAQ, glossary, contact, privacy, home; Material's search worker and its Chinese
    # language files. Other pages are kept as they are visited (sw.js).
    pages = [rel for rel in OFFLINE_PAGES if (site / rel).is_file()]
    for page_rel in pages:
        for rel in [page_rel, *page_assets(site, page_rel)]:
            if rel not in shell:
                shell.append(rel)
    search = site / "assets" / "javascripts"
    for path in sorted(
        [
            *search.glob("workers/search.*.min.js"),
            *search.glob("lunr/min/lunr.stemmer.support.min.js"),
            *search.glob("lunr/min/lunr.zh.min.js"),
            *search.glob("lunr/min/lunr.multi.min.js"),
            *search.glob("lunr/tinyseg.js"),
        ]
    ):
        rel = path.relative_to(site).as_posix()
        if rel not in shell:
            shell.append(rel)
    return shell


def write_service_worker(site: Path, b: Bundle, shell: list[str], streamed: list[str]) -> tuple[str, str]:
    """sw.js at the site's root, its caches named by a hash of what it precaches; (version, shell cache)."""
    digest = hashlib.sha256()
    for rel in shell:
        digest.update(rel.encode() + b"\0" + sha((site / rel).read_bytes()).encode() + b"\n")
    digest.update(b.engine_cache.encode())
    version = digest.hexdigest()[:12]
    shell_cache = f"guantong-wizard-shell-{version}"

    def from_sw(rel: str) -> str:
        """A file's URL as sw.js (at the site's root) asks for it: a page by its directory."""
        return rel[: -len("index.html")] or "./" if rel.endswith("index.html") else rel

    sw = fill(
        (SRC / "sw.js").read_text(encoding="utf-8"),
        "__GUANTONG_SW__",
        {
            "version": version,
            "shellCache": shell_cache,
            "engineCache": b.engine_cache,
            "snapshotCache": b.snapshot_cache,
            "pagesCache": f"guantong-wizard-pages-{version}",
            "shell": [from_sw(rel) for rel in shell],
            "offline": from_sw(OFFLINE_PAGE) if (site / OFFLINE_PAGE).is_file() else None,
            "engine": [from_sw(rel) for rel in streamed],
        },
    )
    (site / "sw.js").write_text(sw, encoding="utf-8")
    return version, shell_cache
