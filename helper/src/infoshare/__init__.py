"""infoshare: guide and record a decision to share information to safeguard a child.

A record-keeping aid, not legal advice: the practitioner decides. The helper
asks the questions the guidance asks, says what the guidance points to and
why, and makes sure the record says what golden rule 7 requires.

Pure Python (standard library and Jinja2); nothing here imports `js` or
`pyodide`, so the same code runs on CPython and in the browser.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from ._version import __version__

# `seal` is both a function and the module that defines it; importing it here,
# before anything imports the submodule, keeps `infoshare.seal` the function.
from .seal import seal

if TYPE_CHECKING:
    from .answers import Answers, clean
    from .bridge import call, filename_stem, render_all
    from .canonical import canonical_json, digest
    from .casework import run_case
    from .flow import departs, followed, is_emergency, next_page, path, recommend
    from .outcomes import OUTCOMES, Outcome, Recommendation
    from .parse import MAX_BYTES, Loaded, RecordError, check_sealed, load
    from .questions import FIELDS, PAGES, Field, Option, Page, ShowIf
    from .record import SCHEMA_VERSION, Record
    from .html_record import render_html
    from .md_record import render_md
    from .rules import PRINCIPLES, RULES, Principle, Rule
    from .schema import load_schema
    from .validate import Problem, validate_answers, validate_page

# Public names are imported on first use (PEP 562). In the browser every
# import is paid for while the practitioner waits for the helper to start,
# and the renderers (with Jinja2) are not needed until a record is made.
_LAZY: dict[str, str] = {
    "Answers": "answers",
    "FIELDS": "questions",
    "Field": "questions",
    "Loaded": "parse",
    "MAX_BYTES": "parse",
    "OUTCOMES": "outcomes",
    "Option": "questions",
    "Outcome": "outcomes",
    "PAGES": "questions",
    "PRINCIPLES": "rules",
    "Page": "questions",
    "Principle": "rules",
    "Problem": "validate",
    "RULES": "rules",
    "Recommendation": "outcomes",
    "Record": "record",
    "RecordError": "parse",
    "Rule": "rules",
    "SCHEMA_VERSION": "record",
    "ShowIf": "questions",
    "call": "bridge",
    "canonical_json": "canonical",
    "check_sealed": "parse",
    "clean": "answers",
    "departs": "flow",
    "digest": "canonical",
    "filename_stem": "bridge",
    "followed": "flow",
    "is_emergency": "flow",
    "load": "parse",
    "load_schema": "schema",
    "next_page": "flow",
    "path": "flow",
    "recommend": "flow",
    "render_all": "bridge",
    "render_html": "html_record",
    "render_md": "md_record",
    "run_case": "casework",
    "validate_answers": "validate",
    "validate_page": "validate",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


__all__ = [
    "FIELDS",
    "MAX_BYTES",
    "OUTCOMES",
    "PAGES",
    "PRINCIPLES",
    "RULES",
    "SCHEMA_VERSION",
    "Answers",
    "Field",
    "Loaded",
    "Option",
    "Outcome",
    "Page",
    "Principle",
    "Problem",
    "Recommendation",
    "Record",
    "RecordError",
    "Rule",
    "ShowIf",
    "__version__",
    "call",
    "canonical_json",
    "check_sealed",
    "clean",
    "departs",
    "digest",
    "filename_stem",
    "followed",
    "is_emergency",
    "load",
    "load_schema",
    "next_page",
    "path",
    "recommend",
    "render_all",
    "render_html",
    "render_md",
    "run_case",
    "seal",
    "validate_answers",
    "validate_page",
]
