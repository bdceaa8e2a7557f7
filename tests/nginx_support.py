"""Debian's nginx serving a built site on 127.0.0.1 with the site's own rules (deploy/guantong-site.conf),
as a public host serves it (issue 34): brotli through Debian's libnginx-mod-http-brotli-static, which
.ci/run installs with nginx. ``serve(site)`` yields the base URL and stops nginx after."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
RULES = REPO / "deploy" / "guantong-site.conf"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
BROTLI = Path("/usr/lib/nginx/modules/ngx_http_brotli_static_module.so")  # Debian's path for the module


def config(site: Path, port: int, scratch: Path) -> str:
    """A whole nginx configuration: the module, scratch paths, and one server that includes the rules."""
    temps = " ".join(f"{name}_temp_path {scratch / name};" for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    return f"""{"user root;" if os.geteuid() == 0 else ""}
load_module {BROTLI};
pid {scratch / "nginx.pid"};
error_log {scratch / "error.log"} warn;
events {{ worker_connections 256; }}
http {{
    access_log off;
    {temps}
    server {{
        listen 127.0.0.1:{port};
        root {site};
        include {RULES};
    }}
}}
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def serve(site: Path) -> Iterator[str]:
    if not Path(NGINX).exists() or not BROTLI.exists():
        raise RuntimeError("需要 nginx 和 brotli 模块：apt-get install -y nginx libnginx-mod-http-brotli-static（.ci/run 会安装）")
    with tempfile.TemporaryDirectory(prefix="guantong-nginx-") as tmp:
        scratch = Path(tmp)
        port = free_port()
        conf = scratch / "nginx.conf"
        conf.write_text(config(Path(site).resolve(), port, scratch), encoding="utf-8")
        check = subprocess.run([NGINX, "-t", "-q", "-c", str(conf), "-p", f"{scratch}/"], capture_output=True, text=True)
        if check.returncode:
            raise RuntimeError(f"nginx -t: {check.stderr}")
        proc = subprocess.Popen([NGINX, "-c", str(conf), "-p", f"{scratch}/", "-g", "daemon off;"], stderr=subprocess.PIPE, text=True)
        try:
            deadline = time.monotonic() + 10
            while True:
                with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.2):
                    break
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"nginx did not start: {proc.stderr.read() if proc.stderr else ''}")
                time.sleep(0.05)
            yield f"http://127.0.0.1:{port}/"
        finally:
            proc.terminate()
            proc.wait(timeout=10)
