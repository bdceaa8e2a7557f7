"""The policy site in Chromium: every page loads only from its own origin, the flowcharts are SVG in the
page (drawn at build time: no diagram renderer loads), every label fits its shape at 360 px in both
palettes and stays legible, Chinese search finds two-character words, and instant navigation works."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from build_scripts.server import static as static_server

from .wizard_support import REPO as REPO_ROOT

DIAGRAMS_DRAWN = """(n) => {
  const charts = [...document.querySelectorAll("figure.gt-chart svg.gt-chart__svg")];
  return charts.length === n && charts.every(s => s.querySelector("g.node text"));
}"""
# Each label's text against the shape it sits in: the text's drawn box (getBBox, the real font's metrics)
# inside its node's polygon or path, in SVG units; edge labels against the space they were given.
TEXT_FITS = """() => [...document.querySelectorAll("figure.gt-chart")].map(fig => {
  const svg = fig.querySelector("svg");
  const bad = [];
  for (const node of svg.querySelectorAll("g.node")) {
    const shape = node.querySelector("polygon, path");
    const texts = [...node.querySelectorAll("text")];
    if (!shape) continue;  // an edge label: checked against its neighbours below
    const s = shape.getBBox();
    for (const t of texts) {
      const b = t.getBBox();
      if (b.x < s.x + 2 || b.x + b.width > s.x + s.width - 2 || b.y < s.y || b.y + b.height > s.y + s.height)
        bad.push([t.textContent, Math.round(b.width), Math.round(s.width)]);
    }
  }
  const boxes = [...svg.querySelectorAll("g.node text")].map(t => [t.textContent, t.getBBox()]);
  for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
    const [a, p] = boxes[i], [b, q] = boxes[j];
    if (p.x < q.x + q.width && q.x < p.x + p.width && p.y < q.y + q.height - 1 && q.y < p.y + p.height - 1) bad.push(["overlap", a, b]);
  }
  const r = svg.getBoundingClientRect();
  const font = Math.min(...[...svg.querySelectorAll("text")].map(t => parseFloat(getComputedStyle(t).fontSize)));
  const text = getComputedStyle(svg.querySelector("text")).fill, line = getComputedStyle(svg.querySelector("g.node polygon, g.node path")).stroke;
  return {id: fig.id, bad, width: r.width, natural: svg.viewBox.baseVal.width, host: fig.getBoundingClientRect().width,
          font, text, line, bg: getComputedStyle(document.body).backgroundColor};
})"""
# What each pathway's chart says (its preconditions numbered, no rule ids: issue 31).
PATHWAYS = {
    "pathway-a/": ["副高级职称", "中级职称", "助理级职称", "基本条件", "无弄虚作假记录"],
    "pathway-b/": ["高级技师（一级）", "技师（二级）", "高级工（三级）", "基本条件", "无弄虚作假记录"],
}


def site_pages(site: Path) -> list[str]:
    return sorted(
        p.parent.relative_to(site).as_posix() + "/" if p.parent != site else "" for p in site.rglob("index.html") if "assets" not in p.parts
    )


def test_each_page_requests_only_its_own_origin(built_site, serve_dir, new_page):
    base = serve_dir(built_site)
    pages = site_pages(built_site)
    assert {"", "policy/", "pathway-a/", "pathway-b/", "faq/", "glossary/", "contact/", "wizard/"} <= set(pages)
    for url in [*pages, "404.html"]:
        recorded = new_page(service_workers="block")
        recorded.page.goto(base + url, wait_until="load")
        recorded.page.wait_for_load_state("networkidle", timeout=60_000)
        recorded.assert_only_origin(base)
        assert not recorded.errors, f"{url}: {recorded.errors}"
        assert not [r for r in recorded.requested(r"unpkg|jsdelivr|googleapis|gstatic|github")], url


def test_flowcharts_are_in_the_page_with_no_network(built_site, new_page):
    """Every request is answered from the built files by the test itself; nothing reaches a network
    (and the browser's host resolver maps every other name to nowhere); no script draws the charts."""
    origin = "http://guantong.invalid/"
    for url, expected in PATHWAYS.items():
        recorded = new_page(service_workers="block", viewport={"width": 360, "height": 780}, java_script_enabled=False)
        page = recorded.page
        aborted = []

        def from_disk(route, request, aborted=aborted):
            if not request.url.startswith(origin):
                aborted.append(request.url)
                return route.abort("internetdisconnected")
            path = request.url[len(origin) :].split("#")[0].split("?")[0]
            file = built_site / path
            if file.is_dir():
                file = file / "index.html"
            if not file.is_file():
                return route.fulfill(status=404, body="")
            content_type = static_server.MIME_TYPES.get(file.suffix, "application/octet-stream")
            return route.fulfill(status=200, body=file.read_bytes(), headers={"Content-Type": content_type})

        page.context.route("**/*", from_disk)
        page.goto(origin + url)
        assert page.evaluate(DIAGRAMS_DRAWN, 2), "the charts are there without JavaScript"
        texts = page.evaluate("""() => [...document.querySelectorAll("figure.gt-chart svg")].map(s => s.textContent)""")
        for word in expected:
            assert word in texts[0], (url, word)
        assert not re.search(r"(?<![A-Za-z0-9])[AB]\d", texts[0]), "no rule ids in a chart the public reads"
        alt = page.text_content("figure.gt-chart .gt-chart__text")
        assert all(word in alt for word in expected), "the text alternative says the same"
        assert not aborted, aborted
        assert not recorded.requested(r"mermaid|viz"), "no diagram renderer is loaded"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_label_fits_its_shape_and_is_legible_at_360px(built_site, serve_dir, new_page, scheme):
    base = serve_dir(built_site)
    for url in PATHWAYS:
        recorded = new_page(service_workers="block", viewport={"width": 360, "height": 780}, color_scheme=scheme)
        page = recorded.page
        page.goto(base + url)
        page.wait_for_function(DIAGRAMS_DRAWN, arg=2, timeout=30_000)
        page.evaluate("document.fonts.ready")
        for chart in page.evaluate(TEXT_FITS):
            assert chart["bad"] == [], f"{url} {chart['id']} ({scheme}): {chart['bad']}"
            scale = chart["width"] / chart["natural"]
            assert chart["width"] <= chart["host"] + 1, chart
            assert chart["font"] * scale >= 12.5, f"{url}: text drawn at {chart['font'] * scale:.1f}px ({chart})"
            assert chart["text"] != chart["bg"] and chart["line"] != chart["bg"], f"themed for the {scheme} palette: {chart}"
        assert page.evaluate("document.documentElement.scrollWidth") <= 360, f"{url} scrolls sideways"
        recorded.assert_only_origin(base)


def test_pathway_a_at_360px_screenshot(built_site, serve_dir, new_page, screenshot):
    """The page people will read on a phone: saved to test-artifacts/ to look at."""
    base = serve_dir(built_site)
    recorded = new_page(service_workers="block", viewport={"width": 360, "height": 780}, device_scale_factor=2)
    page = recorded.page
    page.goto(base + "pathway-a/")
    page.wait_for_function(DIAGRAMS_DRAWN, arg=2, timeout=30_000)
    # tables turn into one card per row; no sideways scrolling anywhere
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    display = page.evaluate("getComputedStyle(document.querySelector('.gt-stack tbody tr')).display")
    assert display == "block"
    path = screenshot(page, "site-pathway-a-360")
    assert path.stat().st_size > 50_000
    recorded.assert_only_origin(base)


@pytest.mark.parametrize(
    "query, expected",
    [
        ("答辩", {"pathway-b/", "faq/"}),
        ("津贴", {"faq/", "pathway-a/"}),
        ("否决", {"faq/"}),
        ("工匠", {"pathway-a/"}),
        ("公示", {"faq/"}),
        ("领办人", {"glossary/"}),
        ("书面答辩", {"pathway-b/"}),
    ],
)
def test_chinese_search_finds_words_inside_sentences(built_site, serve_dir, new_page, query, expected):
    base = serve_dir(built_site)
    recorded = new_page(service_workers="block", viewport={"width": 1280, "height": 900})
    page = recorded.page
    page.goto(base)
    page.click("input.md-search__input")
    page.fill("input.md-search__input", query)
    page.press("input.md-search__input", "End")  # Material searches on keyup
    page.wait_for_selector(".md-search-result__item", timeout=15_000)
    hrefs = page.eval_on_selector_all(".md-search-result__item > a", "els => els.map(e => e.href)")
    found = {h[len(base) :].split("#")[0].split("?")[0] for h in hrefs}
    assert expected <= found, f"{query}: {sorted(found)}"
    recorded.assert_only_origin(base)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_instant_navigation_shows_the_next_pages_charts(tmp_path, new_page):
    """With site_url set (as when deployed, or under `mkdocs serve`), Material's instant navigation
    replaces the page without reloading; the new page's charts come with it."""
    port = _free_port()
    base = f"http://127.0.0.1:{port}/"
    out = tmp_path / "site"
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "GUANTONG_SITE_URL": base, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert proc.returncode == 0, proc.stderr
    url, stop = static_server.start(out, port=port)
    try:
        recorded = new_page(service_workers="block", viewport={"width": 1280, "height": 900})
        page = recorded.page
        page.goto(base)
        page.evaluate("window.__notReloaded = true")
        page.click('article a[href$="pathway-a/"]')
        page.wait_for_url(base + "pathway-a/")
        page.wait_for_function(DIAGRAMS_DRAWN, arg=2, timeout=30_000)
        assert page.evaluate("window.__notReloaded === true"), "the page was reloaded: no instant navigation"
        assert not recorded.requested(r"mermaid|viz")
        page.click('.md-sidebar--primary a.md-nav__link[href$="pathway-b/"]')
        page.wait_for_url(base + "pathway-b/")
        page.wait_for_function(DIAGRAMS_DRAWN, arg=2, timeout=30_000)
        assert page.evaluate("window.__notReloaded === true")
        recorded.assert_only_origin(base)
        assert not recorded.errors, recorded.errors
    finally:
        stop()
