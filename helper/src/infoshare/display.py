"""Answers as words a person reads: option labels, dates in full, text as typed."""

from __future__ import annotations

from . import dates
from .questions import Field

__all__ = ["NOT_ANSWERED", "display_value", "row_label"]

NOT_ANSWERED = "Not answered"

# Labels that read as instructions on a form but not as headings in a record.
_RECORD_LABELS = {
    "principles": "The information shared is",
    "schedule1_social_protection": "Data Protection Act 2018 Schedule 1 condition",
    "schedule1_health_social_care": "Data Protection Act 2018 Schedule 1 condition",
    "schedule1_substantial_public_interest": "Data Protection Act 2018 Schedule 1 condition",
}


def row_label(f: Field) -> str:
    return _RECORD_LABELS.get(f.name, f.label.removesuffix(" (optional)"))


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
