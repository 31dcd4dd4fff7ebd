"""infoshare: guide and record a decision to share information to safeguard a child.

A record-keeping aid, not legal advice: the practitioner decides. The helper
asks the questions the guidance asks, says what the guidance points to and
why, and makes sure the record says what golden rule 7 requires.

Pure Python (standard library and Jinja2); nothing here imports `js` or
`pyodide`, so the same code runs on CPython and in the browser.
"""

from __future__ import annotations

from ._version import __version__
from .answers import Answers, clean
from .bridge import call, filename_stem, render_all
from .canonical import canonical_json, digest
from .casework import run_case
from .flow import departs, followed, is_emergency, next_page, path, recommend
from .outcomes import OUTCOMES, Outcome, Recommendation
from .parse import MAX_BYTES, Loaded, RecordError, check_sealed, load
from .questions import FIELDS, PAGES, Field, Option, Page, ShowIf
from .record import SCHEMA_VERSION, Record
from .render_html import render_html
from .render_md import render_md
from .rules import PRINCIPLES, RULES, Principle, Rule
from .schema import load_schema
from .seal import seal
from .validate import Problem, validate_answers, validate_page

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
