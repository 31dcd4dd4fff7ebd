"""The decision helper's guarantees beyond the happy path: re-opening and amending a record,
errors that lose nothing, a helper that cannot start, privacy, keyboard use and axe in
every state."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import jsonschema

from tests.browser import driver
from tests.browser import test_offline as offline


def _no_axe_violations(page: Any, state: str, within: str | None = None) -> None:
    violations = driver.run_axe(page, within)
    assert violations == [], f"axe, {state}: {violations}"


# ---- re-opening and amending -----------------------------------------------------------


def test_reopen_amend_and_download_again(watched: Any, site_url: str, tmp_path: Path,
                                         record_schema: dict[str, Any]) -> None:
    page = watched.page
    driver.open_helper(page, site_url)
    driver.answer_questions(page, driver.answers_for("no_purpose"), check_focus=False)
    driver.to_record(page)
    name, first_text = driver.download(page, "Download as JSON")
    first = json.loads(first_text)
    saved = tmp_path / name
    saved.write_text(first_text, encoding="utf-8")

    # Start again: everything is forgotten (already downloaded, so no confirmation).
    page.get_by_role("button", name="Start a new record").click()
    assert driver.current_view(page) == "urgency"
    assert page.locator("input[name=urgency]:checked").count() == 0

    page.set_input_files("#f-record_file", str(saved))
    page.get_by_role("button", name="Open the record").click()
    page.wait_for_selector("#infoshare-check:not([hidden])")
    summary = page.locator("#infoshare-summary").inner_text()
    assert driver.BASE["reasons"] in summary
    assert page.locator("#infoshare-amend").is_visible()
    # At the top of the page, not below every answer: which record is being amended.
    banner = page.locator("#infoshare-amend-about").inner_text()
    assert banner.startswith("You are amending the record made on ") and banner.endswith(" by Jo Evans.")
    amend_top = page.locator("#infoshare-amend").bounding_box()
    summary_top = page.locator("#infoshare-summary").bounding_box()
    assert amend_top is not None and summary_top is not None and amend_top["y"] < summary_top["y"]
    assert page.locator("#infoshare-amend-changes").inner_text() == "You have not changed any answer yet."

    # Amending needs who and why: both are asked for, all at once.
    page.get_by_role("button", name="Create the record").click()
    page.wait_for_selector("#infoshare-check .govuk-error-summary:not([hidden])")
    links = page.locator("#infoshare-check .govuk-error-summary a")
    assert sorted(links.evaluate_all("ls => ls.map(a => a.getAttribute('href'))")) == [
        "#f-amendment_by", "#f-amendment_reason"]
    assert page.title().startswith("Error: ")
    _no_axe_violations(page, "amendment errors")

    rows = page.locator("#infoshare-summary .govuk-summary-list__row")
    rows.filter(has_text="Reasons for the decision").first.get_by_role("link").click()
    page.locator("#f-reasons").fill("Amended: the request named no purpose at all.")
    driver.press_continue(page, "reasons")
    assert driver.current_view(page) == "check"
    changes = page.locator("#infoshare-amend-changes").inner_text()
    assert changes.startswith("Reasons for the decision: was ") and "now Amended: the request" in changes
    page.locator("#f-amendment_by").fill("Jo Evans, deputy DSL")
    page.locator("#f-amendment_reason").fill("The reasons were incomplete.")
    driver.create_record(page)
    assert not page.title().startswith("Error: ")
    second_name, second_text = driver.download(page, "Download as JSON")
    # The amended version never takes the original's file name.
    assert second_name != name and second_name.removesuffix(".json").endswith("_amended-1")
    second = json.loads(second_text)
    jsonschema.validate(second, record_schema)
    assert second["created"] == first["created"]
    assert second["answers"]["reasons"] == "Amended: the request named no purpose at all."
    assert [(a["by"], a["reason"]) for a in second["amendments"]] == [
        ("Jo Evans, deputy DSL", "The reasons were incomplete.")]
    assert [c["field"] for c in second["amendments"][0]["changes"]] == ["reasons"]
    assert second["amendments"][0]["previous_sha256"] == first["sha256"]
    assert watched.problems() == []


def test_opening_a_file_that_is_not_a_record(watched: Any, site_url: str, tmp_path: Path) -> None:
    page = watched.page
    driver.open_helper(page, site_url)
    page.locator("#f-urgency-2").check()
    bad = tmp_path / "notes.json"
    bad.write_text('{"hello": "world"}', encoding="utf-8")
    page.set_input_files("#f-record_file", str(bad))
    page.get_by_role("button", name="Open the record").click()
    page.wait_for_selector("#infoshare-open .govuk-error-summary:not([hidden])")
    assert driver.focused(page)["cls"] == "govuk-error-summary"
    assert page.locator("#f-record_file-error").is_visible()
    assert page.locator("#f-record_file").get_attribute("aria-describedby").split()[-1] == "f-record_file-error"
    # What was typed is untouched.
    assert page.locator("#f-urgency-2").is_checked()
    _no_axe_violations(page, "bad file")
    assert watched.problems() == []


# ---- errors ----------------------------------------------------------------------------


def test_errors_summarised_focused_linked_and_nothing_lost(watched: Any, site_url: str) -> None:
    page = watched.page
    driver.open_helper(page, site_url)
    title = page.title()
    page.locator("#q-urgency").get_by_role("button", name="Continue").click()
    summary = driver.error_summary(page)
    summary.wait_for()
    assert page.title() == "Error: " + title
    assert driver.focused(page)["cls"] == "govuk-error-summary"
    assert summary.locator("h2").inner_text() == "There is a problem"
    assert summary.get_by_role("alert").count() == 1
    link = summary.get_by_role("link")
    assert link.get_attribute("href") == "#f-urgency"
    error = page.locator("#f-urgency-error")
    assert error.is_visible() and error.inner_text().startswith("Error:")
    described = page.locator("#q-urgency fieldset").first.get_attribute("aria-describedby").split()
    assert "f-urgency-error" in described
    _no_axe_violations(page, "error on the first question")
    link.click()
    assert driver.focused(page)["id"] == "f-urgency"
    assert page.url == site_url + "helper/"

    page.locator("#f-urgency-2").check()
    driver.press_continue(page, "urgency")
    assert not page.title().startswith("Error: ")
    page.locator("#f-case_reference").fill("CR-77")
    driver.press_continue(page, "case_reference")
    # A page of several questions: every problem at once, and what was typed stays.
    page.locator("input[name=request_source][value=asked]").check()
    page.locator("#f-requester_name").fill("Sam <Patel>")
    page.locator("#f-request_received_at-month").fill("1")
    driver.press_continue(page, "request")
    summary = driver.error_summary(page)
    hrefs = summary.get_by_role("link").evaluate_all("ls => ls.map(a => a.getAttribute('href'))")
    # The date's link goes to its first missing box: here, the day.
    assert hrefs == ["#f-requester_role", "#f-requester_organisation", "#f-request_received_at"]
    assert "must include a day and a year" in summary.inner_text()
    assert page.title().startswith("Error: ")
    assert page.locator("#f-case_reference").input_value() == "CR-77"
    assert page.locator("#f-requester_name").input_value() == "Sam <Patel>"
    assert page.locator("#f-request_received_at-month").input_value() == "1"
    # Only the boxes that are wrong are marked.
    marked = page.locator("#q-request .govuk-date-input__input.govuk-input--error")
    assert sorted(marked.evaluate_all("es => es.map(e => e.id)")) == [
        "f-request_received_at", "f-request_received_at-year"]
    assert page.locator("input[name=request_source][value=asked]").is_checked()
    _no_axe_violations(page, "errors on a page of several questions")

    summary.get_by_role("link").nth(1).click()
    assert driver.focused(page)["id"] == "f-requester_organisation"
    page.locator("#f-requester_role").fill("Social worker")
    page.locator("#f-requester_organisation").fill("Example Council")
    for box, value in (("", "15"), ("-year", "2026"), ("-hour", "9"), ("-minute", "40")):
        page.locator(f"#f-request_received_at{box}").fill(value)
    driver.press_continue(page, "request")
    assert driver.current_view(page) == "purpose"
    assert not page.title().startswith("Error: ")
    # Going back shows the answers as they were, with the errors gone.
    page.locator("#q-purpose").get_by_role("button", name="Back").click()
    assert driver.current_view(page) == "request"
    assert page.locator("#f-requester_name").input_value() == "Sam <Patel>"
    assert page.locator("#q-request .govuk-form-group--error").count() == 0
    assert watched.problems() == []


# ---- when Python cannot start ----------------------------------------------------------


def test_failed_start_explains_and_still_downloads_answers(watched: Any, site_url: str,
                                                           tmp_path: Path) -> None:
    page = watched.page
    page.route("**/*.wasm", lambda route: route.abort())
    driver.open_helper(page, site_url, wait_ready=False)
    # The first question is usable while Python loads, and whether or not it ever does.
    page.locator("#f-urgency-2").check()
    driver.wait_settled(page)
    assert driver.helper_state(page) == "failed"
    notice = page.locator("#infoshare-failed")
    assert notice.is_visible()
    text = notice.inner_text()
    assert "could not start" in text and "pyodide.asm.wasm could not be downloaded" in text
    assert "Reload the page" in text
    _no_axe_violations(page, "failed")

    # Without Python the questions can still be answered, in order.
    driver.press_continue(page, "urgency")
    assert driver.current_view(page) == "case_reference"
    page.locator("#f-case_reference").fill("Case 12/ü <b>")
    driver.press_continue(page, "case_reference")
    assert driver.current_view(page) == "request"
    page.locator("input[name=request_source][value=own_initiative]").check()
    with page.expect_download() as info:
        notice.get_by_role("button", name="Download your answers (JSON)").click()
    item = info.value
    # A draft is named apart from the record made the same day.
    assert driver.STEM.match(item.suggested_filename.removesuffix("_answers-so-far.json"))
    assert item.suggested_filename.startswith("information-sharing-decision_Case-12-b_")
    draft = json.loads(Path(item.path()).read_text(encoding="utf-8"))
    assert draft == {"format": "infoshare-draft", "version": 1, "answers": {
        "urgency": "no", "case_reference": "Case 12/ü <b>", "request_source": "own_initiative"}}
    # The failure must not be silent in the console either: the aborted request is the
    # only error, and nothing went to another origin.
    assert watched.foreign_requests() == []

    # The draft opens in a working helper, with every answer back in its place.
    saved = tmp_path / item.suggested_filename
    saved.write_text(json.dumps(draft), encoding="utf-8")
    page.unroute("**/*.wasm")
    page.goto("about:blank")
    driver.open_helper(page, site_url)
    page.set_input_files("#f-record_file", str(saved))
    page.get_by_role("button", name="Open the record").click()
    # A draft carries on at its first unanswered page: here, the purpose.
    page.wait_for_selector("#q-purpose:not([hidden])")
    assert page.locator("#f-case_reference").input_value() == "Case 12/ü <b>"
    driver.answer_current_page(page, {"purpose_clear": "yes", "purpose": "To protect the child."},
                               driver.Journey())
    driver.press_continue(page, "purpose")
    assert driver.current_view(page) == "personal_data"


def test_worker_started_by_the_boot_script_is_taken_over_with_all_it_said(watched: Any, site_url: str) -> None:
    """The boot script starts Python's worker before the page's modules have loaded, and
    the engine takes it over: one worker, and what it said before the hand-over (here, that
    its script could not be loaded, while the modules were held back) is not lost."""
    page = watched.page
    page.add_init_script("""
      window.__workers = 0;
      const RealWorker = window.Worker;
      window.Worker = function (url, options) {
        if (String(url).includes("/helper/worker.mjs")) window.__workers += 1;
        const worker = new RealWorker(url, options);
        worker.addEventListener("error", () => { window.__workerFailed = true; });
        return worker;
      };
      window.Worker.prototype = RealWorker.prototype;
    """)
    held: list[Any] = []
    page.route("**/helper/app/main.mjs*", lambda route: held.append(route))  # noqa: PLW0108
    page.route("**/helper/worker.mjs*", lambda route: route.abort())
    driver.open_helper(page, site_url, wait_ready=False)
    # The worker's script has failed, while the modules were held: nobody was listening.
    page.wait_for_function("() => window.__workerFailed === true")
    assert held, "the page's modules were not held back"
    assert page.evaluate("window.__workers") == 1
    for route in held:
        route.continue_()
    driver.wait_settled(page)
    assert driver.helper_state(page) == "failed"
    assert "background script stopped or could not be loaded" in page.locator("#infoshare-failed").inner_text()
    assert page.evaluate("window.__workers") == 1  # taken over, not started twice
    assert watched.foreign_requests() == []


def test_altered_wheel_is_refused_by_name(watched: Any, site_url: str) -> None:
    """A wheel that does not match the lockfile's SHA-256 is never imported: the helper
    says which file is wrong, and the questions stay usable. (Jinja2 comes just after the
    helper is ready, so the helper may say "ready" first.)"""
    page = watched.page
    page.route("**/jinja2-*.whl", lambda route: route.fulfill(
        status=200, body=b"PK\x05\x06" + bytes(18), headers={"Content-Type": "application/zip"}))
    driver.open_helper(page, site_url, wait_ready=False)
    page.wait_for_selector("html[data-helper-state=failed]", state="attached", timeout=driver.READY_TIMEOUT_MS)
    text = page.locator("#infoshare-failed").inner_text()
    assert "jinja2-3.1.6-cp314-none-any.whl is damaged or was changed after the build" in text, text
    assert "does not match pyodide-lock.json" in text
    page.locator("#f-urgency-2").check()
    driver.press_continue(page, "urgency")
    assert driver.current_view(page) == "case_reference"
    _no_axe_violations(page, "failed: altered wheel")
    assert watched.foreign_requests() == []


def test_missing_rest_of_stdlib_is_noted_not_fatal(watched: Any, site_url: str) -> None:
    """The helper never needs the part of the standard library sent after it is ready:
    without it the whole decision still works, and the console says what is missing."""
    page = watched.page
    page.route("**/python_stdlib_more.zip", lambda route: route.fulfill(status=404, body=b"gone"))
    driver.open_helper(page, site_url)
    page.wait_for_function("() => true")  # let the background request settle
    answers = driver.answers_for("share_risk_of_harm")
    journey = driver.Journey()
    for _ in range(30):
        if not page.locator(driver.QUESTION).count():
            break
        driver.press_continue(page, driver.answer_current_page(page, answers, journey))
    driver.to_check(page)
    driver.create_record(page)
    driver.download_all(page)
    assert driver.helper_state(page) == "ready"
    assert watched.warnings == ["The rest of Python's standard library was not added (HTTP 404)."]
    assert [p for p in watched.problems() if "python_stdlib_more.zip" not in p] == []


def test_opened_from_a_file_says_how_to_serve_it(browser: Any, built_site: Path) -> None:
    context = browser.new_context(accept_downloads=True)
    try:
        page = context.new_page()
        page.goto((built_site / "helper" / "index.html").as_uri())
        driver.wait_settled(page)
        assert driver.helper_state(page) == "failed"
        text = page.locator("#infoshare-failed").inner_text()
        assert "file://" in text and "python3 -m http.server" in text
        page.locator("#f-urgency").check()
        with page.expect_download() as info:
            page.get_by_role("button", name="Download your answers (JSON)").click()
        draft = json.loads(Path(info.value.path()).read_text(encoding="utf-8"))
        assert draft["answers"] == {"urgency": "yes"}
    finally:
        context.close()


# ---- privacy, accessibility and keyboard across a whole decision -----------------------


def test_whole_decision_private_clean_and_accessible(watched: Any, site_url: str, built_site: Path) -> None:
    page = watched.page
    url = site_url + "helper/"
    page.goto(url)
    # The first question is in the page's HTML: usable before Python is ready.
    assert page.locator("#f-urgency").is_enabled()
    _no_axe_violations(page, "first question, " + str(driver.helper_state(page)))
    driver.wait_settled(page)
    assert driver.helper_state(page) == "ready"
    _no_axe_violations(page, "first question, ready")

    page.locator("#q-urgency").get_by_role("button", name="Continue").click()
    driver.error_summary(page).wait_for()
    _no_axe_violations(page, "error")

    answers = driver.answers_for("share_risk_of_harm")
    states_checked = set()
    journey = driver.Journey()
    for _ in range(30):
        if not page.locator(driver.QUESTION).count():
            break
        page_id = driver.answer_current_page(page, answers, journey)
        # Every question answered, its follow-ups open, at a desktop's width (a phone's, and
        # each question before it is answered: test_practitioner_day.py); some as a whole
        # page, the others by the question's own section, which is all that changes.
        whole = page_id in {"request", "consent", "decision", "lawful_basis", "sharing", "decision_time"}
        _no_axe_violations(page, f"question {page_id}, answered", None if whole else driver.QUESTION)
        states_checked.add(page_id)
        if page_id == "decision":
            # What the guidance points to is in view where the practitioner decides.
            assert page.locator("#q-decision [data-pointer]").is_visible()
        driver.press_continue(page, page_id)
        assert page.url == url
    assert driver.current_view(page) == "outcome"
    _no_axe_violations(page, "outcome")
    driver.to_check(page)
    _no_axe_violations(page, "check answers")
    driver.create_record(page)
    _no_axe_violations(page, "record")
    driver.download_all(page)
    page.get_by_role("button", name="Clear all answers").click()
    assert driver.current_view(page) == "clear"
    _no_axe_violations(page, "clear all")
    page.get_by_role("button", name="Yes, clear all answers").click()
    assert driver.current_view(page) == "urgency"

    assert page.url == url
    assert watched.foreign_requests() == []
    assert watched.problems() == []
    assert [u for u in watched.requests if u.endswith("/python_stdlib_more.zip")], watched.requests
    assert watched.warnings == []
    assert driver.storage(page) == {"local": 0, "session": 0, "idb": [], "cookie": ""}
    # Cache Storage: only the site's own files (the offline copy, tests/browser/test_offline.py,
    # where the service worker runs), never what was typed.
    assert offline.cache_problems(page, built_site, site_url, [answers["reasons"], answers["views"]]) == []
    assert page.context.cookies() == []
    assert len(states_checked) == 27, states_checked  # every question of the longest journey


def test_theme_script_runs_once_the_helper_has_started(watched: Any, site_url: str) -> None:
    """On the helper page the theme's script waits for the helper (build_scripts/site/
    theme.py); once it runs, the site's search works there as everywhere."""
    page = watched.page
    driver.open_helper(page, site_url)
    page.wait_for_function("() => !document.documentElement.classList.contains('no-js')")
    search = page.get_by_role("combobox", name="Search") if page.get_by_role("combobox", name="Search").count() \
        else page.locator("input.md-search__input")
    search.click()
    page.keyboard.type("consent")
    page.wait_for_selector(".md-search-result__item")
    assert page.locator(".md-search-result__item").count() >= 3
    assert "consent" in page.locator(".md-search-result").inner_text().lower()
    _no_axe_violations(page, "search open on the helper page")
    assert watched.problems() == []
    assert watched.foreign_requests() == []


