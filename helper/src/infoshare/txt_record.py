"""The record as plain text, to paste into a case-management system as a case note.

Plain text needs no escaping, so it reads exactly as typed: no backslashes, no
markup. It holds what the HTML and Markdown hold, from the same view. So that the
layout still cannot be mistaken, a typed answer of one line follows its label on
the same line, and a typed answer of several lines starts on the next line with
every line indented; headings are the helper's own words. Invisible and
reordering characters are shown as markers such as [U+202E], as in the HTML.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .textsafety import visible
from .view import DIGEST_NOTE, RULES_NUMBERED_AS, build_view

__all__ = ["render_txt"]

_INDENT = "    "


def _line(label: str, value: str) -> list[str]:
    """A label and its value: on one line, or the value's lines indented below it."""
    text = visible(value)
    if "\n" not in text:
        return [f"{label}: {text}"]
    return [f"{label}:",
            *[(_INDENT + line) if line.strip() else "" for line in text.split("\n")]]


def _heading(out: list[str], title: str) -> None:
    """A heading of the record's own: capitals, after one blank line and before another."""
    if out[-1] != "":
        out.append("")
    out += [title.upper(), ""]


def _subheading(out: list[str], title: str) -> None:
    """A section's heading, underlined, after one blank line."""
    if out[-1] != "":
        out.append("")
    out += [title, "-" * len(title)]


def render_txt(record: Mapping[str, Any]) -> str:
    v = build_view(record)
    out: list[str] = ["INFORMATION SHARING DECISION RECORD", ""]
    if v.amended_note:
        out += [*_line("Amended", v.amended_note), ""]
    out += _line("Case reference", v.case_reference)
    if v.emergency:
        text = "Information was shared first and this record was completed afterwards."
        out += _line("Emergency", text + (f" Shared: {v.shared_at}." if v.shared_at else ""))
    out += _line("Decision", v.decision)
    if v.decided_at:
        out += _line(v.decided_label, v.decided_at)
    if v.recorded_by and v.decided_by:
        out += _line("Decided by", v.decided_by)
        out += _line("Recorded by", v.recorded_by)
    out += _line("Reasons for the decision", v.reasons)
    if v.departure_reason:
        out += _line("Why the decision differs from what the guidance points to",
                     v.departure_reason)

    _heading(out, "What the guidance pointed to")
    out += [visible(v.guidance_title), visible(v.guidance_summary), ""]
    out.append("The decision follows what the guidance points to." if v.followed
               else "The decision differs from what the guidance points to. The reason is "
                    "recorded above.")
    out += ["", "Why the guidance points this way:"]
    out += [f"- {visible(reason)}" for reason in v.guidance_reasons]
    for prompt in v.prompts:
        out += ["", *_line("Prompt shown", prompt)]
    out += ["", f"Golden rules it cites (numbered as in {RULES_NUMBERED_AS}):"]
    out += [f"- Rule {r.number}: {r.title}" for r in v.guidance_rules]

    _heading(out, "The record in full")
    for section in v.sections:
        _subheading(out, section.title)
        for row in section.rows:
            out += _line(row.label, row.value)

    if v.amendments:
        _heading(out, "Amendments")
        for a in v.amendments:
            _subheading(out, f"Amendment {a.number}")
            out += _line("When", a.at)
            out += _line("By", a.by)
            out += _line("Why", a.reason)
            out += _line("SHA-256 digest of the version it amends",
                         a.previous_digest or "Not recorded")
            if a.changes_note:
                out.append(a.changes_note)
            for c in a.changes or ():
                out += ["", f"Changed: {c.label}"]
                out += _line("  Before", c.before.value)
                out += _line("  After", c.after.value)

    _heading(out, "About this record")
    out += _line("Created", v.created)
    out += _line("Last amended", v.amended or "Not amended")
    if v.site_name is not None and v.site_url is not None:
        out += _line("Where it was made", "Made with the information sharing helper on "
                                          f"{v.site_name} ({v.site_url})")
    out += _line("Record format", f"Schema version {v.schema_version}, made by "
                                  f"infoshare-helper {v.helper_version}")
    out += _line("SHA-256 digest", v.digest)
    out += ["", "".join(DIGEST_NOTE), "",
            ("This helper is a record-keeping aid, not legal advice. The decision and the "
             "judgement behind it are the practitioner's.")]
    return "\n".join(out) + "\n"
