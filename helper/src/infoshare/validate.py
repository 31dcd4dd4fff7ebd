"""Validation: every problem at once, each tied to its field, worded the GOV.UK way.

Nothing here raises on bad input: a user's mistake is a Problem to show, not
an error. Only fields on the decision's path, and follow-ups that are shown,
are checked, so an answer left over from a changed mind never blocks a record.

A problem with a date also names the boxes to highlight (`parts`), following
the GOV.UK date pattern: all of them when nothing was entered or the whole
date is wrong, only the missing or impossible ones otherwise.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta, tzinfo
from typing import Any, NamedTuple

from . import dateparts, dates, flow
from .answers import get, is_shown
from .questions import LEGACY_FIELDS, SCHEDULE_1, Field, field, offered, page
from .textsafety import has_control_characters

__all__ = ["Problem", "validate_answers", "validate_page"]

# Times that must already have happened when the record is sealed. The time of
# sharing is left out: a record may be written just before the information goes.
_IN_THE_PAST = ("request_received_at", "advice_at", "decided_at")
# A browser's clock and the time typed can disagree by a little.
_CLOCK_SLACK = timedelta(minutes=5)


# Answers to "do you have consent" that say it was asked for, as an error message says them.
_ASKED = {"refused": "consent was refused", "given": "consent was given"}

_DATE = tuple(p.key for p in dateparts.DATE_PARTS)
_TIME = tuple(p.key for p in dateparts.TIME_PARTS)


class Problem(NamedTuple):
    field: str | None
    message: str
    # For a date, the boxes to highlight ("day", "month", "year", "hour", "minute").
    parts: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        found: dict[str, Any] = {"field": self.field, "message": self.message}
        if self.parts:
            found["parts"] = list(self.parts)
        return found


def _check_date(f: Field, answers: Mapping[str, object], *, asked: bool) -> Problem | None:
    reading = dateparts.read(f, answers)
    if reading.message is None:
        return None
    if not reading.entered:
        return Problem(f.name, f.missing, reading.parts) if f.required and asked else None
    return Problem(f.name, reading.message, reading.parts)


def _check_field(f: Field, answers: Mapping[str, object], version: int | None = None
                 ) -> Problem | None:
    # A record sealed before this question was asked cannot have answered it.
    asked = version is None or f.since <= version
    if f.kind in dateparts.DATE_KINDS:
        return _check_date(f, answers, asked=asked)
    value = answers.get(f.name)
    if value is None or value in ("", []):
        return Problem(f.name, f.missing) if f.required and asked else None
    # The options asked now, or, for a sealed record, those its schema version offered.
    allowed = {o.value for o in offered(f, version)}
    if f.kind == "checkboxes":
        if not isinstance(value, list) or not set(value) <= allowed:
            return Problem(f.name, f.missing)
        # The principles are a checklist: every one must hold before sharing.
        if f.name == "principles" and set(value) != allowed:
            return Problem(f.name, f.missing)
        return None
    if not isinstance(value, str):
        return Problem(f.name, f.missing)
    if f.kind == "radios":
        return None if value in allowed else Problem(f.name, f.missing)
    if value.strip() == "":
        return Problem(f.name, f.missing) if f.required else None
    if len(value) > f.max_length:
        return Problem(f.name, f"{f.noun} must be {f.max_length:,} characters or fewer")
    if has_control_characters(value):
        return Problem(f.name, f"{f.noun} must not include hidden control characters")
    return None


def _page_rules(page_id: str, answers: Mapping[str, object],
                version: int | None = None) -> list[Problem]:
    """Checks between fields on the same page, or against an earlier page's answer."""
    problems: list[Problem] = []
    without_consent = get(answers, "consent") in {"refused", "not_sought", "not_yet_asked"}
    if page_id == "lawful_basis" and get(answers, "lawful_basis") == "consent" and without_consent:
        # The consent page is earlier on the path; a basis of consent contradicts it.
        problems.append(Problem(
            "lawful_basis", "Select a lawful basis other than consent, because you said you "
                            "do not have consent to share"
        ))
    if page_id == "article_9" and get(answers, "art9_condition") == "explicit_consent" and (
            without_consent and version != 1):
        problems.append(Problem(
            "art9_condition", "Select an Article 9 condition other than explicit consent, "
                              "because you said you do not have consent to share"
        ))
    if (page_id == "schedule_1_part_2" and get(answers, "para18_reason") == "would_prejudice"
            and get(answers, "consent") in _ASKED and version not in (1, 2)):
        # Paragraph 18's third reason is that asking for consent would prejudice the
        # protection; an answer saying consent was asked for contradicts it.
        problems.append(Problem(
            "para18_reason", "Select a reason other than asking for consent would prejudice "
                             f"the protection, because you said {_ASKED[get(answers, 'consent')]}"
        ))
    if page_id == "article_9" and version == 1 and get(answers, "art9_condition") in SCHEDULE_1:
        # Schema version 1 asked for the Schedule 1 condition as text, needed for the
        # same Article 9 conditions.
        legacy = LEGACY_FIELDS["schedule1_condition"].field
        if get(answers, legacy.name).strip() == "":
            problems.append(Problem(legacy.name, legacy.missing))
    if page_id == "decision_time":
        review = dates.parse_date(dateparts.value(field("review_date"), answers) or "")
        decided = dates.parse_datetime(dateparts.value(field("decided_at"), answers) or "", None)
        if review is not None and decided is not None and review < decided.date():
            problems.append(Problem(
                "review_date", "Review date must be the same as or after the date the decision "
                               "was made", _DATE))
    return problems


