"""Amendments: each says what it changed, before and after, and names the version it amends,
so the versions form a chain that can be checked; each version has a file name of its own."""

from __future__ import annotations

import copy
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from infoshare import canonical_json, check_sealed, digest, filename_stem, render_all, seal
from infoshare.amend import changes, link_problems, undo
from infoshare.cli import main
from infoshare.parse import RecordError
from infoshare.seal import record_problems

from .conftest import load_case

MADE = datetime.fromisoformat("2026-11-25T14:00:00+00:00")
LATER = datetime.fromisoformat("2026-11-25T16:45:00+00:00")
WHO = {"by": "Sam Lee, deputy designated safeguarding lead", "reason": "Corrected the facts."}


def _versions() -> list[dict[str, Any]]:
    """The amendment_chain case's three versions, each sealed from the one before."""
    case = load_case("amendment_chain")
    versions: list[dict[str, Any]] = []
    for step in [*case["earlier"], case]:
        record, problems = seal(step["answers"], datetime.fromisoformat(step["now"]),
                                versions[-1] if versions else None, step.get("amendment"),
                                step.get("site"))
        assert problems == [] and record is not None
        versions.append(record)
    return versions


def test_each_amendment_holds_every_changed_answer_before_and_after() -> None:
    first, second, third = _versions()
    assert second["amendments"][0]["changes"] == [
        {"field": "decision", "before": "share_all", "after": "share_part"},
        {"field": "shared_opinions", "before": None,
         "after": "The class teacher thinks the child is tired."},
        {"field": "shared_at", "before": "2026-11-20T14:00:00+00:00",
         "after": "2026-11-20T15:00:00+00:00"},
    ]
    latest = third["amendments"][1]
    assert [c["field"] for c in latest["changes"]] == [
        "confidential", "consent", "consent_not_sought_reason", "shared_opinions", "reasons"]
    assert latest["changes"][2] == {"field": "consent_not_sought_reason",
                                    "before": "not_right_basis", "after": None}
    # The history is carried forward unchanged, and each names the version it amends.
    assert third["amendments"][0] == second["amendments"][0]
    assert second["amendments"][0]["previous_sha256"] == first["sha256"]
    assert latest["previous_sha256"] == second["sha256"]
    assert third["created"] == first["created"]


def test_the_versions_link_and_undoing_each_amendment_gives_the_one_before() -> None:
    first, second, third = _versions()
    assert link_problems(first, second) == [] and link_problems(second, third) == []
    assert undo(third["answers"], third["amendments"][1]["changes"]) == second["answers"]
    assert undo(second["answers"], second["amendments"][0]["changes"]) == first["answers"]
    # Not the other way round, and not skipping a version.
    assert link_problems(second, first) and link_problems(first, third)


def _resealed(record: dict[str, Any]) -> dict[str, Any]:
    record["sha256"] = digest(record)
    return record


@pytest.mark.parametrize("tamper", [
    lambda r: r["amendments"][1]["changes"][0].__setitem__("after", "no"),
    # Leaving out a change to an answer an earlier amendment also changed.
    lambda r: r["amendments"][1]["changes"].pop(3),
    lambda r: r["amendments"][0]["changes"].append(
        {"field": "reasons", "before": "x", "after": "y"}),
    lambda r: r["amendments"][1]["changes"][0].__setitem__("field", "no_such_question"),
    lambda r: r["amendments"][1]["changes"][0].__setitem__("before", "yes"),
    lambda r: r["amendments"][1].__setitem__("previous_sha256", None),
    lambda r: r["amendments"][1].__setitem__("changes", None),
    lambda r: r["amendments"][0].__setitem__("previous_sha256", "0" * 63),
    lambda r: r["amendments"].reverse(),
])
def test_an_amendment_history_that_does_not_hold_together_is_damaged(tamper: Any) -> None:
    """Even with its digest recomputed: the changes must lead back from the answers."""
    record = copy.deepcopy(_versions()[2])
    tamper(record)
    with pytest.raises(RecordError) as caught:
        check_sealed(_resealed(record))
    assert caught.value.invalid and "damaged" in caught.value.message


