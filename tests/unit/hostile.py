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
