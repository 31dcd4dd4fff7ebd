"""build_scripts/site/theme_scripts.py: the theme's script tag moves to the helper's script."""

from __future__ import annotations

import pytest

from build_scripts.site.theme_scripts import ThemeScriptError, hold_theme_scripts

HELPER = '<script async src="helper.js?v=abc" data-runtime="runtime/x/"></script>'
BUNDLE = '<script src="../assets/javascripts/bundle.a5f9d56c.min.js"></script>\n'


@pytest.mark.parametrize(("page", "expected"), [
    (f"<head>{HELPER}</head><body><p>x</p>{BUNDLE}</body>",
     ('<head><script async src="helper.js?v=abc" data-theme-scripts="../assets/javascripts/bundle.a5f9d56c.min.js"'
     ' data-runtime="runtime/x/"></script></head><body><p>x</p></body>')),
    (f'<head>{HELPER}</head><body>{BUNDLE.replace("../", "/site&amp;")}</body>',
     ('<head><script async src="helper.js?v=abc" data-theme-scripts="/site&amp;amp;assets/javascripts/'
     'bundle.a5f9d56c.min.js" data-runtime="runtime/x/"></script></head><body></body>')),
])
def test_moves_the_bundle(page: str, expected: str) -> None:
    assert hold_theme_scripts(page) == expected


@pytest.mark.parametrize(("page", "message"), [
    (f"<head>{HELPER}</head><body></body>", "found 0"),
    (f"<head>{HELPER}</head><body>{BUNDLE}{BUNDLE}</body>", "found 2"),
    (f"<head></head><body>{BUNDLE}</body>", "no <script async"),
    (f"<head>{HELPER}{HELPER}</head><body>{BUNDLE}</body>", "no <script async"),
    (f'<head>{HELPER}</head><body><script src="bundle.js"></script></body>', "found 0"),
])
def test_refuses_a_page_it_does_not_recognise(page: str, message: str) -> None:
    with pytest.raises(ThemeScriptError, match=message):
        hold_theme_scripts(page)
