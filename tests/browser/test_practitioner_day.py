"""The helper under a practitioner's real conditions: interrupted, on a phone, keyboard
only, in a hurry. One test per point of the helper's usability review."""

from __future__ import annotations

import itertools
import json
from pathlib import Path
from typing import Any

from tests.browser import driver

PHONE = {"width": 375, "height": 667}


def _until(page: Any, condition: Any, timeout_ms: int = 5000) -> None:
    """Wait for a condition read through page.evaluate (the page's policy forbids the
    string evaluation Playwright's wait_for_function uses)."""
    for _ in range(timeout_ms // 50):
        if condition():
            return
        page.wait_for_timeout(50)
    raise AssertionError("timed out")


# ---- 1. Interrupted: save the answers so far, and carry on from the file -----------------


def test_save_answers_so_far_and_carry_on_where_you_stopped(watched: Any, site_url: str, tmp_path: Path) -> None:
    page = watched.page
    driver.open_helper(page, site_url)
    answers = driver.answers_for("share_risk_of_harm")
    driver.answer_questions(page, answers, until="risk_of_harm", check_focus=False)
    # Every question page offers it, and so does the check page.
    assert page.locator("section[data-view=question] [data-action=save-answers]").count() == \
        page.locator("section[data-view=question]").count()
    assert page.locator("#infoshare-check [data-action=save-answers]").count() == 1
    with page.expect_download() as info:
        page.locator("#q-risk_of_harm").get_by_role("button", name="Save your answers so far").click()
    item = info.value
    # A draft is named apart from the record made the same day.
    assert driver.STEM.match(item.suggested_filename.removesuffix("_answers-so-far.json"))
    draft = json.loads(Path(item.path()).read_text(encoding="utf-8"))
    assert draft["format"] == "infoshare-draft"
    assert draft["answers"]["case_reference"] == answers["case_reference"]
    assert draft["answers"]["purpose"] == answers["purpose"]
    assert "Your answers so far are saved as" in page.locator("#infoshare-saved").inner_text()
    # Saved: leaving now does not warn.
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.type), d.dismiss()))
    saved = tmp_path / item.suggested_filename
    Path(item.path()).replace(saved)
    page.goto("about:blank")
    assert dialogs == []
    # A new visit opens the file and carries on at the first unanswered page.
    driver.open_helper(page, site_url)
    page.set_input_files("#f-record_file", str(saved))
    page.get_by_role("button", name="Open the record").click()
    page.wait_for_selector("#q-risk_of_harm:not([hidden])")
    assert page.locator("#f-purpose").input_value() == answers["purpose"]
    # And on to what the guidance points to: by the shorter way from here (no risk of harm,
    # consent refused), which the answers saved before lead to as well.
    driver.answer_questions(page, driver.answers_for("do_not_share_or_seek_advice"), until="outcome", check_focus=False)
    assert page.locator("#infoshare-outcome .infoshare-recommendation").get_attribute("data-code") == \
        "do_not_share_or_seek_advice"


# ---- 2. The browser's Back and Forward move between the helper's pages -------------------


def test_back_and_forward_move_between_helper_pages_and_carry_no_answers(watched: Any, site_url: str) -> None:
    page = watched.page
    url = site_url + "helper/"
    driver.open_helper(page, site_url)
    answers = driver.answers_for("not_personal_data")
    driver.answer_questions(page, answers, until="personal_data", check_focus=False)
    page.go_back()
    page.wait_for_selector("#q-purpose:not([hidden])")
    assert page.locator("#f-purpose").input_value() == answers["purpose"]
    page.go_back()
    page.wait_for_selector("#q-request:not([hidden])")  # (who asked: the page before the purpose)
    page.go_forward()
    page.wait_for_selector("#q-purpose:not([hidden])")
    assert page.url == url
    # The helper's own Back button is the same move.
    page.locator("#q-purpose").get_by_role("button", name="Back").click()
    page.wait_for_selector("#q-request:not([hidden])")
    driver.answer_questions(page, answers, until="outcome", check_focus=False)
    # Every history entry the helper made holds a page id and a depth, nothing typed.
    states = []
    for _ in range(40):
        state = page.evaluate("history.state")
        states.append(state)
        assert set(state) == {"infoshare", "depth"}, state
        assert page.url == url
        if state["depth"] == 0:
            break
        page.go_back()
        before = state["depth"]
        _until(page, lambda before=before: page.evaluate("history.state && history.state.depth") == before - 1)
    typed = [v for v in answers.values() if isinstance(v, str) and len(v) > 3]
    assert not any(t in json.dumps(states) for t in typed)
    assert states[-1] == {"infoshare": "q-urgency", "depth": 0}
    assert watched.problems() == []


