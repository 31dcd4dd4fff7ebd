"""Typed text in the Markdown file renders as plain text in every common renderer.

The record's Markdown is pasted into case notes, wikis and issue trackers, which
render it with different engines and extensions. Each one below runs with its
extensions or plugins switched on: Python-Markdown with "extra" (and with
pymdown-extensions, as MkDocs sites use it), markdown-it-py as CommonMark and as
GFM with linkify, mistune with every plugin it ships, and cmark-gfm, GitHub's
own renderer, with GitHub's extensions and raw HTML let through (so that any
HTML typed text could make would show). For every hostile text in every typed
field, the HTML may hold only the elements the record's own Markdown makes, and
the typed letters must still be there to read.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta
from html.parser import HTMLParser
from typing import Any

import cmarkgfm
import markdown as python_markdown
import mistune
import pytest
from cmarkgfm.cmark import Options as CmarkOptions
from infoshare import FIELDS, render_md
from infoshare.dates import parse_now
from infoshare.record import build
from infoshare.textsafety import md_escape, visible
from markdown_it import MarkdownIt

from .conftest import case_names, load_case
from .hostile import HOSTILE, MARKDOWN_SYNTAX, tags_of

TYPED = [name for name, f in FIELDS.items() if f.kind in ("text", "textarea")]
NOW = parse_now("2026-11-25T14:03:00+00:00")
BENIGN = "Benign text\nsecond line"

MISTUNE_PLUGINS = ["strikethrough", "mark", "insert", "superscript", "subscript", "footnotes",
                   "table", "url", "abbr", "def_list", "math", "ruby", "task_lists", "spoiler"]
PYMDOWN = ["extra", "admonition", "smarty", "pymdownx.magiclink", "pymdownx.tilde", "pymdownx.caret",
           "pymdownx.mark", "pymdownx.tasklist", "pymdownx.details", "pymdownx.emoji", "pymdownx.keys",
           "pymdownx.critic", "pymdownx.arithmatex", "pymdownx.betterem", "pymdownx.inlinehilite",
           "pymdownx.superfences", "pymdownx.smartsymbols"]


def _cmark_gfm(md: str) -> str:
    options = (CmarkOptions.CMARK_OPT_UNSAFE | CmarkOptions.CMARK_OPT_FOOTNOTES
               | CmarkOptions.CMARK_OPT_GITHUB_PRE_LANG)
    return cmarkgfm.markdown_to_html_with_extensions(
        md, options=options, extensions=["table", "autolink", "tagfilter", "strikethrough", "tasklist"])


def _python_markdown(extensions: list[str]) -> Callable[[str], str]:
    converter = python_markdown.Markdown(extensions=extensions)
    return lambda md: converter.reset().convert(md)


RENDERERS: dict[str, Callable[[str], str]] = {
    "python-markdown extra": _python_markdown(["extra"]),
    "python-markdown pymdown-extensions": _python_markdown(PYMDOWN),
    "markdown-it-py commonmark": MarkdownIt("commonmark").render,
    "markdown-it-py gfm linkify": MarkdownIt("gfm-like", {"linkify": True, "typographer": True}).enable(
        ["replacements", "smartquotes"]).render,
    "mistune plugins": mistune.create_markdown(escape=False, plugins=MISTUNE_PLUGINS),  # type: ignore[dict-item]
    "cmark-gfm": _cmark_gfm,
}

# Each renderer really has the extensions that make these findings: given the
# Markdown unescaped, it makes the element. (Otherwise the tests below could pass
# against a renderer with its extensions off.)
ARMED = [
    ("python-markdown extra", "Term\n: definition", "dl"),
    ("python-markdown extra", "*[HTML]: Hyper Text\n\nHTML", "abbr"),
    ("python-markdown extra", "Text[^1]\n\n[^1]: note", "sup"),
    ("python-markdown pymdown-extensions", "!!! note\n    body", "div"),
    ("python-markdown pymdown-extensions", "??? note\n    body", "details"),
    ("python-markdown pymdown-extensions", "see https://evil.example", "a"),
    ("markdown-it-py commonmark", "<https://evil.example>", "a"),
    ("markdown-it-py gfm linkify", "see www.example.com", "a"),
    ("markdown-it-py gfm linkify", "see example.com", "a"),
    ("markdown-it-py gfm linkify", "user@example.com", "a"),
    ("markdown-it-py gfm linkify", "~~strike~~", "s"),
    ("mistune plugins", "Term\n: definition", "dl"),
    ("mistune plugins", "$x^2$", "span"),
    ("mistune plugins", "==mark==", "mark"),
    ("mistune plugins", "see https://evil.example", "a"),
    ("cmark-gfm", "user@evil.example", "a"),
    ("cmark-gfm", "see www.evil.example", "a"),
    ("cmark-gfm", "- [ ] task", "input"),
]


@pytest.mark.parametrize(("renderer", "md", "element"), ARMED)
def test_each_renderer_has_its_extensions_on(renderer: str, md: str, element: str) -> None:
    assert element in {tag for tag, _ in tags_of(RENDERERS[renderer](md)).tags}


def record_for(answers: dict[str, Any], text: str) -> dict[str, Any]:
    """A record whose every typed answer, and the amendment's name and reason, is `text`."""
    typed = {**answers, **dict.fromkeys(TYPED, text)}
    original = build(typed, NOW)
    return build(typed, NOW + timedelta(hours=1), original=original, amendment={"by": text, "reason": text})


