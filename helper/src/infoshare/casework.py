"""One table-driven case, from answers to every output, with no file I/O.

The unit tests run each tests/cases/*.json through this on CPython, and the
Pyodide tests run the very same function inside the browser runtime, so the
two can be compared byte for byte.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from . import dates, flow
from .answers import clean
from .formats import render_all
from .seal import seal

__all__ = ["CaseError", "run_case"]


class CaseError(ValueError):
    """A case whose answers do not make a valid record."""


def run_case(case: Mapping[str, Any]) -> dict[str, str]:
    """{"outcome", "path" (JSON), "html", "md", "json"} for a case's answers and time.

    A case may also hold "original" (a case to seal first, with its own "now")
    and "amendment" ({"by", "reason"}) to exercise re-opening and amending.
    """
    answers = clean(case.get("answers"))
    original = None
    if isinstance(case.get("original"), Mapping):
        first = case["original"]
        original, problems = seal(first.get("answers"), dates.parse_now(first.get("now")))
        if original is None:
            raise CaseError("; ".join(f"{p.field}: {p.message}" for p in problems))
    record, problems = seal(answers, dates.parse_now(case.get("now")), original,
                            case.get("amendment"))
    if record is None:
        raise CaseError("; ".join(f"{p.field}: {p.message}" for p in problems))
    files = render_all(record)
    return {
        "outcome": flow.recommend(answers).code,
        "path": json.dumps(flow.path(answers)),
        **files,
    }
