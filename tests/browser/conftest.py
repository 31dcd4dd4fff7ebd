"""Fixtures for the decision helper's browser tests: a page that records every request,
console error and security-policy violation, and the record's published schema."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.browser.driver import WATCH_SCRIPT

SERVICE_WORKER_BLOCKED = "Service Worker registration blocked by Playwright"


@dataclass
class Watched:
    page: Any
    origin: str
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def foreign_requests(self) -> list[str]:
        return [u for u in self.requests
                if urlsplit(u).scheme not in {"blob", "data", "about"} and urlsplit(u).netloc != self.origin]

    def problems(self) -> list[str]:
        """Console errors, uncaught exceptions and CSP violations seen so far."""
        return [*self.errors, *self.page.evaluate("window.__problems || []")]


@pytest.fixture
def watched(page: Any, site_url: str) -> Iterator[Watched]:
    page.context.add_init_script(WATCH_SCRIPT)
    seen = Watched(page, urlsplit(site_url).netloc)
    page.on("request", lambda r: seen.requests.append(r.url))
    page.on("console", lambda m: seen.errors.append(f"console: {m.text}") if m.type == "error" else None)
    # The test's own doing, not the site's: these tests run without the service worker
    # (tests/conftest.py, `page`), and Playwright says so when a page registers it.
    page.on("console", lambda m: seen.warnings.append(m.text)
            if m.type == "warning" and m.text != SERVICE_WORKER_BLOCKED else None)
    page.on("pageerror", lambda e: seen.errors.append(f"pageerror: {e}"))
    return seen


@pytest.fixture(scope="session")
def record_schema(built_site: Path) -> dict[str, Any]:
    return json.loads((built_site / "helper" / "record.schema.json").read_text(encoding="utf-8"))
