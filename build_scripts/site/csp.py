"""The site's Content Security Policy, computed from the built pages (stdlib only).

One policy for the whole site, put in a ``<meta http-equiv="Content-Security-Policy">`` at the top of
every built page (``site_hooks.on_post_build``) and sent as a header by the test server
(``static_server``) and by the nginx example (``deploy/guantong-site.conf``):

* scripts only from the site itself, plus the SHA-256 hashes of the inline scripts the pages carry
  (Material's ``__md_scope`` line, which differs with the page's depth, its palette restore and anchor
  fix, the wizard page's popstate line); no ``'unsafe-inline'``, no ``'unsafe-eval'``;
  ``'wasm-unsafe-eval'`` lets the wizard's worker compile Pyodide's WebAssembly;
* workers (the wizard's engine, the search index, the service worker) only from the site itself;
* ``connect-src 'self'``: no request to any other host; no plugins, no frames, forms only to the site;
* ``style-src 'self' 'unsafe-inline'``: Material sets ``style`` attributes (header, tabs, search) and
  the flowcharts are SVG in the pages, styled by site.css; styles cannot run code.

Why one policy and not one per page: Material's instant navigation swaps pages without loading a new
document, so the policy of the first page a visitor opens governs every page they go on to. The union
of the inline-script hashes of all pages is a handful of hashes; a page carries no script it did not
ship either way.

Command line: ``python -m build_scripts.site.csp SITE_DIR [--nginx deploy/guantong-site.conf]`` prints the
policy of a built site and, with ``--nginx``, rewrites the nginx example's ``set $csp`` line to it.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import html
import re
import sys
from pathlib import Path

META_NAME = "Content-Security-Policy"
# <script> types the browser executes (others, e.g. application/json, are data: no hash needed).
EXECUTABLE_TYPES = {"", "text/javascript", "application/javascript", "module"}
SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.S | re.I)
TYPE = re.compile(r"""\btype\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)
SRC = re.compile(r"\bsrc\s*=", re.I)
META = re.compile(r'<meta http-equiv="Content-Security-Policy"[^>]*>\s*', re.I)
CHARSET = re.compile(r"<meta charset=[^>]*>", re.I)
NGINX_LINE = re.compile(r'^(\s*set \$csp )"[^"]*";', re.M)


def inline_scripts(page: str) -> list[str]:
    """The bodies of ``page``'s inline scripts that would run (no ``src``, an executable type)."""
    bodies = []
    for m in SCRIPT.finditer(page):
        attrs, body = m.group(1), m.group(2)
        if SRC.search(attrs):
            continue
        t = TYPE.search(attrs)
        kind = next((g for g in t.groups() if g is not None), "") if t else ""
        if kind.strip().lower() in EXECUTABLE_TYPES:
            bodies.append(body)
    return bodies


def script_hash(body: str) -> str:
    digest = hashlib.sha256(body.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def policy(hashes: list[str] | set[str]) -> str:
    """The policy for a site whose inline scripts have these hashes (as ``script_hash`` gives them)."""
    return "; ".join(
        [
            "default-src 'self'",
            "script-src " + " ".join(["'self'", "'wasm-unsafe-eval'", *sorted(hashes)]),
            "worker-src 'self'",
            "connect-src 'self'",
            "img-src 'self' data:",
            "font-src 'self' data:",
            "style-src 'self' 'unsafe-inline'",
            "manifest-src 'self'",
            "media-src 'none'",
            "object-src 'none'",
            "frame-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
        ]
    )


def header_policy(meta_policy: str) -> str:
    """The same policy as an HTTP header, plus what a <meta> cannot say (framing by other sites)."""
    return f"{meta_policy}; frame-ancestors 'none'"


def site_pages(site_dir: Path) -> list[Path]:
    return sorted(p for p in Path(site_dir).rglob("*.html") if p.is_file())


def site_policy(site_dir: Path) -> str:
    hashes = {script_hash(body) for page in site_pages(site_dir) for body in inline_scripts(_read(page))}
    return policy(hashes)


def _read(path: Path) -> str:
    return META.sub("", path.read_text(encoding="utf-8"))


def inject(page: str, csp: str) -> str:
    """``page`` with the policy as the first thing after ``<meta charset>`` (before any script)."""
    page = META.sub("", page)
    content = html.escape(csp, quote=False).replace('"', "&quot;")
    tag = f'<meta http-equiv="{META_NAME}" content="{content}">'
    m = CHARSET.search(page)
    if m:
        return page[: m.end()] + "\n    " + tag + page[m.end() :]
    head = re.search(r"<head[^>]*>", page, re.I)
    if not head:
        raise ValueError("page without <head>")
    return page[: head.end()] + tag + page[head.end() :]


def apply(site_dir: Path) -> tuple[str, int]:
    """Put the site's policy into every built page; return (policy, pages)."""
    csp = site_policy(site_dir)
    pages = site_pages(site_dir)
    for page in pages:
        page.write_text(inject(page.read_text(encoding="utf-8"), csp), encoding="utf-8")
    return csp, len(pages)


def page_policy(page: str) -> str | None:
    """The policy a built page declares in its <meta>, if any."""
    m = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)"', page, re.I)
    return html.unescape(m.group(1)) if m else None


def update_nginx(conf: Path, csp: str) -> bool:
    """Rewrite the ``set $csp "…";`` line of the nginx example; True if it changed."""
    text = conf.read_text(encoding="utf-8")
    if not NGINX_LINE.search(text):
        raise ValueError(f'{conf}: no `set $csp "…";` line')
    new = NGINX_LINE.sub(lambda m: f'{m.group(1)}"{header_policy(csp)}";', text, count=1)
    if new != text:
        conf.write_text(new, encoding="utf-8")
    return new != text


def nginx_policy(conf: Path) -> str | None:
    m = NGINX_LINE.search(conf.read_text(encoding="utf-8"))
    return re.search(r'"([^"]*)"', m.group(0)).group(1) if m else None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site_dir", type=Path)
    parser.add_argument("--nginx", type=Path, help="rewrite this nginx config's `set $csp` line")
    args = parser.parse_args(argv)
    csp = site_policy(args.site_dir)
    print(csp)
    if args.nginx:
        changed = update_nginx(args.nginx, csp)
        print(f"{args.nginx}: {'updated' if changed else 'already up to date'}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
