"""The sources register and the page checks, as functions: table-driven, with hostile input.

The same functions run in every build (build_scripts/site/sources.py); test_sources_build.py
proves them inside MkDocs, and this file proves the rules one by one."""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

from build_scripts.site import sources
from tests.conftest import ROOT

TODAY = date(2026, 11, 30)

REGISTER = """
legal_sites: [www.legislation.gov.uk, www.gov.uk]
pages_about_this_site:
  privacy.md: About the website.
sources:
  - id: dpa-2018
    group: Legislation
    title: Data Protection Act 2018
    publisher: legislation.gov.uk
    edition: Revised
    url: https://www.legislation.gov.uk/ukpga/2018/12/contents
    covers: [https://www.legislation.gov.uk/ukpga/2018/12]
    checked: 2026-11-30
  - id: dpa-2018-schedule-1
    group: Legislation
    title: Data Protection Act 2018, Schedule 1
    publisher: legislation.gov.uk
    edition: Revised
    url: https://www.legislation.gov.uk/ukpga/2018/12/schedule/1
    checked: 2026-05-01
  - id: advice
    group: Advice
    title: Information sharing advice
    publisher: HM Government
    edition: 2024
    url: https://www.gov.uk/government/publications/safeguarding-practitioners-information-sharing-advice
    checked: 2026-11-30
  - id: board-copy
    group: Advice
    title: The board's page
    publisher: A board
    edition: 2015
    checked: 2026-11-30
    note: No address recorded.
"""

REG = sources.parse_register(REGISTER, TODAY)
LAW = "https://www.legislation.gov.uk/ukpga/2018/12/section/10"
ADVICE = "https://www.gov.uk/government/publications/safeguarding-practitioners-information-sharing-advice"


# ---- which source a link cites -----------------------------------------------------------

@pytest.mark.parametrize(("href", "expected"), [
    ("https://www.legislation.gov.uk/ukpga/2018/12/contents", "dpa-2018"),
    ("https://www.legislation.gov.uk/ukpga/2018/12", "dpa-2018"),
    ("https://www.legislation.gov.uk/ukpga/2018/12/", "dpa-2018"),
    ("http://www.legislation.gov.uk/ukpga/2018/12/section/10", "dpa-2018"),  # http counts as the same address
    ("https://WWW.Legislation.gov.uk/ukpga/2018/12/section/10#section-10", "dpa-2018"),
    ("https://www.legislation.gov.uk/ukpga/2018/12/section/10?view=plain", "dpa-2018"),
    # The longer covered address wins.
    ("https://www.legislation.gov.uk/ukpga/2018/12/schedule/1", "dpa-2018-schedule-1"),
    ("https://www.legislation.gov.uk/ukpga/2018/12/schedule/1/paragraph/18", "dpa-2018-schedule-1"),
    # A path that only starts with the same characters is another address.
    ("https://www.legislation.gov.uk/ukpga/2018/120", None),
    ("https://www.legislation.gov.uk/ukpga/2018/12schedule", None),
    ("https://www.legislation.gov.uk.evil.example/ukpga/2018/12", None),
    ("https://evil.example/https://www.legislation.gov.uk/ukpga/2018/12", None),
    (ADVICE + "/", "advice"),
    ("https://www.gov.uk/government/publications/safeguarding-practitioners-information-sharing-advice-2", None),
    ("", None),
    ("not a url", None),
])
def test_source_for(href: str, expected: str | None) -> None:
    found = REG.source_for(href)
    assert (found.id if found else None) == expected


# ---- checking a page ---------------------------------------------------------------------