RECORD_LOADING = driver.COUNT_WORKER_BYTES + """
window.__bars = [];
new MutationObserver(() => {
  const bar = document.getElementById("infoshare-progress");
  const amount = document.getElementById("infoshare-amount");
  if (bar) window.__bars.push([bar.getAttribute("value"), bar.getAttribute("max"), amount && amount.textContent]);
}).observe(document, { attributes: true, childList: true, characterData: true, subtree: true });
"""


def test_download_progress_counts_every_byte_python_needs(watched: Any, site_url: str) -> None:
    """While Python downloads, the bar shows how much has arrived, against a total the
    build measured; by the time the helper is ready the worker has counted exactly that."""
    page = watched.page
    page.add_init_script(RECORD_LOADING)
    # A connection of about 80 Mbit/s, so the download lasts long enough to be seen.
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", {"offline": False, "latency": 5,
                                                  "downloadThroughput": 10_000_000, "uploadThroughput": 1_000_000})
    driver.open_helper(page, site_url)
    total = int(page.locator("script[data-download-bytes]").get_attribute("data-download-bytes"))
    assert total > 10_000_000
    counts = page.evaluate("window.__workerBytes")
    assert counts and counts == sorted(counts), counts
    assert counts[-1] == total, (counts[-1], total)
    bars = page.evaluate("window.__bars")
    shown = [(v, m, a) for v, m, a in bars if v is not None and m == str(total) and a]
    assert shown, bars[:20]
    for value, _, text in shown:
        assert 0 <= float(value) <= total
        assert re.fullmatch(r"\d+\.\d of " + re.escape(f"{total / 1e6:.1f}") + " MB", text), text
    assert page.locator("#infoshare-progress").is_hidden()
    assert page.locator("#infoshare-amount").inner_text() == ""
    assert watched.problems() == []


