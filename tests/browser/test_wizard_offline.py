"""Offline and network behaviour of the wizard.

- After one visit, with the browser offline *and* the server stopped, a reload completes a journey
  (the service worker serves the page, the engine and Pyodide from its caches).
- A whole journey makes no request to any other host; once the engine is ready and everything is
  stored for offline use, answering, going back, checking, the result and sharing make no request at all.
"""

from __future__ import annotations

import re
import shutil

from build_scripts.server import static as static_server
from .wizard_support import B, REPO, WizardPage, short_journey_b, wizard  # noqa: F401 - fixture


def test_offline_after_one_visit(built_site, new_page):
    server = static_server
    base, stop = server.start(built_site)
    try:
        w = WizardPage(new_page(viewport={"width": 390, "height": 844}), base)
        w.open().wait_offline_ready()
        assert w.page.evaluate("!!navigator.serviceWorker.controller")
    finally:
        stop()  # nothing answers on that port any more
    w.page.context.set_offline(True)
    before = len(w.recorded.requests)
    w.page.reload()
    w.expect_question("direction")
    w.wait_engine()
    result = short_journey_b(w)
    assert "您可以申报：高级技师（一级）" in result["panel"]
    assert result["highest"] == "senior_technician"
    assert w.page.get_attribute("#gt-wizard", "data-offline") == "ready"
    assert not w.recorded.errors, (w.recorded.errors, w.recorded.console, w.recorded.failed)
    # What the reload asked for was answered from the service worker's caches.
    assert w.recorded.requested(r"/wizard/pyodide/pyodide\.asm\.[0-9a-f]+\.wasm$")
    assert len(w.recorded.requests) > before


def test_only_local_requests_and_none_while_answering(wizard):
    w: WizardPage = wizard()
    # Everything that reached the server: responses not produced by the service worker (this includes
    # the service worker's own fetches) and requests that failed.
    network: list[str] = []
    context = w.page.context
    context.on("response", lambda response: None if response.from_service_worker else network.append(response.url))
    context.on("requestfailed", lambda request: network.append(f"{request.url} (failed)"))
    w.open().wait_offline_ready()
    assert w.recorded.requested(r"/wizard/pyodide/pyodide\.asm\.[0-9a-f]+\.wasm$"), "worker requests are recorded"
    assert any(re.search(r"/wizard/pyodide/pyodide\.asm\.[0-9a-f]+\.wasm$", url) for url in network)
    ready_at, asked_at = len(network), len(w.recorded.requests)

    result = short_journey_b(w)
    assert result["highest"] == "senior_technician"
    # Back to the check page, change an answer, result again, share link.
    w.click_link("修改回答")
    w.expect_check()
    w.page.get_by_role("link", name="修改：您有该职业（工种）相关专业的毕业证书吗？").click()
    w.answer("related_major", "是")
    w.expect_check()
    w.page.go_back()
    w.expect_question("related_major")
    w.page.go_forward()
    w.expect_check()
    w.page.get_by_role("button", name="查看结果").click()
    w.expect_result()
    w.page.get_by_role("button", name="分享结果链接").click()

    after = network[ready_at:]
    assert after == [], f"requests while answering: {after}"
    # The page itself asked for nothing but what the browser re-reads on every history entry (its
    # favicon), and the service worker answered that from its cache.
    asked = set(w.recorded.requests[asked_at:])
    assert all(url.endswith("/favicon.png") for url in asked), asked
    w.recorded.assert_only_origin(w.base)
    assert not w.recorded.failed, w.recorded.failed
    assert not w.recorded.errors, w.recorded.errors


def test_a_new_deployment_replaces_the_old_cache(built_site, serve_dir, new_page, tmp_path):
    """After a visit, the site is deployed again with a changed file: the browser installs the new service
    worker, which deletes the old cache, and the page offers to reload."""
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    base = serve_dir(site)
    w = WizardPage(new_page(viewport={"width": 390, "height": 844}), base)
    w.open().wait_offline_ready()
    caches = "() => caches.keys()"
    before = [name for name in w.page.evaluate(caches) if name.startswith("guantong-wizard-shell-")]
    assert len(before) == 1

    from build_scripts.wizard import bundle as wb
    from build_scripts.wizard import writing as wizard_writing

    (site / "sitemap.xml").write_text((site / "sitemap.xml").read_text(encoding="utf-8") + "\n<!-- redeployed -->\n", encoding="utf-8")
    summary = wizard_writing.write_bundle(wb.build_bundle(), site)
    assert summary["shell_cache"] != before[0]

    w.page.reload()  # the browser checks sw.js on navigation and finds a new one
    w.page.wait_for_selector("[data-gt-banner]:not([hidden])", timeout=60_000)
    assert "已更新" in w.page.inner_text("[data-gt-banner]")
    w.page.wait_for_function(
        "([old, fresh]) => caches.keys().then(k => !k.includes(old) && k.includes(fresh))",
        arg=[before[0], summary["shell_cache"]],
        timeout=60_000,
    )
    assert summary["engine_cache"] in w.page.evaluate(caches), "Pyodide's cache is kept: it did not change"


def test_works_when_storage_is_refused(wizard):
    w: WizardPage = wizard()
    w.page.add_init_script(
        """Object.defineProperty(window, 'localStorage', {get() { throw new DOMException('denied', 'SecurityError'); }});"""
    )
    w.open()
    assert "不允许保存数据" in w.page.inner_text("[data-gt-tools]")
    w.answer("direction", B)
    w.answer_deadline("2026-06-30")
    w.expect_question("titles")
    # (Material's own scripts may complain about the refused storage; the wizard carries on.)
    w.wait_engine()
