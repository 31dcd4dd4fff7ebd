"""What the guidance points to: the outcomes the flow can reach, and the prompts it shows.

Each outcome is justified from the sources in its `basis`. Which outcome a set
of answers reaches, and the reasons specific to those answers, are worked out
in infoshare.flow; this module holds only the fixed wording.
"""

from __future__ import annotations

from typing import NamedTuple

from . import commencement
from .commencement import Commencement

__all__ = [
    "CHILD_MAY_BE_AT_RISK",
    "DUTY_IN_FORCE",
    "NOT_SHARING",
    "OUTCOMES",
    "PROMPTS",
    "SHARE_DECISIONS",
    "Outcome",
    "Prompt",
    "Recommendation",
    "duty_to_share_outcome",
]

SHARE_DECISIONS = frozenset({"share_all", "share_part"})


class Outcome(NamedTuple):
    code: str
    title: str
    summary: str
    # The decisions that follow this outcome; any other needs a departure reason.
    consistent: frozenset[str]
    # Why the outcome is what the sources point to (for maintainers, not shown).
    basis: str
    # The record schema version that introduced it; an older record cannot point to it.
    since: int = 1


class Prompt(NamedTuple):
    """A reminder shown with what the guidance points to. It asks nothing and blocks
    nothing; a sealed record keeps it, so the record shows it was shown."""

    code: str
    text: str

    def to_dict(self) -> dict[str, str]:
        return {"code": self.code, "text": self.text}


PROMPTS: dict[str, Prompt] = {
    p.code: p
    for p in (
        Prompt(
            "talk_to_dsl",
            "You said a child is at risk of harm and that you have not sought advice. Talk to "
            "your designated safeguarding lead as soon as you can, but do not let that delay "
            "action to protect the child.",
        ),
    )
}


class Recommendation(NamedTuple):
    code: str
    title: str
    summary: str
    reasons: tuple[str, ...]
    # The site's rule pages the outcome relies on (numbered as in the 2015 advice the
    # site publishes); a reason citing another edition names it, as in "2024 advice, rule 3".
    rules: tuple[int, ...]
    prompts: tuple[Prompt, ...] = ()

    def to_dict(self) -> dict[str, object]:
        return {
            "code": self.code,
            "title": self.title,
            "summary": self.summary,
            "reasons": list(self.reasons),
            "rules": list(self.rules),
            "prompts": [p.to_dict() for p in self.prompts],
        }


NOT_SHARING = frozenset({"do_not_share", "seeking_advice"})
_NOT_SHARING = NOT_SHARING
# The decisions that follow the duty to share once it is in force (and, in records of
# schema version 2, whenever it was chosen: that version did not ask whether it was).
DUTY_IN_FORCE = SHARE_DECISIONS | {"seeking_advice"}


class Wording(NamedTuple):
    title: str
    summary: str


# What "seek advice" says where a child is, or may be, at risk of harm: in the headline,
# not only among the reasons, because doubt must not delay protecting a child.
CHILD_MAY_BE_AT_RISK = Wording(
    "Seek advice promptly, and do not wait to protect a child",
    "A child is, or may be, at risk of harm. Being unsure is not a reason to wait: share what "
    "is necessary to protect the child, with a lawful basis, while you seek advice. Ask "
    "promptly, without identifying the person where you can, and record who you asked and "
    "what they said.",
)


def duty_to_share_outcome(setting: Commencement | None = None) -> Outcome:
    """The duty to share, as far as it can be relied on (`setting`: the one in
    infoshare.commencement unless another is given)."""
    setting = commencement.DUTY_TO_SHARE if setting is None else setting
    basis = (
        "Children's Wellbeing and Schools Act 2026 s.4 (Royal Assent 29 April 2026), which "
        "starts on a day set by regulations (s.78(5)). Whether sharing under it follows the "
        "guidance comes from infoshare.commencement: until commencement is confirmed and "
        "recorded there, a duty not in force is no basis to share, so sharing under it is a "
        "departure and not sharing, or seeking advice, follows the guidance."
    )
    if setting.confirmed:
        return Outcome(
            "share_duty_to_share",
            "Share under the duty to share, with a lawful basis",
            "The duty to share information to safeguard or promote the welfare of children is "
            "in force. Share what it requires, with a lawful basis, and record that you rely "
            "on it.",
            DUTY_IN_FORCE, basis, since=2,
        )
    return Outcome(
        "share_duty_to_share",
        "Do not rely on the duty to share before it is confirmed in force: seek advice",
        "The Children's Wellbeing and Schools Act 2026 adds a duty to share information to "
        "safeguard or promote the welfare of children, but it had not been confirmed as in "
        "force when this helper was last checked. It is no basis to share until it is. Seek "
        "advice on whether you have another basis.",
        NOT_SHARING, basis, since=2,
    )

