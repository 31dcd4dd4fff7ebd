"""What the helper downloads before it is ready, through nginx with the shipped
configuration and a build made as `make build` makes it (precompressed: the standard
library's zips stored, sent as Brotli).

Before "ready": the engine, the standard library modules the questions use, and our own
package; nothing else. The record tools (Jinja2, MarkupSafe, the modules records use) and
the rest of the standard library come after, each asked for once: the boot script's early
read-through of the largest files shares the worker's download instead of repeating it.
(`make bench` measures the same on emulated Fast 4G; this checks it, with no timing.)
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.browser import driver
from tests.browser import test_offline as offline
from tests.hosting.conftest import Nginx

LATER = re.compile(r"/(jinja2-[^/]+\.whl|markupsafe-[^/]+\.whl|python_stdlib_records\.zip|python_stdlib_more\.zip)$")
COUNT_BYTES = driver.COUNT_WORKER_BYTES


def _wait_for(page: Any, held: list[Any], count: int) -> None:
    for _ in range(300):
        if len(held) >= count:
            return
        page.wait_for_timeout(100)
    pytest.fail(f"only {len(held)} of {count} later requests came", pytrace=False)


def test_ready_needs_only_what_the_questions_need(nginx: Nginx, page: Any) -> None:
    held: list[Any] = []
    page.route(LATER, lambda route: held.append(route))  # noqa: PLW0108  (a bound builtin cannot be a handler)
    page.add_init_script(COUNT_BYTES)

    # Ready, with every later file held back at the browser.
    driver.open_helper(page, nginx.base)
    _wait_for(page, held, 3)
    assert sorted(LATER.search(route.request.url).group(1).split("-")[0] for route in held) == [
        "jinja2", "markupsafe", "python_stdlib_records.zip"]
    total = int(page.locator("script[data-download-bytes]").get_attribute("data-download-bytes"))
    assert page.evaluate("window.__workerBytes")[-1] == total
    # The questions work meanwhile.
    page.locator("#f-urgency-2").check()
    driver.press_continue(page, "urgency")
    assert driver.current_view(page) == "case_reference"

    for route in held:
        route.continue_()
    _wait_for(page, held, 4)  # the rest of the standard library follows the record tools
    assert held[3].request.url.endswith("/python_stdlib_more.zip")
    held[3].continue_()
    page.wait_for_selector("html[data-helper-downloads=complete]", state="attached", timeout=60_000)



def test_each_file_is_downloaded_once(nginx: Nginx, page: Any) -> None:
    """With the browser's cache at work (no request held, which would turn it off), the
    boot script's early read-through and the worker share one download of each file."""
    logged = len(nginx.log_entries())
    driver.open_helper(page, nginx.base)
    page.wait_for_selector("html[data-helper-downloads=complete]", state="attached", timeout=60_000)
    # A second download of a file would have been asked for before a request the page
    # makes now: once that is in the server's log, so is anything sent before it.
    page.evaluate("() => fetch('/after-the-downloads').catch(() => null)")
    for _ in range(300):
        if any(e["request"].startswith("/after-the-downloads") for e in nginx.log_entries()[logged:]):
            break
        page.wait_for_timeout(50)
    else:
        pytest.fail("the request made after the downloads never reached nginx", pytrace=False)
    entries = [e for e in nginx.log_entries()[logged:] if "Chrome" in e["user_agent"]]
    runtime = [e for e in entries if "/helper/runtime/" in e["request"]]
    names = sorted(e["request"].rsplit("/", 1)[1] for e in runtime)
    assert len(names) == len(set(names)) == 11, names
    sent = {e["request"].rsplit("/", 1)[1]: e for e in runtime}
    for name in ("pyodide.asm.wasm", "python_stdlib.zip", "pyodide.asm.mjs", "python_stdlib_records.zip",
                 "python_stdlib_more.zip"):
        assert sent[name]["content_encoding"] == "br", name
    # The first part of the standard library, stored and sent as Brotli, costs under a third
    # of its size.
    first = nginx.site / sent["python_stdlib.zip"]["request"].lstrip("/")
    assert sent["python_stdlib.zip"]["bytes"] < first.stat().st_size / 3


def test_offline_copy_through_nginx(nginx: Nginx, browser: Any) -> None:
    """The service worker as nginx serves it (sw.js with its own policy, never cached; the
    runtime compressed and cached for a year): after a first visit the helper starts with
    no network, from the copy."""
    context = browser.new_context(service_workers="allow")
    try:
        page = context.new_page()
        logged = len(nginx.log_entries())
        driver.open_helper(page, nginx.base)
        offline.wait_for_copy(page, len(offline.kept_list(nginx.site)))
        # The copy took the runtime from the browser's cache (it is cached for a year), not
        # the network again: each of its files was sent once.
        runtime = [e["request"] for e in nginx.log_entries()[logged:] if "/helper/runtime/" in e["request"]]
        assert len(runtime) == len(set(runtime)) == 11, runtime
        # The copy asked the server for the site's other files too.
        sent = [e["request"] for e in nginx.log_entries()[logged:]]
        assert "/sw.js" in sent and "/rules/6/" in sent
        context.set_offline(True)
        page.reload()
        driver.wait_settled(page)
        assert driver.helper_state(page) == "ready", driver.failure_text(page)
        assert offline.cache_state(page)["controlled"]
        page.goto(nginx.base + "rules/6/")
        assert "Rule 6" in page.locator("h1").first.inner_text()
    finally:
        context.close()
