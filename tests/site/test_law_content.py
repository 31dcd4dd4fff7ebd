"""What the built pages say about the law and the editions: each rule cited by its own edition's
number, the seed called by its true name, the checked date on every page that states law, and the
corrections of November 2026 kept."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from build_scripts.site import sources
from tests.conftest import ROOT
from tests.site.helpers import collapse, collect, page_text

DOCS = ROOT / "docs"

# 2015 rule -> (its number in the 2018 edition, its number in the 2024 edition, or None: no such rule).
COUNTERPARTS = {1: (1, 1), 2: (2, 2), 3: (3, 4), 4: (4, 3), 5: (5, None), 6: (6, 6), 7: (7, 7)}


def article(path: Path) -> str:
    """The page's own content (not the navigation), as text."""
    html = path.read_text(encoding="utf-8")
    match = re.search(r'<article class="md-content__inner md-typeset">(.*?)</article>', html, re.S)
    assert match, path
    tmp = path.with_suffix(".article.tmp")
    tmp.write_text(match.group(1), encoding="utf-8")
    try:
        return page_text(tmp)
    finally:
        tmp.unlink()


def sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+", text) if s.strip()]


def pages(built: Path) -> dict[str, Path]:
    """Built page -> its HTML file, keyed by its Markdown source path."""
    found = {}
    for md in sorted(DOCS.rglob("*.md")):
        rel = md.relative_to(DOCS).as_posix()
        html = built / ("index.html" if rel == "index.md" else rel.removesuffix("index.md").removesuffix(".md")
                        + ("" if rel.endswith("index.md") else "/") + "index.html")
        if html.exists():
            found[rel] = html
    return found


# ---- editions and numbering ---------------------------------------------------------------

@pytest.mark.parametrize("number", range(1, 8))
def test_rule_page_names_its_2018_and_2024_counterparts_by_their_own_numbers(built_site: Path,
                                                                              number: int) -> None:
    text = article(built_site / "rules" / str(number) / "index.html")
    n2018, n2024 = COUNTERPARTS[number]
    assert f"2018 edition: rule {n2018}." in text
    if n2024 is None:
        assert "2024 edition: no matching rule." in text
        assert "Its rule 5 is a different rule" in text
    else:
        assert f"2024 edition: rule {n2024}." in text
    # Never the other way round: no 2024 content under this page's 2015 number when they differ.
    if n2024 is not None and n2024 != number:
        assert f"2024 edition: rule {number}." not in text


