"""The contract between the helper's page and this package, as one piece of data.

Everything the page must know that Python decides is here, and only here: the
questions, the amendment questions, the draft format, the file-name rule, the
size limit for files, the download formats, the messages the page shows on its
own, and the ids of the page's parts. The build writes `contract()` into the
page as JSON (build_scripts/site/helper_page.py) and renders the page's HTML
from it; the page's scripts read it from there. So the page never keeps a copy
of its own, and a test fails when the two disagree.
"""

from __future__ import annotations

from typing import Any

from .amend import AMENDMENT_FIELDS
from .draft import DRAFT_FORMAT, DRAFT_VERSION
from .filenames import NAME_RULE
from .formats import FORMATS
from .parse import MAX_BYTES, TOO_LARGE
from .questions import PAGES, Field, Page

__all__ = ["CONTRACT_VERSION", "FIELD_ID_PREFIX", "IDS", "MESSAGES", "contract", "field_id"]

CONTRACT_VERSION = 1

# Every form control's id is this prefix and the field's name, so an error
# returned for a field finds its control.
FIELD_ID_PREFIX = "f-"

# The page's parts that its scripts look up, by role.
IDS: dict[str, str] = {
    "root": "infoshare",
    "contract": "infoshare-contract",
    "form": "infoshare-form",
    "status": "infoshare-status",
    "status_text": "infoshare-status-text",
    "progress": "infoshare-progress",
    "amount": "infoshare-amount",
    "failed": "infoshare-failed",
    "failed_reason": "infoshare-failed-reason",
    "failed_fix": "infoshare-failed-fix",
    "open": "infoshare-open",
    "record_file": FIELD_ID_PREFIX + "record_file",
    "outcome": "infoshare-outcome",
    "outcome_title": "infoshare-outcome-title",
    "outcome_summary": "infoshare-outcome-summary",
    "outcome_reasons": "infoshare-outcome-reasons",
    "outcome_rules": "infoshare-outcome-rules",
    "rule_links": "infoshare-rule-links",
    "check": "infoshare-check",
    "check_outcome": "infoshare-check-outcome",
    "summary": "infoshare-summary",
    "amend": "infoshare-amend",
    "amend_about": "infoshare-amend-about",
    "record": "infoshare-record",
    "downloaded": "infoshare-downloaded",
    "clear": "infoshare-clear",
    "footer": "infoshare-footer",
}

# What the page says by itself: when a file cannot be opened before Python has read
# it, and when Python cannot start or stops answering. Python's own messages come with
# its replies.
MESSAGES: dict[str, str] = {
    "open_no_file": "Select a saved record to open",
    "open_too_large": TOO_LARGE,
    "open_no_python": "The helper could not start, so it cannot open a saved record",
    "open_unreadable": "The file could not be read",
    "unexpected": "Something went wrong in the helper",
}


def field_id(name: str) -> str:
    return FIELD_ID_PREFIX + name


def _field_data(f: Field) -> dict[str, Any]:
    return {
        "name": f.name,
        "id": field_id(f.name),
        "kind": f.kind,
        "label": f.label,
        "hint": f.hint,
        "required": f.required,
        "max_length": f.max_length if f.kind in ("text", "textarea") else None,
        "options": [{"value": o.value, "label": o.label, "hint": o.hint} for o in f.options],
        "show_if": (
            {"field": f.show_if.field, "in": list(f.show_if.values)} if f.show_if else None
        ),
    }


def _page_data(p: Page) -> dict[str, Any]:
    return {
        "id": p.id,
        "title": p.title,
        "hint": p.hint,
        "rules": list(p.rules),
        "fields": [_field_data(f) for f in p.fields],
    }


def contract() -> dict[str, Any]:
    """The whole contract, as plain JSON-ready data."""
    return {
        "version": CONTRACT_VERSION,
        "pages": [_page_data(p) for p in PAGES],
        "amendment_fields": [_field_data(f) for f in AMENDMENT_FIELDS],
        "draft": {"format": DRAFT_FORMAT, "version": DRAFT_VERSION},
        "file_name": dict(NAME_RULE),
        "max_file_bytes": MAX_BYTES,
        "formats": [
            {"key": f.key, "extension": f.extension, "mime": f.mime, "label": f.label,
             "purpose": f.purpose}
            for f in FORMATS
        ],
        "field_id_prefix": FIELD_ID_PREFIX,
        "ids": dict(IDS),
        "messages": dict(MESSAGES),
    }
