"""The register's checks in the build itself: a fixture site (tests/data/law-check) staged by the
build's own command (tests/building.py) with its pages in place of the site's. The law check,
the checked dates and the register are stage's work (build_scripts/site/stage_pages.py), so the
build stops after stage and the tests read the staged pages, which are what any builder renders.

A page that states law with no checked date, or that cites a source not in the register, fails
the strict build; a page or source checked more than six months ago builds, with a warning that
names what to re-check.

Every build here is made on a fixed date (LAW_CHECK_TODAY, which the register's hook reads in place
of the clock), so what these tests expect does not change as the real date moves on."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.building import ROOT, build_site

# Every test here builds a site, or reads one built by this module's fixtures.
pytestmark = pytest.mark.build

FIXTURE = ROOT / "tests" / "data" / "law-check"
# The fixture's pages and sources were checked on 30 November 2026: a day later, nothing is due.
TODAY = "2026-12-01"


def build(tmp_path: Path, pages: list[str], *, strict: bool = True, register: str | None = None,
          today: str | None = TODAY) -> subprocess.CompletedProcess[str]:
    docs = tmp_path / "docs"
    docs.mkdir()
    for name in pages:
        shutil.copy(FIXTURE / "docs" / name, docs / name)
    (docs / "sources.yml").write_text(
        register if register is not None else (FIXTURE / "docs" / "sources.yml").read_text(encoding="utf-8"),
        encoding="utf-8")
    return build_site(tmp_path / "stage", docs=docs, stop_after="stage", strict=strict, today=today)


def staged(tmp_path: Path, page: str) -> str:
    return (tmp_path / "stage" / "docs" / page).read_text(encoding="utf-8")


def test_clean_page_builds_and_shows_its_date(tmp_path: Path) -> None:
    result = build(tmp_path, ["clean.md"])
    assert result.returncode == 0, result.stderr
    text = staged(tmp_path, "clean.md")
    assert 'Law checked on <time datetime="2026-11-30">30 November 2026</time>' in text
    assert text.startswith("---\nlaw_checked: 2026-11-30\n---\n# Clean\n\nLaw checked on")
    assert "WARNING" not in result.stderr


# (build date, whether clean.md and its source, both checked on 30 November 2026, are due).
# Six calendar months after 30 November 2026 is 30 May 2027: due from the day after.
BUILD_DATES = [
    ("2026-11-30", False),
    ("2027-05-30", False),
    ("2027-05-31", True),
    ("2031-01-01", True),
]


@pytest.mark.parametrize(("today", "due"), BUILD_DATES, ids=[d for d, _ in BUILD_DATES])
def test_recheck_warning_follows_the_build_date(tmp_path: Path, today: str, due: bool) -> None:
    result = build(tmp_path, ["clean.md"], today=today)
    assert result.returncode == 0, result.stderr
    page_notice = "WARNING -  clean.md: the law on this page was last checked on 30 November 2026"
    source_notice = "source 'dpa-2018' (Data Protection Act 2018) was last checked on 30 November 2026"
    assert (page_notice in result.stderr) is due, result.stderr
    assert (source_notice in result.stderr) is due, result.stderr
    assert ("WARNING" in result.stderr) is due, result.stderr


@pytest.mark.parametrize("today", ["31/05/2027", "2027-02-30", "tomorrow"])
def test_a_build_date_that_is_not_a_date_stops_the_build(tmp_path: Path, today: str) -> None:
    result = build(tmp_path, ["clean.md"], strict=False, today=today)
    assert result.returncode != 0
    assert "LAW_CHECK_TODAY" in result.stderr
    assert repr(today) in result.stderr


def test_the_page_text_gets_its_checked_date_from_the_front_matter(tmp_path: Path) -> None:
    result = build(tmp_path, ["filled-date.md"])
    assert result.returncode == 0, result.stderr
    text = staged(tmp_path, "filled-date.md")
    assert "not confirmed as in force when we checked on 15 October 2026." in text
    assert "law_checked }}" not in text
    assert 'Law checked on <time datetime="2026-10-15">15 October 2026</time>' in text


def test_the_date_placeholder_on_a_page_without_a_date_fails_the_strict_build(tmp_path: Path) -> None:
    result = build(tmp_path, ["token-no-date.md"])
    assert result.returncode != 0
    assert "token-no-date.md: uses {{ law_checked }} in its text" in result.stderr


def test_page_that_states_law_with_no_date_fails_the_strict_build(tmp_path: Path) -> None:
    result = build(tmp_path, ["clean.md", "no-date.md"])
    assert result.returncode != 0
    assert "no-date.md: states law (it links to https://www.legislation.gov.uk/ukpga/2018/12/contents)" in result.stderr
    assert "law_checked" in result.stderr
    assert "1 problem(s) stop this build" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "stage" / "mkdocs.yml").exists()


def test_missing_date_is_a_warning_when_not_strict(tmp_path: Path) -> None:
    """Outside strict mode (make serve) the same problem is shown, not fatal."""
    result = build(tmp_path, ["no-date.md"], strict=False)
    assert result.returncode == 0
    assert "WARNING" in result.stderr
    assert "no-date.md: states law" in result.stderr


def test_page_citing_an_unknown_source_fails_the_strict_build(tmp_path: Path) -> None:
    result = build(tmp_path, ["unknown-source.md"])
    assert result.returncode != 0
    assert ("unknown-source.md: cites https://www.legislation.gov.uk/ukpga/1989/41/section/47, "
            "which is not in the sources register") in result.stderr


def test_stale_page_builds_with_a_warning_naming_it(tmp_path: Path) -> None:
    result = build(tmp_path, ["stale.md"])
    assert result.returncode == 0, result.stderr
    assert ("WARNING -  stale.md: the law on this page was last checked on 31 January 2020, "
            "more than 6 months ago") in result.stderr
    assert "Law checked on" in staged(tmp_path, "stale.md")


def test_stale_source_builds_with_a_warning_naming_the_pages_that_cite_it(tmp_path: Path) -> None:
    register = (FIXTURE / "docs" / "sources.yml").read_text(encoding="utf-8").replace(
        "checked: 2026-11-30", "checked: 2021-03-31")
    result = build(tmp_path, ["clean.md", "stale.md"], register=register)
    assert result.returncode == 0, result.stderr
    assert "source 'dpa-2018' (Data Protection Act 2018) was last checked on 31 March 2021" in result.stderr
    assert "Cited on: clean.md, stale.md." in result.stderr


def test_page_about_the_site_may_cite_a_legal_site_without_a_date(tmp_path: Path) -> None:
    result = build(tmp_path, ["about-site.md"])
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr


@pytest.mark.parametrize(("register", "message"), [
    ("sources: [", "is not valid YAML"),
    ("sources: []\n", "'sources' must be a list with at least one source"),
    ("sources:\n  - id: x\n", "missing group, title, publisher, edition, checked"),
    ("sourcse:\n  - id: x\n", "unknown section(s) sourcse"),
])
def test_broken_register_stops_the_build_whatever_the_mode(tmp_path: Path, register: str, message: str) -> None:
    result = build(tmp_path, ["clean.md"], strict=False, register=register)
    assert result.returncode != 0
    assert "The sources register sources.yml has problems" in result.stderr
    assert message in result.stderr