def test_theme_shortcuts_do_not_leave_a_decision(watched: Any, site_url: str) -> None:
    """After Continue, focus rests on the next question's heading; the theme's "next page"
    and "previous page" keys must not take the practitioner away from the helper."""
    page = watched.page
    driver.open_helper(page, site_url)
    page.wait_for_function("() => !document.documentElement.classList.contains('no-js')")
    heading = page.locator("#q-urgency .infoshare-heading")
    heading.focus()
    documents: list[str] = []
    page.on("request", lambda r: documents.append(r.url) if r.is_navigation_request() else None)
    for key in ("n", "p", ",", "."):
        page.keyboard.press(key)
    # Elsewhere on the site the shortcuts still work. That navigation is also the proof for
    # the keys above: had any of them left the page, its request would come first.
    page.evaluate("document.activeElement.blur()")
    with page.expect_navigation():
        page.keyboard.press("n")
    assert page.url != site_url + "helper/"
    assert documents == [page.url]


def test_keyboard_focus_shows_before_the_theme_script_runs(watched: Any, site_url: str) -> None:
    """The theme hides outlines until its script marks keyboard focus; on the helper page
    that script waits, so the site's own style must show focus meanwhile (WCAG 2.4.7)."""
    page = watched.page
    page.route("**/assets/javascripts/bundle.*.min.js", lambda route: route.abort())
    driver.open_helper(page, site_url, wait_ready=False)
    page.keyboard.press("Tab")  # the skip link
    page.keyboard.press("Tab")  # the header's home link
    focused = page.evaluate("""() => {
        const el = document.activeElement;
        const style = getComputedStyle(el);
        return {cls: el.className, outline: style.outlineStyle, width: parseFloat(style.outlineWidth)};
    }""")
    assert "md-header__button" in focused["cls"], focused
    assert focused["outline"] != "none" and focused["width"] > 0, focused


