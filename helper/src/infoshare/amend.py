"""Amending a sealed record: the original creation time stays, the change is logged.

Rule 7 asks for a record of the decision and its reasons; a record that can be
changed silently is not one. So a re-opened record keeps `created`, and every
change appends when, by whom and why.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from . import dates
from .questions import Field
from .textsafety import has_control_characters
from .validate import Problem

__all__ = ["AMENDMENT_FIELDS", "amendment_problems", "history"]

# Asked on the check page when a saved record is open. The page's form and these
# checks both come from here (the page reads them through infoshare.contract).
# Each field's name is "amendment_" + its key in the amendment.
AMENDMENT_FIELDS: tuple[Field, ...] = (
    Field("amendment_by", "text", "Your name and role", "Your name and role",
          "Enter your name and role", hint="The person making this amendment."),
    Field("amendment_reason", "textarea", "Why are you amending this record?",
          "Why you are amending this record", "Enter why you are amending this record",
          hint="The record keeps its original creation time and lists every amendment: "
               "when, by whom and why."),
)


def _text(amendment: Mapping[str, object], key: str) -> str:
    value = amendment.get(key)
    return value.replace("\r\n", "\n").replace("\r", "\n") if isinstance(value, str) else ""


def amendment_problems(amendment: object) -> list[Problem]:
    """Problems with who is amending and why (field names amendment_by, amendment_reason)."""
    given = amendment if isinstance(amendment, Mapping) else {}
    problems: list[Problem] = []
    for f in AMENDMENT_FIELDS:
        text = _text(given, f.name.removeprefix("amendment_"))
        if text.strip() == "":
            problems.append(Problem(f.name, f.missing))
        elif len(text) > f.max_length:
            problems.append(Problem(f.name, f"{f.noun} must be {f.max_length:,} characters or fewer"))
        elif has_control_characters(text):
            problems.append(Problem(f.name, f"{f.noun} must not include hidden control characters"))
    return problems


def history(original: Mapping[str, object], amendment: Mapping[str, object],
            now: datetime) -> list[dict[str, str]]:
    """The original's amendments with this one appended."""
    before = original.get("amendments")
    entries = [dict(e) for e in before if isinstance(e, dict)] if isinstance(before, list) else []
    entries.append({"at": dates.to_iso(now), "by": _text(amendment, "by"),
                    "reason": _text(amendment, "reason")})
    return entries
