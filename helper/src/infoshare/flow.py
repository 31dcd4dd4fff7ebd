"""The decision flow: which pages a decision visits, and what the guidance points to.

The chain follows decision-flow.md: urgency first (an emergency needs action,
not questions), then the published chain of questions (purpose, personal data,
risk of harm, confidentiality, consent), then the decision and the record.
A "not sure" answer does not end the chain: the practitioner still records what
they know, and the recommendation is to seek advice.
"""

from __future__ import annotations

from collections.abc import Mapping

from .answers import get
from .outcomes import OUTCOMES, SHARE_DECISIONS, Recommendation
from .questions import PAGE_IDS, page_of

__all__ = ["departs", "followed", "is_emergency", "next_page", "path", "recommend"]

# The questions whose "not sure" sends the practitioner to seek advice.
_CHAIN = ("purpose_clear", "personal_data", "risk_of_harm", "confidential")

_NOT_SURE_REASON = {
    "purpose_clear": "You are not sure whether there is a clear and legitimate purpose to share.",
    "personal_data": "You are not sure whether the information could identify a living person.",
    "risk_of_harm": "You are not sure whether a child is at risk of harm or someone's safety "
                    "is at risk.",
    "confidential": "You are not sure whether the information is confidential.",
}


def is_emergency(answers: Mapping[str, object]) -> bool:
    return get(answers, "urgency") == "yes"


def _chain_pages(answers: Mapping[str, object]) -> list[str]:
    if is_emergency(answers):
        # In an emergency the chain's answer is already known (share what is
        # necessary now); the record still says whether there was consent.
        return ["consent"]
    if get(answers, "purpose_clear") == "no":
        return []
    pages = ["personal_data"]
    if get(answers, "personal_data") != "no":
        pages += ["risk_of_harm", "confidential", "consent"]
    return pages


def _asked(answers: Mapping[str, object]) -> list[str]:
    """The chain questions on this decision's path, in order.

    An answer left over from a changed mind (say "not sure" about
    confidentiality, before personal data was changed to "no") must not steer
    the recommendation: the record keeps only answers on the path, and what it
    says the guidance pointed to must follow from them.
    """
    if is_emergency(answers):
        return []
    on_path = {"purpose", *_chain_pages(answers)}
    return [name for name in _CHAIN if page_of(name).id in on_path]


def _involves_personal_data(answers: Mapping[str, object]) -> bool:
    # Unanswered counts as personal data: the safe assumption for a lawful basis.
    return is_emergency(answers) or get(answers, "personal_data") != "no"


def _shared_without_consent_in_confidence(answers: Mapping[str, object]) -> bool:
    return (
        not is_emergency(answers)
        and get(answers, "confidential") == "yes"
        and get(answers, "consent") != "given"
    )


def path(answers: Mapping[str, object]) -> list[str]:
    """The ids of the pages this decision visits, in order, given the answers so far."""
    pages = ["urgency", "request", "purpose", *_chain_pages(answers), "decision"]
    if departs(answers):
        pages.append("departure")
    if get(answers, "decision") in SHARE_DECISIONS:
        if _involves_personal_data(answers):
            pages.append("lawful_basis")
            if _shared_without_consent_in_confidence(answers):
                pages.append("confidence")
        pages.append("sharing")
        if _involves_personal_data(answers):
            pages.append("telling")
    pages += ["advice", "reasons", "decision_maker"]
    return pages


def next_page(current: str, answers: Mapping[str, object]) -> str:
    """The page after `current` on this decision's path, or "outcome" at the end."""
    pages = path(answers)
    if current in pages:
        later = pages[pages.index(current) + 1:]
    else:
        # A page the answers have since taken off the path: carry on from
        # where it sits in the overall order.
        position = PAGE_IDS.index(current) if current in PAGE_IDS else -1
        later = [p for p in pages if PAGE_IDS.index(p) > position]
    return later[0] if later else "outcome"


def _code(answers: Mapping[str, object]) -> str:
    if is_emergency(answers):
        return "emergency"
    if get(answers, "purpose_clear") == "no":
        return "no_purpose"
    if any(get(answers, name) == "not_sure" for name in _asked(answers)):
        return "seek_advice"
    if get(answers, "personal_data") == "no":
        return "not_personal_data"
    if get(answers, "risk_of_harm") == "yes":
        return "share_risk_of_harm"
    if get(answers, "confidential") == "no":
        return "share_not_confidential"
    if get(answers, "consent") == "given":
        return "share_with_consent"
    return "do_not_share_or_seek_advice"


