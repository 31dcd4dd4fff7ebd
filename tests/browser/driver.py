"""Drive the decision helper page the way a practitioner does, and read what it shows.

Everything here goes through the page: visible sections, form controls, buttons and
downloads. Nothing from the site's build code or the `infoshare` package is imported.

Note: the page's Content-Security-Policy forbids evaluating strings as script, so
waiting is done with selectors and locators, never with wait_for_function.
"""

from __future__ import annotations

import html as html_lib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.conftest import ROOT

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
READY_TIMEOUT_MS = 90_000

QUESTION = "#infoshare-form > section.infoshare-page:not([hidden])"
STEM = re.compile(r"^information-sharing-decision_([A-Za-z0-9-]{1,40}|no-reference)_(\d{4}-\d{2}-\d{2})$")

# ---- answers for each outcome ----------------------------------------------------------
# Datetimes are typed as an <input type=datetime-local> takes them; the record adds the offset.
# The case reference is hostile on purpose: it must be escaped in the HTML, escaped in the
# Markdown, and made safe in the file name.

BASE: dict[str, Any] = {
    "urgency": "no",
    "case_reference": "AB/2026 #14 <i>",
    "request_source": "asked",
    "requester_name": "Sam Patel",
    "requester_role": "Social worker",
    "requester_organisation": "Children's social care, Example Council",
    "request_received_at": "2026-01-15T09:40",
    "purpose_clear": "yes",
    "purpose": "To help children's social care assess <risk> & \"needs\" (s.47 enquiry).",
    "personal_data": "yes",
    "risk_of_harm": "yes",
    "child_needs_help": "no",
    "confidential": "yes",
    "consent": "not_sought",
    "consent_not_sought_reason": "increase_risk",
    "other_basis": "no",
    "views": "The child does not want their father told.",
    "decision": "share_part",
    "departure_reason": "The designated safeguarding lead advised sharing a part now.",
    "lawful_basis": "public_task",
    "special_category": "yes",
    "art9_condition": "substantial_public_interest",
    "schedule1_substantial_public_interest": "para_18",
    "para18_reason": "would_prejudice",
    "criminal_offence_data": "no",
    "confidence_justification": "An overriding public interest in protecting the child.",
    "shared_facts": "Attendance record for the autumn term (78%).\nTwo disclosures, recorded verbatim.",
    "recipient_name": "Sam Patel",
    "recipient_role": "Social worker",
    "recipient_organisation": "Children's social care, Example Council",
    "shared_how": "secure_email",
    "shared_at": "2026-01-15T16:00",
    "necessary_proportionate": "Only the attendance record and the two disclosures bear on the enquiry.",
    "identities_protected": "yes",
    "identities_details": "The name of the classmate who reported the first concern is withheld.",
    "principles": ["necessary", "relevant", "adequate", "accurate", "timely", "secure"],
    "told": "not_told",
    "not_told_reason": "Telling the father could increase the risk of harm to the child.",
    "advice_sought": "yes",
    "advice_from": "Designated safeguarding lead",
    "advice_at": "2026-01-15T11:15",
    "advice_given": "Share the attendance record and the disclosures today.",
    "reasons": "The disclosures suggest the child may be suffering significant harm.",
    "recorded_by_decision_maker": "yes",
    "decision_maker_name": "Jo Evans",
    "decision_maker_role": "Head of year",
    "decision_maker_organisation": "Example Academy",
    "decided_at": "2026-01-15T15:30",
    "review_date": "2026-02-15",
}

JOURNEYS: dict[str, dict[str, Any]] = {
    "emergency": {"urgency": "yes", "decision": "share_all"},
    "no_purpose": {"purpose_clear": "no", "decision": "do_not_share"},
    "not_personal_data": {"personal_data": "no", "decision": "share_all"},
    "share_risk_of_harm": {},
    "share_not_confidential": {"risk_of_harm": "no", "confidential": "no", "decision": "share_all"},
    # With consent, the Article 9 condition is explicit consent: paragraph 18's reason
    # "asking would prejudice" contradicts an answer saying consent was given.
    "share_with_consent": {"risk_of_harm": "no", "consent": "given", "decision": "share_all",
                           "art9_condition": "explicit_consent"},
    "do_not_share_or_seek_advice": {"risk_of_harm": "no", "consent": "refused", "decision": "do_not_share"},
    "seek_advice": {"personal_data": "not_sure", "decision": "seeking_advice"},
}


