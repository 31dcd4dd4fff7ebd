"""Where Continue goes, after a change from the check page, in an emergency, and where a
re-opened draft carries on (infoshare.navigation)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from infoshare import call, flow
from infoshare.navigation import ACT_NOW, CHECK, next_step, resume_page

from .conftest import load_case

FULL = load_case("share_risk_of_harm")["answers"]


def ask(**request: Any) -> dict[str, Any]:
    response: dict[str, Any] = json.loads(call(json.dumps(request)))
    return response


@pytest.mark.parametrize(("current", "answers", "completed", "returning", "expected"), [
    # Not returning: simply the next page on the path.
    ("request", FULL, [], False, ("purpose", None)),
    # Returning from the check page with everything answered: back to the check page.
    ("purpose", FULL, flow.path(FULL), True, (CHECK, None)),
    # A change that puts a new page on the path leads through it first.
    # (No risk and no consent: question 5, "another basis to share?", joins the path.)
    ("confidential", {**FULL, "risk_of_harm": "no", "child_needs_help": "no", "consent": "refused"},
     flow.path(FULL), True, ("other_basis", None)),
    # Emergency: the "act now" page first, then where the answer leads.
    ("urgency", {"urgency": "yes"}, [], False, (ACT_NOW, "case_reference")),
    ("urgency", {"urgency": "no"}, [], False, ("case_reference", None)),
    ("urgency", {**FULL, "urgency": "yes"}, flow.path(FULL), True, (ACT_NOW, CHECK)),
])
def test_next_step(current: str, answers: dict[str, Any], completed: list[str], returning: bool,
                   expected: tuple[str, str | None]) -> None:
    assert tuple(next_step(current, answers, completed, returning=returning)) == expected


def test_step_op_carries_the_interruption_and_where_it_leads() -> None:
    reply = ask(op="step", page="urgency", answers={"urgency": "yes"})
    assert reply == {"ok": True, "errors": [], "next": ACT_NOW, "then": "case_reference"}
    reply = ask(op="step", page="urgency", answers={"urgency": "no"})
    assert "then" not in reply and reply["next"] == "case_reference"


def test_step_op_ignores_malformed_navigation_fields() -> None:
    reply = ask(op="step", page="request", answers=FULL, completed="all", returning="yes")
    assert reply["ok"] is True and reply["next"] == "purpose"


@pytest.mark.parametrize(("drop", "expected"), [
    ([], CHECK),
    (["purpose"], "purpose"),
    (["reasons", "decided_at"], "reasons"),
    (["decided_at"], "decision_time"),
    (["recorded_by_decision_maker"], "recorder"),
    (["case_reference"], "case_reference"),
])
def test_a_draft_resumes_at_its_first_unanswered_page(drop: list[str], expected: str) -> None:
    answers = {k: v for k, v in FULL.items() if k not in drop}
    assert resume_page(answers) == expected
    draft = json.dumps({"format": "infoshare-draft", "version": 1, "answers": answers})
    assert ask(op="open", text=draft)["resume"] == expected


def test_an_empty_draft_starts_at_the_first_question() -> None:
    assert resume_page({}) == "urgency"


def test_a_draft_with_a_date_half_typed_resumes_at_its_page() -> None:
    answers = {k: v for k, v in FULL.items() if k != "decided_at"}
    answers |= {"decided_at-day": "25", "decided_at-month": "11", "decided_at-year": "2026"}
    assert resume_page(answers) == "decision_time"
    answers |= {"decided_at-hour": "13", "decided_at-minute": "45"}
    assert resume_page(answers) == CHECK
