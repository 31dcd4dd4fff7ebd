"""The one function the browser's Web Worker calls: JSON string in, JSON string out.

It never raises. The page must keep working, and keep the practitioner's
answers, whatever it sends or whatever goes wrong in here; an unexpected
exception becomes an ordinary error response the page can show.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any

from . import dateparts, dates, flow
from .answers import Answers, clean, is_shown
from .dateparts import DATE_KINDS
from .display import display_value, no_decision, row_label
from .jsondepth import nested_too_deeply
from .navigation import CHECK, next_step, resume_page
from .operations import OPERATIONS
from .questions import PAGE_IDS, page
from .seal import seal
from .textsafety import visible
from .validate import validate_page

__all__ = ["call"]

Response = dict[str, Any]


def _error(message: str, field: str | None = None) -> Response:
    return {"ok": False, "errors": [{"field": field, "message": message}]}


def _answers(request: Mapping[str, Any]) -> Answers:
    return clean(request.get("answers"))


def _op_contract(_request: Mapping[str, Any]) -> Response:
    from .contract import contract

    return {"ok": True, "contract": contract()}


def _op_step(request: Mapping[str, Any]) -> Response:
    page_id = request.get("page")
    if not isinstance(page_id, str) or page_id not in PAGE_IDS:
        return _error("Unknown page")
    answers = _answers(request)
    # `now` is optional: with it, dates are checked against the present as they are typed.
    try:
        now = dates.parse_now(request["now"]) if "now" in request else None
    except ValueError as exc:
        return _error(str(exc))
    errors = [p.to_dict() for p in validate_page(page_id, answers, now=now)]
    # `completed` (the pages already answered) and `returning` (the page was opened from
    # the check page with "Change") are optional too: with them, `next` may be "check".
    completed = request.get("completed")
    done = [p for p in completed if isinstance(p, str)] if isinstance(completed, list) else []
    step = next_step(page_id, answers, done, returning=request.get("returning") is True)
    response: Response = {"ok": True, "errors": errors, "next": step.next}
    if step.then is not None:
        response["then"] = step.then
    return response


def _op_path(request: Mapping[str, Any]) -> Response:
    return {"ok": True, "pages": flow.path(_answers(request))}


def _op_outcome(request: Mapping[str, Any]) -> Response:
    return {"ok": True, "recommendation": flow.recommend(_answers(request)).to_dict()}


def _op_summary(request: Mapping[str, Any]) -> Response:
    """The check page's rows: each answer on the path under its statement, worded as the
    record will word it, with its page (for "Change") and its page's section."""
    answers = _answers(request)
    seeking_advice = no_decision(answers)
    rows = [
        {"section": page(page_id).section, "page": page_id, "field": f.name,
         "label": row_label(f, seeking_advice=seeking_advice),
         # Invisible and reordering characters shown as markers, as the record shows them.
         "value": visible(display_value(f, dateparts.value(f, answers) if f.kind in DATE_KINDS
                                        else answers.get(f.name)))}
        for page_id in flow.path(answers)
        for f in page(page_id).fields
        if is_shown(f, answers)
    ]
    return {"ok": True, "rows": rows}


def _op_seal(request: Mapping[str, Any]) -> Response:
    try:
        now = dates.parse_now(request.get("now"))
    except ValueError as exc:
        return _error(str(exc))
    record, problems = seal(request.get("answers"), now, request.get("original"),
                            request.get("amendment"), request.get("site"))
    if record is None:
        return {"ok": False, "errors": [p.to_dict() for p in problems]}
    from .notices import amending

    # Once made, the record is what any later change amends: the page shows this sentence
    # when it is asked to create the record again.
    return {"ok": True, "record": record, "amending": amending(record)}


def _op_render(request: Mapping[str, Any]) -> Response:
    from .parse import RecordError, check_sealed

    try:
        record = check_sealed(request.get("record"))
    except RecordError as exc:
        return _error(exc.message)
    from .filenames import filename_stem
    from .formats import render_all

    return {"ok": True, "files": render_all(record), "filename_stem": filename_stem(record)}


def _op_changes(request: Mapping[str, Any]) -> Response:
    """What sealing these answers as an amendment of `original` would record as changed,
    worded for the check page (the same list the amendment will hold)."""
    from .amend import changes
    from .parse import RecordError, check_sealed
    from .record import stored_answers
    from .view import build_change

    try:
        now = dates.parse_now(request.get("now"))
        original = check_sealed(request.get("original"))
    except ValueError as exc:
        return _error(str(exc))
    except RecordError as exc:
        return _error(exc.message)
    kept = stored_answers(_answers(request), now, original["answers"])
    worded = [build_change(c).to_dict() for c in changes(original["answers"], kept)]
    return {"ok": True, "changes": [
        {**c, "before": visible(c["before"]), "after": visible(c["after"])} for c in worded]}


