"""What a rendered record shows, worked out once for the HTML, Markdown and plain text.

Every renderer presents the same view, so they cannot disagree about which
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
from .display import NOT_ANSWERED, display_value, no_decision, row_label
from .outcomes import SHARE_DECISIONS
from .questions import FIELDS, LEGACY_FIELDS, PAGES, Field
from .rules import RULES, Rule

__all__ = ["DIGEST_NOTE", "RULES_NUMBERED_AS", "Amendment", "Change", "Row", "Section", "View", "build_change",
           "build_view"]

# Said under the digest in every format but JSON (whose schema says the same of its
# sha256), in three parts so that each format can set the command as code. What the
# digest proves, and what it does not: it is not a signature.
DIGEST_NOTE = (
    ("The SHA-256 digest is worked out from the record's JSON file. It shows that the file "
     "has not been damaged or changed by accident since this version was made, and it lets a "
     "later amendment name exactly the version it amends. It does not show that nobody "
     "changed the record on purpose: anyone who edits the file can work out a new digest. "
     "Only comparing the file with a copy of this or an earlier version kept somewhere else "
     "shows such a change ("),
    "infoshare validate FILE --against EARLIER",
    (" compares a version with an earlier one). Keep the JSON file of every version where "
     "your organisation keeps case records: it is the authoritative record."),
)

# Whose numbering the rules a record cites follow: the text the site publishes is a local
# board's copy of the 2015 advice, not the government's own text word for word.
RULES_NUMBERED_AS = ("the local safeguarding children board's copy of the 2015 advice that this "
                     "site publishes")

# Record headings for the pages (a record groups its answers by the page that asked
# them); the pages' own titles are questions.
_HEADINGS = {
    "urgency": "Urgency",
    "case_reference": "The case",
    "request": "The request",
    "purpose": "Purpose",
    "personal_data": "Personal data",
    "risk_of_harm": "Risk of harm",
    "confidential": "Confidentiality",
    "consent": "Consent",
    "views": "Views of the child or family",
    "adult_views": "Views of the adult at risk",
    "other_basis": "Another basis to share without consent",
    "lawful_basis": "Lawful basis",
    "special_category": "Special category data",
    "article_9": "Special category data: the Article 9 condition",
    "schedule_1_part_2": "Special category data: the Schedule 1 Part 2 condition",
    "criminal_offence": "Criminal offence data",
    "confidence": "Sharing confidential information without consent",
    "sharing": "What was shared",
    "recipient": "Who it was shared with",
    "how_shared": "How and when it was shared",
    "identities": "Protecting identities",
    "principles": "Necessary and proportionate",
    "telling": "Telling the person",
    "advice": "Advice",
    "decision_maker": "Who decided",
    "recorder": "Who recorded it",
    "decision_time": "When it was decided",
}
# Shown together at the top of the record, not again in the sections.
_TOP = ("decision", "departure", "reasons")
# A record made while seeking advice records no decision yet: it says who recorded
# it and when, not who decided (the fields' own statements say so for their rows).
_SEEKING_ADVICE_HEADINGS = {"decision_maker": "Who made this record",
                            "decision_time": "When it was recorded"}


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
class Change:
    field: str
    label: str
    before: Row
    after: Row

    def to_dict(self) -> dict[str, str]:
        return {"field": self.field, "label": self.label, "before": self.before.value,
                "after": self.after.value}


@dataclass(frozen=True, slots=True)
class Amendment:
    number: int
    at: str
    at_iso: str
    by: str
    reason: str
    # None for an amendment made by schema version 1, which did not record them.
    changes: tuple[Change, ...] | None
    previous_digest: str | None

    @property
    def changes_note(self) -> str | None:
        """What every format says instead of a list of changes, when there is none to list."""
        if self.changes is None:
            return ("This amendment was made by an earlier version of the helper, which did not "
                    "record what it changed.")
        return None if self.changes else "No answers were changed."


@dataclass(frozen=True, slots=True)
class View:
    case_reference: str
    decision: str
    decision_trusted: bool
    # "Decided", or what a record made while seeking advice says instead.
    decided_label: str
    # Who recorded the decision, where that was not the person who made it, and then
    # who made it (else None: the person named as the decision maker recorded it).
    recorded_by: str | None
    decided_by: str | None
    emergency: bool
    shared_at: str | None
    decided_at: str | None
    reasons: str
    departure_reason: str | None
    guidance_title: str
    guidance_summary: str
    guidance_reasons: tuple[str, ...]
    # The golden rules the outcome cites, as the site numbers them (2015).
    guidance_rules: tuple[Rule, ...]
    prompts: tuple[str, ...]
    followed: bool
    sections: tuple[Section, ...]
    amendments: tuple[Amendment, ...]
    created: str
    created_iso: str
    amended: str | None
    schema_version: int
    helper_version: str
    site_name: str | None
    site_url: str | None
    digest: str

    @property
    def amended_note(self) -> str | None:
        """Said at the top of the Markdown and the plain text of an amended version (the
        HTML says it under its heading), so a pasted case note cannot pass for the original."""
        if self.amended is None:
            return None
        count = len(self.amendments)
        listed = ("1 amendment, listed" if count == 1 else f"{count} amendments, each listed")
        return (f"{self.amended}. This is the record first made on {self.created}, with "
                f"{listed} under Amendments.")


def _rules(numbers: object) -> tuple[Rule, ...]:
    wanted = set(numbers) if isinstance(numbers, (list, tuple, set)) else set()
    return tuple(r for r in RULES if r.number in wanted)


def _field(name: str) -> Field:
    return FIELDS[name] if name in FIELDS else LEGACY_FIELDS[name].field


def _cell(f: Field, label: str, value: object) -> Row:
    iso = value if f.kind == "datetime" and isinstance(value, str) else None
    typed = f.kind in ("text", "textarea") and isinstance(value, str) and value != ""
    return Row(label, display_value(f, value), typed, _worded(f, value), iso)


def _row(name: str, answers: Mapping[str, object], *, seeking_advice: bool = False) -> Row:
    f = _field(name)
    return _cell(f, row_label(f, seeking_advice=seeking_advice), answers.get(name))


def _name_and_role(answers: Mapping[str, object], prefix: str) -> str:
    named = [get(answers, f"{prefix}_{part}") for part in ("name", "role")]
    # As typed: nothing is trimmed (a trailing invisible character is shown, not dropped).
    return ", ".join(text for text in named if text.strip()) or NOT_ANSWERED


def _recorded_by(answers: Mapping[str, object]) -> tuple[str, str] | None:
    """Who recorded someone else's decision, and who made it: name and role of each."""
    if get(answers, "recorded_by_decision_maker") != "no":
        return None
    return _name_and_role(answers, "recorder"), _name_and_role(answers, "decision_maker")


