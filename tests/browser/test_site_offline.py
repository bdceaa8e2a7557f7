"""The whole site offline after one wizard visit (issue 13): with the server stopped and the browser
offline, a result's clause link opens the notice at that clause, both pathway pages open, and search
finds a word; a page never visited gets the site's Chinese offline page with links to what is kept. A visitor who never
opens the wizard gets no service worker, and so never downloads the engine."""

from __future__ import annotations

import base64
import json

from build_scripts.sample_answers import RESULT_PEOPLE
from build_scripts.server import static as static_server

from .wizard_support import WizardPage

ANSWERS = RESULT_PEOPLE["A eligible"][0]  # pathway A, a technician since 2019: 中级


def test_the_notice_pathway_pages_and_search_work_offline_after_a_wizard_visit(built_site, new_page):
    base, stop = static_server.start(built_site)
    try:
        w = WizardPage(new_page(viewport={"width": 390, "height": 844}), base)
        share = base64.urlsafe_b64encode(json.dumps({"a": ANSWERS, "s": []}).encode()).decode().rstrip("=")
        w.open(f"#share={share}").wait_offline_ready()
        assert w.page.evaluate("navigator.serviceWorker.controller.scriptURL") == base + "sw.js"
        assert w.page.evaluate("navigator.serviceWorker.getRegistration().then(r => r.scope)") == base
    finally:
        stop()  # nothing answers on that port any more
    page = w.page
    page.context.set_offline(True)
    page.reload()
    w.expect_result()
    link = page.locator(".gt-level a.gt-clause").first
    href = link.get_attribute("href")
    assert href.startswith("../policy/#c-")
    link.click()
    page.wait_for_url(f"{base}policy/{href[len('../policy/') :]}")
    anchor = href.split("#", 1)[1]
    assert page.locator(f"[id='{anchor}']").count() == 1 and page.locator(f"[id='{anchor}']").is_visible()
    for url, heading in (("pathway-a/", "高技能人才"), ("pathway-b/", "专业技术人才")):
        page.goto(base + url)
        assert heading in page.inner_text("h1"), url
        assert page.locator("figure.gt-chart svg").count() == 2
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(base + "faq/")
    page.click("input.md-search__input")
    page.fill("input.md-search__input", "公示")
    page.press("input.md-search__input", "End")  # Material searches on keyup
    page.wait_for_selector(".md-search-result__item", timeout=30_000)
    assert page.locator(".md-search-result__item").count() >= 1
    # Pages not kept yet answer with the site's Chinese offline page, linking to what is kept (issue 23).
    for url in ("batch/", "changes/", "staff/"):
        page.goto(base + url)
        assert "没有网络，这一页暂时打不开" in page.inner_text("h1"), url
        assert page.locator("article a[href$='wizard/']").count() >= 1
    page.locator("article a[href$='pathway-b/']").first.click()
    page.wait_for_url(f"{base}pathway-b/")
    assert not w.recorded.errors, w.recorded.errors


def test_a_visitor_who_never_opens_the_wizard_gets_no_service_worker(built_site, serve_dir, new_page):
    base = serve_dir(built_site)
    recorded = new_page(viewport={"width": 390, "height": 844})
    for url in ("", "pathway-a/", "policy/", "faq/"):
        recorded.page.goto(base + url, wait_until="load")
    recorded.page.wait_for_timeout(500)
    assert recorded.page.evaluate("navigator.serviceWorker.getRegistrations().then(r => r.length)") == 0
    assert not recorded.requested(r"/wizard/(pyodide|engine)/")
