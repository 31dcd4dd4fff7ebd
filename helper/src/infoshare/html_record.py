"""The record as one self-contained, inert HTML file for reading and printing on A4.

Its own Content-Security-Policy (the first thing after the charset) forbids
script and every load, so even a mistake in escaping could not run code or
reach the network. Printed, each page repeats the case reference and "Page N of
M" in its margins (CSS @page margin boxes); the case reference goes into the
style sheet as a CSS string in which everything but a few plain characters is
escaped. Jinja2 autoescape escapes every value; `visible` shows
invisible and reordering characters; each typed value sits in <bdi> so
right-to-left names cannot reorder the text around them.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from importlib import resources
from typing import Any

import jinja2

from .textsafety import css_string, visible
from .view import DIGEST_NOTE, RULES_NUMBERED_AS, build_view

__all__ = ["render_html"]


def _template_text() -> str:
    return resources.files("infoshare").joinpath("templates/record.html.j2").read_text("utf-8")


@cache
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        # Read through importlib.resources so the template is found wherever
        # the package lives (site-packages, a zip, Pyodide's virtual disk).
        loader=jinja2.DictLoader({"record.html.j2": _template_text()}),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )
    env.filters["visible"] = visible
    # For the printed pages' running header, inside the style sheet, where HTML escaping
    # means nothing: a CSS string whose every character is plain or escaped, so marking
    # it safe for HTML is sound (it holds no < > & or quote but its own two).
    env.filters["css_string"] = css_string
    return env


def render_html(record: Mapping[str, Any]) -> str:
    return _environment().get_template("record.html.j2").render(
        v=build_view(record), rules_numbered_as=RULES_NUMBERED_AS, digest_note=DIGEST_NOTE)
