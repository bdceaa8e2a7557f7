"""Free text is inert (issue 7): whatever a worker types, or a crafted share link carries, is shown as
text, exactly as typed, on the question, the error summary, the check page, the result, its print view
and the share link; nothing in it runs.

Payloads go in through the wizard's own fields (other honours' names, another series, the occupation, a
date field) and through crafted ``#share=`` links (also as an answers *key*, which the engine refuses by
name). After each screen: the payload's marker ``window.__gtXss`` is unset, no dialog opened, no element
the payload could make (img, script, iframe, svg, a javascript: link, an on* attribute) is in the page,
and the site's Content Security Policy saw nothing to refuse (it would have blocked an injected script,
so the DOM checks are what prove the escaping; the policy is the second wall).
"""

from __future__ import annotations

from urllib.parse import urlsplit

from .trust_support import csp_violations, watch_csp
from .wizard_support import A, B, WizardPage, decode_share, share_fragment, wizard  # noqa: F401 - fixture

PAYLOADS = [
    '<img src=x onerror="window.__gtXss=1;alert(1)">',
    "<script>window.__gtXss=2;alert(2)</script>",
    "javascript:window.__gtXss=3;alert(3)",
    '"><svg onload="window.__gtXss=4">',
    '\'><iframe srcdoc="<script>parent.__gtXss=5</script>"></iframe>',
    '<a href="javascript:window.__gtXss=6">点我</a>',
    "&lt;b&gt;实体&amp;符号&lt;/b&gt; &#60;i&#62;",
    "${window.__gtXss=7}{{constructor.constructor('window.__gtXss=8')()}}",
    '<details open ontoggle="window.__gtXss=9">',
]

INJECTED = """() => {
  const root = document.querySelector('#gt-wizard');
  const made = [...root.querySelectorAll('img:not(.gt-card__image[src^="data:image/png;base64,"]), script, iframe, svg:not(.gt-qr__code):not(.gt-where__figure), object, embed, details[ontoggle], b, i')].map(e => e.outerHTML.slice(0, 80));
  const handlers = [...root.querySelectorAll('*')].flatMap(e => [...e.attributes].filter(a => /^on/i.test(a.name)).map(a => `${e.tagName} ${a.name}`));
  const links = [...document.querySelectorAll('a[href]')].filter(a => /^\\s*javascript:/i.test(a.getAttribute('href'))).map(a => a.outerHTML.slice(0, 80));
  return [...made, ...handlers, ...links];
}"""


def open_wizard(wizard) -> tuple[WizardPage, list]:
    w: WizardPage = wizard()
    watch_csp(w.recorded)
    dialogs: list[str] = []

    def on_dialog(dialog):
        dialogs.append(dialog.message)
        dialog.dismiss()

    w.page.on("dialog", on_dialog)
    return w, dialogs


def assert_inert(w: WizardPage, dialogs: list, where: str) -> None:
    w.page.wait_for_timeout(100)  # an onerror/onload would have fired by now
    assert w.page.evaluate("window.__gtXss") is None, f"a payload ran on {where}"
    assert dialogs == [], f"a dialog opened on {where}: {dialogs}"
    assert w.page.evaluate(INJECTED) == [], f"markup from a payload on {where}"
    assert csp_violations(w.recorded) == [], where
    assert not w.recorded.errors, (where, w.recorded.errors)


def shows(w: WizardPage, payload: str, selector: str = "#gt-wizard") -> bool:
    return payload in w.page.inner_text(selector)


