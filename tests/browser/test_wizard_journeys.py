"""Journeys through the wizard as a person makes them: click, type, go back (the back link and the
browser's button), change an answer from the check page, and read the result.

Covered: pathway A eligible, not eligible (ended early), eligible-on (only time missing), undetermined;
pathway B eligible with eligible-on for the next level, undetermined, not eligible after changing the
pathway from the check page. Dates are typed the ways people type them.
"""

from __future__ import annotations

from .wizard_support import A, B, WizardPage, short_journey_a, wizard  # noqa: F401 - fixture


def test_first_question_is_on_screen_before_the_engine_is_ready(wizard):
    w: WizardPage = wizard()
    w.open()
    # The direction question comes from the flow exported at build time, not from Python.
    assert w.screen() == "question:direction"
    assert w.heading() == "您想走哪条贯通路径？"
    assert w.page.get_by_label(A, exact=True).is_visible()
    assert w.page.get_attribute("#gt-wizard", "data-engine") in ("loading", "ready")
    assert w.page.locator("[data-gt-engine] progress").count() == 1
    # Answering it before Python is ready is fine: the answer waits for the engine.
    w.choose(A).cont()
    w.expect_question("deadline")
    w.wait_engine()
    assert not w.recorded.errors


def test_pathway_a_eligible_with_back_link_browser_back_and_a_change(wizard):
    w: WizardPage = wizard()
    w.open().answer("direction", A)
    w.answer_deadline("2026/6/30")
    w.answer("employed_in_huangshi", "是")
    w.expect_question("skill_post")
    assert w.focused_id() == "gt-heading", "focus moves to the new question's heading"
    w.answer("skill_post", "是")
    w.expect_question("skill_levels")
    w.choose("高级工（三级）").type("取得高级工（三级）的日期", "2016-05-01")
    w.choose("技师（二级）").type("取得技师（二级）的日期", "2019年6月30日")
    w.cont()
    w.expect_question("months_out_of_skill_work")
    w.type("#gt-months_out_of_skill_work", "0").cont()
    w.answer("honors", "都没有获得")
    w.answer("studio", "不是领办人")
    w.answer("series", "工程技术系列")

    # The back link returns to the previous question with its answer kept.
    w.expect_question("speciality_matches")
    w.click_link("返回")
    w.expect_question("series")
    assert w.page.get_by_label("工程技术系列", exact=True).is_checked()
    w.cont()
    w.answer("speciality_matches", "是")
    w.answer("annual_assessment_passed", "是")

    # The browser's back button too.
    w.expect_question("integrity_record")
    w.page.go_back()
    w.expect_question("annual_assessment_passed")
    assert w.page.get_by_label("是", exact=True).is_checked()
    w.cont()
    w.answer("integrity_record", "否")

    rows = dict(w.expect_check())
    assert rows["您想走哪条贯通路径？"] == A
    assert rows["本轮申报的受理材料截止时间是哪一天？"] == "2026年6月30日"
    assert "技师（二级）：2019年6月30日" in rows["您取得了哪些职业资格或职业技能等级？各是哪一天取得的？"]
    assert rows["您获得过下列荣誉吗？"] == "没有"

    # Change an answer from the check page: back to the question, then back to the check page.
    w.click_link("修改：您获得过下列荣誉吗？")
    w.expect_question("honors")
    assert w.page.get_by_label("都没有获得", exact=True).is_checked()
    w.choose("全国技术能手").type("#gt-honors-7-date", "2021-10-01")
    w.cont()
    rows = dict(w.expect_check())
    assert rows["您获得过下列荣誉吗？"] == "全国技术能手（2021年10月1日）"

    w.page.get_by_role("button", name="查看结果").click()
    r = w.expect_result()
    assert "您可以申报：中级职称" in r["panel"]
    assert r["highest"] == "intermediate"
    assert r["levels"]["assistant"]["status"] == "eligible"
    assert r["levels"]["intermediate"]["status"] == "eligible"
    assert "全国技术能手" in r["levels"]["intermediate"]["text"]
    assert r["levels"]["deputy_senior"]["status"] == "not_eligible"
    assert r["levels"]["deputy_senior"]["tag"] == "不符合条件"
    # Every reason links to its clause on the notice page.
    assert "../policy/#c-2-4-1-3" in r["levels"]["deputy_senior"]["links"]
    assert any("水平能力测试" in s for s in r["steps"])
    assert any("0714-6513138" in s for s in r["steps"])
    assert w.page.locator(".gt-checklist li").count() > 0, "materials checklist"
    assert any("系列" in n for n in r["notes"])
    assert w.focused_id() == "gt-heading"
    assert not w.recorded.errors


