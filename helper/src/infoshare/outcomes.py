"""What the guidance points to: the eight outcomes the flow can reach.

Each outcome is justified from the sources in its `basis`. Which outcome a set
of answers reaches, and the reasons specific to those answers, are worked out
in infoshare.flow; this module holds only the fixed wording.
"""

from __future__ import annotations

from typing import NamedTuple

__all__ = ["OUTCOMES", "SHARE_DECISIONS", "Outcome", "Recommendation"]

SHARE_DECISIONS = frozenset({"share_all", "share_part"})


class Outcome(NamedTuple):
    code: str
    title: str
    summary: str
    # The decisions that follow this outcome; any other needs a departure reason.
    consistent: frozenset[str]
    # Why the outcome is what the sources point to (for maintainers, not shown).
    basis: str


class Recommendation(NamedTuple):
    code: str
    title: str
    summary: str
    reasons: tuple[str, ...]
    rules: tuple[int, ...]

    def to_dict(self) -> dict[str, object]:
        return {
            "code": self.code,
            "title": self.title,
            "summary": self.summary,
            "reasons": list(self.reasons),
            "rules": list(self.rules),
        }


_NOT_SHARING = frozenset({"do_not_share", "seeking_advice"})

OUTCOMES: dict[str, Outcome] = {
    o.code: o
    for o in (
        Outcome(
            "emergency",
            "Follow your child protection procedures now",
            "A child may be in immediate danger. Share what is necessary and proportionate now, "
            "without waiting for consent, and record what you shared and why as soon as you can.",
            SHARE_DECISIONS,
            "decision-flow.md step 0; the ICO data sharing code names safeguarding children as "
            "an emergency in which to share what is necessary and proportionate and record the "
            "reasons afterwards; GIRFEC practice guidance 4 s.5.",
        ),
        Outcome(
            "no_purpose",
            "Do not share, and record why",
            "Without a clear and legitimate purpose, the guidance points to not sharing. Record "
            "your decision and the reasons for it.",
            _NOT_SHARING,
            "The published chain of questions, question 1 (No: do not share; record why); "
            "rule 6 (share only what is necessary for the purpose); rule 7.",
        ),
        Outcome(
            "seek_advice",
            "Seek advice before you decide",
            "You are not sure about part of the decision. Ask for advice, without identifying "
            "the person where you can, and record who you asked and what they said.",
            frozenset({"seeking_advice"}),
            "The published chain: any 'not sure' answer leads to seek advice; rule 3 (seek "
            "advice if you are in any doubt, without disclosing identity where possible).",
        ),
        Outcome(
            "not_personal_data",
            "You may share, applying the principles",
            "Information that cannot identify a living person is not personal data, so data "
            "protection law does not stand in the way. Check it really cannot identify anyone.",
            SHARE_DECISIONS,
            "The published chain, question 2 (No: may share); decision-flow.md notes that "
            "apparently anonymous information can identify a child in a small community.",
        ),
        Outcome(
            "share_risk_of_harm",
            "Share what is necessary, without waiting for consent",
            "There is a concern about harm to a child or about someone's safety. Share what is "
            "necessary and proportionate, with a lawful basis, and follow your safeguarding "
            "procedures without delay.",
            SHARE_DECISIONS,
            "Rule 4 (2015: share without consent for good reason, such as where safety may be "
            "at risk; 2024: consent is not needed where a child is at risk of harm, but a lawful "
            "basis is); rule 5; the flowchart's instruction to follow safeguarding procedures "
            "without delay where a child is suffering or likely to suffer harm.",
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
            "The published chain, question 4 (Yes: share); rule 4 (share with informed consent "
            "where appropriate; be mindful the person might not expect everything to be "
            "shared); ICO: consent is often not the right lawful basis for a public body.",
        ),
        Outcome(
            "do_not_share_or_seek_advice",
            "Do not share unless you have another basis, or seek advice",
            "The information is confidential, you do not have consent, and you have not "
            "identified a risk to anyone's safety. Without another lawful basis and a "
            "justification for overriding confidence, the guidance points to not sharing.",
            _NOT_SHARING,
            "The published chain, question 5 (No other basis: do not share; record why); "
            "rule 4 (respect the wishes of those who do not consent to share confidential "
            "information where possible); rule 3.",
        ),
    )
}
