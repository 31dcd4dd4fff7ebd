"""Amending a sealed record: the original creation time stays, the change is logged.

Rule 7 asks for a record of the decision and its reasons; a record that can be
changed silently is not one. So a re-opened record keeps `created`, and every
change appends when, by whom and why.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from . import dates
from .questions import TEXT_MAX, TEXTAREA_MAX
from .textsafety import has_control_characters
from .validate import Problem

__all__ = ["amendment_problems", "history"]


def _text(amendment: Mapping[str, object], key: str) -> str:
    value = amendment.get(key)
    return value.replace("\r\n", "\n").replace("\r", "\n") if isinstance(value, str) else ""


def amendment_problems(amendment: object) -> list[Problem]:
    """Problems with who is amending and why (field names amendment_by, amendment_reason)."""
    given = amendment if isinstance(amendment, Mapping) else {}
    problems: list[Problem] = []
    checks = (
        ("by", "amendment_by", "Enter your name and role", "Your name and role", TEXT_MAX),
        ("reason", "amendment_reason", "Enter why you are changing this record",
         "Why you are changing this record", TEXTAREA_MAX),
    )
    for key, name, missing, noun, limit in checks:
        text = _text(given, key)
        if text.strip() == "":
            problems.append(Problem(name, missing))
        elif len(text) > limit:
            problems.append(Problem(name, f"{noun} must be {limit:,} characters or fewer"))
        elif has_control_characters(text):
            problems.append(Problem(name, f"{noun} must not include hidden control characters"))
    return problems


def history(original: Mapping[str, object], amendment: Mapping[str, object],
            now: datetime) -> list[dict[str, str]]:
    """The original's amendments with this one appended."""
    before = original.get("amendments")
    entries = [dict(e) for e in before if isinstance(e, dict)] if isinstance(before, list) else []
    entries.append({"at": dates.to_iso(now), "by": _text(amendment, "by"),
                    "reason": _text(amendment, "reason")})
    return entries