def test_a_change_abandoned_with_the_browsers_back_is_not_kept(watched: Any, site_url: str) -> None:
    page = watched.page
    driver.open_helper(page, site_url)
    answers = driver.answers_for("no_purpose")
    driver.answer_questions(page, answers, until="outcome", check_focus=False)
    driver.to_check(page)
    page.locator("#infoshare-summary a", has_text="Change").first.click()
    page.wait_for_selector("#q-urgency:not([hidden])")
    page.locator("#f-urgency").check()  # "yes": not confirmed with Continue
    page.go_back()
    page.wait_for_selector("#infoshare-check:not([hidden])")
    assert page.locator("#f-urgency-2").is_checked()


# ---- 3/5. On a phone: the first question without scrolling; "act now" in an emergency ----


def test_on_a_phone_the_first_question_is_visible_without_scrolling(browser: Any, site_url: str) -> None:
    context = browser.new_context(viewport=PHONE)
    try:
        page = context.new_page()
        page.goto(site_url + "helper/")
        for locator in (page.locator("#q-urgency .infoshare-heading"), page.locator("label[for=f-urgency]"),
                        page.locator("label[for=f-urgency-2]")):
            box = locator.bounding_box()
            assert box is not None and box["y"] + box["height"] <= PHONE["height"], box
        assert page.evaluate("window.scrollY") == 0
    finally:
        context.close()


def test_yes_to_immediate_danger_says_what_to_do_now_first(watched: Any, site_url: str) -> None:
    page = watched.page
    driver.open_helper(page, site_url)
    page.locator("#f-urgency").check()
    driver.press_continue(page, "urgency")
    assert driver.current_view(page) == "act-now"
    card = page.locator("#infoshare-act-now")
    assert "call 999" in card.inner_text()
    assert page.evaluate("document.activeElement.textContent").startswith("Act now")
    assert driver.run_axe(page) == [], "act now"
    card.get_by_role("button", name="Continue to the record").click()
    page.wait_for_selector("#q-case_reference:not([hidden])")
    # Back returns through it.
    page.go_back()
    page.wait_for_selector("#infoshare-act-now:not([hidden])")


# ---- 6. The departure page says what it departs from -------------------------------------


def test_the_departure_page_restates_what_the_guidance_pointed_to(watched: Any, site_url: str) -> None:
    page = watched.page
    driver.open_helper(page, site_url)
    answers = {**driver.answers_for("share_risk_of_harm"), "decision": "do_not_share"}
    driver.answer_questions(page, answers, until="departure", check_focus=False)
    pointer = page.locator("#q-departure [data-pointer]")
    pointer.wait_for()
    text = pointer.inner_text()
    assert "the guidance points to" in text and "Share what is necessary" in text
    assert page.locator("#q-departure details[open]").count() == 1  # the reasons are shown, not folded
    # Above the question, and read out with the text box it explains.
    question = page.locator("#q-departure h2.infoshare-heading")
    assert pointer.bounding_box()["y"] < question.bounding_box()["y"]
    described = page.evaluate("""() => {
      const box = document.querySelector("#q-departure textarea");
      return box.getAttribute("aria-describedby").split(" ")
        .map((id) => document.getElementById(id).textContent).join(" ");
    }""")
    assert "the guidance points to: Share what is necessary" in described
    assert driver.run_axe(page) == []


