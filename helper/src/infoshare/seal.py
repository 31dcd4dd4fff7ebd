"""Sealing: validate a whole decision and, only if it is sound, make the record."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any

from .answers import clean
from .validate import Problem, validate_answers

if TYPE_CHECKING:
    from .record import Record

# The modules that build, amend and read records are imported when a record is
# made, not when the package is: in the browser, the helper starts sooner.

__all__ = ["record_problems", "seal"]


def seal(raw_answers: object, now: datetime, original: object = None,
         amendment: object = None, site: object = None) -> tuple[Record | None, list[Problem]]:
    """A sealed record, or None and every problem at once.

    `now` is the practitioner's local time, with its offset; it becomes the
    creation time (or the amendment time when `original` is given) and the
    offset for any time typed without one. `site` ({"name", "url"}, or None) is
    the site the helper runs on, kept in the record.
    """
    from . import record as record_module
    from .amend import amendment_problems
    from .origin import site_problems
    from .parse import RecordError, check_sealed

    answers = clean(raw_answers)
    problems = validate_answers(answers, now) + site_problems(site)
    checked_site = site if isinstance(site, Mapping) and not site_problems(site) else None
    if original is None:
        if problems:
            return None, problems
        return record_module.build(answers, now, site=checked_site), []
    try:
        sealed = check_sealed(original)
    except RecordError as exc:
        return None, [Problem(None, f"Cannot amend: {exc.message}"), *problems]
    # A record that `infoshare validate` finds problems with is not amended: the amendment
    # would carry them forward, or replace them (a forged outcome, say) without a trace.
    found = record_problems(sealed, now)
    if found:
        return None, [Problem(None, f"Cannot amend: {p.message}") for p in found] + problems
    problems += amendment_problems(amendment)
    if problems:
        return None, problems
    return record_module.build(
        answers, now, original=sealed,
        amendment=amendment if isinstance(amendment, Mapping) else {},
        site=checked_site,
    ), []


def record_problems(record: Mapping[str, Any], now: datetime | None = None) -> list[Problem]:
    """Problems with a sealed record as a decision: see infoshare.record_checks, which
    the command line's `validate` and the page's `open` both use."""
    from .record_checks import record_problems as problems_of

    return problems_of(record, now)
