"""The decision flow: which pages a decision visits, and what the guidance points to.

The chain follows the questions on the site's "When and how to share" page
(docs/when-and-how-to-share.md): urgency first (an emergency needs action,
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
from datetime import datetime
from typing import NamedTuple

from . import commencement
from .answers import get
from .commencement import DUTY_ADDED, duty_to_share_status
from .outcomes import (
    CHILD_MAY_BE_AT_RISK,
    DUTY_IN_FORCE,
    NOT_SHARING,
    OUTCOMES,
    PROMPTS,
    SHARE_DECISIONS,
    Prompt,
    Recommendation,
)
from .questions import PAGE_IDS, SCHEDULE_1_PAGES, page_of

__all__ = [
    "Judged",
    "asks_other_basis",
    "departs",
    "followed",
    "is_emergency",
    "judged_as",
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
    "Caldicott guardian or manager (2024 advice, rule 4), without identifying the person where "
    "you can (2015 advice, rule 3)."
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
# A risk to an adult alone must not hide a child at risk in the same household.
_CHILD_IN_THE_HOUSEHOLD = (
    "If there is domestic abuse and a child in the family sees, hears or experiences its "
    "effects, a child is at risk too: the child is a victim of the abuse in their own right "
    "(Domestic Abuse Act 2021, section 3), and harm includes harm suffered from seeing or "
    "hearing the ill-treatment of another (Children Act 1989, section 31(9)). Then change your "
    "answer to say a child is at risk."
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


def _views_page(answers: Mapping[str, object]) -> str:
    """Whose views the record asks for: the adult's where only an adult is at risk."""
    return "adult_views" if get(answers, "risk_of_harm") == "adult" else "views"


def _chain_pages(answers: Mapping[str, object]) -> list[str]:
    if is_emergency(answers):
        # In an emergency the chain's answer is already known (share what is
        # necessary now); the record still says whether there was consent, and the
        # child's and family's views.
        return ["consent", "views"]
    if get(answers, "purpose_clear") == "no":
        return []
    pages = ["personal_data"]
    if get(answers, "personal_data") != "no":
        pages += ["risk_of_harm", "confidential", "consent", _views_page(answers)]
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


def path(answers: Mapping[str, object], judged: Judged | None = None) -> list[str]:
    """The ids of the pages this decision visits, in order, given the answers so far
    (`judged`: as a sealed record's version judged the decision; None: as now)."""
    pages = ["urgency", "case_reference", "request", "purpose", *_chain_pages(answers),
             "decision"]
    if departs(answers, judged):
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
    "law_requires": "share_legal_duty",
    # Schema version 2's "a legal duty or a statutory request".
    "legal_duty": "share_legal_duty",
    "law_allows": "weigh_law_allows",
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
        "You said a child may need help or support. A council's copy of the 2024 advice quotes "
        "it as saying that it may be necessary to share, with a lawful basis, even where the "
        "threshold for services, such as for a child in need under section 17 of the Children "
        "Act 1989, has not been reached (partly confirmed: not checked against the 2024 "
        "document itself)."
    )]


def _adult(answers: Mapping[str, object]) -> list[str]:
    """What a risk to an adult alone adds to an outcome reached through question 5."""
    if _answer(answers, "risk_of_harm") != "adult":
        return []
    return ["You said an adult is at risk of harm, and that no child is.", _ADULT_PROCEDURES,
            _CHILD_IN_THE_HOUSEHOLD]


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
    return [*reasons, _ADULT_PROCEDURES, _CHILD_IN_THE_HOUSEHOLD, _LAWFUL_BASIS, _TELL], [
        1, 2, 4, 5, 6, 7]


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
            ("You said a law requires you to share the information, such as a court order, or a "
             "request for help with an enquiry under section 47 of the Children Act 1989."),
            ("Confidential information may be shared without consent where the law requires it. "
             "Share what the law requires, and no more."),
        ),
        (
            ("You need a lawful basis under UK GDPR Article 6, usually legal obligation or public "
             "task. Record the law you rely on."),
            _TELL,
        ),
    ), [1, 2, 4, 6, 7]


def _weigh_law_allows(answers: Mapping[str, object]) -> _Reasons:
    return _without_consent(
        answers,
        (
            ("You said a law allows you to share the information but does not require you to, "
             "such as the exemption for the prevention or detection of crime that a police "
             "request may cite (Data Protection Act 2018, Schedule 2, paragraph 2)."),
            ("A law that allows sharing is not a duty to share: the decision is yours. It does "
             "not set aside the duty of confidence. Share without consent only if the public "
             "interest in sharing, such as protecting someone from serious harm or preventing "
             "a serious crime, outweighs it."),
            ("Weigh whether sharing is necessary and proportionate for the purpose, and the "
             "likely impact of sharing and of not sharing. Ask what the request is for, and "
             "share only what it needs."),
        ),
        (
            ("If you share, you need a lawful basis under UK GDPR Article 6, usually public "
             "task, and an Article 9 condition for special category data."),
            "Record your reasons whatever you decide: sharing and not sharing can both be right.",
        ),
    ), [1, 3, 4, 6, 7]


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
    # Worded from the one setting that says whether the duty is in force.
    if commencement.DUTY_TO_SHARE.confirmed:
        then: tuple[str, ...] = ("Share what the duty requires, and no more.",
                                 "You still need a lawful basis under UK GDPR Article 6.")
    else:
        then = (("A duty that is not in force is no basis to share. Seek advice on whether "
                 "there is another basis, such as a law that requires you to share, or an "
                 "overriding public interest."),
                ("If you share, record why: the record says the decision differs from what "
                 "the guidance points to."))
    return _without_consent(
        answers,
        ("You said you rely on the duty to share information about children.", DUTY_ADDED,
         duty_to_share_status()),
        then,
    ), [1, 3, 4, 7]


