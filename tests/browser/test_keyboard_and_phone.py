"""Where focus and the page land after the moves a keyboard or phone user makes: the skip
link then the browser's Back, Back on a draft opened from a file, saving the answers so
far on a phone's screen, and the time of sharing on the page."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.browser import driver

PHONE = {"width": 375, "height": 667}


def _focus(page: Any) -> dict[str, Any]:
    """The focused element: its tag, id and text (BODY when focus has been dropped)."""
    result: dict[str, Any] = page.evaluate(
        """() => { const e = document.activeElement;
                   return { tag: e.tagName, id: e.id, text: (e.textContent || "").trim().slice(0, 80) }; }""")
    return result


def _in_viewport(page: Any, selector: str) -> bool:
    return bool(page.locator(selector).evaluate(
        """(e) => { const r = e.getBoundingClientRect();
                    return r.height > 0 && r.top >= -1 && r.bottom <= window.innerHeight + 1; }"""))


def test_back_after_the_skip_link_keeps_focus_on_the_page_not_the_body(watched: Any, site_url: str) -> None:
    page = watched.page
    driver.open_helper(page, site_url)
    answers = driver.answers_for("share_risk_of_harm")
    driver.answer_questions(page, answers, until="purpose", check_focus=False)
    skip = page.locator("a.md-skip")
    skip.focus()
    assert _focus(page)["text"] == "Skip to content", _focus(page)
    page.keyboard.press("Enter")
    # The skip link moves focus to the content (not to the body) and adds no history entry.
    assert _focus(page)["tag"] != "BODY", _focus(page)
    assert page.url == site_url + "helper/"
    driver.answer_questions(page, answers, until="personal_data", check_focus=False)
    # Back goes to the helper's page before, with focus on its heading.
    page.go_back()
    page.wait_for_selector("#q-purpose:not([hidden])")
    focus = _focus(page)
    assert focus["tag"] != "BODY", focus
    assert page.locator("#q-purpose").evaluate("(s) => s.contains(document.activeElement)"), focus
    page.go_back()
    page.wait_for_selector("#q-request:not([hidden])")
    assert _focus(page)["tag"] != "BODY"
    assert page.url == site_url + "helper/"


def test_back_on_a_resumed_draft_goes_to_the_question_before(watched: Any, site_url: str, tmp_path: Path) -> None:
    page = watched.page
    driver.open_helper(page, site_url)
    answers = driver.answers_for("share_risk_of_harm")
    driver.answer_questions(page, answers, until="confidential", check_focus=False)
    with page.expect_download() as info:
        page.locator("#q-confidential").get_by_role("button", name="Save your answers so far").click()
    saved = tmp_path / info.value.suggested_filename
    Path(info.value.path()).replace(saved)
    page.goto("about:blank")
    driver.open_helper(page, site_url)
    page.set_input_files("#f-record_file", str(saved))
    page.get_by_role("button", name="Open the record").click()
    page.wait_for_selector("#q-confidential:not([hidden])")
    # The helper's own Back and the browser's both go to the question before, not the first.
    page.locator("#q-confidential").get_by_role("button", name="Back").click()
    page.wait_for_selector("#q-risk_of_harm:not([hidden])")
    assert _focus(page)["text"].startswith(page.locator("#q-risk_of_harm .infoshare-heading").inner_text())
    page.go_back()
    page.wait_for_selector("#q-personal_data:not([hidden])")
    # Forward returns to where the draft stopped, with its answers.
    page.go_forward()
    page.go_forward()
    page.wait_for_selector("#q-confidential:not([hidden])")
    assert page.locator("#f-purpose").input_value() == answers["purpose"]
    # Back as far as it goes reaches the first question, and no further pages of the helper.
    for _ in range(10):
        if driver.current_view(page) == "urgency":
            break
        page.go_back()
        page.wait_for_timeout(100)
    assert driver.current_view(page) == "urgency"
    # From there, Continue goes through the kept answers past where the draft stopped.
    driver.answer_questions(page, answers, until="consent", check_focus=False)
    assert page.locator("#q-confidential input:checked").get_attribute("value") == answers["confidential"]


def test_on_a_phone_the_save_confirmation_is_on_screen(browser: Any, site_url: str) -> None:
    context = browser.new_context(viewport=PHONE, accept_downloads=True, service_workers="block")
    try:
        page = context.new_page()
        driver.open_helper(page, site_url)
        answers = driver.answers_for("not_personal_data")  # the shortest way past how_shared
        for target in ("purpose", "how_shared", "check"):
            if target == "check":
                driver.answer_questions(page, answers, until="outcome", check_focus=False)
                driver.to_check(page)
                section = page.locator("#infoshare-check")
            else:
                driver.answer_questions(page, answers, until=target, check_focus=False)
                section = page.locator(f"#q-{target}")
            page.evaluate("document.getElementById('infoshare-saved').textContent = ''")
            button = section.get_by_role("button", name="Save your answers so far")
            # As a thumb leaves it: the button at the foot of the screen.
            button.evaluate("(e) => e.scrollIntoView({block: 'end'})")
            with page.expect_download():
                button.click()
            page.wait_for_selector("#infoshare-saved:has-text('Your answers so far are saved as')")
            page.wait_for_timeout(400)  # any smooth scroll has finished
            where = page.locator("#infoshare-saved").evaluate(
                "(e) => [e.getBoundingClientRect().top, e.getBoundingClientRect().bottom, window.innerHeight]")
            assert _in_viewport(page, "#infoshare-saved"), (target, where)
    finally:
        context.close()


def test_the_time_of_sharing_is_typed_and_never_filled_in_as_now(watched: Any, site_url: str) -> None:
    page = watched.page
    driver.open_helper(page, site_url)
    driver.answer_questions(page, driver.answers_for("emergency"), until="how_shared", check_focus=False)
    shared = page.locator("#q-how_shared [data-field='shared_at']")
    assert shared.is_visible()
    assert shared.get_by_role("button", name="Use the time now").count() == 0
    # The boxes start empty: nothing is filled in for the practitioner.
    boxes = shared.locator("input")
    assert boxes.count() >= 5
    assert all(v == "" for v in boxes.evaluate_all("(es) => es.map((e) => e.value)"))


def _contrast(page: Any, locator: Any) -> float:
    """The contrast ratio of an element's text on its own background, over the page's white
    (WCAG 2.2's relative luminance)."""
    ratio: float = locator.evaluate(
        """(e) => {
          const rgba = (c) => (c.match(/[\\d.]+/g) || []).map(Number);
          const s = getComputedStyle(e);
          const [br, bg, bb, ba = 1] = rgba(s.backgroundColor);
          const back = [br, bg, bb].map((v) => v * ba + 255 * (1 - ba));
          const [fr, fg, fb, fa = 1] = rgba(s.color);
          const text = [fr, fg, fb].map((v, i) => v * fa + back[i] * (1 - fa));
          const lum = (c) => { const [r, g, b] = c.map((v) => { v /= 255;
            return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
            return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
          const [hi, lo] = [lum(text), lum(back)].sort((a, b) => b - a);
          return (hi + 0.05) / (lo + 0.05);
        }""")
    return ratio


def test_a_button_keeps_its_contrast_while_the_pointer_comes_to_rest_on_it(browser: Any, site_url: str) -> None:
    """A page that changes under a resting pointer (as after Continue on a phone) puts the
    pointer on the next page's buttons. Their hover colours must be readable at every moment,
    not only once a fade between the two has finished: the text fades to white while the
    fill fades in, and half-way the two are nearly the same colour."""
    context = browser.new_context(viewport={"width": 375, "height": 800}, service_workers="block")
    try:
        page = context.new_page()
        driver.open_helper(page, site_url)
        driver.answer_questions(page, driver.answers_for("no_purpose"), until="decision", check_focus=False)
        button = page.locator("#q-decision [data-action='save-answers']")
        button.scroll_into_view_if_needed()
        assert _contrast(page, button) >= 4.5
        box = button.bounding_box()
        page.mouse.move(box["x"] + 10, box["y"] + 10)
        # Every colour change the hover starts, stopped half-way: what the eye sees then.
        fades = button.evaluate(
            """(e) => e.getAnimations().filter((a) => a.transitionProperty).map((a) => {
                 a.pause(); a.currentTime = a.effect.getComputedTiming().duration / 2;
                 return a.transitionProperty; })""")
        assert _contrast(page, button) >= 4.5, fades
        page.evaluate("document.getAnimations().forEach((a) => a.finish())")
        assert _contrast(page, button) >= 4.5
    finally:
        context.close()


def test_not_sure_of_harm_says_not_a_reason_to_wait_in_the_headline(watched: Any, site_url: str) -> None:
    """Where the practitioner is not sure a child is at risk, "not a reason to wait" is read
    first, where they decide, not inside the collapsed reasons."""
    page = watched.page
    driver.open_helper(page, site_url)
    answers = {**driver.answers_for("share_risk_of_harm"), "risk_of_harm": "not_sure"}
    driver.answer_questions(page, answers, until="decision", check_focus=False)
    pointer = page.locator("#q-decision [data-pointer]")
    # The pointer is filled in by Python: read its headline, without the collapsed reasons,
    # once it has come.
    read = """(p) => { const copy = p.cloneNode(true);
                       copy.querySelectorAll('details').forEach((d) => d.remove());
                       return copy.textContent.replace(/\\s+/g, ' '); }"""
    headline = ""
    for _ in range(50):
        headline = pointer.evaluate(read)
        if "Seek advice" in headline:
            break
        page.wait_for_timeout(100)
    assert "do not wait to protect a child" in headline, headline
    assert "not a reason to wait" in headline, headline
    assert pointer.get_by_text("not a reason to wait").first.is_visible()