def _cases_showing_every_typed_field() -> list[str]:
    """A few cases between them showing every typed field (rendering all of them is slow)."""
    shown: dict[str, set[str]] = {}
    for name in case_names():
        markers = {f: f"Marker{i}x" for i, f in enumerate(TYPED)}
        md = render_md(build({**load_case(name)["answers"], **markers}, NOW))
        shown[name] = {f for f, marker in markers.items() if marker in md}
    chosen: list[str] = []
    left = set().union(*shown.values())
    while left:
        best = max(sorted(shown), key=lambda n: len(shown[n] & left))
        chosen.append(best)
        left -= shown[best]
    return chosen


CASES = _cases_showing_every_typed_field()


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def letters(html_or_text: str, *, html: bool) -> str:
    """Only the letters and digits, in order: what must survive whatever a renderer does."""
    if html:
        parser = _Text()
        parser.feed(html_or_text)
        parser.close()
        html_or_text = "".join(parser.parts)
    return "".join(c for c in html_or_text if c.isalnum())


@pytest.fixture(scope="module", params=CASES)
def benign(request: pytest.FixtureRequest) -> tuple[dict[str, Any], dict[str, tuple[Any, int]]]:
    """A case's answers, and per renderer its benign elements and how many typed values it shows."""
    answers: dict[str, Any] = load_case(request.param)["answers"]
    md = render_md(record_for(answers, BENIGN))
    seen = {}
    for name, render in RENDERERS.items():
        html = render(md)
        seen[name] = (tags_of(html), letters(html, html=True).count(letters(BENIGN, html=False)))
    return answers, seen


@pytest.mark.parametrize("text", HOSTILE + MARKDOWN_SYNTAX)
def test_typed_text_renders_as_plain_text_everywhere(
        benign: tuple[dict[str, Any], dict[str, tuple[Any, int]]], text: str) -> None:
    answers, seen = benign
    md = render_md(record_for(answers, text))
    # The one piece of HTML md_escape writes is <wbr>, straight before an "@".
    assert "<" not in md.replace("<wbr>&#64;", ""), md
    # Long answers have their line endings made "\n" when the record is built; short ones
    # keep a carriage return, which shows as a marker.
    variants = {letters(visible(t), html=False)
                for t in (text, text.replace("\r\n", "\n").replace("\r", "\n"))}
    for name, render in RENDERERS.items():
        html = render(md)
        found = tags_of(html)
        allowed, shown = seen[name]
        extra = found.tags - allowed.tags - {("wbr", ())}
        assert not extra, f"{name} made {sorted(extra)} from {text!r}"
        assert found.comments == allowed.comments and found.other == allowed.other, name
        # Every typed value shown is still there to read, letter for letter.
        assert shown > 0
        found_letters = letters(html, html=True)
        assert sum(found_letters.count(v) for v in variants) >= shown, f"{name} lost letters of {text!r}"


