"""Hostile text for every typed field, shared by the hostile and property tests."""

from __future__ import annotations

from html.parser import HTMLParser

BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"

HOSTILE = [
    "<script>alert(1)</script>",
    "</td></tr></table><script>alert(1)</script>",
    '" onmouseover=alert(1) x="',
    "' onfocus='alert(1)' autofocus x='",
    "javascript:alert(1)",
    "[click me](javascript:alert(1)) [ref]: http://evil.example/",
    "![pixel](https://evil.example/track.png)",
    "<img src=x onerror=alert(1)>",
    "<!-- hidden --> <![CDATA[x]]> <?php ?>",
    "{{ 7*7 }} {% for x in y %}{% endfor %} {# c #} ${7*7}",
    "\u202eevil.exe\u202c \u2066isolate\u2069 RLM\u200f LRM\u200e",
    "NUL\x00BEL\x07ESC\x1b[31mDEL\x7fC1\x85",
    "# heading\n> quote\n- item\n+ item\n* item\n1. one\n2) two\n    code\n```\nfence\n```\n---\n===",
    "| a | b |\n|---|---|\n| c | d |",
    "*em* **strong** _u_ ~~strike~~ `code` <b>bold</b> &amp; &lt;tag&gt; &#60;",
    "http://evil.example www.evil.example user@evil.example <http://evil.example>",
    "line one\r\nline two\rline three\n\n\nafter blanks\\",
    "😀👩‍👩‍👧 emoji",
    "Llŷr ap Siân, Łukasz Żółć",
    "محمد عبد الله",
    "عائشہ خان",
    "\ud83d lone surrogate",
    "\u2028line separator\u2029para",
]
ONE_MB = "A<b>" * (1024 * 1024 // 4)

# Markdown that some renderer's extensions or plugins give a meaning to: GFM
# autolinks (cmark-gfm finds e-mail addresses after parsing, escapes resolved),
# markdown-it's linkify, Python-Markdown's "extra" (definition lists,
# abbreviations, footnotes, attribute lists), mistune's plugins (definition
# lists, math, marks, superscript, subscript, insert, spoiler, ruby, task
# lists, tables, url) and pymdown-extensions (notes, folding sections, emoji, keys).
MARKDOWN_SYNTAX = [
    "Term\n: definition",
    "Term\n:   definition",
    "Term\n\n: definition",
    ": definition straight after the label",
    "Term\n    : indented definition",
    # Fuzzy links (linkify) need a known top-level domain: example.com is reserved for examples.
    "Write to user@example.com now",
    "a@b.co (a@b.co) *a@b.co* ~a@b.co~ a.@b.co a_b@c-d.e_f x@y",
    "mailto:a@example.com xmpp:a@example.com/res <a@example.com>",
    "see www.example.com or https://example.com/a_b_c or ftp://example.com",
    "example.com 192.168.0.1 example\u3002com \uff57\uff57\uff57.example.com",
    "*[HTML]: Hyper Text",
    "Text[^1]\n[^1]: a footnote",
    "{: #id .cls } paragraph {: .x}",
    "a | b\n--|--\nc | d",
    "[ ] task\n[x] done\n- [ ] listed task",
    "~~strike~~ ~single~ ==mark== ^sup^ ~sub~ ++ins++ >!spoiler!< [ruby]{ruby}",
    "$x^2$ and $$y$$\n$$\nmath\n$$",
    "!!! note",
    "??? note",
    "???+ note",
    ":smile: :+1: ++ctrl+alt+del++ {++add++} {--del--}",
    "Dr. Who: at 10:30, e.g. 1:2, re: the meeting",
    # Emoji shortcodes after a time's colon, and link schemes with digits.
    "12:1234:5 9::100: 10:30:00 :1234: h2://example.com/x a1:b",
    "@mention #12 GH-12 user/repo#1",
]

# Characters that show nothing, typed between letters (test_invisible_characters.py).
INVISIBLE_TEXT = "AB\u200b123 x\u200cy \u2060\ufeff\u00ad\u180e a\u200db \u3164\U000e0041"


class TagCollector(HTMLParser):
    """Every element and attribute (with its value) in a document."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: set[tuple[str, tuple[tuple[str, str | None], ...]]] = set()
        self.comments: list[str] = []
        self.other: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add((tag, tuple(sorted(attrs))))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_comment(self, data: str) -> None:
        self.comments.append(data)

    def handle_pi(self, data: str) -> None:
        self.other.append(data)

    def unknown_decl(self, data: str) -> None:
        self.other.append(data)


def tags_of(html: str) -> TagCollector:
    collector = TagCollector()
    collector.feed(html)
    collector.close()
    return collector