def build_change(change: Mapping[str, Any]) -> Change:
    """One entry of an amendment's changes, worded as the record shows it."""
    f = _field(change["field"])
    label = row_label(f)
    return Change(f.name, label, _cell(f, label, change["before"]),
                  _cell(f, label, change["after"]))


def _amendment(number: int, entry: Mapping[str, Any]) -> Amendment:
    changes = entry.get("changes")
    return Amendment(
        number, _when(entry["at"]), entry["at"], entry["by"], entry["reason"],
        None if changes is None else tuple(build_change(c) for c in changes),
        entry.get("previous_sha256"),
    )


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
    version = record["schema_version"]
    seeking_advice = no_decision(answers)
    sections: list[Section] = []
    on_path = set(flow.path(answers))
    for pg in PAGES:
        page_id = pg.id
        if page_id in _TOP:
            continue
        # A question first asked after the record was made is left out, not shown unanswered.
        names = [f.name for f in pg.fields
                 if is_shown(f, answers) and (f.since <= version or f.name in answers)
                 ] if page_id in on_path else []
        # Every answer the record holds is shown, even one on a page that today's questions
        # would not visit for these answers (a record of an earlier version asked it then).
        names += [f.name for f in pg.fields if f.name in answers and f.name not in names]
        # An answer to a question an earlier schema asked, in the section it belongs to.
        names += [name for name, legacy in LEGACY_FIELDS.items()
                  if legacy.page == page_id and name in answers]
        if not names:
            continue
        rows = tuple(_row(name, answers, seeking_advice=seeking_advice) for name in names)
        title = (_SEEKING_ADVICE_HEADINGS.get(page_id) if seeking_advice else None) or (
            _HEADINGS.get(page_id, pg.title))
        sections.append(Section(page_id, title, _rules(pg.rules), rows))
    recommendation = record["recommendation"]
    shared_at = get(answers, "shared_at")
    decided_at = get(answers, "decided_at")
    decision = _row("decision", answers)
    recorder = _recorded_by(answers)
    site = record.get("site")
    return View(
        case_reference=get(answers, "case_reference"),
        decision=decision.value,
        decision_trusted=decision.trusted,
        decided_label="Recorded, while seeking advice" if seeking_advice else "Decided",
        recorded_by=recorder[0] if recorder else None,
        decided_by=recorder[1] if recorder else None,
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
        prompts=tuple(p["text"] for p in recommendation.get("prompts", [])),
        followed=bool(recommendation["followed"]),
        sections=tuple(sections),
        amendments=tuple(_amendment(n, a) for n, a in enumerate(record["amendments"], 1)),
        created=_when(record["created"]),
        created_iso=record["created"],
        amended=_when(record["amended"]) if record["amended"] else None,
        schema_version=record["schema_version"],
        helper_version=record["helper_version"],
        site_name=site["name"] if isinstance(site, Mapping) else None,
        site_url=site["url"] if isinstance(site, Mapping) else None,
        digest=record["sha256"],
    )
