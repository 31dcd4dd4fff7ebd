"""On a narrow window the theme folds its menu away behind a button: the keyboard can
open it, and Tab never rests on a link that is off the screen (WCAG 2.1.1, 2.4.11).
See the drawer rules in docs/assets/stylesheets/site.css and build_scripts/site/theme.py."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.driver import run_axe


WIDTH = 375
FOCUSED = """() => {
  const e = document.activeElement;
  const r = e.getBoundingClientRect();
  return {tag: e.tagName, id: e.id, name: e.getAttribute('aria-label') || (e.textContent || '').trim().slice(0, 40),
          left: r.left, right: r.right, top: r.top, bottom: r.bottom,
          inMenu: Boolean(e.closest('.md-sidebar--primary'))};
}"""


def _tab(page: Any, times: int = 1, *, back: bool = False) -> dict[str, Any]:
    for _ in range(times):
        page.keyboard.press("Shift+Tab" if back else "Tab")
    page.wait_for_timeout(300)  # the drawer slides
    return page.evaluate(FOCUSED)


def _on_screen(focus: dict[str, Any]) -> bool:
    return focus["right"] > 0 and focus["left"] < WIDTH and focus["bottom"] > 0


@pytest.mark.parametrize("path", ["", "rules/6/", "helper/"])
def test_menu_opens_by_keyboard_and_focus_stays_on_screen(page: Any, site_url: str, path: str) -> None:
    page.set_viewport_size({"width": WIDTH, "height": 700})
    page.goto(site_url + path)
    # (On the helper page the theme's script comes once Python has started.)
    page.wait_for_function("() => !document.documentElement.classList.contains('no-js')", timeout=60_000)
    first = _tab(page)
    assert (first["id"], first["name"]) == ("__drawer", "Site menu")
    # With the menu folded, no Tab stop is a link of the menu, off the screen.
    stops = [_tab(page) for _ in range(8)]
    assert not [s for s in stops if s["inMenu"]], stops
    assert all(_on_screen(s) for s in stops if s["right"] - s["left"] > 0), stops
    # Back to the menu button; Space opens the menu and the next Tab goes into it.
    for _ in range(10):
        if page.evaluate("document.activeElement.id") == "__drawer":
            break
        page.keyboard.press("Shift+Tab")
    page.keyboard.press("Space")
    assert page.evaluate("document.getElementById('__drawer').checked")
    into = [_tab(page) for _ in range(3)]
    assert all(s["inMenu"] and _on_screen(s) for s in into), into
    assert run_axe(page) == []
    # Space on the button again folds it away.
    _tab(page, 3, back=True)
    assert page.evaluate("document.activeElement.id") == "__drawer"
    page.keyboard.press("Space")
    assert not page.evaluate("document.getElementById('__drawer').checked")
