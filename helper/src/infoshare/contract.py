"""The contract between the helper's page and this package, as one piece of data.

Everything the page must know that Python decides is here, and only here: the
questions (each page with its section; each date with its boxes, and whether
it offers "Use the time now"), the amendment questions, the draft format, the file-name rule, the
size limit for files, the download formats, the messages the page shows on its
own, and the ids of the page's parts. The build writes `contract()` into the
page as JSON (build_scripts/site/helper_page.py) and renders the page's HTML
from it; the page's scripts read it from there. So the page never keeps a copy
of its own, and a test fails when the two disagree.
"""

from __future__ import annotations

from typing import Any

from .amend import AMENDMENT_FIELDS
from .dateparts import DATE_KINDS, Part, example_hint, part_name, parts_of
from .draft import AMENDING_VERSION, DRAFT_FORMAT, DRAFT_VERSION
from .filenames import NAME_RULE
from .formats import FORMATS
from .navigation import ACT_NOW, CHECK, OUTCOME
from .operations import OPERATION_STAGES, OPERATIONS
from .parse import MAX_BYTES, TOO_LARGE
from .questions import PAGES, SECTIONS, Field, Page, offered

__all__ = ["CONTRACT_VERSION", "FIELD_ID_PREFIX", "IDS", "MESSAGES", "OPERATIONS", "OPERATION_STAGES", "TARGETS",
           "TIMEOUTS", "contract", "field_id"]

CONTRACT_VERSION = 1

# Every form control's id is this prefix and the field's name, so an error
# returned for a field finds its control.
FIELD_ID_PREFIX = "f-"

# The page's parts that its scripts look up, by role.
IDS: dict[str, str] = {
    "root": "infoshare",
    "contract": "infoshare-contract",
    "form": "infoshare-form",
    "status": "infoshare-status",
    "status_text": "infoshare-status-text",
    "progress": "infoshare-progress",
    "amount": "infoshare-amount",
    "interrupted": "infoshare-interrupted",
    "interrupted_title": "infoshare-interrupted-title",
    "interrupted_text": "infoshare-interrupted-text",
    "failed": "infoshare-failed",
    "failed_reason": "infoshare-failed-reason",
    "failed_fix": "infoshare-failed-fix",
    "open": "infoshare-open",
    "record_file": FIELD_ID_PREFIX + "record_file",
    "opened": "infoshare-opened",
    "opened_title": "infoshare-opened-title",
    "opened_text": "infoshare-opened-text",
    "opened_problems": "infoshare-opened-problems",
    "act_now": "infoshare-act-now",
    "outcome": "infoshare-outcome",
    "outcome_title": "infoshare-outcome-title",
    "outcome_summary": "infoshare-outcome-summary",
    "outcome_reasons": "infoshare-outcome-reasons",
    "outcome_rules": "infoshare-outcome-rules",
    "outcome_prompts": "infoshare-outcome-prompts",
    "rule_links": "infoshare-rule-links",
    "check": "infoshare-check",
    "seal_button": "infoshare-seal",
    "check_outcome": "infoshare-check-outcome",
    "summary": "infoshare-summary",
    "amend": "infoshare-amend",
    "amend_about": "infoshare-amend-about",
    "amend_changes": "infoshare-amend-changes",
    "record": "infoshare-record",
    "downloaded": "infoshare-downloaded",
    "confirm_clear": "infoshare-clear",
    "footer": "infoshare-footer",
    "saved": "infoshare-saved",
    "offline": "infoshare-offline",
    "spelling": "infoshare-spelling",
}

# What the page says by itself: when it cannot start Python, when Python stops answering,
# and when a file cannot be opened before Python has read it. Python's own messages come
# with its replies. "{detail}" is filled in by the page.
_HOST_FIX = ("Reload the page. If you host this site, check that every file under helper/ was "
             "published, that .mjs files are served as JavaScript and .wasm files as "
             "application/wasm; or try another browser.")
