"""What the 2024 advice and current law change in the decision (the site's pages on them:
docs/sharing-without-consent.md and docs/changes-in-the-law.md): a risk to an adult alone,
a perceived risk to a child, chain question 5, sharing below the threshold for services, the
prompt to talk to the safeguarding lead."""

from __future__ import annotations

from typing import Any

import pytest
from infoshare import OUTCOMES, departs, followed, path, recommend

CHAIN = {"urgency": "no", "purpose_clear": "yes", "personal_data": "yes"}
CONFIDENTIAL_NO_CONSENT = {**CHAIN, "confidential": "yes", "consent": "refused"}
CHILD_RULE = ("consent is not needed", "2024 advice, rule 3", "perceived risk")


def _text(answers: dict[str, Any]) -> str:
    rec = recommend(answers)
    return " ".join([rec.title, rec.summary, *rec.reasons]).lower()


@pytest.mark.parametrize("answers", [
    {**CHAIN, "risk_of_harm": "adult", "confidential": "no", "consent": "refused"},
    {**CHAIN, "risk_of_harm": "adult", "confidential": "yes", "consent": "given"},
])
def test_a_risk_to_an_adult_alone_has_its_own_outcome_without_the_child_rule(
        answers: dict[str, Any]) -> None:
    rec = recommend(answers)
    assert rec.code == "share_adult_at_risk"
    text = _text(answers)
    assert not any(words in text for words in CHILD_RULE)
    assert "adult safeguarding procedures" in text and "lawful basis" in text
    if answers["consent"] != "given":
        assert "good reason, such as where safety may be at risk (2015 advice, rule 4)" in text
    assert recommend({**answers, "risk_of_harm": "yes"}).code == "share_risk_of_harm"


def test_the_child_outcome_cites_the_2024_consent_rule_for_a_child_only() -> None:
    text = _text({**CONFIDENTIAL_NO_CONSENT, "risk_of_harm": "yes"})
    assert "consent is not needed to share where a child is at risk" in text
    assert "2024 advice, rule 3" in text
    assert "someone's safety" not in text


@pytest.mark.parametrize("other_basis", ["legal_duty", "public_interest", "duty_to_share", "no",
                                         "not_sure"])
def test_a_risk_to_an_adult_with_confidential_information_goes_through_question_5(
        other_basis: str) -> None:
    answers = {**CONFIDENTIAL_NO_CONSENT, "risk_of_harm": "adult", "other_basis": other_basis}
    assert "other_basis" in path(answers)
    text = _text(answers)
    assert "adult" in text and not any(words in text for words in CHILD_RULE)


@pytest.mark.parametrize(("decision", "departure"), [
    ("share_all", False), ("share_part", False), ("seeking_advice", False),
    ("do_not_share", True),
])
def test_sharing_while_unsure_about_harm_follows_the_guidance(decision: str,
                                                              departure: bool) -> None:
    answers = {**CHAIN, "risk_of_harm": "not_sure", "confidential": "no", "consent": "given",
               "decision": decision}
    assert recommend(answers).code == "seek_advice"
    assert followed(answers) is not departure and departs(answers) is departure
    assert ("departure" in path(answers)) is departure


@pytest.mark.parametrize("risk", ["yes", "not_sure"])
def test_seeking_advice_must_not_delay_protecting_a_child_whenever_harm_is_possible(
        risk: str) -> None:
    answers = {**CHAIN, "risk_of_harm": risk, "confidential": "not_sure"}
    rec = recommend(answers)
    assert rec.code == "seek_advice"
    assert ("Do not let seeking advice delay action to protect a child. Follow your "
            "safeguarding procedures.") in rec.reasons
    assert 5 in rec.rules


@pytest.mark.parametrize("risk", ["no", "adult"])
def test_no_delay_line_when_no_child_may_be_at_risk(risk: str) -> None:
    rec = recommend({**CHAIN, "risk_of_harm": risk, "confidential": "not_sure"})
    assert not any("delay" in r for r in rec.reasons)


@pytest.mark.parametrize(("answers", "asked"), [
    ({**CONFIDENTIAL_NO_CONSENT, "risk_of_harm": "no"}, True),
    ({**CONFIDENTIAL_NO_CONSENT, "risk_of_harm": "adult"}, True),
    ({**CONFIDENTIAL_NO_CONSENT, "risk_of_harm": "no", "consent": "not_sought",
      "consent_not_sought_reason": "not_right_basis"}, True),
    ({**CONFIDENTIAL_NO_CONSENT, "risk_of_harm": "no", "consent": "not_yet_asked"}, True),
    ({**CONFIDENTIAL_NO_CONSENT, "risk_of_harm": "yes"}, False),
    ({**CONFIDENTIAL_NO_CONSENT, "risk_of_harm": "not_sure"}, False),
    ({**CONFIDENTIAL_NO_CONSENT, "risk_of_harm": "no", "consent": "given"}, False),
    ({**CONFIDENTIAL_NO_CONSENT, "risk_of_harm": "no", "confidential": "no"}, False),
    ({**CONFIDENTIAL_NO_CONSENT, "risk_of_harm": "no", "confidential": "not_sure"}, False),
    ({**CONFIDENTIAL_NO_CONSENT, "risk_of_harm": "no", "urgency": "yes"}, False),
    ({**CONFIDENTIAL_NO_CONSENT, "risk_of_harm": "no", "personal_data": "no"}, False),
])
def test_question_5_is_asked_for_confidential_information_without_consent_or_a_child_at_risk(
        answers: dict[str, Any], asked: bool) -> None:
    pages = path(answers)
    assert ("other_basis" in pages) is asked
    if asked:
        # Straight after consent and the views of those it is about.
        views = "adult_views" if answers["risk_of_harm"] == "adult" else "views"
        assert pages.index("other_basis") == pages.index(views) + 1 == pages.index("consent") + 2


