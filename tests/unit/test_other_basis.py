"""Question 5, another basis to share without consent: a law that requires sharing is not
one that only allows it, and the duty to share counts only once it is confirmed in force."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from infoshare import departs, followed, path, recommend, seal, validate_page
from infoshare.commencement import DUTY_TO_SHARE, Commencement, duty_to_share_status
from infoshare.outcomes import duty_to_share_outcome
from infoshare.questions import FIELDS, offered
from infoshare.seal import record_problems

from .conftest import load_case

NO_BASIS_YET = {"urgency": "no", "purpose_clear": "yes", "personal_data": "yes",
                "risk_of_harm": "no", "confidential": "yes", "consent": "refused"}
DECISIONS = ("share_all", "share_part", "do_not_share", "seeking_advice")


def _text(answers: dict[str, Any]) -> str:
    rec = recommend(answers)
    return " ".join([rec.title, rec.summary, *rec.reasons]).lower()


# ---- a law that allows sharing, such as a police request citing the crime exemption ----


def test_a_police_request_citing_the_crime_exemption_is_a_judgement_not_a_duty() -> None:
    answers = {**NO_BASIS_YET, "other_basis": "law_allows"}
    rec = recommend(answers)
    assert rec.code == "weigh_law_allows"
    text = _text(answers)
    # Never "share what the law requires": nothing here requires it.
    assert "what the law requires" not in text and "requires you to share" not in text
    assert "does not require" in text and "the decision is yours" in text
    assert "schedule 2, paragraph 2" in text
    # The judgement, with its reasons: necessity, proportionality, confidence.
    for words in ("necessary and proportionate", "public interest", "duty of confidence",
                  "record your reasons whatever you decide"):
        assert words in text, words
    assert 3 in rec.rules and 7 in rec.rules


@pytest.mark.parametrize("decision", DECISIONS)
def test_every_decision_on_a_permissive_law_follows_the_guidance(decision: str) -> None:
    """Sharing and not sharing can both be right; neither is recorded as a departure."""
    answers = {**NO_BASIS_YET, "other_basis": "law_allows", "decision": decision}
    assert followed(answers) and not departs(answers)
    assert "departure" not in path(answers)
    # Sharing confidential information without consent still asks why it is justified.
    assert ("confidence" in path(answers)) is (decision in ("share_all", "share_part"))


def test_a_law_that_requires_sharing_still_says_share_what_it_requires() -> None:
    answers = {**NO_BASIS_YET, "other_basis": "law_requires"}
    assert recommend(answers).code == "share_legal_duty"
    assert recommend(answers).title == "Share what the law requires, with a lawful basis"
    assert "court order" in _text(answers) and "section 47" in _text(answers)
    assert followed({**answers, "decision": "do_not_share"}) is False


def test_the_two_laws_are_told_apart_where_the_question_is_asked() -> None:
    options = {o.value: o for o in offered(FIELDS["other_basis"])}
    assert {"law_requires", "law_allows"} <= set(options)
    assert "requires" in options["law_requires"].label
    assert "allows" in options["law_allows"].label and "does not" in options["law_allows"].label
    assert "police request" in (options["law_allows"].hint or "")
    # The version 2 answer that ran the two together is no longer offered.
    assert "legal_duty" not in options


@pytest.mark.parametrize("value", ["legal_duty", "law allows", "LAW_ALLOWS", "", "\u202elaw_allows"])
def test_an_answer_the_questions_do_not_offer_is_refused(value: str) -> None:
    problems = validate_page("other_basis", {**NO_BASIS_YET, "other_basis": value})
    assert [p.field for p in problems] == ["other_basis"]


# ---- the duty to share, while its commencement is not confirmed --------------------------


def test_the_setting_says_the_duty_is_not_confirmed_in_force() -> None:
    assert DUTY_TO_SHARE.in_force is False and DUTY_TO_SHARE.applies() is False
    assert DUTY_TO_SHARE.checked_on == date(2026, 12, 5)


@pytest.mark.parametrize(("decision", "follows"), [
    ("share_all", False), ("share_part", False), ("do_not_share", True),
    ("seeking_advice", True),
])
def test_sharing_under_a_duty_not_in_force_is_a_departure(decision: str, follows: bool) -> None:
    answers = {**NO_BASIS_YET, "other_basis": "duty_to_share", "decision": decision}
    assert followed(answers) is follows
    # A departure asks why.
    assert ("departure" in path(answers)) is not follows


def test_the_wording_says_why_sharing_under_it_is_a_departure() -> None:
    text = _text({**NO_BASIS_YET, "other_basis": "duty_to_share"})
    assert "not been confirmed" in text and "5 december 2026" in text
    assert "departure from the guidance" in text and "no basis to share" in text
    hint = next(o.hint for o in FIELDS["other_basis"].options if o.value == "duty_to_share")
    assert duty_to_share_status() in (hint or "")


def test_the_case_of_sharing_under_the_duty_records_a_departure_with_its_reason() -> None:
    case = load_case("duty_to_share_then_shared")
    record, problems = seal(case["answers"], datetime.fromisoformat(case["now"]))
    assert problems == [] and record is not None
    assert record["recommendation"]["followed"] is False
    assert record["answers"]["departure_reason"]
    # Without the reason the record cannot be made.
    without = {k: v for k, v in case["answers"].items() if k != "departure_reason"}
    _, problems = seal(without, datetime.fromisoformat(case["now"]))
    assert [p.field for p in problems] == ["departure_reason"]


CONFIRMED = Commencement(checked_on=date(2027, 3, 1), in_force=True,
                         in_force_from=date(2027, 2, 1),
                         citation="The Children's Wellbeing and Schools Act 2026 "
                                  "(Commencement No. 9) Regulations 2027",
                         confirmed_on=date(2027, 3, 1))


@pytest.mark.parametrize(("setting", "sealed_at", "applies"), [
    (DUTY_TO_SHARE, datetime.fromisoformat("2030-01-01T12:00:00+00:00"), False),
    (CONFIRMED, datetime.fromisoformat("2027-02-28T23:59:00+00:00"), False),
    (CONFIRMED, datetime.fromisoformat("2027-03-01T00:00:00+00:00"), True),
    (CONFIRMED, date(2027, 6, 1), True),
    # In force but not yet recorded, or recorded without its start: not relied on.
    (CONFIRMED._replace(confirmed_on=None), date(2027, 6, 1), False),
    (CONFIRMED._replace(in_force_from=None), date(2027, 6, 1), False),
])
def test_the_duty_applies_only_once_confirmed_and_only_to_records_sealed_after(
        setting: Commencement, sealed_at: date | datetime, applies: bool) -> None:
    assert setting.applies(sealed_at) is applies


def test_once_confirmed_the_same_setting_changes_every_sentence_about_the_duty() -> None:
    status = duty_to_share_status(CONFIRMED)
    assert status.startswith("It has been in force since 1 February 2027")
    assert "Commencement No. 9" in status
    outcome = duty_to_share_outcome(CONFIRMED)
    assert "share_all" in outcome.consistent and "do_not_share" not in outcome.consistent
    assert "not been confirmed" not in outcome.summary
    assert duty_to_share_outcome().consistent == frozenset({"do_not_share", "seeking_advice"})


def test_records_keep_the_judgement_they_were_sealed_with_when_the_setting_changes(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A record sealed before commencement was confirmed still validates after, and one
    sealed after it counts sharing under the duty as following the guidance."""
    import infoshare.commencement

    case = load_case("duty_to_share_then_shared")
    before, _ = seal(case["answers"], datetime.fromisoformat(case["now"]))
    assert before is not None and before["recommendation"]["followed"] is False
    # Confirmed yesterday, after the case was sealed (the journey's pages are worked out
    # with the clock's date, so the setting is placed against it).
    now = datetime.now(UTC)
    yesterday = now.date() - timedelta(days=1)
    confirmed = CONFIRMED._replace(confirmed_on=yesterday,
                                   in_force_from=yesterday - timedelta(days=10))
    assert confirmed.confirmed_on is not None
    assert datetime.fromisoformat(case["now"]).date() < confirmed.confirmed_on
    # The one setting: the journey, the record and its check all read it.
    monkeypatch.setattr(infoshare.commencement, "DUTY_TO_SHARE", confirmed)
    assert record_problems(before) == []
    later = {k: v for k, v in case["answers"].items() if k != "departure_reason"}
    after, problems = seal(later, now)
    assert problems == [] and after is not None
    assert after["recommendation"]["followed"] is True and record_problems(after) == []
    # The judgement cannot be claimed the other way round.
    after["recommendation"]["followed"] = False
    assert record_problems(after)