def validate_page(page_id: str, answers: Mapping[str, object], now: datetime | None = None,
                  version: int | None = None) -> list[Problem]:
    """Problems with the answers on one page (KeyError for an unknown page id).

    Given the current time, the page's dates are also checked against it and against
    dates on earlier pages, so a time in the future is caught where it is typed rather
    than only when the record is made. `version` is the schema version of a sealed record
    being checked (None: the answers are being given now, to this version's questions).
    """
    problems: list[Problem] = []
    fields = [f for f in page(page_id).fields if is_shown(f, answers)]
    fields += [legacy.field for legacy in LEGACY_FIELDS.values()
               if legacy.page == page_id and version in legacy.versions]
    for f in fields:
        problem = _check_field(f, answers, version)
        if problem is not None:
            problems.append(problem)
    failed = {p.field for p in problems}
    problems += [p for p in _page_rules(page_id, answers, version) if p.field not in failed]
    if now is not None:
        here = {f.name for f in fields}
        visible = {f.name for pid in flow.path(answers) for f in page(pid).fields
                   if is_shown(f, answers)} | here
        failed = {p.field for p in problems}
        timeline = _timeline(answers, visible, now, failed)
        problems += [p for p in timeline if p.field in here and p.field not in failed]
    return problems


def _not_before(name: str, moment: datetime, earlier: datetime, zone: tzinfo | None,
                what: str) -> Problem:
    """`name`'s time is before `earlier`'s: its date if that is earlier, else its time."""
    f = field(name)
    if moment.astimezone(zone).date() < earlier.astimezone(zone).date():
        return Problem(name, f"{f.noun} must be the same as or after the date {what}", _DATE)
    return Problem(name, f"{f.time_noun or f.noun} must be after the time {what}", _TIME)


def _timeline(answers: Mapping[str, object], visible: set[str], now: datetime,
              failed: set[str | None]) -> list[Problem]:
    """Checks that need the current time or span pages, on the `visible` fields."""
    problems: list[Problem] = []
    zone = now.tzinfo
    moments: dict[str, datetime] = {}
    for name in (*_IN_THE_PAST, "shared_at"):
        parsed = dates.parse_datetime(dateparts.value(field(name), answers) or "", zone)
        if parsed is not None and name in visible and name not in failed:
            moments[name] = parsed
    for name in _IN_THE_PAST:
        moment = moments.get(name)
        if moment is None or moment <= now + _CLOCK_SLACK:
            continue
        f = field(name)
        if moment.astimezone(zone).date() > now.date():
            problems.append(Problem(name, f"{f.noun} must be today or in the past", _DATE))
        else:
            problems.append(Problem(name, f"{f.time_noun or f.noun} must be in the past", _TIME))
    received, decided = moments.get("request_received_at"), moments.get("decided_at")
    if received is not None and decided is not None and decided < received:
        problems.append(_not_before("decided_at", decided, received, zone,
                                    "you received the request"))
    shared = moments.get("shared_at")
    if received is not None and shared is not None and shared < received - _CLOCK_SLACK:
        problems.append(_not_before("shared_at", shared, received, zone,
                                    "you received the request"))
    return problems


def validate_answers(answers: Mapping[str, object], now: datetime,
                     version: int | None = None) -> list[Problem]:
    """Every problem with a whole decision, in the order of the pages (`version`: as
    for validate_page)."""
    problems: list[Problem] = []
    # A sealed record's pages are those its version's judgement gave it: a departure then
    # asked why, and only then (`now` is when it was sealed).
    on_path = flow.path(answers, flow.judged_as(version, now))
    for page_id in on_path:
        problems += validate_page(page_id, answers, version=version)
    failed = {p.field for p in problems}
    visible = {
        f.name for page_id in on_path for f in page(page_id).fields if is_shown(f, answers)
    }
    problems += [p for p in _timeline(answers, visible, now, failed) if p.field not in failed]
    return problems
