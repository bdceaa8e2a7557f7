"""Privacy (issue 7): answers stay in the browser, and the site says so.

- The 隐私说明 page is in the navigation, in every page's footer and on the wizard's screens, and names
  what is stored (the localStorage keys, the service-worker caches) and how to clear it.
- With the service worker blocked (so nothing is answered from a cache behind the test's back), once
  the engine is ready, both pathways to their results, the check page and the share link send no request
  at all: nothing but the favicon Chromium re-reads on a history entry.
- A share link keeps the answers in its fragment: no request of a visit, from the page or its workers,
  carries them (in its path or its query); what the browser keeps is only the documented keys, and
  there are no cookies.
"""

from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit

from .wizard_support import REPO, WizardPage, decode_share, eligible_journey, short_journey_b, wizard  # noqa: F401 - fixture

STORAGE = """() => ({local: Object.keys(localStorage), session: Object.keys(sessionStorage), cookie: document.cookie})"""


def test_the_privacy_page_is_linked_everywhere(built_site):
    page = (built_site / "privacy" / "index.html").read_text(encoding="utf-8")
    for words in (
        "隐私说明",
        "不会发送到任何服务器",
        "guantong-wizard:v1",
        "__palette",
        "guantong-wizard-",
        "清除我的回答",
        "不使用 Cookie",
        "统计分析",
        "#share=",
    ):
        assert words in page, words
    for html in built_site.rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        if html.parent.name == "assets" or "md-footer" not in text:
            continue
        footer = text[text.index('class="md-copyright') :]
        assert re.search(r'<a href="[^"]*">隐私说明</a>', footer), f"{html}: footer without 隐私说明"
    assert '<a href="privacy/" class="md-nav__link">' in (built_site / "index.html").read_text(encoding="utf-8") or re.search(
        r'href="[^"]*privacy/"[^>]*class="md-nav__link', (built_site / "faq" / "index.html").read_text(encoding="utf-8")
    )


def test_no_request_after_the_engine_is_ready_and_answers_only_in_the_fragment(wizard):
    w: WizardPage = wizard(service_workers="block")
    # Requests of the page *and* its workers, with the resource type, from the first one.
    log: list[tuple[str, str]] = []
    w.page.context.on("request", lambda r: log.append((r.url, r.resource_type)))
    w.open().wait_engine()
    tools = w.page.locator("[data-gt-tools] a[href$='privacy/']")  # Material may have made it absolute
    assert tools.count() == 1, (
        w.page.url,
        w.page.evaluate("document.getElementById('gt-wizard').outerHTML.slice(0, 3000)"),
        w.recorded.errors,
        w.recorded.console[-10:],
    )
    ready = len(log)
    w.open = lambda *args: w  # eligible_journey opens the page: it is open, and stays so
    result = eligible_journey(w)
    assert "您可以申报：中级职称" in result["panel"]
    share = w.share_link()
    w.page.get_by_role("button", name="清除我的回答").click()
    w.page.get_by_role("button", name="确定清除").click()
    assert short_journey_b(w)["highest"] == "senior_technician"
    after = [url for url, _ in log[ready:] if not url.endswith("/favicon.png")]
    assert after == [], f"requests after the engine was ready: {after}"

    # The share link: the answers are in the fragment, which no request carries.
    parts = urlsplit(share)
    assert parts.path.endswith("/wizard/") and not parts.query and parts.fragment.startswith("share=")
    shared = decode_share(share)["a"]
    assert shared["direction"] == "skill_to_title" and shared["series"]
    fresh = wizard(service_workers="block")
    requests: list[str] = []
    fresh.page.context.on("request", lambda r: requests.append(r.url))
    fresh.page.goto(share)
    fresh.wait_engine().expect_result()
    assert "您可以申报：中级职称" in fresh.page.inner_text(".gt-panel")
    assert requests and all(urlsplit(url).fragment == "" for url in requests)
    leaks = [
        url
        for url in requests
        for value in ("share=", parts.fragment[6:20], "全国五一", "2020-09-01", "楚天名匠", "skill_to_title", "engineering")
        if value in unquote(url)
    ]
    assert leaks == [], leaks
    assert all(not urlsplit(url).query for url in requests), [u for u in requests if urlsplit(u).query]
    # What the browser keeps: the keys the privacy page lists, no cookies.
    kept = fresh.page.evaluate(STORAGE)
    listed = set(re.findall(r"`(guantong-[^`]+:v\d+)`", (REPO / "docs" / "privacy.md").read_text(encoding="utf-8")))
    assert {"guantong-wizard:v1", "guantong-engine:v1", "guantong-where:v1"} <= listed
    assert set(kept["local"]) <= listed | {k for k in kept["local"] if k.endswith("__palette")}, kept
    assert kept["cookie"] == "" and fresh.page.context.cookies() == []
