"""The worker bridge: the contract's ops, and it never raises."""

from __future__ import annotations

import json
from typing import Any

import pytest
from infoshare import PAGES, call, canonical_json

NOW = "2026-01-15T16:30:00+00:00"


def ask(**request: Any) -> dict[str, Any]:
    response: dict[str, Any] = json.loads(call(json.dumps(request)))
    return response


def test_the_contract_op_gives_the_pages_in_flow_order() -> None:
    r = ask(op="contract")
    pages = r["contract"]["pages"]
    assert r["ok"] and [p["id"] for p in pages] == [p.id for p in PAGES]
    assert pages[0]["id"] == "urgency"
    sections = r["contract"]["sections"]
    assert sections == ["About the request", "The decision", "Sharing", "The record"]
    for p in pages:
        assert set(p) == {"id", "title", "section", "hint", "rules", "fields"}
        assert p["section"] in sections
        for f in p["fields"]:
            dated = {"parts", "now_button"} if f["kind"] in ("date", "datetime") else set()
            assert set(f) == {"name", "id", "kind", "label", "hint", "required", "max_length",
                              "options", "show_if"} | dated
            assert f["id"] == "f-" + f["name"]
            assert f["kind"] in {"radios", "checkboxes", "text", "textarea", "date", "datetime"}
            for o in f["options"]:
                assert set(o) == {"value", "label", "hint"}
            if f["show_if"] is not None:
                assert set(f["show_if"]) == {"field", "in"}


def test_step(example_answers: dict[str, Any]) -> None:
    r = ask(op="step", page="urgency", answers={})
    assert r == {"ok": True, "next": "case_reference", "errors": [{
        "field": "urgency",
        "message": "Select yes if a child is in immediate danger or at risk of significant "
                   "harm right now"}]}
    assert ask(op="step", page="decision_maker", answers=example_answers) == {
        "ok": True, "errors": [], "next": "recorder"}
    assert ask(op="step", page="decision_time", answers=example_answers) == {
        "ok": True, "errors": [], "next": "outcome"}
    assert ask(op="step", page="nope", answers={})["ok"] is False


def test_path_outcome_summary(example_answers: dict[str, Any]) -> None:
    assert ask(op="path", answers=example_answers)["pages"][-3:] == [
        "decision_maker", "recorder", "decision_time"]
    rec = ask(op="outcome", answers=example_answers)["recommendation"]
    assert rec["code"] == "share_risk_of_harm" and set(rec) == {
        "code", "title", "summary", "reasons", "rules", "prompts"}
    assert rec["prompts"] == []  # the example sought advice
    rows = ask(op="summary", answers=example_answers)["rows"]
    by_field = {row["field"]: row for row in rows}
    assert by_field["urgency"]["value"] == "No"
    assert by_field["decided_at"]["value"] == "15 January 2026 at 15:30"
    assert by_field["review_date"]["value"] == "15 February 2026"
    assert "departure_reason" not in by_field
    assert set(rows[0]) == {"section", "page", "field", "label", "value"}
    # Each answer under its statement, not its question, and its page's section.
    assert by_field["shared_facts"] | {"value": ""} == {
        "section": "Sharing", "page": "sharing", "field": "shared_facts",
        "label": "Facts shared", "value": ""}
    assert by_field["decided_at"]["label"] == "Date and time of the decision"
    assert [row["section"] for row in rows] == sorted(
        (row["section"] for row in rows),
        key=["About the request", "The decision", "Sharing", "The record"].index)


def test_summary_reads_dates_from_their_boxes(example_answers: dict[str, Any]) -> None:
    boxed = {k: v for k, v in example_answers.items() if k != "decided_at"}
    boxed |= {"decided_at-day": "15", "decided_at-month": "1", "decided_at-year": "2026",
              "decided_at-hour": "15", "decided_at-minute": "30"}
    rows = {row["field"]: row for row in ask(op="summary", answers=boxed)["rows"]}
    assert rows["decided_at"]["value"] == "15 January 2026 at 15:30"
    assert not any("-" in field for field in rows)


