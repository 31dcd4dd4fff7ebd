"""Dates and times: strict parsing of form values, ISO 8601 with offsets, and display.

The page's date boxes (infoshare.dateparts) give "YYYY-MM-DDTHH:MM" with no
offset, as older drafts' datetime-local inputs did; the record stores ISO 8601
with the practitioner's local offset, taken from the `now` the caller supplies.
Display is locale-free so output is identical on CPython and in Pyodide.
"""

from __future__ import annotations

import re
from datetime import date, datetime, tzinfo

__all__ = [
    "MAX_YEAR",
    "MIN_YEAR",
    "display_date",
    "display_datetime",
    "parse_date",
    "parse_datetime",
    "parse_now",
    "same_local_time",
    "to_form",
    "to_iso",
]

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
_DATETIME = re.compile(
    r"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})?)(Z|[+-]\d{2}:\d{2})?", re.ASCII
)
_MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December",
)
# Years outside this range are typing mistakes in a decision record, and
# keeping them out means every stored time has a four-digit year.
MIN_YEAR, MAX_YEAR = 1900, 2999


def parse_date(value: str) -> date | None:
    """A real calendar date in YYYY-MM-DD form, or None."""
    if not _DATE.fullmatch(value):
        return None
    try:
        parsed = date.fromisoformat(value)
    except ValueError:
        return None
    return parsed if MIN_YEAR <= parsed.year <= MAX_YEAR else None


def parse_datetime(value: str, zone: tzinfo | None) -> datetime | None:
    """A real date and time; one without an offset takes `zone` (None: stays naive)."""
    match = _DATETIME.fullmatch(value)
    if not match:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    if not MIN_YEAR <= parsed.year <= MAX_YEAR:
        return None
    if parsed.tzinfo is None and zone is not None:
        parsed = parsed.replace(tzinfo=zone)
    return parsed


def parse_now(value: object) -> datetime:
    """The caller's current local time; ValueError unless it is ISO 8601 with an offset."""
    parsed = parse_datetime(value, None) if isinstance(value, str) else None
    if parsed is None or parsed.tzinfo is None:
        raise ValueError("The current time must be an ISO 8601 date and time with an offset, "
                         "for example 2026-11-25T14:03:00+00:00")
    return parsed


def to_iso(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


def to_form(value: str) -> str:
    """The local date and time a datetime-local input shows for a stored ISO value."""
    match = _DATETIME.fullmatch(value)
    if not match:
        return value
    local = match.group(1)
    # Seconds are dropped only when they are zero: "YYYY-MM-DDTHH:MM:00" becomes "YYYY-MM-DDTHH:MM".
    with_seconds = local.count(":") == 2  # noqa: PLR2004 (HH:MM:SS)
    return local.removesuffix(":00") if with_seconds else local


def same_local_time(stored: str, typed: str) -> bool:
    """Whether a time typed (without an offset, to the minute) is the local time a stored
    value shows: so re-saving a record keeps the stored value, offset and seconds too."""
    before, after = to_form(stored), to_form(typed)
    return before == after or (len(after) == len("YYYY-MM-DDTHH:MM") and before[:16] == after)


def display_date(day: date) -> str:
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def display_datetime(moment: datetime) -> str:
    text = f"{display_date(moment.date())} at {moment.hour:02d}:{moment.minute:02d}"
    delta = moment.utcoffset()
    if delta is not None:
        minutes = int(delta.total_seconds()) // 60
        sign = "+" if minutes >= 0 else "-"
        hours, minutes = divmod(abs(minutes), 60)
        text += f" (UTC{sign}{hours:02d}:{minutes:02d})"
    return text
