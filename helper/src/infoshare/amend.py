"""Amending a sealed record: the original creation time stays, and each change is logged.

Rule 7 asks for a record of the decision and its reasons; a record that can be
changed silently is not one. So a re-opened record keeps `created`, and every
amendment appends when, by whom and why, every answer it changed with its value
before and after, and the SHA-256 digest of the version it amends. The versions
form a chain: each names the digest of the one before, and undoing an
amendment's changes gives the answers of the version it amended.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from . import dates
from .questions import FIELDS, LEGACY_FIELDS, Field
from .textsafety import has_control_characters
from .validate import Problem

__all__ = [
    "AMENDMENT_FIELDS",
    "AMENDMENT_KEYS",
    "CHANGE_KEYS",
    "amendment_problems",
    "changes",
    "descent_problems",
    "history",
    "history_problem",
    "link_problems",
    "undo",
]

# Asked on the check page when a saved record is open. The page's form and these
# checks both come from here (the page reads them through infoshare.contract).
# Each field's name is "amendment_" + its key in the amendment.
AMENDMENT_FIELDS: tuple[Field, ...] = (
    Field("amendment_by", "text", "Your name and role", "Amended by", "Your name and role",
          "Enter your name and role", hint="The person making this amendment."),
    Field("amendment_reason", "textarea", "Why are you amending this record?",
          "Why the record was amended", "Why you are amending this record",
          "Enter why you are amending this record",
          hint="The record keeps its original creation time and lists every amendment: "
               "when, by whom, why and what it changed."),
)

# An amendment in a record of schema version 2. "changes" and "previous_sha256" are
# null only for an amendment made by schema version 1, which did not record them.
AMENDMENT_KEYS = frozenset({"at", "by", "reason", "changes", "previous_sha256"})
CHANGE_KEYS = frozenset({"field", "before", "after"})
_ORDER = {name: i for i, name in enumerate([*FIELDS, *LEGACY_FIELDS])}

Value = str | list[str] | None


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


def _value(answers: Mapping[str, object], name: str) -> Value:
    value = answers.get(name)
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        return [v for v in value if isinstance(v, str)]
    return None


def changes(before: Mapping[str, object], after: Mapping[str, object]) -> list[dict[str, Value]]:
    """Every answer that differs, in the order of the questions: its value before and
    after (null where there was, or is, no answer)."""
    names = sorted(set(before) | set(after), key=lambda n: (_ORDER.get(n, len(_ORDER)), n))
    return [
        {"field": name, "before": _value(before, name), "after": _value(after, name)}
        for name in names
        if _value(before, name) != _value(after, name)
    ]


def _earlier(entry: object) -> dict[str, Any]:
    """An amendment from the original, in this schema's shape."""
    given: Mapping[str, Any] = entry if isinstance(entry, Mapping) else {}
    return {"at": given.get("at"), "by": given.get("by"), "reason": given.get("reason"),
            "changes": given.get("changes"), "previous_sha256": given.get("previous_sha256")}


def history(original: Mapping[str, object], amendment: Mapping[str, object], now: datetime,
            answers: Mapping[str, object]) -> list[dict[str, Any]]:
    """The original's amendments with this one appended: the answers it changes (from the
    original's to `answers`, the ones the new version keeps) and the original's digest."""
    before = original.get("amendments")
    entries = [_earlier(e) for e in before] if isinstance(before, list) else []
    stored = original.get("answers")
    entries.append({
        "at": dates.to_iso(now),
        "by": _text(amendment, "by"),
        "reason": _text(amendment, "reason"),
        "changes": changes(stored if isinstance(stored, Mapping) else {}, answers),
        "previous_sha256": original.get("sha256"),
    })
    return entries


def undo(answers: Mapping[str, object], entry_changes: list[dict[str, Any]]) -> dict[str, Any]:
    """The answers before an amendment: each of its changes put back as it was."""
    earlier = dict(answers)
    for change in entry_changes:
        if change["before"] is None:
            earlier.pop(change["field"], None)
        else:
            earlier[change["field"]] = change["before"]
    return earlier


def _is_value(value: object) -> bool:
    return value is None or isinstance(value, str) or (
        isinstance(value, list) and all(isinstance(v, str) for v in value))


