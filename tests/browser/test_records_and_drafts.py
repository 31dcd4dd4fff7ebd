"""A draft is never mistaken for a record, and a record is never silently replaced, as a
practitioner meets them in the page:

- "Save your answers so far" names the draft apart from the record, and opening a draft
  says plainly that it is one;
- once a record has been made, creating it again (after "Back to your answers" and
  "Change") amends it, and a draft saved since carries it, so that finishing the draft
  amends it too, even when the draft is saved by the boot script because Python stopped;
- a record that `infoshare validate` finds problems with is flagged with the same
  messages, is not amended, and creating the record makes a separate one, said so.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.browser import driver
from tests.browser import test_interruptions as interruptions
from tests.conftest import ROOT

pytestmark = pytest.mark.browser

DRAFT = "Save your answers so far"


def _save_draft(page: Any, section: str, tmp_path: Path) -> tuple[str, Path]:
    with page.expect_download() as info:
        page.locator(section).get_by_role("button", name=DRAFT).click()
    item = info.value
    saved = tmp_path / item.suggested_filename
    Path(item.path()).replace(saved)
    return item.suggested_filename, saved


def _open_file(page: Any, path: Path) -> None:
    page.set_input_files("#f-record_file", str(path))
    page.get_by_role("button", name="Open the record").click()
    page.wait_for_selector("#infoshare-opened:not([hidden]), #infoshare-check:not([hidden])")


def _notice(page: Any) -> dict[str, Any]:
    box = page.locator("#infoshare-opened")
    return {"shown": box.is_visible(), "title": page.locator("#infoshare-opened-title").inner_text(),
            "text": page.locator("#infoshare-opened-text").inner_text(),
            "problems": page.locator("#infoshare-opened-problems li").all_inner_texts(),
            "focused": page.evaluate("document.activeElement.id") == "infoshare-opened"}


def _change_reasons(page: Any, text: str) -> None:
    """From the check page: Change the reasons, and Continue back to the check page."""
    rows = page.locator("#infoshare-summary .govuk-summary-list__row")
    rows.filter(has_text="Reasons for the decision").first.get_by_role("link").click()
    page.locator("#f-reasons").fill(text)
    driver.press_continue(page, "reasons")
    assert driver.current_view(page) == "check"


def _amend(page: Any, by: str, reason: str) -> None:
    page.locator("#f-amendment_by").fill(by)
    page.locator("#f-amendment_reason").fill(reason)


def _record(page: Any, site_url: str) -> tuple[str, dict[str, Any]]:
    driver.open_helper(page, site_url)
    driver.answer_questions(page, driver.answers_for("no_purpose"), check_focus=False)
    driver.to_record(page)
    name, text = driver.download(page, "Download as JSON")
    return name, json.loads(text)


def test_a_draft_is_named_apart_and_says_it_is_a_draft(watched: Any, site_url: str, tmp_path: Path) -> None:
    page = watched.page
    driver.open_helper(page, site_url)
    driver.answer_questions(page, driver.answers_for("no_purpose"), check_focus=False)
    driver.to_check(page)
    draft_name, saved = _save_draft(page, "#infoshare-check", tmp_path)
    assert "It is a draft, not a record" in page.locator("#infoshare-saved").inner_text()
    driver.create_record(page)
    record_name, _ = driver.download(page, "Download as JSON")
    # The same case and day, never the same name: a browser that replaces a file of the
    # same name cannot put the draft in the record's place.
    assert draft_name == record_name.removesuffix(".json") + "_answers-so-far.json"
    assert driver.STEM.match(record_name.removesuffix(".json"))

    # Opened later, it says plainly what it is, first.
    page.get_by_role("button", name="Start a new record").click()
    _open_file(page, saved)
    notice = _notice(page)
    assert notice["shown"] and notice["focused"] and notice["title"] == "You opened a draft"
    assert "It is not a record" in notice["text"] and notice["problems"] == []
    assert driver.current_view(page) == "check"
    assert page.locator("#infoshare-seal").inner_text() == "Create the record"
    violations = driver.run_axe(page)
    assert violations == [], violations
    # It stays with the page the draft opened at and the check page, not every question.
    _change_reasons(page, "Reasons, finished from the draft.")
    assert page.locator("#infoshare-opened").is_visible()
    rows = page.locator("#infoshare-summary .govuk-summary-list__row")
    rows.filter(has_text="Reasons for the decision").first.get_by_role("link").click()
    assert page.locator("#infoshare-opened").is_hidden()
    assert watched.problems() == []


def test_creating_the_record_again_amends_it(watched: Any, site_url: str,
                                             record_schema: dict[str, Any]) -> None:
    import jsonschema

    page = watched.page
    first_name, first = _record(page, site_url)
    page.get_by_role("button", name="Back to your answers").click()
    page.wait_for_selector("#infoshare-check:not([hidden])")
    # The record just made is the one any change amends, and the page says so.
    assert page.locator("#infoshare-amend").is_visible()
    assert page.locator("#infoshare-amend-about").inner_text().startswith("You are amending the record made on ")
    assert page.locator("#infoshare-seal").inner_text() == "Create the record with your amendment"
    _change_reasons(page, "The request named no purpose at all.")
    assert page.locator("#infoshare-amend-changes").inner_text().startswith("Reasons for the decision: was ")
    _amend(page, "Jo Evans, head of year", "The reasons were incomplete.")
    driver.create_record(page)
    second_name, second_text = driver.download(page, "Download as JSON")
    second = json.loads(second_text)
    jsonschema.validate(second, record_schema)
    assert second_name.removesuffix(".json").endswith("_amended-1") and second_name != first_name
    assert second["created"] == first["created"]
    assert second["amendments"][0]["previous_sha256"] == first["sha256"]
    assert [c["field"] for c in second["amendments"][0]["changes"]] == ["reasons"]
    # And again: the amended version is now the one amended, and who and why start empty.
    page.get_by_role("button", name="Back to your answers").click()
    page.wait_for_selector("#infoshare-check:not([hidden])")
    assert page.locator("#f-amendment_by").input_value() == ""
    assert "(as amended 1 time)" in page.locator("#infoshare-amend-about").inner_text()
    _amend(page, "Jo Evans, head of year", "Checked again; nothing to change.")
    driver.create_record(page)
    third_name, third_text = driver.download(page, "Download as JSON")
    third = json.loads(third_text)
    assert third_name.removesuffix(".json").endswith("_amended-2")
    assert third["amendments"][1]["previous_sha256"] == second["sha256"]
    assert third["amendments"][0] == second["amendments"][0]
    assert watched.problems() == []


def test_a_draft_saved_after_the_record_was_made_finishes_as_its_amendment(
        watched: Any, site_url: str, tmp_path: Path) -> None:
    page = watched.page
    _, first = _record(page, site_url)
    page.get_by_role("button", name="Back to your answers").click()
    page.wait_for_selector("#infoshare-check:not([hidden])")
    _change_reasons(page, "Reasons, changed after the record was made.")
    page.locator("#f-amendment_by").fill("Jo Evans")
    name, saved = _save_draft(page, "#infoshare-check", tmp_path)
    assert name.endswith("_answers-so-far.json")
    draft = json.loads(saved.read_text(encoding="utf-8"))
    assert draft["version"] == 2 and draft["amends"] == first
    assert draft["amendment"] == {"by": "Jo Evans", "reason": ""}

    # Another day, another page: the draft is finished, and amends the record.
    other = page.context.new_page()
    driver.open_helper(other, site_url)
    _open_file(other, saved)
    notice = _notice(other)
    assert notice["title"] == "You opened a draft of an amendment" and notice["focused"]
    assert other.locator("#infoshare-amend").is_visible()
    assert other.locator("#f-amendment_by").input_value() == "Jo Evans"  # nothing typed is lost
    other.locator("#f-amendment_reason").fill("Finished the amendment from my draft.")
    driver.create_record(other)
    finished_name, finished_text = driver.download(other, "Download as JSON")
    finished = json.loads(finished_text)
    assert finished_name.removesuffix(".json").endswith("_amended-1")
    assert finished["created"] == first["created"]
    assert finished["amendments"][0]["previous_sha256"] == first["sha256"]
    assert finished["amendments"][0]["changes"] == [
        {"field": "reasons", "before": first["answers"]["reasons"],
         "after": "Reasons, changed after the record was made."}]
    assert watched.problems() == []


def test_a_draft_saved_while_python_is_stuck_still_carries_the_record(
        watched: Any, site_url: str) -> None:
    """The boot script writes the draft when Python stops answering: it keeps the link."""
    page = watched.page
    interruptions._short_limits(page)  # the same test hook as the interruption tests
    _, first = _record(page, site_url)
    page.get_by_role("button", name="Back to your answers").click()
    page.wait_for_selector("#infoshare-check:not([hidden])")
    rows = page.locator("#infoshare-summary .govuk-summary-list__row")
    rows.filter(has_text="Reasons for the decision").first.get_by_role("link").click()
    page.locator("#f-reasons").fill("New reasons __hang__")
    page.locator("#q-reasons").get_by_role("button", name="Continue").click()
    notice = page.locator("#infoshare-interrupted")
    notice.wait_for(state="visible", timeout=15_000)
    with page.expect_download() as info:
        notice.get_by_role("button", name="Save your answers so far (JSON)").click()
    assert info.value.suggested_filename.endswith("_answers-so-far.json")
    draft = json.loads(Path(info.value.path()).read_text(encoding="utf-8"))
    assert draft["version"] == 2 and draft["amends"] == first
    assert draft["answers"]["reasons"] == "New reasons __hang__"


def _hostile_record(tmp_path: Path, name: str, change: str) -> Path:
    """The example record edited by `change` (Python run on the record `r`), its digest
    worked out again, as anyone who edits a file can."""
    code = (
        "import json, sys\n"
        "from infoshare import canonical_json, digest, example\n"
        "r = example.record()\n"
        f"{change}\n"
        "r.pop('sha256'); r['sha256'] = digest(r)\n"
        "sys.stdout.write(canonical_json(r))\n"
    )
    text = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True,
                          text=True, cwd=ROOT).stdout
    path = tmp_path / f"{name}.json"
    path.write_text(text, encoding="utf-8")
    return path


def _validate(path: Path) -> list[str]:
    result = subprocess.run([sys.executable, "-m", "infoshare", "validate", str(path)],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 1, result
    return [line.split(": ", 1)[1] for line in result.stderr.strip().splitlines()]


FORGED_OUTCOME = ("r['recommendation'].update(code='not_personal_data', "
                  "title='You may share it: it is not personal data', rules=[1])")


@pytest.mark.parametrize(("name", "change"), [
    ("forged-outcome", FORGED_OUTCOME),
    ("javascript-site", "r['site']['url'] = 'javascript:alert(1)'"),
    ("date-in-2099", "r['answers']['decided_at'] = '2099-01-15T15:30:00+00:00'"),
    ("over-long-reason", "r['answers']['reasons'] = 'x' * 20001"),
])
def test_a_record_with_problems_is_flagged_as_validate_flags_it_and_not_amended(
        watched: Any, site_url: str, tmp_path: Path, name: str, change: str) -> None:
    page = watched.page
    path = _hostile_record(tmp_path, name, change)
    expected = _validate(path)
    driver.open_helper(page, site_url)
    _open_file(page, path)
    notice = _notice(page)
    assert notice["shown"] and notice["focused"] and notice["title"] == "The record has problems"
    assert notice["problems"] == expected  # one validation, both places
    assert "it cannot be amended" in notice["text"]
    assert page.locator("#infoshare-amend").is_hidden()
    assert page.locator("#infoshare-seal").inner_text() == "Create a new, separate record"
    violations = driver.run_axe(page)
    assert violations == [], violations
    if name == "forged-outcome":
        page.screenshot(path=str(tmp_path / "flagged.png"))
        # A separate record: made now, with the outcome its answers lead to, amending nothing.
        page.get_by_role("button", name="Create a new, separate record").click()
        page.wait_for_selector("#infoshare-record:not([hidden])")
        _, text = driver.download(page, "Download as JSON")
        made = json.loads(text)
        opened = json.loads(path.read_text(encoding="utf-8"))
        assert made["amendments"] == [] and made["created"] != opened["created"]
        assert made["recommendation"]["code"] == "share_risk_of_harm"
    assert watched.problems() == []
