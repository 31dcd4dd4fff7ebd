"""Answers as the form sends them: a flat dict of field name to text or list of text.

Anything arriving from a browser or a file is untrusted, so `clean` keeps only
known fields with well-typed values and never raises; "missing" and "empty"
mean the same thing, as they do on a web form.
"""

from __future__ import annotations

from collections.abc import Mapping

from .questions import FIELDS, Field

__all__ = ["Answers", "clean", "get", "is_shown"]

Answers = dict[str, str | list[str]]


def clean(raw: object) -> Answers:
    """Known fields only; text as typed (line breaks as \\n); empty values dropped."""
    if not isinstance(raw, Mapping):
        return {}
    answers: Answers = {}
    for name, value in raw.items():
        if not isinstance(name, str) or name not in FIELDS:
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
