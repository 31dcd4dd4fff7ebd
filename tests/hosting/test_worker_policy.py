"""A worker's code cannot reach another origin when the shipped nginx configuration serves it.

A page's <meta> policy does not reach a dedicated worker: the worker takes its policy from
the response that delivered its script. So the probe page starts a worker at each place
the configuration gives worker scripts a policy (under helper/, where the helper's Python
worker lives, and the theme's worker folder, where its search worker lives), and each
tries to fetch from another origin: a small server on another loopback port that counts
every request it gets.

The control run serves the same files from a plain static server (no headers): there the
same fetch succeeds, which shows the probe would notice if the policy were missing.
"""

from __future__ import annotations

import http.server
import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest

from build_scripts.dev.static_server import serving
from tests.hosting.conftest import Nginx

REACHED = "reached the other origin"


@dataclass
class OtherOrigin:
    url: str
    hits: list[str] = field(default_factory=list)


@pytest.fixture
def other_origin() -> Iterator[OtherOrigin]:
    record = OtherOrigin("")

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            record.hits.append(self.path)
            body = REACHED.encode()
            self.send_response(200)
            self.send_header("Access-Control-Allow-Origin", "*")
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    record.url = f"http://127.0.0.1:{server.server_address[1]}/collect?answers=secret"
    try:
        yield record
    finally:
        server.shutdown()
        server.server_close()


def run_probe(page: Any, base: str, target: str) -> dict[str, Any]:
    page.goto(f"{base}hosting-probe/?target={target}")
    page.wait_for_selector("body[data-result]", state="attached", timeout=30_000)
    result: dict[str, Any] = json.loads(page.locator("body").get_attribute("data-result"))
    return result


def test_workers_cannot_reach_another_origin_under_the_shipped_policy(
        nginx: Nginx, page: Any, other_origin: OtherOrigin) -> None:
    worker_responses: dict[str, str | None] = {}
    page.on("response", lambda r: worker_responses.__setitem__(r.url.split("?")[0], r.headers.get(
        "content-security-policy")) if "hosting-probe" in r.url else None)
    result = run_probe(page, nginx.base, other_origin.url)
    for name in ("helper", "search"):
        report = result[name]
        assert report["started"], report
        assert report["fetched"] is None, report
        assert report["error"], report
        assert any(v.startswith("connect-src ") for v in report["violations"]), report
    assert other_origin.hits == []
    # The workers' own responses carried the policy that stopped them.
    helper_worker = nginx.base + "helper/hosting-probe/worker.mjs"
    assert "connect-src 'self'" in (worker_responses.get(helper_worker) or ""), worker_responses


def test_without_the_header_the_same_worker_reaches_another_origin(
        nginx: Nginx, page: Any, other_origin: OtherOrigin) -> None:
    """The control: the same probe from a host that sends no policy header."""
    with serving(nginx.site) as base:
        result = run_probe(page, base, other_origin.url)
    for name in ("helper", "search"):
        assert result[name]["fetched"] == REACHED, result[name]
        assert result[name]["violations"] == [], result[name]
    assert len(other_origin.hits) == 2
