"""No question waits for the engine (issue 11): with the engine's files held back (requests left
unanswered, as on a slow link), both pathways are answered through to the check page, back links and
changes included; 查看结果 then shows the real progress, and the result the moment the files arrive.
A problem only the engine finds (a share link with a bad answer) lands on its question with its message.
"""

from __future__ import annotations

import base64
import json
import re

from .wizard_support import ENGINE_FILES, Held, WizardPage, wizard  # noqa: F401 - fixture


def test_both_pathways_answered_with_the_engine_held_back(wizard):
    w: WizardPage = wizard(service_workers="block")
    held = Held(w, ENGINE_FILES)
    w.open()
    rows = dict(w.pathway_a_to_check())
    assert rows["您获得过下列荣誉吗？"] == "全国技术能手"
    # The way back and a change from the check page need no engine either.
    w.click_link("修改：您想走哪条贯通路径？")
    w.expect_question("direction")
    w.click_link("取消修改，返回检查页")
    w.expect_check()
    w.page.get_by_role("button", name="清除我的回答").click()
    w.page.get_by_role("button", name="确定清除").click()
    rows = dict(w.pathway_b_to_check())
    assert rows["该职业申报各等级要求累计工作多少年？"].startswith("高级工（三级）：6 年")
    assert held.routes, "the engine's files were requested"
    assert w.page.get_attribute("#gt-wizard", "data-engine") == "loading"
    status = w.page.inner_text("[data-gt-engine]")
    assert "MB" in status and "继续回答问题" in status, status

    # The result waits for the engine, showing how far it has come, then appears by itself.
    w.page.get_by_role("button", name="查看结果").click()
    w.page.wait_for_selector("[data-gt-waiting] progress")
    assert "正在载入自测程序" in w.page.inner_text("#gt-wizard [data-gt-screen]")
    held.release()
    result = w.expect_result()
    assert result["highest"] == "senior_technician"
    assert not w.recorded.errors


def test_progress_counts_bytes_on_the_wire(wizard, built_site):
    w: WizardPage = wizard(service_workers="block")
    w.open()
    seen = w.page.evaluate("""() => new Promise((resolve) => {
        const seen = [];
        const off = window.guantongWizard.engine.subscribe((s) => {
            if (s.stage === "download" && s.total) seen.push([s.loaded, s.total]);
            if (s.stage === "ready" || s.stage === "fatal") { off(); resolve({seen, stage: s.stage}); }
        });
    })""")
    assert seen["stage"] == "ready"
    loaded, total = seen["seen"][-1]
    # As transferred: the brotli twins the server sent (about 4 MB), not the 13.8 MB the files weigh unpacked.
    wizard_dir = built_site / "wizard"
    twins = [*(wizard_dir / "pyodide").glob("*.br"), *(wizard_dir / "engine").glob("guantong.*.zip.br")]
    wire = sum(p.stat().st_size for p in twins if not re.match(r"pyodide\.[0-9a-f]+\.mjs", p.name))
    assert total == wire, (total, wire, [p.name for p in twins])
    assert 3_000_000 < total < 5_500_000
    assert [s[0] for s in seen["seen"]] == sorted(s[0] for s in seen["seen"]), "never goes backwards"
    assert loaded <= total


def share_link(answers: dict) -> str:
    data = json.dumps({"a": answers, "s": []}, ensure_ascii=False).encode()
    return "#share=" + base64.urlsafe_b64encode(data).decode().rstrip("=")


def test_a_problem_only_the_engine_finds_lands_on_its_question(wizard):
    w: WizardPage = wizard()
    answers = {
        "direction": "title_to_skill",
        "deadline": "2026-06-30",
        "titles": {"intermediate": "2015-02-30"},
        "technical_skill_post": True,
        "occupation": "钳工",
        "occupation_matches": True,
        "work_start": "2000-03-01",
        "months_out_of_work": 0,
        "required_years": {"technician": 10},
        "related_major": False,
        "integrity_record": False,
    }
    w.open(share_link(answers))
    w.expect_question("titles")
    assert w.screen() == "question:titles"
    assert "2015-02-30" in " ".join(w.errors()), w.errors()
    assert "2015-02-30" in w.field_error("gt-titles-intermediate-date")
    # Corrected there, the person is back on the check page with the rest of the answers kept.
    w.type("取得中级的日期", "2015-02-28").cont()
    rows = dict(w.expect_check())
    assert rows["您现在从事技术技能岗位吗？"] == "是"