MESSAGES: dict[str, str] = {
    "failed_prefix": "The helper's Python engine could not start: {detail}.",
    "host_fix": _HOST_FIX,
    "file_reason": ("This page was opened from a file on your computer (file://), and browsers do "
                    "not let the helper's Python start from a file."),
    "file_fix": ("Serve the site over http instead: in the site's folder run python3 -m "
                 "http.server, then open http://localhost:8000/helper/ in your browser."),
    "no_wasm_reason": ("This browser does not run WebAssembly, or it has been turned off (some "
                       "organisations turn it off by policy)."),
    "no_wasm_fix": ("Use an up-to-date Chrome, Edge, Firefox or Safari, or ask your IT team "
                    "whether WebAssembly is blocked."),
    "offline_reason": ("The helper's files could not be downloaded: there seems to be no network, "
                       "and this browser has no copy of the helper for use offline yet ({detail})."),
    "offline_fix": ("Connect to the network and reload the page. Once the helper has loaded, the "
                    "page says when it can also open with no network on this device."),
    "offline_ready": ("This browser now keeps a copy of the helper, so it opens and works on this "
                      "device with no network. The copy holds the site's files only, never "
                      "anything you type."),
    "scripts_reason": "The helper's scripts could not be loaded ({detail}).",
    "worker_refused": "The browser refused to start the helper's background script ({detail}).",
    "worker_stopped": "The helper's background script stopped or could not be loaded{detail}.",
    "worker_garbled": "The helper's background script sent a message that could not be read.",
    # Reasons the worker names (docs/helper/worker.mjs) and the page words.
    "worker_reason_wasm_damaged": ("the WebAssembly file pyodide.asm.wasm could not be started (it may "
                                   "be damaged, or served without the type application/wasm)"),
    "worker_reason_lock_damaged": ("the runtime's list of packages, pyodide-lock.json, could not be "
                                   "read (it may be damaged, or the host sent another page in its place)"),
    # {file} is the file's name; {detail} what the browser said, {status} the HTTP status.
    "worker_reason_download_failed": "{file} could not be downloaded ({detail})",
    "worker_reason_download_http": "{file} could not be downloaded (HTTP {status})",
    # The runtime's wheel loader (build_scripts/runtime/runtime_wheels.mjs, its WheelError):
    # {name} is a package's name, {needed_by} the package that needs it, {file} a wheel's file.
    "worker_reason_wheel_not_listed": "the runtime's list of packages, pyodide-lock.json, has no package \"{name}\"",
    "worker_reason_wheel_dependency_not_listed": ("the runtime's list of packages, pyodide-lock.json, has no "
                                                  "package \"{name}\" (needed by {needed_by})"),
    "worker_reason_wheel_bad_name": "{file} in pyodide-lock.json is not a wheel's file name",
    "worker_reason_wheel_not_pure": "{file} is not a pure-Python wheel, so it cannot be imported from its zip",
    "worker_reason_wheel_damaged": ("{file} is damaged or was changed after the build (its SHA-256 does not "
                                    "match pyodide-lock.json)"),
    "worker_reason_wheel_stage": "the helper asked for its packages at a stage it does not have ({stage})",
    # The worker's guard refused an address on another site (docs/helper/guard.mjs).
    "worker_reason_refused": "The helper does not connect to other sites (refused {url})",
    "worker_reason_unknown": "unknown error",
    "timeout_reason": "Python took more than two minutes to start.",
    "timeout_fix": ("Reload the page. If it happens again, try another browser or ask your IT "
                    "team whether large downloads are blocked."),
    "stopped_title": "The helper stopped responding",
    "stopped": ("The helper's Python did not answer within {detail} seconds, so it is being "
                "restarted. Your answers are still on this page."),
    "crashed": ("The helper's Python stopped working, so it is being restarted. Your answers "
                "are still on this page."),
    "restarted": ("The helper has restarted and your answers are still on this page. Press the "
                  "button you pressed again to carry on."),
    "stalled_title": "The helper's download has stopped moving",
    "stalled": ("Nothing more of the helper has arrived for {detail} seconds. It keeps trying. "
                "You can keep answering, or save your answers now if you need to leave."),
    "resumed": "The download is moving again.",
    "copied": "The case note is copied. Paste it into your case notes.",
    "copy_failed": ("Your browser did not let the helper copy the case note. Download it as plain "
                    "text instead, and paste it from that file."),
    "no_changes": "You have not changed any answer yet.",
    "saved": ("Your answers so far are saved as {detail}. It is a draft, not a record: to carry "
              "on later, open it with \"Or open a saved record\" on the helper's first page."),
    "seal": "Create the record",
    "seal_amendment": "Create the record with your amendment",
    "seal_separate": "Create a new, separate record",
    "open_no_file": "Select a saved record to open",
    "open_too_large": TOO_LARGE,
    "open_no_python": "The helper could not start, so it cannot open a saved record",
    "open_unreadable": "The file could not be read: {detail}",
    "unexpected": "Something went wrong in the helper: {detail}",
    # Words of the page's own furniture: before an error, read out (and in the title of a
    # page with errors, as GOV.UK does); a check-page row's link; a page's title, {heading}
    # and {title} (the site's) filled in by the page; a rule the page has no link for.
    "error_prefix": "Error:",
    "change": "Change",
    "page_title": "{heading} - {title}",
    "rule_fallback": "Rule {detail}",
    # Why a call to Python got no answer, each filled into "unexpected" when it shows.
    "call_not_running": "the helper is not running",
    "call_interrupted": "the helper stopped responding",
    "call_stopped": "the helper stopped",
    # The answer to a call that reached a worker whose Python had not started yet.
    "not_ready": "The helper is not ready yet.",
    "file_not_read": "the file could not be read",
    "cleared": "All answers cleared.",
    "downloaded": "Downloaded {detail}.",
    "check_outcome": "From these answers, the guidance points to: {detail}.",
    # One answer an amendment changes; {label}, {before} and {after} are filled in by the page.
    "amend_change": "{label}: was {before}; now {after}",
    # The loading status (docs/helper/app/status.mjs): {step}, {of}, {text}, {received}
    # and {total} are filled in by the page.
    "loading": "Loading the helper…",
    "loading_step": "Loading the helper ({step} of {of}){text}…",
    "loading_step_text": ": {text}",
    # What each of the worker's loading steps is doing ({text} in loading_step).
    "loading_step_1": "downloading Python and the helper",
    "loading_step_2": "starting Python",
    "loading_step_3": "starting the helper",
    "loading_amount": "{received} of {total} MB",
    "loading_waiting": "Your answer will be checked as soon as the helper has loaded.",
    "loading_ready": "The helper is ready.",
}

