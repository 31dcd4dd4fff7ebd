"""build_scripts/site/theme.py: every assumption about the theme's markup either holds and
its correction is made, or the step raises, naming the page and the assumption."""

from __future__ import annotations

import pytest

from build_scripts.site.theme import ThemeError, fix_page, hold_theme_scripts, require_article

HELPER = '<script async src="helper.js?v=abc" data-runtime="runtime/x/"></script>'
BUNDLE = '<script src="../assets/javascripts/bundle.a5f9d56c.min.js"></script>\n'

DRAWER = '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">'
SEARCH = '<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search" autocomplete="off">'
DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
PAGE = f"<body>{DRAWER}{SEARCH}<header></header>{DIALOG}</div></body>"


@pytest.mark.parametrize(("page", "expected"), [
    (f"<head>{HELPER}</head><body><p>x</p>{BUNDLE}</body>",
     ('<head><script async src="helper.js?v=abc" data-theme-scripts="../assets/javascripts/bundle.a5f9d56c.min.js"'
     ' data-runtime="runtime/x/"></script></head><body><p>x</p></body>')),
    (f'<head>{HELPER}</head><body>{BUNDLE.replace("../", "/site&amp;")}</body>',
     ('<head><script async src="helper.js?v=abc" data-theme-scripts="/site&amp;amp;assets/javascripts/'
     'bundle.a5f9d56c.min.js" data-runtime="runtime/x/"></script></head><body></body>')),
])
def test_moves_the_bundle(page: str, expected: str) -> None:
    assert hold_theme_scripts(page, "helper/index.html") == expected


@pytest.mark.parametrize(("page", "message"), [
    (f"<head>{HELPER}</head><body></body>", "found 0"),
    (f"<head>{HELPER}</head><body>{BUNDLE}{BUNDLE}</body>", "found 2"),
    (f"<head></head><body>{BUNDLE}</body>", "no <script async"),
    (f"<head>{HELPER}{HELPER}</head><body>{BUNDLE}</body>", "no <script async"),
    (f'<head>{HELPER}</head><body><script src="bundle.js"></script></body>', "found 0"),
])
def test_refuses_a_helper_page_it_does_not_recognise(page: str, message: str) -> None:
    with pytest.raises(ThemeError, match=message) as raised:
        hold_theme_scripts(page, "helper/index.html")
    assert str(raised.value).startswith("helper/index.html: ")
    assert "build_scripts/site/theme.py" in str(raised.value)


def test_fixes_the_page() -> None:
    fixed = fix_page(PAGE, "rules/4/index.html")
    assert fixed == (
        '<body><input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" aria-label="Site menu">'
        '<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search"><header></header>'
        '<div class="md-search" data-md-component="search" role="dialog" aria-label="Search this site"></div></body>')


def test_a_search_dialog_the_theme_names_already_is_left_alone() -> None:
    named = DIALOG.replace('role="dialog"', 'role="dialog" aria-label="Search"')
    assert named in fix_page(PAGE.replace(DIALOG, named), "index.html")


# Each theme pattern changed so that it matches nothing, as a new theme version might: the
# step must stop, not ship the page uncorrected.
CHANGED = [
    ("no drawer toggle", PAGE.replace(DRAWER, ""), "drawer and search toggles"),
    ("no search toggle", PAGE.replace(SEARCH, ""), "drawer and search toggles"),
    ("toggles renamed", PAGE.replace('class="md-toggle"', 'class="md-switch"'), "drawer and search toggles"),
    ("drawer attributes reordered", PAGE.replace('type="checkbox" id="__drawer"', 'id="__drawer" type="checkbox"'),
     "drawer and search toggles"),
    ("drawer has another attribute", PAGE.replace('id="__drawer" autocomplete="off"', 'id="__drawer" hidden'),
     "menu's checkbox"),
    ("no search dialog", PAGE.replace(DIALOG, "<div>"), "one search dialog"),
    ("search dialog as <dialog>", PAGE.replace(DIALOG, '<dialog class="md-search">'), "one search dialog"),
    ("two search dialogs", PAGE.replace(DIALOG, DIALOG + DIALOG), "found 2"),
    ("hostile markup where the dialog was", PAGE.replace(DIALOG, '<div class="md-search" data-md-component="search" '
                                                                  'role="dialog" aria-label="<script>">'),
     "one search dialog"),
]


@pytest.mark.parametrize(("page", "message"), [(p, m) for _, p, m in CHANGED], ids=[n for n, _, _ in CHANGED])
def test_a_theme_pattern_that_matches_nothing_raises(page: str, message: str) -> None:
    with pytest.raises(ThemeError, match=message) as raised:
        fix_page(page, "rules/4/index.html")
    assert str(raised.value).startswith("rules/4/index.html: ")


@pytest.mark.parametrize("page", ["<main></main>", '<article class="md-content__inner">x</article>',
                                  '<article class="md-content__inner md-typeset"></article>' * 2])
def test_a_page_without_the_theme_article_raises(page: str) -> None:
    with pytest.raises(ThemeError, match="article"):
        require_article(page, "privacy/index.html")
