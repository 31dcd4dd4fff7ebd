"""The site offline: after a first visit, the service worker (sw.js) keeps the site's own
files; with no network the pages open, the helper reaches "ready" and a whole decision
runs to its downloads. What is kept is only the site's files, never anything typed. A new
build is found, offered with a Reload button (never while answers are unsaved), and its
copy replaces the old one.

Each test runs in a fresh browser context (its own service workers and Cache Storage),
against the built site on a loopback static server; the update tests switch that server
from one real build to another, as a host does when a partnership publishes a new build.
"""

from __future__ import annotations

import json
import re
import shutil
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from build_scripts.dev.static_server import serving
from build_scripts.site import offline as offline_step
from tests.browser import driver
from tests.building import ROOT, TEST_SITE_URL, built, built_once

OUTCOME = "share_risk_of_harm"  # the longest journey: every question page
COPY_TIMEOUT_S = 90

# The service worker's registration and every cache with the addresses it holds.
CACHE_STATE = """async () => {
  const registration = await navigator.serviceWorker.getRegistration();
  const state = {
    active: registration && registration.active ? registration.active.state : null,
    waiting: Boolean(registration && registration.waiting),
    controlled: Boolean(navigator.serviceWorker.controller),
    caches: {},
  };
  for (const name of await caches.keys()) {
    state.caches[name] = (await (await caches.open(name)).keys()).map((request) => request.url);
  }
  return state;
}"""

# Every kept response's body, searched for each of the given strings.
CACHE_SEARCH = """async (needles) => {
  const hits = [];
  for (const name of await caches.keys()) {
    const cache = await caches.open(name);
    for (const request of await cache.keys()) {
      const body = new Uint8Array(await (await cache.match(request)).arrayBuffer());
      const text = new TextDecoder("utf-8").decode(body);
      for (const needle of needles) if (text.includes(needle)) hits.push([request.url, needle]);
    }
  }
  return hits;
}"""

# Records the worker's download count, as the progress bar gets it.
COUNT_BYTES = driver.COUNT_WORKER_BYTES


def kept_list(site: Path) -> list[str]:
    """The addresses the built sw.js lists, relative to the site's root."""
    text = (site / "sw.js").read_text(encoding="utf-8")
    match = re.search(r"const FILES = (\[.*?\]);", text, re.DOTALL)
    assert match, "sw.js has no list of files"
    return list(json.loads(match.group(1)))


def file_for(site: Path, base: str, url: str) -> Path:
    """The built file an address of the site stands for."""
    path = urlsplit(url).path[len(urlsplit(base).path):]
    target = site / path
    return target / "index.html" if path.endswith("/") or path == "" else target


def cache_state(page: Any) -> dict[str, Any]:
    return dict(page.evaluate(CACHE_STATE))


def wait_for_copy(page: Any, expected: int) -> dict[str, Any]:
    """Wait until a service worker is active with a cache holding `expected` addresses."""
    deadline = time.monotonic() + COPY_TIMEOUT_S
    while True:
        state = cache_state(page)
        if state["active"] == "activated" and any(len(urls) == expected for urls in state["caches"].values()):
            return state
        if time.monotonic() > deadline:
            pytest.fail(f"no complete offline copy after {COPY_TIMEOUT_S} s: {json.dumps(state)[:500]}",
                        pytrace=False)
        page.wait_for_timeout(250)


def cache_problems(page: Any, site: Path, base: str, typed: list[str]) -> list[str]:
    """What is wrong with the browser's Cache Storage for this site: any cache but the
    site's own, any address that is not one of the build's files (as sw.js lists them), and
    any kept body holding any of the `typed` strings. (With no service worker, as in the
    tests that stand in for the network, there is no cache at all, which passes too.)"""
    state = cache_state(page)
    listed = {base + k.removeprefix("./") for k in kept_list(site)}
    problems = [f"cache {name!r} is not the site's" for name in state["caches"] if not name.startswith("infoshare-")]
    for name, urls in state["caches"].items():
        problems += [f"{name}: {url} is not one of the site's files" for url in urls
                     if url not in listed or not file_for(site, base, url).is_file()]
    problems += [f"{url} holds typed text {needle!r}" for url, needle in page.evaluate(CACHE_SEARCH, typed)]
    return problems


