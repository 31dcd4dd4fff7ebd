"""A whole decision in the helper, through nginx with the shipped configuration.

Driven with the browser tests' highest-level steps (open the helper, answer every
question, create the record, download it), so it keeps working when the page changes.
What it checks is about hosting: the journey completes and the downloads arrive; every
request reached this site only; and nginx's log shows, for every file the browser and its
workers asked for, the promised type, encoding, security headers and caching.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from tests.browser import driver
from tests.hosting.conftest import Nginx
from tests.hosting.test_nginx import HELPER_WORKER_POLICY, IMMUTABLE, SAME_EVERYWHERE, TYPES

OUTCOME = "share_risk_of_harm"  # the longest journey: every question page


def _file_for(site: Path, request: str) -> Path:
    path = unquote(urlsplit(request).path)
    target = site / path.lstrip("/")
    return target / "index.html" if path.endswith("/") else target


def _expected_encoding(file: Path, accept: str) -> str:
    accepted = {part.split(";")[0].strip() for part in accept.split(",")}
    if "br" in accepted and file.with_name(file.name + ".br").exists():
        return "br"
    if "gzip" in accepted and file.with_name(file.name + ".gz").exists():
        return "gzip"
    return ""


def test_decision_journey_through_nginx(nginx: Nginx, page: Any) -> None:
    page.context.add_init_script(driver.WATCH_SCRIPT)
    requests: list[str] = []
    errors: list[str] = []
    page.context.on("request", lambda r: requests.append(r.url))
    page.on("console", lambda m: errors.append(f"console: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(f"pageerror: {e}"))
    logged_before = len(nginx.log_entries())

    driver.open_helper(page, nginx.base)
    driver.answer_questions(page, driver.answers_for(OUTCOME), check_focus=False)
    assert driver.current_view(page) == "outcome"
    driver.to_record(page)
    files = driver.download_all(page)

    # The downloads arrived, one of each format, with the record in them.
    assert sorted(name.rsplit(".", 1)[1] for name, _ in files.values()) == ["html", "json", "md", "txt"]
    record = driver.load_json(files["json"][1])
    assert record["recommendation"]["code"] == OUTCOME
    assert all(text.strip() for _, text in files.values())

    # Nothing left this site; no policy violation, console error or uncaught exception.
    origin = urlsplit(nginx.base).netloc
    foreign = [u for u in requests
               if urlsplit(u).scheme not in {"blob", "data", "about"} and urlsplit(u).netloc != origin]
    assert foreign == []
    assert [*errors, *page.evaluate("window.__problems || []")] == []

    # Every response nginx sent the browser during the journey.
    entries = [e for e in nginx.log_entries()[logged_before:] if "Chrome" in e["user_agent"]]
    assert entries, "nginx logged no request from the browser"
    wrong = []
    seen = set()
    for entry in entries:
        request = entry["request"]
        file = _file_for(nginx.site, request)
        seen.add(file.relative_to(nginx.site).as_posix())
        expected = {
            "status": 200,
            "content_type": TYPES[file.suffix],
            "content_encoding": _expected_encoding(file, entry["accept_encoding"]),
            "nosniff": SAME_EVERYWHERE["x-content-type-options"],
            "referrer_policy": SAME_EVERYWHERE["referrer-policy"],
            "coop": SAME_EVERYWHERE["cross-origin-opener-policy"],
            "corp": SAME_EVERYWHERE["cross-origin-resource-policy"],
            "frame_options": SAME_EVERYWHERE["x-frame-options"],
        }
        if "/helper/runtime/" in request:
            expected["cache_control"] = IMMUTABLE
        if file.suffix == ".mjs" and request.startswith("/helper/"):
            expected["csp"] = HELPER_WORKER_POLICY
        for key, value in expected.items():
            if entry[key] != value:
                wrong.append(f"{request}: {key} {entry[key]!r}, expected {value!r}")
        if "frame-ancestors 'none'" not in entry["csp"]:
            wrong.append(f"{request}: no frame-ancestors in {entry['csp']!r}")
    assert not wrong, "\n".join(wrong)

    # The journey used the files that matter, compressed where they have copies.
    runtime = next(s for s in seen if s.endswith("pyodide.asm.wasm"))
    for name in ("helper/index.html", "helper/worker.mjs", runtime):
        assert name in seen, sorted(seen)
    wasm = next(e for e in entries if e["request"].endswith("pyodide.asm.wasm"))
    assert wasm["content_encoding"] in {"br", "gzip"}
    assert wasm["bytes"] < (nginx.site / runtime).stat().st_size / 2
