"""Hostile text in every typed field cannot change the structure of any output."""

from __future__ import annotations

import json
import re
from typing import Any

import markdown as python_markdown
import pytest
from infoshare import FIELDS, canonical_json, load, render_html, render_md, render_txt
from infoshare.dates import parse_now
from infoshare.record import build
from infoshare.textsafety import md_escape, visible
from markdown_it import MarkdownIt

from .conftest import case_names, load_case
from .hostile import BIDI, HOSTILE, ONE_MB, tags_of

TYPED = [name for name, f in FIELDS.items() if f.kind in ("text", "textarea")]
MADE = parse_now("2026-11-24T09:00:00+00:00")
NOW = parse_now("2026-11-25T14:03:00+00:00")

# Every element the templates and Markdown renderer write; anything else came from input.
# <wbr> is written by md_escape before the "@" of an e-mail address, to stop GFM's
# autolinking; test_markdown_renderers.py checks it appears nowhere else.
MD_ALLOWED = {"h1", "h2", "h3", "p", "strong", "ul", "li", "br", "wbr"}


def record_for(answers: dict[str, Any], text: str | None, *,
               site_text: str | None = None) -> dict[str, Any]:
    """A record whose every typed answer, amendment text and site name is `text`,
    unvalidated: an amendment of a version whose typed answers were different, so the
    amendment lists every typed answer as changed, before and after. (Built once for
    each case and text: the tests only read it.)"""
    key = (json.dumps(answers, sort_keys=True), text, site_text)
    if key not in _BUILT:
        _BUILT[key] = _build(answers, text, site_text)
    return _BUILT[key]


_BUILT: dict[tuple[str, str | None, str | None], dict[str, Any]] = {}


def _build(answers: dict[str, Any], text: str | None, site_text: str | None) -> dict[str, Any]:
    original = build({**answers, **{name: f"Original {name}" for name in TYPED}}, MADE)
    typed = {name: (text if text is not None else f"Benign {name}") for name in TYPED}
    amendment = {"by": text or "Benign by", "reason": text or "Benign reason"}
    site = {"name": site_text or text or "Benign site", "url": "https://example.org/"}
    return build({**answers, **typed}, NOW, original=original, amendment=amendment, site=site)


def md_html(md: str) -> list[str]:
    """The Markdown rendered by three parsers."""
    gfm = MarkdownIt("gfm-like", {"linkify": False, "typographer": True}).enable(
        ["replacements", "smartquotes"])
    return [MarkdownIt("commonmark").render(md), gfm.render(md),
            python_markdown.markdown(md)]


def md_tags(html: str) -> set[str]:
    return {tag for tag, _ in tags_of(html).tags}


def typed_contexts(answers: dict[str, Any]) -> set[tuple[str, str, str]]:
    """Every place a case's outputs show typed text: (format, field, the line around it).

    Hostile text can only do harm where it is shown, so a case whose places are all
    shown by other cases already proves nothing new for it."""
    record = record_for(answers, None)
    outputs = {"html": render_html(record), "md": render_md(record), "txt": render_txt(record)}
    values = {f"Benign {name}": name for name in (*TYPED, "by", "reason", "site")}
    found = set()
    for fmt, text in outputs.items():
        for line in text.split("\n"):
            for value, name in values.items():
                shown = md_escape(value) if fmt == "md" else value
                # "Benign reason" must not be found inside "Benign reasons".
                pattern = re.escape(shown) + r"(?!\w)"
                if re.search(pattern, line):
                    found.add((fmt, name, re.sub(pattern, "<typed>", line).strip()))
    return found


def covering_cases() -> list[str]:
    """The fewest cases (chosen greedily) that between them show typed text in every
    place any case shows it: the cases the hostile strings are run through."""
    remaining = {name: typed_contexts(load_case(name)["answers"]) for name in case_names()}
    wanted = set().union(*remaining.values())
    chosen: list[str] = []
    while wanted:
        best = max(sorted(remaining), key=lambda name: len(remaining[name] & wanted))
        chosen.append(best)
        wanted -= remaining.pop(best)
    return chosen


COVERING = covering_cases()


def test_the_covering_cases_show_typed_text_everywhere_any_case_does() -> None:
    shown = set().union(*(typed_contexts(load_case(n)["answers"]) for n in COVERING))
    for name in case_names():
        assert typed_contexts(load_case(name)["answers"]) <= shown, name
    # Every typed field, the amendment's reason and author, and the site's name are
    # shown somewhere in every format.
    for fmt in ("html", "md", "txt"):
        assert {name for f, name, _ in shown if f == fmt} == {*TYPED, "by", "reason", "site"}, fmt


