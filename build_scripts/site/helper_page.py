"""Build the decision helper's question pages into docs/helper/index.md.

The questions come from the `infoshare` package itself (the `pages` op of its
bridge, run here on CPython), so the page and the Python that checks the
answers in the browser can never disagree about what is asked. Rendering them
at build time puts the first question in the HTML: it can be answered before
Python has loaded in the browser, and even if Python never loads.

The HTML is made with Jinja2 with autoescaping on: question text is data.
It is written with no blank lines so that Markdown keeps it as one raw block.
"""

from __future__ import annotations

import hashlib
import json
import posixpath
import re
from pathlib import Path
from typing import Any

from jinja2 import Environment, StrictUndefined
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

PLACEHOLDER = "<!-- infoshare:helper -->"
HELPER_PAGE = "helper/index.md"
ASSETS = ("helper.js", "worker.mjs", "helper.css")
# The package the worker asks Pyodide to load; its dependencies come with it.
PACKAGES = ("infoshare-helper",)
SCHEMA_PATH = "helper/record.schema.json"
# Pages that show, under their question, what the guidance points to so far: the
# practitioner decides with the recommendation in view.
POINTER_PAGES = ("decision",)


class HelperBuildError(Exception):
    """Raised as a build error: the helper page cannot be made as configured."""


def _build_error(message: str) -> Exception:
    try:
        from mkdocs.exceptions import PluginError
    except ImportError:  # used outside MkDocs (tests, bench)
        return HelperBuildError(message)
    return PluginError(message)


def question_pages() -> list[dict[str, Any]]:
    """The question pages, in flow order, from the package's contract."""
    from infoshare.contract import contract

    pages: list[dict[str, Any]] = contract()["pages"]
    if not pages or pages[0]["id"] != "urgency":
        raise _build_error("the helper's first question page must be 'urgency'")
    return pages


def record_schema() -> str:
    """The record's JSON Schema, published beside the helper for anyone to validate against."""
    from infoshare.schema import schema_text

    return schema_text()


# ---- rule links -------------------------------------------------------------------------

_RULE_SRC = re.compile(r"^rules/(\d+)\.md$")


def rule_titles(nav: Any) -> dict[int, str]:
    """Rule number -> its navigation title ("4. Consent and a lawful basis")."""
    found: dict[int, str] = {}

    def walk(item: Any, title: str | None = None) -> None:
        if isinstance(item, list):
            for entry in item:
                walk(entry)
        elif isinstance(item, dict):
            for key, value in item.items():
                walk(value, key)
        elif isinstance(item, str):
            match = _RULE_SRC.match(item)
            if match and title:
                found[int(match.group(1))] = title

    walk(nav)
    return found


def _relative(target: str, page_url: str) -> str:
    """A link from the page at page_url (site-relative) to target (site-relative)."""
    base = page_url if page_url.endswith("/") or not page_url else posixpath.dirname(page_url) + "/"
    rel = posixpath.relpath("/" + target, "/" + base)
    if target.endswith("/") and not rel.endswith("/"):
        rel += "/"
    return rel


def rule_url(number: int, page_url: str, use_directory_urls: bool) -> str:
    target = f"rules/{number}/" if use_directory_urls else f"rules/{number}.html"
    return _relative(target, page_url)


# ---- the HTML ---------------------------------------------------------------------------