OUTCOMES: dict[str, Outcome] = {
    o.code: o
    for o in (
        Outcome(
            "emergency",
            "Follow your child protection procedures now",
            "A child may be in immediate danger. Share what is necessary and proportionate now, "
            "without waiting for consent, and record what you shared and why as soon as you can.",
            SHARE_DECISIONS,
            "Urgency is asked first (docs/when-and-how-to-share.md, 'In an emergency, act "
            "first'); the ICO data sharing code names safeguarding children as an emergency in "
            "which to share what is necessary and proportionate; recording the "
            "reasons as soon as possible afterwards is the wording of GIRFEC practice guidance 4 "
            "(ss.5 and 13), not the ICO's.",
        ),
        Outcome(
            "no_purpose",
            "Do not share, and record why",
            "Without a clear and legitimate purpose, the guidance points to not sharing. Record "
            "your decision and the reasons for it.",
            _NOT_SHARING,
            "The published chain of questions, question 1 (No: do not share; record why); "
            "2015 rule 6 (share only what is necessary for the purpose); 2015 rule 7.",
        ),
        Outcome(
            "seek_advice",
            "Seek advice before you decide",
            "You are not sure about part of the decision. Ask for advice promptly, without "
            "identifying the person where you can, and record who you asked and what they said.",
            frozenset({"seeking_advice"}),
            "The published chain: any 'not sure' answer leads to seek advice; 2015 rule 3 (seek "
            "advice if you are in any doubt, without disclosing identity where possible); 2024 "
            "rule 4 (seek advice promptly). Where a child is at risk, or may be, sharing while "
            "advice is sought also follows the guidance (see flow.followed), and the headline "
            "says so (CHILD_MAY_BE_AT_RISK): the 2024 advice covers a perceived risk, and doubt "
            "must not delay protecting a child.",
        ),
        Outcome(
            "not_personal_data",
            "You may share, applying the principles",
            "Information that cannot identify a living person is not personal data, so data "
            "protection law does not stand in the way. Check it really cannot identify anyone.",
            SHARE_DECISIONS,
            "The published chain, question 2 (No: may share); docs/when-and-how-to-share.md "
            "notes that apparently anonymous information can identify a child in a small "
            "community.",
        ),
        Outcome(
            "share_risk_of_harm",
            "Share what is necessary, without waiting for consent",
            "There is a concern that a child is suffering, or is likely to suffer, harm. Share "
            "what is necessary and proportionate, with a lawful basis, and follow your "
            "safeguarding procedures without delay.",
            SHARE_DECISIONS,
            "2024 rule 3 (consent is not needed where a child is at risk or perceived risk of "
            "harm, but a lawful basis is); 2015 rule 5 (safety and wellbeing); the flowchart's "
            "instruction to follow safeguarding procedures without delay where a child is "
            "suffering or likely to suffer harm.",
        ),
        Outcome(
            "share_adult_at_risk",
            "Share what is needed to protect the adult, with a lawful basis",
            "An adult is at risk of harm, and no child is. Share what is necessary and "
            "proportionate to protect them, with a lawful basis, and follow your organisation's "
            "adult safeguarding procedures.",
            SHARE_DECISIONS,
            "The 2024 consent rule is about a child at risk; a risk to an adult alone is a "
            "different question (docs/sharing-without-consent.md, 'When the risk is to an "
            "adult, not a child'). A child who sees, hears or experiences the effects of "
            "domestic abuse is a victim of it (Domestic Abuse Act 2021 s.3) and suffers harm "
            "(Children Act 1989 s.31(9)), so a household with children is not this outcome's "
            "case. 2015 rule 4 (share without consent "
            "where there is good reason, such as where safety may be at risk); the Care Act 2014 "
            "s.42 adult safeguarding route; UK GDPR Article 6. Reached only where the information "
            "is not confidential or there is consent; otherwise chain question 5 decides.",
            since=2,
        ),
        Outcome(
            "share_not_confidential",
            "Share, applying the principles, with a lawful basis",
            "The information is personal but not confidential. You may share it with a lawful "
            "basis under UK GDPR Article 6, applying the principles.",
            SHARE_DECISIONS,
            "The published chain, question 3 (No: share, applying the principles); UK GDPR "
            "Article 6 still requires a lawful basis for any personal data.",
        ),
        Outcome(
            "share_with_consent",
            "Share with consent, applying the principles",
            "You have consent to share. Share what is necessary, with a lawful basis, applying "
            "the principles.",
            SHARE_DECISIONS,
            "The published chain, question 4 (Yes: share); 2015 rule 4 (share with informed consent "
            "where appropriate; be mindful the person might not expect everything to be "
            "shared); ICO: consent is often not the right lawful basis for a public body.",
        ),
        Outcome(
            "share_legal_duty",
            "Share what the law requires, with a lawful basis",
            "A law requires you to share, such as a court order, or a request for help with an "
            "enquiry under section 47 of the Children Act 1989. Share what it requires, with a "
            "lawful basis, and record the law you rely on.",
            SHARE_DECISIONS,
            "The published chain, question 5 (another basis: share); the common law duty of "
            "confidence allows disclosure under a legal duty; Children Act 1989 s.47(9) to "
            "(11) (the bodies named must help with enquiries if asked, unless that is "
            "unreasonable). Records of schema version 2 reached it by 'a legal duty or a "
            "statutory request', which version 3 splits into a law that requires sharing "
            "(this outcome) and one that only allows it (weigh_law_allows).",
            since=2,
        ),
        Outcome(
            "weigh_law_allows",
            "Decide whether sharing is justified: the law allows it, but does not require it",
            "A law allows you to share, but does not make you. The decision is yours: share "
            "only if sharing is necessary and proportionate, and the public interest in "
            "sharing outweighs the duty of confidence. Record your reasons whatever you decide.",
            SHARE_DECISIONS | _NOT_SHARING,
            "A permissive gateway, such as the Data Protection Act 2018 Sch. 2 Part 1 para 2 "
            "(crime and taxation: general), lifts some UK GDPR provisions where applying them "
            "would be likely to prejudice the prevention or detection of crime. It allows "
            "disclosure but does not require it (the ICO on the crime exemption of its "
            "predecessor, DPA 1998 s.29: docs/sources.yml, ico-crime-exemption-2015; the "
            "2018 text is not confirmed there). The duty of confidence still needs consent, "
            "a legal requirement or an overriding public interest, so the decision is a "
            "judgement: sharing and not sharing can both follow the guidance, with reasons "
            "(the confidence page asks why sharing without consent is justified).",
            since=3,
        ),
        Outcome(
            "share_public_interest",
            "Share what is necessary in the public interest, with a lawful basis",
            "You judge that the public interest in sharing outweighs the duty of confidence. "
            "Share only what is necessary and proportionate, with a lawful basis, and record why "
            "the public interest outweighs confidence.",
            SHARE_DECISIONS,
            "The published chain, question 5 (2008: public interest); the common law duty of "
            "confidence allows disclosure where an overriding public interest justifies it; "
            "2015 rule 6 (necessary and proportionate).",
            since=2,
        ),
        duty_to_share_outcome(),
        Outcome(
            "do_not_share_or_seek_advice",
            "Do not share unless you have another basis, or seek advice",
            "The information is confidential, you do not have consent, no child is at risk of "
            "harm, and you have not identified another basis to share without consent. The "
            "guidance points to not sharing. Seek advice if you are unsure.",
            _NOT_SHARING,
            "The published chain, question 5 (no other basis: do not share; record why); "
            "2015 rule 4 (respect the wishes of those who do not consent to share confidential "
            "information where possible); 2015 rule 3.",
        ),
    )
}