def test_pathway_a_not_eligible_ends_early(wizard):
    w: WizardPage = wizard()
    w.open().answer("direction", A)
    w.answer_deadline(None)
    w.answer("employed_in_huangshi", "否")
    rows = w.expect_check()
    assert [q for q, _ in rows] == ["您想走哪条贯通路径？", "本轮申报的受理材料截止时间是哪一天？", "您的用人单位在黄石市吗？"]
    assert rows[1][1] == "未填写"
    assert "已经可以得出结论" in w.page.inner_text("#gt-wizard")
    w.page.get_by_role("button", name="查看结果").click()
    r = w.expect_result()
    assert "不符合申报条件" in r["panel"]
    assert r["highest"] == ""
    for level in r["levels"].values():
        assert level["status"] == "not_eligible"
        assert "../policy/#c-2-1" in level["links"]
    assert "用人单位不在黄石市" in r["levels"]["assistant"]["text"]
    assert "暂按今天" in r["text"], "no deadline given: the result says it counted to today"


def test_pathway_a_eligible_on_a_later_date(wizard):
    w: WizardPage = wizard()
    w.open().answer("direction", A)
    w.answer_deadline("2026-06-30")
    w.answer("employed_in_huangshi", "是")
    w.answer("skill_post", "是")
    w.expect_question("skill_levels")
    w.choose("高级工（三级）").type("取得高级工（三级）的日期", "2025.3.1")
    w.cont()
    w.expect_question("months_out_of_skill_work")
    w.cont()  # optional: left empty
    w.answer("honors", "都没有获得")
    w.answer("studio", "不是领办人")
    w.answer("series", "工程技术系列")
    w.answer("speciality_matches", "是")
    w.answer("annual_assessment_passed", "是")
    w.answer("integrity_record", "否")
    rows = dict(w.expect_check())
    assert rows["取得这些等级后，您有没有中断从事技术技能工作？共几个月？"] == "未填写"
    w.page.get_by_role("button", name="查看结果").click()
    r = w.expect_result()
    assert "目前还不符合申报条件" in r["panel"]
    assert "自 2027年3月1日 起可申报助理级职称" in r["panel"]
    assistant = r["levels"]["assistant"]
    assert assistant["status"] == "not_eligible"
    assert "自 2027年3月1日 起符合条件" in assistant["text"]
    assert "../policy/#c-2-4-1-1" in assistant["links"]
    assert any("2027年3月1日" in s for s in r["steps"])  # one date style on the screen (issue 23)


