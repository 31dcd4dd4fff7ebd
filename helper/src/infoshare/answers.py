"""Answers as the form sends them: a flat dict of field name to text or list of text.

Anything arriving from a browser or a file is untrusted, so `clean` keeps only
known fields with well-typed values and never raises; "missing" and "empty"
mean the same thing, as they do on a web form.

A date is sent by the page as its boxes, one answer each ("advice_at-day",
see infoshare.dateparts), and files may hold its whole value instead: where a
date's boxes are sent, even empty, they are its answer and its whole value is
dropped.
"""

from __future__ import annotations

from collections.abc import Mapping

from .dateparts import PART_FIELDS
from .questions import FIELDS, Field

__all__ = ["Answers", "clean", "get", "is_shown"]

Answers = dict[str, str | list[str]]


def clean(raw: object) -> Answers:
    """Known fields and date boxes only; text as typed (line breaks as \\n); empty values
    dropped."""
    if not isinstance(raw, Mapping):
        return {}
    answers: Answers = {}
    boxed = {PART_FIELDS[name][0] for name, value in raw.items()
             if isinstance(name, str) and name in PART_FIELDS and isinstance(value, str)}
    for name, value in raw.items():
        if not isinstance(name, str) or name in boxed:
            continue
        if name in PART_FIELDS:
            # A box as typed (spaces and all: reading it ignores them, a draft keeps them).
            if isinstance(value, str) and value != "":
                answers[name] = value
            continue
        if name not in FIELDS:
            continue
        kind = FIELDS[name].kind
        if kind == "checkboxes":
            if isinstance(value, str):
                value = [value]
            if isinstance(value, list):
                ticked = [v for v in value if isinstance(v, str) and v != ""]
                if ticked:
                    # Duplicates mean nothing on a form; first occurrence keeps the order.
                    answers[name] = list(dict.fromkeys(ticked))
        elif isinstance(value, str) and value != "":
            # A form posts line breaks as CRLF and old files may hold a bare CR;
            # one newline convention keeps the digest stable across platforms.
            answers[name] = value.replace("\r\n", "\n").replace("\r", "\n")
    return answers


def get(answers: Mapping[str, object], name: str) -> str:
    """A single-valued answer, or "" when it is missing or not text."""
    value = answers.get(name)
    return value if isinstance(value, str) else ""


def is_shown(field: Field, answers: Mapping[str, object]) -> bool:
    """Whether a follow-up field is shown, given the answer it depends on (a question on
    its page that is not itself a follow-up)."""
    if field.show_if is None:
        return True
    return get(answers, field.show_if.field) in field.show_if.values
