"""One table-driven case, from answers to every output, with no file I/O.

The unit tests run each tests/cases/*.json through this on CPython, and the
Pyodide tests run the very same function inside the browser runtime, so the
two can be compared byte for byte.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from . import dates, flow
from .answers import clean
from .filenames import filename_stem
from .formats import render_all
from .seal import seal

if TYPE_CHECKING:
    from .record import Record

__all__ = ["CaseError", "run_case"]


class CaseError(ValueError):
    """A case whose answers do not make a valid record."""


def _seal(version: Mapping[str, Any], original: Record | None) -> Record:
    record, problems = seal(version.get("answers"), dates.parse_now(version.get("now")),
                            original, version.get("amendment"), version.get("site"))
    if record is None:
        raise CaseError("; ".join(f"{p.field}: {p.message}" for p in problems))
    return record


def run_case(case: Mapping[str, Any]) -> dict[str, str]:
    """{"outcome", "path" (JSON), "filename", and every format} for a case's answers and time.

    A case may hold "site" ({"name", "url"}). To exercise re-opening and amending it
    may also hold "original" (a version to seal first, with its own "answers" and
    "now"), or "earlier" (a list of versions sealed in turn, each after the first
    amending the one before it, with its "amendment"), and "amendment" ({"by",
    "reason"}) for the case's own answers. To exercise answers as the page sends them
    page by page it may hold "steps" (requests of the bridge's `step` operation: "page",
    "answers", "now"), whose replies come back as "steps" (JSON).
    """
    earlier = [case["original"]] if isinstance(case.get("original"), Mapping) else [
        v for v in case.get("earlier") or () if isinstance(v, Mapping)]
    previous: Record | None = None
    for version in earlier:
        previous = _seal(version, previous)
    record = _seal(case, previous)
    answers = clean(case.get("answers"))
    result = {
        "outcome": flow.recommend(answers).code,
        "path": json.dumps(flow.path(answers)),
        "filename": filename_stem(record),
        **render_all(record),
    }
    steps = case.get("steps")
    if isinstance(steps, list):
        result["steps"] = json.dumps(_steps(steps), sort_keys=True, ensure_ascii=True)
    return result


def _steps(steps: list[Any]) -> list[Any]:
    """The page's `step` replies to each of these requests (its problems, and where it goes
    next), as the bridge gives them to the page."""
    from .bridge import call

    return [json.loads(call(json.dumps({"op": "step", **step}))) for step in steps
            if isinstance(step, Mapping)]