def test_pathway_a_undetermined_with_date_errors(wizard):
    w: WizardPage = wizard()
    w.open().answer("direction", A)
    w.answer_deadline("2026年6月30日")
    w.answer("employed_in_huangshi", "是")
    w.answer("skill_post", "不确定")
    w.expect_question("skill_levels")
    w.choose("技师（二级）").type("取得技师（二级）的日期", "2019-02-30")
    w.cont()
    # The engine refuses the impossible date: the message is beside the field and nothing typed is lost.
    w.page.wait_for_selector("[data-gt-summary]:not([hidden])")
    assert w.page.get_attribute("[data-gt-summary]", "role") == "alert"
    assert "日期 2019-02-30 不存在" in w.field_error("gt-skill_levels-technician-date")
    assert w.page.input_value("#gt-skill_levels-technician-date") == "2019-02-30"
    assert w.page.get_attribute("#gt-skill_levels-technician-date", "aria-invalid") == "true"
    assert w.page.evaluate("document.activeElement.matches('[data-gt-summary]')"), "focus moves to the error summary"
    w.type("取得技师（二级）的日期", "abc")
    w.cont()
    error = w.field_error("gt-skill_levels-technician-date")
    assert "没有看懂这个日期" in error and "2019.6 或 2019年6月" in error and "技师（二级）：" not in error
    # A date after the deadline: a warning beside the field, then a second 继续 accepts it.
    w.type("取得技师（二级）的日期", "2018/7/1")
    w.choose("高级技师（一级）").type("取得高级技师（一级）的日期", "2026-12-01")
    w.cont()
    w.page.wait_for_selector("[data-gt-warning]:not([hidden])")
    assert "晚于您填写的受理材料截止时间（2026年6月30日）" in w.field_error("gt-skill_levels-senior_technician-date")
    w.cont()
    rows = dict(w.finish_a(months="3个月", series="不确定"))
    assert rows["您在生产一线或技能岗位工作吗？"] == "不确定"
    assert rows["您想申报哪个系列的职称？"] == "不确定"
    w.page.get_by_role("button", name="查看结果").click()
    r = w.expect_result()
    assert "暂时无法确定" in r["panel"]
    assert r["levels"]["assistant"]["status"] == "undetermined"
    assert r["levels"]["intermediate"]["status"] == "undetermined"
    assert r["levels"]["intermediate"]["tag"] == "待定"
    assert "尚未回答申报的职称系列" in r["levels"]["intermediate"]["text"]
    assert any("高级技师" in n and "晚于本轮受理材料截止时间" in n for n in r["notes"])


def test_a_date_known_to_the_month_gives_the_t8_result(wizard):
    """Issue 30: 2023.6 is read as June 2023 (the field says so), the deadline alone must be whole, and a
    month straddling the day that decides gives 待定 with the date that decides it."""
    w: WizardPage = wizard()
    w.open().answer("direction", A)
    w.answer_deadline("2026.6")
    assert w.field_error("gt-deadline").endswith("这里要写完整的年、月、日，例如 2026-06-30")
    w.answer_deadline("2026-06-15")
    w.answer("employed_in_huangshi", "是")
    w.answer("skill_post", "是")
    w.expect_question("skill_levels")
    w.choose("高级工（三级）").type("取得高级工（三级）的日期", "2019")
    w.choose("技师（二级）").type("取得技师（二级）的日期", "2023.6")
    assert w.page.text_content("#gt-skill_levels-technician-date-understood") == "您填写的是：2023年6月（具体日期不清楚）"
    assert w.page.text_content("#gt-skill_levels-senior_worker-date-understood") == "您填写的是：2019年（具体日期不清楚）"
    w.type("取得技师（二级）的日期", "2023年13月")
    w.cont()
    assert w.field_error("gt-skill_levels-technician-date").endswith("\n月份 13 不存在（应为 1 到 12 月）")
    w.type("取得技师（二级）的日期", "2023年6月")
    w.cont()
    rows = dict(w.finish_a(months="没有"))
    assert "技师（二级）：2023年6月" in rows["您取得了哪些职业资格或职业技能等级？各是哪一天取得的？"]
    w.page.get_by_role("button", name="查看结果").click()
    r = w.expect_result()
    assert r["levels"]["assistant"]["status"] == "eligible"
    intermediate = r["levels"]["intermediate"]
    assert intermediate["status"] == "undetermined"
    assert "取得技师的日期只填到 2023年6月" in intermediate["text"]
    assert "若不晚于 2023年6月15日，即符合申报中级职称的条件" in intermediate["text"]


