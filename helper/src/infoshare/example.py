"""A complete, valid example decision: shown by `infoshare example`, used by tests.

Fictional throughout; the case reference is initials and a number, as the
helper asks practitioners to use.
"""

from __future__ import annotations

from . import dates
from .answers import Answers
from .record import Record
from .seal import seal

__all__ = ["ANSWERS", "NOW", "SITE", "record"]

NOW = "2026-01-15T16:30:00+00:00"
# The site the example says it was made on (example.org is reserved for examples).
SITE = {"name": "Example Safeguarding Children Partnership",
        "url": "https://example.org/information-sharing/"}

ANSWERS: Answers = {
    "urgency": "no",
    "case_reference": "AB-2026-014",
    "request_source": "asked",
    "requester_name": "Sam Patel",
    "requester_role": "Social worker",
    "requester_organisation": "Children's social care, Example Council",
    "request_received_at": "2026-01-15T09:40",
    "purpose_clear": "yes",
    "purpose": "To help children's social care assess whether the child is suffering, or is "
               "likely to suffer, significant harm (Children Act 1989 section 47 enquiry).",
    "personal_data": "yes",
    "risk_of_harm": "yes",
    "confidential": "yes",
    "consent": "not_sought",
    "consent_not_sought_reason": "increase_risk",
    "views": "The child has said they do not want their father told. Their mother's views are "
             "not known.",
    "decision": "share_part",
    "lawful_basis": "public_task",
    "statutory_gateway": "Children Act 1989 section 47; Children Act 2004 section 11",
    "special_category": "yes",
    "art9_condition": "substantial_public_interest",
    "schedule1_substantial_public_interest": "para_18",
    "para18_reason": "would_prejudice",
    "criminal_offence_data": "no",
    "confidence_justification": "There is an overriding public interest in protecting the "
                                "child from significant harm.",
    "shared_facts": "Attendance record for the autumn term (78%).\n"
                    "Two disclosures by the child on 12 and 14 January 2026, recorded verbatim.",
    "shared_opinions": "The class teacher's view that the child has seemed withdrawn since "
                       "November.",
    "recipient_name": "Sam Patel",
    "recipient_role": "Social worker",
    "recipient_organisation": "Children's social care, Example Council",
    "shared_how": "secure_email",
    "shared_at": "2026-01-15T16:00",
    "necessary_proportionate": "Only the attendance record and the two disclosures bear on the "
                               "enquiry; the child's wider school file is not shared.",
    "identities_protected": "yes",
    "identities_details": "The name of the classmate who reported the first concern is withheld.",
    "principles": ["necessary", "relevant", "adequate", "accurate", "timely", "secure"],
    "told": "not_told",
    "not_told_reason": "Telling the father could increase the risk of harm to the child; "
                       "children's social care will decide when and how the family is told.",
    "advice_sought": "yes",
    "advice_from": "Designated safeguarding lead",
    "advice_at": "2026-01-15T11:15",
    "advice_given": "Share the attendance record and the disclosures today; do not tell the "
                    "father; withhold the classmate's name.",
    "reasons": "The disclosures suggest the child may be suffering significant harm. Social "
               "care needs them to decide on an enquiry, and delay could leave the child at risk.",
    "decision_maker_name": "Jo Evans",
    "decision_maker_role": "Head of year and deputy designated safeguarding lead",
    "decision_maker_organisation": "Example Academy",
    "recorded_by_decision_maker": "yes",
    "decided_at": "2026-01-15T15:30",
    "review_date": "2026-02-15",
}


def record() -> Record:
    """The example, sealed at NOW; raises if the example has drifted out of validity."""
    sealed, problems = seal(ANSWERS, dates.parse_now(NOW), site=SITE)
    if sealed is None:
        raise ValueError(f"the example record is not valid: {problems}")
    return sealed