CASES: list[tuple[str, str, dict[str, Any], list[str], list[str], bool]] = [
    # (case, page, front matter, links, problems expected (substrings), states law)
    ("no links, no date", "a.md", {}, [], [], False),
    ("non-legal link, no date", "a.md", {}, ["https://www.w3.org/TR/WCAG22/"], [], False),
    ("registered source, dated", "a.md", {"law_checked": date(2026, 11, 30)}, [LAW], [], True),
    ("date as text", "a.md", {"law_checked": "2026-11-30"}, [LAW], [], True),
    ("date as datetime", "a.md", {"law_checked": datetime(2026, 11, 30, 9, 0)}, [LAW], [], True),  # noqa: DTZ001
    ("registered source, no date", "a.md", {}, [LAW], ["states law (it links to " + LAW, "law_checked"], True),
    ("unregistered address on a legal site, no date", "a.md", {},
     ["https://www.legislation.gov.uk/ukpga/1989/41"], ["no 'law_checked", "not in the sources register"], True),
    ("unregistered address on a legal site, dated", "a.md", {"law_checked": "2026-11-30"},
     ["https://www.legislation.gov.uk/ukpga/1989/41"],
     ["cites https://www.legislation.gov.uk/ukpga/1989/41, which is not in the sources register"], True),
    ("any other website from a page with a date", "a.md", {"law_checked": "2026-11-30"},
     [LAW, "https://example.org/blog"], ["cites https://example.org/blog"], True),
    ("empty date", "a.md", {"law_checked": None}, [LAW], ["None is not a date"], True),
    ("date written the British way", "a.md", {"law_checked": "30/11/2026"}, [LAW], ["'30/11/2026' is not a date"], True),
    ("impossible date", "a.md", {"law_checked": "2026-02-30"}, [LAW], ["'2026-02-30' is not a real date"], True),
    ("a list for a date", "a.md", {"law_checked": ["2026-11-30"]}, [LAW], ["is not a date"], True),
    ("a number for a date", "a.md", {"law_checked": 20261130}, [LAW], ["is not a date"], True),
    ("date in the future", "a.md", {"law_checked": "2026-12-02"}, [LAW], ["has not happened yet"], True),
    # Just after midnight in an English summer, England's date is a day ahead of UTC's.
    ("tomorrow, by UTC", "a.md", {"law_checked": "2026-12-01"}, [LAW], [], True),
    ("date key on a page with no legal links", "a.md", {"law_checked": "2026-11-30"}, [], [], True),
    ("page about the site, legal link, no date", "privacy.md", {}, [LAW, "https://example.org"], [], False),
    ("page about the site that opts in with a date", "privacy.md", {"law_checked": "2026-11-30"},
     ["https://example.org"], ["cites https://example.org"], True),
    ("the same name in a folder is not the listed page", "sub/privacy.md", {}, [LAW], ["law_checked"], True),
]


@pytest.mark.parametrize(("case", "page", "meta", "links", "expected", "states_law"), CASES,
                         ids=[c[0] for c in CASES])
def test_check_page(case: str, page: str, meta: dict[str, Any], links: list[str], expected: list[str],
                    states_law: bool) -> None:
    result = sources.check_page(page, meta, links, REG, TODAY)
    assert result.states_law is states_law, case
    text = "\n".join(result.problems)
    if not expected:
        assert result.problems == (), case
    for part in expected:
        assert part in text, (case, text)


def test_check_page_lists_the_sources_a_page_cites_once_each() -> None:
    result = sources.check_page("a.md", {"law_checked": "2026-11-30"},
                                [LAW, LAW + "#x", ADVICE, "https://www.legislation.gov.uk/ukpga/2018/12/schedule/1"],
                                REG, TODAY)
    assert result.cited == ("dpa-2018", "advice", "dpa-2018-schedule-1")


@pytest.mark.parametrize(("checked", "due"), [
    (date(2026, 5, 30), False),   # exactly six months before 30 November: not yet due
    (date(2026, 5, 29), True),
    (date(2026, 11, 30), False),
    (date(2020, 1, 31), True),
])
def test_due_after_six_months(checked: date, due: bool) -> None:
    result = sources.check_page("a.md", {"law_checked": checked}, [LAW], REG, TODAY)
    assert result.due is due
    assert result.problems == ()


@pytest.mark.parametrize(("start", "months", "expected"), [
    (date(2026, 5, 30), 6, date(2026, 11, 30)),
    (date(2026, 8, 31), 6, date(2027, 2, 28)),   # no 31 February
    (date(2027, 8, 31), 6, date(2028, 2, 29)),   # a leap year
    (date(2026, 12, 15), 1, date(2027, 1, 15)),
    (date(2026, 1, 31), 0, date(2026, 1, 31)),
])
def test_months_after(start: date, months: int, expected: date) -> None:
    assert sources.months_after(start, months) == expected


