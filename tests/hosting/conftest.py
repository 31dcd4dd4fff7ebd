"""Real nginx, with the shipped configuration, serving a site built as `make build` builds it.

The site is built once with PRECOMPRESS=true (so it has its .gz and .br copies) into a
temporary folder. nginx runs from a temporary prefix on a free loopback port, started by
build_scripts/dev/nginx_server.py (which `make bench` uses too): its main configuration
is written there, but the site's settings are hosting/nginx/infoshare.conf and
infoshare-brotli.conf included exactly as shipped. Every request is logged as one JSON
line, with the headers sent, so the tests can check what the server did for each file the
browser asked for.

nginx comes from Debian's packages (build_scripts/dev/ensure-nginx.sh, run by `make
test`); NGINX may name another binary.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from build_scripts.dev import nginx_server
from build_scripts.dev.nginx_server import Nginx
from tests.building import built_once

__all__ = ["Nginx"]

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


def nginx_binary() -> str:
    found = nginx_server.nginx_binary()
    if found is None:
        message = ("nginx is not installed: run `make test` (it installs Debian's nginx with "
                   "build_scripts/dev/ensure-nginx.sh) or set NGINX to its path")
        if os.environ.get("CI"):
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    return found


@pytest.fixture(scope="session")
def hosted_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site as `make build` builds it (strict, precompressed), plus the probe files."""
    return built_once(tmp_path_factory, "hosted", then=_add_probes, precompress=True)


def _add_probes(out: Path) -> None:
    for target, source in PROBE_FILES.items():
        path = out / target
        path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(PROBES / source, path)


@pytest.fixture(scope="session")
def nginx(hosted_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Nginx]:
    binary = nginx_binary()
    if nginx_server.brotli_module(binary) is None and os.environ.get("CI"):
        pytest.fail("nginx's brotli_static module is not installed (libnginx-mod-http-brotli-static)",
                    pytrace=False)
    try:
        with nginx_server.running(hosted_site, tmp_path_factory.mktemp("nginx"), binary=binary) as server:
            yield server
    except nginx_server.NginxError as exc:
        pytest.fail(str(exc), pytrace=False)
