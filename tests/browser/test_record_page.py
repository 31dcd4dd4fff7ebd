"""What the helper shows around the record: prompts with what the guidance points to,
the case note copied as plain text, and the site the record was made on."""

from __future__ import annotations

import json
from typing import Any

from tests.browser import driver


def test_a_risk_with_no_advice_prompts_talking_to_the_safeguarding_lead(watched: Any, site_url: str) -> None:
    page = watched.page
    driver.open_helper(page, site_url)
    answers = {**driver.answers_for("share_risk_of_harm"), "advice_sought": "no"}
    driver.answer_questions(page, answers, check_focus=False)
    prompts = page.locator("#infoshare-outcome-prompts .infoshare-prompt")
    assert prompts.count() == 1
    assert "designated safeguarding lead" in prompts.inner_text()
    assert driver.run_axe(page) == []
    # It blocks nothing, and the record notes it was shown.
    driver.to_record(page)
    _, text = driver.download(page, "Download as JSON")
    record = json.loads(text)
    assert [p["code"] for p in record["recommendation"]["prompts"]] == [prompts.get_attribute("data-code")]


def test_copy_as_case_note_copies_the_plain_text(watched: Any, site_url: str) -> None:
    page = watched.page
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    driver.open_helper(page, site_url)
    reasons = "Unclear who asked (s.47 enquiry?) <b> & \"why\"."
    driver.answer_questions(page, {**driver.answers_for("no_purpose"), "reasons": reasons}, check_focus=False)
    driver.to_record(page)
    page.get_by_role("button", name="Copy as case note").click()
    page.wait_for_selector("#infoshare-downloaded:has-text('The case note is copied')")
    copied = page.evaluate("navigator.clipboard.readText()")
    _, txt = driver.download(page, "Download as Plain text")
    assert copied == txt
    # Plain text: what was typed reads as typed, without Markdown's backslashes.
    assert reasons in copied and "\\(" not in copied


def test_the_record_names_the_site_it_was_made_on(watched: Any, site_url: str) -> None:
    page = watched.page
    driver.open_helper(page, site_url)
    driver.answer_questions(page, driver.answers_for("no_purpose"), check_focus=False)
    driver.to_record(page)
    _, text = driver.download(page, "Download as JSON")
    root = page.locator("#infoshare")
    assert json.loads(text)["site"] == {"name": root.get_attribute("data-site-name"),
                                        "url": root.get_attribute("data-site-url")}
    assert json.loads(text)["site"]["url"].startswith("https://")