def test_keyboard_only_first_steps(watched: Any, site_url: str) -> None:
    page = watched.page
    driver.open_helper(page, site_url)
    # Start from the question's heading, where focus lands when a question is shown.
    page.locator("#q-urgency .infoshare-heading").focus()
    page.keyboard.press("Tab")
    assert driver.focused(page)["id"] == "f-urgency"
    page.keyboard.press("ArrowDown")  # moves to, and selects, "No"
    assert page.locator("#f-urgency-2").is_checked()
    page.keyboard.press("Enter")  # submits the question, as any form does
    page.wait_for_selector("#q-case_reference:not([hidden])")
    now = driver.focused(page)
    assert now["tag"] == "h2" and now["section"] == "case_reference"
    page.keyboard.press("Tab")
    assert driver.focused(page)["id"] == "f-case_reference"
    page.keyboard.press("Shift+Tab")
    assert driver.focused(page)["text"] == "Back"
    page.keyboard.press("Enter")
    assert driver.focused(page)["section"] == "urgency"
    # Focus is visible on every control the keyboard reaches: on a radio, as GOV.UK draws
    # it, a yellow ring round its circle (the input itself is transparent).
    page.keyboard.press("Tab")
    assert driver.focused(page)["id"] == "f-urgency-2"  # the radio chosen, as Tab goes to it
    ring = page.evaluate("getComputedStyle(document.activeElement.labels[0], '::before').boxShadow")
    assert "rgb(255, 221, 0)" in ring, ring
    page.locator("#q-urgency").get_by_role("button", name="Continue").focus()
    style = page.evaluate("getComputedStyle(document.activeElement).outlineStyle + ' ' + "
                          "getComputedStyle(document.activeElement).boxShadow")
    assert style != "none none"