def test_summary_of_a_record_made_while_seeking_advice_says_who_recorded_it() -> None:
    from .conftest import load_case

    answers = load_case("not_sure_purpose")["answers"]
    rows = {row["field"]: row for row in ask(op="summary", answers=answers)["rows"]}
    assert rows["decision_maker_name"]["label"] == "Recorded by"
    assert rows["decided_at"]["label"] == "Date and time recorded"
    assert "recorded_by_decision_maker" not in rows


def test_seal_render_open_amend(example_answers: dict[str, Any]) -> None:
    sealed = ask(op="seal", answers=example_answers, now=NOW, original=None, amendment=None)
    assert sealed["ok"], sealed
    record = sealed["record"]
    rendered = ask(op="render", record=record)
    assert rendered["ok"] and set(rendered["files"]) == {"html", "json", "md", "txt"}
    assert rendered["filename_stem"] == "information-sharing-decision_AB-2026-014_2026-01-15"
    opened = ask(op="open", text=rendered["files"]["json"])
    assert opened["ok"] and opened["record"] == record
    answers = opened["answers"]
    answers["reasons"] = "Corrected reasons."
    missing = ask(op="seal", answers=answers, now="2026-02-01T09:00:00+00:00",
                  original=record, amendment=None)
    assert {e["field"] for e in missing["errors"]} == {"amendment_by", "amendment_reason"}
    amended = ask(op="seal", answers=answers, now="2026-02-01T09:00:00+00:00",
                  original=record, amendment={"by": "Jo Evans", "reason": "Typo"})["record"]
    assert amended["created"] == record["created"]
    assert amended["amended"] == "2026-02-01T09:00:00+00:00"
    assert amended["amendments"] == [
        {"at": "2026-02-01T09:00:00+00:00", "by": "Jo Evans", "reason": "Typo",
         "changes": [{"field": "reasons", "before": example_answers["reasons"],
                      "after": "Corrected reasons."}],
         "previous_sha256": record["sha256"]}]
    again = ask(op="seal", answers=answers, now="2026-03-01T09:00:00+00:00",
                original=amended, amendment={"by": "A", "reason": "B"})["record"]
    assert len(again["amendments"]) == 2 and again["created"] == record["created"]
    assert again["amendments"][1]["changes"] == []  # nothing changed: a note, still logged
    assert again["amendments"][1]["previous_sha256"] == amended["sha256"]


def test_changes_lists_what_an_amendment_would_record(example_answers: dict[str, Any]) -> None:
    record = ask(op="seal", answers=example_answers, now=NOW)["record"]
    opened = ask(op="open", text=canonical_json(record))["answers"]
    assert ask(op="changes", original=record, answers=opened, now=NOW) == {
        "ok": True, "changes": []}
    edited = {**opened, "told": "will_tell", "reasons": "New reasons."}
    del edited["not_told_reason"]
    reply = ask(op="changes", original=record, answers=edited, now=NOW)
    assert reply == {"ok": True, "changes": [
        {"field": "told", "label": "Person, or their parent or carer, told about the sharing",
         "before": "No, I will not tell them", "after": "Not yet, I will tell them"},
        {"field": "not_told_reason", "label": "Why they will not be told",
         "before": example_answers["not_told_reason"], "after": "Not answered"},
        {"field": "reasons", "label": "Reasons for the decision",
         "before": example_answers["reasons"], "after": "New reasons."},
    ]}
    # A date changed in its boxes is a change of the date, worded.
    moved = {**opened, "decided_at-hour": "14"}
    assert ask(op="changes", original=record, answers=moved, now=NOW)["changes"] == [
        {"field": "decided_at", "label": "Date and time of the decision",
         "before": "15 January 2026 at 15:30 (UTC+00:00)",
         "after": "15 January 2026 at 14:30 (UTC+00:00)"}]
    # The same changes the sealed amendment then holds.
    amended = ask(op="seal", answers=edited, now="2026-01-16T09:00:00+00:00", original=record,
                  amendment={"by": "A", "reason": "B"})["record"]
    assert [c["field"] for c in amended["amendments"][0]["changes"]] == [
        "told", "not_told_reason", "reasons"]
    for bad in ({"original": None}, {"original": {**record, "created": "x"}},
                {"now": "yesterday"}):
        wrong = ask(**{"op": "changes", "original": record, "answers": edited, "now": NOW, **bad})
        assert wrong["ok"] is False and wrong["errors"][0]["message"]


