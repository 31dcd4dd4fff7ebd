"""A whole decision for each outcome the guidance can point to, with every download checked.

Each journey answers the questions the page shows (driven by what is on the page, not
by knowledge of the flow), checks what the guidance points to, creates the record and
downloads it in all three formats: the JSON must validate against the published schema
and hold what was typed; the HTML and Markdown must show it.
"""

from __future__ import annotations

import re
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from tests.browser import driver
from tests.browser.driver import JOURNEYS, STEM
from tests.conftest import ROOT


def _check_files(files: dict[str, tuple[str, str]], journey: driver.Journey, outcome: str,
                 schema: dict[str, Any]) -> dict[str, Any]:
    stems = {name.rsplit(".", 1)[0] for name, _ in files.values()}
    assert len(stems) == 1, stems
    stem = stems.pop()
    match = STEM.match(stem)
    assert match, stem
    # Only letters, digits and hyphens from the case reference reach the file name.
    assert match.group(1) == "AB-2026-14-i"
    # The page names files by the practitioner's local date, as this machine's clock gives it.
    assert match.group(2) == date.today().isoformat()  # noqa: DTZ011
    assert {name.rsplit(".", 1)[1] for name, _ in files.values()} == {"html", "json", "md", "txt"}

    record = driver.load_json(files["json"][1])
    jsonschema.validate(record, schema)
    assert record["recommendation"]["code"] == outcome
    for name, typed in journey.typed.items():
        kept = record["answers"].get(name)
        if journey.kinds[name] == "datetime-local":
            assert isinstance(kept, str) and kept.startswith(typed), (name, typed, kept)
        else:
            assert kept == typed, (name, typed, kept)

    raw_html = files["html"][1]
    text_html = driver.html_text(raw_html)
    text_md = driver.md_text(files["md"][1])
    # The plain-text case note has no escaping to undo: what was typed reads as typed.
    text_txt = driver.squash(files["txt"][1])
    assert "<script" not in raw_html.lower()
    # Typed markup is escaped, never live.
    assert "#14 <i>" not in raw_html and "AB/2026 #14 <i>" in text_html
    for name, typed in journey.typed.items():
        if journey.kinds[name] in {"text", "textarea"}:
            for line in typed.splitlines():
                assert driver.squash(line) in text_html, (name, line)
                assert driver.squash(line) in text_md, (name, line)
                assert driver.squash(line) in text_txt, (name, line)
    return record


@pytest.mark.parametrize("outcome", list(JOURNEYS))
def test_journey_to_each_outcome(watched: Any, site_url: str, record_schema: dict[str, Any],
                                 outcome: str) -> None:
    page = watched.page
    driver.open_helper(page, site_url)
    journey = driver.answer_questions(page, driver.answers_for(outcome))
    assert driver.current_view(page) == "outcome"
    assert page.locator("#infoshare-outcome .infoshare-recommendation").get_attribute("data-code") == outcome
    # The reasons, and links to the rules they rest on, are shown.
    assert page.locator("#infoshare-outcome-reasons li").count() >= 1
    rule_links = page.locator("#infoshare-outcome-rules a")
    assert rule_links.count() >= 1
    for href in rule_links.evaluate_all("links => links.map(a => a.getAttribute('href'))"):
        assert re.fullmatch(r"\.\./rules/[1-7]/", href), href
    # Advice was sought on every journey (BASE): no outcome prompts for it, not even a risk of
    # harm, which does when none was (test_record_page.py).
    assert page.locator("#infoshare-outcome-prompts .infoshare-prompt").count() == 0

    driver.to_record(page)
    files = driver.download_all(page)
    _check_files(files, journey, outcome, record_schema)
    assert watched.foreign_requests() == []
    assert watched.problems() == []


def test_published_schema_is_the_packages(built_site: Path, record_schema: dict[str, Any]) -> None:
    """helper/record.schema.json is exactly what `infoshare schema` prints."""
    result = subprocess.run([sys.executable, "-m", "infoshare", "schema"], cwd=ROOT,
                            capture_output=True, text=True, check=True)
    assert driver.load_json(result.stdout) == record_schema


