"""The record's JSON Schema (Draft 2020-12).

schema.json ships in the package and is what `infoshare schema` prints. It is
generated from the questions by `build_schema`, and a unit test fails if the
shipped file and the questions disagree (UPDATE_GOLDEN=1 rewrites it), so the
schema cannot drift from the fields the helper actually asks.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

from .amend import AMENDMENT_KEYS, CHANGE_KEYS
from .canonical import DIGEST_KEY, canonical_json
from .origin import SITE_NAME_MAX, SITE_URL_MAX
from .outcomes import OUTCOMES, PROMPTS
from .questions import FIELDS, LEGACY_FIELDS, Field, offered
from .record import FORMAT, RECORD_KEYS, SCHEMA_VERSION

__all__ = ["build_schema", "load_schema", "schema_text"]

_DATETIME = {"$ref": "#/$defs/datetime"}
_DIGEST = {"type": "string", "pattern": "^[0-9a-f]{64}$"}
# An answer's value in an amendment's list of changes: null where there was no answer.
_VALUE = {"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}},
                    {"type": "null"}]}


def _field_schema(f: Field) -> dict[str, Any]:
    schema: dict[str, Any] = {"title": f.statement}
    if f.hint:
        schema["description"] = f.hint
    values = [o.value for o in offered(f)]
    if f.kind == "radios":
        schema.update(type="string", enum=values)
    elif f.kind == "checkboxes":
        schema.update(type="array", items={"enum": values}, uniqueItems=True, minItems=1)
    elif f.kind == "date":
        schema["$ref"] = "#/$defs/date"
    elif f.kind == "datetime":
        schema.update(_DATETIME)
    else:
        schema.update(type="string", minLength=1, maxLength=f.max_length)
    return schema


def _amendments() -> dict[str, Any]:
    text = {"type": "string"}
    return {
        "type": "array",
        "description": (
            "Every amendment, oldest first: when, by whom and why, every answer it "
            "changed with its value before and after, and the SHA-256 digest of the "
            "version it amended. changes and previous_sha256 are null only for an "
            "amendment made by schema version 1, which did not record them."
        ),
        "items": {
            "type": "object",
            "additionalProperties": False,
            "required": sorted(AMENDMENT_KEYS),
            "properties": {
                "at": _DATETIME, "by": text, "reason": text,
                "changes": {"anyOf": [{"type": "null"}, {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "additionalProperties": False,
                        "required": sorted(CHANGE_KEYS),
                        "properties": {
                            "field": {"enum": [*FIELDS, *LEGACY_FIELDS]},
                            "before": _VALUE,
                            "after": _VALUE,
                        },
                    },
                }]},
                "previous_sha256": {"anyOf": [_DIGEST, {"type": "null"}]},
            },
        },
    }


def _recommendation() -> dict[str, Any]:
    text = {"type": "string"}
    return {
        "type": "object",
        "additionalProperties": False,
        "required": ["code", "followed", "prompts", "reasons", "rules", "summary",
                     "title"],
        "properties": {
            "code": {"enum": sorted(OUTCOMES)},
            "title": text,
            "summary": text,
            "reasons": {"type": "array", "items": text},
            "rules": {"type": "array",
                      "items": {"type": "integer", "minimum": 1, "maximum": 7}},
            "followed": {"type": "boolean"},
            "prompts": {
                "type": "array",
                "description": "Prompts shown with the recommendation.",
                "items": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": ["code", "text"],
                    "properties": {"code": {"enum": sorted(PROMPTS)}, "text": text},
                },
            },
        },
    }


def _site() -> dict[str, Any]:
    return {
        "description": "The site the record was made on, from its settings.",
        "anyOf": [{"type": "null"}, {
            "type": "object",
            "additionalProperties": False,
            "required": ["name", "url"],
            "properties": {
                "name": {"type": "string", "minLength": 1, "maxLength": SITE_NAME_MAX},
                "url": {"type": "string", "pattern": "^https?://",
                        "maxLength": SITE_URL_MAX},
            },
        }],
    }


def build_schema() -> dict[str, Any]:
    text = {"type": "string"}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"urn:x-infoshare:record:{SCHEMA_VERSION}",
        "title": "Information sharing decision record",
        "description": (
            "A practitioner's record of a decision to share, or not to share, information to "
            "safeguard a child. Canonical JSON (sorted keys, UTF-8, two-space indent, trailing "
            "newline); sha256 is the SHA-256 of the canonical JSON of the record without it."
        ),
        "type": "object",
        "additionalProperties": False,
        "required": sorted(RECORD_KEYS),
        "properties": {
            "format": {"const": FORMAT},
            "schema_version": {"const": SCHEMA_VERSION},
            "helper_version": text,
            "created": _DATETIME,
            "amended": {"anyOf": [_DATETIME, {"type": "null"}]},
            "amendments": _amendments(),
            "emergency": {
                "type": "boolean",
                "description": "Shared first in an emergency and recorded afterwards.",
            },
            "answers": {
                "type": "object",
                "additionalProperties": False,
                "properties": {name: _field_schema(f) for name, f in FIELDS.items()},
            },
            "recommendation": _recommendation(),
            "site": _site(),
            DIGEST_KEY: {
                **_DIGEST,
                "description": (
                    "SHA-256 of the canonical JSON of the record without this key. It shows "
                    "accidental change or damage since this version was made, and lets a later "
                    "amendment name this version (previous_sha256). It does not show a change "
                    "made on purpose: anyone who edits the file can recompute it. Only a copy "
                    "of this or an earlier version kept elsewhere shows such a change "
                    "(infoshare validate FILE --against EARLIER)."
                ),
            },
        },
        "$defs": {
            "date": {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"},
            "datetime": {
                "type": "string",
                "description": "ISO 8601 date and time with the local offset.",
                "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2})?"
                           "(Z|[+-][0-9]{2}:[0-9]{2})$",
            },
        },
    }


def schema_text() -> str:
    """The shipped schema.json, exactly as it is on disk."""
    return resources.files("infoshare").joinpath("schema.json").read_text("utf-8")


@cache
def _loaded() -> str:
    return schema_text()


def load_schema() -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(_loaded())
    return schema


def generated_text() -> str:
    return canonical_json(build_schema())
