"""The built site refers to no other host.

``localise_material(site_dir)`` (run after every build) rewrites the few places where
Material for MkDocs 9.8's own bundle would fetch from another host, so that even code paths this site
never takes point at this site:

* mermaid from unpkg.com (Material loads it only for a ``.mermaid`` block, which no page has: the
  flowcharts are SVG drawn at build time, build_scripts/site/charts.py) → an empty script;
* the ResizeObserver polyfill from unpkg.com (only for browsers without ResizeObserver) → the small
  polyfill of this site, ``assets/javascripts/resize-observer.js``;
* api.github.com (repository facts, only with a GitHub ``repo_url``, which this site does not set) →
  nothing to fetch;

and drops Material's source maps (their embedded sources quote those URLs; browsers fetch maps only
for developer tools). Each rewrite must match exactly as expected, or the build fails: a new Material
version has to be looked at again.

``scan(site_dir)`` finds every absolute URL to another host in the site's HTML, CSS, JS, JSON, XML and
SVG files and says whether it is a *request* (the browser would load it, or a link sends people there)
or a *mention* that is never requested (an XML namespace, text inside a comment or in the middle of a
message string). The tests require no requests.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.exceptions import PluginError

POLYFILL = "assets/javascripts/resize-observer.js"

# (what Material 9.8.1 has, what it becomes, how many times it must occur)
_MATERIAL_REWRITES = [
    ('"https://unpkg.com/mermaid@11/dist/mermaid.min.js"', '"data:text/javascript,"', 1),
    ('"https://unpkg.com/resize-observer-polyfill"', 'new URL("{polyfill}",__md_scope).href', 1),
    ("`https://api.github.com/", "`data:,", 2),
]
_SOURCE_MAP_COMMENT = re.compile(r"\n?//# sourceMappingURL=[^\n]*\s*$")


def localise_material(site_dir: Path) -> None:
    js = site_dir / "assets" / "javascripts"
    bundles = sorted(js.glob("bundle.*.min.js"))
    if len(bundles) != 1:
        raise PluginError(f"expected one Material bundle in {js}, found {[b.name for b in bundles]}")
    bundle = bundles[0]
    text = bundle.read_text(encoding="utf-8")
    for old, new, count in _MATERIAL_REWRITES:
        found = text.count(old)
        if found != count:
            raise PluginError(
                f"{bundle.name}: expected {count} × {old!r}, found {found}; Material changed, look at build_scripts/site/offline.py again"
            )
        text = text.replace(old, new.format(polyfill=POLYFILL))
    bundle.write_text(_SOURCE_MAP_COMMENT.sub("\n", text), encoding="utf-8")
    for script in [*js.glob("workers/*.min.js")]:
        script.write_text(_SOURCE_MAP_COMMENT.sub("\n", script.read_text(encoding="utf-8")), encoding="utf-8")
    for source_map in [
        *js.glob("*.min.js.map"),
        *js.glob("workers/*.min.js.map"),
        *(site_dir / "assets" / "stylesheets").glob("*.min.css.map"),
    ]:
        source_map.unlink()


# --------------------------------------------------------------------------------------------------
# Scanning

#: URIs that name things and are never fetched.
NAMESPACES = re.compile(
    r"^https?://(www\.w3\.org/(2000/svg|1999/xhtml|1999/xlink|1998/Math/MathML|XML/1998/namespace|2000/xmlns/?"
    r"|2001/XMLSchema(-instance)?(#\w*)?|1999/02/22-rdf-syntax-ns#\w*)"
    r"|www\.sitemaps\.org/schemas/sitemap/0\.9)$"
)
TEXT_SUFFIXES = {".html", ".htm", ".css", ".js", ".mjs", ".json", ".xml", ".svg", ".webmanifest"}
# An absolute URL: scheme-relative (//host) or http(s); the host has a dot or is localhost.
URL = re.compile(
    r"(?<![\w@.+-])((?:https?:)?//(?:(?:[a-z0-9-]+\.)+[a-z][a-z0-9-]*|localhost|\d{1,3}(?:\.\d{1,3}){3})(?::\d+)?"
    r"(?:[/?#][^\s\"'`<>()\\{}|^]*)?)",
    re.IGNORECASE,
)
# What may stand right before a URL that the browser will request (or follow): the start of a string
# literal, an attribute, url(), @import, import/from/importScripts(.
REQUEST_BEFORE = re.compile(
    r"""(?:["'`]|\b(?:src|href|srcset|action|poster|data|background|formaction|manifest|ping)\s*=\s*\\?["']?|"""
    r"""url\(\s*\\?["']?|@import\s+(?:url\(\s*)?["']?|\bimport\s*\(\s*|\bfrom\s*|importScripts\(\s*)$""",
    re.IGNORECASE,
)
REQUEST_ATTRS = {
    "src",
    "href",
    "srcset",
    "action",
    "poster",
    "data",
    "background",
    "formaction",
    "manifest",
    "ping",
    "xlink:href",
    "content",
    "cite",
    "longdesc",
    "icon",
    "codebase",
    "archive",
}


@dataclass(frozen=True)
class Finding:
    path: str  # relative to the site
    url: str
    request: bool  # True: fetched or linked; False: a mention that is never requested
    where: str  # a short description with some context


def _foreign(url: str, allowed: set[str]) -> bool:
    if NAMESPACES.match(url):
        return False
    parts = urlsplit(url if not url.startswith("//") else "http:" + url)
    origin = f"{parts.hostname or ''}{':' + str(parts.port) if parts.port else ''}".lower()
    return origin not in allowed


def _comment_spans(text: str, kind: str) -> list[tuple[int, int]]:
    """Block comments of CSS/JS (/* … */) and, for JS, // line comments at the start of a line."""
    spans = [(m.start(), m.end()) for m in re.finditer(r"/\*.*?\*/", text, re.S)]
    if kind == "js":
        spans += [(m.start(), m.end()) for m in re.finditer(r"(?m)^\s*//[^\n]*", text)]
    return spans


def _scan_code(rel: str, text: str, kind: str, allowed: set[str]) -> list[Finding]:
    comments = _comment_spans(text, kind)
    out = []
    for m in URL.finditer(text):
        url = m.group(1)
        if not _foreign(url, allowed):
            continue
        start = m.start(1)
        before = text[max(0, start - 40) : start]
        context = text[max(0, start - 60) : m.end(1) + 20].replace("\n", " ")
        in_comment = any(a <= start < b for a, b in comments)
        request = not in_comment and (bool(REQUEST_BEFORE.search(before)) or kind == "json")
        out.append(Finding(rel, url, request, ("comment: " if in_comment else "") + context))
    return out


class _HTMLScan(HTMLParser):
    def __init__(self, rel: str, allowed: set[str]):
        super().__init__(convert_charrefs=True)
        self.rel, self.allowed, self.found = rel, allowed, []
        self._in: str | None = None

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if not value:
                continue
            name = name.lower()
            if name == "style":
                self.found += _scan_code(self.rel, value, "css", self.allowed)
            elif name in REQUEST_ATTRS or name.startswith("on"):
                candidates = [v.strip().split(" ")[0] for v in value.split(",")] if name == "srcset" else [value.strip()]
                if name == "content" or name.startswith("on"):
                    candidates = URL.findall(value)
                for url in candidates:
                    if URL.fullmatch(url) and _foreign(url, self.allowed):
                        self.found.append(Finding(self.rel, url, True, f"<{tag} {name}=…>"))
            elif URL.search(value):
                for url in URL.findall(value):
                    if _foreign(url, self.allowed):
                        # xmlns and friends are namespaces (allowed above); anything else is suspicious
                        self.found.append(Finding(self.rel, url, not name.startswith("xmlns"), f"<{tag} {name}=…>"))
        if tag in ("script", "style"):
            self._in = "js" if tag == "script" else "css"

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._in = None

    def handle_data(self, data):
        if self._in:
            self.found += _scan_code(self.rel, data, self._in, self.allowed)
        else:
            for url in URL.findall(data):
                if _foreign(url, self.allowed):
                    self.found.append(Finding(self.rel, url, True, "text: " + data.strip()[:80]))

    def handle_comment(self, data):
        for url in URL.findall(data):
            if _foreign(url, self.allowed):
                self.found.append(Finding(self.rel, url, False, "<!-- comment -->"))


def scan(site_dir: Path, allowed_origins=()) -> list[Finding]:
    """Every absolute URL to another host in the site's text files. ``allowed_origins``: hosts (with
    port) that are the site itself, e.g. the host of ``site_url``."""
    allowed = {o.lower() for o in allowed_origins}
    out: list[Finding] = []
    for path in sorted(site_dir.rglob("*")):
        if not path.is_file() or path.suffix.lower() not in TEXT_SUFFIXES:
            continue
        rel = path.relative_to(site_dir).as_posix()
        text = path.read_text(encoding="utf-8", errors="replace")
        suffix = path.suffix.lower()
        if suffix in (".html", ".htm"):
            parser = _HTMLScan(rel, allowed)
            parser.feed(text)
            parser.close()
            out += parser.found
        elif suffix == ".css":
            out += _scan_code(rel, text, "css", allowed)
        elif suffix in (".js", ".mjs"):
            out += _scan_code(rel, text, "js", allowed)
        elif suffix in (".json", ".webmanifest"):
            out += _scan_code(rel, text, "json", allowed)
        else:  # .xml, .svg: attributes and text; namespaces are allowed
            parser = _HTMLScan(rel, allowed)
            parser.feed(text)
            parser.close()
            out += parser.found
    return out