@pytest.fixture(params=COVERING)
def answers(request: pytest.FixtureRequest) -> dict[str, Any]:
    case: dict[str, Any] = load_case(request.param)["answers"]
    return case


@pytest.mark.parametrize("text", HOSTILE)
def test_html_has_only_template_elements(answers: dict[str, Any], text: str) -> None:
    benign = tags_of(render_html(record_for(answers, None)))
    hostile_html = render_html(record_for(answers, text))
    hostile = tags_of(hostile_html)
    assert hostile.tags <= benign.tags
    assert hostile.comments == benign.comments == [] and hostile.other == []
    assert "<script" not in hostile_html.lower()
    assert not set(BIDI) & set(hostile_html)
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f]", hostile_html)
    head = hostile_html.split("<head>", 1)[1].lstrip()
    assert head.startswith('<meta charset="utf-8">\n<meta http-equiv="Content-Security-Policy" '
                           "content=\"default-src 'none'; style-src 'unsafe-inline'; "
                           "base-uri 'none'; form-action 'none'\">")


@pytest.mark.parametrize("text", HOSTILE)
def test_markdown_makes_no_link_image_or_html(answers: dict[str, Any], text: str) -> None:
    md = render_md(record_for(answers, text))
    assert not set(BIDI) & set(md)
    for html in md_html(md):
        assert md_tags(html) <= MD_ALLOWED, md_tags(html) - MD_ALLOWED
        assert "<a " not in html and "<img" not in html and "<script" not in html


def test_markdown_structure_is_the_same_as_for_benign_text(answers: dict[str, Any]) -> None:
    def shape(md: str) -> list[str]:
        tokens = MarkdownIt("commonmark").parse(md)
        return [t.type for t in tokens if t.type != "inline"]

    benign = shape(render_md(record_for(answers, None)))
    for text in HOSTILE:
        assert shape(render_md(record_for(answers, text))) == benign, text


def _typed_prefixes(benign: str) -> set[str]:
    """What comes before a typed value on a line of benign plain text ("Label: ")."""
    return {line[:line.index("Benign")] for line in benign.split("\n") if "Benign" in line}


@pytest.mark.parametrize("text", HOSTILE)
def test_plain_text_lines_are_the_helpers_own_or_labelled(answers: dict[str, Any],
                                                          text: str) -> None:
    """Typed text cannot start a line of its own: it follows its label, or sits indented
    below it, so nothing typed can pass for a heading or another answer."""
    site = "Example partnership"
    benign, hostile = (
        render_txt(record).replace(record["sha256"], "<sha256>")
        for record in (record_for(answers, None, site_text=site),
                       record_for(answers, text, site_text=site)))
    own = set(benign.split("\n"))
    prefixes = _typed_prefixes(benign)
    shown = visible(text.replace("\r\n", "\n").replace("\r", "\n"))
    # A name and a role may share a line ("Recorded by: <name>, <role>").
    allowed = own | {p + shown for p in prefixes} | {p + shown + ", " + shown for p in prefixes} | {
        p.rstrip() for p in prefixes}
    for line in hostile.split("\n"):
        assert line == "" or line.startswith(" ") or line in allowed, line
    assert not set(BIDI) & set(hostile)
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f]", hostile)


@pytest.mark.parametrize("text", HOSTILE)
def test_json_round_trips_exactly(text: str) -> None:
    answers = load_case("share_risk_of_harm")["answers"]
    record = record_for(answers, text)
    encoded = canonical_json(record)
    loaded = load(encoded)
    assert loaded.record == record and canonical_json(loaded.record) == encoded
    if "\r" not in text:  # the one normalisation: CR and CRLF become LF
        assert loaded.record is not None and loaded.record["answers"]["reasons"] == text


def test_one_megabyte_in_a_field() -> None:
    answers = {**load_case("departure")["answers"], "reasons": ONE_MB}
    record = build(answers, NOW)
    html, md = render_html(record), render_md(record)
    assert html.count("&lt;b&gt;") >= 1024 * 1024 // 4
    assert "<b>" not in md
    assert load(canonical_json(record)).record == record


def test_validation_refuses_what_rendering_tolerates() -> None:
    from infoshare import validate_answers

    answers = dict(load_case("departure")["answers"])
    answers["reasons"] = HOSTILE[11]  # control characters
    answers["departure_reason"] = ONE_MB
    fields = {p.field for p in validate_answers(answers, NOW)}
    assert fields == {"reasons", "departure_reason"}


def test_international_names_survive_unchanged() -> None:
    answers = load_case("share_risk_of_harm")["answers"]
    for text in HOSTILE[17:21]:
        record = record_for(answers, text)
        assert text in render_html(record)
        assert json.loads(canonical_json(record))["answers"]["reasons"] == text