@pytest.mark.parametrize(("typed", "escaped"), [
    # A line starting with ":" makes a definition list in Python-Markdown's
    # "extra" and mistune; "!!!" and "???" a note or a folding section. Lines are
    # joined with a hard line break of two spaces.
    ("Term\n: definition", "Term  \n&#58; definition"),
    ("!!! note", "\\!!! note"),
    ("??? note", "&#63;?? note"),
    # cmark-gfm links an e-mail address whatever its escapes; <wbr> splits it.
    ("user@evil.example", "user<wbr>&#64;evil\\.example"),
    ("mailto:a@b.co", "mailto&#58;a<wbr>&#64;b\\.co"),
    # No address can end just before this "@": nothing to split.
    ("@start (@x) a @b", "&#64;start \\(&#64;x) a &#64;b"),
    # Invisible characters are shown before escaping.
    ("AB\u200b123", "AB\\[U\\+200B\\]123"),
    # A time's colon is left alone; one that could open an emoji shortcode is not.
    ("Seen at 09:40, 1:2", "Seen at 09:40, 1:2"),
    ("10:30:00 12:1234:5", "10&#58;30:00 12&#58;1234:5"),
    ("Re:x https://a", "Re&#58;x https&#58;//a"),
    # A typed blank line stays inside the paragraph.
    ("one\n\ntwo", "one  \n&#32;  \ntwo"),
    ("~~s~~ ==m== $x$ ^s^", "&#126;&#126;s&#126;&#126; &#61;&#61;m&#61;&#61; &#36;x&#36; &#94;s&#94;"),
])
def test_md_escape(typed: str, escaped: str) -> None:
    assert md_escape(typed) == escaped


def test_wbr_only_where_an_address_could_end() -> None:
    for typed in HOSTILE + MARKDOWN_SYNTAX:
        escaped = md_escape(typed)
        for match in re.finditer("<wbr>", escaped):
            assert escaped[match.end():match.end() + 5] == "&#64;", typed
            assert re.search(r"[A-Za-z0-9.+\-_]$", escaped[:match.start()]), typed


# Ordinary text a practitioner types: times, e-mail addresses, sums, web addresses,
# references, several lines with a blank one between.
ORDINARY = [
    "Met at 09:40 and again at 14:05.",
    "Emailed jo@example.org and sam.patel@council.example.gov.uk at 10:30:15.",
    "Cost ~£40 = $52; ratio 1:2; 50% (approx.) ^ rounded.",
    "See https://www.example.org/a_b?c=d&e=f#g and www.example.com.",
    "Ref: AB/2026 #14 <i>, item [3], {note}, *starred*, _under_, `tick`, a | b, a+b, ~x~.",
    "Q? Yes! Really?? Done. -- dash - hyphen",
    "First line.\n\nThird line, after a blank one.\n  Indented line.",
    "Re: the meeting; :smile: :+1: 12:1234:5",
]


def rendered_text(html: str) -> str:
    """What a reader sees: the text of the HTML, typographers' quotes and dashes put back,
    white space squashed."""
    parser = _Text()
    parser.feed(html)
    parser.close()
    text = "".join(parser.parts)
    for fancy, plain in (("\u2018", "'"), ("\u2019", "'"), ("\u201c", '"'), ("\u201d", '"'),
                         ("\u2013", "--"), ("\u2014", "---")):
        text = text.replace(fancy, plain)
    return " ".join(text.split())


@pytest.mark.parametrize("name", RENDERERS)
@pytest.mark.parametrize("text", ORDINARY)
def test_ordinary_text_reads_exactly_as_typed(name: str, text: str) -> None:
    """No stray backslash, character reference or marker: every renderer, Python-Markdown
    with "extra" included, shows exactly what was typed (a blank line as an empty line)."""
    shown = rendered_text(RENDERERS[name](md_escape(text)))
    assert "\\" not in shown
    assert shown == " ".join(text.split()), (name, md_escape(text))
