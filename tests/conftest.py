"""The two built sites the suite reads (each built once per session): the site as the data stands
(``built_site``, ``mkdocs build --strict``) and the site built from a copy of the data with every staff edit
the tests look at (``staff_site``, ``guantong build --policy``, as staff build it). Tests that only read a
site use these; a test that must change a site copies it first.

Tiers (markers, given here by where a test lives and what it uses): ``browser`` (tests/browser, Chromium;
of it, ``nginx``: the site served by Debian's nginx), ``webkit`` (tests/webkit, WebKitGTK through WebDriver),
``build`` (a built site or a bundle), the rest ``engine``. ``make test-fast`` runs the engine tier.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
STAFF_TODAY = "2026-03-01"  # the staff site's build day: the 2026 round of the edit is the current one
# Test modules that build or bundle on their own (minutes, not seconds): the build tier with the rest.
BUILD_MODULES = {"test_site_build.py", "test_publishing.py", "test_wizard_bundle.py", "test_stdlib_only.py", "test_preview.py"}


def pytest_collection_modifyitems(config, items):
    for item in items:
        path = Path(str(item.fspath))
        if "browser" in path.parts:
            item.add_marker(pytest.mark.browser)
            if path.name.startswith("test_nginx"):
                item.add_marker(pytest.mark.nginx)
        elif "webkit" in path.parts:
            item.add_marker(pytest.mark.webkit)
        elif path.name in BUILD_MODULES or {"built_site", "staff_site"} & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.build)
        else:
            item.add_marker(pytest.mark.engine)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The whole site (with the wizard) as the data stands, built once with ``mkdocs build --strict``:
    no warning either."""
    out = tmp_path_factory.mktemp("site")
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert proc.returncode == 0, f"mkdocs build failed:\n{proc.stdout}\n{proc.stderr}"
    assert not re.search(r"^WARNING\b", proc.stderr, re.M), proc.stderr
    return out


@pytest.fixture(scope="session")
def staff_site(tmp_path_factory) -> Path:
    """The site staff would publish from a copy of the data with every edit of policy_edits.staff_edit(),
    built once by ``guantong build --policy`` on STAFF_TODAY."""
    from policy_edits import staff_edit

    tmp = tmp_path_factory.mktemp("staff")
    policy = tmp / "policy.toml"
    policy.write_text(staff_edit(), encoding="utf-8")
    out = tmp / "site"
    proc = subprocess.run(
        [sys.executable, "-m", "guantong", "build", "--policy", str(policy), "--out", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "GUANTONG_TODAY": STAFF_TODAY},
    )
    assert proc.returncode == 0, proc.stderr
    assert "网站已构建" in proc.stdout
    return out
