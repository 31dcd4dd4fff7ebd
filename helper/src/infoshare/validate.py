"""Validation: every problem at once, each tied to its field, worded the GOV.UK way.

Nothing here raises on bad input: a user's mistake is a Problem to show, not
an error. Only fields on the decision's path, and follow-ups that are shown,
are checked, so an answer left over from a changed mind never blocks a record.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta, tzinfo
from typing import NamedTuple

from . import dates, flow
from .answers import get, is_shown
from .questions import LEGACY_FIELDS, SCHEDULE_1, Field, field, page
from .textsafety import has_control_characters

__all__ = ["Problem", "validate_answers", "validate_page"]

# Times that must already have happened when the record is sealed. The time of
# sharing is left out: a record may be written just before the information goes.
_IN_THE_PAST = ("request_received_at", "advice_at", "decided_at")
# A browser's clock and the time typed can disagree by a little.
_CLOCK_SLACK = timedelta(minutes=5)


class Problem(NamedTuple):
    field: str | None
    message: str

    def to_dict(self) -> dict[str, str | None]:
        return {"field": self.field, "message": self.message}


def _check_field(f: Field, answers: Mapping[str, object], zone: tzinfo | None,
                 version: int | None = None) -> Problem | None:
    value = answers.get(f.name)
    if value is None or value in ("", []):
        # A record sealed before this question was asked cannot have answered it.
        asked = version is None or f.since <= version
        return Problem(f.name, f.missing) if f.required and asked else None
    if f.kind == "checkboxes":
        allowed = {o.value for o in f.options}
        if not isinstance(value, list) or not set(value) <= allowed:
            return Problem(f.name, f.missing)
        # The principles are a checklist: every one must hold before sharing.
        if f.name == "principles" and set(value) != allowed:
            return Problem(f.name, f.missing)
        return None
    if not isinstance(value, str):
        return Problem(f.name, f.missing)
    if f.kind == "radios":
        return None if value in {o.value for o in f.options} else Problem(f.name, f.missing)
    if f.kind == "date":
        return None if dates.parse_date(value) else Problem(f.name, f"{f.noun} must be a real date")
    if f.kind == "datetime":
        if dates.parse_datetime(value, zone) is None:
            return Problem(f.name, f"{f.noun} must be a real date and time")
        return None
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
    if page_id == "article_9" and version == 1 and get(answers, "art9_condition") in SCHEDULE_1:
        # Schema version 1 asked for the Schedule 1 condition as text, needed for the
        # same Article 9 conditions.
        legacy = LEGACY_FIELDS["schedule1_condition"].field
        if get(answers, legacy.name).strip() == "":
            problems.append(Problem(legacy.name, legacy.missing))
    if page_id == "decision_maker":
        review = dates.parse_date(get(answers, "review_date"))
        decided = dates.parse_datetime(get(answers, "decided_at"), None)
        if review is not None and decided is not None and review < decided.date():
            problems.append(Problem(
                "review_date", "Date of review must be the same as or after the date of the decision"
            ))
    return problems


def validate_page(page_id: str, answers: Mapping[str, object],
                  zone: tzinfo | None = None, now: datetime | None = None,
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
        problem = _check_field(f, answers, zone if now is None else now.tzinfo, version)
        if problem is not None:
            problems.append(problem)
    failed = {p.field for p in problems}
    problems += [p for p in _page_rules(page_id, answers, version) if p.field not in failed]
    if now is not None:
        here = {f.name for f in fields}
        visible = {f.name for pid in flow.path(answers) for f in page(pid).fields
                   if is_shown(f, answers)} | here
        failed = {p.field for p in problems}
        timeline = _timeline({k: v for k, v in answers.items() if k in visible}, now, failed)
        problems += [p for p in timeline if p.field in here and p.field not in failed]
    return problems


def _timeline(answers: Mapping[str, object], now: datetime,
              failed: set[str | None]) -> list[Problem]:
    """Checks that need the current time or span pages."""
    problems: list[Problem] = []
    zone = now.tzinfo
    moments: dict[str, datetime] = {}
    for name in (*_IN_THE_PAST, "shared_at"):
        parsed = dates.parse_datetime(get(answers, name), zone)
        if parsed is not None and name not in failed and answers.get(name) is not None:
            moments[name] = parsed
    for name in _IN_THE_PAST:
        if name in moments and moments[name] > now + _CLOCK_SLACK:
            problems.append(Problem(name, f"{field(name).noun} must be in the past"))
    received, decided = moments.get("request_received_at"), moments.get("decided_at")
    if received is not None and decided is not None and decided < received:
        problems.append(Problem(
            "decided_at", "Date and time of the decision must be after you received the request"
        ))
    shared = moments.get("shared_at")
    if received is not None and shared is not None and shared < received - _CLOCK_SLACK:
        problems.append(Problem(
            "shared_at", "Date and time of sharing must be after you received the request"
        ))
    return problems


def validate_answers(answers: Mapping[str, object], now: datetime,
                     version: int | None = None) -> list[Problem]:
    """Every problem with a whole decision, in the order of the pages (`version`: as
    for validate_page)."""
    problems: list[Problem] = []
    on_path = flow.path(answers)
    for page_id in on_path:
        problems += validate_page(page_id, answers, now.tzinfo, version=version)
    failed = {p.field for p in problems}
    visible = {
        f.name for page_id in on_path for f in page(page_id).fields if is_shown(f, answers)
    }
    timeline = _timeline({k: v for k, v in answers.items() if k in visible}, now, failed)
    problems += [p for p in timeline if p.field not in failed]
    return problems
