"""infoshare: guide and record a decision to share information to safeguard a child.

A record-keeping aid, not legal advice: the practitioner decides. The helper
asks the questions the guidance asks, says what the guidance points to and
why, and makes sure the record says what golden rule 7 requires.

Pure Python (standard library and Jinja2); nothing here imports `js` or
`pyodide`, so the same code runs on CPython and in the browser.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

from ._version import __version__ as __version__

# `seal` is both a function and the module that defines it; importing it here,
# before anything imports the submodule, keeps `infoshare.seal` the function.
from .seal import seal as seal

# The public API: each name under the one module that defines it (and lists it in
# its own __all__). __all__, dir() and the imports below all come from this table.
# Names are imported on first use (PEP 562): in the browser every import is paid
# for while the practitioner waits for the helper to start, and the renderers
# (with Jinja2) are not needed until a record is made.
_EXPORTS: dict[str, tuple[str, ...]] = {
    "answers": ("Answers", "clean"),
    "bridge": ("call",),
    "canonical": ("canonical_json", "digest"),
    "casework": ("run_case",),
    "draft": ("draft_json",),
    "filenames": ("filename_stem",),
    "flow": ("departs", "followed", "is_emergency", "next_page", "path", "recommend"),
    "formats": ("FORMATS", "Format", "render_all"),
    "html_record": ("render_html",),
    "md_record": ("render_md",),
    "outcomes": ("OUTCOMES", "PROMPTS", "Outcome", "Prompt", "Recommendation"),
    "parse": ("MAX_BYTES", "Loaded", "RecordError", "check_sealed", "load"),
    "questions": ("FIELDS", "PAGES", "Field", "Option", "Page", "ShowIf"),
    "record": ("SCHEMA_VERSION", "Record"),
    "rules": ("PRINCIPLES", "RULES", "Principle", "Rule"),
    "schema": ("load_schema",),
    "seal": ("seal",),
    "txt_record": ("render_txt",),
    "validate": ("Problem", "validate_answers", "validate_page"),
}
_HOME: dict[str, str] = {name: module for module, names in _EXPORTS.items() for name in names}

__all__ = ["__version__"]
__all__ += sorted(_HOME)  # noqa: PLE0605 (derived from the table above, so it cannot drift)


def __getattr__(name: str) -> Any:
    module = _HOME.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_HOME))