def test_pathway_b_eligible_and_next_level_eligible_on(wizard):
    w: WizardPage = wizard()
    w.open().answer("direction", B)
    w.answer_deadline("2026-06-30")
    w.title_to_work_start("中级", "2015/7/1", "电工")
    w.type("#gt-work_start", "2005-09-01").cont()
    w.expect_question("months_out_of_work")
    w.type("#gt-months_out_of_work", "0").cont()
    w.expect_question("required_years")
    w.type("申报高级工（三级）", "8").type("申报技师（二级）", "12").type("申报高级技师（一级）", "25")
    w.cont()
    w.answer("related_major", "是")
    w.answer("integrity_record", "否")
    rows = dict(w.expect_check())
    assert rows["您想申报哪个职业（工种）？"] == "电工"
    assert "高级技师（一级）：25 年" in rows["该职业申报各等级要求累计工作多少年？"]
    w.page.get_by_role("button", name="查看结果").click()
    r = w.expect_result()
    assert "您可以申报：技师（二级）" in r["panel"]
    assert "自 2030年9月1日 起可申报高级技师（一级）" in r["panel"]
    assert r["levels"]["senior_worker"]["status"] == "eligible"
    assert r["levels"]["technician"]["status"] == "eligible"
    top = r["levels"]["senior_technician"]
    assert top["status"] == "not_eligible"
    assert "自 2030年9月1日 起符合条件" in top["text"]
    assert "../policy/#c-2-4-2-3" in top["links"]
    assert any("理论知识考试" in s or "技能操作考核" in s for s in r["steps"])


def test_pathway_b_undetermined_when_years_are_unknown(wizard):
    w: WizardPage = wizard()
    w.open().answer("direction", B)
    w.answer_deadline("2026-06-30")
    w.title_to_work_start("助理级", "2020-01-01", "焊工")
    w.choose("不确定").cont()
    # Not sure of the start date: the engine asks for the years instead.
    w.expect_question("work_years")
    w.type("#gt-work_years", "６").cont()
    w.expect_question("required_years")
    w.choose("不确定").cont()
    w.answer("related_major", "不确定")
    w.answer("integrity_record", "否")
    rows = dict(w.expect_check())
    assert rows["您从事这个职业或相关职业累计多少整年？"] == "6 年"
    assert rows["该职业申报各等级要求累计工作多少年？"] == "不确定"
    w.page.get_by_role("button", name="查看结果").click()
    r = w.expect_result()
    assert "暂时无法确定" in r["panel"]
    assert r["levels"]["senior_worker"]["status"] == "undetermined"
    assert "要求的累计工作年限不超过 6 年，即符合本层级条件" in r["levels"]["senior_worker"]["text"]  # issue 23
    assert r["levels"]["senior_technician"]["status"] == "not_eligible"


def test_changing_the_pathway_from_the_check_page(wizard):
    w: WizardPage = wizard()
    w.open().answer("direction", A)
    w.answer_deadline(None)
    w.answer("employed_in_huangshi", "否")
    w.expect_check()
    w.click_link("修改：您想走哪条贯通路径？")
    w.expect_question("direction")
    assert w.page.get_by_label(A, exact=True).is_checked()
    w.choose(B).cont()
    # The other pathway's questions now apply: asked in turn, then back to the check page.
    w.expect_question("titles")
    w.choose("都没有").cont()
    rows = w.expect_check()
    assert [q for q, _ in rows][-1] == "您取得了哪些专业技术职称？各是哪一天取得的？"
    assert "您的用人单位在黄石市吗？" not in dict(rows)
    w.page.get_by_role("button", name="查看结果").click()
    r = w.expect_result()
    assert set(r["levels"]) == {"senior_worker", "technician", "senior_technician"}
    assert all(level["status"] == "not_eligible" for level in r["levels"].values())
    assert "未取得专业技术职务任职资格" in r["text"]


def test_answers_survive_a_reload_and_clear_forgets_them(wizard):
    w: WizardPage = wizard()
    w.open().answer("direction", B)
    w.expect_question("deadline")
    w.type("#gt-deadline", "2026-0")  # typed, not yet submitted
    # Drafts are saved as one types (after a short pause): wait for the saved state to hold it.
    w.page.wait_for_function("() => (localStorage.getItem('guantong-wizard:v1') || '').includes('2026-0')")
    w.page.reload()
    w.expect_question("deadline")
    assert w.page.input_value("#gt-deadline") == "2026-0", "nothing typed is lost"
    w.page.go_back()
    w.expect_question("direction")
    assert w.page.get_by_label(B, exact=True).is_checked()
    w.page.get_by_role("button", name="清除我的回答").click()
    w.page.get_by_role("button", name="确定清除").click()
    w.expect_question("direction")
    assert not w.page.get_by_label(B, exact=True).is_checked()
    w.page.reload()
    w.expect_question("direction")
    assert not w.page.get_by_label(B, exact=True).is_checked()