@pytest.mark.parametrize("tamper", [
    lambda r: r["amendments"][1].__setitem__("previous_sha256", "a" * 64),
    lambda r: r["amendments"][1]["changes"][4].__setitem__("before", "Other reasons."),
    lambda r: r["amendments"][1]["changes"].pop(0),
])
def test_the_earlier_version_shows_what_the_record_alone_cannot(tamper: Any) -> None:
    """A changed previous digest, a changed 'before' or a change left out still makes a
    record that holds together on its own (with its digest recomputed): checked against the
    version it amends, the link breaks."""
    _, second, third = _versions()
    record = copy.deepcopy(third)
    tamper(record)
    check_sealed(_resealed(record))
    assert link_problems(second, record)


def test_validate_checks_the_chain_from_the_command_line(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    first, second, third = _versions()
    files = {}
    for name, record in (("first", first), ("second", second), ("third", third)):
        files[name] = tmp_path / f"{name}.json"
        files[name].write_text(canonical_json(record), encoding="utf-8")
    assert main(["validate", str(files["third"]), "--amends", str(files["second"])]) == 0
    assert capsys.readouterr().out.strip() == (
        f"{files['third']}: valid sealed record, an amendment of {files['second']}")
    assert main(["validate", str(files["third"]), "--amends", str(files["first"])]) == 1
    assert "names a different SHA-256 digest" in capsys.readouterr().err


def test_changes_are_in_question_order_and_only_real_changes() -> None:
    before = {"reasons": "a", "urgency": "no", "principles": ["necessary"], "views": "same"}
    after = {"urgency": "yes", "principles": ["necessary", "relevant"], "views": "same",
             "case_reference": "AB"}
    assert changes(before, after) == [
        {"field": "urgency", "before": "no", "after": "yes"},
        {"field": "case_reference", "before": None, "after": "AB"},
        {"field": "principles", "before": ["necessary"], "after": ["necessary", "relevant"]},
        {"field": "reasons", "before": "a", "after": None},
    ]
    assert changes(after, after) == []


def test_an_amendment_that_changes_nothing_is_still_logged() -> None:
    answers = load_case("share_not_confidential")["answers"]
    original, _ = seal(answers, MADE)
    amended, problems = seal(answers, LATER, original, WHO)
    assert problems == [] and amended is not None
    assert amended["amendments"][0]["changes"] == []
    assert record_problems(amended) == []
    files = render_all(amended)
    assert all("No answers were changed." in files[key] for key in ("html", "md", "txt"))


@pytest.mark.parametrize("char", ["\x00", "\x07", "\x1b", "\x7f", "\x85", "\u2028"])
@pytest.mark.parametrize("key", ["by", "reason"])
def test_control_characters_in_an_amendment_are_refused(key: str, char: str) -> None:
    answers = load_case("share_not_confidential")["answers"]
    original, _ = seal(answers, MADE)
    _, problems = seal(answers, LATER, original, {**WHO, key: f"Before{char}after"})
    noun = {"by": "Your name and role", "reason": "Why you are amending this record"}[key]
    assert [(p.field, p.message) for p in problems] == [
        (f"amendment_{key}", f"{noun} must not include hidden control characters")]


@pytest.mark.parametrize(("key", "limit"), [("by", 200), ("reason", 20_000)])
def test_amendment_text_limits_are_exact(key: str, limit: int) -> None:
    answers = load_case("share_not_confidential")["answers"]
    original, _ = seal(answers, MADE)
    _, at_limit = seal(answers, LATER, original, {**WHO, key: "x" * limit})
    _, over = seal(answers, LATER, original, {**WHO, key: "x" * (limit + 1)})
    assert at_limit == []
    assert [p.field for p in over] == [f"amendment_{key}"]
    assert over[0].message.endswith(f"must be {limit:,} characters or fewer")


def test_a_same_day_amendment_is_not_named_like_the_original() -> None:
    answers = load_case("share_not_confidential")["answers"]
    original, _ = seal(answers, MADE)
    once, _ = seal(answers, LATER, original, WHO)
    assert original is not None and once is not None
    twice, _ = seal(answers, LATER, once, WHO)
    assert twice is not None
    names = [filename_stem(r) for r in (original, once, twice)]
    assert names == [
        "information-sharing-decision_JD-0412_2026-11-25",
        "information-sharing-decision_JD-0412_2026-11-25_amended-1",
        "information-sharing-decision_JD-0412_2026-11-25_amended-2",
    ]
