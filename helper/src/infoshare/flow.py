"""The decision flow: which pages a decision visits, and what the guidance points to.

The chain follows decision-flow.md: urgency first (an emergency needs action,
not questions), then the published chain of questions (purpose, personal data,
risk of harm, confidentiality, consent, and, for confidential information
shared without consent where no child is at risk, whether there is another
basis to share), then the decision and the record. A "not sure" answer does
not end the chain: the practitioner still records what they know, and the
recommendation is to seek advice.

Rule numbers in `rules` are the site's rule pages (the 2015 advice's numbering);
a reason that cites another edition says so, as in "2024 advice, rule 3".
"""

from __future__ import annotations

from collections.abc import Mapping

from .answers import get
from .outcomes import OUTCOMES, PROMPTS, SHARE_DECISIONS, Prompt, Recommendation
from .questions import PAGE_IDS, SCHEDULE_1_PAGES, page_of

__all__ = [
    "asks_other_basis",
    "departs",
    "followed",
    "is_emergency",
    "next_page",
    "path",
    "prompts",
    "recommend",
]

# The questions whose "not sure" sends the practitioner to seek advice.
_CHAIN = ("purpose_clear", "personal_data", "risk_of_harm", "confidential", "other_basis")

_NOT_SURE_REASON = {
    "purpose_clear": "You are not sure whether there is a clear and legitimate purpose to share.",
    "personal_data": "You are not sure whether the information could identify a living person.",
    "risk_of_harm": "You are not sure whether a child, or an adult, is at risk of harm.",
    "confidential": "You are not sure whether the information is confidential.",
    "other_basis": "You are not sure whether there is another basis to share the information "
                   "without consent.",
}

_WITHOUT_CONSENT = frozenset({"refused", "not_sought", "not_yet_asked"})
# Answers to "is there a risk of harm" that say no child is at risk.
_NO_CHILD_AT_RISK = frozenset({"no", "adult"})
_SHARING = SHARE_DECISIONS
_SEEKING_ADVICE = "seeking_advice"

_SEEK_ADVICE_FROM = (
    "Seek advice promptly from your designated safeguarding lead, information governance lead, "
    "Caldicott guardian or manager, without identifying the person where you can (2024 advice, "
    "rule 4)."
)
_LAWFUL_BASIS = (
    "You still need a lawful basis under UK GDPR Article 6, and an Article 9 condition for "
    "special category data."
)
_TELL = "Tell the person you are sharing, unless that could create or increase a risk of harm."
# For a risk to an adult alone: the child consent rule (2024 advice, rule 3) does not apply.
_GOOD_REASON = (
    "Seek their agreement where it is safe to. The 2015 advice allows sharing without consent "
    "where there is good reason, such as where safety may be at risk (2015 advice, rule 4)."
)
_ADULT_PROCEDURES = (
    "Follow your organisation's adult safeguarding procedures. Enquiries under section 42 of "
    "the Care Act 2014 apply to an adult with care and support needs."
)


def is_emergency(answers: Mapping[str, object]) -> bool:
    return get(answers, "urgency") == "yes"


def asks_other_basis(answers: Mapping[str, object]) -> bool:
    """Chain question 5 is asked: the information is confidential, there is no consent, and
    no child is at risk of harm (an emergency asks no chain questions)."""
    return (
        not is_emergency(answers)
        and get(answers, "confidential") == "yes"
        and get(answers, "consent") in _WITHOUT_CONSENT
        and get(answers, "risk_of_harm") in _NO_CHILD_AT_RISK
    )


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
        if asks_other_basis(answers):
            pages.append("other_basis")
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


def _answer(answers: Mapping[str, object], name: str) -> str:
    """A chain answer, or "" when its question is not on the path."""
    return get(answers, name) if name in _asked(answers) else ""


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
    pages = ["urgency", "case_reference", "request", "purpose", *_chain_pages(answers),
             "decision"]
    if departs(answers):
        pages.append("departure")
    if get(answers, "decision") in SHARE_DECISIONS:
        if _involves_personal_data(answers):
            pages += ["lawful_basis", "special_category"]
            if get(answers, "special_category") == "yes":
                pages.append("article_9")
                own_page = SCHEDULE_1_PAGES.get(get(answers, "art9_condition"))
                if own_page is not None:
                    pages.append(own_page)
            pages.append("criminal_offence")
            if _shared_without_consent_in_confidence(answers):
                pages.append("confidence")
        pages += ["sharing", "recipient", "how_shared", "identities", "principles"]
        if _involves_personal_data(answers):
            pages.append("telling")
    pages += ["advice", "reasons", "decision_maker"]
    # A record made while seeking advice records no decision yet: the person recording
    # it is the one named, so whether they made the decision is not asked.
    if get(answers, "decision") != _SEEKING_ADVICE:
        pages.append("recorder")
    pages.append("decision_time")
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


