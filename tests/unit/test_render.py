"""What the rendered files show, and that they are accessible and deterministic."""

from __future__ import annotations

import itertools
import json
import re
from typing import Any

import pytest
from infoshare import FIELDS, RULES, render_html, render_md, render_txt, run_case
from infoshare.display import row_label

from .conftest import case_names, load_case
from .hostile import tags_of


def headings(html: str) -> list[int]:
    return [int(level) for level in re.findall(r"<h([1-6])[ >]", html)]


@pytest.mark.parametrize("name", case_names())
def test_html_structure(name: str) -> None:
    html = run_case(load_case(name))["html"]
    assert html.startswith('<!DOCTYPE html>\n<html lang="en-GB">')
    levels = headings(html)
    assert levels.count(1) == 1 and levels[0] == 1
    assert all(b <= a + 1 for a, b in itertools.pairwise(levels)), levels
    assert "<h1>Information sharing decision record</h1>" in html
    assert "@page {\n  size: A4;" in html and "@media print" in html
    # Every printed page repeats the case reference and its page number.
    assert "@top-left { content: \"Case reference: \" \"" in html
    assert 'content: "Page " counter(page) " of " counter(pages);' in html
    ths = {attrs for tag, attrs in tags_of(html).tags if tag == "th"}
    assert ths and all(dict(a).get("scope") in ("row", "col") for a in ths)
    assert not re.search(r"<(script|link|img|iframe|object|embed|form|input)\b", html)
    assert " src=" not in html and " href=" not in html


def test_html_shows_everything(example_record: dict[str, Any]) -> None:
    html = render_html(example_record)
    assert "Share part of the information" in html
    assert example_record["sha256"] in html
    assert "Share what is necessary, without waiting for consent" in html
    assert "The decision follows what the guidance points to." in html
    # The rules listed are the ones the outcome cites, under a heading that says so:
    # not all seven, and not as rules "applied".
    cited = set(example_record["recommendation"]["rules"])
    assert cited and cited != {r.number for r in RULES}
    for rule in RULES:
        assert (f"Rule {rule.number}: {rule.title}" in html) is (rule.number in cited)
    assert "<h3>Golden rules it cites</h3>" in html and "applied" not in html
    for name in example_record["answers"]:
        if name not in ("decision", "reasons"):
            assert row_label(FIELDS[name]).replace("'", "&#39;") in html, name
    assert "Case reference: <bdi>AB-2026-014</bdi>" in html


def test_departure_and_emergency_are_shown() -> None:
    departure = run_case(load_case("departure"))
    assert "The decision differs from what the guidance points to." in departure["html"]
    assert "could not be reached" in departure["html"]
    assert "could not be reached" in departure["md"] and "could not be reached" in departure["txt"]
    emergency = run_case(load_case("emergency"))
    assert 'class="emergency"' in emergency["html"]
    assert "Shared: 25 November 2026 at 09:20 (UTC+00:00)" in emergency["html"]
    assert "**Emergency**" in emergency["md"]
    assert 'class="emergency"' not in departure["html"]


def test_amendments_are_shown() -> None:
    amended = run_case(load_case("amended"))
    assert '<h2 id="amendments">Amendments</h2>' in amended["html"]
    assert "Corrected the reasons after a review." in amended["md"]


def test_markdown_own_wording_is_plain(example_record: dict[str, Any]) -> None:
    md = render_md(example_record)
    assert md.startswith("# Information sharing decision record\n")
    assert md.endswith("\n") and not md.endswith("\n\n")
    assert "**Decision**\n\nShare part of the information\n" in md
    assert "15 January 2026 at 15:30 (UTC+00:00)" in md


def test_renderers_do_not_depend_on_dict_order(example_record: dict[str, Any]) -> None:
    shuffled = dict(reversed(list(example_record.items())))
    shuffled["answers"] = dict(reversed(list(example_record["answers"].items())))
    assert render_html(shuffled) == render_html(example_record)
    assert render_md(shuffled) == render_md(example_record)


@pytest.mark.parametrize(("name", "seeking_advice"), [
    ("other_basis_not_sure", True), ("not_sure_risk_of_harm", True),
    ("other_basis_duty_to_share", True), ("share_not_confidential", False),
    ("other_basis_no", False),
])
def test_a_record_made_while_seeking_advice_does_not_say_decided(name: str,
                                                                 seeking_advice: bool) -> None:
    outputs = run_case(load_case(name))
    assert (json.loads(outputs["json"])["answers"]["decision"] == "seeking_advice") is (
        seeking_advice)
    for key in ("html", "md", "txt"):
        said = re.search(r"\bDecided\b|made the decision|When was the decision made",
                         outputs[key])
        assert (said is None) is seeking_advice, key
        assert ("Recorded, while seeking advice" in outputs[key]) is seeking_advice, key


@pytest.mark.parametrize("key", ["html", "md", "txt"])
def test_the_prompt_shown_is_in_the_record(key: str) -> None:
    shown = run_case(load_case("risk_yes_advice_no"))[key]
    assert "Talk to your designated safeguarding lead as soon as you can" in shown
    assert "Prompt shown" in shown
    assert "Prompt shown" not in run_case(load_case("share_with_consent"))[key]


def test_every_format_says_who_recorded_someone_elses_decision() -> None:
    outputs = run_case(load_case("risk_yes_advice_no"))
    assert "Decided by: Alex Morgan, Designated safeguarding lead\n" in outputs["txt"]
    assert "Recorded by: Chris Lee, School business manager\n" in outputs["txt"]
    assert "**Recorded by**\n\nChris Lee, School business manager\n" in outputs["md"]
    assert ('<tr><th scope="row">Recorded by</th><td class="typed"><bdi>Chris Lee, School '
            'business manager</bdi></td></tr>') in outputs["html"]
    # Where the decision maker recorded it, the record says so once, in its section.
    own = run_case(load_case("share_risk_of_harm"))
    for ext in ("html", "md", "txt"):
        assert "Recorded by the person who made the decision" in own[ext]
        assert "Decided by" not in own[ext]
    assert "Recorded by:" not in own["txt"]


def test_a_version_1_record_shows_no_question_it_was_not_asked() -> None:
    from infoshare import load

    from .conftest import ROOT

    record = load((ROOT / "tests" / "data" / "record-v1-example.json").read_bytes()).record
    assert record is not None
    txt = render_txt(record)
    assert "Who recorded it" not in txt and "Recorded by" not in txt
    assert "Date and time of the decision: " in txt


def test_headings_are_statements_grouped_by_page() -> None:
    txt = run_case(load_case("share_risk_of_harm"))["txt"]
    sections = re.findall(r"\n\n([^\n]+)\n-+\n", txt)
    assert sections == [
        "Urgency", "The case", "The request", "Purpose", "Personal data", "Risk of harm",
        "Confidentiality", "Consent", "Views of the child or family", "Lawful basis",
        "Special category data",
        "Special category data: the Article 9 condition",
        "Special category data: the Schedule 1 Part 2 condition", "Criminal offence data",
        "Sharing confidential information without consent", "What was shared",
        "Who it was shared with", "How and when it was shared", "Protecting identities",
        "Necessary and proportionate", "Telling the person", "Advice", "Who decided",
        "Who recorded it", "When it was decided"]
    assert "?" not in "".join(line.split(": ")[0] for line in txt.split("\n") if ": " in line)
