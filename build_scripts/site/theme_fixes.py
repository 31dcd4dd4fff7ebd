"""Small corrections to the theme's markup, applied to every built page.

Most fix validity errors that the Nu Html Checker reports in the theme's own
HTML. One makes the folded menu usable by keyboard (with site.css): the theme's
menu button is a label for a hidden checkbox, so on a narrow window the menu
could not be opened without a mouse; the checkbox is given a name here, and
site.css lets it take focus.
"""

from __future__ import annotations

import re

# The drawer and search toggles are checkboxes; `autocomplete` is not allowed on
# checkboxes (the theme uses it to stop Firefox restoring their state).
_TOGGLE_AUTOCOMPLETE = re.compile(r'(<input class="md-toggle"[^>]*type="checkbox"[^>]*?) autocomplete="off"')

# The search overlay is a dialog with no accessible name (axe: aria-dialog-name).
_SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
_SEARCH_DIALOG_NAMED = '<div class="md-search" data-md-component="search" role="dialog" aria-label="Search this site">'


# The menu's checkbox, named for screen readers (it is what the keyboard reaches).
_DRAWER_TOGGLE = '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer">'
_DRAWER_TOGGLE_NAMED = ('<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" '
                        'aria-label="Site menu">')


def fix_page(html: str) -> str:
    html = _TOGGLE_AUTOCOMPLETE.sub(r"\1", html)
    html = html.replace(_DRAWER_TOGGLE, _DRAWER_TOGGLE_NAMED)
    return html.replace(_SEARCH_DIALOG, _SEARCH_DIALOG_NAMED)
