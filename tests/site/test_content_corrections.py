"""Corrections to what the pages say about the editions of the advice, their sources, and
where the duty-to-share wording lives: each is checked against the Markdown the site is
built from, and against the sources register."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from build_scripts.site import sources

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
PACKAGE = ROOT / "helper" / "src" / "infoshare"
GOV_UK_ADVICE = "https://www.gov.uk/government/publications/safeguarding-practitioners-information-sharing-advice"


def _register() -> dict[str, sources.Source]:
    return sources.load_register(DOCS / "sources.yml", sources.today_utc()).by_id()


def _paragraph(page: str, words: str) -> str:
    """The paragraph (or list item) of a page that holds `words`."""
    text = (DOCS / page).read_text(encoding="utf-8")
    found = [p for p in re.split(r"\n\s*\n|\n(?=- )", text) if words in p]
    assert len(found) == 1, (page, words, len(found))
    return found[0]


@pytest.mark.parametrize("page", ["editions.md", "changes-in-the-law.md"])
def test_the_four_editions_name_the_2006_practitioners_guide_before_them(page: str) -> None:
    paragraph = _paragraph(page, "four editions")
    assert "Information sharing: practitioners' guide" in paragraph
    assert "2006" in paragraph
    # Seen only in reports of it: the page says so, and cites the register's entry.
    assert "partly confirmed" in paragraph
    assert "sources.md#hmg-practitioners-guide-2006" in paragraph


def test_the_2006_guide_is_in_the_register_with_what_was_read() -> None:
    entry = _register()["hmg-practitioners-guide-2006"]
    assert "April 2006" in entry.edition
    assert "not read the 2006 guide itself" in (entry.note or "")


def test_the_principles_cite_the_2018_document_not_the_page_that_now_holds_2024() -> None:
    paragraph = _paragraph("principles.md", "as the 2018 edition of the government advice sets them out")
    first = paragraph.split("*record*", 1)[1].split(").", 1)[0]
    # The citation right after the 2018 principles is the 2018 document itself.
    assert "sources.md#hmg-advice-2018" in first
    assert GOV_UK_ADVICE not in first
    assert "now holds the 2024 edition" in first


def test_keeping_children_safe_in_education_2026_is_said_to_be_not_confirmed() -> None:
    paragraph = _paragraph("changes-in-the-law.md", "Keeping children safe in education")
    said = [s for s in re.split(r"(?<=[.)])\s+", paragraph) if "2026" in s]
    assert said, paragraph
    for sentence in said:
        assert "not confirm" in sentence or "consultation" in sentence, sentence
    assert "not confirmed" in paragraph
    assert _register()["kcsie"].checked.isoformat() == "2026-12-05"


def test_question_5_tells_a_law_that_requires_sharing_from_one_that_allows_it() -> None:
    paragraph = _paragraph("when-and-how-to-share.md", "**Question 5, other reasons")
    assert "a law that requires you to share" in paragraph
    assert "only *allows* you to share" in paragraph
    assert "Schedule 2, paragraph 2" in paragraph
    assert "does not make you" in paragraph
    step = _paragraph("when-and-how-to-share.md", "**Question 5: Can you share without consent?**")
    assert "a legal duty or a request the law backs" not in step
    assert "a law that requires you to share" in step and "leaves the decision to you" in step


def _duty_item() -> str:
    return _paragraph("maintaining.md", "(the duty to share information) is in force")


def _helper_modules_with_duty_wording() -> list[str]:
    """The package's modules that say something about the duty: its Act by name, or the
    commencement setting's words."""
    found = []
    for module in sorted(PACKAGE.glob("*.py")):
        text = module.read_text(encoding="utf-8")
        if "Wellbeing and Schools Act" in text or re.search(r"\b(DUTY_ADDED|duty_to_share_status)\b", text):
            found.append(f"helper/src/infoshare/{module.name}")
    return found


def test_the_maintaining_page_lists_every_module_with_duty_to_share_wording() -> None:
    modules = _helper_modules_with_duty_wording()
    assert {"helper/src/infoshare/commencement.py", "helper/src/infoshare/outcomes.py",
            "helper/src/infoshare/flow.py", "helper/src/infoshare/questions.py"} <= set(modules)
    item = _duty_item()
    missing = [m for m in modules if f"`{m}`" not in item]
    assert missing == [], missing


def test_the_maintaining_page_lists_every_page_that_mentions_the_act() -> None:
    item = _duty_item()
    pages = sorted(str(md.relative_to(DOCS)) for md in DOCS.rglob("*.md")
                   if "Wellbeing and Schools Act" in md.read_text(encoding="utf-8") and md.name != "maintaining.md")
    missing = [p for p in pages if f"]({p}" not in item]
    assert missing == [], missing
    assert "cwsa-2026" in item
