"""Every path through the flow, as data: tests/cases/*.json against tests/golden/.

Set UPDATE_GOLDEN=1 to rewrite the golden files after an intended change
(see tests/README.md), then review the diff.
"""

from __future__ import annotations

import json

import pytest
from infoshare import OUTCOMES, run_case

from .conftest import FORMATS, GOLDEN, UPDATE_GOLDEN, case_names, load_case, stable
from .goldens import REFERENCE, difference, golden_path, rebuild

NAMES = case_names()


@pytest.mark.parametrize("name", NAMES)
def test_case_outcome_and_path(name: str) -> None:
    case = load_case(name)
    result = run_case(case)
    assert result["outcome"] == case["expected_outcome"]
    assert json.loads(result["path"]) == case["expected_path"]
    if "expected_filename" in case:
        assert result["filename"] == case["expected_filename"]


@pytest.mark.parametrize("name", [n for n in NAMES if "steps" in load_case(n)])
def test_case_steps(name: str) -> None:
    """The page's answers page by page (dates in their boxes, typed every which way), and
    the bridge's replies: each problem with the boxes it highlights, and where Continue goes."""
    case = load_case(name)
    replies = json.loads(run_case(case)["steps"])
    assert len(replies) == len(case["steps"]) == len(case["expected_steps"])
    for request, reply, expected in zip(case["steps"], replies, case["expected_steps"],
                                        strict=True):
        assert reply == expected, request["answers"]


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("ext", FORMATS)
def test_case_golden(name: str, ext: str) -> None:
    """The reference case's outputs are held whole; every other case's golden file holds
    only how its output differs from the reference's (goldens.py), so a change to what all
    records share changes one golden file per format, not one per case."""
    produced = stable(run_case(load_case(name)), ext)
    if name == REFERENCE:
        expected = produced
    else:
        reference = stable(run_case(load_case(REFERENCE)), ext)
        expected = difference(reference, produced)
        assert rebuild(reference, expected) == produced, "the difference must hold it all"
    golden = golden_path(name, ext)
    if UPDATE_GOLDEN:
        golden.write_bytes(expected.encode("utf-8"))
    assert golden.exists(), f"no golden file {golden.name}: run with UPDATE_GOLDEN=1"
    assert expected == golden.read_bytes().decode("utf-8")


def test_every_golden_file_has_its_case() -> None:
    """A golden file whose case was removed or renamed would otherwise lie unchecked."""
    wanted = {golden_path(n, e).name for n in NAMES for e in FORMATS}
    present = {p.name for p in GOLDEN.iterdir()}
    assert sorted(present - wanted) == []
    assert sorted(wanted - present) == []


@pytest.mark.parametrize(("before", "after"), [
    ("a\nb\nc\n", "a\nb\nc\n"),
    ("a\nb\nc\n", "a\nB\nc\n"),
    ("a\nb\nc\n", ""),
    ("", "x\n"),
    ("a\nb\n", "a\nb"),                      # the last newline lost
    ("same\n" * 20 + "x\n" + "same\n" * 20, "same\n" * 20 + "y\n" + "same\n" * 20),
    ("@@ not a hunk\n--- nor a header\n", "+++ hostile\n@@\n"),
])
def test_a_difference_rebuilds_exactly_what_it_was_taken_from(before: str, after: str) -> None:
    assert rebuild(before, difference(before, after)) == after


def test_a_difference_shows_a_change_in_a_line_both_share() -> None:
    """The control: a change to a line of the reference alone shows in the reference's
    golden file, and a change to the case alone shows in its difference."""
    base = "".join(f"line {n}\n" for n in range(40))
    case = base.replace("line 30\n", "line thirty\n")
    assert difference(base, case) != difference(base, case.replace("line 5\n", "line five\n"))


def test_run_case_is_deterministic() -> None:
    case = load_case(NAMES[0])
    assert run_case(case) == run_case(json.loads(json.dumps(case)))


def test_cases_cover_every_outcome_and_every_not_sure() -> None:
    cases = [load_case(n) for n in NAMES]
    assert {c["expected_outcome"] for c in cases} == set(OUTCOMES)
    not_sure = {k for c in cases for k, v in c["answers"].items() if v == "not_sure"}
    assert not_sure == {"purpose_clear", "personal_data", "risk_of_harm", "confidential",
                        "other_basis"}
    assert any("departure" in c["expected_path"] for c in cases)
    assert any("amendment" in c for c in cases)
    assert any(c["answers"].get("urgency") == "yes" for c in cases)
