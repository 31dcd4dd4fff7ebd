"""The helper and the guidance pages cite the same rules at the same addresses.

The rules and principles are defined once, in the infoshare package; this
test fails when a page moves, an anchor is renamed, or a title drifts.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from infoshare.rules import PRINCIPLES, RULES

from tests.site.helpers import collect, page_text


@pytest.mark.parametrize("rule", RULES, ids=lambda r: f"rule-{r.number}")
def test_rule_address_and_title_match_the_site(built_site: Path, rule: object) -> None:
    page = built_site / rule.path / "index.html"  # type: ignore[attr-defined]
    assert page.is_file(), f"{rule.path} is a page of the site"  # type: ignore[attr-defined]
    # The site's navigation names each rule page with the same short title.
    assert rule.title in page_text(built_site / "rules" / "index.html")  # type: ignore[attr-defined]


@pytest.mark.parametrize("principle", PRINCIPLES, ids=lambda p: p.key)
def test_principle_anchor_exists(built_site: Path, principle: object) -> None:
    path, _, anchor = principle.path.partition("#")  # type: ignore[attr-defined]
    page = built_site / path / "index.html"
    assert anchor in collect(page).ids
    assert principle.title in page_text(page)  # type: ignore[attr-defined]