_OTHER_BASIS_CODES = {
    "legal_duty": "share_legal_duty",
    "public_interest": "share_public_interest",
    "duty_to_share": "share_duty_to_share",
}


def _code(answers: Mapping[str, object]) -> str:
    if is_emergency(answers):
        return "emergency"
    if get(answers, "purpose_clear") == "no":
        return "no_purpose"
    if any(get(answers, name) == "not_sure" for name in _asked(answers)):
        return "seek_advice"
    if get(answers, "personal_data") == "no":
        return "not_personal_data"
    risk = get(answers, "risk_of_harm")
    if risk == "yes":
        return "share_risk_of_harm"
    if get(answers, "confidential") == "no" or get(answers, "consent") == "given":
        if risk == "adult":
            return "share_adult_at_risk"
        return "share_not_confidential" if get(answers, "confidential") == "no" else (
            "share_with_consent")
    return _OTHER_BASIS_CODES.get(_answer(answers, "other_basis"), "do_not_share_or_seek_advice")


def _below_threshold(answers: Mapping[str, object]) -> list[str]:
    """A child may need help although no one is at risk of harm (2024 advice)."""
    if _answer(answers, "risk_of_harm") != "no" or get(answers, "child_needs_help") != "yes":
        return []
    return [(
        "You said a child may need help or support. The 2024 advice says it may be necessary "
        "to share, with a lawful basis, even where the threshold for services, such as for a "
        "child in need under section 17 of the Children Act 1989, has not been reached."
    )]


def _adult(answers: Mapping[str, object]) -> list[str]:
    """What a risk to an adult alone adds to an outcome reached through question 5."""
    if _answer(answers, "risk_of_harm") != "adult":
        return []
    return ["You said an adult is at risk of harm, and that no child is.", _ADULT_PROCEDURES]


def _consent_line(answers: Mapping[str, object]) -> str:
    consent = get(answers, "consent")
    if consent == "refused":
        return "Consent was refused: respect their wishes where you can."
    if consent == "not_yet_asked":
        return ("You have not asked for consent yet. Seek their agreement unless it is unsafe "
                "or inappropriate to do so.")
    if consent == "not_sought" and get(answers, "consent_not_sought_reason") == "not_right_basis":
        return ("You did not seek consent because it is not the right basis for this sharing. "
                "That does not by itself justify setting aside the duty of confidence.")
    return "You do not have consent to share."


def _seek_advice_reasons(answers: Mapping[str, object]) -> tuple[list[str], list[int]]:
    asked = _asked(answers)
    reasons = [_NOT_SURE_REASON[n] for n in asked if get(answers, n) == "not_sure"]
    reasons.append(_SEEK_ADVICE_FROM)
    rules = [3, 7]
    risk = _answer(answers, "risk_of_harm")
    if risk in ("yes", "not_sure"):
        if risk == "not_sure":
            reasons.append(
                "The 2024 advice says consent is not needed to share where a child is at risk, "
                "or perceived risk, of harm (2024 advice, rule 3). Being unsure whether a child "
                "is at risk is not a reason to wait."
            )
        else:
            reasons.append("You also said a child is at risk of harm.")
        reasons += [
            ("Do not let seeking advice delay action to protect a child. Follow your "
             "safeguarding procedures."),
            ("Sharing what is necessary while you seek advice follows the guidance. You still "
             "need a lawful basis."),
        ]
        rules = [3, 4, 5, 7]
    return reasons + _adult(answers) + _below_threshold(answers), rules


# What each outcome says, and the rules it cites (the site's rule pages).
_Reasons = tuple[list[str], list[int]]


