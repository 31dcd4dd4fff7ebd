"""Fixtures for the cross-engine tests: `tab`, one fresh browser tab in each engine
(Chromium, Firefox, WebKit), and `own_site`, the built site on a server of the test's own
that the test can stop (no network, as a practitioner's device sees it)."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import pytest

from build_scripts.dev.static_server import serving
from tests.building import require_mark
from tests.engines import engines


def _require(engine: str) -> None:
    """Skip on a developer's machine without the engine; under CI a missing engine fails,
    so that a green run means every engine ran."""
    problem = engines.missing(engine)
    if problem:
        if os.environ.get("CI"):
            pytest.fail(problem + " (make test installs it)", pytrace=False)
        pytest.skip(problem + " (make test installs it)")


@pytest.fixture(scope="session")
def firefox(playwright: Any) -> Iterator[Any]:
    require_mark("browser", "starts a browser")
    _require("firefox")
    browser = engines.launch_firefox(playwright)
    try:
        yield browser
    finally:
        browser.close()


@pytest.fixture(scope="session")
def display() -> Iterator[str]:
    require_mark("browser", "starts a browser")
    _require("webkit")
    with engines.virtual_display() as value:
        yield value


# Chromium is tested in depth in tests/browser/, on every path these tests take (a whole
# decision per outcome, drafts, amending, Back and Forward, the date boxes, offline); here it
# would repeat them at the cost of a minute of every run. To check this driver against it
# too, when changing the driver: TEST_ENGINES=chromium,firefox,webkit.
TESTED = tuple(e for e in os.environ.get("TEST_ENGINES", "firefox,webkit").split(",") if e in engines.ENGINES)


@pytest.fixture(params=TESTED)
def engine(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def tab(engine: str, request: pytest.FixtureRequest) -> Iterator[engines.EnginePage]:
    """A tab in a fresh profile of `engine`, with the site's service worker allowed, as a
    practitioner's browser has it."""
    _require(engine)
    page: engines.EnginePage
    if engine == "webkit":
        page = engines.SeleniumPage(engines.webkit_session(request.getfixturevalue("display")))
    else:
        browser = request.getfixturevalue("browser" if engine == "chromium" else "firefox")
        page = engines.PlaywrightPage(engine, browser.new_context(service_workers="allow"))
    try:
        yield page
    finally:
        page.close()


@pytest.fixture(scope="session")
def record_schema(built_site: Path) -> dict[str, Any]:
    return dict(json.loads((built_site / "helper" / "record.schema.json").read_text(encoding="utf-8")))


class OwnSite:
    """The built site on a loopback server of this test's own, which it can stop."""

    def __init__(self, directory: Path) -> None:
        self._stack = ExitStack()
        self.base = self._stack.enter_context(serving(directory))

    def stop(self) -> None:
        """Stop the server: every request to it is now refused, as with no network."""
        self._stack.close()


@pytest.fixture
def own_site(built_site: Path) -> Iterator[OwnSite]:
    site = OwnSite(built_site)
    try:
        yield site
    finally:
        site.stop()
