"""Printed, each page of the HTML record repeats the case reference and "Page N of M"
(CSS @page margin boxes). The case reference is typed text written into the style
sheet, so it goes in as a CSS string in which everything but a few plain characters
is escaped: nothing typed can end the string, the rule or the <style> element."""

from __future__ import annotations

import re
from typing import Any

import pytest
from infoshare import check_sealed, digest, render_html, seal
from infoshare.dates import parse_now
from infoshare.textsafety import CSS_STRING_MAX, css_string, visible

from .hostile import HOSTILE

NOW = parse_now("2026-01-15T16:30:00+00:00")
# A CSS string as css_string writes it: plain characters and six-digit escapes only.
_CSS_STRING = re.compile(r'"((?:[A-Za-z0-9,.:_-]|\\[0-9A-F]{6})*)"')
_HEADER = re.compile(r'@top-left \{ content: "Case reference: " (?P<ref>"[^"]*"); font:')

REFERENCES = [
    *HOSTILE,
    '"; } body { display: none } @page { @top-left { content: "x',
    "</style><script>alert(1)</script>",
    "</STYLE ><img src=x onerror=alert(1)>",
    "\\\"\\'\\\\ back\\slashes \\00003C",
    "line\nbreak\r\nand\ttab",
    "/* comment */ } ;",
    "AB-12 \u202eevil\u202c \u200b",
    "\U0001f469\u200d\U0001f469\u200d\U0001f467 \u0639\u0627\u0626\u0634\u06c1",
    "x" * 200,
]


def _decode(css: str) -> str:
    match = _CSS_STRING.fullmatch(css)
    assert match is not None, css
    return re.sub(r"\\([0-9A-F]{6})", lambda m: chr(int(m.group(1), 16)), match.group(1))


@pytest.mark.parametrize(("text", "css"), [
    ("JD-0412", '"JD-0412"'),
    ('A"B', '"A\\000022B"'),
    ("A\\B", '"A\\00005CB"'),
    ("</style>", '"\\00003C\\00002Fstyle\\00003E"'),
    ("a\nb", '"a\\00000Ab"'),
    ("caf\u00e9 \u202e", '"caf\\0000E9\\000020\\00005BU\\00002B202E\\00005D"'),
    # A space after an escape would be taken as the escape's end: every space is escaped.
    ("; x", '"\\00003B\\000020x"'),
    ("", '""'),
])
def test_css_string_escapes_all_but_plain_characters(text: str, css: str) -> None:
    assert css_string(text) == css


@pytest.mark.parametrize("text", REFERENCES)
def test_css_string_reads_back_as_the_text_shown_elsewhere(text: str) -> None:
    shown = visible(text) if len(text) <= CSS_STRING_MAX else None
    decoded = _decode(css_string(text))
    if shown is not None:
        assert decoded == shown
    else:
        assert decoded == visible(text[: CSS_STRING_MAX - 1].rstrip() + "\u2026")
        assert len(text[: CSS_STRING_MAX - 1]) + 1 == CSS_STRING_MAX


def _record(answers: dict[str, Any], reference: str) -> dict[str, Any]:
    """A record with this case reference. Sealing refuses control characters, so a record
    holding them is one edited by hand, its digest recomputed: it still opens and renders."""
    record, problems = seal({**answers, "case_reference": "AB-1"}, NOW)
    assert record is not None, problems
    record["answers"]["case_reference"] = reference
    record["sha256"] = digest(record)
    return check_sealed(record)


@pytest.mark.parametrize("reference", REFERENCES)
def test_a_hostile_case_reference_stays_inside_the_running_header(
        example_answers: dict[str, Any], reference: str) -> None:
    record = _record(example_answers, reference)
    html = render_html(record)
    head, _, body = html.partition("</head>")
    # The style sheet has one end, its own, and nothing typed in it is markup or a quote.
    assert len(re.findall(r"</style", html, re.IGNORECASE)) == 1
    style = head.split("<style>", 1)[1].split("</style>", 1)[0]
    (header,) = _HEADER.finditer(style)
    assert _decode(header.group("ref")) == _decode(css_string(record["answers"]["case_reference"]))
    assert style.count("@top-left") == 1 and style.count("@bottom-right") == 1
    assert 'content: "Page " counter(page) " of " counter(pages);' in style
    # The rest of the style sheet is the template's own, whatever was typed.
    benign = render_html(_record(example_answers, "AB-1")).partition("</head>")[0]
    ours = benign.split("<style>", 1)[1].split("</style>", 1)[0]
    assert style.replace(header.group("ref"), '"AB-1"') == ours
    assert "<script" not in head.lower() and "<script" not in body.lower()