TEMPLATE = r"""
{%- macro hint_block(id, text) -%}
{%- if text %}<div id="{{ id }}" class="govuk-hint">{{ text }}</div>{% endif -%}
{%- endmacro -%}
{%- macro rule_links(rules) -%}
{%- if rules %}<p class="infoshare-guidance">Guidance:
{% for n in rules %}<a href="{{ rules_info[n].url }}" target="_blank" rel="noopener">{{ rules_info[n].title }} (opens in new tab)</a>{% if not loop.last %}, {% endif %}{% endfor %}</p>{% endif -%}
{%- endmacro -%}
{%- macro choice_items(field, kind, followups) -%}
<div class="govuk-{{ kind }}"{% if kind == 'radios' and followups %} data-module="conditional"{% endif %}>
{%- for opt in field.options %}
{%- set oid = 'f-' ~ field.name if loop.first else 'f-' ~ field.name ~ '-' ~ loop.index %}
{%- set nested = followups.get(opt.value, []) %}
<div class="govuk-{{ kind }}__item">
<input class="govuk-{{ kind }}__input" id="{{ oid }}" name="{{ field.name }}" type="{{ 'radio' if kind == 'radios' else 'checkbox' }}" value="{{ opt.value }}"
{%- if opt.hint %} aria-describedby="{{ oid }}-item-hint"{% endif %}
{%- if nested %} aria-controls="{{ oid }}-conditional"{% endif %}>
<label class="govuk-label govuk-{{ kind }}__label" for="{{ oid }}">{{ opt.label }}</label>
{%- if opt.hint %}<div id="{{ oid }}-item-hint" class="govuk-hint govuk-{{ kind }}__hint">{{ opt.hint }}</div>{% endif %}
</div>
{%- if nested %}
<div class="govuk-{{ kind }}__conditional" id="{{ oid }}-conditional" data-show-if-field="{{ field.name }}" data-show-if-in="{{ nested_values[nested[0].name] | tojson | forceescape }}" hidden>
{%- for sub in nested %}{{ field_block(sub, None, None, {}) }}{% endfor %}
</div>
{%- endif %}
{%- endfor %}
</div>
{%- endmacro -%}
{%- macro field_block(field, heading, page_hint, followups, pointer=False) -%}
{#- heading: the page's question when this field is the page's only question, else None -#}
{%- set fid = 'f-' ~ field.name %}
{%- set hints = [] %}
{%- if heading and page_hint %}{% set _ = hints.append(fid ~ '-page-hint') %}{% endif %}
{%- if field.hint %}{% set _ = hints.append(fid ~ '-hint') %}{% endif %}
<div class="govuk-form-group" data-field="{{ field.name }}" data-kind="{{ field.kind }}"{% if field.required %} data-required{% endif %}>
{%- if field.kind in ('radios', 'checkboxes') %}
<fieldset class="govuk-fieldset"{% if hints %} aria-describedby="{{ hints | join(' ') }}"{% endif %} data-describedby="{{ hints | join(' ') }}">
{%- if heading %}
<legend class="govuk-fieldset__legend govuk-fieldset__legend--l"><h2 class="govuk-fieldset__heading infoshare-heading" tabindex="-1">{{ heading }}</h2></legend>
{%- else %}
<legend class="govuk-fieldset__legend govuk-fieldset__legend--m">{{ field.label }}</legend>
{%- endif %}
{%- if heading and page_hint %}{{ hint_block(fid ~ '-page-hint', page_hint) }}{% endif %}
{{- hint_block(fid ~ '-hint', field.hint) }}
{%- if pointer %}{{ pointer_block() }}{% endif %}
<p id="{{ fid }}-error" class="govuk-error-message" hidden></p>
{{ choice_items(field, field.kind, followups) }}
</fieldset>
{%- else %}
{%- if heading %}
<h2 class="govuk-label-wrapper infoshare-heading" tabindex="-1"><label class="govuk-label govuk-label--l" for="{{ fid }}">{{ heading }}</label></h2>
{%- else %}
<label class="govuk-label" for="{{ fid }}">{{ field.label }}</label>
{%- endif %}
{%- if heading and page_hint %}{{ hint_block(fid ~ '-page-hint', page_hint) }}{% endif %}
{{- hint_block(fid ~ '-hint', field.hint) }}
<p id="{{ fid }}-error" class="govuk-error-message" hidden></p>
{%- set described = (' aria-describedby="' ~ (hints | join(' ')) ~ '"') if hints else '' %}
{%- if field.kind == 'textarea' %}
<textarea class="govuk-textarea" id="{{ fid }}" name="{{ field.name }}" rows="5" autocomplete="off" spellcheck="true"{{ described | safe }} data-describedby="{{ hints | join(' ') }}"></textarea>
{%- else %}
<input class="govuk-input{% if field.kind in ('date', 'datetime') %} govuk-input--width-date{% endif %}" id="{{ fid }}" name="{{ field.name }}" type="{{ input_types[field.kind] }}" autocomplete="off"{% if field.kind == 'text' %} spellcheck="false"{% endif %}{{ described | safe }} data-describedby="{{ hints | join(' ') }}">
{%- endif %}
{%- endif %}
</div>
{%- endmacro -%}
{%- macro pointer_block() -%}
<div class="infoshare-pointer" data-pointer hidden>
<p class="infoshare-pointer__title">From your answers, the guidance points to: <strong data-pointer-title></strong></p>
<p data-pointer-summary></p>
<details class="infoshare-details"><summary>Why the guidance points to this</summary>
<ul data-pointer-reasons></ul>
<p>The rules this rests on:</p>
<ul data-pointer-rules></ul>
</details>
</div>
{%- endmacro -%}
{%- macro error_summary() -%}
<div class="govuk-error-summary" tabindex="-1" hidden>
<div role="alert">
<h2 class="govuk-error-summary__title">There is a problem</h2>
<div class="govuk-error-summary__body"><ul class="govuk-list govuk-error-summary__list"></ul></div>
</div>
</div>
{%- endmacro -%}
{%- macro back_link(first=False) -%}
{#- The first question has nowhere to go back to: hidden from the start, so nothing moves when the script runs. -#}
<button type="button" class="govuk-back-link" data-action="back"{% if first %} hidden{% endif %}>Back</button>
{%- endmacro -%}
<div class="infoshare" id="infoshare">
<noscript><div class="infoshare-notice infoshare-notice--warning"><p class="infoshare-notice__title">The decision helper needs JavaScript</p><p>Turn on JavaScript for this site to use the helper. Nothing you type is sent anywhere: it runs on your device. The <a href="{{ flow_url }}">questions to ask, in order</a>, are also on a page of their own.</p></div></noscript>
<div class="infoshare-status" id="infoshare-status" role="status">
<p class="infoshare-status__text" id="infoshare-status-text">Loading the helper (1 of 3)…</p>
<progress class="infoshare-status__bar" id="infoshare-progress" aria-labelledby="infoshare-status-text"></progress>
<span class="infoshare-status__amount" id="infoshare-amount" aria-hidden="true"></span>
</div>
<div class="infoshare-notice infoshare-notice--failed" id="infoshare-failed" tabindex="-1" hidden>
<h2 class="infoshare-notice__title" id="infoshare-failed-title">The helper could not start</h2>
<p id="infoshare-failed-reason"></p>
<p id="infoshare-failed-fix"></p>
<p>Your answers are still on this page. Download them now so nothing is lost; you can open the file in the helper later, once it works.</p>
<button type="button" class="md-button md-button--primary" data-action="download-draft">Download your answers (JSON)</button>
</div>
<form class="infoshare-form" id="infoshare-form" novalidate autocomplete="off">
{%- for page in pages %}
{%- set primary = page.fields | selectattr('show_if', 'none') | list %}
{#- The first question is the page's heading when it asks what the page's title asks
    (always so on a one-question page), so the question is not shown twice. -#}
{%- set lead = (primary | length == 1) or (primary[0].label == page.title) %}
<section class="infoshare-page" id="q-{{ page.id }}" data-page="{{ page.id }}" data-view="question"{% if not loop.first %} hidden{% endif %}>
{{ back_link(loop.first) }}
{{ error_summary() }}
{%- if not lead %}
<h2 class="infoshare-heading infoshare-heading--l" tabindex="-1">{{ page.title }}</h2>
{{ hint_block('q-' ~ page.id ~ '-hint', page.hint) }}
{%- endif %}
{%- for field in primary %}
{%- set followups = followups_by_page[page.id].get(field.name, {}) %}
{%- set heads = lead and loop.first %}
{{ field_block(field, field.label if heads else None, page.hint if heads else None, followups, page.id in pointer_pages) }}
{%- for sub in loose_followups[page.id].get(field.name, []) %}
<div class="infoshare-conditional" data-show-if-field="{{ field.name }}" data-show-if-in="{{ sub.show_if['in'] | tojson | forceescape }}" hidden>{{ field_block(sub, None, None, {}) }}</div>
{%- endfor %}
{%- endfor %}
{{ rule_links(page.rules) }}
<div class="govuk-button-group">
<button type="submit" class="md-button md-button--primary" data-action="continue">Continue</button>
</div>
</section>
{%- endfor %}
</form>
<section class="infoshare-page" id="infoshare-open" data-view="open" aria-labelledby="infoshare-open-heading">
{{ error_summary() }}
<h2 class="infoshare-heading infoshare-heading--m" id="infoshare-open-heading" tabindex="-1">Or open a saved record</h2>
<div class="govuk-form-group" data-field="record_file">
<label class="govuk-label" for="f-record_file">Choose a record you downloaded from this helper (a .json file) to read it or amend it</label>
<div id="f-record_file-hint" class="govuk-hint">It is read on this device only.</div>
<p id="f-record_file-error" class="govuk-error-message" hidden></p>
<input class="govuk-file-upload" id="f-record_file" name="record_file" type="file" accept=".json,application/json" aria-describedby="f-record_file-hint" data-describedby="f-record_file-hint">
</div>
<div class="govuk-button-group"><button type="button" class="md-button" data-action="open-record">Open the record</button></div>
</section>
<section class="infoshare-page" id="infoshare-outcome" data-view="outcome" hidden>
{{ back_link() }}
<h2 class="infoshare-heading infoshare-heading--l" tabindex="-1">What the guidance points to</h2>
<div class="infoshare-recommendation" data-code="">
<p class="infoshare-recommendation__title" id="infoshare-outcome-title"></p>
<p id="infoshare-outcome-summary"></p>
<h3>Why</h3>
<ul id="infoshare-outcome-reasons"></ul>
<h3>The rules this rests on</h3>
<ul id="infoshare-outcome-rules"></ul>
</div>
<div class="govuk-inset-text"><p>This is what the guidance points to from your answers. It is not legal advice: you make the decision. If you are unsure, ask your designated safeguarding lead, your information governance lead or Caldicott guardian, or your manager, and record who you asked.</p></div>
<div class="govuk-button-group"><button type="button" class="md-button md-button--primary" data-action="to-check">Continue</button></div>
</section>
<section class="infoshare-page" id="infoshare-check" data-view="check" hidden>
{{ back_link() }}
{{ error_summary() }}
<h2 class="infoshare-heading infoshare-heading--l" tabindex="-1">Check your answers before creating the record</h2>
<p id="infoshare-check-outcome" class="infoshare-check-outcome"></p>
<div id="infoshare-summary"></div>
<div class="infoshare-amend" id="infoshare-amend" hidden>
<h3>Amending a saved record</h3>
<p id="infoshare-amend-about"></p>
<div class="govuk-form-group" data-field="amendment_by" data-kind="text" data-required>
<label class="govuk-label" for="f-amendment_by">Your name and role</label>
<div id="f-amendment_by-hint" class="govuk-hint">The person making this amendment.</div>
<p id="f-amendment_by-error" class="govuk-error-message" hidden></p>
<input class="govuk-input" id="f-amendment_by" name="amendment_by" type="text" autocomplete="off" spellcheck="false" aria-describedby="f-amendment_by-hint" data-describedby="f-amendment_by-hint">
</div>
<div class="govuk-form-group" data-field="amendment_reason" data-kind="textarea" data-required>
<label class="govuk-label" for="f-amendment_reason">Why are you amending this record?</label>
<div id="f-amendment_reason-hint" class="govuk-hint">The record keeps its original creation time and lists every amendment: when, by whom and why.</div>
<p id="f-amendment_reason-error" class="govuk-error-message" hidden></p>
<textarea class="govuk-textarea" id="f-amendment_reason" name="amendment_reason" rows="4" autocomplete="off" aria-describedby="f-amendment_reason-hint" data-describedby="f-amendment_reason-hint"></textarea>
</div>
</div>
<h3>Create the record</h3>
<p>The record is made on this device. Nothing is sent anywhere or kept: download it on the next page.</p>
<div class="govuk-button-group"><button type="button" class="md-button md-button--primary" data-action="seal">Create the record</button></div>
</section>
<section class="infoshare-page" id="infoshare-record" data-view="record" hidden>
<div class="govuk-panel">
<h2 class="govuk-panel__title infoshare-heading" tabindex="-1">Your record is ready to download</h2>
<div class="govuk-panel__body">It is not saved anywhere yet: download it now.</div>
</div>
<h3>Download the record</h3>
<ul class="infoshare-downloads">
<li><button type="button" class="md-button md-button--primary" data-action="download" data-format="html">Download as HTML</button> <span class="govuk-hint">to read, print or attach to a case file</span></li>
<li><button type="button" class="md-button md-button--primary" data-action="download" data-format="json">Download as JSON</button> <span class="govuk-hint">to open and amend it in this helper later</span></li>
<li><button type="button" class="md-button md-button--primary" data-action="download" data-format="md">Download as Markdown</button> <span class="govuk-hint">plain text for other systems</span></li>
</ul>
<p class="infoshare-downloaded" id="infoshare-downloaded" role="status"></p>
<h3>What happens next</h3>
<p>Store the record where your organisation keeps case records. Review the decision by the date you set, and keep to the seven golden rules when you share.</p>
<div class="govuk-button-group"><button type="button" class="md-button" data-action="check-again">Back to your answers</button><button type="button" class="md-button" data-action="new-record">Start a new record</button></div>
</section>
<section class="infoshare-page" id="infoshare-clear" data-view="clear" hidden>
<h2 class="infoshare-heading infoshare-heading--l" tabindex="-1">Clear all answers?</h2>
<div class="govuk-warning-text"><span class="govuk-warning-text__icon" aria-hidden="true">!</span><p class="govuk-warning-text__text"><span class="govuk-visually-hidden">Warning</span> Everything you have typed in the helper will be forgotten. Nothing is kept anywhere else, so download your record first if you need it.</p></div>
<div class="govuk-button-group"><button type="button" class="md-button infoshare-button--warning" data-action="clear-confirm">Yes, clear all answers</button><button type="button" class="md-button" data-action="clear-cancel">No, go back</button></div>
</section>
<div class="infoshare-footer" id="infoshare-footer"><button type="button" class="md-button infoshare-button--secondary" data-action="clear">Clear all answers</button></div>
<template id="infoshare-rule-links">
{%- for n, info in rules_info | dictsort %}<li data-rule="{{ n }}"><a href="{{ info.url }}" target="_blank" rel="noopener">{{ info.title }} (opens in new tab)</a></li>{% endfor -%}
</template>
</div>
"""

