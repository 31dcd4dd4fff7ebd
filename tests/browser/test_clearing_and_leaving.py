"""What the helper keeps once a practitioner is done with a case.

- "Clear all answers" forgets the case everywhere on the page: no status message still
  names the cleared case (its reference is in every file name the page reported).

Leaving the helper and coming Back is tested in Firefox and WebKit, which keep the page
whole in their back-forward cache (tests/engines/test_leaving.py).
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser import driver

pytestmark = pytest.mark.browser

OUTCOME = "no_purpose"  # a short journey
# The case reference as typed, and as it appears in the file names the page reports.
TRACES = ("AB/2026 #14 <i>", "AB-2026-14-i")

# Everything the page holds as text, shown or hidden, and every control's value.
PAGE_TEXT = """() => [document.body.textContent,
  ...[...document.querySelectorAll('input, textarea')].map((e) => e.value)].join('\\n')"""


def test_clearing_all_answers_leaves_no_trace_of_the_case(page: Any, site_url: str) -> None:
    driver.open_helper(page, site_url)
    driver.answer_questions(page, driver.answers_for(OUTCOME))
    driver.to_check(page)
    with page.expect_download():
        page.locator("#infoshare-check [data-action=save-answers]").click()
    driver.create_record(page)
    driver.download(page, "Download as Plain text")
    said = page.locator("#infoshare-saved").inner_text() + page.locator("#infoshare-downloaded").inner_text()
    assert TRACES[1] in said, said  # the control: both messages named the case

    page.locator("[data-action=clear]").first.click()
    page.locator("[data-action=clear-confirm]").click()
    page.wait_for_selector("#q-urgency:not([hidden])")
    text = page.evaluate(PAGE_TEXT)
    assert [trace for trace in TRACES if trace in text] == []
    assert "All answers cleared." in page.locator("#infoshare-status-text").inner_text()

