"""Fixtures for tests that drive a real browser (Debian's Chromium through Playwright).

* ``browser``      – one headless Chromium for the session (skipped when Chromium or
                     Playwright is missing, a failure instead when ``CI`` is set).
* ``serve_dir``    – ``serve_dir(path) -> "http://127.0.0.1:PORT/"``; stopped after the test.
* ``new_page``     – ``new_page() -> RecordedPage``: a page in a fresh context that records
                     every request of the page *and its workers*, console lines and page errors.
* ``screenshot``   – ``screenshot(page, "name") -> Path`` under ``test-artifacts/``.
"""

from __future__ import annotations

import contextlib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("GUANTONG_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-sync",
    # Belt and braces for the offline promise: no host name resolves except loopback, so a
    # stray CDN request fails fast here instead of leaving the machine (it is still recorded).
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
]
# Schemes that never touch the network.
LOCAL_SCHEMES = {"data", "blob", "about"}


from build_scripts.server import static as static_server  # noqa: E402 - the one local server

from .trust_support import ARTIFACTS_DIR, watch_csp  # noqa: E402


def _unavailable(reason: str):
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI is set, so browser tests must run)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("Python Playwright is not installed (pip install -e '.[test]')")
    if not os.path.exists(CHROMIUM):
        _unavailable(f"{CHROMIUM} is missing (apt-get install -y chromium fonts-noto-cjk)")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def serve_dir():
    """``serve_dir(path) -> base URL`` (ends with "/"); every server stops after the test."""
    with contextlib.ExitStack() as stack:
        yield lambda directory: stack.enter_context(static_server.serve(directory))


def origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


@dataclass
class RecordedPage:
    page: object  # playwright.sync_api.Page
    requests: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    console: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def foreign_requests(self, base_url: str) -> list[str]:
        """Requested URLs that are neither on ``base_url``'s origin nor data:/blob:/about:."""
        origin = origin_of(base_url)
        return [url for url in self.requests if urlsplit(url).scheme not in LOCAL_SCHEMES and origin_of(url) != origin]

    def assert_only_origin(self, base_url: str) -> None:
        foreign = self.foreign_requests(base_url)
        assert not foreign, f"requests left {origin_of(base_url)}: {foreign}"

    def requested(self, pattern: str) -> list[str]:
        """Recorded URLs matching the regular expression ``pattern``."""
        return [url for url in self.requests if re.search(pattern, url)]


@pytest.fixture
def new_page(browser):
    """``new_page(**context_options) -> RecordedPage``, each in its own browser context.

    Requests are recorded on the *context*: Playwright reports the requests of dedicated
    (module) workers there, not only those of the page itself.
    """
    contexts = []

    def factory(**context_options) -> RecordedPage:
        context_options.setdefault("locale", "zh-CN")
        context = browser.new_context(**context_options)
        contexts.append(context)
        page = context.new_page()
        recorded = RecordedPage(page)
        context.on("request", lambda request: recorded.requests.append(request.url))
        context.on("requestfailed", lambda request: recorded.failed.append(f"{request.url} {request.failure}"))
        page.on("console", lambda msg: recorded.console.append(f"{msg.type}: {msg.text}"))
        page.on("pageerror", lambda exc: recorded.errors.append(str(exc)))
        return recorded

    yield factory
    for context in contexts:
        context.close()


@pytest.fixture
def screenshot(request):
    """``screenshot(page, name) -> Path``: a full-page PNG in ``test-artifacts/``."""

    def take(page, name: str | None = None) -> Path:
        ARTIFACTS_DIR.mkdir(exist_ok=True)
        stem = re.sub(r"[^\w.-]+", "_", name or request.node.name)
        path = ARTIFACTS_DIR / f"{stem}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


@pytest.fixture
def batch_page(built_site, serve_dir, new_page):
    """``batch_page(**context_options) -> (RecordedPage, base URL)``: the page 单位批量自测 opened and mounted,
    CSP violations watched unless ``bypass_csp``."""

    base = serve_dir(built_site)

    def make(**options):
        options.setdefault("viewport", {"width": 1280, "height": 900})
        options.setdefault("accept_downloads", True)
        recorded = new_page(**options)
        if not options.get("bypass_csp"):
            watch_csp(recorded)
        recorded.page.goto(base + "batch/")
        recorded.page.wait_for_selector("#gt-batch[data-mounted]")
        return recorded, base

    return make
