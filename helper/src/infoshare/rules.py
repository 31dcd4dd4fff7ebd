"""The seven golden rules and the principles, as the helper cites them.

Defined once here: the question pages, the recommendations and the rendered
records all cite rules by number, and the site's tests check that these titles
and URL paths match the guidance pages, so the two cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["PRINCIPLES", "RULES", "Principle", "Rule", "rule"]


@dataclass(frozen=True, slots=True)
class Rule:
    number: int
    title: str
    # Relative to the site root, so the links work wherever the site is hosted.
    path: str


@dataclass(frozen=True, slots=True)
class Principle:
    key: str
    title: str
    path: str


# Short titles follow the site's navigation (mkdocs.yml); the wording of each
# rule is on its page, published from the 2015 seed text.
RULES: tuple[Rule, ...] = (
    Rule(1, "The law is not a barrier", "rules/1/"),
    Rule(2, "Be open and honest", "rules/2/"),
    Rule(3, "Seek advice", "rules/3/"),
    Rule(4, "Consent and a lawful basis", "rules/4/"),
    Rule(5, "Safety and wellbeing", "rules/5/"),
    Rule(6, "Necessary, proportionate, relevant, adequate, accurate, timely and secure", "rules/6/"),
    Rule(7, "Keep a record", "rules/7/"),
)

# The 2018 advice's principles; rule 6 says "(see principles)".
PRINCIPLES: tuple[Principle, ...] = (
    Principle("necessary", "Necessary and proportionate", "principles/#necessary-and-proportionate"),
    Principle("relevant", "Relevant", "principles/#relevant"),
    Principle("adequate", "Adequate", "principles/#adequate"),
    Principle("accurate", "Accurate", "principles/#accurate"),
    Principle("timely", "Timely", "principles/#timely"),
    Principle("secure", "Secure", "principles/#secure"),
    Principle("record", "Record", "principles/#record"),
)


def rule(number: int) -> Rule:
    """The rule with this number; KeyError for any other number."""
    for candidate in RULES:
        if candidate.number == number:
            return candidate
    raise KeyError(number)
