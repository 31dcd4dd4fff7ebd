"""The engine: next page, path and recommendation for answers so far."""

from __future__ import annotations

from typing import Any

import pytest
from infoshare import departs, followed, next_page, path, recommend
from infoshare.flow import is_emergency


def test_empty_answers_start_at_urgency_and_visit_the_chain() -> None:
    assert path({}) == ["urgency", "case_reference", "request", "purpose", "personal_data",
                        "risk_of_harm", "confidential", "consent", "views", "decision", "advice",
                        "reasons", "decision_maker", "recorder", "decision_time"]
    assert next_page("urgency", {}) == "case_reference"
    assert next_page("decision_maker", {}) == "recorder"
    assert next_page("decision_time", {}) == "outcome"


def test_sharing_asks_one_thing_per_page_in_order() -> None:
    answers = {"urgency": "no", "purpose_clear": "yes", "personal_data": "yes",
               "risk_of_harm": "yes", "confidential": "yes", "consent": "refused",
               "decision": "share_all", "special_category": "yes", "art9_condition":
               "substantial_public_interest"}
    assert path(answers)[path(answers).index("decision") + 1:] == [
        "lawful_basis", "special_category", "article_9", "schedule_1_part_2",
        "criminal_offence", "confidence", "sharing", "recipient", "how_shared", "identities",
        "principles", "telling", "advice", "reasons", "decision_maker", "recorder",
        "decision_time"]


def test_a_record_made_while_seeking_advice_does_not_ask_who_decided() -> None:
    assert "recorder" not in path({"decision": "seeking_advice"})
    assert "recorder" in path({"decision": "do_not_share"})


def test_next_page_from_a_page_no_longer_on_the_path() -> None:
    answers = {"purpose_clear": "no"}
    assert "risk_of_harm" not in path(answers)
    assert next_page("risk_of_harm", answers) == "decision"
    assert next_page("not-a-page", answers) == "urgency"


@pytest.mark.parametrize(("answers", "code"), [
    ({"urgency": "yes", "purpose_clear": "no"}, "emergency"),
    ({"purpose_clear": "no", "personal_data": "not_sure"}, "no_purpose"),
    ({"purpose_clear": "not_sure"}, "seek_advice"),
    ({"purpose_clear": "yes", "personal_data": "not_sure"}, "seek_advice"),
    ({"purpose_clear": "yes", "personal_data": "yes", "risk_of_harm": "yes",
      "confidential": "not_sure"}, "seek_advice"),
    ({"purpose_clear": "yes", "personal_data": "no"}, "not_personal_data"),
    ({"purpose_clear": "yes", "personal_data": "yes", "risk_of_harm": "yes",
      "confidential": "yes", "consent": "refused"}, "share_risk_of_harm"),
    ({"purpose_clear": "yes", "personal_data": "yes", "risk_of_harm": "no",
      "confidential": "no"}, "share_not_confidential"),
    ({"purpose_clear": "yes", "personal_data": "yes", "risk_of_harm": "no",
      "confidential": "yes", "consent": "given"}, "share_with_consent"),
    ({"purpose_clear": "yes", "personal_data": "yes", "risk_of_harm": "no",
      "confidential": "yes", "consent": "refused"}, "do_not_share_or_seek_advice"),
    ({"purpose_clear": "yes", "personal_data": "yes", "risk_of_harm": "no",
      "confidential": "yes", "consent": "not_yet_asked"}, "do_not_share_or_seek_advice"),
])
def test_recommendation_codes(answers: dict[str, Any], code: str) -> None:
    rec = recommend(answers)
    assert rec.code == code
    assert rec.reasons and all(r.endswith(".") for r in rec.reasons)
    assert rec.rules and list(rec.rules) == sorted(set(rec.rules))
    assert 7 in rec.rules  # every outcome asks for a record


def test_risk_of_harm_while_unsure_warns_not_to_delay() -> None:
    rec = recommend({"purpose_clear": "yes", "personal_data": "yes", "risk_of_harm": "yes",
                     "confidential": "not_sure"})
    assert rec.code == "seek_advice" and 5 in rec.rules
    assert any("delay" in r for r in rec.reasons)


def test_departure_adds_the_departure_page() -> None:
    answers = {"urgency": "no", "purpose_clear": "no", "decision": "share_all"}
    assert departs(answers) and not followed(answers)
    pages = path(answers)
    assert pages.index("departure") == pages.index("decision") + 1
    assert "lawful_basis" in pages  # personal data not ruled out, so a lawful basis is needed
    assert not departs({"purpose_clear": "no"})  # no decision yet is not a departure


def test_emergency_skips_the_chain_but_records_consent() -> None:
    answers = {"urgency": "yes", "decision": "share_all"}
    assert is_emergency(answers)
    pages = path(answers)
    assert "consent" in pages and "risk_of_harm" not in pages and "confidence" not in pages
    assert pages[-11:] == ["sharing", "recipient", "how_shared", "identities", "principles",
                           "telling", "advice", "reasons", "decision_maker", "recorder",
                           "decision_time"]


def test_recommendation_to_dict_shape() -> None:
    data = recommend({}).to_dict()
    assert set(data) == {"code", "title", "summary", "reasons", "rules", "prompts"}
