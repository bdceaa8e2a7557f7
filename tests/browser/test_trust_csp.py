"""Content Security Policy (issue 7): one policy on every page, and no page or wizard screen breaks it.

- Every built page declares the same policy in a <meta> before any script: scripts and workers from the
  site only, WebAssembly allowed, inline scripts only by hash, no other host; the hashes cover every
  inline script of every page (instant navigation keeps the first page's policy).
- deploy/guantong-site.conf sends that policy as a header (``python -m build_scripts.site.csp SITE --nginx`` rewrites it).
- In Chromium, with the policy as <meta> *and* as a header (the test server sends it, so the wizard's
  worker and service worker run under it too): every page, the flowcharts, search, instant navigation
  and both wizard pathways to their result report zero violations.
"""

from __future__ import annotations

import re

from .trust_support import REPO, csp_violations, site_pages, watch_csp
from .wizard_support import WizardPage, eligible_journey, short_journey_b


from build_scripts.site import csp as site_csp


def test_every_page_declares_one_strict_policy(built_site):
    policies = {}
    hashes = set()
    for page in sorted(built_site.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        policies[page.relative_to(built_site).as_posix()] = site_csp.page_policy(text)
        head = text[: text.index("</head>")]
        assert head.index('http-equiv="Content-Security-Policy"') < head.find("<script"), f"{page}: a script before the policy"
        hashes |= {site_csp.script_hash(body) for body in site_csp.inline_scripts(text)}
    assert len(policies) >= 11 and None not in policies.values(), policies
    assert len(set(policies.values())) == 1, "every page carries the same policy"
    policy = next(iter(policies.values()))
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    script = directives["script-src"].split()
    assert script[:2] == ["'self'", "'wasm-unsafe-eval'"]
    assert set(script[2:]) == hashes and all(h.startswith("'sha256-") for h in script[2:])
    assert directives["worker-src"] == "'self'" and directives["connect-src"] == "'self'"
    assert directives["default-src"] == "'self'" and directives["object-src"] == "'none'"
    assert "'unsafe-eval'" not in policy and "'unsafe-inline'" not in directives["script-src"]
    assert not re.search(r"https?:|\*", policy), "no other host, no wildcard"
    # The nginx example sends the same policy as a header (plus frame-ancestors, which a <meta> cannot set).
    assert site_csp.nginx_policy(REPO / "deploy" / "guantong-site.conf") == site_csp.header_policy(policy), (
        "deploy/guantong-site.conf's CSP is out of date: run `python -m build_scripts.site.csp site --nginx deploy/guantong-site.conf`"
    )


def test_no_violation_on_any_page_with_search_and_instant_navigation(built_site, serve_dir, new_page):
    base = serve_dir(built_site)
    recorded = new_page(viewport={"width": 1280, "height": 900})
    watch_csp(recorded)
    page = recorded.page
    response = page.goto(base)
    assert "script-src 'self'" in response.headers["content-security-policy"], "the test server sends the policy"
    seen = []
    for url in site_pages(built_site):
        page.goto(base + url)
        page.wait_for_load_state("load")
        seen.append(url)
        assert csp_violations(recorded) == [], f"on /{url}"
    # Search (a worker from the site) and instant navigation to the pages with inline scripts.
    page.goto(base)
    page.click("input.md-search__input")
    page.fill("input.md-search__input", "技师")
    page.press("input.md-search__input", "End")  # Material searches on keyup
    page.wait_for_selector(".md-search-result__item", timeout=30_000)
    page.goto(base + "faq/")
    page.locator("a.md-nav__link[href$='pathway-a/']:visible").first.click()
    page.wait_for_url(re.compile(r"/pathway-a/$"))
    page.wait_for_selector("figure.gt-chart svg g.node", timeout=30_000)
    page.locator("a.md-nav__link[href$='wizard/']:visible").first.click()
    page.wait_for_url(re.compile(r"/wizard/"))
    page.wait_for_selector("#gt-wizard[data-screen]", timeout=30_000)
    assert "wizard/" in seen and "404.html" in seen
    assert csp_violations(recorded) == []
    assert not recorded.errors, recorded.errors
    recorded.assert_only_origin(base)
    # The watch itself works: a script the site did not ship is refused, and seen.
    page.evaluate("document.head.append(Object.assign(document.createElement('script'), {textContent: 'window.__gtInjected = 1'}))")
    page.wait_for_function("window.__gtCsp.length > 0")
    assert page.evaluate("window.__gtInjected") is None
    assert any("script-src" in v for v in csp_violations(recorded))


def test_no_violation_through_both_wizard_pathways(built_site, serve_dir, new_page):
    base = serve_dir(built_site)
    recorded = new_page(viewport={"width": 390, "height": 844})
    watch_csp(recorded)
    w = WizardPage(recorded, base)
    result = eligible_journey(w)  # pathway A: the engine in its worker, under the header policy
    assert "您可以申报：中级职称" in result["panel"]
    w.page.get_by_role("button", name="分享结果链接").click()
    w.open().wait_offline_ready()  # the service worker, also under the policy
    w.page.get_by_role("button", name="清除我的回答").click()
    w.page.get_by_role("button", name="确定清除").click()
    assert short_journey_b(w)["highest"] == "senior_technician"
    assert csp_violations(recorded) == []
    assert not recorded.errors, recorded.errors
