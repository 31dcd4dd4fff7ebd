"""Checks that span fields or pages: times against the present and each other, consent against the basis."""

from __future__ import annotations

import json
from datetime import datetime

import pytest

STEP_NOW = "2026-11-25T12:00:00+00:00"
REQUEST = {"urgency": "no", "case_reference": "AB-1", "request_source": "asked",
           "requester_name": "Sam", "requester_role": "Social worker",
           "requester_organisation": "Council"}


@pytest.mark.parametrize(
    ("page_id", "answers", "field", "message"),
    [
        ("request", {**REQUEST, "request_received_at": "2030-01-01T09:00"},
         "request_received_at", "Date you received the request must be today or in the past"),
        ("decision_time", {**REQUEST, "request_received_at": "2026-11-20T09:00",
                           "decided_at": "2026-11-19T09:00"},
         "decided_at", "must be the same as or after the date you received the request"),
        # Typed in boxes, as the page sends them.
        ("decision_time", {**REQUEST, "request_received_at": "2026-11-20T09:00",
                           "decided_at-day": "20", "decided_at-month": "11",
                           "decided_at-year": "2026", "decided_at-hour": "8",
                           "decided_at-minute": "59"},
         "decided_at", "Time the decision was made must be after the time you received the request"),
        ("how_shared", {**REQUEST, "request_received_at": "2026-11-20T09:00",
                        "shared_how": "phone", "shared_at-day": "19", "shared_at-month": "11",
                        "shared_at-year": "2026", "shared_at-hour": "9", "shared_at-minute": "0"},
         "shared_at", "Date of sharing must be the same as or after the date you received the request"),
        ("request", {**REQUEST, "request_received_at-day": "25",
                     "request_received_at-month": "11", "request_received_at-year": "2026",
                     "request_received_at-hour": "12", "request_received_at-minute": "30"},
         "request_received_at", "Time you received the request must be in the past"),
    ],
)
def test_step_checks_dates_against_now_where_they_are_typed(
    page_id: str, answers: dict[str, str], field: str, message: str
) -> None:
    from infoshare.bridge import call

    with_now = json.loads(call(json.dumps({"op": "step", "page": page_id, "answers": answers,
                                           "now": STEP_NOW})))
    assert with_now["ok"] is True
    assert any(e["field"] == field and message in e["message"] for e in with_now["errors"])
    # Without the current time the step still answers, checking only what it can.
    without = json.loads(call(json.dumps({"op": "step", "page": page_id, "answers": answers})))
    assert not any(e["field"] == field and message in e["message"] for e in without["errors"])


def test_step_with_a_malformed_now_is_a_clear_error() -> None:
    from infoshare.bridge import call

    reply = json.loads(call(json.dumps({"op": "step", "page": "request", "answers": REQUEST,
                                        "now": "yesterday"})))
    assert reply["ok"] is False and "ISO 8601" in reply["errors"][0]["message"]


def test_sharing_before_the_request_arrived_is_questioned() -> None:
    from infoshare.example import ANSWERS
    from infoshare.validate import validate_answers

    now = datetime.fromisoformat("2026-02-01T12:00:00+00:00")
    assert validate_answers(ANSWERS, now) == []
    early = {**ANSWERS, "shared_at": "2025-03-10T10:00"}
    problems = validate_answers(early, now)
    assert [(p.field, p.message) for p in problems] == [
        ("shared_at",
         "Date of sharing must be the same as or after the date you received the request")]
    same_day = {**ANSWERS, "shared_at": "2026-01-15T09:00"}  # the request came at 09:40
    assert [p.to_dict() for p in validate_answers(same_day, now)] == [{
        "field": "shared_at",
        "message": "Time of sharing must be after the time you received the request",
        "parts": ["hour", "minute"]}]


@pytest.mark.parametrize(
    ("consent", "contradicts"),
    [("given", False), ("refused", True), ("not_sought", True), ("not_yet_asked", True)],
)
def test_consent_as_lawful_basis_must_match_the_consent_answer(consent: str, contradicts: bool) -> None:
    from infoshare.validate import validate_page

    answers = {"consent": consent, "lawful_basis": "consent", "special_category": "no",
               "criminal_offence_data": "no"}
    problems = validate_page("lawful_basis", answers)
    flagged = any(p.field == "lawful_basis" and "other than consent" in p.message for p in problems)
    assert flagged is contradicts
