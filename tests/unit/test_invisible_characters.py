"""Characters that show nothing are shown as markers in every format people read.

"AB\u200b123" looks like "AB123" but is not: a reader comparing case references,
names or addresses must see every character typed. HTML and Markdown show each
such character as [U+XXXX], as they do bidi controls; the JSON, the
authoritative record, keeps the text exactly as typed.
"""

from __future__ import annotations

import json
import unicodedata

import pytest
from infoshare import canonical_json, render_html, render_md
from infoshare.textsafety import BIDI_CONTROLS, INVISIBLE, visible
from markdown_it import MarkdownIt

from .conftest import load_case
from .hostile import INVISIBLE_TEXT, tags_of
from .test_hostile import record_for

# The six the issue found, then the rest of Unicode's default-ignorable code points.
ISSUE = ["\u200b", "\u200c", "\u2060", "\ufeff", "\u00ad", "\u180e"]
IGNORABLE_RANGES = [
    (0x00AD, 0x00AD), (0x034F, 0x034F), (0x061C, 0x061C), (0x115F, 0x1160), (0x17B4, 0x17B5),
    (0x180B, 0x180F), (0x200B, 0x200F), (0x202A, 0x202E), (0x2060, 0x206F), (0x3164, 0x3164),
    (0xFE00, 0xFE0F), (0xFEFF, 0xFEFF), (0xFFA0, 0xFFA0), (0xFFF0, 0xFFF8), (0x1BCA0, 0x1BCA3),
    (0x1D173, 0x1D17A), (0xE0000, 0xE0FFF),
]
IGNORABLE = [chr(c) for start, end in IGNORABLE_RANGES for c in range(start, end + 1)]
# Format characters (category Cf) that are not default-ignorable: each shows as a
# sign or mark of its own (Arabic number signs, Syriac abbreviation mark, Kaithi
# number signs, Egyptian hieroglyph format controls), so none is hidden.
VISIBLE_FORMAT = {*range(0x0600, 0x0606), 0x06DD, 0x070F, 0x0890, 0x0891, 0x08E2, 0x110BD, 0x110CD,
                  *range(0x13430, 0x13440)}


def marker(char: str) -> str:
    return f"[U+{ord(char):04X}]"


@pytest.mark.parametrize("char", ISSUE)
def test_the_issues_characters_are_shown(char: str) -> None:
    assert visible(f"AB{char}123") == f"AB{marker(char)}123"


def test_every_default_ignorable_character_is_shown_between_letters() -> None:
    hidden = [f"U+{ord(c):04X}" for c in IGNORABLE if visible(f"a{c}b") != f"a{marker(c)}b"]
    assert not hidden


def test_bidi_controls_are_still_shown() -> None:
    assert all(INVISIBLE.match(c) for c in BIDI_CONTROLS)
    assert all(visible(f"a{c}b") == f"a{marker(c)}b" for c in BIDI_CONTROLS)


def test_every_format_character_is_shown_or_shows_itself() -> None:
    """Python's own Unicode data (a different version from the browser's) agrees."""
    unmarked = [f"U+{c:04X} {unicodedata.name(chr(c), '')}" for c in range(0x110000)
                if unicodedata.category(chr(c)) == "Cf" and c not in VISIBLE_FORMAT
                and visible(f"a{chr(c)}b") == f"a{chr(c)}b"]
    assert not unmarked


@pytest.mark.parametrize("text", [
    "😀👩‍👩‍👧 emoji",  # family: man, woman and girl joined with U+200D
    "👩🏽‍💻",  # skin tone, then a joiner
    "❤️ and ❤️‍🔥",  # U+FE0F emoji style, and a joined sequence after it
    "☎︎ text style",  # U+FE0E
    "1️⃣ #️⃣",  # keycaps
    "🏴\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007f England",
    "🏴\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f Scotland",
    "🏴\U000e0067\U000e0062\U000e0077\U000e006c\U000e0073\U000e007f Wales",
])
def test_emoji_keep_their_joiners_and_selectors(text: str) -> None:
    assert visible(text) == text


@pytest.mark.parametrize(("text", "shown"), [
    ("AB\u200d123", "AB[U+200D]123"),  # a joiner between letters hides
    ("a\u200d😀", "a[U+200D]😀"),
    ("😀\u200d", "😀[U+200D]"),
    ("a\ufe0f", "a[U+FE0F]"),  # a selector after a letter
    ("😀\ufe0f\ufe0f", "😀\ufe0f[U+FE0F]"),  # a second selector: room for hidden data
    ("a\ufe0f\u200d😀", "a[U+FE0F][U+200D]😀"),
    ("😀\U000e0100", "😀[U+E0100]"),  # supplementary selectors, used to smuggle bytes
    ("🏴\U000e0061\U000e0062\U000e007f", "🏴[U+E0061][U+E0062][U+E007F]"),  # not a flag
    ("\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007f",
     "[U+E0067][U+E0062][U+E0065][U+E006E][U+E0067][U+E007F]"),
])
def test_joiners_and_selectors_elsewhere_are_shown(text: str, shown: str) -> None:
    assert visible(text) == shown


def test_html_markdown_show_them_and_json_keeps_them() -> None:
    record = record_for(load_case("share_risk_of_harm")["answers"], INVISIBLE_TEXT)
    expected = visible(INVISIBLE_TEXT)
    assert expected == ("AB[U+200B]123 x[U+200C]y [U+2060][U+FEFF][U+00AD][U+180E] a[U+200D]b "
                        "[U+3164][U+E0041]")
    html = render_html(record)
    assert expected in html
    assert INVISIBLE.search(html) is None
    assert tags_of(html).tags == tags_of(render_html(record_for(
        load_case("share_risk_of_harm")["answers"], None))).tags
    md = render_md(record)
    assert INVISIBLE.search(md) is None
    assert expected in MarkdownIt("commonmark").render(md)
    loaded = json.loads(canonical_json(record))
    assert loaded["answers"]["reasons"] == INVISIBLE_TEXT
    assert loaded["amendments"][0]["by"] == INVISIBLE_TEXT


def test_a_megabyte_of_text_is_shown_quickly() -> None:
    import time

    text = ("Name\u200b " * 100_000)[:1_000_000]
    started = time.perf_counter()
    shown = visible(text)
    assert shown.count("[U+200B]") == text.count("\u200b")
    assert time.perf_counter() - started < 5


def test_the_check_page_shows_invisible_characters_as_the_record_does() -> None:
    """The check page's rows (the `summary` op) and an amendment's changes (`changes`) are
    read by people too: invisible characters are shown there as in the record."""
    import json

    from infoshare import bridge

    answers = {"urgency": "no", "case_reference": "AB\u200b123"}
    reply = json.loads(bridge.call(json.dumps({"op": "summary", "answers": answers})))
    (row,) = [r for r in reply["rows"] if r["field"] == "case_reference"]
    assert row["value"] == "AB[U+200B]123"
