"""The decision helper as practitioners use it, in the engines besides Chromium they use:
Firefox and WebKit (Safari on an iPad).

The same steps run in both (`tab` is parametrized over the engines): a whole decision
with every download, a draft saved and carried on from, a sealed record re-opened and
amended, the browser's Back and Forward, the date boxes and their errors, and the helper
with no network once the site's service worker has made its copy (its download progress
counting every byte there too). These are the paths a difference between engines would
break. Chromium (Edge, Chrome) takes every one of them, and far more, in tests/browser/;
TEST_ENGINES=chromium,firefox,webkit runs these in it too (tests/engines/conftest.py).
"""

from __future__ import annotations

import json
import subprocess
import sys
import uuid
from datetime import date
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from tests.browser.driver import BASE, STEM, answers_for, html_text, md_text, squash
from tests.conftest import ROOT
from tests.engines import helper as h
from tests.engines.conftest import OwnSite
from tests.engines.engines import EnginePage

pytestmark = pytest.mark.engines

OUTCOME = "share_risk_of_harm"  # the longest journey: every question page


def _example_record() -> dict[str, Any]:
    """The package's own complete, sealed example record."""
    out = subprocess.run([sys.executable, "-m", "infoshare", "example"], cwd=ROOT, capture_output=True,
                         text=True, check=True).stdout
    return dict(json.loads(out))


def test_a_whole_decision_with_every_download(tab: EnginePage, site_url: str,
                                              record_schema: dict[str, Any]) -> None:
    h.open_helper(tab, site_url)
    answers = answers_for(OUTCOME)
    journey = h.answer_questions(tab, answers)
    assert tab.call("(css) => document.querySelector(css).dataset.code", h.sel("outcome_code")) == OUTCOME
    h.to_check(tab)
    assert answers["reasons"] in tab.text(h.sel("summary"))
    h.create_record(tab)
    files = h.download_all(tab)

    stems = {name.rsplit(".", 1)[0] for name, _ in files.values()}
    (stem,) = stems
    match = STEM.match(stem)
    assert match and match.group(1) == "AB-2026-14-i", stem
    assert match.group(2) == date.today().isoformat()  # noqa: DTZ011  (the page's local date)
    assert [name.rsplit(".", 1)[1] for name, _ in files.values()] == list(h.FORMATS)

    record = json.loads(files["json"][1])
    jsonschema.validate(record, record_schema)
    assert record["recommendation"]["code"] == OUTCOME
    for name, typed in journey.typed.items():
        kept = record["answers"][name]
        assert kept == typed or (isinstance(kept, str) and "T" in typed and kept.startswith(typed)), (name, kept)
    raw_html = files["html"][1]
    assert "<script" not in raw_html.lower() and "#14 <i>" not in raw_html
    for text in (html_text(raw_html), md_text(files["md"][1]), squash(files["txt"][1])):
        assert "AB/2026 #14 <i>" in text
        for line in answers["shared_facts"].splitlines():
            assert squash(line) in text
    assert tab.text(h.sel("downloaded")) == f"Downloaded {files['txt'][0]}."


def test_a_draft_is_saved_and_carried_on_from(tab: EnginePage, site_url: str, tmp_path: Path) -> None:
    h.open_helper(tab, site_url)
    answers = answers_for(OUTCOME)
    h.answer_questions(tab, answers, until="risk_of_harm")
    name, text = h.save_draft(tab, "risk_of_harm")
    # A draft is named apart from the day's record: it never replaces it in a downloads folder.
    assert name.endswith("_answers-so-far.json"), name
    assert STEM.match(name.removesuffix("_answers-so-far.json")), name
    draft = json.loads(text)
    assert draft["format"] == "infoshare-draft"
    assert draft["answers"]["purpose"] == answers["purpose"]
    assert name in tab.text(h.sel("saved"))
    saved = tmp_path / name
    saved.write_text(text, encoding="utf-8")

    # Another day: a new visit opens the file and carries on at the first unanswered page,
    # with what was typed before in place. (A whole decision from there on is the test above.)
    tab.goto("about:blank")
    h.open_helper(tab, site_url)
    h.open_file(tab, saved)
    h.wait_view(tab, "risk_of_harm")
    assert tab.value(h.sel("control", name="purpose")) == answers["purpose"]
    h.answer_questions(tab, answers, until="decision")
    tab.click(h.sel("back", page="decision"))
    h.wait_view(tab, "views")
    assert tab.value(h.sel("control", name="views")) == answers["views"]


def test_a_sealed_record_is_reopened_and_amended(tab: EnginePage, site_url: str, tmp_path: Path,
                                                 record_schema: dict[str, Any]) -> None:
    original = _example_record()
    path = tmp_path / "record.json"
    path.write_text(json.dumps(original), encoding="utf-8")
    h.open_helper(tab, site_url)
    h.open_file(tab, path)
    h.wait_view(tab, "check")
    assert original["answers"]["reasons"] in tab.text(h.sel("summary"))
    assert tab.text(h.sel("amend_changes")) == "You have not changed any answer yet."

    # Amending needs who and why.
    h.mark_old_errors(tab)
    tab.click(h.sel("seal"))
    tab.wait_for(h.sel("fresh_error", section="infoshare-check"))
    assert sorted(tab.call("(css) => [...document.querySelectorAll(css)].map(a => a.getAttribute('href'))",
                           h.sel("error_links"))) == ["#f-amendment_by", "#f-amendment_reason"]

    tab.click(h.sel("change_link", name="reasons"))
    h.wait_view(tab, "reasons")
    tab.fill(h.sel("control", name="reasons"), "Amended: the reasons in full.")
    h.press_continue(tab, "reasons")
    h.wait_view(tab, "check")
    assert "now Amended: the reasons in full." in tab.text(h.sel("amend_changes"))
    tab.fill(h.sel("amend_by"), "Jo Evans, deputy DSL")
    tab.fill(h.sel("amend_reason"), "The reasons were incomplete.")
    h.create_record(tab)
    files = h.download_all(tab)
    name, text = files["json"]
    assert name.removesuffix(".json").endswith("_amended-1"), name
    amended = json.loads(text)
    jsonschema.validate(amended, record_schema)
    assert amended["answers"]["reasons"] == "Amended: the reasons in full."
    (amendment,) = amended["amendments"]
    assert (amendment["by"], amendment["reason"]) == ("Jo Evans, deputy DSL", "The reasons were incomplete.")
    assert [c["field"] for c in amendment["changes"]] == ["reasons"]
    assert amendment["previous_sha256"] == original["sha256"]


