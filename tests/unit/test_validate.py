"""Validation: every problem at once, tied to its field, GOV.UK wording."""

from __future__ import annotations

from typing import Any

import pytest
from infoshare import FIELDS, seal, validate_answers, validate_page
from infoshare.dates import parse_now
from infoshare.questions import PAGE_IDS, page

NOW = parse_now("2026-01-15T16:30:00+00:00")


def messages(answers: dict[str, Any]) -> dict[str | None, str]:
    return {p.field: p.message for p in validate_answers(answers, NOW)}


def test_example_is_valid(example_answers: dict[str, Any]) -> None:
    assert validate_answers(example_answers, NOW) == []


@pytest.mark.parametrize("name", [
    "urgency", "case_reference", "request_source", "requester_name", "request_received_at",
    "purpose_clear", "purpose", "personal_data", "risk_of_harm", "confidential", "consent",
    "views", "decision", "lawful_basis", "special_category", "art9_condition",
    "schedule1_substantial_public_interest", "para18_reason",
    "criminal_offence_data", "confidence_justification", "shared_facts", "recipient_name",
    "recipient_role", "recipient_organisation", "shared_how", "shared_at",
    "necessary_proportionate", "identities_protected", "identities_details", "principles",
    "told", "not_told_reason", "advice_sought", "advice_from", "advice_at", "advice_given",
    "reasons", "decision_maker_name", "decision_maker_role", "decision_maker_organisation",
    "decided_at", "consent_not_sought_reason", "recorded_by_decision_maker",
])
def test_each_required_field_missing_gives_its_message(
        example_answers: dict[str, Any], name: str) -> None:
    answers = {k: v for k, v in example_answers.items() if k != name}
    assert messages(answers).get(name) == FIELDS[name].missing


def test_whitespace_only_counts_as_missing(example_answers: dict[str, Any]) -> None:
    example_answers["reasons"] = "  \n\t "
    assert messages(example_answers) == {"reasons": "Enter the reasons for your decision"}


def test_all_problems_at_once() -> None:
    problems = validate_answers({}, NOW)
    assert len(problems) == len({p.field for p in problems}) > 10
    assert problems[0].field == "urgency"


def test_optional_fields_may_be_empty(example_answers: dict[str, Any]) -> None:
    for name in ("review_date", "statutory_gateway", "shared_opinions", "consent_details"):
        example_answers.pop(name, None)
    assert messages(example_answers) == {}


@pytest.mark.parametrize(("value", "parts"), [
    ("2026-02-30", ["day", "month", "year"]), ("2026-13-01", ["month"]),
    ("31/01/2026", ["day", "month", "year"]), ("20260131", ["day", "month", "year"]),
    ("2026-1-5", ["day", "month", "year"]), ("tomorrow", ["day", "month", "year"]),
    ("0999-01-01", ["year"]),
])
def test_a_review_date_in_a_file_must_be_real(example_answers: dict[str, Any], value: str,
                                              parts: list[str]) -> None:
    example_answers["review_date"] = value
    assert [p.to_dict() for p in validate_answers(example_answers, NOW)] == [
        {"field": "review_date", "message": "Review date must be a real date", "parts": parts}]


def test_review_date_may_be_the_day_of_the_decision(example_answers: dict[str, Any]) -> None:
    example_answers["review_date"] = "2026-01-15"  # decided 15 January 2026 at 15:30
    assert messages(example_answers) == {}


def test_review_date_not_before_decision(example_answers: dict[str, Any]) -> None:
    example_answers["review_date"] = "2026-01-14"
    assert messages(example_answers) == {
        "review_date": "Review date must be the same as or after the date the decision was made"}


@pytest.mark.parametrize(("value", "message"), [
    ("2026-01-32T10:00", "Date the decision was made must be a real date"),
    ("2026-01-15 10:00", "Date the decision was made must be a real date"),
    ("2026-01-15T25:00", "Time the decision was made must be a real time"),
    ("2026-01-15", "Date the decision was made must be a real date"),
    ("10:00", "Date the decision was made must be a real date"),
])
def test_a_time_in_a_file_must_be_real(example_answers: dict[str, Any], value: str,
                                       message: str) -> None:
    example_answers["decided_at"] = value
    assert messages(example_answers) == {"decided_at": message}


def test_times_with_offsets_are_accepted(example_answers: dict[str, Any]) -> None:
    example_answers["decided_at"] = "2026-01-15T15:30:00+00:00"
    example_answers["advice_at"] = "2026-01-15T11:15Z"
    assert messages(example_answers) == {}


def test_decision_time_in_the_future(example_answers: dict[str, Any]) -> None:
    example_answers["decided_at"] = "2026-01-16T09:00"
    assert [p.to_dict() for p in validate_answers(example_answers, NOW)] == [{
        "field": "decided_at", "message": "Date the decision was made must be today or in the past",
        "parts": ["day", "month", "year"]}]
    example_answers["decided_at"] = "2026-01-15T17:00"  # today, half an hour after NOW
    assert [p.to_dict() for p in validate_answers(example_answers, NOW)] == [{
        "field": "decided_at", "message": "Time the decision was made must be in the past",
        "parts": ["hour", "minute"]}]


