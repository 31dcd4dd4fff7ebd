"""The draft: answers not yet sealed, written so they can be opened again.

The page writes a draft with Python (the `draft` operation) and, when Python
could not start, by itself from the contract's description of this format
(infoshare.contract). infoshare.parse reads both. Either way a date is kept as
its boxes, as typed ("advice_at-day": "30"); older drafts hold whole values
("advice_at": "2026-11-30T08:45"), which are read too.

A draft saved while a record is being amended, or after a record was made from
these answers, carries that record ("amends", version 2) and what was typed so
far about who is amending it and why ("amendment"): finishing the draft then
amends the record, with its history, instead of making a second, unlinked
record of the same decision. A draft without a record is version 1, as before,
so that a helper that predates version 2 still opens it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .answers import Answers
from .canonical import canonical_json
from .dateparts import as_boxes

__all__ = ["AMENDING_VERSION", "AMENDMENT_KEYS", "DRAFT_FORMAT", "DRAFT_VERSION", "draft_json"]

DRAFT_FORMAT = "infoshare-draft"
# A draft of answers alone, and a draft that carries the record its answers amend.
DRAFT_VERSION = 1
AMENDING_VERSION = 2
AMENDMENT_KEYS = ("by", "reason")


def draft_json(answers: Answers, amends: Mapping[str, Any] | None = None,
               amendment: object = None) -> str:
    """The draft file for these answers, each date as its boxes; with `amends` (a sealed
    record, already checked), a draft of an amendment of it."""
    draft: dict[str, Any] = {"format": DRAFT_FORMAT, "version": DRAFT_VERSION,
                             "answers": as_boxes(answers)}
    if amends is not None:
        given = amendment if isinstance(amendment, Mapping) else {}
        draft.update(version=AMENDING_VERSION, amends=dict(amends), amendment={
            key: given[key] if isinstance(given.get(key), str) else "" for key in AMENDMENT_KEYS})
    return canonical_json(draft)
