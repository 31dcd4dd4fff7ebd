"""Shared fixtures: one strict build of the site (tests/building.py), served on a loopback
port, and Debian's Chromium driven by Playwright.

The browser tests drive the built site as an ordinary static host would serve it
(build_scripts/dev/static_server.py); they import nothing from the site's build code.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Generator, Iterator
from pathlib import Path

import pytest

from tests.building import ROOT, TEST_SITE_URL, built_once, require_mark, running

__all__ = ["ROOT", "TEST_SITE_URL"]

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--disable-default-apps",
    "--disable-features=Translate,OptimizationHints,MediaRouter",
]


def require_tool(name: str, why: str) -> str:
    """The path of a command the tests need. Missing: a skip on a developer's machine,
    a failure under CI, where a green run must mean the tests ran."""
    found = shutil.which(name)
    if found is None:
        message = f"{name} is not on PATH: {why}"
        if os.environ.get("CI"):
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    return found


# Fixtures that start a browser, and fixtures that build the whole site: a test that
# uses one, however indirectly, is marked `browser` or `build` here, from its fixture
# closure. (A `pytestmark` in a conftest.py marks nothing, so folders cannot do this.)
BROWSER_FIXTURES = frozenset({"browser", "firefox", "display", "tab"})
BUILD_FIXTURES = frozenset({"built_site", "partnership_site", "builder_site", "hosted_site",
                            "second_build", "partnership_config"})


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        used = set(getattr(item, "fixturenames", ()))
        if used & BROWSER_FIXTURES:
            item.add_marker(pytest.mark.browser)
        if used & BUILD_FIXTURES:
            item.add_marker(pytest.mark.build)
        if "engine" in used:
            item.add_marker(pytest.mark.engines)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item: pytest.Item) -> Generator[None, object, object]:
    running.append(item)
    try:
        return (yield)
    finally:
        running.pop()


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the site once, as `make build` does (strict: any problem fails the build)."""
    return built_once(tmp_path_factory, "built")


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    """Serve the built site on an unused loopback port, as an ordinary static host would."""
    from build_scripts.dev.static_server import serving

    with serving(built_site) as base:
        yield base


@pytest.fixture(scope="session")
def playwright() -> Iterator[object]:
    """One Playwright for the whole run: it drives Chromium here, and Firefox in the
    cross-engine tests (tests/engines/)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        yield pw


@pytest.fixture(scope="session")
def browser(playwright: object) -> Iterator[object]:
    require_mark("browser", "starts a browser")
    if not Path(CHROMIUM).exists() and shutil.which(CHROMIUM) is None:
        pytest.fail(f"Chromium not found at {CHROMIUM}; run the README's test command, "
                    "which installs it, or set CHROMIUM to its path", pytrace=False)
    chromium = playwright.chromium.launch(  # type: ignore[attr-defined]
        executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
    try:
        yield chromium
    finally:
        chromium.close()


@pytest.fixture
def page(browser: object) -> Iterator[object]:
    # Without the site's service worker (docs/sw.js): these tests stand in for the network
    # with page.route(), which never sees a request the worker answers from its copy. The
    # service worker's own tests make their contexts with it (tests/browser/test_offline.py).
    context = browser.new_context(accept_downloads=True, service_workers="block")  # type: ignore[attr-defined]
    pg = context.new_page()
    try:
        yield pg
    finally:
        context.close()


def site_pages(site_dir: Path) -> list[str]:
    """Every HTML page of the built site, as URL paths relative to the root."""
    paths = []
    for html in sorted(site_dir.rglob("*.html")):
        rel = html.relative_to(site_dir).as_posix()
        if rel.startswith(("helper/runtime/", "assets/")):
            continue
        if rel == "index.html":
            paths.append("")
        elif rel.endswith("/index.html"):
            paths.append(rel[: -len("index.html")])
        else:
            paths.append(rel)
    return paths
