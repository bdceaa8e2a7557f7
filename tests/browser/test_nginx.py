"""The built site served by the production server (issue 34): Debian's nginx with deploy/guantong-site.conf
on 127.0.0.1 (tests/nginx_support.py). Every file of the build goes out with the headers the project's own
server (build_scripts/server/static.py, for make serve and the benchmarks) gives it; hashed files as their
.br twins for a year; pages, the service worker and the search index revalidated; the types Pyodide needs;
the CSP on pages and on the worker's script; the wizard reaching a result, then working offline, through
nginx; a first visit moving the same bytes as through the project's server."""

from __future__ import annotations

import re
import urllib.error
import urllib.request
from pathlib import Path

import pytest

import nginx_support
from build_scripts.sample_answers import RESULT_PEOPLE, share_fragment
from build_scripts.server import static

from .wizard_support import WizardPage, short_journey_b

HEADERS = (
    "Content-Type",
    "Cache-Control",
    "Content-Encoding",
    "Content-Security-Policy",
    "X-Content-Type-Options",
    "Referrer-Policy",
    "Vary",
    "Content-Length",
)
ACCEPT = "br, gzip, deflate"  # what Chromium sends


@pytest.fixture(scope="module")
def nginx(built_site):
    with nginx_support.serve(built_site) as base:
        yield base


def fetch(url: str, **headers) -> tuple[int, dict, bytes]:
    request = urllib.request.Request(url, headers={"Accept-Encoding": ACCEPT, **headers})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def files_of(site: Path) -> list[str]:
    """Every file of the build as a URL path (the compressed twins are sent in their original's place)."""
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file() and p.suffix not in (".br", ".gz"))


def test_every_file_of_the_build_gets_the_project_server_s_headers(built_site, nginx):
    files = files_of(built_site)
    assert len(files) > 50
    with static.serve(built_site) as ours:
        for rel in files:
            theirs_status, theirs, body = fetch(nginx + rel)
            our_status, mine, our_body = fetch(ours + rel)
            assert theirs_status == our_status == 200, rel
            assert {h: theirs.get(h) for h in HEADERS} == {h: mine.get(h) for h in HEADERS}, rel
            assert body == our_body, rel
        # A directory without its slash is sent to it (its page's relative links need it).
        opener = urllib.request.build_opener(NoRedirect)
        for rel in ("wizard", "batch"):
            for base in (nginx, ours):
                with pytest.raises(urllib.error.HTTPError) as moved:
                    opener.open(urllib.request.Request(base + rel, method="HEAD"))
                assert moved.value.code == 301 and moved.value.headers["Location"].endswith(f"/{rel}/"), (base, rel)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def test_hashed_files_go_out_as_their_br_twins_for_a_year_with_the_types_pyodide_needs(built_site, nginx):
    hashed = [rel for rel in files_of(built_site) if static.HASHED.search(rel)]
    assert any(rel.endswith(".wasm") for rel in hashed) and any(rel.endswith(".mjs") for rel in hashed)
    for rel in hashed:
        status, headers, body = fetch(nginx + rel)
        assert status == 200 and headers["Cache-Control"] == "public, max-age=31536000, immutable", rel
        if (built_site / f"{rel}.br").exists():
            assert headers.get("Content-Encoding") == "br" and body == (built_site / f"{rel}.br").read_bytes(), rel
    types = {".wasm": "application/wasm", ".mjs": "text/javascript; charset=utf-8", ".zip": "application/zip"}
    for suffix, kind in types.items():
        rel = next(r for r in hashed if r.endswith(suffix))
        assert fetch(nginx + rel)[1]["Content-Type"] == kind, rel
    worker = next(r for r in hashed if re.search(r"wizard/assets/worker\.[0-9a-f]+\.mjs$", r))
    assert "worker-src 'self'" in fetch(nginx + worker)[1]["Content-Security-Policy"], "the worker's own policy"


def test_pages_the_service_worker_and_the_search_index_are_revalidated(built_site, nginx):
    for rel in ("", "wizard/", "sw.js", "search/search_index.json"):
        status, headers, _ = fetch(nginx + rel)
        assert status == 200 and headers["Cache-Control"] == "no-cache", rel
        assert rel == "search/search_index.json" or "frame-ancestors 'none'" in headers["Content-Security-Policy"], rel
        again, _, body = fetch(nginx + rel, **{"If-None-Match": headers["ETag"]})
        assert again == 304 and body == b"", rel
        since, _, _ = fetch(nginx + rel, **{"If-Modified-Since": headers["Last-Modified"]})
        assert since == 304, rel


def test_the_wizard_reaches_a_result_and_works_offline_through_nginx(built_site, new_page):
    with nginx_support.serve(built_site) as base:
        w = WizardPage(new_page(viewport={"width": 390, "height": 844}), base)
        w.open().wait_offline_ready()
        assert short_journey_b(w)["highest"] == "senior_technician"
    w.page.context.set_offline(True)  # and nginx is gone: a share link still opens to its result
    answers, skipped, status = RESULT_PEOPLE["A eligible"]
    w.open(share_fragment(answers, skipped))
    result = w.expect_result()
    assert result["highest"] and status == "eligible"
    assert not w.recorded.errors, w.recorded.errors
    w.recorded.assert_only_origin(base)


def first_visit(new_page, base: str) -> dict[str, set]:
    """Every response the network gave a first wizard visit (the page's, its workers' and the service
    worker's own fetches) until the wizard works offline: {path: {(encoding, bytes)}} (a file asked for
    twice, preloaded and then imported, may be answered the second time from the memory cache, without
    its headers: only what came with a length counts)."""
    recorded = new_page(viewport={"width": 390, "height": 844})
    got: dict[str, set] = {}

    def heard(response) -> None:
        if not response.from_service_worker and response.status == 200:
            headers = response.all_headers()
            if headers.get("content-length"):
                got.setdefault(response.url.removeprefix(base), set()).add((headers.get("content-encoding"), headers["content-length"]))

    recorded.page.context.on("response", heard)
    WizardPage(recorded, base).open().wait_offline_ready()
    return got


def test_a_first_visit_moves_the_same_bytes_as_through_the_project_server(built_site, nginx, new_page):
    through_nginx = first_visit(new_page, nginx)
    with static.serve(built_site) as ours:
        through_ours = first_visit(new_page, ours)
    assert through_nginx == through_ours
    assert any(encoding == "br" for seen in through_nginx.values() for encoding, _ in seen)