def test_due_sources() -> None:
    assert [s.id for s in sources.due_sources(REG, TODAY)] == ["dpa-2018-schedule-1"]
    assert [s.id for s in sources.due_sources(REG, date(2026, 6, 30))] == []


# ---- the date a build checks against -------------------------------------------------------

@pytest.mark.parametrize(("environ", "expected"), [
    ({}, None),                                        # the clock
    ({"LAW_CHECK_TODAY": ""}, None),                   # set but empty: the clock
    ({"LAW_CHECK_TODAY": "  "}, None),
    ({"LAW_CHECK_TODAY": "2027-05-31"}, date(2027, 5, 31)),
    ({"LAW_CHECK_TODAY": " 2031-01-01 "}, date(2031, 1, 1)),
    ({"OTHER": "2027-05-31"}, None),
])
def test_build_today(environ: dict[str, str], expected: date | None) -> None:
    assert sources.build_today(environ) == (expected or sources.today_utc())


@pytest.mark.parametrize(("value", "message"), [
    ("31/05/2027", "LAW_CHECK_TODAY: '31/05/2027' is not a date in the form YYYY-MM-DD"),
    ("2027-02-30", "LAW_CHECK_TODAY: '2027-02-30' is not a real date"),
    ("today", "LAW_CHECK_TODAY: 'today' is not a date"),
])
def test_build_today_refuses_what_is_not_a_date(value: str, message: str) -> None:
    with pytest.raises(sources.RegisterError, match=re.escape(message)):
        sources.build_today({"LAW_CHECK_TODAY": value})


# ---- the register ------------------------------------------------------------------------

GOOD_ENTRY = """
  - id: good
    group: G
    title: T
    publisher: P
    edition: E
    url: https://www.legislation.gov.uk/ukpga/2018/12
    checked: 2026-11-30
"""


@pytest.mark.parametrize(("text", "message"), [
    ("", "must start with 'sources:'"),
    ("- a\n- b\n", "must start with 'sources:'"),
    ("sources: [", "not valid YAML"),
    ("sources:\n  - id: x\n    checked: 2026-02-30\n", "not valid YAML"),
    ("sources: {}\n", "'sources' must be a list"),
    ("sources: []\n", "'sources' must be a list"),
    ("sources:\n  - just text\n", "each source must be a set of 'key: value' lines"),
    ("extra: 1\nsources:" + GOOD_ENTRY, "unknown section(s) extra"),
    ("sources:" + GOOD_ENTRY + GOOD_ENTRY, "the id 'good' is used by 2 sources"),
    ("sources:" + GOOD_ENTRY.replace("checked:", "chekced:"), "unknown field(s) chekced"),
    ("sources:" + GOOD_ENTRY.replace("    title: T\n", ""), "missing title"),
    ("sources:" + GOOD_ENTRY.replace("title: T", "title: ''"), "'title' must be some text"),
    ("sources:" + GOOD_ENTRY.replace("title: T", "title: [a]"), "'title' must be some text"),
    ("sources:" + GOOD_ENTRY.replace("id: good", "id: Good Source"), "must be lower-case letters"),
    ("sources:" + GOOD_ENTRY.replace("https://", "http://"), "is not an address starting https://"),
    ("sources:" + GOOD_ENTRY.replace("url: https://www.legislation.gov.uk/ukpga/2018/12", "url: https:// x"),
     "is not an address starting https://"),
    ("sources:" + GOOD_ENTRY.replace("url: https://www.legislation.gov.uk/ukpga/2018/12", "url: https://localhost/x"),
     "no valid website name"),
    ("sources:" + GOOD_ENTRY.replace("    url: https://www.legislation.gov.uk/ukpga/2018/12\n", ""),
     "a source with no address needs a 'note'"),
    ("sources:" + GOOD_ENTRY.replace("checked: 2026-11-30", "checked: 30 November 2026"), "is not a date"),
    ("sources:" + GOOD_ENTRY.replace("checked: 2026-11-30", "checked: 2027-01-01"), "has not happened yet"),
    ("sources:" + GOOD_ENTRY + "    covers: https://www.gov.uk/x\n" + GOOD_ENTRY.replace("id: good", "id: other"),
     "both cover"),
    ("sources:" + GOOD_ENTRY + "    covers: {a: b}\n", "'covers' must be a list"),
    ("legal_sites: www.gov.uk\nsources:" + GOOD_ENTRY, "'legal_sites' must be a list"),
    ("legal_sites: [https://www.gov.uk/]\nsources:" + GOOD_ENTRY, "is not a website name"),
    ("pages_about_this_site: [privacy.md]\nsources:" + GOOD_ENTRY, "must be 'page.md: reason' lines"),
    ("pages_about_this_site:\n  privacy: x\nsources:" + GOOD_ENTRY, "is not a page such as privacy.md"),
    ("pages_about_this_site:\n  privacy.md:\nsources:" + GOOD_ENTRY, "privacy.md needs a reason"),
    ("sources:" + GOOD_ENTRY + "    note: [1]\n", "'note' must be some text"),
])
def test_register_problems(text: str, message: str) -> None:
    with pytest.raises(sources.RegisterError) as raised:
        sources.parse_register(text, TODAY)
    assert message in str(raised.value)


