"""When the helper's worker stops answering, dies or breaks, or its download stops moving,
the page says so plainly, offers the draft with everything typed, keeps every answer,
and (for a worker) starts a new one.

The helper page is served with short time limits (the boot script's data-call-timeout and
data-stall-timeout), and the worker with a test hook put in front of its own message
handler: a request holding "__hang__" makes it spin for ever, "__die__" makes it close
itself, "__crash__" makes it report that Python broke.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from tests.browser import driver

HOOK = """
self.addEventListener("message", (event) => {
  const request = (event.data && event.data.request) || "";
  if (request.includes("__hang__")) { event.stopImmediatePropagation(); for (;;) {} }
  if (request.includes("__die__")) { event.stopImmediatePropagation(); self.close(); }
  if (request.includes("__crash__")) {
    event.stopImmediatePropagation();
    self.postMessage({ type: "failed", reason: "test: Python broke" });
  }
});
"""


def _short_limits(page: Any, *, call_ms: int = 3000, stall_ms: int = 3000) -> None:
    def helper_page(route: Any) -> None:
        response = route.fetch()
        body = response.text()
        body = re.sub(r'data-call-timeout="\d+"', f'data-call-timeout="{call_ms}"', body)
        body = re.sub(r'data-stall-timeout="\d+"', f'data-stall-timeout="{stall_ms}"', body)
        route.fulfill(response=response, body=body)

    def worker(route: Any) -> None:
        response = route.fetch()
        source = response.text()
        # Before the worker's own handler of the page's messages, so that it hears them first.
        handler = source.index('\nself.addEventListener("message"')
        route.fulfill(response=response, body=source[:handler] + HOOK + source[handler:])

    page.route(re.compile(r".*/helper/(index\.html)?$"), helper_page)
    page.route("**/helper/worker.mjs*", worker)


def _start_request_page(page: Any, reference: str) -> None:
    page.locator("#f-urgency-2").check()
    driver.press_continue(page, "urgency")
    page.locator("#f-case_reference").fill(reference)
    page.locator("#q-case_reference").get_by_role("button", name="Continue").click()


@pytest.mark.parametrize(("marker", "says"), [
    ("__hang__", "did not answer within 3 seconds"),
    ("__die__", "did not answer within 3 seconds"),
    ("__crash__", "stopped working"),
], ids=["hung", "closed", "broken"])
def test_a_worker_that_stops_answering_is_replaced_and_nothing_is_lost(
        watched: Any, site_url: str, tmp_path: Path, marker: str, says: str) -> None:
    page = watched.page
    _short_limits(page)
    driver.open_helper(page, site_url)
    _start_request_page(page, f"AB-12 {marker}")
    notice = page.locator("#infoshare-interrupted")
    notice.wait_for(state="visible", timeout=15_000)
    assert "The helper stopped responding" in notice.inner_text()
    assert says in notice.inner_text()
    assert page.evaluate("document.activeElement.id") == "infoshare-interrupted"
    # Nothing typed is lost, and it can be saved now.
    assert page.locator("#f-case_reference").input_value() == f"AB-12 {marker}"
    assert driver.current_view(page) == "case_reference"
    with page.expect_download() as info:
        notice.get_by_role("button", name="Save your answers so far (JSON)").click()
    draft = json.loads(Path(info.value.path()).read_text(encoding="utf-8"))
    assert draft["answers"]["case_reference"] == f"AB-12 {marker}"
    # A new worker starts; once the practitioner carries on, the helper works again.
    driver.wait_settled(page)
    assert driver.helper_state(page) == "ready"
    assert "has restarted" in notice.inner_text()
    page.locator("#f-case_reference").fill("AB-12")
    driver.press_continue(page, "case_reference")
    assert driver.current_view(page) == "request"
    assert notice.is_hidden()
    assert watched.foreign_requests() == []


def test_a_download_that_stops_moving_is_reported_while_it_keeps_trying(watched: Any, site_url: str) -> None:
    page = watched.page
    _short_limits(page)
    held: list[Any] = []

    def hold(route: Any) -> None:  # answered later, below
        held.append(route)

    page.route("**/pyodide.asm.wasm", hold)
    driver.open_helper(page, site_url, wait_ready=False)
    notice = page.locator("#infoshare-interrupted")
    notice.wait_for(state="visible", timeout=15_000)
    text = notice.inner_text()
    assert "download has stopped moving" in text and "keeps trying" in text
    assert driver.helper_state(page) == "loading"
    # The questions can still be answered meanwhile, and saved.
    page.locator("#f-urgency-2").check()
    with page.expect_download() as info:
        notice.get_by_role("button", name="Save your answers so far (JSON)").click()
    assert json.loads(Path(info.value.path()).read_text(encoding="utf-8"))["answers"] == {"urgency": "no"}
    # When the file arrives after all, the helper starts.
    for route in held:
        route.continue_()
    driver.wait_settled(page)
    assert driver.helper_state(page) == "ready", driver.failure_text(page)
    assert notice.is_hidden()


def test_repeated_failures_end_in_a_clear_failure(watched: Any, site_url: str) -> None:
    """A worker that breaks every time is not restarted for ever: after a few tries the
    helper says it cannot run, and the draft is still offered."""
    page = watched.page
    _short_limits(page, call_ms=1500)
    driver.open_helper(page, site_url)
    page.locator("#f-urgency-2").check()
    driver.press_continue(page, "urgency")
    page.locator("#f-case_reference").fill("__crash__")
    for _ in range(4):
        page.locator("#q-case_reference").get_by_role("button", name="Continue").click()
        page.wait_for_selector("html[data-helper-state=ready], html[data-helper-state=failed]", timeout=15_000)
        if driver.helper_state(page) == "failed":
            break
        page.wait_for_timeout(200)
    assert driver.helper_state(page) == "failed"
    assert page.locator("#infoshare-failed").is_visible()
    assert page.locator("#f-case_reference").input_value() == "__crash__"
