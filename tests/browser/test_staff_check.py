"""The staff page 数据检查与预览 (/staff/check/, issue 33) in Chromium, on Pyodide: each keyboard slip of
tests/cases/policy_slips.json shows its line, the line as written and the command's message; a valid edit
shows the diff and its report; each form writes TOML that validates and keeps the file's comments, and
the file it saves builds with `guantong build`; nothing leaves the site."""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from guantong.policy import POLICY_PATH
from build_scripts.server import static as static_server
from guantong_tools.validate import validate_policy

from .trust_support import assert_clean, csp_violations, watch_csp
from .wizard_support import ENGINE_TIMEOUT

ROOT = Path(__file__).resolve().parents[2]
GOOD = POLICY_PATH.read_text(encoding="utf-8")
SLIPS = json.loads((ROOT / "tests" / "cases" / "policy_slips.json").read_text(encoding="utf-8"))["cases"]
COMMENTS = [line for line in GOOD.splitlines() if line.lstrip().startswith("#")]


def open_staff_page(built_site, serve_dir, new_page, **options):
    base = serve_dir(built_site)
    recorded = new_page(viewport={"width": 1280, "height": 900}, accept_downloads=True, **options)
    if not options.get("bypass_csp"):
        watch_csp(recorded)
    recorded.page.goto(base + "staff/check/")
    recorded.page.wait_for_selector("#gt-staff-check[data-mounted]")
    return recorded, base


@pytest.fixture
def staff_page(built_site, serve_dir, new_page):
    return open_staff_page(built_site, serve_dir, new_page)


def choose(page, text: str, name: str = "policy.toml") -> None:
    page.set_input_files("#gt-staff-file", {"name": name, "mimeType": "application/toml", "buffer": text.encode("utf-8")})


def test_each_slip_shows_its_line_and_the_commands_message(staff_page):
    recorded, _ = staff_page
    page = recorded.page
    for case in SLIPS:
        text = GOOD.replace(case["old"], case["new"], 1)
        line = next(i for i, t in enumerate(text.splitlines(), 1) if t.strip() == case["at"].strip())
        choose(page, text)
        item = page.locator(f"[data-gt-problems] li[data-line='{line}']", has_text=case["at"].strip())
        item.wait_for(timeout=ENGINE_TIMEOUT)
        shown = item.inner_text()
        assert f"第 {line} 行" in shown and case["message"] in shown and case["at"].strip() in shown, (case["slip"], shown)
    assert not recorded.errors and csp_violations(recorded) == []


def test_a_valid_edit_shows_the_diff_and_the_report_to_sign(built_site, serve_dir, new_page):
    recorded, _ = open_staff_page(built_site, serve_dir, new_page, bypass_csp=True)  # axe is injected as a script
    page = recorded.page
    edited = GOOD.replace('skill_level = "senior_worker"\nyears = 2', 'skill_level = "senior_worker"\nyears = 3', 1)
    choose(page, edited, "改年限.toml")
    page.wait_for_selector("[data-gt-diff]", timeout=ENGINE_TIMEOUT)
    assert "检查通过" in page.inner_text("[data-gt-passed]")
    version = tomllib.loads(GOOD)["data"]["version"]
    assert f"当前文件：改年限.toml（数据版本 {version}）" in page.inner_text(".gt-staff__current")
    summary = page.inner_text("[data-gt-summary]")
    assert summary.startswith("本次数据修改将改变") and " 0 份的结论" not in summary
    assert "注意" in page.inner_text("[data-gt-worse]"), "符合 → 不符合 is said plainly"
    assert "a_level[assistant].years：2 → 3" in page.inner_text("[data-gt-edits]")
    assert "符合 → 不符合" in page.inner_text("[data-gt-groups]")
    with page.expect_download() as info:
        page.click("[data-gt-save-report]")
    report = Path(info.value.path()).read_text(encoding="utf-8")
    assert "审核人" in report and "<script" not in report
    assert_clean(page, "staff page with a diff")
    assert not recorded.errors


def fill(page, form: str, values: dict) -> None:
    page.click(f"[data-gt-staff-form-box='{form}'] > summary")
    for name, value in values.items():
        page.fill(f"#gt-staff-{form}-{name}", value)


def submit(page, form: str) -> None:
    before = page.input_value("[data-gt-staff-text]")
    page.click(f"[data-gt-staff-form='{form}'] button[type=submit]")
    page.wait_for_function("(t) => document.querySelector('[data-gt-staff-text]').value !== t", arg=before, timeout=ENGINE_TIMEOUT)
    page.wait_for_selector("[data-gt-diff], [data-gt-problems]", timeout=ENGINE_TIMEOUT)


