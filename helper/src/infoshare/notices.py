"""What the page says about a file it has just opened, and about the record an amendment
will amend: the sentences are here, the page only shows them.

A file can be one of four things, and the practitioner must never have to guess which:
a sealed record (opened to amend it), a draft (answers saved part way, not a record), a
draft of an amendment (answers saved part way through amending a record, which it
carries), or a record that `infoshare validate` finds problems with (shown, with each
problem, and not amended). A sound record needs no notice: the check page says which
record is being amended.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from . import dates
from .answers import get
from .validate import Problem

__all__ = ["amending", "opened"]


def _made(record: Mapping[str, Any]) -> str:
    """"made on 15 January 2026 at 16:30 (UTC+00:00) by Jo Evans": when, and by whoever
    recorded it (the decision maker, unless someone else recorded it)."""
    created = dates.parse_datetime(str(record.get("created", "")), None)
    when = dates.display_datetime(created) if created is not None else "an unknown date"
    answers = record.get("answers")
    answers = answers if isinstance(answers, Mapping) else {}
    recorder = "recorder_name" if get(answers, "recorded_by_decision_maker") == "no" else (
        "decision_maker_name")
    name = get(answers, recorder)
    return f"made on {when}" + (f" by {name}" if name.strip() else "")


def amending(record: Mapping[str, Any]) -> str:
    """Which record the page is amending, said above the check page's answers."""
    amended = record.get("amendments")
    count = len(amended) if isinstance(amended, list) else 0
    version = f" (as amended {count} time{'s' if count != 1 else ''})" if count else ""
    return f"You are amending the record {_made(record)}{version}."


def _notice(tone: str, title: str, text: str,
            problems: Sequence[Problem] = ()) -> dict[str, Any]:
    return {"tone": tone, "title": title, "text": text,
            "problems": [p.message for p in problems]}


def opened(kind: str, record: Mapping[str, Any] | None,
           problems: Sequence[Problem]) -> dict[str, Any] | None:
    """The notice for a file just opened: `kind` "record" or "draft"; `record` the sealed
    record opened, or the one a draft amends; `problems` what `infoshare validate` finds
    in that record. None for a sound record."""
    if problems:
        what = "record" if kind == "record" else "record this draft amends"
        return _notice(
            "warning", f"The {what} has problems",
            f"The helper found the problems below in the {what}: the same ones its record "
            "checker (infoshare validate) reports. The file may have been changed since the "
            "helper made it, so it cannot be amended. You can read its answers here. "
            "Creating the record makes a new record from them, separate from the file you "
            "opened: it does not amend it.",
            problems)
    if kind == "record":
        return None
    if record is not None:
        return _notice(
            "info", "You opened a draft of an amendment",
            "This file holds answers saved part way through amending a record. It is not "
            f"a record. Creating the record amends the record {_made(record)}, and adds the "
            "amendment to its history.")
    return _notice(
        "info", "You opened a draft",
        "This file holds answers saved part way through. It is not a record: carry on from "
        "where you stopped, then create the record. If you have already made a record from "
        "these answers, open that record instead and amend it, so that there is one record "
        "with its history rather than two.")