def test_check_answers_change_link_returns_to_check(watched: Any, site_url: str) -> None:
    page = watched.page
    driver.open_helper(page, site_url)
    driver.answer_questions(page, driver.answers_for("no_purpose"), check_focus=False)
    driver.to_check(page)
    rows = page.locator("#infoshare-summary .govuk-summary-list__row")
    assert rows.count() >= 5
    # Every Change link names its answer for screen reader users.
    for row in rows.all():
        key = row.locator(".govuk-summary-list__key").inner_text().strip()
        link = row.get_by_role("link")
        assert link.inner_text().strip().startswith("Change")
        assert link.locator(".govuk-visually-hidden").inner_text().strip() == key
    reasons_row = rows.filter(has_text="Reasons for the decision").first
    reasons_row.get_by_role("link").click()
    assert driver.current_view(page) == "reasons"
    assert driver.focused(page)["tag"] == "h2"
    page.locator("#f-reasons").fill("Changed: no purpose was given for the request.")
    driver.press_continue(page, "reasons")
    # Nothing else on the path is unanswered, so Continue goes straight back.
    assert driver.current_view(page) == "check"
    assert "Changed: no purpose" in page.locator("#infoshare-summary").inner_text()
    assert page.url == site_url + "helper/"


def test_change_abandoned_with_back_is_not_recorded(watched: Any, site_url: str) -> None:
    """A change counts only once Continue accepts it; Back puts the answer back, and the
    check page always shows exactly what the record will hold."""
    page = watched.page
    driver.open_helper(page, site_url)
    driver.answer_questions(page, driver.answers_for("no_purpose"), check_focus=False)
    driver.to_check(page)
    summary = page.locator("#infoshare-summary")
    before = summary.inner_text()
    summary.locator(".govuk-summary-list__row").filter(has_text="Reasons for the decision") \
        .first.get_by_role("link").click()
    assert driver.current_view(page) == "reasons"
    original = page.locator("#f-reasons").input_value()
    page.locator("#f-reasons").fill("ABANDONED EDIT")
    page.locator("section[data-page='reasons'] [data-action='back']").click()
    page.wait_for_selector("#infoshare-check:not([hidden])")
    assert summary.inner_text() == before
    assert "ABANDONED EDIT" not in summary.inner_text()
    driver.create_record(page)
    files = driver.download_all(page)
    for name, text in files.values():
        assert "ABANDONED EDIT" not in text, name
    assert original.split()[0] in files["json"][1]


_HELPER_ASSET = re.compile(
    r"""(?:src|href|data-[a-z]+)=["'][^"']*(?:helper\.js|helper\.css|worker\.mjs|helper/runtime/|pyodide)""")


def test_only_the_helper_page_loads_the_helper(built_site: Path) -> None:
    """The helper's script, styles, worker and runtime are referenced by its own page only,
    and its runtime sits under a versioned folder."""
    runtimes = [p.name for p in (built_site / "helper" / "runtime").iterdir()]
    assert len(runtimes) == 1 and re.fullmatch(r"\d+\.\d+\.\d+-[0-9a-f]{6,}", runtimes[0]), runtimes
    helper_page = built_site / "helper" / "index.html"
    text = helper_page.read_text(encoding="utf-8")
    assert f'data-runtime="runtime/{runtimes[0]}/"' in text
    # The first question is in the HTML itself, ready before any script runs.
    assert 'id="f-urgency"' in text and "<script>" not in text.split("<body", 1)[1].split("md-content", 1)[1][:2000]
    for page in built_site.rglob("*.html"):
        if page == helper_page or "helper/runtime/" in page.as_posix():
            continue
        loads = _HELPER_ASSET.findall(page.read_text(encoding="utf-8"))
        assert loads == [], f"{page.relative_to(built_site)} loads {loads}"