# ---- 8. Long text shows its limit; options that reveal a question say so ------------------


def test_textareas_count_characters_and_reveals_say_they_are_open(watched: Any, site_url: str) -> None:
    page = watched.page
    driver.open_helper(page, site_url)
    driver.answer_questions(page, driver.answers_for("share_risk_of_harm"), until="purpose", check_focus=False)
    info = page.locator("#f-purpose-info")
    assert info.text_content() == "You can enter up to 20,000 characters"
    assert "f-purpose-info" in page.locator("#f-purpose").get_attribute("aria-describedby")
    # One visible line, as GOV.UK's count shows: what is left; the limit is for screen readers.
    status = page.locator("#q-purpose .govuk-character-count__status")
    assert status.inner_text() == "You have 20,000 characters remaining"
    assert "govuk-visually-hidden" in (info.get_attribute("class") or "")
    page.locator("#f-purpose").fill("x" * 19_990)
    assert status.inner_text() == "You have 10 characters remaining"
    page.locator("#f-purpose").fill("x" * 20_003)
    assert status.inner_text() == "You have 3 characters too many"
    page.wait_for_selector("#q-purpose .govuk-character-count__sr-status:text-is('You have 3 characters too many')",
                           state="attached")
    page.locator("#f-purpose_clear").check()
    driver.press_continue(page, "purpose")
    assert "20,000 characters or fewer" in driver.visible_error_text(page)
    # The request page's "someone asked" option reveals who asked: it says whether it is open.
    page.go_back()
    page.wait_for_selector("#q-request:not([hidden])")
    asked = page.locator("input[name=request_source][value=asked]")
    assert asked.get_attribute("aria-expanded") == "true"
    page.locator("input[name=request_source][value=own_initiative]").check()
    assert asked.get_attribute("aria-expanded") == "false"


# ---- 9. From the check page's heading to "Create the record" in a few key presses --------


def test_a_skip_link_reaches_create_the_record_in_a_few_presses(watched: Any, site_url: str) -> None:
    page = watched.page
    driver.open_helper(page, site_url)
    driver.answer_questions(page, driver.answers_for("share_risk_of_harm"), until="outcome", check_focus=False)
    driver.to_check(page)
    assert page.evaluate("document.activeElement.textContent").startswith("Check your answers")
    presses = 0
    for presses in range(1, 6):  # noqa: B007 (the count is the result)
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent") == "Skip to creating the record":
            break
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "infoshare-seal"
    assert presses <= 3, presses
    assert page.url == site_url + "helper/"


# ---- 3. Dates in boxes, whatever the browser's locale ------------------------------------


def test_dates_in_boxes_under_a_us_locale_and_time_zone(browser: Any, site_url: str, record_schema: Any) -> None:
    """A browser set to US English in New York shows the same day, month and year boxes
    (no "11/30/2026" control), "Use the time now" fills them with New York's time, and the
    record keeps the times typed, with New York's offset."""
    context = browser.new_context(locale="en-US", timezone_id="America/New_York", accept_downloads=True,
                                  service_workers="block")
    try:
        page = context.new_page()
        driver.open_helper(page, site_url)
        assert page.evaluate("navigator.language") == "en-US"
        assert page.locator("input[type=date], input[type=datetime-local]").count() == 0
        answers = driver.answers_for("no_purpose")
        driver.answer_questions(page, answers, until="decision_time", check_focus=False)
        page.locator("#q-decision_time").get_by_role("button", name="Use the time now").click()
        now = page.evaluate("(() => { const d = new Date(); return [d.getDate(), d.getMonth() + 1, d.getFullYear(),"
                            " d.getHours(), d.getMinutes()]; })()")
        boxes = [int(page.locator(f"#f-decided_at{part}").input_value())
                 for part in ("", "-month", "-year", "-hour", "-minute")]
        assert boxes[:4] == now[:4] and abs(boxes[4] - now[4]) <= 1, (boxes, now)
        # The journey's own times, typed in the boxes, are what the record keeps.
        for box, value in zip(("", "-month", "-year", "-hour", "-minute"), ("15", "1", "2026", "15", "30"),
                              strict=True):
            page.locator(f"#f-decided_at{box}").fill(value)
        driver.answer_questions(page, answers, until="outcome", check_focus=False)
        driver.to_record(page)
        _, text = driver.download(page, "Download as JSON")
        record = json.loads(text)
        assert record["answers"]["decided_at"] == "2026-01-15T15:30:00-05:00"
        assert record["answers"]["request_received_at"] == "2026-01-15T09:40:00-05:00"
        assert record["answers"]["review_date"] == "2026-02-15"
    finally:
        context.close()