def test_editions_page_numbering_table_matches_the_rule_pages(built_site: Path) -> None:
    html = (built_site / "editions" / "index.html").read_text(encoding="utf-8")
    table = re.search(r'<h2 id="numbering">.*?<table>(.*?)</table>', html, re.S)
    assert table
    rows = [[re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td>(.*?)</td>", row, re.S)]
            for row in re.findall(r"<tr>(.*?)</tr>", table.group(1), re.S)]
    by_2015 = {int(r[1]): r for r in rows if r and r[1].isdigit()}
    assert sorted(by_2015) == list(range(1, 8))
    for number, (n2018, n2024) in COUNTERPARTS.items():
        row = by_2015[number]
        assert row[2] == str(n2018)
        assert row[3].split()[0] == ("None" if n2024 is None else str(n2024)), row
    identities = next(r for r in rows if r and r[0].startswith("Protect the identities"))
    assert identities[1:] == ["None", "None", "5"]


def test_law_page_table_cites_2024_rules_by_their_own_numbers(built_site: Path) -> None:
    text = article(built_site / "changes-in-the-law" / "index.html")
    assert "Rule 3: consent is not needed where a child is at risk" in text
    assert "Rule 4: seek advice promptly" in text
    assert "No rule on this. Rule 5 is instead: protect the identities" in text


# ---- whose text the seed is ----------------------------------------------------------------

# Ways of calling the board's copy the government's own text. A page may say it is *not*.
_EDITION = r"(?:(?:March |July |April )?\d{4} )?"  # "the 2015 government advice", "the March 2015 ..."
CLAIMS = [
    re.compile(r"(?<!not )\bthe (?:HM )?government['’]s (?:own )?(?:text|words|wording),? word for word", re.I),
    re.compile(rf"\b(?:quoted|taken|copied) (?:word for word )?from (?:the )?{_EDITION}(?:HM )?government['’]?s? "
               r"(?:advice|guidance|text)", re.I),
    re.compile(r"\bin the government['’]s own words", re.I),
    re.compile(rf"\b(?:quoted )?text (?:quoted )?from the {_EDITION}(?:HM )?government['’]?s? (?:advice|guidance)\b",
               re.I),
    # Any sentence that speaks of the government's advice and calls what is published word for word,
    # verbatim or exact, unless it says it is not, or that the words are the board's.
    re.compile(r"^(?!.*\bnot\b)(?!.*\bboard\b)(?=.*\bgovernment)"
               r"(?=.*\b(?:word for word|verbatim|word-for-word|exactly as)\b)", re.I),
]


def test_claim_patterns_catch_the_old_wording() -> None:
    """Guard: the patterns find the sentences this site used to have, and let the corrections pass."""
    old = ["These rules are quoted from government advice written in March 2015.",
           "The text from the government advice on this page was written in March 2015.",
           "This is the government's text word for word.",
           "Quoted text from the 2015 government advice is published word for word, so it is harder "
           "to read than the rest of the site.",
           "Text quoted from the March 2015 HM Government advice is shown in full.",
           "The rules are copied from the 2015 government advice.",
           "We publish the government's 2015 rules verbatim.",
           "The 2015 rules appear exactly as the government wrote them."]
    new = ["Its copy is not the government's text word for word.",
           "These rules are quoted from a local safeguarding board's copy of government advice.",
           "Text quoted from a local safeguarding board's copy of the 2015 government advice is published "
           "as the board wrote it, so it is harder to read than the rest of the site.",
           "The board's copy is not the government's text word for word: in three rules it leaves words out.",
           "2015, as the board published it, is the board's text, word for word.",
           "Quoted text from a local board's copy of the 2015 government advice is published word for word."]
    assert all(any(c.search(s) for c in CLAIMS) for s in old)
    assert not any(c.search(s) for c in CLAIMS for s in new)


def test_no_page_calls_the_seed_the_governments_text(built_site: Path) -> None:
    found = []
    for src, html in pages(built_site).items():
        for sentence in sentences(article(html)):
            if any(claim.search(sentence) for claim in CLAIMS):
                found.append(f"{src}: {sentence}")
    assert found == []


def test_every_page_quoting_the_seeds_rules_says_whose_text_it_is(built_site: Path) -> None:
    seed = (ROOT / "tests" / "data" / "seed-2015.txt").read_text(encoding="utf-8")
    rules = [" ".join(line.replace("\u2022", " ").split()) for line in seed.splitlines()
             if line.strip().startswith("\u2022")]
    quoting = 0
    for src, html in pages(built_site).items():
        text = article(html)
        if any(rule[:100] in text for rule in rules):  # past rule 6's title, which the helper cites
            quoting += 1
            assert "local safeguarding board" in text or "local safeguarding children board" in text, src
            assert "Written in 2015" in text, src
    assert quoting >= 9  # the rules overview, seven rule pages, the editions page


# ---- checked dates and the register --------------------------------------------------------

def test_every_page_that_states_law_shows_its_checked_date(built_site: Path) -> None:
    register = sources.load_register(DOCS / "sources.yml", sources.today_utc())
    shown = 0
    for src, html in pages(built_site).items():
        result = sources.check_page(src, _front_matter(DOCS / src), _article_links(html), register,
                                    sources.today_utc())
        if not result.states_law:
            assert "Law checked on" not in article(html), src
            continue
        assert result.problems == (), (src, result.problems)
        assert result.checked is not None
        assert f"Law checked on {sources.long_date(result.checked)}" in article(html), src
        shown += 1
    assert shown >= 17


def _front_matter(path: Path) -> dict[str, object]:
    from mkdocs.utils.meta import get_data

    return get_data(path.read_text(encoding="utf-8"))[1]


def _article_links(html: Path) -> list[str]:
    match = re.search(r'<article class="md-content__inner md-typeset">(.*?)</article>',
                      html.read_text(encoding="utf-8"), re.S)
    assert match
    return sources.external_links(match.group(1))


def test_sources_page_lists_every_source_with_its_date(built_site: Path) -> None:
    register = sources.load_register(DOCS / "sources.yml", sources.today_utc())
    page = built_site / "sources" / "index.html"
    ids = collect(page).ids
    text = article(page)
    for source in register.sources:
        assert source.id in ids, source.id
        assert f"Last checked: {sources.long_date(source.checked)}" in text
        if source.url:
            assert source.url in text
    assert "sources.yml" not in [p.name for p in built_site.iterdir()], "the register's YAML is not published"


def test_consent_answer_is_within_two_clicks_of_home(built_site: Path) -> None:
    home = built_site / "index.html"
    links = [url for tag, url in collect(home).links if tag == "a"]
    assert "sharing-without-consent/" in links
    answer = article(built_site / "sharing-without-consent" / "index.html")
    for part in ("2024) says in its rule 3", "Article 6", "Article 9(2)(g)", "paragraph 18",
                 "duty of confidence", "appropriate policy document"):
        assert part in answer, part


# ---- the corrections of November 2026 ------------------------------------------------------

def test_data_use_and_access_act_dates(built_site: Path) -> None:
    law = article(built_site / "changes-in-the-law" / "index.html")
    assert "in force since 5 February 2026" in law
    assert "SI 2026/82" in law
    for html in pages(built_site).values():
        assert "come into force on different dates" not in article(html)


MONTHS = ("January|February|March|April|May|June|July|August|September|October|November|December")
LONG_DATE = rf"\d{{1,2}} (?:{MONTHS}) \d{{4}}"


def test_duty_to_share_is_never_presented_as_in_force(built_site: Path) -> None:
    law = article(built_site / "changes-in-the-law" / "index.html")
    # It says plainly that the duty was not confirmed in force, and when that was checked:
    # the page's own checked date, whatever that date is.
    said = re.search(rf"Not confirmed as in force when we checked on ({LONG_DATE})\.", law)
    assert said, "the 2026 Act's section says it was not confirmed as in force, with the date"
    checked = sources.parse_date(_front_matter(DOCS / "changes-in-the-law.md")["law_checked"])
    assert said.group(1) == sources.long_date(checked)
    qualifiers = ("not", "whether", "until", "once", "when it")
    found = []
    for src, html in pages(built_site).items():
        for sentence in sentences(article(html)):
            lower = sentence.lower()
            if "in force" in lower and ("duty to share" in lower or "2026 act" in lower or "section 4" in lower) \
                    and not any(q in lower for q in qualifiers) and not sentence.endswith("?"):
                found.append(f"{src}: {sentence}")
    assert found == []


def test_schedule_1_paragraph_18_in_full_and_its_article_9_pairing(built_site: Path) -> None:
    law = article(built_site / "changes-in-the-law" / "index.html")
    for reason in ("consent cannot be given", "you cannot reasonably be expected to get consent",
                   "getting consent would prejudice the protection"):
        assert reason in law
    assert "appropriate policy document" in law
    html = (built_site / "changes-in-the-law" / "index.html").read_text(encoding="utf-8")
    rows = {re.sub(r"<[^>]+>", "", r[0]).strip(): re.sub(r"<[^>]+>", "", r[1])
            for r in re.findall(r"<tr>\s*<td>(.*?)</td>\s*<td>(.*?)</td>", html, re.S)}
    assert "Schedule 1, Part 2" in rows["9(2)(g) substantial public interest"]
    assert "paragraph 18" in rows["9(2)(g) substantial public interest"]
    assert "Schedule 1, Part 1, paragraph 1" in rows["9(2)(b) employment, social security and social protection law"]
    assert "Schedule 1, Part 1, paragraph 2" in rows["9(2)(h) health or social care"]


def test_record_afterwards_is_attributed_to_scotland_not_the_ico(built_site: Path) -> None:
    found = []
    for src, html in pages(built_site).items():
        for sentence in sentences(article(html)):
            if "afterwards" in sentence and "ICO" in sentence and "Scotland" not in sentence:
                found.append(f"{src}: {sentence}")
    assert found == []
    law = article(built_site / "changes-in-the-law" / "index.html")
    assert "comes from Scotland's guidance, not from the ICO" in law


def test_principles_are_not_said_to_be_added_in_2018(built_site: Path) -> None:
    found = []
    for src, html in pages(built_site).items():
        for sentence in sentences(article(html)):
            if "2018" in sentence and re.search(r"\badd(?:ed|s)\b", sentence) and "principle" in sentence.lower():
                found.append(f"{src}: {sentence}")
    assert found == []
    assert "already pointed to" in article(built_site / "principles" / "index.html")


# ---- checked dates in the text --------------------------------------------------------------

# "checked on 30 November 2026", "checked, in November 2026", "checked 30 November 2026": a date
# written into a sentence about checking, rather than taken from the page's front matter.
CHECKED_IN_TEXT = re.compile(rf"\bchecked\b[^.\n]{{0,30}}?\b((?:\d{{1,2}} )?(?:{MONTHS}) \d{{4}})", re.I)


def test_checked_date_pattern_finds_the_ways_a_date_is_written_in() -> None:
    """Guard: the pattern finds the sentences the pages used to have, and what they say now."""
    found = ["It was not confirmed as in force when we checked on 30 November 2026.",
             "The most important things we could not confirm when we checked on 30 November 2026:",
             "We last checked, in November 2026, that had not been confirmed.",
             "(govuk-frontend issue 979, checked 30 November 2026)"]
    missed = ["Not confirmed as in force when we checked on {{ law_checked }}.",
              "Royal Assent on 29 April 2026.", "checked. In force since 5 February 2026."]
    assert all(CHECKED_IN_TEXT.search(s) for s in found)
    assert not any(CHECKED_IN_TEXT.search(s) for s in missed)


def _body(path: Path) -> str:
    from mkdocs.utils.meta import get_data

    return get_data(path.read_text(encoding="utf-8"))[0]


def test_no_page_with_a_checked_date_types_a_checked_date_into_its_text() -> None:
    """A page's checked date lives in its front matter only; its text says {{ law_checked }},
    which the build fills in, so re-checking a page means changing one line."""
    found = []
    for md in sorted(DOCS.rglob("*.md")):
        if "law_checked" not in _front_matter(md):
            continue
        for line in _body(md).splitlines():
            for match in CHECKED_IN_TEXT.finditer(line):
                found.append(f"{md.relative_to(DOCS)}: {match.group(0)}")
    assert found == []


def test_no_source_note_types_in_a_checked_date() -> None:
    """The same for the register: a source's checked date is its `checked` field."""
    register = sources.load_register(DOCS / "sources.yml", sources.today_utc())
    found = [f"{s.id}: {m.group(0)}" for s in register.sources for m in CHECKED_IN_TEXT.finditer(s.note)]
    found += [f"{s.id}: {m.group(0)}" for s in register.sources for m in CHECKED_IN_TEXT.finditer(s.edition)]
    assert found == []


def test_every_checked_date_a_page_shows_is_its_own(built_site: Path) -> None:
    """In the built pages, every date said to be when the law was checked is the page's own
    law_checked date (the line under the title, and each sentence the build filled in)."""
    found = []
    filled = 0
    # The sources page lists each source with the date that source was last checked (its
    # own, from the register), which need not be the page's: a source re-checked alone.
    register = {sources.long_date(s.checked)
                for s in sources.load_register(DOCS / "sources.yml", sources.today_utc()).sources}
    for src, html in pages(built_site).items():
        meta = _front_matter(DOCS / src)
        if "law_checked" not in meta:
            continue
        own = sources.long_date(sources.parse_date(meta["law_checked"]))
        text = article(html)
        outside_code = re.sub(r"<code>.*?</code>", "", html.read_text(encoding="utf-8"), flags=re.S)
        assert "law_checked }}" not in outside_code, f"{src}: a placeholder was not filled in"
        for match in CHECKED_IN_TEXT.finditer(text):
            listed = src == "sources.md" and text[max(match.start() - 5, 0):match.start()] == "Last "
            if match.group(1) != own and not (listed and match.group(1) in register):
                found.append(f"{src}: {match.group(0)} (the page's date is {own})")
        filled += "{{ law_checked }}" in _body(DOCS / src)
    assert found == []
    assert filled >= 5  # changes-in-the-law, sharing-without-consent, when-and-how-to-share, glossary, sources


# ---- how sure we are: the words sources.md defines --------------------------------------------

def section_text(path: Path, anchor: str) -> str:
    """The text of one section of a built page: from the heading with this id to the next
    heading of the same level or above."""
    html = path.read_text(encoding="utf-8")
    start = re.search(rf'<h([23]) id="{re.escape(anchor)}"', html)
    assert start, f"{path}: no section #{anchor}"
    level = int(start.group(1))
    end = re.compile(rf"<h[2-{level}][ >]").search(html, start.end())
    tmp = path.with_suffix(".section.tmp")
    tmp.write_text(html[start.start(): end.start() if end else len(html)], encoding="utf-8")
    try:
        return page_text(tmp)
    finally:
        tmp.unlink()


# "Confirmed" means we read the source itself (sources.md). A sentence that says something was
# confirmed (not "partly confirmed", not "not confirmed") from a summary or a copy misuses it.
CONFIRMED = re.compile(r"(?<!not )(?<!partly )(?<!could not )\bconfirm(?:ed|s|ing)?\b", re.I)
SECONDHAND = re.compile(r"\bsummar(?:y|ies)\b|\bcouncil['’]s copy\b|\blaw firm\b|\bpublished report\b|"
                        r"\bnotices?\b", re.I)


def confirmed_from_secondhand(sentence: str) -> bool:
    return bool(CONFIRMED.search(sentence) and SECONDHAND.search(sentence))


def test_confirmed_pattern() -> None:
    assert confirmed_from_secondhand("We confirmed the rule's number and gist from a published summary.")
    assert confirmed_from_secondhand("The order of rules 1 to 5 is confirmed from published summaries only.")
    assert confirmed_from_secondhand("We use it only to confirm how the 2024 edition numbers its rules, a summary.")
    assert not confirmed_from_secondhand("Partly confirmed: we took the number from a published summary.")
    assert not confirmed_from_secondhand("We have not confirmed the rest of this rule, which summaries give.")
    assert not confirmed_from_secondhand("Confirmed: we read the source itself.")


def test_confirmed_is_never_used_for_what_came_from_a_summary_or_a_copy(built_site: Path) -> None:
    found = []
    for src, html in pages(built_site).items():
        for sentence in sentences(article(html)):
            if confirmed_from_secondhand(sentence):
                found.append(f"{src}: {sentence}")
    register = sources.load_register(DOCS / "sources.yml", sources.today_utc())
    for source in register.sources:
        for sentence in sentences(source.note + " " + source.edition):
            if confirmed_from_secondhand(sentence):
                found.append(f"sources.yml {source.id}: {sentence}")
    assert found == []


# Facts the research behind the site found only partly (the sources register says how): (page, anchor of its section, the claim, the words that
# must go with it in the same sentence, or None when the section must say what was read).
PARTLY_SEEN = [
    ("changes-in-the-law", "the-data-use-and-access-act-2025", "They include safeguarding vulnerable individuals",
     "partly confirmed"),
    ("changes-in-the-law", "childrens-wellbeing-and-schools-act-2026", "people who provide services", None),
    ("changes-in-the-law", "childrens-wellbeing-and-schools-act-2026", "consistent identifier", None),
    ("changes-in-the-law", "how-the-rules-changed", "safeguarding or support role", "partly confirmed"),
    ("editions", "what-and-how", "safeguarding or support role", "partly confirmed"),
    ("rules/6", "in-later-editions", "safeguarding or support role", "partly confirmed"),
]


@pytest.mark.parametrize(("page", "anchor", "claim", "marker"), PARTLY_SEEN,
                         ids=[f"{p}#{a}:{c[:20]}" for p, a, c, _ in PARTLY_SEEN])
def test_partly_seen_facts_say_so(built_site: Path, page: str, anchor: str, claim: str, marker: str | None) -> None:
    text = section_text(built_site / page / "index.html", anchor)
    assert claim in text
    if marker is not None:
        assert any(claim in s and marker in s for s in sentences(text)), (claim, marker)
    else:
        # The section says exactly what was read, and which detail is only partly confirmed.
        assert "We read section 4 as enacted" in text
        assert "16LC" in text
        assert any("partly confirmed" in s and "provide services" in s for s in sentences(text))


def test_2024_rule_6_is_summarised_as_seen() -> None:
    """The research behind the site saw "a safeguarding or support role" only in summaries: no page narrows it to a role in
    safeguarding the child."""
    found = [str(md.relative_to(DOCS)) for md in DOCS.rglob("*.md")
             if "role in safeguarding the child" in md.read_text(encoding="utf-8")]
    assert found == []


# ---- what was read for each edition ---------------------------------------------------------

def test_editions_page_says_what_was_read_for_each_edition(built_site: Path) -> None:
    text = article(built_site / "editions" / "index.html")
    numbering = section_text(built_site / "editions" / "index.html", "numbering")
    # Never "from the editions themselves": we have not read the 2015 or the 2024 document.
    assert "from the editions themselves" not in text
    assert "We have not read the 2015 document itself" in text
    assert "We have not read the 2024 document itself" in text
    for what_was_read in ("the order in which the board's page lists them",
                          "a council's copy of the 2015 advice",
                          "a copy of the July 2018 document",
                          "a law firm's summary of the 2024 edition"):
        assert what_was_read in numbering, what_was_read
    html = (built_site / "editions" / "index.html").read_text(encoding="utf-8")
    assert 'href="../sources/#hmg-advice-2018"' in html


def test_the_2018_document_is_in_the_register_with_what_was_read() -> None:
    register = sources.load_register(DOCS / "sources.yml", sources.today_utc()).by_id()
    entry = register["hmg-advice-2018"]
    assert "July 2018" in entry.edition
    assert "copy" in entry.note
    assert "flowchart" in entry.note


# ---- the appropriate policy document ---------------------------------------------------------

# Schedule 1, paragraph 5 requires a policy document "Except as otherwise provided": not every
# Part 2 condition needs one, so no page may say so.
BLANKET_POLICY_CLAIMS = [
    re.compile(r"\b(?:every|all|each|any) (?:of the )?(?:Schedule 1,? )?Part 2 conditions?\b", re.I),
    re.compile(r"(?<!most )(?<!some )(?<!many )\bPart 2 conditions (?:all )?(?:need|require|must have)\b", re.I),
]


def test_blanket_policy_patterns() -> None:
    assert any(c.search("Part 2 conditions need an appropriate policy document.") for c in BLANKET_POLICY_CLAIMS)
    assert any(c.search("Like every Part 2 condition, it needs one.") for c in BLANKET_POLICY_CLAIMS)
    assert not any(c.search("Most Part 2 conditions need one too.") for c in BLANKET_POLICY_CLAIMS)


def test_no_page_says_every_part_2_condition_needs_a_policy_document(built_site: Path) -> None:
    found = [f"{src}: {sentence}" for src, html in pages(built_site).items()
             for sentence in sentences(article(html)) if any(c.search(sentence) for c in BLANKET_POLICY_CLAIMS)]
    assert found == []


def test_paragraph_18_needs_a_policy_document_as_most_part_2_conditions_do(built_site: Path) -> None:
    path = built_site / "changes-in-the-law" / "index.html"
    para_18 = sentences(section_text(path, "schedule-1-paragraph-18"))
    assert any("appropriate policy document" in s and "Paragraph 18" in s for s in para_18), para_18
    assert any("most" in s and "Part 2" in s for s in para_18)
    table = sentences(section_text(path, "article-9-and-schedule-1"))
    assert any("Paragraph 18 needs an appropriate policy document" in s for s in table)
    assert any("Except as otherwise provided" in s for s in sentences(article(path)))


# ---- where the chain of questions comes from ---------------------------------------------------

GUIDANCE_2008 = "https://www.gov.uk/government/publications/information-sharing-for-practitioners-and-managers"


def test_chain_of_questions_is_attributed_only_as_far_as_the_sources_go(built_site: Path) -> None:
    """The research behind the site confirms the 2008 edition's "seven key questions" and the 2018 edition's
    flowchart (its wording not found); nothing says the 2015 edition set out a chain."""
    path = built_site / "when-and-how-to-share" / "index.html"
    intro = sentences(section_text(path, "the-questions-to-ask"))
    assert any("2008" in s and "seven key questions" in s for s in intro), intro
    assert any("2018" in s and "flowchart" in s for s in intro), intro
    assert any("not confirmed" in s and "wording" in s for s in intro), intro
    assert not [s for s in intro if "2015" in s and "question" in s.lower()], intro
    html = path.read_text(encoding="utf-8")
    start = html.index('id="the-questions-to-ask"')
    first_question = html.index('id="question-1"')
    links = re.findall(r'href="([^"]+)"', html[start:first_question])
    assert GUIDANCE_2008 in links, links
    assert "../editions/#the-editions" in links, links
    # The editions page, which it cites, says the same.
    rows = section_text(built_site / "editions" / "index.html", "the-editions")
    assert any("seven key questions" in s for s in sentences(rows))
    assert any("flowchart" in s for s in sentences(rows))
    assert "We have not confirmed the wording of the flowchart" in rows


# ---- facts checked against their sources, November 2026 ----------------------------------------

GIRFEC_13 = "https://www.gov.scot/publications/getting-right-child-girfec-practice-guidance-4-information-sharing/pages/14/"
CWSA_78 = "https://www.legislation.gov.uk/ukpga/2026/21/section/78/enacted"
CA2004_PART_2 = "https://www.legislation.gov.uk/ukpga/2004/31/part/2"
GMC_CHAPTER_5 = ("https://www.gmc-uk.org/professional-standards/the-professional-standards/"
                 "protecting-children-and-young-people/confidentiality-and-sharing-information")

# (page, section, words that must be in one sentence of it, the link that sentence's section must have)
CHECKED_FACTS = [
    # The GMC's guidance: its dates as the GMC's page gives them, and the duty in paragraph 32.
    ("changes-in-the-law", "sector-guidance", ("3 September 2012", "25 May 2018"), None),
    ("sharing-without-consent", "if-you-are-a-doctor-or-work-in-a-school",
     ("paragraph 32", "appropriate agency", "promptly"), GMC_CHAPTER_5),
    # Section 78 is the 2026 Act's commencement section.
    ("changes-in-the-law", "childrens-wellbeing-and-schools-act-2026",
     ("section 78", "commencement", "regulations"), CWSA_78),
    # Scotland: consent is not required where there is a child protection concern, and sharing must
    # still be necessary, proportionate and lawful.
    ("changes-in-the-law", "england-wales-scotland",
     ("consent is not required", "necessary, proportionate and lawful"), GIRFEC_13),
    ("sharing-without-consent", "in-scotland-and-wales",
     ("consent is not required", "necessary, proportionate and lawful"), GIRFEC_13),
    # The Children Act 2004's Part 2 is about children's services in England.
    ("changes-in-the-law", "england-wales-scotland", ("Part 2", "Children's services in England"),
     CA2004_PART_2),
]


@pytest.mark.parametrize(("page", "anchor", "words", "link"), CHECKED_FACTS,
                         ids=[f"{p}#{a}:{w[0]}" for p, a, w, _ in CHECKED_FACTS])
def test_checked_facts_are_stated_and_cited(built_site: Path, page: str, anchor: str, words: tuple[str, ...],
                                            link: str | None) -> None:
    path = built_site / page / "index.html"
    text = section_text(path, anchor)
    assert any(all(w in s for w in words) for s in sentences(text)), (words, text)
    if link is not None:
        html = path.read_text(encoding="utf-8")
        start = html.index(f'id="{anchor}"')
        end = html.find("<h2", start + 1)
        assert f'href="{link}"' in html[start: end if end > 0 else None], link


def test_keeping_children_safe_in_education_claims_no_edition_it_could_not_confirm() -> None:
    kcsie = sources.load_register(DOCS / "sources.yml", sources.today_utc()).by_id()["kcsie"]
    said = f"{kcsie.edition} {kcsie.note}"
    assert "2025 edition" in said
    assert "latest edition we could confirm" in said
    assert "check" in said.lower()
    # A 2026 edition may be mentioned only as not confirmed.
    for sentence in sentences(said):
        if "2026" in sentence:
            assert "could not confirm" in sentence or "draft" in sentence, sentence


def test_gmc_source_says_what_was_read() -> None:
    gmc = sources.load_register(DOCS / "sources.yml", sources.today_utc()).by_id()["gmc-protecting-children"]
    assert "3 September 2012" in gmc.edition and "25 May 2018" in gmc.edition
    assert "paragraph 32" in gmc.note
    assert gmc.cites(GMC_CHAPTER_5)


# ---- one danger box, and what is law and what is advice ------------------------------------------

DANGER_TITLE = re.compile(r'<p class="admonition-title">\s*If a child is in immediate danger\s*</p>')


def test_every_page_has_one_danger_box_the_themes(built_site: Path) -> None:
    """The theme puts the box, with the partnership's contacts, after every title (but the
    helper's); a page of its own adds none, so no page shows two."""
    wrong = []
    for src, html in pages(built_site).items():
        text = html.read_text(encoding="utf-8")
        titles = len(DANGER_TITLE.findall(text))
        themes = text.count('class="admonition danger infoshare-danger"')
        expected = 0 if src.startswith("helper/") else 1
        if titles != expected or themes != expected or text.count("admonition danger") != expected:
            wrong.append(f"{src}: {titles} danger boxes")
    assert wrong == []
    for md in DOCS.rglob("*.md"):
        assert "!!! danger" not in md.read_text(encoding="utf-8"), md


def test_consent_page_does_not_count_the_advice_as_a_legal_requirement(built_site: Path) -> None:
    text = section_text(built_site / "sharing-without-consent" / "index.html", "why-you-can-share-without-consent")
    said = sentences(text)
    assert "Four things" not in text
    assert not [s for s in said if re.search(r"\bneed all (?:four|of them)\b", s)], said
    assert any("advice" in s and "not law" in s for s in said), said
    assert any("need all three" in s for s in said), said


def test_myths_are_attributed_to_the_boards_restatement_not_to_gov_uk(built_site: Path) -> None:
    html = (built_site / "myths" / "index.html").read_text(encoding="utf-8")
    intro = re.search(r"</h1>(.*?)<h2", html, re.S)
    assert intro
    paragraphs = re.findall(r"<p>(.*?)</p>", intro.group(1), re.S)
    about = [p for p in paragraphs if "restated" in p]
    assert len(about) == 1
    for sentence in re.split(r"(?<=\.)\s+", about[0]):
        if "restated" in sentence:
            assert "gov.uk" not in sentence.lower(), sentence
            assert "../sources/#myths-board-restatement" in sentence, sentence
    text = collapse(re.sub(r"<[^>]+>", " ", about[0]))
    assert "We have not read that part of the 2015 document itself" in text
    register = sources.load_register(DOCS / "sources.yml", sources.today_utc()).by_id()
    assert "myths-board-restatement" in register


# ---- the government's 2015 wording, where the board's copy differs -------------------------------

# (section of the editions page, the board's words, the government's words as the page gives them)
WORDING_DIFFERENCES = [
    ("the-law", "but provide a framework to ensure personal information about living individuals",
     "but provide a framework to ensure that personal information about living individuals"),
    ("openness", "Be open and honest from the outset about why, what, how and with who information",
     "Be open and honest with the individual (and/or their family where appropriate) from the outset about why, "
     "what, how and with whom information"),
    ("what-and-how", "Ensure the information you share is necessary",
     "Ensure that the information you share"),
]


@pytest.mark.parametrize(("anchor", "board", "government"), WORDING_DIFFERENCES,
                         ids=[a for a, _, _ in WORDING_DIFFERENCES])
def test_editions_page_shows_the_governments_2015_wording_where_it_differs(built_site: Path, anchor: str,
                                                                          board: str, government: str) -> None:
    text = section_text(built_site / "editions" / "index.html", anchor)
    assert board in text
    assert government in text
    assert "the government's wording" in text
    assert "The board's copy leaves out" in text


def test_editions_page_counts_the_differences_it_shows(built_site: Path) -> None:
    text = article(built_site / "editions" / "index.html")
    assert f"in {['no', 'one', 'two', 'three', 'four'][len(WORDING_DIFFERENCES)]} of the seven rules" in text
    rules_index = article(built_site / "rules" / "index.html")
    assert "in rules 1, 2 and 6 it leaves out words" in rules_index


# ---- the Children's Wellbeing and Schools Act 2026 ------------------------------------------------

CWSA = "https://www.legislation.gov.uk/ukpga/2026/21"


def test_the_2026_act_section_says_what_it_does_and_where_to_read_it(built_site: Path) -> None:
    path = built_site / "changes-in-the-law" / "index.html"
    text = section_text(path, "childrens-wellbeing-and-schools-act-2026")
    said = sentences(text)
    # What it does.
    assert any("education and childcare agencies" in s and "local arrangements" in s for s in said), said
    assert any("duty to share information" in s.lower() for s in said)
    assert "more detrimental to the child" in text
    assert "Royal Assent on 29 April 2026" in article(path)
    # Where to read it, and how to check whether it has started.
    html = path.read_text(encoding="utf-8")
    start = html.index('id="childrens-wellbeing-and-schools-act-2026"')
    section_html = html[start: html.index("<h2", start + 1)]
    for link in (f"{CWSA}/contents", f"{CWSA}/section/2/enacted", f"{CWSA}/section/4/enacted",
                 f"{CWSA}/section/78/enacted"):
        assert f'href="{link}"' in section_html, link
    assert any("To check" in s and "Changes to legislation" in s for s in said), said


# Every page that names the 2026 Act says it is not confirmed as in force, and where to read more.
PAGES_NAMING_THE_2026_ACT = ["changes-in-the-law", "sharing-without-consent", "when-and-how-to-share", "glossary",
                             "rules/1", "sources"]


@pytest.mark.parametrize("page", PAGES_NAMING_THE_2026_ACT)
def test_every_page_naming_the_2026_act_says_it_is_not_confirmed_in_force(built_site: Path, page: str) -> None:
    path = built_site / page / "index.html"
    text = article(path)
    assert "Children's Wellbeing and Schools Act 2026" in text or "2026 Act" in text
    assert re.search(r"not confirmed as in force|not yet confirmed in force", text, re.I), page
    html = path.read_text(encoding="utf-8")
    assert "childrens-wellbeing-and-schools-act-2026" in html or f'href="{CWSA}/contents"' in html, page


def test_the_pages_naming_the_2026_act_are_all_listed(built_site: Path) -> None:
    naming = {src.removesuffix(".md").removesuffix("/index") for src, html in pages(built_site).items()
              if "Children's Wellbeing and Schools Act 2026" in article(html) and not src.startswith("helper/")}
    assert naming <= {*PAGES_NAMING_THE_2026_ACT, "maintaining"}, naming


# ---- sector pointers, on the pages the site says carry them ---------------------------------------

KCSIE = "https://www.gov.uk/government/publications/keeping-children-safe-in-education--2"
GMC = "https://www.gmc-uk.org/professional-standards/professional-standards-for-doctors/protecting-children-and-young-people"
GIRFEC = "https://www.gov.scot/publications/getting-right-child-girfec-practice-guidance-4-information-sharing/"
WALES = "https://www.safeguarding.wales/"

# (page, section, what it must point to: (words, address))
SECTOR_POINTERS = [
    ("changes-in-the-law", "sector-guidance", [("Schools and colleges", KCSIE), ("Doctors", GMC)]),
    ("sharing-without-consent", "if-you-are-a-doctor-or-work-in-a-school",
     [("Schools and colleges", KCSIE), ("Doctors", GMC)]),
    ("changes-in-the-law", "england-wales-scotland", [("Scotland", GIRFEC), ("Wales", WALES)]),
    ("sharing-without-consent", "in-scotland-and-wales", [("Scotland", GIRFEC), ("Wales", WALES)]),
    ("", "where-this-site-applies", [("Scotland", GIRFEC), ("Wales", WALES)]),
]


def _section_html(path: Path, anchor: str) -> str:
    html = path.read_text(encoding="utf-8")
    start = html.index(f'id="{anchor}"')
    end = html.find("<h2", start + 1)
    return html[start: end if end > 0 else None]


@pytest.mark.parametrize(("page", "anchor", "pointers"), SECTOR_POINTERS,
                         ids=[f"{p or 'index'}#{a}" for p, a, _ in SECTOR_POINTERS])
def test_sector_pointers_are_where_the_site_says(built_site: Path, page: str, anchor: str,
                                                 pointers: list[tuple[str, str]]) -> None:
    section = _section_html(built_site / page / "index.html", anchor)
    items = re.findall(r"<li>(.*?)</li>", section, re.S)
    for words, address in pointers:
        assert any(words in item and (f'href="{address}"' in item or f'href="{address.rstrip("/")}' in item)
                   for item in items), (words, address)


def test_links_to_the_sector_and_nations_sections_land_on_them(built_site: Path) -> None:
    """Every link on the site that sends readers to the profession or the nations section reaches a
    section that carries the pointers (so a renamed anchor or a moved list fails here)."""
    targets = {"sector-guidance": [KCSIE, GMC], "england-wales-scotland": [GIRFEC.rstrip("/"), WALES]}
    found = 0
    for src, html in pages(built_site).items():
        for href in re.findall(r'href="([^"]*changes-in-the-law/#(?:sector-guidance|england-wales-scotland))"',
                               html.read_text(encoding="utf-8")):
            anchor = href.rsplit("#", 1)[1]
            section = _section_html(built_site / "changes-in-the-law" / "index.html", anchor)
            for address in targets[anchor]:
                assert f'href="{address}' in section, (src, href, address)
            found += 1
    assert found >= 2
