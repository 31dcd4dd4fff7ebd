"""Answers as words a person reads: option labels, dates in full, text as typed.

Wherever an answer is read back (the check page, an amendment's changes, every
format of the record) its label is the field's statement ("Facts shared"), not
the question its page asked.
"""

from __future__ import annotations

from collections.abc import Mapping

from . import dates
from .answers import get
from .questions import Field

__all__ = ["NOT_ANSWERED", "display_value", "no_decision", "row_label"]

NOT_ANSWERED = "Not answered"


def no_decision(answers: Mapping[str, object]) -> bool:
    """A record made while seeking advice: it records no decision yet."""
    return get(answers, "decision") == "seeking_advice"


def row_label(f: Field, *, seeking_advice: bool = False) -> str:
    """The answer's label: the field's statement (in a record made while seeking advice,
    the statement for that where the field has one)."""
    if seeking_advice and f.statement_no_decision is not None:
        return f.statement_no_decision
    return f.statement


def display_value(f: Field, value: object) -> str:
    """The answer as it should read in a summary or a record; never raises."""
    if value is None or value in ("", []):
        return NOT_ANSWERED
    labels = {o.value: o.label for o in f.options}
    if f.kind == "checkboxes" and isinstance(value, list):
        return ", ".join(labels.get(v, v) for v in value if isinstance(v, str))
    if not isinstance(value, str):
        return NOT_ANSWERED
    if f.kind == "radios":
        return labels.get(value, value)
    if f.kind == "date":
        day = dates.parse_date(value)
        return dates.display_date(day) if day is not None else value
    if f.kind == "datetime":
        moment = dates.parse_datetime(value, None)
        return dates.display_datetime(moment) if moment is not None else value
    return value
