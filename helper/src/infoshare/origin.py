"""Where a record was made: the name and address of the site that hosts the helper.

The page passes them from the site's settings when a record is sealed. They are
kept in the record (so its digest covers them) and shown in every format, so a
record read later says which partnership's helper made it. Like anything read
back from a file, they are checked before they are trusted.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from .textsafety import has_control_characters
from .validate import Problem

__all__ = ["SITE_KEYS", "SITE_NAME_MAX", "SITE_URL_MAX", "site_problems"]

SITE_KEYS = frozenset({"name", "url"})
SITE_NAME_MAX = 200
SITE_URL_MAX = 500
_URL = re.compile(r"https?://[^\s/?#]+[^\s]*", re.ASCII)


def _text_problem(value: object, what: str, limit: int) -> str | None:
    if not isinstance(value, str) or value.strip() == "":
        return f"The site's {what} is missing"
    if len(value) > limit:
        return f"The site's {what} must be {limit:,} characters or fewer"
    if has_control_characters(value) or "\n" in value or "\t" in value:
        return f"The site's {what} must be one line without hidden control characters"
    return None


def site_problems(site: object) -> list[Problem]:
    """Problems with the site a record says it was made on (None: not recorded)."""
    if site is None:
        return []
    if not isinstance(site, Mapping) or set(site) != SITE_KEYS:
        return [Problem("site", "The site's details must be its name and its address")]
    problems = [
        Problem("site", message)
        for message in (_text_problem(site["name"], "name", SITE_NAME_MAX),
                        _text_problem(site["url"], "address", SITE_URL_MAX))
        if message is not None
    ]
    if not problems and not _URL.fullmatch(site["url"]):
        problems.append(Problem("site", "The site's address must start with https:// or http://"))
    return problems

