"""The decision record: its shape, how it is built from answers, and how it reads back.

A record keeps the answers under the same field names the questions use (one
name per field across the form, the bridge, the file and the schema, so there
is no mapping layer to drift), plus what the guidance pointed to, whether the
decision followed it, and its history. Only fields on the decision's path are
kept: an answer the practitioner changed their mind about is not recorded.

Shape (schema version 1; schema.json describes it):
    format            "infoshare-record"
    schema_version    1
    helper_version    the helper that sealed it
    created, amended  ISO 8601 with offset (amended: null until amended)
    amendments        [{"at", "by", "reason"}]
    emergency         true when shared first in an emergency and recorded afterwards
    answers           field name -> text, or list of text for checkboxes;
                      dates YYYY-MM-DD, times ISO 8601 with offset
    recommendation    {"code", "title", "summary", "reasons", "rules", "followed"}
    sha256            digest of everything else (infoshare.canonical)
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from . import dates, flow
from ._version import __version__
from .answers import Answers, get, is_shown
from .canonical import DIGEST_KEY, digest
from .outcomes import OUTCOMES, SHARE_DECISIONS
from .questions import FIELDS, page
from .rules import RULES

__all__ = [
    "FORMAT",
    "RECORD_KEYS",
    "SCHEMA_VERSION",
    "Record",
    "build",
    "form_answers",
    "stored_answers",
    "structure_problem",
]

FORMAT = "infoshare-record"
SCHEMA_VERSION = 1
RECORD_KEYS = frozenset({
    "format", "schema_version", "helper_version", "created", "amended", "amendments",
    "emergency", "answers", "recommendation", DIGEST_KEY,
})

Record = dict[str, Any]
RULE_NUMBERS = frozenset(r.number for r in RULES)


def stored_answers(answers: Answers, now: datetime,
                   original: Mapping[str, object] | None = None) -> Answers:
    """The answers to keep: fields on the path and shown, times given an offset.

    A time from the original record keeps its original offset when its local
    time is unchanged, so amending in winter does not shift a summer time.
    """
    kept: Answers = {}
    for page_id in flow.path(answers):
        for f in page(page_id).fields:
            value = answers.get(f.name)
            if value is None or not is_shown(f, answers):
                continue
            if f.kind == "datetime" and isinstance(value, str):
                before = original.get(f.name) if original is not None else None
                if isinstance(before, str) and dates.to_form(before) == dates.to_form(value):
                    value = before
                else:
                    moment = dates.parse_datetime(value, now.tzinfo)
                    value = dates.to_iso(moment) if moment is not None else value
            kept[f.name] = value
    return kept


def build(answers: Answers, now: datetime, *,
          created: str | None = None,
          amendments: list[dict[str, str]] | None = None,
          original_answers: Mapping[str, object] | None = None) -> Record:
    """A sealed record from answers, without validating them (see infoshare.seal)."""
    stamp = dates.to_iso(now)
    history = list(amendments or [])
    kept = stored_answers(answers, now, original_answers)
    # From the answers kept, so that the record's recommendation always
    # follows from what the record holds (see seal.record_problems).
    recommendation = flow.recommend(kept)
    record: Record = {
        "format": FORMAT,
        "schema_version": SCHEMA_VERSION,
        "helper_version": __version__,
        "created": created if created is not None else stamp,
        "amended": history[-1]["at"] if history else None,
        "amendments": history,
        # Shared first and recorded afterwards: not when, in an emergency, the
        # decision was not to share (the record must not say something was shared).
        "emergency": flow.is_emergency(kept) and get(kept, "decision") in SHARE_DECISIONS,
        "answers": kept,
        "recommendation": {**recommendation.to_dict(), "followed": flow.followed(kept)},
    }
    record[DIGEST_KEY] = digest(record)
    return record


def form_answers(record: Mapping[str, Any]) -> Answers:
    """The record's answers as a form shows them (times without their offset)."""
    answers: Answers = {}
    stored = record.get("answers")
    if not isinstance(stored, Mapping):
        return answers
    for name, value in stored.items():
        if name in FIELDS and FIELDS[name].kind == "datetime" and isinstance(value, str):
            value = dates.to_form(value)
        if isinstance(value, (str, list)):
            answers[name] = value
    return answers


def _is_text_list(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def _is_time(value: object) -> bool:
    if not isinstance(value, str):
        return False
    parsed = dates.parse_datetime(value, None)
    return parsed is not None and parsed.tzinfo is not None


def _answers_problem(stored: object) -> str | None:
    if not isinstance(stored, dict):
        return "its answers are missing"
    for name, value in stored.items():
        if name not in FIELDS:
            return f"it has an unknown answer {name[:40]!r}"
        kind = FIELDS[name].kind
        if kind == "checkboxes" and not _is_text_list(value):
            return f"the answer {name!r} is not a list of text"
        if kind != "checkboxes" and not isinstance(value, str):
            return f"the answer {name!r} is not text"
        if kind == "datetime" and not _is_time(value):
            return f"the answer {name!r} is not a date and time with an offset"
    return None


def _recommendation_problem(rec: object) -> str | None:
    if not isinstance(rec, dict):
        return "its recommendation is missing"
    if set(rec) != {"code", "title", "summary", "reasons", "rules", "followed"}:
        return "its recommendation has the wrong fields"
    if rec["code"] not in OUTCOMES:
        return "its recommendation is not one the helper knows"
    if not (isinstance(rec["title"], str) and isinstance(rec["summary"], str)
            and _is_text_list(rec["reasons"]) and isinstance(rec["followed"], bool)):
        return "its recommendation is damaged"
    rules = rec["rules"]
    if not (isinstance(rules, list)
            and all(type(r) is int and r in RULE_NUMBERS for r in rules)):
        return "its rule numbers are damaged"
    return None


def _history_problem(record: Mapping[str, Any]) -> str | None:
    history = record["amendments"]
    if not isinstance(history, list):
        return "its amendments are damaged"
    for entry in history:
        if not (isinstance(entry, dict) and set(entry) == {"at", "by", "reason"}
                and _is_time(entry["at"]) and isinstance(entry["by"], str)
                and isinstance(entry["reason"], str)):
            return "its amendments are damaged"
    amended = record["amended"]
    if history and amended != history[-1]["at"]:
        return "its amendment time is damaged"
    if not history and amended is not None:
        return "its amendment time is damaged"
    return None


def structure_problem(record: Mapping[str, Any]) -> str | None:
    """Why this is not a well-formed record of the current schema, or None."""
    if set(record) != RECORD_KEYS:
        return "it has missing or unexpected parts"
    if not isinstance(record["helper_version"], str):
        return "its helper version is damaged"
    if not _is_time(record["created"]):
        return "its creation time is damaged"
    if not isinstance(record["emergency"], bool):
        return "its emergency flag is damaged"
    for check in (_history_problem(record), _answers_problem(record["answers"]),
                  _recommendation_problem(record["recommendation"])):
        if check is not None:
            return check
    return None