@pytest.mark.parametrize(("other_basis", "code", "follow", "holds"), [
    ("law_requires", "share_legal_duty", {"share_all", "share_part"},
     "section 47 of the children act 1989"),
    # A law that only allows sharing leaves a judgement: every decision, with its reasons.
    ("law_allows", "weigh_law_allows", {"share_all", "share_part", "do_not_share",
                                        "seeking_advice"},
     "a law that allows sharing is not a duty to share"),
    ("public_interest", "share_public_interest", {"share_all", "share_part"},
     "overriding public interest"),
    # Not confirmed in force (infoshare.commencement): sharing under it is a departure.
    ("duty_to_share", "share_duty_to_share", {"do_not_share", "seeking_advice"},
     "only once it has come into force"),
    ("no", "do_not_share_or_seek_advice", {"do_not_share", "seeking_advice"},
     "no other basis to share without consent"),
    ("not_sure", "seek_advice", {"seeking_advice"}, "not sure whether there is another basis"),
])
def test_each_answer_to_question_5_leads_to_its_next_step(
        other_basis: str, code: str, follow: set[str], holds: str) -> None:
    """Share, do not share, or seek advice; any other decision asks why it departs."""
    answers = {**CONFIDENTIAL_NO_CONSENT, "risk_of_harm": "no", "other_basis": other_basis}
    assert recommend(answers).code == code
    assert holds in _text(answers)
    for decision in ("share_all", "share_part", "do_not_share", "seeking_advice"):
        chosen = {**answers, "decision": decision}
        assert followed(chosen) is (decision in follow), decision
        assert ("departure" in path(chosen)) is (decision not in follow), decision


def test_the_duty_to_share_is_never_said_to_be_in_force() -> None:
    for text in (_text({**CONFIDENTIAL_NO_CONSENT, "risk_of_harm": "no",
                        "other_basis": "duty_to_share"}),
                 OUTCOMES["share_duty_to_share"].summary.lower()):
        assert "check" in text
        assert "is in force" not in text.replace("only if it is in force", "")


@pytest.mark.parametrize(("answers", "line"), [
    ({**CHAIN, "risk_of_harm": "no", "child_needs_help": "yes", "confidential": "no"}, True),
    ({**CONFIDENTIAL_NO_CONSENT, "risk_of_harm": "no", "child_needs_help": "yes",
      "other_basis": "no"}, True),
    ({**CHAIN, "risk_of_harm": "no", "child_needs_help": "no", "confidential": "no"}, False),
    # Left over from a changed mind: the follow-up is asked only when there is no risk.
    ({**CHAIN, "risk_of_harm": "yes", "child_needs_help": "yes", "confidential": "no"}, False),
])
def test_below_the_threshold_for_services_sharing_may_still_be_necessary(
        answers: dict[str, Any], line: bool) -> None:
    text = _text(answers)
    assert ("section 17 of the children act 1989" in text) is line
    if line:
        assert "may be necessary to share, with a lawful basis" in text


@pytest.mark.parametrize(("risk", "advice", "shown"), [
    ("yes", "no", True), ("yes", "yes", False), ("not_sure", "no", False),
    ("no", "no", False), ("adult", "no", False), ("yes", "", False),
])
def test_a_prompt_to_talk_to_the_safeguarding_lead_asks_nothing_and_blocks_nothing(
        risk: str, advice: str, shown: bool) -> None:
    answers = {**CHAIN, "risk_of_harm": risk, "confidential": "no", "advice_sought": advice,
               "decision": "share_all"}
    rec = recommend(answers)
    assert [p.code for p in rec.prompts] == (["talk_to_dsl"] if shown else [])
    # The prompt changes neither the outcome nor whether the decision follows it.
    without = {k: v for k, v in answers.items() if k != "advice_sought"}
    assert rec.code == recommend(without).code and followed(answers) == followed(without)
    assert path(answers) == path(without)


def test_every_reason_citing_an_edition_names_it() -> None:
    """Rule numbers differ between editions: a reason that cites a rule says whose."""
    samples = [
        {**CHAIN, "risk_of_harm": "yes", "confidential": "yes", "consent": "refused"},
        {**CHAIN, "risk_of_harm": "not_sure"},
        {**CHAIN, "risk_of_harm": "adult", "confidential": "no"},
        {**CONFIDENTIAL_NO_CONSENT, "risk_of_harm": "no", "other_basis": "not_sure"},
    ]
    for answers in samples:
        for reason in recommend(answers).reasons:
            if "rule" in reason:
                assert "(2024 advice, rule" in reason or "(2015 advice, rule" in reason, reason
