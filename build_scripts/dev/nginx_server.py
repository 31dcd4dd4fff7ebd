"""Real nginx on a loopback port, serving a built site with the shipped configuration.

Used by the hosting tests (tests/hosting/conftest.py) and by `make bench` (its Fast 4G
measurement), so both see exactly what a partnership's nginx would send. nginx runs from
a temporary prefix with its own pid file, logs and temporary folders. Its main
configuration is written here; the site's settings are hosting/nginx/infoshare.conf and
infoshare-brotli.conf included exactly as shipped. Every request is logged as one JSON
line, with the headers sent and the bytes on the wire, so a caller can check what the
server did for each file the browser asked for.

nginx comes from Debian's packages (build_scripts/dev/ensure-nginx.sh); NGINX may name
another binary.
"""

from __future__ import annotations

import grp
import json
import os
import pwd
import re
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ROOT / "hosting" / "nginx" / "infoshare.conf"
SHIPPED_BROTLI = ROOT / "hosting" / "nginx" / "infoshare-brotli.conf"

# Every request, one JSON line: what was asked for and every header that matters here.
# `time` is when nginx finished the response and `request_time` how long it took (both in
# seconds), so `time - request_time` is when the request arrived.
LOG_FORMAT = (
    "log_format probe escape=json '{"
    '"request":"$request_uri","method":"$request_method","status":$status,'
    '"accept_encoding":"$http_accept_encoding","user_agent":"$http_user_agent",'
    '"content_type":"$sent_http_content_type","content_encoding":"$sent_http_content_encoding",'
    '"vary":"$sent_http_vary","cache_control":"$sent_http_cache_control",'
    '"csp":"$sent_http_content_security_policy","referrer_policy":"$sent_http_referrer_policy",'
    '"nosniff":"$sent_http_x_content_type_options","frame_options":"$sent_http_x_frame_options",'
    '"permissions_policy":"$sent_http_permissions_policy","coop":"$sent_http_cross_origin_opener_policy",'
    '"corp":"$sent_http_cross_origin_resource_policy","service_worker_allowed":"$sent_http_service_worker_allowed",'
    '"bytes":$body_bytes_sent,"sent":$bytes_sent,"time":$msec,"request_time":$request_time'
    "}';"
)


class NginxError(RuntimeError):
    """nginx is missing, refused the configuration or did not start; the message says why."""


def nginx_binary() -> str | None:
    """The nginx to run: $NGINX, nginx on PATH, or Debian's /usr/sbin/nginx; None if none."""
    named = os.environ.get("NGINX")
    found = named or shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
    return str(found) if found and Path(found).exists() else None


def brotli_module(nginx: str) -> Path | None:
    """Debian's brotli_static module, if installed, from the modules path nginx was built with."""
    built = subprocess.run([nginx, "-V"], capture_output=True, text=True).stderr
    match = re.search(r"--modules-path=(\S+)", built)
    folder = Path(match.group(1)) if match else Path("/usr/lib/nginx/modules")
    module = folder / "ngx_http_brotli_static_module.so"
    return module if module.exists() else None


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Nginx:
    base: str  # http://127.0.0.1:PORT/
    site: Path
    prefix: Path
    brotli: bool
    nginx: str
    conf: Path

    @property
    def access_log(self) -> Path:
        return self.prefix / "access.log"

    def log_entries(self) -> list[dict[str, Any]]:
        text = self.access_log.read_text(encoding="utf-8") if self.access_log.exists() else ""
        return [json.loads(line) for line in text.splitlines() if line.strip()]


def write_main_conf(prefix: Path, site: Path, port: int, module: Path | None) -> Path:
    """nginx's main configuration: everything that is about this machine (pid, logs,
    temporary folders, port, user) here; everything about the site included from the
    shipped files."""
    lines = []
    if os.geteuid() == 0:
        # Workers would otherwise switch to `nobody`, who cannot read the caller's folders.
        lines.append(f"user {pwd.getpwuid(os.geteuid()).pw_name} {grp.getgrgid(os.getegid()).gr_name};")
    if module is not None:
        lines.append(f"load_module {module};")
    temp = "\n".join(f"    {name}_temp_path {prefix / ('tmp-' + name)};"
                     for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    brotli_include = f"        include {SHIPPED_BROTLI};\n" if module is not None else ""
    conf = prefix / "nginx.conf"
    conf.write_text(
        "\n".join(lines) + f"""
daemon off;
worker_processes 1;
pid {prefix / 'nginx.pid'};
error_log {prefix / 'error.log'} notice;
events {{ worker_connections 256; }}
http {{
    {LOG_FORMAT}
    access_log {prefix / 'access.log'} probe;
{temp}
    server {{
        listen 127.0.0.1:{port};
        server_name localhost;
        root {site};
        include {SHIPPED};
{brotli_include}    }}
}}
""",
        encoding="utf-8",
    )
    return conf


@contextmanager
def running(site: Path, prefix: Path, *, binary: str | None = None, use_brotli: bool = True) -> Iterator[Nginx]:
    """nginx serving `site` from the temporary folder `prefix` while the block runs."""
    binary = binary or nginx_binary()
    if binary is None:
        raise NginxError("nginx is not installed: run `make nginx` (Debian's nginx and its brotli_static "
                         "module) or set NGINX to its path")
    module = brotli_module(binary) if use_brotli else None
    port = free_port()
    conf = write_main_conf(prefix, site, port, module)
    checked = subprocess.run([binary, "-t", "-p", str(prefix), "-c", str(conf)], capture_output=True, text=True)
    if checked.returncode != 0:
        raise NginxError("nginx -t refused the shipped configuration:\n" + checked.stderr)
    process = subprocess.Popen([binary, "-p", str(prefix), "-c", str(conf)],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.monotonic() + 15
        while True:
            if process.poll() is not None:
                output = process.stdout.read() if process.stdout else ""
                log = (prefix / "error.log").read_text(encoding="utf-8", errors="replace") \
                    if (prefix / "error.log").exists() else ""
                raise NginxError(f"nginx stopped at start:\n{output}\n{log}")
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    raise NginxError("nginx did not start listening within 15 s") from None
                time.sleep(0.05)
        yield Nginx(f"http://127.0.0.1:{port}/", site, prefix, module is not None, binary, conf)
    finally:
        # SIGQUIT: nginx's graceful stop; the master waits for its worker before it exits.
        process.send_signal(signal.SIGQUIT)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if process.stdout:
            process.stdout.close()