# What GOV.UK Frontend's character count says under a text box with a limit, in its own
# translation format: "%{count}" is the number, one/other the plural forms.
CHARACTER_COUNT: dict[str, Any] = {
    "charactersUnderLimit": {"one": "You have %{count} character remaining",
                             "other": "You have %{count} characters remaining"},
    "charactersAtLimit": "You have 0 characters remaining",
    "charactersOverLimit": {"one": "You have %{count} character too many",
                            "other": "You have %{count} characters too many"},
}

# The pages Python's `step` and `open` operations name besides a question page's id
# (infoshare.navigation): the page compares with these, never with words of its own.
TARGETS: dict[str, str] = {"act_now": ACT_NOW, "outcome": OUTCOME, "check": CHECK}

# How long the page waits, and how often it tries again. call_ms: for one answer from
# Python before it takes the worker for hung and restarts it. stall_ms: for any news of
# Python's download before it says the download has stopped moving. startup_ms: for
# Python to start at all (the message timeout_reason says "two minutes"). max_restarts:
# restarts of a hung or broken worker before the helper says it cannot run here.
# theme_scripts_ms: the longest the theme's own script waits for the helper to start
# (docs/helper/helper.js says why). The build writes them into the boot script's data-
# attributes, so the page has them before it has parsed the contract.
TIMEOUTS: dict[str, int] = {
    "call_ms": 15_000, "stall_ms": 15_000, "startup_ms": 120_000, "max_restarts": 3, "theme_scripts_ms": 8_000,
}


def field_id(name: str) -> str:
    return FIELD_ID_PREFIX + name


def _part_data(f: Field, part: Part, *, first: bool) -> dict[str, Any]:
    """One box of a date: its answer's name, and its id (the first box's is the field's
    own, so an error for the field, and the error summary's link, land on it)."""
    return {
        "part": part.key,
        "name": part_name(f.name, part.key),
        "id": field_id(f.name) if first else field_id(part_name(f.name, part.key)),
        "label": part.label,
        "width": part.width,
    }


def _field_data(f: Field) -> dict[str, Any]:
    data: dict[str, Any] = {
        "name": f.name,
        "id": field_id(f.name),
        "kind": f.kind,
        "label": f.label,
        "hint": example_hint(f),
        "required": f.required,
        "max_length": f.max_length if f.kind in ("text", "textarea") else None,
        "options": [{"value": o.value, "label": o.label, "hint": o.hint} for o in offered(f)],
        "show_if": (
            {"field": f.show_if.field, "in": list(f.show_if.values)} if f.show_if else None
        ),
    }
    if f.kind in DATE_KINDS:
        # A date is typed in boxes, each sent as its own answer (infoshare.dateparts).
        data["parts"] = [_part_data(f, part, first=i == 0) for i, part in enumerate(parts_of(f))]
        data["now_button"] = f.now_button
    return data


def _page_data(p: Page) -> dict[str, Any]:
    return {
        "id": p.id,
        "title": p.title,
        "section": p.section,
        "hint": p.hint,
        "rules": list(p.rules),
        "fields": [_field_data(f) for f in p.fields],
    }


def contract() -> dict[str, Any]:
    """The whole contract, as plain JSON-ready data."""
    return {
        "version": CONTRACT_VERSION,
        "sections": list(SECTIONS),
        "pages": [_page_data(p) for p in PAGES],
        "amendment_fields": [_field_data(f) for f in AMENDMENT_FIELDS],
        # A draft of answers alone, and one that carries the record it amends (infoshare.draft).
        "draft": {"format": DRAFT_FORMAT, "version": DRAFT_VERSION,
                  "amending_version": AMENDING_VERSION},
        "file_name": dict(NAME_RULE),
        "max_file_bytes": MAX_BYTES,
        "formats": [
            {"key": f.key, "extension": f.extension, "mime": f.mime, "label": f.label,
             "purpose": f.purpose}
            for f in FORMATS
        ],
        "field_id_prefix": FIELD_ID_PREFIX,
        "ids": dict(IDS),
        "messages": dict(MESSAGES),
        "character_count": dict(CHARACTER_COUNT),
        # The bridge's operations by role (infoshare.operations): the page sends these names.
        "operations": dict(OPERATIONS),
        "operation_stages": dict(OPERATION_STAGES),
        "targets": dict(TARGETS),
        "timeouts": dict(TIMEOUTS),
    }