def test_warns_before_leaving_with_answers_not_downloaded(watched: Any, site_url: str) -> None:
    page = watched.page
    driver.open_helper(page, site_url)
    page.locator("#f-urgency").check()
    dialogs: list[str] = []

    def handle(dialog: Any) -> None:
        dialogs.append(dialog.type)
        dialog.dismiss()  # stay on the page

    page.on("dialog", handle)
    with page.expect_event("dialog"):
        page.close(run_before_unload=True)
    assert dialogs == ["beforeunload"]
    assert not page.is_closed()


def test_clear_all_asks_first_then_forgets_everything(watched: Any, site_url: str) -> None:
    page = watched.page
    driver.open_helper(page, site_url)
    page.locator("#f-urgency-2").check()
    driver.press_continue(page, "urgency")
    page.locator("#f-case_reference").fill("KEEP-ME")
    page.get_by_role("button", name="Clear all answers").click()
    assert driver.current_view(page) == "clear"
    page.get_by_role("button", name="No, go back").click()
    assert driver.current_view(page) == "case_reference"
    assert page.locator("#f-case_reference").input_value() == "KEEP-ME"
    page.get_by_role("button", name="Clear all answers").click()
    page.get_by_role("button", name="Yes, clear all answers").click()
    assert driver.current_view(page) == "urgency"
    assert page.locator("#f-urgency-2").is_checked() is False
    assert page.locator("#f-case_reference").input_value() == ""
    # Nothing left to lose, so no warning on leaving.
    dialogs: list[str] = []

    def handle(dialog: Any) -> None:
        dialogs.append(dialog.type)
        dialog.accept()

    page.on("dialog", handle)
    page.goto(site_url)
    assert dialogs == []


