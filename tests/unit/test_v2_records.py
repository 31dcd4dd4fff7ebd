"""Records sealed by schema version 2 (files saved from that build, in tests/data) still
open, validate, render and amend, and keep the judgement they were sealed with, although
version 3 asks some questions differently and judges the duty to share differently."""

from __future__ import annotations

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
    load,
    recommend,
    render_all,
    seal,
)
from infoshare.amend import link_problems
from infoshare.cli import main
from infoshare.seal import record_problems

from .conftest import ROOT

DATA = ROOT / "tests" / "data"
V2_FILES = ["record-v2-police-request.json", "record-v2-duty-to-share.json",
            "record-v2-adult.json", "record-v2-paragraph-18.json"]
NOW = datetime.fromisoformat("2026-12-05T10:00:00+00:00")
AMENDING = {"by": "Jo Evans, designated safeguarding lead", "reason": "Reviewed the record."}


def _v2(name: str) -> dict[str, Any]:
    loaded = load((DATA / name).read_bytes())
    assert loaded.kind == "record" and loaded.record is not None
    return loaded.record


@pytest.mark.parametrize("name", V2_FILES)
def test_a_version_2_record_opens_validates_and_renders(
        name: str, capsys: pytest.CaptureFixture[str]) -> None:
    record = _v2(name)
    assert record["schema_version"] == 2 < SCHEMA_VERSION
    assert check_sealed(record) is record
    schema = json.loads((DATA / "schema-v2.json").read_text("utf-8"))
    jsonschema.Draft202012Validator(schema).validate(record)
    assert record_problems(record) == []
    assert main(["validate", str(DATA / name)]) == 0
    assert capsys.readouterr().out.strip() == f"{DATA / name}: valid sealed record"
    files = render_all(record)
    assert files["json"] == Path(DATA / name).read_text("utf-8")
    assert "Schema version 2" in files["txt"]


def test_a_version_2_police_request_keeps_the_answer_it_was_given() -> None:
    """Version 2 asked "a legal duty or a statutory request"; the record still says so,
    under the label it was chosen by, not as version 3's "a law requires me to share"."""
    record = _v2("record-v2-police-request.json")
    assert record["answers"]["other_basis"] == "legal_duty"
    assert record["recommendation"]["code"] == "share_legal_duty"
    txt = render_all(record)["txt"]
    assert "Another basis to share without consent: Yes, a legal duty or a statutory request" in txt
    assert "a law requires me to share it" not in txt


def test_a_version_2_record_judged_sharing_under_the_duty_as_following() -> None:
    record = _v2("record-v2-duty-to-share.json")
    assert record["answers"]["decision"] == "share_all"
    assert record["recommendation"]["followed"] is True
    assert record_problems(record) == []
    # The same answers claiming the other judgement are not valid under version 2.
    record["recommendation"]["followed"] = False
    record["sha256"] = digest(record)
    assert record_problems(record)
    # Version 3 judges the same answers a departure.
    answers = _v2("record-v2-duty-to-share.json")["answers"]
    assert recommend(answers).code == "share_duty_to_share"
    _, problems = seal(answers, NOW)
    assert [p.field for p in problems] == ["departure_reason"]


def test_a_version_2_adult_record_shows_the_views_it_was_asked_for() -> None:
    """Version 2 asked every path for the views of the child or family; version 3 asks an
    adult's case for the adult's. The old answer is still shown, under its own label."""
    record = _v2("record-v2-adult.json")
    views = record["answers"]["views"]
    for fmt in ("txt", "md", "html"):
        assert "Views of the child or family" in render_all(record)[fmt]
    assert views in render_all(record)["txt"]
    # Amending asks the version 3 question; the old answer goes into the history.
    answers = load((DATA / "record-v2-adult.json").read_bytes()).answers
    _, problems = seal(answers, NOW, record, AMENDING)
    assert [p.field for p in problems] == ["adult_views"]
    amended, problems = seal({**answers, "adult_views": views}, NOW, record, AMENDING)
    assert problems == [] and amended is not None
    assert amended["schema_version"] == SCHEMA_VERSION
    assert amended["amendments"][-1]["changes"] == [
        {"field": "views", "before": views, "after": None},
        {"field": "adult_views", "before": None, "after": views},
    ] or amended["amendments"][-1]["changes"] == [
        {"field": "adult_views", "before": None, "after": views},
        {"field": "views", "before": views, "after": None},
    ]
    assert link_problems(record, amended) == [] and record_problems(amended) == []


def test_a_version_2_record_is_not_held_to_the_paragraph_18_cross_check() -> None:
    record = _v2("record-v2-paragraph-18.json")
    assert record["answers"]["consent"] == "refused"
    assert record["answers"]["para18_reason"] == "would_prejudice"
    assert record_problems(record) == []
    # Amending it into a version 3 record asks for a reason that fits.
    answers = load((DATA / "record-v2-paragraph-18.json").read_bytes()).answers
    _, problems = seal(answers, NOW, record, AMENDING)
    assert [p.field for p in problems] == ["para18_reason"]


@pytest.mark.parametrize(("change", "message"), [
    ({"other_basis": "law_allows"}, "damaged"),  # an answer version 2 did not offer
    ({"told": "told_some"}, "damaged"),
    ({"told_who": "The child, not the father."}, "unknown answer"),  # a question it did not ask
    ({"adult_views": "She agrees."}, "unknown answer"),
])
def test_a_version_2_record_cannot_hold_what_version_2_did_not_offer(
        change: dict[str, Any], message: str) -> None:
    record = _v2("record-v2-police-request.json")
    record["answers"].update(change)
    record["sha256"] = digest(record)
    if message == "unknown answer":
        with pytest.raises(RecordError, match=message):
            check_sealed(record)
    else:
        assert set(change) <= {p.field for p in record_problems(record)}


def test_a_version_3_record_cannot_hold_the_version_2_answer() -> None:
    record = _v2("record-v2-police-request.json")
    record["schema_version"] = SCHEMA_VERSION
    record["sha256"] = digest(record)
    assert "other_basis" in [p.field for p in record_problems(record)]