def answers_for(outcome: str) -> dict[str, Any]:
    return {**BASE, **JOURNEYS[outcome]}


# ---- page state ------------------------------------------------------------------------


def open_helper(page: Any, site_url: str, *, wait_ready: bool = True) -> None:
    page.goto(site_url + "helper/")
    if wait_ready:
        wait_settled(page)
        assert helper_state(page) == "ready", failure_text(page)


def wait_settled(page: Any) -> None:
    page.wait_for_selector("html[data-helper-state]:not([data-helper-state=loading])",
                           state="attached", timeout=READY_TIMEOUT_MS)


def helper_state(page: Any) -> str | None:
    return page.evaluate("document.documentElement.dataset.helperState || null")


def failure_text(page: Any) -> str:
    box = page.locator("#infoshare-failed")
    return box.inner_text() if box.is_visible() else ""


def current_view(page: Any) -> str:
    """The question page id, or the view name, of the one section showing."""
    return page.evaluate(
        "[...document.querySelectorAll('section.infoshare-page')]"
        ".filter(s => !s.hidden && s.id !== 'infoshare-open')"
        ".map(s => s.dataset.page || s.dataset.view).join(',')"
    )


def focused(page: Any) -> dict[str, Any]:
    return page.evaluate(
        "(() => { const e = document.activeElement; return {tag: e.tagName.toLowerCase(), id: e.id,"
        " cls: e.className, text: e.textContent.trim().slice(0, 200),"
        " section: e.closest('section') ?"
        " (e.closest('section').dataset.page || e.closest('section').dataset.view) : null} })()"
    )


def error_summary(page: Any) -> Any:
    return page.locator("section.infoshare-page:not([hidden]) .govuk-error-summary:not([hidden])").first


def visible_error_text(page: Any) -> str:
    summary = error_summary(page)
    return summary.inner_text() if summary.count() and summary.is_visible() else ""


# ---- answering -------------------------------------------------------------------------


@dataclass
class Journey:
    pages: list[str] = field(default_factory=list)
    typed: dict[str, Any] = field(default_factory=dict)  # what was actually entered, by field name
    kinds: dict[str, str] = field(default_factory=dict)


_DATE_PART = re.compile(r"(.+)-(day|month|year|hour|minute)")


def _date_parts(value: str) -> dict[str, str]:
    """"2026-01-15T09:40" as the boxes take it."""
    return {"year": value[0:4], "month": value[5:7], "day": value[8:10], "hour": value[11:13],
            "minute": value[14:16]}


# The controls of a question, in page order: each name once, with its kind.
_CONTROLS = """(section) => {
  const seen = new Map();
  for (const e of section.querySelectorAll('input[name], textarea[name]')) {
    if (!seen.has(e.name)) seen.set(e.name, e.tagName === 'TEXTAREA' ? 'textarea' : e.type);
  }
  return [section.dataset.page, [...seen]];
}"""
# Which of `names` show now, as Playwright's is_visible() judges it (laid out, and not
# visibility: hidden): a follow-up shows only once the answer it follows is chosen.
_SHOWING = """(section, names) => names.filter((name) => {
  const e = section.querySelector(`[name="${name}"]`);
  return e !== null && e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden';
})"""


