"""Staff publishing (issue 5): edit the data, one command, and the site and the wizard follow; a mistake
stops the build with a clear message and leaves the last good site in place."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from guantong.policy import POLICY_PATH
from policy_edits import broken  # a copy of the real data with one edit

ROOT = Path(__file__).resolve().parents[1]


def guantong(*args, env=None):
    return subprocess.run(
        [sys.executable, "-m", "guantong", *args], cwd=ROOT, capture_output=True, text=True, env={**os.environ, **(env or {})}
    )


@pytest.fixture(scope="session")
def published(staff_site):
    """A 2026 round, a new honour and a changelog line added (with the suite's other staff edits), then
    `guantong build` once (tests/conftest.py)."""
    return staff_site


def page(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def test_the_round_shows_on_the_home_page_and_the_pathway_page(published):
    for path in ("index.html", "pathway-a/index.html"):
        html = page(published, path)
        assert "2026年度受理材料截止时间 2026年6月30日" in html, path
        assert "关于做好2026年度职称评审工作的通知（测试）" in html
    assert "本年度的受理材料截止时间尚未公布" in page(published, "pathway-b/index.html")


def test_the_new_honour_shows_in_the_tables_and_in_the_wizard_bundle(published):
    assert "黄石市金牌职工" in page(published, "pathway-a/index.html")
    bundle = next((published / "wizard").rglob("guantong.*.zip"))
    with zipfile.ZipFile(io.BytesIO(bundle.read_bytes())) as z:
        assert "黄石市金牌职工" in z.read("guantong/data/policy.toml").decode("utf-8")
    flows = [p for p in (published / "wizard").rglob("*.js*") if "黄石市金牌职工" in p.read_text(encoding="utf-8", errors="ignore")]
    assert flows, "the first question's exported flow does not carry the new honour"


def test_the_changelog_page_lists_the_change_and_the_data_version(published):
    html = page(published, "changes/index.html")
    assert "新增2026年度受理截止时间和“黄石市金牌职工”荣誉（测试）。" in html and "黄人社函〔2026〕测试号" in html
    assert "2026年5月20日" in html
    version = re.search(r'version = "([^"]+)"', POLICY_PATH.read_text(encoding="utf-8")).group(1)
    home = page(published, "index.html")
    assert f'data-version="{version}"' in home and "数据版本" not in home
    assert "规则更新于 2026年11月25日" in home  # the latest change-log entry by date (the edit adds an older one)


def test_the_staff_guide_carries_the_nginx_example_verbatim(published):
    html = page(published, "staff/index.html")
    assert "政策数据维护与发布指南" in html
    import html as h

    text = h.unescape(re.sub(r"<[^>]+>", "", html))
    for name in ("nginx.conf", "guantong-site.conf"):
        for line in (ROOT / "deploy" / name).read_text(encoding="utf-8").splitlines():
            assert line.strip() in text, (name, line)


def test_a_broken_edit_stops_the_build_and_keeps_the_last_good_site(tmp_path):
    out = tmp_path / "site"
    out.mkdir()
    (out / "index.html").write_text("last good site", encoding="utf-8")
    policy = broken(tmp_path, 'name = "楚天名匠"\ntier = "intermediate"', 'name = "楚天名匠"\ntier = "middle"')
    proc = guantong("build", "--policy", str(policy), "--out", str(out))
    assert proc.returncode == 1
    assert str(policy) in proc.stderr and "第 10 个 [[honor]] 的 tier" in proc.stderr and "第 " in proc.stderr
    assert "上次成功构建的网站保持不变" in proc.stderr and "Traceback" not in proc.stderr
    assert (out / "index.html").read_text(encoding="utf-8") == "last good site"
    assert not list(tmp_path.glob(".site-build-*"))


def test_mkdocs_itself_refuses_broken_data_with_the_line(tmp_path):
    policy = broken(tmp_path, None, '\n[[round]]\nid = "x"\npathway = "skill_to_title"\nyear = 2026\ndocument = "d"\nclause = "3.2"\n')
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "out")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "GUANTONG_POLICY": str(policy)},
    )
    assert proc.returncode != 0
    assert "缺少必填字段 deadline" in proc.stderr and re.search(r"第 \d+ 行", proc.stderr)


def test_a_build_that_worsens_anyone_stops_until_accepted_and_rollback_puts_the_last_site_back(staff_site, tmp_path):
    """Issue 33: an edit that turns a 符合 into 不符合 is not published unseen; --accept-changes publishes it
    and keeps the replaced site as site.previous/, which `guantong rollback` puts back."""
    import shutil

    from policy_edits import INTERMEDIATE_YEARS, staff_edit

    out = tmp_path / "site"
    shutil.copytree(staff_site, out)
    published = (out / "_published" / "policy.toml").read_bytes()
    worse = tmp_path / "worse.toml"
    five = INTERMEDIATE_YEARS[1]
    worse.write_text(staff_edit().replace(five, five.replace("years = 5", "years = 6")), encoding="utf-8")

    proc = guantong("build", "--policy", str(worse), "--out", str(out))
    assert proc.returncode == 1, proc.stdout
    assert "中级职称：符合 → 不符合" in proc.stdout and "--accept-changes" in proc.stderr and "未发布" in proc.stderr
    assert (out / "_published" / "policy.toml").read_bytes() == published and not (tmp_path / "site.previous").exists()
    assert not list(tmp_path.glob(".site-build-*")), "the refusal comes before the build"

    proc = guantong("build", "--policy", str(worse), "--out", str(out), "--accept-changes")
    assert proc.returncode == 0, proc.stderr
    assert "guantong rollback" in proc.stdout
    assert (out / "_published" / "policy.toml").read_bytes() == worse.read_bytes()
    assert (out / "_published" / "previous.toml").read_bytes() == published
    assert (tmp_path / "site.previous" / "_published" / "policy.toml").read_bytes() == published

    proc = guantong("rollback", "--out", str(out))
    assert proc.returncode == 0 and "已换回上一版网站" in proc.stdout, proc.stderr
    assert (out / "_published" / "policy.toml").read_bytes() == published
    assert (tmp_path / "site.previous" / "_published" / "policy.toml").read_bytes() == worse.read_bytes()
    assert (out / "index.html").is_file()


def test_rollback_without_a_previous_site_says_so(tmp_path):
    proc = guantong("rollback", "--out", str(tmp_path / "site"))
    assert proc.returncode == 1 and "没有可换回的上一版网站" in proc.stderr and "Traceback" not in proc.stderr
