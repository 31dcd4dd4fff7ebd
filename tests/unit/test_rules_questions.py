"""The questions, the rules and the outcomes as data."""

from __future__ import annotations

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
        "share_adult_at_risk", "share_legal_duty", "share_public_interest",
        "share_duty_to_share",
    }
    for o in OUTCOMES.values():
        assert o.title and o.summary and o.basis and o.consistent
