"""The helper's worker keeps its promise without help from the host, and fails fast.

- Code running in a worker that imports the helper's guard (docs/helper/guard.mjs, the
  first import of worker.mjs) cannot reach another origin by fetch, XMLHttpRequest,
  WebSocket, EventSource, importScripts or a nested worker, with no policy header at all;
  the other origin sees no request. Nor by a way round a check (an address that changes
  after it is checked, a Proxy posing as a Request, Cache.add, a blob: or data: worker,
  WebSocketStream, WebTransport).
- A damaged or mistyped pyodide.asm.wasm is reported at once, by name, not after the
  two-minute start-up limit.
"""

from __future__ import annotations

import http.server
import json
import re
import shutil
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar

import pytest

from build_scripts.dev.static_server import serving
from tests.browser import driver

PROBE_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>guard probe</title>
<script type="module" src="probe-page.mjs"></script></head><body><p id="out">waiting</p></body></html>
"""

PROBE_PAGE_SCRIPT = """
const worker = new Worker(`probe-worker.mjs?other=${encodeURIComponent(location.hash.slice(1))}`, {type: "module"});
worker.onmessage = (event) => { document.getElementById("out").textContent = JSON.stringify(event.data); };
worker.onerror = (event) => { document.getElementById("out").textContent = JSON.stringify({error: event.message}); };
"""

# Imports the guard first, as worker.mjs does, then tries every way out.
PROBE_WORKER = """
import "./guard.mjs";
const other = new URL(self.location.href).searchParams.get("other");
const results = {};
async function attempt(name, action) {
  try { await action(); results[name] = "allowed"; }
  catch (error) { results[name] = `refused: ${error.name}`; }
}
await attempt("fetch", () => fetch(other + "fetch"));
await attempt("fetch Request", () => fetch(new Request(other + "request")));
await attempt("xhr", () => new Promise((resolve, reject) => {
  const xhr = new XMLHttpRequest();
  xhr.open("GET", other + "xhr");
  xhr.onload = resolve;
  xhr.onerror = reject;
  xhr.send();
}));
await attempt("websocket", () => { new WebSocket(other.replace("http", "ws") + "ws"); });
await attempt("eventsource", () => { new EventSource(other + "events"); });
await attempt("worker", () => { new Worker(other + "worker.mjs", {type: "module"}); });
// Module code is strict: assigning to the locked fetch throws a TypeError.
await attempt("replace fetch", () => { self.fetch = () => null; });
await attempt("own origin", async () => {
  const response = await fetch("probe-page.mjs");
  if (!response.ok) throw new Error("own fetch failed");
});
self.postMessage(results);
"""


class _Recorder(http.server.BaseHTTPRequestHandler):
    seen: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        self.seen.append(self.path)
        self.send_response(200)
        self.send_header("Access-Control-Allow-Origin", "*")
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


AFTER = "after-the-probe"


def wait_for_later_request(page: Any, other: str, seen: list[str]) -> None:
    """Send the other origin a request from the page, after the probe has finished, and wait
    until it arrives: a request the probe let out went before it, so it has arrived too."""
    page.evaluate("(url) => fetch(url, {mode: 'no-cors'}).catch(() => null)", other + AFTER)
    wait_until_seen(seen, {"/" + AFTER})
    seen.remove("/" + AFTER)


def wait_until_seen(seen: list[str], paths: set[str], timeout: float = 10) -> None:
    """Wait until a request for every path in `paths` has reached the other origin."""
    deadline = time.monotonic() + timeout
    while not paths <= {path.split("?")[0] for path in seen}:
        if time.monotonic() > deadline:
            pytest.fail(f"never arrived at the other origin: {sorted(paths)}; seen {seen}", pytrace=False)
        time.sleep(0.02)


@pytest.fixture
def other_origin() -> Iterator[tuple[str, list[str]]]:
    seen: ClassVar[list[str]] = []
    handler = type("Recorder", (_Recorder,), {"seen": seen})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/", seen
    finally:
        server.shutdown()
        server.server_close()


def test_worker_cannot_reach_another_origin_without_a_policy_header(
        page: Any, built_site: Path, tmp_path: Path, other_origin: tuple[str, list[str]]) -> None:
    other, seen = other_origin
    shutil.copyfile(built_site / "helper" / "guard.mjs", tmp_path / "guard.mjs")
    (tmp_path / "index.html").write_text(PROBE_PAGE, encoding="utf-8")
    (tmp_path / "probe-page.mjs").write_text(PROBE_PAGE_SCRIPT, encoding="utf-8")
    (tmp_path / "probe-worker.mjs").write_text(PROBE_WORKER, encoding="utf-8")
    # No security headers at all: the guard alone must hold.
    with serving(tmp_path, headers={}) as base:
        page.goto(f"{base}index.html#{other}")
        page.wait_for_function("document.getElementById('out').textContent !== 'waiting'")
        results = json.loads(page.locator("#out").inner_text())
        wait_for_later_request(page, other, seen)
    assert results == {
        "fetch": "refused: SecurityError",
        "fetch Request": "refused: SecurityError",
        "xhr": "refused: SecurityError",
        "websocket": "refused: SecurityError",
        "eventsource": "refused: SecurityError",
        "worker": "refused: SecurityError",
        "replace fetch": "refused: TypeError",
        "own origin": "allowed",
    }
    assert seen == []


# The theme's search worker as built (the guard at its start), loaded into a classic
# worker that then tries every way out, as the theme's own code could.
SEARCH_PROBE_PAGE_SCRIPT = """
const worker = new Worker(`search-probe.js?other=${encodeURIComponent(location.hash.slice(1))}`);
worker.onmessage = (event) => { document.getElementById("out").textContent = JSON.stringify(event.data); };
worker.onerror = (event) => { document.getElementById("out").textContent = JSON.stringify({error: event.message}); };
"""
SEARCH_PROBE_WORKER = """
importScripts("search-worker.js");
const other = new URL(self.location.href).searchParams.get("other");
const results = {};
async function attempt(name, action) {
  try { await action(); results[name] = "allowed"; }
  catch (error) { results[name] = `refused: ${error.name}`; }
}
(async () => {
  await attempt("fetch", () => fetch(other + "search-fetch"));
  await attempt("xhr", () => new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("GET", other + "search-xhr");
    xhr.onload = resolve;
    xhr.onerror = reject;
    xhr.send();
  }));
  await attempt("websocket", () => { new WebSocket(other.replace("http", "ws") + "ws"); });
  await attempt("eventsource", () => { new EventSource(other + "events"); });
  await attempt("importScripts", () => { importScripts(other + "more.js"); });
  await attempt("own origin", async () => {
    const response = await fetch("search-worker.js");
    if (!response.ok) throw new Error("own fetch failed");
  });
  self.postMessage(results);
})();
"""


@pytest.mark.parametrize("guarded", [True, False], ids=["as built", "without the guard"])
def test_search_worker_cannot_reach_another_origin_without_a_policy_header(
        page: Any, built_site: Path, tmp_path: Path, other_origin: tuple[str, list[str]], guarded: bool) -> None:
    """What is typed in the search box goes to the theme's search worker: as built, it
    refuses other origins with no header at all. The same worker without the guard (the
    theme's own file) is not stopped by anything: the control, so the test cannot pass
    for another reason."""
    from build_scripts.site import worker_guard

    other, seen = other_origin
    (built,) = (built_site / worker_guard.WORKERS).glob("search*.js")
    source = built.read_text(encoding="utf-8")
    if not guarded:
        guard = worker_guard.MARK + worker_guard.classic(
            (built_site / worker_guard.GUARD).read_text(encoding="utf-8"))
        assert source.startswith(guard)
        source = source[len(guard):]
    (tmp_path / "search-worker.js").write_text(source, encoding="utf-8")
    (tmp_path / "index.html").write_text(PROBE_PAGE.replace("probe-page.mjs", "search-probe-page.mjs"),
                                         encoding="utf-8")
    (tmp_path / "search-probe-page.mjs").write_text(SEARCH_PROBE_PAGE_SCRIPT, encoding="utf-8")
    (tmp_path / "search-probe.js").write_text(SEARCH_PROBE_WORKER, encoding="utf-8")
    with serving(tmp_path, headers={}) as base:
        page.goto(f"{base}index.html#{other}")
        page.wait_for_function("document.getElementById('out').textContent !== 'waiting'")
        results = json.loads(page.locator("#out").inner_text())
        if guarded:
            wait_for_later_request(page, other, seen)
        else:
            wait_until_seen(seen, {"/search-fetch"})
    if guarded:
        assert results == {
            "fetch": "refused: SecurityError",
            "xhr": "refused: SecurityError",
            "websocket": "refused: SecurityError",
            "eventsource": "refused: SecurityError",
            "importScripts": "refused: SecurityError",
            "own origin": "allowed",
        }
        assert seen == []
    else:
        assert results["fetch"] == "allowed"
        assert "/search-fetch" in seen


def test_the_real_worker_imports_the_guard_before_anything_else(built_site: Path) -> None:
    source = (built_site / "helper" / "worker.mjs").read_text(encoding="utf-8")
    imports = re.findall(r"^import .*$", source, flags=re.MULTILINE)
    assert imports and re.fullmatch(r'import \{ wrapFetch \} from "\./guard\.mjs\?v=[0-9a-f]+";', imports[0])
    code = [line for line in source.splitlines() if line.strip() and not line.lstrip().startswith("//")]
    assert code[0] == imports[0], "the guard is the worker's first statement"


@pytest.mark.parametrize(("body", "content_type"), [
    (b"\x00asm\x01\x00\x00\x00" + b"\xff" * 4096, "application/wasm"),  # damaged
    (b"not webassembly at all", "application/wasm"),
    (None, "text/plain"),  # the real file, served with the wrong type
], ids=["damaged", "not-wasm", "wrong-type"])
def test_a_bad_webassembly_file_is_reported_at_once(
        watched: Any, site_url: str, built_site: Path, body: bytes | None, content_type: str) -> None:
    page = watched.page
    real = next((built_site / "helper" / "runtime").glob("*/pyodide.asm.wasm")).read_bytes()
    page.route("**/pyodide.asm.wasm", lambda route: route.fulfill(
        status=200, body=real if body is None else body, headers={"Content-Type": content_type}))
    started = time.monotonic()
    driver.open_helper(page, site_url, wait_ready=False)
    driver.wait_settled(page)
    took = time.monotonic() - started
    assert driver.helper_state(page) == "failed"
    text = driver.failure_text(page)
    assert "pyodide.asm.wasm could not be started" in text, text
    assert "Download your answers" in text
    assert took < 30, took  # not the two-minute start-up limit
    # The questions stay usable without Python.
    page.locator("#f-urgency-2").check()
    driver.press_continue(page, "urgency")
    assert driver.current_view(page) == "case_reference"


# Ways round a guard that checks one thing and hands the browser another. Each attack's
# request names its own path on the other origin, so what got out says which way it took.
# `flip` answers this site's own address the first time it is read, and the other origin's
# after: a guard that reads the address once to check it and lets the browser read it again
# is fooled. The Proxy says it is a Request for this site, but the browser reads it as a
# string, through the Proxy. A blob: or data: worker runs code of its own, without the guard.
BYPASS_WORKER = """
__GUARD__
const other = new URL(self.location.href).searchParams.get("other");
const own = new URL("nothing.mjs", self.location.href).href;
const plain = new URL(self.location.href).searchParams.get("plain") === "1";
function flip(path) {
  if (plain) return other + path;
  let reads = 0;
  return { toString: () => (reads++ === 0 ? own : other + path) };
}
function dressedRequest(path) {
  if (plain) return other + path;
  const real = new Request(own);
  return new Proxy(real, {
    get(target, key) {
      if (key === Symbol.toPrimitive || key === "toString") return () => other + path;
      const value = Reflect.get(target, key, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}
const results = {};
async function attempt(name, action) {
  try { await action(); results[name] = "allowed"; }
  catch (error) { results[name] = `refused: ${error.name}`; }
}
const rethrowRefusal = (error) => { if (error.name === "SecurityError") throw error; };
const settle = (promise) => Promise.race([promise, new Promise((resolve) => setTimeout(resolve, 300))]);
const childCode = (path) => `fetch(${JSON.stringify(other + path)}).catch(() => {});`;
await attempt("fetch flip", () => fetch(flip("fetch-flip")).catch(rethrowRefusal));
await attempt("fetch Proxy Request", () => fetch(dressedRequest("fetch-proxy")).catch(rethrowRefusal));
await attempt("xhr flip", () => { const xhr = new XMLHttpRequest(); xhr.open("GET", flip("xhr-flip")); xhr.send(); });
await attempt("eventsource flip", () => { new EventSource(flip("events-flip")); });
await attempt("worker flip", () => { new Worker(flip("worker-flip.mjs"), {type: "module"}); });
const cache = await caches.open("probe");
await attempt("cache add", () => settle(cache.add(other + "cache-add").catch(rethrowRefusal)));
await attempt("cache addAll", () => settle(cache.addAll([own, other + "cache-addall"]).catch(rethrowRefusal)));
const script = (path) => new Blob([childCode(path)], {type: "text/javascript"});
await attempt("blob worker", () => { new Worker(URL.createObjectURL(script("blob-worker"))); });
await attempt("data worker", () => {
  new Worker("data:text/javascript," + encodeURIComponent(childCode("data-worker")));
});
const quietly = () => {};
if (typeof WebSocketStream === "function") {
  await attempt("websocketstream", () => {
    new WebSocketStream(other.replace("http", "ws") + "ws-stream").opened.catch(quietly);
  });
}
if (typeof WebTransport === "function") {
  await attempt("webtransport", () => {
    new WebTransport(other.replace("http:", "https:") + "transport").ready.catch(quietly);
  });
}
await attempt("own origin", async () => { if (!(await fetch(own)).ok) throw new Error("own fetch failed"); });
self.postMessage(results);
"""
BYPASS_PATHS = {
    "fetch flip": "/fetch-flip", "fetch Proxy Request": "/fetch-proxy", "xhr flip": "/xhr-flip",
    "eventsource flip": "/events-flip", "worker flip": "/worker-flip.mjs", "cache add": "/cache-add",
    "cache addAll": "/cache-addall", "blob worker": "/blob-worker", "data worker": "/data-worker",
    "websocketstream": "/ws-stream",
}


@pytest.mark.parametrize("guarded", [True, False], ids=["guarded", "without the guard"])
def test_no_way_round_the_guard_reaches_another_origin(
        page: Any, built_site: Path, tmp_path: Path, other_origin: tuple[str, list[str]], guarded: bool) -> None:
    """Guarded, every attack is refused (or, where the address was read once and checked,
    goes to this site) and the other origin sees nothing. The control: without the guard
    the same channels, given the other origin's address, reach it in this browser, so the
    guarded run cannot pass because a channel is dead here."""
    other, seen = other_origin
    guard = (built_site / "helper" / "guard.mjs").read_text(encoding="utf-8") if guarded else ""
    # The guard inline, as a module's first statements, so the probe needs no import.
    source = BYPASS_WORKER.replace("__GUARD__", guard.replace("export ", ""))
    (tmp_path / "index.html").write_text(PROBE_PAGE, encoding="utf-8")
    (tmp_path / "probe-page.mjs").write_text(
        PROBE_PAGE_SCRIPT.replace("?other=", "?plain=" + ("0" if guarded else "1") + "&other="), encoding="utf-8")
    (tmp_path / "probe-worker.mjs").write_text(source, encoding="utf-8")
    (tmp_path / "nothing.mjs").write_text("// This site's own file, which does nothing.\n", encoding="utf-8")
    with serving(tmp_path, headers={}) as base:
        page.goto(f"{base}index.html#{other}")
        page.wait_for_function("document.getElementById('out').textContent !== 'waiting'", timeout=30_000)
        results = json.loads(page.locator("#out").inner_text())
        if guarded:
            wait_for_later_request(page, other, seen)
        else:  # the control: what each channel sent (a nested worker's own fetch comes late)
            wait_until_seen(seen, {BYPASS_PATHS[name] for name, result in results.items()
                                   if name in BYPASS_PATHS and result == "allowed"})
    assert "error" not in results, results
    assert results.pop("own origin") == "allowed"
    got_out = {name for name, path in BYPASS_PATHS.items() if any(p.startswith(path) for p in seen)}
    if guarded:
        assert got_out == set(), (got_out, seen)
        assert seen == []
        refused = {name for name, result in results.items() if result == "refused: SecurityError"}
        # The flips were read once, as this site's address, and went there: nothing to refuse.
        assert refused == set(results) - {"fetch flip", "xhr flip", "eventsource flip", "worker flip"}, results
    else:
        # A worker from another origin the browser refuses by itself, guard or not.
        assert results.pop("worker flip") == "refused: SecurityError"
        assert all(result == "allowed" for result in results.values()), json.dumps(results)
        # Every channel with a request an HTTP server can see reached the other origin.
        # (WebTransport needs HTTP/3: its control is that the browser accepts the address.)
        expected = {name for name in BYPASS_PATHS if name in results}
        assert got_out == expected, (expected - got_out, seen)


# What a host (or a cache in between) might answer for the runtime's list of packages.
@pytest.mark.parametrize("body", [
    b"<!doctype html><html><title>Page not found</title><p>Sorry</p></html>",
    b'{"info": {"arch": "wasm32"}, "packages": {"infoshare": {"file_na',  # cut short
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR<script>alert(1)</script>",
    b"[]",
    b'{"info": {}, "packages": null}',
], ids=["an HTML page", "cut short", "binary", "a list", "no packages"])
def test_a_damaged_package_list_is_refused_by_name(watched: Any, site_url: str, body: bytes) -> None:
    page = watched.page
    page.route("**/pyodide-lock.json", lambda route: route.fulfill(
        status=200, body=body, headers={"Content-Type": "application/json"}))
    driver.open_helper(page, site_url, wait_ready=False)
    driver.wait_settled(page)
    assert driver.helper_state(page) == "failed"
    text = driver.failure_text(page)
    assert "pyodide-lock.json, could not be read" in text, text
    # Nothing of what was answered, nor the browser's parser talking about it.
    for raw in ("doctype", "not found", "PNG", "<script", "alert(", "infoshare\"", "Unexpected", "JSON.parse",
                "null", "undefined"):
        assert raw.lower() not in text.lower(), (raw, text)
