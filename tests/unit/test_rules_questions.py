"""The questions, the rules and the outcomes as data."""

from __future__ import annotations

import itertools
import re

from infoshare import FIELDS, OUTCOMES, PAGES, PRINCIPLES, RULES
from infoshare.questions import PAGE_IDS, TEXTAREA_MAX

from .conftest import ROOT


def test_rules_are_one_to_seven_with_site_paths() -> None:
    assert [r.number for r in RULES] == list(range(1, 8))
    for r in RULES:
        assert r.path == f"rules/{r.number}/"
        assert r.title and r.title == r.title.strip()
    assert {p.path.split("#")[0] for p in PRINCIPLES} == {"principles/"}
    assert all(re.fullmatch(r"principles/#[a-z-]+", p.path) for p in PRINCIPLES)


def test_rule_titles_match_the_site_navigation() -> None:
    nav = (ROOT / "mkdocs.yml").read_text("utf-8")
    for r in RULES:
        assert f'"{r.number}. {r.title}": rules/{r.number}.md' in nav


def test_pages_are_well_formed() -> None:
    assert PAGE_IDS[0] == "urgency"
    assert len(set(PAGE_IDS)) == len(PAGE_IDS)
    assert "case_reference" in FIELDS and FIELDS["urgency"].kind == "radios"
    assert [o.value for o in FIELDS["urgency"].options] == ["yes", "no"]
    names = [f.name for p in PAGES for f in p.fields]
    assert len(names) == len(set(names))
    for p in PAGES:
        assert p.rules and set(p.rules) <= set(range(1, 8)), p.id
        on_page = {f.name for f in p.fields}
        for f in p.fields:
            assert f.missing and f.noun and f.label
            assert bool(f.options) == (f.kind in ("radios", "checkboxes")), f.name
            if f.show_if is not None:
                assert f.show_if.field in on_page, f.name
                options = {o.value for o in FIELDS[f.show_if.field].options}
                assert set(f.show_if.values) <= options, f.name
            if not f.required:
                assert f.label.endswith("(optional)"), f.name


def test_error_messages_follow_govuk_style() -> None:
    for f in FIELDS.values():
        verb = f.missing.split()[0]
        assert verb in {"Enter", "Select", "Confirm"}, f.missing
        if f.kind in ("radios", "checkboxes"):
            assert verb in {"Select", "Confirm"}, f.name
        assert not f.missing.endswith(".")
    assert FIELDS["reasons"].missing == "Enter the reasons for your decision"
    assert FIELDS["purpose_clear"].missing == (
        "Select whether you have a clear and legitimate purpose for sharing")
    assert TEXTAREA_MAX == 20_000


def test_case_reference_hint_warns_against_full_names() -> None:
    hint = FIELDS["case_reference"].hint or ""
    assert "initials" in hint and "full name" in hint


def test_outcomes_have_justified_wording() -> None:
    assert set(OUTCOMES) == {
        "emergency", "no_purpose", "seek_advice", "not_personal_data", "share_risk_of_harm",
        "share_not_confidential", "share_with_consent", "do_not_share_or_seek_advice",
        "share_adult_at_risk", "share_legal_duty", "weigh_law_allows", "share_public_interest",
        "share_duty_to_share",
    }
    for o in OUTCOMES.values():
        assert o.title and o.summary and o.basis and o.consistent


def test_article_9_hints_say_which_schedule_1_condition_each_needs() -> None:
    """DPA 2018 s.10: (b) needs Schedule 1 Part 1 paragraph 1, (h) paragraph 2, (g) a Part 2
    condition such as paragraph 18; (c) and (a) need none. Each choice's hint says so, and
    the Schedule 1 question asked for it offers only what fits."""
    from infoshare.questions import SCHEDULE_1, SCHEDULE_1_PAGES

    needs = {"social_protection": "Part 1 paragraph 1",
             "substantial_public_interest": "Part 2",
             "health_social_care": "Part 1 paragraph 2"}
    assert set(SCHEDULE_1) == set(needs)
    for option in FIELDS["art9_condition"].options:
        hint = option.hint or ""
        if option.value in needs:
            assert f"Also needs the condition in Schedule 1 {needs[option.value]}" in hint or (
                f"Also needs a condition in Schedule 1 {needs[option.value]}" in hint), hint
            question = FIELDS[SCHEDULE_1[option.value].name]
            assert question.required
            if option.value not in SCHEDULE_1_PAGES:  # else asked on a page of its own
                assert question.show_if is not None
                assert question.show_if.values == (option.value,)
            labels = [o.label for o in question.options]
            assert all(needs[option.value] in label for label in labels[:1]), labels
        else:
            assert "No Schedule 1 condition is needed" in hint, hint
    # Paragraph 18 is a Part 2 condition: offered first for (g), never for (b) or (h).
    part_2 = [o.value for o in SCHEDULE_1["substantial_public_interest"].options]
    assert part_2[0] == "para_18" and "other" in part_2
    for condition in ("social_protection", "health_social_care"):
        assert not any("18" in o.label for o in SCHEDULE_1[condition].options)
        assert "18" not in (SCHEDULE_1[condition].hint or "")
    assert [o.value for o in FIELDS["para18_reason"].options] == [
        "cannot_give", "cannot_obtain", "would_prejudice"]


