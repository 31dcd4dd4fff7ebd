"""What this site assumes about the theme's HTML, in one place, and the corrections made to it.

The finish step (finish.py) changes the theme's output in a few places. Each change
looks for markup of a known shape; if the theme (a new version, or another builder's copy
of it) writes that markup differently, a silent search-and-replace would ship pages
without the change. So every assumption here either matches, or raises ThemeError
naming the page, what was expected and this file.

The corrections:

- The drawer and search toggles are checkboxes; `autocomplete` is not allowed on
  checkboxes (the theme uses it to stop Firefox restoring their state), so it goes.
- The menu's checkbox is named for screen readers ("Site menu": it is what the keyboard
  reaches; site.css lets it take focus, so the folded menu opens without a mouse).
- The search overlay is a dialog with no accessible name (axe: aria-dialog-name); it is
  named. A theme that names it already is left as it is.
- On the decision helper's page, the theme's own script waits until the helper has
  started: its <script src> tag is removed and its address handed to the helper's boot
  script (data-theme-scripts), which loads it as soon as the helper is ready or has
  failed, or after eight seconds. The theme's script takes a slow computer about a
  tenth of a second as the page loads, the moment Python is starting in its worker;
  holding it back makes the helper ready about 100 ms sooner on a two-core machine.
  Until then the page is the theme's no-JavaScript layout, which works in full.

And two facts other steps rely on: every page's content is in the theme's <article>
(print_links.py marks the links in it), and the theme's search worker is a classic
script under assets/javascripts/workers/ (worker_guard.py guards it).
"""

from __future__ import annotations

import html
import re

HERE = "build_scripts/site/theme.py"

_TOGGLE = re.compile(r'<input class="md-toggle" data-md-toggle="(drawer|search)" type="checkbox" id="__\1"[^>]*>')
_AUTOCOMPLETE = re.compile(r' autocomplete="off"')

_DRAWER_TOGGLE = '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer">'
_DRAWER_TOGGLE_NAMED = ('<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" '
                        'aria-label="Site menu">')

_SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
_SEARCH_DIALOG_NAMED = '<div class="md-search" data-md-component="search" role="dialog" aria-label="Search this site">'
_SEARCH_DIALOG_ANY = re.compile(r'<div class="md-search" data-md-component="search" role="dialog"( aria-label="[^"<>]+")?>')

ARTICLE = '<article class="md-content__inner md-typeset">'

_THEME_SCRIPT = re.compile(r'<script src="([^"<>]*assets/javascripts/bundle\.[0-9a-f]+\.min\.js)"></script>\n?')
_HELPER_SCRIPT = re.compile(r'(<script async src="[^"<>]*helper\.js\?v=[^"<>]*")')


class ThemeError(ValueError):
    """The theme's HTML is not in the shape this site expects; the message says what and where."""

    def __init__(self, where: str, what: str) -> None:
        super().__init__(f"{where}: {what}. The theme's markup has changed; see {HERE}")


def fix_page(page_html: str, where: str) -> str:
    """The page with the corrections above. `where` names the page in an error."""
    toggles = _TOGGLE.findall(page_html)
    if sorted(toggles) != ["drawer", "search"]:
        raise ThemeError(where, f"expected the theme's drawer and search toggles, found {toggles}")
    page_html = _TOGGLE.sub(lambda m: _AUTOCOMPLETE.sub("", m.group(0)), page_html)
    if page_html.count(_DRAWER_TOGGLE) != 1:
        raise ThemeError(where, f"expected the menu's checkbox exactly as {_DRAWER_TOGGLE}")
    page_html = page_html.replace(_DRAWER_TOGGLE, _DRAWER_TOGGLE_NAMED)
    dialogs = _SEARCH_DIALOG_ANY.findall(page_html)
    if len(dialogs) != 1:
        raise ThemeError(where, f"expected one search dialog ({_SEARCH_DIALOG}), found {len(dialogs)}")
    return page_html.replace(_SEARCH_DIALOG, _SEARCH_DIALOG_NAMED)


def require_article(page_html: str, where: str) -> None:
    """A page's content must be in the theme's article, where print_links.py looks for links."""
    if page_html.count(ARTICLE) != 1:
        raise ThemeError(where, f"expected the page's content in one {ARTICLE}")


def hold_theme_scripts(page_html: str, where: str) -> str:
    """The helper page's HTML with the theme's script tag moved into data-theme-scripts."""
    sources = _THEME_SCRIPT.findall(page_html)
    if len(sources) != 1:
        raise ThemeError(where, f"expected the theme's one bundle <script> on the helper page, found {len(sources)}")
    if len(_HELPER_SCRIPT.findall(page_html)) != 1:
        raise ThemeError(where, "the helper page has no <script async src=\"...helper.js?v=...\"> "
                                "to hand the theme's script to")
    without = _THEME_SCRIPT.sub("", page_html)
    attribute = f' data-theme-scripts="{html.escape(" ".join(sources), quote=True)}"'
    return _HELPER_SCRIPT.sub(lambda m: m.group(1) + attribute, without, count=1)
