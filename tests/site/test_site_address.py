"""The site's address (SITE_URL): a build made for an address points canonical links and
the sitemap there; a build without one says so, and never points them at this computer;
`make serve` works without one."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from build_scripts.site import site_address
from tests.building import ROOT, TEST_SITE_URL, build_site
from tests.conftest import site_pages

# Every test here builds a site, or reads one built by this module's fixtures.
pytestmark = pytest.mark.build

_CANONICAL = re.compile(r'<link rel="canonical" href="([^"]*)"')
_LOC = re.compile(r"<loc>([^<]*)</loc>")


def canonical_links(site: Path) -> dict[str, list[str]]:
    return {path: _CANONICAL.findall((site / (path or "index.html") if not path.endswith("/")
                                      else site / path / "index.html").read_text(encoding="utf-8"))
            for path in site_pages(site)}


def test_built_for_an_address(built_site: Path) -> None:
    """The shared test build is made for TEST_SITE_URL, as a deployment is for its own."""
    for path, links in canonical_links(built_site).items():
        # The theme's 404 page is a template, not a page: it has no address of its own.
        assert links == ([] if path == "404.html" else [TEST_SITE_URL + path]), (path, links)
    locs = _LOC.findall((built_site / "sitemap.xml").read_text(encoding="utf-8"))
    assert len(locs) >= 15
    assert all(loc.startswith(TEST_SITE_URL) for loc in locs), locs


@pytest.fixture(scope="module")
def no_address(tmp_path_factory: pytest.TempPathFactory) -> tuple[subprocess.CompletedProcess[str], Path]:
    out = tmp_path_factory.mktemp("no-address") / "site"
    return build_site(out, site_url=None), out


@pytest.fixture(scope="module")
def no_address_not_strict(tmp_path_factory: pytest.TempPathFactory) -> tuple[subprocess.CompletedProcess[str], Path]:
    out = tmp_path_factory.mktemp("no-address-not-strict") / "site"
    return build_site(out, site_url=None, strict=False), out


def test_without_an_address_a_strict_build_stops_and_says_why(
        no_address: tuple[subprocess.CompletedProcess[str], Path]) -> None:
    result, site = no_address
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "1 problem(s) stop this build" in output and "SITE_URL is not set" in output, output
    assert "make build" in output and "make serve" in output
    assert "The site was not built." in output and "Traceback" not in output, output
    assert not site.exists()


def test_without_an_address_no_canonical_link_and_no_sitemap(
        no_address_not_strict: tuple[subprocess.CompletedProcess[str], Path]) -> None:
    result, site = no_address_not_strict
    assert result.returncode == 0, result.stderr
    assert "WARNING -  SITE_URL is not set" in result.stderr
    assert (site / "index.html").is_file()
    assert all(links == [] for links in canonical_links(site).values())
    assert not (site / "sitemap.xml").exists()
    assert not (site / "sitemap.xml.gz").exists()
    for path in site.rglob("*"):
        if path.suffix in {".html", ".xml"}:
            head = path.read_text(encoding="utf-8").split("</head>", 1)[0]
            assert "127.0.0.1" not in head and "localhost" not in head, path


def test_an_address_on_this_computer_warns(tmp_path: Path) -> None:
    result = build_site(tmp_path / "site", site_url="http://127.0.0.1:8000/")
    assert result.returncode != 0
    assert "an address on this computer" in result.stdout + result.stderr


@pytest.mark.parametrize(("url", "command", "warns"), [
    (None, "build", True),
    ("", "build", True),
    (None, "gh-deploy", True),
    (None, "serve", False),
    ("http://127.0.0.1:8000/", "serve", False),
    ("http://127.0.0.1:8000/", "build", True),
    ("http://127.8.9.10/", "build", True),
    ("http://localhost:8000/", "build", True),
    ("http://LOCALHOST/", "build", True),
    ("http://app.localhost/", "build", True),
    ("http://[::1]:8000/", "build", True),
    ("https://safeguarding.northshire.example/", "build", False),
    ("https://127-0-0-1.example/", "build", False),
    ("http://intranet.council.example/infoshare/", "build", False),
])
def test_when_the_address_warns(url: str | None, command: str, warns: bool) -> None:
    assert bool(site_address.warnings_for(url, command)) is warns


def test_sitemap_dropped_only_without_an_address(tmp_path: Path) -> None:
    for name in site_address.SITEMAPS:
        (tmp_path / name).write_text("x", encoding="utf-8")
    assert site_address.drop_sitemap(tmp_path, "https://x.example/") == []
    assert (tmp_path / "sitemap.xml").exists()
    assert len(site_address.drop_sitemap(tmp_path, None)) == 2
    assert not any((tmp_path / name).exists() for name in site_address.SITEMAPS)


def _get(url: str) -> tuple[str, dict[str, str]]:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8"), dict(response.headers)


def test_serve_works_without_an_address(tmp_path: Path) -> None:
    """`make serve` needs no SITE_URL: it serves at its own address, without warning, the
    finished site with the policy a host would serve, the working helper, and a sw.js that
    keeps nothing; pages are not cached, so a rebuilt page is seen on reload."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {k: v for k, v in os.environ.items() if k != "SITE_URL"}
    log = tmp_path / "serve.log"
    with log.open("w") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "build_scripts.site.serve", "--port", str(port), "--once"],
            cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + 120
        page = ""
        while time.monotonic() < deadline and process.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/rules/6/", timeout=2) as response:
                    page = response.read().decode("utf-8")
                break
            except OSError:
                time.sleep(0.5)
        output = log.read_text(encoding="utf-8")
        assert page, output
        assert _CANONICAL.findall(page) == [f"http://127.0.0.1:{port}/rules/6/"]
        assert not re.search(r"^WARNING\s+-", output, re.MULTILINE), output
        base = f"http://127.0.0.1:{port}/"
        rule, headers = _get(base + "rules/6/")
        assert headers["Cache-Control"] == "no-cache"
        assert re.search(r'<meta charset="utf-8"><meta http-equiv="Content-Security-Policy" '
                         r"content=\"script-src 'self' 'sha256-[^\"]*; connect-src 'self';", rule), rule[:600]
        assert 'data-offline="off"' in rule
        worker, _ = _get(base + "sw.js")
        assert 'const VERSION = "";' in worker and "const FILES = [];" in worker
        helper, _ = _get(base + "helper/")
        (runtime,) = re.findall(r'data-runtime="runtime/([^"/]+)/"', helper)
        assert _get(base + f"helper/runtime/{runtime}/pyodide-lock.json")[0].startswith("{")
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