@pytest.mark.parametrize(("name", "message"), [
    ("advice_at", "Time advice was given must be in the past"),
    ("request_received_at", "Time you received the request must be in the past"),
])
def test_other_times_in_the_future(example_answers: dict[str, Any], name: str,
                                   message: str) -> None:
    example_answers[name] = "2026-01-15T17:00"  # half an hour after NOW
    if name == "request_received_at":
        example_answers["decided_at"] = "2026-01-15T16:30"
    found = messages(example_answers)
    assert found[name] == message
    example_answers[name] = "2026-01-15T16:34"  # within a browser clock's slack
    assert name not in messages(example_answers)


def test_decision_before_request(example_answers: dict[str, Any]) -> None:
    example_answers["decided_at"] = "2026-01-15T08:00"  # the request came at 09:40
    assert [p.to_dict() for p in validate_answers(example_answers, NOW)] == [{
        "field": "decided_at",
        "message": "Time the decision was made must be after the time you received the request",
        "parts": ["hour", "minute"]}]
    example_answers["decided_at"] = "2026-01-14T16:00"
    assert [p.to_dict() for p in validate_answers(example_answers, NOW)] == [{
        "field": "decided_at",
        "message": "Date the decision was made must be the same as or after the date you "
                   "received the request",
        "parts": ["day", "month", "year"]}]


def test_departure_without_reason(example_answers: dict[str, Any]) -> None:
    example_answers["decision"] = "do_not_share"
    assert messages(example_answers) == {"departure_reason": (
        "Enter why you have decided differently from what the guidance points to")}
    example_answers["departure_reason"] = "The risk has passed: the child is now safe."
    assert messages(example_answers) == {}


def test_unknown_option_values(example_answers: dict[str, Any]) -> None:
    example_answers["principles"] = ["necessary", "bogus"]
    assert messages(example_answers)["principles"].startswith("Confirm")
    example_answers["decision"] = "share_everything"
    assert messages(example_answers)["decision"] == "Select your decision"


def test_every_principle_must_be_confirmed(example_answers: dict[str, Any]) -> None:
    example_answers["principles"] = ["necessary", "relevant"]
    assert list(messages(example_answers)) == ["principles"]


SCHEDULE_1_ANSWERS = ("schedule1_social_protection", "schedule1_substantial_public_interest",
                      "para18_reason", "schedule1_other", "schedule1_health_social_care")


def _with_article_9(answers: dict[str, Any], condition: str, **schedule: Any) -> dict[str, Any]:
    kept = {k: v for k, v in answers.items() if k not in SCHEDULE_1_ANSWERS}
    return {**kept, "art9_condition": condition, **schedule}


@pytest.mark.parametrize(("condition", "field", "message", "answer"), [
    ("social_protection", "schedule1_social_protection",
     "Confirm the Schedule 1 Part 1 paragraph 1 condition, or choose another Article 9 condition",
     {"schedule1_social_protection": ["part1_para1"]}),
    ("substantial_public_interest", "schedule1_substantial_public_interest",
     "Select the Schedule 1 Part 2 condition you rely on",
     {"schedule1_substantial_public_interest": "para_18", "para18_reason": "cannot_give"}),
    ("health_social_care", "schedule1_health_social_care",
     "Confirm the Schedule 1 Part 1 paragraph 2 condition, or choose another Article 9 condition",
     {"schedule1_health_social_care": ["part1_para2"]}),
])
def test_a_schedule_1_condition_is_required_where_the_law_requires_one(
        example_answers: dict[str, Any], condition: str, field: str, message: str,
        answer: dict[str, Any]) -> None:
    """DPA 2018 s.10: Article 9(2)(b) and (h) need their Part 1 condition, (g) one in Part 2."""
    assert messages(_with_article_9(example_answers, condition)) == {field: message}
    assert messages(_with_article_9(example_answers, condition, **answer)) == {}


@pytest.mark.parametrize(("condition", "wrong"), [
    # Paragraph 18 is a Part 2 condition: it cannot stand for (b) or (h).
    ("social_protection", {"schedule1_social_protection": ["para_18"]}),
    ("health_social_care", {"schedule1_health_social_care": ["part1_para1"]}),
    ("substantial_public_interest", {"schedule1_substantial_public_interest": "part1_para2"}),
])
def test_only_the_schedule_1_conditions_that_fit_are_accepted(
        example_answers: dict[str, Any], condition: str, wrong: dict[str, Any]) -> None:
    assert list(messages(_with_article_9(example_answers, condition, **wrong))) == list(wrong)


