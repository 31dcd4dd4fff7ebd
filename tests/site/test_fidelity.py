"""Every sentence of the 2015 guidance appears in the built site, word for word.

Only the web-page furniture of the seed may differ: its "can be accessed by
clicking here" sentence becomes a descriptive link to the current advice, and
its "related pages" line becomes the site's own navigation.

On the home page, the board's words sit together in one box marked as the board's
page; nothing of ours is inside it but the link that replaces the furniture sentence,
marked as ours, and the page says exactly what was changed.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
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


# ---- the board's words on the home page ----------------------------------------------------

BOARD_BOX_CLASS = "board-text"
BOARD_LABEL = "The local board's page"
OUR_LINK = "Our link to the current government advice, in place of the board's:"


class _Box(HTMLParser):
    """The HTML inside the first <div> with the given class, and the HTML outside it."""

    def __init__(self, css_class: str) -> None:
        super().__init__(convert_charrefs=False)
        self.css_class = css_class
        self.inside: list[str] = []
        self.outside: list[str] = []
        self._depth = 0
        self._done = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        if self._depth:
            self._depth += tag == "div"
        elif tag == "div" and self.css_class in classes and not self._done:
            self._depth = 1
            return
        (self.inside if self._depth else self.outside).append(self.get_starttag_text() or "")

    def handle_endtag(self, tag: str) -> None:
        if self._depth and tag == "div":
            self._depth -= 1
            if not self._depth:
                self._done = True
                return
        (self.inside if self._depth else self.outside).append(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        (self.inside if self._depth else self.outside).append(data)

    def handle_entityref(self, name: str) -> None:
        self.handle_data(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self.handle_data(f"&#{name};")


def _text_of(html: str, tmp: Path) -> str:
    tmp.write_text(html, encoding="utf-8")
    return page_text(tmp)


def home_seed_sentences() -> list[str]:
    """The seed's sentences before its list of rules, without its title (the page's title)."""
    lines = SEED.read_text(encoding="utf-8").split("The seven golden rules to sharing information")[0]
    found = []
    for line in lines.splitlines():
        line = collapse(line)
        if not line or line == "Information sharing":
            continue
        found += [s for s in re.split(r"(?<=[.!?])\s+(?=[A-Z])", line) if s not in FURNITURE]
    return found


def test_home_page_has_the_boards_words_together_in_a_marked_box(built_site: Path, tmp_path: Path) -> None:
    article = re.search(r'<article class="md-content__inner md-typeset">(.*?)</article>',
                        (built_site / "index.html").read_text(encoding="utf-8"), re.S)
    assert article
    box = _Box(BOARD_BOX_CLASS)
    box.feed(article.group(1))
    inside = _text_of("".join(box.inside), tmp_path / "inside.html")
    outside = _text_of("".join(box.outside), tmp_path / "outside.html")
    seed = home_seed_sentences()
    assert len(seed) == 9  # the sentence, three headings, five sentences under them
    for sentence in seed:
        assert sentence in inside, sentence
        assert sentence not in outside, f"the board's words appear outside its box: {sentence}"
    # Nothing of ours inside the box but its label and our marked link.
    rest = inside
    for sentence in seed:
        rest = rest.replace(sentence, " ", 1)
    rest = rest.replace("\u00b6", " ")  # the theme's "link to this section" marks on headings
    rest = collapse(rest.replace(BOARD_LABEL, " ", 1).replace(OUR_LINK, " ", 1)
                    .replace("Information sharing advice for safeguarding practitioners (GOV.UK).", " ", 1))
    assert rest == "", f"text in the board's box that is not the board's: {rest!r}"
    # The site's own boxes are outside it, before it.
    assert "Do I need consent" in outside
    assert outside.index("Do I need consent") < outside.index("Whose words these are")


def test_home_page_says_exactly_what_was_changed_in_the_boards_page(built_site: Path) -> None:
    html = (built_site / "index.html").read_text(encoding="utf-8")
    section = re.search(r'<h2 id="whose-words-these-are">(.*?)<h2', html, re.S)
    assert section
    text = collapse(re.sub(r"<[^>]+>", " ", section.group(1)))
    for change in ("showed its title, \"Information sharing\", twice",          # the duplicated title
                   "a sentence inviting readers to click a link",                 # the furniture sentence
                   "our own link",
                   "listed the seven golden rules",                               # the rules, on their pages
                   "list of links to the board's other pages",                    # the related pages line
                   "Everything else on this page is ours"):
        assert change in text, change
    assert "exactly as the board wrote it" not in text
    assert "only its link" not in text