def test_amending_an_altered_record_is_refused(example_answers: dict[str, Any]) -> None:
    record = ask(op="seal", answers=example_answers, now=NOW)["record"]
    record["answers"]["reasons"] = "changed"
    r = ask(op="seal", answers=example_answers, now=NOW, original=record,
            amendment={"by": "A", "reason": "B"})
    assert not r["ok"] and "altered" in r["errors"][0]["message"]
    assert not ask(op="render", record=record)["ok"]


def test_seal_errors() -> None:
    r = ask(op="seal", answers={}, now=NOW)
    assert not r["ok"] and len(r["errors"]) > 10
    for now in (None, "2026-01-15T16:30", "yesterday", 5):
        r = ask(op="seal", answers={}, now=now)
        assert r["errors"][0]["field"] is None and "offset" in r["errors"][0]["message"]


def test_datetime_local_answers_take_the_offset_of_now(example_answers: dict[str, Any]) -> None:
    r = ask(op="seal", answers=example_answers, now="2026-01-15T16:30:00-05:00")
    assert r["record"]["answers"]["decided_at"] == "2026-01-15T15:30:00-05:00"
    assert r["record"]["created"] == "2026-01-15T16:30:00-05:00"


def test_draft_round_trip(example_answers: dict[str, Any]) -> None:
    text = ask(op="draft", answers=example_answers)["json"]
    draft = json.loads(text)
    assert draft["format"] == "infoshare-draft"
    # Dates are kept in their boxes, as the page shows them.
    assert "decided_at" not in draft["answers"]
    assert {k: v for k, v in draft["answers"].items() if k.startswith("decided_at")} == {
        "decided_at-day": "15", "decided_at-month": "1", "decided_at-year": "2026",
        "decided_at-hour": "15", "decided_at-minute": "30"}
    opened = ask(op="open", text=text)
    assert {k: v for k, v in opened.items() if k != "opened"} == {
        "ok": True, "record": None, "answers": draft["answers"], "resume": "check",
        "separate": False}
    # Said plainly: a draft, not a record.
    assert opened["opened"]["title"] == "You opened a draft"
    # Sealed from the boxes or from the whole values, the record is the same.
    assert (ask(op="seal", answers=opened["answers"], now=NOW)
            == ask(op="seal", answers=example_answers, now=NOW))
    # Re-saving the opened draft gives the same file.
    assert ask(op="draft", answers=opened["answers"])["json"] == text


def test_open_gives_a_records_dates_as_boxes_and_keeps_their_offsets(
        example_answers: dict[str, Any]) -> None:
    summer = {**example_answers, "decided_at": "2026-07-15T08:05", "review_date": "2026-08-03",
              "advice_at": "2026-07-15T07:15", "request_received_at": "2026-07-15T06:40",
              "shared_at": "2026-07-15T08:30"}
    record = ask(op="seal", answers=summer, now="2026-07-15T09:00:00+01:00")["record"]
    assert record["answers"]["decided_at"] == "2026-07-15T08:05:00+01:00"
    opened = ask(op="open", text=canonical_json(record))["answers"]
    assert {k: v for k, v in opened.items() if k.startswith(("decided_at", "review_date"))} == {
        "decided_at-day": "15", "decided_at-month": "7", "decided_at-year": "2026",
        "decided_at-hour": "08", "decided_at-minute": "05",
        "review_date-day": "3", "review_date-month": "8", "review_date-year": "2026"}
    # Amended in winter, an unchanged summer time keeps its summer offset.
    amended = ask(op="seal", answers=opened, now="2026-12-01T09:00:00+00:00", original=record,
                  amendment={"by": "A", "reason": "B"})["record"]
    assert amended["answers"]["decided_at"] == "2026-07-15T08:05:00+01:00"
    assert amended["amendments"][0]["changes"] == []