def test_outlined_buttons_keep_their_text_on_hover_and_focus(watched: Any, site_url: str) -> None:
    page = watched.page
    driver.open_helper(page, site_url)
    button = page.get_by_role("button", name="Clear all answers")
    colours = "(b) => { const s = getComputedStyle(b); return [s.color, s.backgroundColor]; }"
    for action in (button.hover, button.focus):
        action()
        # The theme animates the fill: read the colours once its transitions have ended.
        button.evaluate("(b) => Promise.all(b.getAnimations().map((a) => a.finished))")
        text, fill = button.evaluate(colours)
        assert fill not in ("rgba(0, 0, 0, 0)", "transparent"), (action.__name__, text, fill)
        assert text != fill


def test_return_visit_starts_from_the_browsers_cache(watched: Any, site_url: str) -> None:
    """A second visit compiles Python's WebAssembly on the page, from the browser's
    cache, and hands it to the worker: the helper still starts and answers, cleanly."""
    page = watched.page
    driver.open_helper(page, site_url)
    assert driver.helper_state(page) == "ready"
    page.wait_for_timeout(1500)  # let the background compile for the next visit finish
    watched.requests.clear()
    page.goto(site_url + "helper/")
    page.wait_for_function("() => document.documentElement.dataset.helperState !== 'loading'")
    assert driver.helper_state(page) == "ready", driver.failure_text(page)
    # The page took the return-visit path: the script came from the cache.
    assert page.evaluate(
        "() => performance.getEntriesByType('resource').some("
        "e => /helper\\.js/.test(e.name) && e.transferSize === 0 && e.decodedBodySize > 0)")
    wasm = [u for u in watched.requests if u.split("?")[0].endswith("/pyodide.asm.wasm")]
    assert len(wasm) <= 1, wasm  # fetched once, by the page; the worker did not fetch it again
    page.get_by_role("radio", name="No").first.check()
    driver.press_continue(page, "urgency")
    assert driver.current_view(page) != "urgency"
    assert watched.errors == []
