"""The draft: answers not yet sealed, written so they can be opened again.

The page writes a draft with Python (the `draft` operation) and, when Python
could not start, by itself from the contract's description of this format
(infoshare.contract). infoshare.parse reads both.
"""

from __future__ import annotations

from .answers import Answers
from .canonical import canonical_json

__all__ = ["DRAFT_FORMAT", "DRAFT_VERSION", "draft_json"]

DRAFT_FORMAT = "infoshare-draft"
DRAFT_VERSION = 1


def draft_json(answers: Answers) -> str:
    return canonical_json({"format": DRAFT_FORMAT, "version": DRAFT_VERSION, "answers": answers})
