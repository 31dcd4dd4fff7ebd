"""Defects found by a hostile review of the command line and the flow, one test each."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from infoshare import recommend, render_html, render_md
from infoshare.cli import main
from infoshare.seal import record_problems, seal

from .conftest import NOW, load_case

# Answers left over from a changed mind: "not sure" about questions that the
# final answers take off the path must not steer what the guidance points to.
_STALE = [
    # personal data changed to "no" after saying "not sure" about risk and confidence
    ("not_personal_data", {"risk_of_harm": "not_sure", "confidential": "not_sure"},
     "not_personal_data"),
    ("not_personal_data", {"confidential": "not_sure"}, "not_personal_data"),
    # an emergency: the chain is not asked at all
    ("emergency", {"personal_data": "not_sure", "confidential": "not_sure"}, "emergency"),
]


@pytest.mark.parametrize(("case", "stale", "code"), _STALE)
def test_off_path_not_sure_answers_do_not_change_the_outcome(
        case: str, stale: dict[str, str], code: str) -> None:
    answers = {**load_case(case)["answers"], **stale}
    assert recommend(answers).code == code
    record, problems = seal(answers, datetime.fromisoformat(NOW))
    assert problems == [] and record is not None
    assert record["recommendation"]["code"] == code
    assert not any(s in json.dumps(record["recommendation"]) for s in ("not sure",))
    # The sealed record's recommendation follows from the answers it keeps.
    assert record_problems(record) == []


def test_seek_advice_risk_note_ignores_an_off_path_risk_answer() -> None:
    answers = {"purpose_clear": "not_sure", "personal_data": "no", "risk_of_harm": "yes"}
    reasons = recommend(answers).reasons
    assert recommend(answers).code == "seek_advice"
    assert not any("risk of harm" in r for r in reasons)


@pytest.mark.parametrize("decision", ["do_not_share", "seeking_advice"])
def test_emergency_not_shared_is_not_called_shared_first(decision: str) -> None:
    answers = dict(load_case("emergency")["answers"])
    answers["decision"] = decision
    answers["departure_reason"] = "The police were already on their way; nothing to add."
    record, problems = seal(answers, datetime.fromisoformat(NOW))
    assert problems == [] and record is not None
    assert record["emergency"] is False
    assert "shared first" not in render_html(record)
    assert "shared first" not in render_md(record)
    # An older record that set the flag for any emergency is not shown as shared either.
    older = {**record, "emergency": True}
    assert "shared first" not in render_html(older)


def test_emergency_shared_is_still_marked() -> None:
    record, _ = seal(load_case("emergency")["answers"], datetime.fromisoformat(NOW))
    assert record is not None and record["emergency"] is True
    assert "shared first" in render_html(record)


def _run(args: list[str], **kwargs: Any) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "infoshare", *args], capture_output=False,
                          stderr=subprocess.PIPE, timeout=60, **kwargs)


def _one_error_line(err: bytes) -> str:
    text = err.decode("utf-8")
    assert "Traceback" not in text
    lines = text.strip().splitlines()
    assert len(lines) == 1, text
    return lines[0]


@pytest.fixture
def big_draft(tmp_path: Path) -> Path:
    """A valid draft whose rendering is larger than a pipe's buffer."""
    answers = dict(load_case("share_risk_of_harm")["answers"])
    answers["decided_at"] = "2026-01-15T15:30"
    answers["request_received_at"] = "2026-01-15T09:40"
    answers["shared_at"] = "2026-01-15T16:00"
    for name in ("reasons", "shared_facts", "purpose", "views"):
        answers[name] = "word " * 3900
    path = tmp_path / "big.json"
    path.write_text(json.dumps({"format": "infoshare-draft", "version": 1, "answers": answers}))
    return path


@pytest.mark.parametrize("fmt", ["html", "md", "json"])
def test_reader_closing_the_pipe_early_is_one_clear_line(big_draft: Path, fmt: str) -> None:
    assert main(["validate", str(big_draft)]) == 0
    # The reader has gone before anything is written: the write fails with EPIPE.
    read, write = os.pipe()
    os.close(read)
    try:
        r = _run(["render", str(big_draft), "--format", fmt], stdout=write)
    finally:
        os.close(write)
    assert r.returncode == 2
    assert _one_error_line(r.stderr) == (
        "infoshare: error: Cannot write to standard output: the pipe was closed before all the "
        "output was read")


@pytest.mark.parametrize(("stdout", "message"), [
    (subprocess.DEVNULL, None),
    ("closed", "infoshare: error: Cannot write to standard output: it is closed"),
    ("/dev/full", "infoshare: error: Cannot write to standard output (No space left on device)"),
])
def test_standard_output_failures(stdout: Any, message: str | None) -> None:
    if stdout == "/dev/full" and not Path("/dev/full").exists():
        pytest.skip("no /dev/full")
    if stdout == "closed":
        r = subprocess.run([sys.executable, "-c",
                            "import os, sys; os.close(1); sys.stdout = None; "
                            "from infoshare.cli import main; sys.exit(main(['example']))"],
                           stderr=subprocess.PIPE, timeout=60)
    elif stdout == "/dev/full":
        with open("/dev/full", "wb") as full:
            r = _run(["example"], stdout=full)
    else:
        r = _run(["example"], stdout=stdout)
    if message is None:
        assert (r.returncode, r.stderr) == (0, b"")
    else:
        assert r.returncode == 2 and _one_error_line(r.stderr) == message


