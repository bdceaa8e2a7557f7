"""`guantong serve` (issue 33): a data error made while the preview runs shows on the page, with its file and
line, instead of leaving the browser waiting; the next good save shows the site again."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path


from policy_edits import GOOD

ROOT = Path(__file__).resolve().parents[1]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _page(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=30) as r:
            return r.read().decode("utf-8")
    except urllib.error.HTTPError as e:  # a 404 has its page too
        return e.read().decode("utf-8")
    except OSError:
        return ""


def _wait_for(url: str, text: str, seconds: float) -> str:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        body = _page(url)
        if text in body:
            return body
        time.sleep(1)
    raise AssertionError(f"{url} did not show {text!r} within {seconds} s; last: {body[:300]!r}")


def test_a_data_error_shows_on_the_preview_page_and_a_fix_brings_the_site_back(tmp_path):
    policy = tmp_path / "policy.toml"
    policy.write_text(GOOD, encoding="utf-8")
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "guantong", "serve", "--addr", f"127.0.0.1:{port}", "--policy", str(policy)],
        cwd=ROOT,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # its mkdocs serve goes with it (a process group)
    )
    try:
        url = f"http://127.0.0.1:{port}/pathway-a/"
        _wait_for(url, "申报条件一览", 240)
        slip = GOOD.replace('name = "黄石工匠"', "name = “黄石工匠”", 1)
        line = next(i for i, t in enumerate(slip.splitlines(), 1) if t == "name = “黄石工匠”")
        policy.write_text(slip, encoding="utf-8")
        body = _wait_for(url, "政策数据有问题，预览未更新", 120)
        assert f"{policy} 第 {line} 行：用了中文引号“”，请改成英文引号 &quot;&quot;" in body
        assert "livereload" in body, "the error page reloads itself when the file is fixed"
        assert "政策数据有问题" in _page(f"http://127.0.0.1:{port}/no-such-page/")
        policy.write_text(GOOD, encoding="utf-8")
        _wait_for(url, "申报条件一览", 180)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
