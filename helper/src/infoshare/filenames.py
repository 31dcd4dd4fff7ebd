"""File names for records and drafts: nothing typed but a sanitised case reference.

The rule is data (`NAME_RULE`) as well as code, because the page must name a
draft itself when Python has not started: it reads the rule from the contract
(infoshare.contract) rather than keeping a copy of its own.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from . import dates

__all__ = ["AMENDED", "DRAFT", "NAME_RULE", "draft_stem", "filename_stem", "safe_reference", "stem"]

PREFIX = "information-sharing-decision"
# ASCII letters and digits only, so a name is safe on every file system and
# cannot hide a path, a bidi trick or an extension.
_UNSAFE = r"[^A-Za-z0-9]+"
_UNSAFE_IN_NAME = re.compile(_UNSAFE, re.ASCII)
REFERENCE_MAX = 40
NO_REFERENCE = "no-reference"
UNDATED = "undated"
# After the base name of an amended version, with its amendment number.
AMENDED = "_amended-"
# After the base name of a draft, so that a draft never takes a record's name: a browser
# that replaces a download of the same name would otherwise put the draft in the record's
# place, and anywhere else the record's name would end up on answers nobody sealed.
DRAFT = "_answers-so-far"

NAME_RULE: dict[str, Any] = {
    "prefix": PREFIX,
    "separator": "_",
    "unsafe": _UNSAFE,
    "replacement": "-",
    "reference_max": REFERENCE_MAX,
    "no_reference": NO_REFERENCE,
    "draft_suffix": DRAFT,
}


def safe_reference(reference: object) -> str:
    """The case reference as it may appear in a file name."""
    text = reference if isinstance(reference, str) else ""
    safe = _UNSAFE_IN_NAME.sub("-", text).strip("-")[:REFERENCE_MAX].strip("-")
    return safe or NO_REFERENCE


def stem(reference: object, day: str) -> str:
    return f"{PREFIX}_{safe_reference(reference)}_{day}"


def draft_stem(reference: object, day: str) -> str:
    """The stem for a draft saved on `day` (YYYY-MM-DD): "..._2026-11-25_answers-so-far"."""
    return stem(reference, day) + DRAFT


def filename_stem(record: Mapping[str, Any]) -> str:
    """The stem for a sealed record: its case reference and the date of this version.

    An amended version is named by the date it was amended and its amendment number
    ("..._2026-11-25_amended-2"), so no two versions of a record share a name, even
    when amended on the day it was made or twice in a day.
    """
    answers = record.get("answers")
    reference = answers.get("case_reference", "") if isinstance(answers, Mapping) else ""
    when = record.get("amended") or record.get("created")
    day = when[:10] if isinstance(when, str) and dates.parse_date(when[:10]) else UNDATED
    base = stem(reference, day)
    entries = record.get("amendments")
    count = len(entries) if isinstance(entries, list) else 0
    return f"{base}{AMENDED}{count}" if count else base
