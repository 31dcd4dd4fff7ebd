"""The decision helper's steps, the same in every engine (tests/engines/engines.py).

Every selector the cross-engine tests use for the helper's page is in SELECTORS below,
and nowhere else: when the page's markup changes, this is the one place to follow it.
Buttons are found by their data-action (what the page's own script listens for), so
the selectors do not depend on the classes of a particular component library.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.browser.driver import READY_TIMEOUT_MS
from tests.engines.engines import EnginePage

READY_TIMEOUT_S = READY_TIMEOUT_MS / 1000

SELECTORS = {
    "question": "#infoshare-form > section.infoshare-page:not([hidden])",
    "page": "#q-{page}",
    "continue": "#q-{page} [data-action='continue']",
    "back": "#q-{page} [data-action='back']",
    "save": "#q-{page} [data-action='save-answers']",
    "saved": "#infoshare-saved",
    "field": "#q-{page} [name='{name}']",
    "option": "#q-{page} input[name='{name}'][value='{value}']",
    "control": "#f-{name}",
    "act_now_continue": "[data-action='act-now-continue']",
    "outcome": "#infoshare-outcome",
    "outcome_code": "#infoshare-outcome .infoshare-recommendation",
    "outcome_continue": "#infoshare-outcome [data-action='to-check']",
    "check": "#infoshare-check",
    "summary": "#infoshare-summary",
    "seal": "[data-action='seal']",
    "record": "#infoshare-record",
    "download": "[data-action='download'][data-format='{format}']",
    "downloaded": "#infoshare-downloaded",
    "record_file": "#f-record_file",
    "open_record": "[data-action='open-record']",
    "amend_by": "#f-amendment_by",
    "amend_reason": "#f-amendment_reason",
    "amend_changes": "#infoshare-amend-changes",
    "change_link": "#infoshare-summary a[href='#f-{name}']",
    "new_record": "[data-action='new-record']",
    "clear": "[data-action='clear']",
    "clear_confirm": "[data-action='clear-confirm']",
    "status_text": "#infoshare-status-text",
    "failed": "#infoshare-failed",
    "error_summary": "section.infoshare-page:not([hidden]) .govuk-error-summary:not([hidden])",
    "error_links": "section.infoshare-page:not([hidden]) .govuk-error-summary:not([hidden]) li a",
    "error_message": "#f-{name}-error",
    "fresh_error": "#{section} .govuk-error-summary:not([hidden]) li:not([data-old])",
    "offline_note": "#infoshare-offline",
}

FORMATS = ("html", "json", "md", "txt")
_DATE_PART = re.compile(r"(.+)-(day|month|year|hour|minute)")


def sel(key: str, /, **parts: str) -> str:
    return SELECTORS[key].format(**parts)


# ---- page state ---------------------------------------------------------------------------


def state(tab: EnginePage) -> str | None:
    value = tab.js("document.documentElement.dataset.helperState || null")
    return None if value is None else str(value)


def wait_settled(tab: EnginePage) -> str:
    tab.wait_until("() => !['loading', undefined].includes(document.documentElement.dataset.helperState)",
                   timeout=READY_TIMEOUT_S, what="the helper to start or fail")
    return str(state(tab))


def failure_text(tab: EnginePage) -> str:
    return tab.text(sel("failed"))


def downloaded(tab: EnginePage) -> tuple[int, int]:
    """What the worker counted of Python's download when the helper became ready (the
    page's "infoshare:ready" mark carries it), and the build's total, which the progress
    bar is drawn against."""
    count = tab.js("performance.getEntriesByName('infoshare:ready').at(-1)?.detail?.downloaded ?? -1")
    total = tab.js("Number(document.querySelector('script[data-download-bytes]').dataset.downloadBytes)")
    return int(count), int(total)


def open_helper(tab: EnginePage, base: str) -> None:
    tab.goto(base + "helper/")
    assert wait_settled(tab) == "ready", failure_text(tab)


def current_view(tab: EnginePage) -> str:
    """The question page id, or the view name, of the one section showing."""
    return str(tab.js(
        "[...document.querySelectorAll('section.infoshare-page')]"
        ".filter(s => !s.hidden && s.id !== 'infoshare-open')"
        ".map(s => s.dataset.page || s.dataset.view).join(',')"))


def wait_view(tab: EnginePage, view: str, *, timeout: float = 30) -> None:
    tab.wait_until(
        "(view) => [...document.querySelectorAll('section.infoshare-page')]"
        ".filter(s => !s.hidden && s.id !== 'infoshare-open')"
        ".map(s => s.dataset.page || s.dataset.view).join(',') === view",
        view, timeout=timeout, what=f"the {view} page")


def error_text(tab: EnginePage) -> str:
    return tab.text(sel("error_summary"))


# ---- answering ----------------------------------------------------------------------------


@dataclass
class Journey:
    pages: list[str] = field(default_factory=list)
    typed: dict[str, Any] = field(default_factory=dict)


def _date_parts(value: str) -> dict[str, str]:
    """"2026-01-15T09:40" as the boxes take it."""
    return {"year": value[0:4], "month": value[5:7], "day": value[8:10], "hour": value[11:13],
            "minute": value[14:16]}


# The controls of the question showing: name and kind, in page order.
_FIELDS = """(css) => {
  const section = document.querySelector(css);
  const seen = new Map();
  for (const e of section.querySelectorAll('input[name], textarea[name]')) {
    if (!seen.has(e.name)) seen.set(e.name, e.tagName === 'TEXTAREA' ? 'textarea' : e.type);
  }
  return {page: section.dataset.page, fields: [...seen]};
}"""
# Which of the named controls show: a follow-up question shows only once its answer is
# chosen. Shown: laid out at all (a follow-up GOV.UK Frontend has not revealed is display: none).
_SHOWING = """(page, names) => names.filter((name) => {
  const e = document.querySelector(`#q-${page} [name="${name}"]`);
  return e !== null && e.getClientRects().length > 0;
})"""


def answer_page(tab: EnginePage, answers: dict[str, Any], journey: Journey) -> str:
    """Answer every visible field of the question showing, from `answers`, in page order
    (a follow-up shows once the answer before it is chosen); return the page's id."""
    found = tab.call(_FIELDS, SELECTORS["question"])
    page = str(found["page"])
    todo: list[tuple[str, str, str]] = []  # (control, its kind, the answer it takes)
    for name, kind in found["fields"]:
        part = _DATE_PART.fullmatch(name)
        target = part.group(1) if part and name not in answers else name
        if target in answers:
            todo.append((name, kind, target))
    showing = set(tab.call(_SHOWING, page, [name for name, _, _ in todo]))
    for index, (name, kind, target) in enumerate(todo):
        if name not in showing:
            continue
        value = answers[target]
        if target != name:  # one box of a date
            part = _DATE_PART.fullmatch(name)
            assert part is not None
            tab.fill(sel("field", page=page, name=name), _date_parts(value)[part.group(2)])
        elif kind in {"radio", "checkbox"}:
            for item in [value] if kind == "radio" else value:
                tab.check(sel("option", page=page, name=name, value=item))
            # A choice can reveal (or hide) a follow-up below it.
            showing = set(tab.call(_SHOWING, page, [n for n, _, _ in todo[index + 1:]]))
        else:
            tab.fill(sel("field", page=page, name=name), value)
        journey.typed[target] = value
    return page


