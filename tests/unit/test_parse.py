"""Reading files back: exact round trip, and a clear error for anything else."""

from __future__ import annotations

import json
from typing import Any

import pytest
from infoshare import (
    MAX_BYTES,
    SCHEMA_VERSION,
    RecordError,
    canonical_json,
    check_sealed,
    digest,
    load,
)
from infoshare.canonical import DIGEST_KEY


def reseal(record: dict[str, Any]) -> dict[str, Any]:
    record[DIGEST_KEY] = digest(record)
    return record


def error_of(text: str | bytes) -> str:
    with pytest.raises(RecordError) as info:
        load(text)
    return info.value.message


def test_round_trip_is_exact(example_record: dict[str, Any]) -> None:
    text = canonical_json(example_record)
    loaded = load(text)
    assert loaded.kind == "record" and loaded.record == example_record
    assert canonical_json(loaded.record) == text
    assert load(text.encode("utf-8")).record == example_record
    assert load("\ufeff" + text).record == example_record


def test_canonical_form(example_record: dict[str, Any]) -> None:
    text = canonical_json(example_record)
    assert text.endswith("}\n") and not text.endswith("\n\n")
    assert text == json.dumps(example_record, sort_keys=True, ensure_ascii=False, indent=2,
                              separators=(",", ": ")) + "\n"
    assert example_record[DIGEST_KEY] == digest(example_record)
    assert len(example_record[DIGEST_KEY]) == 64


def test_open_gives_form_answers(example_record: dict[str, Any]) -> None:
    answers = load(canonical_json(example_record)).answers
    assert "decided_at" not in answers and "review_date" not in answers
    assert [answers[f"decided_at-{part}"] for part in ("day", "month", "year", "hour", "minute")
            ] == ["15", "1", "2026", "15", "30"]
    assert [answers[f"review_date-{part}"] for part in ("day", "month", "year")] == [
        "15", "2", "2026"]


def test_altered_record(example_record: dict[str, Any]) -> None:
    example_record["answers"]["reasons"] = "Something else."
    assert "altered since it was sealed" in error_of(canonical_json(example_record))


def test_newer_schema_version(example_record: dict[str, Any]) -> None:
    example_record["schema_version"] = SCHEMA_VERSION + 1
    assert "newer version" in error_of(canonical_json(reseal(example_record)))


def test_newer_draft_version() -> None:
    assert "newer version" in error_of('{"format": "infoshare-draft", "version": 9, "answers": {}}')


@pytest.mark.parametrize("text", ["{}", "[]", '"x"', "3", "null",
                                  '{"format": "something-else"}'])
def test_not_a_record(text: str) -> None:
    assert error_of(text) == "The file is not an information sharing decision record or draft"


# Deep nesting ("[" * 100_000) has its own message: see test_hostile_files.py.
@pytest.mark.parametrize("text", ["", "{", "not json", '{"a": NaN}', '{"a": 1, "a": 2}',
                                  '{"a": ' + "1" * 5000 + "}"])
def test_malformed(text: str) -> None:
    assert error_of(text) == "The file is not a decision record: it is damaged or is not JSON"


def test_not_utf8() -> None:
    assert "UTF-8" in error_of(b"\xff\xfe{}")


def test_too_large() -> None:
    big = " " * (MAX_BYTES + 1)
    assert "larger than 5 MB" in error_of(big)
    assert "larger than 5 MB" in error_of(big.encode())


@pytest.mark.parametrize("mutate", [
    lambda r: r.pop("emergency"),
    lambda r: r.__setitem__("extra", 1),
    lambda r: r["answers"].__setitem__("not_a_field", "x"),
    lambda r: r["answers"].__setitem__("reasons", 5),
    lambda r: r["answers"].__setitem__("principles", "necessary"),
    lambda r: r["answers"].__setitem__("decided_at", "2026-01-15T15:30"),
    lambda r: r.__setitem__("created", "yesterday"),
    lambda r: r.__setitem__("amended", "2026-01-15T15:30:00+00:00"),
    lambda r: r["recommendation"].__setitem__("code", "share_everything"),
    lambda r: r["recommendation"].__setitem__("rules", [8]),
    lambda r: r["recommendation"].__setitem__("followed", "yes"),
    lambda r: r.__setitem__("amendments", [{"at": "x"}]),
    lambda r: r.__setitem__("helper_version", 1),
])
def test_damaged_structure_even_with_a_recomputed_digest(
        example_record: dict[str, Any], mutate: Any) -> None:
    mutate(example_record)
    assert error_of(canonical_json(reseal(example_record))).startswith("The record is damaged")


@pytest.mark.parametrize("bad", [None, "abc", "A" * 64, 5])
def test_digest_missing_or_malformed(example_record: dict[str, Any], bad: Any) -> None:
    example_record[DIGEST_KEY] = bad
    assert "digest is missing" in error_of(canonical_json(example_record))


def test_drafts() -> None:
    loaded = load('{"format": "infoshare-draft", "version": 1, '
                  '"answers": {"urgency": "no", "unknown": "x", "reasons": "a\\r\\nb"}}')
    assert loaded.kind == "draft" and loaded.record is None
    assert loaded.answers == {"urgency": "no", "reasons": "a\nb"}
    assert "answers are missing" in error_of('{"format": "infoshare-draft", "version": 1}')
    assert "version is missing" in error_of('{"format": "infoshare-draft", "answers": {}}')


def test_check_sealed_rejects_non_records() -> None:
    for value in (None, [], {"format": "infoshare-record"}):
        with pytest.raises(RecordError):
            check_sealed(value)
