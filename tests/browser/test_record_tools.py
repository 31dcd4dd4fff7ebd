"""The record tools (Jinja2, MarkupSafe and the standard library modules only records use)
come after the helper is ready. A record operation made before they arrive waits for them,
however slow the connection, and is not taken for a worker that stopped answering; one that
cannot be had stops the helper with its name, and the questions stay usable."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from tests.browser import driver

COUNT_WORKERS = """
window.__workers = 0;
const RealWorker = window.Worker;
window.Worker = function (url, options) {
  const worker = new RealWorker(url, options);
  if (String(url).includes("/helper/worker.mjs")) {  // not the search worker
    window.__workers += 1;
    // The worker's word that a call waits for the record tools, where a selector can see it
    // (the page's content security policy keeps wait_for_function from evaluating strings).
    worker.addEventListener("message", (event) => {
      if (event.data && event.data.type === "waiting") document.documentElement.dataset.testWaiting = "yes";
    });
  }
  return worker;
};
window.Worker.prototype = RealWorker.prototype;
"""
TOOLS = re.compile(r"/(jinja2-[^/]+\.whl|markupsafe-[^/]+\.whl|python_stdlib_records\.zip)$")


def _short_call_timeout(page: Any, ms: int) -> None:
    def helper_page(route: Any) -> None:
        response = route.fetch()
        body = re.sub(r'data-call-timeout="\d+"', f'data-call-timeout="{ms}"', response.text())
        route.fulfill(response=response, body=body)

    page.route(re.compile(r".*/helper/(index\.html)?$"), helper_page)


def test_a_record_opened_before_the_tools_arrive_waits_for_them(watched: Any, site_url: str,
                                                                tmp_path: Path) -> None:
    page = watched.page
    page.add_init_script(COUNT_WORKERS)
    _short_call_timeout(page, 1500)
    held: list[Any] = []
    page.route(TOOLS, lambda route: held.append(route))  # noqa: PLW0108  (a bound builtin cannot be a handler)
    # The page's own timers are the test's from the start, so its call deadline can be passed at
    # once. Installed later, the clock would swap timer functions under intervals the theme has
    # already set, and the theme's scheduler would run an action it had cancelled.
    page.clock.install()
    driver.open_helper(page, site_url)
    draft = tmp_path / "draft.json"
    draft.write_text(json.dumps({"format": "infoshare-draft", "version": 1, "answers": {"urgency": "no"}}),
                     encoding="utf-8")
    page.set_input_files("#f-record_file", str(draft))
    page.get_by_role("button", name="Open the record").click()
    page.wait_for_selector("html[data-test-waiting=yes]", state="attached")
    page.clock.run_for(4000)  # well past the call's 1.5 s deadline
    assert driver.helper_state(page) == "ready"
    assert page.evaluate("window.__workers") == 1  # not restarted as if it had hung
    for route in held:
        route.continue_()
    # The draft opens where it stopped: the first question not answered.
    page.wait_for_selector("#q-case_reference:not([hidden])")
    assert driver.helper_state(page) == "ready"
    assert page.evaluate("window.__workers") == 1
    assert watched.problems() == []


def test_a_record_tool_that_cannot_be_had_stops_the_helper_by_name(watched: Any, site_url: str) -> None:
    page = watched.page
    page.route("**/python_stdlib_records.zip", lambda route: route.fulfill(status=404, body=b"gone"))
    driver.open_helper(page, site_url, wait_ready=False)
    page.wait_for_selector("html[data-helper-state=failed]", state="attached", timeout=driver.READY_TIMEOUT_MS)
    text = page.locator("#infoshare-failed").inner_text()
    assert "python_stdlib_records.zip could not be downloaded (HTTP 404)" in text, text
    # The questions still work, and what was typed can be saved.
    page.locator("#f-urgency-2").check()
    driver.press_continue(page, "urgency")
    assert driver.current_view(page) == "case_reference"
    assert page.get_by_role("button", name="Download your answers (JSON)").is_visible()