def _emergency(_answers: Mapping[str, object]) -> _Reasons:
    return [
        "You said a child is in immediate danger or at risk of significant harm right now.",
        ("In an emergency, share what is necessary and proportionate without delay: not "
         "sharing can do more harm than sharing."),
        ("Follow your child protection procedures: contact children's social care, or call "
         "999 if a child is in immediate danger."),
        "Complete this record as soon as you can afterwards, with the time you shared.",
    ], [1, 5, 6, 7]


def _no_purpose(_answers: Mapping[str, object]) -> _Reasons:
    return [
        "You said there is no clear and legitimate purpose for you or your agency to share.",
        "Information should be shared only when it is necessary for a purpose.",
        "Record your decision and the reasons for it, even though you are not sharing.",
    ], [6, 7]


def _not_personal_data(_answers: Mapping[str, object]) -> _Reasons:
    return [
        ("You said the information could not identify a living person, on its own or with "
         "other information."),
        ("Check this carefully: in a small community, details such as an age, a school or a "
         "street can be enough to identify a child."),
        "Share only what is needed, accurately and securely.",
    ], [1, 6, 7]


def _share_risk_of_harm(answers: Mapping[str, object]) -> _Reasons:
    reasons = [
        "You said there is a concern that a child is suffering, or is likely to suffer, harm.",
        ("The 2024 advice says consent is not needed to share where a child is at risk, or "
         "perceived risk, of harm, but you need a lawful basis under UK GDPR Article 6, and "
         "an Article 9 condition for special category data (2024 advice, rule 3)."),
        "Follow your organisation's safeguarding procedures without delay.",
    ]
    if get(answers, "consent") == "refused":
        reasons.append(
            "Consent was refused. You do not need consent to share to protect a child at "
            "risk of harm, but record their wishes and take them into account."
        )
    return [*reasons, _TELL], [1, 2, 4, 5, 6, 7]


def _share_adult_at_risk(answers: Mapping[str, object]) -> _Reasons:
    reasons = ["You said an adult is at risk of harm, and that no child is."]
    if get(answers, "consent") == "given":
        reasons.append("You have their consent to share.")
    else:
        reasons += ["You said the information is not confidential.", _GOOD_REASON]
    return [*reasons, _ADULT_PROCEDURES, _LAWFUL_BASIS, _TELL], [1, 2, 4, 5, 6, 7]


def _share_not_confidential(answers: Mapping[str, object]) -> _Reasons:
    return [
        "You said the information is not confidential.",
        *_below_threshold(answers),
        _LAWFUL_BASIS,
        "Be open with the person about what you share, unless that is unsafe or inappropriate.",
    ], [1, 2, 6, 7]


def _share_with_consent(answers: Mapping[str, object]) -> _Reasons:
    return [
        "You said you have consent to share.",
        *_below_threshold(answers),
        ("Consent is often not the right lawful basis for a public body: choose the basis "
         "that fits, such as public task."),
        "The person might not expect everything to be shared: share only what is necessary.",
    ], [1, 2, 4, 6, 7]


def _without_consent(answers: Mapping[str, object], basis: tuple[str, ...], then: tuple[str, ...]) -> list[str]:
    """Confidential information, no consent, and the basis question 5 found: the basis,
    what a risk to an adult and a child who may need help add, then what to do."""
    return ["You said the information is confidential.", _consent_line(answers), *basis,
            *_adult(answers), *_below_threshold(answers), *then]


def _share_legal_duty(answers: Mapping[str, object]) -> _Reasons:
    return _without_consent(
        answers,
        (
            ("You said there is a legal duty or a statutory request to share, such as a court "
             "order or an enquiry under section 47 of the Children Act 1989."),
            ("Confidential information may be shared without consent where the law requires it. "
             "Share what the duty or request requires, and no more."),
        ),
        (
            ("You need a lawful basis under UK GDPR Article 6, usually legal obligation or public "
             "task. Record the duty or request you rely on."),
            _TELL,
        ),
    ), [1, 2, 4, 6, 7]


def _share_public_interest(answers: Mapping[str, object]) -> _Reasons:
    return _without_consent(
        answers,
        (
            ("You judge that there is an overriding public interest in sharing, such as "
             "protecting someone from serious harm."),
            ("The duty of confidence can be set aside where the public interest in sharing "
             "outweighs it. Weigh the likely impact of sharing and of not sharing, and share only "
             "what is necessary and proportionate."),
        ),
        (
            ("You need a lawful basis under UK GDPR Article 6, usually public task, and an "
             "Article 9 condition for special category data."),
            "Record why the public interest outweighs the duty of confidence.",
        ),
    ), [1, 4, 6, 7]


