"""Issue 5, end to end: staff add a 2026 round and a new honour to a copy of the data, run
`guantong build` once, and the wizard offers the round as its default deadline and the honour as an
answer that opens its level. Issue 25: the same edit adds a year's holidays, and the posting period of
the batch page's draft and of the pathway page's calculator runs into that year."""

from __future__ import annotations

from pathlib import Path


from .batch_support import load
from .wizard_support import A, WizardPage

ROOT = Path(__file__).resolve().parents[2]


def test_the_wizard_defaults_to_the_new_round_and_knows_the_new_honour(staff_site, serve_dir, new_page):
    base = serve_dir(staff_site)
    w = WizardPage(new_page(viewport={"width": 390, "height": 844}), base).open()
    w.answer("direction", A)
    w.expect_question("deadline")
    w.wait_engine()
    w.page.wait_for_selector("#gt-wizard form[data-gt-question=deadline] input[type=radio]:checked")
    assert w.page.locator("#gt-wizard form[data-gt-question=deadline] input[type=radio]:checked").count() == 1
    checked_label = w.page.evaluate(
        "() => { const i = document.querySelector('#gt-wizard form[data-gt-question=deadline] input[type=radio]:checked');"
        " return i.labels[0].innerText; }"
    )
    assert "2026年6月30日" in checked_label and "通知（测试）" in checked_label
    w.cont()
    w.answer("employed_in_huangshi", "是")
    w.answer("skill_post", "是")
    w.expect_question("skill_levels")
    w.choose("高级工（三级）").type("取得高级工（三级）的日期", "2026-01-10")
    w.cont()
    w.expect_question("months_out_of_skill_work")
    w.type("#gt-months_out_of_skill_work", "0").cont()
    w.expect_question("honors")
    w.choose("黄石市金牌职工")
    w.cont()
    w.answer("studio", "不是领办人")
    w.answer("series", "工程技术系列")
    w.answer("speciality_matches", "是")
    w.answer("annual_assessment_passed", "是")
    w.answer("integrity_record", "否")
    rows = dict(w.expect_check())
    assert "黄石市金牌职工" in rows["您获得过下列荣誉吗？"]
    w.page.get_by_role("button", name="查看结果").click()
    result = w.expect_result()
    assert result["levels"]["assistant"]["status"] == "eligible"
    assert "黄石市金牌职工" in result["levels"]["assistant"]["text"]
    assert "2026" in result["panel"]


def test_a_year_of_holidays_staff_added_counts_in_the_posting_period(staff_site, serve_dir, new_page):
    base = serve_dir(staff_site)
    rec = new_page(viewport={"width": 1280, "height": 900})
    page = rec.page
    # The pathway page's calculator: 28 December, four working days, then 1–3 January off, Monday the 4th.
    page.goto(base + "pathway-a/")
    page.fill("#gt-posting-start", "2026-12-28")
    page.wait_for_function("() => document.querySelector('[data-gt-posting-calc] output').dataset.end === '2027-01-04'")
    # The batch page's draft.
    page.goto(base + "batch/")
    page.wait_for_selector("#gt-batch[data-mounted]")
    load(
        page,
        {
            "name": "名单.csv",
            "mimeType": "text/csv",
            "buffer": (
                "姓名,申报方向,单位在黄石市,一线或技能岗位,技师取得日期,中断技能工作月数,申报系列,专业与工种相同或相近,近3年年度考核合格,弄虚作假记录\n"
                "王五,职称,是,是,2019-06-30,0,工程技术,是,是,否\n"
            ).encode(),
        },
    )
    page.fill("#gt-notice-employer", "黄石市某某有限公司")
    page.fill("#gt-notice-start", "2026-12-28")
    with page.context.expect_page() as popup:
        page.get_by_role("button", name="生成并打印公示草稿").click()
    popup.value.wait_for_load_state()
    assert "2027年1月4日" in popup.value.inner_text("body")
    assert page.inner_text("[data-gt-period]").startswith("公示期：2026年12月28日 至 2027年1月4日")
    rec.assert_only_origin(base)
    assert not rec.errors