def test_share_link_reopens_the_same_result(wizard):
    w: WizardPage = wizard()
    first = short_journey_a(w)
    link = w.share_link()
    assert "#share=" in link and "?" not in link, "the answers ride in the fragment only"
    other = wizard()
    other.page.goto(link)
    second = other.expect_result()
    assert second["levels"] == first["levels"]
    assert other.page.evaluate("location.hash") == "#result"


def test_wizard_mounts_after_instant_navigation(wizard):
    """Material's instant navigation swaps the page content without a reload: the wizard still mounts,
    and comes back with its answers after leaving and returning."""
    w: WizardPage = wizard()
    w.page.goto(w.base)
    w.page.wait_for_load_state()
    # A link to the wizard from the home page (added by the test, so this does not depend on its wording).
    w.page.evaluate("""() => { const a = document.createElement('a'); a.href = 'wizard/'; a.id = 'gt-test-link';
                              a.textContent = '自测'; document.querySelector('.md-content').prepend(a); }""")
    instant = w.page.evaluate("JSON.parse(document.getElementById('__config').textContent).features.includes('navigation.instant')")
    w.page.click("#gt-test-link")
    w.page.wait_for_selector('#gt-wizard[data-screen="question:direction"]', timeout=30_000)
    if instant:
        assert w.page.evaluate("performance.getEntriesByType('navigation').length") == 1
        assert w.page.evaluate("!!window.document$")
    w.choose(A).cont()
    w.expect_question("deadline")
    # Leave through a clause link (instant navigation to the notice page), then come back.
    w.page.go_back()
    w.expect_question("direction")
    w.page.go_back()
    w.page.wait_for_function("!document.getElementById('gt-wizard')")
    w.page.go_forward()
    w.expect_question("direction")
    assert w.page.get_by_label(A, exact=True).is_checked()
    w.cont()
    w.expect_question("deadline")
    assert not w.recorded.errors


def test_years_then_a_start_date_the_check_page_says_the_date_counts(wizard):
    # B5 (issue 15): the years were typed when the start date was 不确定; the date given later counts.
    w: WizardPage = wizard()
    w.open()
    w.answer("direction", B)
    w.answer_deadline("2026-06-30")
    w.title_to_work_start("副高级", "2018-12-01", "钳工")
    w.choose("不确定").cont()
    w.expect_question("work_years")
    w.type("#gt-work_years", "20").cont()
    w.expect_question("required_years")
    w.type("申报高级工（三级）", "6").cont()
    w.answer("related_major", "否")
    w.answer("integrity_record", "否")
    rows = dict(w.expect_check())
    assert rows["您从事这个职业或相关职业累计多少整年？"] == "20 年"
    assert "将按开始工作的日期计算" not in w.page.inner_text("#gt-wizard")
    w.click_link("修改：您从哪一天开始从事这个职业或相关职业的工作？")
    w.expect_question("work_start")
    w.page.get_by_label("不确定", exact=True).uncheck()
    w.type("#gt-work_start", "2000-03-01").cont()
    w.expect_question("months_out_of_work")
    w.cont()
    rows = dict(w.expect_check())
    assert "您从事这个职业或相关职业累计多少整年？" not in rows
    assert "将按开始工作的日期计算累计工作年限" in w.page.inner_text("#gt-wizard")


def test_cancelling_a_change_of_pathway_restores_the_answers(wizard):
    """取消修改 after switching the pathway from the check page undoes the switch (issue 23): the check
    page shows the first pathway's answers again."""
    w: WizardPage = wizard()
    w.open()
    before = w.pathway_a_to_check()
    w.page.locator('a[data-gt-to="change-direction"]').click()
    w.answer("direction", B)
    w.page.wait_for_selector('#gt-wizard[data-screen^="question:"]:not([data-screen="question:direction"])')
    w.page.get_by_role("link", name="取消修改，返回检查页").click()
    assert w.expect_check() == before
    assert w.page.evaluate("location.hash") == "#check"
    w.page.reload()
    assert w.expect_check() == before, "kept as restored"
