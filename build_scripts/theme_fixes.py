"""Small corrections to the theme's markup, applied to every built page.

Each fix is for a validity error that the Nu Html Checker reports in the
theme's own HTML; none changes what the page does in a supported browser.
"""

from __future__ import annotations

import re

# The drawer and search toggles are checkboxes; `autocomplete` is not allowed on
# checkboxes (the theme uses it to stop Firefox restoring their state).
_TOGGLE_AUTOCOMPLETE = re.compile(r'(<input class="md-toggle"[^>]*type="checkbox"[^>]*?) autocomplete="off"')

# The search overlay is a dialog with no accessible name (axe: aria-dialog-name).
_SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
_SEARCH_DIALOG_NAMED = '<div class="md-search" data-md-component="search" role="dialog" aria-label="Search this site">'


def fix_page(html: str) -> str:
    html = _TOGGLE_AUTOCOMPLETE.sub(r"\1", html)
    return html.replace(_SEARCH_DIALOG, _SEARCH_DIALOG_NAMED)
