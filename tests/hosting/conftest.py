"""Real nginx, with the shipped configuration, serving a site built as `make build` builds it.

The site is built once with PRECOMPRESS=true (so it has its .gz and .br copies) into a
temporary folder. nginx runs from a temporary prefix with its own pid file, logs and
temporary folders, on a free loopback port. Its main configuration is written here, but
the site's settings are hosting/nginx/infoshare.conf and infoshare-brotli.conf included
exactly as shipped. Every request is logged as one JSON line, with the headers sent, so
the tests can check what the server did for each file the browser asked for.

nginx comes from Debian's packages (build_scripts/dev/ensure-nginx.sh, run by `make
test`); NGINX may name another binary.
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
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT, TEST_SITE_URL

SHIPPED = ROOT / "hosting" / "nginx" / "infoshare.conf"
SHIPPED_BROTLI = ROOT / "hosting" / "nginx" / "infoshare-brotli.conf"
PROBES = Path(__file__).parent / "probes"

# Where the probe files go in the served site: each at a location the shipped
# configuration gives a rule (a worker under helper/, the theme's worker folder), and a
# page that starts them.
PROBE_FILES = {
    "hosting-probe/index.html": "index.html",
    "hosting-probe/probe.js": "probe.js",
    "helper/hosting-probe/worker.mjs": "worker.js",
    "assets/javascripts/workers/hosting-probe.js": "worker.js",
}

# Every request, one JSON line: what was asked for and every header that matters here.
LOG_FORMAT = (
    "log_format probe escape=json '{"
    '"request":"$request_uri","method":"$request_method","status":$status,'
    '"accept_encoding":"$http_accept_encoding","user_agent":"$http_user_agent",'
    '"content_type":"$sent_http_content_type","content_encoding":"$sent_http_content_encoding",'
    '"vary":"$sent_http_vary","cache_control":"$sent_http_cache_control",'
    '"csp":"$sent_http_content_security_policy","referrer_policy":"$sent_http_referrer_policy",'
    '"nosniff":"$sent_http_x_content_type_options","frame_options":"$sent_http_x_frame_options",'
    '"permissions_policy":"$sent_http_permissions_policy","coop":"$sent_http_cross_origin_opener_policy",'
    '"corp":"$sent_http_cross_origin_resource_policy","bytes":$body_bytes_sent'
    "}';"
)


def nginx_binary() -> str:
    named = os.environ.get("NGINX")
    found = named or shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
    if not found or not Path(found).exists():
        message = ("nginx is not installed: run `make test` (it installs Debian's nginx with "
                   "build_scripts/dev/ensure-nginx.sh) or set NGINX to its path")
        if os.environ.get("CI"):
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    return str(found)


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
    """nginx's main configuration for the test: everything that is about this machine
    (pid, logs, temporary folders, port, user) here; everything about the site included
    from the shipped files."""
    lines = []
    if os.geteuid() == 0:
        # Workers would otherwise switch to `nobody`, who cannot read the test's folders.
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


@pytest.fixture(scope="session")
def hosted_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site as `make build` builds it (strict, precompressed), plus the probe files."""
    out = tmp_path_factory.mktemp("hosted") / "site"
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
        cwd=ROOT, capture_output=True, text=True,
        env={**os.environ, "SITE_URL": TEST_SITE_URL, "PRECOMPRESS": "true"},
    )
    if result.returncode != 0:
        pytest.fail("mkdocs build --strict (PRECOMPRESS=true) failed:\n" + result.stdout + result.stderr,
                    pytrace=False)
    for target, source in PROBE_FILES.items():
        path = out / target
        path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(PROBES / source, path)
    return out


@pytest.fixture(scope="session")
def nginx(hosted_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Nginx]:
    binary = nginx_binary()
    module = brotli_module(binary)
    if module is None and os.environ.get("CI"):
        pytest.fail("nginx's brotli_static module is not installed (libnginx-mod-http-brotli-static)",
                    pytrace=False)
    prefix = tmp_path_factory.mktemp("nginx")
    port = free_port()
    conf = write_main_conf(prefix, hosted_site, port, module)
    checked = subprocess.run([binary, "-t", "-p", str(prefix), "-c", str(conf)], capture_output=True, text=True)
    if checked.returncode != 0:
        pytest.fail("nginx -t refused the shipped configuration:\n" + checked.stderr, pytrace=False)
    process = subprocess.Popen([binary, "-p", str(prefix), "-c", str(conf)],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.monotonic() + 15
        while True:
            if process.poll() is not None:
                output = process.stdout.read() if process.stdout else ""
                log = (prefix / "error.log").read_text(encoding="utf-8", errors="replace") \
                    if (prefix / "error.log").exists() else ""
                pytest.fail(f"nginx stopped at start:\n{output}\n{log}", pytrace=False)
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    pytest.fail("nginx did not start listening within 15 s", pytrace=False)
                time.sleep(0.05)
        yield Nginx(f"http://127.0.0.1:{port}/", hosted_site, prefix, module is not None, binary, conf)
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