@pytest.mark.parametrize("request_text", [
    "", "null", "[]", "{}", '{"op": 5}', '{"op": "nope"}', '{"op": "open"}',
    '{"op": "open", "text": 5}', '{"op": "render"}', '{"op": "render", "record": []}',
    '{"op": "seal"}', '{"op": "step"}', "[" * 50_000,
])
def test_bad_requests_give_errors(request_text: str) -> None:
    r = json.loads(call(request_text))
    assert r["ok"] is False and r["errors"][0]["message"]


def test_filename_stem_has_only_the_sanitised_reference(example_record: dict[str, Any]) -> None:
    from infoshare import filename_stem

    example_record["answers"]["case_reference"] = "../Llŷr \u202eexe.html/ Smith"
    assert filename_stem(example_record) == (
        "information-sharing-decision_Ll-r-exe-html-Smith_2026-01-15")
    example_record["answers"]["case_reference"] = "\u202e"
    assert filename_stem(example_record).endswith("_no-reference_2026-01-15")


@pytest.mark.parametrize(("created", "amended", "day"), [
    ("2026-01-15T16:30:00+00:00", None, "2026-01-15"),
    ("2026-01-15T16:30:00+00:00", "2026-02-03T09:00:00+00:00", "2026-02-03"),
    ("2026-01-15T16:30:00+00:00", "not a date", "undated"),
    (None, None, "undated"),
    (20260115, None, "undated"),
])
def test_filename_stem_carries_the_date_of_this_version(example_record: dict[str, Any], created: Any,
                                                        amended: Any, day: str) -> None:
    from infoshare import filename_stem

    example_record["created"], example_record["amended"] = created, amended
    assert filename_stem(example_record) == f"information-sharing-decision_AB-2026-014_{day}"


def test_unexpected_exception_becomes_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    from infoshare import bridge

    def boom(request: Any) -> Any:
        raise RuntimeError("boom")

    monkeypatch.setitem(bridge._OPS, "pages", boom)
    r = json.loads(call('{"op": "pages"}'))
    assert r == {"ok": False, "errors": [{"field": None, "message": (
        "Something went wrong in the helper (RuntimeError). Your answers are still on the page")}]}


def test_json_file_is_canonical(example_answers: dict[str, Any]) -> None:
    record = ask(op="seal", answers=example_answers, now=NOW)["record"]
    assert ask(op="render", record=record)["files"]["json"] == canonical_json(record)


def test_answers_that_are_not_an_object_count_as_unanswered() -> None:
    assert ask(op="outcome", answers="x") == ask(op="outcome", answers={})
    assert ask(op="summary", answers=[1]) == ask(op="summary")


def test_the_contract_lists_every_format_the_page_offers() -> None:
    formats = ask(op="contract")["contract"]["formats"]
    assert [f["key"] for f in formats] == ["html", "json", "md", "txt"]
    assert formats[-1] == {"key": "txt", "extension": "txt", "mime": "text/plain;charset=utf-8",
                           "label": "Plain text",
                           "purpose": "to paste into a case-management system"}


@pytest.mark.parametrize(("case", "by"), [
    ("share_risk_of_harm", "Alex Morgan"),  # the decision maker recorded it
    ("risk_yes_advice_no", "Chris Lee"),  # someone else recorded the decision
])
def test_opening_a_record_says_who_made_it(case: str, by: str) -> None:
    from infoshare import run_case

    from .conftest import load_case

    opened = ask(op="open", text=run_case(load_case(case))["json"])
    assert opened["amending"] == (
        f"You are amending the record made on 25 November 2026 at 14:03 (UTC+00:00) by {by}.")