@dataclass
class Watch:
    requests: list[str]
    problems: list[str]


def watch(context: Any, page: Any) -> Watch:
    seen = Watch([], [])
    context.on("request", lambda r: seen.requests.append(r.url))
    page.on("console", lambda m: seen.problems.append(f"console: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: seen.problems.append(f"pageerror: {e}"))
    return seen


def foreign(requests: list[str], base: str) -> list[str]:
    origin = urlsplit(base).netloc
    return [u for u in requests if urlsplit(u).scheme not in {"blob", "data", "about"} and urlsplit(u).netloc != origin]


@pytest.fixture
def context(browser: Any) -> Iterator[Any]:
    ctx = browser.new_context(accept_downloads=True, service_workers="allow")
    try:
        yield ctx
    finally:
        ctx.close()


# ---- the first visit, then no network ------------------------------------------------------


def test_first_visit_then_a_whole_decision_offline(context: Any, built_site: Path, site_url: str) -> None:
    page = context.new_page()
    page.add_init_script(COUNT_BYTES)
    seen = watch(context, page)
    kept = kept_list(built_site)

    # First visit, online: the helper starts, then the site's files are kept.
    driver.open_helper(page, site_url)
    state = wait_for_copy(page, len(kept))
    assert not state["controlled"]  # the first visit came from the network
    assert seen.problems == []

    # No network from here on.
    context.set_offline(True)
    page.reload()
    driver.wait_settled(page)
    assert driver.helper_state(page) == "ready", driver.failure_text(page)
    assert cache_state(page)["controlled"]
    # The progress bar's count adds up when every file comes from the copy.
    total = int(page.locator("script[data-download-bytes]").get_attribute("data-download-bytes"))
    assert page.evaluate("window.__workerBytes")[-1] == total

    token = uuid.uuid4().hex
    answers = {**driver.answers_for(OUTCOME), "case_reference": f"OFF-{token[:10]}",
               "reasons": f"Reasons typed while offline {token}."}
    driver.answer_questions(page, answers, check_focus=False)
    assert driver.current_view(page) == "outcome"
    driver.to_record(page)
    files = driver.download_all(page)
    assert sorted(name.rsplit(".", 1)[1] for name, _ in files.values()) == ["html", "json", "md", "txt"]
    record = driver.load_json(files["json"][1])
    assert record["recommendation"]["code"] == OUTCOME
    assert token in record["answers"]["reasons"]
    # The record tools and the rest of the standard library came from the copy as well.
    page.wait_for_selector("html[data-helper-downloads=complete]", state="attached")

    # The site's other pages open too.
    for path, heading in (("rules/4/", "Consent and a lawful basis"), ("privacy/", "Privacy"),
                          ("", "Information sharing")):
        page.goto(site_url + path)
        assert heading in page.locator("h1").first.inner_text()

    # What the browser keeps: the site's own files, exactly the build's list, and nothing typed.
    state = cache_state(page)
    (name,) = state["caches"]
    assert name.startswith("infoshare-")
    assert sorted(state["caches"][name]) == sorted(site_url + k.removeprefix("./") for k in kept)
    assert foreign(state["caches"][name], site_url) == []
    assert cache_problems(page, built_site, site_url, [token, f"OFF-{token[:10]}"]) == []
    # (The check can fail: text the site itself publishes is found.)
    assert cache_problems(page, built_site, site_url, ["Consent and a lawful basis"]) != []
    assert driver.storage(page) == {"local": 0, "session": 0, "idb": [], "cookie": ""}
    assert context.cookies() == []
    assert foreign(seen.requests, site_url) == []
    assert [p for p in seen.problems if "ERR_INTERNET_DISCONNECTED" not in p] == []


def test_nothing_is_kept_before_the_helper_has_everything(context: Any, site_url: str) -> None:
    """On the helper's page the copy waits for the helper's own downloads."""
    page = context.new_page()
    held: list[Any] = []
    page.route("**/python_stdlib_more.zip", lambda route: held.append(route))  # noqa: PLW0108  (a bound builtin cannot be a handler)
    driver.open_helper(page, site_url)
    # The helper has asked for its last file (held here): it has everything else by now.
    deadline = time.monotonic() + COPY_TIMEOUT_S
    while not held:
        assert time.monotonic() < deadline, "the helper never asked for python_stdlib_more.zip"
        page.wait_for_timeout(50)
    state = cache_state(page)
    assert state["active"] is None and state["caches"] == {}, state
    for route in held:
        route.continue_()
    page.wait_for_selector("html[data-helper-downloads=complete]", state="attached")
    deadline = time.monotonic() + COPY_TIMEOUT_S
    while cache_state(page)["active"] != "activated":
        assert time.monotonic() < deadline, "the copy was not made once the helper had everything"
        page.wait_for_timeout(250)


# ---- a new build ---------------------------------------------------------------------------


@dataclass
class TwoBuilds:
    base: str
    current: Path  # the folder the server serves: a link to build A or build B
    a: Path
    b: Path

    def publish(self, build: Path) -> None:
        """Switch the server to `build`, as a host does when a new build is published."""
        link = self.current.with_name("next")
        if link.is_symlink():
            link.unlink()
        link.symlink_to(build, target_is_directory=True)
        link.replace(self.current)


SECOND_SITE_URL = "https://infoshare-second-build.invalid/"


@pytest.fixture(scope="module")
def second_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A second, real build of the site: the same sources for another address, so every
    page differs (its canonical link) and the build has another version."""
    return built_once(tmp_path_factory, "build-b", site_url=SECOND_SITE_URL)


@pytest.fixture
def two_builds(built_site: Path, second_build: Path, tmp_path: Path) -> Iterator[TwoBuilds]:
    a, b = tmp_path / "a", tmp_path / "b"
    shutil.copytree(built_site, a)
    shutil.copytree(second_build, b)
    current = tmp_path / "current"
    current.symlink_to(a, target_is_directory=True)
    with serving(current) as base:
        yield TwoBuilds(base, current, a, b)


def canonical(page: Any) -> str:
    return str(page.locator("link[rel=canonical]").get_attribute("href"))


NOTICE = ".infoshare-update"


def test_a_new_build_is_offered_and_replaces_the_old_copy(context: Any, two_builds: TwoBuilds) -> None:
    base = two_builds.base
    page = context.new_page()
    seen = watch(context, page)
    page.goto(base + "rules/4/")
    first = wait_for_copy(page, len(kept_list(two_builds.a)))
    (old_cache,) = first["caches"]
    page.goto(base + "privacy/")
    assert canonical(page).startswith(TEST_SITE_URL)
    assert page.locator(NOTICE).count() == 0

    two_builds.publish(two_builds.b)
    page.goto(base + "privacy/")  # still build A's page, from the copy; the new build is found
    page.locator(NOTICE).wait_for(timeout=COPY_TIMEOUT_S * 1000)
    assert canonical(page).startswith(TEST_SITE_URL)
    notice = page.locator(NOTICE)
    page.get_by_role("status").filter(has_text="A new version of this site is available.").wait_for()
    assert notice.get_by_role("button", name="Reload").is_visible()
    assert driver.run_axe(page) == []

    notice.get_by_role("button", name="Reload").click()
    page.wait_for_load_state("load")
    deadline = time.monotonic() + 30
    while not canonical(page).startswith(SECOND_SITE_URL):
        assert time.monotonic() < deadline, "the page did not reload into the new build"
        page.wait_for_timeout(200)
    wait_for_copy(page, len(kept_list(two_builds.b)))
    # The old copy goes once no page of the old build is open (the reloaded page is the
    # new build's).
    poll(page, "async () => (await caches.keys()).length === 1")
    (new_cache,) = cache_state(page)["caches"]
    assert new_cache != old_cache and new_cache.startswith("infoshare-")
    assert page.locator(NOTICE).count() == 0
    assert foreign(seen.requests, base) == []
    assert seen.problems == []


def test_the_offer_waits_while_answers_are_unsaved(context: Any, two_builds: TwoBuilds) -> None:
    base = two_builds.base
    helper = context.new_page()
    driver.open_helper(helper, base)
    wait_for_copy(helper, len(kept_list(two_builds.a)))
    helper.reload()  # now served from the copy
    driver.wait_settled(helper)
    assert cache_state(helper)["controlled"]
    helper.locator("#f-urgency-2").check()  # typed, not saved
    # The site's offline.js asks the page, with this event, whether reloading could lose
    # something, each time it would offer the new version: marked where a selector sees it.
    helper.evaluate("""() => document.addEventListener("infoshare:before-reload",
        () => { document.documentElement.dataset.testAsked = "yes"; })""")

    two_builds.publish(two_builds.b)
    other = context.new_page()  # another tab finds the new build
    other.goto(base + "rules/4/")
    other.locator(NOTICE).wait_for(timeout=COPY_TIMEOUT_S * 1000)
    helper.wait_for_selector("html[data-test-asked=yes]", state="attached", timeout=COPY_TIMEOUT_S * 1000)
    assert helper.locator(NOTICE).count() == 0  # asked, and not offered while the answer is unsaved

    # Saving the answers makes reloading safe: the offer follows.
    with helper.expect_download():
        helper.locator("#q-urgency").get_by_role("button", name="Save your answers so far", exact=True).click()
    helper.locator(NOTICE).wait_for(timeout=15_000)
    assert helper.locator("#f-urgency-2").is_checked()  # nothing was reloaded meanwhile


@pytest.fixture(scope="module")
def changed_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A later build in which the helper itself changed (its worker's script): every
    helper script has a new address (?v=...), which the older build's pages do not ask for."""
    docs = tmp_path_factory.mktemp("docs-c") / "docs"
    shutil.copytree(ROOT / "docs", docs)
    worker = docs / "helper" / "worker.mjs"
    worker.write_text(worker.read_text(encoding="utf-8") + "// A later build.\n", encoding="utf-8")
    return built(tmp_path_factory.mktemp("build-c") / "site", site_url=SECOND_SITE_URL, docs=docs)


def crash_worker(page: Any) -> None:
    """Make the helper's Python worker die, as a worker does when its memory runs out: the
    page must start another one."""
    (worker,) = [w for w in page.workers if "/helper/worker.mjs" in w.url]
    worker.evaluate("() => { setTimeout(() => { throw new Error('worker crashed (test)'); }, 0); }")


def test_an_update_taken_in_another_tab_strands_no_answers(context: Any, built_site: Path, changed_build: Path,
                                                          tmp_path: Path) -> None:
    """A practitioner has answers in the helper, unsaved, in one tab; in another tab they
    take the new build the site offers. The helper's tab is still the old build's page and
    its worker may have to start again, with no network: the old build's files must still
    be there for it, until no page of the old build is left."""
    a, c, gone = tmp_path / "a", tmp_path / "c", tmp_path / "gone"
    shutil.copytree(built_site, a)
    shutil.copytree(changed_build, c)
    gone.mkdir()  # a host that answers nothing but "not found"
    current = tmp_path / "current"
    current.symlink_to(a, target_is_directory=True)
    with serving(current) as base:
        builds = TwoBuilds(base, current, a, c)
        helper = context.new_page()
        seen = watch(context, helper)
        driver.open_helper(helper, base)
        wait_for_copy(helper, len(kept_list(a)))
        helper.reload()  # now served from the copy
        driver.wait_settled(helper)
        assert cache_state(helper)["controlled"]
        token = uuid.uuid4().hex
        answers = {**driver.answers_for("no_purpose"), "case_reference": f"UPD-{token[:10]}"}
        driver.answer_questions(helper, answers, check_focus=False)
        assert driver.current_view(helper) == "outcome"  # answered, nothing saved

        builds.publish(c)
        other = context.new_page()
        other.goto(base + "rules/4/")
        other.locator(NOTICE).get_by_role("button", name="Reload").click(timeout=COPY_TIMEOUT_S * 1000)
        deadline = time.monotonic() + 30
        while not canonical(other).startswith(SECOND_SITE_URL):
            assert time.monotonic() < deadline, "the other tab did not reload into the new build"
            other.wait_for_timeout(200)
        assert helper.locator(NOTICE).count() == 0  # no offer while its answers are unsaved
        assert canonical(helper).startswith(TEST_SITE_URL)  # still the old build's page
        assert len(cache_state(helper)["caches"]) == 2  # so the old copy is kept

        # Later: no network, and the browser's own cache no longer holds the old build's
        # files (a host's cache lifetime is minutes); the helper's worker dies and must
        # start again.
        builds.publish(gone)
        context.set_offline(True)
        context.new_cdp_session(helper).send("Network.clearBrowserCache")
        crash_worker(helper)
        helper.locator("html[data-helper-state=loading]").wait_for(state="attached")
        driver.wait_settled(helper)
        assert driver.helper_state(helper) == "ready", driver.failure_text(helper)
        assert driver.current_view(helper) == "outcome"
        driver.to_record(helper)
        files = driver.download_all(helper)
        record = driver.load_json(files["json"][1])
        assert record["answers"]["case_reference"] == f"UPD-{token[:10]}"

        # Once no page of the old build is left, its copy goes; the new build's stays whole.
        helper.close()
        other.reload()
        poll(other, "async () => (await caches.keys()).length === 1")
        wait_for_copy(other, len(kept_list(c)))
        assert cache_problems(other, c, base, [token]) == []
        assert [p for p in seen.problems if "ERR_INTERNET_DISCONNECTED" not in p and "(test)" not in p] == []


def test_a_development_server_removes_the_copy(context: Any, two_builds: TwoBuilds) -> None:
    """`make serve` writes a sw.js that keeps nothing: a browser that kept an earlier
    build's copy at the same address drops it, so the development server is what it sees."""
    serve = two_builds.b.with_name("serve")
    shutil.copytree(two_builds.a, serve)
    template = (ROOT / "docs" / "sw.js").read_text(encoding="utf-8")
    (serve / "sw.js").write_text(offline_step.fill(template, "", ()), encoding="utf-8")
    page = context.new_page()
    page.goto(two_builds.base + "rules/4/")
    wait_for_copy(page, len(kept_list(two_builds.a)))

    two_builds.publish(serve)
    page.goto(two_builds.base + "privacy/")  # from the copy; the new sw.js is found
    deadline = time.monotonic() + COPY_TIMEOUT_S
    while True:
        state = cache_state(page)
        if state["active"] is None and state["caches"] == {}:
            break
        assert time.monotonic() < deadline, f"the copy was not removed: {json.dumps(state)[:300]}"
        page.wait_for_timeout(250)
    page.goto(two_builds.base + "privacy/")
    assert not cache_state(page)["controlled"]


# ---- the page says when the copy is ready, and what no network means before then -----------


def test_the_page_says_when_its_offline_copy_is_ready(context: Any, built_site: Path, site_url: str) -> None:
    """"The helper has everything" (data-helper-downloads) is not "the copy is ready": the
    page says the second only once a worker is active with every file kept."""
    from infoshare.contract import MESSAGES

    page = context.new_page()
    driver.open_helper(page, site_url)
    note = page.locator("#infoshare-offline")
    page.wait_for_function("() => document.documentElement.dataset.helperDownloads === 'complete'")
    page.wait_for_function("() => document.documentElement.dataset.offline === 'ready'", timeout=COPY_TIMEOUT_S * 1000)
    state = cache_state(page)
    assert state["active"] in {"activating", "activated"}, state
    (kept,) = state["caches"].values()
    assert len(kept) == len(kept_list(built_site))
    assert note.is_visible()
    assert note.inner_text() == MESSAGES["offline_ready"]


# No network at all (a request for the page itself fails too), or a host that has not
# published the helper's files (the page answers, the files do not).
@pytest.mark.parametrize(("network", "says", "not_says"), [
    (False, "offline_fix", "host_fix"),
    (True, "host_fix", "offline_fix"),
], ids=["no network", "files missing on the host"])
def test_a_failure_to_start_says_whether_the_network_or_the_host_is_at_fault(
        context: Any, site_url: str, network: bool, says: str, not_says: str) -> None:
    from infoshare.contract import MESSAGES

    page = context.new_page()

    def answer(route: Any) -> None:
        cut = "/helper/runtime/" in route.request.url or (not network and route.request.method == "HEAD")
        if cut and network:
            route.fulfill(status=404, body="Not found")
        elif cut:
            route.abort("internetdisconnected")
        else:
            route.continue_()

    page.route("**/*", answer)
    driver.open_helper(page, site_url, wait_ready=False)
    driver.wait_settled(page)
    assert driver.helper_state(page) == "failed"
    text = driver.failure_text(page)
    assert MESSAGES[says] in text, text
    assert MESSAGES[not_says] not in text
    assert ("no network" in text) is not network


def poll(page: Any, function: str) -> None:
    """Wait until `function` (which may be async: wait_for_function does not await) is true."""
    deadline = time.monotonic() + COPY_TIMEOUT_S
    while not page.evaluate(function):
        if time.monotonic() > deadline:
            pytest.fail(f"not true after {COPY_TIMEOUT_S} s: {function}", pytrace=False)
        page.wait_for_timeout(100)


def test_a_half_published_build_leaves_no_copy_until_it_is_whole(context: Any, built_site: Path,
                                                                   tmp_path: Path) -> None:
    """A host still publishing answers a file with its own "not found" page: the copy
    would hold that page and break with no network. The worker checks every file against
    the build's digests, keeps nothing, and makes the copy on a visit once the site is whole."""
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    (missing,) = sorted((site / "assets" / "javascripts" / "workers").glob("search*.js"))[:1]
    real = missing.read_bytes()
    missing.write_text("<!doctype html><title>Not found</title><p>No such page</p>", encoding="utf-8")
    with serving(site) as base:
        page = context.new_page()
        driver.open_helper(page, base)
        page.wait_for_function("() => document.documentElement.dataset.helperDownloads === 'complete'")
        # The install is tried, and fails: a first registration whose install fails is
        # gone, and so is its cache.
        poll(page, "async () => Boolean((await navigator.serviceWorker.getRegistration())?.installing)")
        poll(page, "async () => !(await navigator.serviceWorker.getRegistration())")
        poll(page, "async () => (await caches.keys()).length === 0")
        assert page.evaluate("document.documentElement.dataset.offline || null") is None
        assert not page.locator("#infoshare-offline").is_visible()

        missing.write_bytes(real)  # the host has finished publishing
        page.reload()
        driver.wait_settled(page)
        page.wait_for_function("() => document.documentElement.dataset.offline === 'ready'",
                               timeout=COPY_TIMEOUT_S * 1000)
        wait_for_copy(page, len(kept_list(site)))
        assert page.locator("#infoshare-offline").is_visible()
        assert cache_problems(page, site, base, []) == []