def test_a_follow_up_never_depends_on_another_follow_up() -> None:
    """The page nests a follow-up under the question it depends on, one level deep: a
    choice with follow-ups of its own (the Schedule 1 Part 2 condition) has its own page."""
    for p in PAGES:
        for f in p.fields:
            if f.show_if is not None:
                assert FIELDS[f.show_if.field].show_if is None, f.name


def test_the_part_2_page_is_visited_only_for_article_9_2_g() -> None:
    from infoshare import path

    answers = {"urgency": "no", "purpose_clear": "yes", "personal_data": "yes",
               "risk_of_harm": "yes", "confidential": "no", "decision": "share_all",
               "special_category": "yes"}
    for condition in ("social_protection", "vital_interests", "substantial_public_interest",
                      "health_social_care", "explicit_consent"):
        pages = path({**answers, "art9_condition": condition})
        assert ("schedule_1_part_2" in pages) is (condition == "substantial_public_interest")
    assert "article_9" not in path({**answers, "special_category": "no"})


# The pages and their sections, in the order of the journey, with how many questions each
# asks (follow-ups included): one thing per page, and no page asks more than five.
PAGE_PLAN = [
    ("urgency", "About the request", 1),
    ("case_reference", "About the request", 1),
    ("request", "About the request", 5),
    ("purpose", "The decision", 2),
    ("personal_data", "The decision", 1),
    ("risk_of_harm", "The decision", 2),
    ("confidential", "The decision", 1),
    ("consent", "The decision", 3),
    ("views", "The decision", 1),
    ("adult_views", "The decision", 1),
    ("other_basis", "The decision", 1),
    ("decision", "The decision", 1),
    ("departure", "The decision", 1),
    ("lawful_basis", "Sharing", 2),
    ("special_category", "Sharing", 1),
    ("article_9", "Sharing", 3),
    ("schedule_1_part_2", "Sharing", 3),
    ("criminal_offence", "Sharing", 2),
    ("confidence", "Sharing", 1),
    ("sharing", "Sharing", 2),
    ("recipient", "Sharing", 3),
    ("how_shared", "Sharing", 3),
    ("identities", "Sharing", 2),
    ("principles", "Sharing", 2),
    ("telling", "Sharing", 3),
    ("advice", "The record", 4),
    ("reasons", "The record", 1),
    ("decision_maker", "The record", 3),
    ("recorder", "The record", 3),
    ("decision_time", "The record", 2),
]


def test_each_page_asks_about_one_thing_in_its_section() -> None:
    from infoshare.questions import SECTIONS

    assert [(p.id, p.section, len(p.fields)) for p in PAGES] == PAGE_PLAN
    # The sections come in order: the journey never goes back to an earlier one.
    order = [SECTIONS.index(p.section) for p in PAGES]
    assert order == sorted(order) and set(order) == set(range(len(SECTIONS)))


def test_every_field_has_a_statement_for_reading_back() -> None:
    """The record, the check page and an amendment's changes label answers with statements
    ("Facts shared"), not the questions the pages ask."""
    from infoshare.amend import AMENDMENT_FIELDS
    from infoshare.questions import LEGACY_FIELDS

    fields = [*FIELDS.values(), *AMENDMENT_FIELDS, *(legacy.field for legacy in LEGACY_FIELDS.values())]
    for f in fields:
        for statement in (f.statement, f.statement_no_decision):
            if statement is None:
                continue
            assert statement and statement == statement.strip(), f.name
            assert not statement.endswith(("?", ":", ".")), (f.name, statement)
            assert "(optional)" not in statement, f.name
            # Not a question: no inverted verb first ("Is the information ..."); a clause
            # such as "Why consent was not sought" is a statement.
            assert statement.split()[0] not in {"Is", "Are", "Do", "Does", "Did", "Have", "Has",
                                                "Could", "Might", "Can", "Will"}, statement
    assert FIELDS["shared_facts"].statement == "Facts shared"
    assert FIELDS["shared_at"].statement == "Date and time of sharing"
    # Within a page, no two answers shown together read back under the same label.
    for p in PAGES:
        for a, b in itertools.combinations(p.fields, 2):
            if a.statement == b.statement:
                assert a.show_if and b.show_if and a.show_if.field == b.show_if.field, p.id
                assert not set(a.show_if.values) & set(b.show_if.values), p.id


def test_a_record_made_while_seeking_advice_says_who_recorded_it_not_who_decided() -> None:
    restated = {f.name: f.statement_no_decision for f in FIELDS.values()
                if f.statement_no_decision is not None}
    assert restated == {
        "decision_maker_name": "Recorded by",
        "decision_maker_role": "Role of the person who recorded it",
        "decision_maker_organisation": "Organisation of the person who recorded it",
        "decided_at": "Date and time recorded",
    }
    # The same words as the question asked of someone recording another's decision.
    assert FIELDS["recorder_name"].statement == restated["decision_maker_name"]
    assert FIELDS["recorder_role"].statement == restated["decision_maker_role"]
