"""Every sentence of the 2015 guidance appears in the built site, word for word.

Only the web-page furniture of the seed may differ: its "can be accessed by
clicking here" sentence becomes a descriptive link to the current advice, and
its "related pages" line becomes the site's own navigation.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.site.helpers import collapse, collect, page_text

SEED = Path(__file__).resolve().parent.parent / "data" / "seed-2015.txt"
CURRENT_ADVICE = "https://www.gov.uk/government/publications/safeguarding-practitioners-information-sharing-advice"

# Furniture: lines of the source web page that are about that page, not guidance.
FURNITURE = {
    "The current government guidance on information sharing can be accessed by clicking here.",
    "Information sharing - related pages",
}


def seed_sentences() -> list[str]:
    sentences: list[str] = []
    for line in SEED.read_text(encoding="utf-8").splitlines():
        line = collapse(line.replace("\u2022", " "))
        if not line:
            continue
        for sentence in re.split(r"(?<=[.!?])\s+(?=[A-Z])", line):
            if sentence not in FURNITURE:
                sentences.append(sentence)
    return sentences


SENTENCES = seed_sentences()


@pytest.fixture(scope="module")
def site_text(built_site: Path) -> str:
    return " \n ".join(page_text(p) for p in sorted(built_site.rglob("*.html")))


def test_seed_is_split_into_sentences() -> None:
    # A guard on the splitter itself: the seed has seven rules and their sentences.
    assert len(SENTENCES) >= 20
    assert any(s.startswith("Keep a record of your decision") for s in SENTENCES)


@pytest.mark.parametrize("sentence", SENTENCES, ids=[s[:50] for s in SENTENCES])
def test_sentence_is_published(site_text: str, sentence: str) -> None:
    assert sentence in site_text


def test_furniture_is_replaced(built_site: Path, site_text: str) -> None:
    assert "clicking here" not in site_text
    assert "related pages" not in site_text
    home = collect(built_site / "index.html")
    assert any(url.startswith(CURRENT_ADVICE) for _, url in home.links), "home links to the current advice"


@pytest.mark.parametrize("number", range(1, 8))
def test_each_rule_page_has_its_full_2015_wording(built_site: Path, number: int) -> None:
    rules = [collapse(line.replace("\u2022", " ")) for line in SEED.read_text(encoding="utf-8").splitlines()
             if line.strip().startswith("\u2022")]
    assert len(rules) == 7
    page = built_site / "rules" / str(number) / "index.html"
    assert page.exists(), f"/rules/{number}/ exists"
    assert rules[number - 1] in page_text(page)