def _share_duty_to_share(answers: Mapping[str, object]) -> _Reasons:
    return _without_consent(
        answers,
        (
            ("You said you rely on the duty to share information to safeguard or promote the "
             "welfare of children, added by section 4 of the Children's Wellbeing and Schools Act "
             "2026."),
            ("That duty can be relied on only once it has come into force, on a date set by "
             "regulations. Check whether it has before you share: when this helper was last "
             "checked, in November 2026, that had not been confirmed."),
            ("If it is not in force, seek advice on whether there is another basis, such as a "
             "legal duty or an overriding public interest."),
        ),
        (
            "You still need a lawful basis under UK GDPR Article 6.",
        ),
    ), [1, 3, 4, 7]


def _do_not_share(answers: Mapping[str, object]) -> _Reasons:
    risk = _answer(answers, "risk_of_harm")
    reasons = ["You said the information is confidential.", _consent_line(answers)]
    if risk == "adult":
        reasons.append("You said an adult is at risk of harm, but that no child is.")
    elif risk == "no":
        reasons.append("You said no child or adult is at risk of harm.")
    if _answer(answers, "other_basis") == "no":
        reasons.append("You said there is no other basis to share without consent: no legal duty "
                       "or statutory request, and no overriding public interest.")
    else:
        reasons.append("If you believe there is another basis to share, such as an overriding "
                       "public interest or a legal duty, seek advice and record it.")
    if risk == "adult":
        reasons.append("If the risk to the adult is serious, seek advice on whether protecting "
                       "them is an overriding public interest.")
    reasons += _below_threshold(answers)
    reasons.append("Record your decision and the reasons for it, even though you are not sharing.")
    return reasons, [2, 3, 4, 7]


_REASONS = {
    "emergency": _emergency,
    "no_purpose": _no_purpose,
    "seek_advice": _seek_advice_reasons,
    "not_personal_data": _not_personal_data,
    "share_risk_of_harm": _share_risk_of_harm,
    "share_adult_at_risk": _share_adult_at_risk,
    "share_not_confidential": _share_not_confidential,
    "share_with_consent": _share_with_consent,
    "share_legal_duty": _share_legal_duty,
    "share_public_interest": _share_public_interest,
    "share_duty_to_share": _share_duty_to_share,
    "do_not_share_or_seek_advice": _do_not_share,
}


def prompts(answers: Mapping[str, object]) -> tuple[Prompt, ...]:
    """Reminders for these answers: where a child is at risk of harm and no advice has been
    sought, talk to the designated safeguarding lead."""
    if _answer(answers, "risk_of_harm") == "yes" and get(answers, "advice_sought") == "no":
        return (PROMPTS["talk_to_dsl"],)
    return ()


def recommend(answers: Mapping[str, object]) -> Recommendation:
    """What the guidance points to for these answers, with the reasons and rules behind it."""
    code = _code(answers)
    outcome = OUTCOMES[code]
    reasons, rules = _REASONS[code](answers)
    return Recommendation(code, outcome.title, outcome.summary, tuple(reasons),
                          tuple(sorted(set(rules))), prompts(answers))


def followed(answers: Mapping[str, object], *, perceived_risk: bool = True) -> bool:
    """Whether the decision is one the recommendation points to (False if not yet decided).

    Where a child is at risk of harm, or may be, sharing while advice is sought follows
    the guidance: the 2024 advice covers a perceived risk, and doubt must not delay
    protecting a child. Records of schema version 1 were sealed before "may be" counted
    (`perceived_risk=False` reproduces their judgement).
    """
    code = _code(answers)
    decision = get(answers, "decision")
    at_risk = {"yes", "not_sure"} if perceived_risk else {"yes"}
    if code == "seek_advice" and decision in _SHARING and _answer(answers, "risk_of_harm") in at_risk:
        return True
    return decision in OUTCOMES[code].consistent


def departs(answers: Mapping[str, object]) -> bool:
    """A decision has been made and it is not what the guidance points to."""
    return get(answers, "decision") != "" and not followed(answers)
