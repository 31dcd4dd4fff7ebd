"""The site's address (SITE_URL): a build made for an address points canonical links and
the sitemap there; a build without one says so, and never points them at this computer;
`mkdocs serve` works without one."""

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
from tests.conftest import ROOT, TEST_SITE_URL, site_pages

_CANONICAL = re.compile(r'<link rel="canonical" href="([^"]*)"')
_LOC = re.compile(r"<loc>([^<]*)</loc>")


def canonical_links(site: Path) -> dict[str, list[str]]:
    return {path: _CANONICAL.findall((site / (path or "index.html") if not path.endswith("/")
                                      else site / path / "index.html").read_text(encoding="utf-8"))
            for path in site_pages(site)}


def build(out: Path, site_url: str | None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "SITE_URL"}
    if site_url is not None:
        env["SITE_URL"] = site_url
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
                          cwd=ROOT, capture_output=True, text=True, env=env)


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
    return build(out, None), out


def test_without_an_address_a_strict_build_stops_and_says_why(
        no_address: tuple[subprocess.CompletedProcess[str], Path]) -> None:
    result, _ = no_address
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "WARNING" in output and "SITE_URL is not set" in output, output
    assert "make build" in output and "make serve" in output
    assert "Aborted with 1 warnings in strict mode" in output, output


def test_without_an_address_no_canonical_link_and_no_sitemap(
        no_address: tuple[subprocess.CompletedProcess[str], Path]) -> None:
    _, site = no_address
    assert (site / "index.html").is_file()
    assert all(links == [] for links in canonical_links(site).values())
    assert not (site / "sitemap.xml").exists()
    assert not (site / "sitemap.xml.gz").exists()
    for path in site.rglob("*"):
        if path.suffix in {".html", ".xml"}:
            head = path.read_text(encoding="utf-8").split("</head>", 1)[0]
            assert "127.0.0.1" not in head and "localhost" not in head, path


def test_an_address_on_this_computer_warns(tmp_path: Path) -> None:
    result = build(tmp_path / "site", "http://127.0.0.1:8000/")
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


def test_serve_works_without_an_address(tmp_path: Path) -> None:
    """`make serve` needs no SITE_URL: MkDocs serves at its own address, without warning."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {k: v for k, v in os.environ.items() if k != "SITE_URL"}
    log = tmp_path / "serve.log"
    with log.open("w") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}", "--no-livereload"],
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
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
