"""A small static file server for the built site and the offline wizard (stdlib only).

Library use (tests, build checks)::

    from build_scripts.server.static import serve
    with serve("site/") as base_url:      # "http://127.0.0.1:PORT/"
        ...

Command line::

    python -m build_scripts.server.static DIR [--port 8000] [--host 127.0.0.1] [--verbose]

What it does beyond ``python -m http.server``:

* explicit MIME types for what Pyodide and the site need (a ``.wasm`` served with
  the wrong type makes ``loadPyodide`` hang without an error);
* if the request's ``Accept-Encoding`` allows ``br`` or ``gzip`` and ``FILE.br`` /
  ``FILE.gz`` sits beside ``FILE``, that file is sent with ``Content-Encoding``
  (and ``Vary: Accept-Encoding``);
* a directory serves its ``index.html`` (no directory listings);
* the site's Content Security Policy (the one its ``index.html`` declares in a
  ``<meta http-equiv="Content-Security-Policy">``, see ``build_scripts/site/csp.py``) is also sent as a
  header on every file, as deploy/guantong-site.conf does: a worker or service worker script takes its
  policy from its own response, not from the page's <meta>;
* ``If-Modified-Since`` answered with 304 Not Modified;
* files named by their content's hash are cached for a year (``immutable``), everything else
  ``no-cache``, with ``X-Content-Type-Options`` and ``Referrer-Policy``, as deploy/guantong-site.conf does
  (tests/browser/test_nginx.py holds the two to the same headers on every file of a build);
* quiet unless ``verbose``.
"""

from __future__ import annotations

import argparse
import contextlib
import email.utils
import functools
import html
import os
import re
import sys
import threading
import urllib.parse
from collections.abc import Callable, Iterator
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

MIME_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".htm": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".json": "application/json",
    ".map": "application/json",
    ".webmanifest": "application/manifest+json",
    ".wasm": "application/wasm",
    ".zip": "application/zip",
    ".whl": "application/zip",
    ".tar": "application/x-tar",
    ".gz": "application/gzip",
    ".br": "application/octet-stream",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".ico": "image/x-icon",
    ".woff2": "font/woff2",
    ".txt": "text/plain; charset=utf-8",
    ".xml": "application/xml",
    ".py": "text/x-python; charset=utf-8",
    ".toml": "application/toml",
}

# Preference order when the client accepts several encodings.
PRECOMPRESSED = (("br", ".br"), ("gzip", ".gz"))

# Files whose names carry their content's hash (the engine's files, the page scripts, Material's bundles):
# cached for a year and never revalidated, as deploy/guantong-site.conf serves them (the same pattern), so that a
# browser without a service worker (WeChat on iOS) downloads no engine byte on its next visit. Everything
# else is revalidated.
HASHED = re.compile(r"\.[0-9a-f]{8,}\.(js|mjs|css|zip|json|wasm)$")
IMMUTABLE = "public, max-age=31536000, immutable"

# Sent with every file, as deploy/guantong-site.conf sends them: no guessing of a file's type from its
# bytes, and no address of this site handed to another.
SAFETY_HEADERS = (("X-Content-Type-Options", "nosniff"), ("Referrer-Policy", "no-referrer"))


def cache_control(path: str) -> str:
    """The Cache-Control of the file at ``path`` (as guantong-site.conf's rules give it)."""
    return IMMUTABLE if HASHED.search(path) else "no-cache"


def accepted_encodings(header: str | None) -> set[str]:
    """Content codings allowed by an Accept-Encoding header (q=0 means 'not allowed')."""
    allowed = set()
    for item in (header or "").split(","):
        coding, _, params = item.strip().partition(";")
        q = 1.0
        for param in params.split(";"):
            key, _, value = param.strip().partition("=")
            if key.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        if coding and q > 0:
            allowed.add(coding.strip().lower())
    return allowed


def declared_policy(directory: str | os.PathLike[str]) -> str | None:
    """The policy ``directory/index.html`` declares in its <meta>, as a header (plus frame-ancestors)."""
    index = Path(directory) / "index.html"
    if not index.is_file():
        return None
    m = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)"', index.read_text(encoding="utf-8"), re.I)
    return f"{html.unescape(m.group(1))}; frame-ancestors 'none'" if m else None


