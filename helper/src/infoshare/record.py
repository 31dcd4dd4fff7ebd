"""The decision record: its shape, how it is built from answers, and how it reads back.

A record keeps the answers under the same field names the questions use (one
name per field across the form, the bridge, the file and the schema, so there
is no mapping layer to drift), plus what the guidance pointed to, whether the
decision followed it, and its history. Only fields on the decision's path are
kept: an answer the practitioner changed their mind about is not recorded.

Shape (schema version 3; schema.json describes it):
    format            "infoshare-record"
    schema_version    3
    helper_version    the helper that sealed it
    created, amended  ISO 8601 with offset (amended: null until amended)
    amendments        [{"at", "by", "reason", "changes": [{"field", "before", "after"}],
                        "previous_sha256"}]: what each amendment changed, and the digest
                      of the version it amended (both null for an amendment made by
                      schema version 1, which did not record them)
    emergency         true when shared first in an emergency and recorded afterwards
    answers           field name -> text, or list of text for checkboxes;
                      dates YYYY-MM-DD, times ISO 8601 with offset
    recommendation    {"code", "title", "summary", "reasons", "rules", "followed",
                       "prompts": [{"code", "text"}]}: the prompts shown with it
    site              {"name", "url"} of the site it was made on, or null
    sha256            digest of everything else (infoshare.canonical)

Schema version 1 (still read, validated, rendered and amended) had no "site", no
"prompts", amendments of {"at", "by", "reason"} only, and the Schedule 1 condition
as free text (questions.LEGACY_FIELDS). Version 2 (also still read) has the shape of
version 3; it asked "a legal duty or a statutory request" where version 3 asks
whether a law requires sharing or only allows it (an option kept for it,
questions.Option.until), had no "told some of them" answer and no separate adult's
views, and counted sharing under the duty to share as following the guidance
(infoshare.commencement). Amending an older record makes a version 3 record.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from . import commencement, dateparts, dates, flow
from ._version import __version__
from .amend import AMENDMENT_KEYS, history, history_problem
from .answers import Answers, get, is_shown
from .canonical import DIGEST_KEY, digest
from .dateparts import DATE_KINDS, as_boxes
from .outcomes import OUTCOMES, PROMPTS, SHARE_DECISIONS
from .questions import FIELDS, LEGACY_FIELDS, page
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
SCHEMA_VERSION = 3
RECORD_KEYS = frozenset({
    "format", "schema_version", "helper_version", "created", "amended", "amendments",
    "emergency", "answers", "recommendation", "site", DIGEST_KEY,
})
# What each schema version this helper reads holds.
_KEYS = {1: RECORD_KEYS - {"site"}, 2: RECORD_KEYS, 3: RECORD_KEYS}
_RECOMMENDED = frozenset({"code", "title", "summary", "reasons", "rules", "followed"})
_RECOMMENDATION_KEYS = {1: _RECOMMENDED, 2: _RECOMMENDED | {"prompts"},
                        3: _RECOMMENDED | {"prompts"}}
_AMENDMENT_KEYS = {1: frozenset({"at", "by", "reason"}), 2: AMENDMENT_KEYS, 3: AMENDMENT_KEYS}


def _answer_names(version: int) -> frozenset[str]:
    return frozenset(
        [name for name, f in FIELDS.items() if f.since <= version]
        + [name for name, legacy in LEGACY_FIELDS.items() if version in legacy.versions]
    )


_ANSWER_NAMES = {version: _answer_names(version) for version in _KEYS}

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
            if not is_shown(f, answers):
                continue
            if f.kind in DATE_KINDS:
                # From the boxes, or the whole value; a date that is not real is not kept
                # (sealing refuses it first).
                value: str | list[str] | None = dateparts.value(f, answers)
            else:
                found = answers.get(f.name)
                value = found if isinstance(found, (str, list)) else None
            if value is None:
                continue
            if f.kind == "datetime" and isinstance(value, str):
                before = original.get(f.name) if original is not None else None
                if isinstance(before, str) and dates.same_local_time(before, value):
                    value = before
                else:
                    moment = dates.parse_datetime(value, now.tzinfo)
                    value = dates.to_iso(moment) if moment is not None else value
            kept[f.name] = value
    return kept


def build(answers: Answers, now: datetime, *,
          original: Mapping[str, Any] | None = None,
          amendment: Mapping[str, object] | None = None,
          site: Mapping[str, str] | None = None) -> Record:
    """A sealed record from answers, without validating them (see infoshare.seal).

    With `original` (a sealed record, already checked) this is an amendment of it:
    it keeps the original's creation time and appends to its history what
    `amendment` ({"by", "reason"}) says and what the new answers change.
    """
    stamp = dates.to_iso(now)
    before = original.get("answers") if original is not None else None
    kept = stored_answers(answers, now, before if isinstance(before, Mapping) else None)
    entries = (history(original, amendment or {}, now, kept) if original is not None else [])
    # From the answers kept, so that the record's recommendation always
    # follows from what the record holds (see seal.record_problems).
    recommendation = flow.recommend(kept)
    record: Record = {
        "format": FORMAT,
        "schema_version": SCHEMA_VERSION,
        "helper_version": __version__,
        "created": original["created"] if original is not None else stamp,
        "amended": entries[-1]["at"] if entries else None,
        "amendments": entries,
        # Shared first and recorded afterwards: not when, in an emergency, the
        # decision was not to share (the record must not say something was shared).
        "emergency": flow.is_emergency(kept) and get(kept, "decision") in SHARE_DECISIONS,
        "answers": kept,
        "recommendation": {**recommendation.to_dict(), "followed": flow.followed(
            kept, duty_in_force=commencement.DUTY_TO_SHARE.applies(now))},
        "site": {"name": site["name"], "url": site["url"]} if site is not None else None,
    }
    record[DIGEST_KEY] = digest(record)
    return record


def form_answers(record: Mapping[str, Any]) -> Answers:
    """The record's answers as the page's form shows them: each date in its boxes (a
    time without its offset, which re-saving it unchanged keeps)."""
    stored = record.get("answers")
    return as_boxes(stored) if isinstance(stored, Mapping) else {}


def _is_text_list(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def _is_time(value: object) -> bool:
    if not isinstance(value, str):
        return False
    parsed = dates.parse_datetime(value, None)
    return parsed is not None and parsed.tzinfo is not None


def _is_hex64(value: object) -> bool:
    return isinstance(value, str) and len(value) == 64 and all(  # noqa: PLR2004 (SHA-256)
        c in "0123456789abcdef" for c in value)


def _answers_problem(stored: object, version: int) -> str | None:
    if not isinstance(stored, dict):
        return "its answers are missing"
    for name, value in stored.items():
        if name not in _ANSWER_NAMES[version]:
            return f"it has an unknown answer {name[:40]!r}"
        kind = FIELDS[name].kind if name in FIELDS else LEGACY_FIELDS[name].field.kind
        if kind == "checkboxes" and not _is_text_list(value):
            return f"the answer {name!r} is not a list of text"
        if kind != "checkboxes" and not isinstance(value, str):
            return f"the answer {name!r} is not text"
        if kind == "datetime" and not _is_time(value):
            return f"the answer {name!r} is not a date and time with an offset"
    return None


def _prompts_problem(prompts: object) -> str | None:
    if not isinstance(prompts, list):
        return "its prompts are damaged"
    for prompt in prompts:
        if not (isinstance(prompt, dict) and set(prompt) == {"code", "text"}
                and prompt["code"] in PROMPTS and isinstance(prompt["text"], str)):
            return "its prompts are damaged"
    return None


def _recommendation_problem(rec: object, version: int) -> str | None:
    if not isinstance(rec, dict):
        return "its recommendation is missing"
    if set(rec) != _RECOMMENDATION_KEYS[version]:
        return "its recommendation has the wrong fields"
    if rec["code"] not in OUTCOMES or OUTCOMES[rec["code"]].since > version:
        return "its recommendation is not one the helper knows"
    if not (isinstance(rec["title"], str) and isinstance(rec["summary"], str)
            and _is_text_list(rec["reasons"]) and isinstance(rec["followed"], bool)):
        return "its recommendation is damaged"
    rules = rec["rules"]
    if not (isinstance(rules, list)
            and all(type(r) is int and r in RULE_NUMBERS for r in rules)):
        return "its rule numbers are damaged"
    return _prompts_problem(rec["prompts"]) if "prompts" in rec else None


def _entry_problem(entry: object, version: int) -> bool:
    if not (isinstance(entry, dict) and set(entry) == _AMENDMENT_KEYS[version]
            and _is_time(entry["at"]) and isinstance(entry["by"], str)
            and isinstance(entry["reason"], str)):
        return True
    if version == 1:
        return False
    # Both recorded (schema version 2), or neither (an amendment made by version 1).
    if entry["changes"] is None:
        return entry["previous_sha256"] is not None
    return not _is_hex64(entry["previous_sha256"])


def _history_problem(record: Mapping[str, Any], version: int) -> str | None:
    entries = record["amendments"]
    if not isinstance(entries, list) or any(_entry_problem(e, version) for e in entries):
        return "its amendments are damaged"
    amended = record["amended"]
    if entries and amended != entries[-1]["at"]:
        return "its amendment time is damaged"
    if not entries and amended is not None:
        return "its amendment time is damaged"
    return None


def _site_problem(site: object) -> str | None:
    if site is None:
        return None
    if not (isinstance(site, dict) and set(site) == {"name", "url"}
            and all(isinstance(v, str) for v in site.values())):
        return "its site is damaged"
    return None


def structure_problem(record: Mapping[str, Any]) -> str | None:
    """Why this is not a well-formed record of its schema version, or None.

    The caller has checked that the version is one this helper reads (1 to 3).
    """
    version = record["schema_version"]
    if set(record) != _KEYS[version]:
        return "it has missing or unexpected parts"
    if not isinstance(record["helper_version"], str):
        return "its helper version is damaged"
    if not _is_time(record["created"]):
        return "its creation time is damaged"
    if not isinstance(record["emergency"], bool):
        return "its emergency flag is damaged"
    problem = (_history_problem(record, version)
               or _answers_problem(record["answers"], version)
               or _recommendation_problem(record["recommendation"], version)
               or _site_problem(record.get("site")))
    if problem is None and version != 1:
        problem = history_problem(record["amendments"], record["answers"])
    return problem