def _changes_problem(entry_changes: object) -> str | None:
    if not isinstance(entry_changes, list):
        return "its amendments are damaged"
    seen: set[str] = set()
    for change in entry_changes:
        if not (isinstance(change, dict) and set(change) == CHANGE_KEYS
                and isinstance(change["field"], str) and change["field"] in _ORDER
                and change["field"] not in seen
                and _is_value(change["before"]) and _is_value(change["after"])
                and change["before"] != change["after"]):
            return "an amendment's list of changes is damaged"
        seen.add(change["field"])
    return None


def history_problem(history_entries: list[Any], answers: Mapping[str, object]) -> str | None:
    """Why a schema version 2 history does not hold together, or None.

    Each amendment's changes, undone from the latest back, must lead from the record's
    answers to the answers each earlier version had: an amendment that says a value
    changed to something the next version does not hold is not a true history.
    """
    state = dict(answers)
    recorded = True
    for entry in reversed(history_entries):
        entry_changes = entry["changes"]
        if entry_changes is None:
            recorded = False  # made by schema version 1: nothing before it can be checked
            continue
        if not recorded:
            return "its amendments are in the wrong order"
        problem = _changes_problem(entry_changes)
        if problem is not None:
            return problem
        for change in entry_changes:
            if _value(state, change["field"]) != change["after"]:
                return "an amendment's changes do not match the answers that followed it"
        state = undo(state, entry_changes)
    return None


def link_problems(earlier: Mapping[str, Any], later: Mapping[str, Any]) -> list[Problem]:
    """Whether `later` is an amendment of `earlier` (both sealed and unaltered): its latest
    amendment names the earlier version's digest, and undoing that amendment's changes
    gives the earlier version's answers."""
    found = later.get("amendments")
    entries: list[Any] = found if isinstance(found, list) else []
    latest = entries[-1] if entries else None
    if not isinstance(latest, dict) or latest.get("changes") is None:
        return [Problem(None, "The later record has no amendment that records what it changed")]
    if latest.get("previous_sha256") != earlier.get("sha256"):
        return [Problem(None, "The later record does not amend this one: its last amendment "
                              "names a different SHA-256 digest")]
    if undo(later["answers"], latest["changes"]) != earlier.get("answers"):
        return [Problem(None, "The later record's last amendment does not say every answer "
                              "it changed")]
    if later.get("created") != earlier.get("created"):
        return [Problem(None, "The later record's creation time differs from this one's")]
    before = earlier.get("amendments")
    if [_earlier(e) for e in before or ()] != entries[:-1]:
        return [Problem(None, "The later record's earlier amendments differ from this one's")]
    return []


def descent_problems(earlier: Mapping[str, Any], later: Mapping[str, Any]) -> list[Problem]:
    """Whether `later` is `earlier` or a later version of it, however many amendments on
    (both sealed and unaltered): one of its amendments names the earlier version's digest,
    its history up to there is the earlier version's, and undoing every amendment since
    gives the earlier version's answers.

    This is what shows a change made on purpose, which no digest can: given a copy of an
    earlier version kept somewhere else, every answer that differs must be listed, before
    and after, in an amendment that says who made it and why.
    """
    if later.get("sha256") == earlier.get("sha256"):
        return []
    found = later.get("amendments")
    entries: list[Any] = found if isinstance(found, list) else []
    named = [i for i, e in enumerate(entries)
             if isinstance(e, dict) and e.get("previous_sha256") == earlier.get("sha256")]
    if not named:
        return [Problem(None, "The later record is not a later version of this one: none of "
                              "its amendments names this one's SHA-256 digest")]
    if later.get("created") != earlier.get("created"):
        return [Problem(None, "The later record's creation time differs from this one's")]
    first = named[-1]
    before = earlier.get("amendments")
    if [_earlier(e) for e in before or ()] != entries[:first]:
        return [Problem(None, "The later record's earlier amendments differ from this one's")]
    state: Mapping[str, Any] = later["answers"]
    for entry in reversed(entries[first:]):
        if entry.get("changes") is None:
            return [Problem(None, "An amendment since this version does not record what it "
                                  "changed")]
        state = undo(state, entry["changes"])
    if state != earlier.get("answers"):
        return [Problem(None, "The later record's amendments since this one do not say every "
                              "answer they changed")]
    return []