def test_axe_within_the_question_checks_it_and_only_it(watched: Any, site_url: str) -> None:
    """Guard for the check below: axe run on the question's section reports a problem in
    it, and not one elsewhere on the page."""
    page = watched.page
    driver.open_helper(page, site_url)
    assert driver.run_axe(page, within=driver.QUESTION) == []
    no_alt = "(css) => document.querySelector(css).append(Object.assign(document.createElement('img'), {src: 'x.png'}))"
    page.evaluate(no_alt, ".md-header")
    assert driver.run_axe(page, within=driver.QUESTION) == []
    assert "image-alt" in {v["id"] for v in driver.run_axe(page)}
    page.evaluate(no_alt, driver.QUESTION)
    assert "image-alt" in {v["id"] for v in driver.run_axe(page, within=driver.QUESTION)}


def test_every_state_is_accessible_at_a_phones_width(browser: Any, site_url: str) -> None:
    """axe finds nothing on each kind of page, at a phone's width, before it is answered.
    (At a desktop's width, each answered: test_helper_behaviour.py, a whole decision.)"""
    width = 375
    context = browser.new_context(viewport={"width": width, "height": 800}, accept_downloads=True,
                                  service_workers="block")
    try:
        page = context.new_page()
        driver.open_helper(page, site_url)
        answers = driver.answers_for("share_risk_of_harm")
        seen: list[str] = []
        for _ in range(40):
            view = driver.current_view(page)
            if view == "outcome":
                break
            if view not in seen:
                # The whole page on the first question; after that only the question's
                # own section changes from page to page, and only it is checked again.
                assert driver.run_axe(page, within=driver.QUESTION if seen else None) == [], (width, view)
                seen.append(view)
            # Every question page names its section above the question.
            caption = page.locator(f"{driver.QUESTION} .govuk-caption-m")
            assert caption.count() == 1 and caption.is_visible(), view
            page_id = driver.answer_current_page(page, answers, driver.Journey())
            driver.press_continue(page, page_id)
        assert driver.run_axe(page) == [], (width, "outcome")
        driver.to_record(page)
        assert driver.run_axe(page) == [], (width, "record")
        assert len(seen) >= 20
    finally:
        context.close()


# ---- 4. The check page groups the answers under clear headings ----------------------------


def test_the_check_page_groups_answers_by_section_then_page(watched: Any, site_url: str) -> None:
    page = watched.page
    driver.open_helper(page, site_url)
    # The shortest way through all four sections.
    driver.answer_questions(page, driver.answers_for("not_personal_data"), check_focus=False)
    driver.to_check(page)
    summary = page.locator("#infoshare-summary")
    sections = summary.locator("h3.infoshare-summary-section").all_inner_texts()
    assert sections == ["About the request", "The decision", "Sharing", "The record"]
    # Each list of answers sits under a section; a page of several answers has its own
    # heading below the section's, and a page of one answer needs none.
    order = summary.evaluate("""(root) => [...root.children].map((e) =>
        e.tagName === "DL" ? `dl:${e.querySelectorAll(".govuk-summary-list__row").length}` : e.tagName)""")
    assert order[0] == "H3"
    for before, item in itertools.pairwise(order):
        if item.startswith("dl:") and int(item[3:]) > 1:
            assert before == "H4", order
    assert "H4" in order
    who = summary.locator("h4", has_text="Who are you sharing it with?")
    assert who.count() == 1
    assert driver.run_axe(page) == []