_INPUT_TYPES = {"text": "text", "date": "date", "datetime": "datetime-local"}
KINDS = {"radios", "checkboxes", "text", "textarea", "date", "datetime"}


def _check_pages(pages: list[dict[str, Any]]) -> None:
    seen: set[str] = set()
    for page in pages:
        names = {f["name"] for f in page["fields"]}
        for field in page["fields"]:
            if field["kind"] not in KINDS:
                raise _build_error(f"helper page {page['id']!r}: unknown field kind {field['kind']!r}")
            if field["name"] in seen:
                raise _build_error(f"helper field {field['name']!r} appears on two pages")
            seen.add(field["name"])
            cond = field.get("show_if")
            if cond and cond["field"] not in names:
                raise _build_error(f"helper field {field['name']!r} depends on {cond['field']!r}, "
                                   "which is not on the same page")


def render_html(pages: list[dict[str, Any]], *, rules_info: dict[int, dict[str, str]],
                flow_url: str) -> str:
    _check_pages(pages)
    # A follow-up shown for exactly one value of a radio question sits under that
    # option, as GOV.UK's conditional reveal does; any other follow-up sits after
    # the question that controls it.
    followups_by_page: dict[str, dict[str, dict[str, list[dict[str, Any]]]]] = {}
    loose_followups: dict[str, dict[str, list[dict[str, Any]]]] = {}
    nested_values: dict[str, list[str]] = {}
    for page in pages:
        kinds = {f["name"]: f["kind"] for f in page["fields"]}
        nested: dict[str, dict[str, list[dict[str, Any]]]] = {}
        loose: dict[str, list[dict[str, Any]]] = {}
        for field in page["fields"]:
            cond = field.get("show_if")
            if not cond:
                continue
            if kinds[cond["field"]] == "radios" and len(cond["in"]) == 1:
                nested.setdefault(cond["field"], {}).setdefault(cond["in"][0], []).append(field)
                nested_values[field["name"]] = list(cond["in"])
            else:
                loose.setdefault(cond["field"], []).append(field)
        followups_by_page[page["id"]] = nested
        loose_followups[page["id"]] = loose
    for page in pages:
        for n in page.get("rules", []):
            rules_info.setdefault(n, {"title": f"Rule {n}", "url": ""})
    missing = [n for n, info in rules_info.items() if not info["url"]]
    if missing:
        raise _build_error(f"helper pages cite rules with no page: {missing}")
    env = Environment(autoescape=True, undefined=StrictUndefined, keep_trailing_newline=False)
    html = env.from_string(TEMPLATE).render(
        pages=pages, rules_info=rules_info, input_types=_INPUT_TYPES, followups_by_page=followups_by_page,
        loose_followups=loose_followups, nested_values=nested_values, flow_url=flow_url,
        pointer_pages=POINTER_PAGES,
    )
    # One raw HTML block for Markdown: no blank lines, no indented lines.
    return "\n".join(line.strip() for line in html.splitlines() if line.strip())