def answer_current_page(page: Any, answers: dict[str, Any], journey: Journey) -> str:
    """Answer every visible field of the question showing, from `answers`; return its page id.

    The page is read once for its controls, and again for what shows only after a choice
    (which can reveal a follow-up); each answer is then typed or ticked as a person would."""
    section = page.locator(QUESTION)
    page_id, controls = section.evaluate(_CONTROLS)
    todo: list[tuple[str, str, str]] = []  # (control, its kind, the answer it takes)
    for name, kind in controls:
        part = _DATE_PART.fullmatch(name)
        if part and name not in answers and part.group(1) in answers:
            todo.append((name, "date-part", part.group(1)))  # a box of GOV.UK's date input
        elif name in answers:
            todo.append((name, kind, name))
    showing = set(section.evaluate(_SHOWING, [name for name, _, _ in todo]))
    for index, (name, kind, field_name) in enumerate(todo):
        if name not in showing:
            continue  # a follow-up for another answer
        value = answers[field_name]
        if kind == "date-part":
            box = _DATE_PART.fullmatch(name)
            assert box is not None
            section.locator(f"[name='{name}']").fill(_date_parts(value)[box.group(2)])
            journey.kinds[field_name] = "datetime-local" if "T" in value else "date"
        elif kind in {"radio", "checkbox"}:
            for item in [value] if kind == "radio" else value:
                section.locator(f"input[name='{name}'][value='{item}']").check()
            journey.kinds[field_name] = kind
            # A choice can reveal (or hide) a follow-up below it.
            showing = set(section.evaluate(_SHOWING, [n for n, _, _ in todo[index + 1:]]))
        else:
            section.locator(f"[name='{name}']").first.fill(value)
            journey.kinds[field_name] = kind
        journey.typed[field_name] = value
    return str(page_id)


def mark_old_errors(page: Any) -> None:
    """Mark the error messages showing now, so a wait can tell fresh ones from them."""
    page.evaluate("document.querySelectorAll('.govuk-error-summary li').forEach(li => li.dataset.old = '')")


def press_continue(page: Any, page_id: str) -> None:
    mark_old_errors(page)
    page.locator(f"#q-{page_id}").get_by_role("button", name="Continue").click()
    page.wait_for_selector(f"#q-{page_id}[hidden], #q-{page_id} .govuk-error-summary:not([hidden]) li:not([data-old])",
                           state="attached")


# After Continue, in one reading of the page: the view showing, whether it is a question,
# the error summary's text if one shows, and where focus is.
_AFTER_CONTINUE = """() => {
  const showing = [...document.querySelectorAll('section.infoshare-page')]
    .filter((s) => !s.hidden && s.id !== 'infoshare-open');
  const summary = [...document.querySelectorAll(
    'section.infoshare-page:not([hidden]) .govuk-error-summary:not([hidden])')]
    .find((e) => e.getClientRects().length > 0);
  const e = document.activeElement;
  const around = e.closest('section');
  return {
    view: showing.map((s) => s.dataset.page || s.dataset.view).join(','),
    question: document.querySelector('#infoshare-form > section.infoshare-page:not([hidden])') !== null,
    errors: summary ? summary.innerText : '',
    focus: {tag: e.tagName.toLowerCase(), section: around ? (around.dataset.page || around.dataset.view) : null},
  };
}"""


def answer_questions(page: Any, answers: dict[str, Any], *, check_focus: bool = True,
                     until: str | None = None) -> Journey:
    """Answer question after question until the helper shows what the guidance points to
    (or, with `until`, that page)."""
    journey = Journey()
    now = page.evaluate(_AFTER_CONTINUE)
    for _ in range(40):
        if now["view"] == until:
            return journey
        if now["view"] == "act-now":
            # A child in immediate danger: what to do now comes first, then the record.
            journey.pages.append("act-now")
            page.get_by_role("button", name="Continue to the record").click()
            page.wait_for_selector(QUESTION)
            now = page.evaluate(_AFTER_CONTINUE)
            continue
        if not now["question"]:
            return journey
        page_id = answer_current_page(page, answers, journey)
        journey.pages.append(page_id)
        press_continue(page, page_id)
        now = page.evaluate(_AFTER_CONTINUE)
        assert not now["errors"], f"page {page_id!r} refused the answers: {now['errors']}"
        if check_focus:
            # Focus moves to the new page's heading, so a screen reader starts there.
            assert now["focus"]["tag"] == "h2", (page_id, now)
            assert now["focus"]["section"] == now["view"], now
    raise AssertionError("the questions never ended")


def to_check(page: Any) -> None:
    """From the outcome page to the check-answers page."""
    page.locator("#infoshare-outcome").get_by_role("button", name="Continue").click()
    page.wait_for_selector("#infoshare-check:not([hidden])")


def to_record(page: Any) -> None:
    """From the outcome page: check answers, then create the record."""
    to_check(page)
    create_record(page)


