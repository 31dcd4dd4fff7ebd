"""The site a record was made on, the plain-text case note, and the file name's reference."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

import pytest
from infoshare import FIELDS, call, render_all, render_md, render_txt, run_case, seal
from infoshare.display import display_value, row_label
from infoshare.filenames import filename_stem, safe_reference

from .conftest import load_case

NOW = datetime.fromisoformat("2026-11-25T14:03:00+00:00")
SITE = {"name": "Example Safeguarding Children Partnership",
        "url": "https://example.org/information-sharing/"}
ANSWERS = load_case("share_not_confidential")["answers"]


def test_the_site_is_kept_and_shown_in_every_format() -> None:
    record, problems = seal(ANSWERS, NOW, site=SITE)
    assert problems == [] and record is not None and record["site"] == SITE
    files = render_all(record)
    sentence = ("Made with the information sharing helper on Example Safeguarding Children "
                "Partnership (https://example.org/information-sharing/)")
    assert sentence in files["txt"]
    assert json.loads(files["json"])["site"] == SITE
    assert ("Made with the information sharing helper on <bdi>Example Safeguarding Children "
            "Partnership</bdi> (<bdi>https://example.org/information-sharing/</bdi>)"
            ) in files["html"]
    # Escaped, so the address makes no link in a Markdown renderer (the colon as a character
    # reference, which Python-Markdown shows without a backslash).
    assert "(https&#58;//example\\.org/information-sharing/)" in files["md"]


def test_without_a_site_the_record_says_nothing_about_one() -> None:
    record, _ = seal(ANSWERS, NOW)
    assert record is not None and record["site"] is None
    assert all("Made with" not in text for text in render_all(record).values())


@pytest.mark.parametrize(("site", "message"), [
    ("Example", "The site's details must be its name and its address"),
    ({"name": "Example"}, "The site's details must be its name and its address"),
    ({**SITE, "extra": "x"}, "The site's details must be its name and its address"),
    ({**SITE, "name": ""}, "The site's name is missing"),
    ({**SITE, "name": "  "}, "The site's name is missing"),
    ({**SITE, "name": 5}, "The site's name is missing"),
    ({**SITE, "name": "x" * 201}, "The site's name must be 200 characters or fewer"),
    ({**SITE, "name": "Two\nlines"},
     "The site's name must be one line without hidden control characters"),
    ({**SITE, "name": "Bell\x07"},
     "The site's name must be one line without hidden control characters"),
    ({**SITE, "url": "javascript:alert(1)"},
     "The site's address must start with https:// or http://"),
    ({**SITE, "url": "https://"}, "The site's address must start with https:// or http://"),
    ({**SITE, "url": "https://example.org/a b"},
     "The site's address must start with https:// or http://"),
    ({**SITE, "url": "https://example.org/" + "x" * 481},
     "The site's address must be 500 characters or fewer"),
])
def test_a_damaged_site_is_refused(site: Any, message: str) -> None:
    record, problems = seal(ANSWERS, NOW, site=site)
    assert record is None
    assert [(p.field, p.message) for p in problems] == [("site", message)]


def test_site_limits_are_exact() -> None:
    name, url = "x" * 200, "https://example.org/" + "x" * 480
    record, problems = seal(ANSWERS, NOW, site={"name": name, "url": url})
    assert problems == [] and record is not None


def test_the_bridge_seals_with_the_site_and_renders_plain_text() -> None:
    sealed = json.loads(call(json.dumps({"op": "seal", "answers": ANSWERS, "now": NOW.isoformat(),
                                         "site": SITE})))
    assert sealed["ok"] and sealed["record"]["site"] == SITE
    rendered = json.loads(call(json.dumps({"op": "render", "record": sealed["record"]})))
    assert rendered["files"]["txt"].startswith("INFORMATION SHARING DECISION RECORD\n")
    bad = json.loads(call(json.dumps({"op": "seal", "answers": ANSWERS, "now": NOW.isoformat(),
                                      "site": {"name": "x"}})))
    assert bad["ok"] is False and bad["errors"][0]["field"] == "site"


def test_the_plain_text_has_no_markdown_escapes_and_holds_what_was_typed() -> None:
    """The Markdown escapes punctuation (\\(J\\.B\\.\\), though not a time's colon); the case
    note must not."""
    answers = {**ANSWERS, "reasons": "Seen at 10:40 by (J.B.) - see note #3.\nSecond line.",
               "shared_facts": "*Attendance* 81% [term 1]"}
    record, problems = seal(answers, NOW)
    assert problems == [] and record is not None
    txt, md = render_txt(record), render_md(record)
    assert "Seen at 10:40 by \\(J\\.B\\.)" in md
    assert "\\" not in txt
    assert "Reasons for the decision:\n    Seen at 10:40 by (J.B.) - see note #3.\n    Second line.\n" in txt
    assert "Facts shared: *Attendance* 81% [term 1]\n" in txt


def test_the_plain_text_holds_every_answer_and_amendment() -> None:
    outputs = run_case(load_case("amendment_chain"))
    record = json.loads(outputs["json"])
    txt = outputs["txt"]
    for name, value in record["answers"].items():
        shown = display_value(FIELDS[name], value)
        assert f"{row_label(FIELDS[name])}: {shown}" in txt or name in ("decision", "reasons"), name
    for amendment in record["amendments"]:
        assert f"By: {amendment['by']}\n" in txt and f"Why: {amendment['reason']}\n" in txt
        assert amendment["previous_sha256"] in txt
        for change in amendment["changes"]:
            f = FIELDS[change["field"]]
            assert (f"Changed: {row_label(f)}\n  Before: {display_value(f, change['before'])}\n"
                    f"  After: {display_value(f, change['after'])}\n") in txt
    assert record["sha256"] in txt


def test_the_plain_text_shows_invisible_characters_as_markers() -> None:
    record, problems = seal({**ANSWERS, "reasons": "Safe \u202eevil\u202c text"}, NOW)
    assert problems == [] and record is not None
    assert "Safe [U+202E]evil[U+202C] text" in render_txt(record)


@pytest.mark.parametrize(("reference", "safe"), [
    ("A" * 40, "A" * 40),
    ("A" * 41, "A" * 40),
    ("A" * 39 + "-B", "A" * 39),  # cut at 40, then no trailing hyphen
    ("AB/12 " * 10, "AB-12-AB-12-AB-12-AB-12-AB-12-AB-12-AB-1"),
])
def test_the_file_names_case_reference_is_cut_at_40_characters(reference: str,
                                                               safe: str) -> None:
    assert safe_reference(reference) == safe
    record: dict[str, Any] = {"answers": {"case_reference": reference},
                              "created": "2026-11-25T14:03:00+00:00", "amended": None,
                              "amendments": []}
    assert filename_stem(record) == f"information-sharing-decision_{safe}_2026-11-25"