class StaticHandler(SimpleHTTPRequestHandler):
    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, **MIME_TYPES}
    verbose = False
    csp: str | None = None

    def log_message(self, format: str, *args) -> None:
        if self.verbose:
            super().log_message(format, *args)

    def send_head(self):
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            url = urllib.parse.urlsplit(self.path)
            if not url.path.endswith("/"):
                self.send_response(HTTPStatus.MOVED_PERMANENTLY)
                self.send_header("Location", urllib.parse.urlunsplit(url._replace(path=url.path + "/")))
                self.send_header("Content-Length", "0")
                self.end_headers()
                return None
            path = os.path.join(path, "index.html")
        if not os.path.isfile(path):
            self.send_error(HTTPStatus.NOT_FOUND, "File not found")
            return None

        since = self.headers.get("If-Modified-Since")
        if since:
            try:
                fresh = int(os.stat(path).st_mtime) <= email.utils.parsedate_to_datetime(since).timestamp()
            except (TypeError, ValueError, OSError):
                fresh = False
            if fresh:
                self.send_response(HTTPStatus.NOT_MODIFIED)
                self.send_header("Cache-Control", cache_control(path))
                self.end_headers()
                self.served(path, 0, "304")
                return None

        allowed = accepted_encodings(self.headers.get("Accept-Encoding"))
        variants = [(coding, path + suffix) for coding, suffix in PRECOMPRESSED if os.path.isfile(path + suffix)]
        coding, served = next(((c, p) for c, p in variants if c in allowed), (None, path))
        try:
            f = open(served, "rb")
        except OSError:
            self.send_error(HTTPStatus.NOT_FOUND, "File not found")
            return None
        stat = os.fstat(f.fileno())
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Length", str(stat.st_size))
        self.send_header("Last-Modified", email.utils.formatdate(stat.st_mtime, usegmt=True))
        self.send_header("Cache-Control", cache_control(path))
        if self.csp:
            self.send_header("Content-Security-Policy", self.csp)
        for name, value in SAFETY_HEADERS:
            self.send_header(name, value)
        if coding:
            self.send_header("Content-Encoding", coding)
        if variants:
            self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        self.served(path, stat.st_size, coding or "identity")
        return f

    def served(self, path: str, size: int, coding: str) -> None:
        """Called for every file sent (size: bytes of the body as sent; coding "304" for not modified)."""


def make_server(
    directory: str | os.PathLike[str],
    host: str = "127.0.0.1",
    port: int = 0,
    *,
    verbose: bool = False,
    on_served: Callable[[str, int, str], None] | None = None,
    policy: bool = True,
) -> ThreadingHTTPServer:
    """A bound, not yet running server for ``directory`` (``port=0`` picks a free port); ``on_served(url
    path, bytes sent, coding)`` hears every file sent (coding "304" for not modified); ``policy=False``
    sends no Content Security Policy (the benchmark's stock-Pyodide baseline beside the site)."""
    directory = Path(directory)
    if not directory.is_dir():
        raise NotADirectoryError(directory)
    members = {"verbose": verbose, "csp": declared_policy(directory) if policy else None}
    if on_served:
        members["served"] = lambda self, path, size, coding: on_served(self.path, size, coding)
    handler = type("Handler", (StaticHandler,), members)
    return ThreadingHTTPServer((host, port), functools.partial(handler, directory=str(directory)))


def start(
    directory: str | os.PathLike[str],
    host: str = "127.0.0.1",
    port: int = 0,
    *,
    verbose: bool = False,
    on_served: Callable[[str, int, str], None] | None = None,
    policy: bool = True,
) -> tuple[str, Callable[[], None]]:
    """Serve ``directory`` from a background thread; return ``(base_url, stop)``.

    ``port=0`` picks a free port. ``base_url`` ends with ``/``.
    """
    server = make_server(directory, host, port, verbose=verbose, on_served=on_served, policy=policy)
    thread = threading.Thread(target=server.serve_forever, name="static-server", daemon=True)
    thread.start()

    def stop() -> None:
        server.shutdown()
        server.server_close()
        thread.join()

    return f"http://{host}:{server.server_port}/", stop


@contextlib.contextmanager
def serve(
    directory: str | os.PathLike[str],
    host: str = "127.0.0.1",
    port: int = 0,
    *,
    verbose: bool = False,
    on_served: Callable[[str, int, str], None] | None = None,
    policy: bool = True,
) -> Iterator[str]:
    """Context manager around :func:`start`; yields the base URL."""
    url, stop = start(directory, host, port, verbose=verbose, on_served=on_served, policy=policy)
    try:
        yield url
    finally:
        stop()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("directory", type=Path)
    parser.add_argument("--port", type=int, default=8000, help="0 picks a free port (default 8000)")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--verbose", action="store_true", help="log every request")
    args = parser.parse_args(argv)
    if not args.directory.is_dir():
        parser.error(f"not a directory: {args.directory}")
    with make_server(args.directory, args.host, args.port, verbose=args.verbose) as server:
        print(f"Serving {args.directory} at http://{args.host}:{server.server_port}/ (Ctrl+C to stop)", flush=True)
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
