"""Reading a file back: a sealed record or a draft, or one clear reason why not.

Every failure is a RecordError carrying a sentence for the user; nothing in a
file, however damaged or hostile, gets past `load` as an uncaught exception.
"""

from __future__ import annotations

import json
import re
from typing import Any, NamedTuple

from .answers import Answers, clean
from .canonical import DIGEST_KEY, digest
from .dateparts import as_boxes
from .draft import AMENDING_VERSION, AMENDMENT_KEYS, DRAFT_FORMAT
from .jsondepth import MAX_DEPTH, nested_too_deeply
from .record import FORMAT, SCHEMA_VERSION, Record, form_answers, structure_problem

__all__ = [
    "MAX_BYTES",
    "MAX_DEPTH",
    "TOO_DEEP",
    "TOO_LARGE",
    "Loaded",
    "RecordError",
    "check_sealed",
    "load",
]

# A real record is a few kilobytes and every answer has a length limit (at
# most 20,000 characters); 5 MB refuses a wrong or hostile file before the
# JSON parser spends time and memory on it.
MAX_BYTES = 5 * 1024 * 1024
TOO_LARGE = (f"The file is larger than {MAX_BYTES // (1024 * 1024)} MB, so it cannot be a "
             "decision record")

# Checked before parsing: Python's JSON parser would recurse once per level and,
# in the browser, overflow its stack (see jsondepth.py).
TOO_DEEP = "The file is not a decision record: it is nested too deeply"

_HEX64 = re.compile(r"[0-9a-f]{64}", re.ASCII)


class RecordError(Exception):
    """A file that cannot be opened, with a message fit to show the user.

    `invalid` is True for a file that is a record but fails its checks (altered
    since sealing, or damaged), as opposed to one that is not a record at all
    or cannot be read by this version: the command line exits 1 for the first
    and 2 for the second.
    """

    def __init__(self, message: str, *, invalid: bool = False) -> None:
        super().__init__(message)
        self.message = message
        self.invalid = invalid


class Loaded(NamedTuple):
    kind: str  # "record" or "draft"
    record: Record | None
    # As the page's form shows them: each date in its boxes ("decided_at-day", ...).
    answers: Answers
    # For a draft of an amendment: the sealed record it amends, and what was typed so far
    # about who is amending it and why ({"by", "reason"}).
    amends: Record | None = None
    amendment: dict[str, str] | None = None


def _reject_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise ValueError("duplicate key")
        result[key] = value
    return result


def _reject_constant(name: str) -> Any:
    raise ValueError(name)


def _decode(data: str | bytes) -> Any:
    size = len(data) if isinstance(data, bytes) else len(data.encode("utf-8", "surrogatepass"))
    if size > MAX_BYTES:
        raise RecordError(TOO_LARGE)
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8")
        except UnicodeDecodeError:
            raise RecordError("The file is not a decision record: it is not UTF-8 text") from None
    data = data.removeprefix("\ufeff")
    if nested_too_deeply(data, MAX_DEPTH):
        raise RecordError(TOO_DEEP)
    try:
        return json.loads(data, object_pairs_hook=_reject_duplicates,
                          parse_constant=_reject_constant)
    except (ValueError, RecursionError):
        raise RecordError(
            "The file is not a decision record: it is damaged or is not JSON"
        ) from None


def _newer(kind: str, version: object) -> None:
    raise RecordError(
        f"This {kind} was made by a newer version of the helper (version {version}). "
        "Open it with the newer version"
    )


def check_sealed(record: Any) -> Record:
    """The record itself if it is a sealed record this helper can read and is unaltered."""
    if not isinstance(record, dict) or record.get("format") != FORMAT:
        raise RecordError("The file is not an information sharing decision record or draft")
    version = record.get("schema_version")
    if type(version) is not int or version < 1:
        raise RecordError("The record is damaged: its schema version is missing")
    if version > SCHEMA_VERSION:
        _newer("record", version)
    stated = record.get(DIGEST_KEY)
    if not isinstance(stated, str) or not _HEX64.fullmatch(stated):
        raise RecordError("The record is damaged: its SHA-256 digest is missing", invalid=True)
    if digest(record) != stated:
        raise RecordError(
            "The record has been altered since it was sealed: its content does not match its "
            "SHA-256 digest",
            invalid=True,
        )
    problem = structure_problem(record)
    if problem is not None:
        raise RecordError(f"The record is damaged: {problem}", invalid=True)
    return record


def _draft(value: dict[str, Any]) -> Loaded:
    version = value.get("version")
    if type(version) is not int or version < 1:
        raise RecordError("The draft is damaged: its version is missing")
    if version > AMENDING_VERSION:
        _newer("draft", version)
    if not isinstance(value.get("answers"), dict):
        raise RecordError("The draft is damaged: its answers are missing")
    # Dates in their boxes, as for a record: a draft may hold whole values.
    answers = as_boxes(clean(value["answers"]))
    if version == 1 or value.get("amends") is None:
        return Loaded("draft", None, answers)
    # The record it amends must be as sound as a record opened by itself.
    try:
        amends = check_sealed(value["amends"])
    except RecordError as exc:
        raise RecordError(f"The draft cannot be opened, because the record it amends is not "
                          f"sound. {exc.message}", invalid=exc.invalid) from None
    given = value.get("amendment")
    if not (isinstance(given, dict) and set(given) == set(AMENDMENT_KEYS)
            and all(isinstance(v, str) for v in given.values())):
        raise RecordError("The draft is damaged: who is amending the record, and why, is "
                          "missing")
    return Loaded("draft", None, answers, amends, dict(given))


def load(data: str | bytes) -> Loaded:
    """A sealed record or a draft from a file's contents; RecordError otherwise."""
    value = _decode(data)
    if isinstance(value, dict) and value.get("format") == DRAFT_FORMAT:
        return _draft(value)
    record = check_sealed(value)
    return Loaded("record", record, form_answers(record))