def _now(request: Mapping[str, Any]) -> datetime | None:
    """The page's local time, where the request gives it (ValueError if it is not one)."""
    return dates.parse_now(request["now"]) if "now" in request else None


def _op_open(request: Mapping[str, Any]) -> Response:
    """A record or draft from a file: its answers, where to carry on, and what the page must
    say about it. `record` is the sealed record an amendment would amend (the record opened,
    or the one a draft carries), or null: none, or one that validation finds problems with,
    which are shown (`opened`) and never amended."""
    from .notices import amending, opened
    from .parse import RecordError, load
    from .seal import record_problems

    text = request.get("text")
    if not isinstance(text, str):
        return _error("Choose a file to open")
    try:
        now = _now(request)
        loaded = load(text)
    except ValueError as exc:
        return _error(str(exc))
    except RecordError as exc:
        return _error(exc.message)
    record = loaded.record if loaded.record is not None else loaded.amends
    # The same validation as `infoshare validate`, against the page's own clock.
    problems = record_problems(record, now) if record is not None else []
    amendable = record if record is not None and not problems else None
    # A draft carries on where it stopped; a sealed record opens at the check page.
    resume = CHECK if loaded.record is not None else resume_page(loaded.answers)
    reply: Response = {"ok": True, "record": amendable, "answers": loaded.answers,
                       "resume": resume, "opened": opened(loaded.kind, record, problems),
                       # Creating the record makes a new one, separate from the file opened.
                       "separate": record is not None and bool(problems)}
    if amendable is not None:
        reply["amending"] = amending(amendable)
        if loaded.amendment is not None:
            reply["amendment"] = loaded.amendment
    return reply


def _op_draft(request: Mapping[str, Any]) -> Response:
    """The draft file for the answers so far; with `original` (the record being amended),
    a draft of the amendment, carrying it and `amendment` ({"by", "reason"} as typed).
    With `now`, also its file name's stem (dated by the page's local day)."""
    from .draft import draft_json
    from .filenames import draft_stem
    from .parse import RecordError, check_sealed

    answers = _answers(request)
    try:
        now = _now(request)
        original = request.get("original")
        amends = check_sealed(original) if original is not None else None
    except ValueError as exc:
        return _error(str(exc))
    except RecordError as exc:
        return _error(exc.message)
    reply: Response = {"ok": True, "json": draft_json(answers, amends, request.get("amendment"))}
    if now is not None:
        reply["filename_stem"] = draft_stem(answers.get("case_reference"), now.date().isoformat())
    return reply


# Keyed by the operations' names in infoshare.operations, the one place they are written.
_OPS: dict[str, Callable[[Mapping[str, Any]], Response]] = {
    OPERATIONS["contract"]: _op_contract,
    OPERATIONS["step"]: _op_step,
    OPERATIONS["path"]: _op_path,
    OPERATIONS["outcome"]: _op_outcome,
    OPERATIONS["summary"]: _op_summary,
    OPERATIONS["seal"]: _op_seal,
    OPERATIONS["render"]: _op_render,
    OPERATIONS["changes"]: _op_changes,
    OPERATIONS["open"]: _op_open,
    OPERATIONS["draft"]: _op_draft,
}


def _dispatch(request_json: str) -> Response:
    # Parsing a request nested deeper than any the page makes could overflow the stack.
    if isinstance(request_json, str) and nested_too_deeply(request_json):
        return _error("The request is nested too deeply")
    try:
        request = json.loads(request_json)
    except (ValueError, TypeError, RecursionError):
        return _error("The request is not valid JSON")
    if not isinstance(request, dict):
        return _error("The request must be a JSON object")
    op = request.get("op")
    handler = _OPS.get(op) if isinstance(op, str) else None
    if handler is None:
        return _error("Unknown operation")
    return handler(request)


def call(request_json: str) -> str:
    """Handle one request from the page; always returns a JSON response, never raises."""
    try:
        response = _dispatch(request_json)
        # ASCII-only output: lone surrogates or odd characters typed into a
        # form survive the trip back to JavaScript as \\u escapes.
        return json.dumps(response, ensure_ascii=True)
    except Exception as exc:  # noqa: BLE001 (the page must get an answer, whatever happened)
        return json.dumps(_error(f"Something went wrong in the helper ({type(exc).__name__}). "
                                 "Your answers are still on the page"))