def _reasons(code: str, answers: Mapping[str, object]) -> tuple[list[str], list[int]]:
    consent = get(answers, "consent")
    if code == "emergency":
        return [
            "You said a child is in immediate danger or at risk of significant harm right now.",
            ("In an emergency, share what is necessary and proportionate without delay: not "
            "sharing can do more harm than sharing."),
            ("Follow your child protection procedures: contact children's social care, or call "
            "999 if a child is in immediate danger."),
            "Complete this record as soon as you can afterwards, with the time you shared.",
        ], [1, 5, 6, 7]
    if code == "no_purpose":
        return [
            "You said there is no clear and legitimate purpose for you or your agency to share.",
            "Information should be shared only when it is necessary for a purpose.",
            "Record your decision and the reasons for it, even though you are not sharing.",
        ], [6, 7]
    if code == "seek_advice":
        asked = _asked(answers)
        reasons = [_NOT_SURE_REASON[n] for n in asked if get(answers, n) == "not_sure"]
        reasons.append(
            "Ask your designated safeguarding lead, information governance lead, Caldicott "
            "guardian or manager, without identifying the person where you can."
        )
        rules = [3, 7]
        if "risk_of_harm" in asked and get(answers, "risk_of_harm") == "yes":
            reasons.append(
                "You also said there is a risk of harm: do not let seeking advice delay action "
                "to protect a child. Follow your safeguarding procedures."
            )
            rules = [3, 5, 7]
        return reasons, rules
    if code == "not_personal_data":
        return [
            ("You said the information could not identify a living person, on its own or with "
            "other information."),
            ("Check this carefully: in a small community, details such as an age, a school or a "
            "street can be enough to identify a child."),
            "Share only what is needed, accurately and securely.",
        ], [1, 6, 7]
    if code == "share_risk_of_harm":
        reasons = [
            ("You said there is a concern that a child is suffering or likely to suffer harm, "
            "or that someone's safety is at risk."),
            ("Consent is not needed to share where a child is at risk of harm, but you need a "
            "lawful basis under UK GDPR Article 6, and an Article 9 condition for special "
            "category data."),
            "Follow your organisation's safeguarding procedures without delay.",
        ]
        if consent == "refused":
            reasons.append(
                "Consent was refused. Respect their wishes where you can, but a risk to safety "
                "can justify sharing without consent."
            )
        reasons.append(
            "Tell the person you are sharing, unless that could create or increase a risk of harm."
        )
        return reasons, [1, 2, 4, 5, 6, 7]
    if code == "share_not_confidential":
        return [
            "You said the information is not confidential.",
            ("You still need a lawful basis under UK GDPR Article 6, and an Article 9 condition "
            "for special category data."),
            "Be open with the person about what you share, unless that is unsafe or inappropriate.",
        ], [1, 2, 6, 7]
    if code == "share_with_consent":
        return [
            "You said you have consent to share.",
            ("Consent is often not the right lawful basis for a public body: choose the basis "
            "that fits, such as public task."),
            "The person might not expect everything to be shared: share only what is necessary.",
        ], [1, 2, 4, 6, 7]
    reasons = ["You said the information is confidential."]
    reasons.append({
        "refused": "Consent was refused: respect their wishes where you can.",
        "not_yet_asked": "You have not asked for consent yet. Seek their agreement unless it "
                         "is unsafe or inappropriate to do so.",
    }.get(consent, "You do not have consent to share."))
    reasons += [
        "You did not identify a risk to a child or to anyone's safety.",
        ("If you believe there is another basis to share, such as an overriding public interest "
        "or a legal duty, seek advice and record it."),
    ]
    return reasons, [2, 3, 4, 7]


def recommend(answers: Mapping[str, object]) -> Recommendation:
    """What the guidance points to for these answers, with the reasons and rules behind it."""
    code = _code(answers)
    outcome = OUTCOMES[code]
    reasons, rules = _reasons(code, answers)
    return Recommendation(code, outcome.title, outcome.summary, tuple(reasons), tuple(rules))


_SHARING = frozenset({"share_all", "share_part"})


def followed(answers: Mapping[str, object]) -> bool:
    """Whether the decision is one the recommendation points to (False if not yet decided)."""
    code = _code(answers)
    decision = get(answers, "decision")
    if (code == "seek_advice" and decision in _SHARING
            and "risk_of_harm" in _asked(answers) and get(answers, "risk_of_harm") == "yes"):
        # Doubt must not delay protecting a child (rule 5; the ICO's emergency advice):
        # where there is a risk of harm, sharing while advice is sought follows the guidance.
        return True
    return decision in OUTCOMES[code].consistent


def departs(answers: Mapping[str, object]) -> bool:
    """A decision has been made and it is not what the guidance points to."""
    return get(answers, "decision") != "" and not followed(answers)
