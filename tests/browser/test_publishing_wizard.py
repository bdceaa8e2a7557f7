"""Issue 5, end to end: staff add a 2026 round and a new honour to a copy of the data, run
`guantong build` once, and the wizard offers the round as its default deadline and the honour as an
answer that opens its level."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from guantong.policy import POLICY_PATH
from policy_edits import ROUND_AND_HONOUR   # the same staff edit as the site-level test

from .wizard_support import A, WizardPage

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def staff_site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("staff")
    policy = tmp / "policy.toml"
    policy.write_text(POLICY_PATH.read_text(encoding="utf-8") + ROUND_AND_HONOUR, encoding="utf-8")
    out = tmp / "site"
    proc = subprocess.run([sys.executable, "-m", "guantong", "build", "--policy", str(policy), "--out", str(out)],
                          cwd=ROOT, capture_output=True, text=True, env={**os.environ, "GUANTONG_TODAY": "2026-03-01"})
    assert proc.returncode == 0, proc.stderr
    return out


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
        " return i.labels[0].innerText; }")
    assert "2026-06-30" in checked_label and "通知（测试）" in checked_label
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