def test_back_and_forward_move_between_the_helpers_pages(tab: EnginePage, site_url: str) -> None:
    url = site_url + "helper/"
    h.open_helper(tab, site_url)
    answers = answers_for(OUTCOME)
    h.answer_questions(tab, answers, until="personal_data")
    tab.back()
    h.wait_view(tab, "purpose")
    assert tab.value(h.sel("control", name="purpose")) == answers["purpose"]
    tab.back()
    h.wait_view(tab, "request")
    tab.forward()
    h.wait_view(tab, "purpose")
    assert tab.js("location.href") == url
    # The helper's own Back button is the same move.
    tab.click(h.sel("back", page="purpose"))
    h.wait_view(tab, "request")
    h.press_continue(tab, "request")
    h.wait_view(tab, "purpose")
    # History entries hold a page id and a depth, nothing typed; the address never changes.
    state = tab.js("history.state")
    assert set(state) == {"infoshare", "depth"} and state["infoshare"] == "q-purpose", state
    assert tab.js("location.href") == url


def test_date_boxes_and_their_errors(tab: EnginePage, site_url: str) -> None:
    h.open_helper(tab, site_url)
    h.answer_questions(tab, {**BASE, "case_reference": "CR-77"}, until="request")
    tab.check(h.sel("option", page="request", name="request_source", value="asked"))
    tab.fill(h.sel("control", name="requester_name"), "Sam <Patel>")
    tab.fill(h.sel("control", name="request_received_at-month"), "1")
    h.press_continue(tab, "request")
    hrefs = tab.call("(css) => [...document.querySelectorAll(css)].map(a => a.getAttribute('href'))",
                     h.sel("error_links"))
    # The date's link goes to its first missing box: the day.
    assert hrefs == ["#f-requester_role", "#f-requester_organisation", "#f-request_received_at"]
    assert "must include a day and a year" in h.error_text(tab)
    assert tab.js("document.title").startswith("Error: ")
    assert tab.js("document.activeElement.className") == "govuk-error-summary"
    assert tab.value(h.sel("control", name="requester_name")) == "Sam <Patel>"
    assert tab.value(h.sel("control", name="request_received_at-month")) == "1"

    # A date that does not exist is refused too, by name.
    tab.fill(h.sel("control", name="requester_role"), "Social worker")
    tab.fill(h.sel("control", name="requester_organisation"), "Example Council")
    for box, value in (("", "31"), ("-month", "2"), ("-year", "2026"), ("-hour", "9"), ("-minute", "40")):
        tab.fill(h.sel("control", name=f"request_received_at{box}"), value)
    h.press_continue(tab, "request")
    assert h.current_view(tab) == "request"
    assert "real date" in h.error_text(tab).lower(), h.error_text(tab)

    tab.fill(h.sel("control", name="request_received_at"), "15")
    tab.fill(h.sel("control", name="request_received_at-month"), "1")
    h.press_continue(tab, "request")
    assert h.current_view(tab) == "purpose"
    assert not tab.js("document.title").startswith("Error: ")
    tab.click(h.sel("back", page="purpose"))
    h.wait_view(tab, "request")
    assert tab.value(h.sel("control", name="request_received_at")) == "15"
    assert tab.count("#q-request .govuk-form-group--error") == 0


def test_with_no_network_once_the_service_worker_is_active(tab: EnginePage, own_site: OwnSite) -> None:
    base = own_site.base
    h.open_helper(tab, base)
    # The page says when its offline copy is ready (and only then is it).
    tab.wait_until("() => document.documentElement.dataset.offline === 'ready'", timeout=120,
                   what="the offline copy")
    assert tab.visible(h.sel("offline_note"))

    count, total = h.downloaded(tab)
    assert count == total > 0, f"the progress counted {count:,} of {total:,} bytes"

    own_site.stop()  # no network from here on
    tab.reload()
    assert h.wait_settled(tab) == "ready", h.failure_text(tab)
    assert tab.js("Boolean(navigator.serviceWorker.controller)")
    # From the copy too, the progress counts every byte of the build's total.
    count, total = h.downloaded(tab)
    assert count == total > 0, f"from the offline copy the progress counted {count:,} of {total:,} bytes"
    token = uuid.uuid4().hex[:10]
    answers = {**answers_for("no_purpose"), "case_reference": f"OFF-{token}"}
    h.answer_questions(tab, answers)
    h.to_check(tab)
    h.create_record(tab)
    files = h.download_all(tab)
    record = json.loads(files["json"][1])
    assert record["recommendation"]["code"] == "no_purpose"
    assert record["answers"]["case_reference"] == f"OFF-{token}"
    # Another page of the site opens too.
    tab.goto(base + "privacy/")
    assert "Privacy" in tab.text("h1")
