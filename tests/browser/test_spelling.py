"""No typed field has spell checking unless the practitioner chooses it: with enhanced or
online spell checking on in its settings, a browser sends what is typed to its maker."""

from __future__ import annotations

from typing import Any

from tests.browser import driver

# Every control a person can type into, and whether the browser would spell-check it.
SELECTOR = ("textarea, input:not([type]), input[type=text], input[type=search], input[type=email], "
            "[contenteditable]")
TYPED = f"""() => [...document.querySelectorAll('{SELECTOR}')]
  .map(e => ({{id: e.id || e.name || e.className, spellcheck: e.spellcheck}}))"""


def test_spell_checking_is_off_everywhere_until_chosen(watched: Any, site_url: str) -> None:
    page = watched.page
    driver.open_helper(page, site_url)
    page.wait_for_function("() => !document.documentElement.classList.contains('no-js')")
    fields = page.evaluate(TYPED)
    assert len(fields) > 20  # the helper's text fields and the site's search box
    assert [f for f in fields if f["spellcheck"]] == []

    choice = page.get_by_role("checkbox", name="Check my spelling as I type")
    assert "maker's server" in page.locator("#infoshare-spelling-hint").inner_text()
    assert not choice.is_checked()
    choice.check()
    helper_fields = page.evaluate(TYPED.replace("document.querySelectorAll",
                                                "document.getElementById('infoshare').querySelectorAll"))
    assert helper_fields and all(f["spellcheck"] for f in helper_fields)
    # The site's own search box is not the helper's and stays off.
    assert [f for f in page.evaluate(TYPED) if f["spellcheck"] and f not in helper_fields] == []
    choice.uncheck()
    assert [f for f in page.evaluate(TYPED) if f["spellcheck"]] == []
    # The choice is not remembered: a new visit starts with it off.
    page.reload()
    driver.wait_settled(page)
    assert not page.get_by_role("checkbox", name="Check my spelling as I type").is_checked()
    assert [f for f in page.evaluate(TYPED) if f["spellcheck"]] == []


def test_the_choice_is_not_an_answer(watched: Any, site_url: str) -> None:
    """Ticking it changes nothing in a draft: it is a setting of the page, not of the case."""
    page = watched.page
    driver.open_helper(page, site_url)
    page.get_by_role("checkbox", name="Check my spelling as I type").check()
    inside = "document.getElementById('infoshare-form').contains(document.getElementById('infoshare-spelling'))"
    assert page.evaluate(inside) is False
