"""Typed text made safe to show: invisible characters made visible, Markdown escaped.

HTML escaping itself is Jinja2's autoescape; this module handles what escaping
cannot: characters that are invisible or that reorder the text around them,
and Markdown that renderers would turn into links, lists or formatting.
"""

from __future__ import annotations

import re

__all__ = ["BIDI_CONTROLS", "CSS_STRING_MAX", "INVISIBLE", "css_string", "has_control_characters", "md_escape",
           "visible"]

# Embeddings, overrides, isolates and marks: each can make text display in an
# order other than the one it was typed in ("Trojan Source").
BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)

# C0 controls except tab and newline, DEL, C1 controls, lone surrogates (which
# cannot be written as UTF-8), and the Unicode line and paragraph separators.
_CONTROLS = "\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\u2028\u2029"
_CONTROL = re.compile(f"[{_CONTROLS}]")

# Characters that show nothing: Unicode's default-ignorable code points
# (DerivedCoreProperties.txt, Default_Ignorable_Code_Point, written out here so
# that CPython and Pyodide, whose Unicode versions differ, agree), which include
# the bidi controls above, plus the interlinear annotation characters U+FFF9 to
# U+FFFB, which make some renderers hide the text between them:
# soft hyphen, combining grapheme joiner, Hangul fillers, Khmer inherent vowels,
# Mongolian variation selectors and vowel separator, zero width space,
# non-joiner and joiner, word joiner, invisible operators, deprecated format
# characters, variation selectors, byte order mark, shorthand and musical
# format controls, tag characters and unassigned code points reserved as ignorable.
_IGNORABLE = (
    "\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e"
    "\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufffb"
    "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0000-\U000e0fff"
)
INVISIBLE = re.compile(f"[{_CONTROLS}{_IGNORABLE}]")

# Three invisible characters are kept where they are part of an emoji the
# reader sees, so a quoted message keeps its emoji and hides nothing:
# - U+200D (zero width joiner) between two emoji, as in the family 👩‍👩‍👧 or
#   🏳️‍🌈: each joined sequence shows as one picture, or as its parts side by
#   side where a font lacks it. Anywhere else a joiner hides between letters
#   (so that two case references that look alike differ), and is shown.
# - U+FE0E and U+FE0F (text or emoji style) once, straight after an emoji or
#   a keycap's digit: they choose between two pictures of the same symbol.
#   A run of selectors, or one after a letter, can carry hidden data and is shown.
# - The tag characters of the three UK subdivision flags (England, Scotland,
#   Wales), which are the only flags written with tags; other tags are shown.
# The emoji ranges below are written out for the same reason as above; they
# cover Unicode's Extended_Pictographic characters (and a few neighbours,
# which can only mean a joiner or selector is kept beside a symbol).
_EMOJI = re.compile(
    "[\u00a9\u00ae\u203c\u2049\u2122\u2139\u2194-\u2199\u21a9\u21aa\u231a-\u23ff"
    "\u24c2\u25aa-\u25fe\u2600-\u27bf\u2934\u2935\u2b05-\u2b55\u3030\u303d\u3297\u3299"
    "\U0001f000-\U0001faff]"
)
_TAG = "".join(chr(0xE0000 + ord(c)) for c in "gb")
_UK_FLAGS = "|".join(
    "\U0001f3f4" + _TAG + "".join(chr(0xE0000 + ord(c)) for c in nation) + "\U000e007f"
    for nation in ("eng", "sct", "wls")
)
_KEYCAP_BASES = frozenset("#*0123456789")
_SHOWN = re.compile(f"({_UK_FLAGS})|[{_CONTROLS}{_IGNORABLE}]")


def _emoji_at(text: str, index: int) -> bool:
    return 0 <= index < len(text) and _EMOJI.match(text, index) is not None


def _part_of_emoji(text: str, index: int) -> bool:
    char = text[index]
    if char == "\u200d":
        before = index - 2 if text[index - 1 : index] == "\ufe0f" else index - 1
        return _emoji_at(text, before) and _emoji_at(text, index + 1)
    if char in "\ufe0e\ufe0f":
        if _emoji_at(text, index - 1):
            return True
        keycap = text[index - 1 : index] in _KEYCAP_BASES and text[index + 1 : index + 2] == "\u20e3"
        return char == "\ufe0f" and keycap
    return False


def _marker(match: re.Match[str]) -> str:
    if match.group(1) is not None or _part_of_emoji(match.string, match.start()):
        return match.group()
    return f"[U+{ord(match.group()):04X}]"


def has_control_characters(text: str) -> bool:
    return _CONTROL.search(text) is not None


def visible(text: str) -> str:
    """Replace each invisible or reordering character with a marker such as [U+202E].

    For every format people read (HTML, Markdown, plain text); the JSON keeps
    the text exactly as typed.
    """
    if INVISIBLE.search(text) is None:
        return text
    return _SHOWN.sub(_marker, text)


