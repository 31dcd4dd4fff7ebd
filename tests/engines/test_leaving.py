"""Leaving the helper forgets the decision, as closing the tab does.

Firefox and WebKit keep a page whole, its worker running, to show it again at once on
Back (the back-forward cache; Chromium, as the tests run it, loads the page afresh). A
decision brought back that way would show the last case's answers to whoever next uses
the device: so the helper forgets them as the page is left, and Back brings a fresh
helper. (A practitioner who left by mistake opens the record or draft they downloaded:
the page asks before it is left with anything not downloaded.)
"""

from __future__ import annotations

import pytest

from tests.browser.driver import answers_for
from tests.engines import helper as h
from tests.engines.engines import EnginePage

pytestmark = pytest.mark.engines

OUTCOME = "no_purpose"  # a short journey
TRACES = ("AB/2026 #14 <i>", "AB-2026-14-i")
# Everything the page holds as text, shown or hidden, and every control's value.
PAGE_TEXT = """() => [document.body.textContent,
  ...[...document.querySelectorAll('input, textarea')].map((e) => e.value)].join('\\n')"""
# Added once the page has loaded: it survives only if the page itself is kept.
WATCH_SHOWN = "() => { window.__shown = []; addEventListener('pageshow', (e) => window.__shown.push(e.persisted)); }"


@pytest.mark.parametrize("engine", ["firefox", "webkit"])
def test_back_after_leaving_does_not_bring_the_decision_back(tab: EnginePage, site_url: str) -> None:
    h.open_helper(tab, site_url)
    tab.call(WATCH_SHOWN)
    h.answer_questions(tab, answers_for(OUTCOME))
    h.to_check(tab)
    h.create_record(tab)
    h.download_all(tab)  # nothing unsaved: the page lets the practitioner go
    tab.goto(site_url + "privacy/")
    tab.back()
    tab.wait_until("() => location.pathname.endsWith('/helper/') && document.readyState === 'complete'",
                   what="the helper again")
    # The control: the browser kept the page whole and showed it again.
    assert tab.js("window.__shown || null") == [True], h.current_view(tab)
    h.wait_view(tab, "urgency")
    assert [trace for trace in TRACES if trace in tab.call(PAGE_TEXT)] == []
    assert not tab.visible(h.sel("record"))
    # The helper is still ready for a new decision.
    assert h.state(tab) == "ready"
    assert tab.visible(h.sel("page", page="urgency"))