def assets_version(docs_dir: Path) -> str:
    digest = hashlib.sha256()
    for name in ASSETS:
        path = docs_dir / "helper" / name
        if path.exists():
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def expand(markdown: str, page: Any, config: Any) -> str:
    """Replace the placeholder on the helper page with the generated question pages."""
    if PLACEHOLDER not in markdown:
        if page.file.src_uri == HELPER_PAGE:
            raise _build_error(f"{HELPER_PAGE} must contain the line {PLACEHOLDER}")
        return markdown
    runtime = config.extra.get("helper_runtime")
    if not runtime:
        raise _build_error(
            "the decision helper page needs the Pyodide runtime, but none was built: "
            "build_scripts/runtime/build.py is missing or did not set config.extra['helper_runtime']"
        )
    page_url = page.url
    use_dir = bool(config.get("use_directory_urls", True))
    version = assets_version(Path(config["docs_dir"]))
    # The page template (overrides/helper.html) loads the script with these: where the
    # runtime and the worker are, and which packages to load. Asset URLs carry a content
    # version so a cached copy never outlives a change.
    page.meta["infoshare"] = {
        "version": version,
        "runtime": _relative(runtime if runtime.endswith("/") else runtime + "/", page_url),
        "worker": _relative("helper/worker.mjs", page_url) + f"?v={version}",
        "packages": " ".join(config.extra.get("helper_packages") or PACKAGES),
        "download_bytes": int(config.extra.get("helper_download_bytes") or 0),
    }
    titles = rule_titles(config.get("nav") or [])
    rules_info = {n: {"title": t, "url": rule_url(n, page_url, use_dir)} for n, t in titles.items()}
    flow_target = "when-and-how-to-share/" if use_dir else "when-and-how-to-share.html"
    html = render_html(question_pages(), rules_info=rules_info, flow_url=_relative(flow_target, page_url))
    return markdown.replace(PLACEHOLDER, "\n\n" + html + "\n\n")


def add_files(files: Files, config: MkDocsConfig) -> Files:
    """Publish the record's JSON Schema at helper/record.schema.json."""
    if files.get_file_from_path(SCHEMA_PATH) is None:
        files.append(File.generated(config, SCHEMA_PATH, content=record_schema()))
    return files