def _do_not_share(answers: Mapping[str, object]) -> _Reasons:
    risk = _answer(answers, "risk_of_harm")
    reasons = ["You said the information is confidential.", _consent_line(answers)]
    if risk == "adult":
        reasons.append("You said an adult is at risk of harm, but that no child is.")
    elif risk == "no":
        reasons.append("You said no child or adult is at risk of harm.")
    if _answer(answers, "other_basis") == "no":
        reasons.append("You said there is no other basis to share without consent: no law that "
                       "requires or allows it, and no overriding public interest.")
    else:
        reasons.append("If you believe there is another basis to share, such as an overriding "
                       "public interest or a law that requires you to share, seek advice and "
                       "record it.")
    if risk == "adult":
        reasons.append("If the risk to the adult is serious, seek advice on whether protecting "
                       "them is an overriding public interest.")
        reasons.append(_CHILD_IN_THE_HOUSEHOLD)
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
    "weigh_law_allows": _weigh_law_allows,
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


def _child_may_be_at_risk(answers: Mapping[str, object]) -> bool:
    return _answer(answers, "risk_of_harm") in ("yes", "not_sure")


def recommend(answers: Mapping[str, object]) -> Recommendation:
    """What the guidance points to for these answers, with the reasons and rules behind it."""
    code = _code(answers)
    title, summary = OUTCOMES[code].title, OUTCOMES[code].summary
    if code == "seek_advice" and _child_may_be_at_risk(answers):
        # "Not a reason to wait" belongs in the headline, where it is read first.
        title, summary = CHILD_MAY_BE_AT_RISK
    reasons, rules = _REASONS[code](answers)
    return Recommendation(code, title, summary, tuple(reasons), tuple(sorted(set(rules))),
                          prompts(answers))


def followed(answers: Mapping[str, object], *, perceived_risk: bool = True,
             duty_in_force: bool | None = None) -> bool:
    """Whether the decision is one the recommendation points to (False if not yet decided).

    Where a child is at risk of harm, or may be, sharing while advice is sought follows
    the guidance: the 2024 advice covers a perceived risk, and doubt must not delay
    protecting a child. Records of schema version 1 were sealed before "may be" counted
    (`perceived_risk=False` reproduces their judgement).

    Sharing under the duty to share follows the guidance only while the duty is in force
    (`duty_in_force`; None: as infoshare.commencement says now). Records of schema
    version 2 counted it whenever it was chosen (`duty_in_force=True` reproduces that).
    """
    code = _code(answers)
    decision = get(answers, "decision")
    at_risk = {"yes", "not_sure"} if perceived_risk else {"yes"}
    if code == "seek_advice" and decision in _SHARING and _answer(answers, "risk_of_harm") in at_risk:
        return True
    if code == "share_duty_to_share":
        in_force = commencement.DUTY_TO_SHARE.applies() if duty_in_force is None else duty_in_force
        return decision in (DUTY_IN_FORCE if in_force else NOT_SHARING)
    return decision in OUTCOMES[code].consistent


def departs(answers: Mapping[str, object], judged: Judged | None = None) -> bool:
    """A decision has been made and it is not what the guidance points to."""
    return get(answers, "decision") != "" and not followed(answers, **(judged or Judged())._asdict())


class Judged(NamedTuple):
    """How a decision is judged: by this helper now (the defaults), or as the schema
    version that sealed a record judged it (`judged_as`), so that checking the record
    again reproduces its judgement. The arguments of `followed`."""

    perceived_risk: bool = True
    duty_in_force: bool | None = None


def judged_as(version: int | None, sealed_at: datetime | None = None) -> Judged:
    """The judgement of a record of schema `version` sealed at `sealed_at` (None: now).

    Version 1 counted sharing while unsure whether a child was at risk as a departure;
    versions 1 and 2 counted sharing under the duty to share as following the guidance;
    from version 3 it does only where the duty applied when the record was sealed.
    """
    if version is None:
        return Judged()
    return Judged(perceived_risk=version != 1,
                  duty_in_force=version in (1, 2)
                  or commencement.DUTY_TO_SHARE.applies(sealed_at))
