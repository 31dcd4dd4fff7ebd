"""What a rendered record shows, worked out once for both the HTML and the Markdown.

Both renderers present the same view, so they cannot disagree about which
fields a record has or how an answer reads; each only decides how to escape
and lay it out. Nothing here reads the clock: a record renders the same today
and in ten years.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from . import dates, flow
from .answers import get, is_shown
from .display import NOT_ANSWERED, display_value, row_label
from .outcomes import SHARE_DECISIONS
from .questions import Field, field, page
from .rules import RULES, Rule

__all__ = ["Row", "Section", "View", "build_view"]

# Record headings for the pages; the pages' own titles are questions.
_HEADINGS = {
    "urgency": "Urgency",
    "request": "The case and the request",
    "purpose": "Purpose",
    "personal_data": "Personal data",
    "risk_of_harm": "Risk of harm",
    "confidential": "Confidentiality",
    "consent": "Consent and views",
    "lawful_basis": "Lawful basis",
    "confidence": "Sharing confidential information without consent",
    "sharing": "What was shared, with whom and how",
    "telling": "Telling the person",
    "advice": "Advice",
    "decision_maker": "Who decided",
}
# Shown together at the top of the record, not again in the sections.
_TOP = ("decision", "departure", "reasons")


@dataclass(frozen=True, slots=True)
class Row:
    label: str
    value: str
    typed: bool  # free text the user typed
    # Worded by the helper itself (an option's label, a date): safe to show
    # without Markdown escaping. Anything read from a file is not, because a
    # record's digest can be recomputed by whoever edits it.
    trusted: bool
    iso: str | None = None  # machine-readable time, for <time datetime>


@dataclass(frozen=True, slots=True)
class Section:
    id: str
    title: str
    rules: tuple[Rule, ...]
    rows: tuple[Row, ...]


@dataclass(frozen=True, slots=True)
class Amendment:
    at: str
    at_iso: str
    by: str
    reason: str


@dataclass(frozen=True, slots=True)
class View:
    case_reference: str
    decision: str
    decision_trusted: bool
    emergency: bool
    shared_at: str | None
    decided_at: str | None
    reasons: str
    departure_reason: str | None
    guidance_title: str
    guidance_summary: str
    guidance_reasons: tuple[str, ...]
    guidance_rules: tuple[Rule, ...]
    followed: bool
    sections: tuple[Section, ...]
    rules: tuple[Rule, ...]
    amendments: tuple[Amendment, ...]
    created: str
    created_iso: str
    amended: str | None
    schema_version: int
    helper_version: str
    digest: str


def _rules(numbers: object) -> tuple[Rule, ...]:
    wanted = set(numbers) if isinstance(numbers, (list, tuple, set)) else set()
    return tuple(r for r in RULES if r.number in wanted)


def _row(name: str, answers: Mapping[str, object]) -> Row:
    f = field(name)
    value = answers.get(name)
    iso = value if f.kind == "datetime" and isinstance(value, str) else None
    typed = f.kind in ("text", "textarea") and isinstance(value, str) and value != ""
    return Row(row_label(f), display_value(f, value), typed, _worded(f, value), iso)


def _worded(f: Field, value: object) -> bool:
    """Whether display_value words this answer itself rather than echoing it."""
    options = {o.value for o in f.options}
    if value is None or value in ("", []):
        return True
    if f.kind == "radios":
        return value in options
    if f.kind == "checkboxes":
        return isinstance(value, list) and set(value) <= options
    if f.kind == "date":
        return isinstance(value, str) and dates.parse_date(value) is not None
    if f.kind == "datetime":
        return isinstance(value, str) and dates.parse_datetime(value, None) is not None
    return False


def _when(value: str) -> str:
    moment = dates.parse_datetime(value, None)
    # parse.check_sealed has already rejected a record with a malformed time.
    return dates.display_datetime(moment) if moment is not None else "Not a valid time"


def build_view(record: Mapping[str, Any]) -> View:
    """The view of a sealed record (assumed already checked by infoshare.parse)."""
    answers: Mapping[str, object] = record["answers"]
    on_path = flow.path(answers)
    sections: list[Section] = []
    applied: set[int] = set(record["recommendation"]["rules"])
    for page_id in on_path:
        pg = page(page_id)
        applied.update(pg.rules)
        if page_id in _TOP:
            continue
        rows = tuple(_row(f.name, answers) for f in pg.fields if is_shown(f, answers))
        sections.append(Section(page_id, _HEADINGS.get(page_id, pg.title), _rules(pg.rules), rows))
    recommendation = record["recommendation"]
    shared_at = get(answers, "shared_at")
    decided_at = get(answers, "decided_at")
    decision = _row("decision", answers)
    return View(
        case_reference=get(answers, "case_reference"),
        decision=decision.value,
        decision_trusted=decision.trusted,
        # Older records set the flag for any emergency; the banner says something was shared.
        emergency=record["emergency"] is True and get(answers, "decision") in SHARE_DECISIONS,
        shared_at=_when(shared_at) if shared_at else None,
        decided_at=_when(decided_at) if decided_at else None,
        reasons=get(answers, "reasons") or NOT_ANSWERED,
        departure_reason=get(answers, "departure_reason") or None,
        guidance_title=recommendation["title"],
        guidance_summary=recommendation["summary"],
        guidance_reasons=tuple(recommendation["reasons"]),
        guidance_rules=_rules(recommendation["rules"]),
        followed=bool(recommendation["followed"]),
        sections=tuple(sections),
        rules=_rules(applied),
        amendments=tuple(
            Amendment(_when(a["at"]), a["at"], a["by"], a["reason"]) for a in record["amendments"]
        ),
        created=_when(record["created"]),
        created_iso=record["created"],
        amended=_when(record["amended"]) if record["amended"] else None,
        schema_version=record["schema_version"],
        helper_version=record["helper_version"],
        digest=record["sha256"],
    )
