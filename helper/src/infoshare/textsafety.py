"""Typed text made safe to show: invisible characters made visible, Markdown escaped.

HTML escaping itself is Jinja2's autoescape; this module handles what escaping
cannot: characters that are invisible or that reorder the text around them.
"""

from __future__ import annotations

import re

__all__ = ["BIDI_CONTROLS", "has_control_characters", "md_escape", "visible"]

# Embeddings, overrides, isolates and marks: each can make text display in an
# order other than the one it was typed in ("Trojan Source").
BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)

# C0 controls except tab and newline, DEL, C1 controls, lone surrogates (which
# cannot be written as UTF-8), and the Unicode line and paragraph separators.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\u2028\u2029]")
_INVISIBLE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\u2028\u2029"
    + "".join(sorted(BIDI_CONTROLS))
    + "]"
)

# ASCII punctuation that CommonMark, GFM and markdown-it's plugins give a
# meaning to wherever it stands. "!" needs no escape: an image needs "![" and
# "[" is escaped. "(" stops typographer replacements such as "(c)".
# < > & become character references instead: Python-Markdown does not honour
# a backslash before "<", and would pass "\<script>" through as HTML.
_MD_ALWAYS = r"\\`*_{}\[\]<>#+|~&=$^@("
_MD_ENTITIES = {"<": "&lt;", ">": "&gt;", "&": "&amp;"}
_MD_SPECIAL = re.compile(
    "(["
    + _MD_ALWAYS
    + "])"
    # "." and ":" only matter when something follows them directly, as in
    # "example.com" or "https://" (autolinks); a sentence's full stop can stay.
    + r"|([.:])(?=\S)"
    # "-" makes a list or a rule at the start of a line, "--" a dash.
    + r"|(^-|-(?=-)|(?<=-)-)"
)
# "1." or "1)" at the start of a line would begin a numbered list.
_MD_LIST_NUMBER = re.compile(r"^(\d+)([.)])")


def _md_line(line: str) -> str:
    line = _MD_SPECIAL.sub(
        lambda m: _MD_ENTITIES.get(m.group()) or "\\" + m.group(), line.lstrip(" \t")
    )
    return _MD_LIST_NUMBER.sub(r"\1\\\2", line)


def has_control_characters(text: str) -> bool:
    return _CONTROL.search(text) is not None


def visible(text: str) -> str:
    """Replace each invisible or reordering character with a marker such as [U+202E]."""
    return _INVISIBLE.sub(lambda m: f"[U+{ord(m.group()):04X}]", text)


def md_escape(text: str) -> str:
    """Typed text as Markdown that renders literally, as one paragraph.

    Each typed line is escaped and joined with a hard line break ("\\" at the
    end of a line), so no typed line can start a heading, list, quote, code
    block or table, and a typed blank line cannot end the paragraph.
    Leading spaces and tabs are dropped from each line, because four of them
    would otherwise start a code block.
    """
    return "\\\n".join(_md_line(line) for line in visible(text).split("\n"))