def test_register_reports_every_problem_at_once() -> None:
    text = "sources:" + GOOD_ENTRY.replace("title: T", "title: ''") + GOOD_ENTRY.replace(
        "id: good", "id: second").replace("checked: 2026-11-30", "checked: soon")
    message = str(pytest.raises(sources.RegisterError, sources.parse_register, text, TODAY).value)
    assert "source 'good': 'title' must be some text" in message
    assert "source 'second': checked: 'soon' is not a date" in message


def test_register_reads_what_an_editor_writes() -> None:
    entry = sources.parse_register("sources:" + GOOD_ENTRY, TODAY).sources[0]
    assert entry.covers == ("https://www.legislation.gov.uk/ukpga/2018/12",)  # the address itself, by default
    assert entry.checked == date(2026, 11, 30)
    folded = sources.parse_register(
        "sources:" + GOOD_ENTRY.replace("title: T", "title: >-\n      A long\n      title"), TODAY).sources[0]
    assert folded.title == "A long title"


def test_load_register_names_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(sources.RegisterError, match="cannot read the register"):
        sources.load_register(tmp_path / "missing.yml", TODAY)


def test_the_sites_own_register_is_valid_and_complete() -> None:
    # Valid on the day the tests run, as the build checks it (the fixed TODAY of the other
    # tests would call every later re-check a date that has not happened yet).
    register = sources.load_register(ROOT / "docs" / "sources.yml", sources.today_utc())
    assert len(register.sources) >= 20
    for source in register.sources:
        assert source.url or source.note, source.id
    ids = {s.id for s in register.sources}
    for expected in ("hmg-advice", "uk-gdpr", "dpa-2018", "duaa-commencement-6", "cwsa-2026",
                     "ico-data-sharing-code", "girfec-practice-guidance-4", "kcsie", "gmc-protecting-children"):
        assert expected in ids


# ---- what pages show ---------------------------------------------------------------------

@pytest.mark.parametrize(("markdown", "page", "expected_start"), [
    ("# Title\n\nText", "rules/4.md",
     '# Title\n\nLaw checked on <time datetime="2026-11-30">30 November 2026</time>. '
     "[Sources, and when we checked them](../sources.md)\n{: .law-checked }\n"),
    ("Intro\n\n# Title\n", "index.md", "Intro\n\n# Title\n\nLaw checked on"),
    ("No heading", "a.md", 'Law checked on <time datetime="2026-11-30">'),
    ("#Not a heading\n# Real", "a/b/c.md", "#Not a heading\n# Real\n\nLaw checked on"),
])
def test_checked_line(markdown: str, page: str, expected_start: str) -> None:
    out = sources.checked_line(markdown, {"law_checked": date(2026, 11, 30)}, page, "sources.md")
    assert out.startswith(expected_start), out
    assert out.count("Law checked on") == 1


