"""Dates typed in boxes: day, month and year, and for a time also hour and minute.

The page asks for a date the GOV.UK way, in separate boxes, and sends each box as
its own answer, named after its field ("advice_at-day", "advice_at-month", ...), as
typed. Files (records, drafts, older drafts) may instead hold the whole value
("2026-11-30T08:45", with or without an offset). Both are read here; where an
answer has boxes, the boxes win. A record always stores the whole value.

Reading the boxes follows the GOV.UK date pattern: nothing entered, some boxes
missing, a box that cannot be right, or a date that does not exist, each with its
own message naming the boxes to highlight. Only ASCII digits count as numbers, so
other scripts' digits (Arabic-Indic, full-width) are not read as the numbers they
might look like.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from typing import NamedTuple

from . import dates
from .questions import FIELDS, Field

__all__ = [
    "DATE_KINDS",
    "DATE_PARTS",
    "PART_FIELDS",
    "TIME_PARTS",
    "Part",
    "Reading",
    "as_boxes",
    "boxes",
    "example_hint",
    "part_name",
    "parts_of",
    "read",
    "typed_boxes",
    "value",
]

DATE_KINDS = frozenset({"date", "datetime"})


class Part(NamedTuple):
    key: str
    label: str
    # The box's width in characters (GOV.UK: 2 for day and month, 4 for the year).
    width: int


DATE_PARTS: tuple[Part, ...] = (Part("day", "Day", 2), Part("month", "Month", 2),
                                Part("year", "Year", 4))
TIME_PARTS: tuple[Part, ...] = (Part("hour", "Hour", 2), Part("minute", "Minute", 2))
_DATE_KEYS = tuple(p.key for p in DATE_PARTS)
_TIME_KEYS = tuple(p.key for p in TIME_PARTS)

# The hints a date's boxes need, after the field's own hint (GOV.UK date input).
DATE_EXAMPLE = "For example, 27 3 2026."
TIME_EXAMPLE = "Use the 24-hour clock, for example 14 30."


def parts_of(f: Field) -> tuple[Part, ...]:
    """The boxes a date field is typed in (none for any other field)."""
    if f.kind == "date":
        return DATE_PARTS
    if f.kind == "datetime":
        return DATE_PARTS + TIME_PARTS
    return ()


def part_name(field_name: str, key: str) -> str:
    """The answer's name for one box, as the page sends it: "advice_at-day"."""
    return f"{field_name}-{key}"


# Every box's answer name: the field it belongs to and which box it is.
PART_FIELDS: dict[str, tuple[str, str]] = {
    part_name(f.name, p.key): (f.name, p.key) for f in FIELDS.values() for p in parts_of(f)
}


def example_hint(f: Field) -> str | None:
    """The field's hint with the example its boxes need (None for other fields)."""
    if f.kind not in DATE_KINDS:
        return f.hint
    examples = DATE_EXAMPLE if f.kind == "date" else f"{DATE_EXAMPLE} {TIME_EXAMPLE}"
    return f"{f.hint} {examples}" if f.hint else examples


def typed_boxes(f: Field, answers: Mapping[str, object]) -> dict[str, str] | None:
    """The field's boxes as typed, or None when the answers hold none of them (then the
    whole value, if any, is the answer). A box sent empty still counts as sent."""
    found = {p.key: v for p in parts_of(f)
             if isinstance(v := answers.get(part_name(f.name, p.key)), str)}
    return found or None


class Reading(NamedTuple):
    """A date field's answer, read: the whole value when it is a real date (or date and
    time), or why not, with the boxes to highlight."""

    value: str | None
    # "" when nothing was entered; None when the value is real.
    message: str | None
    parts: tuple[str, ...] = ()

    @property
    def entered(self) -> bool:
        return self.message != ""


# A number typed in a box: ASCII digits only, any leading zeros, surrounding spaces
# ignored. Two digits at most for a day, month, hour or minute (the leading zeros
# aside), so a box holding thousands of digits is refused without converting it.
_SMALL = re.compile(r"0*([0-9]{1,2})", re.ASCII)
_DIGITS = re.compile(r"[0-9]+", re.ASCII)
_RANGES = {"day": (1, 31), "month": (1, 12), "hour": (0, 23), "minute": (0, 59)}
_MIN_YEAR, _MAX_YEAR = dates.MIN_YEAR, dates.MAX_YEAR


def _number(key: str, text: str) -> int | None:
    """A box's number when it can be right for that box, else None."""
    if key == "year":
        year = int(text) if len(text) == 4 and _DIGITS.fullmatch(text) else None  # noqa: PLR2004
        return year if year is not None and _MIN_YEAR <= year <= _MAX_YEAR else None
    match = _SMALL.fullmatch(text)
    if match is None:
        return None
    low, high = _RANGES[key]
    number = int(match.group(1))
    return number if low <= number <= high else None


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _include(noun: str, missing: list[str]) -> str:
    """'<noun> must include a month', '... a day and a year', '... an hour'."""
    named = [("an " if key == "hour" else "a ") + key for key in missing]
    listed = named[0] if len(named) == 1 else f"{', '.join(named[:-1])} and {named[-1]}"
    return f"{noun} must include {listed}"