def test_payloads_typed_into_the_wizard_stay_text(wizard):
    w, dialogs = open_wizard(wizard)
    w.open().wait_engine()
    # Pathway A: every payload as the name of an "other" honour, one as another series.
    w.answer("direction", A)
    w.answer_deadline("2026-06-30")
    w.answer("employed_in_huangshi", "是")
    w.answer("skill_post", "是")
    w.expect_question("skill_levels")
    w.choose("技师（二级）").type("取得技师（二级）的日期", "2020/9/1").cont()
    w.expect_question("months_out_of_skill_work")
    w.type("#gt-months_out_of_skill_work", "0").cont()
    w.expect_question("honors")
    for r, payload in enumerate(PAYLOADS):
        w.page.get_by_role("button", name="添加一项其他荣誉").click()
        w.type(f"#gt-honors-other-{r}-name", payload)
    w.page.select_option("#gt-honors-other-0-tier", "deputy_senior")
    assert_inert(w, dialogs, "the honours question")
    w.cont()
    w.answer("studio", "不是领办人")
    w.expect_question("series")
    w.choose("其他系列").type("#gt-series-other", PAYLOADS[0]).cont()
    w.answer("speciality_matches", "是")
    w.answer("annual_assessment_passed", "是")
    w.answer("integrity_record", "否")
    rows = dict(w.expect_check())
    assert_inert(w, dialogs, "the check page")
    honours = rows["您获得过下列荣誉吗？"]
    assert all(p in honours for p in PAYLOADS), honours
    assert rows["您想申报哪个系列的职称？"] == PAYLOADS[0]
    # Back on the question, the fields hold exactly what was typed.
    w.page.get_by_role("link", name="修改：您获得过下列荣誉吗？").click()
    w.expect_question("honors")
    assert [w.page.input_value(f"#gt-honors-other-{r}-name") for r in range(len(PAYLOADS))] == PAYLOADS
    assert_inert(w, dialogs, "the honours question, changing")
    w.cont()
    w.expect_check()
    w.page.get_by_role("button", name="查看结果").click()
    w.expect_result()
    assert shows(w, f"没有认出“{PAYLOADS[0]}”是哪个职称系列"), "the engine's message quotes the series as typed"
    assert shows(w, f"“{PAYLOADS[2]}”不在通知所列荣誉名单中")
    assert_inert(w, dialogs, "the result")
    w.page.emulate_media(media="print")
    assert shows(w, f"没有认出“{PAYLOADS[0]}”是哪个职称系列")
    assert_inert(w, dialogs, "the print view")
    w.page.emulate_media(media="screen")
    # The share link carries the text as typed, in its fragment only.
    url = w.share_link()
    shared = decode_share(url)["a"]
    assert [h["name"] for h in shared["honors"]] == PAYLOADS and shared["series"] == PAYLOADS[0]
    assert not urlsplit(url).query and urlsplit(url).path.endswith("/wizard/")

    # Pathway B: a payload as the occupation, another in a date field (an error that keeps the text).
    w.page.get_by_role("button", name="清除我的回答").click()
    w.page.get_by_role("button", name="确定清除").click()
    w.answer("direction", B)
    w.expect_question("deadline")
    other = w.page.get_by_label("其他日期", exact=True)
    if other.count():
        other.check()
    w.type("#gt-deadline", PAYLOADS[1]).cont()
    w.page.wait_for_selector("[data-gt-summary]:not([hidden])")
    assert w.page.input_value("#gt-deadline") == PAYLOADS[1]
    assert_inert(w, dialogs, "a date error")
    w.answer_deadline("2026-06-30")
    w.title_to_work_start("副高级", "2018-12-01", PAYLOADS[3])
    w.type("#gt-work_start", "2000/3/1").cont()
    w.expect_question("months_out_of_work")
    w.cont()
    w.expect_question("required_years")
    w.choose("不确定").cont()
    w.answer("related_major", "否")
    w.answer("integrity_record", "否")
    rows = dict(w.expect_check())
    assert rows["您想申报哪个职业（工种）？"] == PAYLOADS[3]
    assert_inert(w, dialogs, "the check page (pathway B)")
    w.page.get_by_role("button", name="查看结果").click()
    w.expect_result()
    assert shows(w, f"“{PAYLOADS[3]}”")
    assert_inert(w, dialogs, "the result (pathway B)")


def test_payloads_in_a_crafted_share_link_stay_text(wizard):
    w, dialogs = open_wizard(wizard)
    answers = {
        "direction": "skill_to_title",
        "deadline": "2026-06-30",
        "employed_in_huangshi": True,
        "skill_post": True,
        "skill_levels": {"technician": "2020-09-01"},
        "months_out_of_skill_work": 0,
        "honors": [{"name": p, "tier": "deputy_senior"} if i == 0 else {"name": p} for i, p in enumerate(PAYLOADS)],
        "studio": None,
        "series": PAYLOADS[1],
        "speciality_matches": True,
        "annual_assessment_passed": True,
        "integrity_record": False,
    }
    w.open(share_fragment(answers)).wait_engine()
    w.expect_result()
    assert shows(w, f"没有认出“{PAYLOADS[1]}”是哪个职称系列")
    assert_inert(w, dialogs, "a shared result")
    w.page.emulate_media(media="print")
    assert_inert(w, dialogs, "a shared result's print view")
    w.page.emulate_media(media="screen")
    w.click_link("修改回答")
    rows = dict(w.expect_check())
    assert all(p in rows["您获得过下列荣誉吗？"] for p in PAYLOADS)
    assert_inert(w, dialogs, "a shared check page")

    # Pathway B with the occupation; then answers the engine refuses (a payload as a value of the wrong
    # kind: the refusal, which quotes it, is shown on its question as text) or ignores (as a key).
    b = {
        "direction": "title_to_skill",
        "deadline": "2026-06-30",
        "titles": {"deputy_senior": "2018-12-01"},
        "technical_skill_post": True,
        "occupation": PAYLOADS[4],
        "occupation_matches": True,
        "work_years": 20,
        "related_major": False,
        "integrity_record": False,
    }
    w.open(share_fragment(b, ["required_years", "work_start"]))
    w.expect_result()
    assert shows(w, f"“{PAYLOADS[4]}”")
    assert_inert(w, dialogs, "a shared result (pathway B)")
    for crafted in (
        {**b, "deadline": PAYLOADS[0]},
        {**b, PAYLOADS[5]: PAYLOADS[6]},
        {**b, "titles": {PAYLOADS[8]: "2018-12-01"}},
        {"direction": PAYLOADS[2]},
    ):
        w.page.goto("about:blank")
        w.open(share_fragment(crafted, ["required_years", "work_start"]))
        # The engine's refusal on its question, the result, or (a direction the flow does not know) the
        # next question the page's walker asks.
        w.page.wait_for_selector(
            "[data-gt-summary]:not([hidden]), #gt-wizard[data-screen=result] .gt-panel, #gt-wizard[data-screen='question:deadline'] form",
            timeout=120_000,
        )
        assert_inert(w, dialogs, f"a refused share link {list(crafted)[-1]!r}")
    # A fragment that is not a share link at all.
    w.page.goto("about:blank")
    w.open("#share=" + "<img src=x onerror=alert(1)>")
    assert_inert(w, dialogs, "a broken share link")
    assert "分享链接不完整" in w.page.inner_text("[data-gt-tools]")
