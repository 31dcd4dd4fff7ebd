"""Who is asked about, and who is told: an adult's case is not asked for a child's views
nor told the rule about children, a household with children is not sent down the adult
route, the record can say some were told and others not, paragraph 18's reasons agree with
what was said about consent, and the time of sharing is typed, never filled in as now."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest
from infoshare import path, recommend, render_all, seal, validate_page
from infoshare.contract import contract
from infoshare.questions import FIELDS, page

from .conftest import load_case

CHAIN = {"urgency": "no", "purpose_clear": "yes", "personal_data": "yes"}
CHILD_WORDS = ("child", "children")
CHILD_RULE = "consent is not needed to share where a child is at risk"


def _words(*texts: str | None) -> str:
    return " ".join(t for t in texts if t).lower()


# ---- whose views --------------------------------------------------------------------------


@pytest.mark.parametrize(("answers", "views"), [
    ({**CHAIN, "risk_of_harm": "yes"}, "views"),
    ({**CHAIN, "risk_of_harm": "no"}, "views"),
    ({**CHAIN, "risk_of_harm": "not_sure"}, "views"),
    ({**CHAIN, "risk_of_harm": "adult"}, "adult_views"),
    ({**CHAIN}, "views"),
    # An emergency is about a child, whatever was answered before the urgency changed.
    ({**CHAIN, "urgency": "yes", "risk_of_harm": "adult"}, "views"),
    # Hostile or garbled answers are not an adult-only case.
    ({**CHAIN, "risk_of_harm": "ADULT"}, "views"),
    ({**CHAIN, "risk_of_harm": " adult"}, "views"),
    ({**CHAIN, "risk_of_harm": ["adult"]}, "views"),
])
def test_the_views_asked_for_follow_who_is_at_risk(answers: dict[str, Any], views: str) -> None:
    pages = path(answers)
    other = "adult_views" if views == "views" else "views"
    assert views in pages and other not in pages
    assert pages.index(views) == pages.index("consent") + 1


def test_an_adult_case_is_not_asked_for_a_childs_views_nor_told_the_child_rule() -> None:
    adult = page("adult_views")
    text = _words(adult.title, adult.hint, *(_words(f.label, f.hint, f.statement)
                                            for f in adult.fields))
    assert "views of the child" not in text and "child or family" not in text
    assert CHILD_RULE not in text
    # The consent page, which every path visits, carries no rule about children either.
    consent = page("consent")
    consent_text = _words(consent.title, consent.hint,
                          *(_words(f.label, f.hint) for f in consent.fields))
    assert not any(word in consent_text.split() for word in CHILD_WORDS)
    assert CHILD_RULE not in consent_text
    # The child's page keeps both.
    child = page("views")
    assert "views of the child or family" in _words(child.title)
    assert CHILD_RULE in _words(child.hint)


def test_the_adult_route_does_not_take_households_with_children() -> None:
    options = {o.value: o for o in FIELDS["risk_of_harm"].options}
    adult_hint = (options["adult"].hint or "").lower()
    assert "parent at risk of domestic abuse" not in adult_hint
    assert "domestic abuse in a household with children" in adult_hint
    assert "choose the first answer" in adult_hint
    child_hint = (options["yes"].hint or "").lower()
    assert "sees, hears or experiences the effects of domestic abuse" in child_hint
    assert "victim of it in their own right" in child_hint


@pytest.mark.parametrize("case", ["adult_at_risk", "adult_at_risk_confidential"])
def test_an_adult_outcome_reminds_that_a_child_who_sees_abuse_is_at_risk(case: str) -> None:
    reasons = " ".join(recommend(load_case(case)["answers"]).reasons)
    assert "Domestic Abuse Act 2021, section 3" in reasons
    assert "Children Act 1989, section 31(9)" in reasons
    assert "change your answer to say a child is at risk" in reasons


def test_the_adult_case_records_the_adults_views() -> None:
    case = load_case("adult_at_risk")
    record, problems = seal(case["answers"], datetime.fromisoformat(case["now"]))
    assert problems == [] and record is not None
    assert "views" not in record["answers"] and record["answers"]["adult_views"]
    txt = render_all(record)["txt"]
    assert "Views of the adult at risk: " in txt and "Views of the child or family" not in txt


def test_an_adult_case_without_the_adults_views_says_so() -> None:
    answers = {**CHAIN, "risk_of_harm": "adult", "views": "Typed under the child's question."}
    problems = validate_page("adult_views", answers)
    assert [(p.field, p.message) for p in problems] == [
        ("adult_views", "Enter the views of the adult, or say why you do not know them")]


# ---- who is told --------------------------------------------------------------------------


def test_the_record_can_say_the_child_was_told_but_the_parents_were_not() -> None:
    case = load_case("told_some")
    record, problems = seal(case["answers"], datetime.fromisoformat(case["now"]))
    assert problems == [] and record is not None
    txt = render_all(record)["txt"]
    assert "I have told some of them, but not all" in txt
    assert "Who was told, who was not, and why: The child knows we are sharing." in txt
    # Told some, without saying who: refused with its own message.
    answers = {"told": "told_some"}
    assert [(p.field, p.message) for p in validate_page("telling", answers)] == [
        ("told_who", "Enter who you have told, who you have not told, and why")]
    # The follow-up is asked only for that answer.
    for told in ("told", "will_tell", "not_told"):
        assert "told_who" not in {p.field for p in validate_page("telling", {"told": told})}


@pytest.mark.parametrize(("consent", "reason", "refused"), [
    ("refused", "would_prejudice", "consent was refused"),
    ("given", "would_prejudice", "consent was given"),
    ("not_sought", "would_prejudice", None),
    ("not_yet_asked", "would_prejudice", None),
    ("refused", "cannot_obtain", None),
    ("refused", "cannot_give", None),
    ("", "would_prejudice", None),
])
def test_paragraph_18_asking_would_prejudice_is_cross_checked_against_consent(
        consent: str, reason: str, refused: str | None) -> None:
    answers = {"consent": consent, "schedule1_substantial_public_interest": "para_18",
               "para18_reason": reason}
    problems = [p for p in validate_page("schedule_1_part_2", answers) if p.field == "para18_reason"]
    if refused is None:
        assert problems == []
    else:
        assert [p.message for p in problems] == [(
            "Select a reason other than asking for consent would prejudice the protection, "
            f"because you said {refused}")]


# ---- the time of sharing --------------------------------------------------------------------


def test_the_time_of_sharing_is_typed_not_filled_in_as_now() -> None:
    fields = {f["name"]: f for p in contract()["pages"] for f in p["fields"]}
    assert fields["shared_at"]["now_button"] is False
    assert "not the time you are making this record" in fields["shared_at"]["hint"]
    # The decision's time keeps its button: a decision is usually recorded as it is made.
    assert fields["decided_at"]["now_button"] is True


def test_an_emergency_record_keeps_the_time_of_sharing_as_typed() -> None:
    case = load_case("emergency")
    record, problems = seal(case["answers"], datetime.fromisoformat(case["now"]))
    assert problems == [] and record is not None
    shared = datetime.fromisoformat(record["answers"]["shared_at"])
    assert shared < datetime.fromisoformat(record["created"])