def mark_old_errors(tab: EnginePage) -> None:
    """Mark the error messages showing now, so a wait can tell fresh ones from them."""
    tab.call("() => document.querySelectorAll('.govuk-error-summary li').forEach(li => li.dataset.old = '')")


def press_continue(tab: EnginePage, page: str) -> None:
    """Continue from a question: wait until it has gone, or shows a fresh error."""
    mark_old_errors(tab)
    tab.click(sel("continue", page=page))
    tab.wait_until(
        "(page, errors) => document.getElementById('q-' + page).hidden || document.querySelector(errors) !== null",
        page, sel("fresh_error", section=f"q-{page}"), what=f"Continue from {page}")


def answer_questions(tab: EnginePage, answers: dict[str, Any], *, until: str = "outcome") -> Journey:
    """Answer question after question until `until` shows (by default what the guidance
    points to)."""
    journey = Journey()
    for _ in range(40):
        view = current_view(tab)
        if view == until:
            return journey
        if view == "act-now":
            journey.pages.append("act-now")
            tab.click(sel("act_now_continue"))
            tab.wait_for(sel("question"))
            continue
        assert tab.count(sel("question")), f"{tab.engine}: no question showing ({view})"
        page = answer_page(tab, answers, journey)
        journey.pages.append(page)
        press_continue(tab, page)
        problems = error_text(tab)
        assert not problems, f"{tab.engine}: page {page!r} refused the answers: {problems}"
    raise AssertionError(f"{tab.engine}: the questions never reached {until}")


def to_check(tab: EnginePage) -> None:
    tab.click(sel("outcome_continue"))
    wait_view(tab, "check")


def create_record(tab: EnginePage) -> None:
    mark_old_errors(tab)
    tab.click(sel("seal"))
    tab.wait_until("(css) => !document.querySelector('#infoshare-record').hidden || document.querySelector(css)",
                   sel("fresh_error", section="infoshare-check"), what="the record")
    assert current_view(tab) == "record", error_text(tab)


def download_all(tab: EnginePage) -> dict[str, tuple[str, str]]:
    """Press each download button; return {format: (file name, text)} as the page handed
    each file to the browser."""
    before = len(tab.downloads())
    for key in FORMATS:
        tab.click(sel("download", format=key))
    files = tab.downloads()[before:]
    assert len(files) == len(FORMATS), files
    return {key: (f["name"], f["text"]) for key, f in zip(FORMATS, files, strict=True)}


def save_draft(tab: EnginePage, page: str) -> tuple[str, str]:
    """"Save your answers so far" on a question page; return the draft's (name, text)."""
    before = len(tab.downloads())
    tab.click(sel("save", page=page))
    tab.wait_until("(n) => window.__downloads.length > n", before, what="the draft")
    (draft,) = tab.downloads()[before:]
    return draft["name"], draft["text"]


def open_file(tab: EnginePage, path: Path) -> None:
    """Open a saved record or draft from the helper's first page."""
    tab.set_file(sel("record_file"), path)
    tab.click(sel("open_record"))