def _time_noun(f: Field) -> str:
    return f.time_noun or f.noun


def _read_boxes(f: Field, typed: Mapping[str, str]) -> Reading:
    keys = [p.key for p in parts_of(f)]
    text = {key: typed.get(key, "").strip() for key in keys}
    if not any(text.values()):
        return Reading(None, "", tuple(keys))
    numbers = {key: _number(key, text[key]) for key in keys}
    missing = [key for key in _DATE_KEYS if not text[key]]
    if len(missing) == len(_DATE_KEYS):
        return Reading(None, f"Enter the {_lower_first(f.noun)}", _DATE_KEYS)
    if missing:
        return Reading(None, _include(f.noun, missing), tuple(missing))
    wrong = tuple(key for key in _DATE_KEYS if numbers[key] is None)
    if wrong == ("year",) and _DIGITS.fullmatch(text["year"]) and len(text["year"]) != 4:  # noqa: PLR2004
        return Reading(None, f"{f.noun} must include a year with 4 numbers", wrong)
    if wrong:
        return Reading(None, f"{f.noun} must be a real date", wrong)
    try:
        day = date(numbers["year"] or 0, numbers["month"] or 0, numbers["day"] or 0)
    except ValueError:
        # Each box could be right on its own (31, 2): which is wrong is not clear.
        return Reading(None, f"{f.noun} must be a real date", _DATE_KEYS)
    if f.kind == "date":
        return Reading(day.isoformat(), None)
    missing = [key for key in _TIME_KEYS if not text[key]]
    if len(missing) == len(_TIME_KEYS):
        return Reading(None, f"Enter the {_lower_first(_time_noun(f))}", _TIME_KEYS)
    if missing:
        return Reading(None, _include(_time_noun(f), missing), tuple(missing))
    wrong = tuple(key for key in _TIME_KEYS if numbers[key] is None)
    if wrong:
        return Reading(None, f"{_time_noun(f)} must be a real time", wrong)
    return Reading(f"{day.isoformat()}T{numbers['hour']:02d}:{numbers['minute']:02d}", None)


# A whole value's boxes, loosely: the shape of a stored date, any numbers in it.
_WHOLE = re.compile(
    r"([0-9]{4})-([0-9]{2})-([0-9]{2})(?:T([0-9]{2}):([0-9]{2})(?::[0-9]{2})?"
    r"(?:Z|[+-][0-9]{2}:[0-9]{2})?)?", re.ASCII)


def boxes(f: Field, whole: str) -> dict[str, str] | None:
    """A whole value as the page's boxes show it ("30", "11", "2026", "08", "45"): day
    and month without leading zeros, as typed in the GOV.UK pattern; hour and minute
    with them, as a 24-hour clock reads. None when it is not in a stored date's shape."""
    match = _WHOLE.fullmatch(whole)
    if match is None or (match.group(4) is None) != (f.kind == "date"):
        return None
    year, month, day, hour, minute = match.groups()
    shown = {"day": str(int(day)), "month": str(int(month)), "year": year}
    if f.kind == "datetime":
        shown |= {"hour": hour, "minute": minute}
    return shown


def _read_whole(f: Field, whole: str) -> Reading:
    real = (dates.parse_date(whole) if f.kind == "date"
            else dates.parse_datetime(whole, None)) is not None
    if real:
        return Reading(whole, None)
    shown = boxes(f, whole)
    if shown is not None:
        # The right shape with a box that cannot be right: say which, as for boxes.
        reading = _read_boxes(f, shown)
        if reading.message:
            return reading
    return Reading(None, f"{f.noun} must be a real date", tuple(p.key for p in parts_of(f)))


def read(f: Field, answers: Mapping[str, object]) -> Reading:
    """A date field's answer from its boxes, or else from its whole value."""
    typed = typed_boxes(f, answers)
    if typed is not None:
        return _read_boxes(f, typed)
    whole = answers.get(f.name)
    if not isinstance(whole, str) or whole.strip() == "":
        return Reading(None, "", tuple(p.key for p in parts_of(f)))
    return _read_whole(f, whole)


def value(f: Field, answers: Mapping[str, object]) -> str | None:
    """The field's whole value when it is real: as stored (with its offset, if any) or as
    the boxes give it ("2026-11-30" or "2026-11-30T08:45"); None otherwise."""
    return read(f, answers).value


def as_boxes(answers: Mapping[str, object]) -> dict[str, str | list[str]]:
    """The answers as the page's form shows them: every date field's whole value as its
    boxes. A whole value not in a stored date's shape is kept as it is, so nothing in
    a file is lost (the page has no box for it; validation says it is not a real date)."""
    shown: dict[str, str | list[str]] = {}
    for name, answer in answers.items():
        f = FIELDS.get(name)
        if f is not None and f.kind in DATE_KINDS and isinstance(answer, str):
            split = boxes(f, answer) if typed_boxes(f, answers) is None else {}
            if split is not None:
                shown |= {part_name(name, key): text for key, text in split.items()}
                continue
        if isinstance(answer, (str, list)):
            shown[name] = answer
    return shown
