"""Dates typed in boxes (infoshare.dateparts): what the page sends, what files hold, how
each is read, worded and given back. The page's replies for typed boxes, hostile ones
included, are in tests/cases/date_boxes.json (run on CPython and in Pyodide)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from typing import Any

import pytest
from infoshare import FIELDS, call, clean, validate_answers
from infoshare.contract import contract
from infoshare.dateparts import as_boxes, boxes, read, value
from infoshare.dates import parse_now

from .conftest import ROOT

NOW = parse_now("2026-01-15T16:30:00+00:00")
DATE_FIELDS = [f for f in FIELDS.values() if f.kind in ("date", "datetime")]


def ask(**request: Any) -> dict[str, Any]:
    response: dict[str, Any] = json.loads(call(json.dumps(request)))
    return response


def typed(field: str, *texts: str) -> dict[str, str]:
    keys = ("day", "month", "year", "hour", "minute")
    return {f"{field}-{key}": text for key, text in zip(keys, texts, strict=False)}


def test_the_date_fields_are_the_ones_the_record_needs() -> None:
    assert {f.name: f.kind for f in DATE_FIELDS} == {
        "request_received_at": "datetime", "shared_at": "datetime", "advice_at": "datetime",
        "decided_at": "datetime", "review_date": "date"}


@pytest.mark.parametrize("f", DATE_FIELDS, ids=lambda f: f.name)
def test_every_date_fields_messages_read_well(f: Any) -> None:
    """Each message names the field the GOV.UK way: the date's noun for the date's boxes,
    the time's for the time's."""
    assert f.noun.startswith(("Date ", "Review date")), f.noun
    problems = {
        "month": read(f, typed(f.name, "3", "", "2026", "10", "00")).message,
        "real date": read(f, typed(f.name, "31", "4", "2026", "10", "00")).message,
    }
    assert problems == {"month": f"{f.noun} must include a month",
                        "real date": f"{f.noun} must be a real date"}
    if f.kind == "datetime":
        assert f.time_noun == "Time " + f.noun.removeprefix("Date ")
        assert read(f, typed(f.name, "3", "4", "2026", "", "00")).message == (
            f"{f.time_noun} must include an hour")
        assert read(f, typed(f.name, "3", "4", "2026", "10", "61")).message == (
            f"{f.time_noun} must be a real time")
        assert read(f, typed(f.name, "3", "4", "2026")).message == (
            "Enter the " + f.time_noun[0].lower() + f.time_noun[1:])
        assert f.missing.startswith("Enter the date and time ")
    else:
        assert f.time_noun is None


@pytest.mark.parametrize(("texts", "whole"), [
    (("30", "11", "2026", "08", "45"), "2026-11-30T08:45"),
    (("5", "3", "2026", "0", "0"), "2026-03-05T00:00"),
    (("05", "03", "2026", "23", "59"), "2026-03-05T23:59"),
    (("000005", "0003", "2026", "0008", "00045"), "2026-03-05T08:45"),
])
def test_boxes_give_the_whole_value(texts: tuple[str, ...], whole: str) -> None:
    assert value(FIELDS["decided_at"], typed("decided_at", *texts)) == whole


def test_the_boxes_win_over_a_whole_value_and_a_box_sent_empty_still_counts() -> None:
    f = FIELDS["decided_at"]
    answers = {"decided_at": "2026-01-15T15:30", **typed("decided_at", "", "", "", "", "")}
    assert read(f, answers).message == ""  # nothing entered: the whole value does not count
    assert clean(answers) == {}
    answers |= typed("decided_at", "14", "1", "2026", "9", "5")
    assert clean(answers) == typed("decided_at", "14", "1", "2026", "9", "5")
    assert value(f, clean(answers)) == "2026-01-14T09:05"


@pytest.mark.parametrize("raw", [
    {"decided_at-second": "5"}, {"urgency-day": "1"}, {"reasons-year": "2026"},
    {"decided_at-day": 5}, {"decided_at-day": None}, {"decided_at-day": ["5"]},
    {"decided_at-day": ""}, {"-day": "5"}, {"decided_at-Day": "5"},
])
def test_clean_keeps_only_the_text_boxes_of_date_fields(raw: dict[str, Any]) -> None:
    assert clean(raw) == {}


def test_clean_keeps_boxes_as_typed() -> None:
    raw = typed("review_date", " 5 ", "\u0663", "2026\r\n")
    assert clean(raw) == raw


@pytest.mark.parametrize(("name", "whole", "shown"), [
    ("decided_at", "2026-11-30T08:45", ["30", "11", "2026", "08", "45"]),
    ("decided_at", "2026-03-05T08:05:00+01:00", ["5", "3", "2026", "08", "05"]),
    ("decided_at", "2026-03-05T23:59:30Z", ["5", "3", "2026", "23", "59"]),
    ("review_date", "2027-01-05", ["5", "1", "2027"]),
])
def test_a_whole_value_shows_in_boxes_as_the_page_shows_them(name: str, whole: str,
                                                             shown: list[str]) -> None:
    keys = ["day", "month", "year", "hour", "minute"][:len(shown)]
    assert boxes(FIELDS[name], whole) == dict(zip(keys, shown, strict=True))
    assert as_boxes({name: whole, "reasons": "R"}) == {**typed(name, *shown), "reasons": "R"}


@pytest.mark.parametrize(("name", "whole"), [
    ("decided_at", "2026-11-30"), ("review_date", "2026-11-30T08:45"), ("decided_at", "soon"),
    ("decided_at", "2026-11-30T08:45:00+01:00junk"), ("review_date", "30/11/2026"),
])
def test_a_whole_value_that_cannot_be_boxed_is_kept_and_is_a_problem(name: str,
                                                                     whole: str) -> None:
    """Nothing in a file is dropped on opening it; validation says it is not a real date."""
    assert boxes(FIELDS[name], whole) is None
    assert as_boxes({name: whole}) == {name: whole}
    reading = read(FIELDS[name], {name: whole})
    assert reading.value is None and reading.message == f"{FIELDS[name].noun} must be a real date"


def test_a_draft_of_boxes_half_typed_keeps_them_as_typed() -> None:
    answers = {"urgency": "no", **typed("decided_at", "31", "2", " 2026", "", "7")}
    text = ask(op="draft", answers=answers)["json"]
    kept = {k: v for k, v in answers.items() if v != ""}  # an empty box, like any empty answer
    assert json.loads(text)["answers"] == kept
    opened = ask(op="open", text=text)
    assert opened["answers"] == kept
    errors = ask(op="step", page="decision_time", answers=opened["answers"])["errors"]
    assert errors == [{"field": "decided_at", "message": "Date the decision was made must be a "
                                                        "real date", "parts": ["day", "month", "year"]}]


def test_sealing_keeps_whole_values_with_the_offset(example_answers: dict[str, Any]) -> None:
    boxed = {k: v for k, v in example_answers.items() if k not in ("decided_at", "review_date")}
    boxed |= typed("decided_at", "15", "1", "2026", "15", "30") | typed("review_date", "15", "2",
                                                                           "2026")
    reply = ask(op="seal", answers=boxed, now="2026-01-15T16:30:00-05:00")
    stored = reply["record"]["answers"]
    assert stored["decided_at"] == "2026-01-15T15:30:00-05:00"
    assert stored["review_date"] == "2026-02-15"
    assert not [name for name in stored if "-" in name]


def test_sealing_half_typed_boxes_says_what_is_missing(example_answers: dict[str, Any]) -> None:
    boxed = {k: v for k, v in example_answers.items() if k != "advice_at"}
    boxed |= typed("advice_at", "15", "", "2026", "11", "15")
    reply = ask(op="seal", answers=boxed, now="2026-01-15T16:30:00+00:00")
    assert reply == {"ok": False, "errors": [{
        "field": "advice_at", "message": "Date advice was given must include a month",
        "parts": ["month"]}]}


def test_problems_with_other_fields_name_no_boxes(example_answers: dict[str, Any]) -> None:
    del example_answers["reasons"]
    assert ask(op="seal", answers=example_answers, now="2026-01-15T16:30:00+00:00")["errors"] == [
        {"field": "reasons", "message": "Enter the reasons for your decision"}]


def test_a_missing_date_highlights_every_box(example_answers: dict[str, Any]) -> None:
    del example_answers["decided_at"]
    assert [p.to_dict() for p in validate_answers(example_answers, NOW)] == [{
        "field": "decided_at", "message": "Enter the date and time the decision was made",
        "parts": ["day", "month", "year", "hour", "minute"]}]


EXAMPLE_DATE_FIELD = {
    "name": "decided_at", "id": "f-decided_at", "kind": "datetime",
    "label": "When was the decision made?",
    "hint": "For example, 27 3 2026. Use the 24-hour clock, for example 14 30.",
    "required": True, "max_length": None, "options": [], "show_if": None,
    "parts": [
        {"part": "day", "name": "decided_at-day", "id": "f-decided_at", "label": "Day", "width": 2},
        {"part": "month", "name": "decided_at-month", "id": "f-decided_at-month", "label": "Month",
         "width": 2},
        {"part": "year", "name": "decided_at-year", "id": "f-decided_at-year", "label": "Year",
         "width": 4},
        {"part": "hour", "name": "decided_at-hour", "id": "f-decided_at-hour", "label": "Hour",
         "width": 2},
        {"part": "minute", "name": "decided_at-minute", "id": "f-decided_at-minute",
         "label": "Minute", "width": 2},
    ],
    "now_button": True,
}


def test_the_contract_gives_each_date_its_boxes() -> None:
    fields = {f["name"]: f for p in contract()["pages"] for f in p["fields"]}
    assert fields["decided_at"] == EXAMPLE_DATE_FIELD
    review = fields["review_date"]
    assert [p["part"] for p in review["parts"]] == ["day", "month", "year"]
    assert review["hint"] == "For example, 27 3 2026." and review["now_button"] is False
    assert fields["shared_at"]["hint"] == (
        "Type the time it was shared, or will be. In an emergency, the time you shared it, not "
        "the time you are making this record. For example, 27 3 2026. Use the 24-hour clock, "
        "for example 14 30.")
    # "Use the time now" only where the time is usually now: the decision. Never the time of
    # sharing, which in an emergency is before the record is made: it is always typed.
    assert {name for name, f in fields.items() if f.get("now_button")} == {"decided_at"}
    for f in fields.values():
        assert ("parts" in f) is (f["kind"] in ("date", "datetime"))
        for part in f.get("parts", []):
            assert part["name"] == f"{f['name']}-{part['part']}"
        if "parts" in f:
            assert f["parts"][0]["id"] == f["id"]
            assert len({p["id"] for p in f["parts"]}) == len(f["parts"])


def test_a_us_locale_and_time_zone_change_nothing(example_answers: dict[str, Any]) -> None:
    """The words come from the helper, not the machine: a US locale and clock give the same
    summary, errors and record as a British one."""
    probe = (
        "import json, sys; from infoshare import call\n"
        "answers = json.loads(sys.stdin.read())\n"
        "out = [json.loads(call(json.dumps(r))) for r in (\n"
        "    {'op': 'summary', 'answers': answers},\n"
        "    {'op': 'step', 'page': 'decision_time', 'now': '2026-01-15T16:30:00+00:00',\n"
        "     'answers': {'decided_at-day': '11', 'decided_at-month': '30', 'decided_at-year': '2026',\n"
        "                 'decided_at-hour': '8', 'decided_at-minute': '45'}},\n"
        "    {'op': 'seal', 'answers': answers, 'now': '2026-01-15T16:30:00+00:00'})]\n"
        "out.append(json.loads(call(json.dumps({'op': 'render', 'record': out[2]['record']}))))\n"
        "print(json.dumps(out))\n")
    results = []
    for env in ({"LANG": "en_GB.UTF-8", "LC_ALL": "en_GB.UTF-8", "TZ": "Europe/London"},
                {"LANG": "en_US.UTF-8", "LC_ALL": "en_US.UTF-8", "TZ": "America/New_York"}):
        done = subprocess.run([sys.executable, "-c", probe], input=json.dumps(example_answers),
                              capture_output=True, text=True, check=True,
                              env={**os.environ, **env,
                                   "PYTHONPATH": str(ROOT / "helper" / "src")})
        results.append(done.stdout)
    assert results[0] == results[1]
    summary, step, _, rendered = json.loads(results[0])
    rows = {row["field"]: row["value"] for row in summary["rows"]}
    assert rows["decided_at"] == "15 January 2026 at 15:30"
    # "11/30/2026" typed the US way round is not 11 November: month 30 is not a month.
    assert step["errors"] == [{"field": "decided_at", "parts": ["month"],
                               "message": "Date the decision was made must be a real date"}]
    assert "15 January 2026 at 15:30 (UTC+00:00)" in rendered["files"]["txt"]


def test_a_draft_saved_before_the_boxes_opens_with_its_dates_in_boxes() -> None:
    """tests/data/draft-whole-dates.json: a draft as the page saved it before dates had
    boxes (whole values from the browser's date inputs), and before "Did you make this
    decision?" was asked. It opens with every date in its boxes, carries on at the new
    question, and seals to the same record as the whole values would."""
    from infoshare.example import ANSWERS

    text = (ROOT / "tests" / "data" / "draft-whole-dates.json").read_text("utf-8")
    opened = ask(op="open", text=text)
    assert opened["resume"] == "recorder"
    answers = opened["answers"]
    assert not {"request_received_at", "advice_at", "shared_at", "decided_at",
                "review_date"} & set(answers)
    assert [answers[f"advice_at-{k}"] for k in ("day", "month", "year", "hour", "minute")] == [
        "15", "1", "2026", "11", "15"]
    answers["recorded_by_decision_maker"] = "yes"
    now = "2026-01-15T16:30:00+00:00"
    assert ask(op="seal", answers=answers, now=now) == ask(op="seal", answers=ANSWERS, now=now)


def test_a_record_never_holds_boxes(example_record: dict[str, Any]) -> None:
    """A record stores whole values; one holding a box was not made by the helper."""
    from infoshare import RecordError, check_sealed, digest

    example_record["answers"]["decided_at-day"] = "15"
    example_record["sha256"] = digest(example_record)
    with pytest.raises(RecordError, match="unknown answer 'decided_at-day'"):
        check_sealed(example_record)
