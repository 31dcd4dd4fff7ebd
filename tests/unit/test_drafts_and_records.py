"""A draft is never mistaken for a record, and a record is never silently replaced.

- A draft's file name is never a record's, and opening one says it is a draft.
- Once a record exists, a draft saved from its answers carries it, so that finishing the
  draft amends that record (before and after, and its digest) instead of making a second,
  unlinked "original"; the command line seals such a draft as the amendment it is.
- `infoshare validate` and the page's `open` run one validation: a record with any problem
  is flagged with the same messages on both, and is never amended.
- A copy of an earlier version, kept elsewhere, shows a change the digest cannot
  (`infoshare validate FILE --against EARLIER`).
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from infoshare import call, canonical_json, digest, example, load, seal
from infoshare.cli import main
from infoshare.contract import contract
from infoshare.dates import parse_now
from infoshare.filenames import draft_stem, filename_stem

NOW = "2026-01-15T16:30:00+00:00"
LATER = "2026-01-16T09:00:00+00:00"
WHO = {"by": "Jo Evans, deputy DSL", "reason": "The reasons were incomplete."}


def ask(**request: Any) -> dict[str, Any]:
    reply: dict[str, Any] = json.loads(call(json.dumps(request)))
    return reply


def resealed(record: dict[str, Any]) -> dict[str, Any]:
    """The record with its digest worked out again, as anyone who edits a file can."""
    record = {k: v for k, v in record.items() if k != "sha256"}
    return {**record, "sha256": digest(record)}


# ---- 1. drafts are named apart and say what they are ------------------------------------


@pytest.mark.parametrize("reference", ["AB-2026-014", "AB/2026 #14 <i>", "", "../../etc"])
def test_a_draft_never_takes_a_records_name(reference: str) -> None:
    record = example.record()
    record = resealed({**record, "answers": {**record["answers"], "case_reference": reference}})
    day = record["created"][:10]
    assert draft_stem(reference, day) == filename_stem(record) + "_answers-so-far"
    # The page names drafts by the contract's rule; Python gives the same name.
    reply = ask(op="draft", answers={"case_reference": reference}, now=NOW)
    assert reply["filename_stem"] == draft_stem(reference, day)
    assert contract()["file_name"]["draft_suffix"] == "_answers-so-far"


def test_opening_a_draft_says_plainly_it_is_not_a_record(example_answers: dict[str, Any]) -> None:
    opened = ask(op="open", text=ask(op="draft", answers=example_answers)["json"], now=NOW)
    assert opened["record"] is None and opened["separate"] is False
    notice = opened["opened"]
    assert notice["tone"] == "info" and notice["title"] == "You opened a draft"
    assert "It is not a record" in notice["text"]
    # And that finishing it makes a new record: amend an existing one instead.
    assert "open that record instead and amend it" in notice["text"]


def test_a_sound_record_opens_with_no_notice(example_record: dict[str, Any]) -> None:
    opened = ask(op="open", text=canonical_json(example_record), now=NOW)
    assert opened["record"] == example_record and opened["opened"] is None
    assert opened["amending"].startswith("You are amending the record made on 15 January 2026")


# ---- 2. once a record exists, later changes amend it ------------------------------------


def test_a_draft_saved_after_the_record_was_made_finishes_as_its_amendment(
        example_answers: dict[str, Any]) -> None:
    sealed = ask(op="seal", answers=example_answers, now=NOW)
    record = sealed["record"]
    # The seal's reply says which record a later change will amend.
    assert sealed["amending"] == ("You are amending the record made on 15 January 2026 at "
                                  "16:30 (UTC+00:00) by Jo Evans.")
    changed = {**example_answers, "reasons": "Corrected reasons."}
    reply = ask(op="draft", answers=changed, original=record,
                amendment={"by": "Jo", "reason": ""}, now=LATER)
    draft = json.loads(reply["json"])
    assert reply["filename_stem"].endswith("_2026-01-16_answers-so-far")
    assert draft["version"] == 2 and draft["amends"] == record
    assert draft["amendment"] == {"by": "Jo", "reason": ""}

    opened = ask(op="open", text=reply["json"], now=LATER)
    assert opened["record"] == record and opened["separate"] is False
    assert opened["amendment"] == {"by": "Jo", "reason": ""}
    assert opened["opened"]["title"] == "You opened a draft of an amendment"
    assert "Creating the record amends the record made on 15 January 2026" in opened["opened"]["text"]
    # Finished, it is an amendment of that record, never a second original.
    amended = ask(op="seal", answers=opened["answers"], now=LATER, original=opened["record"],
                  amendment=WHO)["record"]
    assert amended["created"] == record["created"]
    assert amended["amendments"][0]["previous_sha256"] == record["sha256"]
    assert amended["amendments"][0]["changes"] == [
        {"field": "reasons", "before": example_answers["reasons"], "after": "Corrected reasons."}]
    assert filename_stem(amended).endswith("_2026-01-16_amended-1")


def test_a_draft_without_a_record_stays_version_1(example_answers: dict[str, Any]) -> None:
    draft = json.loads(ask(op="draft", answers=example_answers)["json"])
    assert draft["version"] == 1 and set(draft) == {"format", "version", "answers"}


def _draft_of_amendment(record: dict[str, Any], **changes: Any) -> dict[str, Any]:
    text = ask(op="draft", answers=example.ANSWERS, original=record, amendment=WHO)["json"]
    draft: dict[str, Any] = json.loads(text)
    draft.update(changes)
    return draft


@pytest.mark.parametrize(("change", "message"), [
    (lambda d: d["amends"]["answers"].__setitem__("reasons", "edited"),
     "the record it amends is not sound. The record has been altered since it was sealed"),
    (lambda d: d.pop("amendment"), "who is amending the record, and why, is missing"),
    (lambda d: d.__setitem__("amendment", {"by": 1, "reason": "x"}),
     "who is amending the record, and why, is missing"),
    (lambda d: d.__setitem__("amends", "not a record"),
     "The file is not an information sharing decision record or draft"),
    (lambda d: d.__setitem__("version", 3), "made by a newer version of the helper (version 3)"),
])
def test_a_damaged_draft_of_an_amendment_is_refused(example_record: dict[str, Any],
                                                     change: Callable[[dict[str, Any]], None],
                                                     message: str) -> None:
    draft = _draft_of_amendment(example_record)
    change(draft)
    reply = ask(op="open", text=json.dumps(draft), now=NOW)
    assert reply["ok"] is False and message in reply["errors"][0]["message"]


def test_the_command_line_seals_a_draft_of_an_amendment_as_an_amendment(
        tmp_path: Path, example_record: dict[str, Any], capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "draft.json"
    path.write_text(json.dumps(_draft_of_amendment(example_record)), encoding="utf-8")
    assert main(["validate", str(path)]) == 0
    assert capsys.readouterr().out.strip().endswith("valid draft of an amendment")
    assert main(["render", str(path), "--format", "json"]) == 0
    rendered = json.loads(capsys.readouterr().out)
    assert rendered["created"] == example_record["created"]
    assert rendered["amendments"][0]["previous_sha256"] == example_record["sha256"]
    assert (rendered["amendments"][0]["by"], rendered["amendments"][0]["reason"]) == (
        WHO["by"], WHO["reason"])
    # Without who and why it is not finished, and is not sealed as anything else.
    path.write_text(json.dumps({**_draft_of_amendment(example_record),
                                "amendment": {"by": "", "reason": ""}}), encoding="utf-8")
    assert main(["render", str(path), "--format", "json"]) == 1
    assert "amendment_by: Enter your name and role" in capsys.readouterr().err


# ---- 3. one validation, on the command line and in the page -----------------------------

def _forged_outcome(r: dict[str, Any]) -> None:
    # Every part of it, so that it reads as a real outcome: only its answers give it away.
    r["recommendation"] = {**r["recommendation"], "code": "not_personal_data",
                           "title": "You may share it: it is not personal data",
                           "summary": "Data protection law does not apply.",
                           "reasons": ["The information does not identify anyone."],
                           "rules": [1], "prompts": []}


def _amended(r: dict[str, Any], when: str = LATER, reasons: str = "Changed.") -> dict[str, Any]:
    record, problems = seal({**example.ANSWERS, "reasons": reasons}, parse_now(when), r, WHO)
    assert record is not None, problems
    return record


HOSTILE_RECORDS: list[tuple[str, Callable[[dict[str, Any]], Any], str]] = [
    ("forged outcome", _forged_outcome,
     "What the record says the guidance pointed to does not follow from its answers"),
    ("forged 'followed'", lambda r: r["recommendation"].update(followed=False),
     "What the record says the guidance pointed to does not follow from its answers"),
    ("javascript: site address", lambda r: r["site"].__setitem__("url", "javascript:alert(1)"),
     "The site's address must start with https:// or http://"),
    ("a date in 2099", lambda r: r["answers"].update(decided_at="2099-01-15T15:30:00+00:00",
                                                     review_date="2099-02-15"),
     "Date the decision was made must be today or in the past"),
    ("an over-long reason", lambda r: r["answers"].__setitem__("reasons", "x" * 20_001),
     "Reasons for your decision must be 20,000 characters or fewer"),
    ("a control character", lambda r: r["answers"].__setitem__("reasons", "a\x1b[31mb"),
     "Reasons for your decision must not include hidden control characters"),
    ("a forged emergency", lambda r: r.update(emergency=True),
     "The record's emergency flag does not follow from its answers"),
    ("made in 2099", lambda r: r.__setitem__("created", "2099-01-15T16:30:00+00:00"),
     "The record says it was made on 15 January 2099 at 16:30 (UTC+00:00), which is in the future"),
    ("a helper version that is not one", lambda r: r.__setitem__("helper_version", "<b>9</b>"),
     "The record's helper version is not a version number"),
    ("an over-long amendment reason",
     lambda r: r["amendments"][0].__setitem__("reason", "y" * 20_001),
     "Amendment 1 says why it was made in more than 20,000 characters"),
    ("an amendment by nobody", lambda r: r["amendments"][0].__setitem__("by", " "),
     "Amendment 1 does not say who made it"),
    ("an amendment with a control character",
     lambda r: r["amendments"][0].__setitem__("by", "Jo\x07"),
     "Amendment 1 says who made it with hidden control characters"),
    ("an amendment before the record",
     lambda r: (r["amendments"][0].__setitem__("at", "2026-01-14T09:00:00+00:00"),
                r.__setitem__("amended", "2026-01-14T09:00:00+00:00")),
     "Amendment 1 is dated before the record was made"),
]
NEEDS_AMENDMENT = {"an over-long amendment reason", "an amendment by nobody",
                   "an amendment with a control character", "an amendment before the record"}


def _hostile(name: str, tamper: Callable[[dict[str, Any]], Any]) -> dict[str, Any]:
    record = example.record()
    if name in NEEDS_AMENDMENT:
        record = _amended(record)
    record = copy.deepcopy(record)
    tamper(record)
    return resealed(record)


@pytest.mark.parametrize(("name", "tamper", "message"), HOSTILE_RECORDS,
                         ids=[h[0] for h in HOSTILE_RECORDS])
def test_the_page_flags_what_validate_finds_with_the_same_messages(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str,
        tamper: Callable[[dict[str, Any]], Any], message: str) -> None:
    record = _hostile(name, tamper)
    # Well formed, and its digest is right: only the content gives it away.
    assert load(canonical_json(record)).record == record
    path = tmp_path / "record.json"
    path.write_text(canonical_json(record), encoding="utf-8")
    assert main(["validate", str(path)]) == 1
    printed = capsys.readouterr().err.strip().splitlines()
    assert any(line.endswith(f": {message}") for line in printed), printed

    # The page's clock, as the command line reads its own.
    now = datetime.now().astimezone().isoformat(timespec="seconds")
    opened = ask(op="open", text=canonical_json(record), now=now)
    assert opened["ok"] is True
    # The same problems, word for word, in the same order.
    assert opened["opened"]["problems"] == [line.split(": ", 1)[1] for line in printed]
    assert opened["opened"]["tone"] == "warning"
    assert opened["opened"]["title"] == "The record has problems"
    # Not amended: creating the record makes a separate one, and the page says so.
    assert opened["record"] is None and opened["separate"] is True and "amending" not in opened
    assert "separate from the file you opened: it does not amend it" in opened["opened"]["text"]
    # Nor through the bridge directly: an amendment cannot replace what was forged.
    refused = ask(op="seal", answers=opened["answers"], now=LATER, original=record, amendment=WHO)
    assert refused["ok"] is False
    assert f"Cannot amend: {message}" in [e["message"] for e in refused["errors"]]


def test_a_draft_carrying_a_record_with_problems_is_flagged_too(example_record: dict[str, Any]) -> None:
    forged = copy.deepcopy(example_record)
    _forged_outcome(forged)
    draft = _draft_of_amendment(resealed(forged))
    opened = ask(op="open", text=json.dumps(draft), now=NOW)
    assert opened["record"] is None and opened["separate"] is True
    assert opened["opened"]["title"] == "The record this draft amends has problems"
    assert opened["opened"]["problems"] == [
        "What the record says the guidance pointed to does not follow from its answers"]


def test_a_sound_record_and_its_amendments_have_no_problems(example_record: dict[str, Any]) -> None:
    for record in (example_record, _amended(example_record)):
        opened = ask(op="open", text=canonical_json(record), now=LATER)
        assert opened["opened"] is None and opened["record"] == record


def test_without_the_pages_clock_no_time_is_called_the_future() -> None:
    tamper = next(t for name, t, _ in HOSTILE_RECORDS if name == "made in 2099")
    record = _hostile("made in 2099", tamper)
    opened = ask(op="open", text=canonical_json(record))
    assert all("in the future" not in p for p in (opened["opened"] or {}).get("problems", []))


# ---- 4. only an earlier copy shows a change made on purpose -----------------------------


def _chain() -> list[dict[str, Any]]:
    first = example.record()
    second = _amended(first)
    return [first, second, _amended(second, "2026-01-17T09:00:00+00:00", "Changed again.")]


def _write(tmp_path: Path, name: str, record: dict[str, Any]) -> str:
    path = tmp_path / f"{name}.json"
    path.write_text(canonical_json(record), encoding="utf-8")
    return str(path)


def test_validate_against_any_earlier_version(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    first, second, third = (_write(tmp_path, n, r) for n, r in zip(("1", "2", "3"), _chain(), strict=True))
    assert main(["validate", third, "--against", first, "--against", second]) == 0
    assert capsys.readouterr().out.strip() == (
        f"{third}: valid sealed record, a later version of {first}, a later version of {second}")
    assert main(["validate", first, "--against", first]) == 0  # the same version
    capsys.readouterr()
    # Not the other way round.
    assert main(["validate", first, "--against", third]) == 1
    assert "none of its amendments names this one's SHA-256 digest" in capsys.readouterr().err


@pytest.mark.parametrize(("tamper", "message"), [
    # An answer changed on purpose, the digest worked out again: the record alone is valid.
    (lambda r: r["answers"].__setitem__("views", "Edited later."),
     "amendments since this one do not say every answer they changed"),
    (lambda r: r.__setitem__("created", "2026-01-15T16:00:00+00:00"),
     "creation time differs from this one's"),
    (lambda r: r["amendments"][0].__setitem__("reason", "A different reason."),
     "earlier amendments differ from this one's"),
])
def test_a_change_made_on_purpose_shows_only_against_an_earlier_copy(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        tamper: Callable[[dict[str, Any]], Any], message: str) -> None:
    first, second, third = _chain()
    edited = copy.deepcopy(third)
    tamper(edited)
    edited = resealed(edited)
    path = _write(tmp_path, "edited", edited)
    assert main(["validate", path]) == 0  # the digest cannot show it
    capsys.readouterr()
    against = second if "earlier amendments" in message else first
    assert main(["validate", path, "--against", _write(tmp_path, "earlier", against)]) == 1
    assert message in capsys.readouterr().err


def test_against_needs_two_sealed_records(tmp_path: Path, example_answers: dict[str, Any],
                                          capsys: pytest.CaptureFixture[str]) -> None:
    draft = tmp_path / "draft.json"
    draft.write_text(ask(op="draft", answers=example_answers)["json"], encoding="utf-8")
    record = _write(tmp_path, "record", example.record())
    assert main(["validate", str(draft), "--against", record]) == 2
    assert main(["validate", record, "--against", str(draft)]) == 2
    assert capsys.readouterr().err.count("--against: both files must be sealed records") == 2
