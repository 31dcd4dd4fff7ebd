"""Sealing: validate a whole decision and, only if it is sound, make the record."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any

from . import flow
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
    problems += amendment_problems(amendment)
    if problems:
        return None, problems
    return record_module.build(
        answers, now, original=sealed,
        amendment=amendment if isinstance(amendment, Mapping) else {},
        site=checked_site,
    ), []


def record_problems(record: Mapping[str, Any]) -> list[Problem]:
    """Problems with a sealed, unaltered record (see parse.check_sealed) as a decision.

    Times are checked against the moment it was last sealed, not against
    today, and the answers against the questions of the schema version that
    sealed it; and what it says the guidance pointed to must still follow from
    its answers (wording may differ between helper versions, the outcome, whether
    the decision followed it, and the prompts shown may not).
    """
    from .origin import site_problems

    version = record["schema_version"]
    sealed_at = datetime.fromisoformat(record["amended"] or record["created"])
    answers = record["answers"]
    problems = validate_answers(answers, sealed_at, version) + site_problems(record.get("site"))
    stated = record["recommendation"]
    expected = flow.recommend(answers)
    # Judged as the version that sealed it judged it (see flow.judged_as).
    follows = flow.followed(answers, **flow.judged_as(version, sealed_at)._asdict())
    shown = [p["code"] for p in stated.get("prompts", [])]
    if (stated["code"] != expected.code or stated["followed"] != follows
            or (version != 1 and shown != [p.code for p in expected.prompts])):
        problems.append(Problem(None, "What the record says the guidance pointed to does not "
                                      "follow from its answers"))
    return problems