@pytest.mark.parametrize(("name", "shown"), [
    ("bad\nname.json", "'bad\\nname.json'"),
    ("red\x1b[31m.json", "'red\\x1b[31m.json'"),
    ("plain name.json", "plain name.json"),
])
def test_file_names_in_errors_stay_on_one_line(tmp_path: Path, name: str, shown: str,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    missing = str(tmp_path / name)
    assert main(["validate", missing]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "\x1b" not in err
    if shown.startswith("'"):
        assert err.strip().endswith(": No such file") and shown[1:-1] in err
    else:
        assert err.strip().endswith(f"{name}: No such file")


def test_empty_output_name_is_a_usage_error(capsys: pytest.CaptureFixture[str],
                                            tmp_path: Path) -> None:
    from infoshare import canonical_json, example

    path = tmp_path / "record.json"
    path.write_text(canonical_json(example.record()), encoding="utf-8")
    assert main(["render", str(path), "--format", "html", "-o", ""]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.strip() == "infoshare: error: -o: Enter the name of the file to write"


def test_endless_device_is_refused_not_read_forever(capsys: pytest.CaptureFixture[str]) -> None:
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero")
    assert main(["validate", "/dev/zero"]) == 2
    assert capsys.readouterr().err.strip() == (
        "infoshare: error: /dev/zero: The file is larger than 5 MB, so it cannot be a decision "
        "record")


RISK_WITH_DOUBT = {
    "urgency": "no", "purpose_clear": "yes", "personal_data": "yes",
    "risk_of_harm": "yes", "confidential": "not_sure",
}


@pytest.mark.parametrize(
    ("answers", "decision", "followed"),
    [
        (RISK_WITH_DOUBT, "share_all", True),
        (RISK_WITH_DOUBT, "share_part", True),
        (RISK_WITH_DOUBT, "seeking_advice", True),
        (RISK_WITH_DOUBT, "do_not_share", False),
        ({**RISK_WITH_DOUBT, "risk_of_harm": "no"}, "share_all", False),
        ({**RISK_WITH_DOUBT, "risk_of_harm": "not_sure"}, "share_all", False),
    ],
)
def test_sharing_under_risk_while_seeking_advice_is_not_a_departure(
    answers: dict[str, str], decision: str, followed: bool
) -> None:
    from infoshare import flow

    full = {**answers, "decision": decision}
    assert flow.recommend(full).code == "seek_advice"
    assert flow.followed(full) is followed
    assert ("departure" in flow.path(full)) is (not followed)


STEP_NOW = "2026-11-25T12:00:00+00:00"
REQUEST = {"urgency": "no", "case_reference": "AB-1", "request_source": "asked",
           "requester_name": "Sam", "requester_role": "Social worker",
           "requester_organisation": "Council"}


@pytest.mark.parametrize(
    ("page_id", "answers", "field", "message"),
    [
        ("request", {**REQUEST, "request_received_at": "2030-01-01T09:00"},
         "request_received_at", "must be in the past"),
        ("decision_maker", {**REQUEST, "request_received_at": "2026-11-20T09:00",
                            "decided_at": "2026-11-19T09:00"},
         "decided_at", "must be after you received the request"),
    ],
)
def test_step_checks_dates_against_now_where_they_are_typed(
    page_id: str, answers: dict[str, str], field: str, message: str
) -> None:
    from infoshare.bridge import call

    with_now = json.loads(call(json.dumps({"op": "step", "page": page_id, "answers": answers,
                                           "now": STEP_NOW})))
    assert with_now["ok"] is True
    assert any(e["field"] == field and message in e["message"] for e in with_now["errors"])
    # Without the current time the step still answers, checking only what it can.
    without = json.loads(call(json.dumps({"op": "step", "page": page_id, "answers": answers})))
    assert not any(e["field"] == field and message in e["message"] for e in without["errors"])


def test_step_with_a_malformed_now_is_a_clear_error() -> None:
    from infoshare.bridge import call

    reply = json.loads(call(json.dumps({"op": "step", "page": "request", "answers": REQUEST,
                                        "now": "yesterday"})))
    assert reply["ok"] is False and "ISO 8601" in reply["errors"][0]["message"]


def test_sharing_before_the_request_arrived_is_questioned() -> None:
    from infoshare.example import ANSWERS
    from infoshare.validate import validate_answers

    now = datetime.fromisoformat("2026-02-01T12:00:00+00:00")
    assert validate_answers(ANSWERS, now) == []
    early = {**ANSWERS, "shared_at": "2025-03-10T10:00"}
    problems = validate_answers(early, now)
    assert [(p.field, p.message) for p in problems] == [
        ("shared_at", "Date and time of sharing must be after you received the request")]


@pytest.mark.parametrize(
    ("consent", "contradicts"),
    [("given", False), ("refused", True), ("not_sought", True), ("not_yet_asked", True)],
)
def test_consent_as_lawful_basis_must_match_the_consent_answer(consent: str, contradicts: bool) -> None:
    from infoshare.validate import validate_page

    answers = {"consent": consent, "lawful_basis": "consent", "special_category": "no",
               "criminal_offence_data": "no"}
    problems = validate_page("lawful_basis", answers)
    flagged = any(p.field == "lawful_basis" and "other than consent" in p.message for p in problems)
    assert flagged is contradicts