@pytest.mark.parametrize("condition", ["vital_interests", "explicit_consent"])
def test_article_9_conditions_that_need_no_schedule_1_condition(
        example_answers: dict[str, Any], condition: str) -> None:
    example_answers.update(consent="given")
    del example_answers["consent_not_sought_reason"]
    # A Schedule 1 answer left over from another Article 9 choice is neither asked nor kept.
    answers = _with_article_9(example_answers, condition,
                              schedule1_health_social_care=["part1_para2"])
    assert messages(answers) == {}
    record, problems = seal(answers, NOW)
    assert problems == [] and record is not None
    assert not set(SCHEDULE_1_ANSWERS) & set(record["answers"])


@pytest.mark.parametrize(("choice", "field", "message"), [
    ({"schedule1_substantial_public_interest": "para_18"}, "para18_reason",
     "Select why you are sharing without consent under paragraph 18"),
    ({"schedule1_substantial_public_interest": "other"}, "schedule1_other",
     "Enter the Schedule 1 Part 2 condition you rely on"),
])
def test_paragraph_18_asks_why_without_consent_and_another_condition_asks_which(
        example_answers: dict[str, Any], choice: dict[str, str], field: str,
        message: str) -> None:
    answers = _with_article_9(example_answers, "substantial_public_interest", **choice)
    assert messages(answers) == {field: message}


@pytest.mark.parametrize("reason", ["cannot_give", "cannot_obtain", "would_prejudice"])
def test_paragraph_18_has_three_reasons(example_answers: dict[str, Any], reason: str) -> None:
    answers = _with_article_9(example_answers, "substantial_public_interest",
                              schedule1_substantial_public_interest="para_18",
                              para18_reason=reason)
    assert messages(answers) == {}


def test_explicit_consent_contradicts_no_consent(example_answers: dict[str, Any]) -> None:
    assert messages(_with_article_9(example_answers, "explicit_consent")) == {
        "art9_condition": "Select an Article 9 condition other than explicit consent, because "
                          "you said you do not have consent to share"}


def test_criminal_offence_data_needs_article_10(example_answers: dict[str, Any]) -> None:
    example_answers["criminal_offence_data"] = "yes"
    assert messages(example_answers) == {
        "art10_condition": "Enter your Article 10 condition for criminal offence data"}


@pytest.mark.parametrize("char", ["\x00", "\x07", "\x1b", "\x7f", "\x85", "\ud800", "\u2028"])
def test_control_characters_are_refused(example_answers: dict[str, Any], char: str) -> None:
    example_answers["reasons"] = f"Before{char}after"
    assert messages(example_answers) == {
        "reasons": "Reasons for your decision must not include hidden control characters"}


def test_tabs_newlines_and_bidi_marks_are_allowed(example_answers: dict[str, Any]) -> None:
    example_answers["reasons"] = "Line one\n\tLine two \u200f\u202e"
    assert messages(example_answers) == {}


def test_length_limits(example_answers: dict[str, Any]) -> None:
    example_answers["case_reference"] = "x" * 201
    example_answers["reasons"] = "x" * 20_001
    assert messages(example_answers) == {
        "case_reference": "Case reference must be 200 characters or fewer",
        "reasons": "Reasons for your decision must be 20,000 characters or fewer",
    }


@pytest.mark.parametrize(("name", "limit"), [
    ("case_reference", 200), ("requester_name", 200), ("advice_from", 200),
    ("reasons", 20_000), ("shared_facts", 20_000), ("views", 20_000),
])
def test_each_limit_is_exact(example_answers: dict[str, Any], name: str, limit: int) -> None:
    example_answers[name] = "x" * limit
    assert messages(example_answers) == {}
    example_answers[name] = "x" * (limit + 1)
    assert messages(example_answers) == {
        name: f"{FIELDS[name].noun} must be {limit:,} characters or fewer"}


def test_fields_off_the_path_are_ignored(example_answers: dict[str, Any]) -> None:
    example_answers["request_source"] = "own_initiative"
    example_answers["request_received_at"] = "nonsense"
    example_answers["departure_reason"] = "\x00"
    assert messages(example_answers) == {}


def test_page_validation_sees_only_its_page() -> None:
    assert [p.field for p in validate_page("request", {"request_source": "asked"})] == [
        "requester_name", "requester_role", "requester_organisation", "request_received_at"]
    assert [p.field for p in validate_page("case_reference", {})] == ["case_reference"]
    assert validate_page("urgency", {"urgency": "no"}) == []
    with pytest.raises(KeyError):
        page("nope")


def test_bad_types_never_raise() -> None:
    weird: dict[str, Any] = {"urgency": ["yes"], "reasons": 5, "principles": "necessary",
                             "decided_at": {"x": 1}}
    validate_answers(weird, NOW)
    weird |= {"decided_at-day": ["1"], "decided_at-month": 5, "review_date-year": None}
    validate_answers(weird, NOW)
    for p in PAGE_IDS:
        validate_page(p, weird, now=NOW)
