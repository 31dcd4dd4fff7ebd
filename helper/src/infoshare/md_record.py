"""The record as Markdown, for systems that show Markdown (plain text: txt_record).

Everything read from the record goes through `md_escape`, so typed text can
make no link, image, HTML or formatting: the only Markdown structure in the
output is the headings, bold labels and lists written here. The helper's own
wording (labels, headings, rule titles, option labels, dates it formats) is
written as it is; a unit test renders it and checks it makes no link or HTML.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .textsafety import md_escape
from .view import DIGEST_NOTE, RULES_NUMBERED_AS, Row, build_view

__all__ = ["render_md"]


def _field(label: str, value: str, *, trusted: bool = False) -> str:
    """A bold label (the helper's own words) over its value, escaped unless trusted."""
    return f"**{label}**\n\n{value if trusted else md_escape(value)}\n"


def _cell(row: Row) -> str:
    return row.value if row.trusted else md_escape(row.value)


def render_md(record: Mapping[str, Any]) -> str:
    v = build_view(record)
    out: list[str] = ["# Information sharing decision record", ""]
    if v.amended_note:
        out.append(_field("Amended", v.amended_note, trusted=True))
    out.append(_field("Case reference", v.case_reference))
    if v.emergency:
        text = "Information was shared first and this record was completed afterwards."
        if v.shared_at:
            text += f" Shared: {v.shared_at}."
        out.append(_field("Emergency", text))
    out.append(_field("Decision", v.decision, trusted=v.decision_trusted))
    if v.decided_at:
        out.append(_field(v.decided_label, v.decided_at, trusted=True))
    if v.recorded_by and v.decided_by:
        out.append(_field("Decided by", v.decided_by))
        out.append(_field("Recorded by", v.recorded_by))
    out.append(_field("Reasons for the decision", v.reasons))
    if v.departure_reason:
        out.append(_field("Why the decision differs from what the guidance points to",
                          v.departure_reason))
    out += ["## What the guidance pointed to", ""]
    out.append(f"**{md_escape(v.guidance_title)}**\n\n{md_escape(v.guidance_summary)}\n")
    out.append(
        "The decision follows what the guidance points to.\n" if v.followed
        else "The decision differs from what the guidance points to. The reason is recorded "
             "above.\n"
    )
    out += [f"* {md_escape(reason)}" for reason in v.guidance_reasons]
    out.append("")
    for prompt in v.prompts:
        out.append(_field("Prompt shown", prompt))
    out += ["### Golden rules it cites", "",
            f"Numbered as in {RULES_NUMBERED_AS}.", ""]
    out += [f"* Rule {r.number}: {r.title}" for r in v.guidance_rules]
    out.append("")
    out += ["## The record in full", ""]
    for section in v.sections:
        out += [f"### {section.title}", ""]
        out += [_field(row.label, row.value, trusted=row.trusted) for row in section.rows]
    if v.amendments:
        out += ["## Amendments", ""]
        for a in v.amendments:
            out += [f"### Amendment {a.number}", ""]
            out.append(_field("When", a.at, trusted=True))
            out.append(_field("By", a.by))
            out.append(_field("Why", a.reason))
            out.append(_field("SHA-256 digest of the version it amends",
                              a.previous_digest or "Not recorded"))
            if a.changes_note:
                out.append(a.changes_note + "\n")
            for c in a.changes or ():
                out.append(f"**Changed: {c.label}**\n\nBefore: {_cell(c.before)}\n\n"
                           f"After: {_cell(c.after)}\n")
    out += ["## About this record", ""]
    out.append(_field("Created", v.created, trusted=True))
    out.append(_field("Last amended", v.amended or "Not amended", trusted=True))
    if v.site_name is not None and v.site_url is not None:
        out.append(_field("Where it was made",
                          f"Made with the information sharing helper on {md_escape(v.site_name)} "
                          f"({md_escape(v.site_url)})", trusted=True))
    out.append(_field("Record format",
                      f"Schema version {v.schema_version}, made by infoshare-helper "
                      f"{v.helper_version}"))
    out.append(_field("SHA-256 digest", v.digest))
    # The command escaped, not a code span: the only elements here are the ones listed in
    # the module's docstring, and "--" must not become a dash.
    before, command, after = DIGEST_NOTE
    out.append(f"{before}{md_escape(command)}{after}\n")
    out.append("This helper is a record-keeping aid, not legal advice. The decision and the "
               "judgement behind it are the practitioner's.\n")
    return "\n".join(out)