def test_the_forms_write_a_round_a_rename_a_holiday_year_and_the_change_log(staff_page, tmp_path):
    recorded, _ = staff_page
    page = recorded.page
    page.click("[data-gt-published]")
    page.wait_for_selector("[data-gt-diff]", timeout=ENGINE_TIMEOUT)
    assert page.input_value("[data-gt-staff-text]") == GOOD, "the built data is the starting point"

    # A field the form cannot write: named at the field, nothing written.
    fill(page, "round", {"year": "2027", "deadline": "2027-02-30", "document": "关于做好2027年度职称评审工作的通知（测试）"})
    page.click("[data-gt-staff-form='round'] button[type=submit]")
    error = page.locator("#gt-staff-round-deadline-error")
    error.wait_for(state="visible", timeout=ENGINE_TIMEOUT)
    assert "不存在" in error.inner_text() and page.input_value("[data-gt-staff-text]") == GOOD

    page.fill("#gt-staff-round-deadline", "2027-7-15")
    submit(page, "round")
    assert "新增 round[2027-a]" in page.inner_text("[data-gt-edits]") and "新增 round[2027-b]" in page.inner_text("[data-gt-edits]")

    page.click("[data-gt-staff-form-box='honor'] > summary")
    page.fill("#gt-staff-honor-old", "黄石工匠")
    page.fill("#gt-staff-honor-name", "黄石大工匠")
    submit(page, "honor")
    assert "原名保留为别名" in page.inner_text("[data-gt-edits]")

    days = [
        ("2027-01-01", "2027-01-03", ""),
        ("2027-02-05", "2027-02-12", "2027-01-31、2027-02-20"),
        ("2027-04-03", "2027-04-05", ""),
        ("2027-05-01", "2027-05-05", "2027-04-25、2027-05-08"),
        ("2027-06-09", "2027-06-11", ""),
        ("2027-09-15", "2027-09-17", ""),
        ("2027-10-01", "2027-10-07", "2027-09-26、2027-10-09"),
    ]
    values = {"year": "2027", "document": "国务院办公厅关于2027年部分节假日安排的通知（测试）"}
    for i, (first, last, work) in enumerate(days):
        values |= {f"off_first_{i}": first, f"off_last_{i}": last, f"workdays_{i}": work}
    fill(page, "holidays", values)
    submit(page, "holidays")

    fill(
        page,
        "change",
        {"date": "2027-01-05", "summary": "新增2027年度受理截止时间；黄石工匠更名。", "document": "黄人社函〔2027〕3号（测试）"},
    )
    submit(page, "change")
    assert page.locator("[data-gt-problems]").count() == 0, page.inner_text("[data-gt-staff-results]")

    with page.expect_download() as info:
        page.click("[data-gt-save-file]")
    saved = tmp_path / "policy.toml"
    saved.write_bytes(Path(info.value.path()).read_bytes())
    text = saved.read_text(encoding="utf-8")
    assert text == page.input_value("[data-gt-staff-text]")
    assert all(c in text.splitlines() for c in COMMENTS), "the file's comments are kept"
    data = tomllib.loads(text)
    assert data["data"]["version"] == "2027.01.05" and [h for h in data["honor"] if h["name"] == "黄石大工匠"][0]["aliases"] == ["黄石工匠"]
    assert {r["id"] for r in data["round"]} >= {"2027-a", "2027-b"} and any(y["year"] == 2027 for y in data["holiday_year"])
    assert validate_policy(saved) == []
    out = tmp_path / "site"
    proc = subprocess.run(
        [sys.executable, "-m", "guantong", "build", "--policy", str(saved), "--out", str(out)], cwd=ROOT, capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stderr
    assert "黄石大工匠" in (out / "faq" / "index.html").read_text(encoding="utf-8")
    assert not recorded.errors and csp_violations(recorded) == []


def test_the_page_requests_nothing_outside_the_site(staff_page):
    recorded, base = staff_page
    recorded.page.click("[data-gt-published]")
    recorded.page.wait_for_selector("[data-gt-diff]", timeout=ENGINE_TIMEOUT)
    assert all(url.startswith(base) or url.startswith(("data:", "blob:")) for url in recorded.requests), recorded.requests


def test_offline_after_the_first_visit(built_site, new_page):
    """Offline like the wizard: after one visit the page, its script, the engine and the tools' zip are
    kept, and a file is checked with the server gone."""
    base, stop = static_server.start(built_site)
    try:
        recorded = new_page(viewport={"width": 1280, "height": 900})
        page = recorded.page
        page.goto(base + "staff/check/")
        page.wait_for_selector("#gt-staff-check[data-mounted]")
        page.click("[data-gt-published]")
        page.wait_for_selector("[data-gt-diff]", timeout=ENGINE_TIMEOUT)
        page.wait_for_function("() => !!navigator.serviceWorker.controller", timeout=ENGINE_TIMEOUT)
        page.wait_for_selector("#gt-staff-check[data-kept]", timeout=ENGINE_TIMEOUT)
    finally:
        stop()
    page.context.set_offline(True)
    page.reload()
    page.wait_for_selector("#gt-staff-check[data-mounted]")
    choose(page, GOOD.replace('name = "黄石工匠"', "name = “黄石工匠”", 1))
    page.locator("[data-gt-problems] li", has_text="中文引号").wait_for(timeout=ENGINE_TIMEOUT)
