"""Whether a sealed record holds together as a decision: one check, for the command line
and for the page.

`infoshare validate` prints these problems, and the page shows the very same ones when it
opens the file. A record with any of them cannot be amended (infoshare.seal): the
amendment would carry forward, or quietly replace, something the helper did not make.

parse.check_sealed has already refused a file that is damaged, altered since its digest
was worked out, or not a record. What is left for here is a record whose digest was
worked out again after an edit: it is well formed, but what it says does not follow from
what it holds (an outcome its answers do not lead to, an emergency banner for a decision
that shared nothing), or it holds what the helper would never have accepted (a time in
the future, an answer over its length limit, a site address that is not a web address).
The digest cannot show such an edit; these checks find the ones that leave a trace.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any

from . import dates, flow
from .amend import AMENDMENT_FIELDS
from .answers import get
from .origin import site_problems
from .outcomes import SHARE_DECISIONS
from .textsafety import has_control_characters
from .validate import Problem, validate_answers

__all__ = ["OUTCOME_DOES_NOT_FOLLOW", "record_problems"]

OUTCOME_DOES_NOT_FOLLOW = ("What the record says the guidance pointed to does not follow from "
                           "its answers")
# A device's clock and the one that made the record can disagree by a little.
_CLOCK_SLACK = timedelta(minutes=5)
# What the helper writes as its version: numbers and dots, perhaps a suffix such as "rc1".
_VERSION = re.compile(r"[0-9]+(\.[0-9A-Za-z+-]+){0,5}", re.ASCII)
_VERSION_MAX = 40


def record_problems(record: Mapping[str, Any], now: datetime | None = None) -> list[Problem]:
    """Problems with a sealed record that parse.check_sealed accepted, as a decision.

    Times are checked against the moment it was last sealed, not against today, and the
    answers against the questions of the schema version that sealed it; and what it says
    the guidance pointed to must still follow from its answers (wording may differ between
    helper versions; the outcome, whether the decision followed it, and the prompts shown
    may not). With `now`, no time the record gives for itself may be later than now.
    """
    version = record["schema_version"]
    sealed_at = datetime.fromisoformat(record["amended"] or record["created"])
    answers = record["answers"]
    problems = validate_answers(answers, sealed_at, version) + site_problems(record.get("site"))
    problems += _outcome_problems(record, version, sealed_at)
    problems += _amendment_problems(record["amendments"])
    problems += _time_problems(record, now)
    if not (len(record["helper_version"]) <= _VERSION_MAX
            and _VERSION.fullmatch(record["helper_version"])):
        problems.append(Problem(None, "The record's helper version is not a version number"))
    return problems


def _outcome_problems(record: Mapping[str, Any], version: int,
                      sealed_at: datetime) -> list[Problem]:
    answers = record["answers"]
    stated = record["recommendation"]
    expected = flow.recommend(answers)
    # Judged as the version that sealed it judged it (see flow.judged_as).
    follows = flow.followed(answers, **flow.judged_as(version, sealed_at)._asdict())
    shown = [p["code"] for p in stated.get("prompts", [])]
    problems: list[Problem] = []
    if (stated["code"] != expected.code or stated["followed"] != follows
            or (version != 1 and shown != [p.code for p in expected.prompts])):
        problems.append(Problem(None, OUTCOME_DOES_NOT_FOLLOW))
    # Every record of version 2 is built with the flag from its answers; version 1 set it
    # for any emergency, and its records say something was shared only when it was.
    emergency = flow.is_emergency(answers) and get(answers, "decision") in SHARE_DECISIONS
    if version != 1 and record["emergency"] != emergency:
        problems.append(Problem(None, "The record's emergency flag does not follow from its "
                                      "answers"))
    return problems


# What each of an amendment's own answers says, as a problem names it.
_SAYS = {"amendment_by": "who made it", "amendment_reason": "why it was made"}


def _amendment_problems(entries: list[Mapping[str, Any]]) -> list[Problem]:
    """Who made each amendment and why, held to the limits the page holds them to."""
    problems: list[Problem] = []
    for number, entry in enumerate(entries, 1):
        for f in AMENDMENT_FIELDS:
            text: str = entry[f.name.removeprefix("amendment_")]
            says = _SAYS[f.name]
            if text.strip() == "":
                problems.append(Problem(None, f"Amendment {number} does not say {says}"))
            elif len(text) > f.max_length:
                problems.append(Problem(None, f"Amendment {number} says {says} in more than "
                                              f"{f.max_length:,} characters"))
            elif has_control_characters(text):
                problems.append(Problem(None, f"Amendment {number} says {says} with hidden "
                                              "control characters"))
    return problems


def _time_problems(record: Mapping[str, Any], now: datetime | None) -> list[Problem]:
    """The record's own times: in order, and (given `now`) none in the future."""
    created = datetime.fromisoformat(record["created"])
    problems: list[Problem] = []
    if now is not None and created > now + _CLOCK_SLACK:
        problems.append(Problem(None, "The record says it was made on "
                                      f"{dates.display_datetime(created)}, which is in the future"))
    before, what = created, "the record was made"
    for number, entry in enumerate(record["amendments"], 1):
        moment = datetime.fromisoformat(entry["at"])
        if moment < before:
            problems.append(Problem(None, f"Amendment {number} is dated before {what}"))
        elif now is not None and moment > now + _CLOCK_SLACK:
            problems.append(Problem(None, f"Amendment {number} is dated "
                                          f"{dates.display_datetime(moment)}, in the future"))
        before, what = moment, f"amendment {number}"
    return problems