# ASCII punctuation that CommonMark, GFM, Python-Markdown's "extra", mistune's
# plugins and markdown-it's plugins give a meaning to wherever it stands.
# "!" needs no escape: an image needs "![" and "[" is escaped. "(" stops
# typographer replacements such as "(c)".
_MD_ALWAYS = r"\\`*_{}\[\]<>#+|~&=$^@("
# Most of it is escaped with a backslash, which every renderer honours. These are
# written as character references instead, which every renderer shows as the
# character and none reads as syntax:
# - < > &: Python-Markdown does not honour a backslash before "<", and would pass
#   "\<script>" through as HTML.
# - ~ = $ ^ @ : ?: Python-Markdown honours a backslash only before the characters
#   its own syntax uses, so with its "extra" extensions a record would show
#   "09\:40" or "jo\@example.org" with the backslash (the renderers that give
#   these characters a meaning all read references as plain characters).
_MD_ENTITIES = {"<": "&lt;", ">": "&gt;", "&": "&amp;", "~": "&#126;", "=": "&#61;",
                "$": "&#36;", "^": "&#94;", "@": "&#64;", ":": "&#58;", "?": "&#63;"}
_MD_SPECIAL = re.compile(
    "(["
    + _MD_ALWAYS
    + "])"
    # "." only matters when something follows it directly, as in "example.com"; a
    # sentence's full stop can stay. ":" likewise, as in "https://" or "mailto:a"
    # (autolinks) and ":smile:" (emoji shortcodes), but not in a time such as 09:40
    # (_MD_PLAIN_COLON).
    + r"|([.:])(?=\S)"
    # "-" makes a list or a rule at the start of a line, "--" a dash. At the
    # start of a line ":" makes a definition list (Python-Markdown's "extra",
    # mistune), "!!!" and "???" a note or a folding section (pymdown-extensions).
    + r"|(^[-:!?]|-(?=-)|(?<=-)-)"
)
# "1." or "1)" at the start of a line would begin a numbered list.
_MD_LIST_NUMBER = re.compile(r"^(\d+)([.)])")
# A colon between two digits, as in a time (09:40) or a ratio (1:2): no link scheme
# ends in a digit that a renderer links, and it cannot open an emoji shortcode
# (":1234:") unless the word after it ends in another colon.
_MD_PLAIN_COLON = re.compile(r"(?<=\d):(?=\d)(?![+\-\w]*:)")
# GFM's e-mail autolinks (cmark-gfm, so GitHub) are found after parsing, in the
# text with its escapes already resolved (github/cmark-gfm issue 278): no escape
# or character reference stops "user@example.com" from becoming a mailto: link.
# Only a piece of inline HTML between the name and the "@" splits the text in
# two; <wbr> (a place the line may wrap) is the one that shows nothing and means
# nothing. It goes only where a link could start: after a letter, digit or one
# of . + - _, the characters an address's name may end with.
_MD_EMAIL_AT = re.compile(r"(?<=[A-Za-z0-9.+\-_])(?=@)")
_MD_LINE_BREAK = "  \n"
_MD_EMPTY_LINE = "&#32;"


def _md_special(match: re.Match[str]) -> str:
    char = match.group()
    if char == ":" and match.start() > 0 and _MD_PLAIN_COLON.match(match.string, match.start()):
        return char
    return _MD_ENTITIES.get(char) or "\\" + char


def _md_line(line: str) -> str:
    line = line.lstrip(" \t")
    line = _MD_EMAIL_AT.sub("\0", line)  # NUL never reaches here: visible() marks it
    line = _MD_SPECIAL.sub(_md_special, line)
    return _MD_LIST_NUMBER.sub(r"\1\\\2", line).replace("\0", "<wbr>")


def md_escape(text: str) -> str:
    """Typed text as Markdown that renders literally, as one paragraph.

    Each typed line is escaped and joined with a hard line break (two spaces at
    the end of a line: the break every renderer reads, where Python-Markdown
    would show the backslash of CommonMark's other one), so no typed line can
    start a heading, list, quote, code block, table or definition list. A typed
    blank line is written as a space's character reference, so it shows as an
    empty line but cannot end the paragraph. Leading spaces and tabs are dropped
    from each line, because four of them would otherwise start a code block.
    Invisible characters are shown as markers first, as in every other format.
    """
    return _MD_LINE_BREAK.join(_md_line(line) or _MD_EMPTY_LINE
                               for line in visible(text).split("\n"))


# Characters a CSS string may hold as they are. Every other one is written as a
# CSS escape of six hex digits, so no quote, backslash, line break, "<" (as in
# "</style>") or "&" reaches the style sheet, and the string cannot end early or
# break out of it. A space is escaped too: after an escape, CSS takes one space
# as the escape's end and drops it.
_CSS_PLAIN = re.compile(r"[A-Za-z0-9,.:_-]", re.ASCII)
# The most of a typed text a running header shows (the record itself shows it all).
CSS_STRING_MAX = 60


def css_string(text: str, limit: int = CSS_STRING_MAX) -> str:
    """Typed text as a quoted CSS string, for a printed page's running header: cut to
    `limit` characters (ending with an ellipsis), invisible characters shown as markers as in every
    other format, and every character outside a small safe set escaped ("\\00003C")."""
    shown = visible(text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026")
    escaped = "".join(c if _CSS_PLAIN.fullmatch(c) else f"\\{ord(c):06X}" for c in shown)
    return f'"{escaped}"'
