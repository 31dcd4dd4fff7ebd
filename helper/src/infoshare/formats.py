"""The files a record can be downloaded as: one table, read by the page, the CLI and the tests.

Adding a format means one row here and its renderer; the page's download
buttons, their MIME types and the command line's --format choices all come
from FORMATS.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from importlib import import_module
from typing import Any, NamedTuple

__all__ = ["FORMATS", "Format", "render", "render_all"]


class Format(NamedTuple):
    key: str
    extension: str
    mime: str
    label: str
    # What the file is for, shown beside its download button.
    purpose: str
    # "module:function"; imported when first used, because the renderers bring in
    # Jinja2, which the questions do not need while the helper starts.
    renderer: str


FORMATS: tuple[Format, ...] = (
    Format("html", "html", "text/html;charset=utf-8", "HTML",
           "to read, print or attach to a case file", "html_record:render_html"),
    Format("json", "json", "application/json", "JSON",
           "to open and amend it in this helper later", "canonical:canonical_json"),
    Format("md", "md", "text/markdown;charset=utf-8", "Markdown",
           "for systems that show Markdown", "md_record:render_md"),
    Format("txt", "txt", "text/plain;charset=utf-8", "Plain text",
           "to paste into a case-management system", "txt_record:render_txt"),
)

_BY_KEY = {f.key: f for f in FORMATS}


def _renderer(fmt: Format) -> Callable[[Mapping[str, Any]], str]:
    module, name = fmt.renderer.split(":")
    function: Callable[[Mapping[str, Any]], str] = getattr(
        import_module(f".{module}", __package__), name)
    return function


def render(record: Mapping[str, Any], key: str) -> str:
    """The record in one format (KeyError for an unknown key)."""
    return _renderer(_BY_KEY[key])(record)


def render_all(record: Mapping[str, Any]) -> dict[str, str]:
    return {f.key: _renderer(f)(record) for f in FORMATS}
