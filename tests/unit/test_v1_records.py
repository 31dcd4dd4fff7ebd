"""Records sealed by schema version 1 (files saved from that build, in tests/data) still
open, validate, render and amend (the amendment is a record of the current version)."""

from __future__ import annotations

import copy
import json
from datetime import datetime
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from infoshare import (
    SCHEMA_VERSION,
    RecordError,
    check_sealed,
    digest,
    filename_stem,
    load,
    render_all,
    run_case,
    seal,
)
from infoshare.amend import link_problems
from infoshare.cli import main
from infoshare.seal import record_problems

from .conftest import ROOT, load_case

DATA = ROOT / "tests" / "data"
V1_FILES = ["record-v1-example.json", "record-v1-amended.json"]


def _v1(name: str) -> dict[str, Any]:
    loaded = load((DATA / name).read_bytes())
    assert loaded.kind == "record" and loaded.record is not None
    return loaded.record


@pytest.mark.parametrize("name", V1_FILES)
def test_a_version_1_record_opens_unaltered(name: str) -> None:
    record = _v1(name)
    assert record["schema_version"] == 1
    assert check_sealed(record) is record


@pytest.mark.parametrize("name", V1_FILES)
def test_a_version_1_record_matches_the_version_1_schema(name: str) -> None:
    schema = json.loads((DATA / "schema-v1.json").read_text("utf-8"))
    jsonschema.Draft202012Validator(schema).validate(_v1(name))


@pytest.mark.parametrize("name", V1_FILES)
def test_a_version_1_record_validates(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert record_problems(_v1(name)) == []
    assert main(["validate", str(DATA / name)]) == 0
    assert capsys.readouterr().out.strip() == f"{DATA / name}: valid sealed record"


@pytest.mark.parametrize("name", V1_FILES)
def test_a_version_1_record_renders_in_every_format(name: str) -> None:
    files = render_all(_v1(name))
    assert files["html"].startswith("<!DOCTYPE html>")
    assert files["md"].startswith("# Information sharing decision record")
    assert files["json"] == Path(DATA / name).read_text("utf-8")


AMENDING = {"by": "Jo Evans, designated safeguarding lead", "reason": "Reviewed the record."}
NOW = datetime.fromisoformat("2026-11-26T10:00:00+00:00")


def test_a_version_1_record_is_amended_into_a_current_record() -> None:
    """The first amendment made by a version 1 helper is carried forward as it was (it did
    not record what it changed); the new one records its changes and the version 1 digest."""
    original = _v1("record-v1-amended.json")
    answers = load((DATA / "record-v1-amended.json").read_bytes()).answers
    # Version 2 asks questions version 1 did not: amending asks them too.
    _, problems = seal(answers, NOW, original, AMENDING)
    assert [p.field for p in problems] == ["child_needs_help", "recorded_by_decision_maker"]
    answers = {**answers, "recorded_by_decision_maker": "yes"}
    amended, problems = seal({**answers, "child_needs_help": "no"}, NOW, original, AMENDING)
    assert problems == [] and amended is not None
    assert amended["schema_version"] == SCHEMA_VERSION and amended["created"] == original["created"]
    first, second = amended["amendments"]
    assert first == {**original["amendments"][0], "changes": None, "previous_sha256": None}
    assert second["previous_sha256"] == original["sha256"]
    assert second["changes"] == [
        {"field": "child_needs_help", "before": None, "after": "no"},
        {"field": "recorded_by_decision_maker", "before": None, "after": "yes"}]
    assert record_problems(amended) == [] and link_problems(original, amended) == []
    files = render_all(amended)
    assert "which did not record what it changed" in files["txt"]
    assert filename_stem(amended).endswith("_2026-11-26_amended-2")


def test_a_version_1_schedule_1_condition_gives_way_to_the_choices_that_fit() -> None:
    """Version 1 asked for the Schedule 1 condition as free text. Amending asks for the
    condition that fits the Article 9 choice; the old text stays in the history."""
    original = _v1("record-v1-example.json")
    answers = {**load((DATA / "record-v1-example.json").read_bytes()).answers,
               "recorded_by_decision_maker": "yes"}
    assert "schedule1_condition" in answers
    _, problems = seal(answers, NOW, original, AMENDING)
    assert [p.field for p in problems] == ["schedule1_substantial_public_interest"]
    chosen = {**answers, "schedule1_substantial_public_interest": "para_18",
              "para18_reason": "would_prejudice"}
    amended, problems = seal(chosen, NOW, original, AMENDING)
    assert problems == [] and amended is not None
    assert "schedule1_condition" not in amended["answers"]
    assert amended["amendments"][0]["changes"] == [
        {"field": "schedule1_substantial_public_interest", "before": None, "after": "para_18"},
        {"field": "para18_reason", "before": None, "after": "would_prejudice"},
        {"field": "recorded_by_decision_maker", "before": None, "after": "yes"},
        {"field": "schedule1_condition", "before": original["answers"]["schedule1_condition"],
         "after": None},
    ]
    assert link_problems(original, amended) == []
    assert original["answers"]["schedule1_condition"] in render_all(amended)["txt"]


def test_a_version_1_record_shows_its_free_text_schedule_1_condition() -> None:
    record = _v1("record-v1-example.json")
    files = render_all(record)
    for key in ("html", "txt"):
        assert "Data Protection Act 2018 Schedule 1 condition" in files[key]
        assert record["answers"]["schedule1_condition"] in files[key]


def _resealed_v1(change: dict[str, Any]) -> dict[str, Any]:
    """A version 1 record with some answers changed and its digest recomputed: what a
    version 1 helper could have sealed, for judgements version 2 makes differently."""
    record = copy.deepcopy(_v1("record-v1-amended.json"))
    change = dict(change)
    record["recommendation"] = {**record["recommendation"], **change.pop("recommendation", {})}
    record["answers"].update(change)
    record["sha256"] = digest(record)
    return record


def test_version_1_judged_sharing_while_unsure_about_harm_a_departure() -> None:
    """Version 2 counts sharing while unsure whether a child is at risk as following the
    guidance; a version 1 record that recorded it as a departure is still valid."""
    change: dict[str, Any] = {
        "risk_of_harm": "not_sure",
        "departure_reason": "Shared while waiting for advice.",
        "recommendation": {"code": "seek_advice", "followed": False},
    }
    record = _resealed_v1(change)
    assert check_sealed(record) and record_problems(record) == []
    # The same answers claiming, under version 1, that the decision followed: not valid.
    record["recommendation"]["followed"] = True
    record["sha256"] = digest(record)
    assert record_problems(record)


@pytest.mark.parametrize("change", [
    {"child_needs_help": "no"},  # a question version 1 did not ask
    {"recommendation": {"code": "share_adult_at_risk"}},  # an outcome it could not reach
])
def test_a_version_1_record_cannot_hold_what_version_1_did_not_know(
        change: dict[str, Any]) -> None:
    with pytest.raises(RecordError, match="damaged"):
        check_sealed(_resealed_v1(change))


def test_a_later_record_cannot_hold_the_version_1_free_text() -> None:
    record = copy.deepcopy(json.loads(run_case(load_case("share_risk_of_harm"))["json"]))
    record["answers"]["schedule1_condition"] = "Schedule 1 paragraph 18"
    record["sha256"] = digest(record)
    with pytest.raises(RecordError, match="unknown answer"):
        check_sealed(record)
