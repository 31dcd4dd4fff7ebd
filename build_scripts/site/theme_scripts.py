"""On the decision helper's page, the theme's own script waits until the helper has started.

The theme's script (search, keyboard shortcuts, the header's behaviour) takes a
slow computer about a tenth of a second of processor time as the page loads: the
moment the helper's Python is starting in its worker. Measured on a two-core
machine, holding it back makes the helper ready about 100 ms sooner. So on this
page the theme's <script src> tags are removed and their addresses given to the
helper's own script (data-theme-scripts), which loads them, in order, as soon as
the helper is ready or has failed, or after eight seconds, whichever comes first.
Until then the page is the theme's no-JavaScript layout, which works in full; the
header's search box appears when the theme's script runs.
"""

from __future__ import annotations

import html
import re

_THEME_SCRIPT = re.compile(r'<script src="([^"<>]*assets/javascripts/bundle\.[0-9a-f]+\.min\.js)"></script>\n?')
_HELPER_SCRIPT = re.compile(r'(<script async src="[^"<>]*helper\.js\?v=[^"<>]*")')


class ThemeScriptError(ValueError):
    """The page does not look as expected; the message says what is missing."""


def hold_theme_scripts(page_html: str) -> str:
    """The helper page's HTML with the theme's script tags moved into data-theme-scripts."""
    sources = _THEME_SCRIPT.findall(page_html)
    if len(sources) != 1:
        raise ThemeScriptError(f"expected the theme's one bundle <script> on the helper page, found {len(sources)}")
    if len(_HELPER_SCRIPT.findall(page_html)) != 1:
        raise ThemeScriptError("the helper page has no <script async src=\"...helper.js?v=...\"> to hand the theme's script to")
    without = _THEME_SCRIPT.sub("", page_html)
    attribute = f' data-theme-scripts="{html.escape(" ".join(sources), quote=True)}"'
    return _HELPER_SCRIPT.sub(lambda m: m.group(1) + attribute, without, count=1)