def create_record(page: Any) -> None:
    mark_old_errors(page)
    page.get_by_role("button", name="Create the record").click()
    page.wait_for_selector("#infoshare-record:not([hidden]), "
                           "#infoshare-check .govuk-error-summary:not([hidden]) li:not([data-old])")
    assert current_view(page) == "record", visible_error_text(page)


def download(page: Any, button_name: str) -> tuple[str, str]:
    """Click a download button; return (suggested file name, text)."""
    with page.expect_download() as info:
        page.get_by_role("button", name=button_name).click()
    item = info.value
    return item.suggested_filename, Path(item.path()).read_text(encoding="utf-8")


def download_all(page: Any) -> dict[str, tuple[str, str]]:
    return {fmt: download(page, f"Download as {label}")
            for fmt, label in (("html", "HTML"), ("json", "JSON"), ("md", "Markdown"), ("txt", "Plain text"))}


# ---- reading the files -----------------------------------------------------------------

_TAGS = re.compile(r"<[^>]+>")
_MD_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


def html_text(text: str) -> str:
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", text, flags=re.DOTALL | re.IGNORECASE)
    return re.sub(r"\s+", " ", html_lib.unescape(_TAGS.sub(" ", body)))


def md_text(text: str) -> str:
    # Markdown escapes typed punctuation with backslashes and angle brackets as entities.
    return re.sub(r"\s+", " ", html_lib.unescape(_MD_ESCAPE.sub(r"\1", text)))


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


# ---- checks run in the page ------------------------------------------------------------


# One deliberate exception, and only this one: like the GOV.UK Design System's radios,
# an option that reveals a follow-up question says whether it is open with
# aria-expanded. ARIA 1.2 does not list aria-expanded for the radio role, so axe reports
# it; GOV.UK keeps it because screen readers announce it and research found it helps
# (govuk-frontend issue 979). The accessibility statement says so.
AXE_OPTIONS = "{checks: [{id: 'aria-allowed-attr', options: {radio: ['aria-expanded']}}]}"


def run_axe(page: Any, within: str | None = None) -> list[dict[str, Any]]:
    """axe-core in the page, evaluated through the devtools protocol: the page's policy
    forbids inline script, and page.evaluate is not subject to it. With `within` (a CSS
    selector), only that part of the page is checked, and the rules about the page as a
    whole (its title, landmarks, language) are left to a check of the whole page."""
    if not page.evaluate("typeof window.axe === 'object'"):
        page.evaluate(AXE.read_text(encoding="utf-8"))
        page.evaluate(f"axe.configure({AXE_OPTIONS})")
    # Let the theme's transitions (its header title and back-to-top button fade as the
    # page scrolls) finish first: colours measured mid-fade are not what anyone sees.
    return page.evaluate(
        "async ([tags, within]) => {"
        " await Promise.all(document.getAnimations().map(a => a.finished.catch(() => null)));"
        " const root = within === null ? document : document.querySelector(within);"
        " return (await axe.run(root, {runOnly: {type: 'tag', values: tags}})).violations"
        ".map(v => ({id: v.id, impact: v.impact, help: v.help,"
        " nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5)})) }",
        [AXE_TAGS, within],
    )


def storage(page: Any) -> dict[str, Any]:
    return page.evaluate(
        "(async () => ({local: localStorage.length, session: sessionStorage.length,"
        " idb: (await indexedDB.databases()).map(d => d.name), cookie: document.cookie}))()"
    )


# Added to a page before it loads: records each count of downloaded bytes the helper's
# worker reports, as the progress bar gets them (window.__workerBytes).
COUNT_WORKER_BYTES = """
window.__workerBytes = [];
const RealWorker = window.Worker;
window.Worker = function (url, options) {
  const worker = new RealWorker(url, options);
  worker.addEventListener("message", (event) => {
    if (event.data && event.data.type === "bytes") window.__workerBytes.push(event.data.received);
  });
  return worker;
};
window.Worker.prototype = RealWorker.prototype;
"""

WATCH_SCRIPT = """
window.__problems = [];
document.addEventListener('securitypolicyviolation',
  e => window.__problems.push('CSP ' + e.violatedDirective + ' ' + e.blockedURI));
"""


def load_json(text: str) -> Any:
    return json.loads(text)
