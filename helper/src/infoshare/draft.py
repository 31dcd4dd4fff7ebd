"""The draft: answers not yet sealed, written so they can be opened again.

The page writes a draft with Python (the `draft` operation) and, when Python
could not start, by itself from the contract's description of this format
(infoshare.contract). infoshare.parse reads both. Either way a date is kept as
its boxes, as typed ("advice_at-day": "30"); older drafts hold whole values
("advice_at": "2026-11-30T08:45"), which are read too.
"""

from __future__ import annotations

from .answers import Answers
from .canonical import canonical_json
from .dateparts import as_boxes

__all__ = ["DRAFT_FORMAT", "DRAFT_VERSION", "draft_json"]

DRAFT_FORMAT = "infoshare-draft"
DRAFT_VERSION = 1


def draft_json(answers: Answers) -> str:
    """The draft file for these answers, each date as its boxes."""
    return canonical_json({"format": DRAFT_FORMAT, "version": DRAFT_VERSION,
                           "answers": as_boxes(answers)})