# (text, front matter, the text once filled in, or None when the page must be refused)
FILL_CASES: list[tuple[str, dict[str, Any], str | None]] = [
    ("Checked on {{ law_checked }}.", {"law_checked": date(2026, 11, 30)}, "Checked on 30 November 2026."),
    ("{{law_checked}} and {{  law_checked  }}", {"law_checked": "2027-05-01"}, "1 May 2027 and 1 May 2027"),
    ("No placeholder, no date.", {}, "No placeholder, no date."),
    ("No placeholder.", {"law_checked": "soon"}, "No placeholder."),
    # Written about, in code, it stays as it is (maintaining.md explains it this way).
    ("Type `{{ law_checked }}` here: {{ law_checked }}", {"law_checked": "2026-11-30"},
     "Type `{{ law_checked }}` here: 30 November 2026"),
    ("```\n{{ law_checked }}\n```\n{{ law_checked }}", {"law_checked": "2026-11-30"},
     "```\n{{ law_checked }}\n```\n30 November 2026"),
    ("    !!! note\n        Checked on {{ law_checked }}.", {"law_checked": "2026-11-30"},
     "    !!! note\n        Checked on 30 November 2026."),
    # Other names are not this placeholder.
    ("{{ law_checked_on }} {{ checked }}", {"law_checked": "2026-11-30"}, "{{ law_checked_on }} {{ checked }}"),
    ("Checked on {{ law_checked }}.", {}, None),
    ("Checked on {{ law_checked }}.", {"law_checked": "30/11/2026"}, None),
    ("Checked on {{ law_checked }}.", {"law_checked": None}, None),
]


@pytest.mark.parametrize(("text", "meta", "expected"), FILL_CASES, ids=[str(i) for i in range(len(FILL_CASES))])
def test_fill_checked_date(text: str, meta: dict[str, Any], expected: str | None) -> None:
    filled, problem = sources.fill_checked_date(text, meta)
    if expected is None:
        assert filled == text
        assert problem is not None
        assert "{{ law_checked }}" in problem
        assert "law_checked: YYYY-MM-DD" in problem
    else:
        assert filled == expected
        assert problem is None


def test_checked_line_links_back_to_the_register_from_a_nested_page() -> None:
    out = sources.checked_line("# T", {"law_checked": "2026-11-30"}, "a/b/c.md", "sources.md")
    assert "(../../sources.md)" in out


@pytest.mark.parametrize("meta", [{}, {"law_checked": "soon"}, {"law_checked": None}])
def test_no_checked_line_without_a_valid_date(meta: dict[str, Any]) -> None:
    assert sources.checked_line("# T\n", meta, "a.md", "sources.md") == "# T\n"


def test_the_register_page_does_not_link_to_itself() -> None:
    out = sources.checked_line("# T", {"law_checked": "2026-11-30"}, "sources.md", "sources.md")
    assert "](" not in out


def test_register_markdown() -> None:
    text = sources.register_markdown(REG, TODAY)
    assert text.index("## Legislation") < text.index("## Advice")
    assert "### Data Protection Act 2018 {#dpa-2018}" in text
    assert "- Address: [https://www.legislation.gov.uk/ukpga/2018/12/contents]" in text
    assert "- Last checked: 1 May 2026 (due to be checked again)" in text
    assert "- Last checked: 30 November 2026\n" in text
    assert "- Address: none recorded" in text


def test_register_markdown_escapes_what_an_editor_types() -> None:
    entry = GOOD_ENTRY.replace("title: T", "title: 'A | B <script>'")
    text = sources.register_markdown(sources.parse_register("sources:" + entry, TODAY), TODAY)
    assert "A \\| B &lt;script>" in text
    assert "<script>" not in text


@pytest.mark.parametrize(("html", "expected"), [
    ('<p><a href="https://a.example/x">a</a> <a href="../b/">b</a> <a href="#c">c</a></p>', ["https://a.example/x"]),
    ('<a href="//cdn.example/x">x</a><a href="mailto:x@example.org">m</a>', ["//cdn.example/x"]),
    ('<a href="https://a.example/">1</a><a href="https://a.example/">2</a>', ["https://a.example/"]),
    ('<a>no href</a><img src="https://img.example/x.png" alt="">', []),
    ('<a href="HTTPS://A.example/">upper</a>', ["HTTPS://A.example/"]),
])
def test_external_links(html: str, expected: list[str]) -> None:
    assert sources.external_links(html) == expected
